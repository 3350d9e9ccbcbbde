//! The citation sheet (`factlint claims`): every figure and date of the briefs with its
//! verdict and citations, as a table for people, JSON, or CSV (one row per citation).

use super::Report;
use crate::text::lines::LineIndex;
use crate::Claim;
use serde_json::{json, Value};
use std::io::Write;

/// One claim with its place in the brief.
struct Row<'a> {
    path: &'a str,
    start: (usize, usize),
    end: (usize, usize),
    claim: &'a Claim,
}

fn rows(report: &Report) -> Vec<Row<'_>> {
    let mut out = Vec::new();
    for f in &report.files {
        let lines = LineIndex::new(&f.text);
        for c in &f.claims {
            out.push(Row {
                path: &f.path,
                start: lines.position(&f.text, c.span.start),
                end: lines.position(&f.text, c.span.end),
                claim: c,
            });
        }
    }
    out
}

/// A table for people: location, figure, kind, verdict and the sources cited (one per line).
pub fn render_table(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut table: Vec<[String; 5]> = vec![[
        "LOCATION".into(),
        "FIGURE".into(),
        "KIND".into(),
        "VERDICT".into(),
        "SOURCE".into(),
    ]];
    for r in rows(report) {
        let cite = |i: usize| {
            r.claim.evidence.get(i).map_or(String::new(), |e| {
                format!("{}:{} {}", e.path, e.line, e.value)
            })
        };
        table.push([
            format!("{}:{}:{}", r.path, r.start.0, r.start.1),
            r.claim.text.clone(),
            r.claim.kind.name().to_string(),
            r.claim.verdict.name().to_string(),
            cite(0),
        ]);
        let mut seen = vec![cite(0)];
        for i in 1..r.claim.evidence.len() {
            if !seen.contains(&cite(i)) {
                seen.push(cite(i));
                table.push([
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    cite(i),
                ]);
            }
        }
    }
    let mut widths = [0usize; 5];
    for row in &table {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in &table {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 < row.len() {
                line.push_str(cell);
                line.push_str(&" ".repeat(widths[i] - cell.chars().count() + 2));
            } else {
                line.push_str(cell);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    let n = table.len() - 1;
    if n == 0 {
        writeln!(out, "(no figures)")?;
    }
    Ok(())
}

/// A score with three decimals, printed as such (not as the nearest f32).
fn round3(score: f32) -> f64 {
    format!("{score:.3}").parse().unwrap_or(0.0)
}

/// `{"version": 1, "claims": [...], "errors": [...]}`.
pub fn render_json(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let claims: Vec<Value> = rows(report)
        .iter()
        .map(|r| {
            let sources: Vec<Value> = r
                .claim
                .evidence
                .iter()
                .map(|e| {
                    json!({"path": &*e.path, "line": e.line, "column": e.column, "title": &*e.title,
                           "quote": e.quote, "value": e.value, "agrees": e.agrees,
                           "score": round3(e.score)})
                })
                .collect();
            json!({
                "path": r.path, "line": r.start.0, "column": r.start.1,
                "end_line": r.end.0, "end_column": r.end.1,
                "text": r.claim.text, "kind": r.claim.kind.name(),
                "verdict": r.claim.verdict.name(), "sources": sources,
            })
        })
        .collect();
    let errors: Vec<Value> = report
        .files
        .iter()
        .filter_map(|f| f.problem.as_ref())
        .map(|p| json!({"path": p.path, "message": p.message, "skipped": p.skipped}))
        .collect();
    let doc = json!({"version": 1, "claims": claims, "errors": errors});
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// Quotes a CSV field when it needs it (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One row per citation (a figure without one gets a row with empty source fields).
pub fn render_csv(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let header = [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "figure",
        "kind",
        "verdict",
        "source_path",
        "source_line",
        "source_column",
        "source_title",
        "source_value",
        "source_quote",
    ];
    write!(out, "{}\r\n", header.join(","))?;
    for r in rows(report) {
        let base = [
            r.path.to_string(),
            r.start.0.to_string(),
            r.start.1.to_string(),
            r.end.0.to_string(),
            r.end.1.to_string(),
            r.claim.text.clone(),
            r.claim.kind.name().to_string(),
            r.claim.verdict.name().to_string(),
        ];
        let mut sources: Vec<[String; 6]> = r
            .claim
            .evidence
            .iter()
            .map(|e| {
                [
                    e.path.to_string(),
                    e.line.to_string(),
                    e.column.to_string(),
                    e.title.to_string(),
                    e.value.clone(),
                    e.quote.clone(),
                ]
            })
            .collect();
        if sources.is_empty() {
            sources.push(Default::default());
        }
        for s in sources {
            let fields: Vec<String> = base.iter().chain(s.iter()).map(|f| csv_field(f)).collect();
            write!(out, "{}\r\n", fields.join(","))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("$1,000"), "\"$1,000\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("a\nb"), "\"a\nb\"");
    }
}
