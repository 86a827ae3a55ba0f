//! Numeric citation markers: `[1]`, `[1, 3-5]`, `^[2,3]`, `(5–7)`, `［1］`,
//! `【1】`, `[5]–[9]`, superscript digits `¹⁻³`, and references by number
//! in words: `ref. 7`, `refs 3 and 5–7`.
//!
//! The grammar is built bottom-up from small nom parsers. Scanning is done
//! in two steps: a memchr pre-scan finds the bytes where a marker can start,
//! then the grammar is tried at each of them on a window of at most
//! [`MAX_MARKER_BYTES`], which keeps the worst case linear in the input.
//! Whether a syntactically valid group really is a citation (and not an
//! interval `[0, 1]`, a year `[2008]` or an enumeration `(1)`) is decided
//! later, by [`crate::parse::Manuscript`], which knows the reference list.
//!
//! The sub-modules:
//! - `types`: [`NumItem`], [`NumericKind`] and [`NumericMarker`], what the
//!   scanner returns;
//! - `grammar`: the nom parsers of a group (white space, numbers, dashes,
//!   items, separators, locators, bracket and parenthesis groups, the
//!   `[5]–[9]` range tail);
//! - `superscript`: superscript digits and groups (`¹⁻³`), and whether a
//!   superscript run follows a word;
//! - `textual`: references by number in words (`ref. 7`);
//! - `prescan`: the memchr pre-scan of the bytes where a marker may start;
//! - `code`: whether a group glued to a word reads as code or maths
//!   (`array[3]`) rather than as a citation (`cancer[4]`).
//!
//! This file holds the scanners over a text ([`scan`], [`scan_textual`],
//! [`bracket_groups`]), which tie them together.

mod code;
mod grammar;
mod prescan;
mod superscript;
mod textual;
mod types;

pub use code::{glued_to_word, is_cjk_script};
pub use grammar::{
    bracket_group, bracket_range_tail, dash, group, hspace, is_hspace, item, item_list, locator,
    number, paren_group, separator,
};
pub use prescan::{candidates, candidates_iter, candidates_naive};
pub use superscript::{superscript_digit, superscript_group};
pub use textual::{textual_group, textual_keyword};
pub use types::{NumItem, NumericKind, NumericMarker};

use crate::source::Span;
use code::{looks_like_code, CodeLines};
use superscript::superscript_follows_word;

/// Longest text a single numeric marker may span.
pub const MAX_MARKER_BYTES: usize = 256;

/// The window of text a marker starting at `p` may span.
fn window(text: &str, p: usize) -> &str {
    let mut end = (p + MAX_MARKER_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[p..end]
}

/// Every reference by number in words (`ref. 7`, `refs 3 and 5`) in
/// `text[region]`, in order: found from each `r`/`R` that starts a word.
pub fn scan_textual(text: &str, region: Span) -> Vec<NumericMarker> {
    let mut out = Vec::new();
    let Some(slice) = text.get(region.start..region.end) else {
        return out;
    };
    let b = slice.as_bytes();
    for p in memchr::memchr2_iter(b'r', b'R', b) {
        if slice[..p]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let w = window(slice, p);
        if let Ok((rest, items)) = textual_group(w) {
            let start = region.start + p;
            out.push(NumericMarker {
                span: Span::new(start, start + (w.len() - rest.len())),
                kind: NumericKind::Textual,
                items,
            });
        }
    }
    out
}

/// Every syntactically valid numeric marker in `text[region]`, in order.
/// Spans are offsets into `text`.
pub fn scan(text: &str, region: Span) -> Vec<NumericMarker> {
    scan_with(text, region, true)
}

/// Every group of numbers in brackets in `text[region]` (`[1]`, `［2］`,
/// `^[3]`, `t[1]`, `a[3]`), code and index notation included: what a
/// renumbering must account for. Spans are offsets into `text`.
pub fn bracket_groups(text: &str, region: Span) -> Vec<NumericMarker> {
    scan_with(text, region, false)
        .into_iter()
        .filter(|m| matches!(m.kind, NumericKind::Bracket | NumericKind::Caret))
        .collect()
}

/// [`scan`], leaving out what reads as code only when `drop_code` says so.
fn scan_with(text: &str, region: Span, drop_code: bool) -> Vec<NumericMarker> {
    let mut out: Vec<NumericMarker> = Vec::new();
    let Some(slice) = text.get(region.start..region.end) else {
        return out;
    };
    let mut skip_until = 0;
    let mut code_lines = CodeLines::default();
    for rel in candidates_iter(slice) {
        let p = region.start + rel;
        if p < skip_until {
            continue;
        }
        let w = window(&text[..region.end], p);
        let first = w.as_bytes()[0];
        let (kind, parsed) = match first {
            b'[' => (NumericKind::Bracket, bracket_group(w)),
            b'(' => (NumericKind::Paren, paren_group(w)),
            _ if w.starts_with('［') || w.starts_with('【') => {
                (NumericKind::Bracket, bracket_group(w))
            }
            _ if w.starts_with('（') => (NumericKind::Paren, paren_group(w)),
            _ => (NumericKind::Superscript, superscript_group(w)),
        };
        let Ok((rest, mut items)) = parsed else {
            continue;
        };
        let mut span = Span::new(p, p + (w.len() - rest.len()));
        let mut kind = kind;
        match kind {
            NumericKind::Bracket => {
                if p > 0 && text.as_bytes()[p - 1] == b'^' {
                    kind = NumericKind::Caret;
                    span.start = p - 1;
                } else if drop_code && looks_like_code(text, span, &mut code_lines) {
                    continue;
                }
                if let ([NumItem::Single(a)], Ok((rest2, b))) =
                    (items.as_slice(), bracket_range_tail(rest))
                {
                    items = vec![NumItem::Range(*a, b)];
                    span.end += rest.len() - rest2.len();
                }
            }
            NumericKind::Paren => {
                if drop_code && looks_like_code(text, span, &mut code_lines) {
                    continue;
                }
            }
            NumericKind::Superscript => {
                if !superscript_follows_word(text, p) {
                    skip_until = span.end;
                    continue;
                }
            }
            NumericKind::Caret | NumericKind::Textual | NumericKind::Flattened => {}
        }
        skip_until = span.end;
        out.push(NumericMarker { span, kind, items });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumItem::{Range, Single};

    #[test]
    fn textual_scan_matches_trying_every_position() {
        let text = "Ref 1, rref 2; (refs. 3 and 4) Éref 5 reference 6, ref\u{a0}7 r R ref. 8";
        let naive: Vec<Span> = (0..text.len())
            .filter(|&p| text.is_char_boundary(p))
            .filter(|&p| {
                !text[..p]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
            .filter_map(|p| {
                let (rest, _) = textual_group(&text[p..]).ok()?;
                Some(Span::new(p, text.len() - rest.len()))
            })
            .collect();
        let fast: Vec<Span> = scan_textual(text, Span::new(0, text.len()))
            .iter()
            .map(|m| m.span)
            .collect();
        assert_eq!(fast, naive);
        assert_eq!(fast.len(), 5);
    }

    #[test]
    fn textual_scan_needs_a_word_start() {
        let text = "As ref. 2 and Ref 3 show; preference 4, föref 5.";
        let found: Vec<&str> = scan_textual(text, Span::new(0, text.len()))
            .iter()
            .map(|m| m.span.slice(text))
            .collect();
        assert_eq!(found, vec!["ref. 2", "Ref 3"]);
    }

    fn found(text: &str) -> Vec<(&str, NumericKind, Vec<NumItem>)> {
        scan(text, Span::new(0, text.len()))
            .into_iter()
            .map(|m| (m.span.slice(text), m.kind, m.items))
            .collect()
    }

    #[test]
    fn scanner_finds_every_form_with_exact_spans() {
        use NumericKind::*;
        let text = "a [1] b [1,2] c [1, 2] d [3-5] e [3–5] f [3—5] g [1, 3-5, 9] \
                    h [5]–[9] i cancer^[1] j x^[2,3] k ［1］ l 【1】 m (5–7) n word¹⁻³.";
        let got = found(text);
        let want = vec![
            ("[1]", Bracket, vec![Single(1)]),
            ("[1,2]", Bracket, vec![Single(1), Single(2)]),
            ("[1, 2]", Bracket, vec![Single(1), Single(2)]),
            ("[3-5]", Bracket, vec![Range(3, 5)]),
            ("[3–5]", Bracket, vec![Range(3, 5)]),
            ("[3—5]", Bracket, vec![Range(3, 5)]),
            (
                "[1, 3-5, 9]",
                Bracket,
                vec![Single(1), Range(3, 5), Single(9)],
            ),
            ("[5]–[9]", Bracket, vec![Range(5, 9)]),
            ("^[1]", Caret, vec![Single(1)]),
            ("^[2,3]", Caret, vec![Single(2), Single(3)]),
            ("［1］", Bracket, vec![Single(1)]),
            ("【1】", Bracket, vec![Single(1)]),
            ("(5–7)", Paren, vec![Range(5, 7)]),
            ("¹⁻³", Superscript, vec![Range(1, 3)]),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_marker_wrapped_over_two_lines() {
        let got = found("as seen [18,\n19] and [36,\r\n38-40].");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].2, vec![NumItem::Single(18), NumItem::Single(19)]);
        assert_eq!(got[1].2, vec![NumItem::Single(36), NumItem::Range(38, 40)]);
    }

    #[test]
    fn three_bracketed_numbers_are_three_markers() {
        let got = found("seen [1], [2], [3].");
        assert_eq!(got.len(), 3);
        assert_eq!(got[2].0, "[3]");
    }

    #[test]
    fn code_and_units_are_not_markers() {
        assert!(found("let y = array[3];").is_empty());
        assert!(found("x = m[1][2]").is_empty());
        assert_eq!(found("as in [1][2][3].").len(), 3);
        assert!(found("x[1] = 2").is_empty());
        assert!(found("m[2][3]").is_empty());
        assert!(found("my_list[2]").is_empty());
        // an operator left open reads the same at the end of the text as
        // before a space (found by the trailing-white-space property)
        assert_eq!(found("[1]array[3]^"), found("[1]array[3]^ "));
        assert!(found("sum[3]^\nx").len() == found("sum[3]^ x").len());
        assert!(found("an area of 5 km² and 10⁶ cells").is_empty());
        assert_eq!(found("in P. vivax[20] when").len(), 1);
        assert_eq!(found("of cancer[4]. The").len(), 1);
    }

    #[test]
    fn a_group_glued_to_a_word_is_a_citation_only_on_the_evidence() {
        // (text, the groups read as citations)
        let cases: &[(&str, &[&str])] = &[
            ("the t[1]/t[2] score plot", &[]),
            ("p[1] loadings were high", &[]),
            ("with x[n-1] and y", &[]),
            ("we set a[3] = 0 here", &[]),
            ("mapped to[1] in order", &[]),
            ("values x1[2] and xy[3] rose", &[]),
            ("the sum x[1]+x[2] of", &[]),
            ("as obj.arr[1] shows", &[]),
            ("y=arr[2] and", &[]),
            ("as b[1]-b[2] differs", &[]),
            ("the ratio data[1] / data[2] rose", &[]),
            ("the PC[1] and PC[2] scores", &[]),
            ("weights beta[1] fitted", &[]),
            ("the t[1] vs t[2] plot", &[]),
            ("studies[1] agree; other studies[2] found", &["[1]", "[2]"]),
            ("of cancer[4]. The", &["[4]"]),
            ("in P. vivax[20] when", &["[20]"]),
            ("during 2011 and 2012[1]. These", &["[1]"]),
            ("reported to the USEPA[11] test", &["[11]"]),
            ("in the UK[2], and", &["[2]"]),
            ("the BRCA1[3] gene", &["[3]"]),
            ("as Smith et al[5] showed", &["[5]"]),
            ("in HIV/AIDS[6] care", &["[6]"]),
            ("S. mansoni[26]–[28] or", &["[26]–[28]"]),
            ("研究[1]表明", &["[1]"]),
            ("研究［1］表明", &["［1］"]),
            ("研究[1-2]表明", &["[1-2]"]),
            ("研究[1]では", &["[1]"]),
            ("연구[3]에서", &["[3]"]),
            ("问题[1]。", &["[1]"]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = found(text).into_iter().map(|m| m.0).collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn bracket_groups_keep_code_and_index_notation() {
        let text = "t[1]/t[2], a[3] = 0, see [4], ^[5], (6), x[n-1], [7]–[9]";
        let got: Vec<&str> = bracket_groups(text, Span::new(0, text.len()))
            .iter()
            .map(|m| m.span.slice(text))
            .collect();
        assert_eq!(got, ["[1]", "[2]", "[3]", "[4]", "^[5]", "[7]–[9]"]);
    }

    #[test]
    fn deep_brackets_are_linear_and_empty() {
        let text = "[".repeat(10_000);
        assert!(found(&text).is_empty());
        let text = "[1,".repeat(10_000);
        assert!(found(&text).is_empty());
    }
}
