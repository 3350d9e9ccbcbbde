//! The open documents: each a rope with its version, edited in the order the client sent
//! the edits. An edit that does not fit (unknown document, older version, position past
//! the last line, reversed range) is refused whole and the last good text is kept.

use super::analysis::Analysis;
use super::chunks::ChunkCache;
use super::position::{self, Encoding};
use super::projects::Project;
use ropey::Rope;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    UnknownDocument,
    /// The version is not newer than the document's.
    OutOfOrder {
        have: i32,
        got: i32,
    },
    /// A range starts or ends past the last line, or ends before it starts.
    BadRange(String),
    /// An earlier edit was refused; incremental edits no longer apply until the client
    /// sends the whole text again (reopening the file).
    OutOfSync,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::UnknownDocument => write!(f, "the document is not open"),
            EditError::OutOfOrder { have, got } => {
                write!(f, "version {got} is not newer than version {have}")
            }
            EditError::BadRange(why) => write!(f, "{why}"),
            EditError::OutOfSync => write!(f, "an earlier edit could not be applied"),
        }
    }
}

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    pub uri: Uri,
    pub language_id: String,
    pub version: i32,
    rope: Rope,
    /// The text as a string, made on demand and dropped on each edit.
    text: Option<Arc<str>>,
    /// An edit was refused: the text is the last good one, incremental edits are refused.
    pub out_of_sync: bool,
    /// The user was told that this document is out of sync.
    pub told: bool,
    /// Claims of its blocks, by content.
    pub cache: Arc<Mutex<ChunkCache>>,
    /// The last analysis published or answered (for pull diagnostics).
    pub last: Option<Arc<Analysis>>,
    /// The project (config and corpus) it is checked with.
    pub project: Option<Arc<Project>>,
}

impl Document {
    pub fn new(uri: Uri, language_id: String, version: i32, text: &str) -> Document {
        Document {
            uri,
            language_id,
            version,
            rope: Rope::from_str(text),
            text: None,
            out_of_sync: false,
            told: false,
            cache: Arc::default(),
            last: None,
            project: None,
        }
    }

    /// The current text (shared; cheap to clone).
    pub fn text(&mut self) -> Arc<str> {
        if let Some(t) = &self.text {
            return t.clone();
        }
        let t: Arc<str> = Arc::from(self.rope.to_string());
        self.text = Some(t.clone());
        t
    }

    pub fn len_bytes(&self) -> usize {
        self.rope.len_bytes()
    }

    /// Applies one `didChange`: every change in order, all or nothing.
    pub fn apply(
        &mut self,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        enc: Encoding,
    ) -> Result<(), EditError> {
        if version <= self.version {
            return Err(EditError::OutOfOrder {
                have: self.version,
                got: version,
            });
        }
        let mut rope = self.rope.clone();
        let mut synced = !self.out_of_sync;
        for change in changes {
            match change.range {
                None => {
                    rope = Rope::from_str(&change.text);
                    synced = true;
                }
                Some(_) if !synced => return Err(EditError::OutOfSync),
                Some(range) => {
                    let at = |p| {
                        position::rope_char(&rope, p, enc).map_err(|e| {
                            EditError::BadRange(format!(
                                "line {} is past the end of the document ({} lines)",
                                e.line, e.lines
                            ))
                        })
                    };
                    let (start, end) = (at(range.start)?, at(range.end)?);
                    if end < start {
                        return Err(EditError::BadRange(format!(
                            "the range ends ({}:{}) before it starts ({}:{})",
                            range.end.line,
                            range.end.character,
                            range.start.line,
                            range.start.character
                        )));
                    }
                    rope.remove(start..end);
                    rope.insert(start, &change.text);
                }
            }
        }
        self.rope = rope;
        self.version = version;
        self.text = None;
        self.out_of_sync = false;
        self.told = false;
        Ok(())
    }
}

/// The open documents by URI.
#[derive(Debug, Default)]
pub struct Documents {
    docs: HashMap<Uri, Document>,
}

impl Documents {
    pub fn open(&mut self, doc: Document) {
        self.docs.insert(doc.uri.clone(), doc);
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.docs.remove(uri)
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.docs.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.docs.get_mut(uri)
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.docs.keys().cloned().collect()
    }

    /// Applies a `didChange`. On error the text is unchanged and the document is marked out
    /// of sync; the result says whether the user still has to be told.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        enc: Encoding,
    ) -> Result<(), (EditError, bool)> {
        let Some(doc) = self.docs.get_mut(uri) else {
            return Err((EditError::UnknownDocument, true));
        };
        doc.apply(version, changes, enc).map_err(|e| {
            doc.out_of_sync = true;
            let tell = !doc.told;
            doc.told = true;
            (e, tell)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn uri() -> Uri {
        "file:///tmp/a.md".parse().unwrap()
    }

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn edits_apply_in_order_and_bad_ones_keep_the_text() {
        let mut docs = Documents::default();
        docs.open(Document::new(
            uri(),
            "markdown".into(),
            1,
            "It cost 😀 $5.\r\nNext",
        ));
        let enc = Encoding::Utf16;
        docs.change(
            &uri(),
            2,
            &[edit(0, 11, 0, 13, "$6"), edit(1, 0, 1, 4, "Last")],
            enc,
        )
        .unwrap();
        let d = docs.get_mut(&uri()).unwrap();
        assert_eq!(&*d.text(), "It cost 😀 $6.\r\nLast");
        // Past the end of the line: the end of the line.
        docs.change(&uri(), 3, &[edit(0, 99, 0, 99, "!")], enc)
            .unwrap();
        assert_eq!(
            &*docs.get_mut(&uri()).unwrap().text(),
            "It cost 😀 $6.!\r\nLast"
        );
        // Out of order: refused, said once.
        let e = docs
            .change(&uri(), 3, &[edit(0, 0, 0, 0, "x")], enc)
            .unwrap_err();
        assert_eq!(e, (EditError::OutOfOrder { have: 3, got: 3 }, true));
        // Now out of sync: further incremental edits are refused without telling again.
        let e = docs
            .change(&uri(), 4, &[edit(0, 0, 0, 0, "x")], enc)
            .unwrap_err();
        assert_eq!(e, (EditError::OutOfSync, false));
        // A bad range in the middle of a change leaves the whole change unapplied.
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "a\nb".into(),
        };
        docs.change(&uri(), 5, std::slice::from_ref(&full), enc)
            .unwrap();
        let e = docs
            .change(
                &uri(),
                6,
                &[edit(0, 0, 0, 1, "A"), edit(7, 0, 7, 0, "x")],
                enc,
            )
            .unwrap_err();
        assert!(matches!(e.0, EditError::BadRange(_)), "{e:?}");
        assert_eq!(&*docs.get_mut(&uri()).unwrap().text(), "a\nb");
        let e = docs.change(&uri(), 7, &[edit(1, 0, 0, 0, "x")], enc);
        assert!(e.is_err());
        docs.change(&uri(), 8, &[full], enc).unwrap();
        let unknown: Uri = "file:///tmp/b.md".parse().unwrap();
        assert_eq!(
            docs.change(&unknown, 1, &[], enc).unwrap_err().0,
            EditError::UnknownDocument
        );
    }
}
