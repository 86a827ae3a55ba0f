//! Deterministic repairs of the model's labels at the tail of a book-like
//! entry:
//!
//! * a place after its publisher (`Oxford University Press, Oxford, UK.`
//!   all labelled publisher): the words after a comma that follows a
//!   publisher's closing word (`Press`, `Publishers`, `Verlag` …) become
//!   the place;
//! * an APA 7 description of the work after the title (`[Doctoral
//!   dissertation, University of Oxford]`, `[Data set]`) labelled apart:
//!   it joins the title, where [`fields`](super) reads it (genre, and the
//!   university as publisher), and a run that crossed its closing bracket
//!   (`…Oxford]. Oxford Research Archive`) leaves the rest as a note.
//!
//! Each takes the tokens and labels and returns corrected labels when a
//! change is needed (the `Repair` signature of [`fields`](super)).

use super::title::describes_work;
use crate::refparse::model::label_index;
use crate::refparse::token::{Kind, Token};

/// Words that end a publisher's name.
const PUBLISHER_ENDS: [&str; 14] = [
    "Press",
    "Publishers",
    "Publishing",
    "Publications",
    "Verlag",
    "Books",
    "Inc",
    "Ltd",
    "LLC",
    "GmbH",
    "Co",
    "Company",
    "Group",
    "Sons",
];

/// The runs of `label` as `(start, end)` token ranges.
fn runs(labels: &[u8], label: u8) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        if labels[i] == label {
            let s = i;
            while i < labels.len() && labels[i] == label {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

/// A place after its publisher inside one publisher run.
pub fn place_after_publisher(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    let (publisher, location) = (label_index("publisher"), label_index("location"));
    if labels.contains(&location) {
        return None;
    }
    for (s, e) in runs(labels, publisher) {
        let e = e.min(tokens.len());
        for i in s + 1..e.saturating_sub(1) {
            let ends_name = tokens[i].kind == Kind::Word
                && PUBLISHER_ENDS.contains(&tokens[i].text(src))
                && tokens[i + 1].text(src).starts_with(',');
            if !ends_name {
                continue;
            }
            // the rest: one to four capitalised words with commas between
            let rest = &tokens[i + 2..e];
            let words: Vec<&Token> = rest.iter().filter(|t| t.kind == Kind::Word).collect();
            let place_like = !words.is_empty()
                && words.len() <= 4
                && words
                    .iter()
                    .all(|t| t.text(src).starts_with(|c: char| c.is_uppercase()));
            if !place_like {
                return None;
            }
            let mut fixed = labels.to_vec();
            for l in &mut fixed[i + 2..e] {
                *l = location;
            }
            return Some(fixed);
        }
    }
    None
}

/// A bracketed description of the work right after the title run joins
/// the title; a run that went on past the closing bracket keeps its text
/// there as a note.
pub fn description_after_title(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    let (title, note) = (label_index("title"), label_index("note"));
    let n = tokens.len().min(labels.len());
    let start = labels[..n].iter().position(|&l| l == title)?;
    let end = start + labels[start..n].iter().take_while(|&&l| l == title).count();
    // the bracket opens at the title's last token or the one after it
    let open =
        (end.saturating_sub(1)..n.min(end + 1)).find(|&i| tokens[i].text(src).ends_with('['))?;
    let close = (open + 1..n).find(|&i| tokens[i].text(src).contains(']'))?;
    let inner = src.get(tokens[open].end..tokens[close].start)?;
    if !describes_work(inner) || labels[open + 1..=close].iter().all(|&l| l == title) {
        return None;
    }
    let crossing = labels[close];
    let mut fixed = labels.to_vec();
    for l in &mut fixed[open..=close] {
        *l = title;
    }
    let after = close
        + 1
        + labels[close + 1..n]
            .iter()
            .take_while(|&&l| l == crossing)
            .count();
    if crossing != title && (close + 1..after).any(|i| tokens[i].kind == Kind::Word) {
        for l in &mut fixed[close + 1..after] {
            *l = note;
        }
    }
    Some(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refparse::token::tokenize;

    fn labelled(src: &str, runs: &[(&str, &str)]) -> (Vec<Token>, Vec<u8>) {
        // runs: (first token text of the run, label), in order
        let toks = tokenize(src);
        let mut labels = vec![0u8; toks.len()];
        let mut starts: Vec<(usize, u8)> = Vec::new();
        let mut from = 0;
        for (first, label) in runs {
            let i = (from..toks.len())
                .find(|&i| toks[i].text(src) == *first)
                .unwrap();
            starts.push((i, label_index(label)));
            from = i + 1;
        }
        for (k, &(i, l)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(toks.len(), |x| x.0);
            for x in &mut labels[i..end] {
                *x = l;
            }
        }
        (toks, labels)
    }

    fn text_of(src: &str, toks: &[Token], labels: &[u8], label: &str) -> String {
        toks.iter()
            .zip(labels)
            .filter(|(_, &l)| l == label_index(label))
            .map(|(t, _)| t.text(src))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn place_after_its_publisher() {
        let src = "Westerfield M. 1993. The Zebrafish Book. Oxford University Press, Oxford, UK.";
        let (toks, labels) = labelled(
            src,
            &[
                ("Westerfield", "author"),
                ("1993", "date"),
                ("The", "title"),
                ("Oxford", "publisher"),
            ],
        );
        let fixed = place_after_publisher(src, &toks, &labels).unwrap();
        assert_eq!(
            text_of(src, &toks, &fixed, "publisher"),
            "Oxford University Press ,"
        );
        assert_eq!(text_of(src, &toks, &fixed, "location"), "Oxford , UK .");
        // a publisher with a comma but no closing word, or a place already
        let src = "T. Smith, Elder and Company Limited, London.";
        let (toks, labels) = labelled(src, &[("T", "title"), ("Smith", "publisher")]);
        assert!(place_after_publisher(src, &toks, &labels).is_none());
        let src = "T. New York: Wiley Press, Hoboken.";
        let (toks, labels) = labelled(
            src,
            &[("T", "title"), ("New", "location"), ("Wiley", "publisher")],
        );
        assert!(place_after_publisher(src, &toks, &labels).is_none());
    }

    #[test]
    fn a_description_after_the_title_joins_it() {
        let src = "Lee, K. (2020). Survey of coastal birds [Data set]. Zenodo.";
        let (toks, labels) = labelled(
            src,
            &[
                ("Lee", "author"),
                ("2020", "date"),
                ("Survey", "title"),
                ("Data", "other"),
                ("Zenodo", "publisher"),
            ],
        );
        let fixed = description_after_title(src, &toks, &labels).unwrap();
        assert_eq!(
            text_of(src, &toks, &fixed, "title"),
            "Survey of coastal birds [ Data set ]."
        );
        assert_eq!(text_of(src, &toks, &fixed, "publisher"), "Zenodo .");
        // a thesis whose publisher run crossed the bracket
        let src = "Brown, A. (2018). Parsing references [Doctoral dissertation, University of Oxford]. Oxford Research Archive.";
        let (toks, labels) = labelled(
            src,
            &[
                ("Brown", "author"),
                ("2018", "date"),
                ("Parsing", "title"),
                ("Doctoral", "genre"),
                ("University", "publisher"),
            ],
        );
        let fixed = description_after_title(src, &toks, &labels).unwrap();
        assert_eq!(
            text_of(src, &toks, &fixed, "title"),
            "Parsing references [ Doctoral dissertation , University of Oxford ]."
        );
        assert_eq!(
            text_of(src, &toks, &fixed, "note"),
            "Oxford Research Archive ."
        );
        // not a description, or already in the title
        let src = "Lee, K. (2020). Survey [Abstract]. Zenodo.";
        let (toks, labels) = labelled(
            src,
            &[
                ("Lee", "author"),
                ("2020", "date"),
                ("Survey", "title"),
                ("Abstract", "other"),
                ("Zenodo", "publisher"),
            ],
        );
        assert!(description_after_title(src, &toks, &labels).is_none());
        let src = "Lee, K. (2020). Survey [Data set]. Zenodo.";
        let (toks, labels) = labelled(
            src,
            &[
                ("Lee", "author"),
                ("2020", "date"),
                ("Survey", "title"),
                ("Zenodo", "publisher"),
            ],
        );
        assert!(description_after_title(src, &toks, &labels).is_none());
    }
}
