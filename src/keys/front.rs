//! A pandoc manuscript's YAML front matter: `bibliography:` (one file or a
//! list), inline `references:` (CSL-YAML) and `nocite:`.
//!
//! The block opens on the first line with `---` and closes with a `---` or
//! `...` line.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till};
use nom::character::complete::{line_ending, space0};
use nom::combinator::{eof, recognize};
use nom::{IResult, Parser};

use super::bib::{csl_entries, locate_ids, Entry};
use crate::source::Span;

/// What the front matter says.
#[derive(Debug, Default)]
pub struct Front {
    /// The whole block, delimiters included.
    pub span: Span,
    /// Bibliography files as written, with the span of each name.
    pub bibliography: Vec<(String, Span)>,
    /// The inline references (entries with no file).
    pub entries: Vec<Entry>,
    /// Whether `references:` was given.
    pub has_references: bool,
    /// The text of the `nocite:` value, to be scanned for keys.
    pub nocite: Option<Span>,
    /// `nocite` holds `@*`.
    pub nocite_all: bool,
}

/// One line up to and with its line ending (or the end of the text).
fn line(i: &str) -> IResult<&str, &str> {
    recognize((
        take_till(|c| c == '\n' || c == '\r'),
        alt((line_ending, eof)),
    ))
    .parse(i)
}

/// The opening `---` line.
pub fn opening(i: &str) -> IResult<&str, &str> {
    recognize((tag("---"), space0, line_ending)).parse(i)
}

/// A closing `---` or `...` line.
pub fn closing(i: &str) -> IResult<&str, &str> {
    recognize((
        alt((tag("---"), tag("..."))),
        space0,
        alt((line_ending, eof)),
    ))
    .parse(i)
}

/// The front matter block: (its YAML body, the whole block), as spans.
pub fn block(text: &str) -> Option<(Span, Span)> {
    let body_text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body_text.len();
    let (mut rest, _) = opening(body_text).ok()?;
    let start = text.len() - rest.len();
    while !rest.is_empty() {
        if let Ok((after, _)) = closing(rest) {
            let end = text.len() - rest.len();
            return Some((
                Span::new(start, end),
                Span::new(bom, text.len() - after.len()),
            ));
        }
        rest = line(rest).ok()?.0;
    }
    None
}

/// Reads the front matter of `text`, if it has one. An error is the byte
/// offset and what is wrong (YAML that does not parse, a `bibliography`
/// that is not a string or a list of strings, a bad reference).
pub fn read(text: &str) -> Result<Option<Front>, (usize, String)> {
    let Some((body, whole)) = block(text) else {
        return Ok(None);
    };
    let yaml = body.slice(text);
    let value: serde_json::Value = match serde_yaml::from_str(yaml) {
        Ok(v) => v,
        Err(e) => {
            let at = e.location().map_or(0, |l| l.index());
            let message = e.to_string();
            let message = message
                .rfind(" at line ")
                .map_or(message.clone(), |i| message[..i].to_string());
            return Err((body.start + at, message));
        }
    };
    let mut front = Front {
        span: whole,
        ..Front::default()
    };
    let Some(map) = value.as_object() else {
        return Ok(Some(front));
    };
    let bibs: Vec<&str> = match map.get("bibliography") {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::String(s)) => vec![s.as_str()],
        Some(serde_json::Value::Array(list)) => list
            .iter()
            .map(|v| v.as_str())
            .collect::<Option<_>>()
            .ok_or((
                body.start,
                "`bibliography` must be a file name or a list of them".into(),
            ))?,
        Some(_) => {
            return Err((
                body.start,
                "`bibliography` must be a file name or a list of them".into(),
            ))
        }
    };
    let key_at = key_line(yaml, "bibliography").unwrap_or(0);
    for b in bibs {
        let at = yaml[key_at..].find(b).map_or(key_at, |o| key_at + o);
        let at = body.start + at;
        front
            .bibliography
            .push((b.to_string(), Span::new(at, at + b.len())));
    }
    if let Some(refs) = map.get("references") {
        front.has_references = true;
        let list = refs.as_array().ok_or((
            body.start + key_line(yaml, "references").unwrap_or(0),
            "`references` must be a list of CSL items".to_string(),
        ))?;
        let spans: Vec<Span> = locate_ids(yaml)
            .into_iter()
            .map(|s| Span::new(s.start + body.start, s.end + body.start))
            .collect();
        front.entries = csl_entries(list, text, &spans, None).map_err(|m| (body.start, m))?;
    }
    if let Some(nocite) = map.get("nocite") {
        let value = nocite.as_str().unwrap_or("");
        front.nocite_all = value.contains("@*");
        if let Some(k) = key_line(yaml, "nocite") {
            let end = yaml[k..]
                .find("\n")
                .map(|nl| {
                    // the value runs on over indented lines
                    let mut end = k + nl + 1;
                    while end < yaml.len() && yaml[end..].starts_with([' ', '\t']) {
                        end = yaml[end..].find('\n').map_or(yaml.len(), |o| end + o + 1);
                    }
                    end
                })
                .unwrap_or(yaml.len());
            front.nocite = Some(Span::new(body.start + k, body.start + end));
        }
    }
    Ok(Some(front))
}

/// The offset of the top-level `key:` line in a YAML body.
fn key_line(yaml: &str, key: &str) -> Option<usize> {
    let mut at = 0;
    for l in yaml.split_inclusive('\n') {
        if let Some(rest) = l.strip_prefix(key) {
            if rest.trim_start().starts_with(':') {
                return Some(at);
            }
        }
        at += l.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_their_delimiters() {
        let table = [
            ("---\na: 1\n---\nText", Some(("a: 1\n", "---\na: 1\n---\n"))),
            ("---\na: 1\n...\n", Some(("a: 1\n", "---\na: 1\n...\n"))),
            (
                "\u{feff}---\r\na: 1\r\n---",
                Some(("a: 1\r\n", "---\r\na: 1\r\n---")),
            ),
            ("---\na: 1\n", None),
            ("Text\n---\na: 1\n---\n", None),
            ("----\na\n---\n", None),
        ];
        for (text, want) in table {
            let got = block(text).map(|(b, w)| (b.slice(text), w.slice(text)));
            assert_eq!(got, want, "{text:?}");
        }
        assert_eq!(opening("---  \nx"), Ok(("x", "---  \n")));
        assert_eq!(closing("...\nrest"), Ok(("rest", "...\n")));
    }

    #[test]
    fn bibliography_one_or_a_list_with_spans() {
        let text = "---\ntitle: A\nbibliography:\n  - bib/a.bib\n  - b.json\nnocite: |\n  @x, @y\n---\nBody";
        let f = read(text).unwrap().unwrap();
        let got: Vec<(&str, &str)> = f
            .bibliography
            .iter()
            .map(|(p, s)| (p.as_str(), s.slice(text)))
            .collect();
        assert_eq!(got, [("bib/a.bib", "bib/a.bib"), ("b.json", "b.json")]);
        assert_eq!(f.nocite.unwrap().slice(text), "nocite: |\n  @x, @y\n");
        assert!(!f.nocite_all);
        let one = read("---\nbibliography: refs.bib\nnocite: '@*'\n---\n")
            .unwrap()
            .unwrap();
        assert_eq!(one.bibliography[0].0, "refs.bib");
        assert!(one.nocite_all);
    }

    #[test]
    fn bad_front_matter_is_an_error_with_its_position() {
        let text = "---\ntitle: [unclosed\n---\n";
        let (at, msg) = read(text).unwrap_err();
        assert!(at >= 4 && at <= text.len(), "{at}");
        assert!(!msg.is_empty());
        let (_, msg) = read("---\nbibliography: 3\n---\n").unwrap_err();
        assert!(msg.contains("bibliography"), "{msg}");
    }

    #[test]
    fn inline_references_point_at_their_ids() {
        let text = "---\nreferences:\n- id: a1\n  title: T\n- id: \"b2\"\n  type: book\n---\n";
        let f = read(text).unwrap().unwrap();
        let got: Vec<(&str, &str)> = f
            .entries
            .iter()
            .map(|e| (e.key.as_str(), e.key_span.slice(text)))
            .collect();
        assert_eq!(got, [("a1", "a1"), ("b2", "b2")]);
        assert_eq!(f.entries[0].item.title.as_deref(), Some("T"));
    }
}
