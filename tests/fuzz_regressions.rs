//! Every input a fuzz target ever failed on, run through that target's very checks
//! (`fuzz/src/targets.rs`, compiled in here), plus the targets' seed corpora.
//!
//! A crash found by `fuzz/run.sh` is kept by copying its input from
//! `fuzz/artifacts/TARGET/` to `tests/fuzz_regressions/TARGET/` under a name that says
//! what it broke.

#[path = "../fuzz/src/targets.rs"]
mod targets;

use std::path::Path;

fn run_dir(dir: &Path, target: fn(&[u8])) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let name = f.display().to_string();
        let r = std::panic::catch_unwind(|| target(&data));
        assert!(r.is_ok(), "{name} fails again");
    }
    files.len()
}

fn run(name: &str, target: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let n = run_dir(&root.join("tests/fuzz_regressions").join(name), target)
        + run_dir(&root.join("fuzz/seeds").join(name), target);
    assert!(n > 0, "no inputs for {name}");
}

#[test]
fn markdown() {
    run("markdown", targets::markdown);
}

#[test]
fn figures() {
    run("figures", targets::figures);
}

#[test]
fn positions() {
    run("positions", targets::positions);
}

#[test]
fn documents() {
    run("documents", targets::documents);
}

#[test]
fn corpus() {
    run("corpus", targets::corpus);
}
