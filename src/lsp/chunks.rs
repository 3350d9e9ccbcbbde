//! Re-checking only what an edit can change: a brief is cut into its top-level Markdown
//! blocks, and each block is checked on its own, cached by its content and the context the
//! engine reads it in (the document's title, the headings above it, the footnote and link
//! definitions it may refer to). The engine reads a block's figures only with that
//! context, so checking a block on its own, behind a small preamble that recreates the
//! context, gives the same claims as checking the whole brief (tests hold it to that).

use crate::check::Claim;
use crate::corpus::Corpus;
use crate::markdown;
use pulldown_cmark::{Event, Options, Parser, Tag};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

/// One top-level block, with the text the engine checks it as.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// Byte range of the block in the brief, from the start of its first line.
    pub range: Range<usize>,
    /// Preamble + block + definitions: what is checked, and the cache key.
    pub key: Arc<str>,
    /// Where the block starts in `key`.
    pub offset: usize,
}

/// Cached claims (spans relative to their block) and heading texts, for one document and
/// one corpus.
#[derive(Debug, Default)]
pub struct ChunkCache {
    corpus: Option<usize>,
    claims: FxHashMap<Arc<str>, Arc<Entry>>,
    headings: HashMap<String, String>,
    /// The last text laid out, and its blocks: hovers and actions on an unchanged text
    /// skip the Markdown pass.
    layout: Option<(Box<str>, Arc<Vec<Chunk>>)>,
}

impl ChunkCache {
    fn layout(&mut self, text: &str) -> Arc<Vec<Chunk>> {
        if let Some((t, chunks)) = &self.layout {
            if **t == *text {
                return chunks.clone();
            }
        }
        let chunks = Arc::new(layout(text, &mut self.headings));
        self.layout = Some((text.into(), chunks.clone()));
        chunks
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH
}

/// A heading's text as the engine reads it (markup removed), from its source.
fn heading_text(src: &str, cache: &mut HashMap<String, String>) -> String {
    if let Some(t) = cache.get(src) {
        return t.clone();
    }
    let text = markdown::prose(src)
        .segments
        .first()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    cache.insert(src.to_string(), text.clone());
    text
}

/// Escapes every ASCII punctuation character so that Markdown reads `s` back as it is.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A top-level block and the headings inside it (level, source range).
type Block = (Range<usize>, Vec<(u8, Range<usize>)>);

/// A chunk's range and the heading trail above it.
type Trail = (Range<usize>, Vec<(u8, String)>);

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// Cuts a brief into its top-level blocks, each with the preamble that gives it the
/// context the whole brief gives it.
pub fn layout(text: &str, headings_cache: &mut HashMap<String, String>) -> Vec<Chunk> {
    let mut iter = Parser::new_ext(text, options()).into_offset_iter();
    let mut depth = 0usize;
    let mut blocks: Vec<Block> = Vec::new();
    let mut front: Option<Range<usize>> = None;
    let mut footnotes: Vec<String> = Vec::new();
    let mut first = true;
    for (event, r) in iter.by_ref() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    if first && matches!(tag, Tag::MetadataBlock(_)) {
                        front = Some(r.clone());
                    } else if !matches!(tag, Tag::MetadataBlock(_)) {
                        blocks.push((r.clone(), Vec::new()));
                    }
                }
                match &tag {
                    Tag::Heading { level, .. } => {
                        if let Some(b) = blocks.last_mut() {
                            b.1.push((*level as u8, r.clone()));
                        }
                    }
                    Tag::FootnoteDefinition(label) => footnotes.push(label.to_string()),
                    _ => {}
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        first = false;
    }
    let mut defs = String::new();
    for label in footnotes.iter().collect::<HashSet<_>>() {
        defs.push_str(&format!("[^{label}]: .\n\n"));
    }
    for (label, _) in iter.reference_definitions().iter() {
        defs.push_str(&format!("[{label}]: x\n\n"));
    }

    // The title: the front matter's, else the first level-1 heading's.
    let mut title = front
        .as_ref()
        .and_then(|f| markdown::prose(&text[f.clone()]).title);
    if title.is_none() {
        title = blocks
            .iter()
            .flat_map(|b| &b.1)
            .filter(|(level, _)| *level == 1)
            .map(|(_, r)| heading_text(&text[r.clone()], headings_cache))
            .find(|t| !t.is_empty());
    }
    let title = title
        .map(|t| format!("---\ntitle: \"{t}\"\n---\n\n"))
        .unwrap_or_default();

    let mut chunks: Vec<Chunk> = Vec::new();
    let mut trail: Vec<(u8, String)> = Vec::new();
    let mut ranges: Vec<Trail> = Vec::new();
    for (range, headings) in &blocks {
        let start = line_start(text, range.start);
        let end = range.end.max(start);
        let lone = text[start..range.start]
            .chars()
            .all(|c| c == ' ' || c == '\t');
        match ranges.last_mut() {
            // A block that does not start its line (never expected) joins the previous one.
            Some(last) if !lone || start < last.0.end => last.0.end = last.0.end.max(end),
            _ => ranges.push((start..end, trail.clone())),
        }
        for (level, r) in headings {
            let t = heading_text(&text[r.clone()], headings_cache);
            trail.retain(|(l, _)| l < level);
            if !t.is_empty() {
                trail.push((*level, t));
            }
        }
    }
    for (range, trail) in ranges {
        let mut key = title.clone();
        for (level, t) in &trail {
            key.push_str(&"#".repeat(*level as usize));
            key.push(' ');
            key.push_str(&escape(t));
            key.push_str("\n\n");
        }
        let offset = key.len();
        let body = &text[range.clone()];
        key.push_str(body);
        if body.contains('[') && !defs.is_empty() {
            key.push_str("\n\n");
            key.push_str(&defs);
        }
        chunks.push(Chunk {
            range,
            key: Arc::from(key),
            offset,
        });
    }
    chunks
}

/// The claims of one chunk, with spans relative to the chunk's start.
fn check_chunk(corpus: &Corpus, chunk: &Chunk) -> Vec<Claim> {
    let len = chunk.range.len();
    crate::check(corpus, &chunk.key)
        .into_iter()
        .filter(|c| c.span.start >= chunk.offset && c.span.end <= chunk.offset + len)
        .map(|mut c| {
            // The server never shows the engine's explanation; keeping it would multiply
            // the cache's memory.
            c.explanation = Default::default();
            c.span = c.span.start - chunk.offset..c.span.end - chunk.offset;
            c.full_span = c
                .full_span
                .start
                .saturating_sub(chunk.offset)
                .min(c.span.start)..c.full_span.end - chunk.offset;
            c
        })
        .collect()
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The cached results of one block: its claims (spans relative to the block's start) and,
/// made once on demand, its LSP diagnostics (lines relative to the block's first line).
#[derive(Debug)]
pub struct Entry {
    pub claims: Vec<Claim>,
    pub lsp: OnceLock<Vec<tower_lsp_server::ls_types::Diagnostic>>,
}

/// The blocks of `text` overlapping `only` (all of them when `None`), each with its
/// cached or freshly computed results, in order. `None` when `cancelled` said so before
/// the work was done (what was computed stays cached).
pub fn parts(
    corpus: &Arc<Corpus>,
    text: &str,
    cache: &Mutex<ChunkCache>,
    only: Option<Range<usize>>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<(Range<usize>, Arc<Entry>)>> {
    let corpus_id = Arc::as_ptr(corpus) as usize;
    let (chunks, mut found) = {
        let mut c = lock(cache);
        if c.corpus != Some(corpus_id) {
            *c = ChunkCache {
                corpus: Some(corpus_id),
                ..ChunkCache::default()
            };
        }
        let chunks: Vec<Chunk> = c
            .layout(text)
            .iter()
            .filter(|ch| {
                only.as_ref()
                    .is_none_or(|o| ch.range.start <= o.end && o.start <= ch.range.end)
            })
            .cloned()
            .collect();
        let found: Vec<Option<Arc<Entry>>> = chunks
            .iter()
            .map(|ch| c.claims.get(&ch.key).cloned())
            .collect();
        (chunks, found)
    };
    let missing: Vec<usize> = (0..chunks.len()).filter(|&i| found[i].is_none()).collect();
    let computed: Vec<(usize, Option<Vec<Claim>>)> = missing
        .par_iter()
        .map(|&i| {
            let claims = (!cancelled()).then(|| check_chunk(corpus, &chunks[i]));
            (i, claims)
        })
        .collect();
    let mut done = true;
    {
        let mut c = lock(cache);
        for (i, claims) in computed {
            match claims {
                Some(claims) => {
                    let entry = Arc::new(Entry {
                        claims,
                        lsp: OnceLock::new(),
                    });
                    c.claims.insert(chunks[i].key.clone(), entry.clone());
                    found[i] = Some(entry);
                }
                None => done = false,
            }
        }
        if !done {
            return None;
        }
        if only.is_none() {
            // Keep what this text uses, so the cache never outgrows the document.
            let used: HashSet<&Arc<str>> = chunks.iter().map(|ch| &ch.key).collect();
            c.claims.retain(|k, _| used.contains(k));
            if c.headings.len() > 4096 {
                c.headings.clear();
            }
        }
    }
    Some(
        chunks
            .into_iter()
            .zip(found)
            .filter_map(|(ch, e)| Some((ch.range, e?)))
            .collect(),
    )
}

/// The claims of the blocks of `text` overlapping `only` (all when `None`), in brief
/// offsets and in order; see [`parts`].
pub fn check(
    corpus: &Arc<Corpus>,
    text: &str,
    cache: &Mutex<ChunkCache>,
    only: Option<Range<usize>>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Claim>> {
    let mut out = Vec::new();
    for (range, entry) in parts(corpus, text, cache, only, cancelled)? {
        for claim in &entry.claims {
            let mut claim = claim.clone();
            let at = range.start;
            claim.span = claim.span.start + at..claim.span.end + at;
            claim.full_span = claim.full_span.start + at..claim.full_span.end + at;
            out.push(claim);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Rules, SourceText};

    fn seeds() -> Arc<Corpus> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let loaded = crate::load::load_corpus(&[dir]).unwrap();
        Arc::new(Corpus::build(loaded.documents, Arc::new(Rules::default())).unwrap())
    }

    fn same(corpus: &Arc<Corpus>, text: &str) {
        let cache = Mutex::new(ChunkCache::default());
        let mut whole = crate::check(corpus, text);
        for c in &mut whole {
            c.explanation = Default::default();
        }
        let parts = check(corpus, text, &cache, None, &|| false).unwrap();
        assert_eq!(whole.len(), parts.len(), "{text}");
        for (a, b) in whole.iter().zip(&parts) {
            assert_eq!(a, b, "{text}");
        }
    }

    #[test]
    fn blocks_checked_alone_give_the_claims_of_the_whole_brief() {
        let corpus = seeds();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = crate::load::walk(&root.join("examples"), false);
        files.extend(crate::load::walk(&root.join("tests"), false));
        let mut n = 0;
        for f in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "md"))
        {
            let text = std::fs::read_to_string(f).unwrap();
            same(&corpus, &text);
            n += 1;
        }
        assert!(n >= 10, "only {n} briefs");
        same(
            &corpus,
            "---\ntitle: Debt: \"the deal\"\n---\n\nIn 2014 Russia wrote off **90%** of the $11 billion debt.\n",
        );
        same(
            &corpus,
            "Intro $5 in 2012.\n\n# North *Korea* `x` debt\n\n## Trade \\# 2013\n\n- Trade was $100 million in 2013[^1].\n\n  Bae was arrested in 2011.\n\n### Sub\n\n> Bae was arrested in 2011 [link][ref].\n\n| year | trade |\n|---|---|\n| 2013 | $100 million |\n\n## Again\n\nRussia wrote off $10 billion.\r\n\r\n[^1]: Trade in 2013.\n\n[ref]: https://example.com\n",
        );
    }

    #[test]
    fn an_edit_re_checks_only_its_block() {
        let corpus = Arc::new(
            Corpus::build(
                vec![SourceText {
                    path: "harbor.txt".into(),
                    text: "Harbor Report\n\nThe council approved a $40 million budget for the harbor in 2019.\n".into(),
                }],
                Arc::new(Rules::default()),
            )
            .unwrap(),
        );
        let cache = Mutex::new(ChunkCache::default());
        let a = "# Harbor\n\nThe council approved a $45 million budget for the harbor.\n\nIt was 2019.\n";
        let first = check(&corpus, a, &cache, None, &|| false).unwrap();
        assert_eq!(lock(&cache).claims.len(), 3);
        let b = a.replace("$45", "$40");
        let computed = std::sync::atomic::AtomicUsize::new(0);
        let second = check(&corpus, &b, &cache, None, &|| {
            computed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            false
        })
        .unwrap();
        assert_eq!(
            computed.into_inner(),
            1,
            "only the edited paragraph is checked again"
        );
        assert_eq!(first.len(), second.len());
        assert_eq!(lock(&cache).claims.len(), 3);
        assert!(check(&corpus, "New $1 text.", &cache, None, &|| true).is_none());
    }
}
