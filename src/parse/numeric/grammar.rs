//! The nom grammar of a group of numbers: white space, numbers, dashes,
//! items and ranges, separators, locators, and the bracket and
//! parenthesis shapes of a group.

use nom::branch::alt;
use nom::bytes::complete::{take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, one_of};
use nom::combinator::{cond, map, map_res, opt, recognize};
use nom::multi::separated_list1;
use nom::sequence::preceded;
use nom::{IResult, Parser};

use super::NumItem;

/// White space inside a marker (see [`is_hspace`]).
pub fn hspace(i: &str) -> IResult<&str, &str> {
    take_while(is_hspace).parse(i)
}

/// Whether `c` is white space as it occurs inside markers: spaces of any
/// width, and the line break of a manuscript wrapped at a fixed width
/// (`[18,` + `19]`, `(Smith et` + `al., 2008)`).
pub fn is_hspace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2005}' | '\u{2006}' | '\n' | '\r'
    )
}

/// A citation number: one to six ASCII digits, `[0-9]{1,6}` (a list may
/// have 100,000 entries; whether a number is plausible as a citation is
/// decided against the list).
pub fn number(i: &str) -> IResult<&str, u32> {
    map_res(
        take_while_m_n(1, 6, |c: char| c.is_ascii_digit()),
        str::parse,
    )
    .parse(i)
}

/// A range dash: hyphen, en dash, em dash, figure dash, minus, and the
/// Unicode hyphens.
pub fn dash(i: &str) -> IResult<&str, char> {
    one_of("-–—‒−‐‑").parse(i)
}

/// One item: `number (hspace dash hspace number)?`.
pub fn item(i: &str) -> IResult<&str, NumItem> {
    let (i, a) = number(i)?;
    let (i, b) = opt(preceded((hspace, dash, hspace), number)).parse(i)?;
    Ok((i, b.map_or(NumItem::Single(a), |b| NumItem::Range(a, b))))
}

/// A list separator: `hspace [,;，；、] hspace`.
pub fn separator(i: &str) -> IResult<&str, char> {
    let (i, _) = hspace(i)?;
    let (i, c) = one_of(",;，；、").parse(i)?;
    let (i, _) = hspace(i)?;
    Ok((i, c))
}

/// Items separated by separators: `item (separator item)*`.
pub fn item_list(i: &str) -> IResult<&str, Vec<NumItem>> {
    separated_list1(separator, item).parse(i)
}

/// A group between `open` and `close`: `open hspace item_list locator?
/// hspace close`, the locator (`[1, p. 4]`) only where `locators` says so.
pub fn group<'a>(
    open: char,
    close: char,
    locators: bool,
) -> impl Parser<&'a str, Output = Vec<NumItem>, Error = nom::error::Error<&'a str>> {
    map(
        (
            char(open),
            hspace,
            item_list,
            opt(cond(locators, locator)),
            hspace,
            char(close),
        ),
        |(_, _, mut items, _, _, _)| {
            // a marker's list lives as long as the manuscript: no spare room
            items.shrink_to_fit();
            items
        },
    )
}

/// Words that open a locator inside a citation: `[1, p. 4]`, `[3, Fig.
/// 2]`, `[2, Ch. 3]` (IEEE and the humanities' numeric styles).
const LOCATOR_WORDS: &[&str] = &[
    "p",
    "pp",
    "page",
    "pages",
    "fig",
    "figs",
    "figure",
    "ch",
    "chap",
    "chapter",
    "sec",
    "sect",
    "section",
    "thm",
    "theorem",
    "lemma",
    "eq",
    "eqs",
    "table",
    "tab",
    "app",
    "appendix",
    "vol",
    "l",
    "ll",
    "line",
    "lines",
    "col",
    "para",
    "def",
    "prop",
    "cor",
    "alg",
    "algorithm",
    "ex",
    "example",
    "note",
    "n",
];

/// A locator after the numbers of a bracket group: `, p. 4`, `, Fig. 2b`,
/// `, pp. 4–6`, `, Sec. 2.1`: a separator, a locator word, then up to 40
/// characters that are not a bracket or a line break.
pub fn locator(i: &str) -> IResult<&str, &str> {
    recognize((
        hspace,
        one_of(",;"),
        hspace,
        nom::combinator::verify(take_while1(char::is_alphabetic), |w: &str| {
            LOCATOR_WORDS.iter().any(|l| l.eq_ignore_ascii_case(w))
        }),
        opt(char('.')),
        take_while1(is_word_space),
        take_while_m_n(1, 40, |c: char| {
            !matches!(c, '[' | ']' | '［' | '］' | '【' | '】' | '\n' | '\r')
        }),
    ))
    .parse(i)
}

/// A bracket group in any of its bracket shapes: `[…]`, `［…］`, `【…】`,
/// with an optional locator (`[1, p. 4]`).
pub fn bracket_group(i: &str) -> IResult<&str, Vec<NumItem>> {
    alt((
        group('[', ']', true),
        group('［', '］', true),
        group('【', '】', true),
    ))
    .parse(i)
}

/// A parenthesised group: `(…)` or `（…）`.
pub fn paren_group(i: &str) -> IResult<&str, Vec<NumItem>> {
    alt((group('(', ')', false), group('（', '）', false))).parse(i)
}

/// The second half of a range written across two brackets: the `–[9]` of
/// `[5]–[9]`. Accepts `hspace dash hspace [ number ]` (the caret form too).
pub fn bracket_range_tail(i: &str) -> IResult<&str, u32> {
    let (i, _) = (hspace, dash, hspace, opt(char('^'))).parse(i)?;
    let (i, items) = bracket_group(i)?;
    match items.as_slice() {
        [NumItem::Single(n)] => Ok((i, *n)),
        _ => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        ))),
    }
}

/// A space between words: space or no-break space (never a line break).
pub(super) fn is_word_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::numeric::superscript_group;
    use NumItem::{Range, Single};

    #[test]
    fn grammar_pieces_leave_the_rest() {
        assert_eq!(number("12]"), Ok(("]", 12)));
        assert!(number("x").is_err());
        assert_eq!(dash("–5"), Ok(("5", '–')));
        assert_eq!(item("3-5]"), Ok(("]", Range(3, 5))));
        assert_eq!(item("3 – 5,"), Ok((",", Range(3, 5))));
        assert_eq!(item("7, 8"), Ok((", 8", Single(7))));
        assert_eq!(separator(" , 2"), Ok(("2", ',')));
        assert_eq!(separator("; 2"), Ok(("2", ';')));
        assert_eq!(
            item_list("1, 3-5, 9] rest"),
            Ok(("] rest", vec![Single(1), Range(3, 5), Single(9)]))
        );
        assert_eq!(
            bracket_group("[1,2] x"),
            Ok((" x", vec![Single(1), Single(2)]))
        );
        assert_eq!(bracket_group("［1］。"), Ok(("。", vec![Single(1)])));
        assert_eq!(bracket_group("[1, p. 4] x"), Ok((" x", vec![Single(1)])));
        assert_eq!(
            bracket_group("[2, 3, pp. 4–6]."),
            Ok((".", vec![Single(2), Single(3)]))
        );
        assert_eq!(bracket_group("[3, Fig. 2b]"), Ok(("", vec![Single(3)])));
        assert_eq!(bracket_group("[4; Sec. 2.1]"), Ok(("", vec![Single(4)])));
        assert_eq!(locator(", Ch. 3] x"), Ok(("] x", ", Ch. 3")));
        assert!(bracket_group("[1, see also 2]").is_err());
        assert!(bracket_group("[1, p.]").is_err());
        assert_eq!(bracket_group("【12】"), Ok(("", vec![Single(12)])));
        assert_eq!(paren_group("(5–7) and"), Ok((" and", vec![Range(5, 7)])));
        assert_eq!(bracket_range_tail("–[9] x"), Ok((" x", 9)));
        assert_eq!(
            superscript_group("¹⁻³,⁵ x"),
            Ok((" x", vec![Range(1, 3), Single(5)]))
        );
    }

    #[test]
    fn look_alikes_do_not_parse() {
        for s in [
            "[sic]", "[n = 40]", "[0.5, 1]", "[1,,2]", "[1-]", "[]", "[,]", "(a)", "(Fig. 3)",
        ] {
            assert!(
                bracket_group(s).is_err() && paren_group(s).is_err(),
                "{s} parsed"
            );
        }
    }
}
