//! `invalid-url` (CL023).

use super::fields::{url_problem, urls};
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// Documentation printed by `citelint rule invalid-url`.
pub const DOC: &str = "\
## What it finds
A URL in a reference entry that cannot work: a misspelt scheme (`htp://`,
`http//`), no host, or a host name without a domain or with characters
host names cannot have. URLs are read from the entry text, or from the
parsed `URL` field when the text has none. Whether the page still exists
is not checked (citelint does not go online).

## Why it matters
A reader who follows a broken URL finds nothing; a misspelt scheme also
keeps reference managers and publishers from linking it.

## Example
```text
WHO. Fact sheet. Available from: http//www.who.int/news-room/fact-sheets
```
Write `http://www.who.int/…`.
";

/// Reports every URL that is not well formed.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    let help = "copy the address again from the browser's address bar";
    for (k, e) in list.entries.iter().enumerate() {
        let text = e.text_span.slice(ctx.text);
        let found = urls(text);
        for f in &found {
            if let Some(why) = url_problem(&f.text) {
                let span = Span::new(
                    e.text_span.start + f.span.start,
                    e.text_span.start + f.span.end,
                );
                out.push(
                    Diagnostic::new(
                        Rule::InvalidUrl,
                        span,
                        format!("`{}` is not a valid URL: {why}", f.text),
                    )
                    .with_help(help),
                );
            }
        }
        if found.is_empty() {
            // Only a parsed value shaped like an address is judged; anything
            // else is the parser's trouble, not the manuscript's.
            let parsed = ctx.items.get(k).and_then(|i| i.url.as_deref());
            if let Some(u) = parsed.filter(|u| u.contains("://") || u.starts_with("www.")) {
                if let Some(why) = url_problem(u.trim()) {
                    out.push(
                        Diagnostic::new(
                            Rule::InvalidUrl,
                            e.span,
                            format!("`{u}` is not a valid URL: {why}"),
                        )
                        .with_help(help),
                    );
                }
            }
        }
    }
}
