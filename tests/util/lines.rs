//! The model of a document's lines that the LSP tests check the server against.

/// Lines as the protocol sees them: (start, end of content) in bytes; `\n`, `\r\n` and a
/// lone `\r` each end a line.
pub fn lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            let end = i;
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            out.push((start, end));
            start = i + 1;
        }
        i += 1;
    }
    out.push((start, b.len()));
    out
}
