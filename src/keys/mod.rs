//! Citation keys checked against a bibliography file: pandoc and Quarto
//! manuscripts (`[@smith2008, p. 4]`, `@lee2010 says`) and LaTeX ones
//! (`\citep{smith2008}`), with their references in `.bib` (BibTeX,
//! BibLaTeX), CSL-JSON or CSL-YAML files.
//!
//! [`prepare`] scans a manuscript for its citations and the bibliography it
//! names (YAML front matter `bibliography:` and `references:`,
//! `\bibliography{}` / `\addbibresource{}`, and the configured
//! `references.bibliography`), and reads those files; [`check`] runs the
//! rules on the result. Findings in a bibliography file carry its path in
//! [`crate::Diagnostic::file`], and their spans are spans of that file.
//!
//! ```
//! use citelint::keys::{Keyed, Syntax};
//! let text = "---\nreferences:\n- id: smith2008\n  title: Fish\n  author: [{family: Smith}]\n  issued: {date-parts: [[2008]]}\n---\nAs [@smith2008; @lee2010].\n";
//! let keyed = Keyed::read(None, text, Syntax::Pandoc, &[])?.unwrap();
//! let checked = citelint::keys::check(text, keyed, &Default::default());
//! let rules: Vec<_> = checked.diagnostics.iter().map(|d| d.rule.info().name).collect();
//! assert_eq!(rules, ["unknown-key"]);
//! # Ok::<(), citelint::keys::BibError>(())
//! ```

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use crate::config::Settings;
use crate::parse::Manuscript;
use crate::report::Checked;
use crate::source::Span;

pub mod bib;
pub mod fix;
pub mod front;
pub mod latex;
pub mod near;
pub mod pandoc;
pub mod report;

pub use bib::{BibError, BibFile, Entry};

/// How a key is cited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// In a pandoc bracketed group: `[@key]`.
    Bracketed,
    /// In a bracketed group, author suppressed: `[-@key]`.
    SuppressAuthor,
    /// In the running text: `@key says`, `@key [p. 4]`.
    InText,
    /// In a LaTeX citation command: `\citep{key}`.
    Command,
    /// Listed without being cited in the text: `\nocite{key}`, or the
    /// `nocite` of the front matter.
    Nocite,
}

/// One cited key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cite {
    /// The key as written (without braces).
    pub key: String,
    /// Where the key is.
    pub key_span: Span,
    /// The whole citation it is part of (`[see @a; @b]`, `\cite{a,b}`).
    pub span: Span,
    /// How it is cited.
    pub form: Form,
}

/// The markup a manuscript's citations are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Pandoc Markdown (also Quarto, R Markdown).
    Pandoc,
    /// LaTeX.
    Latex,
}

impl Syntax {
    /// LaTeX for `.tex`, `.ltx` and `.latex` files, pandoc otherwise.
    pub fn of_path(path: &Path) -> Syntax {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        match ext.to_ascii_lowercase().as_str() {
            "tex" | "ltx" | "latex" => Syntax::Latex,
            _ => Syntax::Pandoc,
        }
    }
}

/// A manuscript's citations and the bibliography they are checked against.
#[derive(Debug, Clone)]
pub struct Keyed {
    /// The markup.
    pub syntax: Syntax,
    /// Every cited key, in text order.
    pub cites: Vec<Cite>,
    /// `nocite: '@*'` or `\nocite{*}`: every entry counts as cited.
    pub nocite_all: bool,
    /// The bibliography files read (the manuscript's inline `references:`
    /// are entries with no file).
    pub files: Vec<BibFile>,
    /// Every entry, file by file, in file order.
    pub entries: Vec<Entry>,
    /// Whether any bibliography was named or given inline.
    pub has_bibliography: bool,
    /// The span of the front matter (pandoc), if any.
    pub front_matter: Option<Span>,
    /// What was not scanned for citations because it is not prose
    /// (pandoc: Markdown code, HTML, link definitions, autolinks; see
    /// [`crate::markdown`]).
    pub non_prose: Vec<Span>,
}

/// A lexically normalised path: `paper/../bib/a.bib` is `bib/a.bib`.
pub fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if out
                    .components()
                    .next_back()
                    .is_some_and(|l| matches!(l, Component::Normal(_))) =>
            {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// Whether a range read as inline HTML is part of a citation key: a
/// tag glued to a key character (`@q?r<s>t`), which pandoc reads as key
/// punctuation.
fn inside_key(text: &str, s: Span) -> bool {
    let part = s.slice(text);
    part.starts_with('<')
        && !part.starts_with("<!--")
        && !part.contains('\n')
        && text[..s.start]
            .chars()
            .next_back()
            .is_some_and(pandoc::is_key_char)
}

impl Keyed {
    /// Scans `text` (the manuscript at `path`, if it has one) written in
    /// `syntax`, and reads the bibliography it names, the files in
    /// `extra` (relative to the current directory) and its inline
    /// references. `None` when the manuscript neither names a bibliography
    /// nor cites keys the way only key-citing manuscripts do (a bracketed
    /// `[@key]`, a LaTeX `\cite`): it is then checked as plain text.
    pub fn read(
        path: Option<&Path>,
        text: &str,
        syntax: Syntax,
        extra: &[PathBuf],
    ) -> Result<Option<Keyed>, BibError> {
        let here = path.map(|p| p.parent().unwrap_or(Path::new("")).to_path_buf());
        let manuscript = path.map_or_else(|| "-".to_string(), |p| p.display().to_string());
        let mut named: Vec<(PathBuf, Option<Span>)> = Vec::new();
        let mut keyed = Keyed {
            syntax,
            cites: Vec::new(),
            nocite_all: false,
            files: Vec::new(),
            entries: Vec::new(),
            has_bibliography: false,
            front_matter: None,
            non_prose: Vec::new(),
        };
        let relative = |p: &str| normalise(&here.clone().unwrap_or_default().join(p));
        match syntax {
            Syntax::Latex => {
                let found = latex::scan(text);
                keyed.cites = found.cites;
                keyed.nocite_all = found.nocite_all;
                named.extend(
                    found
                        .bibliographies
                        .iter()
                        .map(|(p, s)| (relative(p), Some(*s))),
                );
            }
            Syntax::Pandoc => {
                let front = front::read(text).map_err(|(at, message)| {
                    let (line, column) = crate::export::line_column(text, at);
                    BibError::Parse {
                        path: manuscript.clone(),
                        line,
                        column,
                        message: format!("front matter: {message}"),
                    }
                })?;
                let mut from = 0;
                if let Some(front) = front {
                    from = front.span.end;
                    keyed.front_matter = Some(front.span);
                    keyed.nocite_all = front.nocite_all;
                    if let Some(n) = front.nocite {
                        pandoc::scan(text, n, &mut keyed.cites);
                        for c in &mut keyed.cites {
                            c.form = Form::Nocite;
                        }
                    }
                    named.extend(
                        front
                            .bibliography
                            .iter()
                            .map(|(p, s)| (relative(p), Some(*s))),
                    );
                    keyed.has_bibliography |= front.has_references;
                    keyed.entries = front.entries;
                }
                // code, HTML and the like hold no citations (pandoc reads
                // none there); the front matter was read above
                keyed.non_prose = crate::markdown::non_prose(text);
                keyed
                    .non_prose
                    .retain(|s| s.start >= from && !inside_key(text, *s));
                let masked = crate::markdown::mask(text, &keyed.non_prose);
                pandoc::scan(&masked, Span::new(from, text.len()), &mut keyed.cites);
            }
        }
        let declared = !named.is_empty() || keyed.has_bibliography;
        let key_like = keyed
            .cites
            .iter()
            .any(|c| !matches!(c.form, Form::InText | Form::Nocite));
        let given = !extra.is_empty() && !keyed.cites.is_empty();
        if !(declared || key_like || given) {
            return Ok(None);
        }
        named.extend(extra.iter().map(|p| (normalise(p), None)));
        let mut seen = Vec::new();
        for (p, at) in named {
            if seen.contains(&p) {
                continue;
            }
            seen.push(p.clone());
            let file = keyed.files.len();
            let loaded = bib::load(&p, file).map_err(|e| match (e, at) {
                (BibError::Read { path, source, .. }, Some(at)) => {
                    let (line, _) = crate::export::line_column(text, at.start);
                    BibError::Read {
                        path,
                        named: format!(" (named in `{manuscript}` line {line})"),
                        source,
                    }
                }
                (e, _) => e,
            })?;
            keyed.entries.extend(loaded.1);
            keyed.files.push(loaded.0);
        }
        keyed.has_bibliography |= !keyed.files.is_empty();
        Ok(Some(keyed))
    }

    /// The entries by key: every index with that key, in order.
    pub fn by_key(&self) -> HashMap<&str, Vec<usize>> {
        let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
        for (k, e) in self.entries.iter().enumerate() {
            map.entry(e.key.as_str()).or_default().push(k);
        }
        map
    }

    /// The items of the entries the manuscript cites (all of them with
    /// `nocite: '@*'` or `\nocite{*}`), in bibliography order, each key
    /// once: what `convert` writes for a key-citing manuscript.
    pub fn cited_items(&self) -> Vec<crate::csl::Item> {
        let cited: std::collections::HashSet<&str> =
            self.cites.iter().map(|c| c.key.as_str()).collect();
        let mut seen = std::collections::HashSet::new();
        self.entries
            .iter()
            .filter(|e| self.nocite_all || cited.contains(e.key.as_str()))
            .filter(|e| seen.insert(e.key.as_str()))
            .map(|e| e.item.clone())
            .collect()
    }

    /// The path of an entry's file (`None` for the manuscript itself).
    pub fn path_of(&self, e: &Entry) -> Option<&str> {
        e.file
            .and_then(|f| self.files.get(f))
            .map(|f| f.path.as_str())
    }

    /// Where an entry's key is, for a message: `` `bib/a.bib` line 12 ``.
    pub fn where_is(&self, e: &Entry, manuscript: &str) -> String {
        let text = self.text_of(e, manuscript);
        let line = crate::source::LineIndex::new(text)
            .line_col(text, e.key_span.start)
            .line;
        let file = self.path_of(e).unwrap_or("the manuscript's `references`");
        format!("`{file}` line {line}")
    }

    /// The text an entry's spans point into.
    pub fn text_of<'a>(&'a self, e: &Entry, manuscript: &'a str) -> &'a str {
        e.file
            .and_then(|f| self.files.get(f))
            .map_or(manuscript, |f| f.text.as_str())
    }
}

/// The key-citing manuscript `text` (the file at `path`, if any) and its
/// bibliography, or `None` for a plain-text manuscript: the markup is told
/// by the file's extension, and `settings.bibliography` is added to what
/// the manuscript names.
pub fn prepare(
    path: Option<&Path>,
    text: &str,
    settings: &Settings,
) -> Result<Option<Keyed>, BibError> {
    let syntax = path.map_or(Syntax::Pandoc, Syntax::of_path);
    Keyed::read(path, text, syntax, &settings.bibliography)
}

/// Runs the rules the settings enable on a key-citing manuscript.
pub fn check(text: &str, keyed: Keyed, settings: &Settings) -> Checked {
    let doc = Manuscript::default();
    let diagnostics = crate::rules::run(&crate::rules::Context {
        text,
        doc: &doc,
        links: &[],
        items: &[],
        settings,
        keys: Some(&keyed),
    });
    Checked {
        doc,
        links: Vec::new(),
        items: Vec::new(),
        diagnostics,
        laid_out: false,
        non_prose: keyed.non_prose.clone(),
        keys: Some(keyed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_lexically() {
        assert_eq!(
            normalise(Path::new("paper/../bib/./a.bib")),
            PathBuf::from("bib/a.bib")
        );
        assert_eq!(normalise(Path::new("../x.bib")), PathBuf::from("../x.bib"));
    }

    #[test]
    fn plain_text_and_mail_addresses_stay_plain() {
        let text = "Write to me@x.org; see @twitter.\n";
        assert!(Keyed::read(None, text, Syntax::Pandoc, &[])
            .unwrap()
            .is_none());
        let keyed = Keyed::read(None, "See [@a].", Syntax::Pandoc, &[])
            .unwrap()
            .unwrap();
        assert!(!keyed.has_bibliography);
        assert_eq!(keyed.cites.len(), 1);
    }

    #[test]
    fn code_holds_no_citations() {
        let text =
            "---\nbibliography: x.bib\n---\n[@a] `[@b]`\n\n```\n@c\n```\n\n    @d\n<!-- [@e] -->\n\n[@f<g>h]\n";
        let keyed = Keyed::read(None, text, Syntax::Pandoc, &[]);
        // the bibliography does not exist: scan again without it
        assert!(keyed.is_err());
        let text = text.replace("bibliography: x.bib", "title: t");
        let keyed = Keyed::read(None, &text, Syntax::Pandoc, &[])
            .unwrap()
            .unwrap();
        let keys: Vec<&str> = keyed.cites.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["a", "f<g>h"]);
        assert_eq!(keyed.cites[0].key_span.slice(&text), "a");
    }

    #[test]
    fn nocite_all_in_the_front_matter_cites_every_entry() {
        let refs = "references:\n- {id: a, type: book, title: A, author: [{family: A}], issued: {date-parts: [[2001]]}}\n- {id: b, type: book, title: B, author: [{family: B}], issued: {date-parts: [[2002]]}}\n";
        let rules = |text: &str| -> Vec<&'static str> {
            let keyed = Keyed::read(None, text, Syntax::Pandoc, &[])
                .unwrap()
                .unwrap();
            check(text, keyed, &Settings::default())
                .diagnostics
                .iter()
                .map(|d| d.rule.info().name)
                .collect()
        };
        assert_eq!(rules(&format!("---\n{refs}---\n[@a]\n")), ["unused-entry"]);
        assert!(rules(&format!("---\n{refs}nocite: '@*'\n---\n[@a]\n")).is_empty());
        assert!(rules(&format!("---\n{refs}nocite: '@b'\n---\n[@a]\n")).is_empty());
    }

    #[test]
    fn a_missing_bibliography_names_the_manuscript_line() {
        let text = "---\ntitle: x\nbibliography: nowhere/none.bib\n---\n[@a]\n";
        let err = Keyed::read(Some(Path::new("p/m.md")), text, Syntax::Pandoc, &[]).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with(
                "cannot read bibliography `p/nowhere/none.bib` (named in `p/m.md` line 3)"
            ),
            "{msg}"
        );
    }
}
