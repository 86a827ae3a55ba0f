//! `missing-author` (CL026).

use super::fields::is_unparsed;
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule missing-author`.
pub const DOC: &str = "\
## What it finds
A reference entry whose parsed fields have neither an author nor an editor
(a corporate author such as `World Health Organization` counts). A
warning: anonymous works exist, but most styles then want `Anonymous` or
the title in the author's place.

Only parsed entries are judged: an entry the field parser could not read
(an untyped `document` holding the whole text) is left alone, because
there a missing author is the parser's failure, not the manuscript's.

## Why it matters
An author-year citation of the entry cannot be written, the entry sorts
nowhere in an alphabetical list, and it cannot be converted to BibTeX or
CSL-JSON with a creator.

## Example
```text
5. Fish of the Amazon. Copeia. 2009;2:3-4.
```
Add the authors, or the organisation responsible.
";

/// Reports every parsed entry with no author and no editor.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    for (e, item) in list.entries.iter().zip(ctx.items) {
        if is_unparsed(item) || !item.author.is_empty() || !item.editor.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::new(
                Rule::MissingAuthor,
                e.span,
                "reference entry has no author or editor",
            )
            .with_help("add the authors, or the organisation responsible for the work"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csl::Item;

    const TEXT: &str = "See [1] and [2].\n\nReferences\n\n1. Smith J. Fish. Copeia. 2009.\n2. Lee K. 2010. Copeia.\n";

    #[test]
    fn judges_parsed_items_and_leaves_unparsed_ones_alone() {
        let items = [
            crate::rules::test_item(Some("Fish"), true),
            crate::rules::test_item(Some("Copeia"), false),
        ];
        let found = crate::rules::run_one_with_items(TEXT, &items, Rule::MissingAuthor);
        assert_eq!(found.len(), 1);
        assert!(found[0].span.slice(TEXT).starts_with("2. Lee"));
        let unparsed = [Item::unparsed("Smith J. Fish."), Item::unparsed("Lee K.")];
        assert!(crate::rules::run_one_with_items(TEXT, &unparsed, Rule::MissingAuthor).is_empty());
    }
}
