//! One version of a brief, checked: the findings the report module makes of its claims
//! (codes, configured severities, suppression comments: the same place the CLI uses), as
//! LSP diagnostics. Blocking work, run off the async runtime.
//!
//! A brief without any `factlint-` comment has no suppressions, so each block's findings
//! depend on that block alone: they are made once per block and cached with its claims,
//! and an edit costs the blocks it touches. A brief with comments is reported whole.

use super::chunks::{self, ChunkCache, Entry};
use super::diagnostics;
use super::position::LineIndex;
use super::projects::Loaded;
use super::server::Caps;
use crate::check::Claim;
use crate::report::FileReport;
use regex::Regex;
use serde::Serialize;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    NumberOrString,
};

/// A checked version of a document.
#[derive(Debug)]
pub struct Analysis {
    pub version: i32,
    pub text: Arc<str>,
    pub diagnostics: Diagnostics,
    pub loaded: Arc<Loaded>,
}

/// A document's diagnostics: made for the whole text, or the cached diagnostics of each
/// block with the line the block starts on (shared with the cache, never copied).
#[derive(Debug)]
pub enum Diagnostics {
    Whole(Vec<Diagnostic>),
    Blocks(Vec<(u32, Arc<Entry>)>),
}

/// A diagnostic moved down by some lines, serialized exactly as `Diagnostic` is.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Moved<'a> {
    range: tower_lsp_server::ls_types::Range,
    #[serde(skip_serializing_if = "Option::is_none")]
    severity: Option<DiagnosticSeverity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'a NumberOrString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_description: Option<&'a CodeDescription>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a String>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    related_information: Option<&'a Vec<DiagnosticRelatedInformation>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<&'a Vec<DiagnosticTag>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<&'a serde_json::Value>,
}

fn moved(d: &Diagnostic, lines: u32) -> Moved<'_> {
    let mut range = d.range;
    range.start.line += lines;
    range.end.line += lines;
    Moved {
        range,
        severity: d.severity,
        code: d.code.as_ref(),
        code_description: d.code_description.as_ref(),
        source: d.source.as_ref(),
        message: &d.message,
        related_information: d.related_information.as_ref(),
        tags: d.tags.as_ref(),
        data: d.data.as_ref(),
    }
}

impl Diagnostics {
    pub fn len(&self) -> usize {
        match self {
            Diagnostics::Whole(v) => v.len(),
            Diagnostics::Blocks(b) => b.iter().map(|(_, e)| e.lsp.get().map_or(0, Vec::len)).sum(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The diagnostics as values (for a pull answer).
    pub fn to_vec(&self) -> Vec<Diagnostic> {
        match self {
            Diagnostics::Whole(v) => v.clone(),
            Diagnostics::Blocks(blocks) => {
                let mut out = Vec::with_capacity(self.len());
                for (first, e) in blocks {
                    for d in e.lsp.get().into_iter().flatten() {
                        let mut d = d.clone();
                        d.range.start.line += first;
                        d.range.end.line += first;
                        out.push(d);
                    }
                }
                out
            }
        }
    }
}

impl Serialize for Diagnostics {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        match self {
            Diagnostics::Whole(v) => {
                for d in v {
                    seq.serialize_element(d)?;
                }
            }
            Diagnostics::Blocks(blocks) => {
                for (first, e) in blocks {
                    for d in e.lsp.get().into_iter().flatten() {
                        seq.serialize_element(&moved(d, *first))?;
                    }
                }
            }
        }
        seq.end()
    }
}

/// Turns claims into findings exactly as `factlint check` does.
pub fn findings(loaded: &Loaded, text: &str, claims: Vec<Claim>) -> FileReport {
    FileReport::new(
        &loaded.corpus,
        &loaded.config,
        String::new(),
        text.to_string(),
        claims,
        None,
    )
}

/// Whether the text has anything a suppression comment could be made of.
fn has_comments(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new("(?i)factlint-").expect("valid regex"))
        .is_match(text)
}

/// The whole text's diagnostics, the way `factlint check` makes them.
pub fn whole(
    loaded: &Loaded,
    text: &str,
    cache: &Mutex<ChunkCache>,
    caps: &Caps,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Diagnostic>> {
    let claims = chunks::check(&loaded.corpus, text, cache, None, cancelled)?;
    let report = findings(loaded, text, claims);
    Some(diagnostics::to_lsp(
        &report,
        text,
        &LineIndex::new(text),
        loaded,
        caps,
    ))
}

/// Checks a whole document; `None` when `cancelled` said so first.
pub fn analyze(
    loaded: &Arc<Loaded>,
    version: i32,
    text: Arc<str>,
    cache: &Mutex<ChunkCache>,
    caps: &Caps,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Analysis> {
    let diagnostics = if has_comments(&text) {
        Diagnostics::Whole(whole(loaded, &text, cache, caps, cancelled)?)
    } else {
        let parts = chunks::parts(&loaded.corpus, &text, cache, None, cancelled)?;
        let lines = LineIndex::new(&text);
        let mut out = Vec::with_capacity(parts.len());
        for (range, entry) in parts {
            let own = entry.lsp.get_or_init(|| {
                let body = &text[range.clone()];
                let report = findings(loaded, body, entry.claims.clone());
                diagnostics::to_lsp(&report, body, &LineIndex::new(body), loaded, caps)
            });
            if own.is_empty() {
                continue;
            }
            // Blocks start at a line start: only the line numbers move.
            out.push((lines.line_of(range.start) as u32, entry));
        }
        Diagnostics::Blocks(out)
    };
    Some(Analysis {
        version,
        text,
        diagnostics,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::settings::Settings as EditorSettings;

    #[test]
    fn block_by_block_findings_equal_the_whole_briefs() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = Arc::new(
            crate::lsp::projects::load(None, root, &EditorSettings::default(), 1, &|_, _| {})
                .unwrap(),
        );
        let caps = Caps {
            related_information: true,
            ..Caps::default()
        };
        for name in ["wrong-figures.md", "debt-and-trade.md"] {
            let text = std::fs::read_to_string(root.join("examples/briefs").join(name)).unwrap();
            let text = format!("{text}\n\nKenneth Bae 😀 was arrested in 2011.\r\n\r\n{text}");
            let cache = Mutex::new(ChunkCache::default());
            let a = analyze(&loaded, 1, Arc::from(text.as_str()), &cache, &caps, &|| {
                false
            })
            .unwrap();
            let w = whole(&loaded, &text, &Mutex::default(), &caps, &|| false).unwrap();
            assert!(!w.is_empty());
            assert_eq!(a.diagnostics.to_vec(), w, "{name}");
            // Serialized without copies, exactly as the diagnostics themselves.
            assert_eq!(
                serde_json::to_value(&a.diagnostics).unwrap(),
                serde_json::to_value(&w).unwrap()
            );
        }
    }
}
