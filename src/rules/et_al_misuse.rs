//! `et-al-misuse` (CL009).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::link::Note;

/// Documentation printed by `citelint rule et-al-misuse`.
pub const DOC: &str = "\
## What it finds
An author-year citation that says `et al.` for a work whose entry has a
single author. Only the unambiguous case is reported.

## Why it matters
`et al.` claims co-authors that do not exist; it often means the citation
was copied from another work by the same first author.

## Example
```text
… (Smith et al., 2008).

References
Smith, J. (2008). A title. …
```
Cite `(Smith, 2008)`.
";

/// Reports every `et al.` for a single author the linker noted.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    for link in ctx.links {
        for note in &link.notes {
            if let Note::EtAlMisuse { cited, span, entry } = note {
                out.push(
                    Diagnostic::new(
                        Rule::EtAlMisuse,
                        *span,
                        format!(
                            "citation `{cited}` says `et al.`, but the entry has a single author"
                        ),
                    )
                    .with_related(list.entries[*entry].span, "the entry")
                    .with_help("drop `et al.` from the citation"),
                );
            }
        }
    }
}
