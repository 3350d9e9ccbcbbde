//! One version of a brief, checked: its claims, and the findings the report module makes
//! of them (codes, configured severities, suppression comments: the same place the CLI
//! uses). Blocking work, run off the async runtime.

use super::chunks::{self, ChunkCache};
use super::position::LineIndex;
use super::projects::Loaded;
use crate::check::Claim;
use crate::report::{Diagnostic, FileReport, Settings};
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// A checked version of a document.
#[derive(Debug)]
pub struct Analysis {
    pub version: i32,
    pub text: Arc<str>,
    pub lines: LineIndex,
    pub claims: Vec<Claim>,
    /// After severities and suppressions, in order.
    pub diagnostics: Vec<Diagnostic>,
    pub loaded: Arc<Loaded>,
}

/// Turns claims into findings exactly as `factlint check` does.
pub fn findings(loaded: &Loaded, path: &str, text: &str, claims: Vec<Claim>) -> FileReport {
    FileReport::new(
        &loaded.corpus,
        &loaded.config,
        Settings::default(),
        path.to_string(),
        text.to_string(),
        claims,
        None,
    )
}

/// Checks a whole document; `None` when `cancelled` said so first.
pub fn analyze(
    loaded: &Arc<Loaded>,
    path: &str,
    version: i32,
    text: Arc<str>,
    cache: &Mutex<ChunkCache>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Analysis> {
    let claims = chunks::check(&loaded.corpus, &text, cache, None, cancelled)?;
    let report = findings(loaded, path, &text, claims);
    Some(Analysis {
        version,
        lines: LineIndex::new(&text),
        text,
        claims: report.claims,
        diagnostics: report.diagnostics,
        loaded: loaded.clone(),
    })
}

/// The claims whose figure (with its hedge) touches `span`, checking only the blocks there.
pub fn claims_at(
    loaded: &Loaded,
    text: &str,
    cache: &Mutex<ChunkCache>,
    span: Range<usize>,
) -> Vec<Claim> {
    let claims = chunks::check(&loaded.corpus, text, cache, Some(span.clone()), &|| false)
        .unwrap_or_default();
    claims
        .into_iter()
        .filter(|c| c.full_span.start <= span.end && span.start <= c.span.end)
        .collect()
}
