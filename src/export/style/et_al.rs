//! A name list that goes on (`et al.` in the source, BibTeX `and others`)
//! printed with the style's own `et al.` term.
//!
//! hayagriva has no way to say that a list is cut short: its CSL processor
//! prints `et al.` only when a list is longer than the style's `et-al-min`.
//! So such a list is rendered with one more person, the stand-in
//! [`ET_AL_SENTINEL`](super::yaml::ET_AL_SENTINEL), and [`mark`] then
//! replaces that person and the joiner before it (`, & `, ` and `, `, `)
//! with the style's `et al.` term, after the name delimiter when there was
//! one: `Hotez, P. J., & ⟨stand-in⟩` → `Hotez, P. J., et al.`, Vancouver
//! `Hotez PJ, Bottazzi ME, ⟨stand-in⟩.` → `Hotez PJ, Bottazzi ME, et al.`
//! When the style cuts the list itself, the stand-in is not printed and the
//! style's own `et al.` stands.

use hayagriva::citationberg::taxonomy::{OtherTerm, Term};
use hayagriva::citationberg::{BaseLanguage, IndependentStyle, Locale, LocaleCode, TermForm};
use hayagriva::ElemChild;

use super::super::yaml::ET_AL_SENTINEL;

/// The style's words for `et al.` and `and`, in its default locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    /// `et al.` (`等` in a Chinese locale).
    pub et_al: String,
    /// `and`, which a style may put before the last name.
    pub and: String,
}

impl Terms {
    /// The terms `style` uses, looked up the way hayagriva does for an item
    /// without a language: the style's own locales, then the locale files,
    /// for its default locale (en-US when it has none).
    pub fn of(style: &IndependentStyle, files: &[Locale]) -> Self {
        let code = style
            .default_locale
            .clone()
            .unwrap_or_else(LocaleCode::en_us);
        let lookup = |term: OtherTerm, default: &str| {
            find_term(style, files, &code, Term::Other(term)).unwrap_or_else(|| default.into())
        };
        Terms {
            et_al: lookup(OtherTerm::EtAl, "et al."),
            and: lookup(OtherTerm::And, "and"),
        }
    }
}

fn find_term(
    style: &IndependentStyle,
    files: &[Locale],
    code: &LocaleCode,
    term: Term,
) -> Option<String> {
    let in_locale = |l: &Locale| {
        l.term(term, TermForm::Long)
            .and_then(|t| t.single())
            .map(str::to_string)
    };
    let with_lang = |list: &[Locale], lang: Option<&LocaleCode>| {
        list.iter()
            .filter(|l| l.lang.as_ref() == lang)
            .find_map(in_locale)
    };
    let base = code.parse_base().and_then(|b| match b {
        BaseLanguage::Iso639_1(lang) => String::from_utf8(lang.to_vec()).ok().map(LocaleCode),
        BaseLanguage::Iana(lang) => Some(LocaleCode(lang)),
        BaseLanguage::Unregistered(_) => None,
    });
    with_lang(&style.locale, Some(code))
        .or_else(|| with_lang(&style.locale, base.as_ref()))
        .or_else(|| with_lang(&style.locale, None))
        .or_else(|| with_lang(files, Some(code)))
        .or_else(|| with_lang(files, code.fallback().as_ref()))
        .or_else(|| with_lang(files, Some(&LocaleCode::en_us())))
}

/// Replaces every stand-in person in `children` (one rendered entry) with
/// `terms.et_al`, as described in the module docs.
pub fn mark(children: &mut [ElemChild], terms: &Terms) {
    let mut leaves: Vec<&mut String> = Vec::new();
    collect(children, &mut leaves);
    let needle = ET_AL_SENTINEL.to_ascii_lowercase();
    // Each pass removes one stand-in; an entry has at most two lists.
    for _ in 0..4 {
        let found = leaves
            .iter()
            .enumerate()
            .find_map(|(i, t)| t.to_ascii_lowercase().find(&needle).map(|at| (i, at)));
        let Some((leaf, at)) = found else { break };
        leaves[leaf].replace_range(at..at + needle.len(), "");
        replace_joiner(&mut leaves, leaf, at, terms);
    }
}

/// The text leaves of `children`, in reading order.
fn collect<'a>(children: &'a mut [ElemChild], out: &mut Vec<&'a mut String>) {
    for child in children {
        match child {
            ElemChild::Text(t) => out.push(&mut t.text),
            ElemChild::Elem(e) => collect(&mut e.children.0, out),
            ElemChild::Markup(m) => out.push(m),
            ElemChild::Link { text, .. } => out.push(&mut text.text),
            ElemChild::Transparent { .. } => {}
        }
    }
}

/// Removes the joiner that ends just before byte `at` of leaf `leaf` and
/// puts the `et al.` term in its place.
fn replace_joiner(leaves: &mut [&mut String], leaf: usize, at: usize, terms: &Terms) {
    let before: String = leaves[..leaf]
        .iter()
        .map(|s| s.as_str())
        .chain([&leaves[leaf][..at]])
        .collect();
    let (joiner_len, delimiter) = joiner(&before, &terms.and);

    // Take the joiner out, from the leaf of the stand-in backwards.
    let mut left = joiner_len;
    let mut at = at;
    let mut i = leaf;
    loop {
        let end = if i == leaf { at } else { leaves[i].len() };
        let take = left.min(end);
        leaves[i].replace_range(end - take..end, "");
        if i == leaf {
            at -= take;
        }
        left -= take;
        if left == 0 || i == 0 {
            break;
        }
        i -= 1;
    }

    let mut text = match delimiter {
        // Nothing before the stand-in (a list of no one else): no joiner.
        _ if before.trim().is_empty() => terms.et_al.clone(),
        Some(d) => format!("{d} {}", terms.et_al),
        None => format!(" {}", terms.et_al),
    };
    // `et al.` then the style's full stop: one full stop.
    let next_is_stop = leaves[leaf][at..].starts_with('.')
        || (leaves[leaf][at..].is_empty()
            && leaves[leaf + 1..]
                .iter()
                .find(|s| !s.is_empty())
                .is_some_and(|s| s.starts_with('.')));
    if next_is_stop && text.ends_with('.') {
        text.pop();
    }
    leaves[leaf].insert_str(at, &text);
}

/// The length in bytes of the joiner at the end of `before` (spaces, the
/// `and` term or `&`, name delimiters, an ellipsis) and the delimiter it
/// held, if any.
fn joiner(before: &str, and: &str) -> (usize, Option<char>) {
    let mut rest = before.trim_end();
    let lower = rest.to_lowercase();
    let word_end = |s: &str, w: &str| {
        s.len() >= w.len()
            && s.ends_with(w)
            && !s[..s.len() - w.len()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    };
    let and = and.to_lowercase();
    if !and.is_empty() && lower.len() == rest.len() && word_end(&lower, &and) {
        rest = &rest[..rest.len() - and.len()];
    } else if let Some(r) = rest.strip_suffix('&') {
        rest = r;
    }
    let mut delimiter = None;
    loop {
        let trimmed = rest.trim_end();
        match trimmed.chars().next_back() {
            Some(c @ (',' | ';' | '，' | '；' | '、')) => {
                delimiter = delimiter.or(Some(c));
                rest = &trimmed[..trimmed.len() - c.len_utf8()];
            }
            Some('…') => rest = &trimmed[..trimmed.len() - '…'.len_utf8()],
            _ => {
                rest = trimmed;
                break;
            }
        }
    }
    (before.len() - rest.len(), delimiter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joiners() {
        let cases = [
            ("Hotez, P. J., & ", 4, Some(',')),
            ("Hotez, P. J., and ", 6, Some(',')),
            ("P. J. Hotez and ", 5, None),
            ("Hotez PJ, Bottazzi ME, ", 2, Some(',')),
            ("Hotez PJ ", 1, None),
            ("A, B, … ", 6, Some(',')),
            ("张三，", 3, Some('，')),
            ("Rand ", 1, None),
        ];
        for (before, len, delimiter) in cases {
            assert_eq!(joiner(before, "and"), (len, delimiter), "{before:?}");
        }
    }

    fn leaves(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    fn marked(parts: &[&str]) -> String {
        let terms = Terms {
            et_al: "et al.".into(),
            and: "and".into(),
        };
        let mut owned = leaves(parts);
        let mut refs: Vec<&mut String> = owned.iter_mut().collect();
        let needle = ET_AL_SENTINEL.to_ascii_lowercase();
        let (leaf, at) = refs
            .iter()
            .enumerate()
            .find_map(|(i, t)| t.to_ascii_lowercase().find(&needle).map(|a| (i, a)))
            .unwrap();
        refs[leaf].replace_range(at..at + needle.len(), "");
        replace_joiner(&mut refs, leaf, at, &terms);
        owned.concat()
    }

    #[test]
    fn the_stand_in_becomes_et_al() {
        let s = ET_AL_SENTINEL;
        let upper = s.to_uppercase();
        assert_eq!(
            marked(&["Hotez, P. J., & ", s, " (2015)."]),
            "Hotez, P. J., et al. (2015)."
        );
        assert_eq!(
            marked(&["Hotez PJ, Bottazzi ME, ", &upper, ". Title."]),
            "Hotez PJ, Bottazzi ME, et al. Title."
        );
        assert_eq!(
            marked(&["P. J. Hotez", " and ", s, ", “Title”"]),
            "P. J. Hotez et al., “Title”"
        );
        assert_eq!(marked(&[s, ". Title."]), "et al. Title.");
    }
}
