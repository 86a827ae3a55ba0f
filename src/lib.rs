//! citelint: a citation and reference checker for plain-text manuscripts.
//!
//! A manuscript goes in; citelint finds its citation markers (`[1]`,
//! `^[2,3]`, `[3–5]`, `(1)` …) with exact byte spans, finds and splits its
//! reference list, links the two, parses each entry into CSL-JSON fields and
//! reports what does not add up. The library never prints: it returns
//! values, and the `citelint` binary renders them.
//!
//! ```
//! let text = "As shown [1] and [2].\n\nReferences\n\n1. Smith J (2001) A. J 1: 1.\n";
//! let checked = citelint::check(text);
//! assert_eq!(checked.doc.markers.len(), 2);
//! let rules: Vec<_> = checked.diagnostics.iter().map(|d| d.rule.info().name).collect();
//! assert_eq!(rules, ["unresolved-citation"]);
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod config;
pub mod csl;
pub mod diagnostic;
pub mod export;
pub mod file;
pub mod fix;
pub mod input;
pub mod keys;
pub mod layout;
pub mod link;
pub mod markdown;
pub mod parse;
pub mod refparse;
pub mod render;
pub mod report;
pub mod rules;
pub mod server;
pub mod source;

pub use diagnostic::{Diagnostic, Severity};
pub use parse::Manuscript;
pub use report::{Checked, FileReport};

/// Parses a manuscript: markers and reference list, no checks. Text laid
/// out in pages (PDF text) is read through the [`layout`] stage; the spans
/// are those of `text`.
pub fn parse(text: &str) -> Manuscript {
    match layout::lay_out(text, &[]) {
        None => Manuscript::parse(text),
        Some(l) => {
            let mut doc = Manuscript::parse(&l.text);
            layout::remap::manuscript(&mut doc, &l.map);
            doc
        }
    }
}

/// The reference-list entries of a manuscript, each parsed into a CSL-JSON
/// item, in list order (PDF text read through the [`layout`] stage).
pub fn references(text: &str) -> Vec<csl::Item> {
    let logical = layout::lay_out(text, &[]).map(|l| l.text);
    let text = logical.as_deref().unwrap_or(text);
    let doc = Manuscript::parse(text);
    parse_entries(text, &doc)
}

fn parse_entries(text: &str, doc: &Manuscript) -> Vec<csl::Item> {
    let mut items: Vec<csl::Item> = doc
        .list
        .as_ref()
        .map(|l| {
            l.entries
                .iter()
                .map(|e| refparse::parse_reference(e.text_span.slice(text)))
                .collect()
        })
        .unwrap_or_default();
    refparse::repeat_previous_authors(&mut items);
    items
}

/// Parses, links and checks a manuscript with the default rules.
pub fn check(text: &str) -> Checked {
    check_with(text, &config::Settings::default())
}

/// Parses, links and checks a manuscript with the rules and hints of
/// `settings` (see [`config`]).
///
/// Text laid out in pages or hard-wrapped lines (PDF text) is read through
/// the [`layout`] stage; every span of the result is a span of `text`
/// all the same, and [`Checked::laid_out`] says it happened.
///
/// ```
/// let settings = citelint::config::FileConfig::from_toml(
///     "extend-select = [\"uncompressed-range\"]\n[style]\nrange-dash = \"-\"",
/// )?
/// .resolve()?;
/// let text = "See [1, 2, 3].\n\nReferences\n\n1. A. J. 2001.\n2. B. J. 2002.\n3. C. J. 2003.\n";
/// let checked = citelint::check_with(text, &settings);
/// let fix = checked.diagnostics[0].fix.as_ref().unwrap();
/// assert_eq!(fix.apply(text), text.replace("[1, 2, 3]", "[1-3]"));
/// # Ok::<(), citelint::config::ConfigError>(())
/// ```
pub fn check_with(text: &str, settings: &config::Settings) -> Checked {
    check_plain(text, settings)
}

/// [`check_with`] for a manuscript in `markup`: in Markdown, code, HTML,
/// link reference definitions and autolinks are blanked out before the
/// text is read (see [`markdown`]), so nothing there is checked; their
/// ranges are in [`Checked::non_prose`], and [`fix`] writes none of them.
/// Spans are those of `text`, as always.
///
/// ```
/// use citelint::markdown::Markup;
/// let text = "See [1].\n\n```\nprint [5]\n```\n\nReferences\n\n\
///             1. Smith J. Birds of the sea. J Orn 2001;1:1-2.\n";
/// let settings = citelint::config::Settings::default();
/// assert_eq!(citelint::check_with(text, &settings).diagnostics.len(), 1);
/// let checked = citelint::check_as(text, &settings, Markup::Markdown);
/// assert!(checked.diagnostics.is_empty());
/// assert_eq!(checked.non_prose.len(), 1);
/// ```
pub fn check_as(text: &str, settings: &config::Settings, markup: markdown::Markup) -> Checked {
    if markup == markdown::Markup::Plain {
        return check_plain(text, settings);
    }
    let hidden = markdown::non_prose(text);
    let masked = markdown::mask(text, &hidden);
    let mut checked = check_plain(&masked, settings);
    checked.non_prose = hidden;
    checked
}

/// [`check_with`] without markup: every byte is read.
fn check_plain(text: &str, settings: &config::Settings) -> Checked {
    let Some(laid) = layout::lay_out(text, &settings.headings) else {
        return check_logical(text, settings);
    };
    let mut checked = check_logical(&laid.text, settings);
    // When in doubt, no error: a work the text holds outside its citations
    // was there but could not be split out of the PDF text.
    let markers: Vec<source::Span> = checked.doc.markers.iter().map(|m| m.span).collect();
    let doc = &checked.doc;
    checked.diagnostics.retain(|d| {
        !layout::doubt::is_doubtful(&laid.text, d, &markers)
            && !layout::doubt::is_doubtful_uncited(&laid.text, d, doc, &markers)
    });
    layout::remap::manuscript(&mut checked.doc, &laid.map);
    for d in &mut checked.diagnostics {
        layout::remap::diagnostic(d, &laid.map);
    }
    checked.laid_out = true;
    checked
}

/// [`check_with`] on the logical text.
fn check_logical(text: &str, settings: &config::Settings) -> Checked {
    let mut doc = Manuscript::parse_with(text, &settings.headings);
    // A configured citation style wins over the detected one.
    if let Some(style) = settings.style {
        if style != doc.style {
            std::mem::swap(&mut doc.markers, &mut doc.other_markers);
            doc.style = style;
        }
    }
    let mut links = link::link(text, &doc);
    // An author-year marker none of whose works was taken for a citation
    // (see `link::resolve`) is not a marker; nor is a citation in the running
    // text without parentheses that does not resolve (it is too likely to be
    // something else: a place and a year, a specimen number).
    let keep: Vec<bool> = doc
        .markers
        .iter()
        .zip(&links)
        .map(|(m, l)| {
            let works = matches!(m.cited, parse::Cited::Works(_));
            let bare_unresolved = m.kind == parse::MarkerKind::Bare && !l.unresolved.is_empty();
            !(works && l.refs.is_empty() && l.unresolved.is_empty() || bare_unresolved)
        })
        .collect();
    if keep.contains(&false) {
        let mut k = keep.iter();
        doc.markers.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        links.retain(|_| *k.next().unwrap_or(&true));
    }
    let items = parse_entries(text, &doc);
    let diagnostics = rules::run(&rules::Context {
        text,
        doc: &doc,
        links: &links,
        items: &items,
        settings,
        keys: None,
    });
    Checked {
        doc,
        links,
        items,
        diagnostics,
        laid_out: false,
        keys: None,
        non_prose: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "\n\nReferences\n\nMay, J. (2008). Birds. Ibis 1: 1–2.\n\nSmith, J. (2009). Fish. Copeia 2: 3–4.\n";

    #[test]
    fn month_like_names_count_only_when_an_entry_has_them() {
        let text = format!("Since (January 2008) and as (May, 2008) found (Smith 2009).{LIST}");
        let checked = check(&text);
        let found: Vec<_> = checked
            .doc
            .markers
            .iter()
            .map(|m| m.span.slice(&text))
            .collect();
        assert_eq!(found, ["(May, 2008)", "(Smith 2009)"]);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    }

    #[test]
    fn configured_headings_and_style_are_used() {
        let text = "See [1].\n\nQuellen\n\n1. A. One. J. 2001;1:1.\n";
        assert!(check(text).doc.list.is_none());
        let settings = config::FileConfig::from_toml("[references]\nheadings = [\"Quellen\"]")
            .unwrap()
            .resolve()
            .unwrap();
        let checked = check_with(text, &settings);
        assert_eq!(checked.doc.list.map(|l| l.entries.len()), Some(1));
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    }

    #[test]
    fn a_year_mismatch_names_the_entry_and_counts_it_as_cited() {
        let text = format!("As (May 2008) and (Smith 2010) found.{LIST}");
        let checked = check(&text);
        let rules: Vec<_> = checked
            .diagnostics
            .iter()
            .map(|d| d.rule.info().name)
            .collect();
        assert_eq!(rules, ["year-mismatch"]);
        assert_eq!(checked.links[1].refs, [1]);
        assert_eq!(checked.links[1].unresolved, ["Smith 2010"]);
    }
}
