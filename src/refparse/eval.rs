//! Field-level scoring of parsed references against labelled reference
//! strings, mirroring the project scorer (`score.py refs`): the same
//! normalisation of every field and micro-averaged precision/recall/F1.
//! Used by the corpus ratchet test and by cross-validation during training.

use std::collections::BTreeMap;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::csl::{DatePart, Item, Name};

/// The scored fields, in report order.
pub const FIELDS: [&str; 13] = [
    "author",
    "title",
    "container",
    "year",
    "volume",
    "issue",
    "pages",
    "publisher",
    "location",
    "doi",
    "url",
    "isbn",
    "edition",
];

/// NFKC, accents stripped, lower-cased, letters and digits only, single-spaced.
pub fn norm_text(s: &str) -> String {
    let folded: String = s
        .nfkc()
        .collect::<String>()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect();
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

/// Letter counts of a name list with `et al.`, `and`, `eds` … removed.
fn author_letters(text: &str) -> BTreeMap<char, u32> {
    let n = norm_text(text);
    let words: Vec<&str> = n.split(' ').collect();
    let mut m = BTreeMap::new();
    for (i, w) in words.iter().enumerate() {
        let noise = matches!(
            *w,
            "and" | "und" | "et" | "ed" | "eds" | "editor" | "editors" | "hrsg" | "others"
        ) || (*w == "al" && i > 0 && words[i - 1] == "et");
        if !noise {
            for c in w.chars() {
                *m.entry(c).or_insert(0) += 1;
            }
        }
    }
    m
}

fn names_text(names: &[Name]) -> String {
    let mut parts = Vec::new();
    for a in names {
        for p in [
            &a.family,
            &a.given,
            &a.literal,
            &a.non_dropping_particle,
            &a.suffix,
        ]
        .into_iter()
        .flatten()
        {
            parts.push(p.as_str());
        }
    }
    parts.join(" ")
}

/// A container title without the connective `In`/`In:` in front (the
/// scorer drops it on both sides: the style prints it, not the title).
fn norm_container(s: &str) -> Option<String> {
    let t = norm_text(s);
    nonempty(match t.strip_prefix("in ") {
        Some(rest) => rest.to_string(),
        None => t,
    })
}

fn norm_num(s: &str) -> String {
    let t = norm_text(s);
    let mut t = t.as_str();
    for p in [
        "vol ", "volume ", "no ", "nr ", "n ", "issue ", "iss ", "number ", "bd ", "heft ", "t ",
        "tome ",
    ] {
        if let Some(r) = t.strip_prefix(p) {
            t = r;
            break;
        }
    }
    t.replace(' ', "")
}

fn norm_pages(s: &str) -> Vec<String> {
    let s: String = s.nfkc().collect();
    let mut t = s.trim_start();
    let lower = t.to_lowercase();
    for p in ["pages", "page", "seiten", "pp", "p", "s"] {
        if lower.starts_with(p) {
            let rest = &t[p.len()..];
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            // the Python pattern needs the prefix to be followed by \.?\s* and then anything
            t = rest.trim_start();
            break;
        }
    }
    let mut toks = Vec::new();
    let cs: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        let digit_at = |k: usize| cs.get(k).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || (c.is_ascii_alphabetic() && digit_at(i + 1)) {
            let st = i;
            i += 1;
            while digit_at(i) {
                i += 1;
            }
            if cs.get(i).is_some_and(char::is_ascii_alphabetic) {
                i += 1;
            }
            toks.push(cs[st..i].iter().collect::<String>().to_lowercase());
        } else if "ivxlcdmIVXLCDM".contains(c) {
            let st = i;
            while i < cs.len() && "ivxlcdmIVXLCDM".contains(cs[i]) {
                i += 1;
            }
            toks.push(cs[st..i].iter().collect::<String>().to_lowercase());
        } else {
            i += 1;
        }
    }
    match toks.len() {
        0 => vec![],
        1 => vec![toks[0].clone()],
        _ => {
            let first = toks[0].clone();
            let mut last = toks[toks.len() - 1].clone();
            let all_digits = |x: &str| x.chars().all(|c| c.is_ascii_digit());
            if all_digits(&first) && all_digits(&last) && last.len() < first.len() {
                last = format!("{}{}", &first[..first.len() - last.len()], last);
            }
            vec![first, last]
        }
    }
}

fn norm_doi(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let mut t = s.as_str();
    for p in [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ] {
        if let Some(r) = t.strip_prefix(p) {
            t = r.trim_start();
            break;
        }
    }
    t.trim_end_matches(['.', ',', ';']).to_string()
}

fn first_year(s: &str) -> Option<String> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3))
        .find(|&i| b[i..i + 4].iter().all(u8::is_ascii_digit))
        .map(|i| s[i..i + 4].to_string())
}

fn isbn(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_digit() || *c == 'x' || *c == 'X')
        .collect::<String>()
        .to_uppercase()
}

fn nonempty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// A comparable value of one field.
#[derive(Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Letters(BTreeMap<char, u32>),
    Pages(Vec<String>),
}

fn gstr<'a>(g: &'a serde_json::Value, k: &str) -> Option<&'a str> {
    g.get(k).and_then(serde_json::Value::as_str)
}

/// The gold value of `field` in a `fields` object of the refstrings format.
pub fn gold_field(field: &str, g: &serde_json::Value) -> Option<Value> {
    let split_vol = |v: &str| -> Option<(String, String)> {
        let v = v.trim();
        let open = v.find('(')?;
        v.ends_with(')').then(|| {
            (
                v[..open].trim().to_string(),
                v[open + 1..v.len() - 1].to_string(),
            )
        })
    };
    match field {
        "author" => {
            let a = g.get("author")?.as_array()?;
            if a.is_empty() {
                return None;
            }
            let t: Vec<&str> = a.iter().filter_map(serde_json::Value::as_str).collect();
            Some(Value::Letters(author_letters(
                &t.join(" ").replace('&', " "),
            )))
        }
        "year" => first_year(gstr(g, "year")?).map(Value::Text),
        "volume" => {
            let v = gstr(g, "volume")?;
            let v = match (gstr(g, "issue"), split_vol(v)) {
                (None, Some((vol, _))) => vol,
                _ => v.to_string(),
            };
            nonempty(norm_num(&v)).map(Value::Text)
        }
        "issue" => {
            let v = match gstr(g, "issue") {
                Some(i) if !i.is_empty() => i.to_string(),
                _ => split_vol(gstr(g, "volume")?)?.1,
            };
            nonempty(norm_num(&v)).map(Value::Text)
        }
        "pages" => {
            let p = norm_pages(gstr(g, "pages")?);
            (!p.is_empty()).then_some(Value::Pages(p))
        }
        "doi" => nonempty(norm_doi(gstr(g, "doi")?)).map(Value::Text),
        "isbn" => nonempty(isbn(gstr(g, "isbn")?)).map(Value::Text),
        "container" => norm_container(gstr(g, "container")?).map(Value::Text),
        f => nonempty(norm_text(gstr(g, f)?)).map(Value::Text),
    }
}

/// The predicted value of `field` in an item.
pub fn pred_field(field: &str, c: &Item) -> Option<Value> {
    let t = |s: &Option<String>| {
        s.as_deref()
            .map(norm_text)
            .and_then(nonempty)
            .map(Value::Text)
    };
    match field {
        "author" => (!c.author.is_empty())
            .then(|| Value::Letters(author_letters(&names_text(&c.author).replace('&', " ")))),
        "title" => t(&c.title),
        "container" => norm_container(c.container_title.as_deref()?).map(Value::Text),
        "year" => {
            let d = c.issued.as_ref()?;
            if let Some(p) = d.date_parts.first().and_then(|p| p.first()) {
                return Some(Value::Text(match p {
                    DatePart::Number(n) => n.to_string(),
                    DatePart::Text(s) => s.clone(),
                }));
            }
            first_year(d.raw.as_deref().or(d.literal.as_deref())?).map(Value::Text)
        }
        "volume" => nonempty(norm_num(c.volume.as_deref()?)).map(Value::Text),
        "issue" => nonempty(norm_num(c.issue.as_deref()?)).map(Value::Text),
        "pages" => {
            let p = norm_pages(c.page.as_deref()?);
            (!p.is_empty()).then_some(Value::Pages(p))
        }
        "publisher" => t(&c.publisher),
        "location" => t(&c.publisher_place),
        "doi" => nonempty(norm_doi(c.doi.as_deref()?)).map(Value::Text),
        "url" => t(&c.url),
        "isbn" => nonempty(isbn(c.isbn.as_deref()?)).map(Value::Text),
        "edition" => t(&c.edition),
        _ => None,
    }
}

/// Micro-averaged counts.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub tp: u32,
    pub predicted: u32,
    pub gold: u32,
}

impl Counts {
    pub fn f1(&self) -> f64 {
        let p = if self.predicted == 0 {
            0.0
        } else {
            f64::from(self.tp) / f64::from(self.predicted)
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            f64::from(self.tp) / f64::from(self.gold)
        };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Per-field and overall counts.
#[derive(Debug, Default)]
pub struct Score {
    pub fields: BTreeMap<&'static str, Counts>,
    pub all: Counts,
    /// References added.
    pub strings: usize,
}

impl Score {
    /// Adds one reference: its gold `fields` object and the predicted item.
    pub fn add(&mut self, gold: &serde_json::Value, pred: &Item) {
        self.strings += 1;
        for f in FIELDS {
            let g = gold_field(f, gold);
            let p = pred_field(f, pred);
            if g.is_none() && p.is_none() {
                continue;
            }
            let ok = g.is_some() && g == p;
            for c in [self.fields.entry(f).or_default(), &mut self.all] {
                c.tp += u32::from(ok);
                c.predicted += u32::from(p.is_some());
                c.gold += u32::from(g.is_some());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_matches_the_scorer() {
        assert_eq!(norm_text("  Ré-sumé:  ﬁne, Éd. "), "re sume fine ed");
        assert_eq!(norm_num("Vol. 9"), "9");
        assert_eq!(norm_num("No. 3-4"), "34");
        assert_eq!(norm_pages("pp. 361–94"), vec!["361", "394"]);
        assert_eq!(norm_pages("e1234"), vec!["e1234"]);
        assert_eq!(norm_doi("https://doi.org/10.1/X."), "10.1/x");
        assert_eq!(
            norm_container("In: Proc. Int. Conf."),
            norm_container("Proc Int Conf")
        );
        assert_eq!(
            norm_container("Inorganic Chemistry").as_deref(),
            Some("inorganic chemistry")
        );
        assert_eq!(norm_container("In"), Some("in".to_string()));
        assert_eq!(
            author_letters("Smith, J. et al."),
            author_letters("J Smith")
        );
        assert_ne!(
            author_letters("Smith, J. and Al Doe"),
            author_letters("Smith J Doe")
        );
    }

    #[test]
    fn score_counts() {
        let gold: serde_json::Value =
            serde_json::json!({"title": "A Title.", "year": "1998", "volume": "1(2)"});
        let item = Item {
            title: Some("a title".into()),
            issued: Some(crate::csl::Date::year(1999)),
            volume: Some("1".into()),
            issue: Some("2".into()),
            ..Item::default()
        };
        let mut s = Score::default();
        s.add(&gold, &item);
        assert_eq!((s.all.tp, s.all.predicted, s.all.gold), (3, 4, 4));
        assert_eq!(s.fields["year"].tp, 0);
    }
}
