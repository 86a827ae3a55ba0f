//! `uncited-reference` (CL002).

use super::{Context, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::parse::reflist::Entry;
use crate::source::Span;

/// Documentation printed by `citelint rule uncited-reference`.
pub const DOC: &str = "\
## What it finds
An entry of the reference list that no citation marker in the text cites
(ranges such as `[3-5]` cite every number in them). The finding points at
the entry.

## Why it matters
Most journals require every listed reference to be cited in the text. An
uncited entry is often left over from an earlier draft, or its citation was
mistyped.

An entry meant to stay uncited (further reading, a data set) can be put on
the allow-list in `citelint.toml`, by label or by key (first author and
year):
```toml
[references]
allow-uncited = [\"12\", \"smith2008a\"]
```

## Fix
Removing the entry (with its line break) is offered as an unsafe fix: the
entry may be one that should have been cited.

## Example
```text
See [1] and [3].

References
[1] …
[2] …   <- never cited
[3] …
```
Cite entry 2 where it belongs, or remove it from the list.
";

/// Reports every entry that no marker links to.
pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(list) = &ctx.doc.list else {
        return;
    };
    let mut cited = vec![false; list.entries.len()];
    for link in ctx.links {
        for &i in &link.refs {
            if let Some(c) = cited.get_mut(i) {
                *c = true;
            }
        }
    }
    for (e, cited) in list.entries.iter().zip(cited) {
        if cited {
            continue;
        }
        if allowed(ctx.settings, e, ctx.text) {
            continue;
        }
        let name = match e.label_span {
            Some(l) => format!("reference `{}`", l.slice(ctx.text)),
            None => {
                let text = e.text_span.slice(ctx.text);
                let short: String = text.chars().take(40).collect();
                let more = if short.len() < text.len() { "…" } else { "" };
                format!("reference `{}{more}`", short.trim())
            }
        };
        out.push(
            Diagnostic::new(
                Rule::UncitedReference,
                e.span,
                format!("{name} is never cited"),
            )
            .with_help("cite it in the text or remove it from the reference list")
            .with_fix(Fix::delete(
                Applicability::Unsafe,
                "remove the entry from the reference list",
                removal_span(ctx.text, e.span),
            )),
        );
    }
}

/// Whether `entry` (of `text`) is on the `allow-uncited` list of
/// `settings`, by label or by key.
pub fn allowed(settings: &crate::config::Settings, entry: &Entry, text: &str) -> bool {
    let label = entry.label.map(|n| n.to_string());
    let key = entry_key(entry.text_span.slice(text));
    settings.uncited_allowed(label.as_deref(), key.as_deref())
}

/// The entry's key: first author's family name and year with its suffix,
/// lowercase (`Smith, J. (2008a). …` → `smith2008a`), when both are found
/// in the first 200 bytes.
pub fn entry_key(text: &str) -> Option<String> {
    let head = match text.char_indices().nth(200) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let name: String = head
        .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '-')
        .find(|w| w.chars().count() > 1)?
        .to_lowercase();
    let b = head.as_bytes();
    let year = (0..b.len().saturating_sub(3)).find(|&i| {
        b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
            && matches!(&b[i..i + 2], b"19" | b"20")
    })?;
    let suffix = b
        .get(year + 4)
        .filter(|c| c.is_ascii_lowercase() && !b.get(year + 5).is_some_and(u8::is_ascii_alphabetic))
        .map(|&c| c as char);
    let mut key = format!("{name}{}", &head[year..year + 4]);
    key.extend(suffix);
    Some(key)
}

/// The span a removed entry takes with it: the entry and the line break
/// (and one blank line) after it.
pub(crate) fn removal_span(text: &str, entry: Span) -> Span {
    let mut end = entry.end.min(text.len());
    for _ in 0..2 {
        let tail = text.get(end..).unwrap_or("");
        if let Some(t) = tail.strip_prefix("\r\n") {
            end = text.len() - t.len();
        } else if let Some(t) = tail.strip_prefix('\n') {
            end = text.len() - t.len();
        } else {
            break;
        }
    }
    Span::new(entry.start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_family_name_and_year() {
        assert_eq!(
            entry_key("Smith, J. (2008a). Fish. Copeia 2: 3."),
            Some("smith2008a".into())
        );
        assert_eq!(
            entry_key("O'Brien K, Lee J. 2019. Title. J 1:2."),
            Some("o'brien2019".into())
        );
        assert_eq!(entry_key("Anonymous. Undated leaflet."), None);
    }

    #[test]
    fn removal_takes_the_line_break_along() {
        let text = "[1] A.\n\n[2] B.\n";
        assert_eq!(removal_span(text, Span::new(0, 6)), Span::new(0, 8));
    }
}
