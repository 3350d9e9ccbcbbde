//! Numbers as written (digits, words, scales) and what every recognizer shares: the compiled
//! patterns, hedges, rates, negations and the noun a figure counts.

use super::{Figure, Kind, Role};
use crate::rules::{Currency, Hedge, RuleSet};
use crate::text::lexicon::{Lexeme, Lexicon};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Escapes words for a regex alternation, longest first, spaces matching any whitespace.
pub fn alternation<'a>(words: impl IntoIterator<Item = &'a String>) -> String {
    let mut ws: Vec<&String> = words.into_iter().collect();
    ws.sort_by_key(|w| std::cmp::Reverse(w.len()));
    ws.dedup();
    ws.iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

/// The largest number read from digits (no figure comes near it).
pub const MAX_VALUE: f64 = 1e100;

/// The unit of an ordinal that is a rank in a standing (see the rules' `rank_words`).
pub const RANK: &str = "#rank";

/// Verbs that may follow a figure as its subject: "up to 40 is planned", "500 are idle"
/// count nothing they name.
pub const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "may", "might", "should", "must",
];

/// Compiled number rules and regex fragments shared by the recognizers.
pub struct Numbers {
    pub lexicon: Lexicon,
    ones: HashMap<String, f64>,
    tens: HashMap<String, f64>,
    scales: HashMap<String, f64>,
    pub ordinals: HashMap<String, f64>,
    pub vague: HashMap<String, (f64, f64)>,
    pub fractions: HashMap<String, f64>,
    pub multipliers: HashMap<String, f64>,
    pub durations: HashMap<String, f64>,
    pub currencies: Vec<Currency>,
    hedges: Vec<(String, Hedge)>,
    duration_over_after: HashSet<String>,
    rate_words: Vec<String>,
    unit_rate_words: Vec<String>,
    rate_not_before: Vec<String>,
    pub reference_words: HashSet<String>,
    negations: HashSet<String>,
    /// Denial phrases, lower-cased words (see `RuleSet::denial_words`).
    denials: Vec<Vec<String>>,
    replaced: Vec<Vec<String>>,
    /// The last word of each `replaced` phrase.
    replaced_ends: HashSet<String>,
    comparisons: HashSet<String>,
    increments: HashSet<String>,
    /// The terms of the rules' `rank_words`.
    ranks: HashSet<String>,
    /// The days of the week, lower-cased, Monday first (empty unless there are seven).
    pub weekdays: Vec<String>,
    /// Phrases naming a year by its distance from the report's ("last year": -1),
    /// lower-cased.
    pub relative_years: Vec<(String, i32)>,
    changes: HashSet<String>,
    /// Revision words, lower case (see `RuleSet::revision_words`).
    revisions: HashSet<String>,
    /// Phrases that name what a later count counts, lower case, each with a space after
    /// ("number of ", see `RuleSet::numbered_phrases`).
    pub numbered_phrases: Vec<String>,
    /// Digits: "1,234.5", "10", "1.09".
    pub digits: String,
    /// Number words: "twenty-six", "ten", "a hundred".
    pub words: String,
    /// Scale words after a number ("billion", "bn", "m").
    pub scale_words: String,
    pub percent_words: String,
    pub duration_words: String,
    pub ordinal_words: String,
    pub fraction_words: String,
    pub vague_words: String,
    pub multiplier_words: String,
    pub(super) patterns: Patterns,
    /// All the recognizers' patterns as one set (see `gate`).
    pub(super) gate: Option<super::gate::Set>,
}

/// Each recognizer's compiled patterns.
pub(super) struct Patterns {
    pub money: super::money::Patterns,
    pub percent: super::percent::Patterns,
    pub date: super::date::Patterns,
    pub duration: super::duration::Patterns,
    pub age: super::age::Patterns,
    pub multiplier: super::multiplier::Patterns,
    pub ordinal: super::ordinal::Patterns,
    pub identifier: super::identifier::Patterns,
    pub count: super::count::Patterns,
    pub ignore: super::ignore::Patterns,
}

impl std::fmt::Debug for Numbers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Numbers").finish_non_exhaustive()
    }
}

fn lower_map(m: &std::collections::BTreeMap<String, f64>) -> HashMap<String, f64> {
    m.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect()
}

impl Numbers {
    pub fn new(rules: &RuleSet) -> Numbers {
        let ones = lower_map(&rules.ones);
        let tens = lower_map(&rules.tens);
        let ones_alt = alternation(ones.keys());
        let tens_alt = alternation(tens.keys());
        let base = format!(r"(?:(?:{tens_alt})(?:[-\s](?:{ones_alt}))?|{ones_alt})");
        let words = format!(r"(?:(?:{base}|a|one)\s+hundred(?:\s+(?:and\s+)?{base})?|{base})");
        let scale_words = alternation(rules.scales.keys().filter(|k| k.len() > 1));
        let mut hedges: Vec<(String, Hedge)> = rules
            .hedges
            .iter()
            .flat_map(|h| h.words.iter().map(move |w| (w.to_lowercase(), h.clone())))
            .collect();
        hedges.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let mut n = Numbers {
            lexicon: Lexicon::new(rules),
            ones,
            tens,
            scales: lower_map(&rules.scales),
            ordinals: lower_map(&rules.ordinals),
            vague: rules
                .vague
                .iter()
                .map(|(k, v)| (k.to_lowercase(), (v[0], v[1])))
                .collect(),
            fractions: lower_map(&rules.fractions),
            multipliers: lower_map(&rules.multipliers),
            durations: lower_map(&rules.durations),
            currencies: rules.currencies.clone(),
            hedges,
            duration_over_after: rules
                .duration_over_after
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            rate_words: rules.rate_words.iter().map(|w| w.to_lowercase()).collect(),
            rate_not_before: rules
                .rate_not_before
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            unit_rate_words: rules
                .unit_rate_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            reference_words: rules
                .reference_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            negations: rules
                .negation_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            denials: phrases(&rules.denial_words),
            replaced: phrases(&rules.replaced_words),
            replaced_ends: rules
                .replaced_words
                .iter()
                .filter_map(|w| w.split_whitespace().last().map(str::to_lowercase))
                .collect(),
            comparisons: rules
                .comparison_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            weekdays: Some(&rules.weekdays)
                .filter(|w| w.len() == 7)
                .map(|w| w.iter().map(|d| d.to_lowercase()).collect())
                .unwrap_or_default(),
            relative_years: rules
                .relative_years
                .iter()
                .map(|(p, k)| (p.to_lowercase(), *k))
                .collect(),
            increments: rules
                .increment_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            changes: rules
                .change_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            revisions: rules
                .revision_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            numbered_phrases: rules
                .numbered_phrases
                .iter()
                .map(|p| format!("{} ", p.trim().to_lowercase()))
                .filter(|p| p.is_ascii() && p.len() > 1)
                .collect(),
            digits: r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)".to_string(),
            words,
            scale_words,
            percent_words: alternation(&rules.percent_words),
            duration_words: alternation(rules.durations.keys()),
            ordinal_words: alternation(rules.ordinals.keys()),
            fraction_words: alternation(rules.fractions.keys()),
            vague_words: alternation(rules.vague.keys()),
            multiplier_words: alternation(rules.multipliers.keys()),
            patterns: Patterns::placeholder(),
            gate: None,
            ranks: HashSet::default(),
        };
        // (as its words are read: synonyms folded)
        n.ranks = rules
            .rank_words
            .iter()
            .flat_map(|w| n.lexicon.content_terms(w))
            .collect();
        let (patterns, gate) = super::gate::collect(|| Patterns {
            money: super::money::Patterns::new(&n),
            percent: super::percent::Patterns::new(&n),
            date: super::date::Patterns::new(&n),
            duration: super::duration::Patterns::new(&n),
            age: super::age::Patterns::new(&n),
            multiplier: super::multiplier::Patterns::new(&n),
            ordinal: super::ordinal::Patterns::new(&n),
            identifier: super::identifier::Patterns::new(&n),
            count: super::count::Patterns::new(&n),
            ignore: super::ignore::Patterns::new(&n),
        });
        n.patterns = patterns;
        n.gate = gate;
        n
    }

    /// Digits or number words -> (value, step of the last written digit). Digits worth
    /// more than [`MAX_VALUE`] are not read as a number, and a step is never finer than
    /// `1 / MAX_VALUE`, so that a value times a scale, a duration or a hedge's bound stays
    /// finite (`0 * inf` would be NaN, which agrees with nothing).
    pub fn parse(&self, s: &str) -> Option<(f64, f64)> {
        let s = s.trim();
        if s.starts_with(|c: char| c.is_ascii_digit()) {
            let owned: String;
            let plain = if s.contains(',') {
                owned = s.chars().filter(|c| *c != ',').collect();
                owned.as_str()
            } else {
                s
            };
            let v: f64 = plain.parse().ok()?;
            if v > MAX_VALUE {
                return None;
            }
            let decimals = plain.split_once('.').map_or(0, |(_, d)| d.len());
            let step = 10f64.powi(-(decimals as i32)).max(1.0 / MAX_VALUE);
            return Some((v, step));
        }
        let mut total = 0.0;
        let mut current = 0.0;
        let mut any = false;
        for part in s
            .split(|c: char| c == '-' || c.is_whitespace())
            .filter(|p| !p.is_empty())
        {
            let known = with_lower(part, |p| {
                if p == "and" {
                    return Some(false);
                }
                if p == "a" || p == "an" {
                    current += 1.0;
                } else if let Some(v) = self.ones.get(p).or_else(|| self.tens.get(p)) {
                    current += v;
                } else if p == "hundred" {
                    current = current.max(1.0) * 100.0;
                } else if let Some(scale) = self.scales.get(p).filter(|s| **s > 100.0) {
                    total += current.max(1.0) * scale;
                    current = 0.0;
                } else {
                    return None;
                }
                Some(true)
            })?;
            any |= known;
        }
        any.then_some((total + current, 1.0))
    }

    /// The interval a match with a `num` group and an optional `scale` or `abbr` group
    /// stands for: "$1.09bn" -> [1.085e9, 1.095e9].
    pub fn scaled(&self, m: &super::gate::Captures) -> Option<super::Interval> {
        let (x, step) = self.parse(m.name("num")?.as_str())?;
        let scale = m
            .name("scale")
            .or_else(|| m.name("abbr"))
            .and_then(|s| self.scale(s.as_str()))
            .unwrap_or(1.0);
        Some(super::Interval::rounded(x, step).scale(scale))
    }

    /// A scale word's multiplier ("bn" -> 1e9).
    pub fn scale(&self, s: &str) -> Option<f64> {
        with_lower(s, |lower| self.scales.get(lower).copied())
    }

    /// The hedge the lower-cased text before a figure ends with, as a whole word ("over"
    /// before a duration only after certain words), with the word as the rules write it.
    fn hedge_before(&self, lower: &str, duration: bool) -> Option<(&str, &Hedge)> {
        for (word, hedge) in &self.hedges {
            if word == "+" || !lower.ends_with(word.as_str()) {
                continue;
            }
            let start_in_lower = lower.len() - word.len();
            let boundary_ok = !word.starts_with(|c: char| c.is_alphanumeric())
                || lower[..start_in_lower]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
            if !boundary_ok {
                continue;
            }
            if word == "over" && duration {
                let prev = lower[..start_in_lower]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .find(|w| !w.is_empty())
                    .unwrap_or("");
                if !self.duration_over_after.contains(prev) {
                    continue;
                }
            }
            return Some((word, hedge));
        }
        None
    }

    /// Attaches the hedge written just before the figure (after `floor`), or "+" / "or so" after it.
    pub(super) fn attach_hedge(&self, text: &str, floor: usize, f: &mut Figure) {
        // hedges are short: look at most 40 bytes back
        let floor = floor
            .min(f.span.start)
            .max(floor_boundary(text, f.span.start.saturating_sub(40)));
        let before = &text[floor..f.span.start];
        let trimmed = before.trim_end();
        let found = with_lower(trimmed, |lower| {
            self.hedge_before(lower, f.kind == Kind::Duration)
        });
        if let Some((word, hedge)) = found {
            // lower-casing may change byte lengths; map back through the char count
            let chars_from_end = word.chars().count();
            let start = trimmed
                .char_indices()
                .rev()
                .nth(chars_from_end - 1)
                .map_or(0, |(i, _)| i);
            f.hedge_span = Some(floor + start..floor + trimmed.len());
            f.hedge = Some(hedge.name.clone());
            f.value = match f.value {
                super::Value::Number(i) => super::Value::Number(i.hedged(hedge)),
                v => v,
            };
            return;
        }
        let after = &text[f.span.end..];
        let plus = after.starts_with('+') && !after[1..].starts_with(|c: char| c.is_ascii_digit());
        let or_so = with_lower(&after[..floor_boundary(after, 8)], |a| {
            a.starts_with(" or so")
        });
        if plus || or_so {
            let word = if plus { "+" } else { "or so" };
            if let Some((_, hedge)) = self.hedges.iter().find(|(w, _)| w == word) {
                if let super::Value::Number(i) = f.value {
                    f.value = super::Value::Number(i.hedged(hedge));
                }
                f.hedge = Some(hedge.name.clone());
                let len = if plus { 1 } else { 6 };
                f.hedge_span = Some(f.span.end..f.span.end + len);
            }
        }
    }

    /// The rate a text starting right after a figure states, if any: "per <word>" or a
    /// rate phrase from the rules, as whole words. `Some(true)` for an amount per unit
    /// ("per share", "a barrel"), `Some(false)` for a rate over time ("a year").
    fn rate_after(&self, after: &str) -> Option<bool> {
        self.rate_phrase(after).map(|(per_unit, _)| per_unit)
    }

    /// `rate_after`, with the byte length of the rate phrase.
    pub(super) fn rate_phrase(&self, after: &str) -> Option<(bool, usize)> {
        let starts = |w: &str| {
            let Some(rest) = after.strip_prefix(w) else {
                return false;
            };
            let next = rest
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .unwrap_or("");
            !rest.starts_with(|c: char| c.is_alphanumeric())
                && !self.rate_not_before.iter().any(|n| n == next)
        };
        if let Some(rest) = after.strip_prefix("per ") {
            let len = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            let word = &rest[..len];
            if word.is_empty() {
                return None;
            }
            // ("per hour" is over time as "an hour" is)
            let timed = self.rate_words.iter().any(|w| {
                w.strip_prefix("a ")
                    .or_else(|| w.strip_prefix("an "))
                    .is_some_and(|w| w == word)
            });
            let per_unit = !(self.durations.contains_key(word) || word == "annum" || timed);
            return Some((per_unit, 4 + word.len()));
        }
        if let Some(w) = self.rate_words.iter().find(|w| starts(w)) {
            return Some((false, w.len()));
        }
        self.unit_rate_words
            .iter()
            .find(|w| starts(w))
            .map(|w| (true, w.len()))
    }

    /// The rate a short text (a table row's label, "Dividend per share") states anywhere
    /// in it (see `rate_after`).
    pub fn states_rate(&self, text: &str) -> Option<bool> {
        let spaced: String = text
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        let words: Vec<&str> = spaced.split_whitespace().collect();
        let mut found = None;
        for k in 0..words.len() {
            match self.rate_after(&words[k..].join(" ")) {
                Some(true) => return Some(true),
                Some(false) => found = Some(false),
                None => {}
            }
        }
        found
    }

    /// Marks a figure followed by a rate ("a year", "annually") and reads the noun it counts.
    pub(super) fn attach_rate(&self, text: &str, f: &mut Figure) {
        let end = f
            .hedge_span
            .as_ref()
            .map_or(f.span.end, |h| h.end.max(f.span.end));
        let multiplier = f.kind == Kind::Multiplier && f.role == Role::Plain;
        let after = text[end..floor_boundary(text, end + 60)].trim_start();
        let (rate, compared) = with_lower(after, |after| {
            let compared = multiplier && {
                let next = after
                    .split(|c: char| !c.is_alphanumeric())
                    .find(|w| !w.is_empty())
                    .unwrap_or("");
                self.comparisons.contains(next)
            };
            // (after a count's noun: "1 km a day", "40 metres per hour", "1,200 jobs a
            // year")
            let rate = self.rate_after(after).or_else(|| {
                let (noun, rest) = after.split_once(' ')?;
                (f.kind == Kind::Count && !noun.is_empty() && noun.chars().all(char::is_alphabetic))
                    .then(|| self.rate_after(rest.trim_start()))
                    .flatten()
            });
            (rate, compared)
        });
        if let Some(per_unit) = rate.or_else(|| self.rate_before(text, f)) {
            f.rate = true;
            f.per_unit = per_unit;
        }
        if matches!(f.kind, Kind::Count | Kind::Ordinal) {
            f.unit = self.noun_after(&text[end..], f.kind == Kind::Ordinal);
        }
        if f.kind == Kind::Ordinal {
            if f.unit.is_empty() {
                f.unit = self.verb_before(&text[..f.full_span().start]);
            }
            // "finished fourth" and "in fourth place" rank one thing
            if f.unit.first().is_some_and(|u| self.ranks.contains(u)) {
                f.unit = vec![RANK.to_string()];
            }
        }
        if f.kind == Kind::Count && f.unit.is_empty() && f.hedge.is_none() {
            f.unit = self.noun_before(&text[..f.full_span().start]);
        }
        // "three times the fine", "twice the fine", "double the budget"; but "doubled
        // the budget", "tripling the output" and "tenfold" say how one thing changed
        let comparative = |w: &str| {
            w.ends_with("times")
                || !(w.contains(char::is_whitespace)
                    || w.ends_with("ed")
                    || w.ends_with("ing")
                    || w.ends_with("fold"))
        };
        if compared && with_lower(&text[f.span.clone()], comparative) {
            f.role = Role::Comparison;
        }
    }

    /// The factors of a hedge, by its name ("about": 0.9 and 1.1).
    fn hedge_factors(&self, name: &str) -> Option<(f64, f64)> {
        let (_, h) = self.hedges.iter().find(|(_, h)| h.name == name)?;
        Some((h.lo.0, h.hi.0))
    }

    /// Whether a hedge only bounds its number, on one side and open on the other ("more
    /// than", "up to").
    pub fn hedge_bounds(&self, name: &str) -> bool {
        self.hedge_factors(name)
            .is_some_and(|(lo, hi)| lo <= 0.0 || hi.is_infinite())
    }

    /// Whether a hedge puts its number on either side of the value ("about", "roughly").
    pub fn hedge_approximates(&self, name: &str) -> bool {
        self.hedge_factors(name)
            .is_some_and(|(lo, hi)| 0.0 < lo && lo < 1.0 && 1.0 < hi && hi.is_finite())
    }

    /// The number a hedged interval was made from ("up to 280" is [0, 280]: 280), by the
    /// hedge's name; `None` when the hedge is unknown or leaves no finite factor.
    pub fn hedge_point(&self, name: &str, value: super::Interval) -> Option<f64> {
        let (_, h) = self.hedges.iter().find(|(_, h)| h.name == name)?;
        let (lo, hi) = (h.lo.0, h.hi.0);
        if lo > 0.0 && lo.is_finite() {
            Some(value.lo / lo)
        } else if hi > 0.0 && hi.is_finite() {
            Some(value.hi / hi)
        } else {
            None
        }
    }

    /// A rate named just before an amount: "the cost per kilometre, now about £74m", "the
    /// cost per kilometre is now more than £80m". Only "per" and its unit, then at most
    /// three words that say nothing (stop words) before the figure and its hedge.
    fn rate_before(&self, text: &str, f: &Figure) -> Option<bool> {
        if matches!(f.kind, Kind::Date | Kind::Percent) {
            return None;
        }
        let start = f.full_span().start;
        let window = &text[floor_boundary(text, start.saturating_sub(60))..start];
        let at = window
            .match_indices("per ")
            .map(|(i, _)| i)
            .filter(|&i| i == 0 || !window[..i].ends_with(char::is_alphanumeric))
            .last()?;
        let (per_unit, len) = with_lower(&window[at..], |w| self.rate_phrase(w))?;
        let between: Vec<&str> = window
            .get(at + len..)?
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        (between.len() <= 3
            && between
                .iter()
                .all(|w| with_lower(w, |w| self.lexicon.is_stop(w))))
        .then_some(per_unit)
    }

    /// The day of the week a word names (Monday 0), by the rules' `weekdays`.
    pub fn weekday(&self, word: &str) -> Option<u8> {
        with_lower(word, |w| self.weekdays.iter().position(|d| d == w)).map(|i| i as u8)
    }

    /// Whether a written word is a change word of the rules ("rose", "fell").
    pub fn is_change_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.changes.contains(w))
    }

    /// Whether a word makes a "from X to Y" a correction (see `RuleSet::revision_words`).
    pub fn is_revision_word(&self, word: &str) -> bool {
        with_lower(word, |w| self.revisions.contains(w))
    }

    /// The terms of the change words ("rose" -> the term of "rise").
    pub fn change_terms(&self) -> Vec<String> {
        let mut terms: Vec<String> = self.changes.iter().map(|w| self.lexicon.stem(w)).collect();
        terms.sort_unstable();
        terms.dedup();
        terms
    }

    /// Marks a change ("rose by 6%", "an increase of £700 million", "a 19% increase",
    /// "£700 million more than"): compared only with changes.
    pub(super) fn attach_change(&self, text: &str, f: &mut Figure) {
        if f.kind == Kind::Date || f.role != Role::Plain {
            return;
        }
        fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
        }
        let start = f.full_span().start;
        // the last five words before (the last first) and the first word after
        let mut before = [""; 5];
        let mut n = 0;
        for w in words(&text[floor_boundary(text, start.saturating_sub(60))..start]).rev() {
            before[n] = w;
            n += 1;
            if n == before.len() {
                break;
            }
        }
        let before = &before[..n];
        let rest = &text[f.span.end..floor_boundary(text, f.span.end + 40)];
        let mut after = words(rest);
        // (past a pause the word is the next phrase's: "€265 million, more than 25 percent
        // above the estimate")
        let paused = rest
            .trim_start()
            .starts_with([',', ';', ':', '(', '—', '–']);
        let first = after.next().filter(|_| !paused);
        // (within the phrase: "22 minutes, less than half the 47 minutes" is no change)
        let in_phrase = rest
            .trim_start()
            .split(|c: char| !c.is_alphanumeric() && c != ' ')
            .next()
            .is_some_and(|p| p.split_whitespace().count() >= 2);
        let second = after.next().filter(|_| in_phrase);
        let is_change = |w: &str| with_lower(w, |w| self.changes.contains(w));
        let is = |w: &str, x: &str| with_lower(w, |w| w == x);
        let by = before.first().is_some_and(|w| is(w, "by"))
            && before.iter().skip(1).any(|w| is_change(w));
        let changed =
            |w: &str| with_lower(w, |w| self.changes.contains(w) && w != "up" && w != "down");
        // "an increase of 9%" (not "made up of 324 adults")
        let noun_of = before.len() >= 2 && is(before[0], "of") && changed(before[1]);
        // "200 more", or after the counted noun: "200 metres lower"
        let noun_after = first.is_some_and(changed)
            || second.is_some_and(changed)
                && first.is_some_and(|w| f.unit.first() == Some(&self.lexicon.stem(w)));
        // "three further batches", "a further three batches", "another 200 jobs"
        let increment = |w: &str| with_lower(w, |w| self.increments.contains(w));
        f.added = before.first().is_some_and(|w| increment(w)) || first.is_some_and(increment);
        if by || noun_of || noun_after {
            f.role = Role::Change;
        }
    }

    /// Up to three content words right after a figure, before a break or a stop word
    /// ("26 world leaders" -> world, leader; "thousands of tons" -> ton). After an ordinal
    /// a unit of time is a noun too ("the third year in a row", "its second week").
    pub fn noun_after(&self, after: &str, ordinal: bool) -> Vec<String> {
        const LINKS: &[&str] = &[
            "to", "in", "on", "at", "for", "from", "by", "with", "and", "or", "than", "as", "into",
            "that", "which", "who", "per", "sinc", "since", "until", "a", "an",
        ];
        let mut unit = Vec::new();
        // the noun phrase is within the next few words
        let end = floor_boundary(after, 80);
        for (i, lx) in self.lexicon.lexemes(&after[..end]).into_iter().enumerate() {
            match lx {
                Lexeme::Term {
                    stop: true, term, ..
                } if i == 0 && &*term == "of" => continue,
                Lexeme::Term {
                    stop: true,
                    term,
                    span,
                } if ordinal
                    && unit.len() < 3
                    && with_lower(&after[span.clone()], |w| self.durations.contains_key(w)) =>
                {
                    unit.push(term.to_string());
                }
                // "four new clinics": a leading modifier is passed over
                Lexeme::Term {
                    stop: true, term, ..
                } if unit.is_empty()
                    && i < 2
                    && !LINKS.contains(&&*term)
                    && !AUXILIARIES.contains(&&*term)
                    && &*term != "of" =>
                {
                    continue
                }
                // "200 metres lower": a change word after the noun ends its phrase
                Lexeme::Term {
                    stop: false, span, ..
                } if !unit.is_empty()
                    && with_lower(&after[span.clone()], |w| self.changes.contains(w)) =>
                {
                    break
                }
                Lexeme::Term {
                    stop: false, term, ..
                } if unit.len() < 3 => unit.push(term.to_string()),
                _ => break,
            }
        }
        unit
    }

    /// What an ordinal with no noun after it ranks, from the word right before it, a rank
    /// word of the rules: "finished fourth", "ranked fifth" (not "is currently ninth").
    pub fn verb_before(&self, before: &str) -> Vec<String> {
        let start = floor_boundary(before, before.len().saturating_sub(40));
        let before = &before[start..];
        let lexemes = self.lexicon.lexemes(before);
        match lexemes.last() {
            Some(Lexeme::Term {
                stop: false,
                term,
                span,
            }) if before[span.end..].trim().is_empty() && self.ranks.contains(&**term) => {
                vec![term.to_string()]
            }
            _ => Vec::new(),
        }
    }

    /// What a count with no noun after it counts, from the words right before it:
    /// "killed 14" (kill), "the death toll rose to 11" (death toll), "a workforce of
    /// 30,400" (workforce). Only "of", or a change word with "to" or "by", may stand
    /// between; at most two words.
    pub fn noun_before(&self, before: &str) -> Vec<String> {
        let start = floor_boundary(before, before.len().saturating_sub(80));
        let lexemes = self.lexicon.lexemes(&before[start..]);
        let mut rest = lexemes.iter().rev().peekable();
        let stop = |l: Option<&&Lexeme>, words: &[&str]| matches!(l, Some(Lexeme::Term { stop: true, term, .. }) if words.contains(&&**term));
        if stop(rest.peek(), &["of"]) {
            rest.next();
        } else if stop(rest.peek(), &["to", "by"]) {
            rest.next();
            match rest.next() {
                Some(Lexeme::Term { term, .. }) if self.changes.contains(&**term) => {}
                _ => return Vec::new(),
            }
        }
        let mut unit = Vec::new();
        for lx in rest {
            match lx {
                Lexeme::Term {
                    stop: false, term, ..
                } if unit.len() < 2 && !self.changes.contains(&**term) => {
                    unit.push(term.to_string())
                }
                _ => break,
            }
        }
        unit
    }

    /// Marks a figure with a negation in its clause ("not", "never"), at most four words away.
    pub(super) fn attach_negation(&self, text: &str, f: &mut Figure) {
        let clause_end = |s: &str| {
            s.find([',', ';', '.', '—', '–', '(', ')'])
                .unwrap_or(s.len())
        };
        let after = &text[f.span.end..];
        let after = &after[..clause_end(after)];
        let start = f.full_span().start;
        let before = &text[..start];
        let cut = before
            .char_indices()
            .rfind(|(_, c)| matches!(c, ',' | ';' | '.' | '—' | '–' | '(' | ')'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let before = &before[cut..];
        let words_after = after
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .take(5);
        let words_before = before
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .rev()
            .take(5);
        let negation =
            |w: &str| self.negations.contains(w) || w.ends_with("n't") || w.ends_with("n’t");
        // after the figure, a negation counts only before the next content word: "the 10%
        // that was not written off", not "a 43-year-old man who had never been vaccinated"
        let mut negated = false;
        for w in words_after {
            // Some(negated) once the word settles it
            let settled = with_lower(w, |w| {
                if negation(w) {
                    Some(true)
                } else if !self.lexicon.is_stop(w) {
                    Some(false)
                } else {
                    None
                }
            });
            if let Some(n) = settled {
                negated = n;
                break;
            }
        }
        f.negated = negated
            || words_before
                .clone()
                .take(3)
                .any(|w| with_lower(w, negation));
        // "2,794 metres, not 2,749 metres": the words right before the figure deny it
        let last: Vec<&str> = words_before.take(5).collect();
        // (the last words, nearest first, end with the phrase)
        let ends_with = |words: &[&str], phrase: &[String]| {
            phrase.len() <= words.len()
                && phrase
                    .iter()
                    .rev()
                    .zip(words)
                    .all(|(p, w)| with_lower(w, |w| w == p))
        };
        if f.hedge.is_none() {
            let last = &last[..last.len().min(3)];
            f.denied = self.denials.iter().any(|phrase| ends_with(last, phrase));
        }
        // "risen to €265 million, from the €210 million": a replacing word among the last
        // few before it, with only small words between, or a phrase that ends in one ("the
        // provisional figure of 61.8%"); a range's ends ("from 12 to 15") replace nothing
        if !matches!(f.role, Role::RangeStart | Role::RangeEnd) {
            let small = |w: &&str| with_lower(w, |w| self.lexicon.is_stop(w));
            f.replaced = (0..last.len()).any(|k| {
                // (first the one lookup: does a replacing phrase end with this word?)
                if !with_lower(last[k], |w| self.replaced_ends.contains(w)) {
                    return false;
                }
                // (a participle after a determiner describes the value that stands: "the
                // revised park total is 401")
                if last
                    .get(k + 1)
                    .is_some_and(|d| with_lower(d, |d| super::DETERMINERS.contains(&d)))
                    && with_lower(last[k], |w| w.ends_with("ed"))
                {
                    return false;
                }
                let between = &last[..k];
                // (another number between is the one replaced)
                let figure_free = between
                    .iter()
                    .all(|w| !w.contains(|c: char| c.is_ascii_digit()));
                figure_free
                    && (between.iter().all(small) || between.first().is_some_and(small))
                    && self
                        .replaced
                        .iter()
                        .any(|phrase| ends_with(&last[k..], phrase))
            });
        }
    }

    /// Compiles a recognizer pattern, case-insensitive. Word boundaries are ASCII ones
    /// (`(?-u:\b)`): the lazy DFA cannot run a Unicode `\b` over text with any non-ASCII
    /// character and falls back to much slower engines, and figures are written in ASCII
    /// digits and words (a letter like "é" next to a number is no part of it anyway).
    pub(super) fn compile(pattern: &str) -> super::gate::Regex {
        let pattern = pattern.replace(r"\b", r"(?-u:\b)");
        let re = regex::RegexBuilder::new(&pattern)
            .case_insensitive(true)
            .size_limit(1 << 25)
            .build()
            .unwrap_or_else(|e| panic!("recognizer pattern does not compile: {e}\n{pattern}"));
        super::gate::Regex::new(re)
    }
}

impl Patterns {
    fn placeholder() -> Patterns {
        Patterns {
            money: Default::default(),
            percent: Default::default(),
            date: Default::default(),
            duration: Default::default(),
            age: Default::default(),
            multiplier: Default::default(),
            ordinal: Default::default(),
            identifier: Default::default(),
            count: Default::default(),
            ignore: Default::default(),
        }
    }
}

/// Phrases of the rules as lower-cased words ("rather than": ["rather", "than"]).
fn phrases(entries: &[String]) -> Vec<Vec<String>> {
    entries
        .iter()
        .map(|w| w.split_whitespace().map(str::to_lowercase).collect())
        .filter(|w: &Vec<String>| !w.is_empty())
        .collect()
}

/// Runs `f` on `s.to_lowercase()`, without allocating when `s` is short ASCII (where
/// lower-casing is byte for byte).
pub fn with_lower<T>(s: &str, f: impl FnOnce(&str) -> T) -> T {
    const MAX: usize = 96;
    if s.len() <= MAX && s.is_ascii() {
        let mut buf = [0u8; MAX];
        let lower = &mut buf[..s.len()];
        lower.copy_from_slice(s.as_bytes());
        lower.make_ascii_lowercase();
        f(std::str::from_utf8(lower).expect("ASCII"))
    } else {
        f(&s.to_lowercase())
    }
}

/// The largest char boundary of `text` at or below `i` (clamped to the text).
pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether the char before `at` (if any) is a word char or one of `extra`.
pub fn glued_before(text: &str, at: usize, extra: &[char]) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || extra.contains(&c))
}

/// Whether the char at `at` (if any) is a word char or one of `extra`.
pub fn glued_after(text: &str, at: usize, extra: &[char]) -> bool {
    text[at..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || extra.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_digits_and_words() {
        let n = Numbers::new(&RuleSet::defaults());
        assert_eq!(n.parse("1,234"), Some((1234.0, 1.0)));
        assert_eq!(n.parse("1.09"), Some((1.09, 0.01)));
        assert_eq!(n.parse("twenty-six"), Some((26.0, 1.0)));
        assert_eq!(n.parse("Twenty six"), Some((26.0, 1.0)));
        assert_eq!(n.parse("a hundred"), Some((100.0, 1.0)));
        assert_eq!(n.parse("one hundred and fifty"), Some((150.0, 1.0)));
        assert_eq!(n.parse("ten billion").map(|x| x.0), Some(1e10));
        // Too large to be a figure (or a float), too fine a step to be one.
        assert_eq!(n.parse(&"9".repeat(400)), None);
        let (v, step) = n.parse(&format!("0.{}", "0".repeat(400))).unwrap();
        assert_eq!(v, 0.0);
        assert!(step > 0.0);
        assert_eq!(n.parse("banana"), None);
    }
}
