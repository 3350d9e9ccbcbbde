//! The one place where byte offsets meet LSP positions: the negotiated position encoding
//! (UTF-16 by default, UTF-8 or UTF-32 when the client offers them), a line index over a
//! text for byte offset <-> position, and edit positions -> char indices in a rope.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says; a line's length never
//! counts its line ending, and a character past it means the end of the line.

use ropey::{Rope, RopeSlice};
use std::ops::Range;
use tower_lsp_server::ls_types::{self as lsp, PositionEncodingKind};

/// How the `character` of an LSP position is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// The client's most preferred encoding among those it offers (its list is in order of
    /// preference); UTF-16 when it offers none, as the protocol requires.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        offered
            .unwrap_or(&[])
            .iter()
            .find_map(|k| match k.as_str() {
                "utf-8" => Some(Encoding::Utf8),
                "utf-16" => Some(Encoding::Utf16),
                "utf-32" => Some(Encoding::Utf32),
                _ => None,
            })
            .unwrap_or_default()
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// Code units of one char.
    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Line starts of a text (`\n`, `\r\n` and lone `\r` end lines).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte range of a 0-based line without its line ending (`None` past the last line).
    pub fn line_range(&self, text: &str, line: usize) -> Option<Range<usize>> {
        let start = *self.starts.get(line)?;
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let b = text.as_bytes();
        if end > start && b.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && b.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end)
    }

    /// The LSP position of a byte offset (clamped to the text and to a char boundary).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> lsp::Position {
        let offset = floor_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts[line];
        let character: usize = match enc {
            Encoding::Utf8 => offset - start,
            _ => text[start..offset].chars().map(|c| enc.units(c)).sum(),
        };
        lsp::Position::new(line as u32, character as u32)
    }

    /// The byte offset of an LSP position: a character past the end of its line is the end
    /// of the line, a line past the last one is the end of the text, and a position inside
    /// a character is that character's start.
    pub fn offset(&self, text: &str, pos: lsp::Position, enc: Encoding) -> usize {
        let Some(line) = self.line_range(text, pos.line as usize) else {
            return text.len();
        };
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in text[line.clone()].char_indices() {
            let n = enc.units(c);
            if units + n > want {
                return line.start + i;
            }
            units += n;
        }
        line.end
    }

    pub fn range(&self, text: &str, span: &Range<usize>, enc: Encoding) -> lsp::Range {
        lsp::Range::new(
            self.position(text, span.start, enc),
            self.position(text, span.end, enc),
        )
    }

    pub fn span(&self, text: &str, range: lsp::Range, enc: Encoding) -> Range<usize> {
        self.offset(text, range.start, enc)..self.offset(text, range.end, enc)
    }
}

/// Why an edit position does not fit the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfRange {
    pub line: u32,
    pub lines: usize,
}

/// A line of a rope without its line ending.
fn rope_line(rope: &Rope, line: usize) -> RopeSlice<'_> {
    let slice = rope.line(line);
    let mut n = slice.len_chars();
    if n > 0 && slice.char(n - 1) == '\n' {
        n -= 1;
    }
    if n > 0 && slice.char(n - 1) == '\r' {
        n -= 1;
    }
    slice.slice(..n)
}

/// The char index in `rope` of an edit position. A character past the end of its line is
/// the end of the line (as the protocol says), a position inside a character is that
/// character's start; a line past the last one is an error.
pub fn rope_char(rope: &Rope, pos: lsp::Position, enc: Encoding) -> Result<usize, OutOfRange> {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return Err(OutOfRange {
            line: pos.line,
            lines: rope.len_lines(),
        });
    }
    let start = rope.line_to_char(line);
    let content = rope_line(rope, line);
    let want = pos.character as usize;
    let within = match enc {
        Encoding::Utf32 => want.min(content.len_chars()),
        Encoding::Utf16 if want >= content.len_utf16_cu() => content.len_chars(),
        Encoding::Utf16 => content.utf16_cu_to_char(want),
        Encoding::Utf8 if want >= content.len_bytes() => content.len_chars(),
        Encoding::Utf8 => content.byte_to_char(want),
    };
    Ok(start + within)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp::Position;

    const TEXT: &str = "a\r\n📈 Target:\t$1 é\u{301}\rlast 👍🏽 $2\nend";

    #[test]
    fn utf16_utf8_and_utf32_columns() {
        let idx = LineIndex::new(TEXT);
        assert_eq!(idx.line_count(), 4);
        let at = TEXT.find("$1").unwrap();
        assert_eq!(
            idx.position(TEXT, at, Encoding::Utf16),
            Position::new(1, 11)
        );
        assert_eq!(
            idx.position(TEXT, at, Encoding::Utf32),
            Position::new(1, 10)
        );
        assert_eq!(idx.position(TEXT, at, Encoding::Utf8), Position::new(1, 13));
        let at2 = TEXT.find("$2").unwrap();
        // "last " + thumbs up (2 units) + skin tone (2 units) + " "
        assert_eq!(
            idx.position(TEXT, at2, Encoding::Utf16),
            Position::new(2, 10)
        );
        assert_eq!(
            idx.position(TEXT, at2, Encoding::Utf32),
            Position::new(2, 8)
        );
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (i, _) in TEXT.char_indices().chain([(TEXT.len(), ' ')]) {
                let p = idx.position(TEXT, i, enc);
                let back = idx.offset(TEXT, p, enc);
                // Offsets inside a line ending map to the end of the line.
                let line = idx.line_range(TEXT, p.line as usize).unwrap();
                assert_eq!(back, i.min(line.end), "{enc:?} {i} {p:?}");
            }
        }
    }

    #[test]
    fn offsets_clamp_and_round_down() {
        let idx = LineIndex::new(TEXT);
        let line1 = idx.line_range(TEXT, 1).unwrap();
        assert_eq!(
            idx.offset(TEXT, Position::new(1, 999), Encoding::Utf16),
            line1.end
        );
        assert_eq!(
            idx.offset(TEXT, Position::new(9, 0), Encoding::Utf16),
            TEXT.len()
        );
        // Inside the surrogate pair of the emoji: its start.
        assert_eq!(
            idx.offset(TEXT, Position::new(1, 1), Encoding::Utf16),
            line1.start
        );
        // Inside its UTF-8 bytes: its start.
        assert_eq!(
            idx.offset(TEXT, Position::new(1, 2), Encoding::Utf8),
            line1.start
        );
        assert_eq!(
            idx.position(TEXT, line1.start + 2, Encoding::Utf16),
            Position::new(1, 0)
        );
    }

    #[test]
    fn rope_positions_agree_with_the_line_index() {
        let rope = Rope::from_str(TEXT);
        let idx = LineIndex::new(TEXT);
        assert_eq!(rope.len_lines(), idx.line_count());
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for line in 0..4u32 {
                for character in 0..20u32 {
                    let p = Position::new(line, character);
                    let c = rope_char(&rope, p, enc).unwrap();
                    assert_eq!(
                        rope.char_to_byte(c),
                        idx.offset(TEXT, p, enc),
                        "{enc:?} {p:?}"
                    );
                }
            }
        }
        assert!(rope_char(&rope, Position::new(4, 0), Encoding::Utf16).is_err());
    }

    #[test]
    fn negotiation_follows_the_clients_preference() {
        let k = |s: &'static str| PositionEncodingKind::from(s);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[k("utf-8")])), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[k("x"), k("utf-32"), k("utf-8")])),
            Encoding::Utf32
        );
        assert_eq!(Encoding::negotiate(Some(&[k("utf-16")])), Encoding::Utf16);
    }
}
