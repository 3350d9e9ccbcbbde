//! Latency of `factlint lsp` as an editor sees it: the release binary over stdio, from a
//! `didChange` written to the last byte of its `publishDiagnostics` read off the pipe
//! (debounce set to 0, so it is excluded; the client's own JSON parsing is not timed), for
//! a 5 KB and a 1 MB brief; plus open-to-diagnostics and the server's RSS.
//!
//!     cargo bench --bench lsp_latency            # FACTLINT_BENCH_EDITS=N to change N
//!     FACTLINT_BENCH_10MB=1 cargo bench --bench lsp_latency   # also a 10 MB brief
//!
//! Prints a Markdown table; the figures are recorded in benches/README.md.

#[path = "../tests/lsp/client.rs"]
mod client;

use client::{file_uri, start_server, workspace};
use serde_json::json;
use std::time::{Duration, Instant};

fn brief(size: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/briefs");
    let mut one = String::new();
    for name in ["debt-and-trade.md", "wrong-figures.md"] {
        one.push_str(&std::fs::read_to_string(dir.join(name)).unwrap());
        one.push('\n');
    }
    let mut text = String::new();
    while text.len() < size {
        text.push_str(&one);
    }
    text
}

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters nothing here.
    let edits: usize = std::env::var("FACTLINT_BENCH_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let dir = workspace("bench");
    let (mut child, mut c) = start_server(&["lsp"], &dir, &[]);
    let pid = child.id();
    let root = file_uri(&dir);
    c.call(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": {
            "textDocument": {"publishDiagnostics": {"relatedInformation": true}}},
            "initializationOptions": {"factlint": {"debounce": 0}}}),
    );
    c.notify("initialized", json!({}));
    println!("| brief | open → diagnostics | edit → diagnostics, median | p90 | max | edits | diagnostics | hover, median | RSS after |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut sizes = vec![("5 KB", 5_000), ("1 MB", 1_000_000)];
    if std::env::var_os("FACTLINT_BENCH_10MB").is_some_and(|v| v == "1") {
        sizes.push(("10 MB", 10_000_000));
    }
    for (name, size) in sizes {
        let text = brief(size);
        let uri = format!("{root}/brief-{size}.md");
        let t = Instant::now();
        c.open(&uri, 1, &text);
        let (first, read) = c.diagnostics_timed(&uri, 1);
        let open = read - t;
        // The edit: a year on the brief's middle line, toggled between a contradicted
        // and a supported value.
        let line = text[..text.len() / 2].matches('\n').count();
        let lines: Vec<&str> = text.lines().collect();
        let (l, col) = (line..lines.len())
            .find_map(|l| lines[l].find("in 2011").map(|c| (l, c + 3)))
            .expect("a line with 2011");
        let mut times = Vec::new();
        for k in 0..edits {
            let version = 2 + k as i64;
            let year = if k % 2 == 0 { "2012" } else { "2011" };
            let t = Instant::now();
            c.change(
                &uri,
                version,
                json!([{"range": {"start": {"line": l, "character": col}, "end": {"line": l, "character": col + 4}}, "text": year}]),
            );
            let (_, read) = c.diagnostics_timed(&uri, version);
            times.push(ms(read - t));
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let mut hovers = Vec::new();
        for _ in 0..10 {
            let t = Instant::now();
            let h = c.call(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": l, "character": col + 1}}),
            );
            hovers.push(ms(t.elapsed()));
            assert!(h["contents"]["value"].as_str().is_some(), "{h}");
        }
        hovers.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "| {name} ({} bytes) | {:.1} ms | {:.2} ms | {:.2} ms | {:.2} ms | {} | {} | {:.2} ms | {:.1} MB |",
            text.len(),
            ms(open),
            percentile(&times, 0.5),
            percentile(&times, 0.9),
            times.last().unwrap(),
            edits,
            first.len(),
            percentile(&hovers, 0.5),
            rss_kb(pid).unwrap_or(0) as f64 / 1024.0,
        );
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        if size == 5_000 {
            println!(
                "<!-- RSS with the seed corpus loaded and the 5 KB brief open: {:.1} MB -->",
                rss_kb(pid).unwrap_or(0) as f64 / 1024.0
            );
        }
    }
    c.shutdown();
    let _ = child.wait();
}
