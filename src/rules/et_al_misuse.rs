//! `et-al-misuse` (CL009).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::link::Note;

/// Documentation printed by `citelint rule et-al-misuse`.
pub const DOC: &str = "\
## What it finds
An author-year citation that says `et al.` for a work whose entry has a
single author, and one that names a single author without `et al.` for a
work whose entry has three or more (`(Jones, 2004)` for `Jones, Smith,
Brown & Lee (2004)`). Only the unambiguous case is reported: the entry is
the only one with that first author and year, and it counts as cited.

With parsed entry fields, it also finds `et al.` for a work with fewer
authors than the style's threshold (`style.et-al-threshold`, default 3:
APA names both authors of a two-author work). Entries the field parser
could not read are judged by the single-author test only.

## Why it matters
`et al.` claims co-authors that do not exist; it often means the citation
was copied from another work by the same first author. Left out, it
credits one author with the work of several.

## Example
```text
… (Smith et al., 2008).

References
Smith, J. (2008). A title. …
```
Cite `(Smith, 2008)`.

```text
… (Jones, 2004).

References
Jones, A., Smith, B., Brown, C., & Lee, D. (2004). A title. …
```
Cite `(Jones et al., 2004)`.
";

/// Reports every `et al.` for a single author, and every `et al.` left
/// out for three or more, that the linker noted.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    for link in ctx.links {
        for note in &link.notes {
            match note {
                Note::EtAlMisuse { cited, span, entry } => out.push(
                    Diagnostic::new(
                        Rule::EtAlMisuse,
                        *span,
                        format!(
                            "citation `{cited}` says `et al.`, but the entry has a single author"
                        ),
                    )
                    .with_related(list.entries[*entry].span, "the entry")
                    .with_help("drop `et al.` from the citation"),
                ),
                Note::MissingEtAl { cited, span, entry } => out.push(
                    Diagnostic::new(
                        Rule::EtAlMisuse,
                        *span,
                        format!(
                            "citation `{cited}` names one author without `et al.`, but the entry has three or more"
                        ),
                    )
                    .with_related(list.entries[*entry].span, "the entry")
                    .with_help("add `et al.` after the first author's name"),
                ),
                _ => {}
            }
        }
    }
    // Below the threshold: a single-work marker that links to one entry
    // whose parsed fields list 2 ..= threshold-1 authors.
    let threshold = ctx.settings.et_al_threshold as usize;
    for (m, link) in ctx.doc.markers.iter().zip(ctx.links) {
        let ([w], [i]) = (m.works(), link.refs.as_slice()) else {
            continue;
        };
        let Some(item) = ctx.items.get(*i) else {
            continue;
        };
        let n = item.author.len();
        if !w.etal || n < 2 || n >= threshold || super::fields::is_unparsed(item) {
            continue;
        }
        // An author list cut short with `et al.` in the entry has more authors.
        if list.entries[*i]
            .text_span
            .slice(ctx.text)
            .to_lowercase()
            .contains("et al")
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                Rule::EtAlMisuse,
                w.span,
                format!(
                    "citation `{}` says `et al.`, but the entry has {n} authors (the style uses `et al.` from {threshold})",
                    w.display()
                ),
            )
            .with_related(list.entries[*i].span, "the entry")
            .with_help("name every author in the citation"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csl::{Date, Item, Name};

    #[test]
    fn et_al_below_the_threshold_needs_parsed_authors() {
        let text = "As found (Smith et al., 2008).\n\nReferences\n\nSmith, J., & Lee, K. (2008). Fish. Copeia, 2, 3–4.\n";
        let two = Item {
            kind: "article-journal".into(),
            author: vec![Name::person("Smith", "J."), Name::person("Lee", "K.")],
            issued: Some(Date::year(2008)),
            title: Some("Fish".into()),
            ..Item::default()
        };
        let found = crate::rules::run_one_with_items(text, &[two], Rule::EtAlMisuse);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("2 authors"));
        let unparsed = [Item::unparsed("Smith, J., & Lee, K. (2008). Fish.")];
        assert!(crate::rules::run_one_with_items(text, &unparsed, Rule::EtAlMisuse).is_empty());
    }
}
