//! The VS Code extension declares every setting the server reads, and nothing else but its
//! own client-only settings: `editors/vscode/package.json`'s
//! `contributes.configuration.properties` against `factlint::lsp::settings::keys()`.

use factlint::codes;
use factlint::config::Config;
use factlint::lsp::settings::{keys, Settings};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;

/// Settings only the extension reads (where the binary is, the client's message trace).
/// The extension never sends them to the server.
const CLIENT_ONLY: &[&str] = &["path", "trace.server"];

fn properties() -> serde_json::Map<String, Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/editors/vscode/package.json");
    let text = std::fs::read_to_string(path).unwrap();
    let package: Value = serde_json::from_str(&text).unwrap();
    package["contributes"]["configuration"]["properties"]
        .as_object()
        .expect("contributes.configuration.properties")
        .clone()
}

#[test]
fn package_json_declares_exactly_the_server_settings_and_the_client_ones() {
    let declared: BTreeSet<String> = properties()
        .keys()
        .map(|k| {
            k.strip_prefix("factlint.")
                .unwrap_or_else(|| panic!("{k} is not under factlint."))
                .to_string()
        })
        .collect();
    let server: BTreeSet<String> = keys().iter().map(|k| k.to_string()).collect();
    let client: BTreeSet<String> = CLIENT_ONLY.iter().map(|k| k.to_string()).collect();
    assert!(server.is_disjoint(&client), "{server:?} vs {client:?}");
    let expected: BTreeSet<String> = server.union(&client).cloned().collect();
    let undeclared: Vec<_> = expected.difference(&declared).collect();
    let unknown: Vec<_> = declared.difference(&expected).collect();
    assert!(
        undeclared.is_empty(),
        "read by the server (or the client) but not declared in package.json: {undeclared:?}"
    );
    assert!(
        unknown.is_empty(),
        "declared in package.json but read by neither the server nor marked client-only: {unknown:?}"
    );
}

#[test]
fn package_json_defaults_and_levels_are_what_the_server_accepts() {
    let properties = properties();
    for key in keys() {
        let property = &properties[&format!("factlint.{key}")];
        let default = property
            .get("default")
            .unwrap_or_else(|| panic!("factlint.{key} has no default"));
        let settings = Settings::from_value(&json!({ *key: default }))
            .unwrap_or_else(|e| panic!("factlint.{key} default {default}: {e}"));
        // The declared defaults change nothing: the server's own defaults are the same.
        let root = Path::new("/w");
        let ours = settings.apply(Config::defaults(root), root);
        let theirs = Settings::default().apply(Config::defaults(root), root);
        assert_eq!(
            (
                &ours.corpus,
                &ours.rules,
                &ours.severity,
                settings.debounce()
            ),
            (
                &theirs.corpus,
                &theirs.rules,
                &theirs.severity,
                Settings::default().debounce()
            ),
            "factlint.{key} default {default}"
        );
    }
    // One severity entry per code, each level the server accepts.
    let severity = properties["factlint.severity"]["properties"]
        .as_object()
        .unwrap();
    let declared: BTreeSet<&str> = severity.keys().map(String::as_str).collect();
    let all: BTreeSet<&str> = codes::ALL.iter().map(|c| c.id).collect();
    assert_eq!(declared, all);
    for (code, entry) in severity {
        for level in entry["enum"].as_array().unwrap() {
            Settings::from_value(&json!({"severity": { code: level }}))
                .unwrap_or_else(|e| panic!("{code} {level}: {e}"));
        }
    }
}

#[test]
fn the_extension_sends_only_the_server_settings() {
    // editors/vscode/src/server.ts keeps its own lists of server and client settings.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/editors/vscode/src/server.ts");
    let text = std::fs::read_to_string(path).unwrap();
    let list = |name: &str| -> Vec<String> {
        let start = text.find(&format!("export const {name} = [")).unwrap();
        let rest = &text[start..];
        let inner = &rest[rest.find('[').unwrap() + 1..rest.find(']').unwrap()];
        inner
            .split(',')
            .map(|s| s.trim().trim_matches('\'').to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    assert_eq!(list("SERVER_SETTINGS"), keys());
    assert_eq!(list("CLIENT_SETTINGS"), CLIENT_ONLY);
}
