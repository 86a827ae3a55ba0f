//! Byte spans and the conversion from byte offsets to line and column.
//!
//! Everything inside citelint works on UTF-8 byte offsets into the text
//! exactly as read. Lines and columns are computed only when a finding is
//! rendered: lines are 1-based, columns are 1-based and count Unicode scalar
//! values (what SARIF calls `unicodeCodePoints`).

use serde::Serialize;

/// A half-open byte range `[start, end)` into a manuscript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Number of bytes covered.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers nothing.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text the span covers.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column in Unicode scalar values.
    pub column: usize,
}

/// Start offsets of every line, for byte offset → line/column conversion.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text` (a line ends at `\n`; a `\r` before
    /// it belongs to the line, a lone `\r` also ends a line).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(off) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + off;
            if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                starts.push(at + 2);
                i = at + 2;
            } else {
                starts.push(at + 1);
                i = at + 1;
            }
        }
        LineIndex { starts }
    }

    /// The line and column of byte `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// How many lines the text has (an empty text, or one ending in a line
    /// break, has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line that byte `offset` lies on.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The byte range of the 1-based line `line`, without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts[line - 1];
        let mut end = self.starts.get(line).copied().unwrap_or(text.len());
        let b = text.as_bytes();
        while end > start && (b[end - 1] == b'\n' || b[end - 1] == b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_scalar_values() {
        let text = "ab\nŽižek [1]\r\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        let at = text.find('[').unwrap();
        assert_eq!(idx.line_col(text, at), LineCol { line: 2, column: 7 });
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_span(text, 2).slice(text), "Žižek [1]");
    }

    #[test]
    fn lone_carriage_return_ends_a_line() {
        let text = "a\rb";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 2), LineCol { line: 2, column: 1 });
    }
}
