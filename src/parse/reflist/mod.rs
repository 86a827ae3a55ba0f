//! The reference list: its heading, and its split into entries.
//!
//! A heading is a line of its own that names a reference section
//! (`References`, `Bibliography`, `Works Cited`, `参考文献`, `5. References`,
//! `## References`, `REFERENCES:` …). The entries after it are split by
//! their labels (`[1]`, `1.`, `1)`, `(1)`, `1 `) when the list is numbered,
//! otherwise by blank lines, or by lines when there are no blank lines
//! (an indented line continues the entry above it). The list ends at the
//! first paragraph that is not a reference (an appendix heading, say).

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, one_of};
use nom::combinator::opt;
use nom::{IResult, Parser};

use super::author_year::is_particle;
use super::numeric::{hspace, number};
use crate::source::Span;

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

// ------------------------------------------------------------ headings

/// Names of reference sections, compared case-insensitively.
const HEADINGS: &[&str] = &[
    "references",
    "reference",
    "references cited",
    "literature cited",
    "cited literature",
    "literature",
    "bibliography",
    "select bibliography",
    "works cited",
    "notes and references",
    "references and notes",
    "sources",
    "reference list",
    "list of references",
    "参考文献",
    "参考资料",
    "参考文献：",
    "引用文献",
    "文献",
    "literaturverzeichnis",
    "literatur",
    "références",
    "bibliographie",
    "referencias",
    "bibliografía",
    "bibliografia",
    "riferimenti bibliografici",
    "riferimenti",
    "referências",
    "referências bibliográficas",
    "referencias bibliográficas",
    "literatuur",
    "referenties",
    "literatura",
    "referenser",
    "litteratur",
    "referanser",
    "kaynaklar",
    "kaynakça",
    "daftar pustaka",
    "список литературы",
    "литература",
    "参考資料",
    "참고문헌",
];

/// Section numbering before a heading: `5. `, `5 `, `IV. `, `A.1 `.
fn heading_number(i: &str) -> IResult<&str, &str> {
    let (i, n) = alt((
        take_while1(|c: char| c.is_ascii_digit() || c == '.'),
        take_while1(|c: char| "IVXivx".contains(c)),
    ))
    .parse(i)?;
    let (i, _) = opt(char('.')).parse(i)?;
    let (i, _) = take_while1(|c: char| c == ' ' || c == '\t').parse(i)?;
    Ok((i, n))
}

/// The name a heading line gives, lower-cased, without its Markdown marks,
/// section number and final colon (`## 5. References:` → `references`);
/// `None` for an empty or long line.
pub fn heading_name(line: &str) -> Option<String> {
    let mut s = line.trim();
    s = s.trim_start_matches('#').trim();
    s = s.trim_matches('*').trim();
    if let Ok((rest, _)) = heading_number(s) {
        s = rest;
    }
    let s = s.trim_end_matches([':', '：', '.']).trim();
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    Some(s.to_lowercase())
}

/// Names of notes sections, compared case-insensitively.
const NOTE_HEADINGS: &[&str] = &["notes", "endnotes", "end notes", "footnotes"];

/// Whether a (trimmed) line is a notes heading: `Notes`, `## Endnotes`,
/// `5. Notes` (see [`super::notes`]). It ends a reference list.
pub fn is_notes_heading(line: &str) -> bool {
    heading_name(line).is_some_and(|n| NOTE_HEADINGS.contains(&n.as_str()))
}

/// Whether a (trimmed) line is a reference-section heading.
pub fn is_heading(line: &str) -> bool {
    is_heading_with(line, &[])
}

/// Like [`is_heading`], with `extra` names (from the configuration) that
/// also count, compared case-insensitively.
pub fn is_heading_with(line: &str, extra: &[String]) -> bool {
    let Some(lower) = heading_name(line) else {
        return false;
    };
    HEADINGS.contains(&lower.as_str())
        || extra
            .iter()
            .any(|h| h.trim().trim_end_matches(':').to_lowercase() == lower)
}

// ------------------------------------------------------------ labels

/// A list bullet: `- `, `* `, `• `, `· `, `– ` (with its trailing space).
fn bullet(i: &str) -> IResult<&str, char> {
    let (i, c) = one_of("-*•·–").parse(i)?;
    let (i, _) = hspace(i)?;
    Ok((i, c))
}

/// An entry label: `[n]`, `［n］`, `n.`, `n)`, `(n)` or `n` + space, with
/// the space after it.
pub fn label(i: &str) -> IResult<&str, (LabelStyle, u32)> {
    let bracket = |i| -> IResult<&str, (LabelStyle, u32)> {
        let (i, _) = alt((tag("["), tag("［"))).parse(i)?;
        let (i, n) = number(i)?;
        let (i, _) = alt((tag("]"), tag("］"))).parse(i)?;
        Ok((i, (LabelStyle::Bracket, n)))
    };
    let enclosed = |i| -> IResult<&str, (LabelStyle, u32)> {
        let (i, _) = char('(').parse(i)?;
        let (i, n) = number(i)?;
        let (i, _) = char(')').parse(i)?;
        Ok((i, (LabelStyle::Enclosed, n)))
    };
    let suffixed = |i| -> IResult<&str, (LabelStyle, u32)> {
        let (i, n) = number(i)?;
        let (i, c) = opt(one_of(".)")).parse(i)?;
        let style = match c {
            Some('.') => LabelStyle::Dot,
            Some(_) => LabelStyle::Paren,
            None => LabelStyle::Bare,
        };
        Ok((i, (style, n)))
    };
    let (rest, found) = alt((bracket, enclosed, suffixed)).parse(i)?;
    // The label must be followed by a space (or the end of the line); a bare
    // number must be followed by a space and then not by a digit.
    let (after, sp) = hspace(rest)?;
    let ok = match found.0 {
        LabelStyle::Bare => {
            !sp.is_empty() && after.chars().next().is_some_and(|c| !c.is_ascii_digit())
        }
        LabelStyle::Dot => {
            (!sp.is_empty() || after.is_empty())
                && (!after.chars().next().is_some_and(|c| c.is_ascii_digit())
                    || names_with_digits(after))
        }
        _ => true,
    };
    if !ok {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((after, found))
}

/// Whether text that opens with digits opens with a name all the same:
/// digits glued to letters (`3M Company`, `23andMe`) or a number before a
/// capitalised word (`1000 Genomes Project`), not a page range or a year
/// and a title (`345–367`, `2008. Title`).
fn names_with_digits(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &s[digits..];
    rest.starts_with(|c: char| c.is_alphabetic())
        || rest.strip_prefix(' ').is_some_and(|r| {
            let word: String = r.chars().take_while(|c| c.is_alphabetic()).collect();
            word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().count() >= 3
                && word.chars().skip(1).all(char::is_lowercase)
        })
}

// ------------------------------------------------------------ lines

#[derive(Debug, Clone, Copy)]
struct Line {
    /// Content without the line ending.
    span: Span,
    /// Whether the line starts with horizontal space.
    indented: bool,
}

fn lines_of(text: &str, from: usize) -> Vec<Line> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = from;
    while start < b.len() {
        let end = memchr::memchr2(b'\n', b'\r', &b[start..]).map_or(b.len(), |o| start + o);
        let content = &text[start..end];
        out.push(Line {
            span: Span::new(start, end),
            indented: content.starts_with([' ', '\t', '\u{a0}']),
        });
        start = if b.get(end) == Some(&b'\r') && b.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
    }
    out
}

fn is_blank(text: &str, l: &Line) -> bool {
    l.span.slice(text).trim().is_empty()
}

/// Span of the line content without surrounding white space.
fn trimmed(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    Span::new(start, end.max(start))
}

/// What a (non-blank) line of the list opens with.
enum Opener {
    /// A label and the offset where the entry text starts (`None` when the
    /// line holds only the label).
    Label(Span, LabelStyle, u32, Option<usize>),
    /// A bullet alone on its line.
    LoneBullet(Span),
    /// Ordinary text, starting at the offset (after any bullet).
    Text(usize),
}

fn opener(text: &str, line: Span) -> Opener {
    let t = trimmed(text, line);
    let s = t.slice(text);
    let (after_bullet, bullet_len) = match bullet(s) {
        Ok((rest, _)) => (rest, s.len() - rest.len()),
        Err(_) => (s, 0),
    };
    let start = t.start + bullet_len;
    if after_bullet.is_empty() && bullet_len > 0 {
        return Opener::LoneBullet(t);
    }
    if let Ok((rest, (style, n))) = label(after_bullet) {
        let label_text = &after_bullet[..after_bullet.len() - rest.len()];
        let label_span = Span::new(start, start + label_text.trim_end().len());
        let text_start = (!rest.trim().is_empty()).then(|| t.end - rest.len());
        return Opener::Label(label_span, style, n, text_start);
    }
    Opener::Text(start)
}

/// Whether a year 1500–2099 stands at byte `k` of `b`: four digits, not
/// part of a longer number.
fn year_at(b: &[u8], k: usize) -> bool {
    b.get(k..k + 4).is_some_and(|w| {
        w.iter().all(u8::is_ascii_digit)
            && matches!(&w[..2], b"15" | b"16" | b"17" | b"18" | b"19" | b"20")
            && !b.get(k + 4).is_some_and(u8::is_ascii_digit)
            && !(k > 0 && b[k - 1].is_ascii_digit())
    })
}

/// Whether a paragraph reads like a reference entry (for unnumbered lists):
/// it has a year, `n.d.`, `in press`, a DOI or a URL.
fn looks_like_reference(s: &str) -> bool {
    let has_year = (0..s.len()).any(|k| year_at(s.as_bytes(), k));
    let lower = s.to_lowercase();
    has_year
        || lower.contains("n.d.")
        || lower.contains("in press")
        || lower.contains("doi")
        || lower.contains("http")
}

/// Whether a paragraph is running prose rather than an entry (an author
/// biography after the list, say): no year in its first 200 bytes, and at
/// least eight lower-case words of three letters or more there. An
/// author-year entry has its year right after the names.
fn reads_like_prose(s: &str) -> bool {
    let head = &s[..floor_boundary(s, 200)];
    if looks_like_reference(head) {
        return false;
    }
    head.split_whitespace()
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_lowercase))
        .count()
        >= 8
}

/// Whether a paragraph opens like an unnumbered entry: a year within its
/// first 150 bytes, or a URL or DOI at its start.
fn starts_like_entry(s: &str) -> bool {
    let t = s.trim_start();
    if t.starts_with("http") || t.starts_with("www.") || t.starts_with("doi") {
        return true;
    }
    let end = floor_boundary(t, 150);
    t.len() < 2000 && looks_like_reference(&t[..end]) && !t[..end].contains("http")
}

// ------------------------------------------------------------ splitting

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

/// A reference list that lost its heading (text pasted without it),
/// numbered or not.
fn headless(text: &str, lines: &[Line], blank_between: &[bool]) -> Option<RefList> {
    headless_numbered(text, lines, blank_between)
        .or_else(|| headless_unnumbered(text, lines, blank_between))
}

/// A numbered list without its heading: the last line that opens with
/// label 1 starts a list when the text before it cites with bracketed
/// numbers and what follows is three entries or more, numbered 1, 2, 3 …
/// without a gap, four in five of them with a year, a DOI or a URL. Its
/// heading is the empty span where the first entry starts.
fn headless_numbered(text: &str, lines: &[Line], blank_between: &[bool]) -> Option<RefList> {
    let k = lines
        .iter()
        .rposition(|l| matches!(opener(text, l.span), Opener::Label(_, _, 1, Some(_))))?;
    let at = lines[k].span.start;
    let cites = text.as_bytes()[..at]
        .windows(2)
        .any(|w| w[0] == b'[' && w[1].is_ascii_digit());
    if !cites {
        return None;
    }
    let heading = Line {
        span: Span::new(at, at),
        indented: false,
    };
    let (list, _) = split(text, heading, &lines[k..], blank_between[k]);
    let list = list?;
    let numbered = list
        .entries
        .iter()
        .zip(1..)
        .all(|(e, n)| e.label == Some(n));
    let dated = list
        .entries
        .iter()
        .filter(|e| looks_like_reference(e.text_span.slice(text)))
        .count();
    (list.entries.len() >= 3 && numbered && dated * 5 >= list.entries.len() * 4).then_some(list)
}

/// An unnumbered (author-year) list that lost its heading: the last run
/// of paragraphs (or lines, for a list of one entry a line) in which at
/// least five open like entries (`Smith, J.`, `Smith J (2001)`, `van der
/// Berg, A.`, a year soon after) and the rest are short and dated (a
/// corporate author), when the text before the run cites three in five of
/// its entries by name and year. Whatever follows the list (figure
/// legends, an appendix) ends it as it does after a heading. Its heading is
/// the empty span where the first entry starts.
fn headless_unnumbered(text: &str, lines: &[Line], blank_between: &[bool]) -> Option<RefList> {
    #[derive(Clone, Copy, PartialEq)]
    enum Kind {
        Entry,
        Maybe,
        Other,
    }
    let kind = |first: usize, last: usize| -> Kind {
        let para = Span::new(lines[first].span.start, lines[last].span.end).slice(text);
        if lines[first].indented || para.len() > 20_000 {
            return Kind::Other;
        }
        // a long list of authors puts the year far in
        if opens_like_author(para) && first_year(&para[..floor_boundary(para, 4000)]).is_some() {
            Kind::Entry
        } else if para.len() < 500
            && first_year(&para[..floor_boundary(para, 150)]).is_some()
            && !reads_like_prose(para)
        {
            Kind::Maybe
        } else {
            Kind::Other
        }
    };
    // Units from the end: paragraphs, or the lines of a paragraph whose
    // lines are entries each.
    let mut units: Vec<(usize, Kind)> = Vec::new();
    let mut j = lines.len();
    let mut read = 0;
    while j > 0 && read < 20_000 {
        j -= 1;
        read += 1;
        if is_blank(text, &lines[j]) {
            continue;
        }
        let mut first = j;
        while first > 0 && !is_blank(text, &lines[first - 1]) {
            first -= 1;
            read += 1;
        }
        let per_line: Vec<Kind> = (first..=j).map(|l| kind(l, l)).collect();
        if j - first >= 4
            && per_line.iter().filter(|&&k| k == Kind::Entry).count() * 5 >= per_line.len() * 4
        {
            units.extend((first..=j).rev().map(|l| (l, per_line[l - first])));
        } else {
            units.push((first, kind(first, j)));
        }
        j = first;
    }
    let mut tries = 0;
    let mut u = 0;
    while u < units.len() && tries < 4 {
        if units[u].1 == Kind::Other {
            u += 1;
            continue;
        }
        // the run units[u..v], last unit first
        let mut v = u;
        while v < units.len() && units[v].1 != Kind::Other {
            v += 1;
        }
        let run = &units[u..v];
        u = v;
        if run.iter().filter(|x| x.1 == Kind::Entry).count() < 5 {
            continue;
        }
        tries += 1;
        let Some(&(start, _)) = run.iter().rev().find(|x| x.1 == Kind::Entry) else {
            continue;
        };
        let cited = cited_pairs(&text[..lines[start].span.start]);
        let is_cited = |e: &Entry| {
            let s = e.text_span.slice(text);
            let name = first_family(s).to_lowercase();
            first_year(s).is_some_and(|y| cited.contains(&(name, y)))
        };
        let heading = Line {
            span: Span::new(lines[start].span.start, lines[start].span.start),
            indented: false,
        };
        let (Some(list), _) = split(text, heading, &lines[start..], blank_between[start]) else {
            continue;
        };
        let n = list.entries.len();
        let hits = list.entries.iter().filter(|e| is_cited(e)).count();
        if n >= 5 && hits * 5 >= n * 3 {
            return Some(list);
        }
    }
    None
}

/// Whether a paragraph opens with an author as entries write one: up to
/// six capitalised words or particles (`Smith`, `Carrera Silva EA`, `van
/// der Berg`, `Peters AHFM`) up to the first comma, parenthesis or full
/// stop, then a capital after the comma (`Smith, J.`), a year in the
/// parenthesis (`Smith (2001)`), or initials before the full stop (`Smith
/// J.`). `However, in 2001 …` is not.
pub(crate) fn opens_like_author(s: &str) -> bool {
    let t = s.trim_start();
    let Some(cut) = t.find([',', '(', '.', '\n']) else {
        return false;
    };
    let words: Vec<&str> = t[..cut].split_whitespace().collect();
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’') || is_combining(c))
    };
    let particle = |w: &&str| is_particle(w);
    let ok_words = (1..=6).contains(&words.len())
        && words
            .iter()
            .find(|w| !particle(w))
            .is_some_and(|w| capitalised(w) && !glued_initials(w))
        && words.iter().all(|w| capitalised(w) || particle(w));
    if !ok_words {
        return false;
    }
    let after = t[cut + 1..].trim_start();
    match t.as_bytes()[cut] {
        b',' => {
            after
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '&')
                || after.starts_with("and ")
                || after.split_once(' ').is_some_and(|(w, _)| is_particle(w))
        }
        b'(' => after.starts_with(|c: char| c.is_ascii_digit()),
        b'.' => {
            words.len() >= 2
                && words
                    .last()
                    .is_some_and(|w| w.len() <= 3 && w.chars().all(|c| c.is_uppercase()))
                // a group as author, its year next: `R Core Team. 2017.`
                // (not an initial carried over: `R. (2014).`)
                || words.last().is_some_and(|w| w.chars().count() > 1)
                    && t[cut + 1..].starts_with(' ')
                    && year_next(after)
        }
        _ => false,
    }
}

/// Whether a word is initials glued to the family name after them, as
/// text that lost the separators of an author list writes it
/// (`MAFukunaga`, `JPAnttila`): capitals, then a capital and a lower-case
/// letter. `McNeill`, `DeWitt` and `WHO` are names.
pub(crate) fn glued_initials(w: &str) -> bool {
    let mut c = w.chars();
    let (Some(a), Some(b)) = (c.next(), c.next()) else {
        return false;
    };
    a.is_uppercase() && b.is_uppercase() && w.chars().any(char::is_lowercase) && {
        // the lower-case letters come after a capital that follows a capital
        let caps = w.chars().take_while(|c| c.is_uppercase()).count();
        caps >= 2 && w.chars().nth(caps).is_some_and(char::is_lowercase)
    }
}

/// Whether `s` opens with a year and its closing mark: `2017.`, `2008a.`,
/// `(2010)`.
fn year_next(s: &str) -> bool {
    let s = s.strip_prefix('(').unwrap_or(s);
    let b = s.as_bytes();
    b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && matches!(&b[..2], b"19" | b"20") && {
        let rest = s[4..].trim_start_matches(|c: char| c.is_ascii_lowercase());
        rest.starts_with(['.', ')'])
    }
}

/// A combining mark, as text extracted from PDFs writes accents
/// (`Stru\u{308}mpfer`).
pub(crate) fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// The largest char boundary of `s` at or below `at`.
pub(crate) fn floor_boundary(s: &str, at: usize) -> usize {
    let mut end = at.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The first word of an entry, as the family name a citation uses.
fn first_family(s: &str) -> &str {
    let t = s.trim_start();
    let end = t
        .find(|c: char| !(c.is_alphabetic() || matches!(c, '-' | '\'' | '’')))
        .unwrap_or(t.len());
    &t[..end]
}

/// The first year (1500–2099) in `s`.
pub(crate) fn first_year(s: &str) -> Option<u16> {
    first_year_at(s).and_then(|k| s[k..k + 4].parse().ok())
}

/// Where the first year of `s` stands (see [`first_year`]).
pub(crate) fn first_year_at(s: &str) -> Option<usize> {
    (0..s.len()).find(|&k| year_at(s.as_bytes(), k))
}

/// Every (lower-cased capitalised word, year) pair of `body` in which the
/// word stands at most 60 bytes before the year: the names and years the
/// text cites.
fn cited_pairs(body: &str) -> std::collections::HashSet<(String, u16)> {
    let mut out = std::collections::HashSet::new();
    let b = body.as_bytes();
    let mut k = 0;
    while k + 4 <= b.len() {
        if !year_at(b, k) {
            k += 1;
            continue;
        }
        let year: u16 = body[k..k + 4].parse().unwrap_or(0);
        let mut lo = k.saturating_sub(60);
        while !body.is_char_boundary(lo) {
            lo += 1;
        }
        for word in
            body[lo..k].split(|c: char| !(c.is_alphabetic() || matches!(c, '-' | '\'' | '’')))
        {
            let word = word.trim_end_matches("'s").trim_end_matches("’s");
            if word.chars().next().is_some_and(char::is_uppercase) {
                out.insert((word.to_lowercase(), year));
            }
        }
        k += 4;
    }
    out
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

/// Whether `n` can be the next label after `prev`.
fn plausible_next(prev: Option<u32>, n: u32) -> bool {
    match prev {
        None => (1..=20).contains(&n) || n < 1000,
        Some(p) => n >= 1 && n <= p + 20 && (n < 1000 || p >= 990),
    }
}

/// An entry being built: start, text start, end, label.
type Pending = (usize, usize, usize, Option<(Span, u32)>);

/// Returns how many lines it read.
fn split_numbered(text: &str, lines: &[Line], style: LabelStyle, list: &mut RefList) -> usize {
    // The entry being built: (start, text start, end, label)
    let mut cur: Option<Pending> = None;
    let mut prev_label: Option<u32> = None;
    let mut after_blank = true;
    let mut k = 0;
    while k < lines.len() {
        let l = lines[k];
        k += 1;
        if is_blank(text, &l) {
            after_blank = true;
            continue;
        }
        let blank_before = after_blank;
        after_blank = false;
        match opener(text, l.span) {
            // A number going backwards, alone on a line that continues an
            // entry, is the entry's wrapped text (`… Clin Mol Allergy 4:` +
            // `2.`), not a label. (A list out of order has text after its
            // labels.)
            Opener::Label(_, _, n, None)
                if !blank_before && cur.is_some() && prev_label.is_some_and(|p| n < p) =>
            {
                if let Some(c) = cur.as_mut() {
                    c.2 = l.span.end;
                }
            }
            Opener::Label(span, s, n, text_start)
                if (s == style && plausible_next(prev_label, n))
                    || (blank_before && prev_label.is_some_and(|p| n == p + 1))
                    || (s == style
                        && blank_before
                        && prev_label.is_some_and(|p| n > p)
                        && run_follows(text, &lines[k..], style, n)) =>
            {
                if let Some((a, b, c, lab)) = cur.take() {
                    push_entry(text, list, a, b, c, lab);
                }
                prev_label = Some(n);
                match text_start {
                    Some(ts) => cur = Some((span.start, ts, l.span.end, Some((span, n)))),
                    None => {
                        // A label alone: the entry text may follow on the next line.
                        let next = lines[k..].first().filter(|nl| !is_blank(text, nl));
                        match next.map(|nl| opener(text, nl.span)) {
                            Some(Opener::Text(ts)) => {
                                let nl = lines[k];
                                k += 1;
                                cur = Some((span.start, ts, nl.span.end, Some((span, n))));
                            }
                            _ => list.empty_items.push(EmptyItem {
                                span,
                                label: Some(n),
                            }),
                        }
                    }
                }
            }
            Opener::LoneBullet(span) => {
                if let Some((a, b, c, lab)) = cur.take() {
                    push_entry(text, list, a, b, c, lab);
                }
                list.empty_items.push(EmptyItem { span, label: None });
            }
            _ => {
                // Text without a label: a wrapped line of the current entry,
                // unless a blank line separates it (then the list has ended,
                // or this is a sub-heading inside the list).
                if !blank_before {
                    if let Some(c) = cur.as_mut() {
                        c.2 = l.span.end;
                        continue;
                    }
                }
                let heading_like = l.span.slice(text).trim().chars().count() <= 60
                    && !looks_like_reference(l.span.slice(text));
                let resumes = lines[k..]
                    .iter()
                    .find(|nl| !is_blank(text, nl))
                    .is_some_and(|nl| {
                        matches!(opener(text, nl.span), Opener::Label(_, s, n, _)
                            if s == style && plausible_next(prev_label, n))
                    });
                if heading_like && resumes {
                    if let Some((a, b, c, lab)) = cur.take() {
                        push_entry(text, list, a, b, c, lab);
                    }
                    continue;
                }
                // Another column's text or a float read into the middle of
                // the list (PDF text): the list resumes at the next label
                // after a few paragraphs.
                if let Some(resume) = resumption(text, &lines[k - 1..], style, prev_label) {
                    if let Some((a, b, c, lab)) = cur.take() {
                        push_entry(text, list, a, b, c, lab);
                    }
                    k += resume - 1;
                    after_blank = true;
                    continue;
                }
                break;
            }
        }
    }
    if let Some((a, b, c, lab)) = cur.take() {
        push_entry(text, list, a, b, c, lab);
    }
    k
}

/// Entries of the list that stand before its heading, where a PDF's
/// reading order put a column of the list (PDF text): the run of
/// paragraphs nearest the heading (a few other paragraphs may stand
/// between) that are entries of the list. In a numbered list they carry
/// exactly the labels the list lacks; in an unnumbered one there are three
/// or more, each opening with an author and a year, in alphabetical order.
/// They join the list in label (or name) order.
fn gather_strays(text: &str, before: &[Line], list: &mut RefList) {
    if list.entries.is_empty() || before.is_empty() {
        return;
    }
    let top = list
        .entries
        .iter()
        .filter_map(|e| e.label)
        .max()
        .unwrap_or(0);
    let missing: Option<std::collections::HashSet<u32>> = list.style.map(|_| {
        let have: std::collections::HashSet<u32> =
            list.entries.iter().filter_map(|e| e.label).collect();
        // the gaps, and the numbers after the last (the list's end read
        // before its heading)
        (1..top.min(5000) + 500)
            .filter(|n| !have.contains(n))
            .collect()
    });
    // paragraphs before the heading, nearest first: (first, last) lines
    let mut paras: Vec<(usize, usize)> = Vec::new();
    let mut j = before.len();
    while j > 0 && paras.len() < 400 {
        j -= 1;
        if is_blank(text, &before[j]) {
            continue;
        }
        let last = j;
        while j > 0 && !is_blank(text, &before[j - 1]) {
            j -= 1;
        }
        paras.push((j, last));
    }
    let para = |&(f, l): &(usize, usize)| Span::new(before[f].span.start, before[l].span.end);
    let is_entry = |p: &(usize, usize)| -> Option<Option<(Span, u32)>> {
        let s = para(p).slice(text);
        match (&missing, opener(text, before[p.0].span)) {
            (Some(m), Opener::Label(span, st, n, Some(_)))
                if Some(st) == list.style && m.contains(&n) =>
            {
                Some(Some((span, n)))
            }
            (None, Opener::Text(_))
                if s.len() < 3000
                    && opens_like_author(s)
                    && first_year(&s[..floor_boundary(s, 1500)]).is_some() =>
            {
                Some(None)
            }
            _ => None,
        }
    };
    // labels the list lacks are strong evidence, found further back
    let window = if missing.is_some() { 40 } else { 30 };
    let Some(end) = paras
        .iter()
        .take(window)
        .position(|p| is_entry(p).is_some())
    else {
        return;
    };
    // (first line, last line) of each paragraph, and its label
    type Stray = ((usize, usize), Option<(Span, u32)>);
    let mut run: Vec<Stray> = Vec::new();
    let mut skipped = 0;
    for (q, p) in paras[end..].iter().enumerate() {
        let Some(label) = is_entry(p) else {
            // a short piece of an entry cut off by a column break is passed
            // over when entries go on before it
            let short = para(p).len() <= 300;
            let more = paras[end + q + 1..]
                .iter()
                .take(2 - skipped.min(2))
                .any(|n| is_entry(n).is_some());
            if short && more && skipped < 2 {
                skipped += 1;
                continue;
            }
            break;
        };
        if let (Some(prev), None) = (run.last(), label) {
            // going backwards, names must not rise
            let here = first_family(para(p).slice(text)).to_lowercase();
            let later = first_family(para(&prev.0).slice(text)).to_lowercase();
            if here > later {
                break;
            }
        }
        if label.is_some_and(|(_, n)| run.iter().any(|r| r.1.is_some_and(|(_, m)| m == n))) {
            break;
        }
        run.push((*p, label));
    }
    // a run further back needs more entries to count
    if missing.is_none() && run.len() < if end < 12 { 3 } else { 5 } {
        return;
    }
    // numbers after the list's last must carry on from it without a gap
    let mut after: Vec<u32> = run
        .iter()
        .filter_map(|r| r.1.map(|l| l.1))
        .filter(|&n| n > top)
        .collect();
    after.sort_unstable();
    if after.iter().zip(top + 1..).any(|(&n, want)| n != want) {
        run.retain(|r| r.1.is_none_or(|l| l.1 <= top));
    }
    if run.is_empty() {
        return;
    }
    for (p, label) in run {
        let span = para(&p);
        let text_start = match opener(text, before[p.0].span) {
            Opener::Label(_, _, _, Some(ts)) => ts,
            _ => trimmed(text, span).start,
        };
        push_entry(text, list, span.start, text_start, span.end, label);
    }
    match list.style {
        Some(_) => list.entries.sort_by_key(|e| e.label),
        None => list
            .entries
            .sort_by_cached_key(|e| first_family(e.text_span.slice(text)).to_lowercase()),
    }
}

/// Whether the next two labelled paragraphs in `lines` carry `n + 1` and
/// `n + 2`: a jump in the numbering to `n` is then the list going on (a
/// column of it was read elsewhere, PDF text), not a number in an entry.
fn run_follows(text: &str, lines: &[Line], style: LabelStyle, n: u32) -> bool {
    let mut want = n + 1;
    for l in lines.iter().take(60) {
        if let Opener::Label(_, s, m, Some(_)) = opener(text, l.span) {
            if s != style || m != want {
                return false;
            }
            if want == n + 2 {
                return true;
            }
            want += 1;
        }
    }
    false
}

/// Where a numbered list interrupted by other text resumes: the index in
/// `lines` of the first line, within eight paragraphs of at most 3,000
/// bytes, that opens a paragraph with the label after `prev` in the
/// list's style. Each skipped paragraph must not open with a label itself.
fn resumption(text: &str, lines: &[Line], style: LabelStyle, prev: Option<u32>) -> Option<usize> {
    let want = prev? + 1;
    let mut paragraphs = 0;
    let mut blank_before = true;
    for (j, l) in lines.iter().enumerate() {
        if is_blank(text, l) {
            blank_before = true;
            continue;
        }
        if blank_before {
            match opener(text, l.span) {
                Opener::Label(_, s, n, Some(_)) if s == style && n == want && j > 0 => {
                    return Some(j)
                }
                Opener::Label(..) => return None,
                _ => {}
            }
            paragraphs += 1;
            if paragraphs > 8 {
                return None;
            }
        }
        if l.span.len() > 3000 {
            return None;
        }
        blank_before = false;
    }
    None
}

/// Where an unnumbered list interrupted by other text resumes: the first
/// of the next eight paragraphs (from line `from`) that opens like an entry,
/// whose first name sorts at or after the last entry's and is followed by
/// another such paragraph.
fn resumption_by_name(
    text: &str,
    lines: &[Line],
    from: usize,
    by_paragraph: bool,
    list: &RefList,
) -> Option<((usize, usize), usize)> {
    // before the first entry any name will do
    let last_name = match list.entries.last() {
        Some(e) => first_family(e.text_span.slice(text)).to_lowercase(),
        None => String::new(),
    };
    if last_name.is_empty() && !list.entries.is_empty() {
        return None;
    }
    let para = |(first, last): (usize, usize)| {
        Span::new(lines[first].span.start, lines[last].span.end).slice(text)
    };
    let entry_after = |p: &str, name: &str| {
        opens_like_author(p)
            && first_year(&p[..floor_boundary(p, 1500)]).is_some()
            && first_family(p).to_lowercase().as_str() >= name
    };
    let mut at = next_para(text, lines, from, by_paragraph);
    for _ in 0..8 {
        let (p, after) = at?;
        let s = para(p);
        if entry_after(s, &last_name) {
            let name = first_family(s).to_lowercase();
            let next = next_para(text, lines, after, by_paragraph);
            return next
                .is_some_and(|(q, _)| entry_after(para(q), &name))
                .then_some((p, after));
        }
        if s.len() > 5000 {
            return None;
        }
        at = next_para(text, lines, after, by_paragraph);
    }
    None
}

/// The paragraph that starts at or after line `k`, as `(first, last)`
/// line indices, and the line after it.
fn next_para(
    text: &str,
    lines: &[Line],
    mut k: usize,
    by_paragraph: bool,
) -> Option<((usize, usize), usize)> {
    while k < lines.len() && is_blank(text, &lines[k]) {
        k += 1;
    }
    if k >= lines.len() {
        return None;
    }
    let first = k;
    let mut last = k;
    k += 1;
    while k < lines.len() && !is_blank(text, &lines[k]) {
        if !by_paragraph && !lines[k].indented {
            break;
        }
        last = k;
        k += 1;
    }
    Some(((first, last), k))
}

/// Whether a line opens with an author's name as reference entries do:
/// a capitalised family name (`Adams`, `McBride-Lee`, `ADAMS`) followed by
/// a comma, by initials (`Adams JK`, `Adams J.-P.`) or by a year in
/// parentheses (`WHO (2010)`). Wrapped lines of an entry (`human ER α-1,2
/// …`, `Behav 63:1047`, `GZ. 2015.`) do not.
fn opens_with_name(s: &str) -> bool {
    let t = s.trim_start();
    let end = t.find([' ', ',', '\t']).unwrap_or(t.len());
    let (word, rest) = t.split_at(end);
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let shaped = word.chars().next().is_some_and(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && (word.chars().any(char::is_lowercase) || letters >= 3);
    if !shaped || letters < 2 {
        return false;
    }
    if rest.starts_with(',') {
        return true;
    }
    let rest = rest.trim_start();
    if let Some(paren) = rest.strip_prefix('(') {
        return paren.starts_with(|c: char| c.is_ascii_digit());
    }
    let next = rest
        .split([' ', ',', '\t'])
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    let caps = next.chars().filter(|c| c.is_uppercase()).count();
    (1..=3).contains(&caps)
        && next
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, '.' | '-'))
}

/// Whether the first block of lines after the heading is an unnumbered
/// list with one entry a line (hanging lines allowed): three lines or more
/// that start flush, each opening with a name and reading like an entry. Blank lines further down
/// (an appendix after the list) then do not make the whole block one
/// paragraph.
fn one_entry_a_line(text: &str, lines: &[Line]) -> bool {
    let block = lines
        .iter()
        .skip_while(|l| is_blank(text, l))
        .take_while(|l| !is_blank(text, l));
    let mut flush = 0;
    for l in block.filter(|l| !l.indented) {
        let s = l.span.slice(text);
        if !opens_with_name(s) || !looks_like_reference(s) {
            return false;
        }
        flush += 1;
        if flush >= 3 {
            return true;
        }
    }
    false
}

/// Returns how many lines it read.
fn split_unnumbered(text: &str, lines: &[Line], by_paragraph: bool, list: &mut RefList) -> usize {
    // Paragraphs are read one ahead of the one looked at.
    let para_text = |(first, last): (usize, usize)| {
        Span::new(lines[first].span.start, lines[last].span.end).slice(text)
    };
    let mut cur = next_para(text, lines, 0, by_paragraph);
    while let Some(((first, last), after)) = cur {
        let next = next_para(text, lines, after, by_paragraph);
        cur = next;
        let span = Span::new(lines[first].span.start, lines[last].span.end);
        let s = span.slice(text);
        if let Opener::LoneBullet(b) = opener(text, lines[first].span) {
            if first == last {
                list.empty_items.push(EmptyItem {
                    span: b,
                    label: None,
                });
                continue;
            }
        }
        // An entry without a date between dated ones (`Ortiz L, Baumann K.
        // Sorting of vesicles … Traffic 4:55–61.`) is an entry all the same.
        // It must sit in name order between its neighbours.
        let in_order = |p: (usize, usize)| {
            let name = first_family(s).to_lowercase();
            let after = first_family(para_text(p)).to_lowercase();
            list.entries.last().is_some_and(|e| {
                first_family(e.text_span.slice(text)).to_lowercase() <= name && name <= after
            })
        };
        let undated_entry = !looks_like_reference(s)
            && s.len() < 1000
            && opens_like_author(s)
            && next.is_some_and(|(p, _)| starts_like_entry(para_text(p)) && in_order(p));
        if undated_entry {
            let ts = trimmed(text, span).start;
            push_entry(text, list, ts, ts, span.end, None);
            continue;
        }
        if !looks_like_reference(s) || s.len() > 3000 || reads_like_prose(s) {
            // A sub-heading inside the list (`Internet Resources`) is
            // skipped when an entry follows it; anything else ends the list.
            let heading_like =
                first == last && s.trim().chars().count() <= 60 && !is_notes_heading(s.trim());
            if heading_like && next.is_some_and(|(p, _)| starts_like_entry(para_text(p))) {
                continue;
            }
            // Another column's text read into the list (PDF text): the list
            // goes on where two entries in alphabetical order follow.
            if let Some(resume) = resumption_by_name(text, lines, after, by_paragraph, list) {
                cur = Some(resume);
                continue;
            }
            return after;
        }
        let ts = match opener(text, lines[first].span) {
            Opener::Text(ts) => ts,
            _ => trimmed(text, lines[first].span).start,
        };
        push_entry(text, list, ts, ts, span.end, None);
    }
    lines.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        for h in [
            "References",
            "REFERENCES",
            "Reference",
            "References:",
            "Bibliography",
            "Works Cited",
            "Literature Cited",
            "Notes and References",
            "参考文献",
            "5. References",
            "## References",
            "**References**",
            "IV. REFERENCES",
            "Referências",
            "Список литературы",
            "참고문헌",
            "Daftar Pustaka",
        ] {
            assert!(is_heading(h), "{h}");
        }
        for h in [
            "References to prior work are many",
            "Introduction",
            "",
            "1. Methods",
        ] {
            assert!(!is_heading(h), "{h}");
        }
    }

    #[test]
    fn labels_leave_the_entry_text() {
        assert_eq!(
            label("[12] Smith"),
            Ok(("Smith", (LabelStyle::Bracket, 12)))
        );
        assert_eq!(label("12. Smith"), Ok(("Smith", (LabelStyle::Dot, 12))));
        assert_eq!(label("12) Smith"), Ok(("Smith", (LabelStyle::Paren, 12))));
        assert_eq!(
            label("(12) Smith"),
            Ok(("Smith", (LabelStyle::Enclosed, 12)))
        );
        assert_eq!(label("12 Smith"), Ok(("Smith", (LabelStyle::Bare, 12))));
        assert_eq!(label("[3]"), Ok(("", (LabelStyle::Bracket, 3))));
        assert!(label("2008 12").is_err());
        assert!(label("1.5 million").is_err());
        assert!(label("Smith").is_err());
    }

    fn entries(text: &str) -> Vec<(&str, Option<u32>)> {
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
    fn numbered_lists_with_wrapping_and_bullets() {
        let text =
            "Body [1].\n\nReferences:\n\n-\n- [1] A. One. 2008.\n[2] B. Two,\n  wrapped. 2009.\n";
        let list = find(text).unwrap();
        assert_eq!(list.style, Some(LabelStyle::Bracket));
        assert_eq!(
            entries(text),
            vec![
                ("[1] A. One. 2008.", Some(1)),
                ("[2] B. Two,\n  wrapped. 2009.", Some(2))
            ]
        );
        assert_eq!(list.empty_items.len(), 1);
        assert_eq!(list.empty_items[0].span.slice(text), "-");
    }

    #[test]
    fn an_entry_whose_text_opens_with_digits_is_an_entry() {
        let text = "As [1-4].\n\nReferences\n\n1. Alpha A. Title. J 4: 1. 2001.\n2. 3M Company. Safety data sheet. 2019.\n3. 1000 Genomes Project Consortium. A map. Nature 2010.\n4. 23andMe Research Team. Title. 2020.\n";
        let got = entries(text);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[1], ("2. 3M Company. Safety data sheet. 2019.", Some(2)));
        for (s, digits_name) in [
            ("3M Company", true),
            ("23andMe Team", true),
            ("1000 Genomes Project", true),
            ("345-367.", false),
            ("2008. Title", false),
            ("12 pages", false),
        ] {
            assert_eq!(names_with_digits(s), digits_name, "{s}");
        }
    }

    #[test]
    fn an_undated_entry_does_not_end_the_list() {
        let text = "Text (Adams 2001) and (Zorn 2003).\n\nReferences\n\nAdams J. 2001. Title. J 1: 1.\n\nOrtiz L, Baumann K. Sorting of vesicles in cells. Traffic 4:55-61.\n\nPeters K. 2002. Title. J 2: 2.\n\nZorn A. 2003. Title. J 3: 3.\n";
        let got = entries(text);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[1].0.starts_with("Ortiz L"));
    }

    #[test]
    fn a_wrapped_number_is_not_a_label() {
        let text = "References\n\n1. Alpha A (2006) Title. J 4: 1.\n\n2. Beta B (2006) Title. J Allergy 4:\n    1.\n\n3. Gamma C (2004) Title. J 1: 3.\n";
        let got = entries(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1].1, Some(2));
        assert!(got[1].0.ends_with("4:\n    1."), "{got:?}");
        assert_eq!(got[2].1, Some(3));
        // one entry a line, no blank lines: still split at each label,
        // in order or not
        let text = "References\n1. Alpha A. J 4: 2.\n2. Beta B. J 1: 3.\n3. Gamma C. J 2: 4.\n";
        assert_eq!(entries(text).len(), 3);
        let text = "References\n3. Gamma C. J 2: 4.\n1. Alpha A. J 4: 2.\n2. Beta B. J 1: 3.\n";
        assert_eq!(entries(text).len(), 3);
    }

    #[test]
    fn an_entry_labelled_differently_but_in_sequence_is_kept() {
        let text = "References\n\n1. A (2001) T. J 1: 2.\n\n2. B (2002) T. J 3: 4.\n\n3 C (2003) T. J 5: 6.\n";
        assert_eq!(entries(text).len(), 3);
    }

    #[test]
    fn dot_list_ends_before_an_appendix() {
        let text = "References\n\n1. A (2001) T. J 1: 2.\n\n2. B (2002) T. J 3: 4.\n\nAPPENDIX A. MODEL\n\nConsider a model [1].\n";
        assert_eq!(
            entries(text),
            vec![
                ("1. A (2001) T. J 1: 2.", Some(1)),
                ("2. B (2002) T. J 3: 4.", Some(2))
            ]
        );
    }

    #[test]
    fn unnumbered_paragraphs_and_hanging_lines() {
        let text = "Literature Cited\n\nAdams J. 2001. One.\n\nBaker K. 2002. Two.\n\nAppendix 1\n\nMore text.\n";
        assert_eq!(
            entries(text),
            vec![("Adams J. 2001. One.", None), ("Baker K. 2002. Two.", None)]
        );
        let text = "Bibliography\nAdams, J. (2001). One\n    continued.\nBaker, K. (2002). Two.\n";
        assert_eq!(
            entries(text),
            vec![
                ("Adams, J. (2001). One\n    continued.", None),
                ("Baker, K. (2002). Two.", None)
            ]
        );
    }

    #[test]
    fn lines_that_open_with_a_name() {
        for yes in [
            "Adams J. 2001. One.",
            "Adams, J. (2001). One.",
            "McBride-Lee JK, Baker K (2001) One.",
            "ADAMS J, BAKER K. 2001.",
            "Adams J.-P., Baker K. 2001.",
            "WHO (2010) Report.",
        ] {
            assert!(opens_with_name(yes), "{yes}");
        }
        for no in [
            "human ER α-1,2 mannosidase I. Glycoconjugate Journal 29:35–45. DOI:",
            "Behav 63:1047-1053. doi: 10.1006/anbe.2002.3008",
            "GZ. 2015. Mammalian ER mannosidase I resides in quality control",
            "Biology of the Cell 26:172–184. DOI:",
            "https://doi.org/10.1091/mbc.E14-06-1152, PMID: 25411339",
            "DOI: https://doi.org/10.1/x",
            "Endoplasmic reticulum (ER) mannosidase I is compartmentalized and",
        ] {
            assert!(!opens_with_name(no), "{no}");
        }
    }

    #[test]
    fn one_entry_a_line_with_an_appendix_after_it() {
        let text = "References\n\nAdams J. 2001. One. J 1: 2.\nBaker K. 2002. Two.\n    Wrapped on.\nCole L. 2003. Three. doi:10.1/x\n\nAppendix 1\n\nMore text, more text.\n";
        assert_eq!(
            entries(text),
            vec![
                ("Adams J. 2001. One. J 1: 2.", None),
                ("Baker K. 2002. Two.\n    Wrapped on.", None),
                ("Cole L. 2003. Three. doi:10.1/x", None)
            ]
        );
        // names glued together: no name check passes, yet the block is
        // far too long for one entry
        let line = "Ainouche MLBaumel A (2004a) Hybridization, polyploidy and speciation in Spartina (Poaceae). New Phytologist 161: 165-172 doi: 10.1046/j.1469-8137.2003.00926.x\n";
        let text = format!(
            "References\n\n{}\nAppendix\n\nMore text.\n",
            line.repeat(30)
        );
        assert_eq!(entries(&text).len(), 30);
        // entries wrapped flush, a blank line between them: paragraphs
        let text = "References\n\nAdams J. 2001. One title that\ngoes on. J 1: 2.\n\nBaker K. 2002. Two.\n\nAppendix 1\n\nMore text.\n";
        assert_eq!(
            entries(text),
            vec![
                ("Adams J. 2001. One title that\ngoes on. J 1: 2.", None),
                ("Baker K. 2002. Two.", None)
            ]
        );
    }

    #[test]
    fn a_sub_heading_inside_an_unnumbered_list_is_skipped() {
        let text = "References\n\nZou Z (2013) Title. J 1:2.\n\nInternet Resources\n\nhttp://example.org/\n\nSupplementary Material\n\nThe following material is available.\n";
        assert_eq!(
            entries(text),
            vec![
                ("Zou Z (2013) Title. J 1:2.", None),
                ("http://example.org/", None)
            ]
        );
    }

    #[test]
    fn an_author_biography_after_the_list_is_not_an_entry() {
        let text = "References\n\nRange F, Huber L (2011). Automatic imitation in dogs. Proc R Soc B 278, 211.\n\nFriederike Range earned a Ph.D. in Psychology from the University of Pennsylvania, studying free-ranging primates; her postdoctoral research she conducted at the University of Vienna, where she and her colleagues founded a laboratory for dogs. In 2011 she moved.\n";
        assert_eq!(entries(text).len(), 1);
    }

    #[test]
    fn a_numbered_list_without_its_heading() {
        let text = "As shown [1], [2] and [3].\n\n1. Alpha A (2001) One. J 1: 2.\n\n2. Beta B (2002) Two. J 3: 4.\n\n3. Gamma C (2003) Three. J 5: 6.\n";
        let list = find(text).unwrap();
        assert_eq!(list.entries.len(), 3);
        assert_eq!(list.heading.start, list.heading.end);
        assert_eq!(list.heading.start, text.find("1. Alpha").unwrap());
        // an enumeration is not a list: no bracketed citations before it,
        // or entries without years, or fewer than three
        assert!(
            find("Steps:\n1. In 2001 we went.\n2. In 2002 we came.\n3. In 2003 we left.\n")
                .is_none()
        );
        assert!(find("See [1].\n1. Mix the salt.\n2. Add water.\n3. Stir well.\n").is_none());
        assert!(find("See [1].\n1. A (2001) One.\n2. B (2002) Two.\n").is_none());
    }

    #[test]
    fn an_author_year_list_without_its_heading() {
        let body = "As shown (Adams et al., 2001; Brown and Cole 2002), by Dunn (2003), Evans (2004) and (van der Berg 2005; Fox 2006).\n\n";
        let list = "Adams JA, Brown B, Cole C. 2001. A first title. J Biol 1:2–3.\n\nBrown B, Cole C. 2002. A second title. J Biol 1:2–3.\n\nDunn D. 2003. A third title. J Biol 1:2–3.\n\nEvans E. 2004. A fourth title. J Biol 1:2–3.\n\nvan der Berg A. 2005. A fifth title. J Biol 1:2–3.\n\nFox F. 2006. A sixth title. J Biol 1:2–3.\n";
        let legend = "\nFigure 1. Counts per site, shown by month for each of the three sampling areas in the northern part of the bay, with their standard errors.\n";
        for tail in ["", legend] {
            let text = format!("{body}{list}{tail}");
            let found = find(&text).unwrap();
            assert_eq!(found.entries.len(), 6, "{tail:?}");
            assert_eq!(found.heading.start, body.len());
            assert_eq!(found.heading.start, found.heading.end);
        }
        // one entry a line
        let text = format!("{body}{}", list.replace("\n\n", "\n"));
        assert_eq!(find(&text).unwrap().entries.len(), 6);
        // not cited by the text before them: not a list
        let text = format!("As shown before.\n\n{list}");
        assert!(find(&text).is_none());
        // fewer than five: not a list
        let short: String = list.split_inclusive("\n\n").take(4).collect();
        assert!(find(&format!("{body}{short}")).is_none());
    }

    #[test]
    fn authors_as_entries_open() {
        for s in [
            "Smith, J. 2001.",
            "Smith J (2001) T.",
            "Carrera Silva EA, Chan PY. 2014.",
            "van der Berg A. 2005.",
            "de Chaumont F, Dallongeville S. 2012.",
            "Angelillo-Scherrer A, de Frutos P. 2001.",
            "Peters AHFM, Kubicek S. 2001.",
            "Stru\u{308}mpfer J, Schulten K. 2012.",
            "Anonymous (2009) T.",
            "R Core Team. 2017. R: A language.",
            "World Health Organization. (2010). Report.",
            "McNeill J, DeWitt K (2012) Code.",
        ] {
            assert!(opens_like_author(s), "{s}");
        }
        for s in [
            "However, in 2001 we saw.",
            "In Figure 2 (2001) we saw.",
            "Supplementary figure 20. Spartina anglica, 2004.",
            "The results of 2001, shown.",
            "Results. 2017 was a dry year.",
            "R. (2014). Neuron-glia interactions.",
            "TIP.2011.2168232, PMID: 21937351",
            "MAFukunaga KRicou MMisset MT (2009) Hybridization,",
        ] {
            assert!(!opens_like_author(s), "{s}");
        }
    }

    #[test]
    fn no_heading_no_list() {
        assert!(find("Just text [1].\n").is_none());
        assert!(find("References\n\n").is_none());
    }
}
