//! The self-check of a plan: its edits are applied, the result is read
//! again, and every marker must cite the same works, every surviving entry
//! keep its text, and a renumbered list read 1, 2, 3 … in order of first
//! citation.

use std::collections::{BTreeSet, HashSet};

use super::{apply, list, FixKind, FixPlan};
use crate::config::Settings;
use crate::parse::Style;
use crate::report::Checked;
use crate::source::Span;

/// An entry's text with white space runs made one space: what "the same
/// entry" compares.
pub(super) fn content_key(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a marker cites, by content: entry texts, and `#n` for numbers with
/// no entry.
fn works_of(text: &str, checked: &Checked, k: usize) -> BTreeSet<String> {
    let entries = checked.doc.list.as_ref().map_or(&[][..], |l| &l.entries);
    let Some(link) = checked.links.get(k) else {
        return BTreeSet::new();
    };
    let mut out: BTreeSet<String> = link
        .refs
        .iter()
        .filter_map(|&i| entries.get(i))
        .map(|e| content_key(e.text_span.slice(text)))
        .collect();
    if checked.doc.style == Style::Numeric {
        out.extend(link.unresolved.iter().map(|u| format!("#{u}")));
    }
    out
}

/// Applies `p` and checks the result (see the module documentation).
pub(super) fn verify(
    text: &str,
    checked: &Checked,
    p: &FixPlan,
    settings: &Settings,
) -> Result<(), String> {
    if p.edits.is_empty() {
        return Ok(());
    }
    // Edits stay inside markers and the list.
    let doc = &checked.doc;
    let list_region = doc.list.as_ref().map(|l| {
        let first = l
            .entries
            .iter()
            .map(|e| e.span.start)
            .chain(l.empty_items.iter().map(|e| e.span.start))
            .min()
            .unwrap_or(l.span.start);
        let last = l
            .entries
            .iter()
            .map(|e| e.span.end)
            .chain(l.empty_items.iter().map(|e| e.span.end))
            .max()
            .unwrap_or(l.span.end);
        Span::new(
            list::line_start(text, first).max(l.heading.end),
            list::next_line(text, last),
        )
    });
    for e in &p.edits {
        let inside_marker = doc
            .markers
            .iter()
            .any(|m| m.span.start <= e.span.start && e.span.end <= m.span.end);
        let inside_list =
            list_region.is_some_and(|r| r.start <= e.span.start && e.span.end <= r.end);
        if !inside_marker && !inside_list {
            return Err(format!(
                "an edit at bytes {}..{} lies outside the markers and the list",
                e.span.start, e.span.end
            ));
        }
        if crate::markdown::touches(&checked.non_prose, e.span) {
            return Err(format!(
                "an edit at bytes {}..{} would touch Markdown code, HTML or a link definition",
                e.span.start, e.span.end
            ));
        }
    }
    // `text` is the prose as read (Markdown's code blanked out), and so is
    // the repaired text: it is read again as it is, without markup.
    let new = apply(text, &p.edits).map_err(|e| e.to_string())?;
    let after = crate::check_with(&new, settings);
    if after.doc.style != doc.style {
        return Err("the manuscript's citation style would change".into());
    }
    if after.doc.markers.len() != doc.markers.len() {
        return Err(format!(
            "{} markers would become {}",
            doc.markers.len(),
            after.doc.markers.len()
        ));
    }
    for k in 0..doc.markers.len() {
        let before = works_of(text, checked, k);
        let now = works_of(&new, &after, k);
        let ms = doc.markers[k].span;
        let fixed_year = p.applied.iter().any(|a| {
            a.kind == FixKind::CorrectYear && ms.start <= a.span.start && a.span.end <= ms.end
        });
        if before != now && !(fixed_year && before.is_subset(&now)) {
            return Err(format!(
                "`{}` would cite other works",
                doc.markers[k].span.slice(text)
            ));
        }
    }
    // Entries keep their text; merged and removed ones are gone.
    let entries = doc.list.as_ref().map_or(&[][..], |l| &l.entries);
    let after_entries = after.doc.list.as_ref().map_or(&[][..], |l| &l.entries);
    let removed: HashSet<Span> = p
        .applied
        .iter()
        .filter(|a| matches!(a.kind, FixKind::MergeDuplicate | FixKind::RemoveUncited))
        .map(|a| a.span)
        .collect();
    let mut want: Vec<&str> = entries
        .iter()
        .filter(|e| !removed.contains(&e.span))
        .map(|e| e.text_span.slice(text))
        .collect();
    let mut got: Vec<&str> = after_entries
        .iter()
        .map(|e| e.text_span.slice(&new))
        .collect();
    if p.renumbered {
        // In order of first citation: entry k (in text order) is number k.
        for (k, e) in after_entries.iter().enumerate() {
            if e.label != u32::try_from(k + 1).ok() {
                return Err(format!("entry {} would be labelled {:?}", k + 1, e.label));
            }
        }
        let mut first = Vec::new();
        for l in &after.links {
            for &i in &l.refs {
                if !first.contains(&i) {
                    first.push(i);
                }
            }
        }
        if first.iter().enumerate().any(|(k, &i)| k != i) {
            return Err("the list would not be in order of first citation".into());
        }
    }
    want.sort_unstable();
    got.sort_unstable();
    if want != got {
        return Err("the entries' texts would change".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::Edit;

    #[test]
    fn the_self_check_rejects_damage() {
        let text = "See [2] then [1].\n\nReferences\n\n[1] A 2001.\n[2] B 2002.\n";
        let checked = crate::check(text);
        let bad = |edits: Vec<Edit>| FixPlan {
            edits,
            ..FixPlan::default()
        };
        // Outside markers and list.
        let e = verify(
            text,
            &checked,
            &bad(vec![Edit {
                span: Span::new(0, 3),
                replacement: "Saw".into(),
            }]),
            &Settings::default(),
        );
        assert!(e.unwrap_err().contains("outside the markers"));
        // A marker that now cites another work.
        let at = text.find("[1]").unwrap();
        let e = verify(
            text,
            &checked,
            &bad(vec![Edit {
                span: Span::new(at, at + 3),
                replacement: "[2]".into(),
            }]),
            &Settings::default(),
        );
        assert!(e.unwrap_err().contains("would cite other works"));
        // An entry whose text changes.
        let at = text.find("A 2001").unwrap();
        let e = verify(
            text,
            &checked,
            &bad(vec![Edit {
                span: Span::new(at, at + 1),
                replacement: "Z".into(),
            }]),
            &Settings::default(),
        );
        assert!(e.is_err());
    }
}
