//! A small blocking LSP client for the tests: frames JSON-RPC over any byte streams,
//! answers the server's requests (`workspace/configuration` with `settings`, everything
//! else with `null`), keeps notifications until a test asks for them, and never waits
//! without a timeout.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(60);

/// Starts the factlint binary with `args` in `dir` (stdio piped, stderr dropped), with
/// the extra environment `env`, and a client on its stdio.
pub fn start_server(
    args: &[&str],
    dir: &std::path::Path,
    env: &[(&str, &str)],
) -> (std::process::Child, Client) {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .current_dir(dir)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("factlint lsp starts");
    let stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    (child, Client::new(stdout, stdin))
}

pub struct Client {
    /// The origin of the messages' `_receivedNs`.
    pub epoch: Instant,
    writer: Box<dyn Write + Send>,
    rx: mpsc::Receiver<Value>,
    next_id: i64,
    queue: VecDeque<Value>,
    /// Every request the server sent, in order.
    pub server_requests: Vec<Value>,
    /// The answer to `workspace/configuration` (the `factlint` section).
    pub settings: Value,
}

/// Each message gets `_receivedNs`: when its last byte was read, in nanoseconds since
/// `epoch` (before it was parsed, so the client's own parsing is not timed).
fn read_frames(reader: impl Read, tx: mpsc::Sender<Value>, epoch: Instant) {
    let mut r = BufReader::new(reader);
    loop {
        let mut len = None;
        loop {
            let mut line = String::new();
            match r.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                len = v.trim().parse::<usize>().ok();
            }
        }
        let Some(len) = len else { return };
        let mut body = vec![0; len];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        let at = epoch.elapsed().as_nanos() as u64;
        let mut value: Value = serde_json::from_slice(&body).expect("the server sends JSON");
        if let Some(o) = value.as_object_mut() {
            o.insert("_receivedNs".into(), json!(at));
        }
        if tx.send(value).is_err() {
            return;
        }
    }
}

impl Client {
    pub fn new(reader: impl Read + Send + 'static, writer: impl Write + Send + 'static) -> Client {
        let (tx, rx) = mpsc::channel();
        let epoch = Instant::now();
        std::thread::spawn(move || read_frames(reader, tx, epoch));
        Client {
            epoch,
            writer: Box::new(writer),
            rx,
            next_id: 0,
            queue: VecDeque::new(),
            server_requests: Vec::new(),
            settings: Value::Null,
        }
    }

    pub fn send_raw(&mut self, body: &[u8]) {
        let head = format!("Content-Length: {}\r\n\r\n", body.len());
        self.writer.write_all(head.as_bytes()).unwrap();
        self.writer.write_all(body).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn send(&mut self, msg: &Value) {
        self.send_raw(msg.to_string().as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id (see [`Client::response`]).
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its whole response message.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// The `result` of a request; panics on an error response.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let r = self.request(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// Receives one message (answering server requests); `None` at the deadline.
    fn receive(&mut self, deadline: Instant) -> Option<Value> {
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let msg = self.rx.recv_timeout(left).ok()?;
            if msg.get("method").is_some() && msg.get("id").is_some() {
                let answer = match msg["method"].as_str() {
                    Some("workspace/configuration") => json!([self.settings.clone()]),
                    _ => Value::Null,
                };
                let reply = json!({"jsonrpc": "2.0", "id": msg["id"].clone(), "result": answer});
                self.send(&reply);
                self.server_requests.push(msg);
                continue;
            }
            return Some(msg);
        }
    }

    /// The response with this id (notifications meanwhile are kept).
    pub fn response(&mut self, id: i64) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        if let Some(i) = self
            .queue
            .iter()
            .position(|m| m["id"] == json!(id) && m.get("method").is_none())
        {
            return self.queue.remove(i).unwrap();
        }
        while let Some(msg) = self.receive(deadline) {
            if msg["id"] == json!(id) && msg.get("method").is_none() {
                return msg;
            }
            self.queue.push_back(msg);
        }
        panic!("no response to request {id} within {TIMEOUT:?}");
    }

    /// The first message (kept or new) that `pred` accepts, removed from the queue.
    pub fn wait_for(&mut self, timeout: Duration, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(i) = self.queue.iter().position(&pred) {
            return self.queue.remove(i);
        }
        let deadline = Instant::now() + timeout;
        while let Some(msg) = self.receive(deadline) {
            if pred(&msg) {
                return Some(msg);
            }
            self.queue.push_back(msg);
        }
        None
    }

    /// The first request of this method the server sent (already answered, or awaited).
    pub fn server_request(&mut self, method: &str) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(r) = self.server_requests.iter().find(|r| r["method"] == method) {
                return r.clone();
            }
            let now = Instant::now();
            assert!(now < deadline, "no {method} request within {TIMEOUT:?}");
            // A short wait: the request may arrive with no message after it.
            let step = deadline.min(now + Duration::from_millis(50));
            if let Some(msg) = self.receive(step) {
                self.queue.push_back(msg);
            }
        }
    }

    /// The next notification of this method (kept or new).
    pub fn notification(&mut self, method: &str) -> Value {
        self.wait_for(TIMEOUT, |m| m["method"] == method && m.get("id").is_none())
            .unwrap_or_else(|| panic!("no {method} within {TIMEOUT:?}"))
    }

    /// The diagnostics published for `uri` at `version`, skipping older publications.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        self.diagnostics_timed(uri, version).0
    }

    /// The diagnostics for `uri` at `version`, and when their message was read.
    pub fn diagnostics_timed(&mut self, uri: &str, version: i64) -> (Vec<Value>, Instant) {
        let msg = self
            .wait_for(TIMEOUT, |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == json!(version)
            })
            .unwrap_or_else(|| panic!("no diagnostics for {uri} v{version}: {:?}", self.queue));
        let at = self.epoch + Duration::from_nanos(msg["_receivedNs"].as_u64().unwrap_or(0));
        (msg["params"]["diagnostics"].as_array().unwrap().clone(), at)
    }

    /// Drops kept messages.
    pub fn drain(&mut self) {
        self.queue.clear();
    }

    pub fn kept(&self) -> &VecDeque<Value> {
        &self.queue
    }

    /// `initialize` + `initialized` with these client capabilities.
    pub fn initialize(&mut self, root: &str, capabilities: Value) -> Value {
        let r = self.call(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "workspaceFolders": [{"uri": root, "name": "ws"}],
                "capabilities": capabilities,
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    pub fn open(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn shutdown(&mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
    }
}

/// Client capabilities of a modern editor: UTF-16 only, related information, work done
/// progress, dynamic watchers, configuration, Markdown hovers, document changes.
pub fn editor_caps() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "window": {"workDoneProgress": true},
        "workspace": {
            "configuration": true,
            "didChangeWatchedFiles": {"dynamicRegistration": true, "relativePatternSupport": true},
            "workspaceEdit": {"documentChanges": true}
        },
        "textDocument": {
            "publishDiagnostics": {"relatedInformation": true, "versionSupport": true},
            "hover": {"contentFormat": ["markdown", "plaintext"]}
        }
    })
}

/// Converts a UTF-16 (line, character) into a byte offset of `text` (test oracle, naive).
pub fn offset_utf16(text: &str, line: u64, character: u64) -> usize {
    let mut l = 0;
    let mut at = 0;
    let bytes = text.as_bytes();
    while l < line {
        match text[at..].find(['\n', '\r']) {
            Some(i) => {
                at += i;
                if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                    at += 2;
                } else {
                    at += 1;
                }
                l += 1;
            }
            None => return text.len(),
        }
    }
    let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    let mut units = 0;
    for (i, c) in text[at..end].char_indices() {
        if units + c.len_utf16() as u64 > character {
            return at + i;
        }
        units += c.len_utf16() as u64;
    }
    end
}

/// A workspace under the test's temporary folder, with a factlint.toml pointing at the
/// repository's seed corpus.
pub fn workspace(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("lsp-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    std::fs::write(
        dir.join("factlint.toml"),
        format!("corpus = [{:?}]\n", seeds.to_string_lossy()),
    )
    .unwrap();
    dir
}

pub fn file_uri(path: &std::path::Path) -> String {
    format!("file://{}", path.to_string_lossy())
}

/// Applies LSP text edits (UTF-16 positions) to a text, from the last to the first.
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let a = offset_utf16(
                text,
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
            );
            let b = offset_utf16(
                text,
                r["end"]["line"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
            );
            (a, b, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, new) in spans {
        out.replace_range(a..b, &new);
    }
    out
}
