//! Gated recognizer patterns. `figures::find` tells, in one pass over its text, which of
//! the patterns compiled by `Numbers::compile` can match anywhere in it. A recognizer then
//! searches that same text only with those; the others would find nothing, so they are
//! skipped. A search of any other text (or outside `figures::find`) is never skipped.
//!
//! Two gates tell it, both exact (they never skip a pattern that matches):
//! - the literals every match of a pattern starts or ends with ("years", "fold", "%"),
//!   found by one Aho-Corasick pass; cheap to build, so it serves from the first text;
//! - all the patterns as one `RegexSet`, which tells exactly which match, but costs about
//!   as much to compile as reading a few thousand sentences: it is compiled only once that
//!   many texts have been read (see `Set`), and then replaces the first.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// A recognizer pattern: a `regex::Regex` whose searches `figures::find` may skip.
#[derive(Debug, Clone)]
pub struct Regex {
    re: regex::Regex,
    /// Its index in the set (`NONE` when it is in no set).
    id: usize,
    /// Its named groups and their indices (the regex's own lookup hashes every name).
    names: Vec<(Box<str>, usize)>,
}

const NONE: usize = usize::MAX;

/// The text being read by `figures::find` and which patterns match in it.
#[derive(Clone, Copy)]
struct Gate {
    ptr: usize,
    len: usize,
    live: u64,
}

/// A pattern and the literals its matches start or end with (see `required_literals`).
type Collected = (String, Option<Vec<Vec<u8>>>);

thread_local! {
    /// Patterns compiled while a `collect` runs.
    static COLLECT: RefCell<Option<Vec<Collected>>> = const { RefCell::new(None) };
    static GATE: Cell<Option<Gate>> = const { Cell::new(None) };
    /// Capture locations no longer in use, by their number of groups.
    static LOCATIONS: RefCell<Vec<Vec<regex::CaptureLocations>>> = const { RefCell::new(Vec::new()) };
}

impl Regex {
    /// Wraps a compiled pattern, adding it to the set being collected (if any).
    pub(super) fn new(re: regex::Regex) -> Regex {
        assert!(
            re.captures_len() <= GROUPS,
            "a recognizer pattern has more than {GROUPS} groups: {}",
            re.as_str()
        );
        let id = COLLECT.with(|c| match &mut *c.borrow_mut() {
            Some(all) if all.len() < 64 => {
                all.push((re.as_str().to_string(), required_literals(re.as_str())));
                all.len() - 1
            }
            _ => NONE,
        });
        let names = re
            .capture_names()
            .enumerate()
            .filter_map(|(i, n)| Some((n?.into(), i)))
            .collect();
        Regex { re, id, names }
    }

    /// Whether a search of `text` can be skipped: the gate is on for this very text and
    /// the pattern matches nowhere in it.
    fn skip(&self, text: &str) -> bool {
        self.id != NONE
            && GATE.with(Cell::get).is_some_and(|g| {
                g.ptr == text.as_ptr() as usize && g.len == text.len() && g.live & 1 << self.id == 0
            })
    }

    pub fn captures_iter<'r, 'h>(&'r self, text: &'h str) -> CapturesIter<'r, 'h> {
        CapturesIter {
            re: self,
            text,
            locations: (!self.skip(text)).then(|| self.locations()),
            at: 0,
            last_end: None,
        }
    }

    /// A set of capture locations for this pattern, reused from `LOCATIONS` when there is
    /// one of its size (a set serves any pattern with as many groups).
    fn locations(&self) -> regex::CaptureLocations {
        LOCATIONS
            .with(|l| {
                l.borrow_mut()
                    .get_mut(self.re.captures_len())
                    .and_then(Vec::pop)
            })
            .unwrap_or_else(|| self.re.capture_locations())
    }

    pub fn find_iter<'r, 'h>(&'r self, text: &'h str) -> Gated<regex::Matches<'r, 'h>> {
        Gated((!self.skip(text)).then(|| self.re.find_iter(text)))
    }
}

/// A search's matches, or none when the search was skipped. (The iterator is advanced
/// where it lies: `Option::into_iter().flatten()` moved the large match iterator on every
/// step.)
pub struct Gated<I>(Option<I>);

impl<I: Iterator> Iterator for Gated<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        self.0.as_mut()?.next()
    }
}

/// A search's captures, each with its pattern's group names. One set of locations serves
/// every match (the regex's own iterator allocates a new one for each).
pub struct CapturesIter<'r, 'h> {
    re: &'r Regex,
    text: &'h str,
    /// `None` when the search was skipped.
    locations: Option<regex::CaptureLocations>,
    /// Where the next search starts (past the text once the search is over).
    at: usize,
    last_end: Option<usize>,
}

/// The most groups a recognizer pattern may have (`Regex::new` checks it).
const GROUPS: usize = 32;

impl<'r, 'h> Iterator for CapturesIter<'r, 'h> {
    type Item = Captures<'r, 'h>;

    fn next(&mut self) -> Option<Captures<'r, 'h>> {
        let locations = self.locations.as_mut()?;
        // as the regex's own iterator does: an empty match right where the last match
        // ended is skipped, and the search goes on one character further
        let found = loop {
            if self.at > self.text.len() {
                break None;
            }
            let Some(m) = self.re.re.captures_read_at(locations, self.text, self.at) else {
                break None;
            };
            if m.is_empty() {
                self.at = m.end()
                    + self.text[m.end()..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                if self.last_end == Some(m.end()) {
                    continue;
                }
            } else {
                self.at = m.end();
            }
            self.last_end = Some(m.end());
            break Some(m);
        };
        if found.is_none() {
            self.at = usize::MAX;
            return None;
        }
        let mut spans = [NO_SPAN; GROUPS];
        for (i, span) in spans.iter_mut().enumerate().take(locations.len()) {
            if let Some((start, end)) = locations.get(i) {
                *span = (start, end);
            }
        }
        Some(Captures {
            text: self.text,
            spans,
            names: &self.re.names,
        })
    }
}

impl Drop for CapturesIter<'_, '_> {
    fn drop(&mut self) {
        if let Some(locations) = self.locations.take() {
            let groups = locations.len();
            // (`try_with`: a thread's locals may already be gone when it ends)
            let _ = LOCATIONS.try_with(|l| {
                let mut l = l.borrow_mut();
                if l.len() <= groups {
                    l.resize_with(groups + 1, Vec::new);
                }
                if l[groups].len() < 4 {
                    l[groups].push(locations);
                }
            });
        }
    }
}

const NO_SPAN: (usize, usize) = (usize::MAX, usize::MAX);

/// A group's match: where it lies in the text searched, and its text.
#[derive(Debug, Clone, Copy)]
pub struct Match<'h> {
    text: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn as_str(&self) -> &'h str {
        &self.text[self.start..self.end]
    }
}

/// One match's groups, found by name among the pattern's few names.
pub struct Captures<'r, 'h> {
    text: &'h str,
    spans: [(usize, usize); GROUPS],
    names: &'r [(Box<str>, usize)],
}

impl<'h> Captures<'_, 'h> {
    /// The group of this name, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        let &(_, i) = self.names.iter().find(|(n, _)| **n == *name)?;
        self.get(i)
    }

    /// The group of this index (0: the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        let &(start, end) = self.spans.get(i)?;
        (start != usize::MAX).then_some(Match {
            text: self.text,
            start,
            end,
        })
    }
}

impl<'h> std::ops::Index<&str> for Captures<'_, 'h> {
    type Output = str;

    fn index(&self, name: &str) -> &str {
        self.name(name)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group named {name} in the match"))
    }
}

impl std::ops::Deref for Regex {
    type Target = regex::Regex;
    fn deref(&self) -> &regex::Regex {
        &self.re
    }
}

/// The patterns of a `collect`, compiled as one `RegexSet` only once enough texts have
/// been read for it to pay (compiling it costs about as much as reading a few thousand
/// sentences without it; a brief or a small corpus never needs it).
#[derive(Debug)]
pub struct Set {
    patterns: Vec<String>,
    literals: Literals,
    texts: AtomicUsize,
    set: OnceLock<regex::RegexSet>,
}

/// The literals the patterns' matches start or end with, as one automaton.
#[derive(Debug)]
struct Literals {
    /// ASCII case-insensitive, every occurrence reported (one literal may be part of another).
    automaton: Option<aho_corasick::AhoCorasick>,
    /// For each literal, the patterns whose matches hold it.
    patterns: Vec<u64>,
    /// The patterns with no such literals: always searched.
    ungated: u64,
    /// All the patterns.
    all: u64,
}

impl Literals {
    fn new(required: &[Option<Vec<Vec<u8>>>]) -> Literals {
        let mut by_literal: std::collections::BTreeMap<&[u8], u64> = Default::default();
        let mut ungated = 0u64;
        for (i, r) in required.iter().enumerate() {
            match r {
                Some(lits) => {
                    for l in lits {
                        *by_literal.entry(l.as_slice()).or_default() |= 1 << i;
                    }
                }
                None => ungated |= 1 << i,
            }
        }
        let all = if required.len() == 64 {
            u64::MAX
        } else {
            (1u64 << required.len()) - 1
        };
        let automaton = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(by_literal.keys())
            .ok();
        Literals {
            patterns: if automaton.is_some() {
                by_literal.values().copied().collect()
            } else {
                Vec::new()
            },
            ungated: if automaton.is_some() { ungated } else { all },
            automaton,
            all,
        }
    }

    /// The patterns that may match in `text`.
    fn live(&self, text: &str) -> u64 {
        let Some(ac) = &self.automaton else {
            return self.all;
        };
        // the only letters outside ASCII that a case-insensitive pattern reads as ASCII
        // ones: the Kelvin sign (k) and the long s (s)
        if text.contains(['\u{212A}', '\u{17F}']) {
            return self.all;
        }
        let mut live = self.ungated;
        for m in ac.find_overlapping_iter(text) {
            live |= self.patterns[m.pattern().as_usize()];
            if live == self.all {
                break;
            }
        }
        live
    }
}

/// What every match of `pattern` (compiled case-insensitively) starts with, or ends with:
/// a short list of ASCII literals, lower-cased, each at least two bytes long. `None` when
/// no such list exists (a pattern that may start with any digit and end with any word).
fn required_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    // parsed case-sensitively: each literal is then one spelling, and the automaton
    // matches it in any ASCII case (`Literals::live` handles the two non-ASCII letters
    // that fold to ASCII ones)
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let mut best: Option<(usize, Vec<Vec<u8>>)> = None;
    for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
        let prefix = kind.is_prefix();
        let seq = Extractor::new().kind(kind).extract(&hir);
        let Some(literals) = seq.literals() else {
            continue;
        };
        // a literal's letters outside ASCII may match other spellings: it is cut before
        // the first (of a prefix) or after the last (of a suffix), still a part every
        // match holds. Signs with no case ("€", "–") are kept.
        let cut: Vec<Vec<u8>> = literals
            .iter()
            .map(|l| {
                let text = String::from_utf8_lossy(l.as_bytes());
                let caseless = |c: &char| {
                    c.is_ascii()
                        || (c.to_lowercase().eq([*c]) && c.to_uppercase().eq([*c]))
                            && *c != char::REPLACEMENT_CHARACTER
                };
                let part: String = if prefix {
                    text.chars().take_while(caseless).collect()
                } else {
                    let tail: Vec<char> = text.chars().rev().take_while(caseless).collect();
                    tail.into_iter().rev().collect()
                };
                part.to_ascii_lowercase().into_bytes()
            })
            .collect();
        // each literal must be rare enough to tell something: two bytes or more, or one
        // sign ("$", "%")
        let telling =
            |l: &Vec<u8>| l.len() >= 2 || l.first().is_some_and(|b| b.is_ascii_punctuation());
        if !cut.iter().all(telling) {
            continue;
        }
        let shortest = cut.iter().map(Vec::len).min().unwrap_or(0);
        if best.as_ref().is_none_or(|(s, _)| shortest > *s) {
            best = Some((shortest, cut));
        }
    }
    best.map(|(_, lits)| lits)
}

/// Texts read without the set before it is compiled.
const WARM_UP: usize = 4096;

impl Set {
    /// The set, once it pays.
    pub(super) fn get(&self) -> Option<&regex::RegexSet> {
        if let Some(set) = self.set.get() {
            return Some(set);
        }
        if self.texts.fetch_add(1, Ordering::Relaxed) < WARM_UP {
            return None;
        }
        Some(self.set.get_or_init(|| {
            // the patterns carry their own flags; the set reads them as `compile` does
            regex::RegexSetBuilder::new(&self.patterns)
                .case_insensitive(true)
                .size_limit(1 << 28)
                .dfa_size_limit(1 << 26)
                .build()
                .unwrap_or_else(|e| panic!("recognizer patterns do not compile as a set: {e}"))
        }))
    }
}

/// Runs `build` and returns what it built with the set of the patterns it compiled
/// (`None` when it compiled none).
pub(super) fn collect<T>(build: impl FnOnce() -> T) -> (T, Option<Set>) {
    let outer = COLLECT.with(|c| c.borrow_mut().replace(Vec::new()));
    let built = build();
    let patterns = COLLECT.with(|c| std::mem::replace(&mut *c.borrow_mut(), outer));
    let set = patterns.filter(|p| !p.is_empty()).map(|patterns| {
        let (patterns, required): (Vec<String>, Vec<_>) = patterns.into_iter().unzip();
        Set {
            patterns,
            literals: Literals::new(&required),
            texts: AtomicUsize::new(0),
            set: OnceLock::new(),
        }
    });
    (built, set)
}

/// While it lives, the patterns of `set` that match nowhere in `text` are skipped when a
/// recognizer searches `text`.
pub(super) struct Scope {
    previous: Option<Gate>,
}

impl Scope {
    pub(super) fn new(text: &str, set: Option<&Set>) -> Scope {
        let gate = set.map(|set| {
            let live = match set.get() {
                Some(all) => all.matches(text).iter().fold(0u64, |live, i| live | 1 << i),
                None => set.literals.live(text),
            };
            Gate {
                ptr: text.as_ptr() as usize,
                len: text.len(),
                live,
            }
        });
        Scope {
            previous: GATE.with(|g| g.replace(gate)),
        }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        GATE.with(|g| g.set(self.previous));
    }
}

#[cfg(test)]
mod tests {
    use super::super::{find, Numbers};
    use crate::rules::RuleSet;

    /// Every match's groups, as (start, end) or `None`, by the regex crate's own iterator.
    fn regex_groups(re: &regex::Regex, text: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        re.captures_iter(text)
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect()
    }

    fn gate_groups(re: &super::Regex, text: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        re.captures_iter(text)
            .map(|c| {
                (0..re.captures_len())
                    .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn captures_are_the_regex_crates_own_including_empty_matches() {
        let texts = ["", "a", "aab b", "né 12 ab", "—a—", "ba1b2c", "x"];
        for pattern in [
            r"a*",
            r"(a)?(b)?",
            r"(?P<n>\d)|(?P<w>[a-z]+)",
            r"\b",
            r"(é)?",
        ] {
            let re = super::Regex::new(regex::Regex::new(pattern).unwrap());
            for text in texts {
                assert_eq!(
                    gate_groups(&re, text),
                    regex_groups(&re, text),
                    "{pattern} on {text:?}"
                );
            }
        }
    }

    #[test]
    fn nested_searches_of_patterns_with_as_many_groups_keep_their_own_locations() {
        let a = super::Regex::new(regex::Regex::new(r"(\d+)").unwrap());
        let b = super::Regex::new(regex::Regex::new(r"([a-z]+)").unwrap());
        let text = "ab 12 cd 345";
        let mut seen = Vec::new();
        for _ in 0..3 {
            for x in a.captures_iter(text) {
                for y in b.captures_iter(text) {
                    seen.push((x.get(1).unwrap().as_str(), y.get(1).unwrap().as_str()));
                }
            }
        }
        assert_eq!(
            seen[..4],
            [("12", "ab"), ("12", "cd"), ("345", "ab"), ("345", "cd")]
        );
        assert_eq!(seen.len(), 12);
    }

    #[test]
    fn the_gated_recognizers_find_what_the_others_find() {
        let n = Numbers::new(&RuleSet::defaults());
        let texts = [
            "In 2014 Moscow cancelled almost US $10 billion, or 90%, of the debt, to be paid back over 20 years.",
            "at 10:30 call 555-1234, see section 3 of Resolution 2270",
            "a 43-year-old man, one of twenty-six world leaders, saw a tenfold rise in May.",
            "nine in ten voters, three-quarters of the staff, the 70th anniversary, the 2000s",
            "No figures at all here.",
        ];
        let ungated: Vec<_> = texts.iter().map(|t| find(t, &n)).collect();
        assert!(n.gate.as_ref().unwrap().set.get().is_none());
        for _ in 0..super::WARM_UP {
            find("", &n);
        }
        let gated: Vec<_> = texts.iter().map(|t| find(t, &n)).collect();
        assert!(n.gate.as_ref().unwrap().set.get().is_some());
        assert_eq!(gated, ungated);
    }

    /// Every line of the repository's corpora and briefs, and texts with the letters
    /// outside ASCII that case-insensitive patterns read as ASCII ones: the recognizers
    /// find the same with the literal gate as with no gate at all.
    #[test]
    fn the_literal_gate_never_skips_a_pattern_that_matches() {
        let mut bare = Numbers::new(&RuleSet::defaults());
        bare.gate = None;
        let mut texts: Vec<String> = [
            "a 5-YEAR plan, ſix \u{17F}econds, 3 \u{212A}m and a 10 DAY wait",
            "it doubled; TWICE; Fourfold; 3 TIMES; the 1990S; FY2024; mid-2023",
            "US$5bn, €3.4m, 3.4 million EUROS, 90 Per Cent, 12 Sept. 2020",
            "",
        ]
        .map(String::from)
        .to_vec();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("seeds"), root.join("examples/briefs")];
        if let Ok(sets) = std::fs::read_dir(root.join("tests/eval")) {
            for set in sets.flatten() {
                dirs.push(set.path().join("corpus"));
                dirs.push(set.path().join("briefs"));
            }
        }
        for dir in dirs {
            for file in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if let Ok(text) = std::fs::read_to_string(file.path()) {
                    texts.extend(text.lines().map(String::from));
                }
            }
        }
        assert!(texts.len() > 500, "only {} texts", texts.len());
        // (fewer texts per `Numbers` than it reads before it compiles its `RegexSet`)
        for chunk in texts.chunks(super::WARM_UP / 2) {
            let gated = Numbers::new(&RuleSet::defaults());
            for t in chunk {
                assert_eq!(find(t, &gated), find(t, &bare), "{t}");
            }
            assert!(gated.gate.as_ref().unwrap().set.get().is_none());
        }
    }
}
