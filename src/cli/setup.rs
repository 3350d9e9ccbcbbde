//! From arguments to work: the configuration of each checked path (found upward, or
//! `--config`), command-line overrides on top, the briefs to check, and the corpora they
//! are checked against (each loaded once). Errors are messages for exit status 2.

use super::progress::Progress;
use super::Sources;
use crate::config::{self, Config, ConfigError, FailOn};
use crate::load::{self, FileProblem};
use crate::{Corpus, Rules};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Overrides from the command line, applied on top of each configuration.
#[derive(Debug, Clone, Default)]
pub(crate) struct Overrides {
    pub sources: Sources,
    pub show_unverified: bool,
    pub fail_on: Option<FailOn>,
}

/// One brief to check, with the configuration that applies to it.
#[derive(Debug, Clone)]
pub(crate) struct Brief {
    pub path: PathBuf,
    pub config: Arc<Config>,
    /// Index into [`Plan::corpora`].
    pub corpus: usize,
}

/// The corpus paths and rule files one or more briefs are checked against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct CorpusSpec {
    pub corpus: Vec<PathBuf>,
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub briefs: Vec<Brief>,
    pub corpora: Vec<CorpusSpec>,
}

fn config_error(e: ConfigError) -> String {
    ConfigError {
        file: load::relative_to_cwd(&e.file),
        ..e
    }
    .to_string()
}

/// The configuration for `start` (`--config`, else the nearest `factlint.toml`), with the
/// command line's overrides applied.
pub(crate) fn config_for(
    start: &Path,
    over: &Overrides,
    cache: &mut HashMap<Option<PathBuf>, Arc<Config>>,
) -> Result<Arc<Config>, String> {
    let file = match &over.sources.config {
        Some(f) => {
            if !f.is_file() {
                return Err(format!("config: {}: no such file", load::shown(f)));
            }
            Some(config::absolute(f))
        }
        None => Config::find(start),
    };
    load_config(file, over, cache)
}

/// Loads a configuration file (or the defaults) once, with the overrides applied.
fn load_config(
    file: Option<PathBuf>,
    over: &Overrides,
    cache: &mut HashMap<Option<PathBuf>, Arc<Config>>,
) -> Result<Arc<Config>, String> {
    if let Some(c) = cache.get(&file) {
        return Ok(c.clone());
    }
    let mut config = match &file {
        Some(f) => Config::load(f).map_err(config_error)?,
        None => Config::defaults(&config::absolute(Path::new("."))),
    };
    config.corpus = if over.sources.corpus.is_empty() {
        config
            .corpus
            .iter()
            .map(|p| load::relative_to_cwd(p))
            .collect()
    } else {
        over.sources.corpus.clone()
    };
    config.rules = config
        .rules
        .iter()
        .map(|p| load::relative_to_cwd(p))
        .chain(over.sources.rules.iter().cloned())
        .collect();
    config.show_unverified |= over.show_unverified;
    if let Some(f) = over.fail_on {
        config.fail_on = f;
    }
    let config = Arc::new(config);
    cache.insert(file, config.clone());
    Ok(config)
}

impl CorpusSpec {
    pub(crate) fn of(config: &Config) -> CorpusSpec {
        CorpusSpec {
            corpus: if config.corpus.is_empty() {
                vec![PathBuf::from("seeds")]
            } else {
                config.corpus.clone()
            },
            rules: config.rules.clone(),
        }
    }
}

/// Finds configurations, remembering the answer for each folder.
#[derive(Default)]
pub(crate) struct Configs {
    by_file: HashMap<Option<PathBuf>, Arc<Config>>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
}

impl Configs {
    /// The configuration for a brief or folder: `--config`, else the nearest
    /// `factlint.toml` at or above it, with the command line's overrides applied.
    pub(crate) fn get(&mut self, path: &Path, over: &Overrides) -> Result<Arc<Config>, String> {
        if over.sources.config.is_some() {
            return config_for(path, over, &mut self.by_file);
        }
        let abs = config::absolute(path);
        let dir = if abs.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or(abs)
        };
        let file = match self.by_dir.get(&dir) {
            Some(f) => f.clone(),
            None => {
                let f = Config::find(&dir);
                self.by_dir.insert(dir, f.clone());
                f
            }
        };
        load_config(file, over, &mut self.by_file)
    }
}

/// Every brief under `paths`, in argument order (folders sorted), each once, with the
/// configuration nearest to it and its corpus. Files of a folder walk are kept when
/// their configuration includes them; a file named on the command line always is.
pub(crate) fn plan(paths: &[PathBuf], over: &Overrides) -> Result<Plan, String> {
    let mut configs = Configs::default();
    let mut plan = Plan::default();
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        if !p.exists() {
            return Err(load::LoadError::Missing(p.clone()).to_string());
        }
        let files = if p.is_dir() {
            load::walk(p, true)
        } else {
            vec![p.clone()]
        };
        for path in files {
            let config = configs.get(&path, over)?;
            if p.is_dir() && !config.includes(&path) {
                continue;
            }
            if !seen.insert(config::absolute(&path)) {
                continue;
            }
            let spec = CorpusSpec::of(&config);
            let corpus = match plan.corpora.iter().position(|c| *c == spec) {
                Some(i) => i,
                None => {
                    plan.corpora.push(spec);
                    plan.corpora.len() - 1
                }
            };
            plan.briefs.push(Brief {
                path,
                config,
                corpus,
            });
        }
    }
    Ok(plan)
}

/// Loads rules and corpus; an error (missing path, empty corpus, broken rule file) is a
/// message for exit status 2. Unreadable corpus files are returned as problems.
pub(crate) fn load_corpus(
    spec: &CorpusSpec,
    progress: Progress,
) -> Result<(Arc<Corpus>, Vec<FileProblem>), String> {
    let loaded = load::load_corpus(&spec.corpus).map_err(|e| {
        let hint = if spec.corpus == [PathBuf::from("seeds")] {
            " (pass --corpus PATH or set `corpus` in factlint.toml)"
        } else {
            ""
        };
        format!("corpus: {e}{hint}")
    })?;
    let mut rule_files = loaded.rule_files;
    for p in &spec.rules {
        match load::read_text(p) {
            Ok((text, _)) => rule_files.push((load::shown(p), text)),
            Err(problem) => return Err(format!("rules: {} {}", problem.path, problem.message)),
        }
    }
    let rules = Rules::with_files(&rule_files).map_err(|e| format!("rules: {e}"))?;
    let bytes: usize = loaded.documents.iter().map(|d| d.text.len()).sum();
    let spinner = progress.indexing(loaded.documents.len(), bytes);
    let corpus = Corpus::build(loaded.documents, Arc::new(rules));
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    let corpus = corpus.map_err(|e| format!("corpus: {e}"))?;
    Ok((Arc::new(corpus), loaded.problems))
}
