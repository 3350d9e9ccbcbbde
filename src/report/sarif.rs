//! SARIF 2.1.0 output for GitHub code scanning: one run whose driver lists every code as a
//! rule (with a `helpUri` to its README section); one result per shown diagnostic with its
//! level, message, location (repository-relative, 1-based columns in Unicode code points),
//! the cited source sentences as related locations, and a fingerprint that survives
//! unrelated edits (it hashes the code, the figure and its line's text, not line numbers).

use super::{stream, Diagnostic, FileReport, Report};
use crate::codes::{self, Severity};
use crate::text::lines::LineIndex;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// The schema the output follows.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// Percent-encodes what may not stand in a URI path.
fn encode(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// An artifactLocation: relative to the repository root (`%SRCROOT%`) when the file lies
/// inside it, else an absolute `file://` URI.
fn artifact(path: &str, cwd: &Path, root: &Path) -> Value {
    match super::repo_relative(path, cwd, root) {
        Some(rel) => json!({"uri": encode(&rel), "uriBaseId": "%SRCROOT%"}),
        None => {
            let abs = crate::config::normalize(&cwd.join(path));
            json!({"uri": format!("file://{}", encode(&abs.to_string_lossy().replace('\\', "/")))})
        }
    }
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms.
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

fn rules() -> Vec<Value> {
    codes::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.id,
                "name": c.rule_name,
                "shortDescription": {"text": c.summary},
                "fullDescription": {"text": c.description()},
                "help": {"text": c.docs_plain(), "markdown": c.docs()},
                "helpUri": c.help_uri(),
                "defaultConfiguration": {"level": level(c.default_severity)},
                "properties": {"tags": ["fact-check"], "precision": "high"},
            })
        })
        .collect()
}

fn result(
    f: &FileReport,
    lines: &LineIndex,
    d: &Diagnostic,
    seen: &mut HashMap<u64, usize>,
    cwd: &Path,
    root: &Path,
) -> Value {
    let rule_index = codes::ALL.iter().position(|c| c.id == d.code).unwrap_or(0);
    let line_text = {
        let start = lines.line_start(d.start.0 - 1).min(f.text.len());
        let end = f.text[start..]
            .find('\n')
            .map_or(f.text.len(), |i| start + i);
        f.text[start..end].trim()
    };
    let hash = fnv(&[d.code, &d.subject, line_text]);
    let n = seen.entry(hash).or_insert(0);
    *n += 1;
    let mut related = Vec::new();
    let mut cited: Vec<(&str, (usize, usize))> = Vec::new();
    for s in &d.sources {
        if cited.contains(&(s.path.as_str(), s.quote_start)) {
            continue;
        }
        cited.push((s.path.as_str(), s.quote_start));
        related.push(json!({
            "id": related.len() + 1,
            "physicalLocation": {
                "artifactLocation": artifact(&s.path, cwd, root),
                "region": {
                    "startLine": s.quote_start.0, "startColumn": s.quote_start.1,
                    "endLine": s.quote_end.0, "endColumn": s.quote_end.1,
                },
            },
            "message": {"text": format!("\"{}\" says {}: “{}”", s.title, s.value, s.quote.trim())},
        }));
    }
    let mut r = json!({
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": {"text": d.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact(&f.path, cwd, root),
                "region": {
                    "startLine": d.start.0, "startColumn": d.start.1,
                    "endLine": d.end.0, "endColumn": d.end.1,
                },
            },
        }],
        "partialFingerprints": {"factlint/v1": format!("{hash:016x}:{n}")},
    });
    if !related.is_empty() {
        r["relatedLocations"] = Value::Array(related);
    }
    r
}

/// Renders the report as a SARIF log. `cwd` is the folder report paths are relative to,
/// `root` the repository root that SARIF paths are made relative to. Results are streamed
/// one at a time (the output is what `serde_json::to_writer_pretty` prints for the whole
/// log, keys in sorted order).
pub fn render(
    report: &Report,
    out: &mut dyn Write,
    cwd: &Path,
    root: &Path,
) -> std::io::Result<()> {
    let mut notifications = Vec::new();
    for f in &report.files {
        if let Some(p) = &f.problem {
            notifications.push(json!({
                "level": if p.skipped { "error" } else { "warning" },
                "message": {"text": format!("{} {}", p.path, p.message)},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(&f.path, cwd, root)}}],
            }));
        }
    }
    for p in &report.corpus_problems {
        notifications.push(json!({
            "level": "warning",
            "message": {"text": format!("corpus file {} {}", p.path, p.message)},
        }));
    }
    let invocations = json!([{
        "executionSuccessful": true,
        "toolExecutionNotifications": notifications,
    }]);
    let tool = json!({"driver": {
        "name": "factlint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": codes::README_URL,
        "rules": rules(),
    }});
    write!(
        out,
        "{{\n  \"$schema\": {},\n  \"runs\": [\n    {{\n      \"columnKind\": \"unicodeCodePoints\",\n      \"invocations\": {},\n      ",
        serde_json::to_string(SCHEMA)?,
        stream::pretty(&invocations, 6)?
    )?;
    let mut results = stream::Array::start(out, "results", 6)?;
    for f in &report.files {
        let lines = LineIndex::new(&f.text);
        let mut seen = HashMap::new();
        for d in f.diagnostics.iter().filter(|d| f.shows(d)) {
            results.push(&result(f, &lines, d, &mut seen, cwd, root))?;
        }
    }
    results.end()?;
    writeln!(
        out,
        ",\n      \"tool\": {}\n    }}\n  ],\n  \"version\": \"2.1.0\"\n}}",
        stream::pretty(&tool, 6)?
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(encode("briefs/a b#1.md"), "briefs/a%20b%231.md");
        assert_eq!(encode("é.md"), "%C3%A9.md");
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fnv(&["FL001", "2011"]), fnv(&["FL001", "2011"]));
        assert_ne!(fnv(&["FL001", "2011"]), fnv(&["FL0012", "011"]));
        assert_eq!(fnv(&[]), 0xcbf2_9ce4_8422_2325);
    }
}
