//! Splitting an unnumbered list: by paragraphs when blank lines separate
//! the entries, otherwise by lines (an indented line continues the entry
//! above it).

use super::clues::{
    first_family, first_year, floor_boundary, looks_like_reference, opens_like_author,
    reads_like_prose, starts_like_entry,
};
use super::heading::is_notes_heading;
use super::lines::{is_blank, opener, trimmed, Line, Opener};
use super::{push_entry, EmptyItem, RefList};
use crate::source::Span;

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
pub(super) fn one_entry_a_line(text: &str, lines: &[Line]) -> bool {
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
pub(super) fn split_unnumbered(
    text: &str,
    lines: &[Line],
    by_paragraph: bool,
    list: &mut RefList,
) -> usize {
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
    use super::super::tests::entries;
    use super::opens_with_name;

    #[test]
    fn an_undated_entry_does_not_end_the_list() {
        let text = "Text (Adams 2001) and (Zorn 2003).\n\nReferences\n\nAdams J. 2001. Title. J 1: 1.\n\nOrtiz L, Baumann K. Sorting of vesicles in cells. Traffic 4:55-61.\n\nPeters K. 2002. Title. J 2: 2.\n\nZorn A. 2003. Title. J 3: 3.\n";
        let got = entries(text);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[1].0.starts_with("Ortiz L"));
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
}
