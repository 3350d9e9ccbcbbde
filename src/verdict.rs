//! Aligning a brief's figure with the corpus figures that speak of the same thing, and the
//! verdict: supported, contradicted or unverified.

use crate::context::Context;
use crate::corpus::Corpus;
use crate::figures::{Figure, Interval, Kind, Role, Value};
use crate::index::{Postings, Terms};

/// How the verdict reads alignment scores (cosine of IDF-weighted contexts, 0..1).
pub mod threshold {
    /// A source figure at least this well aligned speaks of the same thing.
    pub const ALIGNED: f32 = 0.2;
    /// ... and a source figure the brief's number mistypes (two adjacent digits swapped)
    /// at least this well: the slip itself says they are one figure.
    pub const SLIP_ALIGNED: f32 = 0.15;
    /// A swap of the two digits of a two-digit number is a slip only at this alignment.
    pub const SHORT_SLIP_ALIGNED: f32 = 0.5;
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
    /// ... unless the brief figure sits in a table row and the source holds at least this
    /// share of its own words.
    pub const TERSE_COVERAGE: f32 = 0.75;
    /// Quantities from the same source sentence as the best one share all its wider words,
    /// so their scores differ only by what tells them apart: they count as "near" the best
    /// (or as an agreeing rival) only within this share of it.
    pub const NEAR_SAME_SENTENCE: f32 = 0.95;
    /// Alignment is multiplied by this when one figure is a rate ("a year") and the other is
    /// not, and again when one is a plan or target and the other is not.
    pub const ROLE_MISMATCH: f32 = 0.6;
    /// A figure whose source statement another figure of its brief sentence is aligned
    /// with at least this well (see `check::corroborate_siblings`) ...
    pub const CORROBORATING: f32 = 0.3;
    /// A quantity whose context holds a year weighing this much is dated by it; one dated
    /// by other years only than a source figure's is another time's value (its alignment
    /// is multiplied by `ROLE_MISMATCH`).
    pub const DATED: f32 = 0.3;
    /// ... and a source figure by one weighing this much (a report's sentence is often
    /// dated at its end: "the 42nd edition will take place on Sunday, 11 October 2026").
    pub const SOURCE_DATED: f32 = 0.15;
    /// A date weighing this much sits right by the figure and gives its time.
    pub const DATED_HERE: f32 = 0.7;
    /// A context word weighing this much is one of the figure's own words (see `coverage`).
    pub const OWN_WORD: f32 = 0.3;
    /// ... is judged by its own best-aligned figure in that statement when it aligns with
    /// it at least this well.
    pub const CORROBORATED: f32 = 0.1;
    /// A figure paired by position with a figure of that statement must share at least
    /// this share of its own words with it, if it has any.
    pub const PAIRED_COVERAGE: f32 = 0.5;
}

/// Why a figure that seems contradicted was left unverified because its own alignment is
/// too weak or too thin: a sentence-level reading may still judge it (`check`).
pub const WEAK: &str = "the best alignment is weak";
pub const THIN: &str = "the shared words are too few or too far from the figures";

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
    /// (in halves: a unit of measure is half a word)
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
    a.kind == b.kind && comparable_of_kind(a, b)
}

/// `comparable`, for two figures of the same kind.
fn comparable_of_kind(a: &Figure, b: &Figure) -> bool {
    roles_compare(a, b) && units_compare(a, b)
}

/// Whether two figures of the same kind have values and roles that compare (the first
/// test of `comparable_of_kind`).
fn roles_compare(a: &Figure, b: &Figure) -> bool {
    if !a.value.comparable(&b.value) {
        return false;
    }
    let role_ok = match (a.role, b.role) {
        (Role::Comparison, r) | (r, Role::Comparison) => r == Role::Comparison,
        (Role::Change, r) | (r, Role::Change) => r == Role::Change,
        // a range's end is compared with ends; a plain year with anything
        (Role::RangeStart | Role::RangeEnd, r) => r == a.role,
        _ => true,
    };
    // "€1.15 a share" is no total; "$1 billion a year" may well be an annual total
    role_ok && a.per_unit == b.per_unit
}

/// The factor that turns a source count's value into the unit of a brief count, when the
/// two are counted in different units of one dimension ("2,450 feet" against "2,450
/// metres": 1 / 0.3048), by the rules' conversions.
pub fn conversion(corpus: &Corpus, brief: &Figure, source: &Figure) -> Option<f64> {
    if brief.kind != Kind::Count || source.kind != Kind::Count || brief.rate != source.rate {
        return None;
    }
    let lexicon = &corpus.rules.numbers.lexicon;
    let (dim, size) = lexicon.unit_size(&brief.unit)?;
    let (source_dim, source_size) = lexicon.unit_size(&source.unit)?;
    (dim == source_dim && size != source_size).then(|| source_size / size)
}

/// How far outside a source's converted value (as a share of it) a brief's value may lie
/// and still agree with it: a converted figure is rounded ("8,000 feet" for 2,450 metres,
/// which is 8,038 feet).
const CONVERSION_SLACK: f64 = 0.025;

/// Whether a brief's value agrees with a source's once the source's is multiplied by
/// `factor` (see `conversion`).
fn agrees_converted(brief: &Value, source: &Value, factor: f64) -> bool {
    let (Value::Number(a), Value::Number(b)) = (brief, source) else {
        return false;
    };
    let (lo, hi) = (b.lo * factor, b.hi * factor);
    a.lo <= hi + CONVERSION_SLACK * hi.abs() && lo - CONVERSION_SLACK * lo.abs() <= a.hi
}

/// `comparable_of_kind`, for figures of one kind and the same unit or the same noun.
fn units_compare(a: &Figure, b: &Figure) -> bool {
    match a.kind {
        // two counts that name nothing ("and 32 were taken to hospital") may be of one
        // thing when their sizes are near (a slip keeps the size)
        Kind::Count if a.unit.is_empty() && b.unit.is_empty() && !a.rate && !b.rate => {
            sizes(a, b).is_some_and(|(p, q)| p > 0.0 && p * BARE_COUNT_SPAN >= q)
        }
        Kind::Count | Kind::Ordinal | Kind::Identifier => {
            !a.unit.is_empty() && a.unit.iter().any(|u| b.unit.contains(u))
        }
        // a school closure of three weeks and an airport's of 36 hours are two things:
        // durations more than ten times apart (a slip of a unit is less, save for months
        // and years)
        Kind::Duration => sizes(a, b).is_none_or(|(p, q)| p == 0.0 || p * DURATION_SPAN >= q),
        // a share price and a company's costs are never one sum: amounts more than a
        // thousand times apart, give or take a fifth (a slip of "million" for "billion" is
        // a thousand; "about €1 million a month" is no slip of "€1.45 billion")
        Kind::Money(_) => sizes(a, b).is_none_or(|(p, q)| p == 0.0 || p * MONEY_SPAN >= q),
        _ => true,
    }
}

/// The sizes of two figures' numbers, the smaller first: each one's finite end, without
/// its sign (a bound's size is its finite end); `None` unless both are numbers.
fn sizes(a: &Figure, b: &Figure) -> Option<(f64, f64)> {
    let size = |i: Interval| {
        if i.hi.is_finite() {
            i.lo.abs().max(i.hi.abs())
        } else {
            i.lo.abs()
        }
    };
    match (a.value, b.value) {
        (Value::Number(x), Value::Number(y)) => {
            let (p, q) = (size(x), size(y));
            Some((p.min(q), p.max(q)))
        }
        _ => None,
    }
}

/// Whether two numbers are one as written: within half a percent of each other.
fn same_number(p: f64, q: f64) -> bool {
    (p - q).abs() <= 0.005 * p.abs().max(q.abs())
}

/// How far apart two counts that name nothing may be and still be the same thing's.
const BARE_COUNT_SPAN: f64 = 3.0;

/// How far apart two durations may be and still be the same thing's.
const DURATION_SPAN: f64 = 10.0;

/// How far apart two amounts of money may be and still be the same thing's.
const MONEY_SPAN: f64 = 1.2e3;

/// The number a figure was written with ("about 12,300": 12,300), before its hedge and
/// rounding made it a range; `None` for a date or an unknown hedge.
fn written_number(corpus: &Corpus, f: &Figure) -> Option<f64> {
    let Value::Number(i) = f.value else {
        return None;
    };
    match &f.hedge {
        Some(h) => corpus.rules.numbers.hedge_point(h, i),
        None => Some((i.lo + i.hi) / 2.0),
    }
}

/// Whether one figure restates another's value: their values agree, and so do the numbers
/// they were written with ("more than 4,000 tonnes" does not restate "at least 2,600
/// tonnes", though the two bounds overlap).
pub fn restates(corpus: &Corpus, a: &Figure, b: &Figure) -> bool {
    a.value.agrees(&b.value)
        && match (written_number(corpus, a), written_number(corpus, b)) {
            (Some(p), Some(q)) => same_number(p, q),
            _ => true,
        }
}

/// How many digits a transposition must stand among for it to tell (see `transposed`).
const TRANSPOSED_DIGITS: usize = 3;

/// Whether two numbers are one number with two adjacent digits swapped ("263" and "236",
/// "25.4" and "24.5", "12,300" and "21,300"), among at least `TRANSPOSED_DIGITS` digits
/// that are not zeros trailing both: a slip of the keyboard, and rare by chance where so
/// many digits must match (two-digit numbers such as 14 and 41 are too common for it).
fn transposed(a: f64, b: f64) -> bool {
    if !(a.is_finite() && b.is_finite()) || a == b || a.signum() != b.signum() {
        return false;
    }
    // both at one scale, as integers (four decimals kept): their digits line up, last
    // first
    let (Some(x), Some(y)) = (digits(a), digits(b)) else {
        return false;
    };
    if x.len != y.len {
        return false;
    }
    let trailing = (0..x.len)
        .take_while(|&i| x.d[i] == 0 && y.d[i] == 0)
        .count();
    if x.len - trailing < TRANSPOSED_DIGITS {
        return false;
    }
    let mut differ = (trailing..x.len).filter(|&i| x.d[i] != y.d[i]);
    match (differ.next(), differ.next(), differ.next()) {
        (Some(i), Some(j), None) => j == i + 1 && x.d[i] == y.d[j] && x.d[j] == y.d[i],
        _ => false,
    }
}

/// Whether two numbers of two significant digits are one number with them swapped ("68"
/// and "86", "€1.2m" and "€2.1m"): often by chance, so told only where the two align well
/// (see `threshold::SHORT_SLIP_ALIGNED`).
fn transposed_short(a: f64, b: f64) -> bool {
    let (Some(x), Some(y)) = (digits(a), digits(b)) else {
        return false;
    };
    let trailing = |d: &Digits| (0..d.len).take_while(|&i| d.d[i] == 0).count();
    let (tx, ty) = (trailing(&x), trailing(&y));
    a.signum() == b.signum()
        && x.len == y.len
        && tx == ty
        && x.len - tx == 2
        && x.d[tx] != x.d[tx + 1]
        && x.d[tx] == y.d[tx + 1]
        && x.d[tx + 1] == y.d[tx]
}

/// Whether one number is the other with the wrong scale word, a thousand times more or
/// less ("€6.3 million" for "€6.3bn", "410,000" for "410 million"), among at least two
/// significant digits (a "2 million" and a "2 billion" meet too often by chance).
fn rescaled(a: f64, b: f64) -> bool {
    if !(a.is_finite() && b.is_finite() && a > 0.0 && b > 0.0) {
        return false;
    }
    let (small, large) = if a < b { (a, b) } else { (b, a) };
    if ((large / small) / 1000.0 - 1.0).abs() > 1e-9 {
        return false;
    }
    digits(small).is_some_and(|x| {
        let trailing = (0..x.len).take_while(|&i| x.d[i] == 0).count();
        x.len - trailing >= 2
    })
}

/// Whether a brief's number is a source's mistyped: two digits swapped or the wrong scale
/// word (see `transposed` and `rescaled`).
fn slip_of(written: f64, source: f64) -> bool {
    transposed(written, source) || rescaled(written, source)
}

/// A number's decimal digits at a scale of 10⁻⁴, last first.
struct Digits {
    d: [u8; 20],
    len: usize,
}

/// `x`'s digits (see `Digits`); `None` past 10¹⁵, where an f64 no longer holds them all.
fn digits(x: f64) -> Option<Digits> {
    let scaled = (x.abs() * 1e4).round();
    if scaled >= 1e19 {
        return None;
    }
    let mut n = scaled as u64;
    let mut out = Digits { d: [0; 20], len: 0 };
    while n > 0 {
        out.d[out.len] = (n % 10) as u8;
        out.len += 1;
        n /= 10;
    }
    Some(out)
}

/// Whether two figures' values agree. Two figures hedged alike ("up to 280" and "up to
/// 250", "about 160" and "about 140") state two different bounds or estimates: they are
/// compared by the numbers written, not by the overlapping ranges their hedges make.
/// Differently hedged ones ("about $10 billion", "nearly $10 billion") by their ranges.
fn agrees_as_written(corpus: &Corpus, a: &Figure, b: &Figure) -> bool {
    if let (Value::Number(x), Value::Number(y), Some(h), Some(k)) =
        (a.value, b.value, &a.hedge, &b.hedge)
    {
        let numbers = &corpus.rules.numbers;
        if h == k {
            if let (Some(p), Some(q)) = (numbers.hedge_point(h, x), numbers.hedge_point(k, y)) {
                return same_number(p, q);
            }
        }
        // a bound against an approximation ("more than £80m", "about £74m"): the
        // approximate figure's own number must lie within the bound; the slack of its
        // "about" does not stretch it past one ("about £74m" is not "more than £80m")
        for (bound, hb, approx, ha) in [(x, h, y, k), (y, k, x, h)] {
            if !(numbers.hedge_bounds(hb) && numbers.hedge_approximates(ha)) {
                continue;
            }
            if let Some(p) = numbers.hedge_point(ha, approx) {
                let slack = 0.005 * p.abs();
                return bound.lo - slack <= p && p <= bound.hi + slack;
            }
        }
    }
    a.value.agrees(&b.value)
}

/// A figure's context, ready to be matched against the corpus.
pub struct Query {
    /// Interned terms, sorted by id.
    pub terms: Terms,
    /// IDF-weighted norm, including the terms the corpus does not know.
    pub norm: f32,
    /// Σ weight · idf of the terms weighing 0.3 or more (the figure's own words),
    /// including unknown ones: what coverage is measured against.
    pub own: f32,
    pub modal: bool,
    pub complement: bool,
    pub aggregate: bool,
    /// The figure is a value in a table row with a label.
    pub tabular: bool,
    /// The years its context dates it by ("€1.15 a share in 2023"): dates weighing
    /// `DATED` or more.
    pub years: Vec<(i32, i32)>,
    /// Pairs of (a word close to the figure, a word of opposite meaning), as interned
    /// terms: a source figure with the opposite word close to it and not the word itself
    /// speaks of the opposite thing ("add 300 jobs", "cut 1,800 jobs").
    pub opposed: Vec<(Option<u32>, u32)>,
    /// A word close to the figure says it is an earlier value ("the original estimate"):
    /// a source that replaces the value says nothing against it.
    pub earlier: bool,
    /// A date right by the figure gives its time ("€395 for 2023-24"): a source that
    /// replaces the value at another time says nothing against it.
    pub dated_here: bool,
}

impl Query {
    pub fn new(corpus: &Corpus, cx: &Context) -> Query {
        let vocab = &corpus.vocab;
        let (terms, unknown_norm2, _) = vocab.intern(cx);
        let (norm, _) = vocab.norm_mass(&terms, unknown_norm2, 0.0);
        let own = cx
            .terms
            .iter()
            .filter(|(_, w)| **w >= threshold::OWN_WORD)
            .map(|(t, w)| w * vocab.idf(t))
            .sum();
        let lexicon = &corpus.rules.numbers.lexicon;
        let mut opposed = Vec::new();
        for (t, w) in &cx.terms {
            if *w < threshold::ANCHOR {
                continue;
            }
            for o in lexicon.opposites(t) {
                // (a word close to the figure on both sides is no opposition)
                let strong_here = cx
                    .terms
                    .get(o.as_str())
                    .is_some_and(|x| *x >= threshold::ANCHOR);
                if let (Some(id), false) = (vocab.id(o), strong_here) {
                    opposed.push((vocab.id(t), id));
                }
            }
        }
        Query {
            terms,
            norm,
            own,
            modal: cx.modal,
            complement: cx.complement,
            aggregate: cx.aggregate,
            tabular: cx.tabular,
            years: cx
                .terms
                .iter()
                .filter(|(_, w)| **w >= threshold::DATED)
                .filter_map(|(t, _)| crate::context::date_term_years(t))
                .collect(),
            opposed,
            earlier: cx.terms.iter().any(|(t, w)| {
                *w >= threshold::OWN_WORD && corpus.rules.numbers.lexicon.is_earlier(t)
            }),
            dated_here: cx.terms.iter().any(|(t, w)| {
                *w >= threshold::DATED_HERE && crate::context::date_term_years(t).is_some()
            }),
        }
    }

    fn of_source(corpus: &Corpus, index: usize) -> Query {
        let s = &corpus.figures[index];
        let terms = corpus.terms(index);
        let own = terms
            .iter()
            .filter(|(_, w)| *w >= threshold::OWN_WORD)
            .map(|&(id, w)| w * corpus.vocab.idf_of(id))
            .sum();
        Query {
            terms: terms.to_vec(),
            norm: s.norm,
            own,
            modal: s.modal,
            complement: s.complement,
            aggregate: s.aggregate,
            tabular: false,
            years: terms
                .iter()
                .filter(|(_, w)| *w >= threshold::DATED)
                .filter_map(|&(id, _)| corpus.vocab.years_of(id))
                .collect(),
            opposed: Vec::new(),
            earlier: false,
            dated_here: false,
        }
    }
}

/// How well a source figure's context aligns with a query, as a `Match` (unpenalized):
/// `score` is the cosine of the two contexts weighted by IDF; `mass` the shared evidence,
/// Σ min(weights) · idf over shared terms; `anchor` the largest min(weights) of a shared
/// term; `support` how many shared terms weigh `SUPPORT_WEIGHT` or more on both sides;
/// `coverage` the share of the query's own words the source holds. For a change
/// (`change`), the change and plan words shared count in the score but neither anchor nor
/// support it.
pub fn similarity(corpus: &Corpus, q: &Query, index: usize, change: bool) -> Match {
    let s = &corpus.figures[index];
    let mut m = Match {
        figure: index,
        score: 0.0,
        mass: 0.0,
        anchor: 0.0,
        coverage: 0.0,
        support: 0,
        agrees: false,
    };
    if q.norm == 0.0 || s.norm == 0.0 {
        return m;
    }
    let (a, b) = (&q.terms, corpus.terms(index));
    let (mut i, mut j) = (0, 0);
    let (mut dot, mut covered) = (0.0f32, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let idf = corpus.vocab.idf_of(a[i].0);
                let (wa, wb) = (a[i].1, b[j].1);
                let low = wa.min(wb);
                dot += wa * wb * idf * idf;
                m.mass += low * idf;
                // (for a change, "seed prices are expected to rise by 15%" and "fertiliser
                // prices are expected to rise by 8%" share what happens, not what changes)
                if corpus.vocab.is_neutral(a[i].0) {
                    // ("burglary and vehicle theft together" and "fraud and computer misuse
                    // together" are two sums: the word says how, not what)
                } else if corpus.vocab.is_measure(a[i].0) {
                    // ("12 kg" and "465 kg" share a unit, not a thing: it makes them
                    // comparable at all, and is half a word of support)
                    m.anchor = m.anchor.max(low);
                    m.support += usize::from(low >= threshold::SUPPORT_WEIGHT);
                } else if !(change && corpus.vocab.is_generic(a[i].0)) {
                    m.anchor = m.anchor.max(low);
                    m.support += 2 * usize::from(low >= threshold::SUPPORT_WEIGHT);
                }
                if wa >= threshold::OWN_WORD {
                    covered += low * idf;
                }
                i += 1;
                j += 1;
            }
        }
    }
    m.score = dot / (q.norm * s.norm);
    m.coverage = if q.own > 0.0 { covered / q.own } else { 0.0 };
    m
}

/// Whether a source figure's context holds, close to it, a word of opposite meaning to
/// one close to the query's figure, and not that word itself.
fn opposite(q: &Query, terms: &[(u32, f32)]) -> bool {
    let strong = |id: u32| {
        terms
            .binary_search_by_key(&id, |&(t, _)| t)
            .is_ok_and(|k| terms[k].1 >= threshold::ANCHOR)
    };
    q.opposed
        .iter()
        .any(|&(own, opp)| strong(opp) && !own.is_some_and(strong))
}

/// At most this many candidates (by partial score) are scored exactly.
const CANDIDATES: usize = 64;
/// Candidates are found through the query's this many strongest own words.
const SEED_TERMS: usize = 8;
/// Of each seed term's postings, only the this many heaviest are read: in a large corpus
/// a common word's list is long, and its light entries cannot lead the ranking. (A
/// corpus of a few hundred documents never reaches it.)
const SCAN: usize = 256;

/// Candidates popped (and their figures read) at a time.
const AHEAD: usize = 8;

/// Reads what `comparable` reads of a figure, ahead of its use: reads of several figures
/// in a row overlap, where reads one after a comparison each would wait on memory in turn.
fn touch_figure(f: &Figure) {
    std::hint::black_box((f.value, f.role, f.per_unit, f.unit.first().map(String::len)));
}

/// Reads a source figure's context ahead of its use (see `touch_figure`).
fn touch_terms(terms: &[(u32, f32)]) {
    for t in terms.iter().step_by(8) {
        std::hint::black_box(t.0);
    }
}

/// Partial scores of the figures a search touches, in a small open-addressing table (at
/// most `SEED_TERMS * SCAN` figures, so it stays in the fastest cache, however large the
/// corpus).
struct Partial {
    figures: Vec<u32>,
    scores: Vec<f32>,
    /// The slots in use.
    touched: Vec<u32>,
}

impl Partial {
    const SLOTS: usize = (2 * SEED_TERMS * SCAN).next_power_of_two();
    const FREE: u32 = u32::MAX;

    fn new() -> Partial {
        Partial {
            figures: vec![Self::FREE; Self::SLOTS],
            scores: vec![0.0; Self::SLOTS],
            touched: Vec::new(),
        }
    }

    /// The partial score of a figure, from 0.0 when it is first touched.
    fn score(&mut self, figure: u32) -> &mut f32 {
        let mask = Self::SLOTS - 1;
        let mut slot = (figure.wrapping_mul(0x9e37_79b1) >> 16) as usize & mask;
        loop {
            match self.figures[slot] {
                f if f == figure => return &mut self.scores[slot],
                Self::FREE => {
                    self.figures[slot] = figure;
                    self.scores[slot] = 0.0;
                    self.touched.push(slot as u32);
                    return &mut self.scores[slot];
                }
                _ => slot = (slot + 1) & mask,
            }
        }
    }
}

/// The comparable source figures that share a strong word with the query, best first;
/// and apart from them, for a count, the counts of other things (or of none) whose number
/// the brief's mistypes (see `transposed`: "17,840" and "average attendance of 17,480").
fn candidates(
    corpus: &Corpus,
    figure: &Figure,
    q: &Query,
    skip_doc: Option<usize>,
) -> (Vec<usize>, Vec<usize>) {
    let written = match figure.kind {
        Kind::Count => written_number(corpus, figure),
        _ => None,
    };
    let mut slips = Vec::new();
    thread_local! {
        static ACC: std::cell::RefCell<Partial> = std::cell::RefCell::new(Partial::new());
    }
    ACC.with(|acc| {
        let acc = &mut *acc.borrow_mut();
        // the query's strongest own words find the candidates
        let mut strong: Vec<(f32, u32, f32)> = q
            .terms
            .iter()
            .map(|&(t, w)| (w * corpus.vocab.idf_of(t), t, w))
            .collect();
        strong.sort_by(|a, b| b.0.total_cmp(&a.0));
        strong.truncate(SEED_TERMS);
        for &(_, t, w) in &strong {
            let list = corpus.postings.get(&figure.kind, t);
            let list = &list[..list.len().min(SCAN)];
            let idf = corpus.vocab.idf_of(t);
            for &packed in list {
                let (f, ws) = Postings::entry(packed);
                *acc.score(f) += w * ws * idf * idf;
            }
        }
        // best score first, then corpus order: the scores are sums of positive terms, and
        // positive floats order as their bits, so one integer key orders them, and a heap
        // gives the best in order without sorting all of them
        let mut found: std::collections::BinaryHeap<u64> = acc
            .touched
            .iter()
            .map(|&slot| {
                let (f, score) = (acc.figures[slot as usize], acc.scores[slot as usize]);
                debug_assert!(score > 0.0);
                !(u64::from(!score.to_bits()) << 32 | u64::from(f))
            })
            .collect();
        for &slot in &acc.touched {
            acc.figures[slot as usize] = Partial::FREE;
        }
        acc.touched.clear();
        // of the 8 * CANDIDATES best, the first CANDIDATES that compare (a postings list
        // holds figures of the query's kind only). They are popped a few at a time and
        // their figures read ahead, so that the reads from memory overlap.
        let mut out = Vec::with_capacity(CANDIDATES);
        let mut batch = [0usize; AHEAD];
        let mut left = 8 * CANDIDATES;
        while left > 0 && out.len() < CANDIDATES {
            let mut n = 0;
            while n < AHEAD.min(left) {
                let Some(key) = found.pop() else { break };
                let f = (!key & 0xffff_ffff) as usize;
                touch_figure(&corpus.figures[f].figure);
                batch[n] = f;
                n += 1;
            }
            if n == 0 {
                break;
            }
            left -= n;
            for &f in &batch[..n] {
                let s = &corpus.figures[f];
                debug_assert!(s.figure.kind == figure.kind);
                let other_doc = skip_doc.is_none_or(|d| corpus.sentences[s.sentence].doc != d);
                if !other_doc {
                    continue;
                }
                // (or counted in another unit of one dimension: "feet" and "metres")
                if comparable_of_kind(figure, &s.figure)
                    || roles_compare(figure, &s.figure)
                        && conversion(corpus, figure, &s.figure).is_some()
                {
                    out.push(f);
                    if out.len() == CANDIDATES {
                        break;
                    }
                } else if written.is_some_and(|w| {
                    s.figure.per_unit == figure.per_unit
                        && written_number(corpus, &s.figure).is_some_and(|x| slip_of(w, x))
                }) {
                    slips.push(f);
                }
            }
        }
        (out, slips)
    })
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
    /// Why a figure the sources seem to disagree with was not called contradicted.
    pub abstained: Option<&'static str>,
}

/// Judges one brief figure against the corpus.
pub fn judge(corpus: &Corpus, figure: &Figure, context: &Context) -> Judgement {
    judge_except(corpus, figure, &Query::new(corpus, context), None)
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
            abstained: None,
        };
    }
    let doc = corpus.sentences[sf.sentence].doc;
    judge_except(
        corpus,
        &sf.figure,
        &Query::of_source(corpus, index),
        Some(doc),
    )
}

/// A source figure that replaces the brief's value where a source states the two together
/// ("had risen to €265 million, from the €210 million announced last year"): the brief
/// that states the old value as it stands ("is expected to cost €210 million") is out of
/// date. Not when the brief itself gives the value as an earlier one ("from", "the original
/// estimate"), or denies it.
fn replacing(corpus: &Corpus, figure: &Figure, q: &Query, matches: &[Match]) -> Option<Match> {
    if figure.replaced
        || figure.denied
        || figure.negated
        || q.earlier
        || q.dated_here
        || corpus.replaced.is_empty()
    {
        return None;
    }
    // (the old value as it aligns: the brief that speaks of the old value's own thing far
    // better than of the new one's, "June walkout | €38m" against "55 million euros a day,
    // up from the 38 million euros it estimated for the June walkout", states it rightly)
    let aligned = |f: usize| {
        matches
            .iter()
            .find(|m| m.figure == f)
            .map_or(0.0, |m| m.score)
    };
    matches
        .iter()
        .filter(|m| !m.agrees && m.score >= threshold::ALIGNED)
        .find(|m| {
            corpus.replaced_by(m.figure).any(|i| {
                let old = &corpus.figures[i].figure;
                comparable(old, figure)
                    && agrees_as_written(corpus, figure, old)
                    && m.score >= threshold::NEAR_BEST * aligned(i)
            })
        })
        .copied()
}

/// The value the best-aligned source figure replaces, when it is the brief's: that old
/// value, as it aligns (see `replacing`).
fn replaced_here(corpus: &Corpus, figure: &Figure, matches: &[Match]) -> Option<Match> {
    let lead = matches.first().filter(|m| !m.agrees)?;
    corpus.replaced_by(lead.figure).find_map(|old| {
        let f = &corpus.figures[old].figure;
        if f.denied || !comparable(f, figure) || !agrees_as_written(corpus, figure, f) {
            return None;
        }
        Some(Match {
            figure: old,
            agrees: true,
            ..*lead
        })
    })
}

/// How far inside a bound a value may lie and still speak of the bound's thing.
const BOUND_SPAN: f64 = 1.5;

/// A bound ("up to 5 miles", "more than 4,800") and a value written without one that
/// lies far inside it (within the bound, but not within a factor of 1.5 of it: "1.4
/// miles", "12,000"): true of each other, but saying nothing of the same thing, so neither
/// supports nor contradicts the other.
fn vacuous(a: &Value, b: &Value) -> bool {
    let (Value::Number(a), Value::Number(b)) = (a, b) else {
        return false;
    };
    // (a bound's hedge makes its interval start at 0 or end at infinity)
    let at_most = |x: &Interval| x.lo == 0.0 && x.hi > 0.0;
    let at_least = |x: &Interval| x.hi.is_infinite();
    let far = |bound: &Interval, other: &Interval| {
        (at_most(bound) && !at_most(other) && other.hi < bound.hi / BOUND_SPAN)
            || (at_least(bound) && !at_least(other) && other.lo > BOUND_SPAN * bound.lo)
    };
    far(a, b) || far(b, a)
}

/// Whether the query and a source figure are both dated (see `threshold::DATED`), and by
/// years that do not meet: "the 40th edition, in 2024" and "the 42nd edition, in 2026".
fn other_years(corpus: &Corpus, q: &Query, index: usize) -> bool {
    if q.years.is_empty() {
        return false;
    }
    let mut dated = false;
    for &(id, w) in corpus.terms(index) {
        if w < threshold::SOURCE_DATED {
            continue;
        }
        if let Some((a, b)) = corpus.vocab.years_of(id) {
            if q.years.iter().any(|&(c, d)| a <= d && c <= b) {
                return false;
            }
            dated = true;
        }
    }
    dated
}

fn judge_except(corpus: &Corpus, figure: &Figure, q: &Query, skip_doc: Option<usize>) -> Judgement {
    let (candidates, slips) = candidates(corpus, figure, q, skip_doc);
    for &i in &candidates {
        touch_terms(corpus.terms(i));
    }
    // a source value denied where it stands ("bedrock at 2,794 metres, not 2,749 metres as
    // first announced") is no value of it, and the sources have withdrawn it: where another
    // source still states it, that says nothing against the brief. (It still supports a
    // brief that states it: "its release of February had given 2,749 metres" is true.)
    let withdrawn: Vec<Value> = candidates
        .iter()
        .map(|&i| &corpus.figures[i].figure)
        .filter(|f| f.denied)
        .map(|f| f.value)
        .collect();
    let score = |i: usize| {
        let s = &corpus.figures[i];
        let mut m = similarity(corpus, q, i, figure.role == Role::Change);
        if figure.rate != s.figure.rate {
            m.score *= threshold::ROLE_MISMATCH;
        }
        if q.modal != s.modal {
            m.score *= threshold::ROLE_MISMATCH;
        }
        if q.complement != s.complement {
            m.score *= threshold::ROLE_MISMATCH;
        }
        if q.aggregate != s.aggregate {
            m.score *= threshold::ROLE_MISMATCH;
        }
        if figure.added != s.figure.added {
            m.score *= threshold::ROLE_MISMATCH;
        }
        m.agrees = match conversion(corpus, figure, &s.figure) {
            Some(factor) => agrees_converted(&figure.value, &s.figure.value, factor),
            None => agrees_as_written(corpus, figure, &s.figure),
        };
        // (another time's different value says nothing against it; the same value
        // still supports it: a wrong year beside a right figure is the year's error)
        if !m.agrees && figure.kind != Kind::Date && other_years(corpus, q, i) {
            m.score *= threshold::ROLE_MISMATCH;
        }
        m
    };
    let mut matches: Vec<Match> = candidates
        .into_iter()
        .filter(|&i| {
            let f = &corpus.figures[i].figure;
            !f.denied
                && !vacuous(&figure.value, &f.value)
                && (f.value.agrees(&figure.value) || !withdrawn.iter().any(|w| w.agrees(&f.value)))
                && !opposite(q, corpus.terms(i))
        })
        .map(score)
        .filter(|m| m.score > 0.0)
        // (a date read against the report's, "on Monday", "last year", only supports)
        .filter(|m| m.agrees || !corpus.figures[m.figure].figure.value.relative())
        .collect();
    matches.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.figure.cmp(&b.figure)));
    let best = matches.first().map_or(0.0, |m| m.score);
    let ranked: Vec<Match> = matches.iter().take(5).copied().collect();
    let unverified = |best| Judgement {
        verdict: Verdict::Unverified,
        evidence: Vec::new(),
        best,
        ranked: ranked.clone(),
        abstained: None,
    };
    // a source figure the brief's number mistypes, two adjacent digits swapped ("€263
    // million" against "€236 million"): the slip itself says the two are one figure, so
    // weak or thin words do not stop it, nor (for a count) another counted noun. Not a
    // date (it has no written number: years such as 2012 and 2021 are too often both
    // right), and not a value a source states itself where it aligns (a hedged "about
    // €1.2 billion" far off says nothing), even one it withdrew (the brief may give it as
    // the one first published): that is no slip. The value a change starts
    // from ("down from 25.4%") may be a slip as well; a value the brief calls an earlier
    // one ("the provisional 25.4%") may not
    let mistyped = || {
        let written = written_number(corpus, figure)?;
        if figure.denied
            || q.earlier
            || matches
                .iter()
                .any(|m| m.agrees && m.score >= threshold::ALIGNED)
            || withdrawn.iter().any(|w| w.agrees(&figure.value))
        {
            return None;
        }
        let slip = |m: &Match| {
            !m.agrees
                && m.score >= threshold::SLIP_ALIGNED
                && written_number(corpus, &corpus.figures[m.figure].figure).is_some_and(|x| {
                    slip_of(written, x)
                        || m.score >= threshold::SHORT_SLIP_ALIGNED && transposed_short(written, x)
                })
        };
        matches.iter().copied().find(slip).or_else(|| {
            slips
                .iter()
                .filter(|&&i| !corpus.figures[i].figure.denied && !opposite(q, corpus.terms(i)))
                .map(|&i| score(i))
                .filter(slip)
                .max_by(|a, b| a.score.total_cmp(&b.score))
        })
    };
    let slipped = |m: Match| Judgement {
        verdict: Verdict::Contradicted,
        evidence: vec![m],
        best: best.max(m.score),
        ranked: ranked.clone(),
        abstained: None,
    };
    if best < threshold::ALIGNED {
        return mistyped().map_or_else(|| unverified(best), slipped);
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
    // (a source date that names less of the brief's date than the best-aligned one, which
    // disagrees, says nothing of its day: "27 June 2023" against "completed on Wednesday,
    // June 28" and a "2023" nearby; and a year alone supports no month or day)
    let parts = |v: &Value| match v {
        Value::Date(d) => u8::from(d.month.is_some()) + u8::from(d.day.is_some()),
        Value::Number(_) => 0,
    };
    let lead_parts = matches.first().filter(|m| !m.agrees).map_or(0, |m| {
        parts(&corpus.figures[m.figure].figure.value).min(parts(&figure.value))
    });
    let agreeing: Vec<Match> = near
        .iter()
        .copied()
        .filter(|m| {
            m.agrees
                && parts(&corpus.figures[m.figure].figure.value)
                    >= lead_parts.max(parts(&figure.value).min(1))
        })
        .collect();
    // the brief gives its value as an earlier one ("the original estimate", "risen to
    // £3.1 million, from £2.4 million"), and the source that aligns best replaces just that
    // value: the source's old value is the brief's
    if agreeing.is_empty() && (q.earlier || figure.replaced) && !figure.negated {
        if let Some(old) = replaced_here(corpus, figure, &matches) {
            // (the new value is not this figure's: a sibling may claim it)
            let ranked = std::iter::once(old)
                .chain(ranked.iter().copied().skip(1))
                .collect();
            return Judgement {
                verdict: Verdict::Supported,
                evidence: vec![old],
                best,
                ranked,
                abstained: None,
            };
        }
    }
    // a source figure that replaces the brief's value, and leads or outweighs the sources
    // that still state the old value (see `replacing`)
    // (or is restated by the best-aligned source figure: "European Union: €12 million" in
    // a later report, after "raised its pledge to €12 million, from €8 million")
    if let Some(w) = replacing(corpus, figure, q, &matches).filter(|w| {
        let lead = &corpus.figures[matches[0].figure].figure;
        !agreeing.is_empty()
            || w.figure == matches[0].figure
            || !matches[0].agrees && lead.value.agrees(&corpus.figures[w.figure].figure.value)
    }) {
        return Judgement {
            verdict: Verdict::Contradicted,
            evidence: vec![w],
            best,
            ranked,
            abstained: None,
        };
    }
    if !agreeing.is_empty() {
        return Judgement {
            verdict: Verdict::Supported,
            evidence: agreeing,
            best,
            ranked,
            abstained: None,
        };
    }
    // an agreeing figure joined to the best one ("€1.15 a share, up from €0.95") is a
    // value of the same thing: a rival whenever it aligns at all (its own words may be
    // the ones after it: "risen to €265 million, from the €210 million announced when…")
    let joined = |m: &Match| {
        let (x, y) = (
            &corpus.figures[matches[0].figure],
            &corpus.figures[m.figure],
        );
        let (a, b) = if x.figure.span.start <= y.figure.span.start {
            (x, y)
        } else {
            (y, x)
        };
        let doc = &corpus.docs[corpus.sentences[a.sentence].doc];
        a.sentence == b.sentence
            && (crate::context::linked(
                &corpus.rules.numbers.lexicon,
                &doc.text,
                &a.figure,
                &b.figure,
            ) || crate::context::partitive(&doc.text, &a.figure, &b.figure))
    };
    // a date's words are its clause's: when the best-aligned source sentence also states
    // the brief's date, which of its dates the brief means cannot be told
    let same_clause_date = |m: &Match| {
        figure.kind == Kind::Date && Some(corpus.figures[m.figure].sentence) == best_sentence
    };
    // an agreeing figure that holds as much of the brief figure's own words, and shares as
    // much with it, as the best one is as much the same thing: its lower score comes from a
    // busier sentence around it ("| City council | £200m |" against "...City Council
    // approved a £6.5m fund" and "Calderbridge City Council will borrow £200m and the
    // remaining £120m will come from a levy")
    let lead = matches[0];
    let as_close = |m: &Match| {
        m.coverage > 0.0
            && m.coverage >= lead.coverage
            && m.mass >= lead.mass
            && m.score >= threshold::ALIGNED / 2.0
    };
    let anchor = if figure.kind == Kind::Date {
        threshold::ANCHOR_DATE
    } else {
        threshold::ANCHOR
    };
    // the best-aligned sentence lists several values of the kind, one for each of several
    // things ("seven years in prison and a fine of €900,000 ... fined €60,000 ... fined €15
    // million"), and another sentence states the brief's value with its strongest word ("a
    // fine of 2.5 million euros"): the brief speaks of another thing of that list
    let nearby = |sentence: usize| {
        best_sentence.is_some_and(|b| {
            b.abs_diff(sentence) <= 2 && corpus.sentences[b].doc == corpus.sentences[sentence].doc
        })
    };
    let listed = {
        let mut values: Vec<Value> = Vec::new();
        for m in &matches {
            let f = &corpus.figures[m.figure];
            if !nearby(f.sentence) || m.score < threshold::AGREEING_RIVAL * best {
                continue;
            }
            // (a passage that states the brief's value too weighs it against another:
            // "came in at 1.55 million tonnes, well below the 1.8 million tonnes estimated")
            if m.agrees {
                values.clear();
                break;
            }
            if !values.iter().any(|v| v.agrees(&f.figure.value)) {
                values.push(f.figure.value);
            }
        }
        values.len() >= 3
    };
    let stated_elsewhere = |m: &Match| {
        listed
            && m.anchor >= anchor
            && m.score >= threshold::ALIGNED
            && !nearby(corpus.figures[m.figure].sentence)
    };
    // (a report's own date, in its byline or at the head of its first paragraph, is none
    // of its events': "BRENOGRAD, Aug 2 (Wire) - the government on Thursday, August 1,
    // banned")
    // an age is a person's, and it changes: a source that gives the brief's age to the
    // person the brief names (its strongest words, one of that age's own words there too)
    // may be of another time than the best-aligned one ("Dravik, 58," in September, "Dravik,
    // who turned 59 last month," in November)
    // (its strongest words, within a tenth of the strongest: "Kostal" and "leads" in
    // "Mira Kostal, 53, leads the board")
    let strongest = q.terms.iter().map(|t| t.1).fold(0.0f32, f32::max);
    let same_person = |m: &Match| {
        figure.kind == Kind::Age
            && corpus.terms(m.figure).iter().any(|&(id, w)| {
                w >= threshold::OWN_WORD
                    && q.terms
                        .iter()
                        .any(|&(t, x)| t == id && x >= 0.9 * strongest)
            })
    };
    // a month that agrees only for naming no day ("May" against the brief's "12 May 2025")
    // and agrees with the best-aligned date as well ("2 May 2025") cannot tell the two
    // apart: it is no rival (a year alone still is: it may be all a source says)
    let coarser = |m: &Match| match (
        corpus.figures[m.figure].figure.value,
        corpus.figures[lead.figure].figure.value,
    ) {
        (Value::Date(d), Value::Date(l)) => {
            d.month.is_some()
                && d.day.is_none()
                && l.day.is_some()
                && Value::Date(d).agrees(&Value::Date(l))
        }
        _ => false,
    };
    let rival = matches.iter().any(|m| {
        m.agrees
            && !coarser(m)
            && !corpus.figures[m.figure].report_date
            && (m.score >= share(m, threshold::AGREEING_RIVAL) * best
                || (m.score >= threshold::ALIGNED && joined(m))
                || same_clause_date(m)
                || as_close(m)
                || same_person(m))
    });
    let elsewhere = matches.iter().any(|m| m.agrees && stated_elsewhere(m));
    // and on more than one word: one shared word is too thin to call a figure wrong
    // (a figure in a table row, "Friendship Year | 2016", is terse by design: it may rest
    // on one word when the source holds nearly all of its own words)
    let anchored = near.iter().any(|m| {
        m.anchor >= anchor
            && (m.support >= 2 * threshold::SUPPORT
                || (q.tabular && m.coverage >= threshold::TERSE_COVERAGE))
    });
    // (a negation the best-aligned source figure shares is the thing's description:
    // "a range of up to 3 miles without overhead wires")
    let negated = figure.negated && !near.iter().any(|m| corpus.figures[m.figure].figure.negated);
    // "the two parties together spent just under €1 million": a sum is not called wrong
    // by one thing's value
    let summed = q.aggregate
        && figure.kind != Kind::Date
        && !near.iter().any(|m| corpus.figures[m.figure].aggregate);
    let abstained = if negated {
        Some("a negation sits next to the figure")
    } else if summed {
        Some("the brief's figure sums several things, and the source states one of them")
    } else if rival {
        Some("an agreeing source figure aligns almost as well")
    } else if elsewhere {
        Some("the best-aligned passage lists values of several things, and another passage states the brief's value")
    } else if best < threshold::CONTRADICT || !anchored {
        if let Some(m) = mistyped() {
            return slipped(m);
        }
        Some(if best < threshold::CONTRADICT {
            WEAK
        } else {
            THIN
        })
    } else {
        None
    };
    if abstained.is_some() {
        return Judgement {
            abstained,
            ..unverified(best)
        };
    }
    Judgement {
        verdict: Verdict::Contradicted,
        evidence: near,
        best,
        ranked,
        abstained: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(lo: f64, hi: f64) -> Value {
        Value::Number(Interval { lo, hi })
    }

    #[test]
    fn a_transposition_is_two_adjacent_digits_swapped_among_three_or_more() {
        assert!(transposed(263e6, 236e6));
        assert!(transposed(25.4, 24.5));
        assert!(transposed(12_300.0, 21_300.0));
        assert!(transposed(2.70e6, 2.07e6));
        assert!(transposed(1_001.0, 1_010.0));
        // (digits at one scale: "1.45bn" is not "415 million" mistyped)
        assert!(!transposed(415e6, 1.45e9));
        // two digits apart, or two pairs, or a changed digit
        assert!(!transposed(2_749.0, 2_947.0));
        assert!(!transposed(1_234.0, 2_143.0));
        assert!(!transposed(263.0, 264.0));
        // too few digits that are not trailing zeros: 14 and 41, 240 and 420
        assert!(!transposed(14.0, 41.0));
        assert!(!transposed(240.0, 420.0));
        assert!(!transposed(5.3, 3.5));
        assert!(!transposed(263.0, 263.0));
        assert!(!transposed(-263.0, 236.0));
        // small decimals keep their digits; past an f64's whole digits, or not a number,
        // nothing is read
        assert!(transposed(0.0263, 0.0236));
        assert!(!transposed(2.63e19, 2.36e19));
        assert!(!transposed(f64::NAN, 236.0));
    }

    #[test]
    fn two_digits_swapped_are_a_short_transposition() {
        assert!(transposed_short(68.0, 86.0));
        assert!(transposed_short(1.2e6, 2.1e6));
        assert!(transposed_short(240.0, 420.0));
        // (not one digit twice, nor another number of digits, nor three digits)
        assert!(!transposed_short(66.0, 66.0));
        assert!(!transposed_short(68.0, 860.0));
        assert!(!transposed_short(263.0, 236.0));
        assert!(!transposed_short(-68.0, 86.0));
    }

    #[test]
    fn a_wrong_scale_word_is_a_slip_among_two_or_more_digits() {
        assert!(rescaled(6.3e6, 6.3e9));
        assert!(rescaled(410e6, 410e3));
        assert!(slip_of(1.45e9, 1.45e6));
        // one significant digit meets too often by chance; other ratios are no slip
        assert!(!rescaled(2e6, 2e9));
        assert!(!rescaled(6.3e6, 63e6));
        assert!(!rescaled(6.3e6, 6.3e6));
        assert!(!rescaled(-6.3e6, -6.3e9));
        assert!(!rescaled(f64::INFINITY, 6.3e9));
    }

    #[test]
    fn a_converted_value_agrees_within_its_rounding() {
        // 2,450 metres is 8,038 feet: "8,000 feet" and "8,040 feet" agree, "2,450 feet"
        // does not
        let metres = n(2449.5, 2450.5);
        let to_feet = 1.0 / 0.3048;
        assert!(agrees_converted(&n(7999.5, 8000.5), &metres, to_feet));
        assert!(agrees_converted(&n(8039.5, 8040.5), &metres, to_feet));
        assert!(!agrees_converted(&n(2449.5, 2450.5), &metres, to_feet));
        assert!(!agrees_converted(&n(8499.5, 8500.5), &metres, to_feet));
        // a bound: "more than 8,000 feet" and "under 2,000 feet"
        assert!(agrees_converted(
            &n(8000.0, f64::INFINITY),
            &metres,
            to_feet
        ));
        assert!(!agrees_converted(&n(0.0, 2000.0), &metres, to_feet));
    }

    #[test]
    fn counts_in_two_units_of_one_dimension_convert() {
        let doc = crate::SourceText {
            path: "runway.txt".into(),
            text: "The runway is 2,450 metres long.".into(),
        };
        let corpus =
            Corpus::build(vec![doc], std::sync::Arc::new(crate::Rules::default())).unwrap();
        let numbers = &corpus.rules.numbers;
        let one = |text: &str| crate::figures::find(text, numbers).remove(0);
        let factor =
            conversion(&corpus, &one("2,450 feet long"), &one("2,450 metres long")).unwrap();
        assert!((factor - 1.0 / 0.3048).abs() < 1e-9);
        // one unit, or units of two dimensions, or no unit: no conversion
        assert!(conversion(&corpus, &one("50 ft"), &one("60 feet")).is_none());
        assert!(conversion(&corpus, &one("50 kg"), &one("60 feet")).is_none());
        assert!(conversion(&corpus, &one("50 people"), &one("60 feet")).is_none());
        assert!(
            conversion(&corpus, &one("880 hectares"), &one("880 square kilometres"))
                .is_some_and(|f| (f - 100.0).abs() < 1e-9)
        );
    }

    #[test]
    fn amounts_far_apart_are_never_one_sum() {
        let numbers = crate::figures::Numbers::new(&crate::rules::RuleSet::defaults());
        let one = |text: &str| crate::figures::find(text, &numbers).remove(0);
        let total = one("roughly £340 million");
        assert!(!comparable_of_kind(&total, &one("400 pence")));
        assert!(comparable_of_kind(&total, &one("£250 million")));
        // a slip of "million" for "billion" is still one sum's
        assert!(comparable_of_kind(&total, &one("£340 billion")));
        assert!(comparable_of_kind(&one("£11 million"), &one("£11 billion")));
        // but no more than a thousand times apart, give or take a fifth
        assert!(!comparable_of_kind(
            &one("about €1 million"),
            &one("€1.45 billion")
        ));
        assert!(comparable_of_kind(
            &one("more than £1 million"),
            &one("£1.2 million")
        ));
        // and pence are pounds
        assert!(one("369p").value.agrees(&one("£3.69").value));
        // durations more than ten times apart are two things' ("about three weeks", "36
        // hours"); a unit's slip is less
        let weeks = one("closed for about three weeks");
        assert!(!comparable_of_kind(&weeks, &one("closed for 36 hours")));
        assert!(comparable_of_kind(&weeks, &one("closed for 10 days")));
    }

    #[test]
    fn counts_that_name_nothing_are_one_things_when_near() {
        let numbers = crate::figures::Numbers::new(&crate::rules::RuleSet::defaults());
        let one = |text: &str| crate::figures::find(text, &numbers).remove(0);
        let taken = one("and 32 were taken to hospital");
        assert!(taken.unit.is_empty());
        assert!(comparable_of_kind(
            &taken,
            &one("and 23 were taken to hospital")
        ));
        // not far apart, nor with a count that names its noun, nor as rates
        assert!(!comparable_of_kind(
            &taken,
            &one("and 320 were taken to hospital")
        ));
        assert!(!comparable_of_kind(
            &taken,
            &one("23 runners were taken to hospital")
        ));
        let gap = one("the gap is 36.9 per 1,000");
        assert!(gap.unit.is_empty() && gap.rate);
        assert!(!comparable_of_kind(
            &gap,
            &one("the lowest is 39.4 per 1,000")
        ));
    }

    #[test]
    fn a_bound_says_nothing_of_a_value_far_inside_it() {
        let up_to_5 = n(0.0, 5.0);
        assert!(vacuous(&up_to_5, &n(1.35, 1.45)));
        assert!(vacuous(&n(1.35, 1.45), &up_to_5));
        assert!(!vacuous(&up_to_5, &n(4.5, 5.5)));
        // two bounds are compared as written
        assert!(!vacuous(&up_to_5, &n(0.0, 3.0)));
        let more_than_4800 = n(4800.0, f64::INFINITY);
        assert!(!vacuous(&more_than_4800, &n(6250.0, 6350.0)));
        assert!(vacuous(&more_than_4800, &n(12_000.0, 12_100.0)));
        // "more than 190 km" says nothing of a 350 km altitude
        assert!(vacuous(&n(190.0, f64::INFINITY), &n(349.5, 350.5)));
        assert!(!vacuous(&n(9.0e9, 1.0e10), &n(9.5e9, 1.05e10)));
    }
}
