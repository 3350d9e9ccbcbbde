//! The server's shared state (client capabilities, open documents, projects, settings)
//! and its scheduling: background indexing with `$/progress`, debounced checks off the
//! runtime, stale results dropped, messages said once. The `LanguageServer` methods only
//! dispatch to one handler file per method.

use super::analysis::{self, Analysis};
use super::documents::Documents;
use super::panic::{self, lock};
use super::position::Encoding;
use super::projects::{self, Loaded, Project, Status};
use super::settings::Settings;
use super::transport::Outbox;
use super::{code_action, definition, diagnostics, hover, lifecycle, sync, workspace};
use crate::check::Claim;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// How the server was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Adds the `factlint/debugPanic` request, which panics, and `factlint/debugDocument`,
    /// which returns a document's text as the server has it (for tests of robustness).
    pub test_hooks: bool,
    /// Set when `shutdown` was received (the exit status depends on it).
    pub shut_down: Arc<AtomicBool>,
}

/// What the client said it can do, read once at `initialize`.
#[derive(Debug, Clone, Default)]
pub struct Caps {
    pub encoding: Encoding,
    /// Pull diagnostics (`textDocument/diagnostic`) instead of pushing them.
    pub pull: bool,
    pub pull_refresh: bool,
    pub related_information: bool,
    pub work_done_progress: bool,
    pub watch_dynamic: bool,
    pub watch_relative: bool,
    pub configuration: bool,
    pub markdown_hover: bool,
    pub document_changes: bool,
}

/// Everything the handlers share.
#[derive(Debug)]
pub struct State {
    pub client: Client,
    /// Large notifications go straight to the output.
    pub outbox: Outbox,
    pub options: Options,
    caps: RwLock<Caps>,
    pub docs: Mutex<Documents>,
    projects: Mutex<HashMap<PathBuf, Arc<Project>>>,
    settings: RwLock<Settings>,
    folders: RwLock<Vec<PathBuf>>,
    /// Messages shown with `window/showMessage`, by what they are about: each is shown once.
    told: Mutex<HashMap<String, String>>,
    /// Publishing is one at a time, so a stale result can never overtake a fresh one.
    publishing: tokio::sync::Mutex<()>,
    tokens: AtomicU64,
    /// File watchers are registered with the client (and must be unregistered first).
    pub watching: AtomicBool,
}

/// A document as it is now, with what checking it needs.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub text: Arc<str>,
    pub cache: Arc<Mutex<super::chunks::ChunkCache>>,
    pub project: Arc<Project>,
}

/// The claims at a place in a document, with the text they were found in.
pub struct At {
    pub snapshot: Snapshot,
    pub loaded: Arc<Loaded>,
    pub lines: super::position::LineIndex,
    pub span: Range<usize>,
    pub claims: Vec<Claim>,
}

/// Whether a document is Markdown: by language id, else by file extension.
pub fn is_markdown(language_id: &str, uri: &Uri) -> bool {
    language_id.eq_ignore_ascii_case("markdown")
        || [".md", ".markdown"]
            .iter()
            .any(|e| uri.path().as_str().to_ascii_lowercase().ends_with(e))
}

pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

impl State {
    pub fn new(client: Client, options: Options, outbox: Outbox) -> State {
        State {
            client,
            outbox,
            options,
            caps: RwLock::default(),
            docs: Mutex::default(),
            projects: Mutex::default(),
            settings: RwLock::default(),
            folders: RwLock::default(),
            told: Mutex::default(),
            publishing: tokio::sync::Mutex::new(()),
            tokens: AtomicU64::new(0),
            watching: AtomicBool::new(false),
        }
    }

    pub fn caps(&self) -> Caps {
        self.caps.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn set_caps(&self, caps: Caps) {
        *self.caps.write().unwrap_or_else(|e| e.into_inner()) = caps;
    }

    pub fn settings(&self) -> Settings {
        self.settings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Replaces the settings; whether they changed.
    pub fn set_settings(&self, settings: Settings) -> bool {
        let mut s = self.settings.write().unwrap_or_else(|e| e.into_inner());
        let changed = *s != settings;
        *s = settings;
        changed
    }

    pub fn folders(&self) -> Vec<PathBuf> {
        self.folders
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn set_folders(&self, folders: Vec<PathBuf>) {
        *self.folders.write().unwrap_or_else(|e| e.into_inner()) = folders;
    }

    pub async fn log(&self, typ: MessageType, message: impl Into<String>) {
        let message = message.into();
        #[allow(clippy::print_stderr)]
        {
            eprintln!("factlint lsp: {message}");
        }
        self.client.log_message(typ, message).await;
    }

    /// Shows an error once for `about` (until [`State::clear`] is called for it), and logs it
    /// every time.
    pub async fn tell(&self, about: &str, message: String) {
        self.tell_as(about, MessageType::ERROR, message).await;
    }

    pub async fn tell_as(&self, about: &str, typ: MessageType, message: String) {
        let new =
            lock(&self.told).insert(about.to_string(), message.clone()) != Some(message.clone());
        self.log(typ, message.clone()).await;
        if new {
            self.client.show_message(typ, message).await;
        }
    }

    pub fn clear(&self, about: &str) {
        lock(&self.told).remove(about);
    }

    /// The current version of an open document.
    pub fn version_of(&self, uri: &Uri) -> Option<i32> {
        lock(&self.docs).get(uri).map(|d| d.version)
    }

    /// The document as it is now, if it is open, Markdown, and assigned a project.
    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let mut docs = lock(&self.docs);
        let doc = docs.get_mut(uri)?;
        if !is_markdown(&doc.language_id, uri) {
            return None;
        }
        Some(Snapshot {
            uri: uri.clone(),
            version: doc.version,
            text: doc.text(),
            cache: doc.cache.clone(),
            project: doc.project.clone()?,
        })
    }

    // ---- projects ------------------------------------------------------------------

    /// The project for a brief (or folder) at `path`, created and loading if new.
    pub fn project_for(self: &Arc<Self>, path: Option<&Path>) -> Arc<Project> {
        let folders = self.folders();
        let (file, root) = match path {
            Some(p) => projects::locate(p, &folders),
            None => match folders.first() {
                Some(f) => projects::locate(f, &folders),
                None => projects::locate(&crate::config::absolute(Path::new(".")), &[]),
            },
        };
        let key = Project::key(file.as_deref(), &root);
        let (project, new) = {
            let mut projects = lock(&self.projects);
            match projects.get(&key) {
                Some(p) => (p.clone(), false),
                None => {
                    let p = Arc::new(Project::new(file, root));
                    projects.insert(key, p.clone());
                    (p, true)
                }
            }
        };
        if new {
            self.start_load(project.clone());
        }
        project
    }

    pub fn projects(&self) -> Vec<Arc<Project>> {
        lock(&self.projects).values().cloned().collect()
    }

    /// Loads (or re-loads) a project's corpus in the background, reporting progress; the
    /// open documents of the project are checked again when it is done. A project that
    /// was ready keeps answering with its old corpus until the new one is ready.
    pub fn start_load(self: &Arc<Self>, project: Arc<Project>) {
        let state = self.clone();
        let generation = project.next_generation();
        tokio::spawn(async move {
            let about = Project::key(project.config_file.as_deref(), &project.root)
                .to_string_lossy()
                .into_owned();
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(String, u32)>();
            let settings = state.settings();
            let (file, root) = (project.config_file.clone(), project.root.clone());
            let work = tokio::task::spawn_blocking(move || {
                panic::guard(|| {
                    projects::load(file.as_deref(), &root, &settings, generation, &|m, p| {
                        let _ = tx.send((m, p));
                    })
                })
            });
            let progress = state.begin_progress("Indexing sources").await;
            while let Some((message, percent)) = rx.recv().await {
                if let Some(p) = &progress {
                    p.report_with_message(message, percent).await;
                }
            }
            let result = match work.await {
                Ok(Ok(r)) => r,
                Ok(Err(panic)) => Err(format!("internal error while indexing: {panic}")),
                Err(e) => Err(format!("internal error while indexing: {e}")),
            };
            if project.generation() != generation {
                if let Some(p) = progress {
                    p.finish().await;
                }
                return;
            }
            let done = match result {
                Ok(loaded) => {
                    let n = loaded.corpus.docs.len();
                    for problem in &loaded.problems {
                        state.log(MessageType::WARNING, problem.clone()).await;
                    }
                    state.clear(&about);
                    state
                        .log(
                            MessageType::INFO,
                            format!("indexed {n} source documents for {about}"),
                        )
                        .await;
                    project.status.send_replace(Status::Ready(Arc::new(loaded)));
                    format!("{n} documents indexed")
                }
                Err(message) => {
                    let shown = match &project.config_file {
                        Some(_) => message,
                        None => format!("{message} (workspace {})", project.root.display()),
                    };
                    project.status.send_replace(Status::Failed(shown.clone()));
                    state.tell(&about, format!("factlint: {shown}")).await;
                    "failed".to_string()
                }
            };
            if let Some(p) = progress {
                p.finish_with_message(done).await;
            }
            workspace::register_watchers(&state).await;
            state.recheck(Some(&project)).await;
        });
    }

    async fn begin_progress(
        &self,
        title: &str,
    ) -> Option<
        tower_lsp_server::OngoingProgress<
            tower_lsp_server::Bounded,
            tower_lsp_server::NotCancellable,
        >,
    > {
        if !self.caps().work_done_progress {
            return None;
        }
        let n = self.tokens.fetch_add(1, Ordering::SeqCst);
        let token = NumberOrString::String(format!("factlint/indexing/{n}"));
        let created = tokio::time::timeout(
            Duration::from_secs(5),
            self.client.create_work_done_progress(token.clone()),
        )
        .await;
        if !matches!(created, Ok(Ok(()))) {
            return None;
        }
        Some(
            self.client
                .progress(token, title)
                .with_percentage(0)
                .begin()
                .await,
        )
    }

    /// Re-assigns every open document to the project its path now belongs to (a
    /// `factlint.toml` may have appeared or gone).
    pub fn relocate(self: &Arc<Self>) {
        let uris = lock(&self.docs).uris();
        for uri in uris {
            let project = self.project_for(uri_path(&uri).as_deref());
            if let Some(doc) = lock(&self.docs).get_mut(&uri) {
                doc.project = Some(project);
            }
        }
    }

    /// Checks the open documents again (of one project, or all): pushes them, or asks a
    /// pulling client to pull again.
    pub async fn recheck(self: &Arc<Self>, project: Option<&Arc<Project>>) {
        if self.caps().pull {
            if self.caps().pull_refresh {
                let _ = self.client.workspace_diagnostic_refresh().await;
            }
            return;
        }
        let uris: Vec<Uri> = {
            let docs = lock(&self.docs);
            docs.uris()
                .into_iter()
                .filter(|u| {
                    let d = docs.get(u);
                    project.is_none_or(|p| {
                        d.and_then(|d| d.project.as_ref())
                            .is_some_and(|q| Arc::ptr_eq(p, q))
                    })
                })
                .collect()
        };
        for uri in uris {
            self.schedule(uri, Duration::ZERO);
        }
    }

    // ---- checking ------------------------------------------------------------------

    /// Pushes diagnostics for the document after `delay`, unless a newer edit comes first.
    pub fn schedule(self: &Arc<Self>, uri: Uri, delay: Duration) {
        if self.caps().pull {
            return;
        }
        let Some(version) = self.version_of(&uri) else {
            return;
        };
        let state = self.clone();
        tokio::spawn(async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            if state.version_of(&uri) != Some(version) {
                return; // superseded
            }
            diagnostics::push(&state, uri, version).await;
        });
    }

    /// Whether a brief is larger than its config's `max_brief_bytes` (then it is not
    /// checked, as `factlint check` skips it, and the user is told once).
    pub async fn too_big(&self, snap: &Snapshot, loaded: &Loaded) -> bool {
        let max = loaded.config.max_brief_bytes;
        let len = snap.text.len() as u64;
        let about = format!("size {}", snap.uri.as_str());
        if len <= max {
            self.clear(&about);
            return false;
        }
        let mb = |n: u64| n as f64 / (1024.0 * 1024.0);
        self.tell_as(
            &about,
            MessageType::WARNING,
            format!(
                "factlint: {} is {:.1} MB, larger than max_brief_bytes ({:.1} MB); it is not checked. Raise max_brief_bytes in factlint.toml to check it.",
                snap.uri.as_str(),
                mb(len),
                mb(max)
            ),
        )
        .await;
        true
    }

    /// Checks a snapshot on a blocking thread. When `cancellable`, the check stops as soon
    /// as the document has a newer version, and `None` comes back.
    pub async fn analyze(
        self: &Arc<Self>,
        snap: &Snapshot,
        loaded: Arc<Loaded>,
        cancellable: bool,
    ) -> Option<Arc<Analysis>> {
        let state = self.clone();
        let snap = snap.clone();
        let uri = snap.uri.clone();
        let caps = self.caps();
        let work = tokio::task::spawn_blocking(move || {
            panic::guard(|| {
                let cancelled = || cancellable && state.version_of(&snap.uri) != Some(snap.version);
                analysis::analyze(
                    &loaded,
                    snap.version,
                    snap.text.clone(),
                    &snap.cache,
                    &caps,
                    &cancelled,
                )
            })
        })
        .await;
        match work {
            Ok(Ok(a)) => a.map(Arc::new),
            Ok(Err(panic)) => {
                self.log(
                    MessageType::ERROR,
                    format!("internal error while checking {}: {panic}", uri.as_str()),
                )
                .await;
                None
            }
            Err(e) => {
                self.log(
                    MessageType::ERROR,
                    format!("check of {} failed: {e}", uri.as_str()),
                )
                .await;
                None
            }
        }
    }

    /// Publishes an analysis if it is still the newest for its document (version and
    /// corpus); one publication at a time.
    pub async fn publish(self: &Arc<Self>, uri: Uri, analysis: Arc<Analysis>) {
        let _one = self.publishing.lock().await;
        {
            let mut docs = lock(&self.docs);
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            let current_corpus = doc.project.as_ref().is_some_and(|p| {
                matches!(&*p.status.borrow(), Status::Ready(l) if l.generation == analysis.loaded.generation)
            });
            if doc.version != analysis.version || !current_corpus {
                return; // stale: a newer check will publish
            }
            let same = doc.last.as_ref().is_some_and(|l| {
                l.version == analysis.version && l.loaded.generation == analysis.loaded.generation
            });
            if same {
                return; // already published
            }
            doc.last = Some(analysis.clone());
        }
        self.send_diagnostics(&uri, &analysis.diagnostics, Some(analysis.version));
    }

    /// Publishes no diagnostics for a document (its project failed, or it was closed).
    pub async fn publish_empty(self: &Arc<Self>, uri: Uri, version: Option<i32>) {
        let _one = self.publishing.lock().await;
        self.send_diagnostics(&uri, &analysis::Diagnostics::Whole(Vec::new()), version);
    }

    /// Writes `publishDiagnostics` serialized straight from the diagnostics (no copy, no
    /// JSON tree: a 1 MB brief can have thousands), all through one ordered channel.
    fn send_diagnostics(
        &self,
        uri: &Uri,
        diagnostics: &analysis::Diagnostics,
        version: Option<i32>,
    ) {
        #[derive(serde::Serialize)]
        struct Params<'a> {
            uri: &'a Uri,
            diagnostics: &'a analysis::Diagnostics,
            #[serde(skip_serializing_if = "Option::is_none")]
            version: Option<i32>,
        }
        self.outbox.notify(
            "textDocument/publishDiagnostics",
            &Params {
                uri,
                diagnostics,
                version,
            },
        );
    }

    /// The claims touching `range` in a document (waiting for its corpus), checking only
    /// the blocks there. `Ok(None)` when the document is not open, not Markdown, or its
    /// corpus could not be loaded.
    pub async fn claims_at(self: &Arc<Self>, uri: &Uri, range: Place) -> Result<Option<At>> {
        let Some(snapshot) = self.snapshot(uri) else {
            return Ok(None);
        };
        let Ok(loaded) = snapshot.project.ready().await else {
            return Ok(None);
        };
        let enc = self.caps().encoding;
        let snap = snapshot.clone();
        let l = loaded.clone();
        let work = tokio::task::spawn_blocking(move || {
            panic::guard(|| {
                let lines = super::position::LineIndex::new(&snap.text);
                let span = match range {
                    Place::Point(p) => {
                        let at = lines.offset(&snap.text, p, enc);
                        at..at
                    }
                    Place::Range(r) => lines.span(&snap.text, r, enc),
                };
                let claims = analysis::claims_at(&l, &snap.text, &snap.cache, span.clone());
                (lines, span, claims)
            })
        })
        .await;
        match work {
            Ok(Ok((lines, span, claims))) => Ok(Some(At {
                snapshot,
                loaded,
                lines,
                span,
                claims,
            })),
            Ok(Err(panic)) => Err(internal(panic)),
            Err(e) => Err(internal(e.to_string())),
        }
    }
}

/// A position or a range in a request.
#[derive(Debug, Clone, Copy)]
pub enum Place {
    Point(Position),
    Range(tower_lsp_server::ls_types::Range),
}

pub fn internal(what: impl std::fmt::Display) -> Error {
    Error {
        code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
        message: format!("factlint: internal error: {what}").into(),
        data: None,
    }
}

/// The language server: a thin dispatcher to one handler file per method.
#[derive(Debug)]
pub struct Backend {
    pub state: Arc<State>,
}

impl Backend {
    pub fn new(client: Client, options: Options, outbox: Outbox) -> Backend {
        Backend {
            state: Arc::new(State::new(client, options, outbox)),
        }
    }

    /// `factlint/debugPanic` (only with test hooks): panics, to show the server survives.
    pub async fn debug_panic(&self, params: serde_json::Value) -> Result<serde_json::Value> {
        if self.state.options.test_hooks {
            panic!("factlint/debugPanic was called with {params}");
        }
        Err(Error::method_not_found())
    }

    /// `factlint/debugDocument` (only with test hooks): `{"uri"}` -> the open document's
    /// `{"version", "text", "outOfSync"}` as the server has it, or `null` if it is not open.
    pub async fn debug_document(&self, params: serde_json::Value) -> Result<serde_json::Value> {
        if !self.state.options.test_hooks {
            return Err(Error::method_not_found());
        }
        let uri: Uri = params["uri"]
            .as_str()
            .and_then(|u| u.parse().ok())
            .ok_or_else(|| Error::invalid_params("expected {\"uri\": a document URI}"))?;
        let mut docs = lock(&self.state.docs);
        Ok(docs.get_mut(&uri).map_or(serde_json::Value::Null, |d| {
            serde_json::json!({"version": d.version, "text": &*d.text(), "outOfSync": d.out_of_sync})
        }))
    }
}

impl Backend {
    /// A frame the transport could not read, turned into a request: answers its error.
    pub async fn malformed(&self, params: serde_json::Value) -> Result<serde_json::Value> {
        let code = params["code"].as_i64().unwrap_or(-32700);
        let message = params["message"]
            .as_str()
            .unwrap_or("Parse error")
            .to_string();
        self.state
            .log(
                MessageType::WARNING,
                format!("malformed message: {message}"),
            )
            .await;
        Err(Error {
            code: tower_lsp_server::jsonrpc::ErrorCode::from(code),
            message: message.into(),
            data: None,
        })
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        lifecycle::initialize(&self.state, params)
    }

    async fn initialized(&self, _: InitializedParams) {
        lifecycle::initialized(&self.state).await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.options.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        sync::did_open(&self.state, params).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        sync::did_change(&self.state, params).await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        sync::did_save(&self.state, params).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        sync::did_close(&self.state, params).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        workspace::did_change_configuration(&self.state, params).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        workspace::did_change_watched_files(&self.state, params).await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        workspace::did_change_workspace_folders(&self.state, params).await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        diagnostics::pull(&self.state, params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        hover::hover(&self.state, params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        definition::definition(&self.state, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        code_action::code_action(&self.state, params).await
    }
}
