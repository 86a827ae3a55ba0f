//! Author and editor lists: CJK names whole, Western names family-first
//! (`ZHANG S`, `Li Hongyuan`), corporate names literal.

use super::split::{split_all, COMMAS};
use crate::csl::{Item, Name};
use crate::refparse::names::split_names;

/// Does `s` look like a list of names rather than a title?
pub(super) fn looks_like_names(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 120 {
        return false;
    }
    let parts = split_all(s, &COMMAS);
    parts.iter().all(|p| {
        let p = p.trim();
        let words = p.split_whitespace().count();
        let cjk = p.chars().any(|c| ('\u{2e80}'..='\u{9fff}').contains(&c));
        let lowercase_words = p
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .count();
        !p.is_empty()
            && (if cjk {
                p.chars().count() <= 20
            } else {
                (words <= 5 && lowercase_words <= 2) || looks_corporate(p)
            })
    })
}

/// A corporate name: capitalised words joined by `of`, `and`, `the`, `for`
/// (`United Nations Department of Economic and Social Affairs`,
/// `American Institute of Aeronautics and Astronautics (AIAA)`).
pub(super) fn looks_corporate(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    words.len() <= 12
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '(')
                || matches!(*w, "of" | "and" | "the" | "for" | "on" | "in" | "&")
        })
}

pub(super) fn set_names(item: &mut Item, s: &str) {
    let st = s.trim();
    if !st.contains([',', '，']) && st.split_whitespace().count() > 3 && looks_corporate(st) {
        item.author = vec![Name::literal(st)];
        return;
    }
    let n = split_names(s);
    let anonymous = ["佚名", "Anon", "Anonymous"];
    item.author = n
        .names
        .into_iter()
        .filter(|x| {
            let given = x.given.as_deref().unwrap_or("");
            let whole = format!("{}{given}", x.family_or_literal());
            !anonymous.contains(&x.family_or_literal())
                && !anonymous.contains(&given)
                && !anonymous.contains(&whole.as_str())
        })
        .map(gbt_name)
        .collect();
    item.custom.author_et_al = n.et_al;
}

/// GB/T writes Western names family-first (`ZHANG S`, `Li Hongyuan`) and
/// CJK names whole; re-read every name that way.
pub(super) fn gbt_name(n: Name) -> Name {
    if n.literal.is_some() {
        let lit = n.literal.clone().unwrap_or_default();
        if lit.chars().any(|c| ('\u{2e80}'..='\u{9fff}').contains(&c)) {
            return n;
        }
    }
    let family = n.family.clone().unwrap_or_default();
    let given = n.given.clone().unwrap_or_default();
    let cjk = family
        .chars()
        .chain(given.chars())
        .any(|c| ('\u{2e80}'..='\u{9fff}').contains(&c));
    if cjk {
        // corporate CJK names (long) stay literal
        let whole = format!("{family}{given}");
        if whole.chars().count() > 4 {
            return Name::literal(whole);
        }
        return n;
    }
    // the name parser read "Li Hongyuan" as given "Li", family "Hongyuan"
    if !given.is_empty()
        && !given.contains('.')
        && !given
            .split_whitespace()
            .all(crate::refparse::names::is_initials)
    {
        return Name::person(given, family);
    }
    n
}
