//! Panics never reach the user: every request runs under [`CatchPanic`], which turns a
//! panic into an error response (and a log line) and keeps the server serving; blocking
//! work runs under [`guard`]. The panic hook writes to stderr only, never to stdout.
#![allow(clippy::print_stderr)]

use std::cell::RefCell;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Mutex, MutexGuard, Once};
use std::task::{Context, Poll};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Request, Response};
use tower_lsp_server::ls_types::MessageType;
use tower_lsp_server::Client;
use tower_service::Service;

thread_local! {
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Records each panic's message and place for the error response, and logs it to stderr.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        panic::set_hook(Box::new(|info| {
            let message = info.to_string().replace('\n', " ");
            eprintln!("factlint lsp: internal error: {message}");
            LAST.with(|l| *l.borrow_mut() = Some(message));
        }));
    });
}

fn message(payload: Box<dyn std::any::Any + Send>) -> String {
    LAST.with(|l| l.borrow_mut().take()).unwrap_or_else(|| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into())
    })
}

/// Runs blocking work; a panic becomes `Err(what it said, and where)`.
pub fn guard<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(message)
}

/// Locks a mutex even if a panic poisoned it (the data is still consistent: every update
/// under these locks is a single assignment or insertion).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// A future whose panics are caught.
struct Caught<T>(BoxFuture<T>);

impl<T> Future for Caught<T> {
    type Output = Result<T, String>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match panic::catch_unwind(AssertUnwindSafe(|| self.0.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Err(payload) => Poll::Ready(Err(message(payload))),
        }
    }
}

/// The LSP service with every request and notification run under `catch_unwind`.
pub struct CatchPanic<S> {
    inner: S,
    client: Client,
}

impl<S> CatchPanic<S> {
    pub fn new(inner: S, client: Client) -> CatchPanic<S> {
        CatchPanic { inner, client }
    }
}

impl<S> Service<Request> for CatchPanic<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = BoxFuture<Result<Option<Response>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let id = req.id().cloned();
        let method = req.method().to_string();
        let client = self.client.clone();
        let fut = match panic::catch_unwind(AssertUnwindSafe(|| self.inner.call(req))) {
            Ok(fut) => Caught(Box::pin(fut)),
            Err(payload) => {
                let m = message(payload);
                Caught(Box::pin(async move { panic!("{m}") }))
            }
        };
        Box::pin(async move {
            match fut.await {
                Ok(result) => result,
                Err(what) => {
                    let text = format!("factlint: internal error in {method}: {what}");
                    client.log_message(MessageType::ERROR, &text).await;
                    Ok(id.map(|id| {
                        Response::from_error(
                            id,
                            Error {
                                code: ErrorCode::InternalError,
                                message: text.into(),
                                data: None,
                            },
                        )
                    }))
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error() {
        install();
        assert_eq!(guard(|| 1), Ok(1));
        let err = guard(|| -> i32 { panic!("boom {}", 7) }).unwrap_err();
        assert!(err.contains("boom 7"), "{err}");
    }
}
