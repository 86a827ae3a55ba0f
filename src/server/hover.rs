//! Hovers: on a marker, the entries it cites (formatted in the CSL style of
//! the client's `cslStyle` option, `apa` by default, and as written in the
//! list) and what it cites that the list does not have; on an entry, its
//! parsed fields and how often and where first it is cited.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};
use serde_json::Value;

use super::navigation::{citing, entries, target_at, Target};
use super::Ctx;
use crate::csl::Item;
use crate::export::style::{render, Output};

/// The hover at the request's position, if it is on a marker or an entry.
pub fn hover(ctx: &Ctx, p: &HoverParams) -> Option<Hover> {
    let offset = ctx.lines.offset(p.text_document_position_params.position);
    let (span, text) = match target_at(ctx, offset)? {
        Target::Marker(m) => (ctx.checked.doc.markers[m].span, on_marker(ctx, m)),
        Target::Entry(e) => (entries(ctx)[e].span, on_entry(ctx, e)),
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(ctx.lines.range(span)),
    })
}

/// `item` in the configured CSL style, as plain text (`None` when the style
/// cannot render it).
fn formatted(ctx: &Ctx, item: &Item) -> Option<String> {
    let mut item = item.clone();
    if item.id.is_empty() {
        item.id = "entry".into();
    }
    let out = render(
        std::slice::from_ref(&item),
        ctx.options.csl_style.as_deref(),
        Output::Text,
    )
    .ok()?;
    let out = out.trim();
    (!out.is_empty()).then(|| out.to_string())
}

/// Markdown for text quoted as is: one line, special characters escaped.
fn quote(text: &str) -> String {
    let one: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for c in one.join(" ").chars() {
        if "\\`*_[]<>#|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn on_marker(ctx: &Ctx, m: usize) -> String {
    let marker = &ctx.checked.doc.markers[m];
    let link = &ctx.checked.links[m];
    let entries = entries(ctx);
    let mut out = format!("**{}**", quote(marker.span.slice(ctx.text)));
    for &i in &link.refs {
        let Some(e) = entries.get(i) else { continue };
        let label = e.label_span.map_or_else(
            || format!("entry {}", i + 1),
            |l| l.slice(ctx.text).to_string(),
        );
        let _ = write!(out, "\n\n---\n\n**{}**", quote(&label));
        if let Some(f) = ctx
            .checked
            .items
            .get(i)
            .and_then(|item| formatted(ctx, item))
        {
            let _ = write!(out, " {}", quote(&f));
        }
        let _ = write!(out, "\n\n> {}", quote(e.text_span.slice(ctx.text)));
    }
    for u in &link.unresolved {
        let _ = write!(
            out,
            "\n\n---\n\n`{}` is not in the reference list",
            u.replace('`', "'")
        );
    }
    out
}

fn on_entry(ctx: &Ctx, e: usize) -> String {
    let entry = &entries(ctx)[e];
    let markers = citing(ctx, e);
    let label = entry.label_span.map_or_else(
        || format!("Entry {}", e + 1),
        |l| l.slice(ctx.text).to_string(),
    );
    let mut out = format!("**{}** ", quote(&label));
    match markers.first() {
        None => out.push_str("is not cited"),
        Some(first) => {
            let line = ctx.lines.position(first.span.start).line + 1;
            let times = match markers.len() {
                1 => "once".to_string(),
                n => format!("{n} times"),
            };
            let _ = write!(
                out,
                "is cited {times}, first as `{}` on line {line}",
                first.span.slice(ctx.text).replace('`', "'")
            );
        }
    }
    if let Some(item) = ctx.checked.items.get(e) {
        out.push_str("\n\n| field | value |\n| --- | --- |");
        for (k, v) in fields(item) {
            let _ = write!(out, "\n| {k} | {} |", quote(&v));
        }
    }
    out
}

/// An item's fields as (CSL name, text), in order of name.
fn fields(item: &Item) -> Vec<(String, String)> {
    let Ok(Value::Object(map)) = serde_json::to_value(item) else {
        return Vec::new();
    };
    map.into_iter()
        .filter(|(k, _)| k != "id")
        .map(|(k, v)| (k, value_text(&v)))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// A CSL-JSON value as text: names `Family, Given`; dates by their parts
/// or literal; lists joined with `; `.
fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        Value::Array(a) => a.iter().map(value_text).collect::<Vec<_>>().join("; "),
        Value::Object(o) => {
            let s = |k: &str| o.get(k).and_then(Value::as_str);
            if let Some(parts) = o.get("date-parts").and_then(|p| p.get(0)) {
                let parts: Vec<String> = parts
                    .as_array()
                    .map_or(Vec::new(), |a| a.iter().map(value_text).collect());
                return s("raw").map_or_else(|| parts.join("-"), str::to_string);
            }
            if let Some(l) = s("literal") {
                return l.to_string();
            }
            match (s("family"), s("given")) {
                (Some(f), Some(g)) => format!("{f}, {g}"),
                (Some(f), None) => f.to_string(),
                _ => o
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", value_text(v)))
                    .collect::<Vec<_>>()
                    .join(", "),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::tests::with_ctx;
    use crate::server::Options;

    const TEXT: &str = "Fish [1], birds [2, 1] and [7].\n\nReferences\n\n\
        1. Smith J, Lee K. Fish of the northern seas. J Zool. 2001;1:1-5.\n\
        2. Lee K. Birds of the southern isles. Ibis. 2002;2:2-9.\n";

    fn at(ctx: &Ctx, offset: usize) -> String {
        let p = HoverParams {
            text_document_position_params: lsp_types::TextDocumentPositionParams {
                text_document: lsp_types::TextDocumentIdentifier::new(ctx.uri.clone()),
                position: ctx.lines.position(offset),
            },
            work_done_progress_params: Default::default(),
        };
        match hover(ctx, &p).map(|h| h.contents) {
            Some(HoverContents::Markup(m)) => m.value,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn an_entry_shows_its_fields_and_where_it_is_first_cited() {
        with_ctx(TEXT, &Options::default(), |ctx| {
            let shown = at(ctx, TEXT.find("1. Smith").unwrap() + 4);
            assert!(
                shown.starts_with("**1.** is cited 2 times, first as `[1]` on line 1"),
                "{shown}"
            );
            assert!(shown.contains("| author | Smith, J.; Lee, K. |"), "{shown}");
            assert!(
                shown.contains("| title | Fish of the northern seas |"),
                "{shown}"
            );
            assert!(shown.contains("| issued | 2001 |"), "{shown}");
            // nothing off a marker or an entry
            assert_eq!(at(ctx, 2), "None");
        });
    }

    #[test]
    fn a_marker_shows_its_entries_in_the_configured_style() {
        let ieee = Options {
            csl_style: Some("ieee".into()),
            ..Options::default()
        };
        for (options, form) in [
            (Options::default(), "Lee, K. (2002)."),
            (ieee, "K. Lee, “Birds of the southern isles,”"),
        ] {
            with_ctx(TEXT, &options, |ctx| {
                let shown = at(ctx, TEXT.find("[2, 1]").unwrap());
                assert!(shown.contains(form), "{shown}");
                // both entries, in the order cited
                let lee = shown.find("Birds of the").unwrap();
                let smith = shown.find("Fish of the").unwrap();
                assert!(lee < smith, "{shown}");
            });
        }
        with_ctx(TEXT, &Options::default(), |ctx| {
            let shown = at(ctx, TEXT.find("[7]").unwrap() + 3);
            assert!(
                shown.contains("`7` is not in the reference list"),
                "{shown}"
            );
        });
    }
}
