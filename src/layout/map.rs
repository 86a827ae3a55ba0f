//! The offset map between the text as read and the logical text the
//! layout stage builds from it.
//!
//! The logical text is the source with small pieces replaced: a running
//! head removed, `-\n` removed inside a hyphenated word, a line break
//! turned into a space or a paragraph break. Each replacement is recorded
//! once, in order; between two replacements the texts agree byte for byte,
//! so mapping an offset back is a binary search and an addition.

use crate::source::Span;

/// One replacement: `source` in the text as read became `logical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    source: Span,
    logical: Span,
}

/// Builds a logical text from a source text, edit by edit, in order.
#[derive(Debug)]
pub(crate) struct Builder<'a> {
    source: &'a str,
    out: String,
    /// Source offset up to which the source has been taken over.
    at: usize,
    pieces: Vec<Piece>,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(source: &'a str) -> Self {
        Builder {
            source,
            out: String::with_capacity(source.len()),
            at: 0,
            pieces: Vec::new(),
        }
    }

    /// Replaces `source[start..end]` with `with`. Replacements must come in
    /// source order and not overlap; one that does, or that would cut a
    /// character, is ignored (the text is then kept as it is there).
    pub(crate) fn replace(&mut self, start: usize, end: usize, with: &str) {
        if start < self.at
            || end < start
            || end > self.source.len()
            || !self.source.is_char_boundary(start)
            || !self.source.is_char_boundary(end)
            || self.source[start..end] == *with
        {
            return;
        }
        self.out.push_str(&self.source[self.at..start]);
        let l = self.out.len();
        self.out.push_str(with);
        self.pieces.push(Piece {
            source: Span::new(start, end),
            logical: Span::new(l, self.out.len()),
        });
        self.at = end;
    }

    /// The logical text and its map back to the source.
    pub(crate) fn finish(mut self) -> (String, OffsetMap) {
        self.out.push_str(&self.source[self.at..]);
        (
            self.out,
            OffsetMap {
                pieces: self.pieces,
            },
        )
    }
}

/// Maps spans of the logical text back to the text as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    /// Whether the logical text is the source itself.
    pub fn is_identity(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The last piece whose logical start is at or before `x`.
    fn piece_before(&self, x: usize) -> Option<&Piece> {
        let k = self.pieces.partition_point(|p| p.logical.start <= x);
        k.checked_sub(1).map(|k| &self.pieces[k])
    }

    /// The source offset of the logical offset `x` as the start of a span:
    /// inside a replacement it is where the replaced source starts; right
    /// after a deletion it is after the deleted source.
    pub fn start(&self, x: usize) -> usize {
        match self.piece_before(x) {
            None => x,
            Some(p) if p.logical.is_empty() && x == p.logical.start => p.source.end,
            Some(p) if x < p.logical.end => p.source.start,
            Some(p) => p.source.end + (x - p.logical.end),
        }
    }

    /// The source offset of the logical offset `x` as the end of a span:
    /// a span ending inside a replacement ends where the replaced source
    /// ends; one ending just before a replacement ends before it.
    pub fn end(&self, x: usize) -> usize {
        // the last piece that starts strictly before x
        let k = self.pieces.partition_point(|p| p.logical.start < x);
        match k.checked_sub(1).map(|k| &self.pieces[k]) {
            None => x,
            Some(p) if x <= p.logical.end => p.source.end,
            Some(p) => p.source.end + (x - p.logical.end),
        }
    }

    /// A logical span as a source span.
    pub fn span(&self, s: Span) -> Span {
        if self.is_identity() {
            return s;
        }
        let start = self.start(s.start);
        if s.is_empty() {
            return Span::new(start, start);
        }
        Span::new(start, self.end(s.end).max(start))
    }

    /// The logical offset of source offset `x` (the start of the piece it
    /// falls in, for an offset inside replaced source).
    pub fn to_logical(&self, x: usize) -> usize {
        let k = self.pieces.partition_point(|p| p.source.start <= x);
        match k.checked_sub(1).map(|k| &self.pieces[k]) {
            None => x,
            Some(p) if x < p.source.end => p.logical.start,
            Some(p) => p.logical.end + (x - p.source.end),
        }
    }

    /// Whether the logical span `s` reads the same bytes as the source
    /// span it maps to (no replacement inside or touching it).
    pub fn is_verbatim(&self, s: Span) -> bool {
        let k = self.pieces.partition_point(|p| p.logical.end <= s.start);
        self.pieces.get(k).is_none_or(|p| p.logical.start >= s.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(src: &str, edits: &[(usize, usize, &str)]) -> (String, OffsetMap) {
        let mut b = Builder::new(src);
        for &(s, e, w) in edits {
            b.replace(s, e, w);
        }
        b.finish()
    }

    #[test]
    fn no_edit_is_the_identity() {
        let (t, m) = build("abc\ndef", &[]);
        assert_eq!(t, "abc\ndef");
        assert!(m.is_identity());
        assert_eq!(m.span(Span::new(1, 5)), Span::new(1, 5));
    }

    #[test]
    fn a_replacement_that_changes_nothing_is_not_recorded() {
        let (t, m) = build("abc\n\ndef", &[(3, 5, "\n\n")]);
        assert_eq!(t, "abc\n\ndef");
        assert!(m.is_identity());
    }

    #[test]
    fn spans_map_around_deletions_and_replacements() {
        // "co-\nlostrum [1]\nPAGE 7\nmilk" -> "colostrum [1] milk"
        let src = "co-\nlostrum [1]\nPAGE 7\nmilk";
        let (t, m) = build(src, &[(2, 4, ""), (15, 23, " ")]);
        assert_eq!(t, "colostrum [1] milk");
        let word = t.find("colostrum").unwrap();
        assert_eq!(m.span(Span::new(word, word + 9)).slice(src), "co-\nlostrum");
        let mk = t.find("[1]").unwrap();
        assert_eq!(m.span(Span::new(mk, mk + 3)).slice(src), "[1]");
        let milk = t.find("milk").unwrap();
        assert_eq!(m.span(Span::new(milk, milk + 4)).slice(src), "milk");
        // a span across the removed furniture covers it in the source
        assert_eq!(
            m.span(Span::new(mk, milk + 4)).slice(src),
            "[1]\nPAGE 7\nmilk"
        );
        // an empty span right after a deletion sits after the deleted text
        assert_eq!(m.span(Span::new(2, 2)), Span::new(4, 4));
        assert_eq!(m.to_logical(src.find("milk").unwrap()), milk);
        assert!(m.is_verbatim(Span::new(mk, mk + 3)));
        assert!(!m.is_verbatim(Span::new(0, 4)));
        assert!(!m.is_verbatim(Span::new(mk, milk)));
    }

    #[test]
    fn out_of_order_or_splitting_edits_are_ignored() {
        let (t, m) = build("aé b", &[(2, 3, ""), (3, 4, "x"), (0, 1, "z")]);
        assert_eq!(t, "aéxb");
        assert_eq!(m.span(Span::new(3, 4)).slice("aé b"), " ");
    }
}
