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
    // streamed, yet exactly serde_json's pretty print of the whole object
    assert_eq!(
        stdout(&o),
        format!("{}\n", serde_json::to_string_pretty(&v).unwrap())
    );
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
    // the empty brief is checked, and has nothing to say
    let checked: Vec<&str> = v["checked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(checked.len(), 4, "{checked:?}");
    assert!(checked[1].ends_with("b-empty.md"));
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| !d["path"].as_str().unwrap().ends_with("b-empty.md")));
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["check", "--format", "yaml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("run factlint")
}

const CONTRADICTED: &[u8] = b"The council approved a $45 million budget for the harbor in 2019.\n";

#[test]
fn fail_on_sets_the_exit_code() {
    let corpus = corpus_dir("fail-on");
    let briefs = scratch("fail-on-briefs");
    let brief = write(&briefs, "b.md", CONTRADICTED);
    let (c, b) = (corpus.to_str().unwrap(), brief.to_str().unwrap());
    let code = |extra: &[&str]| {
        let mut args = vec!["check", "--corpus", c, b];
        args.extend_from_slice(extra);
        run(&args).status.code()
    };
    assert_eq!(code(&[]), Some(1));
    assert_eq!(code(&["--fail-on", "warning"]), Some(1));
    assert_eq!(code(&["--fail-on", "error"]), Some(0));
    assert_eq!(code(&["--fail-on", "never"]), Some(0));
    // a config that raises FL001 to error and fails on errors only
    let config = write(
        &briefs,
        "strict.toml",
        b"fail_on = \"error\"\n[severity]\nFL001 = \"error\"\n",
    );
    let cfg = config.to_str().unwrap();
    assert_eq!(code(&["--config", cfg]), Some(1));
    let o = run(&[
        "check", "--corpus", c, "--config", cfg, "--format", "json", b,
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["severity"], "error");
    // the command line wins over the file
    assert_eq!(code(&["--config", cfg, "--fail-on", "never"]), Some(0));
    let lenient = write(&briefs, "lenient.toml", b"fail_on = \"never\"\n");
    let lenient = lenient.to_str().unwrap();
    assert_eq!(code(&["--config", lenient]), Some(0));
    assert_eq!(
        code(&["--config", lenient, "--fail-on", "warning"]),
        Some(1)
    );
    let off = write(&briefs, "off.toml", b"[severity]\nFL001 = \"off\"\n");
    let o = run(&["check", "--corpus", c, "--config", off.to_str().unwrap(), b]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!stdout(&o).contains("FL001"), "{}", stdout(&o));
}

/// A project: `proj/factlint.toml` naming `sources/`, briefs under `proj/docs/`.
fn project(name: &str, config: &str) -> PathBuf {
    let dir = scratch(name);
    let proj = dir.join("proj");
    std::fs::create_dir_all(proj.join("sources")).unwrap();
    std::fs::create_dir_all(proj.join("docs/drafts")).unwrap();
    write(&proj, "factlint.toml", config.as_bytes());
    write(&proj.join("sources"), "harbor.txt", CORPUS.as_bytes());
    write(&proj.join("docs"), "b.md", CONTRADICTED);
    write(
        &proj.join("docs/drafts"),
        "d.md",
        b"The new pier was opened in March 2022 after 18 months of work.\n",
    );
    dir
}

#[test]
fn config_is_found_upward_from_each_path() {
    let dir = project(
        "discover",
        "corpus = [\"sources\"]\nexclude = [\"docs/drafts/**\"]\n",
    );
    // run from above the project: the config is found by walking up from proj/docs
    let o = run_in(&dir, &["check", "--format", "json", "proj/docs"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["checked"],
        serde_json::json!(["proj/docs/b.md"]),
        "exclude applies to walks"
    );
    assert_eq!(
        v["diagnostics"][0]["sources"][0]["path"], "proj/sources/harbor.txt",
        "corpus paths are relative to the config file, shown relative to the working folder"
    );
    // a file named on the command line is checked even if excluded
    let o = run_in(
        &dir,
        &["check", "--format", "json", "proj/docs/drafts/d.md"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["claim"], "March 2022");
    // run from inside a subfolder: the same file is found
    let o = run_in(&dir.join("proj/docs"), &["check", "b.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("../sources/harbor.txt:3"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn the_nearest_config_wins_and_the_command_line_overrides_it() {
    let dir = project("nearest", "corpus = [\"sources\"]\n");
    let proj = dir.join("proj");
    // a nearer config with a corpus that agrees with the brief
    std::fs::create_dir_all(proj.join("docs/other")).unwrap();
    write(
        &proj.join("docs/other"),
        "harbor.txt",
        b"Harbor\n\nThe city council approved a $45 million budget for the harbor in 2019.\n",
    );
    write(
        &proj.join("docs"),
        "factlint.toml",
        b"corpus = [\"other\"]\n",
    );
    let o = run_in(&dir, &["check", "proj/docs/b.md"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // --corpus replaces the config's corpus
    let o = run_in(
        &dir,
        &["check", "--corpus", "proj/sources", "proj/docs/b.md"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // --config replaces discovery
    let o = run_in(
        &dir,
        &["check", "--config", "proj/factlint.toml", "proj/docs/b.md"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // two paths with two configs: each brief with its own corpus
    write(&proj, "top.md", CONTRADICTED);
    let o = run_in(
        &dir,
        &["check", "--format", "json", "proj/docs/b.md", "proj/top.md"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let flagged: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "warning")
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, vec!["proj/top.md"], "{v}");
    // a folder walk: each brief with the config nearest to it
    let o = run_in(&dir, &["check", "--format", "json", "proj"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["checked"],
        serde_json::json!(["proj/docs/b.md", "proj/docs/drafts/d.md", "proj/top.md"])
    );
    let flagged: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "warning")
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, vec!["proj/top.md"], "{v}");
}

#[test]
fn show_unverified_from_the_config() {
    let dir = project(
        "unverified",
        "corpus = [\"sources\"]\nshow_unverified = true\n",
    );
    write(
        &dir.join("proj/docs"),
        "u.md",
        b"The harbor has 12 cranes.\n",
    );
    let o = run_in(&dir, &["check", "proj/docs/u.md"]);
    assert!(stdout(&o).contains("hint[FL002]"), "{}", stdout(&o));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_broken_config_names_file_and_line_and_exits_2() {
    let cases: &[(&str, &str)] = &[
        (
            "corpus = [\"sources\"]\ncorpsu = 1\n",
            "factlint.toml:2: unknown field `corpsu`",
        ),
        (
            "corpus = \"sources\"\n",
            "factlint.toml:1: invalid type: string",
        ),
        ("corpus = [\"sources\"\n", "factlint.toml:2:"),
        (
            "\ncorpus = [\"sources\", \"nowhere\"]\n",
            "factlint.toml:2: corpus path",
        ),
        (
            "rules = [\"no-rules.toml\"]\n",
            "factlint.toml:1: rules path",
        ),
        (
            "[severity]\nFL001 = \"fatal\"\n",
            "factlint.toml:2: unknown severity \"fatal\"",
        ),
        (
            "[severity]\nFL404 = \"error\"\n",
            "factlint.toml:2: unknown code \"FL404\"",
        ),
        ("exclude = [\"[\"]\n", "factlint.toml:1: bad glob"),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let dir = project(&format!("broken-{i}"), text);
        let o = run_in(&dir, &["check", "proj/docs"]);
        assert_eq!(o.status.code(), Some(2), "{text}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("proj/{expected}")),
            "{text}: {}",
            stderr(&o)
        );
        assert!(stdout(&o).is_empty());
    }
    let o = run(&["check", "--config", "no/such.toml", "examples/briefs"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such.toml"), "{}", stderr(&o));
}

#[test]
fn a_broken_rule_file_from_the_config_names_file_and_line() {
    let dir = project(
        "broken-rules",
        "corpus = [\"sources\"]\nrules = [\"extra.toml\"]\n",
    );
    write(&dir.join("proj"), "extra.toml", b"\nsynonym = []\n");
    let o = run_in(&dir, &["check", "proj/docs"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("proj/extra.toml:2"), "{}", stderr(&o));
}

#[test]
fn suppressions_silence_findings_and_stale_ones_are_hints() {
    let corpus = corpus_dir("suppress");
    let briefs = scratch("suppress-briefs");
    let c = corpus.to_str().unwrap();
    let check = |name: &str, text: &str| {
        let b = write(&briefs, name, text.as_bytes());
        let o = run(&[
            "check",
            "--format",
            "json",
            "--corpus",
            c,
            b.to_str().unwrap(),
        ]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let codes: Vec<String> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{}:{}", d["code"].as_str().unwrap(), d["line"]))
            .collect();
        (o.status.code(), codes)
    };
    let line = "The council approved a $45 million budget for the harbor in 2019.";
    assert_eq!(check("plain.md", line), (Some(1), vec!["FL001:1".into()]));
    assert_eq!(
        check(
            "next.md",
            &format!("<!-- factlint-disable-next-line FL001 -->\n{line}\n")
        ),
        (Some(0), vec![])
    );
    assert_eq!(
        check(
            "block.md",
            &format!(
                "<!-- factlint-disable -->\n{line}\n\n{line}\n<!-- factlint-enable -->\n\n{line}\n"
            )
        ),
        (Some(1), vec!["FL001:7".into()])
    );
    assert_eq!(
        check(
            "file.md",
            &format!("{line}\n\n<!-- factlint-disable-file -->\n")
        ),
        (Some(0), vec![])
    );
    assert_eq!(
        check(
            "other-code.md",
            &format!("<!-- factlint-disable-next-line FL002 -->\n{line}\n")
        ),
        (Some(1), vec!["FL003:1".into(), "FL001:2".into()])
    );
    assert_eq!(
        check(
            "in-code.md",
            &format!("```\n<!-- factlint-disable-file -->\n```\n\n{line}\n")
        ),
        (Some(1), vec!["FL001:5".into()])
    );
    let b = write(
        &briefs,
        "summary.md",
        format!("<!-- factlint-disable-file -->\n{line}\n").as_bytes(),
    );
    let o = run(&["check", "--corpus", c, b.to_str().unwrap()]);
    assert!(
        stdout(&o).contains("1 contradicted, 0 unverified, 1 suppressed"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn folders_honour_gitignore_and_keep_a_stable_order() {
    let corpus = corpus_dir("walk");
    let briefs = scratch("walk-briefs");
    for sub in ["b", "a/z", "a", "c", "skip", ".hidden", "node_modules"] {
        std::fs::create_dir_all(briefs.join(sub)).unwrap();
        for name in ["y.md", "x.md", "notes.txt"] {
            write(&briefs.join(sub), name, CONTRADICTED);
        }
    }
    write(&briefs, ".gitignore", b"skip/\ny.md\n");
    let o = run(&[
        "check",
        "--format",
        "json",
        "--corpus",
        corpus.to_str().unwrap(),
        briefs.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let base = briefs.to_str().unwrap().replace('\\', "/");
    let checked: Vec<String> = v["checked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().trim_start_matches(&base).to_string())
        .collect();
    assert_eq!(checked, vec!["/a/x.md", "/a/z/x.md", "/b/x.md", "/c/x.md"]);
    let diagnostics: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(diagnostics.len(), 4);
    assert!(diagnostics.windows(2).all(|w| w[0] < w[1]));
    // a file named on the command line is checked even when ignored
    let o = run(&[
        "check",
        "--corpus",
        corpus.to_str().unwrap(),
        briefs.join("skip/y.md").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn github_annotations_escape_what_github_requires() {
    let corpus = corpus_dir("gh");
    let briefs = scratch("gh-briefs");
    let brief = write(&briefs, "notes, v2: 100%.md", CONTRADICTED);
    let o = run(&[
        "check",
        "--format",
        "github",
        "--corpus",
        corpus.to_str().unwrap(),
        brief.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("::warning file="), "{out}");
    assert!(out.contains("notes%2C v2%3A 100%25.md,line=1,endLine=1,col=24,endColumn=35,title=FL001 contradicted-figure::brief says $45 million;"), "{out}");
    assert!(out.contains("%0Asource "), "{out}");
    assert!(!out.trim_end().contains('\n'));
}

#[test]
fn colour_only_on_a_terminal_and_without_no_color() {
    if !Path::new("/usr/bin/script").exists() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let corpus = corpus_dir("tty");
    let briefs = scratch("tty-briefs");
    let brief = write(&briefs, "b.md", CONTRADICTED);
    let cmd = format!(
        "{} check --corpus {} {}",
        env!("CARGO_BIN_EXE_factlint"),
        corpus.display(),
        brief.display()
    );
    let tty = |no_color: bool| {
        let mut c = Command::new("/usr/bin/script");
        c.args(["-qec", &cmd, "/dev/null"]).env_remove("NO_COLOR");
        if no_color {
            c.env("NO_COLOR", "1");
        }
        String::from_utf8_lossy(&c.output().unwrap().stdout).into_owned()
    };
    let coloured = tty(false);
    assert!(
        coloured.contains("\u{1b}[1;33mwarning[FL001]"),
        "{coloured}"
    );
    let plain = tty(true);
    assert!(plain.contains("warning[FL001]"), "{plain}");
    assert!(!plain.contains('\u{1b}'), "{plain}");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let corpus = corpus_dir("progress");
    let briefs = scratch("progress-briefs");
    for i in 0..25 {
        write(
            &briefs,
            &format!("b{i:02}.md"),
            b"The harbor opened in 2021.\n",
        );
    }
    let o = run(&[
        "check",
        "--corpus",
        corpus.to_str().unwrap(),
        briefs.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    assert!(stdout(&o).contains("checked 25 files"));
}

#[test]
fn an_unreadable_corpus_file_is_reported_and_the_rest_indexed() {
    let corpus = corpus_dir("unreadable");
    // root can read any file, so a dangling link stands for an unreadable one
    #[cfg(unix)]
    std::os::unix::fs::symlink(corpus.join("gone.txt"), corpus.join("broken.txt")).unwrap();
    #[cfg(not(unix))]
    std::fs::create_dir(corpus.join("broken.txt")).unwrap();
    let briefs = scratch("unreadable-briefs");
    let brief = write(&briefs, "b.md", CONTRADICTED);
    let o = run(&[
        "check",
        "--corpus",
        corpus.to_str().unwrap(),
        brief.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    #[cfg(unix)]
    assert!(
        stderr(&o).contains("corpus file") && stderr(&o).contains("broken.txt cannot be read"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("says $40 million"), "{}", stdout(&o));
}

#[test]
fn a_50_mb_brief_is_skipped_unread_and_the_rest_checked() {
    let corpus = corpus_dir("huge");
    let briefs = scratch("huge-briefs");
    let line = b"Lorem ipsum dolor sit amet, the harbor council met again on a quiet day.\n";
    let big: Vec<u8> = line
        .iter()
        .copied()
        .cycle()
        .take(50 * 1024 * 1024)
        .collect();
    write(&briefs, "a-huge.md", &big);
    drop(big);
    write(&briefs, "b-good.md", CONTRADICTED);
    let o = run(&[
        "check",
        "--format",
        "json",
        "--corpus",
        corpus.to_str().unwrap(),
        briefs.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0]["path"].as_str().unwrap().ends_with("a-huge.md"));
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("is 50.0 MB, larger than max_brief_bytes (10.0 MB); skipped"),
        "{errors:?}"
    );
    assert_eq!(errors[0]["skipped"], true);
    assert_eq!(v["diagnostics"][0]["claim"], "$45 million");
    let _ = std::fs::remove_dir_all(&briefs);
}

/// The 50 MB brief checked in full: slow in a debug build, so `.ci/run` runs it in
/// release mode (`cargo test --release --test cli -- --ignored`).
#[test]
#[ignore]
fn a_50_mb_brief_is_checked_when_the_limit_allows_it() {
    let corpus = corpus_dir("huge-checked");
    let briefs = scratch("huge-checked-briefs");
    write(&briefs, "factlint.toml", b"max_brief_bytes = 64_000_000\n");
    let prose = "Lorem ipsum dolor sit amet, the harbor council met again on a quiet day \
                 while reporters waited outside and officials spoke of further talks.\n\n";
    let mut text = String::with_capacity(51 * 1024 * 1024);
    let mut n = 0;
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(prose);
        n += 1;
        if n % 2000 == 0 {
            text.push_str("The council approved a $45 million budget for the harbor in 2019.\n\n");
        }
    }
    write(&briefs, "a-huge.md", text.as_bytes());
    drop(text);
    write(
        &briefs,
        "b-good.md",
        b"The new pier was opened in March 2022 after 18 months of work.\n",
    );
    let o = bin()
        .current_dir(&briefs)
        .args([
            "check",
            "--quiet",
            "--corpus",
            corpus.to_str().unwrap(),
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("a-huge.md:"), "the huge brief was checked");
    assert!(
        out.contains("b-good.md:1:28: warning[FL001]"),
        "the rest too"
    );
    let _ = std::fs::remove_dir_all(&briefs);
}

#[test]
fn two_reports_dated_on_two_days_do_not_disagree() {
    let dir = scratch("datelines");
    write(
        &dir,
        "a.txt",
        b"Harbour budget approved\n\nPort Gazette | City & Harbour | 15 March 2023\n\nThe council approved a $40 million budget for the harbour.\n",
    );
    write(
        &dir,
        "b.txt",
        b"Harbour pier opens\n\nPort Gazette | City & Harbour | 7 November 2025\n\nThe harbour's new pier opened, within its $40 million budget.\n",
    );
    let o = run(&["corpus", "--corpus", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("2 documents"), "{out}");
    assert!(!out.contains("disagree in"), "{out}");
    // while two values of one thing still do
    write(
        &dir,
        "c.txt",
        b"Harbour pier costs more\n\nBy Staff | 9 December 2025\n\nThe council said the harbour budget was $55 million.\n",
    );
    let out = stdout(&run(&["corpus", "--corpus", dir.to_str().unwrap()]));
    assert!(out.contains("disagree in"), "{out}");
    assert!(!out.contains("says 15 March 2023"), "{out}");
}
