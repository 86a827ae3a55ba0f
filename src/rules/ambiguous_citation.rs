//! `ambiguous-citation` (CL008).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::link::Note;

/// Documentation printed by `citelint rule ambiguous-citation`.
pub const DOC: &str = "\
## What it finds
An author-year citation that fits two or more entries equally well: two
`Smith 2008` entries and a citation without the `a`/`b` suffix that tells
them apart. The finding points at the citation and names every entry.

## Why it matters
The reader cannot tell which work is meant. Style guides require `2008a`
and `2008b` in both the list and the text.

A citation with `et al.` is not taken to mean a work whose entry names
fewer authors than `style.et-al-threshold` (default 3): `Range et al. 2011`
is not ambiguous between `Range, Huber & Heyes 2011` and `Range & Virányi
2011`.

## Example
```text
… (Smith, 2008).

References
Smith, J. (2008). First title. …
Smith, J. (2008). Second title. …
```
Add the suffixes: `Smith, J. (2008a)`, `(2008b)`, and cite `(Smith, 2008a)`.
";

/// Reports every ambiguity the linker noted.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    for link in ctx.links {
        for note in &link.notes {
            if let Note::Ambiguous {
                cited,
                span,
                entries,
            } = note
            {
                let entries = plausible(ctx, cited, entries);
                if entries.len() < 2 {
                    continue;
                }
                let mut d = Diagnostic::new(
                    Rule::AmbiguousCitation,
                    *span,
                    format!(
                        "citation `{cited}` fits {} entries of the reference list",
                        entries.len()
                    ),
                )
                .with_help("add a suffix (`2008a`, `2008b`) to the entries and to the citation");
                for &i in &entries {
                    d = d.with_related(list.entries[i].span, "fits this entry");
                }
                out.push(d);
            }
        }
    }
}

/// The entries a citation can really mean: a citation with `et al.` does
/// not mean a work whose entry names fewer authors than the style's
/// `et al.` threshold (`Range et al. 2011` is not `Range & Virányi 2011`
/// when the style names both authors of a two-author work).
fn plausible(ctx: &Context, cited: &str, entries: &[usize]) -> Vec<usize> {
    let Some(list) = &ctx.doc.list else {
        return entries.to_vec();
    };
    if !cited.contains("et al") {
        return entries.to_vec();
    }
    let threshold = ctx.settings.et_al_threshold as usize;
    let kept: Vec<usize> = entries
        .iter()
        .copied()
        .filter(|&i| {
            list.entries.get(i).is_none_or(|e| {
                let k = crate::link::author_year::entry_key(e.text_span.slice(ctx.text));
                k.etal || k.families.len() >= threshold || k.families.is_empty()
            })
        })
        .collect();
    // If no entry is left, the names did not parse: keep the finding.
    if kept.is_empty() {
        entries.to_vec()
    } else {
        kept
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn et_al_does_not_mean_a_two_author_work() {
        let text = "As shown (Range et al., 2011).\n\nReferences\n\nRange, F., Huber, L., & Heyes, C. (2011). Automatic imitation in dogs. Proc R Soc B, 278, 211–217.\n\nRange, F., & Virányi, Z. (2011). Gaze following in wolves. PLoS ONE, 6, e16888.\n";
        let found = crate::rules::run_one_with_items(text, &[], Rule::AmbiguousCitation);
        assert!(found.is_empty(), "{found:?}");
        let text = text.replace("Virányi, Z.", "Virányi, Z., & Miklósi, A.");
        let found = crate::rules::run_one_with_items(&text, &[], Rule::AmbiguousCitation);
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
