//! `missing-reference-heading` (CL028).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule missing-reference-heading`.
pub const DOC: &str = "\
## What it finds
A reference list with no heading above it: the entries follow the text
directly (a paste that lost its heading, or a heading typeset as an image).
citelint still finds such a list (numbered entries 1, 2, 3 … after `[n]`
citations, or five or more author-year entries that the text cites) and
checks it; the finding points at the first entry.

## Why it matters
Journals require the list under its own heading (`References`, `Literature
Cited`, …); readers, converters and other tools look for that heading to
tell where the text ends and the list begins.

## Example
```text
… as shown before (Adams et al., 2001).

Adams JA, Brown B, Cole C. 2001. A first title. J Biol 1:2–3.
```
Put a line `References` before the first entry.
";

/// Reports a list found without a heading.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    if !list.heading.is_empty() {
        return;
    }
    let Some(first) = list.entries.first() else {
        return;
    };
    let shown: String = first.span.slice(ctx.text).chars().take(40).collect();
    out.push(
        Diagnostic::new(
            Rule::MissingReferenceHeading,
            first.span,
            format!(
                "the reference list ({} entries) has no heading; it starts at `{shown}…`",
                list.entries.len()
            ),
        )
        .with_help("put a heading such as `References` on its own line before the first entry"),
    );
}
