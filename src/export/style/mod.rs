//! Formatted bibliographies: items rendered by hayagriva's CSL processor.
//!
//! A style is a name of a style bundled with hayagriva (`apa`, `ieee`,
//! `gb-7714-2015-numeric` …; see [`style_names`]) or a path to a `.csl`
//! file. A dependent `.csl` file (one that only points at a parent style)
//! works when its parent is bundled.
//!
//! Items are cited once each, in order, so numeric styles number them 1, 2, …
//! in list order. Plain text puts one entry on a line; HTML is a
//! `csl-bib-body` block of `csl-entry` blocks with the text escaped.

use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::OnceLock;

use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::{
    FontStyle, FontVariant, FontWeight, IndependentStyle, Locale, Style, TextDecoration,
    VerticalAlign,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild,
    ElemChildren, Library,
};

use super::{yaml, ExportError, Format};
use crate::csl::Item;
use et_al::Terms;

mod et_al;

/// The style used when none is given.
pub const DEFAULT_STYLE: &str = "apa";

/// Plain text or HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// One entry a line.
    Text,
    /// `<div class="csl-bib-body">` with one `<div class="csl-entry">` each.
    Html,
}

/// Names that citelint maps to another bundled style. hayagriva 0.10's
/// bundled `vancouver` (`nlm-citation-sequence`) renders no authors, so
/// those names go to a Vancouver style that does.
const ALIASES: &[(&str, &str)] = &[
    (
        "vancouver",
        "taylor-and-francis-national-library-of-medicine",
    ),
    (
        "nlm-citation-sequence",
        "taylor-and-francis-national-library-of-medicine",
    ),
    (
        "vancouver-superscript",
        "taylor-and-francis-national-library-of-medicine",
    ),
    (
        "nlm-citation-sequence-superscript",
        "taylor-and-francis-national-library-of-medicine",
    ),
];

/// The names `--style` accepts, sorted.
pub fn style_names() -> Vec<String> {
    let mut names: Vec<String> = ArchivedStyle::all()
        .iter()
        .flat_map(|s| s.names().iter().map(|n| n.to_string()))
        .collect();
    names.extend(ALIASES.iter().map(|(n, _)| n.to_string()));
    names.sort();
    names.dedup();
    names
}

/// Looks up `style`: a shipped or bundled style name, or a `.csl` path.
pub fn load_style(style: &str) -> Result<IndependentStyle, ExportError> {
    let wanted = style.trim();
    let lower = wanted.to_ascii_lowercase();
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map_or(lower.as_str(), |(_, target)| target);
    if let Some(archived) = ArchivedStyle::by_name(name) {
        return independent(wanted, archived.get());
    }
    let path = Path::new(wanted);
    if path.is_file() || lower.ends_with(".csl") {
        let xml = std::fs::read_to_string(path).map_err(|e| ExportError::InvalidStyle {
            path: wanted.into(),
            message: e.to_string().to_lowercase(),
        })?;
        return parse_style(wanted, &xml);
    }
    Err(ExportError::UnknownStyle(wanted.into()))
}

fn parse_style(path: &str, xml: &str) -> Result<IndependentStyle, ExportError> {
    let style = Style::from_xml(xml).map_err(|e| ExportError::InvalidStyle {
        path: path.into(),
        message: e.to_string(),
    })?;
    independent(path, style)
}

fn independent(path: &str, style: Style) -> Result<IndependentStyle, ExportError> {
    match style {
        Style::Independent(s) => Ok(s),
        Style::Dependent(d) => {
            let parent = d.parent_link.href.to_string();
            let archived = ArchivedStyle::by_id(&parent)
                .or_else(|| ArchivedStyle::by_id(&parent.replace("https://", "http://")))
                .ok_or_else(|| ExportError::InvalidStyle {
                    path: path.into(),
                    message: format!("its parent style `{parent}` is not bundled"),
                })?;
            match archived.get() {
                Style::Independent(s) => Ok(s),
                Style::Dependent(_) => Err(ExportError::InvalidStyle {
                    path: path.into(),
                    message: "its parent style is itself dependent".into(),
                }),
            }
        }
    }
}

/// hayagriva's bundled CSL locales, decoded once.
fn all_locales() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(locales)
}

/// Renders `items` (which already have unique ids) with `style`.
pub fn render(items: &[Item], style: Option<&str>, output: Output) -> Result<String, ExportError> {
    let format = match output {
        Output::Text => Format::Text,
        Output::Html => Format::Html,
    };
    let style = load_style(style.unwrap_or(DEFAULT_STYLE))?;
    let library = yaml::to_library(items, yaml::Purpose::Render)?;
    let entries = render_trees(&library, &style).map_err(|_| ExportError::Write {
        format,
        message: "the CSL processor failed on these items".into(),
    })?;

    let mut out = String::new();
    match output {
        Output::Text => {
            for RenderedEntry { first, content, .. } in entries {
                let mut line = String::new();
                if let Some(first) = first {
                    plain_child(&mut line, &first);
                    line.push(' ');
                }
                plain_children(&mut line, &content);
                // One entry a line, whatever blocks the style lays out.
                out.push_str(&line.split_whitespace().collect::<Vec<_>>().join(" "));
                out.push('\n');
            }
        }
        Output::Html => {
            out.push_str("<div class=\"csl-bib-body\">\n");
            for RenderedEntry { first, content, .. } in entries {
                out.push_str("  <div class=\"csl-entry\">");
                if let Some(first) = first {
                    out.push_str("<div class=\"csl-left-margin\">");
                    html_child(&mut out, &first);
                    out.push_str("</div><div class=\"csl-right-inline\">");
                    html_children(&mut out, &content);
                    out.push_str("</div>");
                } else {
                    html_children(&mut out, &content);
                }
                out.push_str("</div>\n");
            }
            out.push_str("</div>\n");
        }
    }
    Ok(out)
}

/// One bibliography entry as hayagriva renders it: the item's id, the
/// first field a style sets apart (a numeric label), and the content.
pub struct RenderedEntry {
    pub id: String,
    pub first: Option<ElemChild>,
    pub content: ElemChildren,
}

/// The CSL processor failed (it asserts on states it considers impossible).
#[derive(Debug)]
pub struct ProcessorFailed;

/// Renders a library (made by [`yaml::to_library`] for
/// [`yaml::Purpose::Render`]) with `style` into element trees, `et al.`
/// marked; in bibliography order, which an author-date style sorts (each
/// entry carries its item's id).
pub fn render_trees(
    library: &Library,
    style: &IndependentStyle,
) -> Result<Vec<RenderedEntry>, ProcessorFailed> {
    let locales = all_locales();
    let et_al = Terms::of(style, locales);

    // hayagriva asserts on states it considers impossible; an odd item must
    // not take the whole program down.
    let rendered = catch_unwind(AssertUnwindSafe(|| {
        let mut driver = BibliographyDriver::new();
        for entry in library.iter() {
            driver.citation(CitationRequest::from_items(
                vec![CitationItem::with_entry(entry)],
                style,
                locales,
            ));
        }
        driver.finish(BibliographyRequest {
            style,
            locale: None,
            locale_files: locales,
        })
    }))
    .map_err(|_| ProcessorFailed)?;

    let mut entries: Vec<RenderedEntry> = match rendered.bibliography {
        Some(bib) => bib
            .items
            .into_iter()
            .map(|i| RenderedEntry {
                id: i.key,
                first: i.first_field,
                content: i.content,
            })
            .collect(),
        // A style without a bibliography: list the citations instead.
        None => rendered
            .citations
            .into_iter()
            .zip(library.iter())
            .map(|(c, entry)| RenderedEntry {
                id: entry.key().to_string(),
                first: None,
                content: c.citation,
            })
            .collect(),
    };
    for e in &mut entries {
        if let Some(first) = &mut e.first {
            et_al::mark(std::slice::from_mut(first), &et_al);
        }
        et_al::mark(&mut e.content.0, &et_al);
    }
    Ok(entries)
}

fn plain_children(out: &mut String, children: &ElemChildren) {
    for child in &children.0 {
        plain_child(out, child);
    }
}

/// Plain text; a block element (`display="block"`, a margin label) is set
/// off by spaces so that its text does not run into the next.
fn plain_child(out: &mut String, child: &ElemChild) {
    match child {
        ElemChild::Text(t) => out.push_str(&t.text),
        ElemChild::Elem(e) => {
            if e.display.is_some() {
                out.push(' ');
            }
            plain_children(out, &e.children);
            if e.display.is_some() {
                out.push(' ');
            }
        }
        ElemChild::Markup(m) => out.push_str(m),
        ElemChild::Link { text, .. } => out.push_str(&text.text),
        ElemChild::Transparent { .. } => {}
    }
}

fn html_children(out: &mut String, children: &ElemChildren) {
    for child in &children.0 {
        html_child(out, child);
    }
}

fn html_child(out: &mut String, child: &ElemChild) {
    match child {
        ElemChild::Text(t) => html_text(out, &t.text, &t.formatting),
        ElemChild::Elem(e) => html_children(out, &e.children),
        ElemChild::Markup(m) => out.push_str(&escape(m)),
        ElemChild::Link { text, url } => {
            let _ = write!(out, "<a href=\"{}\">", escape(url));
            html_text(out, &text.text, &text.formatting);
            out.push_str("</a>");
        }
        ElemChild::Transparent { .. } => {}
    }
}

fn html_text(out: &mut String, text: &str, f: &hayagriva::Formatting) {
    let mut close: Vec<&str> = Vec::new();
    let mut open = |out: &mut String, tag: &'static str, end: &'static str| {
        out.push_str(tag);
        close.push(end);
    };
    if f.font_style == FontStyle::Italic {
        open(out, "<i>", "</i>");
    }
    if f.font_weight == FontWeight::Bold {
        open(out, "<b>", "</b>");
    }
    if f.font_variant == FontVariant::SmallCaps {
        open(out, "<span style=\"font-variant:small-caps\">", "</span>");
    }
    if f.text_decoration == TextDecoration::Underline {
        open(out, "<u>", "</u>");
    }
    if f.vertical_align == VerticalAlign::Sup {
        open(out, "<sup>", "</sup>");
    } else if f.vertical_align == VerticalAlign::Sub {
        open(out, "<sub>", "</sub>");
    }
    out.push_str(&escape(text));
    for end in close.iter().rev() {
        out.push_str(end);
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_include_bundled_and_shipped() {
        let names = style_names();
        for n in ["apa", "ieee", "gb-7714-2015-numeric", "vancouver"] {
            assert!(names.iter().any(|s| s == n), "{n} missing");
        }
        assert!(names.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn unknown_style_is_an_error() {
        let err = load_style("no-such-style").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown style `no-such-style` (see `citelint styles`)"
        );
        let err = load_style("/nonexistent/x.csl").unwrap_err();
        assert!(err
            .to_string()
            .starts_with("invalid style `/nonexistent/x.csl`"));
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
