//! `unknown-key` (CL030).

use std::collections::HashMap;

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::keys::near::nearest;

/// Documentation printed by `citelint rule unknown-key`.
pub const DOC: &str = "\
## What it finds
A citation key in a pandoc, Quarto or LaTeX manuscript (`[@smith2008]`,
`@smith2008 says`, `\\citep{smith2008}`) that no entry of the bibliography
has: not the `.bib`, CSL-JSON or CSL-YAML files the manuscript names (front
matter `bibliography:`, `\\bibliography{}`, `\\addbibresource{}`), nor those
given with `--bib` or `references.bibliography`, nor its inline
`references:`. Keys are compared exactly, as pandoc and biber do. The help
names the nearest keys.

When the manuscript cites keys but names no bibliography at all,
`missing-reference-list` says so once instead.

## Why it matters
pandoc prints `???` (or the bare key) in place of the citation and warns
`Citation not found`, one key at a time; LaTeX prints `[?]`. The reader
cannot follow the citation.

## Fix
When exactly one key is nearest (a typo, a difference of case), the key is
replaced by it. Unsafe: the nearest key may be another work.

## Example
```markdown
As shown [@smtih2008, p. 4].
```
`smtih2008` has no entry; did you mean `smith2008`?
";

/// Reports every cited key with no entry.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(keyed) = ctx.keys else { return };
    if !keyed.has_bibliography {
        return;
    }
    let by_key = keyed.by_key();
    let mut near: HashMap<&str, Vec<&str>> = HashMap::new();
    for c in &keyed.cites {
        if by_key.contains_key(c.key.as_str()) {
            continue;
        }
        let close = near
            .entry(c.key.as_str())
            .or_insert_with(|| nearest(&c.key, keyed.entries.iter().map(|e| e.key.as_str())));
        let mut d = Diagnostic::new(
            Rule::UnknownKey,
            c.key_span,
            format!("citation key `{}` has no bibliography entry", c.key),
        );
        match close.as_slice() {
            [] => {
                d = d
                    .with_help("add an entry with this key to the bibliography, or correct the key")
            }
            [one] => {
                d = d
                    .with_help(format!("did you mean `{one}`?"))
                    .with_fix(Fix::replace(
                        Applicability::Unsafe,
                        format!("cite `{one}` instead"),
                        c.key_span,
                        *one,
                    ))
            }
            many => {
                let list: Vec<String> = many.iter().map(|k| format!("`{k}`")).collect();
                d = d.with_help(format!("did you mean one of {}?", list.join(", ")));
            }
        }
        out.push(d);
    }
}
