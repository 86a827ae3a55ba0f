//! Citation keys: `li2008network`.
//!
//! A key is the first author's family name, the year and the first word of
//! the title that is not a short function word, all folded to lowercase ASCII
//! (`Müller` → `muller`, `Ørsted` → `orsted`). Keys depend only on the items
//! and their order, so every run gives the same keys.
//!
//! When the name has no Latin letters (a Chinese author, say), the key is the
//! title word and the year; when nothing Latin is left at all, it is `ref` and
//! the item's 1-based position (`ref3`). Keys that come out equal get `a`,
//! `b`, … suffixes in list order (`smith2020a`, `smith2020b`).

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use crate::csl::Item;

/// Words skipped when picking the title word of a key.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "on", "of", "in", "for", "and", "to", "with", "from", "by", "at", "as",
    "about", "into", "towards", "toward", "is", "are", "do", "does", "how", "what", "why", "when",
    "its", "der", "die", "das", "le", "la", "les", "el", "de", "un", "une",
];

/// Gives every item without an `id` a readable key, and makes all ids unique.
///
/// Ids that are already set are kept (so keys read from a `.bib` file survive
/// a round trip), except that a repeated id gets a suffix.
pub fn assign_keys(items: &mut [Item]) {
    let bases: Vec<Option<String>> = items
        .iter()
        .enumerate()
        .map(|(i, item)| item.id.trim().is_empty().then(|| base_key(item, i + 1)))
        .collect();

    // How many items want each generated base: those that share one all get
    // suffixes, so that `li2008a` is never left beside a bare `li2008`.
    let mut wanted: HashMap<&str, usize> = HashMap::new();
    for base in bases.iter().flatten() {
        *wanted.entry(base.as_str()).or_default() += 1;
    }

    let mut taken: HashSet<String> = HashSet::new();
    // Existing ids first, in order; a repeated one is renamed below.
    let mut renamed: Vec<Option<String>> = vec![None; items.len()];
    for (i, item) in items.iter().enumerate() {
        if bases[i].is_none() && !taken.insert(item.id.clone()) {
            renamed[i] = Some(item.id.clone());
        }
    }

    for i in 0..items.len() {
        let (base, always_suffix) = match (&bases[i], &renamed[i]) {
            (Some(base), _) => (base.clone(), wanted[base.as_str()] > 1),
            (None, Some(dup)) => (dup.clone(), true),
            (None, None) => continue,
        };
        let key = if !always_suffix && !taken.contains(&base) {
            base
        } else {
            (0..)
                .map(|n| format!("{base}{}", suffix(n)))
                .find(|k| !taken.contains(k))
                .unwrap_or_default()
        };
        taken.insert(key.clone());
        items[i].id = key;
    }
}

/// `a`, `b`, … `z`, `aa`, `ab`, …
fn suffix(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The key of one item before de-duplication; `position` is 1-based.
pub fn base_key(item: &Item, position: usize) -> String {
    let name = item
        .author
        .first()
        .or_else(|| item.editor.first())
        .map(|n| {
            let family = n.family.as_deref().or(n.literal.as_deref()).unwrap_or("");
            let family = if n.family.is_some() {
                // `van der Berg` → `vanderberg`: the particle is part of the name.
                match &n.non_dropping_particle {
                    Some(p) => format!("{p} {family}"),
                    None => family.to_string(),
                }
            } else {
                // A corporate name: its first word (`World Health …` → `world`).
                family
                    .split_whitespace()
                    .map(fold_ascii)
                    .find(|w| !w.is_empty())
                    .unwrap_or_default()
            };
            fold_ascii(&family)
        })
        .unwrap_or_default();
    let year = item.year().map(|y| y.to_string()).unwrap_or_default();
    let word = item.title.as_deref().map(title_word).unwrap_or_default();

    if !name.is_empty() {
        format!("{name}{year}{word}")
    } else if !word.is_empty() {
        format!("{word}{year}")
    } else {
        format!("ref{position}")
    }
}

/// The first title word that is not a stopword, folded; else the first word.
fn title_word(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .map(fold_ascii)
        .filter(|w| !w.is_empty())
        .collect();
    words
        .iter()
        .find(|w| !STOPWORDS.contains(&w.as_str()))
        .or(words.first())
        .cloned()
        .unwrap_or_default()
}

/// Lowercase ASCII letters and digits of `text`, with accents removed and a
/// few letters that do not decompose spelled out (`ß` → `ss`, `ø` → `o`).
pub fn fold_ascii(text: &str) -> String {
    let mut out = String::new();
    for c in text.nfkd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let spelled = match c {
            'ß' | 'ẞ' => "ss",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'ø' | 'Ø' => "o",
            'ł' | 'Ł' => "l",
            'đ' | 'Đ' | 'ð' | 'Ð' => "d",
            'þ' | 'Þ' => "th",
            'ı' => "i",
            _ => "",
        };
        out.push_str(spelled);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csl::{Date, Name};

    fn item(family: &str, year: i32, title: &str) -> Item {
        Item {
            kind: "article-journal".into(),
            author: vec![Name::person(family, "X")],
            issued: Some(Date::year(year)),
            title: Some(title.into()),
            ..Item::default()
        }
    }

    #[test]
    fn readable_key() {
        let it = item("Li", 2008, "On Network Sovereignty and the New Concept");
        assert_eq!(base_key(&it, 1), "li2008network");
    }

    #[test]
    fn folds_to_ascii() {
        assert_eq!(fold_ascii("Müller"), "muller");
        assert_eq!(fold_ascii("Ørsted-Straße"), "orstedstrasse");
        assert_eq!(fold_ascii("Łukasz Żółw"), "lukaszzolw");
        assert_eq!(fold_ascii("李鸿源"), "");
    }

    #[test]
    fn chinese_author_falls_back() {
        let mut it = item("李", 2008, "论网络主权");
        assert_eq!(base_key(&it, 4), "ref4");
        it.title = Some("Cyber Sovereignty".into());
        assert_eq!(base_key(&it, 4), "cyber2008");
    }

    #[test]
    fn duplicates_get_letter_suffixes() {
        let mut items = vec![
            item("Smith", 2020, "Deep nets"),
            item("Smith", 2020, "Deep nets"),
            item("Smith", 2020, "Deep nets"),
            item("Lee", 2019, "Graphs"),
        ];
        assign_keys(&mut items);
        let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "smith2020deepa",
                "smith2020deepb",
                "smith2020deepc",
                "lee2019graphs"
            ]
        );
    }

    #[test]
    fn existing_ids_are_kept_and_deduplicated() {
        let mut items = vec![
            item("A", 2000, "X"),
            item("B", 2001, "Y"),
            item("C", 2002, "Z"),
        ];
        items[0].id = "key".into();
        items[1].id = "key".into();
        assign_keys(&mut items);
        assert_eq!(items[0].id, "key");
        assert_eq!(items[1].id, "keya");
        assert_eq!(items[2].id, "c2002z");
    }

    #[test]
    fn same_keys_every_run() {
        let make = || {
            vec![
                item("Müller", 1999, "Über Alles"),
                item("Müller", 1999, "Über Alles"),
            ]
        };
        let (mut a, mut b) = (make(), make());
        assign_keys(&mut a);
        assign_keys(&mut b);
        assert_eq!(a, b);
        assert_eq!(a[0].id, "muller1999ubera");
    }

    #[test]
    fn suffixes_continue_past_z() {
        assert_eq!(suffix(0), "a");
        assert_eq!(suffix(25), "z");
        assert_eq!(suffix(26), "aa");
        assert_eq!(suffix(27), "ab");
    }
}
