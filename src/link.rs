//! Linking markers to reference entries.
//!
//! A numeric marker cites entries by label; in a list without labels the
//! n-th entry stands for number n. What a marker cites that has no entry is
//! kept, as written, in [`Link::unresolved`].

use std::collections::HashMap;

use crate::parse::Manuscript;

/// What one marker resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Link {
    /// Indices into the entry list, in the order cited, without repeats.
    pub refs: Vec<usize>,
    /// What is cited but has no entry (`"6"`).
    pub unresolved: Vec<String>,
}

/// Links every marker of `doc`; the result is parallel to `doc.markers`.
pub fn link(doc: &Manuscript) -> Vec<Link> {
    let entries = doc.list.as_ref().map_or(&[][..], |l| &l.entries[..]);
    let numbered = doc.list.as_ref().is_some_and(|l| l.style.is_some());
    let mut by_label: HashMap<u32, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let n = if numbered {
            e.label
        } else {
            u32::try_from(i + 1).ok()
        };
        if let Some(n) = n {
            by_label.entry(n).or_insert(i);
        }
    }
    doc.markers
        .iter()
        .map(|m| {
            let mut link = Link::default();
            for n in m.numbers() {
                match by_label.get(&n) {
                    Some(&i) => {
                        if !link.refs.contains(&i) {
                            link.refs.push(i);
                        }
                    }
                    None => {
                        let s = n.to_string();
                        if !link.unresolved.contains(&s) {
                            link.unresolved.push(s);
                        }
                    }
                }
            }
            link
        })
        .collect()
}
