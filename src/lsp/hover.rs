//! `textDocument/hover` on a figure or date: its verdict, what the brief and the sources
//! say, each cited source sentence with the figure in bold, its title and a `path:line`
//! link; every version when the sources disagree among themselves. Markdown, or plain text
//! when the client prefers it.

use super::server::{Place, State};
use crate::check::{Claim, Evidence};
use crate::codes;
use crate::Verdict;
use std::fmt::Write as _;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// Escapes Markdown so that quoted text shows as written.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_[]<>#|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One value per version the sources give (values that agree, such as "nearly
/// $10 billion" and "almost US $10 billion", are one version).
fn distinct_values(c: &Claim) -> Vec<&str> {
    let mut versions: Vec<&Evidence> = Vec::new();
    for e in &c.evidence {
        if !versions.iter().any(|v| v.reading.agrees(&e.reading)) {
            versions.push(e);
        }
    }
    versions.iter().map(|e| e.value.as_str()).collect()
}

fn quote(e: &Evidence, markdown: bool) -> String {
    let q = &e.quote;
    let f = e.figure_in_quote.clone();
    let (a, b, c) = match (q.get(..f.start), q.get(f.clone()), q.get(f.end..)) {
        (Some(a), Some(b), Some(c)) => (a, b, c),
        _ => (q.as_str(), "", ""),
    };
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if markdown {
        let bold = if b.is_empty() {
            String::new()
        } else {
            format!("**{}**", escape(&one_line(b)))
        };
        // Keep the spaces around the figure that `split_whitespace` would drop.
        let pre = if a.ends_with(char::is_whitespace) {
            " "
        } else {
            ""
        };
        let post = if c.starts_with(char::is_whitespace) {
            " "
        } else {
            ""
        };
        format!(
            "{}{pre}{bold}{post}{}",
            escape(&one_line(a)),
            escape(&one_line(c))
        )
    } else {
        format!("“{}”", one_line(q))
    }
}

/// The hover text of a claim.
pub fn render(c: &Claim, uri_of: &dyn Fn(&Evidence) -> Option<Uri>, markdown: bool) -> String {
    let b = |s: &str| {
        if markdown {
            format!("**{}**", escape(s))
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let values = distinct_values(c);
    let (verdict, code) = match c.verdict {
        Verdict::Supported => ("supported by the sources", None),
        Verdict::Contradicted => ("contradicted by the sources", Some(codes::CONTRADICTED)),
        Verdict::Unverified => (
            "unverified: no source speaks of it",
            Some(codes::UNVERIFIED),
        ),
    };
    let code = code.map(|c| format!(" ({c})")).unwrap_or_default();
    let _ = writeln!(out, "factlint: {} is {verdict}{code}", b(&c.text));
    match c.verdict {
        Verdict::Contradicted if values.len() > 1 => {
            // (one sentence's values are a change: "lowered from 14 metres to 11 metres")
            let (says, sep) = if c.sources_disagree() {
                ("the sources disagree among themselves:", ", ")
            } else {
                ("the source says", " and ")
            };
            let listed: Vec<String> = values.iter().map(|v| b(v)).collect();
            let _ = write!(
                out,
                "\nThe brief says {}; {says} {}.\n",
                b(&c.text),
                listed.join(sep)
            );
        }
        Verdict::Contradicted => {
            let _ = write!(
                out,
                "\nThe brief says {}; the sources say {}.\n",
                b(&c.text),
                b(values.first().copied().unwrap_or("?"))
            );
        }
        _ => {}
    }
    for e in &c.evidence {
        let place = format!("{}:{}", e.path, e.line);
        let link = match (markdown, uri_of(e)) {
            (true, Some(uri)) => format!("[{}]({}#L{})", escape(&place), uri.as_str(), e.line),
            (true, None) => escape(&place),
            (false, _) => place,
        };
        if markdown {
            let _ = write!(
                out,
                "\n> {}\n>\n> — *{}*, {}\n",
                quote(e, true),
                escape(&e.title),
                link
            );
        } else {
            let _ = write!(out, "\n{}\n  — {}, {}\n", quote(e, false), e.title, link);
        }
    }
    out
}

pub async fn hover(state: &Arc<State>, params: HoverParams) -> Result<Option<Hover>> {
    let p = params.text_document_position_params;
    let Some(at) = state
        .claims_at(&p.text_document.uri, Place::Point(p.position))
        .await?
    else {
        return Ok(None);
    };
    let Some(claim) = at.claims.first() else {
        return Ok(None);
    };
    let caps = state.caps();
    let markdown = caps.markdown_hover;
    let loaded = at.loaded.clone();
    let value = render(claim, &|e| loaded.uri(e.doc), markdown);
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value,
        }),
        range: Some(
            at.lines
                .range(&at.snapshot.text, &claim.full_span, caps.encoding),
        ),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Corpus, Rules, SourceText};
    use std::sync::Arc;

    fn claim(sources: &[&str], brief: &str) -> Claim {
        let docs = sources
            .iter()
            .enumerate()
            .map(|(i, t)| SourceText {
                path: format!("s{i}.txt"),
                text: format!("Harbor Report {i}\n\n{t}\n"),
            })
            .collect();
        let corpus = Corpus::build(docs, Arc::new(Rules::default())).unwrap();
        crate::check(&corpus, brief).remove(0)
    }

    #[test]
    fn every_version_when_the_sources_disagree() {
        let c = claim(
            &[
                "The council approved a $40 million budget for the harbor in 2019.",
                "The council approved a $50 million budget for the harbor in 2019.",
            ],
            "The council approved a $45 million budget for the harbor in 2019.",
        );
        assert_eq!(c.verdict, Verdict::Contradicted, "{c:?}");
        let md = render(&c, &|_| None, true);
        if c.evidence.len() > 1 {
            assert!(md.contains("disagree among themselves: **$"), "{md}");
            assert!(
                md.contains("**$40 million**") && md.contains("**$50 million**"),
                "{md}"
            );
        }
        let plain = render(&c, &|_| None, false);
        assert!(!plain.contains("**") && plain.contains("“"), "{plain}");
    }

    #[test]
    fn one_sentences_values_are_no_disagreement() {
        let c = claim(
            &["Harlow Water said the level of the Brackmoor reservoir had been lowered from 14 metres to 11 metres since March, after engineers found seepage under the dam."],
            "The reservoir's level was lowered to 9 metres.",
        );
        assert_eq!(c.verdict, Verdict::Contradicted, "{c:?}");
        assert_eq!(c.evidence.len(), 2, "{c:?}");
        let md = render(&c, &|_| None, true);
        assert!(!md.contains("disagree"), "{md}");
        assert!(md.contains("the source says **14** and **11**"), "{md}");
    }

    #[test]
    fn agreeing_sources_are_one_version() {
        let c = claim(
            &[
                "The council approved nearly $40 million for the harbor budget in 2019.",
                "The council approved almost $40 million for the harbor budget in 2019.",
            ],
            "The council approved $45 million for the harbor budget in 2019.",
        );
        let md = render(&c, &|_| None, true);
        assert!(!md.contains("disagree"), "{md}");
    }
}
