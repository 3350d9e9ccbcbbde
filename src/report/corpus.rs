//! What the corpus holds (`factlint corpus`): per document, its title, sentences and
//! figures; and where the sources disagree with each other about the same thing, each
//! disagreement with both quotes. Human and JSON renderers.

use crate::load::FileProblem;
use crate::Corpus;
use serde::Serialize;
use std::collections::HashSet;
use std::io::Write;

/// One indexed document.
#[derive(Debug, Clone, Serialize)]
pub struct DocStats {
    pub path: String,
    pub title: String,
    /// Sentences used as evidence.
    pub sentences: usize,
    /// Boilerplate or repeated sentences set aside.
    pub set_aside: usize,
    pub figures: usize,
}

/// A source figure quoted where it stands.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Quote {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub title: String,
    pub value: String,
    pub quote: String,
}

/// A source figure and the figures of other documents that contradict it.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub figure: Quote,
    pub others: Vec<Quote>,
}

/// The `corpus` command's report.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusReport {
    pub version: u32,
    pub documents: Vec<DocStats>,
    pub disagreements: Vec<Disagreement>,
    pub errors: Vec<Problem>,
}

/// A corpus file that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
    pub skipped: bool,
}

fn quote(corpus: &Corpus, figure: usize) -> Quote {
    let f = &corpus.figures[figure];
    let doc = &corpus.docs[corpus.sentences[f.sentence].doc];
    let (line, column) = doc.position(f.figure.span.start);
    Quote {
        path: doc.path.to_string(),
        line,
        column,
        title: doc.title.to_string(),
        value: f.figure.display(&doc.text),
        quote: corpus.sentence_text(f.sentence).trim().to_string(),
    }
}

impl CorpusReport {
    pub fn new(corpus: &Corpus, problems: &[FileProblem]) -> CorpusReport {
        let mut documents: Vec<DocStats> = corpus
            .docs
            .iter()
            .map(|d| DocStats {
                path: d.path.to_string(),
                title: d.title.to_string(),
                sentences: 0,
                set_aside: 0,
                figures: 0,
            })
            .collect();
        for s in &corpus.sentences {
            if let Some(d) = documents.get_mut(s.doc) {
                if s.ignored {
                    d.set_aside += 1;
                } else {
                    d.sentences += 1;
                }
            }
        }
        for f in &corpus.figures {
            if let Some(d) = documents.get_mut(corpus.sentences[f.sentence].doc) {
                d.figures += 1;
            }
        }
        // Each pair once: "A says x, B says y" and not again as "B says y, A says x".
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        let mut disagreements = Vec::new();
        for (i, judgement) in corpus.disagreements() {
            let others: Vec<usize> = judgement
                .evidence
                .iter()
                .map(|m| m.figure)
                .filter(|&j| seen.insert((i.min(j), i.max(j))))
                .collect();
            if others.is_empty() {
                continue;
            }
            let mut quotes: Vec<Quote> = Vec::new();
            for j in others {
                let q = quote(corpus, j);
                if !quotes.contains(&q) {
                    quotes.push(q);
                }
            }
            disagreements.push(Disagreement {
                figure: quote(corpus, i),
                others: quotes,
            });
        }
        CorpusReport {
            version: 1,
            documents,
            disagreements,
            errors: problems
                .iter()
                .map(|p| Problem {
                    path: p.path.clone(),
                    message: p.message.clone(),
                    skipped: p.skipped,
                })
                .collect(),
        }
    }
}

pub fn render_human(report: &CorpusReport, out: &mut dyn Write) -> std::io::Result<()> {
    for p in &report.errors {
        writeln!(
            out,
            "{}: {}: {}",
            p.path,
            if p.skipped { "error" } else { "warning" },
            p.message
        )?;
    }
    let width = report
        .documents
        .iter()
        .map(|d| d.path.chars().count())
        .max()
        .unwrap_or(0);
    for d in &report.documents {
        let title: String = d.title.chars().take(60).collect();
        let ellipsis = if d.title.chars().count() > 60 {
            "…"
        } else {
            ""
        };
        writeln!(
            out,
            "{:width$}  {:>4} sentences  {:>4} figures  {}{}{}",
            d.path,
            d.sentences,
            d.figures,
            title,
            ellipsis,
            if d.set_aside > 0 {
                format!("  ({} set aside)", d.set_aside)
            } else {
                String::new()
            },
        )?;
    }
    let sentences: usize = report.documents.iter().map(|d| d.sentences).sum();
    let figures: usize = report.documents.iter().map(|d| d.figures).sum();
    writeln!(
        out,
        "{} document{}, {} sentences, {} figures",
        report.documents.len(),
        if report.documents.len() == 1 { "" } else { "s" },
        sentences,
        figures
    )?;
    writeln!(out)?;
    if report.disagreements.is_empty() {
        writeln!(out, "The sources do not contradict each other.")?;
        return Ok(());
    }
    writeln!(
        out,
        "The sources disagree in {} place{}:",
        report.disagreements.len(),
        if report.disagreements.len() == 1 {
            ""
        } else {
            "s"
        }
    )?;
    for d in &report.disagreements {
        writeln!(out)?;
        for q in std::iter::once(&d.figure).chain(&d.others) {
            writeln!(out, "  {}:{}:{} says {}", q.path, q.line, q.column, q.value)?;
            writeln!(out, "    “{}”", q.quote)?;
        }
    }
    Ok(())
}

pub fn render_json(report: &CorpusReport, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}
