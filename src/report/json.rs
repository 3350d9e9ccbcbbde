//! JSON output: the contract of `shared/eval/FORMAT.md` (diagnostics with 1-based lines and
//! columns in Unicode scalars, end exclusive; sources with path, line, title, quote, value).
//! Every diagnostic is listed, unverified figures included, whatever `show_unverified` says.

use super::stream::Array;
use super::Report;
use serde_json::{json, Value};
use std::io::Write;

/// Writes the report; diagnostics are streamed one at a time (the output is what
/// `serde_json::to_writer_pretty` prints for the whole object, keys in sorted order).
pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    write!(out, "{{\n  ")?;
    let mut checked = Array::start(out, "checked", 2)?;
    for f in &report.files {
        checked.push(&json!(f.path))?;
    }
    checked.end()?;
    write!(out, ",\n  ")?;
    let mut diagnostics = Array::start(out, "diagnostics", 2)?;
    for f in &report.files {
        for d in &f.diagnostics {
            let sources: Vec<Value> = d
                .sources
                .iter()
                .map(|s| {
                    json!({"path": s.path, "line": s.line, "column": s.column, "title": s.title,
                           "quote": s.quote, "value": s.value})
                })
                .collect();
            diagnostics.push(&json!({
                "path": f.path, "line": d.start.0, "column": d.start.1,
                "end_line": d.end.0, "end_column": d.end.1,
                "severity": d.severity.name(), "code": d.code, "message": d.message,
                "claim": d.subject, "kind": d.kind, "sources": sources,
            }))?;
        }
    }
    diagnostics.end()?;
    write!(out, ",\n  ")?;
    let mut errors = Array::start(out, "errors", 2)?;
    for p in report.files.iter().filter_map(|f| f.problem.as_ref()) {
        errors.push(&json!({"path": p.path, "message": p.message, "skipped": p.skipped}))?;
    }
    errors.end()?;
    writeln!(out, ",\n  \"version\": 1\n}}")
}
