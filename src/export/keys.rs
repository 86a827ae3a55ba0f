//! Citation keys: `li2008network`.
//!
//! A key is the first author's family name, the year and the first word of
//! the title that is not a short function word, all folded to lowercase ASCII
//! (`Müller` → `muller`, `Ørsted` → `orsted`). Keys depend only on the items
//! and their order, so every run gives the same keys.
//!
//! Chinese names and titles are read in pinyin, without tones, through the
//! `pinyin` crate (the data of the pinyin-data project): `李` 2008
//! `论网络主权` → `li2008lun`. A family name is read as a family name where
//! that differs from the everyday reading (`曾` → `zeng`, `单` → `shan`); a
//! title has no spaces between words, so its first character stands for the
//! first word. An item with Japanese kana anywhere is not read in pinyin
//! (its kanji have Japanese readings), nor is Korean hangul.
//!
//! When the name gives no letters at all, the key is the title word and the
//! year; when nothing is left at all, it is `ref` and the item's 1-based
//! position (`ref3`). Keys that come out equal get `a`, `b`, … suffixes in
//! list order (`smith2020a`, `smith2020b`).

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use super::rich;
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
    let pinyin = !is_japanese(item);
    let name = item
        .author
        .first()
        .or_else(|| item.editor.first())
        .map(|n| {
            let family = n.family.as_deref().or(n.literal.as_deref()).unwrap_or("");
            if n.family.is_some() {
                // `van der Berg` → `vanderberg`: the particle is part of the name.
                let whole = match &n.non_dropping_particle {
                    Some(p) => format!("{p} {family}"),
                    None => family.to_string(),
                };
                match fold_ascii(&whole) {
                    folded if folded.is_empty() && pinyin => family_pinyin(family),
                    folded => folded,
                }
            } else {
                // A corporate name: its first word (`World Health …` →
                // `world`; `北京鲁迅博物馆` → `beijing`).
                let latin = family
                    .split_whitespace()
                    .map(fold_ascii)
                    .find(|w| !w.is_empty())
                    .unwrap_or_default();
                if latin.is_empty() && pinyin {
                    let head: String = family.chars().filter(|&c| is_han(c)).take(2).collect();
                    han_pinyin(&head)
                } else {
                    latin
                }
            }
        })
        .unwrap_or_default();
    let year = item.year().map(|y| y.to_string()).unwrap_or_default();
    let word = item
        .title
        .as_deref()
        .map(|t| title_word(&rich::plain(t), pinyin))
        .unwrap_or_default();

    if !name.is_empty() {
        format!("{name}{year}{word}")
    } else if !word.is_empty() {
        format!("{word}{year}")
    } else {
        format!("ref{position}")
    }
}

/// The first title word that is not a stopword, folded; else the first
/// word; for a title with no Latin letters, the pinyin of its first Chinese
/// character (when `pinyin`).
fn title_word(title: &str, pinyin: bool) -> String {
    let words: Vec<String> = title
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .map(fold_ascii)
        .filter(|w| !w.is_empty())
        .collect();
    let latin = words
        .iter()
        .find(|w| !STOPWORDS.contains(&w.as_str()))
        .or(words.first())
        .cloned()
        .unwrap_or_default();
    match title.chars().find(|&c| is_han(c)) {
        Some(c) if latin.is_empty() && pinyin => han_pinyin(&c.to_string()),
        _ => latin,
    }
}

/// A Chinese character (CJK unified ideographs and their extension A).
fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Whether the item has Japanese kana in its names or titles.
fn is_japanese(item: &Item) -> bool {
    let kana = |s: &str| s.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c));
    let names = item.author.iter().chain(&item.editor).any(|n| {
        [&n.family, &n.given, &n.literal]
            .into_iter()
            .flatten()
            .any(|s| kana(s))
    });
    names
        || [&item.title, &item.container_title]
            .into_iter()
            .flatten()
            .any(|s| kana(s))
}

/// Surnames whose reading differs from the character's everyday one, the
/// ones commonest in bibliographies: `曾` is `zeng` as a name, `ceng` as a
/// word.
const SURNAME_READINGS: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('解', "xie"),
    ('区', "ou"),
    ('仇', "qiu"),
    ('查', "zha"),
    ('朴', "piao"),
    ('覃', "qin"),
    ('缪', "miao"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('员', "yun"),
    ('召', "shao"),
    ('繁', "po"),
    ('秘', "bi"),
    ('尉', "yu"),
    ('长', "zhang"),
    ('重', "chong"),
    ('种', "chong"),
    ('翟', "zhai"),
];

/// The pinyin of a family name: its first character read as a surname.
fn family_pinyin(family: &str) -> String {
    let mut chars = family.chars().filter(|&c| is_han(c));
    let Some(first) = chars.next() else {
        return String::new();
    };
    let head = SURNAME_READINGS
        .iter()
        .find(|(c, _)| *c == first)
        .map_or_else(|| han_pinyin(&first.to_string()), |(_, r)| r.to_string());
    let rest: String = chars.collect();
    head + &han_pinyin(&rest)
}

/// The pinyin of the Chinese characters of `text`, without tones, in
/// lowercase ASCII (`吕` → `lu`); other characters are skipped.
fn han_pinyin(text: &str) -> String {
    use pinyin::ToPinyin;
    text.chars()
        .filter_map(|c| c.to_pinyin())
        .map(|p| fold_ascii(p.plain()))
        .collect()
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
    fn chinese_names_and_titles_are_read_in_pinyin() {
        let mut it = item("李", 2008, "论网络主权");
        assert_eq!(base_key(&it, 4), "li2008lun");
        it.title = Some("Cyber Sovereignty".into());
        assert_eq!(base_key(&it, 4), "li2008cyber");
        let it = item("欧阳", 2013, "塔林手册的影响");
        assert_eq!(base_key(&it, 1), "ouyang2013ta");
        // Family names read as family names, not as the everyday word.
        let it = item("曾", 2001, "数据");
        assert_eq!(base_key(&it, 1), "zeng2001shu");
        let it = item("吕", 2001, "绿色");
        assert_eq!(base_key(&it, 1), "lu2001lu");
        // A corporate author: its first two characters.
        let mut it = item("x", 2019, "年鉴");
        it.author = vec![Name::literal("北京鲁迅博物馆")];
        assert_eq!(base_key(&it, 1), "beijing2019nian");
    }

    #[test]
    fn japanese_and_korean_items_are_not_read_in_pinyin() {
        let it = item("田中", 2010, "日本語のテキスト");
        assert_eq!(base_key(&it, 2), "ref2");
        let it = item("김", 2010, "한국어");
        assert_eq!(base_key(&it, 3), "ref3");
        let mut it = item("田中", 2010, "Japanese Text");
        it.author[0].given = Some("ひろし".into());
        assert_eq!(base_key(&it, 1), "japanese2010");
    }

    #[test]
    fn chinese_keys_get_suffixes_too() {
        let mut items = vec![
            item("李", 2008, "论网络主权"),
            item("李", 2008, "论国家安全"),
            item("王", 2008, "论网络主权"),
        ];
        assign_keys(&mut items);
        let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["li2008luna", "li2008lunb", "wang2008lun"]);
    }

    #[test]
    fn markup_is_not_part_of_a_key() {
        let it = item(
            "Smith",
            2020,
            "<i>E. coli</i> in <span class=\"nocase\">DNA</span>",
        );
        assert_eq!(base_key(&it, 1), "smith2020e");
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
