//! `duplicate-reference` (CL019).

use std::collections::HashMap;

use super::fields::{doi_problem, dois, is_unparsed};
use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix};

/// Documentation printed by `citelint rule duplicate-reference`.
pub const DOC: &str = "\
## What it finds
Two reference-list entries for the same work: the same DOI, the same
normalised authors, year and title (from the parsed fields), or the same
text apart from case, punctuation and label. The finding points at the
second entry and names the first.

## Why it matters
Citations of the work split between two numbers (or two author-year
entries that differ only in a suffix), the list is longer than it should
be, and a later edit of one copy leaves the other stale.

## Fix
In an unnumbered list, removing an entry whose text is identical to an
earlier one is safe (citations resolve to the first). In a numbered list
removal would need renumbering, so no fix is offered.

## Example
```text
3. Smith J. Fish. Copeia. 2009;2:3-4. doi:10.1643/CI-08-123
7. Smith J. Fish. Copeia 2 (2009) 3-4. https://doi.org/10.1643/ci-08-123
```
Keep one entry and cite it by one number.
";

/// The keys under which an entry is the same work as another.
fn keys(ctx: &Context, k: usize, text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for d in dois(text) {
        if doi_problem(&d.text).is_none() {
            out.push((
                format!("doi:{}", d.text.to_lowercase()),
                format!("DOI `{}`", d.text),
            ));
        }
    }
    if let Some(item) = ctx.items.get(k).filter(|i| !is_unparsed(i)) {
        if let Some(key) = work_key(item) {
            out.push((key, "authors, year and title".into()));
        }
    }
    let t = norm(text);
    if t.len() >= 20 {
        out.push((format!("text:{t}"), "text".into()));
    }
    out
}

/// The authors' family names, year and title of a parsed entry,
/// normalised: two entries with the same are the same work.
pub(super) fn work_key(item: &crate::csl::Item) -> Option<String> {
    let (false, Some(year), Some(title)) =
        (item.author.is_empty(), item.year(), item.title.as_deref())
    else {
        return None;
    };
    let authors: Vec<String> = item
        .author
        .iter()
        .map(|n| norm(n.family_or_literal()))
        .collect();
    Some(format!("work:{}|{year}|{}", authors.join(","), norm(title)))
}

/// Lowercase letters and digits only.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Reports every entry that repeats an earlier one.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    let mut first: HashMap<String, usize> = HashMap::new();
    for (k, e) in list.entries.iter().enumerate() {
        let text = e.text_span.slice(ctx.text);
        let mut dup: Option<(usize, String)> = None;
        for (key, why) in keys(ctx, k, text) {
            match first.get(&key) {
                Some(&j) if j != k && dup.is_none() => dup = Some((j, why)),
                Some(_) => {}
                None => {
                    first.insert(key, k);
                }
            }
        }
        let Some((j, why)) = dup else {
            continue;
        };
        let earlier = &list.entries[j];
        // Only a word-for-word repeat is removed without asking.
        let same_text = norm(text) == norm(earlier.text_span.slice(ctx.text));
        let name = |x: &crate::parse::reflist::Entry| match x.label_span {
            Some(l) => format!("entry `{}`", l.slice(ctx.text)),
            None => {
                let short: String = x.text_span.slice(ctx.text).chars().take(30).collect();
                format!("entry `{}…`", short.trim())
            }
        };
        let msg = if why.starts_with("DOI") {
            format!(
                "{} has the same {why} as {}: the work is listed twice, or one DOI is wrong",
                name(e),
                name(earlier)
            )
        } else {
            format!("{} repeats {} (same {why})", name(e), name(earlier))
        };
        let mut d = Diagnostic::new(Rule::DuplicateReference, e.span, msg)
            .with_related(earlier.span, "the first entry for the work")
            .with_help("keep one entry for the work and cite it everywhere");
        if same_text && e.label.is_none() {
            d = d.with_fix(Fix::delete(
                Applicability::Safe,
                "remove the repeated entry",
                super::uncited_reference::removal_span(ctx.text, e.span),
            ));
        }
        out.push(d);
    }
}
