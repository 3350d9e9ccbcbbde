//! Ages: "45-year-old", "45 years old", "aged 45", "at the age of 45", "turned 45" (a
//! figure with a unit, "turned 45 percent", is longer and wins), a name that "was" or
//! "is" a bare number before a pause or a time ("Sareth was 47 on election day"), and a
//! person's age
//! in apposition: "Dr. Helena Marsh, 54, the province's director", "Bae, now 46, was".

use super::gate::Regex;
use super::numbers::Numbers;
use super::{Candidate, Interval, Kind, Value};

#[derive(Default)]
pub struct Patterns {
    age: Option<Regex>,
    apposition: Option<Regex>,
}

impl Patterns {
    pub fn new(n: &Numbers) -> Patterns {
        let w = &n.words;
        Patterns {
            age: Some(Numbers::compile(&format!(
                r"\b(?:(?P<a>\d{{1,3}}|{w})[\s-]years?[\s-]old\b|aged\s+(?P<b>\d{{1,3}}|{w})\b|age\s+of\s+(?P<c>\d{{1,3}}|{w})\b|\bturn(?:s|ed|ing)?\s+(?P<f>\d{{1,3}}|{w})\b)"
            ))),
            // a capitalized name (in any alphabet), then the age between commas (or at the
            // end of the sentence: "said Okafor, 44."), or in parentheses after a name
            // ("Amara Okafor (41)")
            apposition: Some(Numbers::compile(
                r"(?-i:\p{Lu}[\w'’.-]*),\s+(?:now\s+)?(?P<d>\d{1,3})[,.;]|(?-i:\p{Lu}\p{Ll}[\w'’-]*)\s+\((?P<e>\d{1,3})\)|(?-i:\p{Lu}\p{Ll}[\w'’-]*)\s+(?:was|is)\s+(?P<g>\d{1,3})\b",
            )),
        }
    }
}

pub fn find(text: &str, n: &Numbers) -> Vec<Candidate> {
    let Some(re) = &n.patterns.age.age else {
        return Vec::new();
    };
    let mut out: Vec<Candidate> = re
        .captures_iter(text)
        .filter_map(|m| {
            let num = m
                .name("a")
                .or_else(|| m.name("b"))
                .or_else(|| m.name("c"))
                .or_else(|| m.name("f"))?;
            // "turned 59 last month", not "turned 200 people away"
            if m.name("f").is_some() && !age_ends_at(&text[num.end()..]) {
                return None;
            }
            let (x, _) = n.parse(num.as_str())?;
            Some(Candidate::figure(
                m.get(0)?.range(),
                48,
                Kind::Age,
                Value::Number(Interval::rounded(x, 1.0)),
            ))
        })
        .collect();
    if let Some(re) = &n.patterns.age.apposition {
        for m in re.captures_iter(text) {
            let Some(d) = m.name("d").or_else(|| m.name("e")).or_else(|| m.name("g")) else {
                continue;
            };
            // "Sareth was 47 on election day", not "Kestrel was 3 points behind"
            if m.name("g").is_some() && !age_ends_at(&text[d.end()..]) {
                continue;
            }
            let Ok(x) = d.as_str().parse::<f64>() else {
                continue;
            };
            // "In Tarsin, 1,870 cases": a thousands separator, not a closing comma
            let after = &text[m.get(0).map_or(text.len(), |w| w.end())..];
            if (1.0..=120.0).contains(&x) && !after.starts_with(|c: char| c.is_ascii_digit()) {
                out.push(Candidate::figure(
                    d.range(),
                    48,
                    Kind::Age,
                    Value::Number(Interval::rounded(x, 1.0)),
                ));
            }
        }
    }
    out
}

/// Whether what follows a bare number ends it as an age: punctuation, the end, or a word
/// that starts a time or a new clause ("turned 59 last month", "turns 40 in May").
fn age_ends_at(after: &str) -> bool {
    let after = after.trim_start();
    let Some(word) = after.split(|c: char| !c.is_alphabetic()).next() else {
        return true;
    };
    word.is_empty()
        || matches!(
            word.to_lowercase().as_str(),
            "last"
                | "this"
                | "next"
                | "in"
                | "on"
                | "at"
                | "when"
                | "before"
                | "after"
                | "and"
                | "but"
                | "earlier"
                | "later"
                | "during"
                | "while"
                | "today"
                | "yesterday"
        )
}

#[cfg(test)]
mod tests {
    use super::super::tests::numbers;
    use super::super::{find as find_all, Kind};

    #[test]
    fn every_written_form() {
        for (text, written) in [
            ("The 45-year-old is ill", "45-year-old"),
            ("he is 45 years old", "45 years old"),
            ("aged 45, he", "aged 45"),
            ("at the age of forty-five", "age of forty-five"),
            ("said Dr. Helena Marsh, 54, the director", "54"),
            ("Bae, now 46, has been held", "46"),
            ("Dr. Ingrid Ólafsdóttir, 61, has worked", "61"),
            ("Lead author Amara Okafor (41) is based", "41"),
            ("said Prof. Marc Dufresne, 57. He", "57"),
            ("Dravik, who turned 59 last month, said", "turned 59"),
            ("she turns 40, aides said", "turns 40"),
            ("Sareth was 47 on election day", "47"),
        ] {
            let f = find_all(text, &numbers());
            assert_eq!(f.len(), 1, "{text}");
            assert_eq!(f[0].kind, Kind::Age);
            assert_eq!(&text[f[0].span.clone()], written);
        }
        for text in [
            "In Tarsin, 1,870 cases",
            "items 3, 4, 5",
            "Paris, 2024, was",
            "see UN (12) and Table 3 (2019)",
            "rose to Level 3, 4.5 times the rate",
            "the guards turned 200 people away",
            "Kestrel was 3 points behind",
            "The turnout was 58.",
        ] {
            assert!(
                find_all(text, &numbers())
                    .iter()
                    .all(|f| f.kind != Kind::Age),
                "{text}"
            );
        }
    }
}
