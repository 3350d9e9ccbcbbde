//! Reading corpus folders and brief files from disk, shared by the CLI and the server:
//! parallel folder walks (honouring `.gitignore` for briefs) in a stable order, and reading
//! text that may be binary, not UTF-8, unreadable or too large. The engine never touches
//! the file system.

use crate::corpus::SourceText;
use rayon::prelude::*;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
            LoadError::Missing(p) => write!(f, "{}: no such file or directory", display(p)),
            LoadError::NoDocuments(p) => write!(
                f,
                "{}: the corpus holds no readable .txt or .md documents",
                display(p)
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

/// Files under `root` (itself if a file), sorted, walked in parallel. Hidden files and
/// folders, `target` and `node_modules` are skipped; with `gitignore`, so is everything
/// `.gitignore`, `.ignore` and `.git/info/exclude` rule out (inside a git repository or
/// not).
pub fn walk(root: &Path, gitignore: bool) -> Vec<PathBuf> {
    if !root.is_dir() {
        return vec![root.to_path_buf()];
    }
    let found = Mutex::new(Vec::new());
    ignore::WalkBuilder::new(root)
        .standard_filters(gitignore)
        .hidden(true)
        .require_git(false)
        .filter_entry(|e| {
            e.depth() == 0 || {
                let name = e.file_name();
                name != "target" && name != "node_modules"
            }
        })
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                if let Ok(e) = entry {
                    if e.file_type().is_some_and(|t| !t.is_dir()) {
                        found.lock().expect("walk lock").push(e.into_path());
                    }
                }
                ignore::WalkState::Continue
            })
        });
    let mut out = found.into_inner().expect("walk lock");
    out.sort();
    out
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Bytes as text: binary (NUL bytes) is refused, invalid UTF-8 decoded lossily and said so.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<(String, Option<FileProblem>), FileProblem> {
    if bytes.contains(&0) {
        return Err(FileProblem {
            path: name.to_string(),
            message: "is a binary file (it contains NUL bytes); skipped".into(),
            skipped: true,
        });
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, None)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Ok((
                text,
                Some(FileProblem {
                    path: name.to_string(),
                    message: format!(
                        "is not valid UTF-8 (first bad byte on line {line}); read with replacement characters"
                    ),
                    skipped: false,
                }),
            ))
        }
    }
}

/// A file read as text, with a note when it was read lossily; or why it was skipped.
pub type Read = Result<(String, Option<FileProblem>), FileProblem>;

/// Reads a text file (see [`decode`]).
pub fn read_text(path: &Path) -> Read {
    let name = shown(path);
    let bytes = std::fs::read(path).map_err(|e| FileProblem {
        path: name.clone(),
        message: format!("cannot be read: {e}"),
        skipped: true,
    })?;
    decode(&name, bytes)
}

fn megabytes(n: u64) -> String {
    format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
}

/// Reads a brief, refusing (without reading it) one larger than `max_bytes`.
pub fn read_brief(
    path: &Path,
    max_bytes: u64,
) -> Result<(String, Option<FileProblem>), FileProblem> {
    let name = shown(path);
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > max_bytes {
            return Err(FileProblem {
                path: name,
                message: format!(
                    "is {}, larger than max_brief_bytes ({}); skipped",
                    megabytes(meta.len()),
                    megabytes(max_bytes)
                ),
                skipped: true,
            });
        }
    }
    read_text(path)
}

/// Loads every `.txt`/`.md` document (and `.toml` rule file) under the corpus paths,
/// reading files in parallel; documents keep the walk's sorted order.
pub fn load_corpus(paths: &[PathBuf]) -> Result<LoadedCorpus, LoadError> {
    let mut out = LoadedCorpus::default();
    for root in paths {
        if !root.exists() {
            return Err(LoadError::Missing(root.clone()));
        }
        let files: Vec<PathBuf> = walk(root, false)
            .into_iter()
            .filter(|f| has_ext(f, &["toml", "txt", "md", "markdown"]))
            .collect();
        let read: Vec<(PathBuf, Read)> = files
            .into_par_iter()
            .map(|f| {
                let r = read_text(&f);
                (f, r)
            })
            .collect();
        let before = out.documents.len();
        for (file, result) in read {
            match result {
                Ok((text, problem)) if has_ext(&file, &["toml"]) => {
                    out.problems.extend(problem);
                    out.rule_files.push((shown(&file), text));
                }
                Ok((text, problem)) => {
                    out.problems.extend(problem);
                    if !text.trim().is_empty() {
                        out.documents.push(SourceText {
                            path: shown(&file),
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

/// The path as it is shown in reports: as given, without a leading `./`.
pub fn shown(p: &Path) -> String {
    let s = display(p);
    match s.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => s,
    }
}

/// `path` relative to the current folder when it lies under it (or `../` from it), as
/// reports show paths that came from a config file.
pub fn relative_to_cwd(path: &Path) -> PathBuf {
    if path.is_relative() {
        return path.to_path_buf();
    }
    let Ok(cwd) = std::env::current_dir() else {
        return path.to_path_buf();
    };
    relative(path, &crate::config::normalize(&cwd)).unwrap_or_else(|| path.to_path_buf())
}

/// `path` relative to `base` (both absolute and normalized), with `..` as needed.
pub fn relative(path: &Path, base: &Path) -> Option<PathBuf> {
    let p: Vec<_> = path.components().collect();
    let b: Vec<_> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let r = |p: &str, b: &str| relative(Path::new(p), Path::new(b)).map(|x| display(&x));
        assert_eq!(r("/a/b/c.md", "/a"), Some("b/c.md".into()));
        assert_eq!(r("/a/x/c.md", "/a/b"), Some("../x/c.md".into()));
        assert_eq!(r("/a", "/a"), Some(".".into()));
        assert_eq!(shown(Path::new("./docs/a.md")), "docs/a.md");
        assert_eq!(shown(Path::new("/tmp/a.md")), "/tmp/a.md");
    }

    #[test]
    fn decoding_says_what_went_wrong() {
        assert!(decode("x", b"a\0b".to_vec()).unwrap_err().skipped);
        let (text, problem) = decode("x", b"ok\nCaf\xe9\n".to_vec()).unwrap();
        assert_eq!(text, "ok\nCaf\u{fffd}\n");
        assert!(problem.unwrap().message.contains("line 2"));
        assert_eq!(decode("x", b"".to_vec()).unwrap(), (String::new(), None));
    }
}
