//! Multipliers: "tenfold", "10-fold", "ten times", "doubled", "twice".

use super::gate::Regex;
use super::numbers::{glued_before, Numbers};
use super::{Candidate, Interval, Kind, Value};

#[derive(Default)]
pub struct Patterns {
    fold: Option<Regex>,
    times: Option<Regex>,
    word: Option<Regex>,
}

impl Patterns {
    pub fn new(n: &Numbers) -> Patterns {
        let (d, w, mw) = (&n.digits, &n.words, &n.multiplier_words);
        Patterns {
            fold: Some(Numbers::compile(&format!(
                r"\b(?P<num>{d}|{w})[\s-]?fold\b"
            ))),
            times: Some(Numbers::compile(&format!(r"\b(?P<num>{d}|{w})\s+times\b"))),
            word: Some(Numbers::compile(&format!(r"\b(?P<w>{mw})\b"))),
        }
    }
}

pub fn find(text: &str, n: &Numbers) -> Vec<Candidate> {
    let p = &n.patterns.multiplier;
    let mut out = Vec::new();
    for re in [&p.fold, &p.times] {
        let Some(re) = re else { continue };
        for m in re.captures_iter(text) {
            let whole = m.get(0).expect("match");
            if glued_before(text, whole.start(), &['.', ',', '$']) {
                continue;
            }
            let Some((x, step)) = n.parse(&m["num"]) else {
                continue;
            };
            if x < 1.0 {
                continue;
            }
            out.push(Candidate::figure(
                whole.range(),
                46,
                Kind::Multiplier,
                Value::Number(Interval::rounded(x, step)),
            ));
        }
    }
    if let Some(re) = &p.word {
        for m in re.captures_iter(text) {
            let Some(x) = n.multipliers.get(&m["w"].to_lowercase()) else {
                continue;
            };
            out.push(Candidate::figure(
                m.get(0).expect("match").range(),
                30,
                Kind::Multiplier,
                Value::Number(Interval::rounded(*x, 0.2)),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::numbers;
    use super::super::{find as find_all, Kind, Role, Value};

    #[test]
    fn every_written_form() {
        for (text, written, x) in [
            ("grow trade almost tenfold", "tenfold", 10.0),
            ("a 10-fold rise", "10-fold", 10.0),
            ("twentyfold", "twentyfold", 20.0),
            ("rose ten times over", "ten times", 10.0),
            ("trade doubled", "doubled", 2.0),
        ] {
            let f = find_all(text, &numbers());
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(f[0].kind, Kind::Multiplier);
            assert_eq!(&text[f[0].span.clone()], written);
            let Value::Number(i) = f[0].value else {
                panic!()
            };
            assert!(i.lo <= x && x <= i.hi);
        }
    }

    #[test]
    fn comparisons_are_marked() {
        let f = find_all("roughly ten times the 2013 level", &numbers());
        assert_eq!(f[0].role, Role::Comparison);
        let f = find_all("trade grew tenfold", &numbers());
        assert_eq!(f[0].role, Role::Plain);
        for text in ["twice the 2013 level", "fined double what it paid"] {
            let f = find_all(text, &numbers());
            assert_eq!(f[0].role, Role::Comparison, "{text}");
        }
        for text in [
            "trade doubled the next year",
            "tripling the output",
            "grew tenfold the next year",
        ] {
            let f = find_all(text, &numbers());
            assert_eq!(f[0].role, Role::Plain, "{text}");
        }
    }
}
