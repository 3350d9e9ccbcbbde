//! `factlint check`: load the corpus, check every brief, render the report, pick the exit code.

use super::{CheckArgs, Format, EXIT_ERROR, EXIT_FOUND, EXIT_OK};
use crate::load::{self, FileProblem};
use crate::report::{self, FileReport, Report};
use crate::{Corpus, Rules};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

/// Loads rules and corpus; errors are printed and mean exit 2.
pub(crate) fn load_corpus(
    corpus_paths: &[PathBuf],
    rule_paths: &[PathBuf],
) -> Result<(Arc<Corpus>, Vec<FileProblem>), String> {
    let paths = if corpus_paths.is_empty() {
        vec![PathBuf::from("seeds")]
    } else {
        corpus_paths.to_vec()
    };
    let loaded = load::load_corpus(&paths).map_err(|e| format!("corpus: {e}"))?;
    let mut rule_files = loaded.rule_files;
    for p in rule_paths {
        match load::read_text(p) {
            Ok((text, _)) => rule_files.push((load::shown(p), text)),
            Err(problem) => return Err(format!("rules: {} {}", problem.path, problem.message)),
        }
    }
    let rules = Rules::with_files(&rule_files).map_err(|e| format!("rules: {e}"))?;
    let corpus =
        Corpus::build(loaded.documents, Arc::new(rules)).map_err(|e| format!("corpus: {e}"))?;
    Ok((Arc::new(corpus), loaded.problems))
}

pub(crate) fn run(args: CheckArgs) -> i32 {
    let (corpus, corpus_problems) = match load_corpus(&args.corpus, &args.rules) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("factlint: error: {e}");
            return EXIT_ERROR;
        }
    };
    for p in &corpus_problems {
        eprintln!("factlint: warning: corpus file {} {}", p.path, p.message);
    }
    let briefs = match load::collect_briefs(&args.paths) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("factlint: error: {e}");
            return EXIT_ERROR;
        }
    };
    let mut report = Report::default();
    for path in briefs {
        let shown = load::shown(&path);
        match load::read_text(&path) {
            Ok((text, problem)) => {
                let claims = crate::check(&corpus, &text);
                report.files.push(FileReport {
                    path: shown,
                    text,
                    claims,
                    problem,
                });
            }
            Err(problem) => report.files.push(FileReport {
                path: shown,
                text: String::new(),
                claims: Vec::new(),
                problem: Some(problem),
            }),
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match args.format {
        Format::Json => report::json::render(&report, &mut out),
        Format::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            report::human::render(&report, &mut out, color, args.show_unverified, args.explain)
        }
    };
    if let Err(e) = result.and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("factlint: error: cannot write output: {e}");
            return EXIT_ERROR;
        }
    }
    if args.format == Format::Json {
        for f in &report.files {
            if let Some(p) = &f.problem {
                eprintln!(
                    "factlint: {}: {} {}",
                    if p.skipped { "error" } else { "warning" },
                    p.path,
                    p.message
                );
            }
        }
    }
    if report.contradictions() > 0
        || report
            .files
            .iter()
            .any(|f| f.problem.as_ref().is_some_and(|p| p.skipped))
    {
        EXIT_FOUND
    } else {
        EXIT_OK
    }
}
