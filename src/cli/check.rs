//! `factlint check` and `factlint claims`: load each corpus once, check every brief in
//! parallel (output keeps the plan's order), render, pick the exit code.

use super::guard::guard;
use super::progress::Progress;
use super::setup::{self, Overrides};
use super::{finish, CheckArgs, ClaimsArgs, ClaimsFormat, Format, EXIT_ERROR, EXIT_FOUND, EXIT_OK};
use crate::load::{self, FileProblem};
use crate::report::{self, FileReport, Report, Settings};
use crate::Corpus;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

/// How much of each claim the renderers need. Reports of many briefs are held in memory
/// until they are rendered, so what no renderer reads is dropped as each brief is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Diagnostics only (they carry their own sources); claims keep their verdicts.
    Findings,
    /// Claims with their citations (`claims`).
    Citations,
    /// Everything, with the alignment explanations (`check --explain`).
    Explanations,
}

fn slim(claims: &mut [crate::Claim], detail: Detail) {
    for c in claims {
        if detail != Detail::Explanations {
            c.explanation = Default::default();
        }
        if detail == Detail::Findings {
            c.evidence = Vec::new();
        }
    }
}

/// Checks every brief of the plan; `Err` is an exit code (the error is already printed).
fn build(
    paths: &[PathBuf],
    over: &Overrides,
    progress: Progress,
    detail: Detail,
) -> Result<Report, i32> {
    let fail = |e: String| {
        eprintln!("factlint: error: {e}");
        EXIT_ERROR
    };
    let plan = setup::plan(paths, over).map_err(fail)?;
    let mut corpora: Vec<Option<Arc<Corpus>>> = vec![None; plan.corpora.len()];
    let mut report = Report::default();
    for (i, spec) in plan.corpora.iter().enumerate() {
        if !plan.briefs.iter().any(|b| b.corpus == i) {
            continue;
        }
        let (corpus, problems) = setup::load_corpus(spec, progress).map_err(fail)?;
        for p in &problems {
            eprintln!("factlint: warning: corpus file {} {}", p.path, p.message);
        }
        report.corpus_problems.extend(problems);
        corpora[i] = Some(corpus);
    }
    let bar = progress.checking(plan.briefs.len());
    report.files = plan
        .briefs
        .par_iter()
        .map(|brief| {
            let corpus = corpora[brief.corpus].as_ref().expect("corpus loaded");
            let settings = Settings::from(brief.config.as_ref());
            let shown = load::shown(&brief.path);
            let file = match load::read_brief(&brief.path, brief.config.max_brief_bytes) {
                Ok((text, problem)) => match guard(|| {
                    if detail == Detail::Explanations {
                        crate::check_explained(corpus, &text)
                    } else {
                        crate::check(corpus, &text)
                    }
                }) {
                    Ok(claims) => {
                        let mut f =
                            FileReport::new(corpus, &brief.config, shown, text, claims, problem);
                        slim(&mut f.claims, detail);
                        f
                    }
                    Err(panic) => FileReport::skipped(
                        shown.clone(),
                        FileProblem {
                            path: shown,
                            message: format!(
                                "could not be checked: internal error ({panic}); skipped. Please report this bug"
                            ),
                            skipped: true,
                        },
                        settings,
                    ),
                },
                Err(problem) => FileReport::skipped(shown, problem, settings),
            };
            if let Some(b) = &bar {
                b.inc(1);
            }
            file
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    Ok(report)
}

fn print_problems(report: &Report) {
    for p in report.files.iter().filter_map(|f| f.problem.as_ref()) {
        eprintln!(
            "factlint: {}: {} {}",
            if p.skipped { "error" } else { "warning" },
            p.path,
            p.message
        );
    }
}

pub(crate) fn run_check(args: CheckArgs) -> i32 {
    let over = Overrides {
        sources: args.sources.clone(),
        show_unverified: args.show_unverified,
        fail_on: args.fail_on.map(Into::into),
    };
    let progress = Progress::new(args.sources.quiet);
    let detail = if args.explain {
        Detail::Explanations
    } else {
        Detail::Findings
    };
    let report = match build(&args.paths, &over, progress, detail) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let cwd = crate::config::absolute(std::path::Path::new("."));
    let root = report::repo_root(&cwd);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match args.format {
        Format::Json => report::json::render(&report, &mut out),
        Format::Sarif => report::sarif::render(&report, &mut out, &cwd, &root),
        Format::Github => report::github::render(&report, &mut out, &cwd, &root),
        Format::Human => {
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            report::human::render(&report, &mut out, color, args.explain, args.sources.quiet)
        }
    };
    if let Err(code) = finish(result) {
        return code;
    }
    if args.format != Format::Human {
        print_problems(&report);
    }
    if report.fails() {
        EXIT_FOUND
    } else {
        EXIT_OK
    }
}

pub(crate) fn run_claims(args: ClaimsArgs) -> i32 {
    let over = Overrides {
        sources: args.sources.clone(),
        ..Overrides::default()
    };
    let progress = Progress::new(args.sources.quiet);
    let report = match build(&args.paths, &over, progress, Detail::Citations) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match args.format {
        ClaimsFormat::Table => report::claims::render_table(&report, &mut out),
        ClaimsFormat::Json => report::claims::render_json(&report, &mut out),
        ClaimsFormat::Csv => report::claims::render_csv(&report, &mut out),
    };
    if let Err(code) = finish(result) {
        return code;
    }
    print_problems(&report);
    EXIT_OK
}
