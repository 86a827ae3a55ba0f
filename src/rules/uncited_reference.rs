//! `uncited-reference` (CL002).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule uncited-reference`.
pub const DOC: &str = "\
## What it finds
An entry of the reference list that no citation marker in the text cites
(ranges such as `[3-5]` cite every number in them). The finding points at
the entry.

## Why it matters
Most journals require every listed reference to be cited in the text. An
uncited entry is often left over from an earlier draft, or its citation was
mistyped.

## Example
```text
See [1] and [3].

References
[1] …
[2] …   <- never cited
[3] …
```
Cite entry 2 where it belongs, or remove it from the list.
";

/// Reports every entry that no marker links to.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else {
        return;
    };
    let mut cited = vec![false; list.entries.len()];
    for link in ctx.links {
        for &i in &link.refs {
            if let Some(c) = cited.get_mut(i) {
                *c = true;
            }
        }
    }
    for (e, cited) in list.entries.iter().zip(cited) {
        if cited {
            continue;
        }
        let name = match e.label_span {
            Some(l) => format!("reference `{}`", l.slice(ctx.text)),
            None => {
                let text = e.text_span.slice(ctx.text);
                let short: String = text.chars().take(40).collect();
                let more = if short.len() < text.len() { "…" } else { "" };
                format!("reference `{}{more}`", short.trim())
            }
        };
        out.push(
            Diagnostic::new(
                Rule::UncitedReference,
                e.span,
                format!("{name} is never cited"),
            )
            .with_help("cite it in the text or remove it from the reference list"),
        );
    }
}
