//! The reference list: its heading, and its split into entries.
//!
//! A heading is a line of its own that names a reference section
//! (`References`, `Bibliography`, `Works Cited`, `参考文献`, `5. References`,
//! `## References`, `REFERENCES:` …). The entries after it are split by
//! their labels (`[1]`, `1.`, `1)`, `(1)`, `1 `) when the list is numbered,
//! otherwise by blank lines, or by lines when there are no blank lines
//! (an indented line continues the entry above it). The list ends at the
//! first paragraph that is not a reference (an appendix heading, say).
//!
//! This module holds the types of a list and its entry points ([`find`],
//! [`find_with`]), which try each heading and pick the splitter. The parts:
//!
//! - `heading`: which lines are reference-section (and notes) headings;
//! - `label`: entry labels (`[1]`, `1.` …) and bullets, as nom parsers;
//! - `lines`: the lines of the text and what each opens with;
//! - `clues`: what a paragraph reads like (a year, an entry, prose, an
//!   author as entries write one);
//! - `numbered`: splitting a numbered list at its labels;
//! - `unnumbered`: splitting an unnumbered list by paragraphs or lines;
//! - `headless`: a list that lost its heading;
//! - `strays`: entries a PDF's reading order put before the heading.

mod clues;
mod heading;
mod headless;
mod label;
mod lines;
mod numbered;
mod strays;
mod unnumbered;

pub(crate) use clues::{
    first_year, first_year_at, floor_boundary, glued_initials, is_combining, opens_like_author,
};
pub use heading::{heading_name, is_heading, is_heading_with, is_notes_heading};
pub use label::label;

use crate::source::Span;
use headless::headless;
use lines::{is_blank, lines_of, opener, trimmed, Line, Opener};
use numbered::split_numbered;
use strays::gather_strays;
use unnumbered::{one_entry_a_line, split_unnumbered};

/// How the entries of a list are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabelStyle {
    /// `[1]` (also `［1］`).
    Bracket,
    /// `1.`
    Dot,
    /// `1)`
    Paren,
    /// `(1)`
    Enclosed,
    /// `1 ` followed by the entry.
    Bare,
}

/// One entry of the reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The whole entry, label included, wrapped lines included.
    pub span: Span,
    /// The entry without its label.
    pub text_span: Span,
    /// The label's number, for a numbered list.
    pub label: Option<u32>,
    /// The label as written (`[1]`, `1.`).
    pub label_span: Option<Span>,
}

/// A line in the list that holds a bullet or a label and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmptyItem {
    /// The bullet or label.
    pub span: Span,
    /// A label's number, when it is a label.
    pub label: Option<u32>,
}

/// A reference section found in a manuscript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefList {
    /// The heading line.
    pub heading: Span,
    /// From the heading to the end of the last entry.
    pub span: Span,
    /// The label style, for a numbered list.
    pub style: Option<LabelStyle>,
    /// The entries in order.
    pub entries: Vec<Entry>,
    /// Bullets and labels with no entry text.
    pub empty_items: Vec<EmptyItem>,
}

/// Finds the reference list of `text`: the last heading followed by at
/// least one entry.
///
/// Headings are tried from the last one up. A heading that has no list
/// after it costs the lines read to find that out; once those add up to
/// more than twice the lines of the text (only a file built to be hostile,
/// with thousands of headings and label-only lines, gets there), the
/// search stops, so that the time stays linear in the size of the text.
pub fn find(text: &str) -> Option<RefList> {
    find_with(text, &[])
}

/// Like [`find`], with `extra` heading names that also count.
pub fn find_with(text: &str, extra: &[String]) -> Option<RefList> {
    let lines = lines_of(text, 0);
    // blank_between[j]: some three lines from j on are text, blank, text.
    let mut blank_between = vec![false; lines.len() + 1];
    for j in (0..lines.len().saturating_sub(2)).rev() {
        blank_between[j] = blank_between[j + 1]
            || (!is_blank(text, &lines[j])
                && is_blank(text, &lines[j + 1])
                && !is_blank(text, &lines[j + 2]));
    }
    let mut budget = 2 * lines.len() + 10_000;
    for (k, line) in lines.iter().enumerate().rev() {
        if !is_heading_with(line.span.slice(text), extra) {
            continue;
        }
        // A heading stands alone: the line before it is blank or absent.
        // (or ends a paragraph, in a text of one paragraph a line, as word
        // processors save it)
        if k > 0 && !is_blank(text, &lines[k - 1]) && lines[k - 1].span.len() > 60 {
            let before = lines[k - 1].span.slice(text).trim_end();
            if !before.ends_with(['.', '?', '!', ')', '。']) {
                continue;
            }
        }
        let (list, read) = split(text, *line, &lines[k + 1..], blank_between[k + 1]);
        if let Some(mut list) = list {
            gather_strays(text, &lines[..k], &mut list);
            return Some(list);
        }
        budget = budget.checked_sub(read + 1)?;
    }
    headless(text, &lines, &blank_between)
}

/// Splits the lines after `heading` into entries; also says how many lines
/// it read.
fn split(
    text: &str,
    heading: Line,
    lines: &[Line],
    has_blank_between: bool,
) -> (Option<RefList>, usize) {
    // The label style is that of the first line that opens with a label;
    // only lines before the first text paragraph are looked at.
    let mut style = None;
    let mut read = 0;
    for l in lines.iter() {
        read += 1;
        if is_blank(text, l) {
            continue;
        }
        match opener(text, l.span) {
            Opener::Label(_, s, _, _) => {
                style = Some(s);
                break;
            }
            Opener::LoneBullet(_) => continue,
            Opener::Text(_) => break,
        }
    }
    let mut list = RefList {
        heading: trimmed(text, heading.span),
        span: heading.span,
        style,
        entries: Vec::new(),
        empty_items: Vec::new(),
    };
    read += match style {
        Some(style) => split_numbered(text, lines, style, &mut list),
        None => {
            let by_paragraph = has_blank_between && !one_entry_a_line(text, lines);
            let mut read = split_unnumbered(text, lines, by_paragraph, &mut list);
            // Read as paragraphs, the list may be one block too long to be
            // an entry (one entry a line, names the check above does not
            // know): read it line by line instead.
            if by_paragraph && list.entries.is_empty() {
                list.empty_items.clear();
                read += split_unnumbered(text, lines, false, &mut list);
            }
            read
        }
    };
    if list.entries.is_empty() {
        return (None, read);
    }
    let last = list.entries.last().map_or(list.span.end, |e| e.span.end);
    list.span = Span::new(list.heading.start, last);
    (Some(list), read)
}

/// Adds the entry from `start` to `end` (its text from `text_start`) to
/// `list`, trimmed.
fn push_entry(
    text: &str,
    list: &mut RefList,
    start: usize,
    text_start: usize,
    end: usize,
    label: Option<(Span, u32)>,
) {
    let span = trimmed(text, Span::new(start, end));
    let text_span = trimmed(text, Span::new(text_start, end));
    list.entries.push(Entry {
        span,
        text_span,
        label: label.map(|l| l.1),
        label_span: label.map(|l| l.0),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entries `find` gives for `text`, with their labels.
    pub(super) fn entries(text: &str) -> Vec<(&str, Option<u32>)> {
        find(text)
            .map(|l| {
                l.entries
                    .iter()
                    .map(|e| (e.span.slice(text), e.label))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn no_heading_no_list() {
        assert!(find("Just text [1].\n").is_none());
        assert!(find("References\n\n").is_none());
    }
}
