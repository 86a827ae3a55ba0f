//! A reference list that lost its heading (text pasted without it),
//! numbered or not.

use super::clues::{
    first_family, first_year, floor_boundary, looks_like_reference, opens_like_author,
    reads_like_prose, year_at,
};
use super::lines::{is_blank, opener, Line, Opener};
use super::{split, Entry, RefList};
use crate::source::Span;

/// A reference list that lost its heading (text pasted without it),
/// numbered or not.
pub(super) fn headless(text: &str, lines: &[Line], blank_between: &[bool]) -> Option<RefList> {
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

#[cfg(test)]
mod tests {
    use super::super::find;

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
}
