//! Page furniture: the running heads and feet, page numbers and
//! `Downloaded from …` lines that a PDF repeats on its pages and that
//! `pdftotext` writes into the text at every page break.
//!
//! The evidence is repetition. A line near the top or the bottom of a page
//! whose shape (digits folded, case folded, white space collapsed) stands
//! near the edge of other pages too is furniture; a line is never removed
//! on its shape alone, except a `Downloaded from` line, which no manuscript
//! writes as text.

use std::collections::HashMap;

use super::Line;

/// How many non-blank lines from each edge of a page can be furniture.
const EDGE: usize = 4;

/// The shape two copies of a running head or foot share: digits folded
/// (page numbers), case and white space folded, and a trailing ellipsis
/// dropped (a title cut to fit).
fn shape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut digit = false;
    for c in line.trim().trim_end_matches(['…', '.']).chars() {
        if c.is_ascii_digit() {
            if !digit {
                out.push('#');
            }
            digit = true;
            continue;
        }
        digit = false;
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether a line is a download stamp (`Downloaded from https://… on 3 May
/// 2020`), which publishers print down the margin of every page.
fn is_stamp(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("Downloaded from ") || t.starts_with("Downloaded by ")
}

/// Marks the furniture among `lines`: `true` for a line to remove.
pub(super) fn find(text: &str, lines: &[Line]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    for (k, l) in lines.iter().enumerate() {
        if is_stamp(l.span.slice(text)) {
            out[k] = true;
        }
    }
    let pages = lines.last().map_or(0, |l| l.page + 1);
    if pages < 2 {
        return out;
    }
    // The lines near the edges of each page.
    let mut edges: Vec<usize> = Vec::new();
    let mut by_page: Vec<Vec<usize>> = vec![Vec::new(); pages];
    for (k, l) in lines.iter().enumerate() {
        if !l.blank {
            by_page[l.page].push(k);
        }
    }
    for page in &by_page {
        if page.len() <= 2 * EDGE {
            edges.extend(page);
        } else {
            edges.extend(&page[..EDGE]);
            edges.extend(&page[page.len() - EDGE..]);
        }
    }
    // On how many pages each shape stands near an edge.
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new(); // shape -> (pages, last page)
    let shapes: Vec<(usize, String)> = edges
        .iter()
        .map(|&k| (k, shape(lines[k].span.slice(text))))
        .filter(|(_, s)| !s.is_empty() && s.len() <= 200)
        .collect();
    for (k, s) in &shapes {
        let page = lines[*k].page;
        let e = seen.entry(s.clone()).or_insert((0, usize::MAX));
        if e.1 != page {
            e.0 += 1;
            e.1 = page;
        }
    }
    let needed = if pages <= 4 { 2 } else { 3.max(pages * 3 / 10) };
    for (k, s) in &shapes {
        if seen.get(s).is_some_and(|&(n, _)| n >= needed) && !is_prose(lines[*k].span.slice(text)) {
            out[*k] = true;
        }
    }
    out
}

/// A line of running prose, which furniture never is: it ends a sentence
/// mid-line or holds more than twenty words.
fn is_prose(line: &str) -> bool {
    line.split_whitespace().count() > 20
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_fold_page_numbers_and_cut_titles() {
        assert_eq!(shape(" 12 of 28 "), "# of #");
        assert_eq!(
            shape("Prolonged transition time…"),
            "prolonged transition time"
        );
        assert_eq!(
            shape("Smith et al.  Journal 2014;3:e01234"),
            "smith et al. journal #;#:e#"
        );
        assert_eq!(shape("7"), "#");
    }

    #[test]
    fn stamps() {
        assert!(is_stamp(
            "Downloaded from https://academic.oup.com/ on 3 May 2020"
        ));
        assert!(!is_stamp("We downloaded from the archive"));
    }
}
