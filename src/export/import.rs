//! Reading `.bib` (BibTeX or BibLaTeX), CSL-JSON and hayagriva YAML files
//! into CSL items.
//!
//! Every reader returns an [`ExportError`] instead of panicking; syntax
//! errors carry the 1-based line and column that the underlying parser
//! reported.

use std::path::Path;

use biblatex::{Bibliography, Chunk, ChunksExt, DateValue, EditorType, PermissiveType, Spanned};

use super::bibtex::is_verbatim_field;
use super::{csl_json, latex, line_column, yaml, ExportError};
use crate::csl::{Custom, Date, DatePart, Item, Name};

/// What kind of file [`import`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// A `.bib` file, BibTeX or BibLaTeX.
    Bibtex,
    /// A CSL-JSON `.json` file.
    CslJson,
    /// A hayagriva `.yaml`/`.yml` file.
    Yaml,
}

impl InputKind {
    /// The kind a file name's extension stands for (`.bib`, `.json`,
    /// `.yaml`, `.yml`), if any.
    pub fn from_path(path: impl AsRef<Path>) -> Option<Self> {
        let ext = path.as_ref().extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "bib" | "bibtex" | "biblatex" => Some(InputKind::Bibtex),
            "json" | "csljson" => Some(InputKind::CslJson),
            "yaml" | "yml" => Some(InputKind::Yaml),
            _ => None,
        }
    }

    /// A guess from the content, for input without a file name (stdin):
    /// JSON starts with `[` or `{`, a `.bib` file has an `@type{` entry, and
    /// anything else is taken as YAML.
    pub fn sniff(text: &str) -> Self {
        let body = text.trim_start_matches('\u{feff}').trim_start();
        if body.starts_with('[') || body.starts_with('{') {
            return InputKind::CslJson;
        }
        let has_entry = body.lines().any(|line| {
            let line = line.trim_start();
            line.starts_with('@')
                && line[1..]
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .count()
                    > 0
        });
        if has_entry {
            InputKind::Bibtex
        } else {
            InputKind::Yaml
        }
    }

    /// The name used in error messages.
    pub fn name(self) -> &'static str {
        match self {
            InputKind::Bibtex => "bibtex",
            InputKind::CslJson => "csl-json",
            InputKind::Yaml => "yaml",
        }
    }
}

/// Reads `text` as `kind` into CSL items, in file order.
pub fn import(text: &str, kind: InputKind) -> Result<Vec<Item>, ExportError> {
    match kind {
        InputKind::Bibtex => from_bibtex(text),
        InputKind::CslJson => csl_json::from_csl_json(text),
        InputKind::Yaml => yaml::from_yaml(text),
    }
}

/// Reads a BibTeX or BibLaTeX file.
pub fn from_bibtex(text: &str) -> Result<Vec<Item>, ExportError> {
    let bib = Bibliography::parse(text).map_err(|e| {
        let (line, column) = line_column(text, e.span.start);
        ExportError::Parse {
            kind: "bibtex",
            line,
            column,
            message: e.kind.to_string(),
        }
    })?;
    bib.iter().map(|entry| bib_item(text, entry)).collect()
}

pub(crate) fn bib_item(text: &str, entry: &biblatex::Entry) -> Result<Item, ExportError> {
    let type_error = |field: &str, e: biblatex::TypeError| {
        let (line, column) = line_column(text, e.span.start);
        ExportError::Entry {
            kind: "bibtex",
            key: entry.key.clone(),
            message: format!("field `{field}` at {line}:{column}: {}", e.kind),
        }
    };
    // Text fields are read with their markup resolved: titles as CSL rich
    // text (`<i>`, `<span class="nocase">`), the others as plain text;
    // verbatim fields (`doi`, `url`) as written.
    let field = |name: &str| -> Option<String> {
        let chunks = entry.get(name)?;
        let value = if is_verbatim_field(name) {
            plain_text(chunks)
        } else {
            latex::read_plain(chunks, text)
        };
        Some(value).filter(|s| !s.is_empty())
    };
    let rich_field = |name: &str| -> Option<String> {
        let chunks = entry.get(name)?;
        Some(latex::read_rich(chunks, text)).filter(|s| !s.is_empty())
    };
    let persons = |name: &str| -> Result<(Vec<Name>, bool), ExportError> {
        match entry.get(name) {
            None => Ok((Vec::new(), false)),
            Some(chunks) => {
                let list: Vec<biblatex::Person> =
                    chunks.parse().map_err(|e| type_error(name, e))?;
                Ok(persons_and_others(&list))
            }
        }
    };

    let bib_type = entry.entry_type.to_string().to_ascii_lowercase();
    let url = field("url");
    let accessed = match entry.get("urldate") {
        Some(_) => date_of(entry.url_date().ok()),
        None => None,
    };
    let how = field("howpublished");
    let how_is_url = how.as_deref().is_some_and(|h| {
        let h = h.trim();
        h.starts_with("\\url") || url.as_deref() == Some(h) || h.starts_with("http")
    });
    let organization = field("organization");

    let kind = match bib_type.as_str() {
        "article" | "suppperiodical" => "article-journal",
        "book" | "mvbook" | "bookinbook" | "collection" | "mvcollection" | "proceedings"
        | "mvproceedings" | "reference" | "mvreference" => "book",
        "inbook" | "incollection" | "suppbook" | "suppcollection" => "chapter",
        "inreference" => "entry-encyclopedia",
        "inproceedings" | "conference" => "paper-conference",
        "phdthesis" | "mastersthesis" | "thesis" => "thesis",
        "techreport" | "report" | "manual" => "report",
        "unpublished" => "manuscript",
        "booklet" => "pamphlet",
        "online" | "electronic" | "www" => "webpage",
        "periodical" => "periodical",
        "dataset" => "dataset",
        "software" => "software",
        "patent" => "patent",
        "misc" if url.is_some() && (accessed.is_some() || organization.is_some()) => "webpage",
        _ => "document",
    };
    let web = kind == "webpage";

    let (author, author_et_al) = persons("author")?;
    let mut editor = Vec::new();
    let mut editor_et_al = false;
    if entry.get("editor").is_some() {
        let editors = entry.editors().map_err(|e| type_error("editor", e))?;
        for (list, role) in editors {
            if role == EditorType::Editor {
                let (names, others) = persons_and_others(&list);
                editor.extend(names);
                editor_et_al |= others;
            }
        }
    }

    let mut title = rich_field("title");
    if let (Some(t), Some(sub)) = (&title, rich_field("subtitle")) {
        title = Some(format!("{t}: {sub}"));
    }
    let mut container_title = rich_field("journaltitle")
        .or_else(|| rich_field("journal"))
        .or_else(|| rich_field("booktitle"));
    let mut publisher = field("publisher");
    let school = field("institution").or_else(|| field("school"));
    if publisher.is_none() {
        publisher = school;
    }
    if let Some(org) = organization {
        if web && container_title.is_none() {
            container_title = Some(org);
        } else if publisher.is_none() {
            publisher = Some(org);
        }
    }
    let mut note = rich_field("note");
    if let Some(how) = how.filter(|_| !how_is_url) {
        if container_title.is_none() {
            container_title = Some(how);
        } else {
            note = Some(match note {
                Some(n) => format!("{n}; {how}"),
                None => how,
            });
        }
    }

    let issued = match (entry.get("date"), entry.get("year")) {
        (None, None) => None,
        _ => match entry.date() {
            Ok(d) => date_of(Some(d)),
            Err(_) => field("year").or_else(|| field("date")).map(|lit| Date {
                literal: Some(lit),
                ..Date::default()
            }),
        },
    };

    let issued = issued.or_else(|| {
        field("pubstate").map(|state| Date {
            literal: Some(pubstate_text(&state)),
            ..Date::default()
        })
    });

    let pmid = field("pmid").or_else(|| {
        let is_pubmed = field("eprinttype").is_some_and(|t| t.eq_ignore_ascii_case("pubmed"));
        is_pubmed.then(|| field("eprint")).flatten()
    });

    let mut genre = field("type");
    if genre.is_none() && bib_type == "mastersthesis" {
        genre = Some("Master's thesis".into());
    }

    Ok(Item {
        id: entry.key.clone(),
        kind: kind.into(),
        author,
        editor,
        issued,
        accessed,
        title,
        container_title,
        collection_title: rich_field("series"),
        volume: field("volume"),
        issue: field("number").or_else(|| field("issue")),
        page: field("pages").map(|p| p.replace("--", "-").replace('–', "-")),
        edition: field("edition"),
        publisher,
        publisher_place: field("location").or_else(|| field("address")),
        doi: field("doi"),
        url,
        isbn: field("isbn"),
        issn: field("issn"),
        pmid,
        genre,
        note,
        custom: Custom {
            author_et_al,
            editor_et_al,
        },
    })
}

/// `inpress` → `in press`: BibLaTeX's publication states as words.
fn pubstate_text(state: &str) -> String {
    match state.trim().to_lowercase().as_str() {
        "inpress" => "in press".into(),
        "inpreparation" => "in preparation".into(),
        other => other.to_string(),
    }
}

/// The text of a field with braces and escapes resolved.
fn plain_text(chunks: &[Spanned<Chunk>]) -> String {
    chunks.format_verbatim().trim().to_string()
}

/// The names of a BibTeX name list, and whether it ends in `and others`
/// (BibTeX's mark for a list that goes on, which is no person).
fn persons_and_others(list: &[biblatex::Person]) -> (Vec<Name>, bool) {
    let is_others = |p: &biblatex::Person| {
        p.name.trim() == "others"
            && p.given_name.trim().is_empty()
            && p.prefix.trim().is_empty()
            && p.suffix.trim().is_empty()
    };
    let others = list.last().is_some_and(is_others);
    let names = list
        .iter()
        .filter(|p| !is_others(p))
        .map(person_to_name)
        .collect();
    (names, others)
}

fn person_to_name(p: &biblatex::Person) -> Name {
    let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let family = opt(&p.name);
    let given = opt(&p.given_name);
    let prefix = opt(&p.prefix);
    let suffix = opt(&p.suffix);
    // A braced name with spaces and nothing else (`{World Health
    // Organization}`) is corporate.
    if given.is_none() && prefix.is_none() && suffix.is_none() {
        if let Some(f) = &family {
            if f.contains(char::is_whitespace) {
                return Name::literal(f.clone());
            }
        }
    }
    Name {
        family,
        given,
        non_dropping_particle: prefix,
        suffix,
        literal: None,
    }
}

/// A CSL date from a `biblatex` date field (months and days there count from
/// zero); one that did not parse becomes a literal.
fn date_of(date: Option<PermissiveType<biblatex::Date>>) -> Option<Date> {
    match date? {
        PermissiveType::Typed(d) => {
            let parts = |t: biblatex::Datetime| {
                let mut p = vec![DatePart::Number(t.year.into())];
                if let Some(m) = t.month {
                    p.push(DatePart::Number(i64::from(m) + 1));
                    if let Some(day) = t.day {
                        p.push(DatePart::Number(i64::from(day) + 1));
                    }
                }
                p
            };
            let date_parts = match d.value {
                DateValue::At(t) | DateValue::After(t) | DateValue::Before(t) => vec![parts(t)],
                DateValue::Between(a, b) => vec![parts(a), parts(b)],
            };
            Some(Date {
                date_parts,
                ..Date::default()
            })
        }
        PermissiveType::Chunks(chunks) => Some(Date {
            literal: Some(plain_text(&chunks)),
            ..Date::default()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_from_extension() {
        assert_eq!(InputKind::from_path("a/refs.BIB"), Some(InputKind::Bibtex));
        assert_eq!(InputKind::from_path("x.json"), Some(InputKind::CslJson));
        assert_eq!(InputKind::from_path("x.yml"), Some(InputKind::Yaml));
        assert_eq!(InputKind::from_path("paper.txt"), None);
    }

    #[test]
    fn kind_from_content() {
        assert_eq!(InputKind::sniff("  [{\"id\": 1}]"), InputKind::CslJson);
        assert_eq!(
            InputKind::sniff("% refs\n@Article{a,\n}"),
            InputKind::Bibtex
        );
        assert_eq!(InputKind::sniff("key:\n  type: book\n"), InputKind::Yaml);
        assert_eq!(
            InputKind::sniff("key:\n  note: mail me @ home\n"),
            InputKind::Yaml
        );
    }

    #[test]
    fn reads_bibtex_fields() {
        let bib = r#"@article{li2008network,
  author = {Li, Hongyuan and van der Berg, Jan and {World Health Organization}},
  title = {On {CPU} R\&D},
  journal = {Administration and Law},
  year = {2008},
  month = aug,
  number = {08},
  pages = {361--394},
}"#;
        let items = from_bibtex(bib).unwrap();
        let it = &items[0];
        assert_eq!(it.id, "li2008network");
        assert_eq!(it.kind, "article-journal");
        assert_eq!(it.author[0], Name::person("Li", "Hongyuan"));
        assert_eq!(
            it.author[1].non_dropping_particle.as_deref(),
            Some("van der")
        );
        assert_eq!(
            it.author[2].literal.as_deref(),
            Some("World Health Organization")
        );
        assert_eq!(
            it.title.as_deref(),
            Some("On <span class=\"nocase\">CPU</span> R&D")
        );
        assert_eq!(it.issue.as_deref(), Some("08"));
        assert_eq!(it.page.as_deref(), Some("361-394"));
        assert_eq!(
            it.issued.as_ref().unwrap().date_parts,
            vec![vec![DatePart::Number(2008), DatePart::Number(8)]]
        );
    }

    #[test]
    fn bibtex_errors_have_positions() {
        let err = from_bibtex("@article{a,\n  title = {x},\n  year = {2008\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("malformed bibtex at "), "{msg}");
        let err = from_bibtex("@book{a, title={x}}\n@book{a, title={y}}").unwrap_err();
        assert!(err.to_string().contains("duplicate"), "{err}");
    }
}
