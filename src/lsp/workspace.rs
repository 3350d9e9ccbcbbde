//! Workspace events: `didChangeConfiguration` (settings pulled with
//! `workspace/configuration` when the client allows it), `didChangeWatchedFiles` (watchers
//! registered dynamically for configs, rules and corpus files), `didChangeWorkspaceFolders`.
//! Each re-loads what the change touches and checks the open documents again.

use super::projects::Status;
use super::server::{uri_path, State};
use super::settings::Settings;
use crate::config::FILE_NAME;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tower_lsp_server::ls_types::*;

/// Reads the `factlint` settings from the client (when it answers `workspace/configuration`);
/// whether they changed. Broken settings are shown once and ignored.
pub async fn fetch_settings(state: &Arc<State>) -> bool {
    if !state.caps().configuration {
        return false;
    }
    let item = ConfigurationItem {
        scope_uri: None,
        section: Some("factlint".into()),
    };
    let answer = tokio::time::timeout(
        Duration::from_secs(5),
        state.client.configuration(vec![item]),
    )
    .await;
    match answer {
        Ok(Ok(values)) => {
            let value = values.into_iter().next().unwrap_or(Value::Null);
            apply_settings(state, &value).await
        }
        _ => false,
    }
}

async fn apply_settings(state: &Arc<State>, value: &Value) -> bool {
    match Settings::from_value(value) {
        Ok(s) => {
            state.clear("settings");
            state.set_settings(s)
        }
        Err(message) => {
            state.tell("settings", message).await;
            false
        }
    }
}

pub async fn did_change_configuration(state: &Arc<State>, params: DidChangeConfigurationParams) {
    let changed = if state.caps().configuration {
        fetch_settings(state).await
    } else {
        apply_settings(state, &params.settings).await
    };
    if changed {
        for project in state.projects() {
            state.start_load(project);
        }
    }
}

pub async fn did_change_watched_files(state: &Arc<State>, params: DidChangeWatchedFilesParams) {
    let paths: Vec<PathBuf> = params
        .changes
        .iter()
        .filter_map(|c| uri_path(&c.uri))
        .collect();
    files_changed(state, &paths).await;
}

/// Re-loads the projects that a change to these files touches.
pub async fn files_changed(state: &Arc<State>, paths: &[PathBuf]) {
    if paths
        .iter()
        .any(|p| p.file_name().is_some_and(|n| n == FILE_NAME))
    {
        state.relocate();
    }
    for project in state.projects() {
        if paths.iter().any(|p| project.watches(p)) {
            state.start_load(project);
        }
    }
}

pub async fn did_change_workspace_folders(
    state: &Arc<State>,
    params: DidChangeWorkspaceFoldersParams,
) {
    let removed: Vec<PathBuf> = params
        .event
        .removed
        .iter()
        .filter_map(|f| uri_path(&f.uri))
        .collect();
    let mut folders: Vec<PathBuf> = state
        .folders()
        .into_iter()
        .filter(|f| !removed.contains(f))
        .collect();
    folders.extend(params.event.added.iter().filter_map(|f| uri_path(&f.uri)));
    state.set_folders(folders.clone());
    for f in &folders {
        state.project_for(Some(f));
    }
    state.relocate();
    state.recheck(None).await;
}

/// Asks the client to watch config files, rule files and the corpora (when it allows
/// dynamic registration); replaces the previous registration.
pub async fn register_watchers(state: &Arc<State>) {
    let caps = state.caps();
    if !caps.watch_dynamic {
        return;
    }
    let mut watchers = vec![FileSystemWatcher {
        glob_pattern: GlobPattern::String(format!("**/{FILE_NAME}")),
        kind: None,
    }];
    let mut paths: Vec<PathBuf> = Vec::new();
    for project in state.projects() {
        if let Status::Ready(l) = &*project.status.borrow() {
            paths.extend(l.watched.iter().cloned());
        }
    }
    paths.sort();
    paths.dedup();
    for p in paths {
        let dir = p.is_dir();
        let glob = if caps.watch_relative {
            let (base, pattern) = if dir {
                (p.clone(), "**/*".to_string())
            } else {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                (
                    p.parent().map(|d| d.to_path_buf()).unwrap_or_default(),
                    name.unwrap_or_default(),
                )
            };
            match Uri::from_file_path(&base) {
                Some(uri) => GlobPattern::Relative(RelativePattern {
                    base_uri: OneOf::Right(uri),
                    pattern,
                }),
                None => continue,
            }
        } else {
            let s = p.to_string_lossy().replace('\\', "/");
            GlobPattern::String(if dir { format!("{s}/**/*") } else { s })
        };
        watchers.push(FileSystemWatcher {
            glob_pattern: glob,
            kind: None,
        });
    }
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let Ok(options) = serde_json::to_value(options) else {
        return;
    };
    if state
        .watching
        .swap(true, std::sync::atomic::Ordering::SeqCst)
    {
        let _ = state
            .client
            .unregister_capability(vec![Unregistration {
                id: "factlint-watchers".into(),
                method: "workspace/didChangeWatchedFiles".into(),
            }])
            .await;
    }
    let _ = state
        .client
        .register_capability(vec![Registration {
            id: "factlint-watchers".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: Some(options),
        }])
        .await;
}
