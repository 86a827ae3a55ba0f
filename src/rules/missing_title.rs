//! `missing-title` (CL025).

use super::fields::is_unparsed;
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule missing-title`.
pub const DOC: &str = "\
## What it finds
A reference entry whose parsed fields have no title. A warning.

Only parsed entries are judged. An entry the field parser could not read
comes back as an untyped `document` holding the whole text as its title;
the rule says nothing about it, because there a missing title would be the
parser's failure, not the manuscript's.

## Why it matters
An entry without a title is too thin to find the work or to convert it to
BibTeX or CSL-JSON; it is usually a citation pasted in half.

## Example
```text
4. Smith J, Lee K. Nature. 2013;500:1-5.
```
Add the article's title after the authors.
";

/// Reports every parsed entry with no title.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    for (e, item) in list.entries.iter().zip(ctx.items) {
        if is_unparsed(item) {
            continue;
        }
        let titled = item.title.as_deref().is_some_and(|t| !t.trim().is_empty())
            || item.container_title.is_some() && item.kind == "book";
        if !titled {
            out.push(
                Diagnostic::new(Rule::MissingTitle, e.span, "reference entry has no title")
                    .with_help("add the title of the work"),
            );
        }
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
            crate::rules::test_item(None, true),
        ];
        let found = crate::rules::run_one_with_items(TEXT, &items, Rule::MissingTitle);
        assert_eq!(found.len(), 1);
        assert!(found[0].span.slice(TEXT).starts_with("2. Lee"));
        let unparsed = [Item::unparsed("Smith J. Fish."), Item::unparsed("Lee K.")];
        assert!(crate::rules::run_one_with_items(TEXT, &unparsed, Rule::MissingTitle).is_empty());
    }
}
