//! Numbers that are never figures: times of day, phone numbers, document references
//! ("see section 3"). They are claimed so that no other recognizer reads them.

use super::gate::Regex;
use super::numbers::{alternation, Numbers};
use super::Candidate;

#[derive(Default)]
pub struct Patterns {
    time: Option<Regex>,
    phone: Option<Regex>,
    reference: Option<Regex>,
}

impl Patterns {
    pub fn new(n: &Numbers) -> Patterns {
        let refs: Vec<String> = n.reference_words.iter().cloned().collect();
        Patterns {
            time: Some(Numbers::compile(
                r"\b\d{1,2}(?::\d{2}){1,2}(?:\s?[ap]\.?m\.?)?|\b\d{1,2}\s?[ap]\.?m\.?(?:\s|$|[,;)])",
            )),
            phone: Some(Numbers::compile(
                r"\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}\b|\(\d{3}\)\s?\d{3}[\s.-]\d{4}\b|\b\d{3}[.-]\d{3}[.-]\d{4}\b|\b\d{3}-\d{4}\b",
            )),
            reference: Some(Numbers::compile(&format!(
                r"(?:^|\b|\s)(?:{})\s?\d+(?:\.\d+)*[a-z]?\b",
                alternation(&refs)
            ))),
        }
    }
}

pub fn find(text: &str, n: &Numbers) -> Vec<Candidate> {
    let p = &n.patterns.ignore;
    let mut out = Vec::new();
    for re in [&p.time, &p.phone, &p.reference].into_iter().flatten() {
        for m in re.find_iter(text) {
            let r = m.range();
            // ("2:05:47", a time taken, is a duration's)
            if super::duration::is_clock_duration(text, r.clone()) {
                continue;
            }
            let trimmed = m.as_str().trim_end_matches([' ', ',', ';', ')']).len();
            out.push(Candidate::ignored(r.start..r.start + trimmed));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::find as find_all;
    use super::super::tests::numbers;

    #[test]
    fn never_figures() {
        for text in [
            "the meeting at 10:30 ended",
            "at 3 pm, talks",
            "call +1 202 555 0100 now",
            "call (202) 555-0100",
            "call 555-1234",
            "see section 3",
            "on page 12 and in Chapter 4",
        ] {
            assert!(find_all(text, &numbers()).is_empty(), "{text}");
        }
    }

    #[test]
    fn ranges_are_not_phones() {
        assert_eq!(find_all("from 2013-2015", &numbers()).len(), 2);
    }
}
