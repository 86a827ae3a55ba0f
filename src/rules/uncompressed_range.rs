//! `uncompressed-range` (CL018), a style rule, off by default.

use super::marker_items::items;
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::parse::numeric::NumItem;
use crate::source::Span;

/// Documentation printed by `citelint rule uncompressed-range`.
pub const DOC: &str = "\
## What it finds
Three or more consecutive numbers listed one by one in a numeric citation,
`[1, 2, 3, 4]`, where the house style compresses them into a range,
`[1–4]`. Off by default: enable it with `extend-select =
[\"uncompressed-range\"]`. The range dash is `style.range-dash` (default
`–`).

## Why it matters
Most numeric styles (Vancouver, IEEE, AMA) compress runs of three or more
numbers; a journal's copy editor will do it anyway.

## Fix
Safe: the run becomes a range with the configured dash; the marker cites
the same references.

## Example
```text
in several studies [1, 2, 3, 4, 7].
```
Write `[1–4, 7]`.
";

/// Reports every run of three or more consecutive single numbers.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let dash = ctx.settings.range_dash();
    for m in &ctx.doc.markers {
        let Some(at) = items(ctx.text, m) else {
            continue;
        };
        let mut k = 0;
        while k < at.len() {
            let mut j = k;
            while let (NumItem::Single(a), Some(NumItem::Single(b))) =
                (at[j].item, at.get(j + 1).map(|i| i.item))
            {
                if b != a + 1 {
                    break;
                }
                j += 1;
            }
            if j - k >= 2 {
                let (NumItem::Single(first), NumItem::Single(last)) = (at[k].item, at[j].item)
                else {
                    k = j + 1;
                    continue;
                };
                let span = Span::new(at[k].span.start, at[j].span.end);
                let run = span.slice(ctx.text);
                out.push(
                    Diagnostic::new(
                        Rule::UncompressedRange,
                        span,
                        format!("`{run}` can be written as the range `{first}{dash}{last}`"),
                    )
                    .with_help("compress runs of three or more numbers into a range")
                    .with_fix(Fix {
                        applicability: Applicability::Safe,
                        title: format!("write `{first}{dash}{last}`"),
                        edits: vec![Edit {
                            span,
                            replacement: format!("{first}{dash}{last}"),
                        }],
                    }),
                );
            }
            k = j + 1;
        }
    }
}
