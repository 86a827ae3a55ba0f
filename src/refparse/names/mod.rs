//! Splitting an author or editor span into persons.
//!
//! Accepted layouts (persons separated by `,`, `;`, `and`, `&`, `、`, `，`):
//!
//! * inverted with initials: `Chen, H., Tafalla, M., & Wilner, D. J.`
//! * inverted with full given names: `Nichols, Bill, and John Smith`
//! * family + initials (Vancouver, PubMed, GB/T): `Kats LB, Dill LM`,
//!   `ZHANG S`, `Boitani L. Ciucci P.` (no separator at all)
//! * given + family: `M. Kitsuregawa, H. Tanaka, and T. Moto-oka`,
//!   `Marc Shapiro and Susan Horwitz`
//! * CJK names (`李红元`), which are family-first and kept whole as the family
//!   with the rest as given;
//! * corporate names (`World Health Organization`) become literals.
//!
//! `et al.`, `and others`, `等` and editor markers (`(eds.)`, `ed.`) are
//! dropped; the caller learns whether `et al.` was present.
//!
//! The list is cut into `;` groups of comma segments of words here; the
//! submodules hold the rest: [`words`] what a single word is (particle,
//! initials, role marker, suffix), [`glue`] initials glued to the next
//! family name, [`layout`] family-first or given-first and the persons
//! built from the segments.

mod glue;
mod layout;
mod words;

use crate::csl::Name;
use glue::unglue;
use layout::{direct_names, make_person, split_comma_segments};
use words::is_role_word;
pub use words::{dot_initials, is_initials};
pub(crate) use words::{is_cjk, is_editor_word};

/// Where a name list's `et al.` (`and others`, `等` …) starts, if it has
/// one.
fn et_al_at(names: &str) -> Option<usize> {
    // ASCII lower-casing keeps every byte offset (full lower-casing does
    // not: `İ` grows), and the phrases are ASCII or CJK
    let lower = names.to_ascii_lowercase();
    ["et al", "et. al", "and others", "等", "et alii", "u. a."]
        .iter()
        .find_map(|pat| lower.find(pat))
}

/// The result of splitting a name list.
#[derive(Debug, Default, PartialEq)]
pub struct Names {
    pub names: Vec<Name>,
    pub et_al: bool,
}

/// Whether `s` is the mark a list prints for "the same authors as the
/// entry before" (`———.`, `–––––`, `---`, `______`, `—.`): dashes or
/// underscores and nothing else but a closing full stop or comma.
pub fn is_repeat_mark(s: &str) -> bool {
    let run = s.trim().trim_end_matches(['.', ',']).trim_end();
    !run.is_empty()
        && run
            .chars()
            .all(|c| matches!(c, '—' | '–' | '‒' | '―' | '⸺' | '⸻' | '-' | '_'))
        && (run.chars().count() >= 2 || run.starts_with(['—', '―']))
}

/// Splits a list of names.
pub fn split_names(span: &str) -> Names {
    if is_repeat_mark(span) {
        // kept as written; a list knows whose names it repeats
        let run = span.trim().trim_end_matches(['.', ',']).trim_end();
        return Names {
            names: vec![Name::literal(run)],
            et_al: false,
        };
    }
    let mut et_al = false;
    // normalise separators to ';'-separated segments, then commas
    let mut s = String::with_capacity(span.len());
    for c in span.chars() {
        match c {
            '，' | '、' => s.push(','),
            '；' => s.push(';'),
            '＆' => s.push('&'),
            '　' => s.push(' '),
            _ => s.push(c),
        }
    }
    if let Some(p) = et_al_at(&s) {
        et_al = true;
        s.truncate(p);
    }
    // strip role markers in brackets: (eds.), (Hrsg.), [ed.]
    let s = strip_bracketed_roles(&s);
    // separators "and", "&", "und", "y", "e" become ';' only between names
    // ';' groups of comma segments of words
    let mut segments: Vec<Vec<Vec<String>>> = Vec::new();
    let mut seg_words: Vec<String> = Vec::new();
    let mut group: Vec<Vec<String>> = Vec::new();
    let unglued = unglue(&s);
    for raw in unglued.split_whitespace() {
        let raw = raw.trim_end_matches(':');
        if !raw.chars().any(char::is_alphanumeric) && raw != "&" && raw != "," && raw != ";" {
            continue;
        }
        let lw = raw.to_lowercase();
        if matches!(
            lw.as_str(),
            "and" | "&" | "und" | "with" | "-" | "–" | "—" | "and," | "&,"
        ) || matches!(raw, "y" | "e")
        {
            if !seg_words.is_empty() {
                group.push(std::mem::take(&mut seg_words));
            }
            continue;
        }
        if is_role_word(raw) && (raw.ends_with('.') || lw == "in" || lw == "by" || lw == "edited") {
            continue;
        }
        // split at commas / semicolons inside the word
        let mut cur = String::new();
        for c in raw.chars() {
            match c {
                ',' => {
                    if !cur.is_empty() {
                        seg_words.push(std::mem::take(&mut cur));
                    }
                    if !seg_words.is_empty() {
                        group.push(std::mem::take(&mut seg_words));
                    }
                }
                ';' => {
                    if !cur.is_empty() {
                        seg_words.push(std::mem::take(&mut cur));
                    }
                    if !seg_words.is_empty() {
                        group.push(std::mem::take(&mut seg_words));
                    }
                    if !group.is_empty() {
                        segments.push(std::mem::take(&mut group));
                    }
                }
                _ => cur.push(c),
            }
        }
        if !cur.is_empty() {
            seg_words.push(cur);
        }
    }
    if !seg_words.is_empty() {
        group.push(seg_words);
    }
    if !group.is_empty() {
        segments.push(group);
    }
    let mut names = Vec::new();
    let semicolons = segments.len() > 1;
    for group in segments {
        if semicolons {
            // each ';' group is one person, possibly "Family, Given"
            let mut g = group;
            if g.len() >= 2 {
                let family = g.remove(0).join(" ");
                let given = g.concat().join(" ");
                names.push(make_person(&family, &given));
            } else if let Some(seg) = g.pop() {
                names.extend(direct_names(&seg));
            }
            continue;
        }
        split_comma_segments(group, &mut names);
    }
    names.retain(|n| !n.family_or_literal().is_empty() || n.given.is_some());
    // Vancouver and NLM write initials without dots (`Hotez PJ`); they are
    // initials all the same, and every style and BibTeX reads them as such
    // only when dotted
    for name in &mut names {
        if let Some(given) = name.given.as_mut() {
            *given = dot_initials(given);
        }
    }
    Names { names, et_al }
}

/// `s` without its bracketed role markers (`(eds.)`, `[Hrsg.]`); other
/// bracketed text is kept, without its brackets.
fn strip_bracketed_roles(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0;
    let mut buf = String::new();
    for c in s.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                buf.clear();
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if !buf.split_whitespace().all(is_role_word) {
                    out.push_str(&buf);
                }
                buf.clear();
            }
            _ if depth > 0 => buf.push(c),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The family names (or literals) `split_names` gives for `s`.
    pub(super) fn fam(s: &str) -> Vec<String> {
        split_names(s)
            .names
            .iter()
            .map(|n| n.family_or_literal().to_string())
            .collect()
    }

    #[test]
    fn et_al_after_a_length_changing_capital() {
        // `İ` lower-cases to two characters: the position must still be
        // the phrase's in the original
        assert_eq!(et_al_at("İ Smith et al."), Some(9));
        assert_eq!(et_al_at("ÇELİK A, ET AL."), Some(11));
        assert_eq!(et_al_at("Smith J, et al."), Some(9));
        let n = split_names("İnce A, Smith J, et al.");
        assert!(!n.names.is_empty());
    }

    #[test]
    fn repeat_marks() {
        for (s, yes) in [
            ("———.", true),
            ("–––––", true),
            ("---,", true),
            ("______.", true),
            ("—.", true),
            ("-", false),
            ("–.", false),
            ("Smith", false),
            ("— Smith", false),
            ("", false),
            (".", false),
        ] {
            assert_eq!(is_repeat_mark(s), yes, "{s}");
        }
        assert_eq!(fam("———."), ["———"]);
    }

    #[test]
    fn vancouver_initials_are_dotted() {
        let given = |s: &str| -> Vec<String> {
            split_names(s)
                .names
                .iter()
                .map(|n| n.given.clone().unwrap_or_default())
                .collect()
        };
        assert_eq!(given("Hochreiter S, Schmidhuber J."), ["S.", "J."]);
        assert_eq!(given("Smith J., Lee K."), ["J.", "K."]);
        assert_eq!(given("Hotez PJ, Bottazzi ME."), ["P. J.", "M. E."]);
        assert_eq!(given("Kats LB, Dill LM"), ["L. B.", "L. M."]);
        assert_eq!(given("Hotez, P. J., & Lee, K."), ["P. J.", "K."]);
        assert_eq!(given("Peters AHFM, Kubicek S"), ["AHFM", "S."]);
        assert_eq!(given("ZHANG S, DES MARAIS D J"), ["S.", "D. J."]);
        assert_eq!(given("Nichols, Bill"), ["Bill"]);
        assert_eq!(given("Li Hongyuan"), ["Li"]);
    }

    #[test]
    fn et_al_and_suffix() {
        let n = split_names("Smith, J., Jr., Doe, A., et al.");
        assert!(n.et_al);
        assert_eq!(n.names.len(), 2);
        assert_eq!(n.names[0].suffix, None);
        assert_eq!(n.names[0].given.as_deref(), Some("J., Jr."));
        let n = split_names("Smith J, Doe A, et al");
        assert!(n.et_al);
        assert_eq!(n.names.len(), 2);
    }

    #[test]
    fn roles_dropped() {
        assert_eq!(
            fam("Kaminski J. Marshall-Pescini S. (eds)"),
            ["Kaminski", "Marshall-Pescini"]
        );
        assert_eq!(fam("In J. Smith (Ed.)"), ["Smith"]);
    }
}
