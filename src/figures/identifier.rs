//! Numbered things: "Resolution 2270", "Article 5", "Flight 17". The label must match for two
//! identifiers to compare; document references ("section 3") are claimed as non-figures.

use super::numbers::Numbers;
use super::{Candidate, Interval, Kind, Value};
use regex::Regex;

#[derive(Default)]
pub struct Patterns {
    labelled: Option<Regex>,
}

const MONTH_OR_DAY: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

impl Patterns {
    pub fn new(_: &Numbers) -> Patterns {
        Patterns {
            labelled: Some(
                regex::Regex::new(
                    r"(?-u:\b)(?P<label>[A-Z][A-Za-z]+\.?|§|#)\s?(?:No\.\s*)?(?P<num>\d+(?:\.\d+)*)(?-u:\b)",
                )
                .expect("identifier pattern"),
            ),
        }
    }
}

pub fn find(text: &str, n: &Numbers) -> Vec<Candidate> {
    let Some(re) = &n.patterns.identifier.labelled else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for m in re.captures_iter(text) {
        let whole = m.get(0).expect("match");
        let label = m["label"].to_lowercase();
        if MONTH_OR_DAY.contains(&label.trim_end_matches('.')) || n.lexicon.is_stop(&label) {
            continue;
        }
        if text[whole.end()..].starts_with(['%', ','])
            || text[whole.end()..].starts_with(" percent")
        {
            continue;
        }
        // a span of time is no number of a thing: "gave Kestrane 14 days to pay"
        let next = text[whole.end()..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if n.durations.contains_key(&next) {
            continue;
        }
        if n.reference_words.contains(&label) {
            out.push(Candidate::ignored(whole.range()));
            continue;
        }
        let Some((x, _)) = n.parse(&m["num"]) else {
            continue;
        };
        let mut c = Candidate::figure(
            whole.range(),
            36,
            Kind::Identifier,
            Value::Number(Interval::exact(x, x)),
        );
        if let Some(f) = &mut c.figure {
            f.unit = vec![n.lexicon.stem(&label)];
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::numbers;
    use super::super::{find as find_all, Kind};

    #[test]
    fn labelled_numbers() {
        let f = find_all("after Resolution 2270 was adopted", &numbers());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, Kind::Identifier);
        assert_eq!(f[0].unit, vec!["resolut".to_string()]);
        let f = find_all("and gave Kestrane 14 days to pay", &numbers());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, Kind::Duration);
        let a = find_all("Resolution 2207", &numbers())[0].value;
        let b = find_all("Resolution 2270", &numbers())[0].value;
        assert!(!a.agrees(&b));
    }

    #[test]
    fn references_and_sentence_starts_are_not_identifiers() {
        assert!(find_all("see Section 3 and Page 12", &numbers()).is_empty());
        let f = find_all("In 2014 Moscow", &numbers());
        assert_eq!(f[0].kind, Kind::Date);
    }
}
