//! `malformed-marker` (CL017).

use super::bracket_scan::{scan, Problem};
use super::{Context, Rule};
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule malformed-marker`.
pub const DOC: &str = "\
## What it finds
A numeric citation that is broken: two separators with nothing between
them (`[1,,2]`), a separator first or last (`[1,]`), or a range with no end
(`[1-]`). Intervals such as `[-1, 1]` are not citations and are left alone.

## Why it matters
Such a marker has lost a number: `[1,,2]` probably cited three works,
`[1-]` a range. citelint cannot tell which references are meant, so they
may show up as uncited.

## Example
```text
in two cohorts [1,,2] and later [4-].
```
Write the numbers that were meant: `[1, 3, 2]`, `[4-6]`.
";

/// Reports every malformed numeric bracket group.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for (span, problem) in scan(ctx) {
        let what = match problem {
            Problem::Empty => continue,
            Problem::EmptyItem => "has an empty item between two separators",
            Problem::StraySeparator => "starts or ends with a separator",
            Problem::OpenRange => "has a range with no end",
        };
        out.push(
            Diagnostic::new(
                Rule::MalformedMarker,
                span,
                format!("citation `{}` {what}", span.slice(ctx.text)),
            )
            .with_help("write the reference numbers that were meant"),
        );
    }
}
