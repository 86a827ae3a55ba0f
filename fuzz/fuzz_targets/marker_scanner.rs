//! The marker scanners (numeric, parenthetical/narrative author-year, bare
//! author-year) on arbitrary text: no panic, and every span lies within the
//! text, on character boundaries, in order.
#![no_main]

use citelint::parse::{author_year, numeric};
use citelint::source::Span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let all = Span::new(0, text.len());
    let ok = |s: Span| {
        s.start < s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let numeric = numeric::scan(text, all);
    for w in numeric.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "numeric markers overlap");
    }
    for m in &numeric {
        assert!(ok(m.span), "numeric span {:?}", m.span);
        assert!(!m.items.is_empty());
    }
    let ay = author_year::scan_brackets(text, all);
    for m in &ay {
        assert!(ok(m.span), "author-year span {:?}", m.span);
        for w in &m.works {
            assert!(ok(w.span), "work span {:?}", w.span);
        }
    }
    let taken: Vec<Span> = ay.iter().map(|m| m.span).collect();
    for m in author_year::scan_bare(text, all, &taken) {
        assert!(ok(m.span), "bare span {:?}", m.span);
        assert!(!taken
            .iter()
            .any(|t| t.start < m.span.end && m.span.start < t.end));
    }
});
