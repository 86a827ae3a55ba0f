//! The items of a numeric marker with their byte spans, for the rules that
//! point inside a marker and repair it (`[5-3]`, `[3-3]`, `[1, 1]`).
//!
//! The marker scanner keeps what a marker cites but not where each item
//! sits; this small nom grammar reads a single bracket or parenthesis group
//! again and records the spans. Markers written across two brackets
//! (`[5]–[9]`) and superscript digits are not read here: the rules report
//! them without a fix.

use nom::character::complete::{char, one_of};
use nom::combinator::opt;
use nom::{IResult, Parser};

use crate::parse::numeric::{dash, hspace, number, NumItem};
use crate::parse::{Marker, MarkerKind};
use crate::source::Span;

/// One item of a marker, with where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemAt {
    /// What it cites.
    pub item: NumItem,
    /// The item (`5-3`).
    pub span: Span,
    /// The dash of a range, as written.
    pub dash: Option<char>,
    /// The separator and spaces before it (none for the first item).
    pub sep_before: Option<Span>,
}

/// An item, `number (hspace dash hspace number)?`, with its dash.
fn item_with_dash(i: &str) -> IResult<&str, (NumItem, Option<char>)> {
    let (i, a) = number(i)?;
    let (i, tail) = opt((hspace, dash, hspace, number)).parse(i)?;
    Ok((
        i,
        match tail {
            Some((_, d, _, b)) => (NumItem::Range(a, b), Some(d)),
            None => (NumItem::Single(a), None),
        },
    ))
}

/// A separator with the spaces around it.
fn sep(i: &str) -> IResult<&str, char> {
    let (i, _) = hspace(i)?;
    let (i, c) = one_of(",;，；、").parse(i)?;
    let (i, _) = hspace(i)?;
    Ok((i, c))
}

/// The items of `marker` with absolute spans, when it is a single group.
pub fn items(text: &str, marker: &Marker) -> Option<Vec<ItemAt>> {
    if !matches!(
        marker.kind,
        MarkerKind::Bracket | MarkerKind::Caret | MarkerKind::Paren
    ) {
        return None;
    }
    let m = marker.span.slice(text);
    let base = marker.span.start;
    let inner = m.strip_prefix('^').unwrap_or(m);
    let mut open = inner.chars();
    let first = open.next()?;
    let close = match first {
        '[' => ']',
        '(' => ')',
        '［' => '］',
        '【' => '】',
        '（' => '）',
        _ => return None,
    };
    let mut i = open.as_str();
    let at = |rest: &str| base + m.len() - rest.len();
    let mut out = Vec::new();
    (i, _) = hspace(i).ok()?;
    loop {
        let sep_before = if out.is_empty() {
            None
        } else {
            let start = at(i);
            let (rest, _) = sep(i).ok()?;
            i = rest;
            Some(Span::new(start, at(i)))
        };
        let start = at(i);
        let (rest, (item, d)) = item_with_dash(i).ok()?;
        i = rest;
        out.push(ItemAt {
            item,
            span: Span::new(start, at(i)),
            dash: d,
            sep_before,
        });
        if sep(i).is_err() {
            break;
        }
    }
    let (i, _) = hspace(i).ok()?;
    let (i, _) = char::<&str, nom::error::Error<&str>>(close).parse(i).ok()?;
    i.is_empty().then_some(out)
}

/// The span that removing item `k` of `items` takes: the item and the
/// separator before it, or for the first item the separator after it.
pub fn removal(items: &[ItemAt], k: usize) -> Span {
    let it = items[k];
    match (it.sep_before, items.get(k + 1)) {
        (Some(sep), _) => Span::new(sep.start, it.span.end),
        (None, Some(next)) => Span::new(it.span.start, next.span.start),
        (None, None) => it.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Cited;

    fn marker(text: &str, m: &str) -> Marker {
        let start = text.find(m).unwrap();
        Marker {
            span: Span::new(start, start + m.len()),
            kind: if m.starts_with('(') {
                MarkerKind::Paren
            } else {
                MarkerKind::Bracket
            },
            cited: Cited::Numbers(vec![]),
        }
    }

    #[test]
    fn items_carry_their_spans_and_separators() {
        let text = "see [1-3, 2; 5 – 4] now";
        let got = items(text, &marker(text, "[1-3, 2; 5 – 4]")).unwrap();
        let spans: Vec<&str> = got.iter().map(|i| i.span.slice(text)).collect();
        assert_eq!(spans, ["1-3", "2", "5 – 4"]);
        assert_eq!(got[1].sep_before.unwrap().slice(text), ", ");
        assert_eq!(got[2].dash, Some('–'));
        assert_eq!(removal(&got, 1).slice(text), ", 2");
        assert_eq!(removal(&got, 0).slice(text), "1-3, ");
    }

    #[test]
    fn two_bracket_ranges_are_not_read() {
        let text = "see [5]–[9]";
        assert_eq!(items(text, &marker(text, "[5]–[9]")), None);
    }
}
