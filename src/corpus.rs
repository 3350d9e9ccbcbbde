//! The corpus: source documents split into sentences (with line and column), boilerplate
//! and repeated sentences set aside, every figure with its context, and term rarity (IDF).
//! Built once, then shared read-only by every check.

use crate::context::{local_contexts, weight, Context};
use crate::figures::{self, Figure, Interval, Kind, Role, Value};
use crate::text::lines::LineIndex;
use crate::text::sentences::sentences;
use crate::Rules;
use std::collections::{HashMap, HashSet};
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
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusError::Empty => write!(f, "the corpus has no documents with text"),
        }
    }
}

impl std::error::Error for CorpusError {}

/// One source document.
#[derive(Debug)]
pub struct Document {
    pub path: String,
    /// The first non-empty line.
    pub title: String,
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
    pub context: Context,
    /// Euclidean norm of the context weighted by IDF.
    pub norm: f32,
    /// Σ weight · idf of the context.
    pub mass: f32,
}

/// The indexed corpus.
#[derive(Debug)]
pub struct Corpus {
    pub rules: Arc<Rules>,
    pub docs: Vec<Document>,
    pub sentences: Vec<Sentence>,
    pub figures: Vec<SourceFigure>,
    idf: HashMap<String, f32>,
    max_idf: f32,
}

fn normalized(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Corpus {
    /// Indexes the documents. Fails only when there is nothing to index.
    pub fn build(sources: Vec<SourceText>, rules: Arc<Rules>) -> Result<Corpus, CorpusError> {
        let abbreviations: HashSet<String> = rules
            .set
            .abbreviations
            .iter()
            .map(|a| a.to_lowercase())
            .collect();
        let mut docs = Vec::new();
        let mut all_sentences = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for src in sources {
            let text = src
                .text
                .strip_prefix('\u{feff}')
                .unwrap_or(&src.text)
                .to_string();
            let Some(title) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
                continue;
            };
            let title = title.to_string();
            let doc = docs.len();
            for span in sentences(&text, &abbreviations) {
                let s = &text[span.clone()];
                let boiler = rules.set.boilerplate.iter().any(|re| re.is_match(s));
                let repeat = !seen.insert(normalized(s));
                all_sentences.push(Sentence {
                    doc,
                    span,
                    ignored: boiler || repeat,
                });
            }
            docs.push(Document {
                path: src.path,
                title,
                lines: LineIndex::new(&text),
                text,
            });
        }
        if docs.is_empty() {
            return Err(CorpusError::Empty);
        }
        let mut corpus = Corpus {
            rules,
            docs,
            sentences: all_sentences,
            figures: Vec::new(),
            idf: HashMap::new(),
            max_idf: 1.0,
        };
        let dates = corpus.index_figures();
        corpus.compute_idf(&dates);
        corpus.compute_norms();
        Ok(corpus)
    }

    /// Term rarity over the evidence sentences; `dates[i]` are the date terms of sentence i.
    fn compute_idf(&mut self, dates: &[Vec<String>]) {
        let lexicon = &self.rules.numbers.lexicon;
        let mut df: HashMap<String, u32> = HashMap::new();
        let mut n = 0u32;
        for (si, s) in self
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.ignored)
        {
            n += 1;
            let text = &self.docs[s.doc].text[s.span.clone()];
            let mut cx = Context::default();
            cx.add_text(lexicon, text, 1.0);
            for d in dates.get(si).into_iter().flatten() {
                cx.add(d, 1.0);
            }
            for t in cx.terms.into_keys() {
                *df.entry(t).or_default() += 1;
            }
        }
        let total = n as f32 + 1.0;
        self.idf = df
            .into_iter()
            .map(|(t, d)| (t, (total / (d as f32 + 0.5)).ln().max(0.05)))
            .collect();
        self.max_idf = (total / 0.5).ln();
    }

    /// Rarity of a term across the corpus's sentences.
    pub fn idf(&self, term: &str) -> f32 {
        self.idf.get(term).copied().unwrap_or(self.max_idf)
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

    fn compute_norms(&mut self) {
        let mut figures = std::mem::take(&mut self.figures);
        for f in &mut figures {
            f.norm = self.norm(&f.context);
            f.mass = self.mass(&f.context);
        }
        self.figures = figures;
    }

    /// Finds every figure with its context; returns the date terms of each sentence.
    fn index_figures(&mut self) -> Vec<Vec<String>> {
        let rules = self.rules.clone();
        let numbers = &rules.numbers;
        let lexicon = &numbers.lexicon;
        let mut out = Vec::new();
        let mut dates = vec![Vec::new(); self.sentences.len()];
        for (si, s) in self.sentences.iter().enumerate() {
            if s.ignored {
                continue;
            }
            let doc = &self.docs[s.doc];
            let text = &doc.text[s.span.clone()];
            let found = figures::find(text, numbers);
            if found.is_empty() {
                continue;
            }
            let locals = local_contexts(lexicon, text, &found);
            dates[si] = found.iter().filter_map(crate::context::date_term).collect();
            let mut wide = Context::default();
            for n in [si.wrapping_sub(1), si + 1] {
                if let Some(ns) = self
                    .sentences
                    .get(n)
                    .filter(|ns| ns.doc == s.doc && !ns.ignored)
                {
                    wide.add_text(lexicon, &doc.text[ns.span.clone()], weight::NEIGHBOUR);
                }
            }
            wide.add_text(lexicon, &doc.title, weight::TITLE);
            let mut figures: Vec<(Figure, Context)> = found.into_iter().zip(locals).collect();
            figures.extend(derived_parts(&figures));
            for (mut figure, mut context) in figures {
                context.add_scaled(&wide, 1.0);
                shift(&mut figure, s.span.start);
                out.push(SourceFigure {
                    figure,
                    sentence: si,
                    norm: 0.0,
                    mass: 0.0,
                    context,
                });
            }
        }
        self.figures = out;
        dates
    }

    /// Pairs of source figures that speak of the same thing with different values:
    /// `(figure, judgement)` for every figure another document contradicts, in corpus order.
    pub fn disagreements(&self) -> Vec<(usize, crate::verdict::Judgement)> {
        (0..self.figures.len())
            .map(|i| (i, crate::verdict::judge_source(self, i)))
            .filter(|(_, j)| j.verdict == crate::Verdict::Contradicted)
            .collect()
    }

    /// The text of a sentence.
    pub fn sentence_text(&self, sentence: usize) -> &str {
        let s = &self.sentences[sentence];
        &self.docs[s.doc].text[s.span.clone()]
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
        assert_eq!(c.docs[0].title, "A Title");
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
