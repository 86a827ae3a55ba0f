//! Titles that hold more than the title: an edition statement, an APA 7
//! bracketed description of the work, a quoted title followed by where it
//! appeared, an `In` container.

use super::clean::clean;
use crate::refparse::lex;

/// An edition run that holds the title too (`Ocean Tides, 2nd ed., 340
/// pp.`): the title before the edition statement, the statement, and what
/// follows it (`340 pp`), kept for the note.
pub(super) fn title_before_edition(edition: &str) -> Option<(String, String, Option<String>)> {
    let (at, rest, phrase) = edition.char_indices().find_map(|(k, c)| {
        let starts_word = k > 0 && c.is_ascii_digit() && edition[..k].ends_with([' ', '(']);
        starts_word.then(|| {
            lex::edition_phrase(&edition[k..])
                .ok()
                .map(|(r, p)| (k, r, p))
        })?
    })?;
    let title = clean(&edition[..at], true);
    let rest = Some(clean(rest, true)).filter(|r| !r.is_empty());
    title
        .chars()
        .any(char::is_alphabetic)
        .then(|| (title, phrase.to_string(), rest))
}

/// Words that open an APA 7 bracketed description of the kind of work.
pub(super) const DESCRIPTIONS: [&str; 16] = [
    "doctoral dissertation",
    "master's thesis",
    "master’s thesis",
    "thesis",
    "dissertation",
    "data set",
    "dataset",
    "computer software",
    "software",
    "preprint",
    "unpublished manuscript",
    "technical report",
    "report",
    "video",
    "conference presentation",
    "poster presentation",
];

/// An APA 7 title that ends in a description of the work (`Parsing
/// references [Doctoral dissertation, University of Oxford]`, `Survey
/// results [Data set]`): the title, the description, and the body after
/// its comma (the university of a thesis). The closing bracket may already
/// be cleaned off.
pub(super) fn bracket_description(title: &str) -> Option<(String, String, Option<String>)> {
    let open = title.rfind('[')?;
    let inner = title[open + 1..].trim_end().trim_end_matches(']');
    let known = describes_work(inner);
    let head = clean(&title[..open], true);
    if !known || inner.contains('[') || head.is_empty() {
        return None;
    }
    let (what, by) = match inner.split_once(',') {
        Some((w, b)) => (w, Some(clean(b, true)).filter(|b| !b.is_empty())),
        None => (inner, None),
    };
    Some((head, clean(what, true), by))
}

/// Whether the inside of a bracket opens with a description of the kind
/// of work (`Doctoral dissertation, University of Oxford`, `Data set`).
pub(super) fn describes_work(inner: &str) -> bool {
    let lower = inner.trim_start().to_lowercase();
    DESCRIPTIONS.iter().any(|d| {
        lower
            .strip_prefix(d)
            .is_some_and(|r| r.is_empty() || r.starts_with([',', ' ', ';']))
    })
}

/// A quoted title followed by more text: (`Title?`, `In Book …`).
pub(super) fn split_quoted_title(t: &str) -> Option<(String, String)> {
    // (‘ ’ are left out: ’ is also the apostrophe)
    let (open, close) = [('“', '”'), ('"', '"'), ('«', '»')]
        .into_iter()
        .find(|(o, _)| t.starts_with(*o))?;
    let inner_start = open.len_utf8();
    let q = t[inner_start..].find(close)? + inner_start;
    let rest = t[q + close.len_utf8()..]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ':'));
    if rest.is_empty() {
        return None;
    }
    Some((clean(&t[..q + close.len_utf8()], true), rest.to_string()))
}

/// A title that swallowed its book: `Dog, in Evolution of Domesticated
/// Animals, ed Mason I. L.` → (`Dog`, `Evolution of Domesticated Animals`).
/// Only a `, in ` followed by a capitalised word counts, and an `ed`/`eds`
/// part after the book title is dropped.
pub(super) fn split_in_container(t: &str) -> Option<(String, String)> {
    let (i, n) = [", in ", ". In: ", ". In "]
        .iter()
        .filter_map(|p| t.find(p).map(|i| (i, p.len())))
        .min()?;
    let book = &t[i + n..];
    if !book.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let end = [
        ", eds ",
        ", ed ",
        ", eds. ",
        ", ed. ",
        ", edited by ",
        " (eds",
        " (ed",
        ", pp",
    ]
    .iter()
    .filter_map(|p| book.find(p))
    .min()
    .unwrap_or(book.len());
    let book = clean(&book[..end], true);
    let title = clean(&t[..i], true);
    (!book.is_empty() && !title.is_empty()).then_some((title, book))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edition_run_holding_the_title() {
        assert_eq!(
            title_before_edition("Ocean Tides, 2nd ed., 340 pp"),
            Some((
                "Ocean Tides".to_string(),
                "2nd ed.".to_string(),
                Some("340 pp".to_string())
            ))
        );
        assert_eq!(title_before_edition("2nd ed."), None);
        assert_eq!(title_before_edition("3rd edn"), None);
    }

    #[test]
    fn apa_bracket_descriptions() {
        assert_eq!(
            bracket_description("Parsing references [Doctoral dissertation, University of Oxford"),
            Some((
                "Parsing references".to_string(),
                "Doctoral dissertation".to_string(),
                Some("University of Oxford".to_string())
            ))
        );
        assert_eq!(
            bracket_description("Survey of birds [Data set]"),
            Some(("Survey of birds".to_string(), "Data set".to_string(), None))
        );
        // not a description of the work
        assert_eq!(bracket_description("On the [3H]thymidine uptake"), None);
        assert_eq!(bracket_description("Les Misérables [The Wretched]"), None);
        assert_eq!(bracket_description("[Video]"), None);
    }

    #[test]
    fn in_container_split() {
        assert_eq!(
            split_in_container("Dog, in Evolution of Domesticated Animals, ed Mason I. L."),
            Some((
                "Dog".to_string(),
                "Evolution of Domesticated Animals".to_string()
            ))
        );
        assert_eq!(split_in_container("Apoptosis, in vitro and in vivo"), None);
        assert_eq!(
            split_in_container(
                "Immunoglobulins in milk. In Mucosal immunology, 3rd edn (eds J Mestecky)"
            ),
            Some((
                "Immunoglobulins in milk".to_string(),
                "Mucosal immunology, 3rd edn".to_string()
            ))
        );
    }
}
