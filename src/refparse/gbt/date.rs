//! GB/T dates: `2000-11-20`, `[2025]`, access dates `[2025-02-28]`, years
//! with a suffix (`2008a`).

use nom::branch::alt;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char, one_of};
use nom::combinator::{map, map_res, opt};
use nom::sequence::preceded;
use nom::{IResult, Parser};

use super::lex;
use crate::csl::{Date, DatePart, Item};

/// A GB/T date `2000-11-20`, `2025`, `[2025]`, or a range of years
/// (`1980-1985`, `1957/1990`): the date parts; what follows is ignored.
pub(super) fn gbt_date(s: &str) -> Option<Date> {
    let s = s
        .trim()
        .trim_matches(|c| matches!(c, '[' | ']' | '(' | ')' | '（' | '）' | '［' | '］'));
    let (_, date_parts) = date_parts(s).ok()?;
    Some(Date {
        date_parts,
        ..Date::default()
    })
}

/// A month or day number: one or two digits, 1 to `max`.
fn calendar_number(max: i64) -> impl Fn(&str) -> IResult<&str, i64> {
    move |i| {
        map_res(
            take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
            |n: &str| {
                n.parse::<i64>()
                    .ok()
                    .filter(|v| (1..=max).contains(v))
                    .ok_or(())
            },
        )
        .parse(i)
    }
}

/// `YYYY[-MM[-DD]]` or `YYYY-YYYY` (also `—`, `–`, `/`) as CSL date parts.
pub(super) fn date_parts(i: &str) -> IResult<&str, Vec<Vec<DatePart>>> {
    fn num(y: u16) -> DatePart {
        DatePart::Number(i64::from(y))
    }
    alt((
        map((lex::year, one_of("-—–/"), lex::year), |(a, _, b)| {
            vec![vec![num(a)], vec![num(b)]]
        }),
        map(
            (
                lex::year,
                opt((
                    preceded(char('-'), calendar_number(12)),
                    opt(preceded(char('-'), calendar_number(31))),
                )),
            ),
            |(y, md)| {
                let mut parts = vec![num(y)];
                if let Some((m, d)) = md {
                    parts.push(DatePart::Number(m));
                    parts.extend(d.map(DatePart::Number));
                }
                vec![parts]
            },
        ),
    ))
    .parse(i)
}

/// Only digits and date punctuation: `2000-11-20`, `1957/1990`, `1957—[1990]`.
pub(super) fn is_bare_date(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '—' | '[' | ']' | '［' | '］'))
}

/// Splits a trailing `[2025-02-28]` access date off: (rest, accessed).
pub(super) fn strip_access(s: &str) -> (&str, Option<Date>) {
    let s = s.trim();
    for (o, c) in [('[', ']'), ('［', '］')] {
        if s.ends_with(c) {
            if let Some(i) = s.rfind(o) {
                if let Some(d) = gbt_date(&s[i..]) {
                    if d.date_parts.first().is_some_and(|p| p.len() >= 2) {
                        return (s[..i].trim(), Some(d));
                    }
                }
            }
        }
    }
    (s, None)
}

pub(super) fn set_year_suffix(item: &mut Item, y: &str) {
    let y = y.trim();
    if y.starts_with(['[', '［']) {
        // an estimated year in brackets is not a publication date
        return;
    }
    if let Ok((_, (yv, suf))) = lex::year_suffixed(y) {
        let mut d = Date::year(i32::from(yv));
        if let Some(c) = suf {
            d.raw = Some(format!("{yv}{c}"));
        }
        item.issued = Some(d);
    }
}

/// The marks of an undated item in the year position of an author-year
/// entry: `n.d.`, `s.d.`, `[出版年不详]`, `无日期` (after a separator).
pub(super) fn is_no_date(s: &str) -> bool {
    let s = s
        .trim_start_matches([',', '，'])
        .trim()
        .trim_matches(|c| matches!(c, '[' | ']' | '［' | '］' | '.'))
        .to_lowercase();
    matches!(
        s.as_str(),
        "n.d" | "nd" | "s.d" | "出版年不详" | "无日期" | "不详"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: &[i64]) -> Vec<DatePart> {
        v.iter().map(|&x| DatePart::Number(x)).collect()
    }

    #[test]
    fn date_parts_table() {
        let cases: [(&str, &str, Vec<Vec<DatePart>>); 8] = [
            ("2000-11-20", "", vec![n(&[2000, 11, 20])]),
            ("2000-11-20(15)", "(15)", vec![n(&[2000, 11, 20])]),
            ("2021", "", vec![n(&[2021])]),
            ("2021-04", "", vec![n(&[2021, 4])]),
            ("1980-1985", "", vec![n(&[1980]), n(&[1985])]),
            ("1957/1990", "", vec![n(&[1957]), n(&[1990])]),
            ("2013-13-01", "-13-01", vec![n(&[2013])]),
            ("2013(1)", "(1)", vec![n(&[2013])]),
        ];
        for (text, left, want) in cases {
            assert_eq!(date_parts(text), Ok((left, want)), "{text}");
        }
        assert!(date_parts("卷 1").is_err());
    }

    #[test]
    fn no_date_marks() {
        for s in [", n.d.", "，n.d", "[出版年不详]", "s.d."] {
            assert!(is_no_date(s), "{s}");
        }
        assert!(!is_no_date(", 2001"));
    }
}
