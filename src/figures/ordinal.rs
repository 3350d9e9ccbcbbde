//! Ordinals: "third nuclear test", "70th anniversary", "twenty-first century".

use super::gate::Regex;
use super::numbers::Numbers;
use super::{Candidate, Interval, Kind, Value};

#[derive(Default)]
pub struct Patterns {
    digits: Option<Regex>,
    words: Option<Regex>,
}

impl Patterns {
    pub fn new(n: &Numbers) -> Patterns {
        let tens = n.words.clone();
        let ow = &n.ordinal_words;
        let _ = tens;
        Patterns {
            digits: Some(Numbers::compile(r"\b(?P<n>\d{1,4})(?:st|nd|rd|th)\b")),
            words: Some(Numbers::compile(&format!(
                r"\b(?:(?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-])?(?P<o>{ow})\b"
            ))),
        }
    }
}

pub fn find(text: &str, n: &Numbers) -> Vec<Candidate> {
    let p = &n.patterns.ordinal;
    let mut out = Vec::new();
    let push = |out: &mut Vec<Candidate>, span, x: f64| {
        out.push(Candidate::figure(
            span,
            38,
            Kind::Ordinal,
            Value::Number(Interval::rounded(x, 1.0)),
        ));
    };
    if let Some(re) = &p.digits {
        for m in re.captures_iter(text) {
            if let Ok(x) = m["n"].parse::<f64>() {
                push(&mut out, m.get(0).expect("match").range(), x);
            }
        }
    }
    if let Some(re) = &p.words {
        for m in re.captures_iter(text) {
            let Some(o) = n.ordinals.get(&m["o"].to_lowercase()) else {
                continue;
            };
            let t = m
                .name("t")
                .and_then(|t| n.parse(t.as_str()))
                .map_or(0.0, |x| x.0);
            push(&mut out, m.get(0).expect("match").range(), t + o);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::numbers;
    use super::super::{find as find_all, Kind, Value};

    #[test]
    fn every_written_form() {
        for (text, written, x, unit) in [
            (
                "its third nuclear test",
                "third",
                3.0,
                vec!["nuclear", "test"],
            ),
            ("the 70th anniversary of", "70th", 70.0, vec!["anniversari"]),
            (
                "the twenty-first century",
                "twenty-first",
                21.0,
                vec!["centuri"],
            ),
        ] {
            let f = find_all(text, &numbers());
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(f[0].kind, Kind::Ordinal);
            assert_eq!(&text[f[0].span.clone()], written);
            assert_eq!(f[0].unit, unit);
            let Value::Number(i) = f[0].value else {
                panic!()
            };
            assert!(i.lo < x && x < i.hi);
        }
    }
}
