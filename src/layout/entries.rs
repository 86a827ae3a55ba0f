//! Where the entries of a reference list start, when nothing but the words
//! says so: no blank line between entries, no indentation (PDF text).
//!
//! The decision is taken over the whole list. A list whose lines open with
//! labels in sequence (`1.`, `2.`, `[3]` …) is split at those labels and
//! nowhere else. Otherwise an entry starts at a line that opens with an
//! author as entries write one (`Smith J,`, `Smith, J.`, `van der Berg
//! (2001)`), with a year soon after, where the line before could end an
//! entry (a full stop, a closing bracket, a page number, a DOI or URL; not
//! a comma or an `and` that carries the author list over).

use crate::parse::author_year::is_particle;
use crate::parse::reflist::{
    first_year_at, floor_boundary, glued_initials, is_combining, label, opens_like_author,
};

/// A line of the list: its text, trimmed.
pub(super) type ListLine<'a> = &'a str;

/// How far into an entry its year may stand (long author lists).
const YEAR_WITHIN: usize = 400;

/// Whether a line could be the last of an entry.
fn could_end(line: &str) -> bool {
    let t = line.trim_end();
    let Some(last) = t.chars().last() else {
        return false;
    };
    if matches!(last, ',' | ';' | '&' | ':' | '-' | '‐' | '–') || t.ends_with(" and") {
        return false;
    }
    if matches!(last, '.' | ')' | ']' | '"' | '”' | '’' | '>' | '。') || last.is_ascii_digit()
    {
        return true;
    }
    let token = t.rsplit(char::is_whitespace).next().unwrap_or(t);
    // an address, or the tail of one broken over lines (`2003.01921.x`)
    token.contains('/')
        || token.starts_with("doi")
        || token.starts_with("http")
        || token.contains(|c: char| c.is_ascii_digit()) && token.contains(['.', '-', '_'])
}

/// Whether line `k` could be the last of an entry: as [`could_end`] says,
/// or as the tail of an address broken over lines without a mark
/// (`https://elifesci‐` / `ences.org/labs/…-manu‐` / `scripts-using-r`).
fn could_end_at(lines: &[ListLine], k: usize) -> bool {
    if could_end(lines[k]) {
        return true;
    }
    let unbroken = |l: &str| !l.contains(char::is_whitespace);
    if !unbroken(lines[k]) || lines[k].ends_with(['-', '‐', '–', ',', ';']) {
        return false;
    }
    let mut j = k;
    while j > 0 {
        j -= 1;
        let token = lines[j].rsplit(char::is_whitespace).next().unwrap_or("");
        if token.starts_with("http") || token.starts_with("www.") || token.contains("://") {
            return true;
        }
        if !unbroken(lines[j]) || k - j > 4 {
            return false;
        }
    }
    false
}

/// Whether the text from line `k` on has a year (or `n.d.`, `in press`)
/// within its first [`YEAR_WITHIN`] bytes, or after an author list however
/// long (`Silberzahn R, Uhlmann EL, … Nosek BA. 2017.`).
fn dated_soon(lines: &[ListLine], k: usize) -> bool {
    let mut read = String::new();
    for l in &lines[k..] {
        if read.len() >= LIST_WITHIN {
            break;
        }
        read.push_str(l);
        read.push(' ');
    }
    let head = &read[..floor_boundary(&read, YEAR_WITHIN)];
    if head.contains("n.d.") || head.contains("in press") {
        return true;
    }
    let Some(at) = first_year_at(&read) else {
        return false;
    };
    at <= YEAR_WITHIN || names_only(&read[..at])
}

/// Whether lines `k` and `k + 1` open with a family name and nothing but
/// names up to a year in parentheses, however the names are run together
/// (`Ainouche MFortune PSalmon AParisod CGrandbastien` /
/// `MAFukunaga KRicou MMisset MT (2009) Hybridization`).
fn names_to_year(lines: &[ListLine], k: usize) -> bool {
    let Some(next) = lines.get(k + 1) else {
        return false;
    };
    let first = lines[k].split([' ', ',']).next().unwrap_or("");
    if !first.starts_with(char::is_uppercase)
        || !first.chars().any(char::is_lowercase)
        || glued_initials(first)
    {
        return false;
    }
    let joined = format!("{} {next}", lines[k]);
    let Some(open) = joined.find(" (") else {
        return false;
    };
    open <= 200 && first_year_at(&joined[open + 2..]) == Some(0) && names_only(&joined[..open])
}

/// How far an author list may run before its year.
const LIST_WITHIN: usize = 2500;

/// Whether `s` is nothing but names: capitalised words and initials,
/// particles, `and`, `&`, `et al.`, between commas.
fn names_only(s: &str) -> bool {
    s.split([',', ' ', '(', ')'])
        .filter(|w| !w.is_empty())
        .all(|w| {
            let name = w.starts_with(char::is_uppercase)
                && w.chars().all(|c| {
                    c.is_alphabetic()
                        || matches!(c, '.' | '-' | '‐' | '\'' | '’')
                        || is_combining(c)
                });
            name || matches!(w, "and" | "&" | "et" | "al." | "al") || is_particle(w)
        })
}

/// The labels that open lines in sequence, as `(line, number)`: from the
/// first label, each next one 1 to 3 higher than the last.
fn label_chain(lines: &[ListLine]) -> Vec<(usize, u32)> {
    let mut chain: Vec<(usize, u32)> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        let Ok((rest, (_, n))) = label(l) else {
            continue;
        };
        if rest.trim().is_empty() && k + 1 == lines.len() {
            continue;
        }
        match chain.last() {
            None if n <= 3 || k < 5 => chain.push((k, n)),
            Some(&(_, p)) if n == p + 1 => chain.push((k, n)),
            Some(&(j, p)) if n > p + 1 && n <= p + 3 && could_end(lines[k - 1]) && k > j => {
                chain.push((k, n))
            }
            _ => {}
        }
    }
    chain
}

/// For each line of a reference list, whether an entry starts there.
pub(super) fn starts(lines: &[ListLine]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let chain = label_chain(lines);
    if numbered_chain(&chain) {
        // runs further on belong too: a column of the list read out of order
        out = label_runs(lines);
        for (k, _) in chain {
            out[k] = true;
        }
        return out;
    }
    for k in 0..lines.len() {
        let opens = opens_like_author(lines[k]) || names_to_year(lines, k);
        let after_end = k == 0
            || could_end_at(lines, k - 1)
            || dated_at_once(lines[k]) && !carries_on(lines[k - 1]);
        out[k] = opens && after_end && dated_soon(lines, k);
    }
    out
}

/// Whether the list's lines open with labels in sequence.
pub(super) fn numbered(lines: &[ListLine]) -> bool {
    numbered_chain(&label_chain(lines))
}

fn numbered_chain(chain: &[(usize, u32)]) -> bool {
    chain.len() >= 3 || chain.len() == 2 && chain[0].1 == 1
}

/// Whether a line opens with names and then its year straight away, as an
/// entry does (`Redman P, Pomeroy PP (2001) …`, `Lee M. 2011. …`): the
/// year within the first 60 bytes, in parentheses or before a full stop.
fn dated_at_once(line: &str) -> bool {
    // a family name, not the initials that carry an author list over
    let first = line.split([' ', ',']).next().unwrap_or("");
    if !first.chars().any(char::is_lowercase) || glued_initials(first) {
        return false;
    }
    let head = &line[..floor_boundary(line, 60)];
    let b = head.as_bytes();
    (1..b.len().saturating_sub(3)).any(|k| {
        b[k..k + 4].iter().all(u8::is_ascii_digit)
            && matches!(&b[k..k + 2], b"19" | b"20")
            && matches!(b[k - 1], b'(' | b' ')
            && matches!(b.get(k + 4), Some(b')' | b'.' | b'a'..=b'z'))
    })
}

/// Whether a line ends where an entry clearly goes on: a comma, `and`,
/// `&`, a colon or a hyphen.
fn carries_on(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with([',', ';', '&', ':', '-', '‐', '–'])
        || t.ends_with(" and")
        || t.ends_with(" in")
        // a name's particle: `van den Hurk JA, van de` / `Vorstenbosch RA`
        || t.rsplit(' ').next().is_some_and(|w| {
            w.len() < t.len() && w.starts_with(char::is_lowercase) && is_particle(w)
        })
}

/// For each line of text outside the reference list, whether it opens an
/// entry that the PDF's reading order put there (a column of the list read
/// before its heading): a run of three lines or more opening with labels
/// in sequence, or a line that opens with an author and a year soon after,
/// after a line that could end an entry.
pub(super) fn strays(lines: &[ListLine]) -> Vec<bool> {
    let mut out = label_runs(lines);
    for k in 1..lines.len() {
        if !out[k]
            && opens_like_author(lines[k])
            && could_end_at(lines, k - 1)
            && dated_soon(lines, k)
        {
            out[k] = true;
        }
    }
    out
}

/// The lines that open with a label in a run of three or more in sequence
/// (`n`, `n+1`, `n+2` …, each within twelve lines of the last).
fn label_runs(lines: &[ListLine]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let labels: Vec<Option<u32>> = lines
        .iter()
        .map(|l| label(l).ok().map(|(_, (_, n))| n))
        .collect();
    let mut k = 0;
    while k < lines.len() {
        let Some(n) = labels[k] else {
            k += 1;
            continue;
        };
        // follow the run n, n+1, n+2 … each within twelve lines
        let mut run = vec![k];
        let mut want = n + 1;
        let mut j = k + 1;
        while j < lines.len() && j <= run[run.len() - 1] + 12 {
            if labels[j] == Some(want) {
                run.push(j);
                want += 1;
            }
            j += 1;
        }
        if run.len() >= 3 {
            for &r in &run {
                out[r] = true;
            }
            k = run[run.len() - 1] + 1;
        } else {
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_dated_at_once() {
        assert!(dated_at_once("Redman P, Pomeroy PP (2001) Grey seal"));
        assert!(dated_at_once("Lee M. 2011. Another"));
        assert!(dated_at_once("Müller Ö, Łukasz Ż (2001) É"));
        assert!(!dated_at_once("Smith J showed in 2001, 2003 and"));
        assert!(!dated_at_once("RF, George RA, Lewis SE. 2000. The genome"));
        assert!(!carries_on("Thesis, the University of St Andrews"));
        assert!(carries_on("Smith J, Brown K,"));
        assert!(carries_on("Opdam FJ, Croes HJ, van den Hurk JA, van de"));
        assert!(!carries_on("Opdam FJ, Croes HJ, van den Hurk JA"));
    }

    fn split(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        let s = starts(&lines);
        let mut out: Vec<String> = Vec::new();
        for (l, start) in lines.iter().zip(s) {
            match out.last_mut() {
                Some(e) if !start => {
                    e.push(' ');
                    e.push_str(l);
                }
                _ => out.push(l.to_string()),
            }
        }
        out
    }

    #[test]
    fn author_year_entries_without_blank_lines() {
        let list = "Anacker AMJ, Beery AK (2013) Life in groups: the roles of\n\
            oxytocin in mammalian society. Front Behav Neurosci\n\
            7:185. doi: 10.3389/fnbeh.2013.00185\n\
            Grippo AJ, Trahanas DM, Zimmerman RR II, Porges SW,\n\
            Carter CS (2009) Oxytocin protects against negative be-\n\
            havioural consequences. Psychoneuroendocrinology 34:1542.\n\
            Herrero S (1983) Social behaviour of black bears at a\n\
            garbage dump in Jasper national park. Int C Bear 5:54-\n\
            70\n\
            Job DA, Boness DJ (1995) Individual variation\n\
            Monachus schauinslandi (Phocidae, Pinnipedia), and\n\
            lack of maternal recognition. Can J Zool 73:975-983.";
        let got = split(list);
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(got[1].starts_with("Grippo") && got[1].contains("Carter CS"));
        assert!(got[3].ends_with("73:975-983."));
    }

    #[test]
    fn entries_after_broken_addresses_and_long_author_lists() {
        // an entry ending in a URL broken over unmarked lines; a group as
        // author; an author list longer than YEAR_WITHIN before its year
        let many: Vec<String> = (0..60)
            .map(|k| format!("Smith{} AB", char::from(b'a' + k % 26)))
            .collect();
        let many = many.join(",\n");
        let list = format!(
            "Hartgerink CHJ. 2017. Composing manuscripts. eLife. https://elifesci-\n\
             ences.org/labs/cad57bcf/composing-reproducible-manu-\n\
             scripts-using-r-markdown\n\
             Hiorns LR, Bradshaw TD, Skelton LA, Yu Q, Kelland LR,\n\
             Leyland-Jones B. 2004. Variation. Br J Cancer 90:476.\n\
             Pratt JW. 1959. Remarks on zeros. JASA 54:655-667.\n\
             R Core Team. 2017. R: A language and environment.\n\
             Silberzahn R, Uhlmann EL,\n{many}.\n\
             2018. Many analysts. PsyArXiv.\n"
        );
        let got = split(&list);
        let opens: Vec<&str> = got.iter().map(|e| &e[..e.find(' ').unwrap()]).collect();
        assert_eq!(
            opens,
            ["Hartgerink", "Hiorns", "Pratt", "R", "Silberzahn"],
            "{got:#?}"
        );
        // a year that far on, after words that are not names, is no entry's
        let prose = format!(
            "Silberzahn R, who wrote {}. 2018.",
            "and then more ".repeat(40)
        );
        assert!(!dated_soon(&[prose.as_str()], 0));
    }

    #[test]
    fn author_lists_run_together() {
        // an author list that lost its separators, over two lines
        let list = "Ainouche MLBaumel ASalmon A (2004b) Spartina anglica. Biol J\n\
            Linn Soc 82: 475-484 doi: 10.1111/j.1095-8312.2004.00334.x\n\
            Ainouche MFortune PSalmon AParisod CGrandbastien\n\
            MAFukunaga KRicou MMisset MT (2009) Hybridization. Biol\n\
            Invasions 11: 1159-1173 doi: 10.1007/\n\
            s10530-008-9383-2\n\
            Willner P (1984) The validity. Psychopharmacology 83: 1-16. Doi10.1007/\n\
            Bf00427414\n\
            Wolpe J (1958) Psychotherapy. Stanford.";
        let got = split(list);
        let opens: Vec<&str> = got.iter().map(|e| &e[..e.find(' ').unwrap()]).collect();
        assert_eq!(
            opens,
            ["Ainouche", "Ainouche", "Willner", "Wolpe"],
            "{got:#?}"
        );
    }

    #[test]
    fn apa_entries_split_at_names_not_at_wrapped_authors() {
        let list = "Smith, J., Brown, K., &\n\
            Lee, M. (2010). A title that runs on. Journal of\n\
            Things, 3, 1-10.\n\
            Lee, M. (2011). Another. Nature, 4, 2.";
        let got = split(list);
        assert_eq!(got.len(), 2, "{got:#?}");
    }

    #[test]
    fn numbered_entries_split_at_their_labels_only() {
        let list = "1. Langer P 2009 Differences in the composition of co-\n\
            lostrum. J. Mammal. 90, 332-339.\n\
            2. Langer P 2008 The phases. Zoology 111, 148-162. Clin Mol Allergy 4:\n\
            2.\n\
            3. Skibiel AL 2013 The\n\
            evolution of milks.\n\
            5. Schulz TM 2004 Pinniped lactation.";
        let got = split(list);
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(got[1].ends_with("4: 2."));
        assert!(got[3].starts_with("5. Schulz"));
    }
}
