//! Splits text into sentences: at line breaks, and after `.`, `!`, `?` followed by a space and
//! a capital, digit or quote, unless the period ends a known abbreviation or an initial.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

/// Sentence spans of `text`, trimmed, non-empty, in order.
pub fn sentences(text: &str, abbreviations: &HashSet<String>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    // (one buffer for every line's characters)
    let mut chars = Vec::new();
    for line in text.split_inclusive('\n') {
        chars.clear();
        chars.extend(line.char_indices());
        split_line(
            text,
            line_start..line_start + line.len(),
            &chars,
            abbreviations,
            &mut out,
        );
        line_start += line.len();
    }
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

/// Splits the line at `range` of `text`, whose characters (`char_indices`) are `chars`.
fn split_line(
    text: &str,
    range: Range<usize>,
    chars: &[(usize, char)],
    abbreviations: &HashSet<String>,
    out: &mut Vec<Range<usize>>,
) {
    let (start, end) = (range.start, range.end);
    let line = &text[range];
    let mut sentence_start = start;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // swallow closing quotes/brackets and repeated terminators
            let mut j = i + 1;
            while j < chars.len()
                && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | '.' | '!' | '?')
            {
                j += 1;
            }
            let end_here = chars.get(j).map_or(line.len(), |&(b, _)| b);
            let next_is_space = chars.get(j).is_some_and(|&(_, d)| d.is_whitespace());
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next_starts = chars.get(k).is_some_and(|&(_, d)| {
                d.is_uppercase() || d.is_numeric() || matches!(d, '"' | '“' | '‘' | '\'' | '(')
            });
            if next_is_space
                && next_starts
                && !(c == '.' && is_abbreviation(line, at, abbreviations))
            {
                push_trimmed(text, sentence_start..start + end_here, out);
                sentence_start = start + end_here;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, sentence_start..end, out);
}

/// Whether the period at `dot` ends an abbreviation ("Jan.", "U.S.") or a single-letter initial.
fn is_abbreviation(line: &str, dot: usize, abbreviations: &HashSet<String>) -> bool {
    let before = &line[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &line[word_start..=dot];
    let lower = word.to_lowercase();
    if abbreviations.contains(&lower) {
        return true;
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() == 1 && letters[0].is_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let abbr: HashSet<String> = ["jan.", "u.s.", "mr."]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sentences(text, &abbr)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_at_periods_and_lines() {
        assert_eq!(
            split("Bae was arrested in 2012. He was moved.\nNext line here"),
            vec![
                "Bae was arrested in 2012.",
                "He was moved.",
                "Next line here"
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_decimals() {
        assert_eq!(
            split("On Jan. 31, 2017, the U.S. Army paid $1.09bn. Then Mr. Kim left."),
            vec![
                "On Jan. 31, 2017, the U.S. Army paid $1.09bn.",
                "Then Mr. Kim left."
            ]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            split("He said “it is over.” Then he left."),
            vec!["He said “it is over.”", "Then he left."]
        );
    }

    #[test]
    fn initials_do_not_split() {
        assert_eq!(
            split("John F. Kennedy spoke."),
            vec!["John F. Kennedy spoke."]
        );
    }
}
