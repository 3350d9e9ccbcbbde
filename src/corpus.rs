//! The corpus: source documents split into sentences (with line and column), boilerplate
//! and repeated sentences set aside, every figure with its context, and term rarity (IDF).
//! Built once, then shared read-only by every check.

use crate::context::{add_antecedents, local_contexts_with, weight, Context};
use crate::figures::{self, Figure, Interval, Kind, Role, Value};
use crate::index::{Postings, Terms, Vocab, VocabBuilder};
use crate::text::lexicon::Lexeme;
use crate::text::lines::LineIndex;
use crate::text::sentences::sentences;
use crate::Rules;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A source document as read from disk: its path (as it should be cited) and its text.
#[derive(Debug, Clone)]
pub struct SourceText {
    pub path: String,
    pub text: String,
}

/// Why a corpus could not be built.
#[derive(Debug, Clone, PartialEq)]
pub enum CorpusError {
    /// No documents, or none with any text.
    Empty,
    /// More figures than the index can hold (`Postings::MAX_FIGURES`).
    TooLarge(usize),
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusError::Empty => write!(f, "the corpus has no documents with text"),
            CorpusError::TooLarge(n) => write!(
                f,
                "the corpus has {n} figures, more than the {} one index can hold; split it",
                Postings::MAX_FIGURES
            ),
        }
    }
}

impl std::error::Error for CorpusError {}

/// One source document.
#[derive(Debug)]
pub struct Document {
    pub path: Arc<str>,
    /// The first non-empty line.
    pub title: Arc<str>,
    pub text: String,
    lines: LineIndex,
}

impl Document {
    /// 1-based line and column (Unicode scalars) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.lines.position(&self.text, offset)
    }
}

/// One sentence of a document.
#[derive(Debug)]
pub struct Sentence {
    pub doc: usize,
    pub span: Range<usize>,
    /// Boilerplate or a repeat of an earlier sentence: never evidence.
    pub ignored: bool,
}

/// A figure found in the corpus, with where it is and what it is about.
#[derive(Debug)]
pub struct SourceFigure {
    /// Spans are byte offsets in the document's text.
    pub figure: Figure,
    pub sentence: usize,
    /// Where the context it is read in starts in the corpus's terms (see `Corpus::terms`).
    terms_at: u32,
    /// A plan or target word, or a "remaining"-like word, sits close to it.
    pub modal: bool,
    pub complement: bool,
    /// A word like "together" sits close to it: it sums several things'.
    pub aggregate: bool,
    /// The report's own date, as its byline or dateline gives it ("By Staff | 2 August
    /// 2024", "BRENOGRAD, Aug 2 (Wire) -"): no date of the events it reports.
    pub report_date: bool,
    /// Euclidean norm of the context weighted by IDF.
    pub norm: f32,
    /// Σ weight · idf of the context.
    pub mass: f32,
}

/// The indexed corpus.
#[derive(Debug)]
pub struct Corpus {
    pub rules: Arc<Rules>,
    /// (new, old): a source figure and the one its sentence says it replaces ("risen to
    /// €265 million, from the €210 million"), by the new one's index.
    pub replaced: Vec<(u32, u32)>,
    pub docs: Vec<Document>,
    pub sentences: Vec<Sentence>,
    pub figures: Vec<SourceFigure>,
    pub vocab: Vocab,
    pub postings: Postings,
    /// The contexts of all figures, interned, one after the other (figure by figure).
    terms: Terms,
}

/// Documents read in parallel before their terms are merged into the vocabulary.
const BATCH: usize = 64;

/// Terms interned per document (ids local to it).
#[derive(Default)]
struct LocalNames {
    ids: HashMap<Box<str>, u32>,
}

impl LocalNames {
    fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(term.into(), id);
        id
    }

    /// The terms, by id.
    fn names(self) -> Vec<Box<str>> {
        let mut names: Vec<(u32, Box<str>)> = self.ids.into_iter().map(|(n, i)| (i, n)).collect();
        names.sort_unstable_by_key(|&(i, _)| i);
        names.into_iter().map(|(_, n)| n).collect()
    }
}

/// What one document contributes: its figures, each evidence sentence's distinct terms.
#[derive(Default)]
struct DocFigures {
    names: LocalNames,
    /// Norm and mass are set once the whole corpus is read.
    figures: Vec<SourceFigure>,
    /// The figures' contexts, one after the other, and where each starts.
    terms: Terms,
    starts: Vec<usize>,
    /// Each evidence sentence's distinct terms, one sentence after the other, and where
    /// each sentence's end.
    sentence_terms: Vec<u32>,
    sentence_ends: Vec<u32>,
}

/// A source figure's context keeps at most this many terms (the strongest by weight · idf).
const MAX_TERMS: usize = 32;

/// Figures whose contexts are cut in one piece of parallel work.
const CUT_CHUNK: usize = 4096;

/// A sentence as first split: span, boilerplate, hash of its normalized text (to find
/// repeats without keeping a copy of every sentence).
type SplitSentence = (Range<usize>, bool, u64);

/// How far into a document its dateline may stand (title and byline).
const DATELINE_BYTES: usize = 300;

/// A sentence as compared for repeats: spaces collapsed, lower case.
fn normalized(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether `normalized(a) == normalized(b)`, mostly without building either.
fn same_normalized(a: &str, b: &str) -> bool {
    // (`to_lowercase` reads a capital sigma by its neighbours: such text is built in full)
    if a.contains('Σ') || b.contains('Σ') {
        return normalized(a) == normalized(b);
    }
    let lower = |w: &'_ str| {
        w.chars()
            .flat_map(char::to_lowercase)
            .collect::<Vec<char>>()
    };
    let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) => {
                if p != q && lower(p) != lower(q) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// The hash of `normalized(s)`, mostly without building it. Equal normalized texts hash
/// alike; texts with equal hashes are compared in full.
fn normalized_hash(s: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    // `to_lowercase` reads a capital sigma by its neighbours: such text is built in full
    if s.contains('Σ') {
        for c in normalized(s).chars() {
            h.write_u32(c as u32);
        }
        return h.finish();
    }
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            h.write_u32(' ' as u32);
        }
        for c in word.chars() {
            if c.is_ascii() {
                h.write_u32(c.to_ascii_lowercase() as u32);
            } else {
                for l in c.to_lowercase() {
                    h.write_u32(l as u32);
                }
            }
        }
    }
    h.finish()
}

/// The (new, old) pairs of the corpus's figures, sorted: a figure its sentence says is
/// replaced ("from the €210 million", "correcting the provisional figure of 61.8%", "rather
/// than 58,430") and the nearest figure before it of the same thing and another value,
/// itself no replaced one: a sentence that states the new value and then the one it
/// replaces ("had risen to €265 million, from the €210 million announced last year")
/// gives the value as it now stands. One that goes "from X to Y" tells a change over time
/// ("lengthened from about 41,000 years to about 100,000 years"), and X stays true of its
/// time, unless a revision word of the rules comes before X: "has revised the number of
/// people injured from 41 to 44" replaces 41 with the 44 after it. A replaced value with
/// a year of its own right after it ("up from 58.4 percent in 2021") is left out too.
fn replacements(corpus: &Corpus) -> Vec<(u32, u32)> {
    let figures = &corpus.figures;
    let numbers = &corpus.rules.numbers;
    let mut out = Vec::new();
    let mut start = 0;
    while start < figures.len() {
        let sentence = figures[start].sentence;
        // (a sentence holds a few figures: a scan, where a binary search of all the
        // figures after it would read far-off memory for each sentence)
        let end = figures[start..]
            .iter()
            .position(|f| f.sentence != sentence)
            .map_or(figures.len(), |n| start + n);
        let text = &corpus.docs[corpus.sentences[sentence].doc].text;
        let here = &figures[start..end];
        for (i, old) in here.iter().enumerate() {
            let f = &old.figure;
            if !(f.replaced || f.denied) || dated_right_after(corpus, text, here, i) {
                continue;
            }
            // the nearest figure of the same thing and another value, no replaced one,
            // among those before the old one (or after it)
            let nearest = |after: bool| {
                here.iter()
                    .enumerate()
                    .filter(|&(j, n)| {
                        (j > i) == after
                            && j != i
                            && !n.figure.replaced
                            && !n.figure.denied
                            && crate::verdict::comparable(&n.figure, f)
                            && !crate::verdict::restates(corpus, &n.figure, f)
                    })
                    .min_by_key(|(_, n)| n.figure.span.start.abs_diff(f.span.start))
            };
            let revised = || {
                text[corpus.sentences[sentence].span.start..f.span.start]
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| numbers.is_revision_word(w))
            };
            let new = nearest(false).or_else(|| nearest(true).filter(|_| revised()));
            if let Some((j, _)) = new {
                out.push(((start + j) as u32, (start + i) as u32));
            }
        }
        start = end;
    }
    out.sort_unstable();
    out
}

/// Whether a date follows the `i`th figure of a sentence with at most two small words
/// between ("58.4 percent in 2021"; not "the £2.4 million announced last year", which
/// dates the announcement).
fn dated_right_after(corpus: &Corpus, text: &str, here: &[SourceFigure], i: usize) -> bool {
    let lexicon = &corpus.rules.numbers.lexicon;
    let end = here[i].figure.span.end;
    here[i + 1..].iter().any(|n| {
        n.figure.kind == crate::figures::Kind::Date
            && text
                .get(end..n.figure.full_span().start)
                .is_some_and(|between| {
                    let words: Vec<&str> = between.split_whitespace().collect();
                    words.len() <= 2
                        && words
                            .iter()
                            .all(|w| crate::figures::numbers::with_lower(w, |w| lexicon.is_stop(w)))
                })
    })
}

impl Corpus {
    /// The figures a source figure replaces (see `replacements`).
    pub fn replaced_by(&self, new: usize) -> impl Iterator<Item = usize> + '_ {
        let at = self.replaced.partition_point(|&(n, _)| (n as usize) < new);
        self.replaced[at..]
            .iter()
            .take_while(move |&&(n, _)| n as usize == new)
            .map(|&(_, old)| old as usize)
    }

    /// Indexes the documents (in parallel). Fails only when there is nothing to index.
    pub fn build(sources: Vec<SourceText>, rules: Arc<Rules>) -> Result<Corpus, CorpusError> {
        // 1. per document: title, sentences, boilerplate
        let split: Vec<(Document, Vec<SplitSentence>)> = sources
            .into_par_iter()
            .filter_map(|src| {
                let text = match src.text.strip_prefix('\u{feff}') {
                    Some(t) => t.to_string(),
                    None => src.text,
                };
                let title = text
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())?
                    .to_string();
                let sents = sentences(&text, &rules.abbreviations)
                    .into_iter()
                    .map(|span| {
                        let s = &text[span.clone()];
                        let boiler = rules.set.boilerplate.iter().any(|re| re.is_match(s));
                        (span, boiler, normalized_hash(s))
                    })
                    .collect();
                let doc = Document {
                    path: src.path.into(),
                    title: title.into(),
                    lines: LineIndex::new(&text),
                    text,
                };
                Some((doc, sents))
            })
            .collect();
        if split.is_empty() {
            return Err(CorpusError::Empty);
        }
        // 2. a sentence repeated anywhere in the corpus is evidence once
        let (docs, split): (Vec<Document>, Vec<Vec<SplitSentence>>) = split.into_iter().unzip();
        let mut all_sentences: Vec<Sentence> = Vec::with_capacity(split.iter().map(Vec::len).sum());
        {
            // the first sentence of each hash, and the rare others of an equal hash
            let mut seen: HashMap<u64, usize> = HashMap::default();
            let mut others: Vec<(u64, usize)> = Vec::new();
            let text = |s: &Sentence| &docs[s.doc].text[s.span.clone()];
            for (d, sents) in split.into_iter().enumerate() {
                for (span, boiler, hash) in sents {
                    let here = &docs[d].text[span.clone()];
                    let repeat = match seen.get(&hash) {
                        None => {
                            seen.insert(hash, all_sentences.len());
                            false
                        }
                        Some(&first) => {
                            let same = |i: usize| same_normalized(text(&all_sentences[i]), here);
                            let found =
                                same(first) || others.iter().any(|&(h, i)| h == hash && same(i));
                            if !found {
                                others.push((hash, all_sentences.len()));
                            }
                            found
                        }
                    };
                    all_sentences.push(Sentence {
                        doc: d,
                        span,
                        ignored: boiler || repeat,
                    });
                }
            }
        }
        let mut corpus = Corpus {
            rules,
            replaced: Vec::new(),
            docs,
            sentences: all_sentences,
            figures: Vec::new(),
            vocab: Vocab::default(),
            postings: Postings::default(),
            terms: Vec::new(),
        };
        // 3. figures and contexts, per document, interned as they are read; 4. rarity;
        // 5. each context cut to its strongest terms, postings
        // (the figures are finished where they lie: no second array of a million of them)
        let (found, mut terms, starts, vocab) = corpus.index_figures();
        corpus.vocab = vocab;
        // what happens to a thing and whether it is planned say nothing of what it is
        let numbers = &corpus.rules.numbers;
        let changes = numbers.change_terms();
        let generic = changes.iter().map(String::as_str);
        corpus
            .vocab
            .mark_generic(generic.chain(numbers.lexicon.modal_terms()));
        corpus.vocab.mark_measure(numbers.lexicon.measure_terms());
        corpus.vocab.mark_years();
        corpus.vocab.mark_neutral(numbers.lexicon.aggregate_terms());
        corpus.figures = found;
        corpus.replaced = replacements(&corpus);
        if corpus.figures.len() > Postings::MAX_FIGURES {
            return Err(CorpusError::TooLarge(corpus.figures.len()));
        }
        // each context is cut to its strongest terms where it lies, a chunk of figures at a
        // time in parallel; then the chunks are moved together
        let vocab = &corpus.vocab;
        let mut chunks = Vec::new();
        let (mut figures, mut rest) = (&mut corpus.figures[..], &mut terms[..]);
        let mut lo = 0;
        while !figures.is_empty() {
            let n = figures.len().min(CUT_CHUNK);
            let (f, more) = std::mem::take(&mut figures).split_at_mut(n);
            let (t, tail) = std::mem::take(&mut rest).split_at_mut(starts[lo + n] - starts[lo]);
            chunks.push((lo, f, t));
            (figures, rest, lo) = (more, tail, lo + n);
        }
        let kept: Vec<usize> = chunks
            .into_par_iter()
            .map(|(lo, figures, region)| {
                let base = starts[lo];
                let mut cut: Terms = Vec::new();
                let mut end = 0;
                for (k, sf) in figures.iter_mut().enumerate() {
                    cut.clear();
                    cut.extend_from_slice(
                        &region[starts[lo + k] - base..starts[lo + k + 1] - base],
                    );
                    // keep the strongest terms: the rest weigh little and cost memory and time
                    if cut.len() > MAX_TERMS {
                        cut.sort_unstable_by_key(|(id, _)| *id);
                        cut.sort_by(|a, b| {
                            (b.1 * vocab.idf_of(b.0)).total_cmp(&(a.1 * vocab.idf_of(a.0)))
                        });
                        cut.truncate(MAX_TERMS);
                    }
                    cut.sort_unstable_by_key(|(id, _)| *id);
                    (sf.norm, sf.mass) = vocab.norm_mass(&cut, 0.0, 0.0);
                    // (never past where this figure's own terms end)
                    region[end..end + cut.len()].copy_from_slice(&cut);
                    sf.terms_at = end as u32;
                    end += cut.len();
                }
                end
            })
            .collect();
        let mut end = 0;
        for (c, n) in kept.into_iter().enumerate() {
            let lo = c * CUT_CHUNK;
            terms.copy_within(starts[lo]..starts[lo] + n, end);
            let hi = (lo + CUT_CHUNK).min(corpus.figures.len());
            for sf in &mut corpus.figures[lo..hi] {
                sf.terms_at += end as u32;
            }
            end += n;
        }
        drop(starts);
        terms.truncate(end);
        terms.shrink_to_fit();
        corpus.terms = terms;
        release_freed_memory();
        let postings = Postings::new(
            (0..corpus.figures.len()).map(|i| (&corpus.figures[i].figure.kind, corpus.terms(i))),
        );
        corpus.postings = postings;
        Ok(corpus)
    }

    /// The context a source figure is read in: interned terms sorted by id, with weights.
    pub fn terms(&self, figure: usize) -> &[(u32, f32)] {
        let start = self.figures[figure].terms_at as usize;
        let end = self
            .figures
            .get(figure + 1)
            .map_or(self.terms.len(), |f| f.terms_at as usize);
        &self.terms[start..end]
    }

    /// Rarity of a term across the corpus's sentences.
    pub fn idf(&self, term: &str) -> f32 {
        self.vocab.idf(term)
    }

    /// IDF-weighted norm of a context.
    pub fn norm(&self, cx: &Context) -> f32 {
        cx.terms
            .iter()
            .map(|(t, w)| (w * self.idf(t)).powi(2))
            .sum::<f32>()
            .sqrt()
    }

    /// Σ weight · idf of a context.
    pub fn mass(&self, cx: &Context) -> f32 {
        cx.terms.iter().map(|(t, w)| w * self.idf(t)).sum()
    }

    /// Finds every figure with its sentence and context, document by document in parallel.
    /// Terms are interned as each document is read (contexts never pile up as strings),
    /// and the vocabulary's rarity comes from every evidence sentence's distinct terms.
    /// Returns the figures, their contexts one after the other (not yet cut to their
    /// strongest terms), where each context starts (and the last ends), and the vocabulary.
    fn index_figures(&self) -> (Vec<SourceFigure>, Terms, Vec<usize>, Vocab) {
        let rules = &self.rules;
        let lexicon = &rules.numbers.lexicon;
        // sentence ranges of each document
        let mut ranges: Vec<Range<usize>> = vec![0..0; self.docs.len()];
        for (i, s) in self.sentences.iter().enumerate() {
            let r = &mut ranges[s.doc];
            if r.start == r.end {
                *r = i..i + 1;
            } else {
                r.end = i + 1;
            }
        }
        let read = |(d, range): (usize, Range<usize>)| {
            let doc = &self.docs[d];
            let sents = &self.sentences[range.clone()];
            let lexemes: Vec<Option<Vec<Lexeme>>> = sents
                .iter()
                .map(|s| (!s.ignored).then(|| lexicon.lexemes(&doc.text[s.span.clone()])))
                .collect();
            let mut title = Context::default();
            title.add_text(lexicon, &doc.title, weight::TITLE);
            let table_rows = crate::text::table::rows(&doc.text);
            let mut out = DocFigures::default();
            // which local ids a figure's context holds, and where (valid at `stamp`)
            let (mut mark, mut stamp): (Vec<(u32, u32)>, u32) = (Vec::new(), 0);
            // the report's date: its first full date, in its first lines
            let mut dated: Option<figures::DateValue> = None;
            // where the report's date is given, in the document
            let mut report_dates: Vec<usize> = Vec::new();
            for (k, s) in sents.iter().enumerate() {
                let Some(lx) = &lexemes[k] else { continue };
                let text = &doc.text[s.span.clone()];
                let mut found = figures::find(text, &rules.numbers);
                // a month or day without a year is read in the report's year (or the one
                // before or after), looking back unless a plan word comes before it in its
                // sentence ("will open in March", "planned for March")
                for f in &mut found {
                    let Value::Date(d) = &mut f.value else {
                        continue;
                    };
                    let ahead = d.year.is_none()
                        && lx.iter().take_while(|l| l.span().end <= f.span.start).any(
                            |l| matches!(l, Lexeme::Term { term, .. } if lexicon.is_modal(term)),
                        );
                    let at = s.span.start + f.span.start;
                    match &dated {
                        Some(on) => {
                            d.in_report_of(on, ahead);
                            if at < DATELINE_BYTES && d.is_full() && d.agrees(on) {
                                report_dates.push(at);
                            }
                        }
                        None if d.is_full() && at < DATELINE_BYTES => {
                            dated = Some(*d);
                            report_dates.push(at);
                        }
                        None => {}
                    }
                }
                // "said on Monday", in a report dated Tuesday 17 June 2025: 16 June 2025
                if let Some(on) = &dated {
                    figures::weekday::resolve(text, on, &rules.numbers, &mut found);
                    figures::weekday::resolve_years(text, on, &rules.numbers, &mut found);
                }
                // the label that opens the line names what its counts count ("Average
                // household size: 2.31 people (2014: 2.48)"); a label that is a name names
                // what a count that names nothing counts ("Zone C (Ruvasi Valley): 82
                // rhinos (65 adults and 17 calves)": each count names its own)
                let label = crate::context::lead_label(text);
                if let Some(label) = label {
                    let terms = lexicon.content_terms(label);
                    let name = crate::context::names_something(label);
                    for f in found
                        .iter_mut()
                        .filter(|f| f.kind == Kind::Count && (f.unit.is_empty() || !name))
                    {
                        f.count_also(terms.iter().cloned());
                    }
                }
                // a counted noun's list is built word by word: it is kept a million times
                for f in &mut found {
                    f.unit.shrink_to_fit();
                }
                let start = out.sentence_terms.len();
                for l in lx {
                    if let Lexeme::Term {
                        term, stop: false, ..
                    } = l
                    {
                        let id = out.names.id(term);
                        out.sentence_terms.push(id);
                    }
                }
                for key in found.iter().filter_map(crate::context::date_term) {
                    let id = out.names.id(&key);
                    out.sentence_terms.push(id);
                }
                let mut locals = if found.is_empty() {
                    Vec::new()
                } else {
                    local_contexts_with(lexicon, text, lx, &found)
                };
                if let Some(label) = label {
                    crate::context::add_label(lexicon, label, &mut locals, weight::LEAD_LABEL);
                }
                // a cell of a table written as text is read with its row and column
                let row = table_rows
                    .binary_search_by(|r| {
                        if r.line.end <= s.span.start {
                            std::cmp::Ordering::Less
                        } else if r.line.start > s.span.start {
                            std::cmp::Ordering::Greater
                        } else {
                            std::cmp::Ordering::Equal
                        }
                    })
                    .ok()
                    .map(|i| &table_rows[i]);
                if let Some(row) = row {
                    for (f, cx) in found.iter_mut().zip(locals.iter_mut()) {
                        read_in_table(rules, row, s.span.start + f.span.start, f, cx);
                    }
                }
                // (and the terms that join a unit to what it measures, "litre of fuel")
                for cx in &locals {
                    for t in cx.terms.keys().filter(|t| crate::context::is_measured(t)) {
                        let id = out.names.id(t);
                        out.sentence_terms.push(id);
                    }
                }
                let distinct = &mut out.sentence_terms[start..];
                distinct.sort_unstable();
                let n = start + dedup_sorted(distinct);
                out.sentence_terms.truncate(n);
                out.sentence_ends.push(n as u32);
                if found.is_empty() {
                    continue;
                }
                // a date read against the report's ("on Friday") takes no words from the
                // sentence's other figures: theirs are read as if it were a word ("approved
                // the scheme on Friday, a decade after it was first proposed in 2013")
                if found.iter().any(|f| f.value.relative()) {
                    let others: Vec<Figure> = found
                        .iter()
                        .filter(|f| !f.value.relative())
                        .cloned()
                        .collect();
                    let mut theirs = local_contexts_with(lexicon, text, lx, &others).into_iter();
                    for (f, local) in found.iter().zip(locals.iter_mut()) {
                        if !f.value.relative() {
                            if let Some(cx) = theirs.next() {
                                *local = cx;
                            }
                        }
                    }
                }
                if let Some((Some(pl), ps)) = k.checked_sub(1).map(|p| (&lexemes[p], &sents[p])) {
                    let prev = &doc.text[ps.span.clone()];
                    add_antecedents(lexicon, &mut locals, (text, lx, &found), (prev, pl));
                }
                let mut wide = title.clone();
                for n in [k.wrapping_sub(1), k + 1] {
                    if let Some(Some(nl)) = lexemes.get(n) {
                        wide.add_lexemes(lexicon, nl, weight::NEIGHBOUR);
                    }
                }
                let mut figures: Vec<(Figure, Context)> = found.into_iter().zip(locals).collect();
                figures.extend(derived_parts(&figures));
                // the first figure's context interns the sentence's new terms (the title's,
                // the next sentence's) in the order its map holds them; the others are
                // merged with the wide context by id, as `add_scaled(&wide, 1.0)` would
                let mut wide_ids: Option<Terms> = None;
                for (mut figure, mut context) in figures {
                    shift(&mut figure, s.span.start);
                    let from = out.terms.len();
                    out.starts.push(from);
                    if wide_ids.is_none() {
                        context.add_scaled(&wide, 1.0);
                    }
                    for (t, w) in &context.terms {
                        let id = out.names.id(t);
                        out.terms.push((id, *w));
                    }
                    match &wide_ids {
                        None => {
                            let ids = wide
                                .terms
                                .iter()
                                .filter(|(_, w)| **w >= weight::FLOOR)
                                .map(|(t, w)| (out.names.id(t), *w))
                                .collect();
                            wide_ids = Some(ids);
                        }
                        Some(ids) => {
                            context.modal |= wide.modal;
                            context.complement |= wide.complement;
                            context.aggregate |= wide.aggregate;
                            stamp += 1;
                            for (k, &(id, _)) in out.terms[from..].iter().enumerate() {
                                if mark.len() <= id as usize {
                                    mark.resize(id as usize + 1, (0, 0));
                                }
                                mark[id as usize] = (stamp, (from + k) as u32);
                            }
                            for &(id, x) in ids {
                                match mark.get(id as usize) {
                                    Some(&(st, at)) if st == stamp => {
                                        let e = &mut out.terms[at as usize].1;
                                        *e = e.max(x);
                                    }
                                    _ => out.terms.push((id, x)),
                                }
                            }
                        }
                    }
                    let report_date = report_dates.contains(&figure.span.start);
                    out.figures.push(SourceFigure {
                        figure,
                        sentence: range.start + k,
                        terms_at: 0,
                        modal: context.modal,
                        complement: context.complement,
                        aggregate: context.aggregate,
                        report_date,
                        norm: 0.0,
                        mass: 0.0,
                    });
                }
            }
            out
        };
        // documents are read in parallel, a batch at a time, and each batch is merged into
        // one vocabulary in document order: the per-document term tables never pile up
        let mut builder = VocabBuilder::default();
        let mut all_figures = Vec::new();
        let mut all_terms: Terms = Vec::new();
        let mut starts: Vec<usize> = Vec::new();
        let ranges: Vec<(usize, Range<usize>)> = ranges.into_iter().enumerate().collect();
        let mut merge = |per_doc: Vec<DocFigures>| {
            for doc in per_doc {
                let map: Vec<u32> = doc.names.names().iter().map(|n| builder.id(n)).collect();
                let mut start = 0;
                for &end in &doc.sentence_ends {
                    let sentence = &doc.sentence_terms[start..end as usize];
                    builder.count(sentence.iter().map(|&l| map[l as usize]));
                    start = end as usize;
                }
                let base = all_terms.len();
                all_terms.extend(doc.terms.iter().map(|&(t, w)| (map[t as usize], w)));
                starts.extend(doc.starts.iter().map(|s| base + s));
                all_figures.extend(doc.figures);
            }
        };
        // (a batch is merged on this thread while the pool reads the next one: the merged
        // vectors, the largest, then grow where they always did)
        let mut pending: Option<Vec<DocFigures>> = None;
        for batch in ranges.chunks(BATCH) {
            let mut read_now = Vec::new();
            rayon::in_place_scope(|s| {
                s.spawn(|_| read_now = batch.par_iter().cloned().map(read).collect());
                if let Some(done) = pending.take() {
                    merge(done);
                }
            });
            pending = Some(read_now);
        }
        if let Some(last) = pending {
            merge(last);
        }
        starts.push(all_terms.len());
        // a word no evidence sentence holds (a title's, a date of a neighbour) is unknown to
        // the corpus, as it is in a brief: it can never be shared
        let mut end = 0;
        for i in 0..all_figures.len() {
            let (a, b) = (starts[i], starts[i + 1]);
            starts[i] = end;
            for k in a..b {
                if builder.known(all_terms[k].0) {
                    all_terms[end] = all_terms[k];
                    end += 1;
                }
            }
        }
        *starts.last_mut().expect("one more than the figures") = end;
        all_terms.truncate(end);
        (all_figures, all_terms, starts, builder.finish())
    }

    /// Pairs of source figures that speak of the same thing with different values:
    /// `(figure, judgement)` for every figure another document contradicts, in corpus order.
    /// (Reports' own dates are none: two reports written on two days do not disagree.)
    pub fn disagreements(&self) -> Vec<(usize, crate::verdict::Judgement)> {
        (0..self.figures.len())
            .filter(|&i| !self.figures[i].report_date)
            .map(|i| (i, crate::verdict::judge_source(self, i)))
            .filter_map(|(i, mut j)| {
                j.evidence.retain(|m| !self.figures[m.figure].report_date);
                (j.verdict == crate::Verdict::Contradicted && !j.evidence.is_empty())
                    .then_some((i, j))
            })
            .collect()
    }

    /// The text of a sentence.
    pub fn sentence_text(&self, sentence: usize) -> &str {
        let s = &self.sentences[sentence];
        &self.docs[s.doc].text[s.span.clone()]
    }
}

/// A figure in a cell of a table written as text (see `text::table`) is described by its
/// row's label and its column's header, as a brief's table cell is, not by the other cells
/// of its line: "Capital Region  1,980,000  151,070  76.3" under "Rate per 1,000" is the
/// Capital Region's rate. A count counts what its row names (and its column); under a
/// header or caption in per cent ("Change (%)") it is a percentage, and a year in the
/// header dates it. The table's caption is a wider word of each cell's.
fn read_in_table(
    rules: &Rules,
    row: &crate::text::table::Row,
    at: usize,
    figure: &mut Figure,
    cx: &mut Context,
) {
    let Some(header) = row.header_at(at) else {
        return;
    };
    let lexicon = &rules.numbers.lexicon;
    let mut fresh = Context::default();
    if let Some(label) = &row.label {
        fresh.add_text(lexicon, label, weight::ROW_LABEL);
    }
    fresh.add_text(lexicon, header, weight::SOURCE_HEADER);
    if let Some(caption) = &row.caption {
        fresh.add_text(lexicon, caption, weight::COLUMN_HEADER);
    }
    for f in figures::find(header, &rules.numbers) {
        if let Some(key) = crate::context::date_term(&f) {
            fresh.add(&key, weight::ROW_CELL * weight::DATE);
        }
    }
    *cx = fresh;
    if figure.kind == figures::Kind::Count {
        if rules.names_percent(header)
            || row
                .caption
                .as_deref()
                .is_some_and(|c| rules.names_percent(c))
        {
            figure.kind = figures::Kind::Percent;
            figure.unit.clear();
            return;
        }
        if let Some(label) = &row.label {
            figure.count_also(lexicon.content_terms(label));
        }
        figure.count_also(lexicon.content_terms(header));
    }
}

/// Moves the distinct values of a sorted slice to its front; returns how many there are.
fn dedup_sorted(v: &mut [u32]) -> usize {
    let mut n = 0;
    for i in 0..v.len() {
        if n == 0 || v[i] != v[n - 1] {
            v[n] = v[i];
            n += 1;
        }
    }
    n
}

/// Hands back to the system the memory the indexing freed. glibc keeps freed memory for
/// reuse, and what the reading of the documents left behind in the middle of its heaps
/// would stay resident under the postings, which are allocated fresh (about 30 MB on
/// 10,000 documents).
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's heaps to the system
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The part a share names: "write off 90 percent of the $11 billion debt" also states that
/// about $9.9 billion was written off. The part is read with the share's words (its verb)
/// and the total's noun; its span covers "90 percent of the $11 billion".
fn derived_parts(figures: &[(Figure, Context)]) -> Vec<(Figure, Context)> {
    let mut out = Vec::new();
    for pair in figures.windows(2) {
        let [(share, share_cx), (total, total_cx)] = pair else {
            continue;
        };
        if total.role != Role::Total || share.kind != Kind::Percent {
            continue;
        }
        let (Value::Number(p), Value::Number(t)) = (share.value, total.value) else {
            continue;
        };
        let mut part = total.clone();
        part.role = Role::Plain;
        part.span = share.full_span().start..total.span.end;
        part.hedge_span = None;
        part.hedge = None;
        part.value = Value::Number(Interval::exact(p.lo / 100.0 * t.lo, p.hi / 100.0 * t.hi));
        let mut cx = share_cx.clone();
        cx.add_scaled(total_cx, 1.0);
        out.push((part, cx));
    }
    out
}

/// Moves a figure's spans by `by` bytes.
pub(crate) fn shift(f: &mut Figure, by: usize) {
    f.span = f.span.start + by..f.span.end + by;
    if let Some(h) = &mut f.hedge_span {
        *h = h.start + by..h.end + by;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(docs: &[(&str, &str)]) -> Result<Corpus, CorpusError> {
        let sources = docs
            .iter()
            .map(|(p, t)| SourceText {
                path: p.to_string(),
                text: t.to_string(),
            })
            .collect();
        Corpus::build(sources, Arc::new(Rules::default()))
    }

    #[test]
    fn texts_are_the_same_normalized_as_their_normal_forms_are() {
        let pairs = [
            (
                "The port  CLOSED\n on Monday.",
                "the port closed on monday.",
            ),
            ("The port closed.", "The port closed on Monday."),
            ("ΟΔΟΣ ΣΑΣ", "οδος σας"),
            ("ΟΔΟΣ ΣΑΣ", "οδοσ σασ"),
            ("İstanbul", "i̇stanbul"),
            ("", "   "),
            ("a b", "ab"),
        ];
        for (a, b) in pairs {
            assert_eq!(
                same_normalized(a, b),
                normalized(a) == normalized(b),
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn empty_corpus_is_an_error() {
        assert_eq!(corpus(&[]).unwrap_err(), CorpusError::Empty);
        assert_eq!(
            corpus(&[("a.txt", "  \n\n ")]).unwrap_err(),
            CorpusError::Empty
        );
    }

    #[test]
    fn titles_sentences_and_positions() {
        let c = corpus(&[(
            "a.txt",
            "\nA Title\n\nBae was arrested in 2012. He was 45.\n",
        )])
        .unwrap();
        assert_eq!(&*c.docs[0].title, "A Title");
        let f = c
            .figures
            .iter()
            .find(|f| &c.docs[0].text[f.figure.span.clone()] == "2012")
            .unwrap();
        assert_eq!(c.docs[0].position(f.figure.span.start), (4, 21));
    }

    #[test]
    fn boilerplate_and_repeats_are_not_evidence() {
        let c = corpus(&[(
            "a.txt",
            "T\n1369 Words6 Pages\nIt rose in 2013.\nIt rose in 2013.\n(Visited 119 times, 1 visits today)\nCopyright © 2017 X",
        )])
        .unwrap();
        assert_eq!(c.figures.len(), 1, "{:?}", c.figures);
    }
}
