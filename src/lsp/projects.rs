//! Projects: the `factlint.toml` that governs a brief (the nearest one above it, else the
//! defaults at its workspace folder), and the corpus and rules loaded for it in the
//! background. A project is Loading, Ready or Failed (with a message naming the file and
//! the line); a reload replaces the state and bumps the generation.

use super::position::LineIndex;
use super::settings::Settings;
use crate::config::{self, Config};
use crate::load;
use crate::{Corpus, Rules};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::sync::watch;
use tower_lsp_server::ls_types::Uri;

/// A corpus loaded for a configuration, with what the server needs to cite it.
#[derive(Debug)]
pub struct Loaded {
    pub corpus: Arc<Corpus>,
    /// The configuration in force (the file's, with the editor settings on top).
    pub config: Arc<Config>,
    /// Corpus paths are shown relative to this folder.
    pub root: PathBuf,
    /// Line index of each corpus document (by index in `corpus.docs`).
    pub lines: Vec<LineIndex>,
    /// File URI of each corpus document.
    pub uris: Vec<Option<Uri>>,
    /// Files whose change means a reload: corpus folders and files, rule files.
    pub watched: Vec<PathBuf>,
    pub generation: u64,
    /// Corpus files that could not be read (the rest was indexed).
    pub problems: Vec<String>,
}

impl Loaded {
    /// The file URI of corpus document `doc`.
    pub fn uri(&self, doc: usize) -> Option<Uri> {
        self.uris.get(doc).cloned().flatten()
    }
}

/// Where a project stands.
#[derive(Debug, Clone)]
pub enum Status {
    Loading,
    Ready(Arc<Loaded>),
    Failed(String),
}

/// One configuration and its corpus.
#[derive(Debug)]
pub struct Project {
    /// The `factlint.toml`, or `None` for the defaults.
    pub config_file: Option<PathBuf>,
    /// The folder relative paths are resolved against.
    pub root: PathBuf,
    pub status: watch::Sender<Status>,
    generation: AtomicU64,
}

impl Project {
    pub fn new(config_file: Option<PathBuf>, root: PathBuf) -> Project {
        Project {
            config_file,
            root,
            status: watch::channel(Status::Loading).0,
            generation: AtomicU64::new(0),
        }
    }

    /// The key projects are found by: the config file, else the root.
    pub fn key(config_file: Option<&Path>, root: &Path) -> PathBuf {
        config_file.unwrap_or(root).to_path_buf()
    }

    /// Starts a new load; returns its generation.
    pub fn next_generation(&self) -> u64 {
        self.generation.fetch_add(1, Ordering::SeqCst) + 1
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The loaded corpus, waiting while it loads; `Err` with the message when it failed.
    pub async fn ready(&self) -> Result<Arc<Loaded>, String> {
        let mut rx = self.status.subscribe();
        let status = rx
            .wait_for(|s| !matches!(s, Status::Loading))
            .await
            .map(|s| s.clone())
            .unwrap_or(Status::Failed("the server is shutting down".into()));
        match status {
            Status::Ready(l) => Ok(l),
            Status::Failed(m) => Err(m),
            Status::Loading => Err("still loading".into()),
        }
    }

    /// Whether `path` is this project's config file, or (once loaded) one of its corpus or
    /// rule files.
    pub fn watches(&self, path: &Path) -> bool {
        if self.config_file.as_deref() == Some(path) {
            return true;
        }
        match &*self.status.borrow() {
            Status::Ready(l) => l.watched.iter().any(|w| path.starts_with(w)),
            // A failed project may be fixed by any file appearing under its root.
            _ => path.starts_with(&self.root),
        }
    }
}

/// The project a brief at `path` belongs to: its nearest `factlint.toml`, else the
/// defaults at the workspace folder that holds it (else its own folder).
pub fn locate(path: &Path, folders: &[PathBuf]) -> (Option<PathBuf>, PathBuf) {
    let path = config::absolute(path);
    if let Some(file) = Config::find(&path) {
        let root = file.parent().unwrap_or(Path::new("/")).to_path_buf();
        return (Some(file), root);
    }
    let folder = folders
        .iter()
        .filter(|f| path.starts_with(f))
        .max_by_key(|f| f.components().count())
        .cloned()
        .or_else(|| path.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("/"));
    (None, folder)
}

/// A progress report: message and percentage.
pub type Report<'a> = &'a (dyn Fn(String, u32) + Sync);

/// Reads the config, the corpus and the rules, and indexes the corpus. Blocking; every
/// error is a message naming the file (and the line, where there is one).
pub fn load(
    config_file: Option<&Path>,
    root: &Path,
    settings: &Settings,
    generation: u64,
    report: Report<'_>,
) -> Result<Loaded, String> {
    let config = match config_file {
        Some(f) => Config::load(f).map_err(|e| e.to_string())?,
        None => Config::defaults(root),
    };
    let config = settings.apply(config, root);
    let shown = |p: &Path| {
        load::relative(&config::normalize(p), root)
            .map(|r| load::shown(&r))
            .unwrap_or_else(|| load::shown(p))
    };
    let names: Vec<String> = config.corpus.iter().map(|p| shown(p)).collect();
    report(format!("reading {}", names.join(", ")), 0);
    let mut loaded = load::load_corpus(&config.corpus).map_err(|e| {
        let hint = if config_file.is_none() && settings.corpus.is_empty() {
            " (set `corpus` in factlint.toml or the factlint.corpus setting)"
        } else {
            ""
        };
        format!("corpus: {e}{hint}")
    })?;
    for d in &mut loaded.documents {
        d.path = shown(Path::new(&d.path));
    }
    let mut rule_files = loaded.rule_files;
    for p in &config.rules {
        match load::read_text(p) {
            Ok((text, _)) => rule_files.push((shown(p), text)),
            Err(problem) => {
                return Err(format!("rules: {} {}", shown(p), problem.message));
            }
        }
    }
    let rules = Rules::with_files(&rule_files).map_err(|e| format!("rules: {e}"))?;
    let n = loaded.documents.len();
    report(format!("indexing {n} documents"), 50);
    let corpus = Corpus::build(loaded.documents, Arc::new(rules))
        .map_err(|e| format!("corpus {}: {e}", names.join(", ")))?;
    let lines = corpus
        .docs
        .iter()
        .map(|d| LineIndex::new(&d.text))
        .collect();
    let uris = corpus
        .docs
        .iter()
        .map(|d| Uri::from_file_path(config::normalize(&root.join(&*d.path))))
        .collect();
    let mut watched = config.corpus.clone();
    watched.extend(config.rules.iter().cloned());
    watched.extend(config_file.map(Path::to_path_buf));
    let problems = loaded
        .problems
        .iter()
        .map(|p| format!("corpus file {} {}", p.path, p.message))
        .collect();
    Ok(Loaded {
        corpus: Arc::new(corpus),
        config: Arc::new(config),
        root: root.to_path_buf(),
        lines,
        uris,
        watched,
        generation,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_corpus_loads_with_paths_relative_to_the_root() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let l = load(None, root, &Settings::default(), 1, &|_, _| {}).unwrap();
        assert!(
            l.corpus.docs[0].path.starts_with("seeds/"),
            "{}",
            l.corpus.docs[0].path
        );
        let uri = l.uri(0).unwrap();
        assert!(uri.as_str().starts_with("file:///"), "{}", uri.as_str());
        assert_eq!(l.lines.len(), l.corpus.docs.len());
        let missing = load(None, &root.join("src"), &Settings::default(), 1, &|_, _| {});
        assert!(missing.unwrap_err().contains("src/seeds"));
    }
}
