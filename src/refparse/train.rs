//! Turning labelled reference strings (the `refstrings/*.jsonl` format) into
//! training examples for [`model::train`](super::model::train).
//!
//! The scorer feeds every string with its whitespace collapsed to single
//! spaces, so training does the same and moves the spans along.

use super::features;
use super::model::{label_index, Example};
use super::token::{tokenize, Kind};

/// A reference string with labelled byte spans `(start, end, label)`.
pub struct Labelled {
    pub text: String,
    pub spans: Vec<(usize, usize, u8)>,
}

/// Collapses whitespace runs to one space and trims, mapping character
/// offsets (as Python counts them) of `spans` to byte offsets of the result.
pub fn collapse(text: &str, spans: &[(usize, usize, String)]) -> Labelled {
    let mut out = String::with_capacity(text.len());
    // byte offset in `out` of each char index of `text` (plus one past the end)
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            map.push(out.len());
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        map.push(out.len());
        out.push(c);
    }
    map.push(out.len());
    let at = |i: usize| map.get(i).copied().unwrap_or(out.len()).min(out.len());
    let spans = spans
        .iter()
        .map(|(s, e, l)| {
            let mut s = at(*s);
            if out.as_bytes().get(s) == Some(&b' ') {
                s += 1;
            }
            (s.min(out.len()), at(*e), label_index(l))
        })
        .collect();
    Labelled { text: out, spans }
}

/// Gold label of every token: the span holding its first byte; punctuation
/// outside every span takes the label of the token before it, words outside
/// every span are `other`.
pub fn token_labels(l: &Labelled) -> (Vec<super::token::Token>, Vec<u8>) {
    let toks = tokenize(&l.text);
    let mut labels = Vec::with_capacity(toks.len());
    for t in &toks {
        let inside = l
            .spans
            .iter()
            .find(|(s, e, _)| *s <= t.start && t.start < *e)
            .map(|x| x.2);
        let lab = match inside {
            Some(x) => x,
            None if t.kind == Kind::Punct => labels.last().copied().unwrap_or(0),
            None => 0,
        };
        labels.push(lab);
    }
    (toks, labels)
}

/// Builds the training example of one labelled string.
pub fn example(l: &Labelled) -> Example {
    let (toks, labels) = token_labels(l);
    let mut feats = Vec::new();
    let mut offsets = Vec::new();
    features::extract(&l.text, &toks, &mut feats, &mut offsets);
    Example {
        feats,
        offsets,
        labels,
    }
}

/// Reads a `refstrings` JSONL file; records without `spans` (the GB/T set,
/// whose fields are metadata) are skipped.
pub fn read_jsonl(data: &str) -> Vec<Labelled> {
    let mut out = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let (Some(text), Some(spans)) = (v["text"].as_str(), v["spans"].as_array()) else {
            continue;
        };
        let spans: Vec<(usize, usize, String)> = spans
            .iter()
            .filter_map(|s| {
                Some((
                    usize::try_from(s[0].as_u64()?).ok()?,
                    usize::try_from(s[1].as_u64()?).ok()?,
                    s[2].as_str()?.to_string(),
                ))
            })
            .collect();
        out.push(collapse(text, &spans));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_maps_char_offsets_to_bytes() {
        let l = collapse(
            "é  Smith,\n J. (1998)",
            &[(0, 9, "author".into()), (15, 19, "date".into())],
        );
        assert_eq!(l.text, "é Smith, J. (1998)");
        assert_eq!(&l.text[l.spans[0].0..l.spans[0].1], "é Smith,");
        assert_eq!(&l.text[l.spans[1].0..l.spans[1].1], "1998");
    }

    #[test]
    fn punctuation_outside_spans_joins_the_left_token() {
        let l = collapse(
            "Smith J (1998) Title",
            &[
                (0, 7, "author".into()),
                (9, 13, "date".into()),
                (15, 20, "title".into()),
            ],
        );
        let (_, labels) = token_labels(&l);
        let a = label_index("author");
        let d = label_index("date");
        let t = label_index("title");
        assert_eq!(labels, vec![a, a, a, d, d, t]);
    }
}
