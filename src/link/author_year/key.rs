//! The key an entry is known by: the family names before its first year,
//! whether they end in `et al.`, and the year with its suffix (or the word
//! that stands for it, `in press`, `n.d.`).

use nom::Parser;

use super::words::{fold_word, is_caps};
use crate::parse::author_year::year;

/// What identifies an entry for author-year matching.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EntryKey {
    /// Normalised family names, in order.
    pub families: Vec<String>,
    /// Whether the author list ends in `et al.`.
    pub etal: bool,
    /// The year.
    pub year: Option<u16>,
    /// The year's disambiguation suffix.
    pub suffix: Option<char>,
    /// `in press`, `n.d.` … (lowercase), for entries without a year.
    pub special: Option<String>,
}

const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "des", "la", "le", "dos",
    "das", "do", "ten", "ter", "zu", "af", "al", "el",
];

/// Whether a word with dots is an initial or a run of initials: `J.`,
/// `J.A.`, `J.-P.`, `Ch.`.
fn is_dotted_initials(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    w.contains('.') && !letters.is_empty() && letters.len() <= 3 && letters[0].is_uppercase()
}

/// Splits initials glued to the next family name, as PMC renders some
/// author lists: `PSchierenbeck` → (`P`, `Schierenbeck`), `DRAyres` →
/// (`DR`, `Ayres`). `McDonald` and `DeWitt` stay whole.
fn split_glued(w: &str) -> Option<(&str, &str)> {
    let chars: Vec<(usize, char)> = w.char_indices().collect();
    for k in 1..chars.len().min(4) {
        let (at, c) = chars[k];
        let next_lower = chars.get(k + 1).is_some_and(|&(_, n)| n.is_lowercase());
        if c.is_uppercase() && next_lower && chars[..k].iter().all(|&(_, p)| p.is_uppercase()) {
            return Some((&w[..at], &w[at..]));
        }
    }
    None
}

/// An entry's first year: where it starts, the year, its suffix, or the
/// word that stands for it (`in press`).
type YearAt = (usize, Option<u16>, Option<char>, Option<String>);

/// Where the entry's first year (or `n.d.`/`in press`) starts, with the key parts.
pub(super) fn first_year(text: &str) -> Option<YearAt> {
    let b = text.as_bytes();
    let mut numeric = None;
    let mut k = 0;
    while k + 4 <= b.len() {
        if b[k].is_ascii_digit() && (k == 0 || !b[k - 1].is_ascii_alphanumeric()) {
            if let Ok((_, y)) = year.parse(&text[k..]) {
                numeric = Some((k, y.year, y.suffix, None));
                break;
            }
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
            continue;
        }
        k += 1;
    }
    // `in press`, `n.d.` … count when they come before any numeric year
    // (`Anonymous (no date) … http://…/2009/…`).
    let lower = text.to_lowercase();
    let special = ["in press", "n.d.", "no date", "forthcoming", "submitted"]
        .iter()
        .filter_map(|w| lower.find(w).map(|p| (p, *w)))
        .filter(|(p, _)| text.is_char_boundary(*p))
        .min();
    match (numeric, special) {
        (Some(n), Some((p, w))) if p < n.0 => Some((p, None, None, Some(w.to_string()))),
        (Some(n), _) => Some(n),
        (None, Some((p, w))) => Some((p, None, None, Some(w.to_string()))),
        (None, None) => None,
    }
}

/// Reduces an entry (its text without label) to its matching key.
pub fn entry_key(text: &str) -> EntryKey {
    let Some((at, y, suffix, special)) = first_year(text) else {
        return EntryKey {
            families: families(text.split(['.', '(']).next().unwrap_or("")),
            ..EntryKey::default()
        };
    };
    let head = &text[..at];
    let lower = head.to_lowercase();
    let etal = lower.contains("et al") || lower.contains("等");
    EntryKey {
        families: families(head),
        etal,
        year: y,
        suffix,
        special,
    }
}

/// The family names in an author segment, each as its folded words joined
/// by single spaces (`van der berg`, `world health organization`).
fn families(head: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut first_word = true;
    for chunk in head.split([',', ';', '&', '，', '、', '(', ')', '[', ']']) {
        let mut run: Vec<String> = Vec::new();
        let mut particles: Vec<String> = Vec::new();
        let mut chunk_has_family = false;
        let flush = |run: &mut Vec<String>, out: &mut Vec<String>, has: &mut bool| {
            if !run.is_empty() {
                out.push(run.join(" "));
                run.clear();
                *has = true;
            }
        };
        let words: Vec<&str> = chunk.split_whitespace().collect();
        for (at, &raw) in words.iter().enumerate() {
            // `PSchierenbeck`: initials of the previous author glued on.
            let w = match split_glued(raw) {
                Some((_, family)) if !first_word => {
                    flush(&mut run, &mut out, &mut chunk_has_family);
                    family
                }
                _ => raw,
            };
            let was_first = std::mem::replace(&mut first_word, false);
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            let lw = bare.to_lowercase();
            if bare.is_empty()
                || ["and", "und", "et", "al", "eds", "ed", "y", "in"].contains(&lw.as_str())
            {
                flush(&mut run, &mut out, &mut chunk_has_family);
                continue;
            }
            if PARTICLES.contains(&lw.as_str())
                && bare.chars().next().is_some_and(char::is_lowercase)
            {
                particles.push(lw);
                continue;
            }
            // `WHO. (2010).`: an entry opens with its author, so an
            // acronym with only a full stop after it is a name there
            let acronym_first = was_first
                && is_caps(bare)
                && bare.chars().count() >= 2
                && w.trim_end_matches('.') == bare;
            let initials = is_dotted_initials(w) && !acronym_first
                || (is_caps(bare)
                    && ((!run.is_empty() || chunk_has_family) && bare.chars().count() <= 5
                        || (!was_first && bare.chars().count() <= 2)));
            if initials {
                if !run.is_empty() && given_first(&words[at + 1..]) {
                    // `James K. Baker.`: the words before were given names
                    run.clear();
                } else {
                    flush(&mut run, &mut out, &mut chunk_has_family);
                }
                particles.clear();
                continue;
            }
            let first = bare.chars().next().unwrap_or(' ');
            if first.is_uppercase() || (first.is_alphabetic() && !first.is_lowercase()) {
                run.append(&mut particles);
                run.push(fold_word(bare));
            } else {
                // A lower-case word: not part of a name (a title has begun).
                flush(&mut run, &mut out, &mut chunk_has_family);
                particles.clear();
            }
        }
        flush(&mut run, &mut out, &mut chunk_has_family);
    }
    out.retain(|f| !f.is_empty());
    out
}

/// Whether the words after an initial that follows a name (`James K.`)
/// end a name written given names first: one capitalised word that closes
/// the author (`Baker.`, `Magerman and`, `Baker,`) rather than another
/// family name followed by its own initials (`Boitani L. Ciucci P.`).
fn given_first(rest: &[&str]) -> bool {
    let more = rest.iter().take_while(|w| is_dotted_initials(w)).count();
    let Some((&family, after)) = rest[more..].split_first() else {
        return false;
    };
    let bare = family.trim_end_matches(['.', ',']);
    let capitalised = bare.chars().next().is_some_and(char::is_uppercase)
        && bare.chars().skip(1).any(char::is_lowercase)
        && !is_dotted_initials(family);
    capitalised
        && (family.ends_with(['.', ','])
            || after.is_empty()
            || matches!(after.first(), Some(&("and" | "&"))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_of_common_layouts() {
        let k = entry_key("Smith J, Jones K (2008) Title. J 1: 2.");
        assert_eq!(k.families, ["smith", "jones"]);
        assert_eq!(k.year, Some(2008));
        let k = entry_key("Smith, J. A., & Jones, K. (2008a). Title.");
        assert_eq!(k.families, ["smith", "jones"]);
        assert_eq!(k.suffix, Some('a'));
        let k = entry_key("Boitani L. Ciucci P. (1995). Comparative social ecology.");
        assert_eq!(k.families, ["boitani", "ciucci"]);
        let k = entry_key("van der Berg A, Müller-Lüdenscheidt H, et al. 2001. Title.");
        assert_eq!(k.families, ["van der berg", "mullerludenscheidt"]);
        assert!(k.etal);
        let k = entry_key("World Health Organization. 2010. Report.");
        assert_eq!(k.families, ["world health organization"]);
        let k = entry_key("Adachi Y. 1989. Title. Cell 108:1195–1207.");
        assert_eq!(k.families, ["adachi"]);
        let k = entry_key("Fortune PSchierenbeck KAinouche A (2007) Evolutionary dynamics.");
        assert_eq!(k.families, ["fortune", "schierenbeck", "ainouche"]);
        let k = entry_key("De Dreu CKW (2012) Oxytocin modulates cooperation.");
        assert_eq!(k.families, ["de dreu"]);
        let k = entry_key("Dirks PHGM, Berger LR. 2013. Caves.");
        assert_eq!(k.families, ["dirks", "berger"]);
        let k = entry_key("A. M. van der Bliek, E. M. Meyerowitz (1991). Dynamin.");
        assert_eq!(k.families, ["van der bliek", "meyerowitz"]);
        let k = entry_key("LI H, WANG X. 2008. Title.");
        assert_eq!(k.families, ["li", "wang"]);
        let k = entry_key("Anacker AMJ, Beery AK (2013) Life in groups.");
        assert_eq!(k.families, ["anacker", "beery"]);
        let k = entry_key("WHO (2010) Report.");
        assert_eq!(k.families, ["who"]);
        let k = entry_key("WHO. (2010). Report. Geneva: WHO.");
        assert_eq!(k.families, ["who"]);
        let k = entry_key("J.A. Smith, K. Lee (2008). Title.");
        assert_eq!(k.families, ["smith", "lee"]);
        // ACL and other given-name-first styles
        let k = entry_key("James K. Baker. 1979. Trainable grammars.");
        assert_eq!(k.families, ["baker"]);
        let k = entry_key("David M. Magerman and Mitchell P. Marcus. 1990. Parsing.");
        assert_eq!(k.families, ["magerman", "marcus"]);
        let k = entry_key("Daniel D. K. Sleator and Davy Temperley. 1991. Parsing.");
        assert_eq!(k.families, ["sleator", "davy temperley"]);
        let k = entry_key("Smith J, Jones K. Genetic maps of mice. Nature. 2001;409:1.");
        assert_eq!(k.families[..2], ["smith", "jones"]);
        let k = entry_key("Smith J. In press. Title.");
        assert_eq!(k.special.as_deref(), Some("in press"));
    }
}
