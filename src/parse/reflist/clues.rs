//! What a paragraph of the list reads like: a year in it, an entry or
//! running prose, an author as entries write one.

use crate::parse::author_year::is_particle;

/// Whether a year 1500–2099 stands at byte `k` of `b`: four digits, not
/// part of a longer number.
pub(super) fn year_at(b: &[u8], k: usize) -> bool {
    b.get(k..k + 4).is_some_and(|w| {
        w.iter().all(u8::is_ascii_digit)
            && matches!(&w[..2], b"15" | b"16" | b"17" | b"18" | b"19" | b"20")
            && !b.get(k + 4).is_some_and(u8::is_ascii_digit)
            && !(k > 0 && b[k - 1].is_ascii_digit())
    })
}

/// Whether a paragraph reads like a reference entry (for unnumbered lists):
/// it has a year, `n.d.`, `in press`, a DOI or a URL.
pub(super) fn looks_like_reference(s: &str) -> bool {
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
pub(super) fn reads_like_prose(s: &str) -> bool {
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
pub(super) fn starts_like_entry(s: &str) -> bool {
    let t = s.trim_start();
    if t.starts_with("http") || t.starts_with("www.") || t.starts_with("doi") {
        return true;
    }
    let end = floor_boundary(t, 150);
    t.len() < 2000 && looks_like_reference(&t[..end]) && !t[..end].contains("http")
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
pub(super) fn first_family(s: &str) -> &str {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
