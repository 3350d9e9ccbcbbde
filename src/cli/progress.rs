//! Progress on stderr while a large corpus is indexed or many briefs are checked: only on
//! a terminal, never with `--quiet`, never on stdout.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// Below these, work is quick and a bar would only flicker.
const MANY_BRIEFS: usize = 20;
const LARGE_CORPUS_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Progress {
    enabled: bool,
}

impl Progress {
    pub(crate) fn new(quiet: bool) -> Progress {
        Progress {
            enabled: !quiet
                && std::io::stderr().is_terminal()
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb"),
        }
    }

    /// A spinner while `bytes` of sources are indexed.
    pub(crate) fn indexing(&self, documents: usize, bytes: usize) -> Option<ProgressBar> {
        if !self.enabled || bytes < LARGE_CORPUS_BYTES {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(format!(
            "indexing {documents} documents ({:.1} MB)",
            bytes as f64 / (1024.0 * 1024.0)
        ));
        bar.enable_steady_tick(Duration::from_millis(100));
        Some(bar)
    }

    /// A bar while `n` briefs are checked.
    pub(crate) fn checking(&self, n: usize) -> Option<ProgressBar> {
        if !self.enabled || n < MANY_BRIEFS {
            return None;
        }
        let bar = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("checking {bar:30} {pos}/{len} briefs {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Some(bar)
    }
}
