//! Synthetic training data for the field model: items whose fields are
//! known, rendered through the CSL styles bundled with hayagriva, with the
//! field label of every character exact.
//!
//! A model trained on a few thousand hand-labelled strings has seen a
//! handful of styles; rendering the same items in every style teaches it the
//! layouts it would otherwise meet first in a user's manuscript (the GIANT
//! data set, Grennan et al. 2019, made a billion strings this way). The
//! items come from the gold of the dev data ([`items`]); each is varied the
//! way real lists vary ([`vary`]: initials, case, abbreviated journals,
//! missing fields, dashes, DOI forms), rendered by hayagriva, and labelled
//! by sentinel characters carried through the processor or placed at the
//! bounds of its name and date elements ([`mark`]). [`styles`] sorts the
//! bundled styles into families for leave-one-family-out evaluation.
//!
//! Used by the trainer (`tests/integration/refparse_train.rs`); deterministic:
//! the same items and seed give the same strings.

pub mod items;
pub mod mark;
pub mod styles;
pub mod vary;

use serde_json::{json, Map, Value};

pub use styles::{bundled, family_of, Bundled, Family};

use super::model::{label_index, LABELS};
use super::train::{collapse, Labelled};
use crate::csl::Item;
use crate::export::style::render_trees;
use crate::export::yaml::{to_library, Purpose};
use mark::wrap;
use vary::Rng;

/// One synthetic reference string.
pub struct Rendered {
    /// The style's name and family.
    pub style: &'static str,
    pub family: Family,
    /// The string (white space collapsed) and its labelled spans.
    pub labelled: Labelled,
    /// The fields as the `refstrings` gold writes them (the text of each
    /// span), for scoring.
    pub gold: Value,
}

/// Items rendered in one call of the processor: it disambiguates across
/// them, which grows faster than their number.
const BATCH: usize = 64;

/// Share of strings that keep the style's citation number (`[3]`, `3.`):
/// lists give the parser their entries without it, but reference strings
/// pasted from elsewhere carry it.
const KEEP_NUMBER: f64 = 0.15;

/// Whether the item's title or authors are written in CJK characters.
pub fn is_cjk(item: &Item) -> bool {
    let cjk = |s: &str| s.chars().any(crate::refparse::names::is_cjk);
    item.title.as_deref().is_some_and(cjk)
        || item
            .author
            .iter()
            .any(|n| n.family.as_deref().is_some_and(cjk))
}

/// The `k` styles item number `key` is rendered in: distinct, drawn by the
/// key; a CJK item goes to the GB/T styles (the only bundled ones written
/// for Chinese references).
pub fn pick_styles(styles: &[Bundled], key: u64, k: usize, cjk: bool) -> Vec<usize> {
    let pool: Vec<usize> = (0..styles.len())
        .filter(|&i| !cjk || styles[i].family == Family::Gbt)
        .collect();
    let mut rng = Rng::new(key ^ 0x5EED_0F57_71E5);
    let mut out = Vec::with_capacity(k);
    while out.len() < k.min(pool.len()) {
        let s = pool[rng.below(pool.len())];
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The item with its text fields wrapped in sentinels.
fn marked_item(item: &Item) -> Item {
    let mut m = item.clone();
    let fields: [(&str, &mut Option<String>); 12] = [
        ("title", &mut m.title),
        ("container", &mut m.container_title),
        ("collection", &mut m.collection_title),
        ("volume", &mut m.volume),
        ("issue", &mut m.issue),
        ("pages", &mut m.page),
        ("publisher", &mut m.publisher),
        ("location", &mut m.publisher_place),
        ("edition", &mut m.edition),
        ("doi", &mut m.doi),
        ("isbn", &mut m.isbn),
        ("genre", &mut m.genre),
    ];
    for (label, v) in fields {
        if let Some(s) = v.as_deref() {
            *v = Some(wrap(label, s));
        }
    }
    m
}

/// Renders `items` (each with its own seed) through `style`. Returns the
/// index of each item the processor rendered with its string; items it
/// failed on are left out (and whole batches only when it fails on one).
pub fn render(style: &Bundled, items: &[(u64, &Item)]) -> Vec<(usize, Rendered)> {
    let mut out = Vec::with_capacity(items.len());
    for (b, chunk) in items.chunks(BATCH).enumerate() {
        let mut rngs = Vec::with_capacity(chunk.len());
        let mut marked = Vec::with_capacity(chunk.len());
        for (i, (seed, item)) in chunk.iter().enumerate() {
            let mut rng = Rng::new(*seed);
            let mut varied = (*item).clone();
            vary::vary_item(&mut varied, &mut rng);
            let mut m = marked_item(&varied);
            m.id = format!("i{i}");
            marked.push(m);
            rngs.push(rng);
        }
        let Ok(library) = to_library(&marked, Purpose::Render) else {
            continue;
        };
        let Ok(entries) = render_trees(&library, &style.style) else {
            continue;
        };
        for e in entries {
            let Some(i) = e.id.strip_prefix('i').and_then(|x| x.parse::<usize>().ok()) else {
                continue;
            };
            let Some(rng) = rngs.get_mut(i) else { continue };
            let keep_number = rng.chance(KEEP_NUMBER);
            let first = e.first.as_ref().filter(|_| keep_number);
            let mut text = mark::marked_text(first, &e.content);
            if let Some(url) = chunk[i].1.url.as_deref() {
                text = mark::mark_literal(&text, "url", url);
            }
            if !keep_number {
                text = drop_number(&text);
            }
            let text = vary::vary_marked(text, rng);
            let (plain, spans) = mark::strip(&text);
            if plain.trim().is_empty() || spans.is_empty() {
                continue;
            }
            let labelled = collapse(&plain, &spans);
            let gold = gold_of(&labelled);
            out.push((
                b * BATCH + i,
                Rendered {
                    style: style.name,
                    family: style.family,
                    labelled,
                    gold,
                },
            ));
        }
    }
    out.sort_by_key(|(i, _)| *i);
    out
}

/// A citation number the style printed inside the entry (`1.` at its
/// start), removed with its brackets.
fn drop_number(marked: &str) -> String {
    let l = label_index("citation_number");
    let (o, c) = (mark::open(l), mark::close(l));
    let t = marked.trim_start_matches(['[', '(']);
    if let Some(rest) = t.strip_prefix(o) {
        if let Some(end) = rest.find(c) {
            let after = rest[end + c.len_utf8()..].trim_start_matches([']', ')', '.', ' ']);
            return after.to_string();
        }
    }
    marked.to_string()
}

/// The gold fields of a labelled string: the text of each span, names as
/// lists, the date as `year`.
pub fn gold_of(l: &Labelled) -> Value {
    let mut m = Map::new();
    for &(s, e, label) in &l.spans {
        let Some(text) = l.text.get(s..e) else {
            continue;
        };
        let name = match LABELS.get(usize::from(label)).copied() {
            Some("date") => "year",
            Some(n) => n,
            None => continue,
        };
        match name {
            "author" | "editor" | "translator" => {
                // the names, not the style's "et al." (the gold of real
                // strings lists people)
                let text = without_et_al(text);
                if let Some(Value::Array(a)) = m.get_mut(name) {
                    a.push(json!(text));
                } else {
                    m.insert(name.into(), json!([text]));
                }
            }
            _ => {
                m.entry(name).or_insert_with(|| json!(text));
            }
        }
    }
    Value::Object(m)
}

/// A name list without a trailing `et al.` / `等` / `and others` (only at
/// the end: `Garnet Alan` holds "et al" too).
fn without_et_al(names: &str) -> &str {
    let mut t = names.trim_end();
    for tail in ["et al.", "et al", "等", "and others", "others", "et. al."] {
        if let Some(r) = t.strip_suffix(tail) {
            t = r.trim_end().trim_end_matches([',', ';']).trim_end();
            break;
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csl::{Date, Name};

    fn item() -> Item {
        Item {
            id: String::new(),
            kind: "article-journal".into(),
            author: vec![
                Name {
                    family: Some("Bennett".into()),
                    given: Some("Kimberley A.".into()),
                    ..Name::default()
                },
                Name {
                    family: Some("Speakman".into()),
                    given: Some("John R.".into()),
                    ..Name::default()
                },
            ],
            title: Some("Effects of mass on fasting fuel utilisation".into()),
            container_title: Some("Journal of Experimental Biology".into()),
            volume: Some("210".into()),
            issue: Some("17".into()),
            page: Some("3043–3053".into()),
            doi: Some("10.1242/jeb.009381".into()),
            issued: Some(Date::year(2007)),
            ..Item::default()
        }
    }

    fn fields(r: &Rendered) -> Vec<String> {
        r.labelled
            .spans
            .iter()
            .map(|&(s, e, l)| format!("{}={}", LABELS[usize::from(l)], &r.labelled.text[s..e]))
            .collect()
    }

    #[test]
    fn every_bundled_style_labels_the_fields_it_prints() {
        let it = item();
        let styles = bundled();
        assert!(styles.len() > 60, "{} styles", styles.len());
        let mut rendered = 0;
        for style in &styles {
            // seed 2: no variation drops a field
            for (_, r) in render(style, &[(2, &it)]) {
                rendered += 1;
                let f = fields(&r);
                let text = &r.labelled.text;
                assert!(
                    f.iter().any(|x| x.starts_with("author=")),
                    "{}: {text} {f:?}",
                    style.name
                );
                assert!(
                    f.iter().any(|x| x == "date=2007"),
                    "{}: {text} {f:?}",
                    style.name
                );
                // a span never takes in a neighbour's text
                for x in &f {
                    let (label, v) = x.split_once('=').unwrap();
                    if label == "volume" {
                        assert_eq!(v, "210", "{}: {text}", style.name);
                    }
                    if label == "title" {
                        assert!(
                            v.to_lowercase().starts_with("effects of mass"),
                            "{}: {text}",
                            style.name
                        );
                    }
                }
            }
        }
        assert!(rendered as f64 >= styles.len() as f64 * 0.9, "{rendered}");
    }

    #[test]
    fn et_al_is_not_a_name() {
        assert_eq!(without_et_al("SMITH J, LEE K, 等"), "SMITH J, LEE K");
        assert_eq!(without_et_al("Smith J, et al."), "Smith J");
        assert_eq!(without_et_al("Smith J"), "Smith J");
        assert_eq!(without_et_al("Garnet Alan"), "Garnet Alan");
    }

    #[test]
    fn apa_in_detail() {
        let it = item();
        let apa = bundled()
            .into_iter()
            .find(|s| s.name == "american-psychological-association")
            .unwrap();
        let out = render(&apa, &[(2, &it)]);
        let r = &out[0].1;
        assert_eq!(r.family, Family::Apa);
        let f = fields(r);
        assert!(f.contains(&"date=2007".to_string()), "{f:?}");
        assert!(f.contains(&"volume=210".to_string()), "{f:?}");
        assert!(f.contains(&"issue=17".to_string()), "{f:?}");
        assert!(
            f.iter().any(|x| x.starts_with("author=Bennett, K")),
            "{f:?}"
        );
        assert!(f.iter().any(|x| x.starts_with("container=J")), "{f:?}");
        assert_eq!(r.gold["year"], "2007");
    }

    #[test]
    fn rendering_is_deterministic() {
        let it = item();
        let styles = bundled();
        let a: Vec<String> = (0..20u64)
            .flat_map(|k| render(&styles[k as usize % styles.len()], &[(k, &it)]))
            .map(|(_, r)| r.labelled.text)
            .collect();
        let b: Vec<String> = (0..20u64)
            .flat_map(|k| render(&styles[k as usize % styles.len()], &[(k, &it)]))
            .map(|(_, r)| r.labelled.text)
            .collect();
        assert_eq!(a, b);
        let picks = pick_styles(&styles, 9, 4, false);
        assert_eq!(picks.len(), 4);
        assert_eq!(picks, pick_styles(&styles, 9, 4, false));
        assert!(pick_styles(&styles, 9, 2, true)
            .iter()
            .all(|&i| styles[i].family == Family::Gbt));
    }
}
