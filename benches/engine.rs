//! Engine benchmarks: compiling the rules, indexing the seed corpus, checking one brief.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use factlint::{check, Corpus, Rules, SourceText};
use std::path::Path;
use std::sync::Arc;

fn seeds() -> Vec<SourceText> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut out: Vec<SourceText> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| SourceText {
            path: e.path().display().to_string(),
            text: std::fs::read_to_string(e.path()).unwrap(),
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// About 5 KB of brief: the example briefs repeated.
fn brief_5kb() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/briefs");
    let mut one = String::new();
    for name in ["debt-and-trade.md", "wrong-figures.md"] {
        one.push_str(&std::fs::read_to_string(dir.join(name)).unwrap());
        one.push('\n');
    }
    let mut text = String::new();
    while text.len() < 5000 {
        text.push_str(&one);
    }
    text
}

fn bench(c: &mut Criterion) {
    c.bench_function("rules: compile defaults", |b| {
        b.iter(|| black_box(Rules::default()))
    });
    let rules = Arc::new(Rules::default());
    let sources = seeds();
    c.bench_function("corpus: index the seeds", |b| {
        b.iter(|| Corpus::build(black_box(sources.clone()), rules.clone()).unwrap())
    });
    let corpus = Corpus::build(sources, rules).unwrap();
    let brief = brief_5kb();
    c.bench_function("check: 5 KB brief against the seeds", |b| {
        b.iter(|| check(&corpus, black_box(&brief)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
