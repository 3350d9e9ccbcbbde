//! One function per fuzz target. Each takes the fuzzer's bytes and panics when an invariant
//! does not hold (not only when the code under test panics):
//!
//! - `markdown`: Markdown brief -> prose segments -> figures -> checked claims; every piece,
//!   span and claim lies inside the brief on char boundaries, mapped text equals the brief.
//! - `figures`: every recognizer alone, the resolved figures, and the number normalizer on
//!   arbitrary text; spans inside and on char boundaries, values ordered and never NaN,
//!   normalizing a number is idempotent.
//! - `positions`: byte offset <-> LSP position in UTF-8, UTF-16 and UTF-32, against a naive
//!   model and the rope; conversions round-trip.
//! - `documents`: the server's document store under a sequence of incremental edits, full
//!   replacements, stale versions and bad ranges, against a plain `String` model.
//! - `corpus`: the corpus loader on arbitrary files (any bytes, any of its extensions,
//!   rule files included), then the corpus built from what it loaded.
//!
//! This file is also compiled into the main crate's tests (`tests/fuzz_regressions.rs`):
//! it may use only `factlint`, `tower_lsp_server`, `ropey` and `std`.
#![allow(dead_code)]

use factlint::figures::{self, Candidate, Figure, Numbers, Value};
use factlint::lsp::documents::{Document, Documents, EditError};
use factlint::lsp::position::{self, Encoding, LineIndex};
use factlint::{Corpus, Rules, SourceText};
use ropey::Rope;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower_lsp_server::ls_types::{
    Position, Range as LspRange, TextDocumentContentChangeEvent, Uri,
};

// ---------------------------------------------------------------------------------------
// shared helpers

/// Reads the fuzzer's bytes as a stream of small decisions; past the end, zeros.
pub struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Bytes<'a> {
        Bytes { data }
    }
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    pub fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }
    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        if n <= 256 {
            self.u8() as usize % n
        } else {
            self.u16() as usize % n
        }
    }
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.data.len());
        let (a, b) = self.data.split_at(n);
        self.data = b;
        a
    }
    pub fn rest(&mut self) -> &'a [u8] {
        self.take(self.data.len())
    }
}

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn assert_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside the text ({} bytes): {text:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries: {text:?}"
    );
}

fn assert_value(v: &Value, what: &str) {
    match v {
        Value::Number(i) => {
            assert!(
                !i.lo.is_nan() && !i.hi.is_nan() && i.lo <= i.hi,
                "{what}: interval {i:?}"
            );
        }
        Value::Date(d) => {
            if let Some((a, b)) = d.year {
                assert!(a <= b, "{what}: years {a}..{b}");
            }
            if let Some(m) = d.month {
                assert!((1..=12).contains(&m), "{what}: month {m}");
            }
            if let Some(day) = d.day {
                assert!((1..=31).contains(&day), "{what}: day {day}");
            }
        }
    }
}

fn assert_figure(text: &str, f: &Figure, what: &str) {
    assert_span(text, &f.span, what);
    assert!(
        f.span.start < f.span.end,
        "{what}: empty figure span in {text:?}"
    );
    if let Some(h) = &f.hedge_span {
        assert_span(text, h, what);
        assert!(f.hedge.is_some(), "{what}: a hedge span without a hedge");
    }
    assert_span(text, &f.full_span(), what);
    assert_value(&f.value, what);
    assert!(
        !f.display(text).is_empty(),
        "{what}: empty display in {text:?}"
    );
}

fn rules() -> &'static Arc<Rules> {
    static RULES: OnceLock<Arc<Rules>> = OnceLock::new();
    RULES.get_or_init(|| Arc::new(Rules::default()))
}

fn numbers() -> &'static Numbers {
    &rules().numbers
}

// ---------------------------------------------------------------------------------------
// 1. Markdown brief -> prose segments -> figures -> claims

/// A small corpus, so that briefs are checked end to end (sentences, contexts, verdicts).
fn small_corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let sources = vec![
            SourceText {
                path: "harbor.txt".into(),
                text: "Harbor Report\n\nThe council approved a $40 million budget for the harbor in 2019. \
                       Traffic rose by 12% to 1,200 ships a year. The port opened on April 28, 2016, \
                       after nearly ten years of work.\n"
                    .into(),
            },
            SourceText {
                path: "debt.md".into(),
                text: "# Debt\n\nIn 2014 Moscow cancelled almost US $10 billion, or 90%, of the debt, \
                       to be paid back over 20 years. A 43-year-old minister signed Resolution 2270.\n"
                    .into(),
            },
        ];
        Corpus::build(sources, rules().clone()).expect("the small corpus builds")
    })
}

pub fn markdown(data: &[u8]) {
    let brief = text_of(data);
    let prose = factlint::markdown::prose(&brief);
    for seg in &prose.segments {
        let mut last_a = 0;
        let mut last_b = 0;
        for (i, &(a, b, len)) in seg.pieces.iter().enumerate() {
            assert!(
                len > 0 || seg.pieces.len() == 1,
                "empty piece {i} in {brief:?}"
            );
            assert!(
                i == 0 || a >= last_a,
                "pieces out of order in {brief:?}: {:?}",
                seg.pieces
            );
            assert!(
                i == 0 || b >= last_b,
                "pieces out of order in the brief {brief:?}: {:?}",
                seg.pieces
            );
            assert_span(&seg.text, &(a..a + len), "piece in the segment");
            assert_span(&brief, &(b..b + len), "piece in the brief");
            assert_eq!(
                &seg.text[a..a + len],
                &brief[b..b + len],
                "a piece's text differs from the brief: {brief:?}"
            );
            last_a = a + len;
            last_b = b + len;
        }
        for f in figures::find(&seg.text, numbers()) {
            assert_figure(&seg.text, &f, "figure in a segment");
            if let Some(r) = seg.to_source(f.span.clone()) {
                assert_span(&brief, &r, "figure mapped to the brief");
                assert!(r.start < r.end);
            }
        }
    }
    for claim in factlint::check(small_corpus(), &brief) {
        assert_span(&brief, &claim.span, "claim");
        assert_span(&brief, &claim.full_span, "claim with its hedge");
        assert!(
            claim.full_span.start <= claim.span.start && claim.span.end <= claim.full_span.end,
            "the hedge span does not hold the figure: {claim:?}"
        );
        assert!(
            claim.span.start < claim.span.end,
            "empty claim in {brief:?}"
        );
        assert!(!claim.message().is_empty());
        for e in claim.evidence.iter().chain(&claim.explanation.candidates) {
            let doc = &small_corpus().docs[e.doc];
            assert_span(&doc.text, &e.quote_span, "quote");
            assert_span(&e.quote, &e.figure_in_quote, "figure in the quote");
            assert_eq!(e.quote, doc.text[e.quote_span.clone()]);
        }
    }
}

// ---------------------------------------------------------------------------------------
// 2. Each recognizer and the number normalizer

type Recognizer = fn(&str, &Numbers) -> Vec<Candidate>;

const RECOGNIZERS: &[(&str, Recognizer)] = &[
    ("ignore", figures::ignore::find),
    ("date", figures::date::find),
    ("money", figures::money::find),
    ("percent", figures::percent::find),
    ("age", figures::age::find),
    ("duration", figures::duration::find),
    ("multiplier", figures::multiplier::find),
    ("ordinal", figures::ordinal::find),
    ("identifier", figures::identifier::find),
    ("count", figures::count::find),
];

/// A number read back as the value it stands for, written in plain digits: normalizing
/// twice gives the same as normalizing once.
fn normalize(n: &Numbers, s: &str) -> Option<String> {
    let (v, step) = n.parse(s)?;
    assert!(
        v.is_finite() && v >= 0.0,
        "{s:?} reads as {v}, not a finite non-negative number"
    );
    assert!(step > 0.0 && step.is_finite(), "{s:?} has step {step}");
    Some(format!("{v}"))
}

pub fn figures(data: &[u8]) {
    let text = text_of(data);
    let n = numbers();
    for (name, recognize) in RECOGNIZERS {
        for c in recognize(&text, n) {
            assert_span(&text, &c.span, name);
            if let Some(f) = &c.figure {
                assert_figure(&text, f, name);
            }
        }
    }
    let found = figures::find(&text, n);
    let mut end = 0;
    for f in &found {
        assert_figure(&text, f, "resolved figure");
        let full = f.full_span();
        assert!(
            full.start >= end,
            "figures overlap or are out of order in {text:?}: {found:?}"
        );
        end = full.end;
        let written = &text[f.span.clone()];
        if let Some(once) = normalize(n, written) {
            let twice = normalize(n, &once);
            assert_eq!(
                twice.as_deref(),
                Some(once.as_str()),
                "normalizing {written:?}"
            );
        }
    }
    for piece in std::iter::once(text.as_str())
        .chain(text.split(|c: char| !c.is_alphanumeric() && c != ',' && c != '.' && c != '-'))
    {
        if let Some(once) = normalize(n, piece) {
            let twice = normalize(n, &once);
            assert_eq!(
                twice.as_deref(),
                Some(once.as_str()),
                "normalizing {piece:?}"
            );
        }
    }
    for word in text.split_whitespace() {
        if let Some(k) = n.scale(word) {
            assert!(k.is_finite() && k > 0.0, "scale {word:?} = {k}");
        }
    }
}

// ---------------------------------------------------------------------------------------
// 3. Byte offset <-> LSP position

const ENCODINGS: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

fn units(c: char, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => c.len_utf8(),
        Encoding::Utf16 => c.len_utf16(),
        Encoding::Utf32 => 1,
    }
}

/// Lines as the protocol sees them (`\n`, `\r\n`, lone `\r`): (start, end of content).
pub fn model_lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
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

/// The naive model of a position's byte offset: a character past the line's end is its
/// end, inside a character is its start; `None` for a line past the last.
pub fn model_offset(
    lines: &[(usize, usize)],
    text: &str,
    p: Position,
    enc: Encoding,
) -> Option<usize> {
    let &(start, end) = lines.get(p.line as usize)?;
    let mut n = 0usize;
    for (i, c) in text[start..end].char_indices() {
        n += units(c, enc);
        if n > p.character as usize {
            return Some(start + i);
        }
    }
    Some(end)
}

/// The naive model of an offset's position (offset on a char boundary).
fn model_position(lines: &[(usize, usize)], text: &str, offset: usize, enc: Encoding) -> Position {
    let line = lines.iter().rposition(|&(s, _)| s <= offset).unwrap_or(0);
    let start = lines[line].0;
    let character: usize = text[start..offset].chars().map(|c| units(c, enc)).sum();
    Position::new(line as u32, character as u32)
}

pub fn positions(data: &[u8]) {
    let mut b = Bytes::new(data);
    let ctrl_len = b.below(64);
    let mut ctrl = Bytes::new(b.take(ctrl_len));
    let text = text_of(b.rest());
    let idx = LineIndex::new(&text);
    let rope = Rope::from_str(&text);
    let lines = model_lines(&text);
    assert_eq!(idx.line_count(), lines.len(), "line count of {text:?}");
    assert_eq!(
        rope.len_lines(),
        lines.len(),
        "the rope's line count of {text:?}"
    );
    for (l, &(s, e)) in lines.iter().enumerate() {
        assert_eq!(idx.line_range(&text, l), Some(s..e), "line {l} of {text:?}");
    }
    assert_eq!(idx.line_range(&text, lines.len()), None);

    // Every char boundary (or a sample of them in long texts) round-trips.
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let stride = (boundaries.len() / 200).max(1);
    for enc in ENCODINGS {
        for &i in boundaries.iter().step_by(stride) {
            let p = idx.position(&text, i, enc);
            assert_eq!(
                p,
                model_position(&lines, &text, i, enc),
                "{enc:?} position of {i} in {text:?}"
            );
            let back = idx.offset(&text, p, enc);
            let (_, line_end) = lines[p.line as usize];
            // Offsets inside a line ending come back as the end of the line.
            assert_eq!(
                back,
                i.min(line_end),
                "{enc:?} {i} -> {p:?} -> {back} in {text:?}"
            );
            let c = position::rope_char(&rope, p, enc).expect("a position on a line of the text");
            assert_eq!(
                rope.char_to_byte(c),
                back,
                "{enc:?} rope at {p:?} in {text:?}"
            );
            if i < text.len() && !text.is_char_boundary(i + 1) {
                // Inside a character: its start.
                assert_eq!(
                    idx.position(&text, i + 1, enc),
                    p,
                    "{enc:?} inside the char at {i}"
                );
            }
        }
        assert_eq!(
            idx.position(&text, text.len() + 1 + ctrl.below(1000), enc),
            idx.position(&text, text.len(), enc),
            "past the end clamps to the end"
        );
    }

    // Arbitrary positions: on a char boundary, as the model says, the rope agrees.
    while !ctrl.is_empty() {
        let enc = ENCODINGS[ctrl.below(3)];
        let line = ctrl.below(lines.len() + 2) as u32;
        let character = match ctrl.u8() {
            255 => u32::MAX,
            254 => ctrl.u16() as u32 * 1000,
            c => c as u32,
        };
        let p = Position::new(line, character);
        let o = idx.offset(&text, p, enc);
        assert!(
            o <= text.len() && text.is_char_boundary(o),
            "{enc:?} {p:?} -> {o} in {text:?}"
        );
        match model_offset(&lines, &text, p, enc) {
            Some(m) => {
                assert_eq!(o, m, "{enc:?} offset of {p:?} in {text:?}");
                let c = position::rope_char(&rope, p, enc).expect("a line of the text");
                assert_eq!(rope.char_to_byte(c), o, "{enc:?} rope at {p:?} in {text:?}");
                let q = idx.position(&text, o, enc);
                assert_eq!(q.line, p.line, "{enc:?} {p:?} -> {o} -> {q:?}");
                assert!(q.character <= p.character, "{enc:?} {p:?} -> {o} -> {q:?}");
                assert_eq!(idx.offset(&text, q, enc), o, "{enc:?} {q:?} is not stable");
            }
            None => {
                assert_eq!(o, text.len(), "a line past the last is the end of the text");
                assert!(position::rope_char(&rope, p, enc).is_err());
            }
        }
        let other = Position::new(ctrl.below(lines.len() + 1) as u32, ctrl.u8() as u32);
        let range = LspRange::new(p, other);
        let span = idx.span(&text, range, enc);
        assert_eq!(span, o..idx.offset(&text, other, enc));
        if span.start <= span.end {
            let r = idx.range(&text, &span, enc);
            assert_eq!(
                idx.span(&text, r, enc),
                span,
                "{enc:?} range round trip in {text:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// 4. The document store under incremental edits

const PIECES: &[&str] = &[
    "a", "Z", " ", "\t", "é", "e\u{301}", "😀", "👍🏽", "€", "\n", "\r\n", "\r", "$10", "2012", "—",
    "\u{2028}", "\u{85}", "\0", "𝟙", "٣",
];

fn piece_text(b: &mut Bytes) -> String {
    let n = b.below(6);
    let mut s = String::new();
    for _ in 0..n {
        match b.u8() {
            x if (x as usize) < PIECES.len() * 10 => s.push_str(PIECES[x as usize % PIECES.len()]),
            x => s.push(char::from(x)),
        }
    }
    s
}

fn position_in(b: &mut Bytes, text: &str, enc: Encoding) -> Position {
    let lines = model_lines(text);
    let line = b.below(lines.len() + 1) as u32;
    let len: usize = lines
        .get(line as usize)
        .map_or(0, |&(s, e)| text[s..e].chars().map(|c| units(c, enc)).sum());
    let character = match b.u8() {
        255 => u32::MAX,
        250..=254 => len as u32 + 1 + b.u8() as u32,
        x => (x as usize % (len + 2)) as u32,
    };
    Position::new(line, character)
}

/// What the store should do, computed on a plain `String`.
#[derive(Debug, Clone)]
struct Model {
    text: String,
    version: i32,
    out_of_sync: bool,
    told: bool,
}

impl Model {
    fn apply(
        &self,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        enc: Encoding,
    ) -> Result<Model, &'static str> {
        if version <= self.version {
            return Err("out of order");
        }
        let mut text = self.text.clone();
        let mut synced = !self.out_of_sync;
        for ch in changes {
            match ch.range {
                None => {
                    text = ch.text.clone();
                    synced = true;
                }
                Some(_) if !synced => return Err("out of sync"),
                Some(r) => {
                    let lines = model_lines(&text);
                    let a = model_offset(&lines, &text, r.start, enc).ok_or("bad range")?;
                    let z = model_offset(&lines, &text, r.end, enc).ok_or("bad range")?;
                    if z < a {
                        return Err("bad range");
                    }
                    text.replace_range(a..z, &ch.text);
                }
            }
        }
        Ok(Model {
            text,
            version,
            out_of_sync: false,
            told: false,
        })
    }
}

pub fn documents(data: &[u8]) {
    let mut b = Bytes::new(data);
    let enc = ENCODINGS[b.below(3)];
    let uri: Uri = "file:///fuzz/brief.md".parse().unwrap();
    let initial = piece_text(&mut b);
    let mut docs = Documents::default();
    docs.open(Document::new(uri.clone(), "markdown".into(), 0, &initial));
    let mut model = Model {
        text: initial,
        version: 0,
        out_of_sync: false,
        told: false,
    };
    let mut steps = 0;
    while !b.is_empty() && steps < 500 {
        steps += 1;
        let op = b.u8();
        let version = match op & 0xc0 {
            0x00 => model.version, // stale: refused
            0x40 => model.version.saturating_sub(b.u8() as i32),
            _ => model.version.saturating_add(1 + b.below(3) as i32),
        };
        let n = 1 + b.below(4);
        let mut changes = Vec::new();
        // Positions are drawn against the text as it will be before each change, as an
        // editor does; a change may then be refused whole.
        let mut scratch = model.text.clone();
        for _ in 0..n {
            let full = b.below(16) == 0;
            let text = piece_text(&mut b);
            if full {
                scratch = text.clone();
                changes.push(TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text,
                });
                continue;
            }
            let p = position_in(&mut b, &scratch, enc);
            let q = if b.below(8) == 0 {
                position_in(&mut b, &scratch, enc)
            } else {
                // usually a forward range on the same line or a few lines on
                let lines = model_lines(&scratch);
                let line = (p.line as usize + b.below(3)).min(lines.len()) as u32;
                Position::new(
                    line,
                    if line == p.line {
                        p.character.saturating_add(b.below(8) as u32)
                    } else {
                        b.below(16) as u32
                    },
                )
            };
            let range = LspRange::new(p, q);
            let lines = model_lines(&scratch);
            if let (Some(a), Some(z)) = (
                model_offset(&lines, &scratch, p, enc),
                model_offset(&lines, &scratch, q, enc),
            ) {
                if a <= z {
                    scratch.replace_range(a..z, &text);
                }
            }
            changes.push(TextDocumentContentChangeEvent {
                range: Some(range),
                range_length: None,
                text,
            });
        }
        let want = model.apply(version, &changes, enc);
        let got = docs.change(&uri, version, &changes, enc);
        match (&want, &got) {
            (Ok(m), Ok(())) => model = m.clone(),
            (Err(why), Err((e, tell))) => {
                let same = matches!(
                    (*why, e),
                    ("out of order", EditError::OutOfOrder { .. })
                        | ("out of sync", EditError::OutOfSync)
                        | ("bad range", EditError::BadRange(_))
                );
                assert!(same, "the model says {why}, the store {e:?}");
                assert_eq!(*tell, !model.told, "whether to tell the user");
                model.out_of_sync = true;
                model.told = true;
            }
            _ => panic!(
                "the model says {want:?}, the store {got:?}; text {:?}, changes {changes:?}",
                model.text
            ),
        }
        let doc = docs.get_mut(&uri).expect("the document stays open");
        assert_eq!(doc.version, model.version);
        assert_eq!(doc.out_of_sync, model.out_of_sync);
        assert_eq!(doc.len_bytes(), model.text.len());
        assert_eq!(&*doc.text(), model.text.as_str(), "after {changes:?}");
    }
}

// ---------------------------------------------------------------------------------------
// 5. The corpus loader on arbitrary files

const EXTENSIONS: &[&str] = &[
    "txt", "md", "toml", "markdown", "TXT", "Md", "bin", "", "txt.bak",
];

fn scratch_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("factlint-fuzz-corpus-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        dir
    })
    .clone()
}

pub fn corpus(data: &[u8]) {
    let mut b = Bytes::new(data);
    let count = 1 + b.below(3);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..count {
        let ext = EXTENSIONS[b.below(EXTENSIONS.len())];
        let len = if i + 1 == count {
            usize::MAX
        } else {
            b.u16() as usize % 2048
        };
        let bytes = b.take(len).to_vec();
        let name = if ext.is_empty() {
            format!("f{i}")
        } else {
            format!("f{i}.{ext}")
        };
        files.push((name, bytes));
    }

    // decode alone
    for (name, bytes) in &files {
        match factlint::load::decode(name, bytes.clone()) {
            Ok((text, problem)) => {
                assert!(!bytes.contains(&0), "{name}: NUL bytes accepted");
                match problem {
                    None => assert_eq!(text.as_bytes(), &bytes[..]),
                    Some(p) => {
                        assert!(std::str::from_utf8(bytes).is_err());
                        assert!(!p.skipped);
                        assert_eq!(text, String::from_utf8_lossy(bytes));
                    }
                }
            }
            Err(p) => {
                assert!(
                    bytes.contains(&0),
                    "{name}: refused without NUL bytes: {p:?}"
                );
                assert!(p.skipped);
            }
        }
    }

    // the loader on the files themselves
    let dir = scratch_dir();
    for entry in std::fs::read_dir(&dir).expect("the scratch folder") {
        let _ = std::fs::remove_file(entry.expect("an entry").path());
    }
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).expect("a scratch file");
    }
    let loaded = match factlint::load::load_corpus(std::slice::from_ref(&dir)) {
        Ok(l) => l,
        Err(e) => {
            let any_text = files.iter().any(|(name, bytes)| {
                let ext = name.rsplit_once('.').map_or("", |(_, e)| e).to_lowercase();
                matches!(ext.as_str(), "txt" | "md" | "markdown")
                    && !bytes.contains(&0)
                    && !String::from_utf8_lossy(bytes).trim().is_empty()
            });
            assert!(!any_text, "{e}, but a document has text");
            return;
        }
    };
    assert!(!loaded.documents.is_empty());
    for d in &loaded.documents {
        assert!(!d.text.trim().is_empty());
        assert!(!d.text.contains('\0'));
    }
    // Compiling rules takes long: only when the files brought some.
    let rules = match Rules::with_files(&loaded.rule_files) {
        _ if loaded.rule_files.is_empty() => rules().clone(),
        Ok(r) => Arc::new(r),
        Err(e) => {
            assert!(!e.to_string().is_empty());
            rules().clone()
        }
    };
    let corpus =
        Corpus::build(loaded.documents.clone(), rules).expect("documents with text build a corpus");
    for s in &corpus.sentences {
        let doc = &corpus.docs[s.doc];
        assert_span(&doc.text, &s.span, "sentence");
        let (line, column) = doc.position(s.span.start);
        assert!(line >= 1 && column >= 1);
    }
    for f in &corpus.figures {
        let doc = &corpus.docs[corpus.sentences[f.sentence].doc];
        assert_figure(&doc.text, &f.figure, "source figure");
        assert!(
            !f.norm.is_nan() && !f.mass.is_nan(),
            "norm {} mass {}",
            f.norm,
            f.mass
        );
    }
    let brief = "The council approved a $45 million budget in 2019, about 12% more.";
    for claim in factlint::check(&corpus, brief) {
        assert_span(brief, &claim.span, "claim");
        for e in &claim.evidence {
            let doc = &corpus.docs[e.doc];
            assert_span(&doc.text, &e.quote_span, "quote");
            assert_span(&e.quote, &e.figure_in_quote, "figure in the quote");
        }
    }
}
