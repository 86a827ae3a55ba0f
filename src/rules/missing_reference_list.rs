//! `missing-reference-list` (CL005).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule missing-reference-list`.
pub const DOC: &str = "\
## What it finds
A manuscript that has citation markers but no reference list that citelint
can find: no line of its own headed `References`, `Bibliography`, `Works
Cited`, `Literature Cited`, `参考文献` or the like, followed by entries. The
finding points at the first marker.

## Why it matters
Every citation is then unresolved. Either the list is missing, or its heading
is one citelint does not know (name it in `citelint.toml`).

## Example
```text
As shown before [1].

Sources consulted
1. …
```
Use a standard heading such as `References`.
";

/// Reports a manuscript with markers and no list.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.doc.list.is_some() {
        return;
    }
    if let Some(first) = ctx.doc.markers.first() {
        out.push(
            Diagnostic::new(
                Rule::MissingReferenceList,
                first.span,
                format!(
                    "the manuscript cites ({} markers, the first is `{}`) but has no reference list",
                    ctx.doc.markers.len(),
                    first.span.slice(ctx.text)
                ),
            )
            .with_help("add a reference list under a heading such as `References`"),
        );
    }
}
