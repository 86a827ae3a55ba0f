//! Small nom parsers for the deterministic pieces of a reference: links
//! (URL, DOI, arXiv), years, page ranges, `volume(issue)` and GB/T 7714
//! type tags. Each is a `fn(&str) -> IResult<&str, T>` that consumes what it
//! recognises and returns the rest.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, one_of, satisfy, space0};
use nom::combinator::{not, opt, recognize, verify};

use nom::sequence::preceded;
use nom::{IResult, Parser};

use super::token::Kind;

/// `10.` + 4–9 digits + `/` + at least one non-space character: the DOI
/// proper, without any prefix.
pub fn doi_body(i: &str) -> IResult<&str, &str> {
    recognize((
        tag("10."),
        take_while_m_n(4, 9, |c: char| c.is_ascii_digit()),
        opt(preceded(char('.'), digit1)),
        char('/'),
        take_while1(|c: char| !c.is_whitespace()),
    ))
    .parse(i)
}

/// A DOI with an optional prefix: `doi:`, `DOI `, `https://doi.org/`,
/// `http://dx.doi.org/`. Returns the bare DOI.
pub fn doi(i: &str) -> IResult<&str, &str> {
    let (i, _) = opt(alt((
        recognize((tag_no_case("doi"), opt(char(':')), space0)),
        recognize((
            tag_no_case("http"),
            opt(tag_no_case("s")),
            tag("://"),
            opt(tag_no_case("dx.")),
            tag_no_case("doi.org/"),
        )),
    )))
    .parse(i)?;
    doi_body(i)
}

/// `https?://…`, `ftp://…` or `www.…` up to the next whitespace.
pub fn url(i: &str) -> IResult<&str, &str> {
    recognize((
        alt((
            recognize((
                alt((
                    tag_no_case("https"),
                    tag_no_case("http"),
                    tag_no_case("ftp"),
                )),
                tag("://"),
            )),
            tag_no_case("www."),
        )),
        take_while1(|c: char| !c.is_whitespace()),
    ))
    .parse(i)
}

/// `arXiv:1234.56789`, `arXiv:hep-th/9901001` (optionally with `v2`).
pub fn arxiv(i: &str) -> IResult<&str, &str> {
    let (i, _) = (tag_no_case("arxiv"), one_of(":. "), space0).parse(i)?;
    recognize((
        take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.'),
        opt(preceded(char('/'), digit1)),
    ))
    .parse(i)
}

/// Which kind of link `chunk` starts with, if any.
pub fn link_kind(chunk: &str) -> Option<Kind> {
    let c = chunk.as_bytes().first()?;
    if !matches!(
        c,
        b'h' | b'H' | b'w' | b'W' | b'f' | b'F' | b'd' | b'D' | b'1' | b'a' | b'A'
    ) {
        return None;
    }
    if let Ok((rest, _)) = doi(chunk) {
        if chunk.len() - rest.len() > 8 {
            return Some(Kind::Doi);
        }
    }
    if url(chunk).is_ok() {
        return Some(Kind::Url);
    }
    if arxiv(chunk).is_ok() && chunk.len() > 8 {
        return Some(Kind::Arxiv);
    }
    None
}

/// A plausible publication year, 1500–2099, not followed by another digit.
pub fn year(i: &str) -> IResult<&str, u16> {
    let (rest, y) = verify(
        take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
        |s: &str| {
            matches!(s.as_bytes()[0], b'1' | b'2')
                && (1500..=2099).contains(&s.parse::<u16>().unwrap_or(0))
        },
    )
    .parse(i)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((rest, y.parse().unwrap_or(0)))
}

/// A Vancouver `year;volume` head (`2019;14`, `2019 ; 14(3)`): the year,
/// and what follows the semicolon.
pub fn year_semicolon(i: &str) -> IResult<&str, u16> {
    let (rest, (y, _)) = (
        year,
        (
            nom::character::complete::space0,
            nom::character::complete::char(';'),
            nom::character::complete::space0,
        ),
    )
        .parse(i)?;
    Ok((rest, y))
}

/// A year with an optional one-letter disambiguation suffix: `2008a`.
/// Returns the year and the suffix.
pub fn year_suffixed(i: &str) -> IResult<&str, (u16, Option<char>)> {
    let (after_year, y) = year(i)?;
    let (i, s) = opt(nom::character::complete::satisfy(|c| {
        c.is_ascii_lowercase()
    }))
    .parse(after_year)?;
    if s.is_some() && i.starts_with(|c: char| c.is_alphabetic()) {
        return Ok((after_year, (y, None)));
    }
    Ok((i, (y, s)))
}

/// Finds the first year in `s` that is not part of a longer number or word
/// (so `ISBN 9780…` or `p2008` don't count). Returns (byte offset, year,
/// suffix).
pub fn find_year(s: &str) -> Option<(usize, u16, Option<char>)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if (b[i] == b'1' || b[i] == b'2') && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            if let Ok((_, (y, suf))) = year_suffixed(&s[i..]) {
                return Some((i, y, suf));
            }
        }
        i += 1;
    }
    None
}

/// A page or article-number token: `361`, `e1234`, `S12`, `xiv`, `A5`.
pub fn page_token(i: &str) -> IResult<&str, &str> {
    alt((
        recognize((
            opt(one_of("eEsSaAlLrRpP")),
            digit1,
            opt(one_of("abcdefABCDEF")),
        )),
        take_while1(|c: char| "ivxlcdm".contains(c)),
    ))
    .parse(i)
}

/// A page range: `361–394`, `361-94`, `1195--1207`, `e1234`, with an optional
/// `p.`/`pp.` prefix. Returns (first, last).
pub fn page_range(i: &str) -> IResult<&str, (&str, Option<&str>)> {
    let (i, _) = opt((alt((tag("pp."), tag("p."), tag("pp"))), space0)).parse(i)?;
    let (i, first) = page_token(i)?;
    let (i, last) = opt(preceded(
        (
            space0,
            take_while1(|c: char| matches!(c, '-' | '–' | '—' | '‒' | '−' | '~')),
            space0,
        ),
        page_token,
    ))
    .parse(i)?;
    Ok((i, (first, last)))
}

/// `12(3)`, `12 (3)`, `12(3-4)`, `12(Suppl 2)`: a volume with its issue.
pub fn volume_issue(i: &str) -> IResult<&str, (&str, &str)> {
    let (i, v) = take_while1(|c: char| c.is_alphanumeric() || c == '-' || c == '/').parse(i)?;
    let (i, _) = (space0, alt((char('('), char('（')))).parse(i)?;
    let (i, n) = take_while1(|c: char| c != ')' && c != '）' && c != '(').parse(i)?;
    let (i, _) = alt((char(')'), char('）'))).parse(i)?;
    Ok((i, (v, n.trim())))
}

/// Which part of a serial a [`cjk_number_mark`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SerialPart {
    Volume,
    Issue,
}

/// `15, No. 6`, `99, no. 2`, `386, nos. 2-3`, `134, Part 3`: a volume
/// followed by its labelled issue (the volume's own label already gone).
pub fn volume_then_issue(i: &str) -> IResult<&str, (&str, &str)> {
    let (i, v) = take_while1(|c: char| c.is_alphanumeric() || c == '-' || c == '/').parse(i)?;
    let (i, _) = (opt(char(',')), take_while1(|c: char| c == ' ')).parse(i)?;
    let (i, _) = alt((
        tag_no_case("nos."),
        tag_no_case("no."),
        tag_no_case("no"),
        tag_no_case("nr."),
        tag_no_case("issue"),
        tag_no_case("iss."),
        tag_no_case("number"),
        tag_no_case("heft"),
        tag_no_case("part"),
    ))
    .parse(i)?;
    // a label, not the start of a word (`7, Notes`)
    let (i, _) = not(satisfy(char::is_alphabetic)).parse(i)?;
    let (i, _) = space0(i)?;
    let (i, n) =
        take_while1(|c: char| c.is_alphanumeric() || matches!(c, '-' | '–' | '/')).parse(i)?;
    Ok((i, (v, n)))
}

/// A Korean, Japanese or Chinese volume or issue mark written around its
/// number with no space (`제27권`, `제1호`, `第5期`, `1949号`, `第3巻`):
/// the number and what it counts. 권 巻 卷 집 輯 count volumes, 호 号 號
/// 期 issues; the ordinal prefix 제/第 is optional.
pub fn cjk_number_mark(i: &str) -> IResult<&str, (&str, SerialPart)> {
    let (i, _) = opt(alt((char('제'), char('第')))).parse(i)?;
    let (i, n) = digit1(i)?;
    let (i, part) = alt((
        one_of("권巻卷집輯").map(|_| SerialPart::Volume),
        one_of("호号號期").map(|_| SerialPart::Issue),
    ))
    .parse(i)?;
    Ok((i, (n, part)))
}

/// A volume or number label glued to its number (`Vol43`, `vol12`, `No3`,
/// `Nr5`), as extraction leaves it: the number and what it counts.
pub fn glued_serial_label(i: &str) -> IResult<&str, (&str, SerialPart)> {
    let (i, part) = alt((
        tag_no_case("vol").map(|_| SerialPart::Volume),
        alt((tag_no_case("no"), tag_no_case("nr"))).map(|_| SerialPart::Issue),
    ))
    .parse(i)?;
    let (i, n) = digit1(i)?;
    Ok((i, (n, part)))
}

/// An edition statement: an ordinal and `ed.`/`edn`/`edition` (`2nd ed.`,
/// `3rd edn`, `4th edition`), optionally in parentheses.
pub fn edition_phrase(i: &str) -> IResult<&str, &str> {
    let (i, _) = opt(char('(')).parse(i)?;
    let (i, phrase) = recognize((
        digit1,
        alt((
            tag_no_case("st"),
            tag_no_case("nd"),
            tag_no_case("rd"),
            tag_no_case("th"),
        )),
        take_while1(|c: char| c == ' '),
        alt((
            tag_no_case("edition"),
            tag_no_case("edn"),
            tag_no_case("ed"),
        )),
        opt(char('.')),
    ))
    .parse(i)?;
    let (i, _) = opt(char(')')).parse(i)?;
    Ok((i, phrase))
}

/// A GB/T 7714 type tag: `[J]`, `[M/OL]`, `［EB/OL］`, `[DB/OL]`. Returns the
/// code (`J`, `M`, `EB`, …) and whether it is online (`/OL`).
pub fn gbt_tag(i: &str) -> IResult<&str, (&str, bool)> {
    let (i, _) = alt((char('['), char('［'))).parse(i)?;
    let (i, code) = take_while_m_n(1, 2, |c: char| c.is_ascii_uppercase()).parse(i)?;
    let (i, ol) = opt(preceded(alt((char('/'), char('／'))), tag("OL"))).parse(i)?;
    let (i, _) = alt((char(']'), char('］'))).parse(i)?;
    Ok((i, (code, ol.is_some())))
}

/// `Place: Publisher` as book references end: a place of one to four
/// capitalised words (commas allowed: `Cambridge, MA`), a colon, and a
/// publisher name without digits. Returns (place, publisher).
pub fn place_publisher(i: &str) -> IResult<&str, (&str, &str)> {
    let (i, place) = verify(
        take_while1(|c: char| c != ':' && c != '.' && !c.is_ascii_digit()),
        |p: &str| {
            let words: Vec<&str> = p.split_whitespace().collect();
            !words.is_empty()
                && words.len() <= 4
                && words
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        },
    )
    .parse(i)?;
    let (i, _) = (char(':'), space0).parse(i)?;
    let (i, publisher) = verify(
        take_while1(|c: char| !c.is_ascii_digit() && c != ':' && c != '('),
        |p: &str| {
            let words = p.split_whitespace().count();
            (1..=8).contains(&words) && p.trim_start().starts_with(char::is_uppercase)
        },
    )
    .parse(i)?;
    Ok((i, (place.trim(), publisher.trim())))
}

/// Skips leading spaces; used by callers that parse several items in turn.
pub fn ws(i: &str) -> IResult<&str, &str> {
    take_while(char::is_whitespace).parse(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doi_forms() {
        assert_eq!(doi("10.1000/xyz123 rest"), Ok((" rest", "10.1000/xyz123")));
        assert_eq!(doi("doi:10.1000/a.b"), Ok(("", "10.1000/a.b")));
        assert_eq!(doi("DOI: 10.1000/a"), Ok(("", "10.1000/a")));
        assert_eq!(doi("https://doi.org/10.1371/x y"), Ok((" y", "10.1371/x")));
        assert!(doi("10.5/x").is_err());
        assert!(doi("doi").is_err());
    }

    #[test]
    fn url_forms() {
        assert_eq!(url("http://a.b/c d"), Ok((" d", "http://a.b/c")));
        assert_eq!(url("www.x.org"), Ok(("", "www.x.org")));
        assert!(url("httpx").is_err());
    }

    #[test]
    fn arxiv_forms() {
        assert_eq!(arxiv("arXiv:1234.56789v2 x"), Ok((" x", "1234.56789v2")));
        assert_eq!(arxiv("arXiv:hep-th/9901001"), Ok(("", "hep-th/9901001")));
        assert!(arxiv("arxive").is_err());
    }

    #[test]
    fn link_kinds() {
        assert_eq!(link_kind("doi:10.1000/x"), Some(Kind::Doi));
        assert_eq!(link_kind("https://doi.org/10.1000/x"), Some(Kind::Doi));
        assert_eq!(link_kind("https://x.org"), Some(Kind::Url));
        assert_eq!(link_kind("arXiv:1234.5678"), Some(Kind::Arxiv));
        assert_eq!(link_kind("1998"), None);
        assert_eq!(link_kind("Smith"), None);
    }

    #[test]
    fn years() {
        assert_eq!(year("2008a"), Ok(("a", 2008)));
        assert!(year("20081").is_err());
        assert!(year("1400").is_err());
        assert_eq!(year_suffixed("2008a)"), Ok((")", (2008, Some('a')))));
        assert_eq!(year_suffixed("2008and"), Ok(("and", (2008, None))));
        assert_eq!(find_year("In press, (1998b)."), Some((11, 1998, Some('b'))));
        assert_eq!(find_year("ISBN 97801234"), None);
        assert_eq!(find_year("n.d."), None);
    }

    #[test]
    fn pages() {
        assert_eq!(page_range("361–94."), Ok((".", ("361", Some("94")))));
        assert_eq!(page_range("pp. 1-11"), Ok(("", ("1", Some("11")))));
        assert_eq!(page_range("e1234,"), Ok((",", ("e1234", None))));
        assert_eq!(page_range("1195--1207"), Ok(("", ("1195", Some("1207")))));
        assert!(page_range("abc").is_err());
    }

    /// Runs `parse` over `(input, expected, leftover)` rows; `None` expects
    /// a refusal.
    fn table<'a, T: PartialEq + std::fmt::Debug>(
        parse: impl Fn(&'a str) -> IResult<&'a str, T>,
        rows: &[(&'a str, Option<T>, &str)],
    ) {
        for (input, want, rest) in rows {
            match parse(input) {
                Ok((r, got)) => {
                    assert_eq!(Some(&got), want.as_ref(), "{input}");
                    assert_eq!(r, *rest, "{input}");
                }
                Err(_) => assert!(want.is_none(), "{input} refused"),
            }
        }
    }

    #[test]
    fn volume_then_labelled_issue() {
        table(
            volume_then_issue,
            &[
                ("15, No. 6", Some(("15", "6")), ""),
                ("99, no. 2", Some(("99", "2")), ""),
                ("386, nos. 2-3", Some(("386", "2-3")), ""),
                ("134, Part 3", Some(("134", "3")), ""),
                ("45 Issue 7.", Some(("45", "7")), "."),
                ("15no6", None, ""),
                ("12, 345", None, ""),
                ("7, Nature", None, ""),
                ("7, Notes", None, ""),
                ("7, Partial", None, ""),
            ],
        );
    }

    #[test]
    fn glued_serial_labels() {
        use SerialPart::{Issue, Volume};
        table(
            glued_serial_label,
            &[
                ("Vol43", Some(("43", Volume)), ""),
                ("no3", Some(("3", Issue)), ""),
                ("Nr12a", Some(("12", Issue)), "a"),
                ("Volta", None, ""),
                ("Nov3", None, ""),
            ],
        );
    }

    #[test]
    fn cjk_number_marks() {
        use SerialPart::{Issue, Volume};
        table(
            cjk_number_mark,
            &[
                ("제27권", Some(("27", Volume)), ""),
                ("제1호,", Some(("1", Issue)), ","),
                ("第5期", Some(("5", Issue)), ""),
                ("第3巻", Some(("3", Volume)), ""),
                ("1949号", Some(("1949", Issue)), ""),
                ("2019年", None, ""),
                ("第5次", None, ""),
                ("제권", None, ""),
            ],
        );
    }

    #[test]
    fn vol_issue() {
        assert_eq!(volume_issue("5(2): 1"), Ok((": 1", ("5", "2"))));
        assert_eq!(volume_issue("2008（08）"), Ok(("", ("2008", "08"))));
        assert_eq!(volume_issue("12 (Suppl 2)"), Ok(("", ("12", "Suppl 2"))));
        assert!(volume_issue("12").is_err());
    }

    #[test]
    fn place_publisher_pairs() {
        assert_eq!(
            place_publisher("Geneva: World Health Organization."),
            Ok(("", ("Geneva", "World Health Organization.")))
        );
        assert_eq!(
            place_publisher("Cambridge, MA: MIT Press, 1995"),
            Ok(("1995", ("Cambridge, MA", "MIT Press,")))
        );
        assert!(place_publisher("the results: a study").is_err());
        assert!(place_publisher("Nature 5: 361").is_err());
    }

    #[test]
    fn gbt_tags() {
        assert_eq!(gbt_tag("[J]. X"), Ok((". X", ("J", false))));
        assert_eq!(gbt_tag("［EB/OL］"), Ok(("", ("EB", true))));
        assert!(gbt_tag("[12]").is_err());
        assert!(gbt_tag("[abc]").is_err());
    }
}
