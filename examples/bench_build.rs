//! Times the phases of a whole run on a corpus folder and a briefs folder:
//!
//!     cargo run --release --example bench_build -- CORPUS_DIR [BRIEFS_DIR]
//!
//! Prints the time to read the files, compile the rules, index the corpus, and check
//! every brief (in parallel), and the number of figures indexed and claims made. On
//! Linux, each phase also prints the peak resident memory so far (`VmHWM`).

use factlint::{check, Corpus, Rules, SourceText};
use rayon::prelude::*;
use std::sync::Arc;
use std::time::Instant;

fn read_dir(dir: &str, ext: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("folder")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == ext))
        .map(|e| {
            let p = e.path().display().to_string();
            let t = std::fs::read_to_string(e.path()).unwrap_or_default();
            (p, t)
        })
        .collect();
    out.sort();
    out
}

/// Peak resident memory so far, as `/proc/self/status` gives it (Linux only).
fn peak() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .map_or_else(String::new, |kb| format!(" (peak RSS so far {kb})"))
}

/// CPU time used so far (user + system), as `/proc/self/stat` gives it (Linux only).
fn cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // the fields after the command name (which is in parentheses and may hold spaces)
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The CPU time used since `since`, for a phase's line.
fn cpu_since(since: Option<f64>) -> String {
    match (since, cpu()) {
        (Some(a), Some(b)) => format!(", {:.2} s of CPU", b - a),
        _ => String::new(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let corpus_dir = args.get(1).expect("CORPUS_DIR");
    let t = Instant::now();
    let sources: Vec<SourceText> = read_dir(corpus_dir, "txt")
        .into_iter()
        .map(|(path, text)| SourceText { path, text })
        .collect();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    println!(
        "read {} documents ({:.1} MB) in {:?}{}",
        sources.len(),
        bytes as f64 / 1e6,
        t.elapsed(),
        peak()
    );
    let t = Instant::now();
    let rules = Arc::new(Rules::default());
    println!("compiled rules in {:?}", t.elapsed());
    let (t, c) = (Instant::now(), cpu());
    let corpus = Corpus::build(sources, rules).expect("corpus");
    println!(
        "indexed {} figures in {:?}{}{}",
        corpus.figures.len(),
        t.elapsed(),
        cpu_since(c),
        peak()
    );
    if let Some(briefs_dir) = args.get(2) {
        let briefs = read_dir(briefs_dir, "md");
        let bytes: usize = briefs.iter().map(|b| b.1.len()).sum();
        let (t, c) = (Instant::now(), cpu());
        let claims: usize = briefs
            .par_iter()
            .map(|(_, text)| check(&corpus, text).len())
            .sum();
        println!(
            "checked {} briefs ({:.1} MB, {} claims) in {:?}{}{}",
            briefs.len(),
            bytes as f64 / 1e6,
            claims,
            t.elapsed(),
            cpu_since(c),
            peak()
        );
    }
}
