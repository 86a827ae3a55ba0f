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

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;

use crate::config::Settings;
use crate::link::author_year::Matcher;
use crate::link::{self, Note};
use crate::parse::numeric::NumItem;
use crate::parse::{Cited, MarkerKind, Style};
use crate::report::Checked;
use crate::rules::Rule;
use crate::source::Span;
use marker::{Defaults, Shape};

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

/// One replacement of the bytes at `span`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes replaced (half-open, into the original text).
    pub span: Span,
    /// What replaces them.
    pub replacement: String,
}

/// The kinds of repair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixKind {
    /// Markers and list renumbered into order of first citation.
    Renumber,
    /// An exact copy of an earlier entry removed, its citations repointed.
    MergeDuplicate,
    /// A reversed (`5–3`) or degenerate (`3–3`) range rewritten.
    NormaliseRange,
    /// A number cited twice in one marker cited once.
    RemoveRepeatedNumber,
    /// A stray list bullet with no entry removed.
    RemoveEmptyItem,
    /// An entry no marker cites removed (unsafe).
    RemoveUncited,
    /// A citation's year rewritten to the year of the entry it matches (unsafe).
    CorrectYear,
    /// A citation with no entry: never repaired, only reported.
    UnresolvedCitation,
}

impl FixKind {
    /// Whether the repair is applied by default.
    pub fn is_safe(self) -> bool {
        matches!(
            self,
            FixKind::Renumber
                | FixKind::MergeDuplicate
                | FixKind::NormaliseRange
                | FixKind::RemoveRepeatedNumber
                | FixKind::RemoveEmptyItem
        )
    }

    /// A short name (`merge-duplicate`).
    pub fn name(self) -> &'static str {
        match self {
            FixKind::Renumber => "renumber",
            FixKind::MergeDuplicate => "merge-duplicate",
            FixKind::NormaliseRange => "normalise-range",
            FixKind::RemoveRepeatedNumber => "remove-repeated-number",
            FixKind::RemoveEmptyItem => "remove-empty-item",
            FixKind::RemoveUncited => "remove-uncited",
            FixKind::CorrectYear => "correct-year",
            FixKind::UnresolvedCitation => "unresolved-citation",
        }
    }

    /// The check rule whose finding the repair removes, if any. A [`Fixed`]
    /// of this kind has the span of that finding (`merge-duplicate`: when
    /// the copy carries the same label as the first), so that a finding's
    /// fix can be found by rule and span.
    pub fn rule(self) -> Option<Rule> {
        match self {
            FixKind::RemoveEmptyItem => Some(Rule::EmptyReference),
            FixKind::RemoveUncited => Some(Rule::UncitedReference),
            FixKind::CorrectYear => Some(Rule::YearMismatch),
            FixKind::MergeDuplicate => Some(Rule::DuplicateLabel),
            FixKind::UnresolvedCitation => Some(Rule::UnresolvedCitation),
            _ => None,
        }
    }
}

/// A repair the plan makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fixed {
    /// What kind.
    pub kind: FixKind,
    /// Where, in the original text.
    pub span: Span,
    /// What was done, lowercase, user text in backticks.
    pub message: String,
}

/// A repair the plan does not make, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// What kind.
    pub kind: FixKind,
    /// Where, when it is about one place.
    pub span: Option<Span>,
    /// Why not, lowercase, user text in backticks.
    pub reason: String,
}

/// What [`plan`] decides.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FixPlan {
    /// The edits, sorted and non-overlapping.
    pub edits: Vec<Edit>,
    /// What they repair.
    pub applied: Vec<Fixed>,
    /// What is left as it is, and why.
    pub skipped: Vec<Skipped>,
    /// Whether the plan renumbers (markers and list).
    pub renumbered: bool,
}

impl FixPlan {
    /// Whether the plan changes nothing.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }
}

/// Why a set of edits cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The span lies outside the text or cuts a character in two.
    #[error("edit at {}..{} lies outside the text or splits a character", .0.start, .0.end)]
    OutOfBounds(Span),
    /// Two edits touch the same bytes.
    #[error("edits at {}..{} and {}..{} overlap", .0.start, .0.end, .1.start, .1.end)]
    Overlap(Span, Span),
}

/// Applies `edits` to `text`. The edits may come in any order; they must lie
/// inside the text, on character boundaries, and must not overlap.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut prev: Option<Span> = None;
    for e in sorted {
        let s = e.span;
        if s.start > s.end
            || s.end > text.len()
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            return Err(EditError::OutOfBounds(s));
        }
        if let Some(p) = prev {
            if s.start < p.end {
                return Err(EditError::Overlap(p, s));
            }
        }
        out.push_str(&text[at..s.start]);
        out.push_str(&e.replacement);
        at = s.end;
        prev = Some(s);
    }
    out.push_str(&text[at..]);
    Ok(out)
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

/// An entry's text with white space runs made one space: what "the same
/// entry" compares.
fn content_key(s: &str) -> String {
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

/// What one marker becomes.
struct MarkerPlan {
    items: Vec<NumItem>,
    reversed: Vec<(u32, u32)>,
    degenerate: Vec<u32>,
    repeated: Vec<u32>,
}

/// Rewrites the items of one marker: ranges normalised, numbers mapped by
/// `f` (unmapped numbers stay), repeats dropped, sorted when renumbering,
/// runs regrouped the way the marker wrote them.
fn plan_items(
    items: &[NumItem],
    f: &dyn Fn(u32) -> Option<u32>,
    sort: bool,
    compress: bool,
) -> MarkerPlan {
    let mut p = MarkerPlan {
        items: Vec::new(),
        reversed: Vec::new(),
        degenerate: Vec::new(),
        repeated: Vec::new(),
    };
    let had_range = items
        .iter()
        .any(|i| matches!(i, NumItem::Range(a, b) if a != b));
    let min_run = items
        .iter()
        .filter_map(|i| match *i {
            NumItem::Range(a, b) if a != b => Some(a.abs_diff(b) as usize + 1),
            _ => None,
        })
        .min()
        .unwrap_or(3)
        .clamp(2, 3);
    let g = |n: u32| f(n).unwrap_or(n);
    let mut broken = false;
    let mut mapped: Vec<NumItem> = Vec::new();
    for &it in items {
        let it = match it {
            NumItem::Range(a, b) if a > b => {
                p.reversed.push((a, b));
                NumItem::Range(b, a)
            }
            NumItem::Range(a, b) if a == b => {
                p.degenerate.push(a);
                NumItem::Single(a)
            }
            x => x,
        };
        match it {
            NumItem::Single(n) => mapped.push(NumItem::Single(g(n))),
            NumItem::Range(a, b) => {
                let ms: Vec<u32> = (a..=b).map(g).collect();
                let run = ms.windows(2).all(|w| w[1] == w[0].wrapping_add(1));
                match (run, ms.first(), ms.last()) {
                    (true, Some(&x), Some(&y)) => mapped.push(NumItem::Range(x, y)),
                    _ => {
                        broken = true;
                        mapped.extend(ms.into_iter().map(NumItem::Single));
                    }
                }
            }
        }
    }
    let mut seen: HashSet<u32> = HashSet::new();
    for it in mapped {
        match it {
            NumItem::Single(n) => {
                if seen.insert(n) {
                    p.items.push(it);
                } else {
                    p.repeated.push(n);
                }
            }
            NumItem::Range(a, b) => {
                if (a..=b).any(|n| seen.contains(&n)) {
                    broken = true;
                    for n in a..=b {
                        if seen.insert(n) {
                            p.items.push(NumItem::Single(n));
                        } else {
                            p.repeated.push(n);
                        }
                    }
                } else {
                    seen.extend(a..=b);
                    p.items.push(it);
                }
            }
        }
    }
    if sort {
        p.items.sort_by_key(|i| i.min());
    }
    if broken && had_range {
        p.items = marker::compress_runs(&p.items, min_run);
    }
    if compress {
        p.items = marker::compress_runs(&p.items, 3);
    }
    p
}

fn list_numbers(v: &[u32]) -> String {
    v.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Builds a plan without checking it.
fn build(text: &str, checked: &Checked, opts: &FixOptions, settings: &Settings) -> FixPlan {
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
        let mut refuse: Vec<(Option<Span>, String)> = Vec::new();
        if !numbered {
            refuse.push((None, "the reference list is not numbered".to_string()));
        }
        if !unresolved_markers.is_empty() {
            let shown: Vec<String> = unresolved_markers
                .iter()
                .take(3)
                .map(|&k| format!("`{}`", doc.markers[k].span.slice(text)))
                .collect();
            let more = if unresolved_markers.len() > 3 {
                " …"
            } else {
                ""
            };
            refuse.push((None, format!(
                "{} citation(s) cite numbers the list does not have ({}{more}): renumbering would have to guess what they mean",
                unresolved_markers.len(),
                shown.join(", ")
            )));
        }
        let mut seen_labels: HashMap<u32, usize> = HashMap::new();
        for i in (0..n).filter(|&i| !removed[i]) {
            match entries[i].label {
                Some(lab) => {
                    if let Some(&j) = seen_labels.get(&lab) {
                        refuse.push((None, format!(
                            "two different entries carry the number {lab} (`{}` and `{}`): which one a citation means is a guess",
                            short(entries[j].text_span.slice(text)),
                            short(entries[i].text_span.slice(text)),
                        )));
                    }
                    seen_labels.insert(lab, i);
                }
                None if numbered => refuse.push((
                    None,
                    format!(
                        "entry `{}` has no label",
                        short(entries[i].text_span.slice(text))
                    ),
                )),
                None => {}
            }
        }
        let doubtful = doubtful_paren_groups(text, checked);
        if let Some(&(span, taken)) = doubtful.first() {
            let word_start = text[..span.start]
                .trim_end_matches([' ', '\u{a0}', '\t', '\n', '\r', '.'])
                .trim_end_matches(char::is_alphabetic)
                .len();
            let shown = &text[word_start..span.end];
            let more = match doubtful.len() {
                1 => String::new(),
                k => format!(" (and {} more)", k - 1),
            };
            let why = if taken {
                "is read as a citation, but the word before it may name a numbered thing and the group its label"
            } else {
                "reads like a citation but is not taken for one (because of the word before it)"
            };
            refuse.push((
                Some(span),
                format!(
                    "`{shown}`{more} {why}: renumbering would either leave a citation pointing at the old number or rewrite a label"
                ),
            ));
        }
        let strays = stray_bracket_groups(text, checked);
        if !strays.is_empty() {
            let shown: Vec<String> = strays
                .iter()
                .take(3)
                .map(|s| {
                    // with the word it is glued to (`t[1]`), and where
                    let head = &text[..s.start];
                    let word: usize = head
                        .chars()
                        .rev()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .take(12)
                        .map(char::len_utf8)
                        .sum();
                    let line = 1 + memchr::memchr_iter(b'\n', head.as_bytes()).count();
                    format!("`{}` on line {line}", &text[s.start - word..s.end])
                })
                .collect();
            let more = if strays.len() > 3 { " …" } else { "" };
            refuse.push((Some(strays[0]), format!(
                "{} bracketed number(s) of the list's range are not read as citations ({}{more}: code, an index or maths, or a citation citelint cannot be sure of): renumbering would leave them pointing at the old numbers",
                strays.len(),
                shown.join(", ")
            )));
        }
        if let Some(span) = number_in_words(text, checked) {
            refuse.push((None, format!(
                "`{}` cites a reference by number outside a marker: renumbering would leave it pointing at the old number",
                span.slice(text)
            )));
        }
        if let Some(&k) = numeric_markers.iter().find(|&&k| shapes[k].is_none()) {
            refuse.push((
                None,
                format!(
                    "marker `{}` could not be read back into its parts",
                    doc.markers[k].span.slice(text)
                ),
            ));
        }
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
        year_edits(text, checked, opts, &mut out);
    }

    out.edits.sort_by_key(|e| (e.span.start, e.span.end));
    out.applied.sort_by_key(|a| (a.span, a.kind));
    out
}

/// Words before `(3)` that make it a figure, table or equation number
/// beyond doubt.
const FIGURE_WORDS: &[&str] = &[
    "fig",
    "figs",
    "figure",
    "figures",
    "table",
    "tables",
    "eq",
    "eqs",
    "equation",
    "equations",
    "section",
    "sections",
    "chapter",
    "appendix",
    "panel",
    "panels",
    "scheme",
    "step",
    "steps",
    "lane",
    "lanes",
];

/// In a manuscript that cites with parentheses: the parenthesised groups
/// of list numbers whose reading rests on the word before them, with
/// whether the parser took them for citations. Not taken: the word may be
/// a label word of another kind (`within weeks (2, 3)`, `no. (4)`), and
/// the group a citation. Taken: the word may name a numbered thing
/// (`condition (3)`), and the group a label. Renumbering cannot tell, so
/// it must not renumber while there is one. Only figure, table and
/// equation words are beyond doubt.
fn doubtful_paren_groups(text: &str, checked: &Checked) -> Vec<(Span, bool)> {
    use crate::parse::ParenContext;
    let doc = &checked.doc;
    if !doc.markers.iter().any(|m| m.kind == MarkerKind::Paren) {
        return Vec::new();
    }
    let Some(list) = doc.list.as_ref() else {
        return Vec::new();
    };
    let Some(top) = list.entries.iter().filter_map(|e| e.label).max() else {
        return Vec::new();
    };
    let taken: HashSet<Span> = doc.markers.iter().map(|m| m.span).collect();
    crate::parse::body_regions(text, Some(list), doc.notes.as_ref())
        .iter()
        .flat_map(|&r| crate::parse::numeric::scan(text, r))
        .filter(|g| g.kind == crate::parse::numeric::NumericKind::Paren)
        .filter(|g| g.items.iter().all(|i| i.min() >= 1 && i.max() <= top))
        .filter_map(|g| {
            let is_taken = taken.contains(&g.span);
            let doubt = match crate::parse::paren_context(text, g.span) {
                ParenContext::Weak(_) => true,
                ParenContext::Label(w) => !FIGURE_WORDS.contains(&w.as_str()),
                ParenContext::Citing => !is_taken,
                ParenContext::Placed => false,
            };
            doubt.then_some((g.span, is_taken))
        })
        .collect()
}

/// Every group of numbers in brackets in the body (`t[1]`, `a[3]`,
/// `研究[1]`) that could cite entries of the list (every number at least
/// 1, one of them at most the highest label) but is not read as a
/// citation. Renumbering cannot tell whether it is one, so it must not
/// renumber while there is one.
fn stray_bracket_groups(text: &str, checked: &Checked) -> Vec<Span> {
    let doc = &checked.doc;
    let Some(list) = doc.list.as_ref() else {
        return Vec::new();
    };
    let Some(top) = list.entries.iter().filter_map(|e| e.label).max() else {
        return Vec::new();
    };
    let mut taken: Vec<Span> = doc
        .markers
        .iter()
        .chain(&doc.other_markers)
        .map(|m| m.span)
        .collect();
    taken.sort();
    let covered = |g: Span| {
        let k = taken.partition_point(|t| t.end <= g.start);
        taken.get(k).is_some_and(|t| t.start < g.end)
    };
    let regions = crate::parse::body_regions(text, Some(list), doc.notes.as_ref());
    regions
        .iter()
        .flat_map(|&r| crate::parse::numeric::bracket_groups(text, r))
        .filter(|g| {
            g.items.iter().all(|i| i.min() >= 1)
                && g.items.iter().any(|i| i.min() <= top)
                && !covered(g.span)
        })
        .map(|g| g.span)
        .collect()
}

/// The first place where the body refers to a reference by number in a
/// form the marker scanner does not read: `ref. 12`, `refs 3 and 4`,
/// `reference 5`, `[12, p. 5]`, `[3; see also 4]`. Renumbering would leave
/// it behind, so it must not renumber.
fn number_in_words(text: &str, checked: &Checked) -> Option<Span> {
    let list = checked.doc.list.as_ref()?;
    let top = list.entries.iter().filter_map(|e| e.label).max()?;
    let in_list = |p: usize| list.heading.start <= p && p < list.span.end;
    let mut spans: Vec<Span> = checked.doc.markers.iter().map(|m| m.span).collect();
    spans.sort();
    let in_marker = |p: usize| {
        let k = spans.partition_point(|s| s.start <= p);
        k > 0 && p < spans[k - 1].end
    };
    let b = text.as_bytes();
    let number_at = |p: usize| -> Option<(u32, usize)> {
        let len = b[p..].iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 || len > 4 {
            return None;
        }
        let n: u32 = text[p..p + len].parse().ok()?;
        (1..=top).contains(&n).then_some((n, p + len))
    };
    let skip_space = |mut p: usize| {
        while p < b.len() && (b[p] == b' ' || b[p] == b'\t') {
            p += 1;
        }
        p
    };
    for (p, _) in text.match_indices(['r', 'R', '[']) {
        if in_list(p) || in_marker(p) {
            continue;
        }
        if b[p] == b'[' {
            // `[12, p. 5]`: a number, a separator, then words.
            let Some((_, after)) = number_at(skip_space(p + 1)) else {
                continue;
            };
            let q = skip_space(after);
            if !matches!(b.get(q), Some(b',' | b';')) {
                continue;
            }
            let end = text[q..]
                .find([']', '\n', '\r'])
                .map_or(text.len(), |o| q + o);
            if b.get(end) == Some(&b']')
                && end - q < 60
                && text[q..end].chars().any(char::is_alphabetic)
            {
                return Some(Span::new(p, end + 1));
            }
            continue;
        }
        // `ref. 12`, `refs 3`, `reference 5`, `references 3–5`.
        if p > 0 && (b[p - 1].is_ascii_alphanumeric()) {
            continue;
        }
        let word_len = b[p..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let word = text[p..p + word_len].to_ascii_lowercase();
        if !matches!(word.as_str(), "ref" | "refs" | "reference" | "references") {
            continue;
        }
        let mut q = p + word_len;
        if b.get(q) == Some(&b'.') {
            q += 1;
        }
        let q2 = skip_space(q);
        if q2 == q && word.starts_with("ref") && b.get(q - 1) != Some(&b'.') {
            continue;
        }
        if let Some((_, after)) = number_at(q2) {
            if !b.get(after).is_some_and(|c| {
                c.is_ascii_alphanumeric()
                    || *c == b'.' && b.get(after + 1).is_some_and(u8::is_ascii_digit)
            }) {
                return Some(Span::new(p, after));
            }
        }
    }
    None
}

fn short(s: &str) -> String {
    let t: String = s.chars().take(40).collect();
    if t.len() < s.len() {
        format!("{}…", t.trim_end())
    } else {
        t
    }
}

/// Largest gap between a cited and a listed year that `correct-year`
/// treats as a slip (a preprint year, a typo) rather than another work.
const MAX_YEAR_GAP: u16 = 3;

/// Rewrites the year of each `year-mismatch` citation to the listed year.
fn year_edits(text: &str, checked: &Checked, opts: &FixOptions, out: &mut FixPlan) {
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

/// Applies `p` and checks the result (see the module documentation).
fn verify(text: &str, checked: &Checked, p: &FixPlan, settings: &Settings) -> Result<(), String> {
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
mod tests;
