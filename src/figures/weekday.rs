//! Weekdays and years read against the report's date: in a report dated Tuesday 17 June
//! 2025, "the company said on Monday" is 16 June 2025 and "sales of €410 million last
//! year" are 2024's. News reports date their events this way far more often than they
//! write the date out.

use super::numbers::{with_lower, Numbers};
use super::{Candidate, DateValue, Figure, Kind, Value};

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The weekday of a date, Monday 0.
pub fn weekday(y: i32, m: u8, d: u8) -> u8 {
    // 1970-01-01 was a Thursday
    (days_from_civil(y, m, d) + 3).rem_euclid(7) as u8
}

/// The date of a day count (the inverse of `days_from_civil`).
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

/// Words before a weekday that place it in the week of the report ("on Monday", "last
/// Monday", "since Monday"); others ("next Monday", "every Monday") do not.
const BEFORE: &[&str] = &[
    "on", "last", "since", "by", "until", "from", "early", "late",
];
/// Words that put the sentence's weekday after the report ("will vote on Monday").
const FUTURE: &[&str] = &["will", "shall", "next", "coming", "planned", "scheduled"];

/// The weekdays of `text` (one sentence of a report dated `on`) that name a day of the
/// report's week, as dates, added to `found` in order. A weekday written with its date
/// ("Tuesday, 17 September 2024") is that date's, and is left alone.
pub fn resolve(text: &str, on: &DateValue, numbers: &Numbers, found: &mut Vec<Figure>) {
    let (Some((year, _)), Some(month), Some(day)) = (on.year, on.month, on.day) else {
        return;
    };
    if !on.is_full() || numbers.weekdays.is_empty() {
        return;
    }
    let today = days_from_civil(year, month, day);
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    let mut added = false;
    for (k, &(at, word)) in words.iter().enumerate() {
        let Some(w) = numbers.weekday(word) else {
            continue;
        };
        let end = at + word.len();
        let lower = |i: usize| with_lower(words[i].1, str::to_string);
        let placed = k > 0 && BEFORE.contains(&lower(k - 1).as_str());
        let possessive = text[end..].starts_with("'s") || text[end..].starts_with("’s");
        let future = words[k.saturating_sub(6)..k]
            .iter()
            .any(|(_, p)| with_lower(p, |p| FUTURE.contains(&p)));
        // (a weekday with its own date: "Tuesday, 17 September", "Friday 21 March 2025")
        let dated = found
            .iter()
            .any(|f| f.kind == Kind::Date && f.span.start >= end && f.span.start <= end + 3)
            || text[end..]
                .trim_start_matches([',', ' '])
                .starts_with(|c: char| c.is_ascii_digit());
        let taken = found
            .iter()
            .any(|f| f.span.start < end && at < f.full_span().end);
        if !(placed || possessive) || future || dated || taken {
            continue;
        }
        let back = (i64::from(weekday(year, month, day)) - i64::from(w)).rem_euclid(7);
        let (y, m, d) = civil_from_days(today - back);
        let value = DateValue {
            year: Some((y, y)),
            month: Some(m),
            day: Some(d),
            year_inferred: false,
            relative: true,
            weekday: Some(w),
        };
        if let Some(f) = Candidate::figure(at..end, 60, Kind::Date, Value::Date(value)).figure {
            found.push(f);
            added = true;
        }
    }
    if added {
        found.sort_by_key(|f| f.span.start);
    }
}

/// The years of `text` (one sentence of a report dated `on`) named relative to the
/// report's ("last year", "this year", "next year": the rules' `relative_years`), as
/// dates, added to `found` in order.
pub fn resolve_years(text: &str, on: &DateValue, numbers: &Numbers, found: &mut Vec<Figure>) {
    let Some((year, last)) = on.year else {
        return;
    };
    if year != last || numbers.relative_years.is_empty() {
        return;
    }
    let mut added = false;
    with_lower(text, |lower| {
        // (ASCII lower-casing keeps byte offsets; other text is read as written)
        if lower.len() != text.len() {
            return;
        }
        for (phrase, offset) in &numbers.relative_years {
            for (at, _) in lower.match_indices(phrase.as_str()) {
                let end = at + phrase.len();
                let bounded = !lower[..at].ends_with(char::is_alphanumeric)
                    && !lower[end..].starts_with(char::is_alphanumeric);
                let taken = found
                    .iter()
                    .any(|f| f.full_span().start < end && at < f.full_span().end);
                if !bounded || taken {
                    continue;
                }
                let y = year + offset;
                let value = DateValue {
                    year: Some((y, y)),
                    relative: true,
                    ..DateValue::default()
                };
                if let Some(f) =
                    Candidate::figure(at..end, 60, Kind::Date, Value::Date(value)).figure
                {
                    found.push(f);
                    added = true;
                }
            }
        }
    });
    if added {
        found.sort_by_key(|f| f.span.start);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::numbers;
    use super::*;

    fn full(y: i32, m: u8, d: u8) -> DateValue {
        DateValue {
            year: Some((y, y)),
            month: Some(m),
            day: Some(d),
            ..DateValue::default()
        }
    }

    fn dates(text: &str, on: DateValue) -> Vec<(String, (i32, u8, u8))> {
        let n = numbers();
        let mut found = super::super::find(text, &n);
        resolve(text, &on, &n, &mut found);
        found
            .iter()
            .filter_map(|f| match f.value {
                Value::Date(d) if d.is_full() => Some((
                    text[f.span.clone()].to_string(),
                    (d.year.unwrap().0, d.month.unwrap(), d.day.unwrap()),
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn calendar_round_trips() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2024, 12, 31), (2025, 3, 1)] {
            assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
        }
        // 17 June 2025 was a Tuesday
        assert_eq!((days_from_civil(2025, 6, 17) + 3).rem_euclid(7), 1);
    }

    #[test]
    fn a_weekday_is_the_last_such_day_of_the_report() {
        let on = full(2025, 6, 17); // a Tuesday
        assert_eq!(
            dates("the company said on Monday.", on),
            vec![("Monday".to_string(), (2025, 6, 16))]
        );
        assert_eq!(
            dates("Shares fell 18% on Wednesday.", on),
            vec![("Wednesday".to_string(), (2025, 6, 11))]
        );
        assert_eq!(
            dates("The board met on Tuesday", on),
            vec![("Tuesday".to_string(), (2025, 6, 17))]
        );
        assert_eq!(
            dates("Monday's vote was close", full(2025, 1, 1)),
            vec![("Monday".to_string(), (2024, 12, 30))]
        );
    }

    #[test]
    fn a_written_weekday_must_fit_the_calendar() {
        let n = numbers();
        let date = |text: &str| match super::super::find(text, &n)[0].value {
            Value::Date(d) => d,
            v => panic!("{v:?}"),
        };
        let thursday = date("extended on Thursday 21 March to three batches");
        assert_eq!(thursday.weekday, Some(3));
        // 21 March 2025 was a Friday
        assert!(!thursday.agrees(&date("On Friday 21 March 2025, it extended")));
        assert!(!thursday.agrees(&date("on 21 March 2025")));
        assert!(date("on Friday, March 21").agrees(&date("on 21 March 2025")));
        assert!(thursday.agrees(&date("on 21 March")));
    }

    #[test]
    fn last_year_is_the_reports_year_before() {
        let n = numbers();
        let text = "It generated sales of €410 million last year, a third of revenue.";
        let mut found = super::super::find(text, &n);
        resolve_years(text, &full(2025, 3, 11), &n, &mut found);
        let years: Vec<(&str, Option<(i32, i32)>)> = found
            .iter()
            .filter_map(|f| match f.value {
                Value::Date(d) => Some((&text[f.span.clone()], d.year)),
                _ => None,
            })
            .collect();
        assert_eq!(years, vec![("last year", Some((2024, 2024)))]);
        assert_eq!(found[1].display(text), "last year (2024)");
        let mut none = super::super::find("the last yearling", &n);
        resolve_years("the last yearling", &full(2025, 3, 11), &n, &mut none);
        assert!(none.is_empty());
    }

    #[test]
    fn future_and_dated_weekdays_are_left_alone() {
        let on = full(2025, 6, 17);
        assert!(dates("The board will meet on Monday.", on).is_empty());
        assert!(dates("It closes next Friday.", on).is_empty());
        assert!(dates("Monday was quiet", on).is_empty());
        let dated = dates("approved on Tuesday, 17 September 2024", on);
        assert_eq!(dated.len(), 1);
        assert_eq!(dated[0].0, "17 September 2024");
    }
}
