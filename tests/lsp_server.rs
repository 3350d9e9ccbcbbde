//! In-process tests of the language server: `factlint::lsp::serve` on one end of a socket
//! pair, the test client on the other. Every wait has a timeout.
#![cfg(unix)]

#[path = "lsp/client.rs"]
mod client;

use client::{editor_caps, file_uri, workspace, Client};
use serde_json::{json, Value};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

fn start() -> Client {
    let (ours, theirs) = UnixStream::pair().unwrap();
    theirs.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let stream = tokio::net::UnixStream::from_std(theirs).unwrap();
            let (r, w) = stream.into_split();
            let options = factlint::lsp::Options {
                test_hooks: true,
                ..Default::default()
            };
            factlint::lsp::serve(r, w, options).await;
        });
    });
    let reader = ours.try_clone().unwrap();
    Client::new(reader, ours)
}

fn code(d: &Value) -> &str {
    d["code"].as_str().unwrap_or("")
}

#[test]
fn indexing_reports_progress_and_early_requests_wait_for_it() {
    let dir = workspace("progress");
    let mut c = start();
    let root = file_uri(&dir);
    c.initialize(&root, editor_caps());
    let uri = format!("{root}/brief.md");
    c.open(&uri, 1, "Kenneth Bae was arrested in 2011.\n");
    // A hover sent at once waits for the corpus rather than failing.
    let hover = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 29}}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("2012"),
        "{hover}"
    );
    let begin = c
        .wait_for(client::TIMEOUT, |m| {
            m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin"
        })
        .expect("progress begins");
    assert_eq!(begin["params"]["value"]["title"], "Indexing sources");
    let end = c
        .wait_for(client::TIMEOUT, |m| {
            m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
        })
        .expect("progress ends");
    assert_eq!(end["params"]["value"]["message"], "5 documents indexed");
    c.server_request("window/workDoneProgress/create");
    // Watchers were registered for the config and the corpus (the registration may come
    // after the indexing ends).
    let reg = c.server_request("client/registerCapability");
    let watchers = reg["params"]["registrations"][0]["registerOptions"]["watchers"]
        .as_array()
        .unwrap();
    assert!(
        watchers
            .iter()
            .any(|w| w["globPattern"] == "**/factlint.toml"),
        "{reg}"
    );
    assert!(watchers.len() >= 2, "{reg}");
    c.shutdown();
}

#[test]
fn a_missing_corpus_is_said_once_and_fixed_by_a_config() {
    let dir = workspace("missing");
    std::fs::remove_file(dir.join("factlint.toml")).unwrap();
    let mut c = start();
    let root = file_uri(&dir);
    c.initialize(&root, editor_caps());
    let shown = c.notification("window/showMessage");
    let m = shown["params"]["message"].as_str().unwrap();
    assert!(m.contains("seeds") && m.contains("no such file"), "{m}");
    let uri = format!("{root}/brief.md");
    c.open(&uri, 1, "Kenneth Bae was arrested in 2011.\n");
    assert!(c.diagnostics(&uri, 1).is_empty());
    // The config appears: the server re-loads.
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    std::fs::write(
        dir.join("factlint.toml"),
        format!("corpus = [{:?}]\n", seeds.to_string_lossy()),
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.join("factlint.toml")), "type": 1}]}),
    );
    let d = c
        .wait_for(client::TIMEOUT, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty())
        })
        .expect("diagnostics once the corpus loads");
    assert_eq!(d["params"]["diagnostics"][0]["code"], "FL001");
    let again = c.wait_for(Duration::from_millis(100), |m| {
        m["method"] == "window/showMessage"
    });
    assert!(again.is_none(), "{again:?}");
    c.shutdown();
}

#[test]
fn rapid_edits_publish_only_fresh_results_in_order() {
    let dir = workspace("rapid");
    let mut c = start();
    let root = file_uri(&dir);
    let mut caps = editor_caps();
    caps["workspace"]["configuration"] = json!(false);
    c.call(
        "initialize",
        json!({"processId": null, "rootUri": root, "capabilities": caps,
               "initializationOptions": {"factlint": {"debounce": 20}}}),
    );
    c.notify("initialized", json!({}));
    let uri = format!("{root}/brief.md");
    let base =
        "Kenneth Bae was arrested in 2011 and sentenced to 15 years of hard labor.\n\n".repeat(40);
    c.open(&uri, 1, &base);
    c.diagnostics(&uri, 1);
    let last = 30;
    for v in 2..=last {
        let year = if v % 2 == 0 { "2012" } else { "2011" };
        c.change(
            &uri,
            v,
            json!([{"range": {"start": {"line": 0, "character": 28}, "end": {"line": 0, "character": 32}}, "text": year}]),
        );
    }
    let final_diags = c.diagnostics(&uri, last);
    // The last version says 2012 on line 0: no FL001 there.
    assert!(final_diags
        .iter()
        .all(|d| !(code(d) == "FL001" && d["range"]["start"]["line"] == 0)));
    let versions: Vec<i64> = c
        .kept()
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert!(versions.len() < 10, "debounced: {versions:?}");
    c.shutdown();
}

#[test]
fn plain_text_hover_when_the_client_prefers_it_and_panics_are_survived() {
    let dir = workspace("plain");
    let mut c = start();
    let root = file_uri(&dir);
    let mut caps = editor_caps();
    caps["textDocument"]["hover"] = json!({"contentFormat": ["plaintext"]});
    c.initialize(&root, caps);
    let uri = format!("{root}/brief.md");
    c.open(&uri, 1, "Kenneth Bae was arrested in 2012.\n");
    let hover = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 29}}),
    );
    assert_eq!(hover["contents"]["kind"], "plaintext");
    let v = hover["contents"]["value"].as_str().unwrap();
    assert!(v.contains("supported") && !v.contains("**"), "{v}");
    let r = c.request("factlint/debugPanic", json!({}));
    assert_eq!(r["error"]["code"], -32603);
    let after = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 29}}),
    );
    assert_eq!(after, hover);
    // A supported figure offers a citation; applying it changes no finding.
    let actions = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 0, "character": 29}, "end": {"line": 0, "character": 29}},
               "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.iter().any(|t| t.starts_with("Add a citation")),
        "{titles:?}"
    );
    c.shutdown();
}

#[test]
fn documents_outside_markdown_are_left_alone() {
    let dir = workspace("other");
    let mut c = start();
    let root = file_uri(&dir);
    c.initialize(&root, editor_caps());
    let uri = format!("{root}/notes.txt");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": "Bae was arrested in 2011."}}),
    );
    let hover = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 21}}),
    );
    assert!(hover.is_null());
    let pushed = c.wait_for(Duration::from_millis(200), |m| {
        m["method"] == "textDocument/publishDiagnostics"
    });
    assert!(pushed.is_none(), "{pushed:?}");
    c.shutdown();
}

#[test]
fn a_brief_over_max_brief_bytes_is_not_checked_and_the_user_is_told() {
    let dir = workspace("too-big");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    std::fs::write(
        dir.join("factlint.toml"),
        format!(
            "corpus = [{:?}]\nmax_brief_bytes = 100\n",
            seeds.to_string_lossy()
        ),
    )
    .unwrap();
    let mut c = start();
    let root = file_uri(&dir);
    c.initialize(&root, editor_caps());
    let uri = format!("{root}/brief.md");
    c.open(&uri, 1, &"Kenneth Bae was arrested in 2011.\n\n".repeat(10));
    assert!(c.diagnostics(&uri, 1).is_empty());
    let shown = c.notification("window/showMessage");
    let m = shown["params"]["message"].as_str().unwrap();
    assert!(m.contains("max_brief_bytes"), "{m}");
    assert_eq!(shown["params"]["type"], 2);
    c.shutdown();
}

#[test]
fn edits_to_unknown_documents_are_said_once() {
    let dir = workspace("unknown");
    let mut c = start();
    let root = file_uri(&dir);
    c.initialize(&root, editor_caps());
    let uri = format!("{root}/never-opened.md");
    let edit = json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]);
    c.change(&uri, 2, edit.clone());
    c.change(&uri, 3, edit);
    let shown = c.notification("window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("not open"),
        "{shown}"
    );
    let again = c.wait_for(Duration::from_millis(200), |m| {
        m["method"] == "window/showMessage"
    });
    assert!(again.is_none(), "{again:?}");
    c.shutdown();
}

#[test]
fn ignore_on_this_line_keeps_the_markdown_and_clears_the_finding() {
    let dir = workspace("ignore");
    let mut c = start();
    let root = file_uri(&dir);
    c.initialize(&root, editor_caps());
    let uri = format!("{root}/brief.md");
    let text = "# Moscow and Pyongyang: debt\n\n| Indicator | Value |\n|---|---|\n| Debt written off in 2014 | $11 billion of Soviet-era debt |\n\nIn 2014 Moscow wrote off\n$11 billion of North Korea's Soviet-era debt.\n";
    c.open(&uri, 1, text);
    let diags = c.diagnostics(&uri, 1);
    let mut version = 1;
    for (line, expected) in [
        // The second line of a paragraph: the comment goes at the end of the line before.
        (7u64, "In 2014 Moscow wrote off <!-- factlint-disable-next-line FL001 -->\n$11 billion"),
        // A table cell: a line of its own would break the table, so a pair around the figure.
        (4, "| Debt written off in 2014 | <!-- factlint-disable FL002 -->$11 billion<!-- factlint-enable FL002 --> of"),
    ] {
        let d = diags
            .iter()
            .find(|d| d["range"]["start"]["line"] == line)
            .unwrap_or_else(|| panic!("a finding on line {line}: {diags:?}"));
        let actions = c.call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
        );
        let ignore = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"].as_str().unwrap().starts_with("Ignore on this line"))
            .unwrap_or_else(|| panic!("no ignore action: {actions}"));
        let edits = ignore["edit"]["documentChanges"][0]["edits"].as_array().unwrap();
        let new_text = client::apply_edits(text, edits);
        assert!(new_text.contains(expected), "{new_text}");
        version += 1;
        c.change(&uri, version, json!([{"text": new_text}]));
        let after = c.diagnostics(&uri, version);
        assert!(
            after.iter().all(|a| a["message"] != d["message"]),
            "the ignored finding is gone: {after:?}"
        );
        assert_eq!(after.len(), diags.len() - 1, "{after:?}");
        // Back to the original text for the next case.
        version += 1;
        c.change(&uri, version, json!([{"text": text}]));
        c.diagnostics(&uri, version);
    }
    c.shutdown();
}
