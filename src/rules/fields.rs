//! Identifiers as written in an entry's text: DOIs, ISBNs, ISSNs and URLs,
//! found with small nom parsers, with their spans. The field rules check
//! these (checksums need the digits exactly as written) and fall back on
//! the parsed CSL item's fields where the text has none.

use nom::bytes::complete::{tag_no_case, take_while, take_while1};
use nom::character::complete::{char, one_of};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

use crate::csl::Item;
use crate::source::Span;

/// An identifier found in an entry, with its span relative to the entry text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where, relative to the text searched.
    pub span: Span,
    /// As written.
    pub text: String,
}

/// Offsets of case-insensitive occurrences of the ASCII `needle` in `hay`.
fn find_all(hay: &str, needle: &str) -> Vec<usize> {
    let lower = hay.to_ascii_lowercase();
    memchr::memmem::find_iter(lower.as_bytes(), needle.as_bytes()).collect()
}

/// Trailing punctuation that ends a sentence rather than an identifier.
fn trim_trailing(s: &str) -> &str {
    let mut s = s;
    loop {
        let t = s.trim_end_matches(['.', ',', ';', ':', '\'', '"', '>', '»', '”']);
        let unbalanced = |open: char, close: char| {
            t.ends_with(close) && t.matches(open).count() < t.matches(close).count()
        };
        let t = if unbalanced('(', ')') || unbalanced('[', ']') {
            &t[..t.len() - 1]
        } else {
            t
        };
        if t.len() == s.len() {
            return s;
        }
        s = t;
    }
}

fn not_space(c: char) -> bool {
    !c.is_whitespace()
}

// ------------------------------------------------------------ DOIs

/// A DOI: `10.` registrant (digits and dots) `/` suffix (no white space).
pub fn doi(i: &str) -> IResult<&str, &str> {
    recognize((
        tag_no_case("10."),
        take_while1(|c: char| c.is_ascii_digit() || c == '.'),
        char('/'),
        take_while(not_space),
    ))
    .parse(i)
}

/// What a DOI label (`doi:`, `DOI `, `https://doi.org/`) is followed by,
/// and the well-formed DOIs that stand without a label.
pub fn dois(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    for p in find_all(text, "doi") {
        // `doi` as a word (not `doing`), or the `doi.org/` host.
        let before_ok = text[..p]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let rest = &text[p + 3..];
        let after = if let Some(r) = rest.strip_prefix(".org/") {
            r
        } else if before_ok {
            let label = &text[p..p + 3];
            let spaced = rest.trim_start_matches([' ', '\u{a0}']);
            let colon = spaced.starts_with(':');
            let r = spaced.trim_start_matches([':', ' ', '\u{a0}']);
            if r.len() == rest.len() {
                continue; // no separator: `doi` as part of a longer word
            }
            // A URL after the label is read where its `doi.org/` is.
            if r.starts_with("http") || r.starts_with("dx.") || r.starts_with("doi.org") {
                continue;
            }
            // `Doi` is also a surname (`Doi T, …`, `Doi 2010`): without a
            // colon, or in title case, only `10.` after it makes a DOI.
            // After `doi:`/`DOI:`, a token with a digit and a slash is meant
            // as a DOI even when it is garbled (`doi: ARTNe1008955…`).
            let word = r.split(char::is_whitespace).next().unwrap_or("");
            let doi_like = word.as_bytes().first().is_some_and(u8::is_ascii_digit)
                || word.contains('/') && word.bytes().any(|b| b.is_ascii_digit());
            let strict = !colon || label == "Doi";
            if !(r.starts_with("10.") || doi_like && !strict) {
                continue;
            }
            r
        } else {
            continue;
        };
        let at = text.len() - after.len();
        let token = after.split(char::is_whitespace).next().unwrap_or("");
        let token = trim_trailing(token);
        if token.is_empty() {
            continue;
        }
        // A DOI wrapped after its `/` (`10.1016/` + line break + `j.cell…`).
        let mut found = Found {
            span: Span::new(at, at + token.len()),
            text: token.to_string(),
        };
        if let Some(spaced) = spaced_doi(after) {
            found = Found {
                span: Span::new(at, at + spaced.len()),
                text: spaced.to_string(),
            };
        } else if token.ends_with('/') {
            let tail = &after[token.len()..];
            let next = tail.trim_start();
            let gap = &tail[..tail.len() - next.len()];
            let cont = trim_trailing(next.split(char::is_whitespace).next().unwrap_or(""));
            if gap.contains('\n') && !cont.is_empty() {
                let end = text.len() - next.len() + cont.len();
                found = Found {
                    span: Span::new(at, end),
                    text: format!("{token}{cont}"),
                };
            }
        }
        starts.push(at);
        out.push(found);
    }
    // DOIs with no label: `10.1038/nature12373` standing alone.
    for p in find_all(text, "10.") {
        if starts.contains(&p)
            || text[..p]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace() && c != '(' && c != '[')
        {
            continue;
        }
        // Without a label, only what is clearly a DOI counts (`10.5/12.3`
        // in a title is a ratio, not a broken DOI).
        if let Ok((_, d)) = doi(&text[p..]) {
            let d = trim_trailing(d);
            if doi_problem(d).is_some() {
                continue;
            }
            out.push(Found {
                span: Span::new(p, p + d.len()),
                text: d.to_string(),
            });
        }
    }
    out.sort_by_key(|f| f.span);
    out
}

/// The DOI after a label when spaces broke it up (`10. 1093/jb/mvg083`,
/// `10.1103 /PhysRevD.1`), on one line: the text from the first piece to
/// the last, when removing the spaces gives a well-formed DOI.
fn spaced_doi(after: &str) -> Option<&str> {
    let token = after.split(char::is_whitespace).next().unwrap_or("");
    if doi_problem(trim_trailing(token)).is_none() || !token.starts_with("10") {
        return None;
    }
    let line = after.split('\n').next().unwrap_or("");
    let mut end = token.len();
    let mut joined = token.to_string();
    for piece in line[token.len()..].split_inclusive(' ') {
        let word = piece.trim_end();
        end += piece.len();
        if word.is_empty() {
            continue;
        }
        joined.push_str(trim_trailing(word));
        if doi_problem(&joined).is_none() {
            let text = &after[..end];
            let text = trim_trailing(text.trim_end());
            return Some(text);
        }
        if joined.len() > 40 || joined.contains('/') && !word.contains('/') && word.len() > 3 {
            break;
        }
    }
    None
}

/// Why a DOI is not valid, or `None`.
pub fn doi_problem(d: &str) -> Option<&'static str> {
    if d.contains(char::is_whitespace) {
        let joined: String = d.split_whitespace().collect();
        if doi_problem(&joined).is_none() {
            return Some("the DOI contains white space");
        }
    }
    let Ok((rest, _)) = doi(d) else {
        return Some("a DOI starts with `10.` and a registrant code, then `/`");
    };
    let after = &d[3..];
    let (registrant, suffix) = after.split_once('/').unwrap_or((after, ""));
    let first = registrant.split('.').next().unwrap_or("");
    if first.len() < 4 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return Some("the registrant code after `10.` has at least four digits");
    }
    if registrant.ends_with('.') {
        return Some("the registrant code ends with a dot");
    }
    if suffix.is_empty() {
        return Some("the DOI has nothing after the `/`");
    }
    if !rest.is_empty() {
        return Some("the DOI contains white space");
    }
    None
}

// ------------------------------------------------------------ ISBN / ISSN

/// The code after a label such as `ISBN` or `ISSN`: `label (-10|-13)? :? hspace`
/// then digits, `X`, hyphens and spaces.
fn labelled_code<'a>(i: &'a str, label: &str) -> IResult<&'a str, &'a str> {
    let (i, _) = tag_no_case(label).parse(i)?;
    // `ISBN-10:` / `ISBN 13 `: the variant, only when a colon or space
    // follows it (`ISSN 1063-651X` starts its code with `10`).
    let (i, _) = opt((
        one_of("-‐ "),
        nom::branch::alt((tag_no_case("10"), tag_no_case("13"))),
        nom::combinator::peek(one_of(": ")),
    ))
    .parse(i)?;
    let (i, _) = opt(char(':')).parse(i)?;
    let (i, _) = take_while(|c| c == ' ' || c == '\u{a0}').parse(i)?;
    take_while1(|c: char| c.is_ascii_digit() || matches!(c, 'X' | 'x' | '-' | '‐' | '–' | ' '))
        .parse(i)
}

/// `code` cut after the group where its digits first number one of
/// `lengths` (longest first), when the whole code has another count: the
/// `2001` of `ISBN 0-19-852663-6 2001` is a year, not part of the ISBN.
fn cut_to_length<'a>(code: &'a str, lengths: &[usize]) -> &'a str {
    if lengths.contains(&digits(code).len()) {
        return code;
    }
    let mut boundaries: Vec<(usize, usize)> = Vec::new(); // (digits, byte end)
    let mut count = 0;
    let mut iter = code.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_ascii_digit() || c == 'X' || c == 'x' {
            count += 1;
            let at_end = iter
                .peek()
                .is_none_or(|(_, n)| !(n.is_ascii_digit() || *n == 'X' || *n == 'x'));
            if at_end {
                boundaries.push((count, i + c.len_utf8()));
            }
        }
    }
    for &len in lengths {
        if let Some(&(_, end)) = boundaries.iter().find(|(n, _)| *n == len) {
            return &code[..end];
        }
    }
    code
}

/// Every code after `label` in `text` (trailing spaces and hyphens trimmed).
pub fn codes(text: &str, label: &str) -> Vec<Found> {
    let needle = label.to_ascii_lowercase();
    let mut out = Vec::new();
    for p in find_all(text, &needle) {
        if text[..p]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        let Ok((_, code)) = labelled_code(&text[p..], label) else {
            continue;
        };
        let lengths: &[usize] = if label.eq_ignore_ascii_case("isbn") {
            &[13, 10]
        } else {
            &[8]
        };
        let code = cut_to_length(code.trim_end_matches([' ', '-', '‐', '–']), lengths);
        // `code` is a slice of `text`: its offset is where it starts.
        let code_start = code.as_ptr() as usize - text.as_ptr() as usize;
        if code.trim().is_empty() {
            continue;
        }
        out.push(Found {
            span: Span::new(code_start, code_start + code.len()),
            text: code.to_string(),
        });
    }
    out
}

/// The digits (and `X`) of a code.
pub fn digits(code: &str) -> Vec<u32> {
    code.chars()
        .filter_map(|c| match c {
            '0'..='9' => c.to_digit(10),
            'X' | 'x' => Some(10),
            _ => None,
        })
        .collect()
}

/// Why an ISBN is not valid, or `None`.
pub fn isbn_problem(code: &str) -> Option<String> {
    let d = digits(code);
    let x_inside = d.iter().rev().skip(1).any(|&v| v == 10);
    match d.len() {
        10 if !x_inside => {
            let sum: u32 = d.iter().enumerate().map(|(k, v)| (10 - k as u32) * v).sum();
            (sum % 11 != 0).then(|| "its ISBN-10 check digit is wrong".to_string())
        }
        13 if !d.contains(&10) => {
            let sum: u32 = d
                .iter()
                .enumerate()
                .map(|(k, v)| if k % 2 == 0 { *v } else { 3 * v })
                .sum();
            (sum % 10 != 0).then(|| "its ISBN-13 check digit is wrong".to_string())
        }
        10 | 13 => Some("`X` may only be the last digit of an ISBN-10".to_string()),
        n => Some(format!("an ISBN has 10 or 13 digits, this one {n}")),
    }
}

/// Why an ISSN is not valid, or `None`.
pub fn issn_problem(code: &str) -> Option<String> {
    let d = digits(code);
    if d.len() != 8 {
        return Some(format!("an ISSN has 8 digits, this one {}", d.len()));
    }
    if d[..7].contains(&10) {
        return Some("`X` may only be the check digit of an ISSN".into());
    }
    let sum: u32 = d.iter().enumerate().map(|(k, v)| (8 - k as u32) * v).sum();
    (sum % 11 != 0).then(|| "its check digit is wrong".to_string())
}

// ------------------------------------------------------------ URLs

/// Every URL-like token: starting `http`, `https`, `ftp` or `www.`, or a
/// misspelt scheme (`htp://`, `http//`, `https:/x`).
pub fn urls(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for needle in ["http", "htp:", "htps:", "ftp://", "www."] {
        for p in find_all(text, needle) {
            if text[..p]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '.')
            {
                continue;
            }
            let token = text[p..].split(char::is_whitespace).next().unwrap_or("");
            let token = trim_trailing(token);
            if token.len() < 5 || out.iter().any(|f| f.span.start <= p && p < f.span.end) {
                continue;
            }
            // `http` must be followed by a scheme-ish tail; a bare `https`
            // or `http:` split from its `//` by a space is left alone.
            if needle == "http" && !token[4..].starts_with([':', 's', '/']) {
                continue;
            }
            if token.trim_end_matches(':').len() <= 5 && !token.contains('/') {
                continue;
            }
            out.push(Found {
                span: Span::new(p, p + token.len()),
                text: token.to_string(),
            });
        }
    }
    out.sort_by_key(|f| f.span);
    out
}

/// Why a URL is not valid, or `None`.
pub fn url_problem(url: &str) -> Option<&'static str> {
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("www.") {
        return host_problem(r.split(['/', '?', '#']).next().unwrap_or(""), true);
    } else if let Some(r) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .or_else(|| lower.strip_prefix("ftp://"))
    {
        r
    } else {
        return Some("the scheme is misspelt (`http://` or `https://`)");
    };
    if rest.is_empty() {
        return Some("the URL has no host");
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    host_problem(host, false)
}

fn host_problem(host: &str, www: bool) -> Option<&'static str> {
    if host.is_empty() {
        return Some("the URL has no host");
    }
    if host == "localhost" && !www {
        return None;
    }
    if !host.contains('.') || host.ends_with('.') && host.matches('.').count() == 1 {
        return Some("the host name has no domain (`example.org`)");
    }
    if host.starts_with('.') || host.contains("..") {
        return Some("the host name has an empty label");
    }
    if !host
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
    {
        return Some("the host name has a character host names cannot have");
    }
    None
}

/// Whether an item is the unparsed fallback: a `document` holding nothing
/// but the entry text as its title (what the stub parser, or the real one
/// when it gives up, returns). The field rules do not judge such items:
/// a missing author or title there says the parser could not read the
/// entry, not that the entry lacks them.
pub fn is_unparsed(item: &Item) -> bool {
    item.kind == "document"
        && item.author.is_empty()
        && item.editor.is_empty()
        && item.issued.is_none()
        && item.container_title.is_none()
        && item.publisher.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_words_wrapped_over_lines_count() {
        assert!(has_date_text("Swami V (in\npress) Title. J Pers Assess"));
        assert!(says_unpublished("Falk K (In\n  press) Title."));
        assert!(!has_date_text("Swami V (in) press. Title"));
    }

    #[test]
    fn dois_are_found_with_and_without_labels() {
        let t = "Nature 1: 2. doi:10.1038/nature12373. Also https://doi.org/10.1000/xyz123 and 10.5555/abc.";
        let got: Vec<_> = dois(t).into_iter().map(|f| f.text).collect();
        assert_eq!(
            got,
            ["10.1038/nature12373", "10.1000/xyz123", "10.5555/abc"]
        );
        assert_eq!(doi_problem("10.1038/nature12373"), None);
        assert!(doi_problem("10.123/abc").is_some());
        assert!(doi_problem("10.1038/").is_some());
        assert!(doi_problem("1038/nature").is_some());
        assert!(dois("Doing well 10.5 mg").is_empty());
        assert!(dois("a ratio of 10.5/12.3 was").is_empty());
        // `Doi` the surname, and DOI URLs after a label.
        assert!(dois("Doi T, Sato K. Doi 2010. Title.").is_empty());
        assert_eq!(dois("DOI: ARTN1/10.1000/x")[0].text, "ARTN1/10.1000/x");
        // Spaces inside a DOI: the whole broken DOI is read, and it is invalid.
        let d = dois("J. Biochem. 133:651-657. doi: 10. 1093/jb/mvg083. Next");
        assert_eq!(d[0].text, "10. 1093/jb/mvg083");
        assert_eq!(
            doi_problem(&d[0].text),
            Some("the DOI contains white space")
        );
        assert_eq!(
            dois("doi:10.1103 /PhysRevE.49.55.")[0].text,
            "10.1103 /PhysRevE.49.55"
        );
        assert!(dois("doi: not available").is_empty());
        let got: Vec<_> = dois("doi: https://dx.doi.org/10.1000/x1 and doi: 1038/nature1")
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(got, ["10.1000/x1", "1038/nature1"]);
        // A DOI wrapped after its slash is read whole.
        let got: Vec<_> = dois("doi:10.1016/\n   j.cell.2008.01.001.")
            .into_iter()
            .map(|f| f.text)
            .collect();
        assert_eq!(got, ["10.1016/j.cell.2008.01.001"]);
    }

    #[test]
    fn isbn_and_issn_checksums() {
        assert_eq!(isbn_problem("978-0-306-40615-7"), None);
        assert_eq!(isbn_problem("0-306-40615-2"), None);
        assert!(isbn_problem("978-0-306-40615-6").is_some());
        assert!(isbn_problem("0-306-40615-3").is_some());
        assert!(isbn_problem("12345").is_some());
        assert_eq!(issn_problem("0378-5955"), None);
        assert_eq!(issn_problem("2434-561X"), None);
        assert!(issn_problem("0378-5954").is_some());
        let found = codes("ISBN 0-306-40615-2 2001. ISSN 0378-5955 12.", "isbn");
        assert_eq!(found[0].text, "0-306-40615-2");
        let found = codes("ISBN 0-306-40615-2 2001. ISSN 0378-5955 12.", "issn");
        assert_eq!(found[0].text, "0378-5955");
        assert_eq!(
            codes("ISSN 1063-651X, 1095-3787", "issn")[0].text,
            "1063-651X"
        );
        assert_eq!(
            codes("ISBN-13: 978-0-306-40615-7", "isbn")[0].text,
            "978-0-306-40615-7"
        );
        let found = codes("Oxford. ISBN: 978-0-306-40615-7.", "isbn");
        assert_eq!(found[0].text, "978-0-306-40615-7");
        assert_eq!(
            found[0].span.slice("Oxford. ISBN: 978-0-306-40615-7."),
            "978-0-306-40615-7"
        );
    }

    #[test]
    fn urls_and_their_problems() {
        let t = "Available at https://example.org/a_b. Accessed; see www.who.int and http//bad.org";
        let got: Vec<_> = urls(t).into_iter().map(|f| f.text).collect();
        assert_eq!(
            got,
            ["https://example.org/a_b", "www.who.int", "http//bad.org"]
        );
        assert_eq!(url_problem("https://example.org/a_b"), None);
        assert!(url_problem("http//bad.org").is_some());
        assert!(url_problem("https://exa mple").is_some());
        assert!(url_problem("http://nodot/path").is_some());
        assert!(url_problem("https://").is_some());
        assert!(url_problem("htp://x.org").is_some());
        assert!(urls("Available: https ://arxiv.org/abs/1").is_empty());
    }
}

/// Words that state an entry's date when it has no year.
const DATE_WORDS: &[&str] = &[
    "n.d.",
    "n. d.",
    "no date",
    "undated",
    "in press",
    "forthcoming",
    "accepted",
    "submitted",
    "in preparation",
    "s.d.",
    "s. d.",
    "s.f.",
    "o.j.",
    "o. j.",
    "to appear",
    "sans date",
    "sin fecha",
];

/// `text` lower-cased with every run of whitespace (a line break of a
/// wrapped entry: `(in` + `press)`) made one space.
fn words_lower(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether an entry says its work is not yet published (`in press` …).
pub fn says_unpublished(text: &str) -> bool {
    let lower = words_lower(text);
    [
        "in press",
        "forthcoming",
        "accepted",
        "submitted",
        "in preparation",
        "early view",
        "ahead of print",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Whether the entry text states a date: a plausible year (1500–2999) or
/// a word such as `n.d.` or `in press`.
pub fn has_date_text(text: &str) -> bool {
    let lower = words_lower(text);
    if DATE_WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    !years(text).is_empty()
}

/// Every four-digit number from 1500 to 2999 standing as a word (a
/// suffix letter `2008a` allowed), with its span.
pub fn years(text: &str) -> Vec<(Span, i32)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0
                || !b[i - 1].is_ascii_alphanumeric()
                // `c2014`: a copyright or circa year
                || b[i - 1] == b'c' && (i == 1 || !b[i - 2].is_ascii_alphanumeric()))
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
            && b.get(i + 5)
                .is_none_or(|c| !c.is_ascii_alphabetic() || !b[i + 4].is_ascii_alphabetic())
        {
            let y: i32 = text[i..i + 4].parse().unwrap_or(0);
            if (1500..=2999).contains(&y) {
                out.push((Span::new(i, i + 4), y));
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// The years of an entry text that stand where a publication year stands:
/// in parentheses `(2031)`, or followed by `;`, `.` or `,` and not part
/// of a page range (`2025-2031.`).
pub fn publication_years(text: &str) -> Vec<(Span, i32)> {
    years(text)
        .into_iter()
        .filter(|(s, _)| {
            let before = text[..s.start].chars().next_back();
            let after =
                text[s.end..].trim_start_matches(|c: char| c.is_ascii_lowercase() && c != ' ');
            let after = after.chars().next();
            let range = matches!(before, Some('-' | '–' | '—' | ':' | '/'))
                || text[s.end..].starts_with(['-', '–']);
            !range
                && (before == Some('(') && after == Some(')')
                    || matches!(after, Some(';' | '.' | ',' | ')')))
        })
        .collect()
}

#[cfg(test)]
mod year_tests {
    use super::*;

    #[test]
    fn years_and_publication_years() {
        let t = "Smith J (2031a) Title. J 12: 2025-2031. Also 2030; 1999.";
        let all: Vec<i32> = years(t).into_iter().map(|(_, y)| y).collect();
        assert_eq!(all, [2031, 2025, 2031, 2030, 1999]);
        let pubs: Vec<i32> = publication_years(t).into_iter().map(|(_, y)| y).collect();
        assert_eq!(pubs, [2031, 2030, 1999]);
        assert!(has_date_text("WHO. Fact sheet. n.d."));
        assert!(has_date_text("NetworkX [Internet]. c2014 May."));
        assert!(!has_date_text("WHO. Fact sheet. Geneva: WHO; 12345."));
    }
}
