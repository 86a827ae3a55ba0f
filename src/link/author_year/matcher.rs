//! The matcher: the keys of one reference list, indexed by year and by
//! first family name, and the choice of entry (or near miss) for each
//! cited work.

use std::collections::HashMap;

use super::key::{entry_key, first_year, EntryKey};
use super::names::{
    acronym_matches, cited_words, contains_in_order, distance, joined_name_matches, name_keys,
    name_matches,
};
use super::words::{fold, fold_word, is_caps};
use crate::parse::author_year::WorkCite;

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
}
