//! One report type and several small renderers over it: human, json, sarif, github (the
//! `check` command), claims (the citation sheet) and corpus (what was indexed).
//! [`FileReport::new`] is the one place where claims become diagnostics: codes,
//! configured severities and suppression comments are applied there.

pub mod claims;
pub mod corpus;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod stream;

use crate::codes::{self, Severity};
use crate::config::{Config, FailOn};
use crate::load::FileProblem;
use crate::suppress::Suppressions;
use crate::text::lines::LineIndex;
use crate::{Claim, Corpus, Verdict};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A source sentence cited by a diagnostic.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub path: String,
    pub title: String,
    /// 1-based line and column (Unicode scalars) of the cited figure.
    pub line: usize,
    pub column: usize,
    /// The source sentence and the byte span of the figure (with its hedge) inside it.
    pub quote: String,
    pub figure_in_quote: Range<usize>,
    /// The source's value as written.
    pub value: String,
    /// 1-based start and end (exclusive) of the sentence in its document.
    pub quote_start: (usize, usize),
    pub quote_end: (usize, usize),
}

/// One finding in a brief.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    /// Byte span in the brief.
    pub span: Range<usize>,
    /// 1-based line and column (Unicode scalars) of the start, and of the end (exclusive).
    pub start: (usize, usize),
    pub end: (usize, usize),
    pub message: String,
    /// The figure as written ("$11 billion"), or the comment a suppression finding is about.
    pub subject: String,
    /// The figure's kind ("money"), or "suppression".
    pub kind: &'static str,
    /// The claim it is about (index into [`FileReport::claims`]).
    pub claim: Option<usize>,
    pub sources: Vec<Source>,
}

/// How a file's findings are shown and judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    /// Whether unverified figures (FL002 at hint or information level) are shown by the
    /// human, SARIF and GitHub renderers. JSON always lists them.
    pub show_unverified: bool,
    pub fail_on: FailOn,
}

impl From<&Config> for Settings {
    fn from(config: &Config) -> Settings {
        Settings {
            show_unverified: config.show_unverified,
            fail_on: config.fail_on,
        }
    }
}

/// The results for one brief.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub text: String,
    /// Every figure found, with its verdict (suppressed or not).
    pub claims: Vec<Claim>,
    /// The findings, in order, after severities and suppressions.
    pub diagnostics: Vec<Diagnostic>,
    /// How many findings suppression comments removed.
    pub suppressed: usize,
    /// The file was skipped or read lossily.
    pub problem: Option<FileProblem>,
    pub settings: Settings,
}

/// The results of one run.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    /// Corpus files that could not be read (the rest was indexed).
    pub corpus_problems: Vec<FileProblem>,
}

fn source(corpus: &Corpus, e: &crate::Evidence) -> Source {
    let (quote_start, quote_end) = match corpus.docs.get(e.doc) {
        Some(doc) => (
            doc.position(e.quote_span.start),
            doc.position(e.quote_span.end),
        ),
        None => ((e.line, 1), (e.line, 1)),
    };
    Source {
        path: e.path.to_string(),
        title: e.title.to_string(),
        line: e.line,
        column: e.column,
        quote: e.quote.clone(),
        figure_in_quote: e.figure_in_quote.clone(),
        value: e.value.clone(),
        quote_start,
        quote_end,
    }
}

impl FileReport {
    /// A brief that could not be read at all.
    pub fn skipped(path: String, problem: FileProblem, settings: Settings) -> FileReport {
        FileReport {
            path,
            text: String::new(),
            claims: Vec::new(),
            diagnostics: Vec::new(),
            suppressed: 0,
            problem: Some(problem),
            settings,
        }
    }

    /// Turns a brief's claims into diagnostics: FL001 for contradicted figures, FL002 for
    /// unverified ones, at the severities the config sets (a code set to `off` is dropped);
    /// then applies the brief's suppression comments and adds FL003/FL004 for comments
    /// that suppress nothing or cannot be read.
    pub fn new(
        corpus: &Corpus,
        config: &Config,
        path: String,
        text: String,
        claims: Vec<Claim>,
        problem: Option<FileProblem>,
    ) -> FileReport {
        let lines = LineIndex::new(&text);
        let pos = |r: &Range<usize>| (lines.position(&text, r.start), lines.position(&text, r.end));
        let mut found = Vec::new();
        for (i, c) in claims.iter().enumerate() {
            let code = match c.verdict {
                Verdict::Contradicted => codes::CONTRADICTED,
                Verdict::Unverified => codes::UNVERIFIED,
                Verdict::Supported => continue,
            };
            let Some(severity) = config.severity(code) else {
                continue;
            };
            let (start, end) = pos(&c.span);
            found.push(Diagnostic {
                code,
                severity,
                span: c.span.clone(),
                start,
                end,
                message: c.message(),
                subject: c.text.clone(),
                kind: c.kind.name(),
                claim: Some(i),
                sources: c.evidence.iter().map(|e| source(corpus, e)).collect(),
            });
        }
        let suppressions = Suppressions::parse(&text);
        let keys: Vec<(&str, usize)> = found.iter().map(|d| (d.code, d.span.start)).collect();
        let applied = suppressions.apply(&text, &keys);
        let before = found.len();
        let mut diagnostics: Vec<Diagnostic> = found
            .into_iter()
            .zip(&applied.suppressed)
            .filter(|(_, s)| !**s)
            .map(|(d, _)| d)
            .collect();
        let suppressed = before - diagnostics.len();
        for p in applied.problems {
            let Some(severity) = config.severity(p.code) else {
                continue;
            };
            let (start, end) = pos(&p.span);
            diagnostics.push(Diagnostic {
                code: p.code,
                severity,
                subject: text.get(p.span.clone()).unwrap_or("").to_string(),
                span: p.span,
                start,
                end,
                message: p.message,
                kind: "suppression",
                claim: None,
                sources: Vec::new(),
            });
        }
        diagnostics.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.code.cmp(b.code)));
        FileReport {
            path,
            text,
            claims,
            diagnostics,
            suppressed,
            problem,
            settings: Settings::from(config),
        }
    }

    /// Whether a renderer other than JSON shows this diagnostic: unverified figures only
    /// when asked for (or when configured at warning level or above).
    pub fn shows(&self, d: &Diagnostic) -> bool {
        d.code != codes::UNVERIFIED
            || self.settings.show_unverified
            || d.severity >= Severity::Warning
    }

    /// Whether this file fails the run under its `fail_on`: a finding at or above the
    /// threshold, or a brief that had to be skipped (which counts as an error).
    pub fn fails(&self) -> bool {
        let fail_on = self.settings.fail_on;
        self.diagnostics.iter().any(|d| fail_on.fails(d.severity))
            || (self.problem.as_ref().is_some_and(|p| p.skipped) && fail_on.fails(Severity::Error))
    }
}

impl Report {
    pub fn count(&self, verdict: Verdict) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.claims)
            .filter(|c| c.verdict == verdict)
            .count()
    }

    pub fn contradictions(&self) -> usize {
        self.count(Verdict::Contradicted)
    }

    pub fn suppressed(&self) -> usize {
        self.files.iter().map(|f| f.suppressed).sum()
    }

    /// Whether the run fails (exit status 1).
    pub fn fails(&self) -> bool {
        self.files.iter().any(FileReport::fails)
    }
}

/// 1-based (line, column, end_line, end_column) of a claim, columns in Unicode scalars,
/// end exclusive.
pub fn position(text: &str, lines: &LineIndex, claim: &Claim) -> (usize, usize, usize, usize) {
    let (l, c) = lines.position(text, claim.span.start);
    let (el, ec) = lines.position(text, claim.span.end);
    (l, c, el, ec)
}

/// The root that SARIF and GitHub paths are relative to: the nearest folder at or above
/// `cwd` holding `.git`, else `cwd` itself.
pub fn repo_root(cwd: &Path) -> PathBuf {
    cwd.ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(cwd)
        .to_path_buf()
}

/// A report path (relative to `cwd`, or absolute) relative to `root`, with `/`
/// separators; `None` when it lies outside `root`.
pub fn repo_relative(path: &str, cwd: &Path, root: &Path) -> Option<String> {
    let abs = crate::config::normalize(&cwd.join(path));
    let rel = abs.strip_prefix(root).ok()?;
    Some(rel.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Rules, SourceText};
    use std::sync::Arc;

    fn diagnose(config: &str, brief: &str) -> (Vec<String>, usize, bool) {
        let corpus = Corpus::build(
            vec![SourceText {
                path: "harbor.txt".into(),
                text:
                    "Harbor\n\nThe council approved a $40 million budget for the harbor in 2019.\n"
                        .into(),
            }],
            Arc::new(Rules::default()),
        )
        .unwrap();
        let config = Config::parse(Path::new("/r/factlint.toml"), config).unwrap();
        let claims = crate::check(&corpus, brief);
        let f = FileReport::new(&corpus, &config, "b.md".into(), brief.into(), claims, None);
        let found = f
            .diagnostics
            .iter()
            .map(|d| format!("{} {} {}:{}", d.code, d.severity, d.start.0, d.start.1))
            .collect();
        (found, f.suppressed, f.fails())
    }

    const WRONG: &str = "The council approved a $45 million budget for the harbor in 2019.\n";

    #[test]
    fn claims_become_diagnostics_with_configured_severities() {
        assert_eq!(
            diagnose("", WRONG),
            (vec!["FL001 warning 1:24".into()], 0, true)
        );
        assert_eq!(
            diagnose("[severity]\nFL001 = \"error\"", WRONG),
            (vec!["FL001 error 1:24".into()], 0, true)
        );
        assert_eq!(
            diagnose("fail_on = \"error\"", WRONG),
            (vec!["FL001 warning 1:24".into()], 0, false)
        );
        assert_eq!(
            diagnose("[severity]\nFL001 = \"off\"", WRONG),
            (vec![], 0, false)
        );
        let unverified = "The harbor has 12 cranes.\n";
        assert_eq!(
            diagnose("", unverified),
            (vec!["FL002 hint 1:16".into()], 0, false)
        );
    }

    #[test]
    fn suppressions_are_applied_and_counted() {
        let brief = format!("<!-- factlint-disable-next-line -->\n{WRONG}");
        assert_eq!(diagnose("", &brief), (vec![], 1, false));
        let stale = format!("<!-- factlint-disable-next-line FL002 -->\n{WRONG}");
        assert_eq!(
            diagnose("", &stale),
            (
                vec!["FL003 hint 1:1".into(), "FL001 warning 2:24".into()],
                0,
                true
            )
        );
        assert_eq!(
            diagnose("[severity]\nFL003 = \"off\"", &stale),
            (vec!["FL001 warning 2:24".into()], 0, true)
        );
    }

    #[test]
    fn repo_relative_paths() {
        let root = Path::new("/repo");
        let cwd = Path::new("/repo/docs");
        assert_eq!(
            repo_relative("briefs/a.md", cwd, root).as_deref(),
            Some("docs/briefs/a.md")
        );
        assert_eq!(
            repo_relative("../seeds/x.txt", cwd, root).as_deref(),
            Some("seeds/x.txt")
        );
        assert_eq!(repo_relative("/elsewhere/x.md", cwd, root), None);
    }
}
