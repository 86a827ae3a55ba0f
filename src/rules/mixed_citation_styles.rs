//! `mixed-citation-styles` (CL010).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::link::link_markers;
use crate::parse::Style;

/// Documentation printed by `citelint rule mixed-citation-styles`.
pub const DOC: &str = "\
## What it finds
A manuscript that cites in both numeric and author-year style: at least
three citations of the other style that resolve against the reference list.
The finding points at the first of them.

## Why it matters
A journal uses one citation style. Mixed styles usually mean text was
pasted from another manuscript without converting its citations.

## Example
```text
Earlier work [1] disagrees with later work (Smith, 2008).
```
Convert every citation to the journal's style.
";

/// Reports the first marker of the other style when several resolve.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.doc.list.is_none() {
        return;
    }
    let other: Vec<_> = ctx
        .doc
        .other_markers
        .iter()
        .filter(|m| m.kind != crate::parse::MarkerKind::Bare)
        .cloned()
        .collect();
    let other = &other;
    if other.is_empty() {
        return;
    }
    let links = link_markers(ctx.text, ctx.doc, other);
    let resolving: Vec<_> = other
        .iter()
        .zip(&links)
        .filter(|(_, l)| !l.refs.is_empty() && l.unresolved.is_empty())
        .map(|(m, _)| m)
        .collect();
    let citations: usize = other
        .iter()
        .zip(&links)
        .filter(|(_, l)| !l.refs.is_empty() && l.unresolved.is_empty())
        .map(|(_, l)| l.refs.len())
        .sum();
    if citations < 3 {
        return;
    }
    let (main, minor) = match ctx.doc.style {
        Style::Numeric => ("numeric", "author-year"),
        Style::AuthorYear => ("author-year", "numeric"),
    };
    let first = resolving[0];
    out.push(
        Diagnostic::new(
            Rule::MixedCitationStyles,
            first.span,
            format!(
                "the manuscript cites in {main} style but also has {} {minor} citations; the first is `{}`",
                citations,
                first.span.slice(ctx.text)
            ),
        )
        .with_help("convert every citation to one style"),
    );
}
