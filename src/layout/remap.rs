//! Carrying what was found in the logical text back to the file: every
//! span of a [`Manuscript`] and of its findings, through the
//! [`OffsetMap`].

use super::OffsetMap;
use crate::diagnostic::Diagnostic;
use crate::parse::{Cited, Manuscript};
use crate::source::Span;

/// Maps every span of `doc` to the file.
pub(crate) fn manuscript(doc: &mut Manuscript, map: &OffsetMap) {
    let m = |s: &mut Span| *s = map.span(*s);
    for marker in doc.markers.iter_mut().chain(doc.other_markers.iter_mut()) {
        m(&mut marker.span);
        if let Cited::Works(works) = &mut marker.cited {
            for w in works {
                m(&mut w.span);
            }
        }
    }
    if let Some(list) = &mut doc.list {
        m(&mut list.heading);
        m(&mut list.span);
        for e in &mut list.entries {
            m(&mut e.span);
            m(&mut e.text_span);
            if let Some(l) = &mut e.label_span {
                m(l);
            }
        }
        for e in &mut list.empty_items {
            m(&mut e.span);
        }
    }
    if let Some(notes) = &mut doc.notes {
        m(&mut notes.span);
        notes.notes.iter_mut().for_each(m);
    }
    for (s, _) in &mut doc.note_calls {
        m(s);
    }
}

/// Maps the spans of a finding to the file. A fix survives only where
/// every edit replaces bytes the file holds as the logical text does (no
/// line join, removed page furniture or ligature inside): a repair is
/// never written over text the layout stage rebuilt.
pub(crate) fn diagnostic(d: &mut Diagnostic, map: &OffsetMap) {
    if let Some(fix) = &mut d.fix {
        if fix.edits.iter().all(|e| map.is_verbatim(e.span)) {
            for e in &mut fix.edits {
                e.span = map.span(e.span);
            }
        } else {
            d.fix = None;
        }
    }
    d.span = map.span(d.span);
    for r in &mut d.related {
        r.span = map.span(r.span);
    }
}
