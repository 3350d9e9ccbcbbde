//! `textDocument/codeAction` (quick fixes) on a figure:
//! - "Replace with the source's value (…)" for a contradicted figure (one per value when
//!   the sources disagree among themselves);
//! - "Add a citation": a Markdown footnote `[^n]: Title — `path:line``, numbered after the
//!   brief's footnotes (for a contradicted figure, together with the source's value);
//! - "Ignore on this line": the `factlint-disable-next-line` comment (or, where a line of
//!   its own would change the Markdown, a disable/enable pair around the figure).
//!
//! Every action is checked before it is offered: applied to the text and checked again,
//! it must leave the same findings less the one it fixes, and nothing new.

use super::analysis;
use super::chunks;
use super::diagnostics::SOURCE;
use super::panic;
use super::server::{At, Caps, Place, State};
use crate::check::{Claim, Evidence};
use crate::codes;
use crate::report::Diagnostic as Finding;
use crate::Verdict;
use regex::Regex;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::{Arc, OnceLock};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// At most this many figures of a selection get actions.
const MAX_FIGURES: usize = 8;

/// A replacement of a byte range of the brief.
type Edit = (Range<usize>, String);

/// What a finding is, wherever it moved: code, figure and message.
type Key = (&'static str, String, String);

fn key(d: &Finding) -> Key {
    (d.code, d.subject.clone(), d.message.clone())
}

/// Applies non-overlapping edits (in any order) to a text.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.0.start);
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for (range, new) in sorted {
        out.push_str(&text[at..range.start]);
        out.push_str(new);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The findings of a whole text (blocks from the cache where it has them).
fn findings(at: &At, text: &str) -> Vec<Key> {
    let claims = chunks::check(
        &at.loaded.corpus,
        text,
        &at.snapshot.cache,
        Some(0..text.len()),
        &|| false,
    )
    .unwrap_or_default();
    let mut keys: Vec<Key> = analysis::findings(&at.loaded, text, claims)
        .diagnostics
        .iter()
        .map(key)
        .collect();
    keys.sort();
    keys
}

/// Whether the edits fix exactly `fixed` (or nothing, for `None`) and change no other
/// finding.
fn verify(at: &At, before: &[Key], edits: &[Edit], fixed: Option<&Key>) -> bool {
    let after = findings(at, &apply(&at.snapshot.text, edits));
    let mut expected = before.to_vec();
    if let Some(k) = fixed {
        match expected.iter().position(|x| x == k) {
            Some(i) => {
                expected.remove(i);
            }
            None => return false,
        }
    }
    after == expected
}

fn line_ending(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

fn footnote_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\[\^([^\]\s]+)\]").expect("valid regex"))
}

/// The next footnote number: after the largest numbered footnote and after as many
/// footnotes as the brief has.
pub fn next_footnote(text: &str) -> String {
    let labels: BTreeSet<&str> = footnote_re()
        .captures_iter(text)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect();
    let max = labels
        .iter()
        .filter_map(|l| l.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    let mut n = max.max(labels.len() as u64) + 1;
    while labels.contains(n.to_string().as_str()) {
        n += 1;
    }
    n.to_string()
}

/// The footnote definition appended at the end of the brief, as an edit.
fn footnote_definition(text: &str, label: &str, e: &Evidence, title_as_code: bool) -> Edit {
    let eol = line_ending(text);
    let lead = if text.is_empty() || text.ends_with("\n\n") || text.ends_with("\r\n\r\n") {
        ""
    } else if text.ends_with('\n') || text.ends_with('\r') {
        eol
    } else if eol == "\r\n" {
        "\r\n\r\n"
    } else {
        "\n\n"
    };
    let title = e.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = if title_as_code {
        format!("`{}`", title.replace('`', "'"))
    } else {
        title
    };
    (
        text.len()..text.len(),
        format!("{lead}[^{label}]: {title} — `{}:{}`{eol}", e.path, e.line),
    )
}

/// The source's value, capitalised like the text it replaces.
fn like(original: &str, value: &str) -> String {
    let upper = original.chars().next().is_some_and(char::is_uppercase);
    let mut chars = value.chars();
    match chars.next() {
        Some(c) if upper && c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => value.to_string(),
    }
}

/// One evidence per value the sources give (values that agree count once).
fn distinct(evidence: &[Evidence]) -> Vec<&Evidence> {
    let mut out: Vec<&Evidence> = Vec::new();
    for e in evidence {
        if !out.iter().any(|o| o.reading.agrees(&e.reading)) {
            out.push(e);
        }
    }
    out
}

/// Ways to put the disable comment for `code` on the figure's line, best first.
fn ignore_candidates(at: &At, claim: &Claim, code: &str) -> Vec<Vec<Edit>> {
    let text: &str = &at.snapshot.text;
    let lines = &at.lines;
    let line = lines.line_of(claim.span.start);
    let this = lines.line_range(text, line).unwrap_or(0..0);
    let table = |r: &Range<usize>| text[r.clone()].trim_start().starts_with('|');
    let comment = format!("<!-- factlint-disable-next-line {code} -->");
    let mut out = Vec::new();
    if !table(&this) {
        let prev = line.checked_sub(1).and_then(|l| lines.line_range(text, l));
        match prev {
            Some(p) if !text[p.clone()].trim().is_empty() => {
                if !table(&p) {
                    out.push(vec![(p.end..p.end, format!(" {comment}"))]);
                }
            }
            _ => {
                let indent: String = text[this.clone()]
                    .chars()
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .collect();
                let eol = line_ending(text);
                out.push(vec![(
                    this.start..this.start,
                    format!("{indent}{comment}{eol}"),
                )]);
            }
        }
    }
    out.push(vec![
        (
            claim.full_span.start..claim.full_span.start,
            format!("<!-- factlint-disable {code} -->"),
        ),
        (
            claim.span.end..claim.span.end,
            format!("<!-- factlint-enable {code} -->"),
        ),
    ]);
    out
}

/// A quick fix, not yet in LSP form.
struct Fix {
    title: String,
    edits: Vec<Edit>,
    code: Option<&'static str>,
    claim: Range<usize>,
    preferred: bool,
}

/// The verified fixes for the claims at `at`.
fn fixes(at: &At) -> Vec<Fix> {
    let text: &str = &at.snapshot.text;
    let all = chunks::check(
        &at.loaded.corpus,
        text,
        &at.snapshot.cache,
        Some(0..text.len()),
        &|| false,
    )
    .unwrap_or_default();
    let report = analysis::findings(&at.loaded, text, all);
    let mut before: Vec<Key> = report.diagnostics.iter().map(key).collect();
    before.sort();
    let mut out = Vec::new();
    for claim in &at.claims {
        let finding = report.diagnostics.iter().find(|d| {
            d.claim
                .and_then(|i| report.claims.get(i))
                .is_some_and(|c| c.span == claim.span)
        });
        let fixed = finding.map(key);
        let code = finding.map(|d| d.code);
        let original = &text[claim.full_span.clone()];
        let label = next_footnote(text);
        let mut push = |title: String, candidates: Vec<Vec<Edit>>, preferred: bool| {
            if let Some(edits) = candidates
                .into_iter()
                .find(|edits| verify(at, &before, edits, fixed.as_ref()))
            {
                out.push(Fix {
                    title,
                    edits,
                    code,
                    claim: claim.span.clone(),
                    preferred,
                });
            }
        };
        match (claim.verdict, code) {
            (Verdict::Contradicted, Some(codes::CONTRADICTED)) => {
                let sources = distinct(&claim.evidence);
                for e in &sources {
                    let value = like(original, &e.value);
                    push(
                        format!("Replace with the source's value ({value})"),
                        vec![vec![(claim.full_span.clone(), value.clone())]],
                        sources.len() == 1,
                    );
                }
                for e in &sources {
                    let value = like(original, &e.value);
                    let candidates = [false, true]
                        .iter()
                        .map(|&as_code| {
                            vec![
                                (claim.full_span.clone(), format!("{value}[^{label}]")),
                                footnote_definition(text, &label, e, as_code),
                            ]
                        })
                        .collect();
                    push(
                        format!("Add a citation (with the source's value, {value})"),
                        candidates,
                        false,
                    );
                }
            }
            (Verdict::Supported, None) => {
                if let Some(e) = claim.evidence.first() {
                    let candidates = [false, true]
                        .iter()
                        .map(|&as_code| {
                            vec![
                                (claim.span.end..claim.span.end, format!("[^{label}]")),
                                footnote_definition(text, &label, e, as_code),
                            ]
                        })
                        .collect();
                    push(format!("Add a citation ({})", e.title), candidates, false);
                }
            }
            _ => {}
        }
        if let Some(code) = code.filter(|c| *c == codes::CONTRADICTED || *c == codes::UNVERIFIED) {
            push(
                format!("Ignore on this line ({code})"),
                ignore_candidates(at, claim, code),
                false,
            );
        }
    }
    out
}

fn to_lsp(at: &At, caps: &Caps, fix: Fix, context: &[Diagnostic]) -> CodeActionOrCommand {
    let text: &str = &at.snapshot.text;
    let uri = at.snapshot.uri.clone();
    let edits: Vec<TextEdit> = fix
        .edits
        .iter()
        .map(|(r, new)| TextEdit {
            range: at.lines.range(text, r, caps.encoding),
            new_text: new.clone(),
        })
        .collect();
    let figure = at.lines.range(text, &fix.claim, caps.encoding);
    let diagnostics: Vec<Diagnostic> = context
        .iter()
        .filter(|d| {
            d.source.as_deref() == Some(SOURCE)
                && d.range == figure
                && fix.code.is_some_and(|c| {
                    d.code.as_ref() == Some(&NumberOrString::String(c.to_string()))
                })
        })
        .cloned()
        .collect();
    let edit = if caps.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri,
                    version: Some(at.snapshot.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri, edits)])),
            ..Default::default()
        }
    };
    CodeActionOrCommand::CodeAction(CodeAction {
        title: fix.title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(edit),
        is_preferred: fix.preferred.then_some(true),
        ..Default::default()
    })
}

pub async fn code_action(
    state: &Arc<State>,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    if let Some(only) = &params.context.only {
        if !only
            .iter()
            .any(|k| k == &CodeActionKind::QUICKFIX || k == &CodeActionKind::EMPTY)
        {
            return Ok(None);
        }
    }
    let Some(mut at) = state
        .claims_at(&params.text_document.uri, Place::Range(params.range))
        .await?
    else {
        return Ok(None);
    };
    if at.claims.is_empty() {
        return Ok(None);
    }
    // Each action is verified by a check of the whole brief: a large selection gets the
    // actions of its first figures only.
    at.claims.truncate(MAX_FIGURES);
    let caps = state.caps();
    let context = params.context.diagnostics;
    let work = tokio::task::spawn_blocking(move || {
        panic::guard(|| {
            let found = fixes(&at);
            found
                .into_iter()
                .map(|f| to_lsp(&at, &caps, f, &context))
                .collect::<Vec<_>>()
        })
    })
    .await;
    match work {
        Ok(Ok(actions)) if actions.is_empty() => Ok(None),
        Ok(Ok(actions)) => Ok(Some(actions)),
        Ok(Err(panic)) => Err(super::server::internal(panic)),
        Err(e) => Err(super::server::internal(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes_are_numbered_after_the_briefs() {
        assert_eq!(next_footnote("No notes."), "1");
        assert_eq!(next_footnote("A[^1] b[^2].\n\n[^1]: x\n[^2]: y\n"), "3");
        assert_eq!(next_footnote("A[^note] b[^7].\n"), "8");
        assert_eq!(next_footnote("A[^a] b[^b] c[^c].\n"), "4");
    }

    #[test]
    fn edits_apply_from_the_end() {
        let edits = vec![
            (4..5, "X".to_string()),
            (0..0, ">".to_string()),
            (9..9, "!".into()),
        ];
        assert_eq!(apply("abcdefghi", &edits), ">abcdXfghi!");
        assert_eq!(like("About $10", "nearly $9"), "Nearly $9");
        assert_eq!(like("$10", "nearly $9"), "nearly $9");
    }
}
