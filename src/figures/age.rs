//! Ages: "45-year-old", "45 years old", "aged 45", "at the age of 45".

use super::numbers::Numbers;
use super::{Candidate, Interval, Kind, Value};
use regex::Regex;

#[derive(Default)]
pub struct Patterns {
    age: Option<Regex>,
}

impl Patterns {
    pub fn new(n: &Numbers) -> Patterns {
        let w = &n.words;
        Patterns {
            age: Some(Numbers::compile(&format!(
                r"\b(?:(?P<a>\d{{1,3}}|{w})[\s-]years?[\s-]old\b|aged\s+(?P<b>\d{{1,3}}|{w})\b|age\s+of\s+(?P<c>\d{{1,3}}|{w})\b)"
            ))),
        }
    }
}

pub fn find(text: &str, n: &Numbers) -> Vec<Candidate> {
    let Some(re) = &n.patterns.age.age else {
        return Vec::new();
    };
    re.captures_iter(text)
        .filter_map(|m| {
            let num = m
                .name("a")
                .or_else(|| m.name("b"))
                .or_else(|| m.name("c"))?;
            let (x, _) = n.parse(num.as_str())?;
            Some(Candidate::figure(
                m.get(0)?.range(),
                48,
                Kind::Age,
                Value::Number(Interval::rounded(x, 1.0)),
            ))
        })
        .collect()
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
        ] {
            let f = find_all(text, &numbers());
            assert_eq!(f.len(), 1, "{text}");
            assert_eq!(f[0].kind, Kind::Age);
            assert_eq!(&text[f[0].span.clone()], written);
        }
    }
}
