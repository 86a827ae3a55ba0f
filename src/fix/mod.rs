//! Repairing a manuscript's citations: planning byte edits and applying them.
//!
//! [`plan`] looks at a checked manuscript and decides what can be repaired
//! without guessing:
//!
//! * **Renumbering** a numeric manuscript into order of first citation: every
//!   marker rewritten in its own shape (`[1, 3–5]`, `^[2,3]`, `(4)`,
//!   `[5]–[9]`, `¹⁻³`), the reference list reordered and relabelled in its own
//!   label style, each entry's bytes kept.
//! * **Safe fixes**: exact duplicate entries merged (their citations
//!   repointed), reversed (`[5–3]`) and degenerate (`[3–3]`) ranges
//!   normalised, a number cited twice in one marker cited once, stray list
//!   bullets removed.
//! * **Unsafe fixes**, only with [`FixOptions::unsafe_fixes`]: uncited
//!   entries removed, the year of a `year-mismatch` citation rewritten to the
//!   listed year.
//!
//! Unresolved citations are never "fixed": they are reported in
//! [`FixPlan::skipped`]. Every plan is checked before it is returned: the
//! edits are applied, the result is parsed again, and every marker must
//! still cite the same works (compared by entry text), every surviving
//! entry must keep its text byte for byte, and a renumbered list must read
//! 1, 2, 3 … in order of first citation. A plan that fails the check is
//! cut back (without the unsafe fixes, without renumbering, without both,
//! then to nothing) and says why.
//!
//! The library never prints and never touches files; [`apply`] only builds
//! the new text.
//!
//! The sub-modules, in the order a plan uses them:
//!
//! * `build`: builds a plan, unchecked (duplicates merged, uncited entries
//!   removed, stray bullets removed, unresolved citations reported, the
//!   renumbering's new order and labels);
//! * `refuse`: the checks that refuse renumbering when it could corrupt
//!   the manuscript (numbers it cannot be sure are citations, numbers cited
//!   in words, two entries with one number …);
//! * `items`: the new numbers of one marker (ranges normalised, repeats
//!   dropped, runs regrouped or compressed);
//! * [`marker`]: one marker written back in its own shape;
//! * [`list`]: the reference list's entries moved, relabelled, removed;
//! * `years`: the unsafe rewrite of a mismatched citation year;
//! * `verify`: the self-check every plan passes before it is returned
//!   (this module cuts a failing plan back);
//! * `outcome`: what a plan says ([`FixPlan`], [`Fixed`], [`Skipped`],
//!   [`FixKind`]);
//! * `edit`: byte [`Edit`]s and [`apply`], which applies them to a text.
//!
//! ```
//! use citelint::fix::{apply, plan, FixOptions};
//! let text = "Birds [2] and fish [1].\n\nReferences\n\n[1] Fish. 2001.\n[2] Birds. 2002.\n";
//! let checked = citelint::check(text);
//! let p = plan(text, &checked, &FixOptions::default());
//! let fixed = apply(text, &p.edits).unwrap();
//! assert_eq!(fixed, "Birds [1] and fish [2].\n\nReferences\n\n[1] Birds. 2002.\n[2] Fish. 2001.\n");
//! ```

pub mod list;
pub mod marker;

mod build;
mod edit;
mod items;
mod outcome;
mod refuse;
mod verify;
mod years;

use crate::config::Settings;
use crate::parse::MarkerKind;
use crate::report::Checked;
use crate::source::Span;
use build::build;
pub use edit::{apply, Edit, EditError};
pub use outcome::{FixKind, FixPlan, Fixed, Skipped};
use verify::verify;

/// What to repair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixOptions {
    /// Also apply the unsafe fixes (remove uncited entries, rewrite a
    /// mismatched year).
    pub unsafe_fixes: bool,
    /// Write runs of three or more consecutive numbers as ranges (`[3, 4,
    /// 5]` → `[3–5]`), even in markers that list them.
    pub compress_ranges: bool,
    /// Renumber a numeric manuscript into order of first citation.
    pub renumber: bool,
}

impl Default for FixOptions {
    fn default() -> Self {
        FixOptions {
            unsafe_fixes: false,
            compress_ranges: false,
            renumber: true,
        }
    }
}

/// Plans the repairs of `text`, checked as `checked` with the default
/// settings (see the module documentation). Never panics; a plan it cannot
/// verify is cut back.
pub fn plan(text: &str, checked: &Checked, opts: &FixOptions) -> FixPlan {
    plan_with(text, checked, opts, &Settings::default())
}

/// [`plan`] for a manuscript checked with `settings` (what `fix` reads
/// from `citelint.toml` and the flags): the plan's self-check reads the
/// repaired text with them, entries on the `allow-uncited` list are never
/// removed, and a configured `range-dash` is the dash of the ranges
/// `compress_ranges` writes in markers that have none of their own.
///
/// A manuscript read as Markdown ([`crate::check_as`]) is planned on its
/// prose: no edit may touch code, HTML, a link definition or an autolink
/// ([`Checked::non_prose`]); a plan that would is cut back like any plan
/// that fails its self-check.
pub fn plan_with(text: &str, checked: &Checked, opts: &FixOptions, settings: &Settings) -> FixPlan {
    if !spans_fit(text, checked) {
        return FixPlan {
            skipped: vec![Skipped {
                kind: FixKind::Renumber,
                span: None,
                reason: "the check results do not belong to this text; nothing was changed".into(),
            }],
            ..FixPlan::default()
        };
    }
    let prose = crate::markdown::mask(text, &checked.non_prose);
    plan_on(&prose, checked, opts, settings)
}

/// [`plan_with`] on the text as the parsers read it.
fn plan_on(text: &str, checked: &Checked, opts: &FixOptions, settings: &Settings) -> FixPlan {
    if checked.laid_out {
        return FixPlan {
            skipped: vec![Skipped {
                kind: FixKind::Renumber,
                span: None,
                reason:
                    "the text is laid out in pages or hard-wrapped lines (PDF text) and was read \
                         by joining its lines; fix only rewrites text it reads as written, so \
                         nothing was changed"
                        .into(),
            }],
            ..FixPlan::default()
        };
    }
    // Digits glued to words that were read as superscript citations are
    // never rewritten: renumbering would have to.
    if let Some(m) = checked
        .doc
        .markers
        .iter()
        .find(|m| m.kind == MarkerKind::Flattened)
    {
        if opts.renumber {
            let mut out = plan_on(
                text,
                checked,
                &FixOptions {
                    renumber: false,
                    ..*opts
                },
                settings,
            );
            out.skipped.push(Skipped {
                kind: FixKind::Renumber,
                span: Some(m.span),
                reason: format!(
                    "`{}` and other digits glued to words were read as superscript citations; \
                     renumbering would rewrite them, so it is left to you",
                    m.span.slice(text)
                ),
            });
            return out;
        }
    }
    let full = build(text, checked, opts, settings);
    let why = match verify(text, checked, &full, settings) {
        Ok(()) => return full,
        Err(why) => why,
    };
    // Cut back: first the unsafe fixes, then renumbering, then both.
    let safe = FixOptions {
        unsafe_fixes: false,
        ..*opts
    };
    let no_renumber = FixOptions {
        renumber: false,
        ..*opts
    };
    let neither = FixOptions {
        unsafe_fixes: false,
        renumber: false,
        ..*opts
    };
    let mut tries = Vec::new();
    if opts.unsafe_fixes {
        tries.push((safe, "the unsafe fixes"));
    }
    if full.renumbered {
        tries.push((no_renumber, "renumbering"));
        if opts.unsafe_fixes {
            tries.push((neither, "renumbering and the unsafe fixes"));
        }
    }
    for (o, what) in tries {
        let mut cut = build(text, checked, &o, settings);
        if verify(text, checked, &cut, settings).is_ok() {
            if !o.renumber {
                cut.skipped.retain(|s| s.kind != FixKind::Renumber);
            }
            cut.skipped.push(Skipped {
                kind: if o.renumber {
                    FixKind::RemoveUncited
                } else {
                    FixKind::Renumber
                },
                span: None,
                reason: format!(
                    "the repairs failed their self-check ({why}); {what} left out, the rest applied"
                ),
            });
            return cut;
        }
    }
    let mut skipped = full.skipped;
    skipped.push(Skipped {
        kind: FixKind::Renumber,
        span: None,
        reason: format!("the planned repairs failed their self-check ({why}); nothing was changed"),
    });
    FixPlan {
        skipped,
        ..FixPlan::default()
    }
}

/// Whether every span of `checked` lies inside `text` on character
/// boundaries (a `Checked` of another text would make the plan slice
/// outside it).
fn spans_fit(text: &str, checked: &Checked) -> bool {
    let ok = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let doc = &checked.doc;
    let markers = doc
        .markers
        .iter()
        .chain(&doc.other_markers)
        .all(|m| ok(m.span) && m.works().iter().all(|w| ok(w.span)));
    let list = doc.list.as_ref().is_none_or(|l| {
        ok(l.heading)
            && ok(l.span)
            && l.entries.iter().all(|e| {
                ok(e.span)
                    && ok(e.text_span)
                    && e.label_span.is_none_or(|s| ok(s) && s.end <= e.span.end)
            })
            && l.empty_items.iter().all(|e| ok(e.span))
    });
    let links = checked.links.len() == doc.markers.len()
        && checked.links.iter().all(|l| {
            l.refs
                .iter()
                .all(|&i| doc.list.as_ref().is_some_and(|list| i < list.entries.len()))
        });
    markers && list && links
}

#[cfg(test)]
mod tests;
