//! Author-year citation markers.
//!
//! Parenthetical: `(Smith, 2008)`, `(Smith & Jones 2008)`, `(Smith et al.,
//! 2008a; Lee 2010)`, `(Smith 2008, 2010)`, `(Smith, 2008a, b)`,
//! `(Ferreira 2005, Trajano 2000)`, `(e.g., Smith, 2008)`, `(see Smith 2008,
//! p. 45)`, `(Smith, in press)`, `(WHO, 2010)`, `(van der Berg, 2001)`,
//! `（张三，2008）`. Narrative: `Smith (2008)`, `Smith et al. (2008a)`,
//! `Smith and Jones (2008, 2010)`, `Smith's (2008) model`, `张三（2008）`.
//!
//! The scanner looks at every opening parenthesis. When the text inside
//! starts with a year, the names just before the parenthesis make a
//! narrative marker; otherwise every `;`-separated part inside is searched
//! for `names year` citations (anything before the names is a prefix such as
//! `e.g.,`). Names are capitalised words with their particles, joined by
//! `,`, `and`, `&`, and closed by `et al.`; a stop list keeps months, figure
//! words and sentence openers out.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, one_of, satisfy};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

use std::collections::HashSet;
use std::sync::LazyLock;

use super::numeric::is_hspace;
use crate::source::Span;

/// Longest parenthesis the scanner looks into.
const MAX_PAREN_BYTES: usize = 1200;
/// How far back a narrative marker's names may start.
const MAX_NAMES_BYTES: usize = 160;

/// A pair of brackets citations are read in: ASCII and full-width forms.
#[derive(Debug, Clone, Copy)]
pub struct Brackets {
    open: u8,
    close: u8,
    wide_open: char,
    wide_close: char,
    /// Whether a bracket counts only when it holds citations and nothing
    /// more (see [`square_part_ok`]).
    whole: bool,
}

/// `(Smith, 2008)`, `Smith (2008)`, `（张三，2008）`.
pub const PARENS: Brackets = Brackets {
    open: b'(',
    close: b')',
    wide_open: '（',
    wide_close: '）',
    whole: false,
};

/// `[Smith et al., 2008; Lee, 2005]`, `Smith et al. [2008]`: the AGU
/// journals' and some physics journals' author-year form.
pub const SQUARE: Brackets = Brackets {
    open: b'[',
    close: b']',
    wide_open: '［',
    wide_close: '］',
    whole: true,
};

impl Brackets {
    /// The length of the opening bracket at `k`, if one is there.
    fn opens_at(self, text: &str, k: usize) -> Option<usize> {
        if text.as_bytes().get(k) == Some(&self.open) {
            Some(1)
        } else if text[k..].starts_with(self.wide_open) {
            Some(self.wide_open.len_utf8())
        } else {
            None
        }
    }

    /// The length of the closing bracket at `k`, if one is there.
    fn closes_at(self, text: &str, k: usize) -> Option<usize> {
        if text.as_bytes().get(k) == Some(&self.close) {
            Some(1)
        } else if text[k..].starts_with(self.wide_close) {
            Some(self.wide_close.len_utf8())
        } else {
            None
        }
    }
}

/// The year part of a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRef {
    /// The year, when it is a number.
    pub year: Option<u16>,
    /// A disambiguation suffix: the `a` of `2008a`.
    pub suffix: Option<char>,
    /// As written: `2008a`, `in press`, `n.d.`.
    pub raw: String,
}

/// One cited work: names and one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkCite {
    /// From the first name to the year (or its suffix).
    pub span: Span,
    /// Surnames as written (`Smith`, `van der Berg`, `WHO`).
    pub names: Vec<String>,
    /// Whether `et al.` follows the names.
    pub etal: bool,
    /// The year.
    pub year: YearRef,
}

impl WorkCite {
    /// The cited form, for messages: `Smith et al. 2008a`.
    pub fn display(&self) -> String {
        let names = match (self.names.as_slice(), self.etal) {
            ([a], true) => format!("{a} et al."),
            ([a], false) => a.clone(),
            ([a, b], false) => format!("{a} & {b}"),
            (all, _) => {
                let mut s = all.join(", ");
                if self.etal {
                    s.push_str(" et al.");
                }
                s
            }
        };
        format!("{names} {}", self.year.raw)
    }
}

/// How an author-year marker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AyKind {
    /// Inside parentheses.
    Parenthetical,
    /// Names in the sentence, year in parentheses.
    Narrative,
    /// Names and year in the running text, no parentheses: `as described
    /// by Brown et al., 2004`, `Hitchcock 1935:492`. Only kept when it
    /// resolves.
    Bare,
    /// An author named in a note (see [`super::notes`]).
    Note,
}

/// An author-year marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AyMarker {
    /// The marker span.
    pub span: Span,
    /// How it is written.
    pub kind: AyKind,
    /// The works cited.
    pub works: Vec<WorkCite>,
}

// ------------------------------------------------------------ words

/// Lower-case name particles.
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "delle", "di", "da", "du", "des", "la", "le",
    "dos", "das", "do", "ten", "ter", "zu", "af", "al", "el", "bin", "ibn", "y", "st.",
];

/// Capitalised words that never begin a name in a citation.
const STOP: &[&str] = &[
    "the",
    "this",
    "that",
    "these",
    "those",
    "there",
    "then",
    "thus",
    "in",
    "on",
    "at",
    "as",
    "for",
    "from",
    "by",
    "with",
    "we",
    "our",
    "see",
    "also",
    "however",
    "although",
    "while",
    "when",
    "where",
    "after",
    "before",
    "during",
    "since",
    "table",
    "tables",
    "fig",
    "figs",
    "figure",
    "figures",
    "supplementary",
    "appendix",
    "box",
    "eq",
    "equation",
    "section",
    "chapter",
    "panel",
    "file",
    "data",
    "note",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "both",
    "all",
    "and",
    "or",
    "but",
    "if",
    "it",
    "its",
    "to",
    "of",
    "a",
    "one",
    "two",
    "three",
    "here",
    "study",
    "studies",
    "experiment",
    "experiments",
    "ref",
    "refs",
    "reference",
    "references",
    "accession",
    "genbank",
    "no",
    "vol",
    "p",
    "pp",
    "n",
    "e.g",
    "i.e",
    "cf",
    "et",
    "al",
    "vs",
    "ca",
    "c",
    "approx",
    "median",
    "sd",
    "se",
    "ci",
    "or",
    "hr",
    "rr",
    "df",
    "type",
    "group",
    "groups",
    "year",
    "years",
    "week",
    "weeks",
    "month",
    "months",
    "age",
    "aged",
    "census",
    "survey",
    "cohort",
    "trial",
    "university",
    "museum",
    "herbarium",
    "department",
    "institute",
    "collection",
    "collected",
    "holotype",
    "paratype",
    "paratypes",
    "isotype",
    "lectotype",
    "neotype",
    "syntype",
    "type",
    "specimen",
    "specimens",
    "voucher",
    "locality",
    "altitude",
    "elevation",
    "published",
    "accessed",
    "retrieved",
    "updated",
    "revised",
    "edition",
    "ed",
    "eds",
    "unpublished",
    "personal",
    "pers",
    "comm",
    "observation",
    "obs",
    "season",
    "period",
    "between",
    "until",
    "till",
    "about",
    "around",
    "approximately",
    "mid",
    "end",
    "beginning",
    "start",
    "since",
    "through",
    "throughout",
    "cycle",
    "stages",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "not",
    "only",
    "both",
    "each",
    "every",
    "any",
    "some",
];

/// Capitalised words that are names now and then (`Range`, `May`, `Day`)
/// but more often months or plain words: a citation that starts with one is
/// kept only if it resolves.
const WEAK: &[&str] = &[
    "an",
    "range",
    "day",
    "days",
    "may",
    "march",
    "april",
    "june",
    "july",
    "august",
    "january",
    "february",
    "september",
    "october",
    "november",
    "december",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "early",
    "late",
    "case",
    "cases",
    "mean",
    "total",
    "young",
    "long",
    "field",
    "wave",
    "stage",
    "phase",
    "model",
    "version",
    "station",
    "mark",
];

/// Whether `w` is a word that is only taken for a name when an entry has it.
pub fn is_weak(w: &str) -> bool {
    in_word_list(&WEAK_SET, w)
}

/// Whether `w` (a word) may not begin a cited name.
fn is_stop(w: &str) -> bool {
    in_word_list(&STOP_SET, w)
}

/// [`STOP`] and [`WEAK`] as hash sets.
static STOP_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP.iter().copied().collect());
static WEAK_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| WEAK.iter().copied().collect());

/// Whether `w`, without trailing dots and lower-cased, is in `set` (whose
/// words are lower-case ASCII). This runs for every capitalised word the
/// scanner tries: short ASCII words are lower-cased on the stack.
fn in_word_list(set: &HashSet<&'static str>, w: &str) -> bool {
    let w = w.trim_end_matches('.');
    let mut buf = [0u8; 24];
    if w.is_ascii() && w.len() <= buf.len() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        // ASCII stays ASCII (and UTF-8) when lower-cased
        std::str::from_utf8(b).is_ok_and(|l| set.contains(l))
    } else {
        set.contains(w.to_lowercase().as_str())
    }
}

fn is_cjk(c: char) -> bool {
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
fn names_ref(i: &str) -> IResult<&str, (Vec<&str>, bool)> {
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

// ------------------------------------------------------------ years

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

/// The separator between names and years: `, `, ` `, `，`, or nothing
/// before a CJK comma.
fn name_year_sep(i: &str) -> IResult<&str, &str> {
    alt((
        recognize((opt(one_of(",，")), take_while(is_hspace))),
        tag(""),
    ))
    .parse(i)
}

/// Whether a citation may end here: end of a part, punctuation, or a space
/// before more words (`(see Smith, 2010 for a review)`).
fn ends_cleanly(rest: &str) -> bool {
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
fn unpublished_after(rest: &str) -> bool {
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
fn ends_in_initials(name: &str) -> bool {
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
fn citation(i: &str) -> IResult<&str, Vec<WorkCite>> {
    let total = i.len();
    let (rest, (ns, etal)) = names(i)?;
    let (rest, _) = name_year_sep(rest)?;
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

// ------------------------------------------------------------ scanning

fn shift(mut w: WorkCite, by: usize) -> WorkCite {
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
fn between_citations(i: &str) -> IResult<&str, bool> {
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
fn part_citations(at: usize, part: &str) -> Vec<WorkCite> {
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
fn bare_years(at: usize, part: &str, prev: Option<&WorkCite>) -> Vec<WorkCite> {
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

/// Whether the line break at `k` ends a paragraph: the line after it is
/// blank (or the text ends). A parenthesis never closes across one; a
/// single line break (a manuscript wrapped at a fixed width) is a space.
fn paragraph_ends(bytes: &[u8], k: usize) -> bool {
    bytes[k + 1..]
        .iter()
        .find(|&&b| !matches!(b, b' ' | b'\t' | b'\r'))
        .is_none_or(|&b| b == b'\n')
}

/// Where the parenthesis opened at `open` closes, if it does on the same
/// paragraph within [`MAX_PAREN_BYTES`]; nested parentheses are skipped.
/// The reference for [`Closers`], which gives the same answers in one pass.
#[cfg(test)]
fn closing(text: &str, open: usize, pair: Brackets) -> Option<usize> {
    let mut depth = 0usize;
    let end = (open + MAX_PAREN_BYTES).min(text.len());
    let bytes = text.as_bytes();
    let mut k = open;
    while k < end {
        if pair.opens_at(text, k).is_some() {
            depth += 1;
        } else if let Some(len) = pair.closes_at(text, k) {
            depth -= 1;
            if depth == 0 {
                return Some(k + len);
            }
        } else if bytes[k] == b'\n' && paragraph_ends(bytes, k) {
            return None;
        }
        k += 1;
        while !text.is_char_boundary(k) {
            k += 1;
        }
    }
    None
}

/// Where parentheses close, asked for opening positions in increasing
/// order: the answers of scanning forward from each opening to its close
/// (nested parentheses skipped, not past a line end, within
/// [`MAX_PAREN_BYTES`]), found in one pass over the text. Scanning from
/// each opening would read up to [`MAX_PAREN_BYTES`] per parenthesis, a
/// thousandfold slowdown on `((((…`; this reads every byte once and keeps
/// at most a window's worth of state.
struct Closers<'a> {
    text: &'a str,
    pair: Brackets,
    /// Bytes before `pos` have been read.
    pos: usize,
    /// Unclosed openings that may still close in range, innermost last.
    open: std::collections::VecDeque<usize>,
    /// Opening → end of its closing parenthesis, for openings not yet asked.
    found: std::collections::BTreeMap<usize, usize>,
    /// The first 0xEF byte (lead byte of the full-width brackets) at or
    /// after `pos`.
    next_wide: usize,
}

impl<'a> Closers<'a> {
    fn new(text: &'a str, from: usize, pair: Brackets) -> Self {
        Closers {
            text,
            pair,
            pos: from,
            open: std::collections::VecDeque::new(),
            found: std::collections::BTreeMap::new(),
            next_wide: 0,
        }
    }

    /// Where the parenthesis opened at `at` closes (the end of the closing
    /// parenthesis). `at` must not decrease from one call to the next.
    fn closing(&mut self, at: usize) -> Option<usize> {
        let end = (at + MAX_PAREN_BYTES).min(self.text.len());
        let bytes = self.text.as_bytes();
        while self.pos < end {
            // Jump to the next byte that matters: `(`, `)`, a line end, or
            // the lead byte of a full-width parenthesis.
            if self.next_wide < self.pos {
                self.next_wide =
                    memchr::memchr(0xEF, &bytes[self.pos..]).map_or(bytes.len(), |o| self.pos + o);
            }
            let stop = end.min(self.next_wide);
            let pair = self.pair;
            let k = match memchr::memchr3(pair.open, pair.close, b'\n', &bytes[self.pos..stop]) {
                Some(o) => self.pos + o,
                None if stop < end => stop,
                None => {
                    self.pos = end;
                    break;
                }
            };
            self.pos = k + 1;
            if bytes[k] == b'\n' {
                if paragraph_ends(bytes, k) {
                    self.open.clear();
                }
                continue;
            }
            let (opens, close_len) = if pair.opens_at(self.text, k).is_some() {
                (true, 0)
            } else if let Some(len) = pair.closes_at(self.text, k) {
                (false, len)
            } else {
                continue;
            };
            if opens {
                // An opening whose close could only come past its window
                // never gets one: forget it.
                while self.open.front().is_some_and(|&o| k >= o + MAX_PAREN_BYTES) {
                    self.open.pop_front();
                }
                self.open.push_back(k);
            } else if let Some(o) = self.open.pop_back() {
                if k < o + MAX_PAREN_BYTES {
                    self.found.insert(o, k + close_len);
                }
            }
        }
        while self.found.first_key_value().is_some_and(|(&o, _)| o < at) {
            self.found.pop_first();
        }
        self.found.get(&at).copied()
    }
}

/// Names that end right before `end` (the opening parenthesis of a
/// narrative year), as `(start, names, etal)`. The longest run of names that
/// parses up to `end` is taken (`Smith and Jones`); sentence openers such as
/// `In` are on the stop list, so they are not swallowed.
fn names_before(text: &str, end: usize) -> Option<(usize, Vec<String>, bool)> {
    let mut lo = end.saturating_sub(MAX_NAMES_BYTES);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    // Names stay in their table cell and on their line, unless the line
    // breaks inside a list of names (`Smith and` + `Jones (2008)`).
    if let Some(t) = text[lo..end].rfind('\t') {
        lo += t + 1;
    }
    let names_end = lo + text[lo..end].trim_end_matches(is_hspace).len();
    if let Some(n) = text[lo..names_end].rfind('\n') {
        let head = text[lo..lo + n].trim_end_matches(is_hspace);
        let tail = &text[lo + n + 1..names_end];
        let joins = [" and", "&", ",", " et", " und"]
            .iter()
            .any(|j| head.ends_with(j))
            || ["et al", "and ", "& ", "und "]
                .iter()
                .any(|j| tail.starts_with(j));
        if !joins {
            lo += n + 1;
        } else if let Some(m) = head.rfind('\n') {
            lo += m + 1;
        }
    }
    let window = &text[lo..end];
    let trimmed = window.trim_end_matches(is_hspace);
    // `Smith's (2008)`, `Jones' (2010)`
    let trimmed = trimmed
        .strip_suffix("'s")
        .or_else(|| trimmed.strip_suffix("’s"))
        .or_else(|| {
            trimmed
                .strip_suffix('\'')
                .or_else(|| trimmed.strip_suffix('’'))
                .filter(|t| t.ends_with('s'))
        })
        .unwrap_or(trimmed);
    let trimmed = trimmed.strip_suffix(',').unwrap_or(trimmed);
    // Candidate starts: after a space or an opening bracket, nearest first.
    let mut starts: Vec<usize> = trimmed
        .char_indices()
        .filter(|&(_, c)| is_hspace(c) || c == '(' || c == '[' || c == '"' || c == '“' || c == '\n')
        .map(|(k, c)| k + c.len_utf8())
        .collect();
    starts.insert(0, 0);
    for s in starts {
        let cand = &trimmed[s..];
        if cand.is_empty() {
            continue;
        }
        if let Ok((rest, (ns, etal))) = names_ref(cand) {
            if rest.is_empty() {
                let ns = ns.into_iter().map(str::to_string).collect();
                return Some((lo + s, ns, etal));
            }
        }
    }
    // CJK names glued to the text before them: `张三（2008）`.
    let cjk: usize = trimmed
        .chars()
        .rev()
        .take_while(|&c| is_cjk(c))
        .map(char::len_utf8)
        .sum();
    if (6..=12).contains(&cjk) {
        let s = trimmed.len() - cjk;
        return Some((lo + s, vec![trimmed[s..].to_string()], false));
    }
    None
}

/// Every author-year marker in `text[region]` whose citations stand in
/// `pair` brackets, in order.
pub fn scan(text: &str, region: Span, pair: Brackets) -> Vec<AyMarker> {
    let mut out: Vec<AyMarker> = Vec::new();
    let Some(slice) = text.get(region.start..region.end) else {
        return out;
    };
    let mut done_until = region.start;
    let mut closers = Closers::new(&text[..region.end], region.start, pair);
    let opens = memchr::memchr2_iter(pair.open, 0xEF, slice.as_bytes())
        .map(|p| p + region.start)
        .filter_map(|p| pair.opens_at(text, p).map(|len| (p, len)));
    for (open, open_len) in opens {
        if open < done_until {
            continue;
        }
        let Some(close) = closers.closing(open) else {
            continue;
        };
        let close_len = if text.as_bytes()[close - 1] == pair.close {
            1
        } else {
            pair.wide_close.len_utf8()
        };
        let inner_start = open + open_len;
        let inner = &text[inner_start..close - close_len];
        // Narrative: the parenthesis starts with years.
        if let Ok((rest, years)) = year_list(inner.trim_start_matches(is_hspace)) {
            let lead = inner.len() - inner.trim_start_matches(is_hspace).len();
            if ends_cleanly(rest) {
                if let Some((start, ns, etal)) = names_before(text, open) {
                    if start >= done_until
                        && start >= region.start
                        && !unpublished_after(rest)
                        && !ns.iter().any(|n| ends_in_initials(n))
                    {
                        let works = years
                            .into_iter()
                            .map(|(y, s, e)| WorkCite {
                                span: Span::new(inner_start + lead + s, inner_start + lead + e),
                                names: ns.clone(),
                                etal,
                                year: y,
                            })
                            .collect::<Vec<_>>();
                        let mut works = works;
                        if let Some(w) = works.first_mut() {
                            w.span.start = start;
                        }
                        // `Smith (2008, as cited in Jones, 2010)`: only
                        // Jones is a citation of the list.
                        if let Ok((after, true)) = between_citations(rest) {
                            if let Ok((_, ws)) = citation(after) {
                                let at = inner_start + (inner.len() - after.len());
                                works = ws.into_iter().map(|w| shift(w, at)).collect();
                            }
                        }
                        out.push(AyMarker {
                            span: Span::new(start, close),
                            kind: AyKind::Narrative,
                            works,
                        });
                        done_until = close;
                    }
                }
                continue;
            }
        }
        // Parenthetical: citations in each `;` part.
        let mut works = Vec::new();
        let mut all_parts_cite = true;
        let mut part_start = 0;
        for part in inner.split([';', '；']) {
            let mut found = part_citations(inner_start + part_start, part);
            // `(Seki et al., 2005; 2007)`: a part with years only goes on
            // with the names before it.
            if found.is_empty() {
                found = bare_years(inner_start + part_start, part, works.last());
            }
            if found.is_empty() {
                all_parts_cite = false;
            } else if pair.whole {
                let from = inner_start + part_start;
                let to = from + part.len();
                let first = found[0].span.start;
                let last = found[found.len() - 1].span.end;
                if !square_part_ok(&text[from..first], &text[last..to]) {
                    all_parts_cite = false;
                }
            }
            if works.is_empty() {
                works = found;
            } else {
                works.extend(found);
            }
            part_start += part.len()
                + if inner[part_start + part.len()..].starts_with('；') {
                    '；'.len_utf8()
                } else {
                    1
                };
        }
        // Square brackets hold much else (specimen data `[England,
        // Hampshire, 1877, Groves s.n. (CAN)]`, editorial notes): they count
        // only when they hold citations and nothing more.
        if works.is_empty() || pair.whole && !all_parts_cite {
            continue;
        }
        // kept as long as the manuscript: no spare room
        works.shrink_to_fit();
        let span = if all_parts_cite {
            Span::new(open, close)
        } else {
            Span::new(
                works[0].span.start,
                works.last().map_or(close, |w| w.span.end),
            )
        };
        out.push(AyMarker {
            span,
            kind: AyKind::Parenthetical,
            works,
        });
        done_until = close;
    }
    out
}

/// Whether a `;` part of a square bracket holds citations and nothing
/// more: before them at most a lower-case prefix (`see also`, `e.g.,`),
/// after them at most a locator (`, p. 4`) or lower-case words (`, and
/// references therein`).
fn square_part_ok(before: &str, after: &str) -> bool {
    let plain = |t: &str| {
        t.chars()
            .all(|c| c.is_lowercase() || is_hspace(c) || matches!(c, ',' | '.' | ':' | '\n'))
    };
    let after_ok = plain(after)
        || super::numeric::locator(after).is_ok_and(|(rest, _)| rest.trim().is_empty());
    plain(before) && after_ok
}

/// Every author-year marker in `text[region]` that stands in brackets:
/// parentheses first, then square brackets where no parenthesis marker
/// covers them (`(see [Smith, 2008])` is one marker), in order.
pub fn scan_brackets(text: &str, region: Span) -> Vec<AyMarker> {
    let mut out = scan(text, region, PARENS);
    let square = scan(text, region, SQUARE);
    if square.is_empty() {
        return out;
    }
    let taken: Vec<Span> = out.iter().map(|m| m.span).collect();
    out.extend(square.into_iter().filter(|m| {
        let k = taken.partition_point(|t| t.end <= m.span.start);
        taken.get(k).is_none_or(|t| t.start >= m.span.end)
    }));
    out.sort_by_key(|m| m.span);
    out
}

/// Citations in the running text without parentheses (`described by Brown
/// et al., 2004`), outside `taken` spans. Each is a marker of its own.
pub fn scan_bare(text: &str, region: Span, taken: &[Span]) -> Vec<AyMarker> {
    let mut out = Vec::new();
    let Some(slice) = text.get(region.start..region.end) else {
        return out;
    };
    let b = slice.as_bytes();
    let mut k = 0;
    let mut t = 0; // index into taken (sorted)
    while k + 4 <= b.len() {
        if !b[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let run_end = k + b[k..].iter().take_while(|c| c.is_ascii_digit()).count();
        let at = region.start + k;
        let prev_ok = k == 0 || !b[k - 1].is_ascii_alphanumeric();
        if run_end - k == 4 && prev_ok {
            while t < taken.len() && taken[t].end <= at {
                t += 1;
            }
            let inside = t < taken.len() && taken[t].start <= at;
            // `2004-1`, `2004.5`: a number, not a year.
            let next = b.get(run_end).copied();
            let numberish = matches!(next, Some(b'-' | b'.' | b',' | b'/'))
                && b.get(run_end + 1).is_some_and(u8::is_ascii_digit);
            if !inside && !numberish {
                if let Ok((rest, y)) = year(&slice[k..]) {
                    let end = at + (slice.len() - k - rest.len());
                    if let Some((start, ns, etal)) = names_before(text, at) {
                        let overlaps =
                            t < taken.len() && taken[t].start < end && start < taken[t].end
                                || t > 0 && taken[t - 1].end > start;
                        if start >= region.start && !overlaps {
                            out.push(AyMarker {
                                span: Span::new(start, end),
                                kind: AyKind::Bare,
                                works: vec![WorkCite {
                                    span: Span::new(start, end),
                                    names: ns,
                                    etal,
                                    year: y,
                                }],
                            });
                        }
                    }
                }
            }
        }
        k = run_end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_citations_in_running_text() {
        let text = "as described by Brown et al., 2004; Morwood et al., 2005 and Hitchcock 1935:492, but not 2004-1 or (Smith 2008).";
        let taken = [Span::new(text.find("(Smith").unwrap(), text.len() - 1)];
        let got: Vec<_> = scan_bare(text, Span::new(0, text.len()), &taken)
            .into_iter()
            .map(|m| m.span.slice(text).to_string())
            .collect();
        assert_eq!(
            got,
            [
                "Brown et al., 2004",
                "Morwood et al., 2005",
                "Hitchcock 1935"
            ]
        );
    }

    #[test]
    fn name_pieces_leave_the_rest() {
        assert_eq!(cap_word("Smith 2008"), Ok((" 2008", "Smith")));
        assert_eq!(cap_word("O'Neil,"), Ok((",", "O'Neil")));
        assert!(cap_word("The").is_err());
        assert!(cap_word("smith").is_err());
        assert_eq!(
            surname("van der Berg, 2001"),
            Ok((", 2001", "van der Berg"))
        );
        assert_eq!(
            surname("Müller-Lüdenscheidt, 2003"),
            Ok((", 2003", "Müller-Lüdenscheidt"))
        );
        assert_eq!(
            surname("World Health Organization [WHO]"),
            Ok((" [WHO]", "World Health Organization"))
        );
        assert_eq!(surname("张三，2008"), Ok(("，2008", "张三")));
        assert_eq!(
            names("Smith & Jones, 2008"),
            Ok((
                ", 2008",
                (vec!["Smith".to_string(), "Jones".to_string()], false)
            ))
        );
        assert_eq!(
            names("Smith et al., 2008"),
            Ok((", 2008", (vec!["Smith".to_string()], true)))
        );
        assert_eq!(
            names("Smith, Jones, and Brown 2008"),
            Ok((
                " 2008",
                (vec!["Smith".into(), "Jones".into(), "Brown".into()], false)
            ))
        );
        assert_eq!(
            year("2008a)").map(|(r, y)| (r, y.raw)),
            Ok((")", "2008a".to_string()))
        );
        assert!(year("20081").is_err());
        assert!(year("1990s").is_err());
        assert!(year("2009.5.11)").is_err());
        assert!(year("2009-05-11").is_err());
        assert_eq!(year("2009. Title").map(|(r, _)| r), Ok(". Title"));
        assert!(year("1234").is_err());
        let (rest, ys) = year_list("2008a, b; x").unwrap();
        assert_eq!(rest, "; x");
        assert_eq!(
            ys.iter().map(|y| y.0.raw.as_str()).collect::<Vec<_>>(),
            ["2008a", "2008b"]
        );
        let (rest, ys) = year_list("2008, 2010)").unwrap();
        assert_eq!(rest, ")");
        assert_eq!(ys.len(), 2);
    }

    fn found(text: &str) -> Vec<(&str, Vec<String>)> {
        scan_brackets(text, Span::new(0, text.len()))
            .into_iter()
            .map(|m| {
                (
                    m.span.slice(text),
                    m.works.iter().map(WorkCite::display).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn parenthetical_forms() {
        let cases: &[(&str, &[&str])] = &[
            ("x (Smith, 2008) y", &["Smith 2008"]),
            ("x (Smith 2008) y", &["Smith 2008"]),
            ("x (Smith & Jones, 2008) y", &["Smith & Jones 2008"]),
            ("x (Smith and Jones 2008) y", &["Smith & Jones 2008"]),
            ("x (Smith et al., 2008a) y", &["Smith et al. 2008a"]),
            (
                "x (Smith et al. 2008, 2010) y",
                &["Smith et al. 2008", "Smith et al. 2010"],
            ),
            ("x (Smith, 2008a, b) y", &["Smith 2008a", "Smith 2008b"]),
            (
                "x (Smith 2008; Jones 2010) y",
                &["Smith 2008", "Jones 2010"],
            ),
            (
                "x (Ferreira 2005, Trajano 2000) y",
                &["Ferreira 2005", "Trajano 2000"],
            ),
            ("x (e.g., Smith, 2008) y", &["Smith 2008"]),
            (
                "x (Smith 2008 and Jones et al. 2010) y",
                &["Smith 2008", "Jones et al. 2010"],
            ),
            (
                "x (reviews in Smith 2008 or Jones & Li, 2010) y",
                &["Smith 2008", "Jones & Li 2010"],
            ),
            (
                "x (Hacker et al. 2001, see Hedge et al. 2003) y",
                &["Hacker et al. 2001", "Hedge et al. 2003"],
            ),
            (
                "x (Smith, 2008, and see also Jones, 2010) y",
                &["Smith 2008"],
            ),
            ("x (Smith 2008 and about 2010 samples) y", &["Smith 2008"]),
            (
                "x (Smith, 2008, as cited in Jones & Li, 2010) y",
                &["Jones & Li 2010"],
            ),
            ("x (Smith 2008 in Jones 2010) y", &["Jones 2010"]),
            (
                "x (Smith 2008 vs. Jones 2010) y",
                &["Smith 2008", "Jones 2010"],
            ),
            ("x (Smith 2008 and 2010) y", &["Smith 2008", "Smith 2010"]),
            (
                "x (Smith 2008, and 2010a, b) y",
                &["Smith 2008", "Smith 2010a", "Smith 2010b"],
            ),
            (
                "x (Li et al., 2007; Suzuki et al., 2011: Jindra et al., 2013) y",
                &["Li et al. 2007", "Suzuki et al. 2011", "Jindra et al. 2013"],
            ),
            ("x (Smith 2011: 45) y", &["Smith 2011"]),
            ("x (see Smith 2008, p. 45) y", &["Smith 2008"]),
            ("x (Smith, 2008, pp. 4–6) y", &["Smith 2008"]),
            ("x (Smith, in press) y", &["Smith in press"]),
            ("x (Smith, n.d.) y", &["Smith n.d."]),
            ("x (Smith,\u{a0}in\u{a0}press) y", &["Smith in press"]),
            ("x (Smith *et al.*, 2008) y", &["Smith et al. 2008"]),
            (
                "x (Smith et\nal., 2008; Jones\n2010) y",
                &["Smith et al. 2008", "Jones 2010"],
            ),
            ("x (Smith _et al._ 2008) y", &["Smith et al. 2008"]),
            ("x Smith *et al*. (2008) y", &["Smith et al. 2008"]),
            ("x (WHO, 2010) y", &["WHO 2010"]),
            (
                "x (World Health Organization [WHO], 2010) y",
                &["World Health Organization 2010"],
            ),
            ("x (van der Berg, 2001) y", &["van der Berg 2001"]),
            ("x (O'Neil 1999) y", &["O'Neil 1999"]),
            (
                "x (Müller-Lüdenscheidt, 2003) y",
                &["Müller-Lüdenscheidt 2003"],
            ),
            ("x (Smith et al.,\u{a0}2008) y", &["Smith et al. 2008"]),
            (
                "x (apes: Hare et al., 2007; Call 2008) y",
                &["Hare et al. 2007", "Call 2008"],
            ),
            ("研究（张三，2008）表明", &["张三 2008"]),
            (
                "x (Brown 2001 / Green 2003) y",
                &["Brown 2001", "Green 2003"],
            ),
            ("x (Brown 2001—Green 2003) y", &["Brown 2001", "Green 2003"]),
            (
                "x [Smith et al., 2008; Lee, 2005] y",
                &["Smith et al. 2008", "Lee 2005"],
            ),
            ("x [see also Green, 2003] y", &["Green 2003"]),
            ("x [Lee, 2005, p. 4] y", &["Lee 2005"]),
            ("x ［张三，2008］ y", &["张三 2008"]),
            ("x (but see [Brown, 2001]) y", &["Brown 2001"]),
        ];
        for (text, want) in cases {
            let got = found(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].1, *want, "{text}");
        }
    }

    #[test]
    fn narrative_forms() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("as Smith (2008) showed", "Smith (2008)", &["Smith 2008"]),
            (
                "as Smith et al. (2008a) showed",
                "Smith et al. (2008a)",
                &["Smith et al. 2008a"],
            ),
            (
                "Smith and Jones (2008, 2010) showed",
                "Smith and Jones (2008, 2010)",
                &["Smith & Jones 2008", "Smith & Jones 2010"],
            ),
            ("in Smith's (2008) model", "Smith's (2008)", &["Smith 2008"]),
            (
                "in Smith and Jones' (2010) view",
                "Smith and Jones' (2010)",
                &["Smith & Jones 2010"],
            ),
            (
                "as Smith (2008; 2010) found",
                "Smith (2008; 2010)",
                &["Smith 2008", "Smith 2010"],
            ),
            (
                "as Smith (2008, as cited in Jones, 2010) put it",
                "Smith (2008, as cited in Jones, 2010)",
                &["Jones 2010"],
            ),
            ("In Smith (2008) we see", "Smith (2008)", &["Smith 2008"]),
            (
                "Van der Waals (1873) was first",
                "Van der Waals (1873)",
                &["Van der Waals 1873"],
            ),
            ("张三（2008）认为", "张三（2008）", &["张三 2008"]),
            (
                "as Smith and\nJones (2008) showed",
                "Smith and\nJones (2008)",
                &["Smith & Jones 2008"],
            ),
            (
                "Citation\nPI\tTCAGGAG\tFragoso et al. (2011)",
                "Fragoso et al. (2011)",
                &["Fragoso et al. 2011"],
            ),
            (
                "the end.\nSmith (2008) showed",
                "Smith (2008)",
                &["Smith 2008"],
            ),
            (
                "as Smith and Jones\n(2008) showed",
                "Smith and Jones\n(2008)",
                &["Smith & Jones 2008"],
            ),
            (
                "TTAGTAGAAAATGAGCACCACAA Kallenbach et al. (2010)",
                "Kallenbach et al. (2010)",
                &["Kallenbach et al. 2010"],
            ),
            (
                "as Fragoso\net al. (2011) showed",
                "Fragoso\net al. (2011)",
                &["Fragoso et al. 2011"],
            ),
            (
                "as Smith et al. [2008] showed",
                "Smith et al. [2008]",
                &["Smith et al. 2008"],
            ),
            (
                "Brown [2001, 2003] disagreed",
                "Brown [2001, 2003]",
                &["Brown 2001", "Brown 2003"],
            ),
        ];
        for (text, span, want) in cases {
            let got = found(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].0, *span, "{text}");
            assert_eq!(got[0].1, *want, "{text}");
        }
    }

    #[test]
    fn look_alikes_are_not_markers() {
        for text in [
            "in the year (2008) alone",
            "with (n = 2008) samples",
            "see (Fig. 2008)",
            "(p < 0.05, 2008 samples)",
            "values (2008, 2009) rose",
            "the (Smith) family",
            "(Table 2)",
            "Citation: Saarela JM (2012) Taxonomic synopsis",
            "as Shepherd et al. (2015, in revision) describe",
            "(Smith 2014, unpublished data)",
            "(see the end of\n\nSmith, 2008)",
            "(Smith et al. 2014, in preparation)",
            "Smith (2008/2009 season)",
            "[1] [2008] [Table 2] m[2008]",
            "pollen [England, Hampshire, 1877, Groves s.n. (CAN)] c",
            "[Fig. 2; Smith, 2008]",
            "as in [3, 2008]",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn one_pass_closers_agree_with_scanning_from_each_opening() {
        let long = format!("({})", "x".repeat(MAX_PAREN_BYTES - 2));
        let longer = format!("({})", "x".repeat(MAX_PAREN_BYTES - 1));
        let samples = [
            "a (b (c) d) e (f",
            "((((a)))) ) ( ((",
            "(x\n(y) (z\n)",
            "(x\n\n(y) (z\n \t\n)",
            "(a\r\n\r\nb) (c\r\nd)",
            "（张三，2008）(a（b）c) ）（",
            "[Smith, 2008; [x] ［Lee，2005］ ]] [ [",
            "[a\n\n[b] ［c］ [d\n]",
            "))((",
            long.as_str(),
            longer.as_str(),
        ];
        for s in samples {
            for pair in [PARENS, SQUARE] {
                let mut c = Closers::new(s, 0, pair);
                for (k, _) in s.char_indices() {
                    if pair.opens_at(s, k).is_some() {
                        assert_eq!(c.closing(k), closing(s, k, pair), "{s:?} at {k}");
                    }
                }
            }
        }
        // Deep nesting across the window's edge.
        let deep = format!("{}{}", "(".repeat(700), ")".repeat(700));
        let mut c = Closers::new(&deep, 0, PARENS);
        for k in 0..700 {
            assert_eq!(c.closing(k), closing(&deep, k, PARENS), "at {k}");
        }
    }

    #[test]
    fn unclosed_and_nested_parens_are_linear() {
        let text = "(".repeat(5000);
        assert!(found(&text).is_empty());
        let text = "(Smith ".repeat(2000);
        assert!(found(&text).is_empty());
        let text = "[".repeat(5000);
        assert!(found(&text).is_empty());
        let text = "[Smith ".repeat(2000);
        assert!(found(&text).is_empty());
    }
}
