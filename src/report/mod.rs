//! One report type, several small renderers (human, json).
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod human;
pub mod json;

use crate::load::FileProblem;
use crate::text::lines::LineIndex;
use crate::{Claim, Verdict};

/// Stable diagnostic codes.
pub mod codes {
    /// A figure the sources contradict.
    pub const CONTRADICTED: &str = "FL001";
    /// A figure no source speaks of.
    pub const UNVERIFIED: &str = "FL002";
}

/// The results for one brief.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub text: String,
    pub claims: Vec<Claim>,
    /// The file was skipped or read lossily.
    pub problem: Option<FileProblem>,
}

/// The results of one run.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
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
}

/// 1-based (line, column, end_line, end_column) of a claim, columns in Unicode scalars,
/// end exclusive.
pub fn position(text: &str, lines: &LineIndex, claim: &Claim) -> (usize, usize, usize, usize) {
    let (l, c) = lines.position(text, claim.span.start);
    let (el, ec) = lines.position(text, claim.span.end);
    (l, c, el, ec)
}
