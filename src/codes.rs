//! The stable diagnostic codes: their names, default severities, one-line summaries and
//! documentation (the README section of each code), shared by every renderer, the config
//! and the language server. A code never changes meaning; new meanings get new codes.

use std::fmt;

/// How serious a diagnostic is. Ordered from least to most serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Hint,
    Information,
    Warning,
    Error,
}

impl Severity {
    /// The name used in JSON output and in `factlint.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Information => "information",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses a severity name as written in `factlint.toml`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "hint" => Some(Severity::Hint),
            "information" | "info" => Some(Severity::Information),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A diagnostic code.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// `FL001`.
    pub id: &'static str,
    /// `contradicted-figure`: the README heading is `### FL001 contradicted-figure`.
    pub name: &'static str,
    /// `ContradictedFigure`: the SARIF rule name.
    pub rule_name: &'static str,
    pub default_severity: Severity,
    /// One line: what it means.
    pub summary: &'static str,
}

/// A figure the sources contradict.
pub const CONTRADICTED: &str = "FL001";
/// A figure no source speaks of.
pub const UNVERIFIED: &str = "FL002";
/// A suppression comment that suppresses nothing.
pub const UNUSED_SUPPRESSION: &str = "FL003";
/// A suppression comment factlint cannot read (unknown directive or code).
pub const INVALID_SUPPRESSION: &str = "FL004";

/// Every code, in order.
pub const ALL: &[Code] = &[
    Code {
        id: CONTRADICTED,
        name: "contradicted-figure",
        rule_name: "ContradictedFigure",
        default_severity: Severity::Warning,
        summary: "The sources give a different value for the same thing.",
    },
    Code {
        id: UNVERIFIED,
        name: "unverified-figure",
        rule_name: "UnverifiedFigure",
        default_severity: Severity::Hint,
        summary: "No source speaks of this figure clearly enough to confirm or contradict it.",
    },
    Code {
        id: UNUSED_SUPPRESSION,
        name: "unused-suppression",
        rule_name: "UnusedSuppression",
        default_severity: Severity::Hint,
        summary: "A factlint-disable comment that suppresses nothing.",
    },
    Code {
        id: INVALID_SUPPRESSION,
        name: "invalid-suppression",
        rule_name: "InvalidSuppression",
        default_severity: Severity::Hint,
        summary: "A factlint comment with an unknown directive or an unknown code.",
    },
];

/// The code with this id (case-insensitive).
pub fn find(id: &str) -> Option<&'static Code> {
    ALL.iter().find(|c| c.id.eq_ignore_ascii_case(id))
}

/// Where the project's README is published; each code's section is an anchor in it.
pub const README_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "#readme");

const README: &str = include_str!("../README.md");

impl Code {
    /// The README anchor of the code's section (`fl001-contradicted-figure`).
    pub fn anchor(&self) -> String {
        format!("{}-{}", self.id.to_ascii_lowercase(), self.name)
    }

    /// The link to the code's documentation (SARIF `helpUri`, LSP `codeDescription`).
    pub fn help_uri(&self) -> String {
        format!("{}#{}", env!("CARGO_PKG_REPOSITORY"), self.anchor())
    }

    /// The code's README section (Markdown, without its heading), as `factlint explain`
    /// prints it. The README is the one source of this text.
    pub fn docs(&self) -> &'static str {
        let heading = format!("### {} {}", self.id, self.name);
        let Some(at) = README.find(&heading) else {
            return self.summary;
        };
        let body = &README[at + heading.len()..];
        let end = [body.find("\n### "), body.find("\n## ")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(body.len());
        body[..end].trim()
    }

    /// The documentation as plain text: no `**`, each paragraph on one line.
    pub fn docs_plain(&self) -> String {
        self.docs()
            .split("\n\n")
            .map(|p| {
                p.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace("**", "")
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The "What it means" paragraph as plain text.
    pub fn description(&self) -> String {
        let plain = self.docs_plain();
        let first = plain.split("\n\n").next().unwrap_or("");
        first
            .strip_prefix("What it means. ")
            .unwrap_or(first)
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_readme_section() {
        for code in ALL {
            let heading = format!("### {} {}", code.id, code.name);
            assert!(README.contains(&heading), "README lacks {heading:?}");
            assert!(code.docs().len() > code.summary.len(), "{}", code.id);
            assert!(!code.docs().contains("\n## "), "{}", code.id);
            assert!(!code.description().contains("**"), "{}", code.id);
            assert!(!code.description().contains('\n'), "{}", code.id);
        }
    }

    #[test]
    fn codes_are_unique_and_found_case_insensitively() {
        for (i, a) in ALL.iter().enumerate() {
            assert!(ALL[i + 1..]
                .iter()
                .all(|b| b.id != a.id && b.name != a.name));
            assert_eq!(find(&a.id.to_lowercase()), Some(a));
        }
        assert_eq!(find("FL999"), None);
        assert_eq!(
            find("FL001").unwrap().help_uri(),
            "https://github.com/factlint/factlint#fl001-contradicted-figure"
        );
    }

    #[test]
    fn severities_order_and_parse() {
        assert!(Severity::Error > Severity::Warning);
        assert!(Severity::Information > Severity::Hint);
        for s in [
            Severity::Hint,
            Severity::Information,
            Severity::Warning,
            Severity::Error,
        ] {
            assert_eq!(Severity::parse(s.name()), Some(s));
        }
        assert_eq!(Severity::parse("fatal"), None);
    }
}
