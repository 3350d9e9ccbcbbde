//! The editor integrations' files (editors/): Helix's languages.toml is parsed and its
//! server command, arguments, settings and language checked, then run as Helix would run
//! it. Neovim and Emacs are tested with the real editors by editors/test/run.sh; here
//! only their command and root markers are checked against the server's name and flags.

#[path = "lsp/client.rs"]
mod client;

use client::{editor_caps, file_uri, start_server, workspace};
use factlint::lsp::settings::Settings;
use serde_json::{json, Value};
use std::path::Path;

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn helix() -> toml::Table {
    read("editors/helix/languages.toml")
        .parse::<toml::Table>()
        .expect("editors/helix/languages.toml is valid TOML")
}

fn helix_server(t: &toml::Table) -> &toml::Table {
    t["language-server"]["factlint"]
        .as_table()
        .expect("[language-server.factlint]")
}

#[test]
fn helix_languages_toml_runs_factlint_lsp_on_markdown() {
    let t = helix();
    let server = helix_server(&t);
    assert_eq!(server["command"].as_str(), Some("factlint"));
    let args: Vec<&str> = server["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(args, ["lsp"]);

    let languages = t["language"].as_array().expect("[[language]] entries");
    let markdown = languages
        .iter()
        .find(|l| l["name"].as_str() == Some("markdown"))
        .expect("a [[language]] named markdown");
    let servers: Vec<&str> = markdown["language-servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().expect("server names are strings"))
        .collect();
    assert!(servers.contains(&"factlint"), "{servers:?}");
    // Helix's own Markdown server is kept next to factlint.
    assert!(servers.contains(&"marksman"), "{servers:?}");
    let roots: Vec<&str> = markdown["roots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(roots.contains(&"factlint.toml"), "{roots:?}");
    // Every server a language names is defined in the file or built into Helix.
    for s in servers {
        assert!(
            s == "marksman" || t["language-server"].get(s).is_some(),
            "{s} is not defined"
        );
    }
}

#[test]
fn helix_settings_are_the_servers_settings() {
    let t = helix();
    let config = helix_server(&t)["config"].clone();
    let value: Value = serde_json::to_value(&config).unwrap();
    assert!(
        value.get("factlint").is_some(),
        "config has a factlint section"
    );
    let settings = Settings::from_value(&value).expect("the server accepts Helix's config");
    assert_eq!(settings.debounce, Some(150));
}

/// Runs the binary with Helix's arguments and Helix's config as initializationOptions
/// and as the answer to `workspace/configuration`, and checks a planted wrong figure.
#[test]
fn helix_config_starts_a_working_server() {
    let t = helix();
    let server = helix_server(&t);
    let args: Vec<String> = server["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let config: Value = serde_json::to_value(server["config"].clone()).unwrap();

    let dir = workspace("editors-helix");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (mut child, mut c) = start_server(&args, &dir, &[]);
    c.settings = config["factlint"].clone();
    let root = file_uri(&dir);
    let init = c.call(
        "initialize",
        json!({
            "processId": null,
            "rootUri": root,
            "workspaceFolders": [{"uri": root, "name": "ws"}],
            "capabilities": editor_caps(),
            "initializationOptions": config,
        }),
    );
    c.notify("initialized", json!({}));
    assert_eq!(init["serverInfo"]["name"], "factlint");
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    let uri = format!("{root}/brief.md");
    c.open(
        &uri,
        1,
        "# Detainees\n\nKenneth Bae was arrested in 2011 and sentenced to 15 years of hard labor.\n",
    );
    let diags = c.diagnostics(&uri, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "FL001")
        .unwrap_or_else(|| panic!("an FL001 diagnostic in {diags:?}"));
    assert_eq!(
        d["range"],
        json!({"start": {"line": 2, "character": 28}, "end": {"line": 2, "character": 32}})
    );
    assert!(
        !c.kept().iter().any(|m| m["method"] == "window/showMessage"),
        "the settings were accepted: {:?}",
        c.kept()
    );
    c.shutdown();
    let _ = child.wait();
}

/// Neovim 0.11 with `vim.lsp.config('factlint', { settings = ... })` and no
/// initializationOptions sends `didOpen` right after `initialized`, before it answers the
/// server's `workspace/configuration`. The settings must still apply to that brief.
#[test]
fn settings_answered_after_the_brief_is_opened_still_apply() {
    let dir = workspace("editors-settings-after-open");
    let (mut child, mut c) = start_server(&["lsp"], &dir, &[]);
    c.settings = json!({"severity": {"FL002": "information"}});
    let root = file_uri(&dir);
    c.initialize(&root, editor_caps());
    let uri = format!("{root}/brief.md");
    c.open(
        &uri,
        1,
        "# Debt\n\nThe rest, $1.09 billion, is to be repaid over 25 years.\n\n\
         Kenneth Bae was arrested in 2011 and sentenced to 15 years of hard labor.\n",
    );
    let fl002_information = |m: &Value| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"].as_array().is_some_and(|a| {
                a.iter().any(|d| d["code"] == "FL001")
                    && a.iter()
                        .filter(|d| d["code"] == "FL002")
                        .all(|d| d["severity"] == 3)
                    && a.iter().any(|d| d["code"] == "FL002")
            })
    };
    let published = c.wait_for(std::time::Duration::from_secs(20), fl002_information);
    assert!(
        published.is_some(),
        "no publication with FL002 as information: {:?}",
        c.kept()
    );
    c.shutdown();
    let _ = child.wait();
}

#[test]
fn neovim_plugin_runs_factlint_lsp_with_the_root_markers() {
    for path in [
        "editors/nvim/lua/factlint/init.lua",
        "editors/nvim/lsp/factlint.lua",
    ] {
        let lua = read(path);
        assert!(lua.contains("cmd = { 'factlint', 'lsp' }"), "{path}");
        assert!(lua.contains("filetypes = { 'markdown' }"), "{path}");
        assert!(
            lua.contains("root_markers = { 'factlint.toml', '.git' }"),
            "{path}"
        );
    }
}

#[test]
fn emacs_package_runs_factlint_lsp() {
    let el = read("editors/emacs/factlint.el");
    assert!(el.contains(r#"'("factlint" "lsp")"#));
    assert!(el.contains("(provide 'factlint)"));
    assert!(el.contains(";;; factlint.el ends here"));
}
