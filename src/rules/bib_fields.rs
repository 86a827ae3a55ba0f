//! The field rules on bibliography entries: `missing-year`,
//! `missing-title`, `missing-author`, `invalid-doi`, `invalid-isbn`,
//! `invalid-issn` and `invalid-url` judge the fields of a key-citing
//! manuscript's bibliography as they judge a reference list's entries, and
//! point at the field (or the key) in the bibliography file;
//! `missing-reference-list` reports a manuscript that cites keys but names
//! no bibliography. Not a rule of its own: [`super::run`] calls [`check`]
//! after each rule.

use super::fields::{doi_problem, isbn_problem, issn_problem, says_unpublished, url_problem};
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::keys::{Entry, Keyed};

/// A DOI without the resolver or `doi:` prefix a bibliography may give it
/// (lowercase).
pub(super) fn bare_doi(doi: &str) -> String {
    let lower = doi.trim().to_lowercase();
    let prefixes = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ];
    prefixes
        .iter()
        .fold(lower.as_str(), |d, p| d.strip_prefix(p).unwrap_or(d))
        .trim()
        .to_string()
}

/// One finding on entry `e` about the field `names` (the first of them
/// the entry has; its key when it has none).
fn finding(keyed: &Keyed, e: &Entry, rule: Rule, names: &[&str], message: String) -> Diagnostic {
    Diagnostic::new(rule, e.field_span(names), message).in_file(keyed.path_of(e))
}

/// The codes in a field that may hold several (`isbn = {a, b}`).
fn each_code(field: &str) -> impl Iterator<Item = &str> {
    field
        .split([',', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// Runs the bibliography side of `rule`, if it has one.
pub fn check(ctx: &Context, rule: Rule, out: &mut Vec<Diagnostic>) {
    let Some(keyed) = ctx.keys else { return };
    if rule == Rule::MissingReferenceList {
        if let (false, Some(first)) = (keyed.has_bibliography, keyed.cites.first()) {
            out.push(
                Diagnostic::new(
                    rule,
                    first.span,
                    format!(
                        "the manuscript cites keys ({} citations, the first is `{}`) but names no bibliography",
                        keyed.cites.len(),
                        first.key
                    ),
                )
                .with_help(
                    "name the bibliography file (`bibliography: refs.bib` in the front matter, \
                     `\\bibliography{refs}`) or give it with `--bib`",
                ),
            );
        }
        return;
    }
    for e in keyed.entries.iter().filter(|e| e.unread.is_none()) {
        let item = &e.item;
        let key = &e.key;
        let raw = keyed.text_of(e, ctx.text);
        match rule {
            Rule::MissingYear if item.issued.is_none() && !says_unpublished(e.span.slice(raw)) => {
                out.push(
                    finding(keyed, e, rule, &[], format!("entry `{key}` has no year"))
                        .with_help("add `year` (or `date`) to the entry"),
                );
            }
            Rule::MissingTitle if item.title.is_none() => out.push(
                finding(keyed, e, rule, &[], format!("entry `{key}` has no title"))
                    .with_help("add `title` to the entry"),
            ),
            Rule::MissingAuthor if item.author.is_empty() && item.editor.is_empty() => out.push(
                finding(
                    keyed,
                    e,
                    rule,
                    &[],
                    format!("entry `{key}` has no author or editor"),
                )
                .with_help("add the authors, or the organisation responsible for the work"),
            ),
            Rule::InvalidDoi => {
                if let Some(why) = item.doi.as_deref().and_then(|d| doi_problem(&bare_doi(d))) {
                    let doi = item.doi.as_deref().unwrap_or_default();
                    out.push(
                        finding(
                            keyed,
                            e,
                            rule,
                            &["doi"],
                            format!("DOI `{doi}` of entry `{key}` is not valid: {why}"),
                        )
                        .with_help("copy the DOI from the publisher's page or doi.org"),
                    );
                }
            }
            Rule::InvalidIsbn => {
                for code in item.isbn.as_deref().into_iter().flat_map(each_code) {
                    if let Some(why) = isbn_problem(code) {
                        out.push(finding(
                            keyed,
                            e,
                            rule,
                            &["isbn"],
                            format!("ISBN `{code}` of entry `{key}` is not valid: {why}"),
                        ));
                    }
                }
            }
            Rule::InvalidIssn => {
                for code in item.issn.as_deref().into_iter().flat_map(each_code) {
                    if let Some(why) = issn_problem(code) {
                        out.push(finding(
                            keyed,
                            e,
                            rule,
                            &["issn"],
                            format!("ISSN `{code}` of entry `{key}` is not valid: {why}"),
                        ));
                    }
                }
            }
            Rule::InvalidUrl => {
                if let Some(why) = item.url.as_deref().and_then(url_problem) {
                    let url = item.url.as_deref().unwrap_or_default();
                    out.push(finding(
                        keyed,
                        e,
                        rule,
                        &["url"],
                        format!("URL `{url}` of entry `{key}` is not valid: {why}"),
                    ));
                }
            }
            _ => {}
        }
    }
}
