//! Rendering reports as text. One module per output format; each returns a
//! `String` (the library never prints).

pub mod concise;
pub mod human;
pub mod json;

/// A checked file, as the renderers see it.
pub struct Rendered<'a> {
    /// The path as given.
    pub path: &'a str,
    /// The manuscript text.
    pub text: &'a str,
    /// The report.
    pub report: &'a crate::FileReport,
}
