//! Matching author-year citations to reference entries.
//!
//! Each entry is reduced to a [`EntryKey`]: the family names before its
//! first year, whether the names end in `et al.`, and the year with its
//! suffix. A citation matches an entry when the first cited name matches
//! the entry's first family name (accents, case, particles and hyphens
//! aside; `WHO` matches `World Health Organization`), the years agree, and
//! the number of names fits (one name; two names, the second matching;
//! `et al.` for three or more, or two when nothing else fits). Near misses
//! become findings: the same names with another year, or the same year
//! with a first name spelled a little differently.

use std::collections::HashMap;

use nom::Parser;

use crate::parse::author_year::{year, WorkCite};

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

/// Lower-case letters and digits only, accents removed (`Müller-Lüdenscheidt`
/// → `mullerludenscheidt`).
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            let base = match c {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
                'ç' | 'ć' | 'č' => 'c',
                'ď' | 'đ' => 'd',
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
                'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
                'ñ' | 'ń' | 'ň' => 'n',
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
                'ř' => 'r',
                'ś' | 'š' | 'ş' | 'ș' => 's',
                'ť' | 'ţ' | 'ț' => 't',
                'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
                'ý' | 'ÿ' => 'y',
                'ź' | 'ż' | 'ž' => 'z',
                'ł' => 'l',
                'ß' => 's',
                'æ' => 'a',
                'œ' => 'o',
                c => c,
            };
            base.is_alphanumeric().then_some(base)
        })
        .collect()
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

/// Whether a word is all capitals without dots (`JA`, `AMJ`, `PHGM`, `WHO`).
fn is_caps(w: &str) -> bool {
    let mut n = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            n += 1;
        } else if c != '-' {
            return false;
        }
    }
    n > 0
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
fn first_year(text: &str) -> Option<YearAt> {
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

/// Folds one name word, spelling out `St.`/`St-` as `saint`.
fn fold_word(w: &str) -> String {
    for (short, long) in [("St.", "saint"), ("St-", "saint"), ("Ste-", "sainte")] {
        if let Some(rest) = w.strip_prefix(short) {
            return format!("{long}{}", fold(rest));
        }
    }
    let f = fold(w);
    match f.as_str() {
        "st" => "saint".to_string(),
        "ste" => "sainte".to_string(),
        _ => f,
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
fn joined_name_matches(c: &str, family: &str) -> bool {
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
fn name_keys(family: &str) -> Vec<String> {
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
fn acronym_matches(cited_raw: &str, words: &str) -> bool {
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
fn contains_in_order(hay: &str, parts: &[String]) -> bool {
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
fn distance(a: &str, b: &str) -> usize {
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

/// How one cited work was matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Exactly one entry.
    Resolved(usize),
    /// Several entries fit equally well.
    Ambiguous(Vec<usize>),
    /// This entry, and no other, fits the name and year, but it has three
    /// or more authors and the citation names one without `et al.`: a
    /// slip of style, not a missing work.
    MissingEtAl(usize),
    /// No entry; this one has the same names and another year.
    YearMismatch(usize),
    /// No entry; this one has the year and a first name spelled differently.
    AuthorMismatch(usize),
    /// Nothing comes close.
    Unresolved,
}

/// Author-year matching over one reference list.
pub struct Matcher<'a> {
    keys: Vec<EntryKey>,
    raw_first: Vec<String>,
    /// The folded text before each entry's year (its author part).
    heads: Vec<String>,
    /// The folded whole text of each entry whose author is an acronym
    /// (`CIO. (2014). … Groningen: Centre for Isotope Research.`).
    acronym_texts: HashMap<usize, String>,
    by_year: HashMap<Option<u16>, Vec<usize>>,
    /// Entries by the keys their first family name can be matched under
    /// (see [`name_keys`]), so that a citation looks at a few entries, not
    /// the whole list.
    by_name: HashMap<String, Vec<usize>>,
    _texts: std::marker::PhantomData<&'a str>,
}

impl<'a> Matcher<'a> {
    /// Builds the keys of `entries` (entry texts without labels).
    pub fn new(entries: impl Iterator<Item = &'a str>) -> Self {
        let mut keys = Vec::new();
        let mut raw_first = Vec::new();
        let mut heads = Vec::new();
        let mut acronym_texts = HashMap::new();
        let mut by_year: HashMap<Option<u16>, Vec<usize>> = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, text) in entries.enumerate() {
            let key = entry_key(text);
            let head_end = first_year(text).map_or(text.len().min(80), |y| y.0);
            let mut end = head_end;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            raw_first.push(
                text[..end]
                    .split([',', '.', '('])
                    .next()
                    .unwrap_or("")
                    .to_string(),
            );
            heads.push(fold(&text[..end]));
            let first = raw_first.last().map_or("", |f: &String| f.trim());
            if first.chars().count() >= 2 && is_caps(first) {
                acronym_texts.insert(i, fold(text));
            }
            by_year.entry(key.year).or_default().push(i);
            if let Some(f) = key.families.first() {
                for k in name_keys(f) {
                    let v = by_name.entry(k).or_default();
                    if v.last() != Some(&i) {
                        v.push(i);
                    }
                }
            }
            keys.push(key);
        }
        Matcher {
            keys,
            raw_first,
            heads,
            acronym_texts,
            by_year,
            by_name,
            _texts: std::marker::PhantomData,
        }
    }

    /// The key of entry `i`.
    pub fn key(&self, i: usize) -> &EntryKey {
        &self.keys[i]
    }

    /// Whether entry `i`'s first family is the cited name (`cited_raw` as
    /// written, `cited` its [`cited_words`] joined, folded once by the
    /// caller for all entries).
    /// The entries whose first family name may match the cited name, in
    /// list order: a superset of those [`Self::first_matches`] accepts.
    fn name_candidates(&self, cited_raw: &str, cited: &str) -> Vec<usize> {
        let raw = cited_raw.trim();
        if raw.chars().count() >= 2 && raw.chars().all(char::is_uppercase) {
            // An acronym (`WHO`) is compared with every entry's initials.
            return (0..self.keys.len()).collect();
        }
        let mut out: Vec<usize> = Vec::new();
        let mut take = |key: String| {
            if let Some(v) = self.by_name.get(&key) {
                out.extend(v);
            }
        };
        take(format!("s:{cited}"));
        take(format!("w:{cited}"));
        // The family may be the end of the cited name (`vanderberg` cited,
        // `berg` listed).
        for (k, _) in cited.char_indices() {
            if cited.len() - k >= 4 {
                take(format!("e:{}", &cited[k..]));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn first_matches(&self, i: usize, cited_raw: &str, cited: &str) -> bool {
        match self.keys[i].families.first() {
            Some(f) if !cited.is_empty() && joined_name_matches(cited, f) => true,
            _ => acronym_matches(cited_raw.trim(), &self.raw_first[i]),
        }
    }

    fn year_fits(&self, i: usize, w: &WorkCite) -> bool {
        let k = &self.keys[i];
        match w.year.year {
            Some(y) => {
                k.year == Some(y)
                    && (w.year.suffix.is_none() || k.suffix.is_none() || k.suffix == w.year.suffix)
            }
            // `n.d.` also fits an entry that gives no date at all
            None => {
                let raw = w.year.raw.to_lowercase();
                k.year.is_none()
                    && (k.special.as_deref() == Some(raw.as_str())
                        || k.special.is_none() && matches!(raw.as_str(), "n.d." | "nd" | "no date"))
            }
        }
    }

    /// How well the names of `w` fit entry `i` (higher is better; 0 = not at all).
    fn names_fit(&self, i: usize, w: &WorkCite) -> u8 {
        let k = &self.keys[i];
        let n = k.families.len().max(1);
        if w.etal {
            if n >= 3 || k.etal {
                3
            } else if n == 2 {
                // the styles that write `et al.` from two authors on
                2
            } else {
                // `et al.` for a single author: still the entry, but a misuse.
                1
            }
        } else if w.names.len() >= 2 {
            let second = cited_words(&w.names[1]);
            match k.families.get(1) {
                Some(f) if name_matches(&second, f) => 3,
                // The entry lists one author only: a weak fit.
                None => 1,
                Some(_) => 0,
            }
        } else if n == 1 {
            3
        } else if n == 2 || k.etal {
            1
        } else {
            0
        }
    }

    /// The one entry of `same_year` that a corporate author cited by its
    /// full name stands for, when its list entry begins with the name's
    /// acronym (`FAO. (2015).` for `(Food and Agriculture Organization of
    /// the United Nations, 2015)`, `BGS (2012)` for `(British Geological
    /// Survey, 2012)`: the initials of the name's capitalised words, or of
    /// the first three or more of them) or with the first three or more of
    /// its words (`Centre for Isotope Research. 2014.` for `(Centre for
    /// Isotope Research of the University of Groningen, 2014)`), or begins
    /// with an acronym and spells out those words later (`CIO. (2014). …
    /// Groningen: Centre for Isotope Research.`).
    fn corporate(&self, w: &WorkCite, same_year: &[usize]) -> Option<usize> {
        // the name's words, small words included, and which are capitalised
        let words: Vec<&str> = w.names.iter().flat_map(|n| n.split_whitespace()).collect();
        let capitals: Vec<usize> = (0..words.len())
            .filter(|&k| words[k].starts_with(char::is_uppercase))
            .collect();
        // a corporate name: one of the names has two capitalised words
        let corporate = w.names.iter().any(|n| {
            n.split_whitespace()
                .filter(|x| x.starts_with(char::is_uppercase))
                .count()
                >= 2
        });
        if capitals.len() < 2 || !corporate {
            return None;
        }
        let initials: String = capitals
            .iter()
            .filter_map(|&k| words[k].chars().next())
            .collect();
        let acronym_fits = |i: usize| {
            let first = self.raw_first[i].trim();
            let n = first.chars().count();
            n >= 2
                && is_caps(first)
                && !first.contains('-')
                && (first == initials || n >= 3 && initials.starts_with(first))
        };
        // the folded prefixes of three or more capitalised words, longest first
        let prefixes: Vec<String> = (3..=capitals.len())
            .rev()
            .map(|c| {
                words[..=capitals[c - 1]]
                    .iter()
                    .map(|x| fold_word(x))
                    .collect::<String>()
            })
            .filter(|p| p.len() >= 16)
            .collect();
        let hits: Vec<usize> = same_year
            .iter()
            .copied()
            .filter(|&i| self.year_fits(i, w))
            .filter(|&i| {
                acronym_fits(i)
                    || prefixes.iter().any(|p| {
                        self.heads[i].contains(p)
                            || self.acronym_texts.get(&i).is_some_and(|t| t.contains(p))
                    })
            })
            .collect();
        match hits[..] {
            [i] => Some(i),
            _ => None,
        }
    }

    /// Matches one cited work.
    pub fn resolve(&self, w: &WorkCite) -> Outcome {
        let Some(first) = w.names.first() else {
            return Outcome::Unresolved;
        };
        let first_words = cited_words(first).concat();
        let by_name: Vec<usize> = self
            .name_candidates(first, &first_words)
            .into_iter()
            .filter(|&i| self.first_matches(i, first, &first_words))
            .collect();
        let mut best: Vec<usize> = Vec::new();
        let mut best_fit = 0;
        for &i in &by_name {
            if !self.year_fits(i, w) {
                continue;
            }
            let mut fit = self.names_fit(i, w);
            // An exact suffix agreement beats a missing one.
            if fit > 0 && w.year.suffix.is_some() && self.keys[i].suffix == w.year.suffix {
                fit += 1;
            }
            match fit.cmp(&best_fit) {
                std::cmp::Ordering::Greater => {
                    best_fit = fit;
                    best = vec![i];
                }
                std::cmp::Ordering::Equal if fit > 0 => best.push(i),
                _ => {}
            }
        }
        match best.len() {
            1 => return Outcome::Resolved(best[0]),
            n if n > 1 => return Outcome::Ambiguous(best),
            _ => {}
        }
        // `(Jones, 2004)` for `Jones, Smith, Brown & Lee (2004)`: the first
        // name and the year fit; only `et al.` is missing.
        if w.names.len() == 1 && !w.etal {
            let mut short: Vec<usize> = by_name
                .iter()
                .copied()
                .filter(|&i| self.year_fits(i, w))
                .collect();
            if w.year.suffix.is_some() && short.len() > 1 {
                short.retain(|&i| self.keys[i].suffix == w.year.suffix);
            }
            match short.len() {
                1 => return Outcome::MissingEtAl(short[0]),
                n if n > 1 => return Outcome::Ambiguous(short),
                _ => {}
            }
        }
        // A corporate author cited by part of its name: `(Department of
        // Economic and Social Affairs, Population Division, 2013)` for
        // `United Nations, Department of Economic and Social Affairs,
        // Population Division. 2013.` Every cited name must stand, in order,
        // in the entry's author part, and the year must agree.
        let same_year = self.by_year.get(&w.year.year).map_or(&[][..], |v| &v[..]);
        let parts: Vec<String> = w.names.iter().map(|n| cited_words(n).concat()).collect();
        if parts.iter().map(String::len).sum::<usize>() >= 12 {
            let hits: Vec<usize> = same_year
                .iter()
                .copied()
                .filter(|&i| self.year_fits(i, w) && contains_in_order(&self.heads[i], &parts))
                .collect();
            if let [i] = hits[..] {
                return Outcome::Resolved(i);
            }
        }
        if let Some(i) = self.corporate(w, same_year) {
            return Outcome::Resolved(i);
        }
        // Near misses: same names, another year; failing that, the same
        // first name with another year and `et al.` missing too.
        let year_gap = |i: usize| {
            let (Some(a), Some(b)) = (self.keys[i].year, w.year.year) else {
                return u16::MAX;
            };
            a.abs_diff(b)
        };
        let near = by_name
            .iter()
            .copied()
            .filter(|&i| self.names_fit(i, w) > 0)
            .min_by_key(|&i| year_gap(i))
            .or_else(|| {
                (w.names.len() == 1 && !w.etal)
                    .then(|| by_name.iter().copied().min_by_key(|&i| year_gap(i)))
                    .flatten()
            });
        if let Some(i) = near {
            return Outcome::YearMismatch(i);
        }
        // Same year, first name spelled a little differently (or the
        // co-author agrees).
        let cited: String = cited_words(first).concat();
        for &i in same_year {
            if !self.year_fits(i, w) {
                continue;
            }
            let Some(f) = self.keys[i].families.first() else {
                continue;
            };
            let f: String = f.split(' ').collect();
            let close = cited.len() >= 4 && distance(&cited, &f) <= (cited.len() / 4).clamp(1, 2);
            let coauthor = w.names.len() >= 2
                && self.keys[i]
                    .families
                    .get(1)
                    .is_some_and(|s| name_matches(&cited_words(&w.names[1]), s));
            if close || coauthor {
                return Outcome::AuthorMismatch(i);
            }
        }
        // Both a little off: a first author spelled a little differently
        // and a year at most two years away (`Damjanović 2002` for
        // `Damjanovi … 2000`). Only one such entry counts.
        if let (Some(y), true) = (w.year.year, cited.len() >= 5) {
            let near: Vec<usize> = (0..self.keys.len())
                .filter(|&i| {
                    let k = &self.keys[i];
                    k.year.is_some_and(|ky| ky.abs_diff(y) <= 2)
                        && k.families.first().is_some_and(|f| {
                            let f: String = f.split(' ').collect();
                            distance(&cited, &f) <= (cited.len() / 4).clamp(1, 2)
                        })
                })
                .collect();
            if let [i] = near[..] {
                return Outcome::AuthorMismatch(i);
            }
        }
        Outcome::Unresolved
    }
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
    fn a_corporate_author_cited_by_part_of_its_name_resolves() {
        let entries = [
            "United Nations, Department of Economic and Social Affairs, Population Division. 2013. World population prospects.",
            "Smith J. 2013. Other.",
        ];
        let m = Matcher::new(entries.iter().copied());
        let w = WorkCite {
            span: crate::source::Span::new(0, 1),
            names: vec![
                "Economic".into(),
                "Social Affairs".into(),
                "Population Division".into(),
            ],
            etal: false,
            year: crate::parse::author_year::YearRef {
                year: Some(2013),
                suffix: None,
                raw: "2013".into(),
            },
        };
        assert_eq!(m.resolve(&w), Outcome::Resolved(0));
    }

    #[test]
    fn et_al_prefers_two_authors_to_one() {
        let entries = [
            "Smith A (2010) Alone. J 1: 2.",
            "Smith A, Jones B (2010) Together. J 1: 2.",
        ];
        let m = Matcher::new(entries.iter().copied());
        let cite = |names: &[&str], etal| WorkCite {
            span: crate::source::Span::new(0, 1),
            names: names.iter().map(|n| n.to_string()).collect(),
            etal,
            year: crate::parse::author_year::YearRef {
                year: Some(2010),
                suffix: None,
                raw: "2010".into(),
            },
        };
        assert_eq!(m.resolve(&cite(&["Smith"], true)), Outcome::Resolved(1));
        assert_eq!(m.resolve(&cite(&["Smith"], false)), Outcome::Resolved(0));
        assert_eq!(
            m.resolve(&cite(&["Smith", "Jones"], false)),
            Outcome::Resolved(1)
        );
    }

    fn cite(names: &[&str], etal: bool, year: u16, suffix: Option<char>) -> WorkCite {
        WorkCite {
            span: crate::source::Span::new(0, 1),
            names: names.iter().map(|n| n.to_string()).collect(),
            etal,
            year: crate::parse::author_year::YearRef {
                year: Some(year),
                suffix,
                raw: format!("{year}{}", suffix.map(String::from).unwrap_or_default()),
            },
        }
    }

    #[test]
    fn a_missing_et_al_links_the_only_entry_it_can_mean() {
        let entries = [
            "Jones, A., Smith, B., Brown, C., & Lee, D. (2004). Four authors. J, 1, 2.",
            "Jones, A. (2010). Alone. J, 1, 3.",
            "Patel, R., Kim, S., & Ode, T. (2009). Three. J, 2, 1.",
            "Patel, R., Kim, S., & Ode, T. (2011a). Three again. J, 2, 2.",
            "Patel, R., Wu, L., & Ode, T. (2011b). Three more. J, 2, 3.",
            "Roe, P., Fox, Q., & Hall, M. (2012). One of two. J, 3, 1.",
            "Roe, P., Cho, Z., & Lim, N. (2012). Two of two. J, 3, 2.",
        ];
        let m = Matcher::new(entries.iter().copied());
        let cases = [
            (cite(&["Jones"], false, 2004, None), Outcome::MissingEtAl(0)),
            (cite(&["Jones"], true, 2004, None), Outcome::Resolved(0)),
            (cite(&["Jones"], false, 2010, None), Outcome::Resolved(1)),
            (cite(&["Patel"], false, 2009, None), Outcome::MissingEtAl(2)),
            (
                cite(&["Patel"], false, 2011, Some('a')),
                Outcome::MissingEtAl(3),
            ),
            (
                cite(&["Patel"], false, 2011, Some('b')),
                Outcome::MissingEtAl(4),
            ),
            // two entries it may mean: ambiguous, never unresolved
            (
                cite(&["Roe"], false, 2012, None),
                Outcome::Ambiguous(vec![5, 6]),
            ),
            // another year is still a year mismatch
            (
                cite(&["Jones"], false, 2005, None),
                Outcome::YearMismatch(1),
            ),
        ];
        for (w, want) in cases {
            assert_eq!(m.resolve(&w), want, "{}", w.display());
        }
    }

    #[test]
    fn a_corporate_author_cited_by_its_full_name_links_its_name_or_acronym() {
        let entries = [
            "Centre for Isotope Research of the University of Groningen. (2014). Calibration tables. Groningen.",
            "BGS. (2012). Geology of Britain. Nottingham: BGS.",
            "FAO. (2015). FAOSTAT. Rome: Food and Agriculture Organization of the United Nations.",
            "CIO. (2016). Tables, second edition. Groningen: Centre for Isotope Research.",
            "WHO. (2010). World malaria report. Geneva: WHO.",
            "Smith, J. (2014). Other. J, 1, 1.",
        ];
        let m = Matcher::new(entries.iter().copied());
        let corp = |names: &[&str], year| cite(names, false, year, None);
        let groningen = ["Centre for Isotope Research of the University of Groningen"];
        for (w, want) in [
            (corp(&groningen, 2014), Outcome::Resolved(0)),
            (
                corp(&["British Geological Survey"], 2012),
                Outcome::Resolved(1),
            ),
            (
                corp(
                    &["Food", "Agriculture Organization of the United Nations"],
                    2015,
                ),
                Outcome::Resolved(2),
            ),
            (corp(&groningen, 2016), Outcome::Resolved(3)),
            (
                corp(&["World Health Organization"], 2010),
                Outcome::Resolved(4),
            ),
            // another year, or an acronym that is not the name's
            (
                corp(&["British Geological Survey"], 2013),
                Outcome::Unresolved,
            ),
            (
                corp(&["Federal Aviation Office"], 2012),
                Outcome::Unresolved,
            ),
        ] {
            assert_eq!(m.resolve(&w), want, "{}", w.display());
        }
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("smith", "smyth"), 1);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("", "ab"), 2);
    }
}
