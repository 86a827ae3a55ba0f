//! `unused-entry` (CL031).

use std::collections::HashSet;

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::keys::bib::BibFormat;

/// Documentation printed by `citelint rule unused-entry`.
pub const DOC: &str = "\
## What it finds
An entry of the bibliography file (or of the inline `references:`) whose
key the manuscript never cites, neither in the text nor in `nocite`
(`\\nocite{key}`, front matter `nocite: '@key'`). Nothing is reported when
the manuscript lists every entry with `nocite: '@*'` or `\\nocite{*}`, and
entries on `references.allow-uncited` are left alone. The finding points
at the entry's key in the bibliography file.

A bibliography shared by several manuscripts has many entries each of them
leaves uncited: turn the rule off for those (`ignore = [\"unused-entry\"]`).

## Why it matters
pandoc and LaTeX print only the cited entries, so the unused ones are
invisible: a reference the author meant to cite and forgot, or dead weight
that still gets reviewed, converted and kept up to date. pandoc never
reports them.

## Fix
In a `.bib` file the entry can be removed (unsafe: it may have been meant
for a citation still to be written).

## Example
```bibtex
@article{lee2010, title = {Birds}, year = 2010}
```
No `[@lee2010]` or `\\cite{lee2010}` anywhere in the manuscript.
";

/// Reports every entry no citation names.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(keyed) = ctx.keys else { return };
    if keyed.nocite_all {
        return;
    }
    let cited: HashSet<&str> = keyed.cites.iter().map(|c| c.key.as_str()).collect();
    let mut reported = HashSet::new();
    for e in &keyed.entries {
        if cited.contains(e.key.as_str())
            || !reported.insert(e.key.as_str())
            || ctx.settings.uncited_allowed(None, Some(&e.key))
        {
            continue;
        }
        let file = e.file.and_then(|f| keyed.files.get(f));
        let mut d = Diagnostic::new(
            Rule::UnusedEntry,
            e.key_span,
            format!("bibliography entry `{}` is never cited", e.key),
        )
        .with_help("cite it, list it in `nocite`, or remove it")
        .in_file(file.map(|f| f.path.as_str()));
        if let Some(f) = file.filter(|f| f.format == BibFormat::Bibtex) {
            d = d.with_fix(Fix::delete(
                Applicability::Unsafe,
                format!("remove the entry `{}`", e.key),
                super::uncited_reference::removal_span(&f.text, e.span),
            ));
        }
        out.push(d);
    }
}
