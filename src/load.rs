//! Reading corpus folders and brief files from disk, shared by the CLI and the server.
//! The engine itself never touches the file system.

use crate::corpus::SourceText;
use std::fmt;
use std::path::{Path, PathBuf};

/// A problem that stops the run (exit 2).
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// A path given on the command line or in a config does not exist.
    Missing(PathBuf),
    /// A corpus path holds no `.txt` or `.md` document with text.
    NoDocuments(PathBuf),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Missing(p) => write!(f, "{}: no such file or directory", p.display()),
            LoadError::NoDocuments(p) => write!(
                f,
                "{}: the corpus holds no readable .txt or .md documents",
                p.display()
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// A problem with one file; the run goes on without it (or with a lossy reading of it).
#[derive(Debug, Clone, PartialEq)]
pub struct FileProblem {
    pub path: String,
    pub message: String,
    /// The file was skipped (true) or read lossily (false).
    pub skipped: bool,
}

/// What a corpus path held.
#[derive(Debug, Default)]
pub struct LoadedCorpus {
    pub documents: Vec<SourceText>,
    /// Rule files found beside the documents: (path, text).
    pub rule_files: Vec<(String, String)>,
    pub problems: Vec<FileProblem>,
}

fn display(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Files under `root` (itself if a file), sorted, skipping hidden folders, `target` and
/// `node_modules`.
fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            let Ok(entries) = std::fs::read_dir(&p) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                let name = e.file_name().to_string_lossy().to_string();
                let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                if is_dir && (name.starts_with('.') || name == "target" || name == "node_modules") {
                    continue;
                }
                stack.push(path);
            }
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Reads a text file: binary files (with NUL bytes) are refused, invalid UTF-8 is decoded
/// lossily and said so.
pub fn read_text(path: &Path) -> Result<(String, Option<FileProblem>), FileProblem> {
    let name = display(path);
    let bytes = std::fs::read(path).map_err(|e| FileProblem {
        path: name.clone(),
        message: format!("cannot be read: {e}"),
        skipped: true,
    })?;
    if bytes.contains(&0) {
        return Err(FileProblem {
            path: name,
            message: "is a binary file (it contains NUL bytes); skipped".into(),
            skipped: true,
        });
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, None)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let line = text[..valid.min(text.len())].matches('\n').count() + 1;
            Ok((
                text,
                Some(FileProblem {
                    path: name,
                    message: format!(
                        "is not valid UTF-8 (first bad byte on line {line}); read with replacement characters"
                    ),
                    skipped: false,
                }),
            ))
        }
    }
}

/// Loads every `.txt`/`.md` document (and `.toml` rule file) under the corpus paths.
pub fn load_corpus(paths: &[PathBuf]) -> Result<LoadedCorpus, LoadError> {
    let mut out = LoadedCorpus::default();
    for root in paths {
        if !root.exists() {
            return Err(LoadError::Missing(root.clone()));
        }
        let before = out.documents.len();
        for file in walk(root) {
            if has_ext(&file, &["toml"]) {
                match read_text(&file) {
                    Ok((text, _)) => out.rule_files.push((display(&file), text)),
                    Err(p) => out.problems.push(p),
                }
                continue;
            }
            if !has_ext(&file, &["txt", "md", "markdown"]) {
                continue;
            }
            match read_text(&file) {
                Ok((text, problem)) => {
                    out.problems.extend(problem);
                    if !text.trim().is_empty() {
                        out.documents.push(SourceText {
                            path: display(&file),
                            text,
                        });
                    }
                }
                Err(p) => out.problems.push(p),
            }
        }
        if out.documents.len() == before {
            return Err(LoadError::NoDocuments(root.clone()));
        }
    }
    Ok(out)
}

/// The briefs to check: files as given, folders walked for `*.md`.
pub fn collect_briefs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    for p in paths {
        if !p.exists() {
            return Err(LoadError::Missing(p.clone()));
        }
        if p.is_dir() {
            out.extend(
                walk(p)
                    .into_iter()
                    .filter(|f| has_ext(f, &["md", "markdown"])),
            );
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// The path as it is shown in reports.
pub fn shown(p: &Path) -> String {
    display(p)
}
