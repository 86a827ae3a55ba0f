//! Turning labelled reference strings (the `refstrings/*.jsonl` format) into
//! training examples for [`model::train`](super::model::train).
//!
//! The scorer feeds every string with its whitespace collapsed to single
//! spaces, so training does the same and moves the spans along.

use super::features;
use super::model::{label_index, Example};
use super::token::{tokenize, Kind};

const GAP: u8 = u8::MAX;

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
            .or_else(|| {
                // a link token whose labelled part starts inside it
                // ("https://doi.org/" + span "10.1/x")
                (t.kind != Kind::Word && t.kind != Kind::Punct)
                    .then(|| l.spans.iter().find(|(s, e, _)| *s < t.end && t.start < *e))
                    .flatten()
            })
            .map(|x| x.2);
        let lab = match inside {
            Some(x) => x,
            None if t.kind == Kind::Punct => labels.last().copied().unwrap_or(0),
            None => GAP,
        };
        labels.push(lab);
    }
    // words outside every span take the label around them when both sides
    // agree ("et al." between author spans), else `other`
    for i in 0..labels.len() {
        if labels[i] != GAP {
            continue;
        }
        let before = labels[..i].iter().rev().find(|&&l| l != GAP).copied();
        let after = labels[i + 1..].iter().find(|&&l| l != GAP).copied();
        labels[i] = match (before, after) {
            (Some(a), Some(b)) if a == b => a,
            (Some(a), _)
                if a == label_index("author")
                    && toks[i].text(&l.text).eq_ignore_ascii_case("al") =>
            {
                a
            }
            _ => 0,
        };
    }
    for i in 1..labels.len() {
        // punctuation that followed a gap word
        if toks[i].kind == Kind::Punct
            && l.spans
                .iter()
                .all(|(s, e, _)| !(*s <= toks[i].start && toks[i].start < *e))
        {
            labels[i] = labels[i - 1];
        }
    }
    (toks, labels)
}

/// Builds the training example of one labelled string.
pub fn example(l: &Labelled) -> Example {
    let (toks, labels) = token_labels(l);
    let mut feats = Vec::new();
    let mut offsets = Vec::new();
    let mut classes = Vec::new();
    features::extract(&l.text, &toks, &mut feats, &mut offsets, &mut classes);
    Example {
        feats,
        offsets,
        classes,
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

/// Maps the field names of the papers' gold (`citegold/1`) to labels.
fn paper_label(field: &str) -> &str {
    match field {
        "fpage" | "lpage" | "pages" | "elocation" | "page_range" => "pages",
        "year" | "month" | "day" => "date",
        "pmid" | "pmcid" => "identifier",
        "conference" => "container",
        f => f,
    }
}

/// Reads the reference entries of one paper (its gold JSON and its text):
/// each entry without its label, with the gold field spans. An entry the
/// gold left unannotated (no field spans: `"fields": {"type": "other"}`)
/// or annotated only in part (a volume and issue, or a URL, with neither
/// names, title nor container) is left out: read as labelled, it would
/// teach that a whole reference (`Karban R, Baldwin IT (1997) Induced
/// responses to herbivory. Chicago: University of Chicago Press.`) is
/// unlabelled text, and the model learnt to leave such entries unread.
pub fn read_paper(gold: &str, txt: &[u8]) -> Vec<Labelled> {
    let mut out = Vec::new();
    let Ok(v) = serde_json::from_str::<serde_json::Value>(gold) else {
        return out;
    };
    let Some(refs) = v["references"].as_array() else {
        return out;
    };
    for r in refs {
        let (Some(ts), Some(te)) = (r["text_start"].as_u64(), r["text_end"].as_u64()) else {
            continue;
        };
        let (ts, te) = (ts as usize, te as usize);
        let Some(bytes) = txt.get(ts..te) else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        // byte offset → char index
        let char_at = |b: usize| text.char_indices().take_while(|(i, _)| *i < b).count();
        let spans: Vec<(usize, usize, String)> = r["field_spans"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| {
                        let st = (s["start"].as_u64()? as usize).checked_sub(ts)?;
                        let en = (s["end"].as_u64()? as usize).checked_sub(ts)?;
                        Some((
                            char_at(st),
                            char_at(en),
                            paper_label(s["field"].as_str()?).to_string(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let annotated = spans
            .iter()
            .any(|(_, _, l)| matches!(l.as_str(), "author" | "editor" | "title" | "container"));
        if !annotated {
            continue;
        }
        out.push(collapse(text, &spans));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unannotated_paper_entries_are_not_training_strings() {
        let txt = "1. Karban R (1997) Induced responses. Chicago: UCP.\n2. Heil M (2010) Signals. Trends 25: 1-2.";
        let second = txt.find("2. ").unwrap();
        let gold = serde_json::json!({"references": [
            {"text_start": 3, "text_end": second - 1, "fields": {"type": "other"}, "field_spans": []},
            {"text_start": 3, "text_end": second - 1,
             "field_spans": [{"field": "volume", "start": 3, "end": 9}]},
            {"text_start": second + 3, "text_end": txt.len(),
             "field_spans": [{"field": "author", "start": second + 3, "end": second + 9}]}
        ]});
        let read = read_paper(&gold.to_string(), txt.as_bytes());
        assert_eq!(read.len(), 1);
        assert!(read[0].text.starts_with("Heil M"));
    }

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

    #[test]
    fn gap_words_between_equal_labels() {
        let lab = collapse(
            "Smith J, et al., Doe K (1998)",
            &[
                (0, 7, "author".into()),
                (17, 22, "author".into()),
                (24, 28, "date".into()),
            ],
        );
        let (toks, labels) = token_labels(&lab);
        let a = label_index("author");
        let texts: Vec<&str> = toks.iter().map(|t| t.text(&lab.text)).collect();
        assert_eq!(
            texts[..8],
            ["Smith", "J", ",", "et", "al", ".,", "Doe", "K"]
        );
        assert!(labels[..9].iter().all(|&x| x == a), "{labels:?}");
        assert_eq!(labels[9], label_index("date"));
    }

    #[test]
    fn paper_entries() {
        let txt = "x\n12. Kats LB (1998) T.".as_bytes();
        let gold = r#"{"references":[{"text_start":6,"text_end":23,"field_spans":[{"field":"author","start":6,"end":13},{"field":"year","start":15,"end":19},{"field":"title","start":21,"end":22}]}]}"#;
        let v = read_paper(gold, txt);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].text, "Kats LB (1998) T.");
        let (s, e, lab) = v[0].spans[1];
        assert_eq!((&v[0].text[s..e], lab), ("1998", label_index("date")));
    }
}
