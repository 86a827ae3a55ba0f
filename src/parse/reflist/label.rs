//! Entry labels (`[1]`, `1.`, `1)`, `(1)`, `1 `) and list bullets, as nom
//! parsers.

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, one_of};
use nom::combinator::opt;
use nom::{IResult, Parser};

use super::LabelStyle;
use crate::parse::numeric::{hspace, number};

/// A list bullet: `- `, `* `, `• `, `· `, `– ` (with its trailing space).
pub(super) fn bullet(i: &str) -> IResult<&str, char> {
    let (i, c) = one_of("-*•·–").parse(i)?;
    let (i, _) = hspace(i)?;
    Ok((i, c))
}

/// An entry label: `[n]`, `［n］`, `n.`, `n)`, `(n)` or `n` + space, with
/// the space after it.
pub fn label(i: &str) -> IResult<&str, (LabelStyle, u32)> {
    let bracket = |i| -> IResult<&str, (LabelStyle, u32)> {
        let (i, _) = alt((tag("["), tag("［"))).parse(i)?;
        let (i, n) = number(i)?;
        let (i, _) = alt((tag("]"), tag("］"))).parse(i)?;
        Ok((i, (LabelStyle::Bracket, n)))
    };
    let enclosed = |i| -> IResult<&str, (LabelStyle, u32)> {
        let (i, _) = char('(').parse(i)?;
        let (i, n) = number(i)?;
        let (i, _) = char(')').parse(i)?;
        Ok((i, (LabelStyle::Enclosed, n)))
    };
    let suffixed = |i| -> IResult<&str, (LabelStyle, u32)> {
        let (i, n) = number(i)?;
        let (i, c) = opt(one_of(".)")).parse(i)?;
        let style = match c {
            Some('.') => LabelStyle::Dot,
            Some(_) => LabelStyle::Paren,
            None => LabelStyle::Bare,
        };
        Ok((i, (style, n)))
    };
    let (rest, found) = alt((bracket, enclosed, suffixed)).parse(i)?;
    // The label must be followed by a space (or the end of the line); a bare
    // number must be followed by a space and then not by a digit.
    let (after, sp) = hspace(rest)?;
    let ok = match found.0 {
        LabelStyle::Bare => {
            !sp.is_empty() && after.chars().next().is_some_and(|c| !c.is_ascii_digit())
        }
        LabelStyle::Dot => {
            (!sp.is_empty() || after.is_empty())
                && (!after.chars().next().is_some_and(|c| c.is_ascii_digit())
                    || names_with_digits(after))
        }
        _ => true,
    };
    if !ok {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((after, found))
}

/// Whether text that opens with digits opens with a name all the same:
/// digits glued to letters (`3M Company`, `23andMe`) or a number before a
/// capitalised word (`1000 Genomes Project`), not a page range or a year
/// and a title (`345–367`, `2008. Title`).
fn names_with_digits(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &s[digits..];
    rest.starts_with(|c: char| c.is_alphabetic())
        || rest.strip_prefix(' ').is_some_and(|r| {
            let word: String = r.chars().take_while(|c| c.is_alphabetic()).collect();
            word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().count() >= 3
                && word.chars().skip(1).all(char::is_lowercase)
        })
}

#[cfg(test)]
mod tests {
    use super::super::tests::entries;
    use super::*;

    #[test]
    fn labels_leave_the_entry_text() {
        assert_eq!(
            label("[12] Smith"),
            Ok(("Smith", (LabelStyle::Bracket, 12)))
        );
        assert_eq!(label("12. Smith"), Ok(("Smith", (LabelStyle::Dot, 12))));
        assert_eq!(label("12) Smith"), Ok(("Smith", (LabelStyle::Paren, 12))));
        assert_eq!(
            label("(12) Smith"),
            Ok(("Smith", (LabelStyle::Enclosed, 12)))
        );
        assert_eq!(label("12 Smith"), Ok(("Smith", (LabelStyle::Bare, 12))));
        assert_eq!(label("[3]"), Ok(("", (LabelStyle::Bracket, 3))));
        assert!(label("2008 12").is_err());
        assert!(label("1.5 million").is_err());
        assert!(label("Smith").is_err());
    }

    #[test]
    fn an_entry_whose_text_opens_with_digits_is_an_entry() {
        let text = "As [1-4].\n\nReferences\n\n1. Alpha A. Title. J 4: 1. 2001.\n2. 3M Company. Safety data sheet. 2019.\n3. 1000 Genomes Project Consortium. A map. Nature 2010.\n4. 23andMe Research Team. Title. 2020.\n";
        let got = entries(text);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[1], ("2. 3M Company. Safety data sheet. 2019.", Some(2)));
        for (s, digits_name) in [
            ("3M Company", true),
            ("23andMe Team", true),
            ("1000 Genomes Project", true),
            ("345-367.", false),
            ("2008. Title", false),
            ("12 pages", false),
        ] {
            assert_eq!(names_with_digits(s), digits_name, "{s}");
        }
    }
}
