//! Names in a citation: capitalised words with their particles, joined by
//! `,`, `and`, `&`, and closed by `et al.`.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while_m_n};
use nom::character::complete::{char, satisfy};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

use super::words::{is_stop, PARTICLES};
use crate::parse::numeric::is_hspace;

pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF)
}

fn is_name_char(c: char) -> bool {
    c.is_alphabetic() || c == '\'' || c == '’' || c == '-' || c == '‐'
}

/// A capitalised word: an upper-case letter, then letters, apostrophes and
/// hyphens (`Smith`, `O'Neil`, `McDonald`, `Müller-Lüdenscheidt`, `WHO`).
pub fn cap_word(i: &str) -> IResult<&str, &str> {
    let (rest, w) =
        recognize((satisfy(|c| c.is_uppercase()), take_while(is_name_char))).parse(i)?;
    // An upper-case run longer than any acronym or capitalised surname is a
    // code or a sequence (`TTAGTAGAAAATGAGCACC`), not a name.
    let shouting = !w.chars().any(char::is_lowercase) && w.chars().count() > 12;
    if w.ends_with(['-', '‐', '\'', '’']) || is_stop(w) || shouting {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, w))
}

/// Whether `w` is a name particle (`van`, `De`, `della`), in any case.
pub(crate) fn is_particle(w: &str) -> bool {
    PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(w))
}

/// A particle and the space after it: `van `, `de `, `d'` (glued).
fn particle(i: &str) -> IResult<&str, &str> {
    let (rest, w) = take_while(|c: char| c.is_lowercase() || c == '.').parse(i)?;
    if !PARTICLES.contains(&w) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (rest, _) = take_while_m_n(1, 1, is_hspace).parse(rest)?;
    Ok((rest, w))
}

/// A surname: `particle* cap_word (hspace cap_word){0,3}`, or two to four
/// CJK characters. Corporate names take several capitalised words; the
/// small words `of`, `for`, `the`, `on` may join them.
pub fn surname(i: &str) -> IResult<&str, &str> {
    if let Ok(r) = take_while_m_n::<_, _, nom::error::Error<&str>>(2, 4, is_cjk).parse(i) {
        return Ok(r);
    }
    let (mut rest, _) = nom::multi::many0(particle).parse(i)?;
    let first;
    (rest, first) = cap_word(rest)?;
    // `Van der Waals`, `De la Cruz`: a capitalised particle (a sentence's
    // first word) still takes the lower-case ones after it
    if is_particle(first) {
        let tail = (
            take_while_m_n(1, 1, is_hspace),
            nom::multi::many1(particle),
            cap_word,
        );
        if let Ok((r, _)) = recognize(tail).parse(rest) {
            rest = r;
        }
    }
    for _ in 0..6 {
        let more = |j| -> IResult<&str, &str> {
            let (j, _) = take_while_m_n(1, 1, is_hspace).parse(j)?;
            let (j, _) = opt((
                alt((tag("of"), tag("for"), tag("the"), tag("on"))),
                take_while_m_n(1, 1, is_hspace),
            ))
            .parse(j)?;
            cap_word(j)
        };
        match more(rest) {
            Ok((r, _)) => rest = r,
            Err(_) => break,
        }
    }
    let name = &i[..i.len() - rest.len()];
    Ok((rest, name))
}

/// Markdown emphasis around `et al.`: `*`, `**` or `_`.
fn emphasis(i: &str) -> IResult<&str, &str> {
    alt((tag("**"), tag("*"), tag("_"))).parse(i)
}

/// `et al.` (also `et al`, `, et al.`, `and colleagues`, and Markdown's
/// `*et al.*`, `_et al._`) with the space (or comma) before it.
fn et_al(i: &str) -> IResult<&str, ()> {
    let (i, _) = (opt(char(',')), take_while(is_hspace)).parse(i)?;
    let (i, _) = alt((
        recognize((
            opt(emphasis),
            tag("et"),
            take_while(is_hspace),
            tag("al"),
            opt(char('.')),
            opt(emphasis),
            opt(char('.')),
        )),
        recognize((tag("et"), take_while(is_hspace), tag("la."))),
        tag("and colleagues"),
        tag("and co-workers"),
        tag("and coworkers"),
        tag("等"),
    ))
    .parse(i)?;
    Ok((i, ()))
}

/// A joiner between names: `, `, ` and `, ` & `, `, and `, ` und `, `、`.
fn joiner(i: &str) -> IResult<&str, ()> {
    let (i, _) = take_while(is_hspace).parse(i)?;
    let (i, _) = alt((
        recognize((
            opt(char(',')),
            take_while(is_hspace),
            alt((tag("and"), tag("&"), tag("und"), tag("y"), tag("et"))),
            take_while_m_n(1, 1, is_hspace),
        )),
        recognize((char(','), take_while(is_hspace))),
        tag("、"),
        tag("和"),
    ))
    .parse(i)?;
    let (i, _) = take_while(is_hspace).parse(i)?;
    Ok((i, ()))
}

/// Names: `surname (joiner surname)* et_al?`, optionally followed by a
/// bracketed abbreviation (`World Health Organization [WHO]`).
pub fn names(i: &str) -> IResult<&str, (Vec<String>, bool)> {
    let (rest, (ns, etal)) = names_ref(i)?;
    Ok((rest, (ns.into_iter().map(str::to_string).collect(), etal)))
}

/// [`names`] borrowing the names from the input (no allocation per name
/// for the many attempts that fail).
pub(super) fn names_ref(i: &str) -> IResult<&str, (Vec<&str>, bool)> {
    let (mut rest, first) = surname(i)?;
    let mut out = vec![first];
    loop {
        if let Ok((r, _)) = et_al(rest) {
            return Ok((r, (out, true)));
        }
        let next = |j| -> IResult<&str, &str> {
            let (j, _) = joiner(j)?;
            surname(j)
        };
        match next(rest) {
            Ok((r, n)) if out.len() < 12 => {
                out.push(n);
                rest = r;
            }
            _ => break,
        }
    }
    let (rest, _) = opt((
        take_while(is_hspace),
        char('['),
        take_while(|c: char| c.is_alphanumeric()),
        char(']'),
    ))
    .parse(rest)?;
    Ok((rest, (out, false)))
}
