//! Whether a group of numbers in brackets reads as code or maths
//! (`array[3]`, `t[1]/t[2]`, `x[1] = 2`) rather than as a citation glued
//! to a word (`cancer[4]`, `研究[1]表明`).

use crate::source::Span;

use super::grammar::is_hspace;
use super::MAX_MARKER_BYTES;

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
pub(super) fn looks_like_code(text: &str, span: Span, lines: &mut CodeLines) -> bool {
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
pub(super) struct CodeLines(Option<(usize, usize, bool)>);

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
