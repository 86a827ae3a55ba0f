//! Reference-section headings (`References`, `5. Bibliography`, `##
//! Works Cited`, `参考文献` …) and the notes headings that end a list.

use nom::branch::alt;
use nom::bytes::complete::take_while1;
use nom::character::complete::char;
use nom::combinator::opt;
use nom::{IResult, Parser};

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
/// `5. Notes` (see [`crate::parse::notes`]). It ends a reference list.
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
}
