//! `invalid-issn` (CL022).

use super::fields::{codes, issn_problem};
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// Documentation printed by `citelint rule invalid-issn`.
pub const DOC: &str = "\
## What it finds
An ISSN in a reference entry whose check digit is wrong, or that does not
have eight digits. The ISSN is read as written after `ISSN`
(`ISSN 0378-5955`), or from the parsed `ISSN` field when the text has none.

## Why it matters
The eighth character of an ISSN is a checksum over the first seven: a wrong
one means a mistyped or transposed digit, and the serial cannot be looked
up by it.

## Example
```text
Hear Res. ISSN 0378-5954.
```
The check digit of `0378-595` is 5: `0378-5955`.
";

/// Reports every ISSN that fails its checksum.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    for (k, e) in list.entries.iter().enumerate() {
        let text = e.text_span.slice(ctx.text);
        let found = codes(text, "issn");
        let help = "check the ISSN against the ISSN portal or the journal's masthead";
        for f in &found {
            if let Some(why) = issn_problem(&f.text) {
                let span = Span::new(
                    e.text_span.start + f.span.start,
                    e.text_span.start + f.span.end,
                );
                out.push(
                    Diagnostic::new(
                        Rule::InvalidIssn,
                        span,
                        format!("ISSN `{}` is not valid: {why}", f.text),
                    )
                    .with_help(help),
                );
            }
        }
        if found.is_empty() {
            if let Some(code) = ctx.items.get(k).and_then(|i| i.issn.as_deref()) {
                if let Some(why) = issn_problem(code) {
                    out.push(
                        Diagnostic::new(
                            Rule::InvalidIssn,
                            e.span,
                            format!("ISSN `{code}` is not valid: {why}"),
                        )
                        .with_help(help),
                    );
                }
            }
        }
    }
}
