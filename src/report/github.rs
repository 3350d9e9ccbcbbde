//! GitHub Actions workflow commands: one `::warning file=…,line=…,col=…::message` line per
//! shown diagnostic, with the escaping GitHub requires (`%`, CR and LF everywhere, and `:`
//! and `,` in properties). Paths are relative to the repository root.

use super::Report;
use crate::codes::{self, Severity};
use std::io::Write;
use std::path::Path;

/// Escapes a command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property's value (`file`, `title`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "notice",
    }
}

/// Renders the report as workflow commands. `cwd` is the folder report paths are relative
/// to, `root` the repository root GitHub expects paths relative to.
pub fn render(
    report: &Report,
    out: &mut dyn Write,
    cwd: &Path,
    root: &Path,
) -> std::io::Result<()> {
    let file = |p: &str| super::repo_relative(p, cwd, root).unwrap_or_else(|| p.to_string());
    for f in &report.files {
        if let Some(p) = &f.problem {
            writeln!(
                out,
                "::{} file={},title={}::{}",
                if p.skipped { "error" } else { "warning" },
                escape_property(&file(&f.path)),
                escape_property("factlint: unreadable brief"),
                escape_data(&format!("{} {}", p.path, p.message))
            )?;
        }
        for d in f.diagnostics.iter().filter(|d| f.shows(d)) {
            let title = match codes::find(d.code) {
                Some(c) => format!("{} {}", c.id, c.name),
                None => d.code.to_string(),
            };
            let mut message = d.message.clone();
            let mut seen = Vec::new();
            for s in &d.sources {
                if seen.contains(&(&s.path, s.line)) {
                    continue;
                }
                seen.push((&s.path, s.line));
                message.push_str(&format!(
                    "\nsource {}:{}: “{}”",
                    file(&s.path),
                    s.line,
                    s.quote.trim()
                ));
            }
            writeln!(
                out,
                "::{} file={},line={},endLine={},col={},endColumn={},title={}::{}",
                command(d.severity),
                escape_property(&file(&f.path)),
                d.start.0,
                d.end.0,
                d.start.1,
                d.end.1,
                escape_property(&title),
                escape_data(&message)
            )?;
        }
    }
    for p in &report.corpus_problems {
        writeln!(
            out,
            "::warning title={}::{}",
            escape_property("factlint: unreadable corpus file"),
            escape_data(&format!("corpus file {} {}", p.path, p.message))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_github() {
        assert_eq!(
            escape_data("50% up\r\nnext: a, b"),
            "50%25 up%0D%0Anext: a, b"
        );
        assert_eq!(escape_property("dir/a,b:c%.md\n"), "dir/a%2Cb%3Ac%25.md%0A");
        // `%` first, so an escape is never escaped twice
        assert_eq!(escape_data("%0A"), "%250A");
    }
}
