//! Checks a 5 KB brief (the example briefs, repeated) N times against the seed corpus and
//! prints the time per check: a plain loop for profilers (callgrind, dhat, perf), where
//! criterion's own work would blur the picture.
//!
//!     cargo run --release --example prof5k -- [N]
//!
//! Under callgrind, the instructions of one check are those of N=30 less those of N=10,
//! divided by 20 (with `RAYON_NUM_THREADS=1`, so that the corpus is indexed alike).

use factlint::{check, Corpus, Rules, SourceText};
use std::path::Path;
use std::sync::Arc;
fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut sources: Vec<SourceText> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| SourceText {
            path: e.path().display().to_string(),
            text: std::fs::read_to_string(e.path()).unwrap(),
        })
        .collect();
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    let corpus = Corpus::build(sources, Arc::new(Rules::default())).unwrap();
    let bd = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/briefs");
    let mut one = String::new();
    for name in ["debt-and-trade.md", "wrong-figures.md"] {
        one.push_str(&std::fs::read_to_string(bd.join(name)).unwrap());
        one.push('\n');
    }
    let mut text = String::new();
    while text.len() < 5000 {
        text.push_str(&one);
    }
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(3000);
    let t = std::time::Instant::now();
    let mut k = 0;
    for _ in 0..n {
        k += check(&corpus, std::hint::black_box(&text)).len();
    }
    eprintln!("{:?} per check, {} claims", t.elapsed() / n as u32, k / n);
}
