//! Money: "$10 billion", "US$10bn", "$1.09bn", "$10B", "~$600m", "USD 10 billion",
//! "10 billion dollars", "ten billion dollars", "$10,000 million". Currencies from rules.

use super::gate::Regex;
use super::numbers::{alternation, glued_after, glued_before, Numbers};
use super::{Candidate, Kind, Value};

#[derive(Default)]
pub struct Patterns {
    /// Currency written before the number.
    before: Option<Regex>,
    /// Currency written after the number.
    after: Option<Regex>,
    /// A currency code the rules do not know, written before a number with a scale word:
    /// "EVD 1.3bn", "CDM 230 million" (three capital letters, as ISO codes are).
    code: Option<Regex>,
    /// Each currency's written forms before and after a number, normalized (see `norm`),
    /// with its code, in the rules' order.
    before_codes: Vec<(String, (String, f64))>,
    after_codes: Vec<(String, (String, f64))>,
}

/// A currency as written, spaces out and lower case: "US $" -> "us$".
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<String>().to_lowercase()
}

impl Patterns {
    pub fn new(n: &Numbers) -> Patterns {
        let befores: Vec<String> = n.currencies.iter().flat_map(|c| c.before.clone()).collect();
        let afters: Vec<String> = n.currencies.iter().flat_map(|c| c.after.clone()).collect();
        let (d, w, sc) = (&n.digits, &n.words, &n.scale_words);
        let before = format!(
            r"(?P<cur>{})\s?(?P<num>{d})(?:(?:\s+|-)?(?P<scale>{sc})\b|(?P<abbr>[bmk]n?|mln|tn)\b)?",
            alternation(&befores)
        );
        // (a one-letter form is glued to the number: "369p")
        let after = format!(
            r"\b(?P<num>{d}|{w})(?:(?:\s+|-)(?P<scale>{sc}))?(?P<gap>\s*)(?P<cur>{})\b",
            alternation(&afters)
        );
        let codes = |forms: fn(&crate::rules::Currency) -> &Vec<String>| {
            n.currencies
                .iter()
                .flat_map(|c| forms(c).iter().map(|x| (norm(x), (c.code.clone(), c.unit))))
                .collect()
        };
        let code = format!(
            r"(?-i:\b(?P<cur>[A-Z]{{3}}))\s(?P<num>{d})(?:(?:\s+|-)?(?P<scale>{sc})\b|(?P<abbr>bn|mln|tn)\b)"
        );
        Patterns {
            before: Some(Numbers::compile(&before)),
            after: Some(Numbers::compile(&after)),
            code: Some(Numbers::compile(&code)),
            before_codes: codes(|c| &c.before),
            after_codes: codes(|c| &c.after),
        }
    }
}

/// The code of a written currency, and what one of its units is worth in it.
fn currency_code(n: &Numbers, written: &str, before: bool) -> Option<(String, f64)> {
    let p = &n.patterns.money;
    let codes = if before {
        &p.before_codes
    } else {
        &p.after_codes
    };
    let written = norm(written);
    codes
        .iter()
        .find(|(x, _)| *x == written)
        .map(|(_, code)| code.clone())
}

pub fn find(text: &str, n: &Numbers) -> Vec<Candidate> {
    let p = &n.patterns.money;
    let mut out = Vec::new();
    for (re, before, any_code) in [
        (&p.before, true, false),
        (&p.after, false, false),
        (&p.code, true, true),
    ] {
        let Some(re) = re else { continue };
        for m in re.captures_iter(text) {
            let whole = m.get(0).expect("match");
            let cur = &m["cur"];
            // "$" or a code glued to a word ("A$" is its own currency; "enters 2024" holds
            // no "Rs 2024") or a number glued to letters
            let word_like = cur.starts_with(|c: char| c == '$' || c.is_alphanumeric());
            if before && word_like && glued_before(text, whole.start(), &[]) {
                continue;
            }
            if glued_after(text, whole.end(), &['%']) {
                continue;
            }
            // (only a one-letter form may be glued to the number: "369p", not "5euros")
            if !before && m.name("gap").is_some_and(|g| g.is_empty()) && cur.chars().count() > 1 {
                continue;
            }
            // (a code the rules do not know is its own currency)
            let Some((code, unit)) =
                currency_code(n, cur, before).or_else(|| any_code.then(|| (cur.to_string(), 1.0)))
            else {
                continue;
            };
            let Some(value) = n.scaled(&m) else { continue };
            let value = value.scale(unit);
            out.push(Candidate::figure(
                whole.start()..whole.end(),
                50,
                Kind::Money(code),
                Value::Number(value),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::numbers;
    use super::super::{find as find_all, Kind, Value};

    fn money(text: &str) -> Vec<(String, String, f64)> {
        find_all(text, &numbers())
            .into_iter()
            .filter_map(|f| match (&f.kind, f.value) {
                (Kind::Money(c), Value::Number(i)) => Some((
                    text[f.span.clone()].to_string(),
                    c.clone(),
                    (i.lo + i.hi) / 2.0,
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_currency_code_is_a_word_of_its_own() {
        assert!(money("Corvane enters 2024 in its strongest position.").is_empty());
        assert!(money("the firm offers 300 jobs; it cost 2 billion").is_empty());
        assert_eq!(money("a Rs 300 fee")[0].0, "Rs 300");
        assert_eq!(money("(USD 5 million)")[0].0, "USD 5 million");
    }

    #[test]
    fn a_code_the_rules_do_not_know_is_a_currency_before_a_scale_word() {
        assert_eq!(
            money("cost EVD 1.3bn (€118m)")[0],
            ("EVD 1.3bn".to_string(), "EVD".to_string(), 1.3e9)
        );
        assert_eq!(money("a CDM 230 million budget")[0].1, "CDM");
        // (a known code keeps its own; no scale word, lower case or four letters: none)
        assert_eq!(money("USD 5 million")[0].1, "USD");
        assert!(money("COVID 19 cases").is_empty());
        assert!(money("the evd 1.3bn").is_empty());
        assert!(money("ABCD 1.3bn").is_empty());
    }

    #[test]
    fn every_written_form() {
        for (text, written, value) in [
            ("it cost $10 billion.", "$10 billion", 1e10),
            ("US $10 billion", "US $10 billion", 1e10),
            ("US$10bn", "US$10bn", 1e10),
            ("the remaining $1.09bn –", "$1.09bn", 1.09e9),
            ("$10B", "$10B", 1e10),
            ("~$600m", "$600m", 6e8),
            ("USD 10 billion", "USD 10 billion", 1e10),
            ("10 billion dollars", "10 billion dollars", 1e10),
            ("ten billion dollars", "ten billion dollars", 1e10),
            ("$10,000 million", "$10,000 million", 1e10),
            ("just $100 million in 2013", "$100 million", 1e8),
            ("€5 million", "€5 million", 5e6),
            ("closed at 369p on Monday", "369p", 3.69),
            ("a target of 400 pence", "400 pence", 4.0),
            ("300 million rubles", "300 million rubles", 3e8),
        ] {
            let got = money(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].0, written, "{text}");
            assert!(
                (got[0].2 - value).abs() / value < 0.05,
                "{text}: {}",
                got[0].2
            );
        }
    }

    #[test]
    fn currency_matters() {
        assert_eq!(money("$5 million")[0].1, "USD");
        assert_eq!(money("5 million roubles")[0].1, "RUB");
        assert_eq!(money("£5m")[0].1, "GBP");
    }

    #[test]
    fn rounding_implied_by_digits() {
        let f = &find_all("$1.09bn", &numbers())[0];
        let Value::Number(i) = f.value else { panic!() };
        assert!(i.lo > 1.08e9 && i.hi < 1.1e9);
        // a hedge takes the place of the rounding: "nearly $10 billion" is [9e9, 1e10]
        let f = &find_all("nearly $10 billion", &numbers())[0];
        let Value::Number(i) = f.value else { panic!() };
        assert!(
            (i.lo - 9e9).abs() < 1.0 && (i.hi - 1e10).abs() < 1.0,
            "{i:?}"
        );
        let f = &find_all("nearly €9 billion", &numbers())[0];
        let Value::Number(i) = f.value else { panic!() };
        assert!(i.lo > 8.0e9 && i.hi <= 9e9, "{i:?}");
        let f = &find_all("some $12 billion", &numbers())[0];
        let Value::Number(i) = f.value else { panic!() };
        assert!(i.lo > 1.0e10 && i.hi < 1.35e10, "{i:?}");
    }
}
