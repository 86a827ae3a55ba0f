//! Unicode superscript digits: their values, the nom grammar of a
//! superscript group (`¹⁻³,⁵`), and whether a run follows a word.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::combinator::{map_res, opt, recognize};
use nom::multi::separated_list1;
use nom::sequence::preceded;
use nom::{IResult, Parser};

use super::NumItem;

/// The value of a Unicode superscript digit.
pub fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

/// A number in superscript digits: `¹²`.
fn superscript_number(i: &str) -> IResult<&str, u32> {
    map_res(
        recognize(take_while_m_n(1, 4, |c| superscript_digit(c).is_some())),
        |s: &str| -> Result<u32, ()> {
            Ok(s.chars()
                .filter_map(superscript_digit)
                .fold(0, |n, d| n * 10 + d))
        },
    )
    .parse(i)
}

/// A superscript item: `¹`, `¹⁻³`, `¹–³`.
fn superscript_item(i: &str) -> IResult<&str, NumItem> {
    let (i, a) = superscript_number(i)?;
    let (i, b) = opt(preceded(
        alt((tag("⁻"), tag("–"), tag("-"))),
        superscript_number,
    ))
    .parse(i)?;
    Ok((i, b.map_or(NumItem::Single(a), |b| NumItem::Range(a, b))))
}

/// A run of superscript items separated by commas: `¹,²,⁵⁻⁷`.
pub fn superscript_group(i: &str) -> IResult<&str, Vec<NumItem>> {
    separated_list1(alt((tag(","), tag("˒"), tag("'"))), superscript_item).parse(i)
}

/// Whether the superscript run at `span` follows a word (a citation) rather
/// than a number or a unit (`10⁶`, `km²`).
pub(super) fn superscript_follows_word(text: &str, start: usize) -> bool {
    let before = &text[..start];
    match before.chars().next_back() {
        Some(c) if ".,;:)]".contains(c) => true,
        Some(c) if c.is_alphabetic() => {
            let word: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect();
            word.chars().count() >= 3
        }
        _ => false,
    }
}
