//! Soak test of `factlint lsp`: the real binary over stdio, thousands of random incremental
//! edits with random requests in between (hover, code action, definition, pull
//! diagnostics), cancellations, unknown methods, malformed JSON-RPC, oversized messages,
//! handler panics, bad edits and resyncs, saves, close and reopen. At the end the server is
//! alive, its text equals the client's, every request got an answer, and its memory (RSS)
//! has not grown without bound.
//!
//! Long, so ignored by default; `.ci/run` runs a short one:
//!
//! ```text
//! cargo test --release --test lsp_soak -- --ignored --nocapture            # 10000 steps
//! FACTLINT_SOAK_STEPS=3000 FACTLINT_SOAK_SECS=120 cargo test --release --test lsp_soak -- --ignored --nocapture
//! ```
//!
//! `FACTLINT_SOAK_SEED` changes the random sequence. The figures are printed at the end.
#![cfg(target_os = "linux")]

#[path = "lsp/client.rs"]
mod client;
#[path = "util/lines.rs"]
mod lines;
#[path = "util/rng.rs"]
mod rng;

use client::{editor_caps, file_uri, offset_utf16, workspace, Client, TIMEOUT};
use lines::lines;
use rng::Rng;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Resident memory of a process, in KiB.
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/PID/status")
}

const PIECES: &[&str] = &[
    "a",
    "the ",
    " ",
    "\t",
    "é",
    "e\u{301}",
    "😀",
    "👍🏽",
    "€",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "$10 million",
    "$45 million",
    "2011",
    "2012",
    "15 years",
    "12%",
    "nearly ",
    "Kenneth Bae was arrested in 2011",
    "sentenced to 15 years of hard labor",
    "# Heading\n",
    "| a | 10% |\n|---|---|\n| b | $5 |\n",
    "- item 3\n",
    "**",
    "`",
    "<!-- factlint-ignore -->",
    "—",
    "٣",
];

const START: &str = "# Detainees\n\n📈 Kenneth Bae was arrested in 2011 and sentenced to 15 years of hard labor.\n\nThe budget was $45 million in 2012.\r\n";

/// A random UTF-16 position in the text: usually inside a line, sometimes past its end.
fn position(r: &mut Rng, text: &str) -> (u64, u64) {
    let ls = lines(text);
    let line = r.below(ls.len());
    let (s, e) = ls[line];
    let len: usize = text[s..e].chars().map(char::len_utf16).sum();
    let character = if r.chance(5) {
        len + 1 + r.below(50)
    } else {
        r.below(len + 1)
    };
    (line as u64, character as u64)
}

fn pos(p: (u64, u64)) -> Value {
    json!({"line": p.0, "character": p.1})
}

fn random_text(r: &mut Rng, max: usize) -> String {
    (0..r.below(max + 1)).map(|_| *r.pick(PIECES)).collect()
}

/// What a request's answer must look like.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// A result (or, for a cancelled request, possibly error -32800).
    Result,
    Cancelled,
    Error(i64),
}

struct Soak {
    c: Client,
    r: Rng,
    uri: String,
    text: String,
    version: i64,
    pending: HashMap<i64, (&'static str, Expect)>,
    /// Malformed frames answered with a null id, still to be seen.
    null_errors: usize,
    /// Malformed or oversized frames sent (each must be answered with an error).
    malformed_sent: u64,
    /// Malformed frames with a string id, still to be answered.
    string_ids: Vec<String>,
    edits: u64,
    requests: u64,
    answered: u64,
    counts: HashMap<&'static str, u64>,
}

impl Soak {
    fn count(&mut self, what: &'static str) {
        *self.counts.entry(what).or_default() += 1;
    }

    fn request(&mut self, method: &'static str, params: Value, expect: Expect) -> i64 {
        let id = self.c.send_request(method, params);
        self.pending.insert(id, (method, expect));
        self.requests += 1;
        self.count(method);
        id
    }

    fn change(&mut self, changes: Value) {
        self.version += 1;
        let v = self.version;
        let uri = self.uri.clone();
        self.c.change(&uri, v, changes);
        self.edits += 1;
    }

    /// One random incremental didChange of 1 to 3 changes, applied to the model too.
    fn edit(&mut self) {
        let n = 1 + self.r.below(3);
        let mut changes = Vec::new();
        for _ in 0..n {
            let shrink = self.text.len() > 12_000;
            let a = position(&mut self.r, &self.text);
            let b = if shrink || self.r.chance(40) {
                let ls = lines(&self.text);
                let line =
                    (a.0 as usize + self.r.below(if shrink { 20 } else { 3 })).min(ls.len() - 1);
                let c = if line as u64 == a.0 {
                    a.1 + self.r.below(30) as u64
                } else {
                    self.r.below(40) as u64
                };
                (line as u64, c)
            } else {
                a
            };
            let new = if shrink {
                String::new()
            } else {
                random_text(&mut self.r, 4)
            };
            let start = offset_utf16(&self.text, a.0, a.1);
            let end = offset_utf16(&self.text, b.0, b.1);
            self.text.replace_range(start..end, &new);
            changes.push(json!({"range": {"start": pos(a), "end": pos(b)}, "text": new}));
        }
        self.change(json!(changes));
    }

    /// The server's copy of the document (test hook).
    fn server_doc(&mut self) -> Value {
        let uri = self.uri.clone();
        self.requests += 1;
        self.answered += 1;
        self.c.call("factlint/debugDocument", json!({"uri": uri}))
    }

    fn assert_in_sync(&mut self, when: &str) {
        let doc = self.server_doc();
        assert_eq!(doc["version"], json!(self.version), "{when}: version");
        assert_eq!(doc["outOfSync"], json!(false), "{when}");
        let text = doc["text"].as_str().expect("the document is open");
        assert!(
            text == self.text,
            "{when}: the server's text differs from the client's"
        );
    }

    fn step(&mut self) {
        let uri = self.uri.clone();
        let roll = self.r.below(1000);
        match roll {
            0..=599 => self.edit(),
            600..=659 => {
                let p = position(&mut self.r, &self.text);
                self.request(
                    "textDocument/hover",
                    json!({"textDocument": {"uri": uri}, "position": pos(p)}),
                    Expect::Result,
                );
            }
            660..=699 => {
                let p = position(&mut self.r, &self.text);
                self.request(
                    "textDocument/definition",
                    json!({"textDocument": {"uri": uri}, "position": pos(p)}),
                    Expect::Result,
                );
            }
            700..=759 => {
                let a = position(&mut self.r, &self.text);
                let b = if self.r.chance(50) {
                    a
                } else {
                    position(&mut self.r, &self.text)
                };
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                self.request(
                    "textDocument/codeAction",
                    json!({"textDocument": {"uri": uri}, "range": {"start": pos(a), "end": pos(b)},
                           "context": {"diagnostics": [], "only": ["quickfix"]}}),
                    Expect::Result,
                );
            }
            760..=809 => {
                self.request(
                    "textDocument/diagnostic",
                    json!({"textDocument": {"uri": uri}}),
                    Expect::Result,
                );
            }
            810..=849 => {
                // Sent and cancelled at once: answered either way.
                let p = position(&mut self.r, &self.text);
                let (method, params) = if self.r.chance(50) {
                    (
                        "textDocument/diagnostic",
                        json!({"textDocument": {"uri": uri}}),
                    )
                } else {
                    (
                        "textDocument/hover",
                        json!({"textDocument": {"uri": uri}, "position": pos(p)}),
                    )
                };
                let id = self.request(method, params, Expect::Cancelled);
                self.c.notify("$/cancelRequest", json!({"id": id}));
                self.count("cancel");
            }
            850..=874 => {
                self.request(
                    "factlint/noSuchMethod",
                    json!({"x": 1}),
                    Expect::Error(-32601),
                );
                self.c
                    .notify("factlint/noSuchNotification", json!({"x": 1}));
                self.count("unknown notification");
            }
            875..=914 => self.malformed(),
            915..=924 => self.oversized(),
            925..=934 => {
                self.request(
                    "factlint/debugPanic",
                    json!({"why": "soak"}),
                    Expect::Error(-32603),
                );
            }
            935..=954 => {
                // An edit past the last line: refused, the text kept; then the whole text
                // again, as a client resyncs.
                let past = lines(&self.text).len() as u64 + 3 + self.r.below(100) as u64;
                self.change(json!([{"range": {"start": {"line": past, "character": 0}, "end": {"line": past, "character": 1}}, "text": "x"}]));
                self.count("bad edit");
                if self.r.chance(10) {
                    // A stale version too.
                    let v = self.version - 1;
                    self.c.change(&uri, v, json!([{"text": "stale"}]));
                    self.count("stale version");
                }
                let text = self.text.clone();
                self.change(json!([{"text": text}]));
                self.count("resync");
            }
            955..=969 => {
                self.c.notify(
                    "textDocument/didSave",
                    json!({"textDocument": {"uri": uri}}),
                );
                self.count("save");
            }
            970..=979 => {
                self.c.notify(
                    "textDocument/didClose",
                    json!({"textDocument": {"uri": uri}}),
                );
                self.version += 1;
                let (v, text) = (self.version, self.text.clone());
                self.c.open(&uri, v, &text);
                self.count("close and reopen");
            }
            _ => {
                // A whole-text change.
                if self.r.chance(50) {
                    self.text = format!("{START}{}", random_text(&mut self.r, 40));
                }
                let text = self.text.clone();
                self.change(json!([{"text": text}]));
                self.count("full change");
            }
        }
    }

    fn malformed(&mut self) {
        self.count("malformed");
        match self.r.below(5) {
            0 => {
                self.c
                    .send_raw(b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ");
                self.null_errors += 1;
                self.malformed_sent += 1;
            }
            1 => {
                self.c.send_raw(b"[1, 2, 3]");
                self.null_errors += 1;
                self.malformed_sent += 1;
            }
            2 => {
                let id = format!("bad-{}", self.r.next());
                self.c
                    .send(&json!({"jsonrpc": "1.0", "id": id, "method": "textDocument/hover"}));
                self.string_ids.push(id);
                self.malformed_sent += 1;
            }
            3 => {
                // Not valid UTF-8.
                self.c
                    .send_raw(b"{\"jsonrpc\": \"2.0\", \"method\": \"\xff\xfe\"}");
                self.null_errors += 1;
                self.malformed_sent += 1;
            }
            _ => {
                // Invalid params: an error, not a crash.
                self.request(
                    "textDocument/hover",
                    json!({"textDocument": 5}),
                    Expect::Error(-32602),
                );
            }
        }
    }

    fn oversized(&mut self) {
        self.count("oversized");
        let uri = self.uri.clone();
        if self.r.chance(50) {
            // 2 MB of text inserted and removed again.
            let big: String = "The budget was $45 million in 2012. ".repeat(2_000_000 / 36);
            let at = position(&mut self.r, &self.text);
            self.change(json!([{"range": {"start": pos(at), "end": pos(at)}, "text": big}]));
            // The insertion has no line break: it ends on the same line.
            let start = (at.0, at.1.min(self.line_len(at.0)));
            let end = (at.0, start.1 + big.encode_utf16().count() as u64);
            self.change(json!([{"range": {"start": pos(start), "end": pos(end)}, "text": ""}]));
            self.count("big edit");
        } else {
            // A request with a 4 MB field nobody reads.
            let junk = "x".repeat(4 << 20);
            let p = position(&mut self.r, &self.text);
            self.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": pos(p), "junk": junk}),
                Expect::Result,
            );
        }
    }

    /// A message longer than the server reads (256 MiB): refused with an error, its body
    /// skipped, and the messages after it read as usual.
    fn beyond_limit(&mut self) {
        self.count("beyond the size limit");
        let body = vec![b' '; (256 << 20) + 1];
        self.c.send_raw(&body);
        self.null_errors += 1;
        self.malformed_sent += 1;
    }

    fn line_len(&self, line: u64) -> u64 {
        let (s, e) = lines(&self.text)[line as usize];
        self.text[s..e].encode_utf16().count() as u64
    }

    /// Waits for every answer still due, then forgets the notifications.
    fn settle(&mut self) {
        let mut ids: Vec<i64> = self.pending.keys().copied().collect();
        ids.sort();
        for id in ids {
            let (method, expect) = self.pending.remove(&id).unwrap();
            let r = self.c.response(id);
            let code = r["error"]["code"].as_i64();
            match expect {
                Expect::Result => assert!(r.get("result").is_some(), "{method} #{id}: {r}"),
                Expect::Cancelled => assert!(
                    r.get("result").is_some() || code == Some(-32800),
                    "cancelled {method} #{id}: {r}"
                ),
                Expect::Error(want) => assert_eq!(code, Some(want), "{method} #{id}: {r}"),
            }
            self.answered += 1;
        }
        for id in std::mem::take(&mut self.string_ids) {
            let r = self
                .c
                .wait_for(TIMEOUT, |m| {
                    m["id"] == json!(id) && m.get("method").is_none()
                })
                .unwrap_or_else(|| panic!("no answer to the malformed message {id}"));
            assert_eq!(r["error"]["code"], -32600, "{r}");
            self.answered += 1;
        }
        while self.null_errors > 0 {
            let r = self
                .c
                .wait_for(TIMEOUT, |m| {
                    m.get("id").is_some_and(Value::is_null) && m.get("error").is_some()
                })
                .expect("an error answer to a malformed message");
            let code = r["error"]["code"].as_i64().unwrap();
            assert!(code == -32700 || code == -32600, "{r}");
            self.null_errors -= 1;
            self.answered += 1;
        }
        self.c.drain();
    }
}

#[test]
#[ignore = "long: run with --ignored (see the file's doc)"]
fn thousands_of_edits_and_requests_leave_the_server_in_sync() {
    let steps = env_or("FACTLINT_SOAK_STEPS", 10_000);
    let max_secs = env_or("FACTLINT_SOAK_SECS", 1_800);
    let seed = env_or("FACTLINT_SOAK_SEED", 0x50A4_D00D_1234_5678);
    let dir = workspace("soak");
    let mut child: Child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .arg("lsp")
        .current_dir(&dir)
        .env("FACTLINT_LSP_TEST_HOOKS", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("factlint lsp starts");
    let pid = child.id();
    let c = Client::new(child.stdout.take().unwrap(), child.stdin.take().unwrap());
    let root = file_uri(&dir);
    let mut soak = Soak {
        c,
        r: Rng(seed | 1),
        uri: format!("{root}/brief.md"),
        text: START.to_string(),
        version: 1,
        pending: HashMap::new(),
        null_errors: 0,
        malformed_sent: 0,
        string_ids: Vec::new(),
        edits: 0,
        requests: 0,
        answered: 0,
        counts: HashMap::new(),
    };
    let mut caps = editor_caps();
    caps["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    soak.c.initialize(&root, caps);
    let (uri, text) = (soak.uri.clone(), soak.text.clone());
    soak.c.open(&uri, 1, &text);
    // Warm up: the corpus indexed, the document checked once.
    soak.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
        Expect::Result,
    );
    soak.settle();
    let started = Instant::now();
    let rss_start = rss_kib(pid);
    let mut rss_max = rss_start;
    let mut rss_samples = vec![(0u64, rss_start)];
    let mut done = 0;
    for i in 1..=steps {
        soak.step();
        if i == steps.min(250) {
            soak.beyond_limit();
        }
        done = i;
        if i % 50 == 0 {
            soak.settle();
        }
        if i % 500 == 0 {
            soak.assert_in_sync(&format!("step {i}"));
            let rss = rss_kib(pid);
            rss_max = rss_max.max(rss);
            rss_samples.push((i, rss));
        }
        if started.elapsed() > Duration::from_secs(max_secs) {
            break;
        }
    }
    soak.settle();
    soak.assert_in_sync("the end");
    let rss_end = rss_kib(pid);
    rss_max = rss_max.max(rss_end);
    rss_samples.push((done, rss_end));
    assert!(child.try_wait().unwrap().is_none(), "the server is alive");
    assert!(soak.pending.is_empty());
    let elapsed = started.elapsed();
    soak.c.shutdown();
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut counts: Vec<_> = soak.counts.iter().collect();
    counts.sort();
    println!(
        "soak: {done} steps in {:.1}s (seed {seed:#x}): {} edits (didChange), {} requests, {} malformed frames, {} answered, \
         RSS start {} KiB, end {} KiB, max {} KiB; samples (step, KiB) {rss_samples:?}; by kind {counts:?}",
        elapsed.as_secs_f64(),
        soak.edits,
        soak.requests,
        soak.malformed_sent,
        soak.answered,
        rss_start,
        rss_end,
        rss_max,
    );
    assert_eq!(
        status.code(),
        Some(0),
        "exit status after shutdown and exit"
    );
    assert_eq!(
        soak.requests + soak.malformed_sent,
        soak.answered,
        "every request and every malformed frame got an answer"
    );
    // Memory: the working set may settle higher than just after warm-up (caches, the
    // allocator's pools, the 2-4 MB messages), but must not keep growing with the edits.
    assert!(
        rss_end < rss_start * 2 + 64 * 1024,
        "RSS grew from {rss_start} KiB to {rss_end} KiB"
    );
}
