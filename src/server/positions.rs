//! Byte offsets ↔ LSP positions.
//!
//! citelint works in UTF-8 byte offsets; an LSP position is a 0-based line
//! and a character offset counted in the code units of the encoding agreed
//! at `initialize`: UTF-8 bytes when the client offers them (LSP 3.17),
//! UTF-16 code units otherwise (the protocol's default). Lines end at `\n`,
//! `\r\n` or a lone `\r`, as in [`crate::source::LineIndex`].

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::source::{LineIndex, Span};

/// The unit of a position's `character`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units.
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it, else UTF-16 (which every client
    /// must understand).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// The kind announced in the server's capabilities.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// A text with its line index, converting in one encoding.
#[derive(Debug, Clone, Copy)]
pub struct Lines<'a> {
    text: &'a str,
    index: &'a LineIndex,
    encoding: Encoding,
}

impl<'a> Lines<'a> {
    /// `index` must be the index of `text`.
    pub fn new(text: &'a str, index: &'a LineIndex, encoding: Encoding) -> Self {
        Lines {
            text,
            index,
            encoding,
        }
    }

    /// The position of byte `offset` (clamped to the text, and moved back
    /// to a character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_of(offset);
        let start = self.index.line_span(self.text, line + 1).start;
        let character = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.text[start..offset].encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    /// The range of a byte span.
    pub fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of `pos`. A line past the end is the end of the
    /// text; a character past the end of its line is the line's end; one
    /// inside a character (half a surrogate pair, a byte inside a UTF-8
    /// sequence) is that character's start.
    pub fn offset(&self, pos: Position) -> usize {
        let line = pos.line as usize;
        if line >= self.index.line_count() {
            return self.text.len();
        }
        let span = self.index.line_span(self.text, line + 1);
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in span.slice(self.text).char_indices() {
            let next = units + self.encoding.units(c);
            if next > want {
                return span.start + i;
            }
            units = next;
        }
        span.end
    }

    /// The byte span of a range (start and end in order).
    pub fn span(&self, range: Range) -> Span {
        let a = self.offset(range.start);
        let b = self.offset(range.end);
        Span::new(a.min(b), a.max(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str, f: impl Fn(Lines)) {
        let index = LineIndex::new(text);
        f(Lines::new(text, &index, Encoding::Utf8));
        f(Lines::new(text, &index, Encoding::Utf16));
    }

    #[test]
    fn negotiation_prefers_utf8_and_falls_back_to_utf16() {
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        let only16 = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF32];
        assert_eq!(Encoding::negotiate(Some(&only16)), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }

    #[test]
    fn non_bmp_and_cjk_text_in_each_encoding() {
        // 𝒜 (U+1D49C) is 4 bytes and a UTF-16 surrogate pair; 研究 are 3
        // bytes and one UTF-16 unit each.
        let text = "α\n𝒜 研究[1] ok\r\n参考文献\n";
        let index = LineIndex::new(text);
        let marker = text.find("[1]").unwrap();
        let utf8 = Lines::new(text, &index, Encoding::Utf8);
        let utf16 = Lines::new(text, &index, Encoding::Utf16);
        assert_eq!(utf8.position(marker), Position::new(1, 11));
        assert_eq!(utf16.position(marker), Position::new(1, 5));
        assert_eq!(utf8.offset(Position::new(1, 11)), marker);
        assert_eq!(utf16.offset(Position::new(1, 5)), marker);
        let heading = text.find('参').unwrap();
        assert_eq!(utf8.position(heading), Position::new(2, 0));
        assert_eq!(utf16.position(heading + 3), Position::new(2, 1));
        // the range of the marker round-trips
        let span = Span::new(marker, marker + 3);
        assert_eq!(utf16.range(span).end, Position::new(1, 8));
        assert_eq!(utf16.span(utf16.range(span)), span);
        assert_eq!(utf8.span(utf8.range(span)), span);
    }

    #[test]
    fn positions_inside_a_character_or_past_the_end_are_clamped() {
        let text = "𝒜b\nxy";
        let index = LineIndex::new(text);
        let utf16 = Lines::new(text, &index, Encoding::Utf16);
        // between the two halves of the surrogate pair: the character's start
        assert_eq!(utf16.offset(Position::new(0, 1)), 0);
        assert_eq!(utf16.offset(Position::new(0, 2)), 4);
        let utf8 = Lines::new(text, &index, Encoding::Utf8);
        assert_eq!(utf8.offset(Position::new(0, 2)), 0);
        both(text, |l| {
            // past the line's end: the end of the line, before its break
            assert_eq!(l.offset(Position::new(0, 99)), 5);
            // past the last line: the end of the text
            assert_eq!(l.offset(Position::new(9, 0)), text.len());
            // an offset inside a character moves back to its start
            assert_eq!(l.position(2), Position::new(0, 0));
            assert_eq!(l.position(text.len() + 5), Position::new(1, 2));
        });
    }

    #[test]
    fn every_char_boundary_round_trips() {
        let text = "a😀b\r\n中文\rz\n\n𝒜";
        both(text, |l| {
            for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
                // the middle of a `\r\n` is no place a client can name
                if text[..i].ends_with('\r') && text[i..].starts_with('\n') {
                    continue;
                }
                let p = l.position(i);
                assert_eq!(l.offset(p), i, "offset {i} via {p:?}");
            }
        });
    }
}
