//! Byte edits and applying them to a text.

use serde::Serialize;

use crate::source::Span;

/// One replacement of the bytes at `span`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes replaced (half-open, into the original text).
    pub span: Span,
    /// What replaces them.
    pub replacement: String,
}

/// Why a set of edits cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The span lies outside the text or cuts a character in two.
    #[error("edit at {}..{} lies outside the text or splits a character", .0.start, .0.end)]
    OutOfBounds(Span),
    /// Two edits touch the same bytes.
    #[error("edits at {}..{} and {}..{} overlap", .0.start, .0.end, .1.start, .1.end)]
    Overlap(Span, Span),
}

/// Applies `edits` to `text`. The edits may come in any order; they must lie
/// inside the text, on character boundaries, and must not overlap.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut prev: Option<Span> = None;
    for e in sorted {
        let s = e.span;
        if s.start > s.end
            || s.end > text.len()
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            return Err(EditError::OutOfBounds(s));
        }
        if let Some(p) = prev {
            if s.start < p.end {
                return Err(EditError::Overlap(p, s));
            }
        }
        out.push_str(&text[at..s.start]);
        out.push_str(&e.replacement);
        at = s.end;
        prev = Some(s);
    }
    out.push_str(&text[at..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_checks_its_edits() {
        let e = |a, b, r: &str| Edit {
            span: Span::new(a, b),
            replacement: r.into(),
        };
        assert_eq!(
            apply("abcdef", &[e(4, 5, "X"), e(0, 1, "Y")]).unwrap(),
            "YbcdXf"
        );
        assert!(matches!(
            apply("abcdef", &[e(0, 3, ""), e(2, 4, "")]),
            Err(EditError::Overlap(..))
        ));
        assert!(matches!(
            apply("abc", &[e(2, 9, "")]),
            Err(EditError::OutOfBounds(_))
        ));
        assert!(matches!(
            apply("é", &[e(1, 2, "")]),
            Err(EditError::OutOfBounds(_))
        ));
    }
}
