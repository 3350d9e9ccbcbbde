//! Gated recognizer patterns. Every pattern compiled by `Numbers::compile` is also one
//! pattern of a `RegexSet`, which `figures::find` runs once over its text: one pass that
//! tells which patterns match anywhere in it. A recognizer then searches that same text
//! only with the patterns that match there; the others would find nothing, so they are
//! skipped. A search of any other text (or outside `figures::find`) is never skipped.
//! The set is compiled only after the first few thousand texts (see `Set`).

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// A recognizer pattern: a `regex::Regex` whose searches `figures::find` may skip.
#[derive(Debug, Clone)]
pub struct Regex {
    re: regex::Regex,
    /// Its index in the set (`NONE` when it is in no set).
    id: usize,
}

const NONE: usize = usize::MAX;

/// The text being read by `figures::find` and which patterns match in it.
#[derive(Clone, Copy)]
struct Gate {
    ptr: usize,
    len: usize,
    live: u64,
}

thread_local! {
    /// Patterns compiled while a `collect` runs.
    static COLLECT: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
    static GATE: Cell<Option<Gate>> = const { Cell::new(None) };
}

impl Regex {
    /// Wraps a compiled pattern, adding it to the set being collected (if any).
    pub(super) fn new(re: regex::Regex) -> Regex {
        let id = COLLECT.with(|c| match &mut *c.borrow_mut() {
            Some(all) if all.len() < 64 => {
                all.push(re.as_str().to_string());
                all.len() - 1
            }
            _ => NONE,
        });
        Regex { re, id }
    }

    /// Whether a search of `text` can be skipped: the gate is on for this very text and
    /// the pattern matches nowhere in it.
    fn skip(&self, text: &str) -> bool {
        self.id != NONE
            && GATE.with(Cell::get).is_some_and(|g| {
                g.ptr == text.as_ptr() as usize && g.len == text.len() && g.live & 1 << self.id == 0
            })
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<regex::CaptureMatches<'r, 'h>>> {
        (!self.skip(text))
            .then(|| self.re.captures_iter(text))
            .into_iter()
            .flatten()
    }

    pub fn find_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> std::iter::Flatten<std::option::IntoIter<regex::Matches<'r, 'h>>> {
        (!self.skip(text))
            .then(|| self.re.find_iter(text))
            .into_iter()
            .flatten()
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
    texts: AtomicUsize,
    set: OnceLock<regex::RegexSet>,
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
    let set = patterns.filter(|p| !p.is_empty()).map(|patterns| Set {
        patterns,
        texts: AtomicUsize::new(0),
        set: OnceLock::new(),
    });
    (built, set)
}

/// While it lives, the patterns of `set` that match nowhere in `text` are skipped when a
/// recognizer searches `text`.
pub(super) struct Scope {
    previous: Option<Gate>,
}

impl Scope {
    pub(super) fn new(text: &str, set: Option<&regex::RegexSet>) -> Scope {
        let gate = set.map(|set| {
            let mut live = 0u64;
            for i in set.matches(text).iter() {
                live |= 1 << i;
            }
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
}
