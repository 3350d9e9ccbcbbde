//! Byte offset -> 1-based line and column (Unicode scalar values), with a precomputed index.

/// Line starts of a text. `\n` ends a line; a `\r` before it belongs to the line ending.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        starts.shrink_to_fit();
        LineIndex { starts }
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where a 0-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(usize::MAX)
    }

    /// 1-based line and 1-based column counted in Unicode scalar values.
    /// `offset` must lie on a char boundary of `text` (it is clamped to the text).
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line + 1, col + 1)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_scalars() {
        let text = "a\r\n📈 Target: $1\nx";
        let idx = LineIndex::new(text);
        let at = text.find("$1").unwrap();
        assert_eq!(idx.position(text, at), (2, 11));
        assert_eq!(idx.position(text, 0), (1, 1));
        assert_eq!(idx.position(text, text.len()), (3, 2));
        assert_eq!(idx.line_count(), 3);
    }
}
