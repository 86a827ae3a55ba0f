//! NLM's medium designator: `Title [Internet]. Place: Publisher; date.`
//! (`NetworkX [Internet]. NetworkX developer team; c2014 May. Available
//! from: …`). The words before the bracket, back to the last sentence end,
//! are the title; the segment after it up to `;` is the publisher (with its
//! place before a colon); the segment after `;` is the date when it holds a
//! year. The model, which rarely sees these entries, reads the title as a
//! name or runs it on to the date; the layout itself says where each field
//! is.

use crate::refparse::lex;
use crate::refparse::model::label_index;
use crate::refparse::token::{Kind, Token};

/// Labels that the publisher and date segments may take over: never a link,
/// a note or an identifier the model found in them.
const LOOSE: [&str; 7] = [
    "other",
    "author",
    "title",
    "container",
    "publisher",
    "location",
    "date",
];

/// Whether `tokens[k]` closes a sentence: a full stop with a space after.
fn sentence_end(src: &str, tokens: &[Token], k: usize) -> bool {
    tokens[k].kind == Kind::Punct
        && tokens[k].text(src).ends_with('.')
        && tokens.get(k + 1).is_none_or(|t| t.space_before)
}

/// The NLM `[Internet]` layout, labelled by where its fields stand.
/// Returns corrected labels when a change is needed.
pub fn internet_medium(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    let n = tokens.len().min(labels.len());
    let m = (1..n.saturating_sub(1)).find(|&k| {
        tokens[k].text(src).eq_ignore_ascii_case("internet")
            && tokens[k - 1].text(src).ends_with('[')
            && tokens[k + 1].text(src).starts_with(']')
    })?;
    let open = m - 1;
    let mut s = open;
    while s > 0 && !sentence_end(src, tokens, s - 1) {
        s -= 1;
    }
    if s == open {
        return None;
    }
    let (title, other) = (label_index("title"), label_index("other"));
    let mut fixed = labels[..n].to_vec();
    fixed[s..open].fill(title);
    fixed[open..=m + 1].fill(other);
    // after the bracket: `Place: Publisher; date.`
    let loose = LOOSE.map(label_index);
    let mut k = m + 2;
    let seg_end = |from: usize, stop: &dyn Fn(usize) -> bool| {
        let mut e = from;
        while e < n && !stop(e) {
            e += 1;
        }
        e
    };
    let semi = seg_end(k, &|e| {
        tokens[e].text(src).starts_with(';') || sentence_end(src, tokens, e)
    });
    if semi < n && tokens[semi].text(src).starts_with(';') && semi > k {
        if fixed[k..semi].iter().all(|l| loose.contains(l)) {
            let colon = (k..semi).find(|&e| tokens[e].text(src) == ":");
            match colon {
                Some(c) if c > k && c + 1 < semi => {
                    fixed[k..c].fill(label_index("location"));
                    fixed[c + 1..semi].fill(label_index("publisher"));
                }
                _ => fixed[k..semi].fill(label_index("publisher")),
            }
        }
        k = semi + 1;
        let end = seg_end(k, &|e| {
            sentence_end(src, tokens, e) || tokens[e].text(src).starts_with('[')
        });
        // an empty date segment (`Publisher;` at the end) leaves the
        // title and publisher read above
        let text = (end > k)
            .then(|| src.get(tokens[k].start..tokens[end - 1].end))
            .flatten()
            .unwrap_or("");
        let copyright = text.trim_start_matches(['c', '©']);
        if end > k
            && fixed[k..end].iter().all(|l| loose.contains(l))
            && lex::find_year(copyright).is_some()
        {
            fixed[k..end].fill(label_index("date"));
        }
    }
    (fixed != labels[..n]).then_some(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(src: &str, labels: &[u8]) -> Vec<(String, &'static str)> {
        let toks = crate::refparse::token::tokenize(src);
        let fixed = internet_medium(src, &toks, labels).unwrap_or_else(|| labels.to_vec());
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for (t, &l) in toks.iter().zip(&fixed) {
            let name = crate::refparse::model::LABELS[usize::from(l)];
            match out.last_mut() {
                Some((s, n)) if *n == name => {
                    s.push(' ');
                    s.push_str(t.text(src));
                }
                _ => out.push((t.text(src).to_string(), name)),
            }
        }
        out
    }

    /// The text of the first run labelled `label`.
    fn first<'a>(runs: &'a [(String, &'static str)], label: &str) -> Option<&'a str> {
        runs.iter()
            .find(|(_, l)| *l == label)
            .map(|(s, _)| s.as_str())
    }

    fn all(src: &str, label: &str) -> Vec<u8> {
        vec![label_index(label); crate::refparse::token::tokenize(src).len()]
    }

    #[test]
    fn title_publisher_and_date_stand_where_nlm_puts_them() {
        let src = "NetworkX [Internet]. NetworkX developer team; c2014 May. Available from: http://networkx.github.io.";
        let got = fields(src, &all(src, "title"));
        let find = |label: &str| first(&got, label);
        assert_eq!(find("title"), Some("NetworkX"));
        assert_eq!(find("publisher"), Some("NetworkX developer team"));
        assert_eq!(find("date"), Some("c2014 May"));
        let src = "World Health Organization. Malaria fact sheet [Internet]. Geneva: WHO; 2020 [cited 2021 Jan 5]. Available from: https://www.who.int/malaria";
        let mut labels = all(src, "other");
        labels[..4].fill(label_index("author"));
        let got = fields(src, &labels);
        let find = |label: &str| first(&got, label);
        assert_eq!(find("author"), Some("World Health Organization ."));
        assert_eq!(find("title"), Some("Malaria fact sheet"));
        assert_eq!(find("location"), Some("Geneva"));
        assert_eq!(find("publisher"), Some("WHO"));
        assert_eq!(find("date"), Some("2020"));
    }

    #[test]
    fn no_date_after_the_publisher_keeps_title_and_publisher() {
        let src = "NetworkX [Internet]. NetworkX developer team;";
        let got = fields(src, &all(src, "author"));
        assert_eq!(first(&got, "title"), Some("NetworkX"));
        assert_eq!(first(&got, "publisher"), Some("NetworkX developer team"));
        assert_eq!(first(&got, "date"), None);
    }

    #[test]
    fn without_the_designator_nothing_changes() {
        let src = "Smith J. The Internet age. Nature. 2001;3:4.";
        let toks = crate::refparse::token::tokenize(src);
        assert!(internet_medium(src, &toks, &all(src, "other")).is_none());
    }
}
