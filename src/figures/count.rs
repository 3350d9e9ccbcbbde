//! Counts of things: "26 world leaders", "four rounds", "thousands of tons", "a dozen",
//! "25 million people", "17 km". The counted noun (see `Numbers::noun_after`) must match
//! for two counts to compare; a number with no noun is not compared at all.

use super::gate::Regex;
use super::numbers::{glued_after, glued_before, with_lower, Numbers};
use super::{Candidate, Interval, Kind, Value};

#[derive(Default)]
pub struct Patterns {
    number: Option<Regex>,
    vague: Option<Regex>,
}

impl Patterns {
    pub fn new(n: &Numbers) -> Patterns {
        let (d, w, sc, vw) = (&n.digits, &n.words, &n.scale_words, &n.vague_words);
        Patterns {
            number: Some(Numbers::compile(&format!(
                r"(?P<num>{d}|\b{w})(?:(?:\s+|-)(?P<scale>{sc})\b|(?P<abbr>[mk]|bn)\b)?"
            ))),
            vague: Some(Numbers::compile(&format!(r"\b(?P<v>(?:a\s+)?(?:{vw}))\b"))),
        }
    }
}

pub fn find(text: &str, n: &Numbers) -> Vec<Candidate> {
    let p = &n.patterns.count;
    let mut out = Vec::new();
    if let Some(re) = &p.number {
        for m in re.captures_iter(text) {
            let whole = m.get(0).expect("match");
            let num = m.name("num").expect("num");
            // (a sign standing alone before a number is its sign, as in a table's column
            // of changes, "-3.6" and "+1.2": the value is read without it, as a percent
            // written "-3.6%" is; "2013-2015" and "3/4" are no counts)
            let signed = text[..whole.start()]
                .strip_suffix(['-', '+', '−'])
                .is_some_and(|before| before.is_empty() || before.ends_with([' ', '\t', '(']));
            if (!signed && glued_before(text, whole.start(), &['.', ',', '$', '#', '/', '-', '+']))
                || glued_after(text, whole.end(), &['%', '/'])
            {
                continue;
            }
            // "a" alone is no count; "one" is mostly a pronoun ("one of the…"): it is kept
            // here, and `figures::find` keeps it only as a list item
            if with_lower(num.as_str(), |w| w == "a") {
                continue;
            }
            let Some(value) = n.scaled(&m) else { continue };
            out.push(Candidate::figure(
                whole.range(),
                20,
                Kind::Count,
                Value::Number(value),
            ));
        }
    }
    if let Some(re) = &p.vague {
        for m in re.captures_iter(text) {
            let v = m["v"].to_lowercase();
            let key = v
                .strip_prefix("a ")
                .unwrap_or(&v)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let Some(&(lo, hi)) = n.vague.get(&key) else {
                continue;
            };
            out.push(Candidate::figure(
                m.get(0).expect("match").range(),
                22,
                Kind::Count,
                Value::Number(Interval::exact(lo, hi)),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::numbers;
    use super::super::{find as find_all, Kind, Value};

    fn counts(text: &str) -> Vec<(String, Vec<String>, f64, f64)> {
        find_all(text, &numbers())
            .into_iter()
            .filter(|f| f.kind == Kind::Count)
            .map(|f| {
                let Value::Number(i) = f.value else { panic!() };
                (text[f.span.clone()].to_string(), f.unit, i.lo, i.hi)
            })
            .collect()
    }

    fn terms(words: &str) -> Vec<String> {
        numbers().noun_after(words, false)
    }

    #[test]
    fn counts_with_nouns() {
        let c = counts("among 26 world leaders who");
        assert_eq!(c[0].0, "26");
        assert_eq!(c[0].1, terms("world leaders"));
        let c = counts("at least four rounds of sanctions");
        assert_eq!(c[0].1, vec!["round".to_string()]);
        let c = counts("twenty-six leaders");
        assert_eq!(
            (c[0].0.as_str(), c[0].2 < 26.0 && 26.0 < c[0].3),
            ("twenty-six", true)
        );
        let c = counts("roughly 25 million people");
        assert!(c[0].2 < 25e6 && 25e6 < c[0].3);
    }

    #[test]
    fn a_sign_standing_alone_is_the_numbers() {
        let c = counts("Capital Region   151,070   -3.6   +1.2");
        let shown: Vec<&str> = c.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(shown, ["151,070", "3.6", "1.2"]);
        // a hyphen between numbers is none
        assert!(counts("pages 10-12").iter().all(|c| c.0 != "12"));
    }

    #[test]
    fn vague_counts() {
        let c = counts("thousands of tons of flour");
        assert_eq!(c[0].1, vec!["ton".to_string()]);
        let h = counts("hundreds of tonnes");
        assert_eq!(h[0].1, c[0].1, "tonnes = tons");
        assert!(h[0].3 < c[0].2, "hundreds < thousands");
        let d = counts("a dozen envoys");
        assert_eq!((d[0].2, d[0].3), (12.0, 12.0));
    }

    #[test]
    fn one_is_not_a_count() {
        assert!(counts("one of the reasons").is_empty());
    }
}
