//! GB/T dates: `2000-11-20`, `[2025]`, access dates `[2025-02-28]`, years
//! with a suffix (`2008a`).

use super::lex;
use crate::csl::{Date, DatePart, Item};

/// A GB/T date `2000-11-20`, `2025`, `[2025]`: the date parts.
pub(super) fn gbt_date(s: &str) -> Option<Date> {
    let s = s
        .trim()
        .trim_matches(|c| matches!(c, '[' | ']' | '(' | ')' | '（' | '）' | '［' | '］'));
    let (rest, y) = lex::year(s).ok()?;
    let mut parts = vec![DatePart::Number(i64::from(y))];
    let mut rest = rest;
    for _ in 0..2 {
        let Some(r) = rest.strip_prefix('-') else {
            break;
        };
        let n: String = r.chars().take_while(char::is_ascii_digit).collect();
        if n.is_empty() {
            break;
        }
        parts.push(DatePart::Number(n.parse().unwrap_or(0)));
        rest = &r[n.len()..];
    }
    Some(Date {
        date_parts: vec![parts],
        ..Date::default()
    })
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
