//! One citation (`names sep years`) and the citations of one `;` part of
//! a parenthesis.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::one_of;
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

use super::names::{is_cjk, names};
use super::years::year_list;
use super::WorkCite;
use crate::parse::numeric::is_hspace;
use crate::source::Span;

/// The separator between names and years: `, `, ` `, `，`, or nothing
/// (which [`citation`] allows only after a CJK name or punctuation).
fn name_year_sep(i: &str) -> IResult<&str, &str> {
    recognize((opt(one_of(",，")), take_while(is_hspace))).parse(i)
}

/// Whether a citation may end here: end of a part, punctuation, or a space
/// before more words (`(see Smith, 2010 for a review)`).
pub(super) fn ends_cleanly(rest: &str) -> bool {
    let t = rest.trim_start_matches(is_hspace);
    t.is_empty()
        || t.len() < rest.len()
        || t.starts_with([',', ';', ':', ')', ']', '，', '；', '）', '(', '.'])
        || t.strip_prefix(['/', '—']).is_some_and(|r| {
            r.trim_start_matches(is_hspace)
                .starts_with(char::is_uppercase)
        })
}

/// Whether the text after a citation's years says the work is not
/// published (`Shepherd et al. (2015, in revision)`,
/// `(Smith 2014, unpublished data)`): such works are cited without a list
/// entry, so they are not citations of the list.
pub(super) fn unpublished_after(rest: &str) -> bool {
    let t = rest
        .trim_start_matches(is_hspace)
        .trim_start_matches([',', ';'])
        .trim_start_matches(is_hspace)
        .to_lowercase();
    [
        "in revision",
        "in preparation",
        "in prep.",
        "under review",
        "unpublished",
        "submitted",
        "personal communication",
        "pers. comm",
        "pers comm",
    ]
    .iter()
    .any(|q| t.starts_with(q))
}

/// Whether a cited name ends in initials after a family name
/// (`Saarela JM`): the way a reference entry writes an author, not the way
/// running text cites one (`WHO` alone is an author).
pub(super) fn ends_in_initials(name: &str) -> bool {
    let mut words = name.split(is_hspace).filter(|w| !w.is_empty()).rev();
    let (Some(last), Some(before)) = (words.next(), words.next()) else {
        return false;
    };
    let last = last.trim_end_matches('.');
    (1..=3).contains(&last.len())
        && last.chars().all(|c| c.is_ascii_uppercase())
        && before.chars().next().is_some_and(char::is_uppercase)
        && before.chars().skip(1).any(char::is_lowercase)
}

/// One parenthetical citation: `names sep year_list`, giving works with
/// spans relative to `i`.
pub(super) fn citation(i: &str) -> IResult<&str, Vec<WorkCite>> {
    let total = i.len();
    let (rest, (ns, etal)) = names(i)?;
    let (after_sep, sep) = name_year_sep(rest)?;
    // `B2150`, `R2019a`: a letter glued to a number is a code, not a name
    // and a year (a CJK name may be glued: `张三2008`).
    let glued = i[..total - rest.len()]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() && !is_cjk(c));
    if sep.is_empty() && glued {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let rest = after_sep;
    let (rest, _) = opt((tag("'s"), take_while(is_hspace))).parse(rest)?;
    let base = total - rest.len();
    let (rest, years) = year_list(rest)?;
    if !ends_cleanly(rest) || unpublished_after(rest) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let works = years
        .into_iter()
        .enumerate()
        .map(|(k, (y, _s, e))| WorkCite {
            // The first work spans the names too; later years only themselves.
            span: Span::new(if k == 0 { 0 } else { base + _s }, base + e),
            names: ns.clone(),
            etal,
            year: y,
        })
        .collect();
    Ok((rest, works))
}

pub(super) fn shift(mut w: WorkCite, by: usize) -> WorkCite {
    w.span = Span::new(w.span.start + by, w.span.end + by);
    w
}

/// A word that joins two citations in one part (`Smith 2008 and Jones
/// 2010`, `…, see Hedge et al. 2003`), with the space after it.
fn connective(i: &str) -> IResult<&str, &str> {
    recognize((
        alt((
            alt((
                tag("and"),
                tag("or"),
                tag("&"),
                tag("see also"),
                tag("but see"),
                tag("see"),
                tag("cf."),
                tag("e.g.,"),
                tag("e.g."),
                tag("also"),
                tag("vs."),
                tag("versus"),
            )),
            secondary,
        )),
        take_while1(is_hspace),
    ))
    .parse(i)
}

/// `as cited in`, `cited in`, `quoted in`, `in`: the work before it is
/// known only through the work after it (APA's secondary sources), and
/// only the work after it is in the list.
fn secondary(i: &str) -> IResult<&str, &str> {
    recognize((
        opt((tag("as"), take_while1(is_hspace))),
        opt((alt((tag("cited"), tag("quoted"))), take_while1(is_hspace))),
        tag("in"),
    ))
    .parse(i)
}

/// What may stand between two citations of one part: a comma (or a
/// colon typed for a semicolon), a connective, or both; or a slash or an
/// em dash (`Brown 2001 / Green 2003`). Says whether the
/// connective makes the work before a secondary source's.
pub(super) fn between_citations(i: &str) -> IResult<&str, bool> {
    let (rest, sep) = alt((
        recognize((one_of(",，:："), take_while(is_hspace), opt(connective))),
        recognize((take_while1(is_hspace), connective)),
        recognize((take_while(is_hspace), one_of("/—"), take_while(is_hspace))),
    ))
    .parse(i)?;
    let word = sep
        .trim_start_matches([',', '，', ':', '：'])
        .trim_start_matches(is_hspace);
    Ok((
        rest,
        secondary(word).is_ok_and(|(r, _)| r.trim().is_empty()),
    ))
}

/// Citations in one `;`-separated part of a parenthesis starting at byte
/// `at` of the text: the first word from which citations parse, then more
/// citations after commas (`Ferreira 2005, Trajano 2000`).
pub(super) fn part_citations(at: usize, part: &str) -> Vec<WorkCite> {
    let mut starts = vec![0];
    for (k, c) in part.char_indices() {
        if is_hspace(c) || c == '(' || c == '[' || c == ':' {
            starts.push(k + c.len_utf8());
        }
    }
    for s in starts {
        let Some(sub) = part.get(s..) else { continue };
        let Ok((mut rest, works)) = citation(sub) else {
            continue;
        };
        let mut out: Vec<WorkCite> = works.into_iter().map(|w| shift(w, at + s)).collect();
        let mut pos = s + (sub.len() - rest.len());
        let mut last = out.len();
        while let Ok((after, via)) = between_citations(rest) {
            let cpos = pos + (rest.len() - after.len());
            let Ok((r, ws)) = citation(after) else { break };
            if via {
                // the primary source is not a citation of the list
                out.truncate(out.len() - last);
            }
            last = ws.len();
            out.extend(ws.into_iter().map(|w| shift(w, at + cpos)));
            pos = cpos + (after.len() - r.len());
            rest = r;
        }
        return out;
    }
    Vec::new()
}

/// A `;` part that holds nothing but years, read as more works by the
/// names of `prev`.
pub(super) fn bare_years(at: usize, part: &str, prev: Option<&WorkCite>) -> Vec<WorkCite> {
    let Some(prev) = prev else { return Vec::new() };
    let lead = part.len() - part.trim_start_matches(is_hspace).len();
    let Ok((rest, years)) = year_list(&part[lead..]) else {
        return Vec::new();
    };
    if !rest.trim().is_empty() {
        return Vec::new();
    }
    years
        .into_iter()
        .map(|(y, s, e)| WorkCite {
            span: Span::new(at + lead + s, at + lead + e),
            names: prev.names.clone(),
            etal: prev.etal,
            year: y,
        })
        .collect()
}
