//! JSON output: the contract of `shared/eval/FORMAT.md` (diagnostics with 1-based lines and
//! columns in Unicode scalars, end exclusive; sources with path, line, title, quote, value).
//! Every diagnostic is listed, unverified figures included, whatever `show_unverified` says.

use super::Report;
use serde_json::{json, Value};
use std::io::Write;

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut diagnostics = Vec::new();
    let mut errors = Vec::new();
    for f in &report.files {
        if let Some(p) = &f.problem {
            errors.push(json!({"path": p.path, "message": p.message, "skipped": p.skipped}));
        }
        for d in &f.diagnostics {
            let sources: Vec<Value> = d
                .sources
                .iter()
                .map(|s| {
                    json!({"path": s.path, "line": s.line, "column": s.column, "title": s.title,
                           "quote": s.quote, "value": s.value})
                })
                .collect();
            diagnostics.push(json!({
                "path": f.path, "line": d.start.0, "column": d.start.1,
                "end_line": d.end.0, "end_column": d.end.1,
                "severity": d.severity.name(), "code": d.code, "message": d.message,
                "claim": d.subject, "kind": d.kind, "sources": sources,
            }));
        }
    }
    let doc = json!({
        "version": 1,
        "checked": report.files.iter().map(|f| f.path.clone()).collect::<Vec<_>>(),
        "errors": errors,
        "diagnostics": diagnostics,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
