//! `degenerate-range` (CL014).

use super::marker_items::items;
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::parse::numeric::NumItem;

/// Documentation printed by `citelint rule degenerate-range`.
pub const DOC: &str = "\
## What it finds
A range in a numeric citation that starts and ends on the same number:
`[3-3]`.

## Why it matters
It cites a single work while looking like several; usually the end of the
range was mistyped (`[3-5]` meant) or left over from an edit. Check which.

## Fix
Safe: the range becomes the single number (`[3-3]` becomes `[3]`), which
cites exactly what the marker cites now.

## Example
```text
as reviewed elsewhere [3-3].
```
Write `[3]`, or the range that was meant.
";

/// Reports every range `a-a`.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for m in &ctx.doc.markers {
        let at = items(ctx.text, m);
        for (k, item) in m.items().iter().enumerate() {
            let NumItem::Range(a, b) = *item else {
                continue;
            };
            if a != b {
                continue;
            }
            let marker = m.span.slice(ctx.text);
            let written = at.as_ref().and_then(|s| s.get(k)).map_or_else(
                || format!("{a}-{a}"),
                |i| i.span.slice(ctx.text).to_string(),
            );
            let mut d = Diagnostic::new(
                Rule::DegenerateRange,
                m.span,
                format!("range `{written}` in `{marker}` cites a single reference"),
            )
            .with_help(format!("write `{a}`, or the range that was meant"));
            if let Some(it) = at.as_ref().and_then(|s| s.get(k)) {
                d.span = it.span;
                d = d.with_fix(Fix::replace(
                    Applicability::Safe,
                    format!("write `{a}`"),
                    it.span,
                    a.to_string(),
                ));
            }
            out.push(d);
        }
    }
}
