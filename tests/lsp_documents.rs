//! Property test of the server's document store: after thousands of random incremental
//! edits (multi-byte text, CRLF, lone CR, edits at line ends and past them), in UTF-16,
//! UTF-8 and UTF-32, the text equals the text rebuilt by a naive full-sync model.

use factlint::lsp::documents::{Document, Documents};
use factlint::lsp::position::Encoding;
use lines::lines;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

#[path = "util/lines.rs"]
mod lines;
#[path = "util/rng.rs"]
mod rng;
use rng::Rng;

const PIECES: &[&str] = &[
    "a", "Z", " ", "\t", "é", "e\u{301}", "😀", "👍🏽", "€", "\n", "\r\n", "\r", "$10", "2012", "—",
];

fn random_text(rng: &mut Rng, max: usize) -> String {
    (0..rng.below(max + 1))
        .map(|_| PIECES[rng.below(PIECES.len())])
        .collect()
}

fn units(c: char, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => c.len_utf8(),
        Encoding::Utf16 => c.len_utf16(),
        Encoding::Utf32 => 1,
    }
}

/// The naive model: a position's byte offset (character past the line's end = its end;
/// inside a character = its start).
fn offset(text: &str, p: Position, enc: Encoding) -> usize {
    let (start, end) = lines(text)[p.line as usize];
    let mut n = 0;
    for (i, c) in text[start..end].char_indices() {
        if n + units(c, enc) > p.character as usize {
            return start + i;
        }
        n += units(c, enc);
    }
    end
}

fn line_len(text: &str, line: usize, enc: Encoding) -> usize {
    let (s, e) = lines(text)[line];
    text[s..e].chars().map(|c| units(c, enc)).sum()
}

#[test]
fn random_incremental_edits_equal_full_sync() {
    let uri: Uri = "file:///tmp/prop.md".parse().unwrap();
    let mut total = 0;
    for (seed, enc) in [
        (1u64, Encoding::Utf16),
        (7, Encoding::Utf8),
        (42, Encoding::Utf32),
        (99, Encoding::Utf16),
    ] {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ seed);
        let mut model = random_text(&mut rng, 40);
        let mut docs = Documents::default();
        docs.open(Document::new(uri.clone(), "markdown".into(), 0, &model));
        for version in 1..=1500 {
            let n = 1 + rng.below(3);
            let mut changes = Vec::new();
            for _ in 0..n {
                let count = lines(&model).len();
                let mut pos = || {
                    let line = rng.below(count);
                    let len = line_len(&model, line, enc);
                    // At, inside, at the end of and past the end of the line.
                    let character = match rng.below(4) {
                        0 => len,
                        1 => len + 1 + rng.below(3),
                        _ => rng.below(len + 1),
                    };
                    Position::new(line as u32, character as u32)
                };
                let (mut a, mut b) = (pos(), pos());
                if offset(&model, b, enc) < offset(&model, a, enc) {
                    std::mem::swap(&mut a, &mut b);
                }
                let text = random_text(&mut rng, 4);
                let (x, y) = (offset(&model, a, enc), offset(&model, b, enc));
                model.replace_range(x..y, &text);
                changes.push(TextDocumentContentChangeEvent {
                    range: Some(Range::new(a, b)),
                    range_length: None,
                    text,
                });
            }
            docs.change(&uri, version, &changes, enc)
                .unwrap_or_else(|e| panic!("{enc:?} v{version}: {e:?}"));
            let doc = docs.get_mut(&uri).unwrap();
            assert_eq!(&*doc.text(), model, "{enc:?} after version {version}");
            total += n;
        }
    }
    assert!(total > 5000, "{total} edits");
}
