//! Splits text into word and punctuation tokens with byte spans.

use std::ops::Range;

/// How strongly a punctuation token separates the words on its two sides.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TokenKind {
    /// A run of letters and digits (with inner apostrophes and periods, as in "U.S.").
    Word,
    /// Punctuation that breaks a clause, with a weight multiplier in (0, 1].
    Break(f32),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Range<usize>,
}

/// Letters, digits, and the combining marks written after a letter ("O" + U+0301 is "Ó").
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

fn glued(c: Option<char>) -> bool {
    c.is_some_and(is_word_char)
}

fn break_weight(c: char) -> Option<f32> {
    Some(match c {
        ',' => 0.6,
        ':' => 0.6,
        ';' => 0.35,
        '.' | '!' | '?' => 0.3,
        // a tab between words parts items as a column would ("departure 5 Nov\tbedrock 9 Feb")
        '\t' => 0.3,
        '—' | '–' | '|' => 0.45,
        '(' | ')' | '[' | ']' => 0.5,
        _ => return None,
    })
}

/// Tokens of `text`: words (letters/digits, inner `'`/`’` and `.` kept, a final `'s` dropped)
/// and clause-breaking punctuation. Hyphens split words ("Soviet-era" -> "Soviet", "era");
/// a hyphen with spaces around it is a dash.
pub fn tokens(text: &str) -> Vec<Token> {
    // (about one word in six bytes of prose)
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    chars.next();
                } else if matches!(d, '\'' | '’' | '.') {
                    // keep an inner apostrophe or period only when a word char follows
                    let next = text[j + d.len_utf8()..].chars().next();
                    if next.is_some_and(is_word_char) {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            // "U.S." keeps its final period: it is part of the abbreviation
            if text[i..end].contains('.') && text[end..].starts_with('.') {
                end += 1;
                chars.next();
            }
            let mut span = i..end;
            let word = &text[span.clone()];
            for suffix in ["'s", "’s", "'S", "’S"] {
                if word.len() > suffix.len() && word.ends_with(suffix) {
                    span.end -= suffix.len();
                    break;
                }
            }
            out.push(Token {
                kind: TokenKind::Word,
                span,
            });
        } else if matches!(c, '–' | '—')
            && glued(text[..i].chars().next_back())
            && glued(text[i + c.len_utf8()..].chars().next())
        {
            // "Russia–North Korea": a dash between words joins them
        } else if let Some(w) = break_weight(c) {
            out.push(Token {
                kind: TokenKind::Break(w),
                span: i..i + c.len_utf8(),
            });
        } else if c == '-' {
            let spaced_before = text[..i].ends_with(char::is_whitespace);
            let spaced_after = text[i + 1..].starts_with(char::is_whitespace);
            if spaced_before && spaced_after {
                out.push(Token {
                    kind: TokenKind::Break(0.45),
                    span: i..i + 1,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text)
            .into_iter()
            .map(|t| &text[t.span])
            .collect::<Vec<_>>()
    }

    #[test]
    fn splits_words_and_breaks() {
        assert_eq!(
            words("Korea’s debt, U.S. aid; Soviet-era - yes."),
            vec!["Korea", "debt", ",", "U.S.", "aid", ";", "Soviet", "era", "-", "yes", "."]
        );
    }

    #[test]
    fn a_tab_between_words_breaks_them() {
        assert_eq!(
            words("departure 5 Nov\tbedrock 9 Feb"),
            vec!["departure", "5", "Nov", "\t", "bedrock", "9", "Feb"]
        );
    }

    #[test]
    fn a_combining_accent_stays_in_its_word() {
        assert_eq!(
            words("Ingrid O\u{301}lafsdo\u{301}ttir, 61"),
            vec!["Ingrid", "O\u{301}lafsdo\u{301}ttir", ",", "61"]
        );
    }

    #[test]
    fn keeps_inner_apostrophe() {
        assert_eq!(words("don't stop"), vec!["don't", "stop"]);
    }

    #[test]
    fn unicode_words() {
        assert_eq!(words("démarche 📈 naïve"), vec!["démarche", "naïve"]);
    }
}
