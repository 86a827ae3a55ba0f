//! Bracket groups that the marker scanner rejects but that a numeric
//! manuscript means as citations: `[]`, `[,]`, `[1,,2]`, `[1-]`. Shared by
//! `empty-marker` and `malformed-marker`.
//!
//! Only the text outside the reference list is scanned, only in a numeric
//! manuscript that cites with brackets, and only groups that stand where a
//! citation stands: not after a letter or digit (`a[1,]` is code), not
//! before `(` (`[](url)` is a Markdown link), not a task-list box `- [ ]`.

use nom::bytes::complete::take_while1;
use nom::character::complete::{char, one_of};
use nom::combinator::{map, value};
use nom::multi::many0;
use nom::{IResult, Parser};

use super::Context;
use crate::parse::numeric::{is_hspace, number};
use crate::parse::{MarkerKind, Style};
use crate::source::Span;

/// A token inside a bracket group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    /// A number.
    Num(u32),
    /// A range dash (`-`, `–`, `—`).
    Dash,
    /// A list separator (`,`, `;`).
    Sep,
}

/// One token, spaces before it skipped.
fn tok(i: &str) -> IResult<&str, Tok> {
    let (i, _) = nom::bytes::complete::take_while(is_hspace).parse(i)?;
    nom::branch::alt((
        map(number, Tok::Num),
        value(Tok::Dash, one_of("-–—−")),
        value(Tok::Sep, one_of(",;")),
    ))
    .parse(i)
}

/// The tokens of `[…]` when the group holds nothing but numbers, dashes,
/// separators and spaces.
pub fn tokens(i: &str) -> IResult<&str, Vec<Tok>> {
    let (i, _) = char('[').parse(i)?;
    let (i, toks) = many0(tok).parse(i)?;
    let (i, _) = nom::combinator::opt(take_while1(is_hspace)).parse(i)?;
    let (i, _) = char(']').parse(i)?;
    Ok((i, toks))
}

/// What is wrong with a group of tokens, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No number at all: `[]`, `[,]`.
    Empty,
    /// Two separators with nothing between them: `[1,,2]`.
    EmptyItem,
    /// A separator first or last: `[,1]`, `[1,]`.
    StraySeparator,
    /// A range with no end: `[1-]`, `[1-, 3]`.
    OpenRange,
}

/// Judges a token list; `None` for a well-formed list (or one that is not
/// a citation, such as `[-1, 1]`).
pub fn problem(toks: &[Tok]) -> Option<Problem> {
    if !toks.iter().any(|t| matches!(t, Tok::Num(_))) {
        return (toks.len() <= 2 && toks.iter().all(|t| *t == Tok::Sep)).then_some(Problem::Empty);
    }
    if toks.first() == Some(&Tok::Dash) {
        return None; // a negative number: an interval, not a citation
    }
    for w in toks.windows(2) {
        match w {
            [Tok::Sep, Tok::Sep] => return Some(Problem::EmptyItem),
            [Tok::Dash, Tok::Sep] => return Some(Problem::OpenRange),
            [Tok::Dash, Tok::Dash] | [Tok::Num(_), Tok::Num(_)] | [Tok::Sep, Tok::Dash] => {
                return None
            }
            _ => {}
        }
    }
    match (toks.first(), toks.last()) {
        (_, Some(Tok::Dash)) => Some(Problem::OpenRange),
        (Some(Tok::Sep), _) | (_, Some(Tok::Sep)) => Some(Problem::StraySeparator),
        _ => None,
    }
}

/// Every suspicious bracket group of a numeric manuscript, with its problem.
pub fn scan(ctx: &Context) -> Vec<(Span, Problem)> {
    let mut out = Vec::new();
    if ctx.doc.style != Style::Numeric {
        return out;
    }
    let Some(list) = &ctx.doc.list else {
        return out;
    };
    if list.style.is_none()
        || !ctx
            .doc
            .markers
            .iter()
            .any(|m| matches!(m.kind, MarkerKind::Bracket | MarkerKind::Caret))
    {
        return out;
    }
    let top = list
        .entries
        .iter()
        .filter_map(|e| e.label)
        .max()
        .unwrap_or(0);
    let limit = top + (top / 5).max(5);
    let text = ctx.text;
    let b = text.as_bytes();
    for region in [
        Span::new(0, list.heading.start),
        Span::new(list.span.end, text.len()),
    ] {
        for p in memchr::memchr_iter(b'[', &b[region.start..region.end]).map(|p| p + region.start) {
            let mut w_end = region.end.min(p + 64);
            while !text.is_char_boundary(w_end) {
                w_end -= 1;
            }
            let window = &text[p..w_end];
            let Ok((rest, toks)) = tokens(window) else {
                continue;
            };
            let end = p + window.len() - rest.len();
            let Some(problem) = problem(&toks) else {
                continue;
            };
            if toks
                .iter()
                .any(|t| matches!(t, Tok::Num(n) if *n == 0 || *n > limit))
            {
                continue;
            }
            let before = text[..p].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ']' || c == ')') {
                continue;
            }
            if rest.starts_with('(') || rest.starts_with('[') {
                continue;
            }
            let line_start = text[..p].rfind('\n').map_or(0, |i| i + 1);
            let lead = text[line_start..p].trim();
            if problem == Problem::Empty && (lead.is_empty() || matches!(lead, "-" | "*" | "+")) {
                continue;
            }
            out.push((Span::new(p, end), problem));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(s: &str) -> Option<Problem> {
        let (rest, toks) = tokens(s).unwrap();
        assert_eq!(rest, "");
        problem(&toks)
    }

    #[test]
    fn groups_are_judged() {
        assert_eq!(judge("[]"), Some(Problem::Empty));
        assert_eq!(judge("[ , ]"), Some(Problem::Empty));
        assert_eq!(judge("[1,,2]"), Some(Problem::EmptyItem));
        assert_eq!(judge("[1, ,2]"), Some(Problem::EmptyItem));
        assert_eq!(judge("[1-]"), Some(Problem::OpenRange));
        assert_eq!(judge("[1-, 3]"), Some(Problem::OpenRange));
        assert_eq!(judge("[1,]"), Some(Problem::StraySeparator));
        assert_eq!(judge("[1, 2-4]"), None);
        assert_eq!(judge("[-1, 1]"), None);
        assert_eq!(judge("[1--3]"), None);
        assert!(tokens("[a]").is_err());
    }
}
