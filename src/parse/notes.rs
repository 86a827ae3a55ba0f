//! Notes-bibliography manuscripts (Chicago, the humanities): the text
//! carries note numbers, a `Notes` section holds the numbered notes, and
//! the notes cite the works of an unnumbered bibliography by author, title
//! and publication facts (`1. Frederick Jackson Turner, The Frontier in
//! American History (New York: Henry Holt, 1920), 1–38.`, later `3. Turner,
//! Frontier, 45.`).
//!
//! The notes are not author-year citations, so the scanners leave the
//! section alone (`(New York: Henry Holt, 1920)` is no citation of `Henry
//! Holt`). Instead every mention of a bibliography author in a note becomes
//! a [`MarkerKind::Note`](super::MarkerKind::Note) marker citing that
//! author's work: the one whose year the note gives, or, in a short note
//! without a year, the author's only work. A bibliography entry that no note
//! and no citation names is then reported uncited like any other.

use super::author_year::{WorkCite, YearRef};
use super::reflist::{self, RefList};
use crate::link::author_year::{entry_key, fold, EntryKey};
use crate::source::Span;

/// The notes section of a manuscript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notes {
    /// From the heading to the end of the last note.
    pub span: Span,
    /// Each numbered note, its number included.
    pub notes: Vec<Span>,
    /// The number of each note (parallel to `notes`).
    pub numbers: Vec<u32>,
}

/// The number that opens a note (`12.`, `12)`, `12 `, `¹²`), up to 999.
fn note_number(line: &str) -> Option<u32> {
    let sup: Vec<u32> = line
        .chars()
        .map_while(super::numeric::superscript_digit)
        .collect();
    if (1..=3).contains(&sup.len()) {
        let rest = line.trim_start_matches(|c| super::numeric::superscript_digit(c).is_some());
        return (!rest.trim().is_empty()).then(|| sup.iter().fold(0, |n, d| n * 10 + d));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = &line[digits..];
    let after = rest.strip_prefix(['.', ')']).unwrap_or(rest);
    let space = after.len() - after.trim_start_matches([' ', '\t']).len();
    if space == 0 || after.trim().is_empty() {
        return None;
    }
    line[..digits].parse().ok()
}

/// The notes section of `text`, when the manuscript has an unnumbered
/// bibliography `list` and a notes heading outside it followed by numbered
/// notes. The section ends at the bibliography's heading, at another
/// reference heading, or at the end of the text.
pub fn find(text: &str, list: &RefList) -> Option<Notes> {
    if list.style.is_some() {
        return None;
    }
    let mut start = None;
    let mut notes: Vec<Span> = Vec::new();
    let mut numbers: Vec<u32> = Vec::new();
    let mut last_number = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let at = pos;
        pos += line.len();
        let trimmed = line.trim();
        match start {
            None => {
                let outside = at + line.len() <= list.heading.start || at >= list.span.end;
                if outside && reflist::is_notes_heading(trimmed) {
                    start = Some(at);
                }
            }
            Some(_) => {
                if at == list.heading.start || reflist::is_heading(trimmed) {
                    break;
                }
                if trimmed.is_empty() {
                    continue;
                }
                let lead = line.len() - line.trim_start().len();
                let body_end = at + line.trim_end().len();
                // the next note goes on from the last one's number (a
                // wrapped line may start with a page number)
                let next = note_number(&line[lead..]).filter(|&n| {
                    notes.is_empty() || (last_number + 1..=last_number + 5).contains(&n)
                });
                if let Some(n) = next {
                    last_number = n;
                    numbers.push(n);
                    notes.push(Span::new(at + lead, body_end));
                } else if let Some(last) = notes.last_mut() {
                    // a note wrapped over several lines
                    last.end = body_end;
                } else {
                    // prose under the heading before any numbered note:
                    // not a section of numbered notes
                    return None;
                }
            }
        }
    }
    let start = start?;
    let end = notes.last()?.end;
    Some(Notes {
        span: Span::new(start, end),
        notes,
        numbers,
    })
}

/// A word of a note: its byte span and its folded form.
fn words(text: &str, span: Span) -> Vec<(Span, String)> {
    let s = span.slice(text);
    let mut out = Vec::new();
    let mut k = 0;
    for piece in s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-')) {
        let at = span.start + k;
        k += piece.len()
            + s[k + piece.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        let f = fold(piece);
        if !f.is_empty() {
            out.push((Span::new(at, at + piece.len()), f));
        }
    }
    out
}

/// The years a note gives (`1920`, `1987a`).
fn years(words: &[(Span, String)]) -> Vec<u16> {
    words
        .iter()
        .filter_map(|(_, w)| {
            let digits = w.trim_end_matches(|c: char| c.is_ascii_lowercase());
            (digits.len() == 4 && w.len() <= 5)
                .then(|| digits.parse::<u16>().ok())
                .flatten()
                .filter(|y| (1400..=2100).contains(y))
        })
        .collect()
}

/// Which of an author's works (`theirs`, entry indices) a short note means
/// (`3. Turner, Significance, 12.`): the one whose entry holds the most of
/// the words after the name (four letters or more, within the next six
/// words), when one holds more than every other.
fn by_short_title(
    text: &str,
    list: &RefList,
    theirs: &[usize],
    after: &[(Span, String)],
) -> Option<usize> {
    let wanted: Vec<&str> = after
        .iter()
        .take(6)
        .map(|(_, w)| w.as_str())
        .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let mut scored: Vec<(usize, usize)> = theirs
        .iter()
        .map(|&j| {
            let e = list.entries[j].text_span;
            let have: Vec<String> = words(text, e).into_iter().map(|(_, w)| w).collect();
            (
                wanted
                    .iter()
                    .filter(|w| have.iter().any(|h| h == *w))
                    .count(),
                j,
            )
        })
        .collect();
    scored.sort_unstable_by(|a, b| b.cmp(a));
    match scored.as_slice() {
        [(best, j), (next, _), ..] if *best > *next => Some(*j),
        _ => None,
    }
}

/// The citation of entry `key` that a mention stands for.
fn work_of(key: &EntryKey, span: Span) -> WorkCite {
    let raw = match (key.year, key.suffix) {
        (Some(y), Some(s)) => format!("{y}{s}"),
        (Some(y), None) => y.to_string(),
        (None, _) => key.special.clone().unwrap_or_default(),
    };
    WorkCite {
        span,
        names: key.families.clone(),
        etal: key.etal,
        year: YearRef {
            year: key.year,
            suffix: key.suffix,
            raw,
        },
    }
}

/// The note markers: in each note, the first mention of each bibliography
/// author, citing the work of theirs the note points at. Mentions that
/// could stand for several works (two works by the author, no year that
/// tells them apart) are left out rather than guessed.
pub fn markers(text: &str, list: &RefList, notes: &Notes) -> Vec<(Span, Vec<WorkCite>)> {
    let keys: Vec<EntryKey> = list
        .entries
        .iter()
        .map(|e| entry_key(e.text_span.slice(text)))
        .collect();
    let mut out = Vec::new();
    for &note in &notes.notes {
        let ws = words(text, note);
        let note_years = years(&ws);
        let mut found: Vec<(Span, WorkCite)> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            let Some(family) = key.families.first() else {
                continue;
            };
            if seen.contains(&family.as_str()) {
                continue;
            }
            let parts: Vec<&str> = family.split(' ').collect();
            let Some(at) = ws
                .windows(parts.len())
                .position(|w| w.iter().zip(&parts).all(|((_, a), b)| a == b))
            else {
                continue;
            };
            seen.push(family);
            let span = Span::new(ws[at].0.start, ws[at + parts.len() - 1].0.end);
            // the works of this author (same first family name)
            let theirs: Vec<usize> = (i..keys.len())
                .filter(|&j| keys[j].families.first() == Some(family))
                .collect();
            let dated: Vec<usize> = theirs
                .iter()
                .copied()
                .filter(|&j| keys[j].year.is_some_and(|y| note_years.contains(&y)))
                .collect();
            let pick = match (dated.as_slice(), theirs.as_slice()) {
                ([j], _) => Some(*j),
                ([], [j]) if note_years.is_empty() => Some(*j),
                ([], [_, _, ..]) if note_years.is_empty() => {
                    by_short_title(text, list, &theirs, &ws[at + parts.len()..])
                }
                _ => None,
            };
            if let Some(j) = pick {
                found.push((span, work_of(&keys[j], span)));
            }
        }
        found.sort_by_key(|(s, _)| *s);
        out.extend(found.into_iter().map(|(s, w)| (s, vec![w])));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NB: &str = "Introduction\n\nThe frontier thesis.¹ Disputed.² Again.³\n\nNotes\n\n\
1. Frederick Jackson Turner, The Frontier in American History (New York: Henry Holt,\n   1920), 1–38.\n\
2. Patricia Nelson Limerick, The Legacy of Conquest (New York: Norton, 1987), 17.\n\
3. Turner, Frontier, 45.\n\nBibliography\n\n\
Limerick, Patricia Nelson. The Legacy of Conquest. New York: Norton, 1987.\n\
Turner, Frederick Jackson. The Frontier in American History. New York: Henry Holt, 1920.\n\
Holt, Henry. Garrulities of an Octogenarian Editor. Boston: Houghton Mifflin, 1923.\n";

    #[test]
    fn the_notes_section_and_its_notes() {
        let list = reflist::find_with(NB, &[]).expect("bibliography");
        let n = find(NB, &list).expect("notes");
        let got: Vec<&str> = n.notes.iter().map(|s| s.slice(NB)).collect();
        assert_eq!(got.len(), 3);
        assert!(got[0].starts_with("1. Frederick") && got[0].ends_with("1–38."));
        assert_eq!(got[2], "3. Turner, Frontier, 45.");
        assert!(n.span.slice(NB).starts_with("Notes\n"));
    }

    #[test]
    fn mentions_cite_the_dated_or_only_work() {
        let list = reflist::find_with(NB, &[]).expect("bibliography");
        let n = find(NB, &list).expect("notes");
        let got: Vec<(String, String)> = markers(NB, &list, &n)
            .into_iter()
            .map(|(s, w)| (s.slice(NB).to_string(), w[0].year.raw.clone()))
            .collect();
        // Henry Holt in note 1 is a publisher named like an author of the
        // list, but the note's year is not his work's: no citation.
        assert_eq!(
            got,
            [
                ("Turner".to_string(), "1920".to_string()),
                ("Limerick".to_string(), "1987".to_string()),
                ("Turner".to_string(), "1920".to_string()),
            ]
        );
    }

    #[test]
    fn endnotes_after_the_bibliography() {
        let text = "Body.¹ More.²\n\nBibliography\n\n\
Cronon, William. Nature's Metropolis. New York: Norton, 1991.\n\
Limerick, Patricia Nelson. The Legacy of Conquest. New York: Norton, 1987.\n\
Turner, Frederick Jackson. The Frontier in American History. New York: Henry Holt, 1920.\n\n\
Notes\n\n\
1. Frederick Jackson Turner, The Frontier in American History (New York: Henry Holt, 1920), 1–38.\n\
2. Limerick, Legacy, 17.\n";
        let list = reflist::find_with(text, &[]).expect("bibliography");
        assert_eq!(list.entries.len(), 3, "the notes are not entries");
        let n = find(text, &list).expect("notes");
        let got: Vec<&str> = markers(text, &list, &n)
            .iter()
            .map(|(s, _)| s.slice(text))
            .collect();
        assert_eq!(got, ["Turner", "Limerick"]);
    }

    #[test]
    fn a_short_note_names_one_of_two_works_by_its_title() {
        let text = "Body.¹ More.²\n\nNotes\n\n\
1. Turner, Significance, 12.\n\
2. Turner, Frontier, 45.\n\
3. Turner, Essays, 3.\n\n\
Bibliography\n\n\
Cronon, William. Nature's Metropolis. New York: Norton, 1991.\n\
Turner, Frederick Jackson. The Frontier in American History. New York: Henry Holt, 1920.\n\
Turner, Frederick Jackson. The Significance of the Frontier in American History. Chicago: ALA, 1893.\n";
        let list = reflist::find_with(text, &[]).expect("bibliography");
        let n = find(text, &list).expect("notes");
        let got: Vec<String> = markers(text, &list, &n)
            .iter()
            .map(|(_, w)| w[0].year.raw.clone())
            .collect();
        // `Frontier` is in both titles: note 2 is left out, not guessed;
        // `Essays` is in neither
        assert_eq!(got, ["1893"]);
    }

    #[test]
    fn prose_under_a_notes_heading_is_no_notes_section() {
        let text = "Body (Smith, 2008).\n\nNotes\n\nThe authors declare no conflict.\n\nReferences\n\nSmith, J. (2008). Title. J, 1, 1.\n";
        let list = reflist::find_with(text, &[]).expect("list");
        assert_eq!(find(text, &list), None);
    }

    #[test]
    fn note_numbers() {
        assert_eq!(note_number("12. Turner"), Some(12));
        assert_eq!(note_number("3) Turner"), Some(3));
        assert_eq!(note_number("7 Turner"), Some(7));
        assert_eq!(note_number("¹² Turner"), Some(12));
        assert_eq!(note_number("¹Turner"), Some(1));
        assert_eq!(note_number("1920 was"), None);
        assert_eq!(note_number("12."), None);
        assert_eq!(note_number("Turner"), None);
    }
}
