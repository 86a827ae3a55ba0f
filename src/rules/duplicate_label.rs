//! `duplicate-label` (CL004).

use std::collections::HashMap;

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule duplicate-label`.
pub const DOC: &str = "\
## What it finds
Two entries of a numbered reference list that carry the same number. The
finding points at the second and names the first.

## Why it matters
A citation of that number is ambiguous, and every later number is probably
off by one.

## Example
```text
[3] Adams J. … 2001.
[3] Baker K. … 2002.
```
Renumber the list (`citelint fix` can do it).
";

/// Reports every entry whose label an earlier entry already has.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else {
        return;
    };
    let mut first = HashMap::new();
    for e in &list.entries {
        let (Some(n), Some(span)) = (e.label, e.label_span) else {
            continue;
        };
        match first.get(&n) {
            None => {
                first.insert(n, span);
            }
            Some(&prev) => out.push(
                Diagnostic::new(
                    Rule::DuplicateLabel,
                    e.span,
                    format!("label `{}` is used by two entries", span.slice(ctx.text)),
                )
                .with_related(prev, "first used here")
                .with_help("renumber the reference list so that every entry has its own number"),
            ),
        }
    }
}
