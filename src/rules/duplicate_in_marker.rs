//! `duplicate-in-marker` (CL015).

use std::collections::BTreeSet;

use super::marker_items::{items, removal};
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix};

/// Documentation printed by `citelint rule duplicate-in-marker`.
pub const DOC: &str = "\
## What it finds
A numeric citation that cites the same reference twice: `[1, 1]`, or a
number already inside a range of the same marker: `[1-3, 2]`. The finding
points at the repeated item.

## Why it matters
The repetition adds nothing and often hides a typo: `[1, 1]` may have been
meant as `[1, 7]`.

## Fix
Safe, when the repeated item is wholly covered by earlier ones: it is
removed with its separator (`[1-3, 2]` becomes `[1-3]`). Partly
overlapping ranges (`[1-3, 2-5]`) are reported without a fix.

## Example
```text
as in [1, 1] and [1-3, 2].
```
Write `[1]` and `[1-3]`, or cite what was meant.
";

/// Reports every item that cites a number an earlier item of the marker cites.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for m in &ctx.doc.markers {
        let at = items(ctx.text, m);
        let mut seen = BTreeSet::new();
        for (k, item) in m.items().iter().enumerate() {
            let nums: Vec<u32> = item.numbers().collect();
            let repeated: Vec<u32> = nums.iter().copied().filter(|n| seen.contains(n)).collect();
            seen.extend(nums.iter().copied());
            if repeated.is_empty() {
                continue;
            }
            let marker = m.span.slice(ctx.text);
            let what = match repeated.as_slice() {
                [n] => format!("reference {n}"),
                [a, .., b] => format!("references {a}-{b}"),
                [] => continue,
            };
            let mut d = Diagnostic::new(
                Rule::DuplicateInMarker,
                m.span,
                format!("`{marker}` cites {what} twice"),
            )
            .with_help("cite each reference once per marker");
            if let Some(list) = &at {
                if let Some(it) = list.get(k) {
                    d.span = it.span;
                    if repeated.len() == nums.len() {
                        d = d.with_fix(Fix::delete(
                            Applicability::Safe,
                            format!("remove the repeated `{}`", it.span.slice(ctx.text)),
                            removal(list, k),
                        ));
                    }
                }
            }
            out.push(d);
        }
    }
}
