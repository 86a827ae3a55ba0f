//! The lines of a text, and what a line of the list opens with: a label,
//! a lone bullet or text.

use super::label::{bullet, label};
use super::LabelStyle;
use crate::source::Span;

/// A line of the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line {
    /// Content without the line ending.
    pub(super) span: Span,
    /// Whether the line starts with horizontal space.
    pub(super) indented: bool,
}

/// The lines of `text` from byte `from` on (`\n`, `\r\n` or `\r` ends one).
pub(super) fn lines_of(text: &str, from: usize) -> Vec<Line> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = from;
    while start < b.len() {
        let end = memchr::memchr2(b'\n', b'\r', &b[start..]).map_or(b.len(), |o| start + o);
        let content = &text[start..end];
        out.push(Line {
            span: Span::new(start, end),
            indented: content.starts_with([' ', '\t', '\u{a0}']),
        });
        start = if b.get(end) == Some(&b'\r') && b.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
    }
    out
}

/// Whether a line holds only white space.
pub(super) fn is_blank(text: &str, l: &Line) -> bool {
    l.span.slice(text).trim().is_empty()
}

/// Span of the line content without surrounding white space.
pub(super) fn trimmed(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    Span::new(start, end.max(start))
}

/// What a (non-blank) line of the list opens with.
pub(super) enum Opener {
    /// A label and the offset where the entry text starts (`None` when the
    /// line holds only the label).
    Label(Span, LabelStyle, u32, Option<usize>),
    /// A bullet alone on its line.
    LoneBullet(Span),
    /// Ordinary text, starting at the offset (after any bullet).
    Text(usize),
}

/// What the (non-blank) line `line` of `text` opens with.
pub(super) fn opener(text: &str, line: Span) -> Opener {
    let t = trimmed(text, line);
    let s = t.slice(text);
    let (after_bullet, bullet_len) = match bullet(s) {
        Ok((rest, _)) => (rest, s.len() - rest.len()),
        Err(_) => (s, 0),
    };
    let start = t.start + bullet_len;
    if after_bullet.is_empty() && bullet_len > 0 {
        return Opener::LoneBullet(t);
    }
    if let Ok((rest, (style, n))) = label(after_bullet) {
        let label_text = &after_bullet[..after_bullet.len() - rest.len()];
        let label_span = Span::new(start, start + label_text.trim_end().len());
        let text_start = (!rest.trim().is_empty()).then(|| t.end - rest.len());
        return Opener::Label(label_span, style, n, text_start);
    }
    Opener::Text(start)
}
