//! Variations real reference lists show beyond what a style prescribes:
//! applied to an item before it is rendered (initials, title case,
//! abbreviated journals, missing fields, page ranges) or to the marked
//! rendering after (dots, dashes, DOI prefixes, `&`).

use crate::csl::{Item, Name};

use super::mark::{edit_before, edit_field};

/// A small deterministic generator (SplitMix64): the same seed, the same
/// training data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Abbreviations of common words in journal titles (ISO 4 style).
const ABBREV: &[(&str, &str)] = &[
    ("journal", "J"),
    ("international", "Int"),
    ("american", "Am"),
    ("european", "Eur"),
    ("research", "Res"),
    ("review", "Rev"),
    ("reviews", "Rev"),
    ("science", "Sci"),
    ("sciences", "Sci"),
    ("biology", "Biol"),
    ("biological", "Biol"),
    ("chemistry", "Chem"),
    ("chemical", "Chem"),
    ("physics", "Phys"),
    ("physical", "Phys"),
    ("medicine", "Med"),
    ("medical", "Med"),
    ("clinical", "Clin"),
    ("experimental", "Exp"),
    ("proceedings", "Proc"),
    ("national", "Natl"),
    ("academy", "Acad"),
    ("society", "Soc"),
    ("applied", "Appl"),
    ("engineering", "Eng"),
    ("computer", "Comput"),
    ("computing", "Comput"),
    ("letters", "Lett"),
    ("annals", "Ann"),
    ("transactions", "Trans"),
    ("quarterly", "Q"),
    ("psychology", "Psychol"),
    ("ecology", "Ecol"),
    ("environmental", "Environ"),
    ("molecular", "Mol"),
    ("neuroscience", "Neurosci"),
    ("conference", "Conf"),
    ("annual", "Annu"),
    ("management", "Manag"),
    ("economic", "Econ"),
    ("economics", "Econ"),
    ("statistical", "Stat"),
    ("mathematics", "Math"),
    ("mathematical", "Math"),
    ("association", "Assoc"),
    ("technology", "Technol"),
];

/// A journal title abbreviated the way indexes do: common words by the
/// table, other long words cut after a consonant, `of`/`the`/`and` dropped;
/// with dots after the cut words when `dots`.
pub fn abbreviate(title: &str, dots: bool) -> String {
    if !title.trim().contains(' ') {
        return title.to_string();
    }
    let mut out = Vec::new();
    for w in title.split_whitespace() {
        let lower = w.to_lowercase();
        let core = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if matches!(core, "of" | "the" | "and" | "for" | "in" | "on" | "&") {
            continue;
        }
        let cut = ABBREV
            .iter()
            .find(|(k, _)| *k == core)
            .map(|(_, v)| v.to_string())
            .or_else(|| {
                let cs: Vec<char> = w.chars().collect();
                (cs.len() > 7 && cs.iter().all(|c| c.is_alphabetic())).then(|| {
                    // after the first vowel from the fourth letter on and
                    // the consonants after it: Hydrobiologia → Hydrob
                    let vowel = |i: usize| "aeiouy".contains(cs[i].to_ascii_lowercase());
                    let v = (3..cs.len()).find(|&i| vowel(i)).unwrap_or(cs.len());
                    let at = (v + 1..cs.len()).find(|&i| vowel(i)).unwrap_or(cs.len());
                    cs[..at].iter().collect()
                })
            });
        match cut {
            Some(c) if c.len() < w.len() => out.push(if dots { format!("{c}.") } else { c }),
            _ => out.push(w.to_string()),
        }
    }
    if out.is_empty() {
        title.to_string()
    } else {
        out.join(" ")
    }
}

/// `Effects of Mass on Fasting` ↔ `Effects of mass on fasting`.
fn title_case(s: &str, title: bool) -> String {
    let mut out = Vec::new();
    for (i, w) in s.split(' ').enumerate() {
        let mut cs = w.chars();
        let Some(first) = cs.next() else {
            out.push(String::new());
            continue;
        };
        let rest: String = cs.collect();
        // acronyms and words with inner capitals keep their case
        let keep = rest.chars().any(char::is_uppercase) || rest.chars().any(|c| c.is_ascii_digit());
        let small = matches!(
            w,
            "of" | "the" | "and" | "a" | "an" | "in" | "on" | "for" | "to" | "with" | "by" | "at"
        );
        out.push(if keep || i == 0 {
            w.to_string()
        } else if title && !small {
            first.to_uppercase().chain(rest.chars()).collect()
        } else if !title {
            first.to_lowercase().chain(rest.chars()).collect()
        } else {
            w.to_string()
        });
    }
    out.join(" ")
}

/// Initials of given names as a style without a name processor would write
/// them: `Kimberley Ann` → `K. A.`; written `KA` (gold style) → `K. A.` so
/// that the processor sees two names.
fn spread_initials(given: &str) -> String {
    let g = given.trim();
    if (1..=3).contains(&g.chars().count()) && g.chars().all(char::is_uppercase) {
        return g
            .chars()
            .map(|c| format!("{c}."))
            .collect::<Vec<_>>()
            .join(" ");
    }
    g.to_string()
}

fn vary_names(names: &mut [Name], rng: &mut Rng) {
    let initials = rng.chance(0.3);
    for n in names {
        if let Some(g) = &n.given {
            let g = spread_initials(g);
            n.given = Some(if initials {
                g.split([' ', '-'])
                    .filter_map(|p| p.chars().next())
                    .filter(|c| c.is_alphabetic())
                    .map(|c| format!("{c}."))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                g
            });
        }
    }
}

/// `3043–3053` → `3043–53`.
fn minimal_range(p: &str) -> Option<String> {
    let (a, b) = p.split_once(['–', '-'])?;
    let (a, b) = (a.trim(), b.trim_start_matches('-').trim());
    if a.len() != b.len() || !a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let same = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let keep = (b.len() - same).max(2).min(b.len());
    Some(format!("{a}–{}", &b[b.len() - keep..]))
}

/// The item varied before rendering (its text fields not yet marked).
pub fn vary_item(item: &mut Item, rng: &mut Rng) {
    vary_names(&mut item.author, rng);
    vary_names(&mut item.editor, rng);
    if item.issue.is_some() && rng.chance(0.15) {
        item.issue = None;
    }
    if item.page.is_some() && rng.chance(0.1) {
        item.page = None;
    }
    if let Some(p) = item.page.as_deref() {
        if rng.chance(0.2) {
            if let Some(m) = minimal_range(p) {
                item.page = Some(m);
            }
        }
    }
    if item.doi.is_some() && rng.chance(0.3) {
        item.doi = None;
    }
    if item.kind == "article-journal" && rng.chance(0.3) {
        if let Some(c) = item.container_title.as_deref() {
            let dots = rng.chance(0.6);
            item.container_title = Some(abbreviate(c, dots));
        }
    }
    if matches!(item.kind.as_str(), "book" | "report" | "thesis")
        && item.edition.is_none()
        && rng.chance(0.15)
    {
        item.edition = Some(["2", "3", "4"][rng.below(3)].to_string());
    }
    if let Some(t) = item.title.as_deref() {
        // one-word titles ("Editorial.", "Agreement.") stand where a name
        // could: a few keep only their first word
        let first = t.split_whitespace().next().unwrap_or("");
        if rng.chance(0.04) && first.chars().count() >= 5 && first.chars().all(char::is_alphabetic)
        {
            item.title = Some(first.to_string());
        } else if rng.chance(0.15) {
            item.title = Some(title_case(t, true));
        } else if rng.chance(0.15) {
            item.title = Some(title_case(t, false));
        }
    }
}

/// The marked rendering varied after rendering.
pub fn vary_marked(marked: String, rng: &mut Rng) -> String {
    let mut m = marked;
    if rng.chance(0.2) {
        // initials without dots: "Smith, J. A." → "Smith, J A" or "Smith, JA"
        let join = rng.chance(0.5);
        for label in ["author", "editor"] {
            m = edit_field(&m, label, |s| undot_initials(s, join));
        }
    }
    if rng.chance(0.15) {
        m = edit_field(&m, "author", |s| s.replace(" & ", " and "));
    }
    if rng.chance(0.3) {
        let dash = if rng.chance(0.7) { "-" } else { "--" };
        m = edit_field(&m, "pages", |s| s.replace('–', dash));
    }
    if rng.chance(0.4) {
        let forms = [
            "doi:",
            "doi: ",
            "DOI: ",
            "https://doi.org/",
            "https://dx.doi.org/",
            "DOI ",
        ];
        let to = forms[rng.below(forms.len())];
        m = edit_before(&m, "doi", &forms, to);
    }
    if rng.chance(0.3) {
        // "Place: Publisher" written "Publisher, Place"
        m = swap_place_and_publisher(&m);
    }
    if rng.chance(0.2) && m.ends_with('.') {
        m.pop();
    }
    m
}

/// `Oxford: Clarendon Press` → `Clarendon Press, Oxford` where the place
/// and the publisher stand together in that order.
fn swap_place_and_publisher(marked: &str) -> String {
    use super::mark::{close, open};
    use crate::refparse::model::label_index;
    let (lo, lc) = (
        open(label_index("location")),
        close(label_index("location")),
    );
    let (po, pc) = (
        open(label_index("publisher")),
        close(label_index("publisher")),
    );
    let Some(a) = marked.find(lo) else {
        return marked.to_string();
    };
    let Some(b) = marked[a..].find(lc).map(|x| a + x + lc.len_utf8()) else {
        return marked.to_string();
    };
    let Some(rest) = marked[b..].strip_prefix(": ") else {
        return marked.to_string();
    };
    if !rest.starts_with(po) {
        return marked.to_string();
    }
    let Some(e) = rest.find(pc).map(|x| x + pc.len_utf8()) else {
        return marked.to_string();
    };
    format!(
        "{}{}, {}{}",
        &marked[..a],
        &rest[..e],
        &marked[a..b],
        &rest[e..]
    )
}

/// `J. A.` → `J A` (or `JA` when `join`), only where a capital stands alone
/// before the dot.
fn undot_initials(s: &str, join: bool) -> String {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        let alone = i == 0 || !cs[i - 1].is_alphabetic();
        if c.is_uppercase() && alone && cs.get(i + 1) == Some(&'.') {
            out.push(c);
            i += 2;
            let next_initial = cs.get(i) == Some(&' ')
                && cs.get(i + 1).is_some_and(|c| c.is_uppercase())
                && matches!(cs.get(i + 2), Some('.') | Some(',') | None | Some(' '));
            if next_initial && join {
                i += 1;
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations() {
        assert_eq!(
            abbreviate("Journal of Experimental Biology", true),
            "J. Exp. Biol."
        );
        assert_eq!(
            abbreviate("Journal of Experimental Biology", false),
            "J Exp Biol"
        );
        assert_eq!(abbreviate("Hydrobiologia", true), "Hydrobiologia");
        assert_eq!(abbreviate("Hydrobiologia Acta", true), "Hydrob. Acta");
        assert_eq!(abbreviate("Nature", true), "Nature");
    }

    #[test]
    fn cases_keep_acronyms() {
        assert_eq!(
            title_case("Effects of mass on DNA repair", true),
            "Effects of Mass on DNA Repair"
        );
        assert_eq!(
            title_case("Effects of Mass on DNA Repair", false),
            "Effects of mass on DNA repair"
        );
    }

    #[test]
    fn initials() {
        assert_eq!(spread_initials("KA"), "K. A.");
        assert_eq!(spread_initials("Kim"), "Kim");
        assert_eq!(
            undot_initials("Smith, J. A., Lee, K.", false),
            "Smith, J A, Lee, K"
        );
        assert_eq!(
            undot_initials("Smith, J. A., Lee, K.", true),
            "Smith, JA, Lee, K"
        );
        assert_eq!(undot_initials("Dr. Who", true), "Dr. Who");
    }

    #[test]
    fn place_and_publisher_swap() {
        use super::super::mark::{close, open, strip};
        use crate::refparse::model::label_index;
        let (l, p) = (label_index("location"), label_index("publisher"));
        let m = format!(
            "T. {}Oxford{}: {}Clarendon Press{}. 1990.",
            open(l),
            close(l),
            open(p),
            close(p)
        );
        let swapped = swap_place_and_publisher(&m);
        assert_eq!(strip(&swapped).0, "T. Clarendon Press, Oxford. 1990.");
        let (_, spans) = strip(&swapped);
        assert_eq!(spans.len(), 2);
        assert_eq!(swap_place_and_publisher("no place"), "no place");
    }

    #[test]
    fn ranges() {
        assert_eq!(minimal_range("3043–3053").as_deref(), Some("3043–53"));
        assert_eq!(minimal_range("101-109").as_deref(), Some("101–09"));
        assert_eq!(minimal_range("9-12"), None);
        assert_eq!(minimal_range("e1234"), None);
    }

    #[test]
    fn rng_is_deterministic() {
        let a: Vec<u64> = (0..3)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..3)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        let mut r = Rng::new(1);
        assert!((0..100).all(|_| r.below(5) < 5));
    }
}
