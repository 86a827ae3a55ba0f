//! `duplicate-entry` (CL033).

use std::collections::HashMap;

use super::duplicate_reference::work_key;
use super::fields::doi_problem;
use super::{Context, Rule};
use crate::csl::Item;
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule duplicate-entry`.
pub const DOC: &str = "\
## What it finds
Two bibliography entries with different keys for the same work: the same
DOI (case and a `https://doi.org/` prefix aside), or the same authors'
family names, year and title (case, spaces and punctuation aside). The
finding points at the second entry and names the first. (A key defined
twice is `duplicate-key`.)

## Why it matters
Citations of the work split between two keys, and pandoc or LaTeX print it
twice in the reference list.

## Example
```bibtex
@article{smith2008, author = {Smith, J.}, title = {Fish}, year = 2008}
@article{Smith08, author = {Smith, John}, title = {Fish.}, year = {2008}}
```
Keep one entry and cite it by one key.
";

/// The keys under which an entry is the same work as another, with what
/// the two share.
fn work_keys(item: &Item) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    if let Some(doi) = item.doi.as_deref() {
        let bare = super::bib_fields::bare_doi(doi);
        if doi_problem(&bare).is_none() {
            out.push((format!("doi:{bare}"), "DOI"));
        }
    }
    if let Some(key) = work_key(item) {
        out.push((key, "authors, year and title"));
    }
    out
}

/// Reports every entry for a work an earlier entry (under another key) is for.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(keyed) = ctx.keys else { return };
    let mut first: HashMap<String, usize> = HashMap::new();
    for (k, e) in keyed.entries.iter().enumerate() {
        if e.unread.is_some() {
            continue;
        }
        let mut dup = None;
        for (key, why) in work_keys(&e.item) {
            match first.get(&key) {
                Some(&j) if dup.is_none() && keyed.entries[j].key != e.key => dup = Some((j, why)),
                Some(_) => {}
                None => {
                    first.insert(key, k);
                }
            }
        }
        let Some((j, why)) = dup else { continue };
        let earlier = &keyed.entries[j];
        let path = keyed.path_of(e);
        let mut d = Diagnostic::new(
            Rule::DuplicateEntry,
            e.key_span,
            format!(
                "entry `{}` has the same {why} as entry `{}`: one work under two keys",
                e.key, earlier.key
            ),
        )
        .in_file(path);
        if keyed.path_of(earlier) == path {
            d = d
                .with_related(earlier.key_span, "the first entry for the work")
                .with_help("keep one entry and cite it by one key");
        } else {
            d = d.with_help(format!(
                "the first is in {}; keep one entry and cite it by one key",
                keyed.where_is(earlier, ctx.text)
            ));
        }
        out.push(d);
    }
}
