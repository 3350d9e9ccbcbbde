//! Command-line interface: argument parsing and the `check` command.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod check;

use clap::{Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

/// Exit code: nothing at warning level or above.
pub const EXIT_OK: i32 = 0;
/// Exit code: something at warning level or above was found.
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
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Briefs: Markdown files, or folders walked for *.md.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Corpus folder or file (repeatable). Default: ./seeds
    #[arg(long, value_name = "PATH")]
    corpus: Vec<PathBuf>,
    /// Extra rule file (repeatable), added to the built-in rules.
    #[arg(long, value_name = "FILE")]
    rules: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also list figures no source speaks of (human format).
    #[arg(long)]
    show_unverified: bool,
    /// Show every figure with its context words and best-aligned source figures (human format).
    #[arg(long)]
    explain: bool,
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
    match cli.command {
        Command::Check(args) => check::run(args),
    }
}
