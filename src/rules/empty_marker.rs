//! `empty-marker` (CL016).

use super::bracket_scan::{scan, Problem};
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule empty-marker`.
pub const DOC: &str = "\
## What it finds
A citation bracket with no number in it, `[]` or `[,]`, in a manuscript
that cites with numbered brackets. Groups that are code (`a[]`), Markdown
links (`[](url)`) or task-list boxes (`- [ ]`) are left alone.

## Why it matters
An empty bracket is a citation whose reference was lost: a reference
manager's field that did not resolve, or numbers deleted in an edit. The
reader cannot know what was cited.

## Example
```text
as shown previously [].
```
Put the reference number back: `[4]`.
";

/// Reports every empty citation bracket.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (span, problem) in scan(ctx) {
        if problem != Problem::Empty {
            continue;
        }
        out.push(
            Diagnostic::new(
                Rule::EmptyMarker,
                span,
                format!("citation `{}` cites nothing", span.slice(ctx.text)),
            )
            .with_help("put the missing reference numbers in the brackets, or remove them"),
        );
    }
}
