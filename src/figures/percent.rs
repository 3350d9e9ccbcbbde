//! Percentages and shares: "90%", "90 percent", "90 per cent", "ninety percent", "nine in
//! ten", "three-quarters", "nine-tenths", "a sixth of", "all but a tenth", "half of".

use super::gate::Regex;
use super::numbers::{glued_after, glued_before, Numbers};
use super::{Candidate, Interval, Kind, Value};

#[derive(Default)]
pub struct Patterns {
    percent: Option<Regex>,
    in_ten: Option<Regex>,
    in_ten_noun: Option<Regex>,
    fraction: Option<Regex>,
    half: Option<Regex>,
}

impl Patterns {
    pub fn new(n: &Numbers) -> Patterns {
        let (d, w, pw, fw) = (&n.digits, &n.words, &n.percent_words, &n.fraction_words);
        Patterns {
            percent: Some(Numbers::compile(&format!(
                r"(?P<num>{d}|\b{w})(?:\s?%|\s+(?:{pw})\b)"
            ))),
            in_ten: Some(Numbers::compile(&format!(
                r"\b(?P<a>\d{{1,3}}|{w})\s+(?:in|out\s+of)\s+(?P<b>\d{{1,3}}|{w})\b"
            ))),
            // "one home in four", "two pupils in three"
            in_ten_noun: Some(Numbers::compile(&format!(
                r"\b(?P<a>{w})\s+[a-z]+\s+in\s+(?P<b>\d{{1,3}}|{w})\b"
            ))),
            half: Some(Numbers::compile(r"\bhalf\s+(?:of|the)\b")),
            fraction: Some(Numbers::compile(&format!(
                r"\b(?P<but>all\s+but\s+)?(?P<a>{w}|a|an|one)[\s-](?P<den>{fw})\b(?P<of>\s+of\b)?"
            ))),
        }
    }
}

pub fn find(text: &str, n: &Numbers) -> Vec<Candidate> {
    let p = &n.patterns.percent;
    let mut out = Vec::new();
    let push = |out: &mut Vec<Candidate>, span: std::ops::Range<usize>, x: f64, step: f64| {
        out.push(Candidate::figure(
            span,
            45,
            Kind::Percent,
            Value::Number(Interval::rounded(x, step)),
        ));
    };
    if let Some(re) = &p.percent {
        for m in re.captures_iter(text) {
            let whole = m.get(0).expect("match");
            if glued_before(text, whole.start(), &['.', ',']) || glued_after(text, whole.end(), &[])
            {
                continue;
            }
            if let Some((x, step)) = n.parse(&m["num"]) {
                push(&mut out, whole.start()..whole.end(), x, step);
            }
        }
    }
    // "nine in ten"; "one home in four", but not when the "in" places or dates something:
    // "one home in four villages", "three people in 12 hours"
    for (re, noun) in [(&p.in_ten, false), (&p.in_ten_noun, true)] {
        let Some(re) = re else { continue };
        for m in re.captures_iter(text) {
            let whole = m.get(0).expect("match");
            let (Some((a, _)), Some((b, _))) = (n.parse(&m["a"]), n.parse(&m["b"])) else {
                continue;
            };
            let places = noun && {
                let next = text[whole.end()..]
                    .trim_start()
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                !next.is_empty()
                    && super::numbers::with_lower(next, |w| {
                        !n.lexicon.is_stop(w) || n.durations.contains_key(w)
                    })
            };
            if b > a && (2.0..=1000.0).contains(&b) && !places {
                push(
                    &mut out,
                    whole.start()..whole.end(),
                    100.0 * a / b,
                    100.0 / b,
                );
            }
        }
    }
    if let Some(re) = &p.half {
        for m in re.find_iter(text) {
            push(&mut out, m.start()..m.start() + 4, 50.0, 5.0);
        }
    }
    if let Some(re) = &p.fraction {
        for m in re.captures_iter(text) {
            let whole = m.get(0).expect("match");
            let den_word = m["den"].to_lowercase();
            let Some(den) = n.fractions.get(&den_word).copied() else {
                continue;
            };
            let numerator = m["a"].to_lowercase();
            let plural = den_word.ends_with('s');
            // "a third" alone is usually an ordinal ("a third test"): ask for "of" unless plural
            if !plural && m.name("of").is_none() && m.name("but").is_none() {
                continue;
            }
            let Some((a, _)) = n.parse(&numerator) else {
                continue;
            };
            if a >= den {
                continue;
            }
            let mut share = 100.0 * a / den;
            if m.name("but").is_some() {
                share = 100.0 - share;
            }
            let end = m.name("den").expect("den").end();
            push(&mut out, whole.start()..end, share, 100.0 / den / 2.0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::numbers;
    use super::super::{find as find_all, Kind, Value};

    fn pct(text: &str) -> Vec<(String, f64)> {
        find_all(text, &numbers())
            .into_iter()
            .filter(|f| f.kind == Kind::Percent)
            .map(|f| {
                let Value::Number(i) = f.value else { panic!() };
                (text[f.span.clone()].to_string(), (i.lo + i.hi) / 2.0)
            })
            .collect()
    }

    #[test]
    fn every_written_form() {
        for (text, written, value) in [
            ("90% of it", "90%", 90.0),
            ("90 percent", "90 percent", 90.0),
            ("or 90 per cent.", "90 per cent", 90.0),
            ("ninety percent", "ninety percent", 90.0),
            ("nine in ten analysts", "nine in ten", 90.0),
            (
                "only about one home in four is insured",
                "one home in four",
                25.0,
            ),
            (
                "one pupil in ten, the report says",
                "one pupil in ten",
                10.0,
            ),
            ("three-quarters of the debt", "three-quarters", 75.0),
            ("about nine-tenths of the debt", "nine-tenths", 90.0),
            ("a sixth of China's level", "a sixth", 100.0 / 6.0),
            ("all but a tenth of it", "all but a tenth", 90.0),
            ("about half of the total", "half", 50.0),
            ("12.5% growth", "12.5%", 12.5),
        ] {
            let got = pct(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].0, written, "{text}");
            assert!((got[0].1 - value).abs() < 1.0, "{text}: {}", got[0].1);
        }
    }

    #[test]
    fn a_third_test_is_not_a_share() {
        assert!(pct("its third nuclear test").is_empty());
        assert!(pct("a third nuclear test").is_empty());
    }

    #[test]
    fn a_count_in_a_span_of_time_or_a_place_is_not_a_share() {
        assert!(pct("four droughts in five years").is_empty());
        assert!(pct("one clinic in three villages").is_empty());
    }
}
