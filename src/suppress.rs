//! Suppression comments in a brief: `<!-- factlint-disable-next-line [codes] -->`,
//! `<!-- factlint-disable [codes] -->` … `<!-- factlint-enable [codes] -->` and
//! `<!-- factlint-disable-file [codes] -->`. Only real HTML comments count (found with
//! pulldown-cmark, so a comment inside a code block or inline code is text). Pure: the CLI
//! and the language server both call [`Suppressions::apply`] on their findings.

use crate::codes;
use crate::text::lines::LineIndex;
use pulldown_cmark::{Event, Options, Parser, Tag};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// What a factlint comment asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    /// `factlint-disable-next-line`: findings starting on the line after the comment.
    NextLine,
    /// `factlint-disable`: findings from here to the matching `factlint-enable`.
    Disable,
    /// `factlint-enable`: ends `factlint-disable` blocks.
    Enable,
    /// `factlint-disable-file`: every finding in the file.
    File,
}

impl Directive {
    fn parse(name: &str) -> Option<Directive> {
        match name {
            "disable-next-line" => Some(Directive::NextLine),
            "disable" => Some(Directive::Disable),
            "enable" => Some(Directive::Enable),
            "disable-file" => Some(Directive::File),
            _ => None,
        }
    }
}

/// One `<!-- factlint-… -->` comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    /// `None` when the directive name is unknown (a typo such as `disable-nextline`).
    pub directive: Option<Directive>,
    /// The directive as written, after `factlint-`.
    pub name: String,
    /// The codes it names (upper case); empty means every code. Text after the codes is a
    /// free-form reason.
    pub codes: Vec<String>,
    /// Byte span of the whole comment in the brief.
    pub span: Range<usize>,
}

/// A finding about the comments themselves (FL003 or FL004), at a comment's span.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub code: &'static str,
    pub span: Range<usize>,
    pub message: String,
}

/// The result of applying the comments to a file's findings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Applied {
    /// One entry per finding given: whether a comment suppresses it.
    pub suppressed: Vec<bool>,
    /// Unused, stray or unreadable comments.
    pub problems: Vec<Problem>,
}

/// The suppression comments of one brief.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    pub comments: Vec<Comment>,
}

fn comment_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?s)<!--(.*?)-->").expect("valid regex"))
}

fn directive_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?is)^[\s>]*factlint-([a-z-]*)(.*)$").expect("valid regex"))
}

fn code_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[A-Za-z]{2}[0-9]{3}$").expect("valid regex"))
}

fn shown(text: &str, span: &Range<usize>) -> String {
    let s = text.get(span.clone()).unwrap_or("");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Suppressions {
    /// Finds the factlint comments of a brief. Never panics.
    pub fn parse(text: &str) -> Suppressions {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_STRIKETHROUGH;
        let mut html: Vec<Range<usize>> = Vec::new();
        let mut in_block = false;
        for (event, r) in Parser::new_ext(text, options).into_offset_iter() {
            match event {
                Event::Start(Tag::HtmlBlock) => {
                    in_block = true;
                    html.push(r);
                }
                Event::End(pulldown_cmark::TagEnd::HtmlBlock) => in_block = false,
                Event::InlineHtml(_) | Event::Html(_) if !in_block => html.push(r),
                _ => {}
            }
        }
        let mut comments = Vec::new();
        for r in html {
            let Some(chunk) = text.get(r.clone()) else {
                continue;
            };
            for m in comment_re().captures_iter(chunk) {
                let whole = m.get(0).expect("match");
                let Some(d) = directive_re().captures(&m[1]) else {
                    continue;
                };
                let name = d[1].to_ascii_lowercase();
                let codes = d[2]
                    .split(|c: char| c.is_whitespace() || c == ',' || c == '>')
                    .filter(|t| !t.is_empty())
                    .take_while(|t| code_re().is_match(t))
                    .map(|t| t.to_ascii_uppercase())
                    .collect();
                comments.push(Comment {
                    directive: Directive::parse(&name),
                    name,
                    codes,
                    span: r.start + whole.start()..r.start + whole.end(),
                });
            }
        }
        comments.sort_by_key(|c| c.span.start);
        comments.dedup();
        Suppressions { comments }
    }

    /// Decides which findings — `(code, byte offset where it starts)` — the comments
    /// suppress, and reports comments that suppress nothing (FL003) or cannot be read
    /// (FL004). Findings about comments are never suppressed themselves.
    pub fn apply(&self, text: &str, findings: &[(&str, usize)]) -> Applied {
        let lines = LineIndex::new(text);
        let mut suppressed = vec![false; findings.len()];
        let mut problems = Vec::new();
        let names =
            |codes: &[String], code: &str| codes.is_empty() || codes.iter().any(|c| c == code);

        // Each comment's reach: the bytes it covers.
        let mut reach: Vec<Option<Range<usize>>> = vec![None; self.comments.len()];
        let mut open: Vec<usize> = Vec::new();
        for (i, c) in self.comments.iter().enumerate() {
            match c.directive {
                Some(Directive::File) => reach[i] = Some(0..text.len()),
                Some(Directive::NextLine) => {
                    let line = lines.line_of(c.span.end.saturating_sub(1)) + 1;
                    let start = lines.line_start(line).min(text.len());
                    let end = lines.line_start(line + 1).min(text.len());
                    reach[i] = Some(start..end);
                }
                Some(Directive::Disable) => {
                    reach[i] = Some(c.span.end..text.len());
                    open.push(i);
                }
                Some(Directive::Enable) => {
                    let closes: Vec<usize> = open
                        .iter()
                        .copied()
                        .filter(|&o| {
                            c.codes.is_empty()
                                || (!self.comments[o].codes.is_empty()
                                    && self.comments[o].codes.iter().all(|x| c.codes.contains(x)))
                        })
                        .collect();
                    if closes.is_empty() {
                        problems.push(Problem {
                            code: codes::UNUSED_SUPPRESSION,
                            span: c.span.clone(),
                            message: format!(
                                "`{}` ends no factlint-disable block; remove it",
                                shown(text, &c.span)
                            ),
                        });
                    }
                    for o in closes {
                        if let Some(Some(r)) = reach.get_mut(o) {
                            r.end = c.span.start;
                        }
                        open.retain(|&x| x != o);
                    }
                }
                None => problems.push(Problem {
                    code: codes::INVALID_SUPPRESSION,
                    span: c.span.clone(),
                    message: format!(
                        "unknown directive `factlint-{}` (use disable-next-line, disable, enable or disable-file)",
                        c.name
                    ),
                }),
            }
            for code in &c.codes {
                if codes::find(code).is_none() {
                    problems.push(Problem {
                        code: codes::INVALID_SUPPRESSION,
                        span: c.span.clone(),
                        message: format!("`{}` names unknown code {code}", shown(text, &c.span)),
                    });
                }
            }
        }

        let mut used = vec![false; self.comments.len()];
        for (k, (code, at)) in findings.iter().enumerate() {
            if *code == codes::UNUSED_SUPPRESSION || *code == codes::INVALID_SUPPRESSION {
                continue;
            }
            for (i, c) in self.comments.iter().enumerate() {
                let Some(range) = &reach[i] else { continue };
                if names(&c.codes, code) && range.contains(at) {
                    suppressed[k] = true;
                    used[i] = true;
                }
            }
        }
        for (i, c) in self.comments.iter().enumerate() {
            if reach[i].is_some() && !used[i] {
                problems.push(Problem {
                    code: codes::UNUSED_SUPPRESSION,
                    span: c.span.clone(),
                    message: format!("`{}` suppresses nothing; remove it", shown(text, &c.span)),
                });
            }
        }
        problems.sort_by_key(|p| p.span.start);
        Applied {
            suppressed,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> usize {
        text.find(needle).unwrap()
    }

    fn run(text: &str, findings: &[(&str, &str)]) -> (Vec<bool>, Vec<String>) {
        let f: Vec<(&str, usize)> = findings.iter().map(|(c, n)| (*c, at(text, n))).collect();
        let applied = Suppressions::parse(text).apply(text, &f);
        let problems = applied
            .problems
            .iter()
            .map(|p| format!("{} {}", p.code, p.message))
            .collect();
        (applied.suppressed, problems)
    }

    #[test]
    fn next_line_suppresses_only_the_next_line() {
        let text = "<!-- factlint-disable-next-line -->\nIt cost $5 in 2019.\nIt cost $6.\n";
        let (s, p) = run(text, &[("FL001", "$5"), ("FL002", "2019"), ("FL001", "$6")]);
        assert_eq!(s, vec![true, true, false]);
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn codes_limit_what_is_suppressed() {
        let text =
            "It cost $5. <!-- factlint-disable-next-line FL002, because -->\nIt cost $6 in 2019.\n";
        let (s, p) = run(text, &[("FL001", "$5"), ("FL001", "$6"), ("FL002", "2019")]);
        assert_eq!(s, vec![false, false, true]);
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn blocks_run_to_enable_or_the_end() {
        let text = "A $1.\n<!-- factlint-disable FL001 -->\nB $2.\n\nC $3.\n<!-- factlint-enable -->\nD $4.\n<!-- factlint-disable -->\nE $5.\n";
        let (s, p) = run(
            text,
            &[
                ("FL001", "$1"),
                ("FL001", "$2"),
                ("FL001", "$3"),
                ("FL001", "$4"),
                ("FL001", "$5"),
            ],
        );
        assert_eq!(s, vec![false, true, true, false, true]);
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn file_level_suppresses_everywhere() {
        let text = "A $1.\n\n<!-- factlint-disable-file FL001 -->\n\nB $2 in 2019.\n";
        let (s, p) = run(text, &[("FL001", "$1"), ("FL001", "$2"), ("FL002", "2019")]);
        assert_eq!(s, vec![true, true, false]);
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn unused_stray_and_unknown_comments_are_reported() {
        let text = "<!-- factlint-disable-next-line -->\nNothing here.\n\n<!-- factlint-enable -->\n\n<!-- factlint-disable-nextline -->\n<!-- factlint-disable-file FL009 -->\n";
        let (s, p) = run(text, &[]);
        assert!(s.is_empty());
        assert_eq!(
            p,
            vec![
                "FL003 `<!-- factlint-disable-next-line -->` suppresses nothing; remove it",
                "FL003 `<!-- factlint-enable -->` ends no factlint-disable block; remove it",
                "FL004 unknown directive `factlint-disable-nextline` (use disable-next-line, disable, enable or disable-file)",
                "FL004 `<!-- factlint-disable-file FL009 -->` names unknown code FL009",
                "FL003 `<!-- factlint-disable-file FL009 -->` suppresses nothing; remove it",
            ]
        );
    }

    #[test]
    fn comments_in_code_are_text() {
        let text = "```\n<!-- factlint-disable-file -->\n```\n\nSee `<!-- factlint-disable-file -->`.\n\nIt cost $5.\n";
        let s = Suppressions::parse(text);
        assert!(s.comments.is_empty(), "{:?}", s.comments);
    }

    #[test]
    fn multi_line_and_indented_comments_count() {
        let text = "> <!--\n> factlint-disable-next-line\n> -->\n> It cost $5.\n";
        let (s, p) = run(text, &[("FL001", "$5")]);
        assert_eq!(s, vec![true], "{:?}", Suppressions::parse(text));
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn other_comments_are_ignored() {
        let text = "<!-- TODO: check 2019 -->\n<!-- prettier-ignore -->\nIt cost $5.\n";
        assert!(Suppressions::parse(text).comments.is_empty());
    }
}
