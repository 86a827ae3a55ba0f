//! Markdown manuscripts: which bytes are not prose.
//!
//! In a Markdown file, code (fenced and indented blocks, inline code), HTML
//! (comments, blocks, inline tags), link reference definitions and
//! autolinks are not prose: a `[5]` there is an array index, a commented
//! out draft or a URL, never a citation. [`non_prose`] finds those ranges
//! with a CommonMark parser (pulldown-cmark), and [`mask`] blanks them out
//! (every byte but line breaks becomes a space) so that the parsers, which
//! know nothing of Markdown, see no citation there while every byte offset
//! stays what it is in the file. [`crate::check_as`] does both, and
//! [`crate::fix::plan_with`] never writes inside such a range.
//!
//! ```
//! use citelint::markdown::{mask, non_prose};
//! let text = "See [1].\n\n```\nx[2] = 0;\n```\n\nAnd `a[3]` <!-- [4] -->.\n";
//! let spans = non_prose(text);
//! let masked = mask(text, &spans);
//! assert_eq!(masked.len(), text.len());
//! assert!(masked.contains("See [1]."));
//! assert!(!masked.contains("[2]") && !masked.contains("[3]") && !masked.contains("[4]"));
//! ```

use std::borrow::Cow;
use std::path::Path;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

use crate::source::Span;

/// How a manuscript is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Markup {
    /// Plain text: every byte is read.
    #[default]
    Plain,
    /// CommonMark: code, HTML, link reference definitions and autolinks
    /// are not read.
    Markdown,
}

/// Extensions of Markdown files (compared without regard to case).
pub const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "mkdn"];

impl Markup {
    /// The markup a file's name declares: Markdown for `.md`, `.markdown`
    /// (and the rarer `.mdown`, `.mkd`, `.mkdn`), plain text otherwise.
    pub fn from_path(path: &Path) -> Markup {
        let md = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            MARKDOWN_EXTENSIONS
                .iter()
                .any(|m| m.eq_ignore_ascii_case(e))
        });
        if md {
            Markup::Markdown
        } else {
            Markup::Plain
        }
    }
}

/// The byte ranges of `text`, read as CommonMark, that are not prose:
/// fenced and indented code blocks, inline code, HTML blocks, inline HTML
/// and HTML comments, link reference definitions, the labels of reference
/// links (`[text][2]`, `[2][]`) and autolinks. Sorted,
/// merged, on character boundaries.
pub fn non_prose(text: &str) -> Vec<Span> {
    let parser = Parser::new_ext(text, Options::empty()).into_offset_iter();
    let mut out: Vec<Span> = parser
        .reference_definitions()
        .iter()
        .map(|(_, def)| Span::new(def.span.start, def.span.end))
        .collect();
    for (event, range) in parser {
        let hidden = match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => true,
            Event::Start(Tag::Link { link_type, .. }) => match link_type {
                LinkType::Autolink | LinkType::Email => true,
                // `[text][2]`, `[2][]`: the label names a definition, it
                // cites nothing (the text before it is prose)
                LinkType::Reference | LinkType::Collapsed => {
                    let written = text.get(range.clone()).unwrap_or("");
                    if let Some(at) = written.rfind('[') {
                        out.push(Span::new(range.start + at, range.end));
                    }
                    false
                }
                _ => false,
            },
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => true,
            _ => false,
        };
        if hidden {
            out.push(Span::new(range.start, range.end));
        }
    }
    out.retain(|s| s.start < s.end && s.end <= text.len());
    out.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(out.len());
    for s in out {
        match merged.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => merged.push(s),
        }
    }
    merged
}

/// `text` with every byte inside `spans` but line breaks replaced by a
/// space: the same length, the same line breaks, valid UTF-8 (a character
/// is replaced by as many spaces as it has bytes).
pub fn mask<'a>(text: &'a str, spans: &[Span]) -> Cow<'a, str> {
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for s in spans {
        for b in &mut bytes[s.start.min(text.len())..s.end.min(text.len())] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Only whole characters were blanked (the spans lie on character
    // boundaries) and spaces are ASCII, so the bytes are UTF-8; a span
    // that did not would leave the text as it is rather than panic.
    match String::from_utf8(bytes) {
        Ok(s) => Cow::Owned(s),
        Err(_) => Cow::Borrowed(text),
    }
}

/// Whether `span` shares a byte with one of the sorted, disjoint `ranges`.
pub fn touches(ranges: &[Span], span: Span) -> bool {
    let k = ranges.partition_point(|r| r.end <= span.start);
    ranges
        .get(k)
        .is_some_and(|r| r.start < span.end.max(span.start + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The non-prose pieces of `text`, as written.
    fn pieces(text: &str) -> Vec<&str> {
        non_prose(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn code_comments_html_definitions_and_autolinks_are_found() {
        let table: &[(&str, &[&str])] = &[
            ("A [1].\n\n```\nx[5]\n```\n", &["```\nx[5]\n```"]),
            ("A [1].\n\n~~~ rust\n[5]\n~~~\n", &["~~~ rust\n[5]\n~~~"]),
            // (the indent is white space already)
            ("A [1].\n\n    a[5] = 0;\n", &["a[5] = 0;\n"]),
            ("A `[5-3]` and [1].\n", &["`[5-3]`"]),
            ("A ``x ` [5]`` b.\n", &["``x ` [5]``"]),
            ("A <!-- [7] --> b [1].\n", &["<!-- [7] -->"]),
            ("<!--\n[7]\n-->\n\nA [1].\n", &["<!--\n[7]\n-->\n"]),
            ("<div>\n[8]\n</div>\n\nA [1].\n", &["<div>\n[8]\n</div>\n"]),
            ("A <span>[2]</span> b.\n", &["<span>", "</span>"]),
            (
                "A [1].\n\n[1]: https://x.org/a[2]\n",
                &["[1]: https://x.org/a[2]"],
            ),
            ("See <https://x.org/[3]> now.\n", &["<https://x.org/[3]>"]),
            ("Mail <a@b.org> now.\n", &["<a@b.org>"]),
            (
                "A [site][2] and [2][] [1].\n\n[2]: /x\n",
                &["[2]", "[2]", "[2]: /x"],
            ),
            // prose stays prose: brackets, emphasis, lists, links
            ("A [1] *b* [2](x) and\n\n1. Smith J. 2001.\n", &[]),
        ];
        let mut wrong = Vec::new();
        for (text, want) in table {
            if pieces(text) != *want {
                wrong.push(format!("{text:?}: {:?}", pieces(text)));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn masking_keeps_offsets_and_line_breaks() {
        let text = "Ä `ü[5]` b\r\n```\n漢[6]\n```\n";
        let spans = non_prose(text);
        let masked = mask(text, &spans);
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked, "Ä         b\r\n   \n      \n   \n");
        assert_eq!(mask(text, &[]), text);
    }

    #[test]
    fn markup_follows_the_extension() {
        assert_eq!(Markup::from_path(Path::new("a/b.md")), Markup::Markdown);
        assert_eq!(Markup::from_path(Path::new("b.MARKDOWN")), Markup::Markdown);
        assert_eq!(Markup::from_path(Path::new("b.txt")), Markup::Plain);
        assert_eq!(Markup::from_path(Path::new("-")), Markup::Plain);
    }

    #[test]
    fn touching_is_sharing_a_byte() {
        let r = [Span::new(5, 10), Span::new(20, 30)];
        assert!(touches(&r, Span::new(9, 12)));
        assert!(touches(&r, Span::new(0, 6)));
        assert!(!touches(&r, Span::new(10, 20)));
        assert!(!touches(&r, Span::new(0, 5)));
        assert!(touches(&r, Span::new(7, 7)));
        assert!(!touches(&r, Span::new(10, 10)));
    }
}
