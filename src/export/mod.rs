//! Export of parsed references to bibliography formats, and import back.
//!
//! citelint's model of a reference is the CSL-JSON [`Item`]. This module turns
//! a list of items into
//!
//! - BibTeX and BibLaTeX (written through the `biblatex` crate's data model and
//!   escaping, with capitals in titles protected as `{CPU}`),
//! - CSL-JSON (serde, valid against the official `csl-data.json` schema),
//! - hayagriva YAML (through hayagriva's own `Library` model),
//! - a formatted bibliography in plain text or HTML, rendered by hayagriva's
//!   CSL processor with a bundled style or a `.csl` file,
//!
//! and reads `.bib`, CSL-JSON and hayagriva YAML files back into items.
//!
//! Nothing here prints: every function returns a `String` or an
//! [`ExportError`] with a short lowercase message. No input makes these
//! functions panic.
//!
//! # What each format keeps
//!
//! CSL-JSON keeps everything. BibTeX and BibLaTeX keep every field of
//! [`Item`] (an access date as `urldate`, a PubMed id as `pmid` or
//! `eprint`); page ranges come back with `-` for `–`, and the `raw` form of
//! a date (`2008a`) is not written. hayagriva YAML keeps every field too,
//! but what it has no place for goes to `note`: a literal date, a URL that
//! is not absolute, an access date without a URL. A formatted bibliography
//! shows what its style shows.
//!
//! Reading CSL-JSON skips fields that [`Item`] has no place for (`abstract`,
//! `language` …); reading `.bib` files skips fields other than the ones
//! written here (and `subtitle`, `journal`, `school`, `address`,
//! `howpublished`, `organization`, `pubstate`).
//!
//! Every format keeps that a name list goes on (`et al.`; see
//! [`crate::csl::Custom`]): CSL-JSON in `custom`, BibTeX and BibLaTeX as
//! `and others`, YAML as a last author `others`, a formatted bibliography
//! with the style's `et al.` term. Titles, container titles, series and
//! notes are rich text ([`rich`]): LaTeX markup in a `.bib` file is read
//! into it and written back ([`latex`]), CSL-JSON holds its HTML-like tags,
//! YAML keeps case protection as `{…}` and the rest as plain text, and a
//! formatted bibliography keeps case protection.
//!
//! # Example
//!
//! ```
//! use citelint::csl::{Date, Item, Name};
//! use citelint::export::{export, Format};
//!
//! let item = Item {
//!     kind: "article-journal".into(),
//!     author: vec![Name::person("Li", "Hongyuan")],
//!     issued: Some(Date::year(2008)),
//!     title: Some("On Network Sovereignty".into()),
//!     container_title: Some("Administration and Law".into()),
//!     ..Item::default()
//! };
//! let bib = export(&[item], Format::Bibtex, None)?;
//! assert!(bib.starts_with("@article{li2008network,"));
//! # Ok::<(), citelint::export::ExportError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use crate::csl::Item;

pub mod bibtex;
pub mod convert;
pub mod csl_json;
pub mod import;
pub mod keys;
pub mod latex;
pub mod rich;
pub mod style;
pub mod yaml;

pub use import::{import, InputKind};
pub use keys::assign_keys;
pub use style::style_names;

/// An output format of [`export`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Classic BibTeX (`@article`, `journal`, `year`, `month`).
    Bibtex,
    /// BibLaTeX (`date`, `journaltitle`, `@online`, `urldate`).
    Biblatex,
    /// CSL-JSON: a JSON array of CSL items.
    CslJson,
    /// hayagriva YAML.
    Yaml,
    /// A bibliography formatted by a CSL style, as plain text.
    Text,
    /// A bibliography formatted by a CSL style, as HTML.
    Html,
}

impl Format {
    /// Every format, in the order `citelint convert --help` lists them.
    pub const ALL: [Format; 6] = [
        Format::Bibtex,
        Format::Biblatex,
        Format::CslJson,
        Format::Yaml,
        Format::Text,
        Format::Html,
    ];

    /// The name accepted by [`FromStr`] (`bibtex`, `csl-json` …).
    pub fn name(self) -> &'static str {
        match self {
            Format::Bibtex => "bibtex",
            Format::Biblatex => "biblatex",
            Format::CslJson => "csl-json",
            Format::Yaml => "yaml",
            Format::Text => "text",
            Format::Html => "html",
        }
    }

    /// Whether the format is rendered with a CSL style (`--style`).
    pub fn uses_style(self) -> bool {
        matches!(self, Format::Text | Format::Html)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = ExportError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        let alias = match wanted.as_str() {
            "bib" => "bibtex",
            "csl" | "json" | "csljson" | "csl_json" => "csl-json",
            "yml" | "hayagriva" => "yaml",
            "txt" | "plain" => "text",
            other => other,
        };
        Format::ALL
            .into_iter()
            .find(|f| f.name() == alias)
            .ok_or_else(|| ExportError::UnknownFormat(s.to_string()))
    }
}

/// Why an export or an import failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// `--to` named no known format.
    #[error("unknown format `{0}` (expected bibtex, biblatex, csl-json, yaml, text or html)")]
    UnknownFormat(String),
    /// `--style` named neither a bundled style nor a readable `.csl` file.
    #[error("unknown style `{0}` (see `citelint styles`)")]
    UnknownStyle(String),
    /// A `.csl` file could not be read or parsed.
    #[error("invalid style `{path}`: {message}")]
    InvalidStyle {
        /// The path given.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// `--style` was given for a format that is not rendered with a style.
    #[error("a style applies only to text and html output, not to {0}")]
    StyleNotApplicable(Format),
    /// A file to import is malformed.
    #[error("malformed {kind} at {line}:{column}: {message}")]
    Parse {
        /// The input kind (`bibtex`, `csl-json`, `yaml`).
        kind: &'static str,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column (in characters) of the error.
        column: usize,
        /// What the parser reported.
        message: String,
    },
    /// A file to import is well-formed but holds something citelint cannot
    /// represent.
    #[error("invalid {kind} entry `{key}`: {message}")]
    Entry {
        /// The input kind.
        kind: &'static str,
        /// The entry's key (or its position).
        key: String,
        /// What is wrong with it.
        message: String,
    },
    /// A serialiser failed (should not happen for valid items).
    #[error("cannot write {format}: {message}")]
    Write {
        /// The format being written.
        format: Format,
        /// The serialiser's message.
        message: String,
    },
}

/// Converts `items` to `format`.
///
/// Items without an `id` get a key from [`assign_keys`] (on a copy: `items`
/// is not changed), so every BibTeX entry and CSL-JSON item has one.
/// `style` is a bundled style name (see [`style_names`]) or a path to a
/// `.csl` file, and applies only to [`Format::Text`] and [`Format::Html`];
/// those default to `apa`.
pub fn export(items: &[Item], format: Format, style: Option<&str>) -> Result<String, ExportError> {
    if style.is_some() && !format.uses_style() {
        return Err(ExportError::StyleNotApplicable(format));
    }
    let mut items = items.to_vec();
    assign_keys(&mut items);
    match format {
        Format::Bibtex => Ok(bibtex::to_bibtex(&items, bibtex::Dialect::Bibtex)),
        Format::Biblatex => Ok(bibtex::to_bibtex(&items, bibtex::Dialect::Biblatex)),
        Format::CslJson => csl_json::to_csl_json(&items),
        Format::Yaml => yaml::to_yaml(&items),
        Format::Text => style::render(&items, style, style::Output::Text),
        Format::Html => style::render(&items, style, style::Output::Html),
    }
}

/// Turns a byte offset into a 1-based line and character column.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>().unwrap(), f);
        }
        assert_eq!("BibTeX".parse::<Format>().unwrap(), Format::Bibtex);
        assert!("docx".parse::<Format>().is_err());
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "ab\nçd€x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // `x` is after `ç` (2 bytes), `d`, `€` (3 bytes).
        assert_eq!(line_column(text, 9), (2, 4));
        assert_eq!(line_column(text, 999), (2, 5));
    }

    #[test]
    fn style_only_for_rendered_formats() {
        let err = export(&[], Format::Bibtex, Some("apa")).unwrap_err();
        assert!(err.to_string().contains("only to text and html"));
    }
}
