//! `citation-order` (CL011).

use std::collections::BTreeSet;

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::parse::{MarkerKind, Style};

/// Documentation printed by `citelint rule citation-order`.
pub const DOC: &str = "\
## What it finds
In a numeric manuscript whose references are numbered in the order they are
first cited (Vancouver, IEEE, AMA, Nature …), the first marker that cites a
reference for the first time while a lower-numbered reference has not been
cited yet: `[3]` first cited before `[2]`. Only the first offending marker
is reported; fixing the numbering usually moves the rest. A list in
alphabetical order (a numbered author-date list) is not checked, nor is a
manuscript that cites with parenthesised or superscript numbers: those are
recognised only in a citing context, and a first citation that was not
recognised would be reported here as a false order error.

## Why it matters
In a citation-order style the numbers are the order of first mention. A
reference cited out of turn means the list was renumbered by hand, a
citation was moved or added without renumbering, or an entry was inserted
in the wrong place; journals send such manuscripts back.

## Example
```text
First [1], then [3], and only later [2].

References
1. …
2. …
3. …
```
Swap entries 2 and 3 (and renumber their citations).
";

/// Whether most adjacent entries are in alphabetical order of their first letter.
fn alphabetical(ctx: &Context) -> bool {
    let Some(list) = &ctx.doc.list else {
        return false;
    };
    let firsts: Vec<String> = list
        .entries
        .iter()
        .map(|e| {
            e.text_span
                .slice(ctx.text)
                .chars()
                .filter(|c| c.is_alphabetic())
                .take(3)
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect();
    if firsts.len() < 5 {
        return false;
    }
    let ordered = firsts.windows(2).filter(|w| w[0] <= w[1]).count();
    ordered * 10 >= (firsts.len() - 1) * 9
}

/// Reports the first marker that cites a reference ahead of its turn.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.doc.style != Style::Numeric || ctx.settings.style == Some(Style::AuthorYear) {
        return;
    }
    let Some(list) = &ctx.doc.list else { return };
    if list.style.is_none() || alphabetical(ctx) {
        return;
    }
    // Parenthesised and superscript numbers are found only where their
    // context reads like a citation, so some are missed (`weeks (2, 3)`);
    // a missed first citation would be reported here as out of order.
    // Only bracketed manuscripts, whose markers are all found, are checked.
    if ctx.doc.markers.iter().any(|m| {
        !matches!(
            m.kind,
            MarkerKind::Bracket | MarkerKind::Caret | MarkerKind::Textual
        )
    }) {
        return;
    }
    let labels: BTreeSet<u32> = list.entries.iter().filter_map(|e| e.label).collect();
    let all_cited: BTreeSet<u32> = ctx
        .doc
        .markers
        .iter()
        .flat_map(|m| m.numbers())
        .filter(|n| labels.contains(n))
        .collect();
    let mut cited = BTreeSet::new();
    for m in &ctx.doc.markers {
        let new: BTreeSet<u32> = m
            .numbers()
            .filter(|n| labels.contains(n) && !cited.contains(n))
            .collect();
        let Some(&top) = new.last() else { continue };
        let skipped = all_cited
            .iter()
            .copied()
            .find(|n| *n < top && !cited.contains(n) && !new.contains(n));
        if let Some(skipped) = skipped {
            let marker = m.span.slice(ctx.text);
            let mut d = Diagnostic::new(
                Rule::CitationOrder,
                m.span,
                format!(
                    "`{marker}` cites reference {top} for the first time before reference {skipped} is cited"
                ),
            )
            .with_help(
                "number the references in the order they are first cited, or move the citation",
            );
            if let Some(later) = ctx
                .doc
                .markers
                .iter()
                .find(|l| l.span.start > m.span.start && l.numbers().any(|n| n == skipped))
            {
                d = d.with_related(
                    later.span,
                    format!("reference {skipped} is first cited here"),
                );
            }
            out.push(d);
            return;
        }
        cited.extend(new);
    }
}
