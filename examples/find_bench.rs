//! Times `figures::find` alone over the sentences of a folder of documents (one thread).
//!
//!     cargo run --release --example find_bench -- DIR [N_DOCS]
use factlint::{figures, text::sentences::sentences, Rules};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let mut paths: Vec<_> = std::fs::read_dir(&args[1])
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let rules = Rules::default();
    let mut sents = Vec::new();
    for p in paths.iter().take(n) {
        let t = std::fs::read_to_string(p).unwrap_or_default();
        for r in sentences(&t, &rules.abbreviations) {
            sents.push(t[r].to_string());
        }
    }
    let bytes: usize = sents.iter().map(String::len).sum();
    let (mut best, mut found) = (std::time::Duration::MAX, 0);
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7);
    for _ in 0..rounds {
        let t = Instant::now();
        found = 0;
        for s in &sents {
            found += figures::find(s, &rules.numbers).len();
        }
        best = best.min(t.elapsed());
    }
    println!(
        "{} sentences ({:.1} MB), {found} figures: fastest of {rounds} rounds {best:?}",
        sents.len(),
        bytes as f64 / 1e6,
    );
}
