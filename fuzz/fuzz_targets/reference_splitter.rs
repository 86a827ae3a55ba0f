//! The reference-list finder and splitter on arbitrary text: no panic;
//! entries lie after the heading, in order, without overlap, on character
//! boundaries, each text span inside its entry.
#![no_main]

use citelint::source::Span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(list) = citelint::parse::reflist::find(text) else {
        return;
    };
    let ok = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    assert!(ok(list.heading) && ok(list.span));
    assert!(!list.entries.is_empty());
    let mut prev_end = list.heading.end;
    for e in &list.entries {
        assert!(ok(e.span) && ok(e.text_span), "{e:?}");
        assert!(e.span.start >= prev_end, "entries overlap: {e:?}");
        assert!(e.span.start <= e.text_span.start && e.text_span.end <= e.span.end);
        assert!(e.span.end <= list.span.end);
        prev_end = e.span.end;
    }
});
