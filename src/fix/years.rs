//! The unsafe `correct-year` fix: the year of a `year-mismatch` citation
//! rewritten to the listed year, when the gap is a slip and the rewrite
//! cannot make the marker cite a work twice.

use super::{Edit, FixKind, FixOptions, FixPlan, Fixed, Skipped};
use crate::link::author_year::Matcher;
use crate::link::{self, Note};
use crate::report::Checked;
use crate::source::Span;

/// Largest gap between a cited and a listed year that `correct-year`
/// treats as a slip (a preprint year, a typo) rather than another work.
const MAX_YEAR_GAP: u16 = 3;

/// Rewrites the year of each `year-mismatch` citation to the listed year.
pub(super) fn year_edits(text: &str, checked: &Checked, opts: &FixOptions, out: &mut FixPlan) {
    let Some(list) = &checked.doc.list else {
        return;
    };
    let matcher = Matcher::new(list.entries.iter().map(|e| e.text_span.slice(text)));
    for (m, l) in checked.doc.markers.iter().zip(&checked.links) {
        for note in &l.notes {
            let Note::YearMismatch { cited, span, entry } = note else {
                continue;
            };
            let Some(w) = m.works().iter().find(|w| w.span == *span) else {
                continue;
            };
            if !opts.unsafe_fixes {
                out.skipped.push(Skipped {
                    kind: FixKind::CorrectYear,
                    span: Some(*span),
                    reason: format!(
                        "rewriting the year of `{cited}` is an unsafe fix; it needs --unsafe-fixes"
                    ),
                });
                continue;
            }
            let Some(key) = (*entry < list.entries.len()).then(|| matcher.key(*entry)) else {
                continue;
            };
            let skip = |out: &mut FixPlan, reason: String| {
                out.skipped.push(Skipped {
                    kind: FixKind::CorrectYear,
                    span: Some(*span),
                    reason,
                });
            };
            let (Some(year), Some(cited_year), Some(raw_at)) =
                (key.year, w.year.year, span.slice(text).rfind(&w.year.raw))
            else {
                skip(
                    out,
                    format!("the year of `{cited}` or of its entry is not a plain year"),
                );
                continue;
            };
            if year.abs_diff(cited_year) > MAX_YEAR_GAP {
                skip(out, format!("`{cited}` is {} years from the entry it resembles ({year}): more likely another work than a slip", year.abs_diff(cited_year)));
                continue;
            }
            if w.year.suffix.is_some() && key.suffix.is_none() {
                skip(out, format!("`{cited}` names one of several works of a year, and the entry it resembles is not one of them"));
                continue;
            }
            let also_cited = m.works().iter().filter(|o| o.span != w.span).any(|o| {
                matches!(matcher.resolve(o), link::author_year::Outcome::Resolved(i) if i == *entry)
            });
            if also_cited {
                skip(
                    out,
                    format!("the marker already cites the entry `{cited}` resembles"),
                );
                continue;
            }
            let at = span.start + raw_at;
            let mut new = year.to_string();
            if let Some(s) = key.suffix {
                new.push(s);
            }
            out.applied.push(Fixed {
                kind: FixKind::CorrectYear,
                span: *span,
                message: format!("`{cited}` now cites the listed year {new}"),
            });
            out.edits.push(Edit {
                span: Span::new(at, at + w.year.raw.len()),
                replacement: new,
            });
        }
    }
}
