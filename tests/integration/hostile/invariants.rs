//! Property tests: for any text, citelint's spans lie within the text and
//! on character boundaries, markers do not overlap, list entries come in
//! order, and trailing white space changes nothing.

use citelint::source::Span;
use proptest::prelude::*;

/// Pieces that make the parsers work: markers, near misses, list headings
/// and labels, names and years, line endings, multi-byte characters.
const PIECES: &[&str] = &[
    "[1]",
    "[2, 3]",
    "[1–3]",
    "[4]",
    "^[2]",
    "[5]–[6]",
    "［1］",
    "【2】",
    "(1)",
    "(2–4)",
    "¹",
    "²⁻³",
    "[",
    "]",
    "(",
    ")",
    "（",
    "）",
    ",",
    ";",
    "–",
    "-",
    "^",
    " ",
    " ",
    " ",
    "\u{a0}",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "References",
    "REFERENCES:",
    "Bibliography",
    "参考文献",
    "1. ",
    "2. ",
    "[1] ",
    "[2] ",
    "3) ",
    "(4) ",
    "- ",
    "• ",
    "Smith",
    "Jones",
    "van der Berg",
    "Smith et al.",
    "Smith & Jones",
    "2008",
    "2008a",
    "1999",
    "in press",
    "n.d.",
    "(Smith, 2008)",
    "Smith (2008)",
    "(Smith 2008; Lee 2010)",
    "(e.g., Jones 1999)",
    "Fig.",
    "Table",
    "x[1] = 2;",
    "array[3]",
    "word",
    "the",
    "A.",
    "J.",
    "é",
    "中文",
    "张三",
    "𝄞",
    "doi:10.1/x",
    "http://a.b",
    ".",
    ":",
    "0",
    "9",
    "2008, 2010",
    "et al.",
    "and",
];

fn manuscript() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat()),
        1 => "\\PC{0,300}",
        1 => (
            prop::collection::vec(prop::sample::select(PIECES), 0..40),
            "[ -~\\n]{0,80}"
        )
            .prop_map(|(v, s)| v.concat() + &s),
    ]
}

fn on_text(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_on_the_text_and_do_not_overlap(text in manuscript()) {
        let checked = citelint::check(&text);
        let doc = &checked.doc;
        for m in doc.markers.iter().chain(&doc.other_markers) {
            prop_assert!(on_text(&text, m.span) && !m.span.is_empty(), "{:?}", m);
            for w in m.works() {
                prop_assert!(on_text(&text, w.span), "{:?}", w);
            }
        }
        for pair in doc.markers.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start, "overlap: {:?}", pair);
        }
        if let Some(list) = &doc.list {
            prop_assert!(on_text(&text, list.span) && on_text(&text, list.heading));
            let mut prev = list.heading.end;
            for e in &list.entries {
                prop_assert!(on_text(&text, e.span) && on_text(&text, e.text_span));
                prop_assert!(e.span.start >= prev, "entries out of order: {:?}", e);
                prop_assert!(e.span.start <= e.text_span.start && e.text_span.end <= e.span.end);
                prev = e.span.end;
            }
            // no marker in the heading or an entry (a paragraph of prose
            // read into the list between two entries is body text)
            for m in &doc.markers {
                let overlaps = |s: citelint::source::Span| m.span.start < s.end && s.start < m.span.end;
                let inside = overlaps(list.heading) || list.entries.iter().any(|e| overlaps(e.span));
                prop_assert!(!inside, "a marker inside the list: {:?}", m);
            }
        }
        for d in &checked.diagnostics {
            prop_assert!(on_text(&text, d.span), "{:?}", d);
        }
    }

    #[test]
    fn trailing_white_space_changes_nothing(text in manuscript(), tail in "[ \\t\\n]{1,6}") {
        let a = citelint::check(&text);
        let padded = format!("{text}{tail}");
        let b = citelint::check(&padded);
        let spans = |c: &citelint::Checked| -> Vec<Span> { c.doc.markers.iter().map(|m| m.span).collect() };
        prop_assert_eq!(spans(&a), spans(&b));
        let entries = |c: &citelint::Checked| -> Vec<Span> {
            c.doc.list.iter().flat_map(|l| l.entries.iter().map(|e| e.span)).collect()
        };
        prop_assert_eq!(entries(&a), entries(&b));
        let diags = |c: &citelint::Checked| -> Vec<(String, Span)> {
            c.diagnostics.iter().map(|d| (d.message.clone(), d.span)).collect()
        };
        prop_assert_eq!(diags(&a), diags(&b));
    }

    #[test]
    fn decoding_never_panics_and_round_trips(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        use citelint::input::{decode, encode};
        let strict = decode(bytes.clone(), false);
        let lossy = decode(bytes.clone(), true);
        if let Ok(d) = &strict {
            prop_assert_eq!(encode(&d.text, d.encoding), bytes);
            prop_assert_eq!(lossy.as_ref().ok(), Some(d));
        }
        if let Ok(d) = lossy {
            let _ = citelint::check(&d.text);
        }
    }
}
