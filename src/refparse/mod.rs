//! Reference-entry field parsing: one reference string in, one CSL-JSON
//! [`Item`](crate::csl::Item) out.
//!
//! Two paths:
//!
//! * GB/T 7714 entries (recognised by their type tag, `[J]`, `[M/OL]` …)
//!   follow a strict layout and are read by the rule parser in [`gbt`];
//! * everything else is cut into tokens ([`token`]; URLs, DOIs and arXiv ids
//!   are single tokens found by the nom parsers in [`lex`]), each token gets
//!   hashed features ([`features`]) and a label (author, title, container,
//!   date, volume, …) from a first-order linear-chain model ([`model`]:
//!   averaged structured perceptron, or a CRF with [`crf`], Viterbi
//!   decoding). The labelled runs become fields ([`fields`]: cleaning,
//!   dates, volume(issue), a few deterministic repairs at known boundary
//!   mistakes; [`names`]: person splitting), and keyword-led identifiers
//!   and access dates are read straight from the text ([`extras`]).
//!
//! The model is trained by `scripts/train-refparse.sh` (the ignored test in
//! `tests/integration/refparse_train.rs`) on the dev reference strings and the dev
//! papers' reference entries ([`train`]) and on synthetic strings: their
//! items rendered through the bundled CSL styles ([`synth`]); training is deterministic and the
//! weights (`model.bin`) are embedded with `include_bytes!`. [`eval`]
//! mirrors the project scorer for the corpus ratchet test and for
//! cross-validation (`REFPARSE_CV=1`).

pub mod crf;
pub mod eval;
pub mod extras;
pub mod features;
pub mod fields;
pub mod gbt;
pub mod lex;
pub mod model;
pub mod names;
pub mod synth;
pub mod token;
pub mod train;

use std::cell::RefCell;

use crate::csl::Item;

/// Scratch buffers reused between calls on one thread.
#[derive(Default)]
struct Scratch {
    tokens: Vec<token::Token>,
    feats: Vec<u64>,
    offsets: Vec<usize>,
    classes: Vec<u8>,
    fixed: Vec<(usize, u8)>,
    labels: Vec<u8>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Parses one reference string (its list label already removed) into a
/// CSL-JSON item. Never fails: text that cannot be understood is kept as the
/// title of a `document` item so that nothing is lost.
pub fn parse_reference(text: &str) -> Item {
    parse_reference_with(&model::MODEL, text)
}

/// [`parse_reference`] with a given sequence model (training and
/// cross-validation use freshly trained ones).
pub fn parse_reference_with(model: &model::Model, text: &str) -> Item {
    let text = text.trim();
    if text.is_empty() {
        return Item::unparsed(text);
    }
    if let Some(item) = gbt::parse(text) {
        return item;
    }
    let item = SCRATCH.with(|s| {
        let mut s = s.borrow_mut();
        let s = &mut *s;
        token::tokenize_into(text, &mut s.tokens);
        features::extract(
            text,
            &s.tokens,
            &mut s.feats,
            &mut s.offsets,
            &mut s.classes,
        );
        fixed_labels(text, &s.tokens, &mut s.fixed);
        model.decode(&s.feats, &s.offsets, &s.classes, &s.fixed, &mut s.labels);
        fields::build_item(text, &s.tokens, &s.labels)
    });
    let mut item = item;
    extras::add_extras(text, &mut item);
    if item.title.is_none() && item.author.is_empty() && item.container_title.is_none() {
        let mut u = Item::unparsed(text);
        u.issued = item.issued;
        return u;
    }
    item
}

/// A list prints `———.` for "the same authors as the entry before": such an
/// item gets the authors (and et al.) of the item before it, itself
/// resolved first, so that a run of them all name the first. A mark with
/// no named entry before it is left as written.
pub fn repeat_previous_authors(items: &mut [Item]) {
    for i in 1..items.len() {
        let marked = matches!(items[i].author.as_slice(),
            [only] if only.literal.as_deref().is_some_and(names::is_repeat_mark));
        if marked && !items[i - 1].author.is_empty() {
            items[i].author = items[i - 1].author.clone();
            items[i].custom.author_et_al = items[i - 1].custom.author_et_al;
        }
    }
}

/// Tokens whose label is certain before decoding: the `n.d.` marks are
/// dates (too rare in the training data for the model to learn).
fn fixed_labels(text: &str, tokens: &[token::Token], out: &mut Vec<(usize, u8)>) {
    out.clear();
    let date = model::label_index("date");
    out.extend(features::no_date_tokens(text, tokens).map(|i| (i, date)));
}

/// The tokens of `text` with the label the shipped model gives each, for
/// inspection and debugging (`(token text, label)`).
pub fn label_tokens(text: &str) -> Vec<(String, &'static str)> {
    label_tokens_with(&model::MODEL, text)
}

/// [`label_tokens`] with a given sequence model.
pub fn label_tokens_with(model: &model::Model, text: &str) -> Vec<(String, &'static str)> {
    let tokens = token::tokenize(text);
    let mut feats = Vec::new();
    let mut offsets = Vec::new();
    let mut classes = Vec::new();
    let mut labels = Vec::new();
    let mut fixed = Vec::new();
    features::extract(text, &tokens, &mut feats, &mut offsets, &mut classes);
    fixed_labels(text, &tokens, &mut fixed);
    model.decode(&feats, &offsets, &classes, &fixed, &mut labels);
    tokens
        .iter()
        .zip(&labels)
        .map(|(t, &l)| {
            (
                t.text(text).to_string(),
                model::LABELS
                    .get(usize::from(l))
                    .copied()
                    .unwrap_or("other"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn families(item: &Item) -> Vec<String> {
        item.author
            .iter()
            .map(|n| n.family_or_literal().to_string())
            .collect()
    }

    #[test]
    fn a_repeat_mark_names_the_authors_before_it() {
        let mut items: Vec<Item> = [
            "———. 1980. A work with nobody before it. London: Penguin.",
            "Gleick, James, and Ann Other. 1987. Chaos: Making a New Science. New York: Viking.",
            "———. 1992. Genius: The Life and Science of Richard Feynman. New York: Pantheon.",
            "–––––. 1999. Faster. New York: Pantheon.",
            "Smith, John. 2001. A Third Work. Boston: Beacon.",
        ]
        .iter()
        .map(|s| parse_reference(s))
        .collect();
        // a string on its own keeps the mark as written
        assert_eq!(families(&items[2]), ["———"]);
        repeat_previous_authors(&mut items);
        assert_eq!(families(&items[0]), ["———"]);
        assert_eq!(families(&items[2]), ["Gleick", "Other"]);
        assert_eq!(families(&items[3]), ["Gleick", "Other"]);
        assert_eq!(families(&items[4]), ["Smith"]);
    }
}
