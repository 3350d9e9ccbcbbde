//! Command-line interface: argument parsing and the commands (`check`, `claims`, `corpus`,
//! `explain`, `lsp`). A panic anywhere becomes an error message and exit status 2.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod check;
mod corpus;
mod explain;
mod guard;
mod progress;
mod setup;

use crate::config::FailOn;
use clap::{Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

/// Exit code: nothing at or above the `--fail-on` level.
pub const EXIT_OK: i32 = 0;
/// Exit code: something at or above the `--fail-on` level was found, or a brief was skipped.
pub const EXIT_FOUND: i32 = 1;
/// Exit code: usage, configuration or corpus error.
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "factlint",
    version,
    about = "Checks the figures and dates in Markdown briefs against a corpus of source documents"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check briefs (files, or folders walked for *.md) against the corpus.
    Check(CheckArgs),
    /// List every figure and date in the briefs with its verdict and citations.
    Claims(ClaimsArgs),
    /// Show what the corpus holds and where its sources disagree with each other.
    Corpus(CorpusArgs),
    /// Print the documentation of a diagnostic code (all codes without one).
    Explain(ExplainArgs),
    /// Run the language server on stdin/stdout (LSP), for editors.
    Lsp(LspArgs),
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimsFormat {
    Table,
    Json,
    Csv,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorpusFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOnArg {
    Error,
    Warning,
    Never,
}

impl From<FailOnArg> for FailOn {
    fn from(f: FailOnArg) -> FailOn {
        match f {
            FailOnArg::Error => FailOn::Error,
            FailOnArg::Warning => FailOn::Warning,
            FailOnArg::Never => FailOn::Never,
        }
    }
}

/// Where the corpus, rules and configuration come from.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct Sources {
    /// Corpus folder or file (repeatable); replaces the config's `corpus`. Default: ./seeds
    #[arg(long, value_name = "PATH")]
    corpus: Vec<PathBuf>,
    /// Extra rule file (repeatable), added to the built-in rules and the config's `rules`.
    #[arg(long, value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Use this configuration file instead of looking for factlint.toml above each path.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Print only findings: no summary line, no progress bar.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Briefs: Markdown files, or folders walked for *.md.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    sources: Sources,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with status 1 when a finding at this level or above is reported
    /// (default: the config's `fail_on`, else warning).
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOnArg>,
    /// Also list figures no source speaks of (human, SARIF and GitHub formats).
    #[arg(long)]
    show_unverified: bool,
    /// Show every figure with its context words and best-aligned source figures (human format).
    #[arg(long)]
    explain: bool,
}

#[derive(clap::Args, Debug)]
pub struct ClaimsArgs {
    /// Briefs: Markdown files, or folders walked for *.md.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    sources: Sources,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ClaimsFormat::Table)]
    format: ClaimsFormat,
}

#[derive(clap::Args, Debug)]
pub struct CorpusArgs {
    #[command(flatten)]
    sources: Sources,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CorpusFormat::Human)]
    format: CorpusFormat,
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// A diagnostic code such as FL001.
    code: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct LspArgs {
    /// Talk LSP on stdin/stdout (the only transport; accepted because LSP clients pass it).
    #[arg(long)]
    stdio: bool,
}

/// Runs the command line; returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    guard::install();
    let outcome = guard::guard(|| match cli.command {
        Command::Check(args) => check::run_check(args),
        Command::Claims(args) => check::run_claims(args),
        Command::Corpus(args) => corpus::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Lsp(_) => crate::lsp::run(),
    });
    match outcome {
        Ok(code) => code,
        Err(message) => {
            eprintln!("factlint: internal error: {message}");
            eprintln!(
                "factlint: this is a bug in factlint; please report it with the command you ran"
            );
            EXIT_ERROR
        }
    }
}

/// Writes a rendered output, treating a closed pipe (`| head`) as success.
fn finish(result: std::io::Result<()>) -> Result<(), i32> {
    use std::io::Write;
    match result.and_then(|_| std::io::stdout().flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("factlint: error: cannot write output: {e}");
            Err(EXIT_ERROR)
        }
        _ => Ok(()),
    }
}
