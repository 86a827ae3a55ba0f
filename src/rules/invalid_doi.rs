//! `invalid-doi` (CL020).

use super::fields::{doi_problem, dois};
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// Documentation printed by `citelint rule invalid-doi`.
pub const DOC: &str = "\
## What it finds
A DOI in a reference entry that cannot be one: it does not start with `10.`
and a registrant code of at least four digits, it has nothing after the
`/`, or it contains white space. DOIs are read from the entry text as
written (after `doi:`, `DOI`, `https://doi.org/`, or standing alone), and
from the parsed `DOI` field when the text has none.

## Why it matters
A broken DOI does not resolve: readers, reference managers and the
publisher's reference linking all fail on it, and it usually means the
DOI was copied incompletely.

## Example
```text
1. Smith J. Title. Nature. 2013;500:1-5. doi:10.103/nature12373
```
The registrant code is `1038`: write `doi:10.1038/nature12373`.
";

/// Reports every DOI that is not well formed.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    for (k, e) in list.entries.iter().enumerate() {
        let text = e.text_span.slice(ctx.text);
        let found = dois(text);
        let mut report = |span: Span, doi: &str, why: &str| {
            out.push(
                Diagnostic::new(
                    Rule::InvalidDoi,
                    span,
                    format!("`{doi}` is not a valid DOI: {why}"),
                )
                .with_help("copy the DOI again from the publisher's page or doi.org"),
            );
        };
        for f in &found {
            if let Some(why) = doi_problem(&f.text) {
                let span = Span::new(
                    e.text_span.start + f.span.start,
                    e.text_span.start + f.span.end,
                );
                report(span, &f.text, why);
            }
        }
        if found.is_empty() {
            if let Some(d) = ctx.items.get(k).and_then(|i| i.doi.as_deref()) {
                if let Some(why) = doi_problem(d.trim()) {
                    report(e.span, d, why);
                }
            }
        }
    }
}
