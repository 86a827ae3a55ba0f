//! What `citelint convert` writes, as a function: the items of an input
//! (a manuscript or a bibliography) in a format named by the user, with the
//! CLI's messages for what can go wrong. The Python binding's `convert`
//! is this function too, so the two agree byte for byte.

use std::path::Path;

use super::{export, ExportError, Format, InputKind};
use crate::csl::Item;

/// Why a conversion failed. The message names the option at fault as the
/// CLI spells it (`--to`, `--style`).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConvertError {
    /// The target format is not known.
    #[error("`--to {to}`")]
    Format {
        /// The name given.
        to: String,
        /// Why it is not a format.
        #[source]
        source: ExportError,
    },
    /// A style given for a format that has none.
    #[error("`--style` applies to `--to text` and `--to html` only")]
    StyleNotApplicable,
    /// A bibliography file is malformed.
    #[error("reading `{path}`")]
    Import {
        /// The file's path.
        path: String,
        /// What is wrong with it.
        #[source]
        source: ExportError,
    },
    /// The items could not be written (an unknown or invalid style …).
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The bibliography of a key-citing manuscript could not be read.
    #[error(transparent)]
    Bibliography(#[from] crate::keys::BibError),
}

/// The items of `text` read from `path` (`-` for standard input): a
/// bibliography when the name says so (`.bib`, `.json` CSL-JSON, `.yaml`
/// hayagriva); for a manuscript citing keys (`[@key]`, `\cite{key}`), the
/// entries of its bibliography that it cites; else the reference list of a
/// manuscript.
pub fn items_of(text: &str, path: &str) -> Result<Vec<Item>, ConvertError> {
    match InputKind::from_path(Path::new(path)) {
        Some(kind) => super::import(text, kind).map_err(|source| ConvertError::Import {
            path: path.into(),
            source,
        }),
        None => {
            let file = (path != "-").then(|| Path::new(path));
            let settings = crate::config::Settings::default();
            match crate::keys::prepare(file, text, &settings)? {
                Some(keyed) => Ok(keyed.cited_items()),
                None => Ok(crate::references(text)),
            }
        }
    }
}

/// The format named `to`, if `style` may go with it: what [`convert`]
/// checks first, for callers that check the options before reading input.
pub fn format_of(to: &str, style: Option<&str>) -> Result<Format, ConvertError> {
    let format: Format = to.parse().map_err(|source| ConvertError::Format {
        to: to.into(),
        source,
    })?;
    if style.is_some() && !format.uses_style() {
        return Err(ConvertError::StyleNotApplicable);
    }
    Ok(format)
}

/// The text `citelint convert --to to [--style style]` writes for `items`,
/// ending in a line break.
///
/// ```
/// let items = citelint::references("See [1].\n\nReferences\n\n1. Smith J. Birds. Ibis 2001;1:1-2.\n");
/// let out = citelint::export::convert::convert(&items, "csl-json", None)?;
/// assert!(out.starts_with('[') && out.ends_with("]\n"));
/// let err = citelint::export::convert::convert(&items, "bibtex", Some("apa")).unwrap_err();
/// assert_eq!(err.to_string(), "`--style` applies to `--to text` and `--to html` only");
/// # Ok::<(), citelint::export::convert::ConvertError>(())
/// ```
pub fn convert(items: &[Item], to: &str, style: Option<&str>) -> Result<String, ConvertError> {
    let format = format_of(to, style)?;
    let mut out = export(items, format, style)?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}
