//! Comparing a cited name with an entry's family names: the cited words,
//! particles and run-on given names aside, the index keys a family is
//! looked up under, acronyms, names in order inside an author part, and
//! the spelling distance of near misses.

use super::words::{fold_word, is_caps};

/// The cited name as folded words, trailing initials dropped (`Saarela JM`
/// → `saarela`).
pub fn cited_words(cited: &str) -> Vec<String> {
    let mut words: Vec<&str> = cited.split_whitespace().collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| is_caps(w) && w.chars().count() <= 3)
    {
        words.pop();
    }
    words
        .iter()
        .map(|w| fold_word(w))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether the cited name (folded words) names the family (folded words
/// joined by spaces): the same letters, or the family without its
/// particles (`Berg` for `van der Berg`), or the first word of a family
/// that runs on into given names (`Vaucheret` for `Vaucheret Hervé`).
pub fn name_matches(cited: &[String], family: &str) -> bool {
    if cited.is_empty() {
        return false;
    }
    joined_name_matches(&cited.concat(), family)
}

/// [`name_matches`] with the cited words already joined (`c`), comparing
/// without allocating: it runs for every entry of the list.
pub(super) fn joined_name_matches(c: &str, family: &str) -> bool {
    if family.is_empty() {
        return false;
    }
    // `f` is the family without its spaces.
    let f = || family.bytes().filter(|&b| b != b' ');
    let f_len = family.len() - family.bytes().filter(|&b| b == b' ').count();
    if f_len == c.len() && f().eq(c.bytes()) {
        return true;
    }
    let last = family.rsplit(' ').next().unwrap_or("");
    let first = family.split(' ').next().unwrap_or("");
    let f_ends_with_c = || c.len() <= f_len && f().rev().zip(c.bytes().rev()).all(|(a, b)| a == b);
    let c_ends_with_f = || f_len <= c.len() && f().rev().zip(c.bytes().rev()).all(|(a, b)| a == b);
    (c.len() >= 3 && (c == last || c == first))
        || (c.len() >= 4 && f_ends_with_c())
        || (f_len >= 4 && c_ends_with_f())
}

/// The keys a family name (folded words joined by spaces) is indexed
/// under, one for each way [`joined_name_matches`] can accept a cited name
/// `c`: `s:` + the joined family and every ending of it of three or more
/// bytes (`c` equal to it, to its last word, or ending it), `w:` + its first
/// word, `e:` + the joined family (`c` ending with it).
pub(super) fn name_keys(family: &str) -> Vec<String> {
    let joined: String = family.split(' ').collect();
    let mut keys: Vec<String> = joined
        .char_indices()
        .filter(|(k, _)| *k == 0 || joined.len() - k >= 3)
        .map(|(k, _)| format!("s:{}", &joined[k..]))
        .collect();
    keys.push(format!("w:{}", family.split(' ').next().unwrap_or("")));
    keys.push(format!("e:{joined}"));
    keys
}

/// Whether `cited` (as written) is the acronym of the family `family_raw`
/// (`WHO` for `World Health Organization`).
pub(super) fn acronym_matches(cited_raw: &str, words: &str) -> bool {
    if cited_raw.chars().count() < 2 || !cited_raw.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    let initials: String = words
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect();
    initials == cited_raw
}

/// Whether every part stands in `hay`, in order, without overlapping.
pub(super) fn contains_in_order(hay: &str, parts: &[String]) -> bool {
    let mut at = 0;
    for p in parts {
        match hay.get(at..).and_then(|h| h.find(p.as_str())) {
            Some(k) => at += k + p.len(),
            None => return false,
        }
    }
    true
}

/// Levenshtein distance, bounded to short names.
pub(super) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() > 40 || b.len() > 40 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_with_and_without_particles() {
        let w = |s: &str| cited_words(s);
        assert!(name_matches(&w("van der Berg"), "van der berg"));
        assert!(name_matches(&w("Berg"), "van der berg"));
        assert!(name_matches(&w("Vaucheret"), "vaucheret herve"));
        assert!(name_matches(&w("Saarela JM"), "saarela"));
        assert!(
            name_matches(&w("St-Yves"), "saintyves") || name_matches(&w("St-Yves"), "saint yves")
        );
        assert!(!name_matches(&w("Smith"), "smithson"));
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("smith", "smyth"), 1);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("", "ab"), 2);
    }
}
