//! `unresolved-citation` (CL001).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::link::Note;
use crate::parse::Cited;

/// Documentation printed by `citelint rule unresolved-citation`.
pub const DOC: &str = "\
## What it finds
A citation marker that cites a number, or an author and year, for which the
reference list has no entry. The finding points at the marker (for an
author-year group, at the one citation in it that does not resolve). When
an entry comes close (same author, other year; same year, author spelled
differently), `year-mismatch` or `author-mismatch` reports it instead.

## Why it matters
A reader cannot follow the citation, and a journal's technical check bounces
the manuscript. It usually means an entry was deleted or the list was
renumbered without updating the text.

## Example
```text
… as shown before [6].

References
1. …
5. …
```
`[6]` has no entry: add the missing reference or correct the number.
";

/// Reports every marker with something unresolved: for a numeric marker
/// the marker, for an author-year marker each unresolved work in it (near
/// misses are left to `year-mismatch` and `author-mismatch`).
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.doc.list.is_none() {
        // `missing-reference-list` says it once for the whole manuscript.
        return;
    }
    for (m, link) in ctx.doc.markers.iter().zip(ctx.links) {
        let marker = m.span.slice(ctx.text);
        if let Cited::Works(_) = m.cited {
            for note in &link.notes {
                if let Note::Unresolved { cited, span } = note {
                    out.push(
                        Diagnostic::new(
                            Rule::UnresolvedCitation,
                            *span,
                            format!("citation `{cited}` has no matching reference"),
                        )
                        .with_help(
                            "add the missing entry to the reference list or correct the citation",
                        ),
                    );
                }
            }
            continue;
        }
        if link.unresolved.is_empty() {
            continue;
        }
        let what = if link.unresolved.len() == 1 {
            format!("reference {}", link.unresolved[0])
        } else {
            format!("references {}", link.unresolved.join(", "))
        };
        let msg =
            format!("citation `{marker}` cites {what}, which the reference list does not have");
        out.push(
            Diagnostic::new(Rule::UnresolvedCitation, m.span, msg)
                .with_help("add the missing entry to the reference list or correct the citation"),
        );
    }
}
