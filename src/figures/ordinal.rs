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

    #[test]
    fn what_an_ordinal_ranks() {
        let units = |text: &str| -> Vec<Vec<String>> {
            find_all(text, &numbers())
                .into_iter()
                .filter(|f| f.kind == Kind::Ordinal)
                .map(|f| f.unit)
                .collect()
        };
        let rank = || vec![vec![super::super::numbers::RANK.to_string()]];
        // a word of rank before it or after it: one standing
        assert_eq!(units("Holm finished fourth"), rank());
        assert_eq!(units("Holm came in fourth place"), rank());
        assert_eq!(units("the team is ranked second"), rank());
        // but a rank word further on is no unit ("a second explosive phase came")
        assert_eq!(
            units("a second explosive phase came"),
            [vec!["explos", "phase", "come"]]
        );
        // no word of rank before it, nor "the" or a possessive: nothing
        assert_eq!(units("they are currently ninth"), [Vec::<String>::new()]);
        // a unit of time
        assert_eq!(units("for the third year in a row"), [vec!["year"]]);
        assert_eq!(units("for the sixth year running"), [vec!["year", "run"]]);
        // a list's later ordinals rank what the first ranked, past a closed aside, not
        // past a semicolon
        let region = vec!["popul".to_string(), "region".to_string()];
        assert_eq!(
            units("Brenmoor is the second most populous region, Saltreach the third"),
            [region.clone(), region.clone()]
        );
        assert_eq!(
            units("Halden (291,400) is the second most populous region and Dunmere (241,800) the fourth."),
            [region.clone(), region]
        );
        // after "the" or a possessive, with nothing after it: what its clause names before
        let has = |text: &str, term: &str| units(text)[0].iter().any(|u| u == term);
        assert!(has(
            "in the election to the Regional Assembly, the ninth since 1993",
            "elect"
        ));
        assert!(has(
            "The census was the country's ninth since 1954.",
            "census"
        ));
        assert!(has(
            "ANSBY (MTW) — Dockers began a strike, the third in a month",
            "strike"
        ));
        assert_eq!(
            units("Brenmoor is the second most populous region; Saltreach the third"),
            [vec!["popul".to_string(), "region".to_string()], vec![]]
        );
    }
}
