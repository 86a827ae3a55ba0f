//! Structured items from the gold records of the dev data: the fields of a
//! labelled reference string, of a paper's reference, or of CSL metadata.
//! What the generator renders.

use serde_json::Value;

use crate::csl::{Date, Item, Name};
use crate::refparse::fields::{clean, infer_type, parse_date, strip_in};
use crate::refparse::names::{is_cjk, split_names};

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A field value with the style's dressing removed: enclosing quotes and
/// punctuation, a leading label (`Vol.`, `pp.`, `No.`).
fn value(v: &Value, key: &str, prefixes: &[&str]) -> Option<String> {
    let mut s = clean(text(v, key)?, true);
    for p in prefixes {
        if s.len() > p.len() && s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)) {
            s = s[p.len()..].trim_start_matches(['.', ' ']).to_string();
            break;
        }
    }
    let s = clean(&s, true);
    (!s.is_empty()).then_some(s)
}

/// The names of a gold name-list string (`["Smith, J., & Lee, K."]`) or of a
/// list of strings or of `{family, given}` objects.
fn names(v: Option<&Value>) -> (Vec<Name>, bool) {
    let Some(v) = v else {
        return (Vec::new(), false);
    };
    let Some(list) = v.as_array() else {
        return (Vec::new(), false);
    };
    let mut out = Vec::new();
    let mut et_al = false;
    for n in list {
        if let Some(s) = n.as_str() {
            let split = split_names(s);
            et_al |= split.et_al;
            out.extend(split.names);
        } else if n.is_object() {
            let family = text(n, "family").or_else(|| text(n, "literal"));
            let Some(family) = family else { continue };
            out.push(Name {
                family: Some(family.to_string()),
                given: text(n, "given").map(str::to_string),
                ..Name::default()
            });
        }
    }
    (out, et_al)
}

/// A person given as one display string (`Peyton Z. Peebles`, `陈登原`):
/// CJK names and one-word names stay whole, others split at the last space.
fn display_name(s: &str) -> Name {
    let s = s.trim();
    if s.chars().any(is_cjk) || !s.contains(' ') {
        return Name {
            family: Some(s.to_string()),
            ..Name::default()
        };
    }
    let (given, family) = s.rsplit_once(' ').unwrap_or(("", s));
    Name {
        family: Some(family.to_string()),
        given: Some(given.to_string()).filter(|g| !g.is_empty()),
        ..Name::default()
    }
}

/// `12(3)` as volume 12, issue 3.
fn split_volume(vol: String) -> (String, Option<String>) {
    if let Some(open) = vol.find('(') {
        if vol.ends_with(')') && open > 0 {
            let issue = vol[open + 1..vol.len() - 1].trim().to_string();
            return (vol[..open].trim().to_string(), Some(issue));
        }
    }
    (vol, None)
}

fn year_date(v: &Value) -> Option<Date> {
    let raw = text(v, "year").or_else(|| text(v, "date"))?;
    let d = parse_date(raw)?;
    d.year_value().map(Date::year)
}

/// The item of a labelled reference string's gold `fields` (the
/// `refstrings/*.jsonl` records with `spans`). `None` when it holds neither
/// a title nor a container.
pub fn from_refstring(f: &Value) -> Option<Item> {
    let (author, author_et_al) = names(f.get("author"));
    let (editor, _) = names(f.get("editor"));
    let mut item = Item {
        author,
        editor,
        title: value(f, "title", &[]),
        container_title: value(f, "container", &[]).map(strip_in),
        collection_title: value(f, "collection", &[]),
        publisher: value(f, "publisher", &[]).or_else(|| value(f, "institution", &[])),
        publisher_place: value(f, "location", &[]).or_else(|| value(f, "pubplace", &[])),
        page: value(f, "pages", &["pages", "pp", "p"]),
        edition: value(f, "edition", &[]),
        doi: value(f, "doi", &["doi:", "doi"]),
        url: text(f, "url").map(str::to_string),
        isbn: value(f, "isbn", &["isbn"]),
        genre: value(f, "genre", &[]),
        issued: year_date(f),
        ..Item::default()
    };
    item.custom.author_et_al = author_et_al;
    if let Some(vol) = value(f, "volume", &["volume", "vol"]) {
        let (vol, issue) = split_volume(vol);
        item.volume = Some(vol);
        item.issue = issue;
    }
    if let Some(issue) = value(f, "issue", &["no", "issue", "nr"]) {
        item.issue = Some(issue);
    }
    if item.title.is_none() && item.container_title.is_none() {
        return None;
    }
    let institution = f.get("institution").is_some();
    item.kind = match text(f, "container_type") {
        Some("journal") => "article-journal".into(),
        Some("booktitle") if !item.editor.is_empty() || item.publisher.is_some() => {
            "chapter".into()
        }
        Some("booktitle") => "paper-conference".into(),
        _ => infer_type(&item, institution).into(),
    };
    Some(item)
}

/// The item of one `refstrings` record: its labelled fields, or its CSL
/// metadata when it has no spans (the GB/T set).
pub fn from_record(record: &Value) -> Option<Item> {
    if record.get("spans").is_some() {
        from_refstring(&record["fields"])
    } else {
        from_metadata(&record["fields"])
    }
}

/// The item of a dev paper's gold reference (`citegold/1` `fields`).
pub fn from_paper(f: &Value) -> Option<Item> {
    let (author, _) = names(f.get("author"));
    let (editor, _) = names(f.get("editor"));
    let page = match (text(f, "fpage"), text(f, "lpage")) {
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        (Some(a), None) => Some(a.to_string()),
        _ => text(f, "elocation")
            .or_else(|| text(f, "pages"))
            .map(str::to_string),
    };
    let mut item = Item {
        author,
        editor,
        title: value(f, "title", &[]),
        container_title: value(f, "container", &[]).or_else(|| value(f, "conference", &[])),
        publisher: value(f, "publisher", &[]),
        publisher_place: value(f, "location", &[]),
        volume: value(f, "volume", &[]),
        issue: value(f, "issue", &[]),
        page,
        edition: value(f, "edition", &[]),
        doi: text(f, "doi").map(str::to_string),
        url: text(f, "url").map(str::to_string),
        issued: year_date(f),
        ..Item::default()
    };
    item.custom.author_et_al = f.get("etal").and_then(Value::as_bool).unwrap_or(false);
    if item.title.is_none() && item.container_title.is_none() {
        return None;
    }
    item.kind = match text(f, "type") {
        Some("journal") => "article-journal".into(),
        Some("book") if item.container_title.is_some() => "chapter".into(),
        Some("book") => "book".into(),
        Some("web" | "website") => "webpage".into(),
        Some("confproc") => "paper-conference".into(),
        Some("preprint") => "article".into(),
        _ => infer_type(&item, false).into(),
    };
    Some(item)
}

/// The item of CSL-like metadata (the GB/T set: `type`, `author` as display
/// strings, `location`, `page` in `note`).
pub fn from_metadata(f: &Value) -> Option<Item> {
    let people = |key: &str| -> Vec<Name> {
        f.get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(display_name)
                    .collect()
            })
            .unwrap_or_default()
    };
    let page = text(f, "pages").map(str::to_string).or_else(|| {
        text(f, "note")
            .and_then(|n| n.strip_prefix("page:"))
            .map(|p| p.trim().to_string())
    });
    let item = Item {
        kind: text(f, "type").unwrap_or("book").to_string(),
        author: people("author"),
        editor: people("editor"),
        title: text(f, "title").map(str::to_string),
        container_title: text(f, "container").map(str::to_string),
        publisher: text(f, "publisher").map(str::to_string),
        publisher_place: text(f, "location").map(str::to_string),
        volume: text(f, "volume").map(str::to_string),
        issue: text(f, "issue").map(str::to_string),
        page,
        edition: text(f, "edition").map(str::to_string),
        doi: text(f, "doi").map(str::to_string),
        url: text(f, "url").map(str::to_string),
        issued: year_date(f),
        ..Item::default()
    };
    (item.title.is_some()).then_some(item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn refstring_fields_lose_their_dressing() {
        let f = json!({
            "author": ["Sano, Y., Kataoka, Y. and Wada, M."],
            "title": "\u{201c}The evaluation of the blood circulation,\u{201d}",
            "container": "In Proc. of the Journal of Science of Labour",
            "volume": "Vol. 61(2)", "pages": "pp. 129--143", "year": "1985",
            "container_type": "journal"
        });
        let it = from_refstring(&f).unwrap();
        assert_eq!(it.author.len(), 3);
        assert_eq!(it.author[2].family.as_deref(), Some("Wada"));
        assert_eq!(
            it.title.as_deref(),
            Some("The evaluation of the blood circulation")
        );
        assert_eq!(
            it.container_title.as_deref(),
            Some("Proc. of the Journal of Science of Labour")
        );
        assert_eq!(
            (
                it.volume.as_deref(),
                it.issue.as_deref(),
                it.page.as_deref()
            ),
            (Some("61"), Some("2"), Some("129--143"))
        );
        assert_eq!(it.year(), Some(1985));
        assert_eq!(it.kind, "article-journal");
    }

    #[test]
    fn paper_fields_make_a_page_range() {
        let f = json!({"type": "journal", "author": [{"family": "Kats", "given": "LB"}],
            "title": "T", "container": "J Exp Biol", "year": "2007", "fpage": "3", "lpage": "9"});
        let it = from_paper(&f).unwrap();
        assert_eq!(it.page.as_deref(), Some("3–9"));
        assert_eq!(it.author[0].given.as_deref(), Some("LB"));
    }

    #[test]
    fn metadata_names_split_at_the_last_space() {
        let f = json!({"type": "book", "author": ["Peyton Z. Peebles", "陈登原"], "title": "T",
            "note": "page: 29", "year": "2001"});
        let it = from_metadata(&f).unwrap();
        assert_eq!(it.author[0].family.as_deref(), Some("Peebles"));
        assert_eq!(it.author[0].given.as_deref(), Some("Peyton Z."));
        assert_eq!(it.author[1].family.as_deref(), Some("陈登原"));
        assert_eq!(it.page.as_deref(), Some("29"));
        assert!(from_refstring(&json!({"author": ["A B"]})).is_none());
        // a value whose label-length prefix ends inside a character
        let it = from_refstring(&json!({"title": "T", "pages": "4894–4899"})).unwrap();
        assert_eq!(it.page.as_deref(), Some("4894–4899"));
    }
}
