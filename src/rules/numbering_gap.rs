//! `numbering-gap` (CL012).

use std::collections::BTreeSet;

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule numbering-gap`.
pub const DOC: &str = "\
## What it finds
A numbered reference list whose labels skip numbers: `1, 2, 4` (3 is
missing), or that does not start at 1. The finding points at the entry
after the gap. A number used twice is `duplicate-label` (CL004), not this
rule.

## Why it matters
A gap means an entry was deleted without renumbering (its citations may now
point at nothing, or at the wrong work), or an entry lost its label and ran
into the one before it.

## Example
```text
References
1. …
2. …
4. …    <- 3 is missing
```
Renumber the list (and its citations), or restore entry 3.
";

/// Reports every jump in the labels of a numbered list.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    if list.style.is_none() {
        return;
    }
    let mut labelled: Vec<(u32, crate::source::Span)> = list
        .entries
        .iter()
        .filter_map(|e| Some((e.label?, e.label_span.unwrap_or(e.span))))
        .chain(
            list.empty_items
                .iter()
                .filter_map(|i| Some((i.label?, i.span))),
        )
        .collect();
    labelled.sort_by_key(|(_, s)| s.start);
    let present: BTreeSet<u32> = labelled.iter().map(|(n, _)| *n).collect();
    let mut prev: Option<(u32, crate::source::Span)> = None;
    for &(n, span) in &labelled {
        let from = prev.map_or(0, |(p, _)| p);
        if n > from + 1 {
            let missing: Vec<u32> = (from + 1..n).filter(|m| !present.contains(m)).collect();
            if !missing.is_empty() {
                let what = match missing.as_slice() {
                    [m] => format!("{m} is missing"),
                    [a, .., b] if b - a + 1 == missing.len() as u32 => {
                        format!("{a}-{b} are missing")
                    }
                    _ => format!("{} numbers are missing", missing.len()),
                };
                let msg = match prev {
                    Some((p, _)) => format!("reference list skips from {p} to {n} ({what})"),
                    None => format!("reference list starts at {n} ({what})"),
                };
                let mut d = Diagnostic::new(Rule::NumberingGap, span, msg).with_help(
                    "renumber the list and its citations, or restore the missing entries",
                );
                if let Some((p, ps)) = prev {
                    d = d.with_related(ps, format!("entry {p}"));
                }
                out.push(d);
            }
        }
        if prev.is_none_or(|(p, _)| n > p) {
            prev = Some((n, span));
        }
    }
}
