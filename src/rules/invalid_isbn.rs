//! `invalid-isbn` (CL021).

use super::fields::{codes, isbn_problem};
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// Documentation printed by `citelint rule invalid-isbn`.
pub const DOC: &str = "\
## What it finds
An ISBN in a reference entry whose check digit is wrong, or that has
neither 10 nor 13 digits. The ISBN is read as written after `ISBN`
(`ISBN 978-0-306-40615-7`, `ISBN-10: 0-306-40615-2`), or from the parsed
`ISBN` field when the text has none.

## Why it matters
The last digit of an ISBN is a checksum over the others: a wrong one means
a digit was mistyped or two were swapped, and the book cannot be found by
its ISBN.

## Example
```text
Knuth DE. The Art of Computer Programming. ISBN 978-0-201-89683-2.
```
The check digit of `978-0-201-89683` is 1: `978-0-201-89683-1`.
";

/// Reports every ISBN that fails its checksum.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    for (k, e) in list.entries.iter().enumerate() {
        let text = e.text_span.slice(ctx.text);
        let found = codes(text, "isbn");
        for f in &found {
            if let Some(why) = isbn_problem(&f.text) {
                let span = Span::new(
                    e.text_span.start + f.span.start,
                    e.text_span.start + f.span.end,
                );
                out.push(
                    Diagnostic::new(
                        Rule::InvalidIsbn,
                        span,
                        format!("ISBN `{}` is not valid: {why}", f.text),
                    )
                    .with_help(
                        "check the ISBN against the book's copyright page or a library catalogue",
                    ),
                );
            }
        }
        if found.is_empty() {
            if let Some(code) = ctx.items.get(k).and_then(|i| i.isbn.as_deref()) {
                if let Some(why) = isbn_problem(code) {
                    out.push(
                        Diagnostic::new(Rule::InvalidIsbn, e.span, format!("ISBN `{code}` is not valid: {why}"))
                            .with_help("check the ISBN against the book's copyright page or a library catalogue"),
                    );
                }
            }
        }
    }
}
