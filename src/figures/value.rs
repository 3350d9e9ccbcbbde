//! Figure values: numeric intervals (hedges and rounding included) and partial dates.

use crate::rules::Hedge;

/// A closed interval of plausible values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

impl Interval {
    /// The values a number written with `step` precision stands for: `x ± step / 2`.
    pub fn rounded(x: f64, step: f64) -> Interval {
        Interval {
            lo: x - step / 2.0,
            hi: x + step / 2.0,
        }
    }

    pub fn exact(lo: f64, hi: f64) -> Interval {
        Interval { lo, hi }
    }

    /// Widens by a hedge: "nearly x" is `[lo * x, x]`, "about x" `[lo * x, hi * x]`. The
    /// hedge takes the place of the number's own rounding: "nearly 9" is `[8.1, 9]`, not
    /// `[7.65, 9]`, since the writer who hedges has said how loosely the number is meant.
    pub fn hedged(self, h: &Hedge) -> Interval {
        let mid = (self.lo + self.hi) / 2.0;
        Interval {
            lo: times(h.lo.0, mid),
            hi: times(h.hi.0, mid),
        }
    }

    /// Whether the two intervals share more than a boundary point.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let point = |i: &Interval| i.lo == i.hi;
        if point(self) || point(other) {
            return self.lo <= other.hi && other.lo <= self.hi;
        }
        self.lo < other.hi && other.lo < self.hi
    }

    pub fn scale(self, k: f64) -> Interval {
        Interval {
            lo: self.lo * k,
            hi: self.hi * k,
        }
    }
}

/// A hedge's bound times a value, where `0 * inf` (NaN, which agrees with nothing) is the
/// unbounded side: "at least 0" (`inf * 0`) is unbounded above, a lower bound of 0 stays 0.
fn times(k: f64, x: f64) -> f64 {
    let p = k * x;
    match p.is_nan() {
        true if k.is_infinite() => k,
        true => 0.0,
        false => p,
    }
}

/// A date as precise as it was written: any of year (range), month, day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateValue {
    /// First and last year (inclusive); equal for a single year.
    pub year: Option<(i32, i32)>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// The year is not written but read from the report's date (see `in_report_of`): a
    /// date that names no year is compared with it as with a date without one.
    pub year_inferred: bool,
    /// Read against the report's date ("said on Monday", "sales last year"): it may
    /// support a brief's date, but it is no ground to call one wrong (which week or year
    /// the writer counted from is the reader's guess).
    pub relative: bool,
    /// The weekday written with it ("Thursday 21 March"), Monday 0.
    pub weekday: Option<u8>,
}

impl DateValue {
    pub fn year(y: i32) -> DateValue {
        DateValue {
            year: Some((y, y)),
            ..DateValue::default()
        }
    }

    /// Whether the date names a day, a month and a single year.
    pub fn is_full(&self) -> bool {
        self.day.is_some() && self.month.is_some() && self.year.is_some_and(|(a, b)| a == b)
    }

    /// A month (or day and month) without a year, read in a report dated `on`: the year
    /// that puts it in the nine months before that date or the three after ("paid out in
    /// December" in a report of 14 January 2026 is December 2025; "the maiden flight on 18
    /// April" in one of 7 November 2025 is April 2025; "by the end of September" in one of
    /// June 2024 is September 2024). A report tells of what happened more than of what
    /// is to come; when its sentence speaks of a plan (`ahead`: "will", "planned"), the
    /// window is the year from half a month before.
    pub fn in_report_of(&mut self, on: &DateValue, ahead: bool) {
        let (Some(month), None, Some((year, _)), Some(on_month)) =
            (self.month, self.year, on.year, on.month)
        else {
            return;
        };
        // days, with every month 31 long: a year is 372
        let at = |y: i32, m: u8, d: Option<u8>| {
            i64::from(y) * 372 + i64::from(m) * 31 + i64::from(d.unwrap_or(15))
        };
        let then = at(year, on_month, on.day);
        let (before, after) = if ahead { (15, 357) } else { (279, 93) };
        let read = [year - 1, year, year + 1]
            .into_iter()
            .find(|&y| (-before + 1..=after).contains(&(at(y, month, self.day) - then)))
            .unwrap_or(year);
        self.year = Some((read, read));
        self.year_inferred = true;
    }

    /// Whether the two dates state at least one component in common. A date with a year
    /// and one without are compared only when both name a day: "February" may be any
    /// year's February, "April 28" is one day that "April 28, 2016" can be checked against.
    pub fn comparable(&self, other: &DateValue) -> bool {
        if self.year.is_some() != other.year.is_some() {
            // ("in December", read as December 2025, and "December": both name a month)
            let inferred = self.year_inferred || other.year_inferred;
            return self.day.is_some() && other.day.is_some()
                || inferred && self.month.is_some() && other.month.is_some();
        }
        (self.year.is_some() && other.year.is_some())
            || (self.month.is_some() && other.month.is_some())
    }

    /// Whether every component both state agrees (year ranges overlap; a day is compared
    /// only when both also state the month).
    pub fn agrees(&self, other: &DateValue) -> bool {
        if let (Some(a), Some(b)) = (self.year, other.year) {
            if a.1 < b.0 || b.1 < a.0 {
                return false;
            }
        }
        if let (Some(a), Some(b)) = (self.month, other.month) {
            if a != b {
                return false;
            }
            if let (Some(x), Some(y)) = (self.day, other.day) {
                if x != y {
                    return false;
                }
                // "Thursday 21 March" against "Friday 21 March 2025", or against "21 March
                // 2025" (a Friday)
                if let (Some(a), Some(b)) = (self.weekday, other.weekday) {
                    return a == b;
                }
                let weekday = self.weekday.or(other.weekday);
                let year = match (self.year, other.year) {
                    (Some((a, b)), _) | (None, Some((a, b))) if a == b => Some(a),
                    _ => None,
                };
                if let (Some(w), Some(year)) = (weekday, year) {
                    return super::weekday::weekday(year, a, x) == w;
                }
            }
        }
        true
    }
}

/// A figure's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Number(Interval),
    Date(DateValue),
}

impl Value {
    pub fn agrees(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => a.overlaps(b),
            (Value::Date(a), Value::Date(b)) => a.agrees(b),
            _ => false,
        }
    }

    /// A date read against the report's date (see `DateValue::relative`).
    pub fn relative(&self) -> bool {
        matches!(self, Value::Date(d) if d.relative)
    }

    pub fn comparable(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Number(_), Value::Number(_)) => true,
            (Value::Date(a), Value::Date(b)) => a.comparable(b),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_month_without_a_year_is_read_in_its_report_year() {
        let on = DateValue {
            year: Some((2026, 2026)),
            month: Some(1),
            day: Some(14),
            ..Default::default()
        };
        let read = |month: u8, day: Option<u8>| {
            let mut d = DateValue {
                month: Some(month),
                day,
                ..Default::default()
            };
            d.in_report_of(&on, false);
            d.year
        };
        assert_eq!(read(12, None), Some((2025, 2025)));
        assert_eq!(read(1, Some(13)), Some((2026, 2026)));
        assert_eq!(read(3, None), Some((2026, 2026)));
        // a report tells of the past: April of a report of January is last April, unless
        // its sentence speaks of a plan
        assert_eq!(read(4, Some(18)), Some((2025, 2025)));
        assert_eq!(read(9, None), Some((2025, 2025)));
        let ahead = |month: u8| {
            let mut d = DateValue {
                month: Some(month),
                ..Default::default()
            };
            d.in_report_of(&on, true);
            d.year
        };
        assert_eq!(ahead(9), Some((2026, 2026)));
        assert_eq!(ahead(12), Some((2026, 2026)));
        assert_eq!(ahead(1), Some((2026, 2026)));
        // a written year stays
        let mut d = DateValue::year(2019);
        d.in_report_of(&on, false);
        assert_eq!(d.year, Some((2019, 2019)));
        assert!(!d.year_inferred);
        // "in December" read as December 2025 still compares with "December"
        let mut dec = DateValue {
            month: Some(12),
            ..Default::default()
        };
        let bare = dec;
        dec.in_report_of(&on, false);
        assert!(dec.comparable(&bare) && dec.agrees(&bare));
    }

    use super::*;
    use crate::rules::{Bound, Hedge};

    fn hedge(lo: f64, hi: f64) -> Hedge {
        Hedge {
            name: "h".into(),
            words: vec![],
            lo: Bound(lo),
            hi: Bound(hi),
        }
    }

    #[test]
    fn hedged_intervals_agree_as_expected() {
        let ten = Interval::rounded(10.0, 1.0);
        let nearly_ten = ten.hedged(&hedge(0.85, 1.0));
        let about_ten = ten.hedged(&hedge(0.85, 1.15));
        let eleven = Interval::rounded(11.0, 1.0);
        let nine_nine = Interval::rounded(9.9, 0.1);
        assert!(about_ten.overlaps(&nearly_ten));
        assert!(about_ten.overlaps(&nine_nine));
        assert!(!nearly_ten.overlaps(&eleven));
        assert!(!ten.overlaps(&eleven));
        let at_least_four = Interval::rounded(4.0, 1.0).hedged(&hedge(1.0, f64::INFINITY));
        assert!(at_least_four.overlaps(&Interval::rounded(5.0, 1.0)));
        assert!(!at_least_four.overlaps(&Interval::rounded(3.0, 1.0)));
        // "at least" an exact 0 is unbounded above, not NaN.
        let at_least_zero = Interval::exact(0.0, 0.0).hedged(&hedge(1.0, f64::INFINITY));
        assert_eq!(at_least_zero, Interval::exact(0.0, f64::INFINITY));
    }

    #[test]
    fn dates_compare_by_shared_components() {
        let jan31_2017 = DateValue {
            year: Some((2017, 2017)),
            month: Some(1),
            day: Some(31),
            ..Default::default()
        };
        let apr28 = DateValue {
            month: Some(4),
            day: Some(28),
            ..Default::default()
        };
        let apr26 = DateValue {
            day: Some(26),
            ..apr28
        };
        assert!(!apr28.agrees(&apr26));
        assert!(apr28.comparable(&apr26));
        assert!(!jan31_2017.agrees(&DateValue::year(2016)));
        assert!(jan31_2017.agrees(&DateValue::year(2017)));
        assert!(!apr28.comparable(&DateValue::year(2016)));
        let feb = DateValue {
            month: Some(2),
            ..Default::default()
        };
        assert!(
            !feb.comparable(&jan31_2017),
            "a month without a year is any year's"
        );
        assert!(apr28.comparable(&DateValue {
            year: Some((2016, 2016)),
            ..apr28
        }));
        let range = DateValue {
            year: Some((2000, 2009)),
            ..Default::default()
        };
        assert!(range.agrees(&DateValue::year(2004)));
    }
}
