//! Names in a citation: capitalised words with their particles, joined by
//! `,`, `and`, `&`, and closed by `et al.`.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while_m_n};
use nom::character::complete::{char, satisfy};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

use super::words::{
    is_given_name, is_institution, is_month, is_product, is_residue, is_stop, PARTICLES,
};
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
    capitalised(i, is_stop)
}

/// A capitalised word that goes on a corporate name after its first word:
/// as [`cap_word`], but the nouns of institutions (`University`,
/// `Survey`, `Institute`), which never begin a cited name, may stand here
/// (`British Geological Survey`).
fn name_word(i: &str) -> IResult<&str, &str> {
    capitalised(i, |w| is_stop(w) && !is_institution(w))
}

/// [`cap_word`] with the stop test `stop`.
fn capitalised(i: &str, stop: impl Fn(&str) -> bool) -> IResult<&str, &str> {
    let (rest, w) =
        recognize((satisfy(|c| c.is_uppercase()), take_while(is_name_char))).parse(i)?;
    // An upper-case run longer than any acronym or capitalised surname is a
    // code or a sequence (`TTAGTAGAAAATGAGCACC`), not a name.
    let shouting = !w.chars().any(char::is_lowercase) && w.chars().count() > 12;
    if w.ends_with(['-', '‐', '\'', '’']) || stop(w) || shouting {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, w))
}

/// The small words that join the capitalised words of a corporate name:
/// `of`, `for`, `on`, each maybe followed by `the`, or `the` alone
/// (`Centre for Isotope Research of the University of Groningen`), with
/// the space after them.
fn name_joiner(i: &str) -> IResult<&str, &str> {
    let space = || take_while_m_n(1, 1, is_hspace);
    alt((
        recognize((
            alt((tag("of"), tag("for"), tag("on"))),
            space(),
            opt((tag("the"), space())),
        )),
        recognize((tag("the"), space())),
    ))
    .parse(i)
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

/// A surname: `particle* cap_word (hspace name_joiner? name_word){0,8}`,
/// or two to four CJK characters. Corporate names take several
/// capitalised words; the small words `of`, `for`, `on` and `the` may join
/// them (see [`name_joiner`]).
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
    for _ in 0..8 {
        let more = |j| -> IResult<&str, &str> {
            let (j, _) = take_while_m_n(1, 1, is_hspace).parse(j)?;
            let (j, _) = opt(name_joiner).parse(j)?;
            name_word(j)
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

/// Capitalised beginnings after which a surname goes on with a capital
/// (`McDonald`, `DeWitt`, `MacArthur`, `VanderWal`, `SanLeón`).
const CAMEL_PREFIXES: &[&str] = &[
    "mc", "mac", "de", "di", "da", "du", "del", "della", "la", "le", "lo", "van", "vander",
    "vanden", "von", "ver", "fitz", "st", "ste", "san", "santa", "ten", "ter", "o", "d", "al",
    "el", "ben", "bin", "abu", "den", "des", "dos", "das",
];

/// Whether a word runs on with a capital after lower-case letters
/// (`MiSeq`, `MathWorks`, `UniProt`) other than after a surname's own
/// beginning (`McDonald`, `DeWitt`): a product's or a database's name.
fn is_brand(word: &str) -> bool {
    // each part of a double-barrelled name on its own (`Page-McCaw`)
    if word.contains(['-', '‐', '\'', '’']) {
        return word.split(['-', '‐', '\'', '’']).any(is_brand);
    }
    let chars: Vec<char> = word.chars().collect();
    for k in 1..chars.len().saturating_sub(1) {
        if chars[k].is_uppercase() && chars[k - 1].is_lowercase() {
            let head: String = chars[..k].iter().collect::<String>().to_lowercase();
            return !CAMEL_PREFIXES.contains(&head.as_str());
        }
    }
    false
}

/// Whether the names of a citation can be an author's or an organisation's,
/// so that, when they match no entry, the citation is reported as
/// unresolved; otherwise it is something else written like a citation. Not
/// a name: a single letter (the `B` of `B2150`), a month before the year
/// (`Mouse, March 2012`: a date), a person named in full by a given name
/// and a surname (`James Grove (1881)`: prose names people so; citations
/// cite them by surname). A single name without `et al.` (products and
/// residues have no co-authors) is none either when it is a product's or
/// database's name (`MiSeq 2000`, `UniProt`, `Microsoft Excel 2016`) or an
/// amino-acid residue (`Thr 1462`).
pub fn can_cite(names: &[String], etal: bool) -> bool {
    let Some(last) = names.last() else {
        return false;
    };
    if is_month(last) {
        return false;
    }
    let alone = names.len() == 1 && !etal;
    names.iter().all(|n| {
        let words: Vec<&str> = n.split(is_hspace).filter(|w| !w.is_empty()).collect();
        let single_letter = n.chars().filter(|c| c.is_alphabetic()).count() < 2;
        let full_name = words.len() == 2
            && is_given_name(words[0])
            && words[1].chars().skip(1).any(char::is_lowercase);
        let thing = alone
            && (words.len() == 1 && is_residue(words[0])
                || words.iter().any(|w| is_brand(w) || is_product(w)));
        !(single_letter || full_name || thing)
    })
}
