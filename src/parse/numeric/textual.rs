//! The nom grammar of a reference by number in words: `ref. 7`,
//! `refs 3 and 5–7`.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while, take_while1};
use nom::character::complete::char;
use nom::combinator::{opt, recognize};
use nom::multi::separated_list1;
use nom::{IResult, Parser};

use super::grammar::{is_word_space, item};
use super::NumItem;

/// The word that names a reference by number: `ref`, `ref.`, `refs.`,
/// `reference`, `references` (any case), and the space after it.
pub fn textual_keyword(i: &str) -> IResult<&str, &str> {
    recognize((
        alt((
            tag_no_case("references"),
            tag_no_case("reference"),
            tag_no_case("refs"),
            tag_no_case("ref"),
        )),
        opt(char('.')),
        take_while1(is_word_space),
    ))
    .parse(i)
}

/// Between the numbers of a textual reference: `, `, ` and `, `, and `,
/// ` & `.
fn textual_separator(i: &str) -> IResult<&str, &str> {
    let and = || (alt((tag("and"), tag("&"))), take_while1(is_word_space));
    alt((
        recognize((char(','), take_while(is_word_space), opt(and()))),
        recognize((take_while(is_word_space), and())),
    ))
    .parse(i)
}

/// `ref. 7`, `refs 3, 5 and 8–10`: the keyword, then items. The last
/// number must end the word (`ref. 7b` and `ref. 7.2` are not citations).
/// The word spelt out, `reference 3`, also names other things (`reference
/// 1 mM`, `reference 3 is cited first`): it counts only before
/// punctuation.
pub fn textual_group(i: &str) -> IResult<&str, Vec<NumItem>> {
    let (after_kw, kw) = textual_keyword(i)?;
    let (rest, items) = separated_list1(textual_separator, item).parse(after_kw)?;
    let spelt = kw.trim_end().len() > "refs.".len();
    let mut chars = rest.chars();
    let ends = match chars.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('.' | ',') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(' ' | '\u{a0}' | '\t' | '\n' | '\r') => !spelt,
        Some(_) => true,
    };
    if !ends {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, items))
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumItem::{Range, Single};

    #[test]
    fn textual_references_leave_the_rest() {
        let cases: &[(&str, &str, &[NumItem])] = &[
            ("ref. 7 shows", " shows", &[Single(7)]),
            ("Ref 7.", ".", &[Single(7)]),
            ("refs 3 and 5–7)", ")", &[Single(3), Range(5, 7)]),
            (
                "Refs. 3, 4, and 9, p",
                ", p",
                &[Single(3), Single(4), Single(9)],
            ),
            ("references 2 & 4;", ";", &[Single(2), Single(4)]),
            ("reference 3.", ".", &[Single(3)]),
            ("reference\u{a0}12", "", &[Single(12)]),
        ];
        for (text, rest, items) in cases {
            assert_eq!(textual_group(text), Ok((*rest, items.to_vec())), "{text}");
        }
        assert_eq!(textual_keyword("Refs. 3"), Ok(("3", "Refs. ")));
        for s in [
            "ref. 7b",
            "ref 7.2",
            "ref.7",
            "refer 3",
            "refs and 3",
            "reference 1 mM",
            "reference 3 is cited",
        ] {
            assert!(textual_group(s).is_err(), "{s}");
        }
    }
}
