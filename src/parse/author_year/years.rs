//! Years in a citation: `2008`, `2008a`, `in press`, and the lists of
//! years after one name group.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while, take_while1, take_while_m_n};
use nom::character::complete::satisfy;
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

use super::YearRef;
use crate::parse::numeric::is_hspace;

/// A year 1500–2099 with an optional one-letter suffix, not followed by a
/// letter or digit: `2008`, `2008a`.
pub fn year(i: &str) -> IResult<&str, YearRef> {
    let (rest, digits) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit()).parse(i)?;
    let y: u16 = digits.parse().unwrap_or(0);
    let (rest, suffix) = opt(satisfy(|c| c.is_ascii_lowercase())).parse(rest)?;
    // `1990s` is a decade, not a citation.
    let decade = suffix == Some('s') && y % 10 == 0;
    // `2009.5.11`, `2009-05-11`, `2009/10`: a date or a number, not a year.
    let mut next = rest.chars();
    let dated = matches!(next.next(), Some('.' | '-' | '/' | '–'))
        && next.next().is_some_and(|c| c.is_ascii_digit());
    let bad_next = decade || dated || rest.chars().next().is_some_and(|c| c.is_alphanumeric());
    if !(1500..=2099).contains(&y) || bad_next {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((
        rest,
        YearRef {
            year: Some(y),
            suffix,
            raw: i[..i.len() - rest.len()].to_string(),
        },
    ))
}

/// A year that is not a number: `in press`, `n.d.`, `forthcoming`.
fn special_year(i: &str) -> IResult<&str, YearRef> {
    // two words with any space between them (a no-break space too)
    let two = |a, b| recognize((tag_no_case(a), take_while1(is_hspace), tag_no_case(b)));
    let (rest, w) = alt((
        two("in", "press"),
        tag_no_case("n.d."),
        two("no", "date"),
        tag_no_case("forthcoming"),
        tag_no_case("in prep."),
        tag_no_case("submitted"),
    ))
    .parse(i)?;
    Ok((
        rest,
        YearRef {
            year: None,
            suffix: None,
            raw: w.split_whitespace().collect::<Vec<_>>().join(" "),
        },
    ))
}

/// Years after one name group: `2008`, `2008, 2010`, `2008 and 2010`,
/// `2008; 2010` (in a narrative citation's parenthesis),
/// `2008a, b`, `2008a,b`, `in press`. Returns each year with its span.
pub fn year_list(i: &str) -> IResult<&str, Vec<(YearRef, usize, usize)>> {
    let start_len = i.len();
    let (mut rest, first) = alt((year, special_year)).parse(i)?;
    let mut out = vec![(first, 0, start_len - rest.len())];
    loop {
        let sep = |j| -> IResult<&str, &str> {
            alt((
                recognize((
                    alt((tag(","), tag("，"), tag(";"))),
                    take_while(is_hspace),
                    opt((alt((tag("and"), tag("&"))), take_while1(is_hspace))),
                )),
                recognize((
                    take_while1(is_hspace),
                    alt((tag("and"), tag("&"))),
                    take_while1(is_hspace),
                )),
            ))
            .parse(j)
        };
        let Ok((after_sep, sep_text)) = sep(rest) else {
            break;
        };
        let at = start_len - after_sep.len();
        if let Ok((r, y)) = year(after_sep) {
            out.push((y, at, start_len - r.len()));
            rest = r;
            continue;
        }
        // A bare suffix letter continuing the previous year: `2008a, b`.
        let prev = out.last().map(|p| p.0.clone());
        if let (Some(prev), Ok((r, c)), false) = (
            prev,
            satisfy::<_, &str, nom::error::Error<&str>>(|c| c.is_ascii_lowercase())
                .parse(after_sep),
            sep_text.starts_with(';'),
        ) {
            if prev.suffix.is_some() && !r.chars().next().is_some_and(|c| c.is_alphanumeric()) {
                let raw = format!(
                    "{}{c}",
                    prev.year.map(|y| y.to_string()).unwrap_or_default()
                );
                out.push((
                    YearRef {
                        year: prev.year,
                        suffix: Some(c),
                        raw,
                    },
                    at,
                    start_len - r.len(),
                ));
                rest = r;
                continue;
            }
        }
        break;
    }
    Ok((rest, out))
}
