//! When in doubt, no error. In text read through the layout stage (PDF
//! text) a citation that finds no entry may well have one that the layout
//! could not split out: an entry merged into its neighbour across a column
//! break, a column of the list read into the middle of the body. An
//! unresolved-type finding is kept only when the work it names stands
//! nowhere else in the text: for `Smith et al., 2008` no `Smith` outside
//! the citations with `2008` soon after it; for `[19]` no line that opens
//! with the label 19. Likewise an entry is reported uncited only when its
//! citation is not in the text in a form the parsers did not read: its
//! first author with its year soon after, or (where superscripts were
//! flattened) its number glued to the end of a word, and only when it
//! reads as a reference at all (not a page number or a table caption that
//! the layout left in the list).

use crate::diagnostic::Diagnostic;
use crate::parse::reflist::{first_year, opens_like_author, RefList};
use crate::parse::{Manuscript, MarkerKind};
use crate::rules::Rule;
use crate::source::Span;

/// Whether `d`, an uncited-reference finding about an entry of `doc`, is
/// doubtful: the text outside the list cites the entry in a form the
/// parsers did not take for a citation. `markers` are the spans of its
/// markers.
pub(crate) fn is_doubtful_uncited(
    text: &str,
    d: &Diagnostic,
    doc: &Manuscript,
    markers: &[Span],
) -> bool {
    let Some(list) = &doc.list else {
        return false;
    };
    if d.rule != Rule::UncitedReference {
        return false;
    }
    let Some(entry) = list.entries.iter().find(|e| e.span == d.span) else {
        return false;
    };
    if !reads_as_entry(entry.text_span.slice(text)) {
        return true;
    }
    let outside =
        |at: usize| !in_list(list, at) && !markers.iter().any(|m| m.start <= at && at < m.end);
    match entry.label {
        Some(n) => {
            doc.markers.iter().any(|m| m.kind == MarkerKind::Flattened)
                && glued_number(text, n, &outside)
        }
        None => {
            let body = entry.text_span.slice(text);
            let name: String = body
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
                .collect();
            let Some(year) = first_year(body) else {
                return false;
            };
            name.chars().count() >= 2
                && text.match_indices(name.as_str()).any(|(at, _)| {
                    let mut end = (at + 80).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    outside(at) && text[at..end].contains(&year.to_string())
                })
        }
    }
}

/// Whether an entry's text (without its label) reads as a reference at
/// all: some words, and a year or an author opening and more. What the layout left
/// in a list from around it (a page number, a footnote's number, a table
/// caption, an address cut off its entry) is no work to report uncited.
fn reads_as_entry(body: &str) -> bool {
    let body = body.trim();
    let words = body.split_whitespace().count();
    let dated = first_year(body).is_some()
        || ["n.d.", "in press", "forthcoming", "no date"]
            .iter()
            .any(|w| body.contains(w));
    // an undated entry must say more than a place does
    words >= 4 && (dated || words >= 8 && opens_like_author(body)) && !is_caption(body)
}

/// Whether text opens as a table or figure caption: `Table 6 Uniqueness`.
fn is_caption(body: &str) -> bool {
    let mut w = body.split_whitespace();
    matches!(
        w.next(),
        Some("Table" | "Figure" | "Fig." | "TABLE" | "FIGURE")
    ) && w.next().is_some_and(|n| {
        n.trim_end_matches(['.', ':'])
            .chars()
            .all(|c| c.is_ascii_digit())
    })
}

/// Whether byte `at` is inside the list or one of its entries.
fn in_list(list: &RefList, at: usize) -> bool {
    (list.heading.start <= at && at < list.span.end)
        || list
            .entries
            .iter()
            .any(|e| e.span.start <= at && at < e.span.end)
}

/// Whether `n` stands in the text as a superscript flattened onto a word
/// would: right after a letter or a closing mark, or after a space at a
/// sentence's end, and not part of a longer number.
fn glued_number(text: &str, n: u32, outside: &dyn Fn(usize) -> bool) -> bool {
    let digits = n.to_string();
    let b = text.as_bytes();
    text.match_indices(digits.as_str()).any(|(at, _)| {
        let end = at + digits.len();
        let before = at.checked_sub(1).map(|k| b[k]);
        let after = b.get(end).copied();
        let whole = !before.is_some_and(|c| c.is_ascii_digit())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric());
        let decimal =
            matches!(after, Some(b'.' | b',')) && b.get(end + 1).is_some_and(u8::is_ascii_digit);
        let glued = before
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b')' | b'.' | b','))
            || before == Some(b' ') && matches!(after, Some(b'.' | b',' | b';'));
        whole && !decimal && glued && outside(at)
    })
}

/// Whether `d` is an unresolved-type finding whose work the text holds
/// outside the `markers` after all.
pub(crate) fn is_doubtful(text: &str, d: &Diagnostic, markers: &[Span]) -> bool {
    if !matches!(
        d.rule,
        Rule::UnresolvedCitation | Rule::YearMismatch | Rule::AuthorMismatch
    ) {
        return false;
    }
    let cited = d.span.slice(text);
    let numbers: Vec<u32> = cited
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let starts_upper = cited
        .trim_start_matches(['(', '['])
        .starts_with(char::is_uppercase);
    if starts_upper {
        let name: String = cited
            .trim_start_matches(['(', '['])
            .chars()
            .take_while(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            .collect();
        let year = numbers.iter().copied().find(|n| (1500..2100).contains(n));
        return year.is_some_and(|y| named_with_year(text, &name, y, markers));
    }
    !numbers.is_empty()
        && numbers.len() <= 30
        && expand(&numbers, cited)
            .iter()
            .all(|&n| labelled_line(text, n))
}

/// The numbers a numeric marker cites, a written range expanded.
fn expand(numbers: &[u32], cited: &str) -> Vec<u32> {
    match numbers {
        [a, b] if cited.contains(['-', '–']) && a < b && b - a <= 30 => (*a..=*b).collect(),
        _ => numbers.to_vec(),
    }
}

/// Whether `name` stands outside every marker with `year` within 300
/// bytes after it.
fn named_with_year(text: &str, name: &str, year: u32, markers: &[Span]) -> bool {
    if name.chars().count() < 2 {
        return false;
    }
    let year = year.to_string();
    text.match_indices(name).any(|(at, _)| {
        let inside = markers.iter().any(|m| m.start <= at && at < m.end);
        let mut end = (at + 300).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        !inside && text[at..end].contains(&year)
    })
}

/// Whether a line of the text opens with `n` as an entry's label (`19.`,
/// `[19]`, `19 ` before a capital).
fn labelled_line(text: &str, n: u32) -> bool {
    let forms = [format!("\n{n}. "), format!("\n[{n}] "), format!("\n{n} ")];
    forms.iter().any(|f| {
        text.match_indices(f.as_str()).any(|(at, _)| {
            text[at + f.len()..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unresolved(text: &str, cited: &str) -> Diagnostic {
        let at = text.find(cited).unwrap();
        Diagnostic::new(
            Rule::UnresolvedCitation,
            Span::new(at, at + cited.len()),
            "x",
        )
    }

    #[test]
    fn a_work_the_text_holds_elsewhere_is_doubtful() {
        let text = "As shown (Smith et al., 2008) and [19].\n\nOther column.\n\n19. Lee K. A title. 2001.\n\nSmith J, Brown K. 2008. Merged entry.";
        let markers = [Span::new(9, 29), Span::new(34, 38)];
        assert!(is_doubtful(
            text,
            &unresolved(text, "Smith et al., 2008"),
            &markers
        ));
        assert!(is_doubtful(text, &unresolved(text, "[19]"), &markers));
    }

    #[test]
    fn a_work_found_nowhere_is_an_error() {
        let text = "As shown (Smith et al., 2008) and [19] and (Smith 2010).\n\nReferences\n\n1. Lee K. 2001.";
        let markers = [Span::new(9, 29), Span::new(34, 38), Span::new(43, 55)];
        assert!(!is_doubtful(
            text,
            &unresolved(text, "Smith et al., 2008"),
            &markers
        ));
        assert!(!is_doubtful(text, &unresolved(text, "[19]"), &markers));
        let other = Diagnostic::new(Rule::UncitedReference, Span::new(0, 2), "x");
        assert!(!is_doubtful(text, &other, &markers));
    }
}

#[cfg(test)]
mod entry_tests {
    use super::*;

    #[test]
    fn what_reads_as_an_entry() {
        for s in [
            "Lee K. A title. Cell 1: 2. 2001.",
            "James K. Baker. 1979. Trainable grammars.",
            "Smith J, Brown K. A work in press.",
        ] {
            assert!(reads_as_entry(s), "{s}");
        }
        for s in [
            "12",
            "Harvard University, Cambridge, Massachusetts.",
            "Table 6 Uniqueness of individual subcorpora in 2004",
            "Follow-Up Assignment",
        ] {
            assert!(!reads_as_entry(s), "{s}");
        }
    }
}
