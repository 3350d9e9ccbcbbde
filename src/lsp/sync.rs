//! Text synchronisation: `didOpen`, `didChange` (incremental, applied to the rope before
//! anything awaits, so edits keep the order they came in), `didSave` and `didClose`.

use super::documents::{Document, EditError};
use super::panic::lock;
use super::server::{is_markdown, uri_path, State};
use super::workspace;
use std::sync::Arc;
use std::time::Duration;
use tower_lsp_server::ls_types::*;

pub async fn did_open(state: &Arc<State>, params: DidOpenTextDocumentParams) {
    let d = params.text_document;
    let markdown = is_markdown(&d.language_id, &d.uri);
    let mut doc = Document::new(d.uri.clone(), d.language_id, d.version, &d.text);
    if markdown {
        doc.project = Some(state.project_for(uri_path(&d.uri).as_deref()));
    }
    lock(&state.docs).open(doc);
    if markdown {
        state.schedule(d.uri, Duration::ZERO);
    }
}

pub async fn did_change(state: &Arc<State>, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let enc = state.caps().encoding;
    // Applied here, synchronously, before the first await of this handler.
    let result = lock(&state.docs).change(
        &uri,
        params.text_document.version,
        &params.content_changes,
        enc,
    );
    match result {
        Ok(()) => state.schedule(uri, state.settings().debounce()),
        Err((EditError::UnknownDocument, _)) => {
            let message = format!(
                "factlint: an edit to {} was ignored: the document is not open",
                uri.as_str()
            );
            let about = format!("unknown document {}", uri.as_str());
            state.tell_as(&about, MessageType::WARNING, message).await;
        }
        Err((error, tell)) => {
            let message = format!(
                "factlint: an edit to {} could not be applied ({error}); factlint keeps checking the last text it could read. Close and reopen the file to check it again.",
                uri.as_str()
            );
            state.log(MessageType::WARNING, message.clone()).await;
            if tell {
                state
                    .client
                    .show_message(MessageType::WARNING, message)
                    .await;
            }
        }
    }
}

pub async fn did_save(state: &Arc<State>, params: DidSaveTextDocumentParams) {
    // Without file watchers, a saved config, rule or corpus file is the signal to re-load.
    if !state.caps().watch_dynamic {
        if let Some(path) = uri_path(&params.text_document.uri) {
            workspace::files_changed(state, &[path]).await;
        }
    }
}

pub async fn did_close(state: &Arc<State>, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    let was = lock(&state.docs).close(&uri);
    if was.is_some() && !state.caps().pull {
        state.publish_empty(uri, None).await;
    }
}
