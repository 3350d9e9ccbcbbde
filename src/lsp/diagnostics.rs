//! Diagnostics: pushed (`textDocument/publishDiagnostics`, debounced, with the version)
//! or pulled (`textDocument/diagnostic`) when the client supports pulls, never both.
//! Each carries the figure's range, severity, code with a link to its README section,
//! source "factlint", the message naming both values, the cited source sentences as
//! related information, and data for the code actions.

use super::position::LineIndex;
use super::projects::Loaded;
use super::server::{Caps, State};
use crate::codes::{self, Severity};
use crate::report::FileReport;
use crate::Verdict;
use serde_json::json;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub const SOURCE: &str = "factlint";

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The exact range of an evidence sentence in its source document.
pub fn quote_location(loaded: &Loaded, e: &crate::Evidence, caps: &Caps) -> Option<(Uri, Range)> {
    let doc = loaded.corpus.docs.get(e.doc)?;
    let lines = loaded.lines.get(e.doc)?;
    let uri = loaded.uri(e.doc)?;
    Some((uri, lines.range(&doc.text, &e.quote_span, caps.encoding)))
}

/// Findings as LSP diagnostics, in the negotiated encoding.
pub fn to_lsp(
    report: &FileReport,
    text: &str,
    lines: &LineIndex,
    loaded: &Loaded,
    caps: &Caps,
) -> Vec<Diagnostic> {
    let mut out = Vec::with_capacity(report.diagnostics.len());
    let links: Vec<(&str, Option<CodeDescription>)> = codes::ALL
        .iter()
        .map(|c| {
            (
                c.id,
                c.help_uri()
                    .parse()
                    .ok()
                    .map(|href| CodeDescription { href }),
            )
        })
        .collect();
    for d in &report.diagnostics {
        let claim = d.claim.and_then(|i| report.claims.get(i));
        let related = claim.filter(|_| caps.related_information).map(|c| {
            c.evidence
                .iter()
                .filter_map(|e| {
                    let (uri, range) = quote_location(loaded, e, caps)?;
                    Some(DiagnosticRelatedInformation {
                        location: Location { uri, range },
                        message: format!(
                            "\"{}\" ({}:{}) says {}",
                            e.title, e.path, e.line, e.value
                        ),
                    })
                })
                .collect::<Vec<_>>()
        });
        let data = claim.map(|c| {
            let mut values: Vec<&str> = Vec::new();
            if c.verdict == Verdict::Contradicted {
                for e in &c.evidence {
                    if !values.contains(&e.value.as_str()) {
                        values.push(&e.value);
                    }
                }
            }
            json!({"figure": c.text, "kind": d.kind, "sourceValues": values})
        });
        out.push(Diagnostic {
            range: lines.range(text, &d.span, caps.encoding),
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.code.to_string())),
            code_description: links
                .iter()
                .find(|(id, _)| *id == d.code)
                .and_then(|(_, link)| link.clone()),
            source: Some(SOURCE.into()),
            message: d.message.clone(),
            related_information: related,
            tags: None,
            data,
        });
    }
    out
}

/// Checks a document and pushes its diagnostics, unless a newer edit supersedes it.
pub async fn push(state: &Arc<State>, uri: Uri, version: i32) {
    let Some(snap) = state.snapshot(&uri) else {
        return;
    };
    if snap.version != version {
        return;
    }
    let loaded = match snap.project.ready().await {
        Ok(l) => l,
        Err(_) => {
            // The project's error was shown; no findings without a corpus.
            state.publish_empty(uri, Some(version)).await;
            return;
        }
    };
    if state.too_big(&snap, &loaded).await {
        state.publish_empty(uri, Some(version)).await;
        return;
    }
    if let Some(analysis) = state.analyze(&snap, loaded, true).await {
        state.publish(uri, analysis).await;
    }
}

/// `textDocument/diagnostic`: the document's findings now (waiting for its corpus),
/// `Unchanged` when neither the text nor the corpus changed since the client's last pull.
pub async fn pull(
    state: &Arc<State>,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let full = |items: Vec<Diagnostic>, result_id: Option<String>| {
        DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id, items },
            },
        ))
    };
    let uri = params.text_document.uri;
    let Some(snap) = state.snapshot(&uri) else {
        return Ok(full(Vec::new(), None));
    };
    let Ok(loaded) = snap.project.ready().await else {
        return Ok(full(Vec::new(), None));
    };
    if state.too_big(&snap, &loaded).await {
        return Ok(full(Vec::new(), None));
    }
    let result_id = format!("{}:{}", loaded.generation, snap.version);
    if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
        return Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            }),
        ));
    }
    let last = super::panic::lock(&state.docs)
        .get(&uri)
        .and_then(|d| d.last.clone())
        .filter(|a| a.version == snap.version && a.loaded.generation == loaded.generation);
    let analysis = match last {
        Some(a) => a,
        None => match state.analyze(&snap, loaded, false).await {
            Some(a) => a,
            None => return Err(super::server::internal("the check did not finish")),
        },
    };
    if let Some(doc) = super::panic::lock(&state.docs).get_mut(&uri) {
        if doc.version == analysis.version {
            doc.last = Some(analysis.clone());
        }
    }
    Ok(full(analysis.diagnostics.to_vec(), Some(result_id)))
}
