//! The type tag (`[J]`, `[M/OL]` …), the list label and the `//` that
//! introduces the containing work.

use super::lex;

/// Finds the type tag: (text before, code, online, text after).
pub(super) fn find_tag(text: &str) -> Option<(&str, &str, bool, &str)> {
    for (i, c) in text.char_indices() {
        if c == '[' || c == '［' {
            if let Ok((rest, (code, ol))) = lex::gbt_tag(&text[i..]) {
                const CODES: [&str; 18] = [
                    "J", "M", "C", "D", "R", "S", "P", "N", "A", "G", "Z", "EB", "DB", "CP", "CM",
                    "DS", "PP", "K",
                ];
                if CODES.contains(&code) {
                    return Some((&text[..i], code, ol, rest));
                }
            }
        }
    }
    None
}

/// Strips a numeric label: `[12] `, `12. `, `［12］`.
pub(super) fn strip_label(t: &str) -> &str {
    let t = t.trim_start();
    for (o, c) in [('[', ']'), ('［', '］')] {
        if let Some(r) = t.strip_prefix(o) {
            if let Some(end) = r.find(c) {
                if !r[..end].is_empty() && r[..end].chars().all(|c| c.is_ascii_digit()) {
                    return r[end + c.len_utf8()..].trim_start();
                }
            }
        }
    }
    t
}

/// Byte offset of the `//` that introduces the containing work, if any.
pub(super) fn part_marker(tail: &str) -> Option<usize> {
    let i = tail.find("//")?;
    (!tail[..i].ends_with(':') && lex::url(tail[..i].rsplit(' ').next().unwrap_or("")).is_err())
        .then_some(i)
}

/// CSL type for a GB/T type code; `tail` is the text after the tag.
pub(super) fn csl_type(code: &str, tail: &str) -> &'static str {
    let part = part_marker(tail).is_some();
    match code {
        "J" => "article-journal",
        "M" if part => "chapter",
        "M" | "G" => "book",
        "C" if part => "paper-conference",
        "C" => "book",
        "D" => "thesis",
        "R" => "report",
        "S" => "standard",
        "P" => "patent",
        "N" => "article-newspaper",
        "EB" | "Z" | "A" => "webpage",
        "DB" | "DS" => "dataset",
        "CP" => "software",
        "CM" => "map",
        "PP" => "article",
        _ => "document",
    }
}
