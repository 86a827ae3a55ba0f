//! hayagriva YAML, and the bridge between CSL items and hayagriva entries.
//!
//! hayagriva is the model for YAML and for CSL rendering. An [`Item`] becomes
//! a hayagriva entry the way hayagriva itself reads the matching BibLaTeX
//! entry: a journal article is an `article` whose parent `periodical` holds
//! the journal title, volume and issue; a chapter is an `anthos` in an
//! `anthology` (with the editors); a conference paper is an `article` in
//! `proceedings`; a series (`collection-title`) is a further parent.
//!
//! The entry is built as a serde value and deserialised by hayagriva, so
//! hayagriva's own parsers check every field. What hayagriva has no field
//! for is kept in `note`: a literal date (`in press`) and a URL that is not
//! an absolute URL.

use hayagriva::types::{ChunkKind, EntryType, FormatString, Person, QualifiedUrl};
use hayagriva::{Entry, Library};
use serde_json::{json, Map, Value};

use super::rich::{self, Node, Style};
use super::{ExportError, Format};
use crate::csl::{Custom, Date, DatePart, Item, Name};

/// What a hayagriva library is built for: the two differ only in how a list
/// that goes on (`et al.`) is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// YAML output: a last person `others`, as hayagriva reads BibTeX's
    /// `and others`.
    Yaml,
    /// CSL rendering: a last person [`ET_AL_SENTINEL`], which the renderer
    /// replaces with the style's `et al.` term.
    Render,
}

/// The family name of the stand-in person that marks a list that goes on
/// when rendering; letters only, so that no style's text case or
/// initialising changes more than its case.
pub const ET_AL_SENTINEL: &str = "Zqxcitelintetalzqx";

/// Writes `items` (which already have ids) as hayagriva YAML.
pub fn to_yaml(items: &[Item]) -> Result<String, ExportError> {
    let library = to_library(items, Purpose::Yaml)?;
    hayagriva::io::to_yaml_str(&library).map_err(|e| ExportError::Write {
        format: Format::Yaml,
        message: e.to_string(),
    })
}

/// hayagriva entries for `items`, keyed by their ids.
pub fn to_library(items: &[Item], purpose: Purpose) -> Result<Library, ExportError> {
    let mut library = Library::new();
    for item in items {
        // One entry at a time: hayagriva deserialises whole libraries only,
        // and a JSON map would lose the order of the items.
        let mut map = Map::new();
        map.insert(item.id.clone(), entry_value(item, purpose));
        let one: Library =
            serde_json::from_value(Value::Object(map)).map_err(|e| ExportError::Write {
                format: Format::Yaml,
                message: format!("entry `{}`: {e}", item.id),
            })?;
        for entry in one.iter() {
            library.push(entry);
        }
    }
    Ok(library)
}

/// hayagriva's entry type, and the type of the parent that holds the
/// container title (if the item has one).
fn hayagriva_types(kind: &str) -> (&'static str, Option<&'static str>) {
    match kind {
        "article-journal" | "article" | "article-magazine" | "review" | "review-book" => {
            ("article", Some("periodical"))
        }
        "article-newspaper" => ("article", Some("newspaper")),
        "chapter" => ("chapter", Some("book")),
        "entry" | "entry-dictionary" | "entry-encyclopedia" => ("entry", Some("reference")),
        "paper-conference" => ("article", Some("proceedings")),
        "book" | "classic" | "collection" => ("book", None),
        "thesis" => ("thesis", None),
        "report" => ("report", None),
        "webpage" => ("web", Some("web")),
        "post" | "post-weblog" => ("post", Some("blog")),
        "dataset" | "software" => ("repository", None),
        "patent" => ("patent", None),
        "manuscript" => ("manuscript", None),
        "periodical" => ("periodical", None),
        "legislation" | "bill" | "regulation" | "treaty" => ("legislation", None),
        "legal_case" => ("case", None),
        "motion_picture" | "broadcast" => ("video", None),
        "song" => ("audio", None),
        "graphic" | "figure" | "map" => ("artwork", None),
        "speech" | "performance" | "event" => ("performance", None),
        _ => ("misc", None),
    }
}

fn person_value(name: &Name) -> Value {
    let mut m = Map::new();
    let family = name
        .family
        .clone()
        .or_else(|| name.literal.clone())
        .or_else(|| name.given.clone())
        .unwrap_or_default();
    m.insert("name".into(), json!(family));
    if name.family.is_some() {
        if let Some(g) = &name.given {
            m.insert("given-name".into(), json!(g));
        }
    }
    if let Some(p) = &name.non_dropping_particle {
        m.insert("prefix".into(), json!(p));
    }
    if let Some(s) = &name.suffix {
        m.insert("suffix".into(), json!(s));
    }
    Value::Object(m)
}

fn part_number(p: &DatePart) -> Option<i64> {
    match p {
        DatePart::Number(n) => Some(*n),
        DatePart::Text(s) => s.trim().parse().ok(),
    }
}

/// `2008`, `2008-08`, `2008-08-15` for hayagriva's date parser; `None` for a
/// literal date.
fn date_string(date: &Date) -> Option<String> {
    let parts: Vec<i64> = date
        .date_parts
        .first()?
        .iter()
        .map_while(part_number)
        .collect();
    let ok_month = |m: i64| (1..=12).contains(&m);
    let ok_day = |d: i64| (1..=31).contains(&d);
    let text = match parts.as_slice() {
        [] => return None,
        [y, m, d, ..] if ok_month(*m) && ok_day(*d) => format!("{y:04}-{m:02}-{d:02}"),
        [y, m, ..] if ok_month(*m) => format!("{y:04}-{m:02}"),
        [y, ..] => format!("{y:04}"),
    };
    // Only what hayagriva's own parser accepts (it rejects, say, 5-digit
    // years); the rest is kept as text in `note`.
    text.parse::<hayagriva::types::Date>()
        .is_ok()
        .then_some(text)
}

/// A date as text, for `note`, when hayagriva cannot hold it as a date.
fn date_text(date: &Date) -> Option<String> {
    date.literal
        .clone()
        .or_else(|| date.raw.clone())
        .or_else(|| {
            let parts: Vec<String> = date
                .date_parts
                .first()?
                .iter()
                .map(|p| match p {
                    DatePart::Number(n) => n.to_string(),
                    DatePart::Text(s) => s.clone(),
                })
                .collect();
            Some(parts.join("-")).filter(|s| !s.is_empty())
        })
}

/// The persons of a name list, with the mark of a list that goes on.
fn persons_value(list: &[Name], et_al: bool, purpose: Purpose) -> Value {
    let mut persons: Vec<Value> = list.iter().map(person_value).collect();
    if et_al {
        persons.push(json!({"name": match purpose {
            Purpose::Yaml => "others",
            Purpose::Render => ET_AL_SENTINEL,
        }}));
    }
    Value::Array(persons)
}

/// The hayagriva YAML value of one item.
fn entry_value(item: &Item, purpose: Purpose) -> Value {
    let (ty, parent_ty) = hayagriva_types(&item.kind);
    let mut entry = Map::new();
    let mut parent = Map::new();
    let mut notes: Vec<String> = Vec::new();
    let has_parent = parent_ty.is_some() && item.container_title.is_some();
    // Text fields are hayagriva format strings, where `{…}`, `$…$` and `\`
    // are markup: escape them so the text comes back as written.
    let set = |m: &mut Map<String, Value>, k: &str, v: &Option<String>| {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            m.insert(k.into(), json!(format_string(v)));
        }
    };
    let set_plain = |m: &mut Map<String, Value>, k: &str, v: &Option<String>| {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            m.insert(k.into(), json!(v));
        }
    };

    entry.insert("type".into(), json!(ty));
    set(&mut entry, "title", &item.title);
    if !item.author.is_empty() {
        let authors = persons_value(&item.author, item.custom.author_et_al, purpose);
        entry.insert("author".into(), authors);
    }
    if !item.editor.is_empty() {
        let editors = persons_value(&item.editor, item.custom.editor_et_al, purpose);
        if has_parent
            && matches!(ty, "anthos" | "entry" | "article")
            && parent_ty != Some("periodical")
        {
            parent.insert("editor".into(), editors);
        } else {
            entry.insert("editor".into(), editors);
        }
    }
    if let Some(date) = &item.issued {
        match date_string(date) {
            Some(d) => {
                entry.insert("date".into(), json!(d));
            }
            None => notes.extend(date_text(date)),
        }
    }
    set_plain(&mut entry, "page-range", &item.page);
    set(&mut entry, "genre", &item.genre);

    // Volume, issue, edition and publisher describe the container when there
    // is one (the journal, the book a chapter is in).
    let holder = if has_parent { &mut parent } else { &mut entry };
    set_plain(holder, "volume", &item.volume);
    // A report's or patent's number is its serial number, not an issue.
    let numbered = matches!(item.kind.as_str(), "report" | "patent" | "standard");
    if !numbered {
        set_plain(holder, "issue", &item.issue);
    }
    set_plain(holder, "edition", &item.edition);
    let publisher = item.publisher.as_deref().map(format_string);
    let place = item.publisher_place.as_deref().map(format_string);
    match (publisher, place) {
        (Some(name), Some(place)) => {
            holder.insert("publisher".into(), json!({"name": name, "location": place}));
        }
        (Some(name), None) => {
            holder.insert("publisher".into(), json!(name));
        }
        (None, Some(place)) => {
            holder.insert("location".into(), json!(place));
        }
        (None, None) => {}
    }

    let mut serial = Map::new();
    let mut serial_set = |k: &str, v: &Option<String>| {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            serial.insert(k.into(), json!(v));
        }
    };
    serial_set("doi", &item.doi);
    serial_set("isbn", &item.isbn);
    serial_set("issn", &item.issn);
    serial_set("pmid", &item.pmid);
    if numbered {
        serial_set("serial", &item.issue);
    }
    if !serial.is_empty() {
        entry.insert("serial-number".into(), Value::Object(serial));
    }

    // hayagriva keeps an access date only with a URL.
    let mut accessed_placed = false;
    if let Some(url) = item.url.as_deref().filter(|u| !u.trim().is_empty()) {
        let url = url.trim();
        if url.parse::<QualifiedUrl>().is_ok() {
            let visited = item.accessed.as_ref().and_then(date_string);
            accessed_placed = visited.is_some();
            entry.insert(
                "url".into(),
                match visited {
                    Some(d) => json!({"value": url, "date": d}),
                    None => json!(url),
                },
            );
        } else {
            notes.push(url.to_string());
        }
    }
    if !accessed_placed {
        if let Some(d) = item.accessed.as_ref().and_then(date_text) {
            notes.push(format!("accessed {d}"));
        }
    }

    if let Some(note) = item.note.as_deref().filter(|n| !n.trim().is_empty()) {
        notes.insert(0, note.to_string());
    }
    if !notes.is_empty() {
        entry.insert("note".into(), json!(format_string(&notes.join("; "))));
    }

    if has_parent {
        parent.insert("type".into(), json!(parent_ty));
        set(&mut parent, "title", &item.container_title);
    } else if let Some(container) = &item.container_title {
        // No usual place for a container: keep it as a generic parent.
        parent.insert("type".into(), json!("misc"));
        parent.insert("title".into(), json!(format_string(container)));
    }
    if let Some(series) = item
        .collection_title
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        let (node, node_ty) = if parent.is_empty() {
            (&mut entry, ty)
        } else {
            let t = parent.get("type").and_then(Value::as_str).unwrap_or("misc");
            let t = hayagriva_type_name(t);
            (&mut parent, t)
        };
        node.insert(
            "parent".into(),
            json!({"type": node_ty, "title": format_string(series)}),
        );
    }
    if !parent.is_empty() {
        entry.insert("parent".into(), Value::Object(parent));
    }
    Value::Object(entry)
}

/// CSL rich text as a hayagriva format string: case protection
/// (`<span class="nocase">`) as hayagriva's `{…}`, other styles as plain
/// text (hayagriva has no markup for them), and `{`, `}`, `$` and `\` in
/// the text escaped.
fn format_string(text: &str) -> String {
    fn write(nodes: &[Node], out: &mut String) {
        for node in nodes {
            match node {
                Node::Text(t) => escape_into(t, out),
                Node::Styled(Style::NoCase, children) => {
                    out.push('{');
                    escape_into(&rich::nodes_text(children), out);
                    out.push('}');
                }
                Node::Styled(_, children) => write(children, out),
            }
        }
    }
    fn escape_into(text: &str, out: &mut String) {
        for c in text.chars() {
            if matches!(c, '{' | '}' | '$' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    let mut out = String::with_capacity(text.len());
    write(&rich::parse(text), &mut out);
    out
}

/// A hayagriva format string as CSL rich text: its `{…}` (verbatim) and
/// `$…$` (math) chunks become case-protected spans.
fn rich_text(value: &FormatString) -> String {
    let nodes: Vec<Node> = value
        .value
        .0
        .iter()
        .map(|chunk| match chunk.kind {
            ChunkKind::Normal => Node::Text(chunk.value.clone()),
            ChunkKind::Verbatim => {
                Node::Styled(Style::NoCase, vec![Node::Text(chunk.value.clone())])
            }
            ChunkKind::Math => Node::Styled(
                Style::NoCase,
                vec![Node::Text(format!("${}$", chunk.value))],
            ),
        })
        .collect();
    rich::to_html(&rich::merge_text(nodes))
}

fn hayagriva_type_name(t: &str) -> &'static str {
    match t {
        "periodical" => "periodical",
        "newspaper" => "newspaper",
        "anthology" => "anthology",
        "book" => "book",
        "reference" => "reference",
        "proceedings" => "proceedings",
        "web" => "web",
        "blog" => "blog",
        _ => "misc",
    }
}

/// Reads hayagriva YAML into items.
pub fn from_yaml(text: &str) -> Result<Vec<Item>, ExportError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let library = hayagriva::io::from_yaml_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        ExportError::Parse {
            kind: "yaml",
            line,
            column,
            message,
        }
    })?;
    Ok(library.iter().map(item_from_entry).collect())
}

/// The CSL item of one hayagriva entry.
pub fn item_from_entry(entry: &Entry) -> Item {
    let parent = entry.parents().first();
    let kind = csl_kind(entry);
    let text = |f: Option<&FormatString>| f.map(rich_text);
    let num = |n: Option<&hayagriva::types::MaybeTyped<hayagriva::types::Numeric>>| {
        n.map(|n| match n {
            hayagriva::types::MaybeTyped::Typed(n) => n.to_string(),
            hayagriva::types::MaybeTyped::String(s) => s.clone(),
        })
    };
    // A field of the entry, or else of its first parent.
    macro_rules! either {
        ($getter:ident) => {
            entry.$getter().or_else(|| parent.and_then(|p| p.$getter()))
        };
    }
    let publisher = either!(publisher);
    // The first parent is the container (journal, book, proceedings) when it
    // has the type this kind of item is published in, or any type other than
    // the item's own; a parent of the item's own type is its series.
    let (_, container_type) = hayagriva_types(kind);
    let parent_type = parent.map(|p| type_name(p.entry_type()));
    let is_container = parent.is_some()
        && (container_type.is_some() && container_type == parent_type.as_deref()
            || parent.map(|p| p.entry_type()) != Some(entry.entry_type()));
    let (container, series) = match parent {
        Some(p) if is_container => (p.title(), p.parents().first().and_then(|s| s.title())),
        Some(p) => (None, p.title()),
        None => (None, None),
    };
    let mut editors = names_of(entry.editors().unwrap_or_default());
    if editors.0.is_empty() {
        if let Some(p) = parent {
            editors = names_of(p.editors().unwrap_or_default());
        }
    }
    let (editor, editor_et_al) = editors;
    let (author, author_et_al) = names_of(entry.authors().unwrap_or_default());

    Item {
        id: entry.key().to_string(),
        kind: kind.into(),
        author,
        editor,
        issued: either!(date).map(|d| csl_date(*d)),
        accessed: entry.url().and_then(|u| u.visit_date).map(csl_date),
        title: text(entry.title()),
        container_title: text(container),
        collection_title: text(series),
        volume: num(either!(volume)),
        issue: num(either!(issue)).or_else(|| {
            entry
                .serial_number()
                .and_then(|s| s.0.get("serial"))
                .cloned()
        }),
        page: entry.page_range().map(|p| match p {
            hayagriva::types::MaybeTyped::Typed(p) => p.to_string(),
            hayagriva::types::MaybeTyped::String(s) => s.clone(),
        }),
        edition: num(either!(edition)),
        publisher: text(publisher.and_then(|p| p.name())),
        publisher_place: text(
            publisher
                .and_then(|p| p.location())
                .or_else(|| either!(location)),
        ),
        doi: entry.doi().map(str::to_string),
        url: entry.url().map(|u| u.value.to_string()),
        isbn: entry.isbn().map(str::to_string),
        issn: entry
            .issn()
            .or_else(|| parent.and_then(|p| p.issn()))
            .map(str::to_string),
        pmid: entry.pmid().map(str::to_string),
        genre: text(entry.genre()),
        note: text(entry.note()),
        custom: Custom {
            author_et_al,
            editor_et_al,
        },
    }
}

/// hayagriva's name of an entry type (`periodical`).
fn type_name(ty: &EntryType) -> String {
    serde_json::to_value(ty)
        .ok()
        .and_then(|v| v.as_str().map(str::to_lowercase))
        .unwrap_or_default()
}

fn csl_kind(entry: &Entry) -> &'static str {
    let parent = entry.parents().first().map(|p| *p.entry_type());
    match (entry.entry_type(), parent) {
        (EntryType::Article, Some(EntryType::Proceedings | EntryType::Conference)) => {
            "paper-conference"
        }
        (EntryType::Article, Some(EntryType::Newspaper)) => "article-newspaper",
        (EntryType::Article, Some(EntryType::Web | EntryType::Blog)) => "post-weblog",
        (EntryType::Article, _) => "article-journal",
        (EntryType::Anthos | EntryType::Chapter, _) => "chapter",
        (EntryType::Entry, _) => "entry-encyclopedia",
        (EntryType::Book | EntryType::Anthology | EntryType::Proceedings, _) => "book",
        (EntryType::Thesis, _) => "thesis",
        (EntryType::Report, _) => "report",
        (EntryType::Web, _) => "webpage",
        (EntryType::Post, _) => "post",
        (EntryType::Repository, _) => "dataset",
        (EntryType::Patent, _) => "patent",
        (EntryType::Manuscript, _) => "manuscript",
        (EntryType::Periodical, _) => "periodical",
        (EntryType::Legislation, _) => "legislation",
        (EntryType::Case, _) => "legal_case",
        (EntryType::Video, _) => "motion_picture",
        (EntryType::Audio, _) => "song",
        (EntryType::Artwork, _) => "graphic",
        (EntryType::Performance, _) => "performance",
        (EntryType::Reference, _) => "book",
        _ => "document",
    }
}

/// The names of a hayagriva person list, and whether it ends in a person
/// `others` (a list that goes on, as hayagriva reads BibTeX `and others`).
fn names_of(list: &[Person]) -> (Vec<Name>, bool) {
    let is_others = |p: &Person| {
        p.name == "others" && p.given_name.is_none() && p.prefix.is_none() && p.suffix.is_none()
    };
    let others = list.last().is_some_and(is_others);
    let end = list.len() - usize::from(others);
    (list[..end].iter().map(name_of).collect(), others)
}

fn name_of(p: &Person) -> Name {
    let given = p.given_name.clone().filter(|g| !g.is_empty());
    let particle = p.prefix.clone().filter(|g| !g.is_empty());
    if given.is_none()
        && particle.is_none()
        && p.suffix.is_none()
        && p.name.contains(char::is_whitespace)
    {
        return Name::literal(p.name.clone());
    }
    Name {
        family: Some(p.name.clone()),
        given,
        non_dropping_particle: particle,
        suffix: p.suffix.clone(),
        literal: None,
    }
}

/// hayagriva months and days count from zero.
fn csl_date(d: hayagriva::types::Date) -> Date {
    let mut parts = vec![DatePart::Number(d.year.into())];
    if let Some(m) = d.month {
        parts.push(DatePart::Number(i64::from(m) + 1));
        if let Some(day) = d.day {
            parts.push(DatePart::Number(i64::from(day) + 1));
        }
    }
    Date {
        date_parts: vec![parts],
        ..Date::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Item {
        Item {
            id: "li2008network".into(),
            kind: "article-journal".into(),
            author: vec![Name::person("Li", "Hongyuan")],
            issued: Some(Date {
                date_parts: vec![vec![DatePart::Number(2008), DatePart::Number(8)]],
                ..Date::default()
            }),
            title: Some("On Network Sovereignty".into()),
            container_title: Some("Administration and Law".into()),
            volume: Some("3".into()),
            issue: Some("8".into()),
            page: Some("1-9".into()),
            doi: Some("10.1000/xyz".into()),
            ..Item::default()
        }
    }

    #[test]
    fn article_round_trips_through_hayagriva() {
        let item = article();
        let yaml = to_yaml(std::slice::from_ref(&item)).unwrap();
        assert!(yaml.contains("type: periodical"), "{yaml}");
        let back = from_yaml(&yaml).unwrap();
        assert_eq!(back, vec![item]);
    }

    #[test]
    fn yaml_errors_have_positions() {
        let err = from_yaml("a:\n  type: article\n  title: [x\n").unwrap_err();
        assert!(err.to_string().starts_with("malformed yaml at "), "{err}");
        let err = from_yaml("a:\n  title: no type\n").unwrap_err();
        assert!(err.to_string().contains("type"), "{err}");
    }
}
