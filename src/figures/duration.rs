//! Durations, in years: "15 years", "15-year sentence", "twelve years’", "over 20 years",
//! "two decades", "a quarter of a century", "half a century", "a year later", "18 months",
//! "two hours, five minutes and 47 seconds", and a time written on a clock, "2:05:47".

use super::gate::Regex;
use super::numbers::{glued_after, glued_before, with_lower, Numbers};
use super::{Candidate, Interval, Kind, Value};

#[derive(Default)]
pub struct Patterns {
    numbered: Option<Regex>,
    clock: Option<Regex>,
    one: Option<Regex>,
    fraction: Option<Regex>,
}

impl Patterns {
    pub fn new(n: &Numbers) -> Patterns {
        let (d, w, u) = (&n.digits, &n.words, &n.duration_words);
        Patterns {
            numbered: Some(Numbers::compile(&format!(
                r"\b(?P<num>{d}|{w})(?P<half>\s+and\s+a\s+half)?[\s-](?P<unit>{u})\b"
            ))),
            clock: Some(Numbers::compile(
                r"\b(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)\b",
            )),
            one: Some(Numbers::compile(&format!(
                r"\b(?:a|an|one)\s+(?P<unit>{u})\s+(?:later|after|earlier|before|ago|on|long)\b"
            ))),
            fraction: Some(Numbers::compile(&format!(
                r"\b(?:(?P<q>a\s+quarter)|(?P<h>half))\s+(?:of\s+)?an?\s+(?P<unit>{u})\b"
            ))),
        }
    }
}

pub fn find(text: &str, n: &Numbers) -> Vec<Candidate> {
    let p = &n.patterns.duration;
    let mut out = Vec::new();
    let unit_years = |s: &str| with_lower(s, |s| n.durations.get(s).copied());
    if let Some(re) = &p.numbered {
        for m in re.captures_iter(text) {
            let whole = m.get(0).expect("match");
            if glued_before(text, whole.start(), &['.', ',', '$']) {
                continue;
            }
            // "45-year-old" is an age
            let rest = &text[whole.end()..];
            // (no other letter lower-cases to an ASCII "o", "l" or "d")
            if rest
                .trim_start_matches([' ', '-'])
                .get(..3)
                .is_some_and(|w| w.eq_ignore_ascii_case("old"))
                || glued_after(text, whole.end(), &[])
            {
                continue;
            }
            let (Some((x, step)), Some(years)) = (n.parse(&m["num"]), unit_years(&m["unit"]))
            else {
                continue;
            };
            let x = if m.name("half").is_some() { x + 0.5 } else { x };
            // a number word stands for a whole unit: round to half a unit either way
            let value = Interval::rounded(x, step.max(1.0)).scale(years);
            let mut end = whole.end();
            if text[end..].starts_with(['\'', '’']) {
                end += text[end..].chars().next().map_or(0, char::len_utf8);
            }
            out.push(Candidate::figure(
                whole.start()..end,
                42,
                Kind::Duration,
                Value::Number(value),
            ));
        }
    }
    join_compounds(text, &mut out);
    if let Some(re) = &p.clock {
        for m in re.captures_iter(text) {
            let whole = m.get(0).expect("match");
            if !is_clock_duration(text, whole.range()) {
                continue;
            }
            let part = |g: &str| m[g].parse::<f64>().unwrap_or(0.0);
            let seconds = part("h") * 3600.0 + part("m") * 60.0 + part("s");
            out.push(Candidate::figure(
                whole.range(),
                42,
                Kind::Duration,
                Value::Number(Interval::rounded(seconds, 1.0).scale(SECOND)),
            ));
        }
    }
    if let Some(re) = &p.one {
        for m in re.captures_iter(text) {
            let unit = m.name("unit").expect("unit");
            let Some(years) = unit_years(unit.as_str()) else {
                continue;
            };
            let whole = m.get(0).expect("match");
            out.push(Candidate::figure(
                whole.start()..unit.end(),
                42,
                Kind::Duration,
                Value::Number(Interval::rounded(1.0, 0.5).scale(years)),
            ));
        }
    }
    if let Some(re) = &p.fraction {
        for m in re.captures_iter(text) {
            let Some(years) = unit_years(&m["unit"]) else {
                continue;
            };
            let share = if m.name("q").is_some() { 0.25 } else { 0.5 };
            out.push(Candidate::figure(
                m.get(0).expect("match").range(),
                44,
                Kind::Duration,
                Value::Number(Interval::rounded(share * years, 0.1 * years)),
            ));
        }
    }
    out
}

/// A second, in years (as `rules/units.toml` has it).
const SECOND: f64 = 1.0 / (365.25 * 24.0 * 3600.0);

/// Whether a time written on a clock with seconds ("2:05:47") is a time taken, not a time
/// of day: not after "at", "from", "until" or "by", nor before "local", "GMT", "UTC", "am"
/// or "pm" (a time of day is claimed by `ignore`).
pub(super) fn is_clock_duration(text: &str, span: std::ops::Range<usize>) -> bool {
    let digits = text[span.clone()]
        .bytes()
        .filter(u8::is_ascii_digit)
        .count();
    let colons = text[span.clone()].bytes().filter(|&b| b == b':').count();
    if colons != 2 || digits < 5 {
        return false;
    }
    let word_before = text[..span.start]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let after = text[span.end..].trim_start();
    let starts = |w: &str| {
        after
            .get(..w.len())
            .is_some_and(|a| a.eq_ignore_ascii_case(w))
    };
    !["at", "from", "until", "till", "to", "by"]
        .iter()
        .any(|w| word_before.eq_ignore_ascii_case(w))
        && ![
            "local", "gmt", "utc", "am", "pm", "a.m", "p.m", "cet", "bst", "est", "hours", "h ",
        ]
        .iter()
        .any(|w| starts(w))
}

/// "two hours, five minutes and 47 seconds": durations in falling units, joined by a comma
/// or "and", are one duration, as precise as its last part.
fn join_compounds(text: &str, out: &mut Vec<Candidate>) {
    out.sort_by_key(|c| c.span.start);
    let mut joined: Vec<Candidate> = Vec::with_capacity(out.len());
    for c in out.drain(..) {
        let value = |c: &Candidate| match c.figure.as_ref().map(|f| f.value) {
            Some(Value::Number(i)) if i.hi.is_finite() => Some(i),
            _ => None,
        };
        let (Some(last), Some(b)) = (joined.last_mut(), value(&c)) else {
            joined.push(c);
            continue;
        };
        let Some(a) = value(last) else {
            joined.push(c);
            continue;
        };
        let between = text.get(last.span.end..c.span.start).unwrap_or("x").trim();
        // (each part less than the one before: "two hours, five minutes", not "two years
        // and 18 months")
        if matches!(between, "," | "and" | ", and") && b.hi < a.lo / 2.0 {
            let mid = (a.lo + a.hi) / 2.0 + (b.lo + b.hi) / 2.0;
            let half = (b.hi - b.lo) / 2.0;
            last.span.end = c.span.end;
            if let Some(f) = &mut last.figure {
                f.value = Value::Number(Interval::exact(mid - half, mid + half));
                f.span.end = c.span.end;
            }
        } else {
            joined.push(c);
        }
    }
    *out = joined;
}

#[cfg(test)]
mod tests {
    use super::super::tests::numbers;
    use super::super::{find as find_all, Kind, Value};

    fn durations(text: &str) -> Vec<(String, f64)> {
        find_all(text, &numbers())
            .into_iter()
            .filter(|f| f.kind == Kind::Duration)
            .map(|f| {
                let Value::Number(i) = f.value else { panic!() };
                (f.display(text), (i.lo + i.hi) / 2.0)
            })
            .collect()
    }

    #[test]
    fn every_written_form() {
        for (text, shown, years) in [
            ("sentenced to 15 years of hard labor", "15 years", 15.0),
            ("handed a 15-year sentence", "15-year", 15.0),
            ("twelve years’ hard labour", "twelve years’", 12.0),
            ("paid back over 20 years", "20 years", 20.0),
            (
                "in the works for over two decades",
                "over two decades",
                f64::INFINITY,
            ),
            ("a quarter of a century", "a quarter of a century", 25.0),
            ("half a century on", "half a century", 50.0),
            ("A year after the annexation", "A year", 1.0),
            ("within 18 months", "18 months", 1.5),
            ("two and a half years", "two and a half years", 2.5),
        ] {
            let got = durations(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].0, shown, "{text}");
            if years.is_finite() {
                assert!((got[0].1 - years).abs() < 0.01, "{text}: {}", got[0].1);
            } else {
                assert!(got[0].1.is_infinite(), "{text}");
            }
        }
    }

    #[test]
    fn clock_times_and_compound_durations() {
        let n = numbers();
        let got = durations("won in 2:05:47, or two hours, five minutes and 47 seconds");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "2:05:47");
        assert_eq!(got[1].0, "two hours, five minutes and 47 seconds");
        let a = find_all("2:05:47", &n)[0].value;
        let b = find_all("two hours, five minutes and 47 seconds", &n)[0].value;
        let c = find_all("2:05:58", &n)[0].value;
        assert!(a.agrees(&b), "{a:?} {b:?}");
        assert!(!a.agrees(&c));
        // a compound is as precise as its last part
        let d = find_all("two hours, five minutes and 46 seconds", &n)[0].value;
        assert!(!b.agrees(&d));
        // a time of day is none
        assert!(durations("lifted off at 21:14:05 local time").is_empty());
        assert!(durations("the meeting at 10:30 ended").is_empty());
        // and falling units only: two periods are two
        assert_eq!(durations("two years and 18 months").len(), 2);
        let secs = find_all("shut down after 74 seconds", &n);
        assert_eq!(secs.len(), 1);
        assert_eq!(secs[0].kind, Kind::Duration);
    }

    #[test]
    fn ages_and_rates_are_not_durations() {
        assert!(durations("the 45-year-old").is_empty());
        assert!(durations("$1 billion a year").is_empty());
    }

    #[test]
    fn two_decades_agrees_with_twenty_years() {
        let n = numbers();
        let a = find_all("two decades", &n)[0].value;
        let b = find_all("20 years", &n)[0].value;
        let c = find_all("25 years", &n)[0].value;
        assert!(a.agrees(&b));
        assert!(!b.agrees(&c));
    }
}
