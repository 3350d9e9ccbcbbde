//! End-to-end tests of `factlint lsp`: the real binary over stdio, driven by a small LSP
//! client. Every wait has a timeout; nothing sleeps.

#[path = "lsp/client.rs"]
mod client;

use client::{
    apply_edits, editor_caps, file_uri, offset_utf16, start_server, workspace, Client, TIMEOUT,
};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Child;
use std::time::Duration;

const BRIEF: &str =
    "# Detainees\n\n📈 Kenneth Bae was arrested in 2011 and sentenced to 15 years of hard labor.\n";

fn spawn(dir: &Path, hooks: bool) -> (Child, Client) {
    spawn_with(dir, hooks, &["lsp"])
}

fn spawn_with(dir: &Path, hooks: bool, args: &[&str]) -> (Child, Client) {
    let hooks = if hooks { "1" } else { "0" };
    start_server(args, dir, &[("FACTLINT_LSP_TEST_HOOKS", hooks)])
}

fn wait_exit(mut child: Child) -> i32 {
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the server did not exit"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn code(d: &Value) -> &str {
    d["code"].as_str().unwrap_or("")
}

#[test]
fn diagnostics_hover_definition_and_a_fix_over_stdio() {
    let dir = workspace("e2e-main");
    let (child, mut c) = spawn(&dir, false);
    let root = file_uri(&dir);
    let init = c.initialize(&root, editor_caps());
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    let uri = format!("{root}/brief.md");
    c.open(&uri, 1, BRIEF);
    let diags = c.diagnostics(&uri, 1);
    let d = diags
        .iter()
        .find(|d| code(d) == "FL001")
        .expect("2011 is contradicted");
    // "📈 Kenneth Bae was arrested in " is 31 UTF-16 units (the emoji is two).
    assert_eq!(
        d["range"],
        json!({"start": {"line": 2, "character": 31}, "end": {"line": 2, "character": 35}})
    );
    assert_eq!(d["severity"], 2);
    assert_eq!(d["source"], "factlint");
    assert!(d["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .ends_with("#fl001-contradicted-figure"));
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("2011") && message.contains("2012"),
        "{message}"
    );
    let related = &d["relatedInformation"][0];
    let source_uri = related["location"]["uri"].as_str().unwrap();
    assert!(
        source_uri.starts_with("file:///") && source_uri.contains("/seeds/"),
        "{source_uri}"
    );
    // The related range is exactly the source sentence.
    let path = source_uri.trim_start_matches("file://");
    let source = std::fs::read_to_string(path).unwrap();
    let r = &related["location"]["range"];
    let a = offset_utf16(
        &source,
        r["start"]["line"].as_u64().unwrap(),
        r["start"]["character"].as_u64().unwrap(),
    );
    let b = offset_utf16(
        &source,
        r["end"]["line"].as_u64().unwrap(),
        r["end"]["character"].as_u64().unwrap(),
    );
    assert_eq!(
        &source[a..b],
        "Bae was arrested in 2012 and sentenced to 15 years of hard labor."
    );
    assert!(d["data"]["sourceValues"][0] == "2012", "{}", d["data"]);

    // Hover: verdict, both values, the quote with the figure in bold, the title, a link.
    let hover = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 33}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(value.contains("contradicted"), "{value}");
    assert!(value.contains("Bae was arrested in **2012**"), "{value}");
    assert!(
        value.contains("Vladimir Putin Seeks Better Relationship"),
        "{value}"
    );
    assert!(value.contains("000\\_53df021868668736.txt:7]("), "{value}");
    assert!(
        value.contains("/seeds/000_53df021868668736.txt#L7)"),
        "{value}"
    );
    assert_eq!(hover["range"], d["range"]);

    // Definition: the source sentence.
    let def = c.call(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 31}}),
    );
    assert_eq!(def["uri"].as_str().unwrap(), source_uri);
    assert_eq!(def["range"], related["location"]["range"]);

    // Fixing the figure by hand clears it.
    c.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 2, "character": 31}, "end": {"line": 2, "character": 35}}, "text": "2012"}]),
    );
    let after = c.diagnostics(&uri, 2);
    assert!(after.iter().all(|d| code(d) != "FL001"), "{after:?}");

    c.shutdown();
    assert_eq!(wait_exit(child), 0);
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = workspace("e2e-utf8");
    let (child, mut c) = spawn(&dir, false);
    let root = file_uri(&dir);
    let mut caps = editor_caps();
    caps["general"]["positionEncodings"] = json!(["utf-8", "utf-16"]);
    let init = c.initialize(&root, caps);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let uri = format!("{root}/brief.md");
    c.open(&uri, 1, BRIEF);
    let diags = c.diagnostics(&uri, 1);
    let d = diags.iter().find(|d| code(d) == "FL001").unwrap();
    // The emoji is four bytes.
    assert_eq!(
        d["range"],
        json!({"start": {"line": 2, "character": 33}, "end": {"line": 2, "character": 37}})
    );
    c.shutdown();
    assert_eq!(wait_exit(child), 0);
}

fn actions(c: &mut Client, uri: &str, line: u64, ch: u64, diags: &[Value]) -> Vec<Value> {
    let r = c.call(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": line, "character": ch}, "end": {"line": line, "character": ch}},
            "context": {"diagnostics": diags},
        }),
    );
    r.as_array().cloned().unwrap_or_default()
}

fn edits_of(action: &Value) -> Vec<Value> {
    action["edit"]["documentChanges"][0]["edits"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn each_code_action_applied_clears_the_diagnostic() {
    let dir = workspace("e2e-actions");
    let (child, mut c) = spawn(&dir, false);
    let root = file_uri(&dir);
    c.initialize(&root, editor_caps());
    let text = "# Debt\n\nSee the note.[^1]\n\nIn 2014 Moscow wrote off more than $11 billion of North Korea's Soviet-era debt.\n\n[^1]: A note.\n";
    let line = 4u64;
    let ch = text.lines().nth(4).unwrap().find("$11").unwrap() as u64;
    let mut version = 0;
    let titles = [
        "Replace with the source's value",
        "Add a citation",
        "Ignore on this line",
    ];
    for (i, title) in titles.iter().enumerate() {
        let uri = format!("{root}/brief{i}.md");
        version += 1;
        c.open(&uri, version, text);
        let diags = c.diagnostics(&uri, version);
        let d = diags
            .iter()
            .find(|d| code(d) == "FL001")
            .unwrap_or_else(|| panic!("$11 billion is contradicted: {diags:?}"))
            .clone();
        assert_eq!(d["data"]["figure"], "more than $11 billion");
        let value = d["data"]["sourceValues"][0].as_str().unwrap().to_string();
        let all = actions(&mut c, &uri, line, ch, &diags);
        let action = all
            .iter()
            .find(|a| a["title"].as_str().unwrap().starts_with(title))
            .unwrap_or_else(|| panic!("no {title:?} in {all:#?}"));
        assert_eq!(action["kind"], "quickfix");
        assert_eq!(action["diagnostics"][0]["range"], d["range"]);
        let new_text = apply_edits(text, &edits_of(action));
        let expected = match i {
            0 => format!("In 2014 Moscow wrote off {value} of North Korea's Soviet-era debt.\n"),
            1 => format!("In 2014 Moscow wrote off {value}[^2] of North Korea's Soviet-era debt.\n"),
            _ => "\n\n<!-- factlint-disable-next-line FL001 -->\nIn 2014 Moscow wrote off more than $11 billion of".to_string(),
        };
        assert!(new_text.contains(&expected), "{title}: {new_text}");
        if i == 0 {
            assert_eq!(
                action["title"],
                format!("Replace with the source's value ({value})")
            );
        }
        if i == 1 {
            // The first cited source, as the related information names it.
            let related = d["relatedInformation"][0]["message"].as_str().unwrap();
            let title = related.split('"').nth(1).unwrap();
            let place = related
                .split(" (")
                .nth(1)
                .unwrap()
                .split(')')
                .next()
                .unwrap();
            let note = format!("[^1]: A note.\n\n[^2]: {title} — `{place}`\n");
            assert!(new_text.ends_with(&note), "{new_text}");
        }
        version += 1;
        c.change(&uri, version, json!([{"text": new_text}]));
        let after = c.diagnostics(&uri, version);
        assert!(
            after.iter().all(|d| code(d) != "FL001"),
            "{title}: {after:?}"
        );
        assert!(
            after
                .iter()
                .all(|d| code(d) != "FL003" && code(d) != "FL004"),
            "{title}: {after:?}"
        );
    }
    c.shutdown();
    assert_eq!(wait_exit(child), 0);
}

#[test]
fn pull_diagnostics_replace_pushes() {
    let dir = workspace("e2e-pull");
    let (child, mut c) = spawn(&dir, false);
    let root = file_uri(&dir);
    let mut caps = editor_caps();
    caps["textDocument"]["diagnostic"] =
        json!({"dynamicRegistration": false, "relatedDocumentSupport": false});
    let init = c.initialize(&root, caps);
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "factlint"
    );
    let uri = format!("{root}/brief.md");
    c.open(&uri, 1, BRIEF);
    let report = c.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(report["kind"], "full");
    let items = report["items"].as_array().unwrap();
    assert!(items.iter().any(|d| code(d) == "FL001"), "{report}");
    let again = c.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}, "previousResultId": report["resultId"]}),
    );
    assert_eq!(again["kind"], "unchanged");
    // Never pushed as well.
    let pushed = c.wait_for(Duration::from_millis(300), |m| {
        m["method"] == "textDocument/publishDiagnostics"
    });
    assert!(pushed.is_none(), "{pushed:?}");
    c.shutdown();
    assert_eq!(wait_exit(child), 0);
}

#[test]
fn malformed_messages_and_panics_get_errors_and_the_server_stays_up() {
    let dir = workspace("e2e-robust");
    let (child, mut c) = spawn(&dir, true);
    let root = file_uri(&dir);
    c.initialize(&root, editor_caps());
    let uri = format!("{root}/brief.md");
    c.open(&uri, 1, BRIEF);
    c.diagnostics(&uri, 1);

    // Not JSON at all: a parse error with a null id.
    c.send_raw(b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ");
    let e = c
        .wait_for(TIMEOUT, |m| m.get("error").is_some() && m["id"].is_null())
        .expect("an error response");
    assert_eq!(e["error"]["code"], -32700);

    // Malformed params: invalid params.
    let r = c.request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(r["error"]["code"], -32602, "{r}");

    // A handler that panics: an internal error, and the server goes on.
    let r = c.request("factlint/debugPanic", json!({"why": "test"}));
    assert_eq!(r["error"]["code"], -32603, "{r}");
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("debugPanic"),
        "{r}"
    );

    // An edit past the end of the document: refused, said once, the text kept.
    let bad = json!([{"range": {"start": {"line": 40, "character": 0}, "end": {"line": 40, "character": 1}}, "text": "x"}]);
    c.change(&uri, 2, bad.clone());
    let shown = c.notification("window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("could not be applied"),
        "{shown}"
    );
    c.change(&uri, 3, bad);
    let hover = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 33}}),
    );
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("2012"));
    let again = c.wait_for(Duration::from_millis(200), |m| {
        m["method"] == "window/showMessage"
    });
    assert!(again.is_none(), "said once: {again:?}");

    c.shutdown();
    assert_eq!(wait_exit(child), 0);
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let dir = workspace("e2e-exit");
    // `--stdio`, as LSP client libraries pass it, is accepted.
    let (child, mut c) = spawn_with(&dir, false, &["lsp", "--stdio"]);
    c.initialize(&file_uri(&dir), json!({}));
    c.notify("exit", Value::Null);
    assert_eq!(wait_exit(child), 1);
}

#[test]
fn config_and_corpus_changes_take_effect() {
    let dir = workspace("e2e-reload");
    // A corpus of its own, which the test then edits.
    let corpus = dir.join("sources");
    std::fs::create_dir_all(&corpus).unwrap();
    let source =
        "Harbor Report\n\nThe council approved a $40 million budget for the harbor in 2019.\n";
    std::fs::write(corpus.join("harbor.txt"), source).unwrap();
    std::fs::write(dir.join("factlint.toml"), "corpus = [\"sources\"]\n").unwrap();
    let (child, mut c) = spawn(&dir, false);
    let root = file_uri(&dir);
    c.initialize(&root, editor_caps());
    let uri = format!("{root}/brief.md");
    let brief = "# Harbor\n\nThe council approved a $45 million budget for the harbor in 2019.\n\nThe harbor has 12 cranes.\n";
    c.open(&uri, 1, brief);
    let d = c.diagnostics(&uri, 1);
    let fl001 = d.iter().find(|d| code(d) == "FL001").expect("contradicted");
    assert_eq!(fl001["severity"], 2);
    assert!(
        d.iter().any(|d| code(d) == "FL002"),
        "12 cranes is unverified: {d:?}"
    );

    // The config raises FL001 to error.
    std::fs::write(
        dir.join("factlint.toml"),
        "corpus = [\"sources\"]\n[severity]\nFL001 = \"error\"\n",
    )
    .unwrap();
    c.drain();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.join("factlint.toml")), "type": 2}]}),
    );
    let d = c.diagnostics(&uri, 1);
    assert_eq!(
        d.iter().find(|d| code(d) == "FL001").unwrap()["severity"],
        1,
        "{d:?}"
    );

    // The corpus now agrees with the brief.
    std::fs::write(corpus.join("harbor.txt"), source.replace("$40", "$45")).unwrap();
    c.drain();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&corpus.join("harbor.txt")), "type": 2}]}),
    );
    let d = c.diagnostics(&uri, 1);
    assert!(d.iter().all(|d| code(d) != "FL001"), "{d:?}");

    // A broken config: shown once with its file and line; the server stays up.
    std::fs::write(
        dir.join("factlint.toml"),
        "corpus = [\"sources\"]\nfail_on = 3\n",
    )
    .unwrap();
    c.drain();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.join("factlint.toml")), "type": 2}]}),
    );
    let shown = c.notification("window/showMessage");
    let m = shown["params"]["message"].as_str().unwrap();
    assert!(m.contains("factlint.toml:2"), "{m}");
    assert_eq!(shown["params"]["type"], 1);

    // Settings override the config: FL002 off.
    std::fs::write(dir.join("factlint.toml"), "corpus = [\"sources\"]\n").unwrap();
    std::fs::write(corpus.join("harbor.txt"), source).unwrap();
    c.settings = json!({"unverified": false});
    c.drain();
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    // The fixed config and the corpus back at $40: FL001 again, FL002 hidden.
    let m = c
        .wait_for(TIMEOUT, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|d| code(d) == "FL001"))
        })
        .expect("diagnostics once the config is fixed");
    let d = m["params"]["diagnostics"].as_array().unwrap();
    assert!(d.iter().all(|d| code(d) != "FL002"), "{d:?}");

    c.shutdown();
    assert_eq!(wait_exit(child), 0);
}
