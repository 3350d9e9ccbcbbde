//! The `factlint check` command end to end: formats, exit codes and bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    bin()
        .current_dir(root())
        .args(args)
        .output()
        .expect("run factlint")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factlint-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const CORPUS: &str = "Harbor Report\n\nThe city council approved a $40 million budget for the harbor in 2019. \
The new pier was opened in March 2021 after 18 months of work. About 3,000 people attended the opening.\n";

fn corpus_dir(name: &str) -> PathBuf {
    let dir = scratch(name);
    write(&dir, "harbor.txt", CORPUS.as_bytes());
    dir
}

#[test]
fn human_output_names_both_values_and_exits_1() {
    let corpus = corpus_dir("human");
    let briefs = scratch("human-briefs");
    let brief = write(
        &briefs,
        "b.md",
        b"# Harbor\n\nThe council approved a $45 million budget for the harbor in 2019.\n",
    );
    let o = run(&[
        "check",
        "--corpus",
        corpus.to_str().unwrap(),
        brief.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("b.md:3:24: warning[FL001]"), "{out}");
    assert!(out.contains("brief says $45 million"), "{out}");
    assert!(out.contains("says $40 million"), "{out}");
    assert!(out.contains("harbor.txt:3"), "{out}");
    assert!(out.contains("^^^^^^^^^^^"), "{out}");
    assert!(out.contains("1 contradicted"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour when piped: {out}");
}

#[test]
fn json_output_follows_the_contract() {
    let corpus = corpus_dir("json");
    let briefs = scratch("json-briefs");
    write(
        &briefs,
        "b.md",
        "# Harbor\n\n📈 The new pier was opened in March 2022 after 18 months of work.\n"
            .as_bytes(),
    );
    let o = run(&[
        "check",
        "--format",
        "json",
        "--corpus",
        corpus.to_str().unwrap(),
        briefs.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let diags = v["diagnostics"].as_array().unwrap();
    let flag = diags
        .iter()
        .find(|d| d["severity"] == "warning")
        .expect("a warning");
    assert_eq!(flag["code"], "FL001");
    assert_eq!(flag["line"], 3);
    // columns count Unicode scalars: the emoji is one column
    assert_eq!(flag["column"], 30);
    assert_eq!(flag["end_column"], 40);
    assert_eq!(flag["claim"], "March 2022");
    assert_eq!(flag["sources"][0]["value"], "March 2021");
    assert_eq!(flag["sources"][0]["line"], 3);
    assert_eq!(flag["sources"][0]["title"], "Harbor Report");
    assert!(flag["sources"][0]["quote"]
        .as_str()
        .unwrap()
        .contains("March 2021"));
    assert!(v["checked"].as_array().unwrap()[0]
        .as_str()
        .unwrap()
        .ends_with("b.md"));
}

#[test]
fn a_supported_brief_exits_0() {
    let corpus = corpus_dir("clean");
    let briefs = scratch("clean-briefs");
    write(
        &briefs,
        "ok.md",
        b"The council approved a budget of about $40 million in 2019; some 3,000 people came.\n",
    );
    let o = run(&[
        "check",
        "--corpus",
        corpus.to_str().unwrap(),
        briefs.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("0 contradicted"));
}

#[test]
fn the_examples_run_against_the_seeds() {
    let o = run(&["check", "examples/briefs"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("wrong-figures.md"), "{out}");
    assert!(
        !out.contains("debt-and-trade.md:"),
        "the clean brief has no warning: {out}"
    );
}

#[test]
fn missing_paths_and_corpora_exit_2() {
    let o = run(&["check", "no/such/brief.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/brief.md"));
    let o = run(&["check", "--corpus", "no/such/corpus", "examples/briefs"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/corpus"));
    let empty = scratch("empty-corpus");
    write(&empty, "notes.bin", b"\x00\x01");
    let o = run(&[
        "check",
        "--corpus",
        empty.to_str().unwrap(),
        "examples/briefs",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no readable .txt or .md"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_broken_rule_file_names_file_and_line() {
    let corpus = corpus_dir("rules");
    write(
        &corpus,
        "aliases.toml",
        b"synonyms = [\n  [\"a\", \"b\"],\n  [\"c\"\n",
    );
    let o = run(&[
        "check",
        "--corpus",
        corpus.to_str().unwrap(),
        "examples/briefs",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("aliases.toml:"), "{err}");
    let bad = corpus.join("unknown.toml");
    std::fs::remove_file(corpus.join("aliases.toml")).unwrap();
    std::fs::write(&bad, "\nsynonym = []\n").unwrap();
    let o = run(&[
        "check",
        "--corpus",
        corpus.to_str().unwrap(),
        "examples/briefs",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown.toml:2"), "{}", stderr(&o));
}

#[test]
fn bad_briefs_are_reported_and_the_rest_checked() {
    let corpus = corpus_dir("bad");
    let briefs = scratch("bad-briefs");
    write(&briefs, "a-binary.md", b"PK\x03\x04\x00\x00binary");
    write(&briefs, "b-empty.md", b"");
    write(
        &briefs,
        "c-latin1.md",
        b"Caf\xe9 news: the council approved a $45 million budget for the harbor in 2019.\n",
    );
    write(
        &briefs,
        "d-good.md",
        b"The new pier was opened in March 2022 after 18 months of work.\n",
    );
    let o = run(&[
        "check",
        "--format",
        "json",
        "--corpus",
        corpus.to_str().unwrap(),
        briefs.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0]["path"].as_str().unwrap().ends_with("a-binary.md"));
    assert_eq!(errors[0]["skipped"], true);
    assert!(errors[1]["path"].as_str().unwrap().ends_with("c-latin1.md"));
    assert_eq!(errors[1]["skipped"], false);
    let flagged: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "warning")
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(
        flagged.iter().any(|p| p.ends_with("c-latin1.md")),
        "{flagged:?}"
    );
    assert!(
        flagged.iter().any(|p| p.ends_with("d-good.md")),
        "{flagged:?}"
    );
    assert!(stderr(&o).contains("a-binary.md"));
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["check", "--format", "yaml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}
