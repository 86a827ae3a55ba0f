//! Numeric citation markers: `[1]`, `[1, 3-5]`, `^[2,3]`, `(5–7)`, `［1］`,
//! `【1】`, `[5]–[9]`, superscript digits `¹⁻³`, and references by number
//! in words: `ref. 7`, `refs 3 and 5–7`.
//!
//! The grammar is built bottom-up from small nom parsers. Scanning is done
//! in two steps: a memchr pre-scan finds the bytes where a marker can start,
//! then the grammar is tried at each of them on a window of at most
//! [`MAX_MARKER_BYTES`], which keeps the worst case linear in the input.
//! Whether a syntactically valid group really is a citation (and not an
//! interval `[0, 1]`, a year `[2008]` or an enumeration `(1)`) is decided
//! later, by [`crate::parse::Manuscript`], which knows the reference list.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, one_of};
use nom::combinator::{cond, map, map_res, opt, recognize};
use nom::multi::separated_list1;
use nom::sequence::preceded;
use nom::{IResult, Parser};

use crate::source::Span;

/// Longest text a single numeric marker may span.
pub const MAX_MARKER_BYTES: usize = 256;

/// One element of a numeric marker, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumItem {
    /// A single number: `4`.
    Single(u32),
    /// A range as written, possibly reversed (`5-3`) or degenerate (`3-3`).
    Range(u32, u32),
}

impl NumItem {
    /// Every number the item stands for, in ascending order.
    pub fn numbers(self) -> impl Iterator<Item = u32> {
        let (a, b) = match self {
            NumItem::Single(n) => (n, n),
            NumItem::Range(a, b) => (a.min(b), a.max(b)),
        };
        a..=b
    }

    /// Largest number in the item.
    pub fn max(self) -> u32 {
        match self {
            NumItem::Single(n) => n,
            NumItem::Range(a, b) => a.max(b),
        }
    }

    /// Smallest number in the item.
    pub fn min(self) -> u32 {
        match self {
            NumItem::Single(n) => n,
            NumItem::Range(a, b) => a.min(b),
        }
    }
}

/// How a numeric marker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumericKind {
    /// `[1]`, `［1］`, `【1】`, `[5]–[9]`.
    Bracket,
    /// `(1)`, `（1）`.
    Paren,
    /// `^[1]`, the plain-text form of a superscript group.
    Caret,
    /// Unicode superscript digits: `¹,²`, `¹⁻³`.
    Superscript,
    /// A reference by number in words: `ref. 7`, `Refs 3 and 5–7`.
    Textual,
    /// Superscript digits that lost their superscript, glued to the word
    /// before them (`cancer1,2`; see [`super::flattened`]).
    Flattened,
}

/// A syntactically valid numeric marker found by the scanner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumericMarker {
    /// The whole marker, brackets (and caret) included.
    pub span: Span,
    /// How it is written.
    pub kind: NumericKind,
    /// Its elements, as written.
    pub items: Vec<NumItem>,
}

impl NumericMarker {
    /// Every number cited, ranges expanded, in the order written.
    pub fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.items.iter().flat_map(|i| i.numbers())
    }
}

// ------------------------------------------------------------ grammar

/// White space inside a marker (see [`is_hspace`]).
pub fn hspace(i: &str) -> IResult<&str, &str> {
    take_while(is_hspace).parse(i)
}

/// Whether `c` is white space as it occurs inside markers: spaces of any
/// width, and the line break of a manuscript wrapped at a fixed width
/// (`[18,` + `19]`, `(Smith et` + `al., 2008)`).
pub fn is_hspace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2005}' | '\u{2006}' | '\n' | '\r'
    )
}

/// A citation number: one to six ASCII digits, `[0-9]{1,6}` (a list may
/// have 100,000 entries; whether a number is plausible as a citation is
/// decided against the list).
pub fn number(i: &str) -> IResult<&str, u32> {
    map_res(
        take_while_m_n(1, 6, |c: char| c.is_ascii_digit()),
        str::parse,
    )
    .parse(i)
}

/// A range dash: hyphen, en dash, em dash, figure dash, minus, and the
/// Unicode hyphens.
pub fn dash(i: &str) -> IResult<&str, char> {
    one_of("-–—‒−‐‑").parse(i)
}

/// One item: `number (hspace dash hspace number)?`.
pub fn item(i: &str) -> IResult<&str, NumItem> {
    let (i, a) = number(i)?;
    let (i, b) = opt(preceded((hspace, dash, hspace), number)).parse(i)?;
    Ok((i, b.map_or(NumItem::Single(a), |b| NumItem::Range(a, b))))
}

/// A list separator: `hspace [,;，；、] hspace`.
pub fn separator(i: &str) -> IResult<&str, char> {
    let (i, _) = hspace(i)?;
    let (i, c) = one_of(",;，；、").parse(i)?;
    let (i, _) = hspace(i)?;
    Ok((i, c))
}

/// Items separated by separators: `item (separator item)*`.
pub fn item_list(i: &str) -> IResult<&str, Vec<NumItem>> {
    separated_list1(separator, item).parse(i)
}

/// A group between `open` and `close`: `open hspace item_list locator?
/// hspace close`, the locator (`[1, p. 4]`) only where `locators` says so.
pub fn group<'a>(
    open: char,
    close: char,
    locators: bool,
) -> impl Parser<&'a str, Output = Vec<NumItem>, Error = nom::error::Error<&'a str>> {
    map(
        (
            char(open),
            hspace,
            item_list,
            opt(cond(locators, locator)),
            hspace,
            char(close),
        ),
        |(_, _, mut items, _, _, _)| {
            // a marker's list lives as long as the manuscript: no spare room
            items.shrink_to_fit();
            items
        },
    )
}

/// Words that open a locator inside a citation: `[1, p. 4]`, `[3, Fig.
/// 2]`, `[2, Ch. 3]` (IEEE and the humanities' numeric styles).
const LOCATOR_WORDS: &[&str] = &[
    "p",
    "pp",
    "page",
    "pages",
    "fig",
    "figs",
    "figure",
    "ch",
    "chap",
    "chapter",
    "sec",
    "sect",
    "section",
    "thm",
    "theorem",
    "lemma",
    "eq",
    "eqs",
    "table",
    "tab",
    "app",
    "appendix",
    "vol",
    "l",
    "ll",
    "line",
    "lines",
    "col",
    "para",
    "def",
    "prop",
    "cor",
    "alg",
    "algorithm",
    "ex",
    "example",
    "note",
    "n",
];

/// A locator after the numbers of a bracket group: `, p. 4`, `, Fig. 2b`,
/// `, pp. 4–6`, `, Sec. 2.1`: a separator, a locator word, then up to 40
/// characters that are not a bracket or a line break.
pub fn locator(i: &str) -> IResult<&str, &str> {
    recognize((
        hspace,
        one_of(",;"),
        hspace,
        nom::combinator::verify(take_while1(char::is_alphabetic), |w: &str| {
            LOCATOR_WORDS.iter().any(|l| l.eq_ignore_ascii_case(w))
        }),
        opt(char('.')),
        take_while1(is_word_space),
        take_while_m_n(1, 40, |c: char| {
            !matches!(c, '[' | ']' | '［' | '］' | '【' | '】' | '\n' | '\r')
        }),
    ))
    .parse(i)
}

/// A bracket group in any of its bracket shapes: `[…]`, `［…］`, `【…】`,
/// with an optional locator (`[1, p. 4]`).
pub fn bracket_group(i: &str) -> IResult<&str, Vec<NumItem>> {
    alt((
        group('[', ']', true),
        group('［', '］', true),
        group('【', '】', true),
    ))
    .parse(i)
}

/// A parenthesised group: `(…)` or `（…）`.
pub fn paren_group(i: &str) -> IResult<&str, Vec<NumItem>> {
    alt((group('(', ')', false), group('（', '）', false))).parse(i)
}

/// The second half of a range written across two brackets: the `–[9]` of
/// `[5]–[9]`. Accepts `hspace dash hspace [ number ]` (the caret form too).
pub fn bracket_range_tail(i: &str) -> IResult<&str, u32> {
    let (i, _) = (hspace, dash, hspace, opt(char('^'))).parse(i)?;
    let (i, items) = bracket_group(i)?;
    match items.as_slice() {
        [NumItem::Single(n)] => Ok((i, *n)),
        _ => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        ))),
    }
}

/// The value of a Unicode superscript digit.
pub fn superscript_digit(c: char) -> Option<u32> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 - '⁴' as u32 + 4),
        _ => None,
    }
}

/// A number in superscript digits: `¹²`.
fn superscript_number(i: &str) -> IResult<&str, u32> {
    map_res(
        recognize(take_while_m_n(1, 4, |c| superscript_digit(c).is_some())),
        |s: &str| -> Result<u32, ()> {
            Ok(s.chars()
                .filter_map(superscript_digit)
                .fold(0, |n, d| n * 10 + d))
        },
    )
    .parse(i)
}

/// A superscript item: `¹`, `¹⁻³`, `¹–³`.
fn superscript_item(i: &str) -> IResult<&str, NumItem> {
    let (i, a) = superscript_number(i)?;
    let (i, b) = opt(preceded(
        alt((tag("⁻"), tag("–"), tag("-"))),
        superscript_number,
    ))
    .parse(i)?;
    Ok((i, b.map_or(NumItem::Single(a), |b| NumItem::Range(a, b))))
}

/// A run of superscript items separated by commas: `¹,²,⁵⁻⁷`.
pub fn superscript_group(i: &str) -> IResult<&str, Vec<NumItem>> {
    separated_list1(alt((tag(","), tag("˒"), tag("'"))), superscript_item).parse(i)
}

/// The word that names a reference by number: `ref`, `ref.`, `refs.`,
/// `reference`, `references` (any case), and the space after it.
pub fn textual_keyword(i: &str) -> IResult<&str, &str> {
    recognize((
        alt((
            tag_no_case("references"),
            tag_no_case("reference"),
            tag_no_case("refs"),
            tag_no_case("ref"),
        )),
        opt(char('.')),
        take_while1(is_word_space),
    ))
    .parse(i)
}

/// A space between words: space or no-break space (never a line break).
fn is_word_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}'
}

/// Between the numbers of a textual reference: `, `, ` and `, `, and `,
/// ` & `.
fn textual_separator(i: &str) -> IResult<&str, &str> {
    let and = || (alt((tag("and"), tag("&"))), take_while1(is_word_space));
    alt((
        recognize((char(','), take_while(is_word_space), opt(and()))),
        recognize((take_while(is_word_space), and())),
    ))
    .parse(i)
}

/// `ref. 7`, `refs 3, 5 and 8–10`: the keyword, then items. The last
/// number must end the word (`ref. 7b` and `ref. 7.2` are not citations).
/// The word spelt out, `reference 3`, also names other things (`reference
/// 1 mM`, `reference 3 is cited first`): it counts only before
/// punctuation.
pub fn textual_group(i: &str) -> IResult<&str, Vec<NumItem>> {
    let (after_kw, kw) = textual_keyword(i)?;
    let (rest, items) = separated_list1(textual_separator, item).parse(after_kw)?;
    let spelt = kw.trim_end().len() > "refs.".len();
    let mut chars = rest.chars();
    let ends = match chars.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('.' | ',') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(' ' | '\u{a0}' | '\t' | '\n' | '\r') => !spelt,
        Some(_) => true,
    };
    if !ends {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, items))
}

// ------------------------------------------------------------ scanning

/// Offsets of every byte where a numeric marker may start: `[`, `(`, `^`,
/// and the lead bytes of `［`, `（`, `【` and the superscript digits.
/// The fast version uses memchr; [`candidates_naive`] is its reference.
pub fn candidates(text: &str) -> Vec<usize> {
    candidates_iter(text).collect()
}

/// [`candidates`] as an iterator, in increasing order, without holding
/// them all (a file of `[[[[…` has one per byte).
pub fn candidates_iter(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    let mut first = memchr::memchr3_iter(b'[', b'(', 0xEF, b)
        .filter(move |&p| b[p] != 0xEF || is_wide_start(b, p))
        .peekable();
    let mut second = memchr::memchr3_iter(0xE3, 0xC2, 0xE2, b)
        .filter(move |&p| is_wide_start(b, p))
        .peekable();
    std::iter::from_fn(move || match (first.peek(), second.peek()) {
        (Some(&a), Some(&c)) if c < a => second.next(),
        (Some(_), _) => first.next(),
        (None, _) => second.next(),
    })
}

/// The byte-by-byte reference for [`candidates`].
pub fn candidates_naive(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&p| b[p] == b'[' || b[p] == b'(' || is_wide_start(b, p))
        .collect()
}

/// Whether a multi-byte marker opener starts at `p`.
fn is_wide_start(b: &[u8], p: usize) -> bool {
    let rest = &b[p..];
    rest.starts_with("［".as_bytes())
        || rest.starts_with("（".as_bytes())
        || rest.starts_with("【".as_bytes())
        || ["¹", "²", "³", "⁰", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
            .iter()
            .any(|d| rest.starts_with(d.as_bytes()))
}

/// The window of text a marker starting at `p` may span.
fn window(text: &str, p: usize) -> &str {
    let mut end = (p + MAX_MARKER_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[p..end]
}

/// Whether `c` can be part of an identifier in code. Han, kana and hangul
/// are not: Chinese, Japanese and Korean write a citation glued to the
/// words around it (`研究[1]表明`).
fn is_ident(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !is_cjk_script(c)
}

/// Whether `c` belongs to a script written without spaces between words
/// (Han, kana) or with particles glued to words (hangul), full-width forms
/// included.
pub fn is_cjk_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF // hiragana, katakana
        | 0x3400..=0x4DBF // Han extension A
        | 0x4E00..=0x9FFF // Han
        | 0xAC00..=0xD7AF // hangul syllables
        | 0xF900..=0xFAFF // Han compatibility
        | 0xFF10..=0xFF19 // full-width digits
        | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A // full-width letters
        | 0xFF66..=0xFF9F // half-width katakana
        | 0x20000..=0x2FA1F // Han extensions B-F, compatibility supplement
    )
}

/// Short words that a citation never follows directly: a bracket glued to
/// one (`to[1]`, `for[2]`) is an array or an index, not a citation.
const FUNCTION_WORDS: &[&str] = &[
    "the", "and", "for", "with", "from", "into", "onto", "than", "then", "that", "this", "these",
    "those", "its", "are", "was", "were", "has", "had", "have", "not", "but", "nor", "via", "per",
    "our", "their", "which", "who", "whom", "whose", "where", "when", "while", "upon", "over",
    "under", "between", "let", "var", "int", "new", "return", "else", "elif",
    // the names of Greek letters and of functions, which index and take
    // arguments in maths (`beta[1]`, `max[2]`)
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
    "sigma", "tau", "phi", "chi", "psi", "omega", "sum", "max", "min", "log", "exp", "sin", "cos",
    "tan", "cov", "det", "arg", "argmax", "argmin", "abs", "len", "std",
];

/// Whether `word`, the identifier-like run a bracket group is glued to,
/// is a word of prose that a citation may follow (`cancer[4]`,
/// `USEPA[11]`, `BRCA1[3]`, `2012[1]`): at least three characters with
/// two letters (two capitals make an acronym: `UK[2]`), or a number of
/// two digits or more; not a function word. A single letter (`t[1]`,
/// `p[1]`), a short lower-case word (`to[1]`, `xy[2]`) or a letter with a
/// number (`x1[2]`) is a variable.
fn is_prose_word(word: &str, before: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let digits = word.chars().filter(char::is_ascii_digit).count();
    let len = word.chars().count();
    if letters == 0 {
        return digits >= 2;
    }
    if word == "al" {
        // `Smith et al[3]`
        return before.trim_end_matches(is_hspace).ends_with("et");
    }
    let acronym = len == 2 && word.chars().all(char::is_uppercase);
    (len >= 3 && letters >= 2 || acronym)
        && !FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(word))
}

/// Whether the same `word` is indexed by another bracket group right
/// before or after the group at `span`, with at most a connective between
/// (`PC[1] and PC[2]`, `t[1] vs t[2]`, `x[1], x[2]`): a series of indices,
/// not a word cited twice.
fn indexed_nearby(text: &str, span: Span, word: &str) -> bool {
    let connective = |between: &str| {
        matches!(
            between.trim_matches(|c: char| is_hspace(c) || c == ','),
            "" | "/" | "-" | "–" | "and" | "or" | "vs" | "vs." | "to" | "&" | "×"
        )
    };
    let pattern = format!("{word}[");
    // after: `… ]<connective> word[`
    let after_end = floor_boundary(text, (span.end + 12 + pattern.len()).min(text.len()));
    let after = &text[span.end..after_end];
    if let Some(k) = after.find(&pattern) {
        if connective(&after[..k]) {
            return true;
        }
    }
    // before: `word[…]<connective> word[` ending at this group
    let start = span.start - word.len();
    let before_start = floor_boundary(text, start.saturating_sub(MAX_MARKER_BYTES));
    let before = &text[before_start..start];
    before.rfind(&pattern).is_some_and(|k| {
        let close = before[k..].find(']').map_or(before.len(), |c| k + c + 1);
        connective(&before[close..]) && !before[..k].chars().next_back().is_some_and(is_ident)
    })
}

/// The largest char boundary of `text` at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether the group at `span` is glued to a word of a script that sets
/// words apart (`cancer[4]`; not `研究[1]`, nor `^[2]`).
pub fn glued_to_word(text: &str, span: Span) -> bool {
    text[..span.start].chars().next_back().is_some_and(is_ident)
}

/// Whether `c` is an operator of maths or code that puts a bracket group
/// next to it into a formula (`t[1]/t[2]`, `x[1]+1`, `a[2]*b`).
fn is_operator(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '*' | '/' | '^' | '<' | '>' | '≤' | '≥' | '×' | '·' | '≠'
    )
}

/// Whether the group at `span` reads as code or maths (`array[3]`, `x[1]
/// = 2`, `m[2][3]`, `t[1]/t[2]`, `p[1] loadings`, `to[1]`) rather than as
/// a citation glued to a word (`cancer[4].`, `研究[1]表明`). A group glued
/// to an identifier is a citation only when the evidence says so: the word
/// is a word of prose (see [`is_prose_word`]), nothing glued to it on the
/// left makes it a member (`obj.arr[1]`), and nothing after the group
/// continues a formula or an identifier. `lines` remembers the verdict on
/// the last line looked at, so that a long line with many markers is read
/// once, not once per marker.
fn looks_like_code(text: &str, span: Span, lines: &mut CodeLines) -> bool {
    let before = text[..span.start].chars().next_back();
    let mut after = text[span.end..].chars();
    let next = after.next();
    let next2 = after.next();
    if before == Some('_') {
        return true;
    }
    if before == Some(']') {
        // `a[1][2]` is code; `see [1][2][3]` is three citations: what
        // stands before the first group of the chain decides.
        let mut at = span.start;
        while text[..at].ends_with(']') {
            match text[..at - 1].rfind('[') {
                Some(open) if at - open <= MAX_MARKER_BYTES => at = open,
                _ => return true,
            }
        }
        return text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| is_ident(c) || c == ')');
    }
    if !before.is_some_and(is_ident) {
        return false;
    }
    let head = &text[..span.start];
    let word_len: usize = head
        .chars()
        .rev()
        .take_while(|&c| is_ident(c))
        .map(char::len_utf8)
        .sum();
    let word = &head[head.len() - word_len..];
    let left = &head[..head.len() - word_len];
    if word.contains('_') || !is_prose_word(word, left) {
        return true;
    }
    // `PC[1] and PC[2]`, `load[2]/load[3]`: the same word indexed twice
    // close by is notation (a word of prose is not cited twice in a line).
    if indexed_nearby(text, span, word) {
        return true;
    }
    // `obj.arr[1]`, `$x[1]`, `y=arr[1]`: a member, a variable, an
    // assignment (a sentence after a full stop starts with a capital).
    let lower = word.starts_with(|c: char| c.is_lowercase());
    if left.chars().next_back().is_some_and(|c| {
        matches!(c, '$' | '@' | '#' | '\\' | '=' | '*' | '^' | '<' | '>') || c == '.' && lower
    }) {
        return true;
    }
    // `data[1] / data[2]`: the second operand of a formula.
    let mut left_rev = left.trim_end_matches(is_hspace).chars().rev();
    if left_rev.next().is_some_and(is_operator)
        && left_rev
            .find(|&c| !is_hspace(c))
            .is_some_and(|c| matches!(c, ']' | ')') || c.is_ascii_digit())
    {
        return true;
    }
    let after_space = text[span.end..].trim_start_matches([' ', '\u{a0}', '\t']);
    let mut rest = after_space.chars();
    let (a1, a2) = (rest.next(), rest.next());
    // (an operator at the text's or line's end leaves the formula open just
    // as one before a space does: `array[3]^`)
    if a1.is_some_and(is_operator) && a2.is_none_or(|c| is_ident(c) || c.is_whitespace()) {
        return true;
    }
    match next {
        Some(c) if is_ident(c) || c == '[' || c == '(' => true,
        Some('.') => next2.is_some_and(|c| c.is_alphanumeric()),
        Some('-') => next2.is_some_and(is_ident),
        _ => lines.looks_like_code(text, span),
    }
}

/// The code verdict on the last line asked about: `(start, end, verdict)`.
#[derive(Default)]
struct CodeLines(Option<(usize, usize, bool)>);

impl CodeLines {
    /// [`line_looks_like_code`] for the line around `span`, from memory
    /// when `span` is on the line asked about last.
    fn looks_like_code(&mut self, text: &str, span: Span) -> bool {
        if let Some((start, end, verdict)) = self.0 {
            if start <= span.start && span.end <= end {
                return verdict;
            }
        }
        let start = memchr::memrchr(b'\n', &text.as_bytes()[..span.start]).map_or(0, |p| p + 1);
        let end = memchr::memchr(b'\n', &text.as_bytes()[span.end..])
            .map_or(text.len(), |p| span.end + p);
        let verdict = line_looks_like_code(&text[start..end]);
        self.0 = Some((start, end, verdict));
        verdict
    }
}

/// Whether a line has the punctuation of program code: an assignment, a
/// statement-ending `;`, braces, `->`, `::` or `==`.
fn line_looks_like_code(line: &str) -> bool {
    let line = line.trim_end();
    line.ends_with(';')
        || line.ends_with('{')
        || line.contains(" = ")
        || line.contains("==")
        || line.contains("->")
        || line.contains("::")
        || line.starts_with("let ")
}

/// Whether the superscript run at `span` follows a word (a citation) rather
/// than a number or a unit (`10⁶`, `km²`).
fn superscript_follows_word(text: &str, start: usize) -> bool {
    let before = &text[..start];
    match before.chars().next_back() {
        Some(c) if ".,;:)]".contains(c) => true,
        Some(c) if c.is_alphabetic() => {
            let word: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect();
            word.chars().count() >= 3
        }
        _ => false,
    }
}

/// Every reference by number in words (`ref. 7`, `refs 3 and 5`) in
/// `text[region]`, in order: found from each `r`/`R` that starts a word.
pub fn scan_textual(text: &str, region: Span) -> Vec<NumericMarker> {
    let mut out = Vec::new();
    let Some(slice) = text.get(region.start..region.end) else {
        return out;
    };
    let b = slice.as_bytes();
    for p in memchr::memchr2_iter(b'r', b'R', b) {
        if slice[..p]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let w = window(slice, p);
        if let Ok((rest, items)) = textual_group(w) {
            let start = region.start + p;
            out.push(NumericMarker {
                span: Span::new(start, start + (w.len() - rest.len())),
                kind: NumericKind::Textual,
                items,
            });
        }
    }
    out
}

/// Every syntactically valid numeric marker in `text[region]`, in order.
/// Spans are offsets into `text`.
pub fn scan(text: &str, region: Span) -> Vec<NumericMarker> {
    scan_with(text, region, true)
}

/// Every group of numbers in brackets in `text[region]` (`[1]`, `［2］`,
/// `^[3]`, `t[1]`, `a[3]`), code and index notation included: what a
/// renumbering must account for. Spans are offsets into `text`.
pub fn bracket_groups(text: &str, region: Span) -> Vec<NumericMarker> {
    scan_with(text, region, false)
        .into_iter()
        .filter(|m| matches!(m.kind, NumericKind::Bracket | NumericKind::Caret))
        .collect()
}

/// [`scan`], leaving out what reads as code only when `drop_code` says so.
fn scan_with(text: &str, region: Span, drop_code: bool) -> Vec<NumericMarker> {
    let mut out: Vec<NumericMarker> = Vec::new();
    let Some(slice) = text.get(region.start..region.end) else {
        return out;
    };
    let mut skip_until = 0;
    let mut code_lines = CodeLines::default();
    for rel in candidates_iter(slice) {
        let p = region.start + rel;
        if p < skip_until {
            continue;
        }
        let w = window(&text[..region.end], p);
        let first = w.as_bytes()[0];
        let (kind, parsed) = match first {
            b'[' => (NumericKind::Bracket, bracket_group(w)),
            b'(' => (NumericKind::Paren, paren_group(w)),
            _ if w.starts_with('［') || w.starts_with('【') => {
                (NumericKind::Bracket, bracket_group(w))
            }
            _ if w.starts_with('（') => (NumericKind::Paren, paren_group(w)),
            _ => (NumericKind::Superscript, superscript_group(w)),
        };
        let Ok((rest, mut items)) = parsed else {
            continue;
        };
        let mut span = Span::new(p, p + (w.len() - rest.len()));
        let mut kind = kind;
        match kind {
            NumericKind::Bracket => {
                if p > 0 && text.as_bytes()[p - 1] == b'^' {
                    kind = NumericKind::Caret;
                    span.start = p - 1;
                } else if drop_code && looks_like_code(text, span, &mut code_lines) {
                    continue;
                }
                if let ([NumItem::Single(a)], Ok((rest2, b))) =
                    (items.as_slice(), bracket_range_tail(rest))
                {
                    items = vec![NumItem::Range(*a, b)];
                    span.end += rest.len() - rest2.len();
                }
            }
            NumericKind::Paren => {
                if drop_code && looks_like_code(text, span, &mut code_lines) {
                    continue;
                }
            }
            NumericKind::Superscript => {
                if !superscript_follows_word(text, p) {
                    skip_until = span.end;
                    continue;
                }
            }
            NumericKind::Caret | NumericKind::Textual | NumericKind::Flattened => {}
        }
        skip_until = span.end;
        out.push(NumericMarker { span, kind, items });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumItem::{Range, Single};

    #[test]
    fn grammar_pieces_leave_the_rest() {
        assert_eq!(number("12]"), Ok(("]", 12)));
        assert!(number("x").is_err());
        assert_eq!(dash("–5"), Ok(("5", '–')));
        assert_eq!(item("3-5]"), Ok(("]", Range(3, 5))));
        assert_eq!(item("3 – 5,"), Ok((",", Range(3, 5))));
        assert_eq!(item("7, 8"), Ok((", 8", Single(7))));
        assert_eq!(separator(" , 2"), Ok(("2", ',')));
        assert_eq!(separator("; 2"), Ok(("2", ';')));
        assert_eq!(
            item_list("1, 3-5, 9] rest"),
            Ok(("] rest", vec![Single(1), Range(3, 5), Single(9)]))
        );
        assert_eq!(
            bracket_group("[1,2] x"),
            Ok((" x", vec![Single(1), Single(2)]))
        );
        assert_eq!(bracket_group("［1］。"), Ok(("。", vec![Single(1)])));
        assert_eq!(bracket_group("[1, p. 4] x"), Ok((" x", vec![Single(1)])));
        assert_eq!(
            bracket_group("[2, 3, pp. 4–6]."),
            Ok((".", vec![Single(2), Single(3)]))
        );
        assert_eq!(bracket_group("[3, Fig. 2b]"), Ok(("", vec![Single(3)])));
        assert_eq!(bracket_group("[4; Sec. 2.1]"), Ok(("", vec![Single(4)])));
        assert_eq!(locator(", Ch. 3] x"), Ok(("] x", ", Ch. 3")));
        assert!(bracket_group("[1, see also 2]").is_err());
        assert!(bracket_group("[1, p.]").is_err());
        assert_eq!(bracket_group("【12】"), Ok(("", vec![Single(12)])));
        assert_eq!(paren_group("(5–7) and"), Ok((" and", vec![Range(5, 7)])));
        assert_eq!(bracket_range_tail("–[9] x"), Ok((" x", 9)));
        assert_eq!(
            superscript_group("¹⁻³,⁵ x"),
            Ok((" x", vec![Range(1, 3), Single(5)]))
        );
    }

    #[test]
    fn textual_references_leave_the_rest() {
        let cases: &[(&str, &str, &[NumItem])] = &[
            ("ref. 7 shows", " shows", &[Single(7)]),
            ("Ref 7.", ".", &[Single(7)]),
            ("refs 3 and 5–7)", ")", &[Single(3), Range(5, 7)]),
            (
                "Refs. 3, 4, and 9, p",
                ", p",
                &[Single(3), Single(4), Single(9)],
            ),
            ("references 2 & 4;", ";", &[Single(2), Single(4)]),
            ("reference 3.", ".", &[Single(3)]),
            ("reference\u{a0}12", "", &[Single(12)]),
        ];
        for (text, rest, items) in cases {
            assert_eq!(textual_group(text), Ok((*rest, items.to_vec())), "{text}");
        }
        assert_eq!(textual_keyword("Refs. 3"), Ok(("3", "Refs. ")));
        for s in [
            "ref. 7b",
            "ref 7.2",
            "ref.7",
            "refer 3",
            "refs and 3",
            "reference 1 mM",
            "reference 3 is cited",
        ] {
            assert!(textual_group(s).is_err(), "{s}");
        }
    }

    #[test]
    fn textual_scan_matches_trying_every_position() {
        let text = "Ref 1, rref 2; (refs. 3 and 4) Éref 5 reference 6, ref\u{a0}7 r R ref. 8";
        let naive: Vec<Span> = (0..text.len())
            .filter(|&p| text.is_char_boundary(p))
            .filter(|&p| {
                !text[..p]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
            .filter_map(|p| {
                let (rest, _) = textual_group(&text[p..]).ok()?;
                Some(Span::new(p, text.len() - rest.len()))
            })
            .collect();
        let fast: Vec<Span> = scan_textual(text, Span::new(0, text.len()))
            .iter()
            .map(|m| m.span)
            .collect();
        assert_eq!(fast, naive);
        assert_eq!(fast.len(), 5);
    }

    #[test]
    fn textual_scan_needs_a_word_start() {
        let text = "As ref. 2 and Ref 3 show; preference 4, föref 5.";
        let found: Vec<&str> = scan_textual(text, Span::new(0, text.len()))
            .iter()
            .map(|m| m.span.slice(text))
            .collect();
        assert_eq!(found, vec!["ref. 2", "Ref 3"]);
    }

    #[test]
    fn look_alikes_do_not_parse() {
        for s in [
            "[sic]", "[n = 40]", "[0.5, 1]", "[1,,2]", "[1-]", "[]", "[,]", "(a)", "(Fig. 3)",
        ] {
            assert!(
                bracket_group(s).is_err() && paren_group(s).is_err(),
                "{s} parsed"
            );
        }
    }

    fn found(text: &str) -> Vec<(&str, NumericKind, Vec<NumItem>)> {
        scan(text, Span::new(0, text.len()))
            .into_iter()
            .map(|m| (m.span.slice(text), m.kind, m.items))
            .collect()
    }

    #[test]
    fn scanner_finds_every_form_with_exact_spans() {
        use NumericKind::*;
        let text = "a [1] b [1,2] c [1, 2] d [3-5] e [3–5] f [3—5] g [1, 3-5, 9] \
                    h [5]–[9] i cancer^[1] j x^[2,3] k ［1］ l 【1】 m (5–7) n word¹⁻³.";
        let got = found(text);
        let want = vec![
            ("[1]", Bracket, vec![Single(1)]),
            ("[1,2]", Bracket, vec![Single(1), Single(2)]),
            ("[1, 2]", Bracket, vec![Single(1), Single(2)]),
            ("[3-5]", Bracket, vec![Range(3, 5)]),
            ("[3–5]", Bracket, vec![Range(3, 5)]),
            ("[3—5]", Bracket, vec![Range(3, 5)]),
            (
                "[1, 3-5, 9]",
                Bracket,
                vec![Single(1), Range(3, 5), Single(9)],
            ),
            ("[5]–[9]", Bracket, vec![Range(5, 9)]),
            ("^[1]", Caret, vec![Single(1)]),
            ("^[2,3]", Caret, vec![Single(2), Single(3)]),
            ("［1］", Bracket, vec![Single(1)]),
            ("【1】", Bracket, vec![Single(1)]),
            ("(5–7)", Paren, vec![Range(5, 7)]),
            ("¹⁻³", Superscript, vec![Range(1, 3)]),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_marker_wrapped_over_two_lines() {
        let got = found("as seen [18,\n19] and [36,\r\n38-40].");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].2, vec![NumItem::Single(18), NumItem::Single(19)]);
        assert_eq!(got[1].2, vec![NumItem::Single(36), NumItem::Range(38, 40)]);
    }

    #[test]
    fn three_bracketed_numbers_are_three_markers() {
        let got = found("seen [1], [2], [3].");
        assert_eq!(got.len(), 3);
        assert_eq!(got[2].0, "[3]");
    }

    #[test]
    fn code_and_units_are_not_markers() {
        assert!(found("let y = array[3];").is_empty());
        assert!(found("x = m[1][2]").is_empty());
        assert_eq!(found("as in [1][2][3].").len(), 3);
        assert!(found("x[1] = 2").is_empty());
        assert!(found("m[2][3]").is_empty());
        assert!(found("my_list[2]").is_empty());
        // an operator left open reads the same at the end of the text as
        // before a space (found by the trailing-white-space property)
        assert_eq!(found("[1]array[3]^"), found("[1]array[3]^ "));
        assert!(found("sum[3]^\nx").len() == found("sum[3]^ x").len());
        assert!(found("an area of 5 km² and 10⁶ cells").is_empty());
        assert_eq!(found("in P. vivax[20] when").len(), 1);
        assert_eq!(found("of cancer[4]. The").len(), 1);
    }

    #[test]
    fn a_group_glued_to_a_word_is_a_citation_only_on_the_evidence() {
        // (text, the groups read as citations)
        let cases: &[(&str, &[&str])] = &[
            ("the t[1]/t[2] score plot", &[]),
            ("p[1] loadings were high", &[]),
            ("with x[n-1] and y", &[]),
            ("we set a[3] = 0 here", &[]),
            ("mapped to[1] in order", &[]),
            ("values x1[2] and xy[3] rose", &[]),
            ("the sum x[1]+x[2] of", &[]),
            ("as obj.arr[1] shows", &[]),
            ("y=arr[2] and", &[]),
            ("as b[1]-b[2] differs", &[]),
            ("the ratio data[1] / data[2] rose", &[]),
            ("the PC[1] and PC[2] scores", &[]),
            ("weights beta[1] fitted", &[]),
            ("the t[1] vs t[2] plot", &[]),
            ("studies[1] agree; other studies[2] found", &["[1]", "[2]"]),
            ("of cancer[4]. The", &["[4]"]),
            ("in P. vivax[20] when", &["[20]"]),
            ("during 2011 and 2012[1]. These", &["[1]"]),
            ("reported to the USEPA[11] test", &["[11]"]),
            ("in the UK[2], and", &["[2]"]),
            ("the BRCA1[3] gene", &["[3]"]),
            ("as Smith et al[5] showed", &["[5]"]),
            ("in HIV/AIDS[6] care", &["[6]"]),
            ("S. mansoni[26]–[28] or", &["[26]–[28]"]),
            ("研究[1]表明", &["[1]"]),
            ("研究［1］表明", &["［1］"]),
            ("研究[1-2]表明", &["[1-2]"]),
            ("研究[1]では", &["[1]"]),
            ("연구[3]에서", &["[3]"]),
            ("问题[1]。", &["[1]"]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = found(text).into_iter().map(|m| m.0).collect();
            assert_eq!(got, *want, "{text}");
        }
    }

    #[test]
    fn bracket_groups_keep_code_and_index_notation() {
        let text = "t[1]/t[2], a[3] = 0, see [4], ^[5], (6), x[n-1], [7]–[9]";
        let got: Vec<&str> = bracket_groups(text, Span::new(0, text.len()))
            .iter()
            .map(|m| m.span.slice(text))
            .collect();
        assert_eq!(got, ["[1]", "[2]", "[3]", "[4]", "^[5]", "[7]–[9]"]);
    }

    #[test]
    fn prose_words_and_variables() {
        for (word, before, prose) in [
            ("cancer", "of ", true),
            ("t", "the ", false),
            ("to", "mapped ", false),
            ("the", "", false),
            ("UK", "the ", true),
            ("xy", "", false),
            ("x1", "", false),
            ("CD4", "", true),
            ("2012", "in ", true),
            ("7", "", false),
            ("al", "Smith et ", true),
            ("al", "", false),
        ] {
            assert_eq!(is_prose_word(word, before), prose, "{word}");
        }
    }

    #[test]
    fn deep_brackets_are_linear_and_empty() {
        let text = "[".repeat(10_000);
        assert!(found(&text).is_empty());
        let text = "[1,".repeat(10_000);
        assert!(found(&text).is_empty());
    }

    #[test]
    fn memchr_prescan_matches_naive() {
        let samples = [
            "",
            "plain",
            "a [1] (2) ［3］ 【4】 （5） ¹ ² ³ ⁴ ⁹ ⁰ é – — ‘’ “” 中文",
            "¹⁻³,² [x](y)[[",
            "\u{ef}\u{e3}\u{c2}\u{e2}",
        ];
        for s in samples {
            assert_eq!(candidates(s), candidates_naive(s), "{s:?}");
        }
        // every char boundary of a mixed string
        let mixed = "x¹[1]（2）【3】£€∑½ⅳ[";
        for (i, _) in mixed.char_indices() {
            let s = &mixed[i..];
            assert_eq!(candidates(s), candidates_naive(s), "{s:?}");
        }
    }
}
