//! Identifiers and dates that follow fixed keywords, read straight from the
//! text whatever the sequence model labelled them:
//!
//! ```text
//! PMID       = "PMID" ":"? ws DIGITS{5,9}
//! ISSN       = "ISSN" ":"? ws DDDD "-" DDD (D|X)
//! ISBN       = "ISBN" ("-10"|"-13")? ":"? ws [0-9X- ]{10,17}
//! ACCESSED   = ("accessed"|"retrieved"|"viewed"|"cited"|"last accessed") ws (on)? DATE
//! DATE       = "2020-01-05" | "5 January 2020" | "January 5, 2020" | "2020 Jan 5"
//!            | "2020, January 5"
//! ```

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

use super::lex;
use crate::csl::{Date, DatePart, Item};

/// `PMID: 12345678` → the digits.
pub fn pmid(i: &str) -> IResult<&str, &str> {
    let (i, _) = (tag_no_case("pmid"), opt(char(':')), space0).parse(i)?;
    take_while_m_n(5, 9, |c: char| c.is_ascii_digit()).parse(i)
}

/// `ISSN 0028-0836` → `0028-0836`.
pub fn issn(i: &str) -> IResult<&str, &str> {
    let (i, _) = (tag_no_case("issn"), opt(char(':')), space0).parse(i)?;
    recognize((
        take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
        char('-'),
        take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
        take_while_m_n(1, 1, |c: char| c.is_ascii_digit() || c == 'X' || c == 'x'),
    ))
    .parse(i)
}

/// `ISBN 978-0-12-345678-9`, `ISBN-10: 0 12 345678 X` → the number as written.
pub fn isbn(i: &str) -> IResult<&str, &str> {
    let (i, _) = (
        tag_no_case("isbn"),
        opt(alt((tag("-10"), tag("-13")))),
        opt(char(':')),
        space0,
    )
        .parse(i)?;
    let (rest, n) =
        take_while1(|c: char| c.is_ascii_digit() || c == '-' || c == ' ' || c == 'X').parse(i)?;
    let n = n.trim_end_matches([' ', '-']);
    let digits = n
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == 'X')
        .count();
    if digits == 10 || digits == 13 {
        Ok((&i[n.len()..], n))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            rest,
            nom::error::ErrorKind::Verify,
        )))
    }
}

/// The keyword that introduces an access date, with an optional `on`.
fn access_keyword(i: &str) -> IResult<&str, &str> {
    let (i, k) = alt((
        tag_no_case("last accessed"),
        tag_no_case("accessed"),
        tag_no_case("retrieved"),
        tag_no_case("viewed"),
        tag_no_case("cited"),
        tag_no_case("zugegriffen am"),
    ))
    .parse(i)?;
    let (i, _) = (opt(char(':')), space0, opt((tag_no_case("on"), space1))).parse(i)?;
    Ok((i, k))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month(i: &str) -> IResult<&str, i64> {
    let (rest, w) = take_while1(|c: char| c.is_ascii_alphabetic()).parse(i)?;
    let lw = w.to_ascii_lowercase();
    match MONTHS
        .iter()
        .position(|m| lw.len() >= 3 && lw.starts_with(m))
    {
        Some(p) => Ok((rest.strip_prefix('.').unwrap_or(rest), p as i64 + 1)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

fn day(i: &str) -> IResult<&str, i64> {
    let (i, d) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit()).parse(i)?;
    let (i, _) = opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))).parse(i)?;
    Ok((i, d.parse().unwrap_or(0)))
}

/// A calendar date in one of the common layouts; returns `[y, m, d]`.
pub fn date(i: &str) -> IResult<&str, Vec<i64>> {
    let sep = |i| -> IResult<&str, ()> {
        let (i, _) = (opt(char(',')), space0).parse(i)?;
        Ok((i, ()))
    };
    // 2020-01-05
    if let Ok((r, (y, _, m, _, d))) = (lex::year, char('-'), digit1, char('-'), digit1).parse(i) {
        return Ok((
            r,
            vec![i64::from(y), m.parse().unwrap_or(0), d.parse().unwrap_or(0)],
        ));
    }
    // 5 January 2020
    if let Ok((r, (d, _, m, _, y))) = (day, space1, month, sep, lex::year).parse(i) {
        return Ok((r, vec![i64::from(y), m, d]));
    }
    // January 5, 2020
    if let Ok((r, (m, _, d, _, y))) = (month, space1, day, sep, lex::year).parse(i) {
        return Ok((r, vec![i64::from(y), m, d]));
    }
    // 2020 Jan 5, 2020, January 5 (APA)
    let (r, (y, _, m, d)) = (lex::year, sep, month, opt((space1, day))).parse(i)?;
    let mut v = vec![i64::from(y), m];
    if let Some((_, d)) = d {
        v.push(d);
    }
    Ok((r, v))
}

/// Fills PMID, ISSN, ISBN and `accessed` from `text` where the item lacks them.
pub fn add_extras(text: &str, item: &mut Item) {
    for (k, _) in text.char_indices() {
        let prev_ok = k == 0 || !text[..k].ends_with(|c: char| c.is_alphanumeric());
        if !prev_ok {
            continue;
        }
        let rest = &text[k..];
        let Some(c) = rest.chars().next() else {
            continue;
        };
        match c.to_ascii_lowercase() {
            'p' if item.pmid.is_none() => {
                if let Ok((_, n)) = pmid(rest) {
                    item.pmid = Some(n.to_string());
                }
            }
            'i' => {
                if item.issn.is_none() {
                    if let Ok((_, n)) = issn(rest) {
                        item.issn = Some(n.to_string());
                    }
                }
                if item.isbn.is_none() {
                    if let Ok((_, n)) = isbn(rest) {
                        item.isbn = Some(n.to_string());
                    }
                }
            }
            'a' | 'r' | 'v' | 'c' | 'l' | 'z' if item.accessed.is_none() => {
                if let Ok((after, _)) = access_keyword(rest) {
                    if let Ok((_, parts)) = date(after) {
                        item.accessed = Some(Date {
                            date_parts: vec![parts.into_iter().map(DatePart::Number).collect()],
                            ..Date::default()
                        });
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(pmid("PMID: 24314719."), Ok((".", "24314719")));
        assert!(pmid("PMID 12").is_err());
        assert_eq!(issn("ISSN 0028-0836,"), Ok((",", "0028-0836")));
        assert_eq!(
            isbn("ISBN 978-0-12-345678-9."),
            Ok((".", "978-0-12-345678-9"))
        );
        assert_eq!(isbn("ISBN-10: 0 12 345678 X"), Ok(("", "0 12 345678 X")));
        assert!(isbn("ISBN 12-3").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(date("2020-01-05]"), Ok(("]", vec![2020, 1, 5])));
        assert_eq!(date("16 January 2012]"), Ok(("]", vec![2012, 1, 16])));
        assert_eq!(
            date("March 3, 2010, from"),
            Ok((", from", vec![2010, 3, 3]))
        );
        assert_eq!(date("2020 Jan 5]"), Ok(("]", vec![2020, 1, 5])));
        assert_eq!(date("2020, January 5)"), Ok((")", vec![2020, 1, 5])));
        assert!(date("soon").is_err());
    }

    #[test]
    fn extras_fill_the_item() {
        let mut it = Item::default();
        add_extras(
            "Foo. http://x.org [accessed 16 January 2012]. PMID: 1234567. ISSN 0028-0836",
            &mut it,
        );
        assert_eq!(it.pmid.as_deref(), Some("1234567"));
        assert_eq!(it.issn.as_deref(), Some("0028-0836"));
        assert_eq!(
            it.accessed.unwrap().date_parts[0],
            vec![
                DatePart::Number(2012),
                DatePart::Number(1),
                DatePart::Number(16)
            ]
        );
        let mut it = Item::default();
        add_extras("Retrieved March 3, 2010, from http://x.org", &mut it);
        assert!(it.accessed.is_some());
        let mut it = Item::default();
        add_extras("Unaccessed 2010-01-01 xPMID: 1234567", &mut it);
        assert!(it.accessed.is_none() && it.pmid.is_none());
    }
}
