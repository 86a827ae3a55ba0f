//! The layout stage: from the text as read to the logical text the parsers
//! see.
//!
//! Text pulled out of a PDF (`pdftotext`) is not written as a manuscript
//! is: every line of a paragraph ends in a hard break, words are hyphenated
//! at line ends, the running head and foot and the page number of every
//! page stand in the middle of sentences and reference entries, and the
//! entries of the reference list follow each other with no blank line.
//! This stage rebuilds what the author wrote: page furniture out (see
//! [`furniture`]), hyphenated words joined when the hyphen is a line break
//! and kept when it belongs to the word (`non-linear`, `COVID-19`),
//! ligatures read as letters, the lines of a paragraph joined with a space,
//! paragraphs and reference entries (see [`entries`]) separated by a blank
//! line, as in a clean manuscript.
//!
//! It keeps an [`OffsetMap`], so every span found in the logical text is
//! reported at the exact bytes of the file. Text that is not laid out in
//! pages and hard-wrapped lines (a manuscript as written, a word processor's
//! one paragraph a line) is left alone: [`lay_out`] returns `None` and the
//! parsers read the file itself.

pub(crate) mod doubt;
mod entries;
mod furniture;
pub mod map;
pub(crate) mod remap;

use std::collections::HashMap;

pub use map::OffsetMap;

use crate::parse::reflist::{first_year, is_heading_with};
use crate::source::Span;

/// The logical text of a laid-out manuscript and its map back to the file.
#[derive(Debug, Clone)]
pub struct Layout {
    /// What the parsers read.
    pub text: String,
    /// Logical spans back to spans of the file.
    pub map: OffsetMap,
}

/// A line of the text as read.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// Content without the line ending (nor a form feed).
    span: Span,
    /// The page (form feeds counted) it stands on.
    page: usize,
    /// Whether it holds nothing but white space.
    blank: bool,
}

fn lines_of(text: &str) -> Vec<Line> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut page = 0;
    while start <= b.len() {
        let end =
            memchr::memchr3(b'\n', b'\r', b'\x0c', &b[start..]).map_or(b.len(), |o| start + o);
        let span = Span::new(start, end);
        out.push(Line {
            span,
            page,
            blank: span.slice(text).trim().is_empty(),
        });
        if end >= b.len() {
            break;
        }
        start = match b[end] {
            b'\r' if b.get(end + 1) == Some(&b'\n') => end + 2,
            b'\x0c' => {
                page += 1;
                end + 1
            }
            _ => end + 1,
        };
    }
    out
}

/// Whether `lines` are laid out in pages or hard-wrapped like PDF text:
/// form feeds between pages, or long runs of short lines with hardly a
/// blank line between them. A manuscript as written (paragraphs a line
/// each, or wrapped paragraphs with blank lines between them) is not.
fn is_laid_out(text: &str, lines: &[Line]) -> bool {
    if text.contains('\x0c') {
        return true;
    }
    let full: Vec<&Line> = lines.iter().filter(|l| !l.blank).collect();
    if full.len() < 40 {
        return false;
    }
    let followed = lines
        .windows(2)
        .filter(|w| !w[0].blank && !w[1].blank)
        .count();
    let blocks = lines
        .windows(2)
        .filter(|w| !w[0].blank && w[1].blank)
        .count()
        + 1;
    let mut lengths: Vec<usize> = full.iter().map(|l| l.span.len()).collect();
    lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    followed * 4 >= full.len() * 3 && full.len() >= 6 * blocks && median <= 110
}

/// The logical text of `text`, or `None` when `text` is not laid out in
/// pages or wrapped lines and is read as it is. `headings` are extra names
/// of reference sections (from the configuration).
pub fn lay_out(text: &str, headings: &[String]) -> Option<Layout> {
    let lines = lines_of(text);
    if !is_laid_out(text, &lines) {
        return None;
    }
    let furniture = furniture::find(text, &lines);
    let kept: Vec<usize> = (0..lines.len())
        .filter(|&k| !lines[k].blank && !furniture[k])
        .collect();
    if kept.is_empty() {
        return None;
    }
    let body: Vec<&str> = kept
        .iter()
        .map(|&k| lines[k].span.slice(text).trim())
        .collect();
    let width = {
        let mut w: Vec<usize> = body.iter().map(|l| l.chars().count()).collect();
        w.sort_unstable();
        w[w.len() / 2].max(20)
    };
    let words = Words::of(text);
    // Without pages a blank line is the author's own paragraph break; in
    // PDF text it may be a column or page break inside a paragraph.
    let paged = text.contains('\x0c');
    // The reference list: after the last line that names one.
    let list_from = body
        .iter()
        .rposition(|l| is_heading_with(l, headings))
        .map(|h| h + 1);
    let mut starts = entries::strays(&body[..list_from.unwrap_or(body.len())]);
    let mut numbered = false;
    if let Some(from) = list_from {
        starts.extend(entries::starts(&body[from..]));
        numbered = entries::numbered(&body[from..]);
    }
    let is_start = |i: usize| starts[i];
    // for each line, the bytes from it to the next entry start (or the end)
    let mut to_next_start = vec![0; body.len() + 1];
    for i in (0..body.len()).rev() {
        to_next_start[i] = if starts[i] {
            0
        } else {
            to_next_start[i + 1] + body[i].len() + 1
        };
    }

    let mut b = map::Builder::new(text);
    let first = lines[kept[0]].span.start + leading_space(lines[kept[0]].span.slice(text));
    if furniture[..kept[0]].contains(&true) {
        b.replace(0, first, "");
    }
    // whether the paragraph being built is an entry whose year has not
    // come yet (it then goes on across a blank line or a page break)
    let mut undated_entry = false;
    // whether the paragraph being built opened as an entry
    let mut in_entry = false;
    for (i, &k) in kept.iter().enumerate() {
        if is_start(i) {
            undated_entry = true;
            in_entry = true;
        }
        if undated_entry && first_year(body[i]).is_some() {
            undated_entry = false;
        }
        let line = lines[k].span;
        let raw = line.slice(text);
        let content_start = line.start + leading_space(raw);
        let content_end = line.start + raw.trim_end().len();
        let Some(&next_k) = kept.get(i + 1) else {
            letters(&mut b, text, content_start, content_end);
            let rest = &text[content_end..];
            if furniture[k..].contains(&true) {
                b.replace(
                    content_end,
                    text.len(),
                    if rest.contains('\n') { "\n" } else { "" },
                );
            }
            break;
        };
        let next = lines[next_k].span;
        let next_start = next.start + leading_space(next.slice(text));
        let gap = if lines[k + 1..next_k].iter().any(|l| l.blank)
            || furniture[k + 1..next_k].contains(&true)
        {
            Gap::Blank
        } else {
            Gap::Line
        };
        let join = decide(
            &Pair {
                a: body[i],
                b: body[i + 1],
                gap,
                width,
                in_list: list_from.is_some_and(|f| i + 1 >= f),
                numbered,
                b_starts_entry: is_start(i + 1),
                b_is_list_heading: list_from == Some(i + 2),
                a_is_list_heading: list_from == Some(i + 1),
                in_undated_entry: undated_entry,
                paged,
                in_entry,
                after_b: body.get(i + 2).copied(),
                b_run: body[i + 1].len() + 1 + to_next_start[i + 2],
            },
            &words,
        );
        if join == Join::Break {
            in_entry = false;
        }
        let (cut, with) = match join {
            Join::Break => (content_end, "\n\n"),
            Join::Space => (content_end, " "),
            Join::Glue => (content_end, ""),
            Join::DropHyphen(n) => (content_end - n, ""),
        };
        letters(&mut b, text, content_start, cut);
        b.replace(cut, next_start, with);
    }
    let (logical, map) = b.finish();
    Some(Layout { text: logical, map })
}

fn leading_space(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// Reads ligatures and presentation forms as letters, and hyphens the PDF
/// wrote as U+2010 (or soft hyphens) as plain ones, in `text[from..to]`.
fn letters(b: &mut map::Builder, text: &str, from: usize, to: usize) {
    let s = &text[from..to];
    if s.is_ascii() {
        return;
    }
    for (i, c) in s.char_indices() {
        let with = match c {
            'ﬀ' => "ff",
            'ﬁ' => "fi",
            'ﬂ' => "fl",
            'ﬃ' => "ffi",
            'ﬄ' => "ffl",
            'ﬅ' | 'ﬆ' => "st",
            '\u{2010}' | '\u{2011}' => "-",
            '\u{ad}' => "",
            _ => continue,
        };
        b.replace(from + i, from + i + c.len_utf8(), with);
    }
}

/// What separates two kept lines in the text as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// One line break.
    Line,
    /// Blank lines or page furniture (a column or page break).
    Blank,
}

/// How two lines are joined in the logical text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// A new paragraph (or reference entry): a blank line.
    Break,
    /// The same paragraph: a space.
    Space,
    /// The same word or number: nothing (`54–` + `70`, `10.1016/` + `j.x`).
    Glue,
    /// A word hyphenated at the line end: the hyphen (this many bytes)
    /// goes.
    DropHyphen(usize),
}

/// Two neighbouring lines and what is known about them.
struct Pair<'a> {
    a: &'a str,
    b: &'a str,
    gap: Gap,
    /// The median line length of the text, in characters.
    width: usize,
    /// Whether `b` is in the reference list.
    in_list: bool,
    /// Whether an entry of the reference list starts at `b`.
    b_starts_entry: bool,
    /// Whether the reference list is numbered.
    numbered: bool,
    /// Whether `b` is the reference list's heading.
    b_is_list_heading: bool,
    /// Whether `a` is the reference list's heading.
    a_is_list_heading: bool,
    /// The line after `b`.
    after_b: Option<&'a str>,
    /// Whether `a` ends a piece of a reference entry that has no year yet.
    in_undated_entry: bool,
    /// Whether the text is laid out in pages (form feeds).
    paged: bool,
    /// Whether the paragraph being built opened as a reference entry.
    in_entry: bool,
    /// How many bytes run from `b` to the next line that opens an entry.
    b_run: usize,
}

fn decide(p: &Pair, words: &Words) -> Join {
    if p.a_is_list_heading
        || p.b_is_list_heading
        || p.b_starts_entry
        || !p.paged && p.gap == Gap::Blank
    {
        return Join::Break;
    }
    if p.in_list {
        // In the list only entry starts and the sections after it break:
        // a one-word line there (`Mar`, `26`) is an entry's loose end.
        if is_back_matter(p.b) || after_finished_entry(p) {
            return Join::Break;
        }
        return match word_join(p.a, p.b, words) {
            Join::Space if continues_address(p.a, p.b) => Join::Glue,
            j => j,
        };
    }
    // outside the list (an entry printed above its heading by the column
    // order, a data statement), an address is carried on only where it
    // cannot have ended
    let join = |p: &Pair| match word_join(p.a, p.b, words) {
        Join::Space if continues_address(p.a, p.b) && ends_open(p.a) => Join::Glue,
        j => j,
    };
    if p.in_undated_entry && !is_back_matter(p.b) {
        return join(p);
    }
    // a line of an entry (`Nielson L, Smyth G. 1991. Hemacytometer`) is no
    // heading, whatever follows it
    let a_heads = !p.in_entry && is_heading(p.a, "", Some(p.b));
    if is_heading(p.b, p.a, p.after_b) || a_heads || ends_paragraph(p) {
        return Join::Break;
    }
    join(p)
}

/// Whether `b`, after a page or column break, is other text than the rest
/// of the entry `a` ends: the entry has its year and ended (a PMID, an
/// address, a page number and a full stop), and `b` runs on as prose (a
/// lower-case word and more) or runs long before the next entry opens (an
/// acknowledgement set beside the list).
fn after_finished_entry(p: &Pair) -> bool {
    // in a numbered list only labels open entries, and text between them is
    // left to the list reader
    if p.gap != Gap::Blank || p.in_undated_entry || continues_address(p.a, p.b) {
        return false;
    }
    let mut tokens = p.a.split_whitespace().rev();
    let last = tokens.next().unwrap_or("");
    let before = tokens.next().unwrap_or("");
    let ended = before == "PMID:" && last.chars().all(|c| c.is_ascii_digit())
        || (last.contains("doi.org/") || last.starts_with("10."))
            && last.ends_with(char::is_alphanumeric)
        || last.ends_with('.') && last[..last.len() - 1].ends_with(|c: char| c.is_ascii_digit());
    let prose = p.b.starts_with(char::is_lowercase) && p.b.split_whitespace().count() >= 4;
    // (in a numbered list a short piece is left to the list reader: it may
    // be the tail of an entry read elsewhere)
    ended && (prose && !p.numbered || p.b_run > 600)
}

/// Whether a line ends with a sentence's last mark (closing quotes and
/// brackets after it allowed).
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(['"', '”', '’', '\'', ')']);
    t.ends_with(['.', '?', '!', '。', '！', '？'])
}

/// Whether the paragraph ends after `a`: a short last line that ends a
/// sentence, before a line that opens one; or a blank line or page break
/// after a sentence's end.
fn ends_paragraph(p: &Pair) -> bool {
    if !ends_sentence(p.a) {
        return false;
    }
    let opens = p.b.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '[')
    });
    match p.gap {
        Gap::Blank => opens,
        Gap::Line => {
            opens && p.a.chars().count() * 4 < p.width * 3 && p.a.split_whitespace().count() >= 3
        }
    }
}

/// Whether `line` is a heading: short, not ending in a mark that continues
/// a sentence, opening with a capital or a section number, after a line
/// that ended a sentence (or nothing) and before one that opens with a
/// capital.
fn is_heading(line: &str, before: &str, after: Option<&str>) -> bool {
    let n_words = line.split_whitespace().count();
    if line.chars().count() > 60 || n_words == 0 || n_words > 8 {
        return false;
    }
    if line.ends_with([',', ';', ':', '-', '‐', '–', '—', '(', '&', '.']) || line.ends_with(" and")
    {
        return false;
    }
    let first = line.chars().next().unwrap_or(' ');
    let numbered = first.is_ascii_digit()
        && line.split_once(' ').is_some_and(|(n, rest)| {
            n.len() <= 6
                && n.chars().all(|c| c.is_ascii_digit() || c == '.')
                && rest.starts_with(char::is_uppercase)
        });
    if !(first.is_uppercase() || numbered) {
        return false;
    }
    // a line of lower-case words is a sentence's last words
    let lower = line
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase) && w.len() > 4)
        .count();
    if lower * 2 > n_words {
        return false;
    }
    // the line after a heading opens a paragraph: a capital, and more than
    // one word (loosely justified lines come out a word a line)
    (before.is_empty() || ends_sentence(before))
        && after.is_none_or(|a| {
            a.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                && a.chars().count() >= 20
        })
}

/// Whether a line heads what follows a reference list: acknowledgements,
/// an appendix, figure legends and the like, or a figure or table caption.
fn is_back_matter(line: &str) -> bool {
    const NAMES: &[&str] = &[
        "appendix",
        "appendices",
        "acknowledgements",
        "acknowledgments",
        "acknowledgement",
        "acknowledgment",
        "supporting information",
        "supplementary material",
        "supplementary materials",
        "supplementary information",
        "figure legends",
        "figures",
        "tables",
        "author contributions",
        "authors' contributions",
        "funding",
        "competing interests",
        "conflict of interest",
        "abbreviations",
        "footnotes",
        "ethics",
        "data accessibility",
        "data availability",
    ];
    let t = line.trim().trim_end_matches([':', '.']);
    let lower = t.to_lowercase();
    if NAMES.contains(&lower.as_str()) {
        return true;
    }
    let first = lower.split([' ', '.']).next().unwrap_or("");
    let caption = matches!(first, "figure" | "fig" | "table")
        && t[first.len()..]
            .trim_start_matches('.')
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase());
    (lower.starts_with("appendix ") && t.len() < 60)
        || caption && t.len() < 200 && t[..first.len()].starts_with(char::is_uppercase)
}

/// Whether `b` carries on the DOI or URL `a` ends with (`doi:10.1016/j.cell.`
/// then `2015.02.020`): `a` ends with an address and `b` opens with a digit
/// or a lower-case letter; or `a` ends with a DOI's prefix and slash, which
/// no DOI ends with (`10.1002/` then `(SICI)1097-…`, `10.1007/` then
/// `Bf00427414`).
fn continues_address(a: &str, b: &str) -> bool {
    let token = a.rsplit(char::is_whitespace).next().unwrap_or(a);
    let next = b.split_whitespace().next().unwrap_or("");
    if next.is_empty() || next.contains("://") {
        return false;
    }
    if doi_prefix_only(token) {
        return true;
    }
    let address = token.contains("10.") && token.contains('/')
        || token.starts_with("http")
        || token.starts_with("www.");
    address
        && !token.ends_with(')')
        && next.starts_with(|c: char| c.is_ascii_digit() || c.is_lowercase())
}

/// Whether `token` ends with a DOI's `10.NNNN/` and nothing after it.
fn doi_prefix_only(token: &str) -> bool {
    let Some(head) = token.strip_suffix('/') else {
        return false;
    };
    let registrant = head.rsplit("10.").next().unwrap_or("");
    head.contains("10.")
        && (4..=9).contains(&registrant.len())
        && registrant.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a line ends with a mark that an address cannot end with (`/`,
/// `.`, `-`, `_`, `=`, `?`, `&`, `:`, `;`, `#`, `~`): the address goes on
/// in the next line.
fn ends_open(a: &str) -> bool {
    a.ends_with(['/', '.', '-', '_', '=', '?', '&', ':', ';', '#', '~'])
}

/// How the last word of `a` and the first of `b` join.
fn word_join(a: &str, b: &str, words: &Words) -> Join {
    let Some(last) = a.chars().last() else {
        return Join::Space;
    };
    let b_first = b.chars().next().unwrap_or(' ');
    match last {
        '-' | '\u{2010}' | '\u{ad}' | '\u{2011}' => {
            let before = a[..a.len() - last.len_utf8()].chars().last();
            if !before.is_some_and(char::is_alphanumeric) {
                return Join::Space;
            }
            if last == '\u{ad}' {
                return Join::DropHyphen(last.len_utf8());
            }
            if !b_first.is_lowercase() {
                // `Mc-` + `Cullough`: a name's prefix is never hyphenated
                let head = &a[..a.len() - last.len_utf8()];
                if b_first.is_uppercase()
                    && head.rsplit(|c: char| !c.is_alphabetic()).next() == Some("Mc")
                {
                    return Join::DropHyphen(last.len_utf8());
                }
                // `COVID-` + `19`, `Smith-` + `Jones`: the hyphen is the word's
                return if b_first.is_alphanumeric() {
                    Join::Glue
                } else {
                    Join::Space
                };
            }
            let head = a[..a.len() - last.len_utf8()]
                .rsplit(|c: char| !c.is_alphanumeric() && c != '-' && c != '\u{2010}')
                .next()
                .unwrap_or("");
            let tail: String = b
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-')
                .collect();
            if words.keeps_hyphen(head, &tail) {
                Join::Glue
            } else {
                Join::DropHyphen(last.len_utf8())
            }
        }
        '–' | '—' | '/' if b_first.is_alphanumeric() => Join::Glue,
        _ => Join::Space,
    }
}

/// How often each word occurs in the text, for telling a line-end hyphen
/// that breaks a word from one that belongs to it.
struct Words {
    counts: HashMap<String, u32>,
}

impl Words {
    fn of(text: &str) -> Words {
        let mut counts = HashMap::new();
        for w in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\u{2010}')) {
            let w = w.trim_matches(|c| c == '-' || c == '\u{2010}');
            if w.len() >= 4 {
                *counts
                    .entry(w.to_lowercase().replace('\u{2010}', "-"))
                    .or_insert(0) += 1;
            }
        }
        Words { counts }
    }

    /// Whether `head-` + `tail` at a line end is the hyphenated word
    /// `head-tail` rather than the word `headtail`: the text writes the
    /// hyphenated form elsewhere more often than the joined one.
    fn keeps_hyphen(&self, head: &str, tail: &str) -> bool {
        let head = head.to_lowercase().replace('\u{2010}', "-");
        let tail = tail.to_lowercase();
        let n = |w: &str| self.counts.get(w).copied().unwrap_or(0);
        let hyphenated = n(&format!("{head}-{tail}"));
        let joined = n(&format!("{head}{tail}"));
        hyphenated > joined
    }
}

#[cfg(test)]
mod tests;
