//! Date spans: year (with its `a`/`b` suffix), month and day, or a
//! literal (`n.d.`, `in press`).

use super::clean::{clean, is_edge_punct};
use crate::csl::{Date, DatePart};
use crate::refparse::model::label_index;
use crate::refparse::token::{Kind, Token};
use crate::refparse::{extras, lex};

/// Labels a year may carry when the model read no date at all: the
/// unlabelled rest and the fields a year is printed beside (a place, a
/// publisher) but never inside (a title, a volume, pages, a link, a note
/// such as `Accessed May 29, 2013`).
const YEAR_HOSTS: [&str; 4] = ["other", "genre", "location", "publisher"];

/// Words that make the date after them an access date, not the work's.
const ACCESS_WORDS: [&str; 5] = ["accessed", "retrieved", "viewed", "cited", "consulted"];

/// A year the model left in the unlabelled rest when it labelled no date
/// (`Preprint, arXiv:1306.5364, 2013.`, `Leipzig, 1889-96.`, `Cancer
/// Research, 51, 672-675, Jan. 15, 1991`): the last year-like word among
/// [`YEAR_HOSTS`] becomes the date. A reference without a year is a finding
/// in its own right (and breaks author-year links), so a printed year is
/// not left unread. Returns corrected labels when a change is needed.
pub(super) fn year_left_unlabelled(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    let date = label_index("date");
    if labels.contains(&date) {
        return None;
    }
    let hosts = YEAR_HOSTS.map(label_index);
    let k = (0..tokens.len().min(labels.len())).rev().find(|&k| {
        let t = &tokens[k];
        t.kind == Kind::Word
            && hosts.contains(&labels[k])
            && matches!(lex::year(t.text(src)), Ok(("", _)))
            && !tokens[k.saturating_sub(5)..k]
                .iter()
                .any(|w| ACCESS_WORDS.contains(&w.text(src).to_lowercase().as_str()))
    })?;
    let mut fixed = labels.to_vec();
    fixed[k] = date;
    Some(fixed)
}

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
    // `c2014`, `©2014`: the copyright year of a web page or program
    let s = match s.strip_prefix(['c', '©']) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
        _ => s,
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
    fn a_year_left_unlabelled_becomes_the_date() {
        let l = |n: &str| label_index(n);
        let src = "Dafermos, M. A scattering theory. Preprint, arXiv:1306.5364, 2013.";
        let toks = crate::refparse::token::tokenize(src);
        let at = |w: &str| toks.iter().rposition(|t| t.text(src) == w).unwrap();
        let mut labels = vec![l("other"); toks.len()];
        labels[0] = l("author");
        labels[at("scattering")] = l("title");
        let fixed = year_left_unlabelled(src, &toks, &labels).unwrap();
        assert_eq!(fixed[at("2013")], l("date"));
        assert_eq!(fixed.iter().filter(|&&x| x == l("date")).count(), 1);
        // a year inside the title or the volume stays where it is
        let src = "Census 2011. Report, vol. 1999.";
        let toks = crate::refparse::token::tokenize(src);
        let mut labels = vec![l("title"); toks.len()];
        let v = toks.iter().position(|t| t.text(src) == "1999").unwrap();
        labels[v] = l("volume");
        assert!(year_left_unlabelled(src, &toks, &labels).is_none());
        // an access date is not the work's
        let src = "United Nations. Human Rights. Accessed May 29, 2013. http://un.org/";
        let toks = crate::refparse::token::tokenize(src);
        let access = vec![l("other"); toks.len()];
        assert!(year_left_unlabelled(src, &toks, &access).is_none());
        // nothing to do when the model read a date
        labels[0] = l("date");
        assert!(year_left_unlabelled(src, &toks, &labels).is_none());
    }

    #[test]
    fn a_copyright_year_is_the_year() {
        for s in ["c2014 May", "©2014", "c2014"] {
            assert_eq!(
                parse_date(s).and_then(|d| d.year_value()),
                Some(2014),
                "{s}"
            );
        }
        assert!(parse_date("cited").is_none());
    }

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
