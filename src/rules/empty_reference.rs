//! `empty-reference` (CL003).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule empty-reference`.
pub const DOC: &str = "\
## What it finds
A line in the reference list that holds only a list bullet (`-`, `*`, `•`)
or only a label (`[4]`) with no entry text after it.

## Why it matters
It is usually debris from a copy out of a word processor, or an entry whose
text was deleted while its number stayed. Typesetting turns it into an empty
item in the printed list.

## Example
```text
References:

-
[1] Li Hongyuan. 2008(08). On Network Sovereignty … [J]. Administration and Law.
```
Delete the stray `-` line.
";

/// Reports every bullet or label with no entry.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else {
        return;
    };
    for item in &list.empty_items {
        let what = item.span.slice(ctx.text);
        let msg = match item.label {
            Some(_) => format!("label `{what}` in the reference list has no entry text"),
            None => format!("stray list bullet `{what}` in the reference list has no entry"),
        };
        out.push(
            Diagnostic::new(Rule::EmptyReference, item.span, msg)
                .with_help("delete the line, or put the missing entry text after it"),
        );
    }
}
