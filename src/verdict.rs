//! Aligning a brief's figure with the corpus figures that speak of the same thing, and the
//! verdict: supported, contradicted or unverified.

use crate::context::Context;
use crate::corpus::{Corpus, SourceFigure};
use crate::figures::{Figure, Kind, Role};

/// How the verdict reads alignment scores (cosine of IDF-weighted contexts, 0..1).
pub mod threshold {
    /// A source figure at least this well aligned speaks of the same thing.
    pub const ALIGNED: f32 = 0.2;
    /// Source figures within this share of the best score are "the best aligned".
    pub const NEAR_BEST: f32 = 0.8;
    /// A contradiction needs the best alignment to reach this.
    pub const CONTRADICT: f32 = 0.25;
    /// A contradiction is withheld when an agreeing figure scores at least this share of the best.
    pub const AGREEING_RIVAL: f32 = 0.6;
    /// A contradiction must rest on a shared word that is close to both figures: at least
    /// this weight on both sides (1.0 is the word right next to a figure). A quantity's
    /// words sit next to it (the noun it counts, its verb); a date dates a whole clause,
    /// so its words sit further away.
    pub const ANCHOR: f32 = 0.6;
    pub const ANCHOR_DATE: f32 = 0.4;
    /// ... and on at least this many shared words weighing `SUPPORT_WEIGHT` or more on
    /// both sides: one shared word is too thin to call a figure wrong.
    pub const SUPPORT: usize = 2;
    pub const SUPPORT_WEIGHT: f32 = 0.15;
    /// Quantities from the same source sentence as the best one share all its wider words,
    /// so their scores differ only by what tells them apart: they count as "near" the best
    /// (or as an agreeing rival) only within this share of it.
    pub const NEAR_SAME_SENTENCE: f32 = 0.95;
    /// Alignment is multiplied by this when one figure is a rate ("a year") and the other is
    /// not, and again when one is a plan or target and the other is not.
    pub const ROLE_MISMATCH: f32 = 0.6;
}

/// The verdict on one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    Supported,
    Contradicted,
    Unverified,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Unverified => "unverified",
        }
    }
}

/// A source figure with its alignment score.
#[derive(Debug, Clone, Copy)]
pub struct Match {
    pub figure: usize,
    pub score: f32,
    /// Shared evidence (see `similarity`).
    pub mass: f32,
    /// The strongest shared word: max over shared terms of min(brief weight, source weight).
    pub anchor: f32,
    /// How many shared terms weigh `threshold::SUPPORT_WEIGHT` or more on both sides.
    pub support: usize,
    /// The share of the brief figure's own context (terms weighing 0.3 or more, by weight ·
    /// idf) that the source figure's context also holds.
    pub coverage: f32,
    pub agrees: bool,
}

/// Whether two figures can be compared at all: same kind (and currency), comparable date
/// components, the same rate-ness and role, and for counts, ordinals and identifiers a
/// shared noun or label.
pub fn comparable(a: &Figure, b: &Figure) -> bool {
    if a.kind != b.kind || !a.value.comparable(&b.value) {
        return false;
    }
    let role_ok = match (a.role, b.role) {
        (Role::Comparison, r) | (r, Role::Comparison) => r == Role::Comparison,
        (Role::Change, r) | (r, Role::Change) => r == Role::Change,
        // a range's end is compared with ends; a plain year with anything
        (Role::RangeStart | Role::RangeEnd, r) => r == a.role,
        _ => true,
    };
    if !role_ok {
        return false;
    }
    match a.kind {
        Kind::Count | Kind::Ordinal | Kind::Identifier => {
            !a.unit.is_empty() && a.unit.iter().any(|u| b.unit.contains(u))
        }
        _ => true,
    }
}

/// How well a source figure's context aligns with a brief figure's: `(score, mass, anchor)`.
///
/// `score` is the cosine of the two contexts weighted by IDF. `mass` is the shared
/// evidence, Σ min(brief weight, source weight) · idf over the shared terms; `anchor` the
/// largest min(brief weight, source weight) of a shared term.
pub fn similarity(
    corpus: &Corpus,
    a: &Context,
    a_norm: f32,
    b: &SourceFigure,
) -> (f32, f32, f32, f32, usize) {
    if a_norm == 0.0 || b.norm == 0.0 {
        return (0.0, 0.0, 0.0, 0.0, 0);
    }
    let (mut own, mut covered) = (0.0f32, 0.0f32);
    for (t, w) in &a.terms {
        if *w >= 0.3 {
            own += w * corpus.idf(t);
            if let Some(v) = b.context.terms.get(t) {
                covered += w.min(*v) * corpus.idf(t);
            }
        }
    }
    let coverage = if own > 0.0 { covered / own } else { 0.0 };
    let (small, large) = if a.terms.len() <= b.context.terms.len() {
        (&a.terms, &b.context.terms)
    } else {
        (&b.context.terms, &a.terms)
    };
    let mut shared = 0.0f32;
    let mut anchor = 0.0f32;
    let mut support = 0;
    for (t, w) in small {
        if let Some(v) = large.get(t) {
            shared += w.min(*v) * corpus.idf(t);
            anchor = anchor.max(w.min(*v));
            support += usize::from(w.min(*v) >= threshold::SUPPORT_WEIGHT);
        }
    }
    let dot: f32 = small
        .iter()
        .filter_map(|(t, w)| large.get(t).map(|v| w * v * corpus.idf(t).powi(2)))
        .sum();
    (dot / (a_norm * b.norm), shared, anchor, coverage, support)
}

/// The outcome for one brief figure.
#[derive(Debug, Clone)]
pub struct Judgement {
    pub verdict: Verdict,
    /// The source figures the verdict rests on, best first.
    pub evidence: Vec<Match>,
    /// The best alignment score seen.
    pub best: f32,
    /// The best-aligned comparable source figures, whatever the verdict (for explanations).
    pub ranked: Vec<Match>,
}

/// Judges one brief figure against the corpus.
pub fn judge(corpus: &Corpus, figure: &Figure, context: &Context) -> Judgement {
    judge_except(corpus, figure, context, None)
}

/// Judges a corpus figure against the figures of the *other* documents: where the sources
/// disagree with each other. A total ("the $11 billion" in "90% of the $11 billion debt")
/// is not judged: its part is.
pub fn judge_source(corpus: &Corpus, index: usize) -> Judgement {
    let sf = &corpus.figures[index];
    if sf.figure.role == Role::Total {
        return Judgement {
            verdict: Verdict::Unverified,
            evidence: Vec::new(),
            best: 0.0,
            ranked: Vec::new(),
        };
    }
    let doc = corpus.sentences[sf.sentence].doc;
    judge_except(corpus, &sf.figure, &sf.context, Some(doc))
}

fn judge_except(
    corpus: &Corpus,
    figure: &Figure,
    context: &Context,
    skip_doc: Option<usize>,
) -> Judgement {
    let norm = corpus.norm(context);
    let mut matches: Vec<Match> = corpus
        .figures
        .iter()
        .enumerate()
        .filter(|(_, s)| skip_doc != Some(corpus.sentences[s.sentence].doc))
        .filter(|(_, s)| comparable(figure, &s.figure))
        .map(|(i, s)| {
            let (mut score, shared, anchor, coverage, support) =
                similarity(corpus, context, norm, s);
            if figure.rate != s.figure.rate {
                score *= threshold::ROLE_MISMATCH;
            }
            if context.modal != s.context.modal {
                score *= threshold::ROLE_MISMATCH;
            }
            if context.complement != s.context.complement {
                score *= threshold::ROLE_MISMATCH;
            }
            Match {
                figure: i,
                score,
                mass: shared,
                anchor,
                coverage,
                support,
                agrees: figure.value.agrees(&s.figure.value),
            }
        })
        .filter(|m| m.score > 0.0)
        .collect();
    matches.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.figure.cmp(&b.figure)));
    let best = matches.first().map_or(0.0, |m| m.score);
    let ranked: Vec<Match> = matches.iter().take(5).copied().collect();
    let unverified = |best| Judgement {
        verdict: Verdict::Unverified,
        evidence: Vec::new(),
        best,
        ranked: ranked.clone(),
    };
    if best < threshold::ALIGNED {
        return unverified(best);
    }
    let best_sentence = matches.first().map(|m| corpus.figures[m.figure].sentence);
    // (a date's words are its whole clause's, so two dates in one sentence share them:
    // only quantities are told apart this strictly)
    let share = |m: &Match, loose: f32| {
        if figure.kind != Kind::Date && Some(corpus.figures[m.figure].sentence) == best_sentence {
            threshold::NEAR_SAME_SENTENCE.max(loose)
        } else {
            loose
        }
    };
    let near: Vec<Match> = matches
        .iter()
        .copied()
        .filter(|m| m.score >= (share(m, threshold::NEAR_BEST) * best).max(threshold::ALIGNED))
        .collect();
    let agreeing: Vec<Match> = near.iter().copied().filter(|m| m.agrees).collect();
    if !agreeing.is_empty() {
        return Judgement {
            verdict: Verdict::Supported,
            evidence: agreeing,
            best,
            ranked,
        };
    }
    let rival = matches
        .iter()
        .any(|m| m.agrees && m.score >= share(m, threshold::AGREEING_RIVAL) * best);
    let anchor = if figure.kind == Kind::Date {
        threshold::ANCHOR_DATE
    } else {
        threshold::ANCHOR
    };
    // and on more than one word: one shared word is too thin to call a figure wrong
    let anchored = near
        .iter()
        .any(|m| m.anchor >= anchor && m.support >= threshold::SUPPORT);
    if figure.negated || rival || best < threshold::CONTRADICT || !anchored {
        return unverified(best);
    }
    Judgement {
        verdict: Verdict::Contradicted,
        evidence: near,
        best,
        ranked,
    }
}
