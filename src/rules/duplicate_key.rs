//! `duplicate-key` (CL032).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule duplicate-key`.
pub const DOC: &str = "\
## What it finds
A key defined twice: twice in one bibliography file, or in two of the files
a manuscript is checked against (inline `references:` included). The
finding points at the second definition and names the first.

## Why it matters
Which entry a citation gets depends on the tool: BibTeX keeps the first
and warns, biber and pandoc take one of them, and the printed reference may
not be the work the author meant. Merging two bibliographies is the usual
cause.

## Example
```bibtex
@article{smith2008, title = {Fish}, year = 2008}
@book{smith2008, title = {Birds}, year = 2008}
```
Rename one of the keys (`smith2008b`) and cite it where it is meant.
";

/// Reports every definition of a key after its first.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(keyed) = ctx.keys else { return };
    let by_key = keyed.by_key();
    for e in &keyed.entries {
        let Some(all) = by_key.get(e.key.as_str()).filter(|a| a.len() > 1) else {
            continue;
        };
        let first = &keyed.entries[all[0]];
        if std::ptr::eq(first, e) {
            continue;
        }
        let path = keyed.path_of(e);
        let mut d = Diagnostic::new(
            Rule::DuplicateKey,
            e.key_span,
            format!("key `{}` is defined twice", e.key),
        )
        .in_file(path);
        let first_path = keyed.path_of(first);
        if first_path == path {
            d = d.with_related(first.key_span, "first defined here");
        } else {
            d = d.with_help(format!(
                "first defined in {}; rename or remove one of them",
                keyed.where_is(first, ctx.text)
            ));
        }
        out.push(d);
    }
}
