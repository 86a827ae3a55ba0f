//! CSL-JSON: writing valid items, and reading what other tools write.
//!
//! Writing serialises [`Item`] after a few repairs that keep the output valid
//! against the official `csl-data.json` schema: every item has an `id`; a
//! `type` outside the CSL list becomes `document` (the original goes to
//! `genre` when that is free); empty date parts are dropped.
//!
//! Reading accepts the variants found in the wild: numbers where the schema
//! allows strings (`"volume": 12`), date parts as strings (`[["2008", "8"]]`),
//! EDTF date strings (`"issued": "2008-08"`), a name given as a plain string,
//! and a single object instead of an array. Fields that citelint's model has
//! no place for are skipped (in `custom`, all but citelint's own
//! `author-et-al` and `editor-et-al`). A last name that only says the list
//! goes on (`{"literal": "others"}`, as pandoc writes BibTeX's `and others`,
//! or `{"literal": "et al."}`) is read as that, not as a person.

use serde_json::{Map, Value};

use super::{line_column, ExportError, Format};
use crate::csl::{Custom, Date, DatePart, Item, Name};

/// Item types allowed by the CSL-JSON schema.
pub const CSL_TYPES: &[&str] = &[
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
];

/// Writes `items` (which already have ids) as a pretty CSL-JSON array.
pub fn to_csl_json(items: &[Item]) -> Result<String, ExportError> {
    let items: Vec<Item> = items.iter().map(schema_clean).collect();
    let mut out = serde_json::to_string_pretty(&items).map_err(|e| ExportError::Write {
        format: Format::CslJson,
        message: e.to_string(),
    })?;
    out.push('\n');
    Ok(out)
}

/// A copy of `item` that the CSL-JSON schema accepts.
pub fn schema_clean(item: &Item) -> Item {
    let mut item = item.clone();
    if !CSL_TYPES.contains(&item.kind.as_str()) {
        if item.genre.is_none() && !item.kind.trim().is_empty() {
            item.genre = Some(item.kind.clone());
        }
        item.kind = "document".into();
    }
    item.issued = item.issued.take().and_then(clean_date);
    item.accessed = item.accessed.take().and_then(clean_date);
    item
}

fn clean_date(mut date: Date) -> Option<Date> {
    date.date_parts.retain(|p| !p.is_empty());
    for parts in &mut date.date_parts {
        parts.truncate(3);
    }
    date.date_parts.truncate(2);
    let empty = date.date_parts.is_empty() && date.literal.is_none() && date.raw.is_none();
    (!empty).then_some(date)
}

/// Reads a CSL-JSON array (or a single item object).
pub fn from_csl_json(text: &str) -> Result<Vec<Item>, ExportError> {
    let parse_error = |e: serde_json::Error| ExportError::Parse {
        kind: "csl-json",
        line: e.line().max(1),
        column: e.column().max(1),
        message: strip_position(&e.to_string()),
    };
    let trimmed = text.trim_start();
    let objects: Vec<Map<String, Value>> = if trimmed.starts_with('{') {
        vec![serde_json::from_str(text).map_err(parse_error)?]
    } else if trimmed.starts_with('[') {
        serde_json::from_str(text).map_err(parse_error)?
    } else {
        let (line, column) = line_column(text, text.len() - trimmed.len());
        return Err(ExportError::Parse {
            kind: "csl-json",
            line,
            column,
            message: "expected a JSON array of CSL items".into(),
        });
    };
    objects
        .iter()
        .enumerate()
        .map(|(i, obj)| item_from_map(obj, i + 1))
        .collect()
}

/// serde_json appends ` at line L column C`; the error carries them already.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

pub(crate) fn item_from_map(
    obj: &Map<String, Value>,
    position: usize,
) -> Result<Item, ExportError> {
    let key = obj
        .get("id")
        .and_then(scalar_string)
        .unwrap_or_else(|| format!("#{position}"));
    let bad = |field: &str, what: &str| ExportError::Entry {
        kind: "csl-json",
        key: key.clone(),
        message: format!("`{field}` {what}"),
    };
    let text = |field: &str| -> Result<Option<String>, ExportError> {
        match obj.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => scalar_string(v)
                .map(Some)
                .ok_or_else(|| bad(field, "must be a string or a number")),
        }
    };
    let names = |field: &str| -> Result<Vec<Name>, ExportError> {
        match obj.get(field) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(list)) => list
                .iter()
                .map(|v| {
                    name_from_value(v)
                        .ok_or_else(|| bad(field, "holds a name that is not an object"))
                })
                .collect(),
            Some(_) => Err(bad(field, "must be a list of names")),
        }
    };
    let date = |field: &str| -> Result<Option<Date>, ExportError> {
        match obj.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => date_from_value(v)
                .map(Some)
                .ok_or_else(|| bad(field, "is not a CSL date")),
        }
    };

    let kind = match obj.get("type") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(_) => return Err(bad("type", "must be a non-empty string")),
        None => return Err(bad("type", "is missing")),
    };

    let custom = obj.get("custom").and_then(Value::as_object);
    let flag = |key: &str| custom.and_then(|c| c.get(key)).and_then(Value::as_bool);
    let (author, author_others) = cut_et_al(names("author")?);
    let (editor, editor_others) = cut_et_al(names("editor")?);

    Ok(Item {
        id: text("id")?.unwrap_or_default(),
        kind,
        author,
        editor,
        issued: date("issued")?,
        accessed: date("accessed")?,
        title: text("title")?,
        container_title: text("container-title")?,
        collection_title: text("collection-title")?,
        volume: text("volume")?,
        issue: text("issue")?.map_or_else(|| text("number"), |v| Ok(Some(v)))?,
        page: text("page")?,
        edition: text("edition")?,
        publisher: text("publisher")?,
        publisher_place: text("publisher-place")?,
        doi: text("DOI")?,
        url: text("URL")?,
        isbn: text("ISBN")?,
        issn: text("ISSN")?,
        pmid: text("PMID")?,
        genre: text("genre")?,
        note: text("note")?,
        custom: Custom {
            author_et_al: flag("author-et-al").unwrap_or(false) || author_others,
            editor_et_al: flag("editor-et-al").unwrap_or(false) || editor_others,
        },
    })
}

/// A name list without a last pseudo-name that says the list goes on, and
/// whether it had one: `{"literal": "others"}` (pandoc's reading of BibTeX
/// `and others`), `{"family": "others"}`, `{"literal": "et al."}`.
fn cut_et_al(mut names: Vec<Name>) -> (Vec<Name>, bool) {
    let marks_more = |n: &Name| {
        let whole = match (&n.literal, &n.family, &n.given) {
            (Some(l), None, None) => l,
            (None, Some(f), None) if n.non_dropping_particle.is_none() => f,
            _ => return false,
        };
        let word: String = whole
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        matches!(word.as_str(), "others" | "etal" | "等")
    };
    let cut = names.last().is_some_and(marks_more);
    if cut {
        names.pop();
    }
    (names, cut)
}

/// A string, or a number or boolean written as a string.
fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn name_from_value(v: &Value) -> Option<Name> {
    match v {
        Value::String(s) => Some(Name::literal(s.clone())),
        Value::Object(map) => {
            let get = |k: &str| map.get(k).and_then(scalar_string).filter(|s| !s.is_empty());
            Some(Name {
                family: get("family"),
                given: get("given"),
                non_dropping_particle: get("non-dropping-particle")
                    .or_else(|| get("dropping-particle")),
                suffix: get("suffix"),
                literal: get("literal"),
            })
        }
        _ => None,
    }
}

fn date_from_value(v: &Value) -> Option<Date> {
    match v {
        Value::String(s) => Some(date_from_edtf(s)),
        Value::Number(n) => n.as_i64().map(|y| Date {
            date_parts: vec![vec![DatePart::Number(y)]],
            ..Date::default()
        }),
        Value::Object(map) => {
            let mut date = Date {
                literal: map.get("literal").and_then(scalar_string),
                raw: map.get("raw").and_then(scalar_string),
                ..Date::default()
            };
            if let Some(parts) = map.get("date-parts") {
                let Value::Array(ranges) = parts else {
                    return None;
                };
                for range in ranges {
                    let Value::Array(range) = range else {
                        return None;
                    };
                    let parts = range
                        .iter()
                        .map(|p| match p {
                            Value::Number(n) => n.as_i64().map(DatePart::Number),
                            Value::String(s) => Some(match s.trim().parse::<i64>() {
                                Ok(n) => DatePart::Number(n),
                                Err(_) => DatePart::Text(s.clone()),
                            }),
                            _ => None,
                        })
                        .collect::<Option<Vec<_>>>()?;
                    date.date_parts.push(parts);
                }
            }
            if date.date_parts.is_empty() && date.literal.is_none() {
                if let Some(raw) = date.raw.clone() {
                    let parsed = date_from_edtf(&raw);
                    date.date_parts = parsed.date_parts;
                }
            }
            Some(date)
        }
        _ => None,
    }
}

/// `2008`, `2008-08`, `2008-08-15`, `2008/2009`; anything else is a literal.
pub fn date_from_edtf(s: &str) -> Date {
    let parse_one = |s: &str| -> Option<Vec<DatePart>> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        if parts.is_empty() || parts.len() > 3 || parts[0].len() != 4 {
            return None;
        }
        parts
            .iter()
            .map(|p| {
                (!p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
                    .then(|| p.parse::<i64>().ok().map(DatePart::Number))
                    .flatten()
            })
            .collect()
    };
    let ranges: Option<Vec<Vec<DatePart>>> = s.split('/').map(parse_one).collect();
    match ranges {
        Some(r) if !r.is_empty() && r.len() <= 2 => Date {
            date_parts: r,
            ..Date::default()
        },
        _ => Date {
            literal: Some(s.to_string()),
            ..Date::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lenient_variants() {
        let text = r#"{"id": 7, "type": "article-journal", "volume": 12, "issue": "3",
            "issued": {"date-parts": [["2008", "8"]]}, "accessed": "2020-01-02",
            "author": [{"family": "Li", "given": "Hongyuan"}, "WHO"], "abstract": "x"}"#;
        let items = from_csl_json(text).unwrap();
        assert_eq!(items.len(), 1);
        let it = &items[0];
        assert_eq!(it.id, "7");
        assert_eq!(it.volume.as_deref(), Some("12"));
        assert_eq!(
            it.issued.as_ref().unwrap().date_parts,
            vec![vec![DatePart::Number(2008), DatePart::Number(8)]]
        );
        assert_eq!(it.accessed.as_ref().unwrap().date_parts[0].len(), 3);
        assert_eq!(it.author[1].literal.as_deref(), Some("WHO"));
    }

    #[test]
    fn errors_name_position_and_field() {
        let err = from_csl_json("[\n  {\"type\": \"book\",,}\n]").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("malformed csl-json at 2:"), "{msg}");

        let err = from_csl_json(r#"[{"id": "a", "type": "book", "title": ["x"]}]"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid csl-json entry `a`: `title` must be a string or a number"
        );

        let err = from_csl_json(r#"[{"id": "b"}]"#).unwrap_err();
        assert!(err.to_string().contains("`type` is missing"));

        assert!(from_csl_json("hello").is_err());
        assert!(from_csl_json("").is_err());
    }

    #[test]
    fn unknown_type_becomes_document() {
        let item = Item {
            id: "x".into(),
            kind: "blog".into(),
            ..Item::default()
        };
        let clean = schema_clean(&item);
        assert_eq!(clean.kind, "document");
        assert_eq!(clean.genre.as_deref(), Some("blog"));
    }

    #[test]
    fn edtf_dates() {
        assert_eq!(date_from_edtf("2008-08").date_parts[0].len(), 2);
        assert_eq!(date_from_edtf("2008/2009").date_parts.len(), 2);
        assert_eq!(
            date_from_edtf("in press").literal.as_deref(),
            Some("in press")
        );
    }
}
