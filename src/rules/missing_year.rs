//! `missing-year` (CL024).

use super::fields::has_date_text;
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule missing-year`.
pub const DOC: &str = "\
## What it finds
A reference entry with no year: the parsed entry has no `issued` date and
its text holds no year (1500–2999) and no stated substitute such as
`n.d.`, `in press` or `forthcoming`. A warning: some works (standards,
living web pages) are legitimately undated, but they say so.

Both conditions have to hold, so that an entry the field parser could not
read (it returns the text as an untyped `document`) is judged by its text
alone, and an entry whose year the parser missed is not reported.

## Why it matters
An entry too thin to identify its work: it cannot be converted to BibTeX
or CSL-JSON with a date, an author-year citation of it cannot be written,
and readers cannot tell which edition is meant.

## Example
```text
3. Smith J. Fish of the Amazon. Copeia.
```
Add the year: `Copeia. 2009;2:3-4.` — or `n.d.` if the work has none.
";

/// Reports every entry without a year.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    for (k, e) in list.entries.iter().enumerate() {
        if ctx.items.get(k).is_some_and(|i| i.issued.is_some()) {
            continue;
        }
        if has_date_text(e.text_span.slice(ctx.text)) {
            continue;
        }
        out.push(
            Diagnostic::new(Rule::MissingYear, e.span, "reference entry has no year")
                .with_help("add the year of publication, or `n.d.` for an undated work"),
        );
    }
}
