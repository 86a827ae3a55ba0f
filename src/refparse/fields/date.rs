//! Date spans: year (with its `a`/`b` suffix), month and day, or a
//! literal (`n.d.`, `in press`).

use super::clean::{clean, is_edge_punct};
use crate::csl::{Date, DatePart};
use crate::refparse::{extras, lex};

/// Reads a date span: year (with `a`/`b` suffix), month, day; `n.d.`,
/// `in press`, `forthcoming` as literals.
pub fn parse_date(s: &str) -> Option<Date> {
    // a date wrapped over lines (`(in` + `press)`) reads as one
    let joined;
    let s = if s.contains(char::is_whitespace) {
        joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
        joined.as_str()
    } else {
        s
    };
    let lower = s.to_lowercase();
    // a full calendar date: "2020-01-05", "5 January 2020", "January 5, 2020"
    let inner = s.trim_matches(is_edge_punct);
    if let Ok((rest, parts)) = extras::date(inner) {
        if rest.trim_matches(is_edge_punct).is_empty() && parts.len() == 3 {
            return Some(Date {
                date_parts: vec![parts.into_iter().map(DatePart::Number).collect()],
                ..Date::default()
            });
        }
    }
    if let Some((_, y, suf)) = lex::find_year(s) {
        let mut parts = vec![DatePart::Number(i64::from(y))];
        if let Some(m) = month_of(&lower) {
            parts.push(DatePart::Number(m));
        }
        let mut d = Date {
            date_parts: vec![parts],
            ..Date::default()
        };
        if let Some(c) = suf {
            d.raw = Some(format!("{y}{c}"));
        }
        return Some(d);
    }
    for lit in [
        "n.d",
        "nd",
        "in press",
        "forthcoming",
        "submitted",
        "未出版",
        "s.d",
        "o.j",
    ] {
        if lower.contains(lit) {
            let mut l = clean(s, true);
            // "n.d." keeps its last dot, which the trimming took
            if l.len() >= 3
                && l.ends_with(|c: char| c.is_alphabetic())
                && l.chars().nth(1) == Some('.')
            {
                l.push('.');
            }
            return Some(Date {
                literal: Some(l),
                ..Date::default()
            });
        }
    }
    None
}

fn month_of(lower: &str) -> Option<i64> {
    const M: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    for w in lower.split(|c: char| !c.is_alphabetic()) {
        if w.len() >= 3 {
            if let Some(i) = M.iter().position(|m| w.starts_with(m)) {
                return Some(i as i64 + 1);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_wrapped_over_lines() {
        let d = parse_date("(in\npress)").unwrap();
        assert_eq!(d.literal.as_deref(), Some("in press"));
    }

    #[test]
    fn dates() {
        let d = parse_date("(2008a).").unwrap();
        assert_eq!(d.year_value(), Some(2008));
        assert_eq!(d.raw.as_deref(), Some("2008a"));
        let d = parse_date("September 2014").unwrap();
        assert_eq!(
            d.date_parts[0],
            vec![DatePart::Number(2014), DatePart::Number(9)]
        );
        assert_eq!(parse_date("n.d.").unwrap().literal.as_deref(), Some("n.d."));
        assert_eq!(
            parse_date("(2020, January 5).").unwrap().date_parts[0],
            vec![
                DatePart::Number(2020),
                DatePart::Number(1),
                DatePart::Number(5)
            ]
        );
        assert_eq!(parse_date("5 Jan. 2020").unwrap().date_parts[0].len(), 3);
        assert_eq!(
            parse_date("(in press)").unwrap().literal.as_deref(),
            Some("in press")
        );
        assert!(parse_date("xyz").is_none());
    }
}
