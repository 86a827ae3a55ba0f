//! Deterministic repairs of the model's labels at the tail of a book-like
//! entry, where the publisher, its place and the edition meet:
//!
//! * a place after its publisher (`Oxford University Press, Oxford, UK.`
//!   all labelled publisher): the words after a comma that follows a
//!   publisher's closing word (`Press`, `Publishers`, `Verlag` …) become
//!   the place;
//! * an edition run that took the next item (`2nd ed., 340`): it ends at
//!   its `ed.`/`edn`/`edition`;
//! * a publisher written inside a style's brackets (`[Doctoral
//!   dissertation, University of Oxford]. Oxford Research Archive`): it
//!   ends at the closing bracket, and what follows becomes a note.
//!
//! * a bracketed `[Data set]` left unlabelled becomes the genre.
//!
//! Each takes the tokens and labels and returns corrected labels when a
//! change is needed (the `Repair` signature of [`super::fields`]).

use super::model::label_index;
use super::token::{Kind, Token};

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

/// An edition run that goes on past its `ed.`.
pub fn edition_end(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    let edition = label_index("edition");
    let mut fixed: Option<Vec<u8>> = None;
    for (s, e) in runs(labels, edition) {
        let e = e.min(tokens.len());
        let Some(k) = (s..e).find(|&i| {
            matches!(
                tokens[i].text(src).to_lowercase().as_str(),
                "ed" | "edn" | "edition" | "eds"
            )
        }) else {
            continue;
        };
        // the word's own dot stays with it
        let after = if tokens.get(k + 1).is_some_and(|t| t.kind == Kind::Punct) {
            k + 2
        } else {
            k + 1
        };
        if after < e && (after..e).any(|i| tokens[i].kind != Kind::Punct) {
            let f = fixed.get_or_insert_with(|| labels.to_vec());
            for l in &mut f[after..e] {
                *l = 0;
            }
        }
    }
    fixed
}

/// A publisher run that crosses the closing bracket of the style's
/// bracketed description.
pub fn publisher_in_brackets(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    let (publisher, note) = (label_index("publisher"), label_index("note"));
    for (s, e) in runs(labels, publisher) {
        let e = e.min(tokens.len());
        let opened = tokens[..s].iter().rev().find_map(|t| {
            let x = t.text(src);
            if x.contains(']') {
                Some(false)
            } else if x.contains('[') {
                Some(true)
            } else {
                None
            }
        });
        if opened != Some(true) {
            continue;
        }
        let Some(close) = (s..e).find(|&i| tokens[i].text(src).contains(']')) else {
            continue;
        };
        if (close + 1..e).any(|i| tokens[i].kind == Kind::Word) {
            let mut fixed = labels.to_vec();
            for l in &mut fixed[close + 1..e] {
                *l = note;
            }
            return Some(fixed);
        }
    }
    None
}

/// Bracketed descriptions a style prints after the title (APA's `[Data
/// set]`, `[Computer software]`): left unlabelled, they become the genre
/// (which sets the item's type).
pub fn bracketed_genre(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    const KINDS: [&str; 5] = [
        "data set",
        "dataset",
        "computer software",
        "software",
        "data",
    ];
    let genre = label_index("genre");
    let open = (0..tokens.len().min(labels.len()))
        .find(|&i| tokens[i].text(src).ends_with('[') && labels.get(i + 1) == Some(&0))?;
    let close = (open + 1..tokens.len()).find(|&i| tokens[i].text(src).starts_with(']'))?;
    let inner: Vec<&str> = tokens[open + 1..close]
        .iter()
        .map(|t| t.text(src))
        .collect();
    let inner = inner.join(" ").to_lowercase();
    if !KINDS.contains(&inner.as_str()) || labels[open + 1..close].iter().any(|&l| l != 0) {
        return None;
    }
    let mut fixed = labels.to_vec();
    for l in &mut fixed[open + 1..close] {
        *l = genre;
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
    fn edition_ends_at_ed() {
        let src = "Ocean Tides, 2nd ed., 340 pp., Cambridge Univ. Press.";
        let (toks, labels) = labelled(
            src,
            &[
                ("Ocean", "title"),
                ("2nd", "edition"),
                ("Cambridge", "publisher"),
            ],
        );
        let fixed = edition_end(src, &toks, &labels).unwrap();
        assert_eq!(text_of(src, &toks, &fixed, "edition"), "2nd ed .,");
        let src = "T, 2nd edn. Wiley.";
        let (toks, labels) = labelled(
            src,
            &[("T", "title"), ("2nd", "edition"), ("Wiley", "publisher")],
        );
        assert!(edition_end(src, &toks, &labels).is_none());
    }

    #[test]
    fn bracketed_data_set_is_a_genre() {
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
        let fixed = bracketed_genre(src, &toks, &labels).unwrap();
        assert_eq!(text_of(src, &toks, &fixed, "genre"), "Data set");
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
        assert!(bracketed_genre(src, &toks, &labels).is_none());
    }

    #[test]
    fn publisher_ends_at_its_bracket() {
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
        let fixed = publisher_in_brackets(src, &toks, &labels).unwrap();
        assert_eq!(
            text_of(src, &toks, &fixed, "publisher"),
            "University of Oxford ]."
        );
        assert_eq!(
            text_of(src, &toks, &fixed, "note"),
            "Oxford Research Archive ."
        );
        // no bracket open before the publisher
        let src = "T. Oxford Research Archive [online].";
        let (toks, labels) = labelled(src, &[("T", "title"), ("Oxford", "publisher")]);
        assert!(publisher_in_brackets(src, &toks, &labels).is_none());
    }
}
