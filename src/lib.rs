//! factlint: checks the figures and dates in Markdown briefs against a corpus of sources.
//!
//! The engine is synchronous and does no I/O: build a [`Corpus`] from source texts once,
//! share it (`Arc<Corpus>` is `Send + Sync`), and [`check`] any number of briefs against it.
//!
//! ```
//! use factlint::{check, Corpus, Rules, SourceText, Verdict};
//! use std::sync::Arc;
//!
//! let sources = vec![SourceText {
//!     path: "harbor.txt".into(),
//!     text: "Harbor Report\n\nThe council approved a $40 million budget for the harbor in 2019.\n".into(),
//! }];
//! let corpus = Corpus::build(sources, Arc::new(Rules::default())).unwrap();
//! let claims = check(&corpus, "The council approved a $45 million budget for the harbor in 2019.");
//! assert_eq!(claims[0].text, "$45 million");
//! assert_eq!(claims[0].verdict, Verdict::Contradicted);
//! assert_eq!(claims[0].evidence[0].value, "$40 million");
//! assert_eq!(claims[1].verdict, Verdict::Supported);
//! ```
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod cli;
pub mod codes;
pub mod config;
pub mod context;
pub mod corpus;
pub mod figures;
pub mod index;
pub mod load;
pub mod lsp;
pub mod markdown;
pub mod report;
pub mod rules;
pub mod suppress;
pub mod text;
pub mod verdict;

pub use check::{check, check_explained, Claim, Evidence, Explanation};
pub use corpus::{Corpus, CorpusError, SourceText};
pub use rules::{RuleError, RuleSet};
pub use verdict::Verdict;

/// Rules compiled for use: the merged rule set and the recognizers built from it.
#[derive(Debug)]
pub struct Rules {
    pub set: RuleSet,
    pub numbers: figures::Numbers,
    /// Sentence abbreviations, lower-cased ("jan.", "u.s.").
    pub abbreviations: rustc_hash::FxHashSet<String>,
    /// The attribution headers as `plain_words`.
    attribution_headers: rustc_hash::FxHashSet<String>,
}

impl Rules {
    pub fn new(set: RuleSet) -> Rules {
        let numbers = figures::Numbers::new(&set);
        let abbreviations = set.abbreviations.iter().map(|a| a.to_lowercase()).collect();
        let attribution_headers = set
            .attribution_headers
            .iter()
            .map(|h| plain_words(h))
            .filter(|t| !t.is_empty())
            .collect();
        Rules {
            set,
            numbers,
            abbreviations,
            attribution_headers,
        }
    }

    /// Whether a table column header names where the row's figure comes from ("Source").
    pub fn is_attribution(&self, header: &str) -> bool {
        let words = plain_words(header);
        !words.is_empty() && self.attribution_headers.contains(&words)
    }

    /// Whether a table's column header (or caption) says its numbers are percentages
    /// ("Change (%)", "Share, per cent"): a bare number under it is one.
    pub fn names_percent(&self, header: &str) -> bool {
        let lower = header.to_lowercase();
        self.set
            .percent_words
            .iter()
            .any(|w| lower.contains(&w.to_lowercase()))
    }

    /// The defaults plus extra rule files `(name, toml text)`.
    pub fn with_files(files: &[(String, String)]) -> Result<Rules, RuleError> {
        let mut set = RuleSet::defaults();
        for (name, text) in files {
            set.add(name, text)?;
        }
        Ok(Rules::new(set))
    }
}

impl Default for Rules {
    fn default() -> Rules {
        Rules::new(RuleSet::defaults())
    }
}

/// A short text's words, lower-cased, joined by single spaces ("Reported  by:" is
/// "reported by").
fn plain_words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribution_headers_are_matched_on_their_words() {
        let r = Rules::default();
        assert!(r.is_attribution("Source"));
        assert!(r.is_attribution("Reported  by:"));
        assert!(r.is_attribution("SOURCES"));
        assert!(!r.is_attribution("Figure"));
        assert!(!r.is_attribution("Source of funds"));
        assert!(!r.is_attribution(""));
    }
}
