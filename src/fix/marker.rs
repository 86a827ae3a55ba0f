//! Rewriting one numeric marker in its own shape.
//!
//! A marker's text is read back into its pieces: what comes before the
//! first number (`[`, `^[`, `(`, `［`), what comes after the last, and the
//! exact text between numbers: a separator (`, `, `,`, `; `) between items,
//! a dash (`–`, `-`, ` – `) inside a range, or `]–[` for a range written
//! across two brackets. A new list of items is written back with those same
//! pieces, so that `[1, 3–5]` stays `[a, b–c]` and `^[2,3]` stays `^[a,b]`.

use crate::parse::numeric::{superscript_digit, NumItem};
use crate::parse::MarkerKind;

/// The pieces of a marker's text around its numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// Everything before the first number (`[`, `^[ `, `(`).
    pub prefix: String,
    /// Everything after the last number (`]`, ` )`).
    pub suffix: String,
    /// The separator before each item but the first, as written.
    pub seps: Vec<String>,
    /// The dash of the first range written inside one bracket, as written.
    pub dash: Option<String>,
    /// The `]–[` of a range written across two brackets (`[5]–[9]`).
    pub cross: Option<String>,
    /// Whether the numbers are superscript digits.
    pub superscript: bool,
}

const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// Whether `c` is a bracket that closes or opens a group.
fn is_bracket(c: char) -> bool {
    matches!(c, '[' | ']' | '［' | '］' | '【' | '】')
}

/// How many numbers an item is written with.
fn written_numbers(item: &NumItem) -> usize {
    match item {
        NumItem::Single(_) => 1,
        NumItem::Range(..) => 2,
    }
}

/// Reads the pieces of `text`, a marker of `kind` that the scanner read as
/// `items`. `None` when the text does not split as expected (then the
/// marker is left alone).
pub fn shape(text: &str, kind: MarkerKind, items: &[NumItem]) -> Option<Shape> {
    let superscript = kind == MarkerKind::Superscript;
    let is_digit = |c: char| {
        if superscript {
            superscript_digit(c).is_some()
        } else {
            c.is_ascii_digit()
        }
    };
    // Byte ranges of the digit runs.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut cur: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (is_digit(c), cur) {
            (true, None) => cur = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                cur = None;
            }
            _ => {}
        }
    }
    if let Some(s) = cur {
        runs.push((s, text.len()));
    }
    let want: usize = items.iter().map(written_numbers).sum();
    // `[1, p. 4]`: the digits of a locator (after a word) are not items;
    // they stay in the suffix.
    if runs.len() > want
        && want > 0
        && text[runs[want - 1].1..runs[want].0]
            .chars()
            .any(char::is_alphabetic)
    {
        runs.truncate(want);
    }
    if runs.len() != want || want == 0 {
        return None;
    }
    let gap = |k: usize| text[runs[k].1..runs[k + 1].0].to_string();
    let mut seps = Vec::new();
    let mut dash = None;
    let mut cross = None;
    let mut k = 0;
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            seps.push(gap(k - 1));
        }
        if let NumItem::Range(..) = item {
            let g = gap(k);
            if g.chars().any(is_bracket) {
                cross.get_or_insert(g);
            } else {
                dash.get_or_insert(g);
            }
        }
        k += written_numbers(item);
    }
    // Separators and dashes never hold digits or line breaks; anything
    // else means the text is not what the scanner saw.
    let odd = |s: &String| s.is_empty() || s.contains(['\n', '\r']);
    if seps.iter().any(odd) || dash.as_ref().is_some_and(odd) || cross.as_ref().is_some_and(odd) {
        return None;
    }
    Some(Shape {
        prefix: text[..runs[0].0].to_string(),
        suffix: text[runs[want - 1].1..].to_string(),
        seps,
        dash,
        cross,
        superscript,
    })
}

/// Separator and dash to use where a marker has none of its own: the
/// manuscript's most common ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defaults {
    /// Between items (`, `).
    pub sep: String,
    /// Inside a range (`–`).
    pub dash: String,
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            sep: ", ".into(),
            dash: "–".into(),
        }
    }
}

impl Defaults {
    /// The most common separator and in-bracket dash of `shapes` (ties go
    /// to the first seen).
    pub fn from_shapes<'a>(shapes: impl Iterator<Item = &'a Shape>) -> Defaults {
        let mut seps: Vec<(String, usize)> = Vec::new();
        let mut dashes: Vec<(String, usize)> = Vec::new();
        let bump = |v: &mut Vec<(String, usize)>, s: &str| match v.iter_mut().find(|e| e.0 == s) {
            Some(e) => e.1 += 1,
            None => v.push((s.to_string(), 1)),
        };
        for s in shapes.filter(|s| !s.superscript) {
            for sep in &s.seps {
                bump(&mut seps, sep);
            }
            if let Some(d) = &s.dash {
                bump(&mut dashes, d);
            }
        }
        let top = |v: Vec<(String, usize)>, dflt: &str| {
            let mut best: Option<(String, usize)> = None;
            for e in v {
                if best.as_ref().is_none_or(|b| e.1 > b.1) {
                    best = Some(e);
                }
            }
            best.map_or_else(|| dflt.to_string(), |b| b.0)
        };
        Defaults {
            sep: top(seps, ", "),
            dash: top(dashes, "–"),
        }
    }
}

fn digits(n: u32, superscript: bool) -> String {
    let s = n.to_string();
    if superscript {
        s.chars()
            .map(|c| SUP[c.to_digit(10).unwrap_or(0) as usize])
            .collect()
    } else {
        s
    }
}

/// Writes `items` in the shape `shape`.
pub fn render(shape: &Shape, items: &[NumItem], defaults: &Defaults) -> String {
    let (dflt_sep, dflt_dash) = if shape.superscript {
        (",", "⁻")
    } else {
        (defaults.sep.as_str(), defaults.dash.as_str())
    };
    let mut out = shape.prefix.clone();
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            let sep = shape
                .seps
                .get(n - 1)
                .or(shape.seps.last())
                .map_or(dflt_sep, String::as_str);
            out.push_str(sep);
        }
        match *item {
            NumItem::Single(a) => out.push_str(&digits(a, shape.superscript)),
            NumItem::Range(a, b) => {
                let dash = match (&shape.cross, items.len()) {
                    (Some(c), 1) => c.as_str(),
                    _ => shape.dash.as_deref().unwrap_or(dflt_dash),
                };
                out.push_str(&digits(a, shape.superscript));
                out.push_str(dash);
                out.push_str(&digits(b, shape.superscript));
            }
        }
    }
    out.push_str(&shape.suffix);
    out
}

/// Merges runs of adjacent items whose numbers follow each other (`3, 4,
/// 5` or `3–4, 5`) into one range when the run holds at least `min_run`
/// numbers; shorter runs keep their items as they are.
pub fn compress_runs(items: &[NumItem], min_run: usize) -> Vec<NumItem> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < items.len() {
        let start = items[k].min();
        let mut end = items[k].max();
        let mut j = k + 1;
        while j < items.len() && items[j].min() == end.wrapping_add(1) && items[j].max() >= end {
            end = items[j].max();
            j += 1;
        }
        let count = (end - start) as usize + 1;
        if j - k > 1 && count >= min_run {
            out.push(NumItem::Range(start, end));
        } else {
            out.extend_from_slice(&items[k..j]);
        }
        k = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumItem::{Range, Single};

    #[test]
    fn shapes_keep_every_piece() {
        let s = shape("[1, 3–5]", MarkerKind::Bracket, &[Single(1), Range(3, 5)]).unwrap();
        assert_eq!(s.prefix, "[");
        assert_eq!(s.suffix, "]");
        assert_eq!(s.seps, [", "]);
        assert_eq!(s.dash.as_deref(), Some("–"));
        let d = Defaults::default();
        assert_eq!(render(&s, &[Single(2), Range(4, 6)], &d), "[2, 4–6]");
        assert_eq!(
            render(&s, &[Single(2), Single(4), Single(9)], &d),
            "[2, 4, 9]"
        );

        let s = shape("^[2,3]", MarkerKind::Caret, &[Single(2), Single(3)]).unwrap();
        assert_eq!(render(&s, &[Single(7), Single(8)], &d), "^[7,8]");

        let s = shape("[5]–[9]", MarkerKind::Bracket, &[Range(5, 9)]).unwrap();
        assert_eq!(s.cross.as_deref(), Some("]–["));
        assert_eq!(render(&s, &[Range(1, 5)], &d), "[1]–[5]");
        assert_eq!(render(&s, &[Single(1), Range(3, 5)], &d), "[1, 3–5]");

        let s = shape("¹⁻³", MarkerKind::Superscript, &[Range(1, 3)]).unwrap();
        assert_eq!(render(&s, &[Range(10, 12)], &d), "¹⁰⁻¹²");
        assert_eq!(render(&s, &[Single(2), Single(5)], &d), "²,⁵");

        let s = shape("[1, pp. 4–6]", MarkerKind::Bracket, &[Single(1)]).unwrap();
        assert_eq!(s.prefix, "[");
        assert_eq!(s.suffix, ", pp. 4–6]");
        let s = shape("( 12 )", MarkerKind::Paren, &[Single(12)]).unwrap();
        assert_eq!(render(&s, &[Single(3)], &d), "( 3 )");
    }

    #[test]
    fn a_marker_that_does_not_split_is_refused() {
        assert!(shape("[1, 2]", MarkerKind::Bracket, &[Single(1)]).is_none());
        assert!(shape("[12]", MarkerKind::Bracket, &[]).is_none());
    }

    #[test]
    fn runs_compress_only_when_long_enough() {
        assert_eq!(
            compress_runs(&[Single(3), Single(4), Single(5), Single(9)], 3),
            [Range(3, 5), Single(9)]
        );
        assert_eq!(
            compress_runs(&[Single(3), Single(4), Single(9)], 3),
            [Single(3), Single(4), Single(9)]
        );
        assert_eq!(compress_runs(&[Range(3, 4), Single(5)], 3), [Range(3, 5)]);
        assert_eq!(compress_runs(&[Range(3, 4)], 3), [Range(3, 4)]);
        assert_eq!(
            compress_runs(&[Single(2), Single(1)], 2),
            [Single(2), Single(1)]
        );
    }
}
