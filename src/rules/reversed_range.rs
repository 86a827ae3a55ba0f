//! `reversed-range` (CL013).

use super::marker_items::items;
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::parse::numeric::NumItem;

/// Documentation printed by `citelint rule reversed-range`.
pub const DOC: &str = "\
## What it finds
A range in a numeric citation whose first number is larger than its last:
`[5-3]`. The finding points at the range inside the marker.

## Why it matters
A reversed range is a typo. Readers and reference managers take `5-3` as
nothing, or as the wrong works; citelint reads it as 3 to 5, which is
almost always what was meant.

## Fix
Safe: the range is written the right way round with the same dash
(`[5-3]` becomes `[3-5]`).

## Example
```text
as shown before [5-3].
```
Write `[3-5]`.
";

/// Reports every range `a-b` with `a > b`.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for m in &ctx.doc.markers {
        let at = items(ctx.text, m);
        let spans = at.as_ref();
        for (k, item) in m.items().iter().enumerate() {
            let NumItem::Range(a, b) = *item else {
                continue;
            };
            if a <= b {
                continue;
            }
            let marker = m.span.slice(ctx.text);
            let it = spans.and_then(|s| s.get(k));
            let dash = it.and_then(|i| i.dash).unwrap_or('-');
            let written = it.map_or_else(
                || format!("{a}{dash}{b}"),
                |i| i.span.slice(ctx.text).to_string(),
            );
            let right = format!("{b}{dash}{a}");
            let mut d = Diagnostic::new(
                Rule::ReversedRange,
                m.span,
                format!("range `{written}` in `{marker}` runs backwards"),
            )
            .with_help(format!("write the range as `{right}`"));
            if let Some(it) = it {
                d.span = it.span;
                d = d.with_fix(Fix::replace(
                    Applicability::Safe,
                    format!("write the range as `{right}`"),
                    it.span,
                    right,
                ));
            }
            out.push(d);
        }
    }
}
