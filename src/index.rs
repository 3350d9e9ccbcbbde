//! The corpus's term index: terms interned to ids with their rarity (IDF), source figure
//! contexts as sorted id vectors, and postings from (kind, term) to the source figures
//! whose context holds the term, so a check only scores the figures it shares words with.

use crate::context::Context;
use crate::figures::Kind;
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
        }
    }
}

impl Vocab {
    pub fn id(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
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
#[derive(Debug, Default)]
pub struct Postings {
    kinds: HashMap<Kind, u16>,
    lists: HashMap<(u16, u32), Vec<u32>>,
}

/// Weights are stored in steps of this (up to 255 steps, ~2.0; context weights stay below).
const WEIGHT_STEP: f32 = 1.0 / 128.0;

impl Postings {
    /// The most figures a corpus may hold.
    pub const MAX_FIGURES: usize = 1 << 24;

    /// Indexes figures given as (kind, context terms). At most `MAX_FIGURES` figures.
    pub fn new<'a>(figures: impl Iterator<Item = (&'a Kind, &'a Terms)> + Clone) -> Postings {
        let mut p = Postings::default();
        // each list is sized first, then filled: no list grows by doubling
        let mut sizes: HashMap<(u16, u32), u32> = HashMap::default();
        for (kind, terms) in figures.clone() {
            let next = p.kinds.len() as u16;
            let k = *p.kinds.entry(kind.clone()).or_insert(next);
            for &(t, _) in terms {
                *sizes.entry((k, t)).or_default() += 1;
            }
        }
        p.lists.reserve(sizes.len());
        for (key, n) in sizes {
            p.lists.insert(key, Vec::with_capacity(n as usize));
        }
        for (i, (kind, terms)) in figures.enumerate() {
            debug_assert!(i < Self::MAX_FIGURES);
            let k = p.kinds[kind];
            for &(t, w) in terms {
                let step = (w / WEIGHT_STEP).round().clamp(1.0, 255.0) as u32;
                if let Some(list) = p.lists.get_mut(&(k, t)) {
                    list.push((i as u32) << 8 | step);
                }
            }
        }
        for list in p.lists.values_mut() {
            list.sort_by(|a, b| (b & 0xff).cmp(&(a & 0xff)).then(a.cmp(b)));
        }
        p
    }

    /// The source figures of `kind` whose context holds `term`, heaviest first, packed
    /// (see `Postings::entry`).
    pub fn get(&self, kind: &Kind, term: u32) -> &[u32] {
        self.kinds
            .get(kind)
            .and_then(|k| self.lists.get(&(*k, term)))
            .map_or(&[], Vec::as_slice)
    }

    /// A packed entry as (figure index, weight).
    pub fn entry(packed: u32) -> (u32, f32) {
        (packed >> 8, (packed & 0xff) as f32 * WEIGHT_STEP)
    }
}
