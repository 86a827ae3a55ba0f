//! `future-year` (CL027).

use super::fields::{is_unparsed, publication_years, says_unpublished, years};
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// Documentation printed by `citelint rule future-year`.
pub const DOC: &str = "\
## What it finds
A reference entry dated after the current year (taken from the clock at
run time), unless the entry says the work is `in press`, `forthcoming`,
`accepted`, `submitted` or `in preparation`. The year is the parsed
`issued` year; for an entry the field parser could not read, a year
the first year-like number of the entry, when it stands where publication
years stand (`(2031)`, `2031;`, `2031.`, not in a page range): a later
number such as a page count (`Boca Raton: CRC. 2051.`) or an article
number is not taken for the year.

## Why it matters
A year in the future is a typo (`2103` for `2013`), or the entry of a
paper that is not out yet and should say `in press`.

## Example
```text
6. Smith J. Fish. Copeia. 2103;2:3-4.
```
Write `2013`, or mark the work `in press`.
";

/// Reports every entry whose year is after this year.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else { return };
    let this_year = ctx.settings.today.year;
    for (k, e) in list.entries.iter().enumerate() {
        let text = e.text_span.slice(ctx.text);
        if says_unpublished(text) {
            continue;
        }
        // The parsed year when the parser found one; otherwise the first
        // year-like number of the text (the parser may have left a year
        // it thought impossible, such as 2999, inside another field).
        let parsed_year = ctx
            .items
            .get(k)
            .filter(|i| !is_unparsed(i))
            .and_then(|i| i.year());
        let found: Option<(Span, i32)> = match parsed_year {
            Some(y) => (y > this_year).then(|| {
                let at = text.find(&y.to_string()).map_or(e.span, |o| {
                    Span::new(e.text_span.start + o, e.text_span.start + o + 4)
                });
                (at, y)
            }),
            None => years(text)
                .first()
                .filter(|(_, y)| *y > this_year)
                .and_then(|first| publication_years(text).into_iter().find(|p| p.0 == first.0))
                .map(|(s, y)| {
                    (
                        Span::new(e.text_span.start + s.start, e.text_span.start + s.end),
                        y,
                    )
                }),
        };
        if let Some((span, year)) = found {
            out.push(
                Diagnostic::new(
                    Rule::FutureYear,
                    span,
                    format!("reference is dated {year}, after the current year {this_year}"),
                )
                .with_help("correct the year, or mark the work `in press`"),
            );
        }
    }
}
