//! `author-mismatch` (CL007).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::link::Note;

/// Documentation printed by `citelint rule author-mismatch`.
pub const DOC: &str = "\
## What it finds
An author-year citation with no matching entry, where an entry of the same
year has a first author spelled a little differently (`Smyth` for `Smith`)
or the same co-author. The finding points at the citation and names the
entry it probably means.

## Why it matters
A misspelled name breaks the link between the text and the list, and it is
easy to miss in proof.

## Example
```text
… (Smyth & Jones, 2008).

References
Smith, J., & Jones, K. (2008). A title. Journal, 1, 1–2.
```
Correct the spelling in the text or in the list.
";

/// Reports every author mismatch the linker noted.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    for link in ctx.links {
        for note in &link.notes {
            if let Note::AuthorMismatch { cited, span, entry } = note {
                let e = &list.entries[*entry];
                let short: String = e.text_span.slice(ctx.text).chars().take(60).collect();
                out.push(
                    Diagnostic::new(
                        Rule::AuthorMismatch,
                        *span,
                        format!("citation `{cited}` has no matching reference; did you mean `{short}…`?"),
                    )
                    .with_related(e.span, "probably this entry")
                    .with_help("correct the author's name in the citation or in the reference list"),
                );
            }
        }
    }
}
