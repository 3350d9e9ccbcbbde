//! Checks a 5 KB brief (the example briefs, repeated) N times against the seed corpus and
//! prints the time per check: a plain loop for profilers (callgrind, dhat, perf), where
//! criterion's own work would blur the picture.
//!
//!     cargo run --release --example prof5k -- [N]
//!
//! Under callgrind, the instructions of one check are those of N=30 less those of N=10,
//! divided by 20 (with `RAYON_NUM_THREADS=1`, so that the corpus is indexed alike).

use factlint::{check, load, Corpus, Rules};
use std::path::Path;
use std::sync::Arc;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = load::load_corpus(&[root.join("seeds")]).expect("the seed corpus");
    let corpus = Corpus::build(seeds.documents, Arc::new(Rules::default())).unwrap();
    let briefs = ["debt-and-trade.md", "wrong-figures.md"]
        .map(|name| std::fs::read_to_string(root.join("examples/briefs").join(name)).unwrap());
    let one = briefs.join("\n") + "\n";
    let text = one.repeat(5000_usize.div_ceil(one.len()));
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().expect("a number of checks"))
        .unwrap_or(3000);
    let t = std::time::Instant::now();
    let mut claims = 0;
    for _ in 0..n {
        claims += check(&corpus, std::hint::black_box(&text)).len();
    }
    eprintln!(
        "{:?} per check, {} claims",
        t.elapsed() / n as u32,
        claims / n
    );
}
