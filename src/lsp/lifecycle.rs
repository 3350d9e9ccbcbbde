//! `initialize` and `initialized`: what the client can do (position encoding, pull
//! diagnostics, progress, watchers, configuration), the server's capabilities, then the
//! settings, the watchers and the background indexing of every workspace folder's corpus.

use super::position::Encoding;
use super::server::{uri_path, Caps, State};
use super::settings::Settings;
use super::workspace;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// Reads the client's capabilities and answers with the server's.
pub fn initialize(state: &Arc<State>, params: InitializeParams) -> Result<InitializeResult> {
    let c = &params.capabilities;
    let td = c.text_document.as_ref();
    let ws = c.workspace.as_ref();
    let caps = Caps {
        encoding: Encoding::negotiate(
            c.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        ),
        pull: td.and_then(|t| t.diagnostic.as_ref()).is_some(),
        pull_refresh: ws
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        related_information: td
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.related_information)
            .unwrap_or(false)
            || td
                .and_then(|t| t.diagnostic.as_ref())
                .and_then(|d| d.related_information)
                .unwrap_or(false),
        work_done_progress: c
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false),
        watch_dynamic: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        watch_relative: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.relative_pattern_support)
            .unwrap_or(false),
        configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
        markdown_hover: td
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_none_or(|f| f.first() != Some(&MarkupKind::PlainText)),
        document_changes: ws
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|e| e.document_changes)
            .unwrap_or(false),
    };
    let mut folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| uri_path(&f.uri))
        .collect();
    #[allow(deprecated)]
    if folders.is_empty() {
        folders.extend(params.root_uri.as_ref().and_then(uri_path));
    }
    state.set_folders(folders);
    if let Some(options) = &params.initialization_options {
        if let Ok(s) = Settings::from_value(options) {
            state.set_settings(s);
        }
    }
    let pull = caps.pull;
    let encoding = caps.encoding;
    state.set_caps(caps);
    Ok(InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..Default::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..Default::default()
            })),
            diagnostic_provider: pull.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("factlint".into()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    ..Default::default()
                })
            }),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..Default::default()
        },
        server_info: Some(ServerInfo {
            name: "factlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        offset_encoding: None,
    })
}

/// Reads the settings, then starts indexing each workspace folder's corpus.
pub async fn initialized(state: &Arc<State>) {
    // A brief opened while the client was answering (Neovim 0.11 sends `didOpen` right
    // after `initialized`) started loading its project with the settings from before;
    // load it again with the client's.
    if workspace::fetch_settings(state).await {
        for project in state.projects() {
            state.start_load(project);
        }
    }
    let folders = state.folders();
    if folders.is_empty() {
        state.project_for(None);
    }
    for folder in folders {
        state.project_for(Some(&folder));
    }
}
