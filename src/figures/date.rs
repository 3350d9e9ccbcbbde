//! Dates: years, months, month and year, full dates ("Jan. 31, 2017", "31 January 2017",
//! "2017-01-31", "April 28", "the 28th of April"), year ranges ("1950 to 1952", "2013–2015",
//! "1950–52"), decades ("the 2000s"), "mid-2015", "FY2014".

use super::gate::Regex;
use super::numbers::{glued_after, glued_before, with_lower, Numbers};
use super::{Candidate, DateValue, Kind, Role, Value};

const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Words before a bare year or month that mark it as a date.
const DATE_WORDS: &[&str] = &[
    "in", "since", "by", "of", "from", "until", "till", "to", "through", "during", "before",
    "after", "between", "and", "early", "late", "mid", "the", "year", "fiscal", "last", "next",
    "this", "that", "each", "every", "around", "circa", "on", "for", "as", "at", "or",
];

pub const YEAR_MIN: i32 = 1500;
pub const YEAR_MAX: i32 = 2100;

#[derive(Default)]
pub struct Patterns {
    iso: Option<Regex>,
    mdy: Option<Regex>,
    dmy: Option<Regex>,
    my: Option<Regex>,
    ym: Option<Regex>,
    range: Option<Regex>,
    decade: Option<Regex>,
    qualified: Option<Regex>,
    fiscal: Option<Regex>,
    year: Option<Regex>,
    month: Option<Regex>,
}

impl Patterns {
    pub fn new(_: &Numbers) -> Patterns {
        let mon = MONTHS.iter().map(|(m, _)| *m).collect::<Vec<_>>().join("|");
        let full = MONTHS[..12]
            .iter()
            .map(|(m, _)| *m)
            .collect::<Vec<_>>()
            .join("|");
        let c = Numbers::compile;
        Patterns {
            iso: Some(c(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
            mdy: Some(c(&format!(
                r"\b(?P<mon>{mon})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?"
            ))),
            dmy: Some(c(&format!(
                r"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>{mon})\b(?:\.?,?\s+(?P<y>\d{{4}})\b)?"
            ))),
            my: Some(c(&format!(r"\b(?P<mon>{mon})\.?,?\s+(?P<y>\d{{4}})\b"))),
            ym: Some(c(r"\b(?P<y>\d{4})-(?P<m>\d{2})\b")),
            range: Some(c(
                r"\b(?P<a>\d{4})(?P<sep>\s*(?:–|—|-|/)\s*|\s+(?:to|until|through|and)\s+)(?P<b>\d{4}|\d{2})\b",
            )),
            decade: Some(c(r"\b(?P<y>\d{3}0)s\b")),
            qualified: Some(c(r"\b(?P<q>mid|early|late)[\s-](?P<y>\d{4})\b")),
            fiscal: Some(c(r"\bFY\s?'?(?P<y>\d{4}|\d{2})\b")),
            year: Some(c(r"\b\d{4}\b")),
            month: Some(c(&format!(r"\b(?P<mon>{full})\b"))),
        }
    }
}

fn month_number(s: &str) -> Option<u8> {
    with_lower(s, |lower| {
        MONTHS.iter().find(|(m, _)| *m == lower).map(|(_, n)| *n)
    })
}

fn capitalized(s: &str) -> bool {
    s.starts_with(|c: char| c.is_uppercase())
}

/// Whether the word before `at` is a date word ("in", "since"…).
fn after_date_word(text: &str, at: usize) -> bool {
    let prev = text[..at]
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    with_lower(prev, |prev| DATE_WORDS.contains(&prev))
}

fn date(span: std::ops::Range<usize>, priority: u8, value: DateValue) -> Candidate {
    Candidate::figure(span, priority, Kind::Date, Value::Date(value))
}

/// A four-digit number that reads as a year here.
fn plausible_year(text: &str, start: usize, end: usize, y: i32, n: &Numbers) -> bool {
    if !(YEAR_MIN..=YEAR_MAX).contains(&y) {
        return false;
    }
    if glued_before(text, start, &['$', '#', '.', ',', '€', '£', '/', '-'])
        || glued_after(text, end, &['%', '/'])
    {
        return false;
    }
    let after = &text[end..];
    if after.starts_with(['.', ',']) && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // "1500 troops": a plural noun right after and no date word before -> a count
    let next = after
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let next_is_noun = after.starts_with(' ')
        && next.chars().next().is_some_and(char::is_lowercase)
        && next.ends_with('s')
        && !n.lexicon.is_stop(next);
    !next_is_noun || after_date_word(text, start)
}

pub fn find(text: &str, n: &Numbers) -> Vec<Candidate> {
    let p = &n.patterns.date;
    let mut out = Vec::new();
    let num =
        |m: &super::gate::Captures, k: &str| m.name(k).and_then(|x| x.as_str().parse::<i32>().ok());

    if let Some(re) = &p.iso {
        for m in re.captures_iter(text) {
            let (Some(y), Some(mo), Some(d)) = (num(&m, "y"), num(&m, "m"), num(&m, "d")) else {
                continue;
            };
            if (1..=12).contains(&mo) && (1..=31).contains(&d) {
                let v = DateValue {
                    year: Some((y, y)),
                    month: Some(mo as u8),
                    day: Some(d as u8),
                    ..DateValue::default()
                };
                out.push(date(m.get(0).expect("match").range(), 70, v));
            }
        }
    }
    for (re, day_first) in [(&p.mdy, false), (&p.dmy, true)] {
        let Some(re) = re else { continue };
        for m in re.captures_iter(text) {
            let mon = m.name("mon").expect("mon");
            if !capitalized(mon.as_str()) {
                continue;
            }
            let Some(d) = num(&m, "d").filter(|d| (1..=31).contains(d)) else {
                continue;
            };
            let whole = m.get(0).expect("match");
            if day_first && glued_before(text, whole.start(), &['.', ',', '$']) {
                continue;
            }
            let y = num(&m, "y");
            let v = DateValue {
                year: y.map(|y| (y, y)),
                month: month_number(mon.as_str()),
                day: Some(d as u8),
                ..DateValue::default()
            };
            out.push(date(whole.range(), 70, v));
        }
    }
    if let Some(re) = &p.my {
        for m in re.captures_iter(text) {
            let mon = m.name("mon").expect("mon");
            if !capitalized(mon.as_str()) {
                continue;
            }
            let Some(y) = num(&m, "y").filter(|y| (YEAR_MIN..=YEAR_MAX).contains(y)) else {
                continue;
            };
            let v = DateValue {
                year: Some((y, y)),
                month: month_number(mon.as_str()),
                day: None,
                ..DateValue::default()
            };
            out.push(date(m.get(0).expect("match").range(), 65, v));
        }
    }
    if let Some(re) = &p.ym {
        for m in re.captures_iter(text) {
            let whole = m.get(0).expect("match");
            if glued_after(text, whole.end(), &['-']) {
                continue;
            }
            let (Some(y), Some(mo)) = (num(&m, "y"), num(&m, "m")) else {
                continue;
            };
            if (1..=12).contains(&mo) && (YEAR_MIN..=YEAR_MAX).contains(&y) {
                let v = DateValue {
                    year: Some((y, y)),
                    month: Some(mo as u8),
                    day: None,
                    ..DateValue::default()
                };
                out.push(date(whole.range(), 55, v));
            }
        }
    }
    if let Some(re) = &p.range {
        for m in re.captures_iter(text) {
            let (a, b) = (m.name("a").expect("a"), m.name("b").expect("b"));
            let Some(y1) = num(&m, "a") else { continue };
            let Some(raw) = num(&m, "b") else { continue };
            let y2 = if b.as_str().len() == 2 {
                y1 / 100 * 100 + raw
            } else {
                raw
            };
            if y2 <= y1 || y2 - y1 > 200 || !(YEAR_MIN..=YEAR_MAX).contains(&y1) {
                continue;
            }
            let after_b = &text[b.end()..];
            if glued_before(text, a.start(), &['$', '.', ','])
                || (after_b.starts_with(['.', ','])
                    && after_b[1..].starts_with(|c: char| c.is_ascii_digit()))
            {
                continue;
            }
            out.push(date(a.range(), 60, DateValue::year(y1)).with_role(Role::RangeStart));
            out.push(date(b.range(), 60, DateValue::year(y2)).with_role(Role::RangeEnd));
        }
    }
    if let Some(re) = &p.decade {
        for m in re.captures_iter(text) {
            let Some(y) = num(&m, "y").filter(|y| (YEAR_MIN..=YEAR_MAX).contains(y)) else {
                continue;
            };
            let v = DateValue {
                year: Some((y, y + 9)),
                ..DateValue::default()
            };
            out.push(date(m.get(0).expect("match").range(), 55, v));
        }
    }
    for re in [&p.qualified, &p.fiscal] {
        let Some(re) = re else { continue };
        for m in re.captures_iter(text) {
            let Some(mut y) = num(&m, "y") else { continue };
            if y < 100 {
                y += 2000;
            }
            if (YEAR_MIN..=YEAR_MAX).contains(&y) {
                out.push(date(
                    m.get(0).expect("match").range(),
                    55,
                    DateValue::year(y),
                ));
            }
        }
    }
    if let Some(re) = &p.year {
        for m in re.find_iter(text) {
            let Ok(y) = m.as_str().parse::<i32>() else {
                continue;
            };
            if plausible_year(text, m.start(), m.end(), y, n) {
                out.push(date(m.range(), 40, DateValue::year(y)));
            }
        }
    }
    if let Some(re) = &p.month {
        for m in re.captures_iter(text) {
            let whole = m.get(0).expect("match");
            let word = whole.as_str();
            if !capitalized(word) {
                continue;
            }
            // "May" and "March" are also verbs: ask for a date word before or a pause after
            if with_lower(word, |w| matches!(w, "may" | "march")) {
                let rest = &text[whole.end()..];
                let possessive = rest.starts_with("’s") || rest.starts_with("'s");
                let pause = possessive
                    || rest
                        .trim_start()
                        .chars()
                        .next()
                        .is_none_or(|c| ":—–-,.;)".contains(c));
                if !pause && !after_date_word(text, whole.start()) {
                    continue;
                }
            }
            let v = DateValue {
                month: month_number(word),
                ..DateValue::default()
            };
            out.push(date(whole.range(), 35, v));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::numbers;
    use super::super::{find as find_all, DateValue, Kind, Role, Value};

    fn dates(text: &str) -> Vec<(String, DateValue, Role)> {
        find_all(text, &numbers())
            .into_iter()
            .filter(|f| f.kind == Kind::Date)
            .map(|f| {
                let Value::Date(d) = f.value else { panic!() };
                (text[f.span.clone()].to_string(), d, f.role)
            })
            .collect()
    }

    fn ymd(y: Option<i32>, m: Option<u8>, d: Option<u8>) -> DateValue {
        DateValue {
            year: y.map(|y| (y, y)),
            month: m,
            day: d,
            ..DateValue::default()
        }
    }

    #[test]
    fn full_dates() {
        for (text, written, v) in [
            (
                "On Jan. 31, 2017, the",
                "Jan. 31, 2017",
                ymd(Some(2017), Some(1), Some(31)),
            ),
            (
                "on 31 January 2017.",
                "31 January 2017",
                ymd(Some(2017), Some(1), Some(31)),
            ),
            (
                "dated 2017-01-31",
                "2017-01-31",
                ymd(Some(2017), Some(1), Some(31)),
            ),
            (
                "carried out on April 28.",
                "April 28",
                ymd(None, Some(4), Some(28)),
            ),
            (
                "the 28 April launch",
                "28 April",
                ymd(None, Some(4), Some(28)),
            ),
            (
                "on the 28th of April",
                "28th of April",
                ymd(None, Some(4), Some(28)),
            ),
            (
                "in January 2015, he",
                "January 2015",
                ymd(Some(2015), Some(1), None),
            ),
            (
                "start 2014-11 here",
                "2014-11",
                ymd(Some(2014), Some(11), None),
            ),
        ] {
            let got = dates(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].0, written, "{text}");
            assert_eq!(got[0].1, v, "{text}");
        }
    }

    #[test]
    fn ranges_give_two_years() {
        for (text, a, b) in [
            ("from 1950 to 1952", "1950", "1952"),
            ("(1950–1953)", "1950", "1953"),
            ("| 1950–52 |", "1950", "52"),
            ("2013-2015", "2013", "2015"),
        ] {
            let got = dates(text);
            assert_eq!(got.len(), 2, "{text}: {got:?}");
            assert_eq!((got[0].0.as_str(), got[0].2), (a, Role::RangeStart));
            assert_eq!((got[1].0.as_str(), got[1].2), (b, Role::RangeEnd));
        }
        assert_eq!(dates("1950–52")[1].1, super::DateValue::year(1952));
    }

    #[test]
    fn decades_and_qualified_years() {
        assert_eq!(dates("in the 2000s")[0].1.year, Some((2000, 2009)));
        assert_eq!(dates("by mid-2015")[0].0, "mid-2015");
        assert_eq!(dates("FY2014 budget")[0].1.year, Some((2014, 2014)));
    }

    #[test]
    fn years_and_not_years() {
        assert_eq!(dates("in 2013, trade").len(), 1);
        for text in ["$2013", "2,013", "20130", "1500 troops", "2013.5", "#2013"] {
            assert!(dates(text).is_empty(), "{text}: {:?}", dates(text));
        }
        assert!(dates("Resolution 2270").is_empty());
    }

    #[test]
    fn months_alone() {
        assert_eq!(dates("In November, Russia")[0].1.month, Some(11));
        assert_eq!(dates("a February visit")[0].1.month, Some(2));
        assert_eq!(dates("celebration in May.")[0].1.month, Some(5));
        assert_eq!(dates("May — Victory Day")[0].1.month, Some(5));
        assert_eq!(dates("attending May’s parade")[0].1.month, Some(5));
        assert!(dates("Putin may resume").is_empty());
        assert!(dates("It May be wise").is_empty());
        assert!(dates("troops march on").is_empty());
    }
}
