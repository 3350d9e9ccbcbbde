//! JSON output: the contract of `shared/eval/FORMAT.md` (diagnostics with 1-based lines and
//! columns in Unicode scalars, end exclusive; sources with path, line, title, quote, value).

use super::{codes, position, Report};
use crate::text::lines::LineIndex;
use crate::Verdict;
use serde_json::{json, Value};
use std::io::Write;

pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut diagnostics = Vec::new();
    let mut errors = Vec::new();
    for f in &report.files {
        if let Some(p) = &f.problem {
            errors.push(json!({"path": p.path, "message": p.message, "skipped": p.skipped}));
        }
        let lines = LineIndex::new(&f.text);
        for c in &f.claims {
            let (severity, code) = match c.verdict {
                Verdict::Contradicted => ("warning", codes::CONTRADICTED),
                Verdict::Unverified => ("hint", codes::UNVERIFIED),
                Verdict::Supported => continue,
            };
            let (line, column, end_line, end_column) = position(&f.text, &lines, c);
            let sources: Vec<Value> = c
                .evidence
                .iter()
                .map(|e| {
                    json!({"path": e.path, "line": e.line, "column": e.column, "title": e.title,
                           "quote": e.quote, "value": e.value})
                })
                .collect();
            diagnostics.push(json!({
                "path": f.path, "line": line, "column": column,
                "end_line": end_line, "end_column": end_column,
                "severity": severity, "code": code, "message": c.message(),
                "claim": c.text, "kind": c.kind.name(), "sources": sources,
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
