//! Every renderer over the same fixture (`tests/check/harbor/`: a corpus whose two sources
//! disagree, briefs with a contradiction, an unverified figure, suppression comments and a
//! clean brief), found through its `factlint.toml`; snapshots of each output, and the
//! SARIF log validated against the official SARIF 2.1.0 schema.

use std::path::PathBuf;
use std::process::{Command, Output};

const BRIEFS: &str = "tests/check/harbor/briefs";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(root())
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("run factlint")
}

fn stdout(args: &[&str], code: i32) -> String {
    let o = run(args);
    let out = String::from_utf8(o.stdout).expect("UTF-8 output");
    assert_eq!(
        o.status.code(),
        Some(code),
        "{args:?}\n{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

#[test]
fn human() {
    let out = stdout(&["check", "--show-unverified", BRIEFS], 1);
    assert!(!out.contains('\u{1b}'), "no colour when piped");
    insta::assert_snapshot!("human", out);
}

#[test]
fn human_quiet_has_no_summary() {
    let out = stdout(&["check", "--quiet", BRIEFS], 1);
    assert!(!out.contains("checked 3 files"), "{out}");
    assert!(out.contains("warning[FL001]"), "{out}");
}

/// Streamed JSON is exactly what serde_json prints for the whole document.
fn assert_canonical(out: &str) {
    let v: serde_json::Value = serde_json::from_str(out).expect("valid JSON");
    assert_eq!(
        out,
        format!("{}\n", serde_json::to_string_pretty(&v).unwrap())
    );
}

#[test]
fn json() {
    let out = stdout(&["check", "--format", "json", BRIEFS], 1);
    assert_canonical(&out);
    insta::assert_snapshot!("json", out);
}

#[test]
fn github() {
    insta::assert_snapshot!(
        "github",
        stdout(
            &["check", "--format", "github", "--show-unverified", BRIEFS],
            1
        )
    );
}

#[test]
fn sarif() {
    insta::assert_snapshot!(
        "sarif",
        stdout(
            &["check", "--format", "sarif", "--show-unverified", BRIEFS],
            1
        )
    );
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/sarif/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    // a brief outside the repository, a binary brief and an unreadable corpus file
    let scratch = std::env::temp_dir().join(format!("factlint-sarif-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(scratch.join("corpus")).unwrap();
    std::fs::copy(
        root().join("tests/check/harbor/corpus/harbor.txt"),
        scratch.join("corpus/harbor.txt"),
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(scratch.join("gone"), scratch.join("corpus/gone.txt")).unwrap();
    std::fs::write(scratch.join("a b.md"), "It cost $45 million in 2019.\n").unwrap();
    std::fs::write(scratch.join("bin.md"), b"\x00\x01").unwrap();
    let corpus = scratch.join("corpus");
    let outside = vec![
        "check",
        "--format",
        "sarif",
        "--corpus",
        corpus.to_str().unwrap(),
        scratch.to_str().unwrap(),
    ];
    for args in [
        outside,
        vec!["check", "--format", "sarif", "--show-unverified", BRIEFS],
        vec!["check", "--format", "sarif", "examples/briefs"],
        vec![
            "check",
            "--format",
            "sarif",
            "tests/check/harbor/briefs/c-clean.md",
        ],
    ] {
        let o = run(&args);
        assert_canonical(&String::from_utf8_lossy(&o.stdout));
        let log: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        // the validator does catch a broken log
        let mut broken = log.clone();
        broken["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] =
            "loud".into();
        broken["runs"][0]["columnKind"] = "bytes".into();
        assert_eq!(validator.iter_errors(&broken).count(), 2, "{args:?}");
        // what GitHub code scanning needs beyond the schema
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert!(rules
            .iter()
            .all(|r| r["helpUri"].as_str().unwrap().starts_with("https://")));
        for r in run["results"].as_array().unwrap() {
            let loc = &r["locations"][0]["physicalLocation"];
            let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
            assert!(!uri.starts_with('/'), "{uri}");
            assert!(loc["region"]["startColumn"].as_u64().unwrap() >= 1);
            assert!(r["partialFingerprints"].as_object().unwrap().len() == 1);
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn sarif_fingerprints_survive_unrelated_edits() {
    let dir = std::env::temp_dir().join(format!("factlint-fp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let brief = dir.join("b.md");
    let corpus = root().join("tests/check/harbor/corpus");
    let fingerprints = |text: &str| {
        std::fs::write(&brief, text).unwrap();
        let o = run(&[
            "check",
            "--format",
            "sarif",
            "--corpus",
            corpus.to_str().unwrap(),
            brief.to_str().unwrap(),
        ]);
        let log: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["factlint/v1"].to_string())
            .collect::<Vec<_>>()
    };
    let line = "The council approved a $45 million budget for the harbor in 2019.\n";
    let before = fingerprints(line);
    let after = fingerprints(&format!("# A new title\n\nAn added paragraph.\n\n{line}"));
    assert_eq!(before.len(), 1);
    assert_eq!(before, after);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn claims_table() {
    insta::assert_snapshot!("claims-table", stdout(&["claims", BRIEFS], 0));
}

#[test]
fn claims_json() {
    let out = stdout(&["claims", "--format", "json", BRIEFS], 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // every figure is listed, suppressed or not
    let claims = v["claims"].as_array().unwrap();
    assert!(claims
        .iter()
        .any(|c| c["text"] == "March 2022"
            && c["path"].as_str().unwrap().ends_with("b-suppressed.md")));
    // alignment scores move whenever the engine is tuned: checked for range, not snapshot
    let mut v = v;
    for c in v["claims"].as_array_mut().unwrap() {
        for s in c["sources"].as_array_mut().unwrap() {
            let score = s["score"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&score), "{score}");
            assert!(format!("{score}").len() <= 5, "{score}");
            s["score"] = "[score]".into();
        }
    }
    insta::assert_snapshot!("claims-json", serde_json::to_string_pretty(&v).unwrap());
}

#[test]
fn claims_csv() {
    let out = stdout(&["claims", "--format", "csv", BRIEFS], 0);
    let header = out.lines().next().unwrap();
    assert_eq!(header.split(',').count(), 14);
    insta::assert_snapshot!("claims-csv", out);
}

#[test]
fn corpus_human() {
    insta::assert_snapshot!(
        "corpus-human",
        stdout(
            &["corpus", "--config", "tests/check/harbor/factlint.toml"],
            0
        )
    );
}

#[test]
fn corpus_json() {
    let out = stdout(
        &[
            "corpus",
            "--format",
            "json",
            "--corpus",
            "tests/check/harbor/corpus",
        ],
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = &v["disagreements"][0];
    assert_eq!(d["figure"]["value"], "$40 million");
    assert_eq!(d["others"][0]["value"], "$55 million");
    assert!(d["others"][0]["quote"]
        .as_str()
        .unwrap()
        .contains("$55 million"));
    insta::assert_snapshot!("corpus-json", out);
}

#[test]
fn explain() {
    insta::assert_snapshot!("explain-FL003", stdout(&["explain", "fl003"], 0));
    insta::assert_snapshot!("explain-list", stdout(&["explain"], 0));
    let o = run(&["explain", "FL999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown code \"FL999\""));
}
