//! Human output: `path:line:col: warning[CODE] message`, the brief line with the figure
//! underlined, the source quote, and a summary line.

use super::{position, Diagnostic, Report};
use crate::codes::Severity;
use crate::text::lines::LineIndex;
use crate::{Claim, Verdict};
use std::io::Write;

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// The text of line `line` (1-based) without its line ending, tabs as spaces.
fn line_text(text: &str, lines: &LineIndex, line: usize) -> String {
    let start = lines.line_start(line - 1).min(text.len());
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    text[start..end].trim_end_matches('\r').replace('\t', " ")
}

fn shorten(quote: &str, at: std::ops::Range<usize>, max: usize) -> String {
    let chars: Vec<(usize, char)> = quote.char_indices().collect();
    if chars.len() <= max {
        return quote.to_string();
    }
    let center = chars.iter().position(|(i, _)| *i >= at.start).unwrap_or(0);
    let start = center.saturating_sub(max / 2);
    let end = (start + max).min(chars.len());
    let start = end.saturating_sub(max);
    let from = chars[start].0;
    let to = chars.get(end).map_or(quote.len(), |c| c.0);
    format!(
        "{}{}{}",
        if start > 0 { "…" } else { "" },
        &quote[from..to],
        if end < chars.len() { "…" } else { "" }
    )
}

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Information => "1;34",
        Severity::Hint => "1;36",
    }
}

fn render_diagnostic(
    out: &mut dyn Write,
    style: &Style,
    path: &str,
    text: &str,
    lines: &LineIndex,
    d: &Diagnostic,
) -> std::io::Result<()> {
    let ((line, col), (end_line, end_col)) = (d.start, d.end);
    let color = severity_color(d.severity);
    writeln!(
        out,
        "{}: {} {}",
        style.paint("1", &format!("{path}:{line}:{col}")),
        style.paint(color, &format!("{}[{}]", d.severity, d.code)),
        d.message
    )?;
    let src = line_text(text, lines, line);
    let gutter = " ".repeat(line.to_string().len());
    writeln!(out, "{gutter} {}", style.paint("34", "|"))?;
    writeln!(
        out,
        "{} {} {}",
        style.paint("34", &line.to_string()),
        style.paint("34", "|"),
        src
    )?;
    let width = if end_line == line {
        end_col.saturating_sub(col).max(1)
    } else {
        src.chars().count().saturating_sub(col - 1).max(1)
    };
    writeln!(
        out,
        "{gutter} {} {}{}",
        style.paint("34", "|"),
        " ".repeat(col - 1),
        style.paint(color, &"^".repeat(width))
    )?;
    let mut seen = Vec::new();
    for e in &d.sources {
        let key = (e.path.clone(), e.line);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let quote = shorten(&e.quote, e.figure_in_quote.clone(), 160);
        let highlighted = if style.on {
            quote.replacen(&e.value, &style.paint("1;32", &e.value), 1)
        } else {
            quote
        };
        writeln!(
            out,
            "{gutter} {} source {}:{}: “{}”",
            style.paint("34", "="),
            e.path,
            e.line,
            highlighted
        )?;
    }
    writeln!(out)
}

fn render_explanation(
    out: &mut dyn Write,
    path: &str,
    text: &str,
    lines: &LineIndex,
    claim: &Claim,
) -> std::io::Result<()> {
    let (line, col, _, _) = position(text, lines, claim);
    writeln!(
        out,
        "{path}:{line}:{col}: {} {} {:?} (best {:.2})",
        claim.verdict.name(),
        claim.kind.name(),
        claim.text,
        claim.score
    )?;
    let words: Vec<String> = claim
        .explanation
        .context
        .iter()
        .map(|(t, w)| format!("{t}:{w:.2}"))
        .collect();
    writeln!(out, "    context: {}", words.join(" "))?;
    if let Some(why) = claim.explanation.abstained {
        writeln!(out, "    (not flagged: {why})")?;
    }
    if claim.explanation.modal {
        writeln!(out, "    (a plan, target or forecast)")?;
    }
    for e in &claim.explanation.candidates {
        writeln!(
            out,
            "    {:.3} m{:.2} c{:.2} {} {:?} {}:{}",
            e.score,
            e.mass,
            e.coverage,
            if e.agrees { "=" } else { "≠" },
            e.value,
            e.path.rsplit('/').next().unwrap_or(&e.path),
            e.line
        )?;
    }
    Ok(())
}

/// Renders the report for people. `quiet` leaves out the summary line.
pub fn render(
    report: &Report,
    out: &mut dyn Write,
    color: bool,
    explain: bool,
    quiet: bool,
) -> std::io::Result<()> {
    let style = Style { on: color };
    for f in &report.files {
        if let Some(p) = &f.problem {
            let label = if p.skipped { "error" } else { "warning" };
            writeln!(
                out,
                "{}: {}: {}\n",
                p.path,
                style.paint("1;31", label),
                p.message
            )?;
        }
        let lines = LineIndex::new(&f.text);
        if explain {
            for c in &f.claims {
                render_explanation(out, &f.path, &f.text, &lines, c)?;
            }
            continue;
        }
        for d in f.diagnostics.iter().filter(|d| f.shows(d)) {
            render_diagnostic(out, &style, &f.path, &f.text, &lines, d)?;
        }
    }
    if quiet {
        return Ok(());
    }
    let figures: usize = report.files.iter().map(|f| f.claims.len()).sum();
    let contradicted = report.contradictions();
    let suppressed = report.suppressed();
    let summary = format!(
        "checked {} file{}, {} figure{}: {} supported, {} contradicted, {} unverified{}",
        report.files.len(),
        if report.files.len() == 1 { "" } else { "s" },
        figures,
        if figures == 1 { "" } else { "s" },
        report.count(Verdict::Supported),
        contradicted,
        report.count(Verdict::Unverified),
        if suppressed > 0 {
            format!(", {suppressed} suppressed")
        } else {
            String::new()
        }
    );
    let color = if report.fails() { "1;33" } else { "1;32" };
    writeln!(out, "{}", style.paint(color, &summary))
}
