//! Rewriting the reference list: entries moved between slots, relabelled,
//! removed; stray bullets removed.
//!
//! The list is seen as a row of slots, one per entry, in text order. The
//! bytes between slots (line breaks, blank lines, a bullet before a label)
//! belong to the slots' positions and never move. An entry moves as a
//! whole into another slot; only its label's number changes, written in
//! the label style of the slot it lands in (`[n]`, `n.`, `n)`, `(n)`).

use super::Edit;
use crate::parse::reflist::RefList;
use crate::source::Span;

/// Start of the line holding `pos` (a line ends at `\n`, `\r\n` or `\r`).
pub fn line_start(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |p| p + 1)
}

/// Start of the line after the one holding `pos` (the end of the text on
/// the last line).
pub fn next_line(text: &str, pos: usize) -> usize {
    let b = text.as_bytes();
    let pos = pos.min(b.len());
    match b[pos..].iter().position(|&c| c == b'\n' || c == b'\r') {
        None => b.len(),
        Some(o) => {
            let at = pos + o;
            if b[at] == b'\r' && b.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            }
        }
    }
}

/// Whether the line starting at `start` is blank (or there is none).
fn blank_line_at(text: &str, start: usize) -> bool {
    let end = next_line(text, start);
    text.get(start..end).is_none_or(|s| s.trim().is_empty())
}

/// `label` (as written: `[12]`, `12.`) with its number replaced by `n`.
pub fn relabel(label: &str, n: u32) -> String {
    let Some(a) = label.find(|c: char| c.is_ascii_digit()) else {
        return label.to_string();
    };
    let b = label[a..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(label.len(), |o| a + o);
    format!("{}{}{}", &label[..a], n, &label[b..])
}

/// What to do with the list.
pub struct ListChange<'a> {
    /// The surviving entries (indices into the list), in their new order.
    pub order: &'a [usize],
    /// The new label of each entry (`None` keeps the old one).
    pub new_label: &'a [Option<u32>],
    /// Entries to delete.
    pub removed: &'a [bool],
    /// Stray bullets to delete (indices into `empty_items`).
    pub bullets: &'a [usize],
}

/// The edits that carry out `change` on `list`.
pub fn edits(text: &str, list: &RefList, change: &ListChange) -> Vec<Edit> {
    let entries = &list.entries;
    let mut out = Vec::new();
    let mut deletions: Vec<Span> = Vec::new();

    // Surviving slots get the surviving entries in their new order.
    let slots: Vec<usize> = (0..entries.len()).filter(|&s| !change.removed[s]).collect();
    for (&s, &e) in slots.iter().zip(change.order) {
        let slot = &entries[s];
        let entry = &entries[e];
        let label = change.new_label[e];
        if s == e && (label.is_none() || label == entry.label) {
            continue;
        }
        let (Some(slot_label), Some(entry_label)) = (slot.label_span, entry.label_span) else {
            continue;
        };
        let mut new = match label {
            Some(n) => relabel(slot_label.slice(text), n),
            None => entry_label.slice(text).to_string(),
        };
        new.push_str(&text[entry_label.end..entry.span.end]);
        if new != slot.span.slice(text) {
            out.push(Edit {
                span: slot.span,
                replacement: new,
            });
        }
    }

    // A removed entry goes with the separator before it (after the nearest
    // surviving entry above); when no entry survives above it, it goes with
    // its own lines and the separator after it.
    for s in (0..entries.len()).filter(|&s| change.removed[s]) {
        let e = &entries[s];
        let above = (0..s).rev().find(|&p| !change.removed[p]);
        let below = (s + 1..entries.len()).find(|&p| !change.removed[p]);
        match (above, below) {
            (Some(p), _) => deletions.push(Span::new(entries[p].span.end, e.span.end)),
            (None, Some(q)) => deletions.push(Span::new(
                line_start(text, e.span.start),
                line_start(text, entries[q].span.start),
            )),
            (None, None) => {}
        }
    }

    // A stray bullet goes with its line; when it stood between two blank
    // lines, one of them goes too.
    for &k in change.bullets {
        let Some(item) = list.empty_items.get(k) else {
            continue;
        };
        let start = line_start(text, item.span.start);
        let mut end = next_line(text, item.span.end);
        let blank_before = start == 0 || blank_line_at(text, line_start(text, start - 1));
        if blank_before && end < text.len() && blank_line_at(text, end) {
            end = next_line(text, end);
        }
        deletions.push(Span::new(start, end));
    }

    // Overlapping or touching deletions become one.
    deletions.sort();
    let mut merged: Vec<Span> = Vec::new();
    for d in deletions {
        match merged.last_mut() {
            Some(last) if d.start <= last.end => last.end = last.end.max(d.end),
            _ => merged.push(d),
        }
    }
    out.extend(merged.into_iter().map(|span| Edit {
        span,
        replacement: String::new(),
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_keep_their_style() {
        assert_eq!(relabel("[12]", 3), "[3]");
        assert_eq!(relabel("12.", 3), "3.");
        assert_eq!(relabel("(1)", 10), "(10)");
        assert_eq!(relabel("［7］", 1), "［1］");
        assert_eq!(relabel("9)", 11), "11)");
    }

    #[test]
    fn lines_end_at_any_line_break() {
        let t = "ab\r\ncd\ref\ngh";
        assert_eq!(line_start(t, 5), 4);
        assert_eq!(next_line(t, 0), 4);
        assert_eq!(next_line(t, 4), 7);
        assert_eq!(line_start(t, 8), 7);
        assert_eq!(next_line(t, 11), t.len());
    }
}
