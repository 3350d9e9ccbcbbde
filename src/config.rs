//! `factlint.toml`: discovery (upward from a checked path), parsing and validation, shared
//! by the command line and the language server. Nothing here prints: every problem is a
//! [`ConfigError`] naming the file, the line and what is wrong.

use crate::codes::{self, Severity};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The name of the configuration file.
pub const FILE_NAME: &str = "factlint.toml";

/// Briefs larger than this are reported and skipped unless `max_brief_bytes` says otherwise.
pub const DEFAULT_MAX_BRIEF_BYTES: u64 = 10 * 1024 * 1024;

/// Which files a folder walk checks when the config names none.
pub const DEFAULT_INCLUDE: &[&str] = &["**/*.md", "**/*.markdown"];

/// A broken configuration file.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based line of the problem, when it has one.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.to_string_lossy().replace('\\', "/");
        match self.line {
            Some(line) => write!(f, "{file}:{line}: {}", self.message),
            None => write!(f, "{file}: {}", self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The severity at or above which a run fails (exit status 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailOn {
    Error,
    #[default]
    Warning,
    Never,
}

impl FailOn {
    pub fn parse(s: &str) -> Option<FailOn> {
        match s {
            "error" => Some(FailOn::Error),
            "warning" => Some(FailOn::Warning),
            "never" => Some(FailOn::Never),
            _ => None,
        }
    }

    /// Whether a finding of this severity fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Never => false,
        }
    }
}

/// A configuration: read from a `factlint.toml`, or the defaults.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from; `None` for the defaults.
    pub file: Option<PathBuf>,
    /// The folder relative paths and globs are resolved against: the file's folder.
    pub root: PathBuf,
    /// Corpus folders or files, resolved against `root`. Empty: not set.
    pub corpus: Vec<PathBuf>,
    /// Extra rule files, resolved against `root`.
    pub rules: Vec<PathBuf>,
    /// Globs (relative to `root`) of the files a folder walk checks.
    pub include: Vec<String>,
    /// Globs (relative to `root`) of the files a folder walk skips.
    pub exclude: Vec<String>,
    /// Severity per code; `None` turns the code off. Codes not listed keep their default.
    pub severity: BTreeMap<&'static str, Option<Severity>>,
    /// Whether unverified figures (FL002) are shown by the human, SARIF and GitHub output.
    pub show_unverified: bool,
    pub fail_on: FailOn,
    /// Briefs larger than this many bytes are reported and skipped.
    pub max_brief_bytes: u64,
    include_set: GlobSet,
    exclude_set: GlobSet,
    /// Lines of the `corpus` and `rules` entries, for errors about them.
    corpus_lines: Vec<usize>,
    rules_lines: Vec<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    corpus: Vec<Spanned<String>>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    show_unverified: Option<bool>,
    fail_on: Option<Spanned<String>>,
    max_brief_bytes: Option<Spanned<i64>>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn globset(
    patterns: &[Spanned<String>],
    err: impl Fn(usize, String) -> ConfigError,
) -> Result<GlobSet, ConfigError> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let glob = GlobBuilder::new(p.get_ref())
            .literal_separator(true)
            .build()
            .map_err(|e| {
                err(
                    p.span().start,
                    format!("bad glob {:?}: {}", p.get_ref(), e.kind()),
                )
            })?;
        b.add(glob);
    }
    b.build().map_err(|e| err(0, e.to_string()))
}

impl Config {
    /// The defaults, with paths resolved against `root`.
    pub fn defaults(root: &Path) -> Config {
        let include: Vec<Spanned<String>> = DEFAULT_INCLUDE
            .iter()
            .map(|s| Spanned::new(0..0, s.to_string()))
            .collect();
        let none = |_, m| ConfigError {
            file: PathBuf::new(),
            line: None,
            message: m,
        };
        Config {
            file: None,
            root: root.to_path_buf(),
            corpus: Vec::new(),
            rules: Vec::new(),
            include: DEFAULT_INCLUDE.iter().map(|s| s.to_string()).collect(),
            exclude: Vec::new(),
            severity: BTreeMap::new(),
            show_unverified: false,
            fail_on: FailOn::Warning,
            max_brief_bytes: DEFAULT_MAX_BRIEF_BYTES,
            include_set: globset(&include, none).expect("default globs are valid"),
            exclude_set: GlobSet::empty(),
            corpus_lines: Vec::new(),
            rules_lines: Vec::new(),
        }
    }

    /// Parses the text of `file` without touching the disk: syntax, types, unknown keys,
    /// codes, severities and globs. Paths are resolved against the file's folder.
    pub fn parse(file: &Path, text: &str) -> Result<Config, ConfigError> {
        let err = |offset: usize, message: String| ConfigError {
            file: file.to_path_buf(),
            line: Some(line_of(text, offset)),
            message,
        };
        let raw: Raw = toml::from_str(text).map_err(|e| ConfigError {
            file: file.to_path_buf(),
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        let root = file.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut config = Config::defaults(&root);
        config.file = Some(file.to_path_buf());
        let resolve = |p: &Spanned<String>| -> Result<PathBuf, ConfigError> {
            if p.get_ref().trim().is_empty() {
                return Err(err(p.span().start, "empty path".into()));
            }
            Ok(normalize(&root.join(p.get_ref())))
        };
        for p in &raw.corpus {
            config.corpus.push(resolve(p)?);
            config.corpus_lines.push(line_of(text, p.span().start));
        }
        for p in &raw.rules {
            config.rules.push(resolve(p)?);
            config.rules_lines.push(line_of(text, p.span().start));
        }
        if let Some(include) = &raw.include {
            config.include = include.iter().map(|s| s.get_ref().clone()).collect();
            config.include_set = globset(include, err)?;
        }
        config.exclude = raw.exclude.iter().map(|s| s.get_ref().clone()).collect();
        config.exclude_set = globset(&raw.exclude, err)?;
        for (code, level) in &raw.severity {
            let Some(c) = codes::find(code.get_ref()) else {
                let known: Vec<&str> = codes::ALL.iter().map(|c| c.id).collect();
                return Err(err(
                    code.span().start,
                    format!(
                        "unknown code {:?} in [severity] (known: {})",
                        code.get_ref(),
                        known.join(", ")
                    ),
                ));
            };
            let severity = if level.get_ref() == "off" {
                None
            } else {
                Some(Severity::parse(level.get_ref()).ok_or_else(|| {
                    err(
                        level.span().start,
                        format!(
                            "unknown severity {:?} for {} (use error, warning, information, hint or off)",
                            level.get_ref(),
                            c.id
                        ),
                    )
                })?)
            };
            config.severity.insert(c.id, severity);
        }
        if let Some(show) = raw.show_unverified {
            config.show_unverified = show;
        }
        if let Some(f) = &raw.fail_on {
            config.fail_on = FailOn::parse(f.get_ref()).ok_or_else(|| {
                err(
                    f.span().start,
                    format!(
                        "unknown fail_on {:?} (use error, warning or never)",
                        f.get_ref()
                    ),
                )
            })?;
        }
        if let Some(n) = &raw.max_brief_bytes {
            if *n.get_ref() <= 0 {
                return Err(err(
                    n.span().start,
                    "max_brief_bytes must be a positive number of bytes".into(),
                ));
            }
            config.max_brief_bytes = *n.get_ref() as u64;
        }
        Ok(config)
    }

    /// Reads and parses `file`, then checks that its corpus and rule paths exist.
    pub fn load(file: &Path) -> Result<Config, ConfigError> {
        let bytes = std::fs::read(file).map_err(|e| ConfigError {
            file: file.to_path_buf(),
            line: None,
            message: format!("cannot be read: {e}"),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| ConfigError {
            file: file.to_path_buf(),
            line: Some(line_of(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            )),
            message: "is not valid UTF-8".into(),
        })?;
        let config = Config::parse(file, &text)?;
        config.check_paths()?;
        Ok(config)
    }

    /// Fails when a corpus or rule path of the file does not exist.
    pub fn check_paths(&self) -> Result<(), ConfigError> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let entries = self
            .corpus
            .iter()
            .zip(&self.corpus_lines)
            .map(|(p, l)| ("corpus", p, l))
            .chain(
                self.rules
                    .iter()
                    .zip(&self.rules_lines)
                    .map(|(p, l)| ("rules", p, l)),
            );
        for (key, path, line) in entries {
            if !path.exists() {
                return Err(ConfigError {
                    file: file.clone(),
                    line: Some(*line),
                    message: format!(
                        "{key} path {} does not exist",
                        path.to_string_lossy().replace('\\', "/")
                    ),
                });
            }
        }
        Ok(())
    }

    /// The nearest `factlint.toml` at `start` (a file or a folder) or in a folder above it.
    pub fn find(start: &Path) -> Option<PathBuf> {
        let start = absolute(start);
        let first = if start.is_dir() {
            start.as_path()
        } else {
            start.parent()?
        };
        first
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|f| f.is_file())
    }

    /// Loads the nearest `factlint.toml` for `start`, if there is one.
    pub fn discover(start: &Path) -> Result<Option<Config>, ConfigError> {
        Config::find(start).map(|f| Config::load(&f)).transpose()
    }

    /// The severity of a code under this config; `None` when the code is turned off.
    pub fn severity(&self, code: &str) -> Option<Severity> {
        match self.severity.get(code) {
            Some(s) => *s,
            None => codes::find(code).map(|c| c.default_severity),
        }
    }

    /// Whether a folder walk checks `path`: it matches an `include` glob and no `exclude`
    /// glob, both relative to `root` (a path outside `root` is matched as it is).
    pub fn includes(&self, path: &Path) -> bool {
        let path = absolute(path);
        let root = absolute(&self.root);
        let rel = path.strip_prefix(&root).unwrap_or(&path);
        self.include_set.is_match(rel) && !self.exclude_set.is_match(rel)
    }
}

/// `path` made absolute against the current folder, without touching the disk.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    normalize(&joined)
}

/// Removes `.` and folds `..` lexically.
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("/repo/factlint.toml"), text)
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn a_full_file_parses() {
        let c = parse(
            "corpus = [\"sources\", \"../shared/seeds\"]\nrules = [\"extra.toml\"]\n\
             include = [\"docs/**/*.md\"]\nexclude = [\"docs/drafts/**\"]\n\
             show_unverified = true\nfail_on = \"error\"\nmax_brief_bytes = 1_000\n\
             [severity]\nFL001 = \"error\"\nfl002 = \"off\"\n",
        )
        .unwrap();
        assert_eq!(
            c.corpus,
            vec![
                PathBuf::from("/repo/sources"),
                PathBuf::from("/shared/seeds")
            ]
        );
        assert_eq!(c.rules, vec![PathBuf::from("/repo/extra.toml")]);
        assert_eq!(c.severity("FL001"), Some(Severity::Error));
        assert_eq!(c.severity("FL002"), None);
        assert_eq!(c.severity("FL003"), Some(Severity::Hint));
        assert!(c.show_unverified);
        assert_eq!(c.fail_on, FailOn::Error);
        assert_eq!(c.max_brief_bytes, 1000);
        assert!(c.includes(Path::new("/repo/docs/a/b.md")));
        assert!(!c.includes(Path::new("/repo/docs/drafts/b.md")));
        assert!(!c.includes(Path::new("/repo/notes/b.md")));
    }

    #[test]
    fn defaults_include_markdown_anywhere() {
        let c = Config::defaults(Path::new("/repo"));
        assert!(c.includes(Path::new("/repo/a.md")));
        assert!(c.includes(Path::new("/repo/x/y/a.markdown")));
        assert!(!c.includes(Path::new("/repo/a.txt")));
        assert_eq!(c.severity("FL001"), Some(Severity::Warning));
        assert_eq!(c.fail_on, FailOn::Warning);
    }

    #[test]
    fn errors_name_file_line_and_problem() {
        assert_eq!(
            error("corpus = [\"a\"]\n\ncorpsu = [\"b\"]\n"),
            "/repo/factlint.toml:3: unknown field `corpsu`, expected one of `corpus`, `rules`, `include`, `exclude`, `severity`, `show_unverified`, `fail_on`, `max_brief_bytes`"
        );
        assert!(error("corpus = \"a\"\n")
            .starts_with("/repo/factlint.toml:1: invalid type: string \"a\", expected a sequence"));
        assert!(error("show_unverified = 1\n")
            .starts_with("/repo/factlint.toml:1: invalid type: integer"));
        assert!(error("corpus = [\n").starts_with("/repo/factlint.toml:2:"));
        assert_eq!(
            error("[severity]\nFL001 = \"loud\"\n"),
            "/repo/factlint.toml:2: unknown severity \"loud\" for FL001 (use error, warning, information, hint or off)"
        );
        assert!(error("\n[severity]\nFL999 = \"error\"\n")
            .starts_with("/repo/factlint.toml:3: unknown code \"FL999\""));
        assert!(error("exclude = [\"a/[b\"]\n").starts_with("/repo/factlint.toml:1: bad glob"));
        assert!(
            error("fail_on = \"always\"\n").starts_with("/repo/factlint.toml:1: unknown fail_on")
        );
        assert!(
            error("max_brief_bytes = 0\n").starts_with("/repo/factlint.toml:1: max_brief_bytes")
        );
        assert!(error("corpus = [\"\"]\n").starts_with("/repo/factlint.toml:1: empty path"));
    }

    #[test]
    fn normalize_folds_dots() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normalize(Path::new("a/../../b")), PathBuf::from("../b"));
    }
}
