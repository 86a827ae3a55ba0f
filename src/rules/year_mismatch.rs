//! `year-mismatch` (CL006).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::link::Note;

/// Documentation printed by `citelint rule year-mismatch`.
pub const DOC: &str = "\
## What it finds
An author-year citation whose authors match an entry of the reference list
but whose year does not, when no entry has both. The finding points at the
citation and names the entry it probably means.

## Why it matters
Either the citation or the entry has the wrong year (or the `a`/`b` suffix
is missing), and the reader cannot tell which work is meant.

## Example
```text
… as shown by Smith (2008).

References
Smith, J. (2009). A title. Journal, 1, 1–2.
```
Correct the year in the text or in the list.
";

/// Reports every year mismatch the linker noted.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    for link in ctx.links {
        for note in &link.notes {
            if let Note::YearMismatch { cited, span, entry } = note {
                let e = &list.entries[*entry];
                let short: String = e.text_span.slice(ctx.text).chars().take(60).collect();
                out.push(
                    Diagnostic::new(
                        Rule::YearMismatch,
                        *span,
                        format!("citation `{cited}` has no matching reference; the list has `{short}…` with another year"),
                    )
                    .with_related(e.span, "probably this entry")
                    .with_help("correct the year in the citation or in the reference list"),
                );
            }
        }
    }
}
