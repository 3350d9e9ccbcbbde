//! The transport around tower-lsp's: on the way in, a frame the JSON-RPC layer could not
//! read (no `Content-Length`, a body that is not JSON, JSON that is not a request,
//! notification or response) is answered with an error response instead of ending the
//! connection; on the way out, tower-lsp's frames and the server's own pre-serialized
//! notifications (large `publishDiagnostics`, written straight from the diagnostics
//! rather than through a JSON tree) share one writer, whole frame by whole frame.

use serde::Serialize;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// The method a malformed frame is turned into; it answers with the error in its params.
pub const MALFORMED: &str = "factlint/malformedMessage";

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn malformed(id: Value, code: i64, message: &str) -> Vec<u8> {
    let msg = json!({
        "jsonrpc": "2.0",
        "id": id,
        "method": MALFORMED,
        "params": {"code": code, "message": message},
    });
    frame(msg.to_string().as_bytes())
}

/// Whether a JSON value is a JSON-RPC message the server can route.
fn check(body: &[u8]) -> Result<(), (Value, i64, String)> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| (Value::Null, -32700, format!("Parse error: {e}")))?;
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let id_ok = matches!(id, Value::Null | Value::Number(_) | Value::String(_));
    let is_request = value.get("method").is_some_and(Value::is_string);
    let is_response = value.get("id").is_some()
        && value.get("method").is_none()
        && (value.get("result").is_some() || value.get("error").is_some());
    if value.get("jsonrpc") == Some(&json!("2.0")) && id_ok && (is_request || is_response) {
        Ok(())
    } else {
        let id = if id_ok { id } else { Value::Null };
        Err((
            id,
            -32600,
            "Invalid request: not a JSON-RPC 2.0 message".into(),
        ))
    }
}

/// The largest message body read: a larger `Content-Length` is answered with an error and
/// its body skipped without being held (rather than allocating whatever a header claims,
/// which aborts the process when the allocation fails).
pub const MAX_MESSAGE_BYTES: usize = 256 << 20;

/// Copies frames from `input` to `output`, replacing malformed ones; ends at end of input.
pub async fn sanitize<R, W>(input: R, output: W)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    sanitize_limited(input, output, MAX_MESSAGE_BYTES).await
}

async fn sanitize_limited<R, W>(input: R, mut output: W, max: usize)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut input = BufReader::new(input);
    loop {
        let mut length: Option<usize> = None;
        let mut bad_header = false;
        let mut line = String::new();
        loop {
            line.clear();
            match input.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let l = line.trim_end_matches(['\r', '\n']);
            if l.is_empty() {
                if length.is_some() || bad_header {
                    break;
                }
                continue;
            }
            match l.split_once(':') {
                Some((name, v)) if name.eq_ignore_ascii_case("content-length") => {
                    match v.trim().parse() {
                        Ok(n) => length = Some(n),
                        Err(_) => bad_header = true,
                    }
                }
                Some((name, _)) if name.eq_ignore_ascii_case("content-type") => {}
                _ => bad_header = true,
            }
        }
        let out = match length {
            Some(n) if !bad_header && n > max => {
                let message = format!(
                    "Invalid request: a message of {n} bytes is larger than the limit ({max} bytes); skipped"
                );
                let out = malformed(Value::Null, -32600, &message);
                if output.write_all(&out).await.is_err() || output.flush().await.is_err() {
                    return;
                }
                let mut body = (&mut input).take(n as u64);
                match tokio::io::copy(&mut body, &mut tokio::io::sink()).await {
                    Ok(skipped) if skipped == n as u64 => continue,
                    _ => return,
                }
            }
            Some(n) if !bad_header => {
                let mut body = vec![0; n];
                if input.read_exact(&mut body).await.is_err() {
                    return;
                }
                match check(&body) {
                    Ok(()) => frame(&body),
                    Err((id, code, message)) => malformed(id, code, &message),
                }
            }
            _ => malformed(Value::Null, -32700, "Parse error: bad LSP header"),
        };
        if output.write_all(&out).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
}

/// Reads whole frames (headers + body) from `input`; `None` at the end.
async fn read_frame<R: AsyncBufReadExt + Unpin>(input: &mut R) -> Option<Vec<u8>> {
    let mut head = Vec::new();
    let mut length = None;
    loop {
        let mut line = String::new();
        if input.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        head.extend_from_slice(line.as_bytes());
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, v)) = l.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse::<usize>().ok();
            }
        }
    }
    let mut body = vec![0; length?];
    input.read_exact(&mut body).await.ok()?;
    head.extend_from_slice(&body);
    Some(head)
}

/// Where the server writes frames of its own.
#[derive(Debug, Clone)]
pub struct Outbox {
    tx: mpsc::UnboundedSender<Vec<u8>>,
}

#[derive(Serialize)]
struct Notification<'a, P: Serialize> {
    jsonrpc: &'static str,
    method: &'static str,
    params: &'a P,
}

impl Outbox {
    /// Sends a notification, serialized straight to bytes; whether it could be sent.
    pub fn notify<P: Serialize>(&self, method: &'static str, params: &P) -> bool {
        let note = Notification {
            jsonrpc: "2.0",
            method,
            params,
        };
        match serde_json::to_vec(&note) {
            Ok(body) => self.tx.send(frame(&body)).is_ok(),
            Err(_) => false,
        }
    }
}

/// The output side: returns the outbox, the stream tower-lsp writes to, and the task
/// that writes everything to `output` (it ends when every sender is gone).
pub fn output<W>(output: W) -> (Outbox, tokio::io::DuplexStream, tokio::task::JoinHandle<()>)
where
    W: AsyncWrite + Unpin + Send + 'static,
{
    let (tx, mut rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let (server_side, ours) = tokio::io::duplex(1 << 16);
    let forward = tx.clone();
    tokio::spawn(async move {
        let mut reader = BufReader::new(ours);
        while let Some(f) = read_frame(&mut reader).await {
            if forward.send(f).is_err() {
                return;
            }
        }
    });
    let writer = tokio::spawn(async move {
        let mut output = output;
        while let Some(f) = rx.recv().await {
            if output.write_all(&f).await.is_err() || output.flush().await.is_err() {
                return;
            }
        }
    });
    (Outbox { tx }, server_side, writer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_checked() {
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","method":"x"}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_ok());
        assert_eq!(check(b"{").unwrap_err().1, -32700);
        let e = check(br#"{"jsonrpc":"2.0","id":4}"#).unwrap_err();
        assert_eq!((e.0, e.1), (json!(4), -32600));
        assert_eq!(check(br#"[1]"#).unwrap_err().1, -32600);
    }

    #[tokio::test]
    async fn malformed_frames_become_error_requests() {
        let good = br#"{"jsonrpc":"2.0","method":"a","id":1}"#;
        let mut input = b"Content-Length: 3\r\n\r\n{x}garbage\r\n\r\n".to_vec();
        input.extend_from_slice(&frame(good));
        let mut out = Vec::new();
        sanitize(&input[..], &mut out).await;
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches(MALFORMED).count(), 2, "{text}");
        assert!(
            text.ends_with("{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"id\":1}"),
            "{text}"
        );
    }

    #[tokio::test]
    async fn oversized_frames_are_refused_and_skipped() {
        let good = br#"{"jsonrpc":"2.0","method":"a","id":1}"#;
        let mut input = format!("Content-Length: 50\r\n\r\n{}", "x".repeat(50)).into_bytes();
        input.extend_from_slice(&frame(good));
        let mut out = Vec::new();
        sanitize_limited(&input[..], &mut out, 40).await;
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("a message of 50 bytes is larger than the limit (40 bytes)"),
            "{text}"
        );
        assert!(text.ends_with(std::str::from_utf8(good).unwrap()), "{text}");
        // A length no allocation could hold: refused, not an abort.
        let input = b"Content-Length: 1152921504606846976\r\n\r\n{}".to_vec();
        let mut out = Vec::new();
        sanitize(&input[..], &mut out).await;
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("larger than the limit"), "{text}");
    }
}
