//! `empty-reference` (CL003).

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::source::Span;

/// Documentation printed by `citelint rule empty-reference`.
pub const DOC: &str = "\
## What it finds
A line in the reference list that holds only a list bullet (`-`, `*`, `•`)
or only a label (`[4]`) with no entry text after it.

## Why it matters
It is usually debris from a copy out of a word processor, or an entry whose
text was deleted while its number stayed. Typesetting turns it into an empty
item in the printed list.

## Fix
A stray bullet on a line of its own is removed with its line (safe: it
holds nothing). A label with no text is not touched: the entry is missing.

## Example
```text
References:

-
[1] Li Hongyuan. 2008(08). On Network Sovereignty … [J]. Administration and Law.
```
Delete the stray `-` line.
";

/// Reports every bullet or label with no entry.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else {
        return;
    };
    for item in &list.empty_items {
        let what = item.span.slice(ctx.text);
        let msg = match item.label {
            Some(_) => format!("label `{what}` in the reference list has no entry text"),
            None => format!("stray list bullet `{what}` in the reference list has no entry"),
        };
        let mut d = Diagnostic::new(Rule::EmptyReference, item.span, msg)
            .with_help("delete the line, or put the missing entry text after it");
        if item.label.is_none() {
            d = d.with_fix(Fix::delete(
                Applicability::Safe,
                "remove the stray bullet",
                line_of(ctx.text, item.span),
            ));
        }
        out.push(d);
    }
}

/// The whole line holding `span`, with its line break, when the line holds
/// nothing else; otherwise `span` itself.
fn line_of(text: &str, span: Span) -> Span {
    let start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = text[span.end.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i + 1);
    let line = Span::new(start, end);
    if line.slice(text).trim() == span.slice(text).trim() {
        line
    } else {
        span
    }
}
