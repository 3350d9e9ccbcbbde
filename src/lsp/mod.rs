//! `factlint lsp`: the language server over stdio. It converts positions, schedules work
//! and renders; every judgement stays in the engine (`crate::check`) and every finding is
//! made by `crate::report`, as for the command line.
//!
//! - `server.rs`: shared state, background indexing, scheduling, publishing;
//! - `documents.rs`: open documents (rope + version); `position.rs`: the one place that
//!   converts byte offsets and LSP positions; `chunks.rs`: per-block checks and their
//!   cache; `analysis.rs`: a checked version; `projects.rs`: configs and corpora;
//!   `settings.rs`: editor settings; `panic.rs`: panics become error responses;
//!   `transport.rs`: malformed frames become error responses;
//! - one file per LSP method: `lifecycle.rs` (initialize), `sync.rs` (didOpen, didChange,
//!   didSave, didClose), `workspace.rs` (configuration, watched files, folders),
//!   `diagnostics.rs` (push and pull), `hover.rs`, `definition.rs`, `code_action.rs`.

pub mod analysis;
pub mod chunks;
pub mod code_action;
pub mod definition;
pub mod diagnostics;
pub mod documents;
pub mod hover;
pub mod lifecycle;
pub mod panic;
pub mod position;
pub mod projects;
pub mod server;
pub mod settings;
pub mod sync;
pub mod transport;
pub mod workspace;

pub use server::Options;

use std::sync::atomic::Ordering;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// Serves LSP on `input`/`output` until `exit`.
pub async fn serve<I, O>(input: I, output: O, options: Options)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (outbox, server_output, writer) = transport::output(output);
    let (service, socket) =
        LspService::build(|client| server::Backend::new(client, options, outbox))
            .custom_method("factlint/debugPanic", server::Backend::debug_panic)
            .custom_method("factlint/debugDocument", server::Backend::debug_document)
            .custom_method(transport::MALFORMED, server::Backend::malformed)
            .finish();
    let client = service.inner().state.client.clone();
    // Malformed frames are answered with errors rather than ending the connection.
    let (pipe_in, pipe_out) = tokio::io::duplex(1 << 16);
    tokio::spawn(transport::sanitize(input, pipe_in));
    Server::new(pipe_out, server_output, socket)
        .serve(panic::CatchPanic::new(service, client))
        .await;
    // Let the writer finish what was already sent.
    let _ = tokio::time::timeout(Duration::from_millis(100), writer).await;
}

/// `factlint lsp`: serves on stdin/stdout; the exit status is 0 after `shutdown` then
/// `exit`, 1 after an `exit` without `shutdown` (as the protocol asks).
pub fn run() -> i32 {
    panic::install();
    few_malloc_arenas();
    let options = Options {
        test_hooks: std::env::var_os("FACTLINT_LSP_TEST_HOOKS").is_some_and(|v| v == "1"),
        ..Options::default()
    };
    let shut_down = options.shut_down.clone();
    // Two workers are plenty for a server whose checks run on blocking threads.
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("factlint lsp: cannot start: {e}");
            }
            return 2;
        }
    };
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), options));
    runtime.shutdown_timeout(Duration::from_millis(200));
    if shut_down.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

/// glibc gives every thread that allocates an arena of its own, and keeps what was freed
/// in each: a long-running server with a few worker and blocking threads holds on to
/// several megabytes that way. Two arenas are plenty for two workers.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn few_malloc_arenas() {
    // SAFETY: mallopt only sets an allocator parameter; it is called before the runtime
    // starts any thread.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn few_malloc_arenas() {}
