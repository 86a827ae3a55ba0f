//! Building a plan, unchecked: exact duplicates merged, uncited entries
//! removed (unsafe), stray bullets removed, unresolved citations reported,
//! and, unless a refusal stops it, the markers and list renumbered into
//! order of first citation.

use std::collections::{HashMap, HashSet};

use super::items::{list_numbers, plan_items};
use super::marker::{self, Defaults, Shape};
use super::verify::content_key;
use super::{list, refuse, years, Edit, FixKind, FixOptions, FixPlan, Fixed, Skipped};
use crate::config::Settings;
use crate::link::{self, Note};
use crate::parse::{Cited, Style};
use crate::report::Checked;

/// Builds a plan without checking it.
pub(super) fn build(
    text: &str,
    checked: &Checked,
    opts: &FixOptions,
    settings: &Settings,
) -> FixPlan {
    let mut out = FixPlan::default();
    let doc = &checked.doc;
    let list = doc.list.as_ref();
    let entries = list.map_or(&[][..], |l| &l.entries);
    let n = entries.len();
    let numbered = list.is_some_and(|l| l.style.is_some());
    let numeric = doc.style == Style::Numeric;
    // In a numeric manuscript with an unnumbered list, the n-th entry is
    // number n: removing one would shift every later number.
    let can_remove = !numeric || numbered;
    let label_text = |i: usize| {
        entries[i]
            .label_span
            .map(|l| l.slice(text).to_string())
            .unwrap_or_else(|| {
                let t: String = entries[i].text_span.slice(text).chars().take(40).collect();
                format!("{}…", t.trim_end())
            })
    };

    // Exact duplicates merge into their first copy.
    let keys: Vec<String> = entries
        .iter()
        .map(|e| content_key(e.text_span.slice(text)))
        .collect();
    // An entry whose number another, different entry carries is
    // ambiguous: which of the two a citation of that number means is a
    // guess, so no fix acts on either.
    let mut ambiguous = vec![false; n];
    if numbered {
        let mut by_number: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(lab) = e.label {
                by_number.entry(lab).or_default().push(i);
            }
        }
        for same in by_number.values().filter(|v| v.len() > 1) {
            for &i in same {
                ambiguous[i] = same.iter().any(|&j| keys[j] != keys[i]);
            }
        }
    }
    let twin = |i: usize| {
        (0..n)
            .find(|&j| j != i && entries[j].label == entries[i].label && keys[j] != keys[i])
            .map_or_else(String::new, |j| short(entries[j].text_span.slice(text)))
    };
    let mut canon: Vec<usize> = (0..n).collect();
    let mut removed = vec![false; n];
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    for i in 0..n {
        if keys[i].is_empty() {
            continue;
        }
        match first_of.get(keys[i].as_str()) {
            Some(&j) if ambiguous[i] || ambiguous[j] => out.skipped.push(Skipped {
                kind: FixKind::MergeDuplicate,
                span: Some(entries[i].span),
                reason: format!(
                    "`{}` copies `{}`, but the number is also carried by another entry: which one a citation means is a guess",
                    label_text(i),
                    label_text(j)
                ),
            }),
            Some(&j) if can_remove => {
                canon[i] = j;
                removed[i] = true;
                out.applied.push(Fixed {
                    kind: FixKind::MergeDuplicate,
                    span: entries[i].span,
                    message: format!(
                        "removed `{}`, an exact copy of `{}`; its citations now cite that entry",
                        label_text(i),
                        label_text(j)
                    ),
                });
            }
            Some(&j) => out.skipped.push(Skipped {
                kind: FixKind::MergeDuplicate,
                span: Some(entries[i].span),
                reason: format!(
                    "`{}` copies `{}`, but the list is unnumbered and cited by position: removing it would shift every later number",
                    label_text(i),
                    label_text(j)
                ),
            }),
            None => {
                first_of.insert(&keys[i], i);
            }
        }
    }

    // What is cited, by either style of marker.
    let mut cited = vec![false; n];
    let other = link::link_markers(text, doc, &doc.other_markers);
    for l in checked.links.iter().chain(&other) {
        for &i in &l.refs {
            if let Some(&c) = canon.get(i) {
                cited[c] = true;
            }
        }
    }
    let uncited: Vec<usize> = (0..n).filter(|&i| !removed[i] && !cited[i]).collect();
    let survivors_left = (0..n).filter(|&i| !removed[i]).count() - uncited.len();
    for &i in &uncited {
        let reason = if !opts.unsafe_fixes {
            Some("removing an uncited entry is an unsafe fix; it needs --unsafe-fixes".to_string())
        } else if ambiguous[i] {
            Some(format!(
                "`{}` carries the same number as `{}`, a different entry: citations of that number may mean either, so neither is removed",
                short(entries[i].span.slice(text)),
                twin(i)
            ))
        } else if !can_remove {
            Some("the list is unnumbered and cited by position: removing an entry would shift every later number".to_string())
        } else if crate::rules::uncited_reference::allowed(settings, &entries[i], text) {
            Some(format!(
                "`{}` is on the `allow-uncited` list: it is meant to stay uncited",
                label_text(i)
            ))
        } else if survivors_left == 0 {
            Some("no entry is cited: removing them all would leave no list".to_string())
        } else {
            None
        };
        match reason {
            Some(reason) => out.skipped.push(Skipped {
                kind: FixKind::RemoveUncited,
                span: Some(entries[i].span),
                reason,
            }),
            None => {
                removed[i] = true;
                out.applied.push(Fixed {
                    kind: FixKind::RemoveUncited,
                    span: entries[i].span,
                    message: format!("removed `{}`, which no marker cites", label_text(i)),
                });
            }
        }
    }

    // Stray bullets go; a label with no text stays (its entry is missing).
    let mut bullets = Vec::new();
    if let Some(l) = list {
        // A line may follow a bullet only if it starts an entry or another
        // item, or is blank: otherwise the bullet is what separates it from
        // the entry above, and removing it would join the two.
        let starts: HashSet<usize> = entries
            .iter()
            .map(|e| e.span.start)
            .chain(l.empty_items.iter().map(|e| e.span.start))
            .map(|p| list::line_start(text, p))
            .collect();
        for (k, item) in l.empty_items.iter().enumerate() {
            let next = list::next_line(text, item.span.end);
            let next_ok = next >= text.len()
                || starts.contains(&next)
                || text[next..list::next_line(text, next)].trim().is_empty();
            if item.label.is_none() && !next_ok {
                out.skipped.push(Skipped {
                    kind: FixKind::RemoveEmptyItem,
                    span: Some(item.span),
                    reason: format!(
                        "the stray bullet `{}` separates the line after it from the entry above: removing it would join them",
                        item.span.slice(text)
                    ),
                });
            } else if item.label.is_none() {
                bullets.push(k);
                out.applied.push(Fixed {
                    kind: FixKind::RemoveEmptyItem,
                    span: item.span,
                    message: format!("removed the stray list bullet `{}`", item.span.slice(text)),
                });
            } else {
                out.skipped.push(Skipped {
                    kind: FixKind::RemoveEmptyItem,
                    span: Some(item.span),
                    reason: format!(
                        "label `{}` has no entry text: the entry is missing, not extra",
                        item.span.slice(text)
                    ),
                });
            }
        }
    }

    // Numbers to entries, as the linker reads them.
    let mut by_label: HashMap<u32, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let num = if numbered {
            e.label
        } else {
            u32::try_from(i + 1).ok()
        };
        if let Some(num) = num {
            by_label.entry(num).or_insert(i);
        }
    }

    // Numeric markers and their shapes.
    let numeric_markers: Vec<usize> = (0..doc.markers.len())
        .filter(|&k| matches!(doc.markers[k].cited, Cited::Numbers(_)))
        .collect();
    let shapes: Vec<Option<Shape>> = doc
        .markers
        .iter()
        .map(|m| match &m.cited {
            Cited::Numbers(items) => marker::shape(m.span.slice(text), m.kind, items),
            Cited::Works(_) => None,
        })
        .collect();
    let mut defaults = Defaults::from_shapes(shapes.iter().flatten());
    if let Some(dash) = &settings.range_dash {
        defaults.dash.clone_from(dash);
    }

    // Unresolved citations are reported, never repaired.
    let mut unresolved_markers = Vec::new();
    for (k, l) in checked.links.iter().enumerate() {
        let Some(m) = doc.markers.get(k) else {
            continue;
        };
        if m.style() == Style::Numeric && !l.unresolved.is_empty() {
            unresolved_markers.push(k);
            out.skipped.push(Skipped {
                kind: FixKind::UnresolvedCitation,
                span: Some(m.span),
                reason: format!(
                    "`{}` cites {} that the list does not have: add the entry or correct the citation",
                    m.span.slice(text),
                    l.unresolved.join(", ")
                ),
            });
        }
        for note in &l.notes {
            if let Note::Unresolved { cited, span } = note {
                out.skipped.push(Skipped {
                    kind: FixKind::UnresolvedCitation,
                    span: Some(*span),
                    reason: format!(
                        "`{cited}` has no entry in the list: add the entry or correct the citation"
                    ),
                });
            }
        }
    }

    // Can the manuscript be renumbered?
    let mut renumber = false;
    if numeric && opts.renumber && list.is_some() && !numeric_markers.is_empty() {
        let refuse = refuse::renumber_refusals(
            text,
            checked,
            numbered,
            &removed,
            &unresolved_markers,
            &numeric_markers,
            &shapes,
        );
        if refuse.is_empty() {
            renumber = true;
        } else {
            for (span, reason) in refuse {
                out.skipped.push(Skipped {
                    kind: FixKind::Renumber,
                    span,
                    reason,
                });
            }
        }
    }

    // The new order and labels.
    let mut order: Vec<usize> = Vec::new();
    let mut new_label: Vec<Option<u32>> = entries.iter().map(|e| e.label).collect();
    if renumber {
        let mut placed = vec![false; n];
        for &k in &numeric_markers {
            for num in doc.markers[k].numbers() {
                if let Some(&i) = by_label.get(&num) {
                    let c = canon[i];
                    if !removed[c] && !placed[c] {
                        placed[c] = true;
                        order.push(c);
                    }
                }
            }
        }
        order.extend((0..n).filter(|&i| !removed[i] && !placed[i]));
        for (pos, &e) in order.iter().enumerate() {
            new_label[e] = u32::try_from(pos + 1).ok();
        }
    } else {
        order = (0..n).filter(|&i| !removed[i]).collect();
    }
    let f = |num: u32| -> Option<u32> {
        let &i = by_label.get(&num)?;
        if numbered {
            new_label[canon[i]]
        } else {
            u32::try_from(canon[i] + 1).ok()
        }
    };

    // Markers.
    let mut marker_renumbered = 0;
    for &k in &numeric_markers {
        let m = &doc.markers[k];
        let items = m.items();
        let p = plan_items(items, &f, renumber, opts.compress_ranges);
        if p.items == items {
            continue;
        }
        let written = m.span.slice(text);
        let Some(shape) = &shapes[k] else {
            out.skipped.push(Skipped {
                kind: FixKind::NormaliseRange,
                span: Some(m.span),
                reason: format!("marker `{written}` could not be read back into its parts"),
            });
            continue;
        };
        let new = marker::render(shape, &p.items, &defaults);
        if new == written {
            continue;
        }
        for (a, b) in &p.reversed {
            out.applied.push(Fixed {
                kind: FixKind::NormaliseRange,
                span: m.span,
                message: format!("reversed range {a}–{b} in `{written}` now reads {b}–{a}"),
            });
        }
        for a in &p.degenerate {
            out.applied.push(Fixed {
                kind: FixKind::NormaliseRange,
                span: m.span,
                message: format!("range {a}–{a} in `{written}` is the single number {a}"),
            });
        }
        if !p.repeated.is_empty() {
            out.applied.push(Fixed {
                kind: FixKind::RemoveRepeatedNumber,
                span: m.span,
                message: format!(
                    "`{written}` cited {} more than once; now once",
                    list_numbers(&p.repeated)
                ),
            });
        }
        if renumber {
            marker_renumbered += 1;
        }
        out.edits.push(Edit {
            span: m.span,
            replacement: new,
        });
    }

    // The list.
    if let Some(l) = list {
        let list_edits = list::edits(
            text,
            l,
            &list::ListChange {
                order: &order,
                new_label: &new_label,
                removed: &removed,
                bullets: &bullets,
            },
        );
        let relabelled = order
            .iter()
            .filter(|&&e| new_label[e] != entries[e].label)
            .count();
        let slots: Vec<usize> = (0..n).filter(|&s| !removed[s]).collect();
        let moved = order
            .iter()
            .zip(&slots)
            .filter(|(&e, &slot)| e != slot)
            .count();
        if renumber && (relabelled > 0 || moved > 0 || marker_renumbered > 0) {
            out.renumbered = true;
            out.applied.push(Fixed {
                kind: FixKind::Renumber,
                span: l.span,
                message: format!(
                    "renumbered the list into order of first citation ({relabelled} of {} entries take a new number, {moved} move); rewrote {marker_renumbered} marker(s)",
                    order.len()
                ),
            });
        }
        out.edits.extend(list_edits);
    }

    // Years (unsafe).
    if doc.style == Style::AuthorYear {
        years::year_edits(text, checked, opts, &mut out);
    }

    out.edits.sort_by_key(|e| (e.span.start, e.span.end));
    out.applied.sort_by_key(|a| (a.span, a.kind));
    out
}

/// The first 40 characters of `s`, with `…` when it is longer.
pub(super) fn short(s: &str) -> String {
    let t: String = s.chars().take(40).collect();
    if t.len() < s.len() {
        format!("{}…", t.trim_end())
    } else {
        t
    }
}
