//! Pandoc (and Quarto, R Markdown) citation syntax.
//!
//! - bracketed: `[@key]`, `[@a; @b]`, `[-@key]` (author suppressed),
//!   `[see @key, pp. 33-35; also @b, chap. 1]`;
//! - in the text: `@key says`, `@key [p. 4]` (a locator in brackets after
//!   the key belongs to the citation);
//! - keys: a letter, digit or `_` first, then letters, digits, `_`, and the
//!   punctuation `:.#$%&-+?<>~/` when a letter, digit or `_` follows it
//!   (`@smith2008.` cites `smith2008`); or anything in braces:
//!   `@{https://doi.org/10.1/x}`.
//!
//! An `@` right after a letter or digit (an e-mail address) or after a
//! backslash is not a citation, and a bracketed group followed by `(` or `[`
//! is a link, not a citation.

use memchr::memchr2;
use nom::bytes::complete::take_till1;
use nom::character::complete::char;
use nom::combinator::opt;
use nom::error::{Error, ErrorKind};
use nom::sequence::delimited;
use nom::{IResult, Parser};

use super::{Cite, Form};
use crate::source::Span;

/// Punctuation that may stand inside a key when a key character follows.
const INTERNAL: &str = ":.#$%&-+?<>~/";

/// The longest bracketed citation looked at (a `[` further from its `]`
/// is not one): keeps the scan linear on text full of brackets.
const MAX_BRACKET: usize = 4096;

fn fail<T>(i: &str, kind: ErrorKind) -> IResult<&str, T> {
    Err(nom::Err::Error(Error::new(i, kind)))
}

/// A letter, a digit or `_`.
pub fn is_key_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A key without braces: `smith2008`, `doe:99`, `a.b-c`; punctuation at
/// its end is not part of it.
pub fn plain_key(i: &str) -> IResult<&str, &str> {
    let mut chars = i.char_indices().peekable();
    match chars.next() {
        Some((_, c)) if is_key_char(c) => {}
        _ => return fail(i, ErrorKind::AlphaNumeric),
    }
    let mut end = i.len();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let keep = is_key_char(c)
            || (INTERNAL.contains(c) && next.is_some_and(is_key_char))
            || (matches!(c, ':' | '/') && next == Some('/'));
        if !keep {
            end = at;
            break;
        }
    }
    Ok((&i[end..], &i[..end]))
}

/// A key in braces, braces balanced inside, no white space:
/// `{https://x.org/a?b=1}`; the key is what the braces hold.
pub fn braced_key(i: &str) -> IResult<&str, &str> {
    let (rest, _) = char('{').parse(i)?;
    let mut depth = 0usize;
    for (at, c) in rest.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                if at == 0 {
                    return fail(i, ErrorKind::TakeTill1);
                }
                return Ok((&rest[at + 1..], &rest[..at]));
            }
            '}' => depth -= 1,
            // pandoc reads no white space in a braced key
            c if c.is_whitespace() => return fail(i, ErrorKind::TakeTill1),
            _ => {}
        }
    }
    fail(i, ErrorKind::Char)
}

/// `@key` or `-@key`: whether the author is suppressed, and the key.
pub fn cite_key(i: &str) -> IResult<&str, (bool, &str)> {
    let (rest, minus) = opt(char('-')).parse(i)?;
    let (rest, _) = char('@').parse(rest)?;
    let (rest, key) = braced_key(rest).or_else(|_| plain_key(rest))?;
    Ok((rest, (minus.is_some(), key)))
}

/// A locator in brackets after an in-text key: `[p. 4]` (one space before
/// it at most; brackets inside balanced; no key inside).
pub fn locator(i: &str) -> IResult<&str, &str> {
    let (rest, _) = opt(char(' ')).parse(i)?;
    let (rest, inner) =
        delimited(char('['), take_till1(|c| "[]@\n".contains(c)), char(']')).parse(rest)?;
    Ok((rest, inner))
}

/// One citation of a bracketed group, up to its `;` or `]`: the keys in it
/// (prefix and suffix text around them are skipped).
pub fn cite_item(i: &str) -> IResult<&str, Vec<(bool, &str)>> {
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut prev: Option<char> = None;
    let mut at = 0;
    while let Some(c) = i[at..].chars().next() {
        match c {
            '\\' => {
                at += 1;
                at += i[at..].chars().next().map_or(0, char::len_utf8);
                prev = Some('\\');
                continue;
            }
            '[' => depth += 1,
            ']' if depth == 0 => break,
            ']' => depth -= 1,
            ';' if depth == 0 => break,
            '\n' if i[at + 1..]
                .trim_start_matches([' ', '\t'])
                .starts_with('\n') =>
            {
                return fail(i, ErrorKind::Char);
            }
            '@' | '-' if !prev.is_some_and(is_key_char) => {
                if let Ok((rest, k)) = cite_key(&i[at..]) {
                    keys.push(k);
                    at = i.len() - rest.len();
                    prev = Some('_');
                    continue;
                }
            }
            _ => {}
        }
        prev = Some(c);
        at += c.len_utf8();
    }
    if keys.is_empty() || at >= i.len() {
        return fail(i, ErrorKind::Many1);
    }
    Ok((&i[at..], keys))
}

/// A bracketed group: `[see @a, p. 4; -@b]`. Every `;`-separated part has
/// a key; a `(` or `[` right after the `]` makes it a link instead.
pub fn bracketed(i: &str) -> IResult<&str, Vec<(bool, &str)>> {
    let window = &i[..floor_boundary(i, MAX_BRACKET)];
    let (mut rest, _) = char('[').parse(window)?;
    let mut keys = Vec::new();
    loop {
        let (r, k) = cite_item(rest)?;
        keys.extend(k);
        let (r, sep) = nom::character::complete::one_of(";]").parse(r)?;
        rest = r;
        if sep == ']' {
            break;
        }
    }
    if rest.starts_with(['(', '[']) {
        return fail(rest, ErrorKind::Not);
    }
    let used = window.len() - rest.len();
    Ok((&i[used..], keys))
}

/// The largest char boundary of `s` at or below `n`.
fn floor_boundary(s: &str, n: usize) -> usize {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// An in-text citation: `@key`, with a bracketed locator after it
/// (`@key [p. 4]`) when there is one.
pub fn in_text(i: &str) -> IResult<&str, &str> {
    let (rest, _) = char('@').parse(i)?;
    let (rest, key) = braced_key(rest).or_else(|_| plain_key(rest))?;
    let rest = match locator(rest) {
        Ok((r, _)) if !r.starts_with(['(', '[']) => r,
        _ => rest,
    };
    Ok((rest, key))
}

/// Offset of `part` (a slice of `whole`) in `whole`.
pub(crate) fn offset(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

/// Whether the byte at `p` is escaped by an odd number of backslashes.
pub(crate) fn escaped(bytes: &[u8], p: usize) -> bool {
    bytes[..p].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// Every citation in `text[range]`, in text order; spans are spans of `text`.
pub fn scan(text: &str, range: Span, out: &mut Vec<Cite>) {
    let bytes = text.as_bytes();
    let end = range.end.min(text.len());
    let mut i = range.start;
    while let Some(off) = memchr2(b'[', b'@', &bytes[i..end]) {
        let p = i + off;
        i = p + 1;
        if escaped(bytes, p) {
            continue;
        }
        let here = &text[p..end];
        if bytes[p] == b'[' {
            if let Ok((rest, keys)) = bracketed(here) {
                let span = Span::new(p, end - rest.len());
                for (suppress, key) in keys {
                    let at = p + offset(here, key);
                    out.push(Cite {
                        key: key.to_string(),
                        key_span: Span::new(at, at + key.len()),
                        span,
                        form: if suppress {
                            Form::SuppressAuthor
                        } else {
                            Form::Bracketed
                        },
                    });
                }
                i = span.end;
            }
            continue;
        }
        let after_word = text[range.start.min(p)..p]
            .chars()
            .next_back()
            .is_some_and(is_key_char);
        if after_word {
            continue;
        }
        if let Ok((rest, key)) = in_text(here) {
            let at = p + offset(here, key);
            let span = Span::new(p, end - rest.len());
            out.push(Cite {
                key: key.to_string(),
                key_span: Span::new(at, at + key.len()),
                span,
                form: Form::InText,
            });
            i = span.end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_keys_stop_before_trailing_punctuation() {
        let table = [
            ("smith2008 says", Some(("smith2008", " says"))),
            ("smith2008.", Some(("smith2008", "."))),
            ("doe:99, p", Some(("doe:99", ", p"))),
            (
                "a.b-c+d?e<f>g~h/i#j$k%l&m]",
                Some(("a.b-c+d?e<f>g~h/i#j$k%l&m", "]")),
            ),
            ("_x-", Some(("_x", "-"))),
            ("http://x.org/a;", Some(("http://x.org/a", ";"))),
            ("Žižek1999)", Some(("Žižek1999", ")"))),
            ("-x", None),
            (" x", None),
        ];
        for (input, want) in table {
            let got = plain_key(input).ok().map(|(rest, k)| (k, rest));
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn braced_keys_hold_anything_balanced() {
        let table = [
            (
                "{https://x.org/a?b=1&c} r",
                Some(("https://x.org/a?b=1&c", " r")),
            ),
            ("{a{b}c}.", Some(("a{b}c", "."))),
            ("{}", None),
            ("{open", None),
            ("{a\nb}", None),
            ("{a b}", None),
        ];
        for (input, want) in table {
            let got = braced_key(input).ok().map(|(rest, k)| (k, rest));
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn bracketed_groups_and_their_leftover() {
        type Want<'a> = Option<(Vec<(bool, &'a str)>, &'a str)>;
        let table: [(&str, Want); 10] = [
            ("[@a] x", Some((vec![(false, "a")], " x"))),
            ("[@a; @b]", Some((vec![(false, "a"), (false, "b")], ""))),
            ("[-@key].", Some((vec![(true, "key")], "."))),
            (
                "[see @key, pp. 33-35; also @b, chap. 1] and",
                Some((vec![(false, "key"), (false, "b")], " and")),
            ),
            ("[@{a;b}, p. 4]", Some((vec![(false, "a;b")], ""))),
            ("[@a](http://x)", None),
            ("[@a][ref]", None),
            ("[see; @a]", None),
            ("[mail a@b.org]", None),
            ("[@a\n\n@b]", None),
        ];
        for (input, want) in table {
            let got = bracketed(input).ok().map(|(rest, k)| (k, rest));
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn in_text_citations_take_their_locator() {
        let table = [
            ("@key [p. 4] says", Some(("key", " says"))),
            ("@key[p. 4]", Some(("key", ""))),
            ("@key says", Some(("key", " says"))),
            ("@key [@b]", Some(("key", " [@b]"))),
            ("@key [x](u)", Some(("key", " [x](u)"))),
            ("@ key", None),
        ];
        for (input, want) in table {
            let got = in_text(input).ok().map(|(rest, k)| (k, rest));
            assert_eq!(got, want, "{input}");
        }
    }

    fn scanned(text: &str) -> Vec<(String, &str, &str, Form)> {
        let mut out = Vec::new();
        scan(text, Span::new(0, text.len()), &mut out);
        out.into_iter()
            .map(|c| (c.key, c.key_span.slice(text), c.span.slice(text), c.form))
            .collect()
    }

    #[test]
    fn the_scan_finds_every_form_with_exact_spans() {
        let text = "As @smith2008 [p. 4] and [see @lee2010, p. 4; -@doe] show. \
                    Mail me@x.org, not \\@esc; @{a=b} too; @jones2012 says.";
        let got = scanned(text);
        let want = [
            ("smith2008", "smith2008", "@smith2008 [p. 4]", Form::InText),
            (
                "lee2010",
                "lee2010",
                "[see @lee2010, p. 4; -@doe]",
                Form::Bracketed,
            ),
            (
                "doe",
                "doe",
                "[see @lee2010, p. 4; -@doe]",
                Form::SuppressAuthor,
            ),
            ("a=b", "a=b", "@{a=b}", Form::InText),
            ("jones2012", "jones2012", "@jones2012", Form::InText),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0.as_str(), g.1, g.2, g.3), w);
        }
    }

    #[test]
    fn a_long_bracket_run_is_no_citation_and_no_panic() {
        let text = format!("[{}@a] [é@b] [@c", "x".repeat(MAX_BRACKET + 10));
        let got = scanned(&text);
        // `@a` is in the text (a bracket too long to be a citation group)
        assert_eq!(got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(), ["c"]);
    }
}
