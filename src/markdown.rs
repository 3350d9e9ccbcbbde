//! Brief Markdown -> prose segments with byte offsets back into the brief (what is never checked).

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// What block a segment comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegmentKind {
    Paragraph,
    Heading(u8),
    ListItem,
    TableCell,
    BlockQuote,
    FootnoteDefinition,
}

/// A run of prose with a map back to the brief's bytes.
#[derive(Debug, Clone)]
pub struct Segment {
    pub kind: SegmentKind,
    /// The prose as read: markup removed, soft/hard line breaks as one space each, excluded content removed.
    pub text: String,
    /// The headings above this segment, outermost first (their plain text), not including the segment itself if it is a heading.
    pub headings: Vec<String>,
    /// For a table cell: the text of the first cell of its row (the row's label), unless this IS the first cell.
    pub row_label: Option<String>,
    /// For a table cell: the text of the header cell of its column (None for header cells themselves).
    pub column_header: Option<String>,
    /// For a table cell: its column, and the other non-empty cells of its row as (column, text).
    pub column: Option<usize>,
    pub row: Vec<(usize, String)>,
    /// For a table cell: the header texts of its table, by column.
    pub table_header: Vec<Option<String>>,
    /// Pieces of `text` that map to the brief: (start in text, start in brief, len in bytes); sorted, non-overlapping;
    /// inside one piece text[a..a+len] == brief[b..b+len] byte for byte.
    pub pieces: Vec<(usize, usize, usize)>,
}

impl Segment {
    /// Maps a byte range of `text` to a byte range of the brief. Start maps through the piece containing it,
    /// end (exclusive) through the piece containing end-1. Returns None if either lies in no piece
    /// (e.g. an inserted space), or if the range is empty.
    pub fn to_source(&self, range: Range<usize>) -> Option<Range<usize>> {
        if range.start >= range.end {
            return None;
        }
        let start = self.locate(range.start)?;
        let end = self.locate(range.end - 1)? + 1;
        (start < end).then_some(start..end)
    }

    /// The brief offset of text byte `pos`, if a piece covers it.
    fn locate(&self, pos: usize) -> Option<usize> {
        let i = self.pieces.partition_point(|p| p.0 <= pos).checked_sub(1)?;
        let (a, b, len) = self.pieces[i];
        (pos < a + len).then(|| b + pos - a)
    }
}

/// The whole brief.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// Document title: front matter `title:` if present (unquoted), else the first level-1 heading, else None.
    pub title: Option<String>,
    pub segments: Vec<Segment>,
}

/// Never panics, on any input (including text with \r\n, \r, tabs, emoji, combining marks, NUL, huge inputs).
pub fn prose(markdown: &str) -> Prose {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH;
    let mut st = State::default();
    for (n, (event, r)) in Parser::new_ext(markdown, options)
        .into_offset_iter()
        .enumerate()
    {
        // Only a metadata block opening the brief is front matter; any later one is merely skipped.
        st.front |= n == 0 && matches!(event, Event::Start(Tag::MetadataBlock(_)));
        match event {
            Event::Start(tag) => st.start(tag),
            Event::End(end) => st.end(end),
            Event::Text(t) if st.front => st.meta.push_str(&t),
            Event::Text(t) if st.skip == 0 => {
                let src = markdown.get(r.clone()).unwrap_or("");
                push_aligned(st.out(), &t, src, r.start);
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::SoftBreak | Event::HardBreak => {
                st.space()
            }
            Event::Rule => {
                st.flush();
            }
            // Text in skipped content, block HTML, footnote references, math, task markers.
            _ => {}
        }
    }
    st.flush();
    let title = front_title(&st.meta).or(st.first_h1);
    Prose {
        title,
        segments: st.segments,
    }
}

/// The segment being built.
#[derive(Default)]
struct Builder {
    kind: Option<SegmentKind>,
    text: String,
    pieces: Vec<(usize, usize, usize)>,
    row_label: Option<String>,
    column_header: Option<String>,
    column: Option<usize>,
}

impl Builder {
    /// Appends text that maps to nothing in the brief.
    fn raw(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Appends text equal to the brief's bytes at `src`, merging with the last piece when contiguous.
    fn mapped(&mut self, s: &str, src: usize) {
        let a = self.text.len();
        self.text.push_str(s);
        match self.pieces.last_mut() {
            Some(p) if p.0 + p.2 == a && p.1 + p.2 == src => p.2 += s.len(),
            _ => self.pieces.push((a, src, s.len())),
        }
    }

    /// Replaces every bare URL's bytes with spaces and cuts them out of the pieces.
    fn blank_urls(&mut self) {
        let spans: Vec<Range<usize>> = url_re()
            .find_iter(&self.text)
            .map(|m| trim_url(m.as_str(), m.start()))
            .collect();
        if spans.is_empty() {
            return;
        }
        for s in &spans {
            self.text.replace_range(s.clone(), &" ".repeat(s.len()));
        }
        let mut out = Vec::with_capacity(self.pieces.len());
        for &(a, b, len) in &self.pieces {
            let (mut at, end) = (a, a + len);
            for u in spans.iter().filter(|u| u.start < end && u.end > a) {
                if u.start > at {
                    out.push((at, b + at - a, u.start - at));
                }
                at = at.max(u.end);
            }
            if at < end {
                out.push((at, b + at - a, end - at));
            }
        }
        self.pieces = out;
    }

    /// Removes leading and trailing whitespace, keeping the pieces in step.
    fn trim(&mut self) {
        let lo = self.text.len() - self.text.trim_start().len();
        let hi = lo + self.text.trim().len();
        self.text = self.text[lo..hi].to_string();
        self.pieces = self
            .pieces
            .iter()
            .filter_map(|&(a, b, len)| {
                let (x, y) = (a.max(lo), (a + len).min(hi));
                (x < y).then(|| (x - lo, b + x - a, y - x))
            })
            .collect();
    }
}

/// Walk state over the event stream.
#[derive(Default)]
struct State {
    cur: Builder,
    segments: Vec<Segment>,
    /// Open blocks that give a segment its kind, innermost last.
    containers: Vec<SegmentKind>,
    /// For every open tag: whether its content is never checked.
    skips: Vec<bool>,
    skip: usize,
    /// Inside the front matter, whose text goes to `meta`.
    front: bool,
    meta: String,
    first_h1: Option<String>,
    trail: Vec<(u8, String)>,
    /// Table: header texts per column, whether in the header row, current column, current row's label.
    header: Vec<Option<String>>,
    in_head: bool,
    col: usize,
    row_first: Option<String>,
    /// Index of the first segment of the current table row, and the row's cells so far.
    row_start: usize,
    row_cells: Vec<(usize, String)>,
}

impl State {
    /// The builder, its kind fixed by the innermost container when it receives its first text.
    fn out(&mut self) -> &mut Builder {
        if self.cur.kind.is_none() {
            self.cur.kind = Some(
                self.containers
                    .last()
                    .cloned()
                    .unwrap_or(SegmentKind::Paragraph),
            );
        }
        &mut self.cur
    }

    fn space(&mut self) {
        if self.skip == 0 {
            self.out().raw(" ");
        }
    }

    fn in_item(&self) -> bool {
        self.containers.last() == Some(&SegmentKind::ListItem)
    }

    /// Ends the current segment (kept if not blank) and returns its final text.
    fn flush(&mut self) -> String {
        let mut b = std::mem::take(&mut self.cur);
        b.blank_urls();
        b.trim();
        let text = b.text.clone();
        if !b.text.is_empty() {
            self.segments.push(Segment {
                kind: b.kind.unwrap_or(SegmentKind::Paragraph),
                text: b.text,
                headings: self.trail.iter().map(|(_, h)| h.clone()).collect(),
                row_label: b.row_label,
                column_header: b.column_header,
                column: b.column,
                row: Vec::new(),
                table_header: Vec::new(),
                pieces: b.pieces,
            });
        }
        text
    }

    fn start(&mut self, tag: Tag) {
        let skip = matches!(
            tag,
            Tag::MetadataBlock(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::Image { .. }
                | Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                }
        );
        self.skips.push(skip);
        self.skip += usize::from(skip);
        match tag {
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {}
            Tag::Paragraph if self.in_item() => {
                if !self.cur.text.is_empty() {
                    self.cur.raw(" ");
                }
            }
            _ => {
                self.flush();
            }
        }
        let container = match tag {
            Tag::Heading { level, .. } => SegmentKind::Heading(level as u8),
            Tag::Item => SegmentKind::ListItem,
            Tag::TableCell => SegmentKind::TableCell,
            Tag::BlockQuote(_) => SegmentKind::BlockQuote,
            Tag::FootnoteDefinition(_) => SegmentKind::FootnoteDefinition,
            Tag::Table(_) => {
                self.header.clear();
                return;
            }
            Tag::TableHead | Tag::TableRow => {
                self.in_head = matches!(tag, Tag::TableHead);
                self.col = 0;
                self.row_first = None;
                self.row_start = self.segments.len();
                self.row_cells.clear();
                return;
            }
            _ => return,
        };
        self.containers.push(container);
    }

    fn end(&mut self, end: TagEnd) {
        if self.skips.pop() == Some(true) {
            self.skip -= 1;
        }
        match end {
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image => {}
            TagEnd::Paragraph if self.in_item() => {}
            TagEnd::MetadataBlock(_) => self.front = false,
            TagEnd::Heading(level) => {
                let (level, text) = (level as u8, self.flush());
                self.trail.retain(|(l, _)| *l < level);
                if !text.is_empty() {
                    if level == 1 && self.first_h1.is_none() {
                        self.first_h1 = Some(text.clone());
                    }
                    self.trail.push((level, text));
                }
            }
            TagEnd::TableCell => {
                self.cur.row_label = if self.col > 0 {
                    self.row_first.clone()
                } else {
                    None
                };
                self.cur.column_header = if self.in_head {
                    None
                } else {
                    self.header.get(self.col).cloned().flatten()
                };
                self.cur.column = Some(self.col);
                let text = Some(self.flush()).filter(|t| !t.is_empty());
                if let Some(t) = &text {
                    self.row_cells.push((self.col, t.clone()));
                }
                if self.col == 0 {
                    self.row_first = text.clone();
                }
                if self.in_head {
                    self.header.push(text);
                }
                self.col += 1;
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                self.flush();
                self.in_head = false;
                let cells = std::mem::take(&mut self.row_cells);
                for seg in &mut self.segments[self.row_start..] {
                    if let Some(c) = seg.column {
                        seg.row = cells.iter().filter(|(k, _)| *k != c).cloned().collect();
                        seg.table_header.clone_from(&self.header);
                    }
                }
            }
            _ => {
                self.flush();
            }
        }
        if matches!(
            end,
            TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
        ) {
            self.containers.pop();
        }
    }
}

/// Appends an event's text `t`, mapping every run found verbatim in its source `src` (at brief offset `off`).
/// Backslash escapes and entities in `src` are stepped over; text that cannot be found is added unmapped.
fn push_aligned(b: &mut Builder, t: &str, src: &str, off: usize) {
    if t == src {
        return b.mapped(t, off);
    }
    let (mut i, mut j) = (0, 0);
    while let Some(c) = t[i..].chars().next() {
        let n = c.len_utf8();
        let rest = &src[j..];
        let entity = (rest.starts_with('&'))
            .then(|| entity_re().find(rest))
            .flatten()
            .map(|m| m.end())
            .filter(|&k| !t[i..].starts_with(&rest[..k]));
        let mut chars = rest.chars();
        let first = chars.next();
        if let Some(k) = entity {
            b.raw(&t[i..i + n]);
            (i, j) = (i + n, j + k);
        } else if first == Some(c) {
            b.mapped(&t[i..i + n], off + j);
            (i, j) = (i + n, j + n);
        } else if first == Some('\\') && chars.next().is_some_and(|e| e.is_ascii_punctuation()) {
            j += 1;
        } else if c.is_whitespace() {
            b.raw(&t[i..i + n]);
            i += n;
            j += first
                .filter(|f| f.is_whitespace())
                .map_or(0, char::len_utf8);
        } else if let Some((k, _)) = rest.char_indices().take(8).find(|&(_, d)| d == c) {
            j += k;
        } else {
            b.raw(&t[i..i + n]);
            i += n;
        }
    }
}

/// Range of a URL match less trailing punctuation (and closing brackets it does not open).
fn trim_url(url: &str, at: usize) -> Range<usize> {
    let balance =
        |open, close| url.matches(open).count() as isize - url.matches(close).count() as isize;
    let (mut parens, mut brackets) = (balance('(', ')'), balance('[', ']'));
    let mut end = url.len();
    for c in url.chars().rev() {
        let trim = match c {
            ')' => parens < 0,
            ']' => brackets < 0,
            _ => ".,;:!?'\"*_".contains(c),
        };
        if !trim {
            break;
        }
        parens += isize::from(c == ')');
        brackets += isize::from(c == ']');
        end -= c.len_utf8();
    }
    at..at + end
}

fn url_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(?:https?://|ftps?://|www\.)[^\s<>]+").expect("valid regex")
    })
}

fn entity_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
            .expect("valid regex")
    })
}

/// The `title:` of YAML front matter, unquoted.
fn front_title(meta: &str) -> Option<String> {
    let v = meta.lines().find_map(|l| l.strip_prefix("title:"))?.trim();
    let unquoted = ['"', '\'']
        .iter()
        .find(|&&q| v.len() >= 2 && v.starts_with(q) && v.ends_with(q))
        .map_or(v, |_| &v[1..v.len() - 1]);
    Some(unquoted.trim().to_string()).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first segment whose text contains `needle`.
    fn seg<'a>(p: &'a Prose, needle: &str) -> &'a Segment {
        p.segments
            .iter()
            .find(|s| s.text.contains(needle))
            .unwrap_or_else(|| panic!("no segment has {needle:?}: {p:#?}"))
    }

    /// Asserts `needle` is in some segment and maps back to the same bytes of `md`; returns that segment.
    fn maps<'a>(md: &str, p: &'a Prose, needle: &str) -> &'a Segment {
        let s = seg(p, needle);
        let at = s.text.find(needle).unwrap();
        let r = s
            .to_source(at..at + needle.len())
            .unwrap_or_else(|| panic!("{needle:?} unmapped in {s:#?}"));
        assert_eq!(&md[r], needle);
        s
    }

    fn texts(p: &Prose) -> Vec<&str> {
        p.segments.iter().map(|s| s.text.as_str()).collect()
    }

    /// Every piece is byte-exact, sorted, non-overlapping, in bounds and on char boundaries.
    fn check_pieces(md: &str, p: &Prose) {
        for s in &p.segments {
            assert!(!s.text.trim().is_empty());
            let mut last_end = 0;
            for &(a, b, len) in &s.pieces {
                assert!(len > 0 && a >= last_end, "{s:#?}");
                last_end = a + len;
                assert!(a + len <= s.text.len() && b + len <= md.len());
                assert!(s.text.is_char_boundary(a) && s.text.is_char_boundary(a + len));
                assert!(md.is_char_boundary(b) && md.is_char_boundary(b + len));
                assert_eq!(s.text.as_bytes()[a..a + len], md.as_bytes()[b..b + len]);
            }
        }
    }

    #[test]
    fn front_matter_skipped_and_title_read() {
        let md = "---\ntitle: \"Debt Brief 2019\"\ndate: 2019-05-01\n---\n# Other heading\n\nDebt rose to $10 billion in 2013.\n";
        let p = prose(md);
        assert_eq!(p.title.as_deref(), Some("Debt Brief 2019"));
        assert_eq!(
            texts(&p),
            ["Other heading", "Debt rose to $10 billion in 2013."]
        );
        assert!(p.segments.iter().all(|s| !s.text.contains("2019")));
        let s = maps(md, &p, "$10 billion");
        assert_eq!(s.kind, SegmentKind::Paragraph);
        assert_eq!(s.headings, ["Other heading"]);
        maps(md, &p, "2013");
        assert_eq!(
            prose("---\ntitle: 'Single'\n---\n").title.as_deref(),
            Some("Single")
        );
        assert_eq!(
            prose("---\ntitle: Plain words\n---\n").title.as_deref(),
            Some("Plain words")
        );
        // A metadata block further down is skipped but is not front matter.
        let later = "Text 1\n\n---\ntitle: Later 2\n---\n\nMore 3\n";
        let q = prose(later);
        assert_eq!(
            (q.title.as_deref(), texts(&q)),
            (None, vec!["Text 1", "More 3"])
        );
        check_pieces(md, &p);
    }

    #[test]
    fn h1_title_fallback() {
        let md = "Intro 5 words.\n\n## Sub\n\n# The *Real* Title\n\n# Second\n";
        let p = prose(md);
        assert_eq!(p.title.as_deref(), Some("The Real Title"));
        assert_eq!(seg(&p, "Real").kind, SegmentKind::Heading(1));
        assert_eq!(prose("Just text.").title, None);
    }

    #[test]
    fn heading_trail() {
        let md = "# Top\n\n## Money\n\n### Detail\n\nA 90 percent rise.\n\n## Dates\n\nOn Jan. 31, 2017 it ended.\n\nSetext\n------\n\nLast 7.\n";
        let p = prose(md);
        let h = seg(&p, "Detail");
        assert_eq!(
            (h.kind.clone(), h.headings.clone()),
            (
                SegmentKind::Heading(3),
                vec!["Top".to_string(), "Money".into()]
            )
        );
        assert_eq!(
            maps(md, &p, "90 percent").headings,
            ["Top", "Money", "Detail"]
        );
        assert_eq!(maps(md, &p, "Jan. 31, 2017").headings, ["Top", "Dates"]);
        assert_eq!(seg(&p, "Setext").kind, SegmentKind::Heading(2));
        assert_eq!(seg(&p, "Last 7.").headings, ["Top", "Setext"]);
        check_pieces(md, &p);
    }

    #[test]
    fn bold_and_other_emphasis_are_transparent() {
        let md = "Spending hit **$10bn**, up *~~9~~ 12 percent* from __2013__ levels.\n";
        let p = prose(md);
        assert_eq!(
            texts(&p),
            ["Spending hit $10bn, up 9 12 percent from 2013 levels."]
        );
        maps(md, &p, "$10bn");
        let s = seg(&p, "$10bn, up");
        let at = s.text.find("$10bn, up").unwrap();
        assert_eq!(&md[s.to_source(at..at + 9).unwrap()], "$10bn**, up");
        maps(md, &p, "12 percent");
        maps(md, &p, "2013");
        // A figure spanning markup maps from its first to its last byte.
        let s = seg(&p, "9 12");
        let at = s.text.find("9 12").unwrap();
        assert_eq!(&md[s.to_source(at..at + 4).unwrap()], "9~~ 12");
        check_pieces(md, &p);
    }

    #[test]
    fn list_items_without_markers() {
        let md = "- First $1 million\n- Second 2014\n\n* Star 15 percent\n\n1. Ordered 2,500 units\n2. Next 3.5%\n\n7) Seventh 42\n";
        let p = prose(md);
        assert_eq!(
            texts(&p),
            [
                "First $1 million",
                "Second 2014",
                "Star 15 percent",
                "Ordered 2,500 units",
                "Next 3.5%",
                "Seventh 42"
            ]
        );
        assert!(p.segments.iter().all(|s| s.kind == SegmentKind::ListItem));
        for f in [
            "$1 million",
            "2014",
            "15 percent",
            "2,500 units",
            "3.5%",
            "Seventh 42",
        ] {
            maps(md, &p, f);
        }
        check_pieces(md, &p);
    }

    #[test]
    fn nested_list_items_are_their_own_segments() {
        let md = "- Parent 2010\n  - Child $4 billion\n    1. Grandchild 3\n  - Child two\n- Sibling 2020\n";
        let p = prose(md);
        assert_eq!(
            texts(&p),
            [
                "Parent 2010",
                "Child $4 billion",
                "Grandchild 3",
                "Child two",
                "Sibling 2020"
            ]
        );
        assert!(p.segments.iter().all(|s| s.kind == SegmentKind::ListItem));
        maps(md, &p, "2010");
        maps(md, &p, "$4 billion");
        maps(md, &p, "Sibling 2020");
        check_pieces(md, &p);
    }

    #[test]
    fn loose_list_item_is_one_segment() {
        let md = "- First para 1999.\n\n  Second para 2001.\n\n- Next item.\n";
        let p = prose(md);
        assert_eq!(
            texts(&p),
            ["First para 1999. Second para 2001.", "Next item."]
        );
        maps(md, &p, "2001");
        check_pieces(md, &p);
    }

    #[test]
    fn table_cells_with_labels() {
        let md = "## Figures\n\n| Item | Figure | Year |\n|---|---|---|\n| Total debt | $11 billion | 2016 |\n| **Deficit** | 4% | |\n";
        let p = prose(md);
        let cells: Vec<_> = p
            .segments
            .iter()
            .filter(|s| s.kind == SegmentKind::TableCell)
            .collect();
        assert_eq!(
            cells.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
            [
                "Item",
                "Figure",
                "Year",
                "Total debt",
                "$11 billion",
                "2016",
                "Deficit",
                "4%"
            ]
        );
        let c = maps(md, &p, "$11 billion");
        assert_eq!(c.row_label.as_deref(), Some("Total debt"));
        assert_eq!(c.column_header.as_deref(), Some("Figure"));
        assert_eq!(c.headings, ["Figures"]);
        let y = maps(md, &p, "2016");
        assert_eq!(
            (y.row_label.as_deref(), y.column_header.as_deref()),
            (Some("Total debt"), Some("Year"))
        );
        let first = seg(&p, "Total debt");
        assert_eq!(
            (first.row_label.as_deref(), first.column_header.as_deref()),
            (None, Some("Item"))
        );
        let head = cells[1];
        assert_eq!(
            (head.row_label.as_deref(), head.column_header.as_deref()),
            (Some("Item"), None)
        );
        assert_eq!(maps(md, &p, "4%").row_label.as_deref(), Some("Deficit"));
        let cell = maps(md, &p, "4%");
        assert!(
            cell.row.iter().any(|(c, t)| *c == 0 && t == "Deficit"),
            "{:?}",
            cell.row
        );
        check_pieces(md, &p);
    }

    #[test]
    fn code_blocks_excluded() {
        let md = "Before 1.\n\n```rust\nlet x = 2013;\n```\n\n~~~\n$10 billion\n~~~\n\n    indented 1999\n\nAfter 2.\n";
        let p = prose(md);
        assert_eq!(texts(&p), ["Before 1.", "After 2."]);
        maps(md, &p, "After 2.");
    }

    #[test]
    fn inline_code_replaced_by_space() {
        let md = "Run `count 2013` now, 5 times.";
        let p = prose(md);
        assert_eq!(texts(&p), ["Run   now, 5 times."]);
        let s = maps(md, &p, "5 times");
        assert_eq!(s.to_source(4..5), None);
        check_pieces(md, &p);
    }

    #[test]
    fn link_text_kept_url_excluded() {
        let md = "See [the 2015 report](https://x.com/2016/r \"Title 2017\") and [ref][r].\n\n[r]: https://y.org/2018\n";
        let p = prose(md);
        assert_eq!(texts(&p), ["See the 2015 report and ref."]);
        maps(md, &p, "the 2015 report");
        let s = &p.segments[0];
        let at = s.text.find("report and").unwrap();
        assert_eq!(
            &md[s.to_source(at..at + 10).unwrap()],
            "report](https://x.com/2016/r \"Title 2017\") and"
        );
        check_pieces(md, &p);
    }

    #[test]
    fn image_alt_excluded() {
        let md = "Chart ![growth of 40 percent](img/2019.png) shows 3 bars.";
        let p = prose(md);
        assert_eq!(texts(&p), ["Chart  shows 3 bars."]);
        maps(md, &p, "3 bars");
        assert_eq!(texts(&prose("![only alt 5](x.png)")), Vec::<&str>::new());
    }

    #[test]
    fn autolinks_excluded() {
        let md = "Source <https://x.com/2015/03/y> and <press2016@x.org> today 9.";
        let p = prose(md);
        assert_eq!(texts(&p), ["Source  and  today 9."]);
        maps(md, &p, "today 9");
    }

    #[test]
    fn bare_urls_blanked() {
        let md = "see https://x.com/2015/03/y for more, or www.example.com/2016/a. Then 2017 (at http://z.io/2018).";
        let p = prose(md);
        let s = &p.segments[0];
        assert_eq!(s.text.len(), md.len());
        for y in ["2015", "2016", "2018"] {
            assert!(!s.text.contains(y), "{y} in {:?}", s.text);
        }
        assert!(s.text.starts_with("see "));
        assert!(s.text.contains("  for more, or "));
        assert!(s.text.contains(". Then 2017 (at "));
        assert!(s.text.ends_with(")."));
        maps(md, &p, "for more");
        maps(md, &p, "Then 2017");
        // The blanked bytes map nowhere.
        let at = md.find("2015").unwrap();
        assert_eq!(s.to_source(at..at + 4), None);
        check_pieces(md, &p);
    }

    #[test]
    fn html_excluded() {
        let md = "Total <!-- was 2012 --> 2013 and <b>bold</b> 6.\n\n<!--\nhidden 1999\n-->\n\n<div>\nblock 2000\n</div>\n\nEnd 8.\n";
        let p = prose(md);
        assert_eq!(texts(&p), ["Total   2013 and  bold  6.", "End 8."]);
        maps(md, &p, "2013 and");
        maps(md, &p, "End 8");
        check_pieces(md, &p);
    }

    #[test]
    fn footnotes() {
        let md = "Revenue was $3 million[^why] in 2012.\n\n[^why]: Per the 2012 annual report, page 14.\n";
        let p = prose(md);
        assert_eq!(
            texts(&p),
            [
                "Revenue was $3 million in 2012.",
                "Per the 2012 annual report, page 14."
            ]
        );
        assert_eq!(p.segments[0].kind, SegmentKind::Paragraph);
        let f = maps(md, &p, "page 14");
        assert_eq!(f.kind, SegmentKind::FootnoteDefinition);
        maps(md, &p, "2012 annual");
        maps(md, &p, "$3 million");
        let s = &p.segments[0];
        let at = s.text.find("million in").unwrap();
        assert_eq!(&md[s.to_source(at..at + 10).unwrap()], "million[^why] in");
        check_pieces(md, &p);
    }

    #[test]
    fn block_quote() {
        let md = "> Quoted 75 percent\n> of voters.\n>\n> - quoted item 4\n\nPlain 1.\n";
        let p = prose(md);
        assert_eq!(
            texts(&p),
            ["Quoted 75 percent of voters.", "quoted item 4", "Plain 1."]
        );
        assert_eq!(maps(md, &p, "75 percent").kind, SegmentKind::BlockQuote);
        assert_eq!(seg(&p, "quoted item").kind, SegmentKind::ListItem);
        assert_eq!(seg(&p, "Plain").kind, SegmentKind::Paragraph);
        check_pieces(md, &p);
    }

    #[test]
    fn crlf_and_cr_line_endings() {
        let md = "# Title\r\n\r\nThe debt was\r\n$10 billion in 2013.\r\n\r\n- Item 5\r\n- Jan. 31, 2017\r\n";
        let p = prose(md);
        assert_eq!(
            texts(&p),
            [
                "Title",
                "The debt was $10 billion in 2013.",
                "Item 5",
                "Jan. 31, 2017"
            ]
        );
        maps(md, &p, "$10 billion");
        maps(md, &p, "Jan. 31, 2017");
        let s = seg(&p, "was $10");
        let at = s.text.find("was $10").unwrap();
        assert_eq!(&md[s.to_source(at..at + 7).unwrap()], "was\r\n$10");
        let cr = "One 1\rtwo 2\r\rThree 3";
        let q = prose(cr);
        assert_eq!(texts(&q), ["One 1 two 2", "Three 3"]);
        maps(cr, &q, "two 2");
        check_pieces(md, &p);
        check_pieces(cr, &q);
    }

    #[test]
    fn emoji_lines() {
        let md = "⚠️ 15 years of data\n\n📈 Target: **US$1 billion**\n\n- 🚀 e\u{301}te\u{301} 3\n";
        let p = prose(md);
        assert_eq!(
            texts(&p),
            [
                "⚠️ 15 years of data",
                "📈 Target: US$1 billion",
                "🚀 e\u{301}te\u{301} 3"
            ]
        );
        maps(md, &p, "15 years");
        maps(md, &p, "US$1 billion");
        maps(md, &p, "⚠️");
        maps(md, &p, "te\u{301} 3");
        check_pieces(md, &p);
    }

    #[test]
    fn escapes_map_only_exact_bytes() {
        let md = r"Cost \$5 per \*unit\*, 3\\4.";
        let p = prose(md);
        assert_eq!(texts(&p), [r"Cost $5 per *unit*, 3\4."]);
        maps(md, &p, "$5");
        maps(md, &p, "$5 per");
        maps(md, &p, "unit");
        let s = &p.segments[0];
        let at = s.text.find("Cost $5").unwrap();
        assert_eq!(&md[s.to_source(at..at + 7).unwrap()], r"Cost \$5");
        check_pieces(md, &p);
    }

    #[test]
    fn entities() {
        let md = "AT&amp;T paid &#36;40 &copy; 2014 &bogus; x.";
        let p = prose(md);
        assert_eq!(texts(&p), ["AT&T paid $40 © 2014 &bogus; x."]);
        maps(md, &p, "40");
        maps(md, &p, "2014");
        maps(md, &p, "&bogus;");
        let s = &p.segments[0];
        assert_eq!(&md[s.to_source(0..4).unwrap()], "AT&amp;T");
        let at = s.text.find("$40").unwrap();
        assert_eq!(s.to_source(at..at + 3), None, "the $ came from an entity");
        check_pieces(md, &p);
    }

    #[test]
    fn empty_and_blank_inputs() {
        for md in [
            "",
            "   \n\n\t\n",
            "---\ntitle: Only\n---\n",
            "---\n---\n",
            "***\n",
            "<!-- x -->",
        ] {
            let p = prose(md);
            assert!(p.segments.is_empty(), "{md:?}: {p:#?}");
        }
        assert_eq!(
            prose("---\ntitle: Only\n---\n").title.as_deref(),
            Some("Only")
        );
        assert_eq!(prose("").title, None);
    }

    #[test]
    fn to_source_edges() {
        let md = "A `x` 12";
        let p = prose(md);
        let s = &p.segments[0];
        assert_eq!(s.text, "A   12");
        assert_eq!(s.to_source(0..1), Some(0..1));
        assert_eq!(s.to_source(2..3), None);
        assert_eq!(s.to_source(4..6), Some(6..8));
        assert_eq!(s.to_source(3..3), None);
        assert_eq!(s.to_source(0..100), None);
    }

    #[test]
    fn generated_inputs_never_panic_and_pieces_hold() {
        let sample = "---\ntitle: \"T\"\n---\n# H1 *2013*\r\n\r\nText **$10 bn** `c` [l](u) ![a](b) <https://q> \\$5 &amp; &#36; https://x.com/2015/y\n\n\
            - a\n  - b 3\n    1. c\n\n| A | B |\n|---|---|\n| r | 90 percent |\n\n> q 7\n\n[^1]: n 8\n\nx[^1] ⚠️ 15 e\u{301} \t\0 ~~s~~\n\n    code\n```\nf\n```\n<div>h</div>\n";
        let extras = [
            "\0", "\r", "\n", "\t", "\\", "&", ";", "*", "_", "`", "|", "[", "]", "(", ")", "<",
            ">", "#", "-", "1.", "^", "~", "!", "⚠️", "\u{301}", "📈", "&amp;", "www.", "http://",
            "---\n", "> ", "    ",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut rnd = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n.max(1) as u64) as usize
        };
        let boundaries: Vec<usize> = (0..=sample.len())
            .filter(|&i| sample.is_char_boundary(i))
            .collect();
        for _ in 0..3000 {
            let (x, y) = (
                boundaries[rnd(boundaries.len())],
                boundaries[rnd(boundaries.len())],
            );
            let mut md = sample[x.min(y)..x.max(y)].to_string();
            for _ in 0..rnd(6) {
                let bs: Vec<usize> = (0..=md.len()).filter(|&i| md.is_char_boundary(i)).collect();
                let at = bs[rnd(bs.len())];
                match rnd(3) {
                    0 => md.insert(
                        at,
                        char::from_u32(rnd(0x3_0000) as u32).unwrap_or('\u{fffd}'),
                    ),
                    _ => md.insert_str(at, extras[rnd(extras.len())]),
                }
            }
            let p = prose(&md);
            check_pieces(&md, &p);
        }
        let huge = sample.repeat(300);
        check_pieces(&huge, &prose(&huge));
        let parens = format!(
            "see http://x.com/{}{} 5",
            "(".repeat(20_000),
            ")".repeat(40_000)
        );
        assert!(prose(&parens).segments[0].text.ends_with(") 5"));
        let deep = ">".repeat(5000) + " 5\n" + &"- ".repeat(2000) + "6";
        check_pieces(&deep, &prose(&deep));
    }
}
