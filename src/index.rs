//! The corpus's term index: terms interned to ids with their rarity (IDF), source figure
//! contexts as sorted id vectors, and postings from (kind, term) to the source figures
//! whose context holds the term, so a check only scores the figures it shares words with.

use crate::context::Context;
use crate::figures::Kind;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// A context as interned, sorted `(term id, weight)` pairs.
pub type Terms = Vec<(u32, f32)>;

/// Interned terms and their rarity.
#[derive(Debug, Default)]
pub struct Vocab {
    ids: HashMap<String, u32>,
    idf: Vec<f32>,
    /// The rarity of a term no sentence holds.
    pub max_idf: f32,
    /// Terms that tell what happens to a thing, not what it is ("rise", "fall"): shared,
    /// they add to an alignment's score but never anchor it (see `mark_generic`).
    generic: Vec<bool>,
    /// Units of measure ("kg", "metre"): shared, they say two figures are the same kind of
    /// quantity, not of the same thing, so they never anchor an alignment either.
    measure: Vec<bool>,
    /// Terms that say how figures are put together, not what they are ("together"):
    /// shared, they never anchor an alignment.
    neutral: Vec<bool>,
    /// The years a date term names ("@2024"), by term id.
    years: Vec<Option<(i32, i32)>>,
}

/// Builds a `Vocab`: terms interned in the order they come, and how many evidence
/// sentences hold each.
#[derive(Debug, Default)]
pub struct VocabBuilder {
    ids: HashMap<String, u32>,
    df: Vec<u32>,
    sentences: usize,
}

impl VocabBuilder {
    pub fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.df.len() as u32;
        self.ids.insert(term.to_string(), id);
        self.df.push(0);
        id
    }

    /// Counts one sentence's distinct terms.
    pub fn count(&mut self, distinct: impl Iterator<Item = u32>) {
        self.sentences += 1;
        for id in distinct {
            self.df[id as usize] += 1;
        }
    }

    /// Whether an evidence sentence holds the term.
    pub fn known(&self, id: u32) -> bool {
        self.df.get(id as usize).is_some_and(|&d| d > 0)
    }

    /// The vocabulary; terms no sentence holds stay unknown to it.
    pub fn finish(self) -> Vocab {
        let ids = self
            .ids
            .into_iter()
            .filter(|&(_, id)| self.df[id as usize] > 0)
            .collect();
        let total = self.sentences as f32 + 1.0;
        let idf = self
            .df
            .into_iter()
            .map(|d| (total / (d as f32 + 0.5)).ln().max(0.05))
            .collect();
        Vocab {
            ids,
            idf,
            max_idf: (total / 0.5).ln(),
            generic: Vec::new(),
            measure: Vec::new(),
            years: Vec::new(),
            neutral: Vec::new(),
        }
    }
}

impl Vocab {
    pub fn id(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    /// One flag per term: whether it is one of `terms`.
    fn flags<'a>(&self, terms: impl IntoIterator<Item = &'a str>) -> Vec<bool> {
        let mut flags = vec![false; self.idf.len()];
        for t in terms {
            if let Some(id) = self.id(t) {
                flags[id as usize] = true;
            }
        }
        flags
    }

    /// Marks terms as generic (see `Vocab::generic`).
    pub fn mark_generic<'a>(&mut self, terms: impl IntoIterator<Item = &'a str>) {
        self.generic = self.flags(terms);
    }

    /// Reads the years of the date terms (see `Vocab::years`).
    pub fn mark_years(&mut self) {
        self.years = vec![None; self.idf.len()];
        for (term, &id) in &self.ids {
            self.years[id as usize] = crate::context::date_term_years(term);
        }
    }

    /// The years a date term names.
    pub fn years_of(&self, id: u32) -> Option<(i32, i32)> {
        self.years.get(id as usize).copied().flatten()
    }

    /// Marks terms as neutral (see `Vocab::neutral`).
    pub fn mark_neutral<'a>(&mut self, terms: impl IntoIterator<Item = &'a str>) {
        self.neutral = self.flags(terms);
    }

    /// Whether a term is neutral: it never anchors an alignment.
    pub fn is_neutral(&self, id: u32) -> bool {
        self.neutral.get(id as usize).copied().unwrap_or(false)
    }

    /// Marks terms as units of measure (see `Vocab::measure`).
    pub fn mark_measure<'a>(&mut self, terms: impl IntoIterator<Item = &'a str>) {
        self.measure = self.flags(terms);
    }

    /// Whether a term is a unit of measure: it never anchors an alignment.
    pub fn is_measure(&self, id: u32) -> bool {
        self.measure.get(id as usize).copied().unwrap_or(false)
    }

    /// Whether a term is generic: it never anchors an alignment.
    pub fn is_generic(&self, id: u32) -> bool {
        self.generic.get(id as usize).copied().unwrap_or(false)
    }

    pub fn idf_of(&self, id: u32) -> f32 {
        self.idf.get(id as usize).copied().unwrap_or(self.max_idf)
    }

    /// Rarity of a term (the maximum for a term the corpus never uses).
    pub fn idf(&self, term: &str) -> f32 {
        self.id(term).map_or(self.max_idf, |id| self.idf_of(id))
    }

    /// A context as interned terms, plus the IDF-weighted squared norm and mass of the terms
    /// the corpus does not know (they count against alignment but can never be shared).
    pub fn intern(&self, cx: &Context) -> (Terms, f32, f32) {
        let mut terms: Terms = Vec::with_capacity(cx.terms.len());
        let (mut unknown_norm2, mut unknown_mass) = (0.0, 0.0);
        for (t, w) in &cx.terms {
            match self.id(t) {
                Some(id) => terms.push((id, *w)),
                None => {
                    unknown_norm2 += (w * self.max_idf).powi(2);
                    unknown_mass += w * self.max_idf;
                }
            }
        }
        terms.sort_unstable_by_key(|(id, _)| *id);
        (terms, unknown_norm2, unknown_mass)
    }

    /// IDF-weighted norm and mass of interned terms (plus the unknown part).
    pub fn norm_mass(&self, terms: &Terms, unknown_norm2: f32, unknown_mass: f32) -> (f32, f32) {
        let mut n2 = unknown_norm2;
        let mut mass = unknown_mass;
        for &(id, w) in terms {
            let idf = self.idf_of(id);
            n2 += (w * idf).powi(2);
            mass += w * idf;
        }
        (n2.sqrt(), mass)
    }
}

/// Postings: (kind, term) -> the source figures whose context holds the term, heaviest
/// first (then in corpus order), so a search can stop after the strongest. Each entry
/// packs the figure's index (24 bits) with its weight for the term (8 bits, in steps of
/// 1/128): four bytes an entry, for corpora of up to `Postings::MAX_FIGURES` figures.
/// All lists lie in one array, each kind's in term order (no list is a `Vec` of its own).
#[derive(Debug, Default)]
pub struct Postings {
    kinds: HashMap<Kind, u16>,
    /// Per kind, where each term's list starts in `entries` (and the last one ends).
    starts: Vec<Vec<u32>>,
    entries: Vec<u32>,
}

/// Weights are stored in steps of this (up to 255 steps, ~2.0; context weights stay below).
const WEIGHT_STEP: f32 = 1.0 / 128.0;

impl Postings {
    /// The most figures a corpus may hold.
    pub const MAX_FIGURES: usize = 1 << 24;

    /// Indexes figures given as (kind, context terms). At most `MAX_FIGURES` figures.
    pub fn new<'a>(
        figures: impl Iterator<Item = (&'a Kind, &'a [(u32, f32)])> + Clone,
    ) -> Postings {
        let mut p = Postings::default();
        // each list is counted first, then filled in figure order, then sorted
        let mut of_figure: Vec<u16> = Vec::new();
        let mut counts: Vec<Vec<u32>> = Vec::new();
        for (kind, terms) in figures.clone() {
            // (a kind is cloned only when it is new: a currency's kind holds a string)
            let k = match p.kinds.get(kind) {
                Some(&k) => k,
                None => {
                    let k = p.kinds.len() as u16;
                    p.kinds.insert(kind.clone(), k);
                    counts.push(Vec::new());
                    k
                }
            };
            of_figure.push(k);
            let c = &mut counts[k as usize];
            for &(t, _) in terms {
                let t = t as usize;
                if c.len() < t + 2 {
                    c.resize(t + 2, 0);
                }
                c[t + 1] += 1;
            }
        }
        let mut total = 0u32;
        for c in &mut counts {
            for n in c.iter_mut() {
                total += *n;
                *n = total;
            }
        }
        // (each kind's counts now hold where its lists start, offset by the kinds before)
        let mut at = counts.clone();
        p.entries = vec![0; total as usize];
        for (i, (_, terms)) in figures.enumerate() {
            debug_assert!(i < Self::MAX_FIGURES);
            let next = &mut at[of_figure[i] as usize];
            for &(t, w) in terms {
                let step = (w / WEIGHT_STEP).round().clamp(1.0, 255.0) as u32;
                let slot = &mut next[t as usize];
                p.entries[*slot as usize] = (i as u32) << 8 | step;
                *slot += 1;
            }
        }
        drop(at);
        // heaviest first, then in corpus order; the lists are sorted in parallel
        let mut lists: Vec<&mut [u32]> = Vec::new();
        let mut rest: &mut [u32] = &mut p.entries;
        let mut done = 0usize;
        for c in &counts {
            for pair in c.windows(2) {
                let (start, end) = (pair[0] as usize, pair[1] as usize);
                if end - start > 1 {
                    let (_, tail) = std::mem::take(&mut rest).split_at_mut(start - done);
                    let (list, tail) = tail.split_at_mut(end - start);
                    lists.push(list);
                    rest = tail;
                    done = end;
                }
            }
        }
        lists.par_iter_mut().for_each(|list| {
            list.sort_unstable_by(|a, b| (b & 0xff).cmp(&(a & 0xff)).then(a.cmp(b)))
        });
        p.starts = counts;
        p
    }

    /// The source figures of `kind` whose context holds `term`, heaviest first, packed
    /// (see `Postings::entry`).
    pub fn get(&self, kind: &Kind, term: u32) -> &[u32] {
        let Some(&k) = self.kinds.get(kind) else {
            return &[];
        };
        let starts = &self.starts[k as usize];
        let t = term as usize;
        match (starts.get(t), starts.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.entries[a as usize..b as usize],
            _ => &[],
        }
    }

    /// A packed entry as (figure index, weight).
    pub fn entry(packed: u32) -> (u32, f32) {
        (packed >> 8, (packed & 0xff) as f32 * WEIGHT_STEP)
    }
}
