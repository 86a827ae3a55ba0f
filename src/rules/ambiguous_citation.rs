//! `ambiguous-citation` (CL008).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::link::Note;

/// Documentation printed by `citelint rule ambiguous-citation`.
pub const DOC: &str = "\
## What it finds
An author-year citation that fits two or more entries equally well: two
`Smith 2008` entries and a citation without the `a`/`b` suffix that tells
them apart. The finding points at the citation and names every entry.

## Why it matters
The reader cannot tell which work is meant. Style guides require `2008a`
and `2008b` in both the list and the text.

## Example
```text
… (Smith, 2008).

References
Smith, J. (2008). First title. …
Smith, J. (2008). Second title. …
```
Add the suffixes: `Smith, J. (2008a)`, `(2008b)`, and cite `(Smith, 2008a)`.
";

/// Reports every ambiguity the linker noted.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    for link in ctx.links {
        for note in &link.notes {
            if let Note::Ambiguous {
                cited,
                span,
                entries,
            } = note
            {
                let mut d = Diagnostic::new(
                    Rule::AmbiguousCitation,
                    *span,
                    format!(
                        "citation `{cited}` fits {} entries of the reference list",
                        entries.len()
                    ),
                )
                .with_help("add a suffix (`2008a`, `2008b`) to the entries and to the citation");
                for &i in entries {
                    d = d.with_related(list.entries[i].span, "fits this entry");
                }
                out.push(d);
            }
        }
    }
}
