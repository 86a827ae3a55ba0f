//! Going between citations and entries: definition (marker → entries),
//! references (entry → markers), document symbols (the list's entries) and
//! document links (DOIs and URLs in entries).

use lsp_types::{
    DocumentLink, DocumentSymbol, GotoDefinitionParams, GotoDefinitionResponse, Location,
    ReferenceParams, SymbolKind,
};

use super::Ctx;
use crate::parse::reflist::Entry;
use crate::parse::Marker;
use crate::rules::fields::{doi_problem, dois, url_problem, urls};
use crate::source::Span;

/// What is under the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The marker with this index.
    Marker(usize),
    /// The entry with this index.
    Entry(usize),
}

/// Whether `offset` is on `span`; the offset just past its end counts too
/// (a cursor right after `[1]`).
fn on(span: Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

/// The marker or entry at byte `offset`.
pub fn target_at(ctx: &Ctx, offset: usize) -> Option<Target> {
    let markers = &ctx.checked.doc.markers;
    // markers are in text order and do not overlap
    let i = markers.partition_point(|m| m.span.end < offset);
    if markers.get(i).is_some_and(|m| on(m.span, offset)) {
        return Some(Target::Marker(i));
    }
    let entries = entries(ctx);
    let i = entries.partition_point(|e| e.span.end < offset);
    entries
        .get(i)
        .filter(|e| on(e.span, offset))
        .map(|_| Target::Entry(i))
}

/// The reference list's entries (none without a list).
pub fn entries<'a>(ctx: &Ctx<'a>) -> &'a [Entry] {
    ctx.checked
        .doc
        .list
        .as_ref()
        .map_or(&[], |l| l.entries.as_slice())
}

/// The markers that cite entry `entry`, in text order.
pub fn citing<'a>(ctx: &Ctx<'a>, entry: usize) -> Vec<&'a Marker> {
    ctx.checked
        .doc
        .markers
        .iter()
        .zip(&ctx.checked.links)
        .filter(|(_, l)| l.refs.contains(&entry))
        .map(|(m, _)| m)
        .collect()
}

fn location(ctx: &Ctx, span: Span) -> Location {
    Location::new(ctx.uri.clone(), ctx.lines.range(span))
}

/// Go to definition: from a marker to the entries it cites.
pub fn definition(ctx: &Ctx, p: &GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let offset = ctx.lines.offset(p.text_document_position_params.position);
    let Some(Target::Marker(m)) = target_at(ctx, offset) else {
        return None;
    };
    let entries = entries(ctx);
    let found: Vec<Location> = ctx.checked.links[m]
        .refs
        .iter()
        .filter_map(|&i| entries.get(i))
        .map(|e| location(ctx, e.span))
        .collect();
    match found.len() {
        0 => None,
        1 => found.into_iter().next().map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(found)),
    }
}

/// Find references: from an entry (or a marker: its entries) to every
/// marker that cites it, with the entry itself when the client asks for
/// the declaration.
pub fn references(ctx: &Ctx, p: &ReferenceParams) -> Option<Vec<Location>> {
    let offset = ctx.lines.offset(p.text_document_position.position);
    let wanted: Vec<usize> = match target_at(ctx, offset)? {
        Target::Entry(e) => vec![e],
        Target::Marker(m) => ctx.checked.links[m].refs.clone(),
    };
    let entries = entries(ctx);
    let mut out = Vec::new();
    for e in wanted {
        if p.context.include_declaration {
            if let Some(entry) = entries.get(e) {
                out.push(location(ctx, entry.span));
            }
        }
        out.extend(citing(ctx, e).into_iter().map(|m| location(ctx, m.span)));
    }
    Some(out)
}

/// A short name for an entry: its label and first words.
fn entry_name(ctx: &Ctx, e: &Entry) -> String {
    let text = e.text_span.slice(ctx.text);
    let mut words: String = text
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ");
    if words.chars().count() > 60 {
        words = words.chars().take(59).collect::<String>() + "…";
    }
    match e.label_span {
        Some(l) => format!("{} {words}", l.slice(ctx.text)),
        None => words,
    }
}

/// Document symbols: the reference list, its entries inside it.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written
pub fn symbols(ctx: &Ctx) -> Vec<DocumentSymbol> {
    let Some(list) = &ctx.checked.doc.list else {
        return Vec::new();
    };
    let children: Vec<DocumentSymbol> = list
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let cited = citing(ctx, i).len();
            DocumentSymbol {
                name: entry_name(ctx, e),
                detail: Some(match cited {
                    0 => "not cited".to_string(),
                    1 => "cited once".to_string(),
                    n => format!("cited {n} times"),
                }),
                kind: SymbolKind::KEY,
                tags: None,
                deprecated: None,
                range: ctx.lines.range(e.span),
                selection_range: ctx.lines.range(e.label_span.unwrap_or(e.text_span)),
                children: None,
            }
        })
        .collect();
    let heading = list.heading.slice(ctx.text).trim();
    vec![DocumentSymbol {
        name: if heading.is_empty() {
            "References".into()
        } else {
            heading.to_string()
        },
        detail: Some(format!("{} entries", list.entries.len())),
        kind: SymbolKind::NAMESPACE,
        tags: None,
        deprecated: None,
        range: ctx.lines.range(list.span.cover(list.heading)),
        selection_range: ctx.lines.range(list.heading),
        children: Some(children),
    }]
}

/// Document links: every DOI (to doi.org) and web address in an entry.
pub fn links(ctx: &Ctx) -> Vec<DocumentLink> {
    let mut out = Vec::new();
    for e in entries(ctx) {
        let text = e.text_span.slice(ctx.text);
        let at = |s: Span| Span::new(e.text_span.start + s.start, e.text_span.start + s.end);
        let web = urls(text);
        for u in web.iter().filter(|u| url_problem(&u.text).is_none()) {
            let address = if u.text.to_ascii_lowercase().starts_with("www.") {
                format!("https://{}", u.text)
            } else {
                u.text.clone()
            };
            if let Ok(target) = address.parse() {
                out.push(DocumentLink {
                    range: ctx.lines.range(at(u.span)),
                    target: Some(target),
                    tooltip: Some("open the address".into()),
                    data: None,
                });
            }
        }
        for d in dois(text)
            .into_iter()
            .filter(|d| doi_problem(&d.text).is_none())
        {
            // a DOI written as a doi.org address is linked as that address
            if web
                .iter()
                .any(|u| u.span.start <= d.span.start && d.span.end <= u.span.end)
            {
                continue;
            }
            let escaped: String = d
                .text
                .chars()
                .map(|c| match c {
                    '<' | '>' | '"' | ' ' | '#' | '%' | '{' | '}' | '|' | '\\' | '^' | '`' => {
                        format!("%{:02X}", c as u32)
                    }
                    c => c.to_string(),
                })
                .collect();
            if let Ok(target) = format!("https://doi.org/{escaped}").parse() {
                out.push(DocumentLink {
                    range: ctx.lines.range(at(d.span)),
                    target: Some(target),
                    tooltip: Some("open the DOI at doi.org".into()),
                    data: None,
                });
            }
        }
    }
    out.sort_by_key(|l| (l.range.start.line, l.range.start.character));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::tests::with_ctx;
    use crate::server::Options;

    const TEXT: &str = "Fish [1], birds [2, 1].\n\nReferences\n\n\
        1. Smith J. Fish of the northern seas. J Zool. 2001;1:1-5. doi:10.1234/fish.2001\n\
        2. Lee K. Birds of the southern isles. Ibis. 2002;2:2-9. https://example.org/birds\n\
        3. Wu L. Nothing cites this one. Nature. 2003;3:3-4.\n";

    #[test]
    fn symbols_list_the_entries_under_the_heading() {
        with_ctx(TEXT, &Options::default(), |ctx| {
            let s = symbols(ctx);
            assert_eq!(s.len(), 1);
            assert_eq!(s[0].name, "References");
            let children = s[0].children.as_ref().unwrap();
            let names: Vec<&str> = children.iter().map(|c| c.name.as_str()).collect();
            assert!(names[0].starts_with("1. Smith J. Fish"), "{names:?}");
            let details: Vec<_> = children.iter().map(|c| c.detail.clone().unwrap()).collect();
            assert_eq!(details, ["cited 2 times", "cited once", "not cited"]);
            // the whole entry, selected at its label
            let e = ctx.lines.span(children[1].range);
            assert!(e.slice(TEXT).starts_with("2. Lee K."));
            assert_eq!(
                ctx.lines.span(children[1].selection_range).slice(TEXT),
                "2."
            );
        });
    }

    #[test]
    fn dois_and_addresses_are_links() {
        with_ctx(TEXT, &Options::default(), |ctx| {
            let found: Vec<(String, String)> = links(ctx)
                .into_iter()
                .map(|l| {
                    (
                        ctx.lines.span(l.range).slice(TEXT).to_string(),
                        l.target.unwrap().as_str().to_string(),
                    )
                })
                .collect();
            assert_eq!(
                found,
                [
                    (
                        "10.1234/fish.2001".into(),
                        "https://doi.org/10.1234/fish.2001".into()
                    ),
                    (
                        "https://example.org/birds".into(),
                        "https://example.org/birds".into()
                    ),
                ]
            );
        });
    }

    #[test]
    fn a_marker_citing_two_entries_goes_to_both() {
        with_ctx(TEXT, &Options::default(), |ctx| {
            let at = TEXT.find("[2, 1]").unwrap() + 1;
            let p = GotoDefinitionParams {
                text_document_position_params: lsp_types::TextDocumentPositionParams {
                    text_document: lsp_types::TextDocumentIdentifier::new(ctx.uri.clone()),
                    position: ctx.lines.position(at),
                },
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            };
            let Some(GotoDefinitionResponse::Array(locs)) = definition(ctx, &p) else {
                panic!("two locations expected");
            };
            let starts: Vec<&str> = locs
                .iter()
                .map(|l| &ctx.lines.span(l.range).slice(TEXT)[..2])
                .collect();
            assert_eq!(starts, ["2.", "1."]);
            // references from the marker, with the declarations
            let r = references(
                ctx,
                &ReferenceParams {
                    text_document_position: p.text_document_position_params.clone(),
                    work_done_progress_params: Default::default(),
                    partial_result_params: Default::default(),
                    context: lsp_types::ReferenceContext {
                        include_declaration: true,
                    },
                },
            )
            .unwrap();
            let texts: Vec<&str> = r
                .iter()
                .map(|l| ctx.lines.span(l.range).slice(TEXT))
                .map(|s| s.get(..3).unwrap_or(s))
                .collect();
            assert_eq!(texts, ["2. ", "[2,", "1. ", "[1]", "[2,"]);
            // plain text is neither
            assert_eq!(target_at(ctx, 2), None);
        });
    }
}
