//! Durations, in years: "15 years", "15-year sentence", "twelve years’", "over 20 years",
//! "two decades", "a quarter of a century", "half a century", "a year later", "18 months".

use super::gate::Regex;
use super::numbers::{glued_after, glued_before, with_lower, Numbers};
use super::{Candidate, Interval, Kind, Value};

#[derive(Default)]
pub struct Patterns {
    numbered: Option<Regex>,
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
