//! Reading bibliography files into keyed entries that remember where they
//! are: BibTeX and BibLaTeX (`.bib`), CSL-JSON (`.json`), CSL-YAML and
//! hayagriva YAML (`.yaml`, `.yml`). The fields are read by the importers
//! `convert` uses ([`crate::export::import`]); this module adds the spans.

use std::collections::HashSet;
use std::path::Path;

use biblatex::{Bibliography, RawBibliography};
use serde::Serialize;
use serde_json::Value;

use crate::csl::Item;
use crate::export::import::InputKind;
use crate::export::line_column;
use crate::source::Span;

/// What can go wrong reading a bibliography.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BibError {
    /// The file could not be read.
    #[error("cannot read bibliography `{path}`{named}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Where the manuscript names it (` (named in `m.md` line 3)`).
        named: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file (or the manuscript's front matter) does not parse.
    #[error("`{path}`:{line}:{column}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// The formats a bibliography file can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BibFormat {
    /// BibTeX or BibLaTeX.
    Bibtex,
    /// CSL-JSON.
    CslJson,
    /// CSL-YAML (pandoc's `references:` as a file).
    CslYaml,
    /// hayagriva YAML.
    Hayagriva,
}

/// A bibliography file as read.
#[derive(Debug, Clone)]
pub struct BibFile {
    /// Its path, normalised (`bib/refs.bib`).
    pub path: String,
    /// Its text.
    pub text: String,
    /// Its format.
    pub format: BibFormat,
}

/// One entry of a bibliography.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The key (`id` in CSL).
    pub key: String,
    /// The file it is in (an index of [`super::Keyed::files`]), `None` for
    /// the manuscript's inline `references:`.
    pub file: Option<usize>,
    /// The whole entry (`@article{…}`); for CSL entries, the key.
    pub span: Span,
    /// The key.
    pub key_span: Span,
    /// Field names (lowercase) with the span of each value (BibTeX only).
    pub fields: Vec<(String, Span)>,
    /// The fields read.
    pub item: Item,
    /// Why the fields could not be read, if they could not.
    pub unread: Option<String>,
}

impl Entry {
    /// An entry known by where its key is (CSL and hayagriva files).
    fn at_key(item: Item, file: Option<usize>, key_span: Span) -> Entry {
        Entry {
            key: item.id.clone(),
            file,
            span: key_span,
            key_span,
            fields: Vec::new(),
            item,
            unread: None,
        }
    }

    /// Where a finding about `field` points: the field's value when known,
    /// else the key.
    pub fn field_span(&self, names: &[&str]) -> Span {
        self.fields
            .iter()
            .find(|(n, _)| names.contains(&n.as_str()))
            .map_or(self.key_span, |(_, s)| *s)
    }
}

/// Reads the bibliography file at `path` as file number `file`.
pub fn load(path: &Path, file: usize) -> Result<(BibFile, Vec<Entry>), BibError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| BibError::Read {
        path: shown.clone(),
        named: String::new(),
        source,
    })?;
    let text = crate::input::decode(bytes, false)
        .map_err(|e| BibError::Parse {
            path: shown.clone(),
            line: 1,
            column: 1,
            message: e.to_string(),
        })?
        .text;
    let (format, entries) = parse(&text, Some(file), path).map_err(|(at, message)| {
        let (line, column) = line_column(&text, at);
        BibError::Parse {
            path: shown.clone(),
            line,
            column,
            message,
        }
    })?;
    Ok((
        BibFile {
            path: shown,
            text,
            format,
        },
        entries,
    ))
}

/// Parses the text of a bibliography file named `path` (the extension
/// tells the format; the content when it tells nothing). An error is a
/// byte offset and a message.
pub fn parse(
    text: &str,
    file: Option<usize>,
    path: &Path,
) -> Result<(BibFormat, Vec<Entry>), (usize, String)> {
    let kind = InputKind::from_path(path).unwrap_or_else(|| InputKind::sniff(text));
    match kind {
        InputKind::Bibtex => Ok((BibFormat::Bibtex, bibtex(text, file)?)),
        InputKind::CslJson => {
            let list: Value = serde_json::from_str(text).map_err(|e| {
                let at = offset_of(text, e.line(), e.column());
                (at, strip_at_line(&e.to_string()))
            })?;
            let list = match list {
                Value::Array(list) => list,
                one @ Value::Object(_) => vec![one],
                _ => return Err((0, "expected a JSON array of CSL items".into())),
            };
            let ids = locate_ids(text);
            Ok((
                BibFormat::CslJson,
                csl_entries(&list, text, &ids, file).map_err(|m| (0, m))?,
            ))
        }
        InputKind::Yaml => {
            let value: Value = serde_yaml::from_str(text).map_err(|e| {
                let at = e.location().map_or(0, |l| l.index());
                (at, strip_at_line(&e.to_string()))
            })?;
            let list = match value {
                Value::Array(list) => list,
                Value::Object(mut m) if m.get("references").is_some_and(Value::is_array) => {
                    match m.remove("references") {
                        Some(Value::Array(list)) => list,
                        _ => Vec::new(),
                    }
                }
                Value::Null => Vec::new(),
                Value::Object(_) => return Ok((BibFormat::Hayagriva, hayagriva(text, file)?)),
                _ => return Err((0, "expected a list of CSL items".into())),
            };
            let ids = locate_ids(text);
            Ok((
                BibFormat::CslYaml,
                csl_entries(&list, text, &ids, file).map_err(|m| (0, m))?,
            ))
        }
    }
}

/// serde appends ` at line L column C`; the error carries them already.
fn strip_at_line(message: &str) -> String {
    message
        .rfind(" at line ")
        .map_or(message.to_string(), |i| message[..i].to_string())
}

/// The byte offset of a 1-based line and column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// Reads a BibTeX or BibLaTeX file. A key defined twice is kept twice (the
/// `duplicate-key` rule reports it): the later copy is read on its own.
fn bibtex(text: &str, file: Option<usize>) -> Result<Vec<Entry>, (usize, String)> {
    let raw = RawBibliography::parse(text).map_err(|e| (e.span.start, e.kind.to_string()))?;
    let mut seen = HashSet::new();
    let mut blanked: Option<Vec<u8>> = None;
    let mut out = Vec::with_capacity(raw.entries.len());
    for e in &raw.entries {
        let key = e.v.key.v;
        let first = seen.insert(key);
        // the raw span stops before the closing brace
        let mut end = e.span.end;
        if text[end..].starts_with(['}', ')']) {
            end += 1;
        }
        if !first {
            let b = blanked.get_or_insert_with(|| text.as_bytes().to_vec());
            for byte in &mut b[e.span.start..end] {
                if *byte != b'\n' {
                    *byte = b' ';
                }
            }
        }
        out.push(Entry {
            key: key.to_string(),
            file,
            span: Span::new(e.span.start, end),
            key_span: Span::new(e.v.key.span.start, e.v.key.span.end),
            fields: e
                .v
                .fields
                .iter()
                .map(|p| {
                    let value = Span::new(p.value.span.start, p.value.span.end);
                    (p.key.v.to_ascii_lowercase(), unwrap_value(text, value))
                })
                .collect(),
            item: Item::default(),
            unread: if first {
                None
            } else {
                Some("a second definition".into())
            },
        });
    }
    // without a repeated key, the raw parse is resolved as it is; with
    // one, the text with the later copies blanked is parsed again (only
    // ASCII bytes replaced ASCII or whole UTF-8 sequences, so it is still
    // UTF-8; the fallback never runs)
    let blanked = blanked.map(|b| String::from_utf8(b).unwrap_or_else(|_| text.to_string()));
    let source = blanked.as_deref().unwrap_or(text);
    let bib = match &blanked {
        None => Bibliography::from_raw(raw),
        Some(b) => Bibliography::parse(b),
    }
    .map_err(|e| (e.span.start, e.kind.to_string()))?;
    for entry in &mut out {
        if entry.unread.is_some() {
            let alone = entry.span.slice(text);
            let read = Bibliography::parse(alone).ok().and_then(|b| {
                b.iter()
                    .next()
                    .map(|x| crate::export::import::bib_item(alone, x))
            });
            match read {
                Some(Ok(item)) => {
                    entry.item = item;
                    entry.unread = None;
                }
                _ => entry.item.id = entry.key.clone(),
            }
            continue;
        }
        match bib
            .get(&entry.key)
            .map(|x| crate::export::import::bib_item(source, x))
        {
            Some(Ok(item)) => entry.item = item,
            Some(Err(e)) => entry.unread = Some(e.to_string()),
            None => entry.unread = Some("not read".into()),
        }
        entry.item.id = entry.key.clone();
    }
    Ok(out)
}

/// A field value's span without the white space and the one pair of
/// braces or quotes around it.
fn unwrap_value(text: &str, span: Span) -> Span {
    let v = span.slice(text);
    let start = span.start + (v.len() - v.trim_start().len());
    let end = span.start + v.trim_end().len();
    let t = Span::new(start, end.max(start));
    let inner = t.slice(text);
    if inner.len() >= 2
        && (inner.starts_with('{') && inner.ends_with('}')
            || inner.starts_with('"') && inner.ends_with('"'))
    {
        return Span::new(t.start + 1, t.end - 1);
    }
    t
}

/// Reads a hayagriva YAML file; entries point at their keys.
fn hayagriva(text: &str, file: Option<usize>) -> Result<Vec<Entry>, (usize, String)> {
    let items = crate::export::yaml::from_yaml(text).map_err(|e| (0, e.to_string()))?;
    let mut from = 0;
    Ok(items
        .into_iter()
        .map(|item| {
            let key_span = key_at_line_start(text, &item.id, from);
            from = key_span.end;
            Entry::at_key(item, file, key_span)
        })
        .collect())
}

/// The span of `key` written as a top-level YAML key (`key:`) at or after
/// `from`.
fn key_at_line_start(text: &str, key: &str, from: usize) -> Span {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let k = line.trim_end().trim_end_matches(':');
        let bare = k.trim_matches(['"', '\'']);
        if at >= from && bare == key && line.trim_end().ends_with(':') {
            let inner = at + line.find(key).unwrap_or(0);
            return Span::new(inner, inner + key.len());
        }
        at += line.len();
    }
    Span::new(from.min(text.len()), from.min(text.len()))
}

/// CSL items (JSON values) into entries; `ids` are the spans of the `id`
/// values of `text` in order (see [`locate_ids`]).
pub fn csl_entries(
    list: &[Value],
    text: &str,
    ids: &[Span],
    file: Option<usize>,
) -> Result<Vec<Entry>, String> {
    let mut used = vec![false; ids.len()];
    let mut out = Vec::with_capacity(list.len());
    for (n, v) in list.iter().enumerate() {
        let obj = v
            .as_object()
            .ok_or_else(|| format!("reference {} is not a mapping of CSL fields", n + 1))?;
        // pandoc reads an item without a type; so does citelint
        let typed;
        let obj = if obj.contains_key("type") {
            obj
        } else {
            let mut o = obj.clone();
            o.insert("type".into(), Value::String("document".into()));
            typed = o;
            &typed
        };
        let item = crate::export::csl_json::item_from_map(obj, n + 1).map_err(|e| e.to_string())?;
        let key = item.id.clone();
        let found = ids
            .iter()
            .enumerate()
            .find(|&(k, s)| !used[k] && s.slice(text) == key);
        let key_span = match found {
            Some((k, s)) => {
                used[k] = true;
                *s
            }
            None => Span::default(),
        };
        out.push(Entry::at_key(item, file, key_span));
    }
    Ok(out)
}

/// The spans of every CSL `id` value in a JSON or YAML text, in order:
/// `"id": "smith2008"`, `id: smith2008`, `- id: "smith2008"`.
pub fn locate_ids(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(o) = text[from..].find("id") {
        let at = from + o;
        from = at + 2;
        let before = text[..at].trim_end_matches('"');
        let quoted = before.len() < at;
        let ok_before = before.is_empty()
            || before.ends_with([' ', '\t', '\n', '{', ',', '-', '\r'])
            || (quoted && before.ends_with(['{', ',', ' ', '\t', '\n', '\r']));
        if !ok_before {
            continue;
        }
        let mut p = at + 2;
        if quoted && bytes.get(p) == Some(&b'"') {
            p += 1;
        }
        let rest = &text[p..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let Some(value) = trimmed.strip_prefix(':') else {
            continue;
        };
        let value_start = text.len() - value.len();
        let v = value.trim_start_matches([' ', '\t']);
        let vs = text.len() - v.len();
        let (start, end) = match v.chars().next() {
            Some(q @ ('"' | '\'')) => match v[1..].find(q) {
                Some(e) => (vs + 1, vs + 1 + e),
                None => continue,
            },
            Some(_) => {
                let e = v.find(['\n', '\r', ',', '}', '#']).unwrap_or(v.len());
                (vs, vs + v[..e].trim_end().len())
            }
            None => continue,
        };
        if end > start && start >= value_start {
            out.push(Span::new(start, end));
            from = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bibtex_entries_keep_their_spans_and_duplicates() {
        let text = "@string{j = \"Copeia\"}\n\n@article{smith2008,\n  title = {Fish},\n  journal = j,\n  year = 2008,\n  doi = {10.1/x}\n}\n\n@book{smith2008, title={Again}}\n";
        let entries = bibtex(text, Some(0)).unwrap();
        assert_eq!(entries.len(), 2);
        let first = &entries[0];
        assert_eq!(first.key_span.slice(text), "smith2008");
        assert!(first.span.slice(text).starts_with("@article{smith2008,"));
        assert!(
            first.span.slice(text).ends_with('}'),
            "{:?}",
            first.span.slice(text)
        );
        assert_eq!(first.item.container_title.as_deref(), Some("Copeia"));
        assert_eq!(first.field_span(&["doi"]).slice(text), "10.1/x");
        assert_eq!(entries[1].item.title.as_deref(), Some("Again"));
        assert!(entries[1].unread.is_none());
    }

    #[test]
    fn a_bibtex_syntax_error_has_its_offset() {
        let text = "@article{a, title = {x}\n@book{";
        let (at, msg) = bibtex(text, None).unwrap_err();
        assert!(at <= text.len());
        assert!(!msg.is_empty());
    }

    #[test]
    fn ids_are_located_in_json_and_yaml() {
        let table: [(&str, Vec<&str>); 4] = [
            (
                "[{\"id\": \"a\", \"type\": \"book\"},{\"type\":\"book\",\"id\":\"b:2\"}]",
                vec!["a", "b:2"],
            ),
            ("- id: a1\n  title: x\n-   id: 'b 2'\n", vec!["a1", "b 2"]),
            ("references:\n  - id: k # note\n    pmid: 3\n", vec!["k"]),
            ("- title: valid\n  DOI: x\n", vec![]),
        ];
        for (text, want) in table {
            let got: Vec<&str> = locate_ids(text).iter().map(|s| s.slice(text)).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn csl_yaml_and_json_read_into_entries() {
        let yaml = "- id: a1\n  type: book\n  title: T\n  issued: {date-parts: [[2001]]}\n";
        let (format, entries) = parse(yaml, Some(0), Path::new("r.yaml")).unwrap();
        assert_eq!(format, BibFormat::CslYaml);
        assert_eq!(entries[0].key_span.slice(yaml), "a1");
        assert_eq!(entries[0].item.year(), Some(2001));
        let json = "[{\"id\": \"j\", \"type\": \"book\", \"title\": \"T\"}]";
        let (format, entries) = parse(json, Some(0), Path::new("r.json")).unwrap();
        assert_eq!(format, BibFormat::CslJson);
        assert_eq!(entries[0].key_span.slice(json), "j");
        let (at, _) = parse("[{\"id\": }", None, Path::new("r.json")).unwrap_err();
        assert_eq!(at, 8);
    }
}
