//! `unmatched-note` (CL029).

use super::{Context, Rule};
use crate::diagnostic::Diagnostic;

/// Documentation printed by `citelint rule unmatched-note`.
pub const DOC: &str = "\
## What it finds
In a notes-bibliography manuscript (numbered notes under a `Notes`,
`Endnotes` or `Footnotes` heading, an unnumbered bibliography): a note call
in the text (a superscript number, `^[3]`) with no note of that number, and
a note that no call in the text points to. Notes are only checked against
calls when the text has at least one call, since text pasted without its
superscripts has none.

## Why it matters
A call without its note leaves the reader with no source for the claim; a
note nobody calls is a source the text lost track of, usually after a
paragraph was cut or moved. Both are queried by copy-editors, and an
endnote manuscript converted with a missing note shifts every note after it.

## Example
```text
The thesis shaped the field.¹ Later work disputed it.³

Notes

1. Frederick Jackson Turner, The Frontier in American History (1920), 1.
2. Patricia Nelson Limerick, The Legacy of Conquest (1987), 17.
```
Call `³` has no note 3, and note 2 is never called.
";

/// Reports calls without notes and notes without calls.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(notes) = &ctx.doc.notes else { return };
    let calls = &ctx.doc.note_calls;
    if calls.is_empty() {
        return;
    }
    let mut numbers: Vec<u32> = notes.numbers.clone();
    numbers.sort_unstable();
    for &(span, n) in calls {
        if numbers.binary_search(&n).is_err() {
            out.push(
                Diagnostic::new(
                    Rule::UnmatchedNote,
                    span,
                    format!("note call `{}` has no note {n}", span.slice(ctx.text)),
                )
                .with_help("add the note or correct the call's number"),
            );
        }
    }
    let mut called: Vec<u32> = calls.iter().map(|&(_, n)| n).collect();
    called.sort_unstable();
    for (&span, &n) in notes.notes.iter().zip(&notes.numbers) {
        if called.binary_search(&n).is_err() {
            let shown: String = span.slice(ctx.text).chars().take(40).collect();
            out.push(
                Diagnostic::new(
                    Rule::UnmatchedNote,
                    span,
                    format!("note {n} is never called in the text: `{shown}…`"),
                )
                .with_help("call the note where its source is used, or remove it"),
            );
        }
    }
}
