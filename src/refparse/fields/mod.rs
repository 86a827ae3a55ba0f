//! From labelled tokens to a CSL-JSON item: each run of tokens with one
//! label becomes a field value, cleaned of the punctuation around it and
//! normalised (names split, year and month read, `vol.`/`no.` dropped,
//! `12(3)` split into volume and issue).
//!
//! This module builds the item ([`build_item`]: label repairs first, then
//! one field per labelled run) and guesses its type ([`infer_type`]); the
//! concepts it uses live in sub-modules:
//!
//! * `clean`: trimming of field values (edge punctuation, unbalanced
//!   brackets and quotes, an abbreviation's dot kept; [`clean`](fn@clean)),
//!   the `In` before a container ([`strip_in`]) and `vol.`/`pp.` prefixes;
//! * `date`: date spans ([`parse_date`]: year and suffix, month, day, or a
//!   literal such as `n.d.`);
//! * `title`: titles that hold more (an edition statement, an APA 7
//!   `[Data set]` description, a quoted title before its container, an
//!   `In` container);
//! * `repair`: label repairs at known boundary mistakes (the last author's
//!   surname or the title's first words in the author run, a title tail
//!   that starts the journal, journal abbreviations left with the title, a
//!   place's state or country code, DOI/URL link labels);
//! * `repair_tail`: label repairs at the tail of a book-like entry (a place
//!   after its publisher, an APA description after the title).

mod clean;
mod date;
mod medium;
mod repair;
mod repair_tail;
mod title;

pub use clean::{clean, strip_in, STRIP_CONTAINER_CONNECTIVE};
pub use date::parse_date;
use date::year_left_unlabelled;

use super::lex;
use super::model::LABELS;
use super::names::split_names;
use super::token::Token;
use crate::csl::{Date, DatePart, Item};
use clean::{is_edge_punct, strip_num_prefix, strip_page_prefix};
use repair::{
    leading_repeat_mark, link_labels, repair_author_role, repair_author_surname,
    repair_author_tail, repair_container_head, repair_place_code, repair_title_tail, serial_marks,
    vancouver_author_tail,
};
use title::{bracket_description, split_in_container, split_quoted_title, title_before_edition};

/// Collected runs: first text of each label, plus all runs of some.
struct Runs<'a> {
    src: &'a str,
    first: [Option<(usize, usize)>; LABELS.len()],
    /// The second run of each label, if any.
    second: [Option<(usize, usize)>; LABELS.len()],
    count: [u8; LABELS.len()],
}

impl<'a> Runs<'a> {
    fn get(&self, label: &str) -> Option<&'a str> {
        let (s, e) = self.first_span(label)?;
        self.src.get(s..e)
    }

    /// Where the first run of `label` is.
    fn first_span(&self, label: &str) -> Option<(usize, usize)> {
        let i = LABELS.iter().position(|&l| l == label)?;
        self.first[i]
    }

    /// Where the second run of `label` is.
    fn second_span(&self, label: &str) -> Option<(usize, usize)> {
        let i = LABELS.iter().position(|&l| l == label)?;
        self.second[i]
    }
}

/// A deterministic repair of the model's labels at a known boundary
/// mistake: corrected labels when a change is needed.
type Repair = fn(&str, &[Token], &[u8]) -> Option<Vec<u8>>;

/// The repairs, in the order they apply (each sees the labels the one
/// before it left).
const REPAIRS: [Repair; 14] = [
    leading_repeat_mark,
    repair_author_tail,
    vancouver_author_tail,
    repair_author_surname,
    repair_author_role,
    repair_tail::description_after_title,
    repair_tail::place_after_publisher,
    medium::internet_medium,
    repair_place_code,
    repair_title_tail,
    repair_container_head,
    serial_marks,
    link_labels,
    year_left_unlabelled,
];

/// Builds the item from the tokens of `src` and their labels.
pub fn build_item(src: &str, tokens: &[Token], labels: &[u8]) -> Item {
    let mut repaired: std::borrow::Cow<[u8]> = labels.into();
    for repair in REPAIRS {
        if let Some(l) = repair(src, tokens, &repaired) {
            repaired = l.into();
        }
    }
    let labels: &[u8] = &repaired;
    let mut runs = Runs {
        src,
        first: [None; LABELS.len()],
        second: [None; LABELS.len()],
        count: [0; LABELS.len()],
    };
    let mut last_other: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < tokens.len() && i < labels.len() {
        let l = usize::from(labels[i]);
        let start = tokens[i].start;
        let mut j = i;
        while j + 1 < tokens.len() && j + 1 < labels.len() && labels[j + 1] == labels[i] {
            j += 1;
        }
        if l < LABELS.len() {
            if runs.first[l].is_none() {
                runs.first[l] = Some((start, tokens[j].end));
            } else if runs.second[l].is_none() {
                runs.second[l] = Some((start, tokens[j].end));
            }
            runs.count[l] = runs.count[l].saturating_add(1);
            if l == 0 {
                last_other = Some((start, tokens[j].end));
            }
        }
        i = j + 1;
    }
    let mut item = Item::default();
    let text = |label: &str, abbrev: bool| {
        runs.get(label)
            .map(|s| clean(s, abbrev))
            .filter(|s| !s.is_empty())
    };
    if let Some(a) = runs.get("author") {
        let n = split_names(a);
        item.author = n.names;
        // the list goes on: said in the item, not as a false last name;
        // the model may have left `et al.` out of the author run
        let after = runs.first_span("author").map_or("", |(_, e)| &src[e..]);
        item.custom.author_et_al = n.et_al || opens_with_et_al(after);
    }
    if let Some(e) = runs.get("editor") {
        let n = split_names(e);
        item.editor = n.names;
        item.custom.editor_et_al = n.et_al;
    }
    if let Some(d) = runs.get("date") {
        item.issued = parse_date(d);
    }
    item.title = text("title", true);
    // `(2015) 'Urban foxes', Journal …`: the opening quote went with the
    // date, so the closing one is unbalanced in the title
    if let (Some(title), Some((start, _))) = (item.title.as_mut(), runs.first_span("title")) {
        let before = src.get(..start).unwrap_or("").trim_end();
        if before.ends_with(['\'', '‘']) && title.matches(['\'', '‘', '’']).count() == 1 {
            if let Some(x) = title.strip_suffix(['\'', '’']) {
                *title = x.trim_end_matches([',', '.', ' ']).to_string();
            }
        }
    }
    item.container_title = text("container", true)
        .map(|c| {
            if STRIP_CONTAINER_CONNECTIVE {
                strip_in(c)
            } else {
                c
            }
        })
        .filter(|s| !s.is_empty());
    if let Some((title, rest)) = item.title.as_deref().and_then(split_quoted_title) {
        // "“Title.” In Book, edited by …": the book is the container
        let book = rest
            .strip_prefix("In ")
            .or_else(|| rest.strip_prefix("in "));
        if let (None, Some(book)) = (&item.container_title, book) {
            let end = [", edited by", ", ed.", ", eds", " (ed"]
                .iter()
                .filter_map(|p| book.find(p))
                .min()
                .unwrap_or(book.len());
            let container = clean(&book[..end], true);
            if !container.is_empty() {
                item.container_title = Some(container);
                item.title = Some(title);
            }
        } else if item.container_title.is_none()
            && rest.starts_with(char::is_uppercase)
            && rest.split_whitespace().count() >= 2
        {
            // "“Title.” Journal of Things": the quotes end the title and
            // what follows them is where it appeared
            let container = clean(&rest, true);
            if !container.is_empty() {
                item.container_title = Some(container);
                item.title = Some(title);
            }
        }
    }
    if item.container_title.is_none() {
        // a title that starts again after other fields (`Title. In: Editors,
        // editors. Book.`) is where the first one appeared
        let after_editors =
            |(s, _e): (usize, usize)| match (runs.first_span("title"), runs.first_span("editor")) {
                (Some((_, te)), Some((es, ee))) => es >= te && ee <= s,
                _ => false,
            };
        if let Some((s, e)) = runs.second_span("title").filter(|&r| after_editors(r)) {
            item.container_title = src
                .get(s..e)
                .map(|c| strip_in(clean(c, true)))
                .filter(|c| !c.is_empty());
        }
    }
    if item.container_title.is_none() {
        if let Some((title, container)) = item.title.as_deref().and_then(split_in_container) {
            item.container_title = Some(container);
            item.title = Some(title);
        }
    }
    item.collection_title = text("collection", true);
    if let Some(v) = runs.get("volume") {
        let mut v = strip_num_prefix(v);
        // "2019;14": the Vancouver date came with the volume
        if let Ok((rest, y)) = lex::year_semicolon(&v) {
            if !rest.trim().is_empty() {
                if item.issued.is_none() {
                    item.issued = Some(Date {
                        date_parts: vec![vec![DatePart::Number(i64::from(y))]],
                        ..Date::default()
                    });
                }
                v = rest.trim().to_string();
            }
        }
        // `12(3)`, or `15, No. 6` when the model ran the issue into the volume
        let with_issue = lex::volume_issue(&v).or_else(|_| lex::volume_then_issue(&v));
        match with_issue {
            Ok((rest, (vol, iss)))
                if rest.trim_matches(is_edge_punct).is_empty() && runs.get("issue").is_none() =>
            {
                item.volume = Some(vol.to_string());
                item.issue = Some(iss.to_string());
            }
            _ => item.volume = Some(v).filter(|s| !s.is_empty()),
        }
    }
    if let Some(n) = runs.get("issue") {
        item.issue = Some(strip_num_prefix(n)).filter(|s| !s.is_empty());
    }
    if let Some(p) = runs.get("pages") {
        item.page = Some(strip_page_prefix(p)).filter(|s| !s.is_empty());
    }
    item.publisher = text("publisher", true);
    item.publisher_place = text("location", true);
    if item.publisher.is_none() && item.publisher_place.is_none() {
        // an unlabelled "Place: Publisher" left over
        if let Some((place, publisher)) = last_other
            .and_then(|(s, e)| src.get(s..e))
            .and_then(|t| lex::place_publisher(t.trim_start_matches(is_edge_punct)).ok())
            .filter(|(rest, _)| rest.trim_matches(is_edge_punct).is_empty())
            .map(|(_, pp)| pp)
        {
            item.publisher_place = Some(clean(place, true));
            item.publisher = Some(clean(publisher, true));
        }
    }
    item.edition = text("edition", true);
    // `Ocean Tides, 2nd ed., 340 pp.` taken whole for the edition: what
    // comes before the edition statement is the title; an edition run that
    // starts with the statement (`2nd ed., 340`, `(2nd ed.).`) is the
    // statement as written, its dot kept, and what follows goes to the note
    let mut edition_rest = None;
    let title_first = item
        .title
        .is_none()
        .then(|| item.edition.as_deref().and_then(title_before_edition))
        .flatten();
    if let Some((title, edition, rest)) = title_first {
        item.title = Some(title);
        item.edition = Some(edition);
        edition_rest = rest;
    } else if let Some(Ok((rest, phrase))) = runs.get("edition").map(lex::edition_phrase) {
        item.edition = Some(phrase.to_string());
        edition_rest = Some(clean(rest, true)).filter(|r| !r.is_empty());
    }
    // `(2nd ed.)` taken for a note is the edition
    let mut note = text("note", true);
    if item.edition.is_none() {
        let edition = note.as_deref().and_then(|n| match lex::edition_phrase(n) {
            Ok((rest, e)) if rest.trim_matches(is_edge_punct).is_empty() => Some(e.to_string()),
            _ => None,
        });
        if edition.is_some() {
            item.edition = edition;
            note = None;
        }
    }
    item.genre = text("genre", true);
    if let Some(d) = runs.get("doi") {
        let d = d.trim_matches(is_edge_punct);
        item.doi = Some(
            lex::doi(d)
                .map(|(_, x)| x.to_string())
                .unwrap_or_else(|_| clean(d, false)),
        );
    }
    if let Some(u) = runs.get("url") {
        let u = u.trim();
        let u = u.strip_prefix("URL").map(str::trim_start).unwrap_or(u);
        let mut u = u
            .trim_start_matches([':', '<'])
            .trim_end_matches(['>', '.', ',', ';', '(', '[', ' ']);
        // `…/1706.03762 (2017)`: a bracket the run took after the address
        // belongs to the text, unless the address opened it (`…/Foo_(bar)`)
        while let Some(x) = u.strip_suffix([')', ']']) {
            let (o, c) = if u.ends_with(')') {
                ('(', ')')
            } else {
                ('[', ']')
            };
            if u.matches(o).count() >= u.matches(c).count() {
                break;
            }
            u = x.trim_end_matches(['>', '.', ',', ';', ' ']);
        }
        // A run the model labelled URL that holds no address at all (a
        // stray `)`) is dropped rather than kept as a broken URL.
        item.url = Some(u.trim().to_string()).filter(|s| {
            s.chars().filter(|c| c.is_alphanumeric()).count() >= 4 && s.contains(['.', '/'])
        });
    }
    // A resolver address (`https://doi.org/10.…`) is the DOI it names,
    // whichever of the two labels the model gave it: the item keeps the DOI
    // only, so that no style or exporter prints the same link twice.
    if let Some(u) = item.url.as_deref() {
        if let Ok((_, d)) = lex::doi(u) {
            if item.doi.is_none() {
                item.doi = Some(d.to_string());
            }
            item.url = None;
        }
    }
    if let Some(b) = runs.get("isbn") {
        let digits: String = b
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == 'X' || *c == 'x' || *c == '-')
            .collect();
        // an ISBN has 10 or 13 digits: a short number the model took for
        // one (the `2-5` tail of a broken DOI) is not a mistyped ISBN
        let count = digits.chars().filter(|c| *c != '-').count();
        item.isbn = Some(digits.trim_matches('-').to_string()).filter(|_| count >= 9);
    }
    let mut notes: Vec<String> = Vec::new();
    if let Some(a) = runs.get("arxiv") {
        let a = clean(a, false);
        let id = match lex::arxiv(&a) {
            Ok((_, x)) => x.to_string(),
            Err(_) => a.clone(),
        };
        notes.push(format!("arXiv:{id}"));
    }
    notes.extend(edition_rest);
    notes.extend(note);
    for l in ["institution", "identifier"] {
        notes.extend(text(l, true));
    }
    if !notes.is_empty() {
        item.note = Some(notes.join("; "));
    }
    if let Some((title, what, by)) = item.title.as_deref().and_then(bracket_description) {
        item.title = Some(title);
        if item.genre.is_none() {
            item.genre = Some(what);
        }
        if item.publisher.is_none() {
            item.publisher = by;
        }
        // `[Data set]. Zenodo.`, `[Video]. YouTube.`: the name after the
        // description is who published the work
        if item.publisher.is_none() {
            item.publisher = item.container_title.take();
        }
    }
    // `Collected Essays. Ed. Mary Brown. London: Faber.`: a book read as
    // the container of a title that is not there (no volume, issue or
    // pages, a publisher) is the book itself
    if item.title.is_none()
        && item.publisher.is_some()
        && item.volume.is_none()
        && item.issue.is_none()
        && item.page.is_none()
    {
        item.title = item.container_title.take();
    }
    item.kind = infer_type(&item, runs.get("institution").is_some()).to_string();
    item
}

/// Whether `text` (what follows the author run) opens with `et al.` or
/// `等`, after separating punctuation.
fn opens_with_et_al(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '，' | '；' | '、')
    });
    let lower: String = rest.chars().take(10).collect::<String>().to_lowercase();
    lower.starts_with("et al")
        || lower.starts_with("et. al")
        || lower.starts_with('等')
        || lower.starts_with("and others")
}

/// Guesses the CSL type from the fields present.
pub fn infer_type(item: &Item, institution: bool) -> &'static str {
    let genre = item.genre.as_deref().unwrap_or("").to_lowercase();
    let cont = item.container_title.as_deref().unwrap_or("").to_lowercase();
    if genre.contains("thesis") || genre.contains("dissertation") || genre.contains("phd") {
        return "thesis";
    }
    if genre.contains("report") || genre.contains("tech") || institution {
        return "report";
    }
    if genre.contains("patent") {
        return "patent";
    }
    if genre.contains("data set") || genre.contains("dataset") {
        return "dataset";
    }
    if !cont.is_empty() {
        if cont.contains("proc")
            || cont.contains("conf")
            || cont.contains("symposium")
            || cont.contains("workshop")
        {
            return "paper-conference";
        }
        if !item.editor.is_empty() || item.publisher.is_some() || cont.starts_with("in ") {
            return "chapter";
        }
        return "article-journal";
    }
    if item.publisher.is_some() || item.isbn.is_some() {
        return "book";
    }
    if item.url.is_some() {
        return "webpage";
    }
    "document"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vancouver_year_leaves_the_volume() {
        let src = "Smith RP. Gut diversity. PLoS One. 2019;14(3):e0222394.";
        let toks = super::super::token::tokenize(src);
        let y = toks.iter().position(|t| t.text(src) == "2019").unwrap();
        let e = toks.iter().position(|t| t.text(src) == "e0222394").unwrap();
        let mut labels = vec![4u8; y];
        labels.resize(e, 8);
        labels.resize(toks.len(), 10);
        let item = build_item(src, &toks, &labels);
        assert_eq!(item.volume.as_deref(), Some("14"));
        assert_eq!(item.issue.as_deref(), Some("3"));
        assert_eq!(item.year(), Some(2019));
    }

    #[test]
    fn a_book_read_as_a_container_is_the_book() {
        use crate::refparse::model::label_index as l;
        let label = |src: &str, runs: &[(&str, &str)]| {
            let toks = super::super::token::tokenize(src);
            let mut labels = vec![l("other"); toks.len()];
            for (first, label) in runs {
                let k = toks.iter().position(|t| t.text(src) == *first).unwrap();
                labels[k..].fill(l(label));
            }
            build_item(src, &toks, &labels)
        };
        let src = "Collected Essays. Ed. Mary Brown. London: Faber, 1999.";
        let runs = [
            ("Collected", "container"),
            ("Ed", "editor"),
            ("London", "location"),
            ("Faber", "publisher"),
            ("1999", "date"),
        ];
        let item = label(src, &runs);
        assert_eq!(item.title.as_deref(), Some("Collected Essays"));
        assert_eq!(item.container_title, None);
        assert_eq!(item.kind, "book");
        // a journal cited whole keeps its container
        let src = "Technovation 21 (2001) 479–488";
        let runs = [
            ("Technovation", "container"),
            ("21", "volume"),
            ("479", "pages"),
        ];
        let item = label(src, &runs);
        assert_eq!(item.container_title.as_deref(), Some("Technovation"));
        assert_eq!(item.title, None);
    }

    #[test]
    fn a_short_number_is_no_isbn() {
        use crate::refparse::model::label_index;
        for (src, want) in [
            ("Title. 2-5", None),
            ("Title. 978-0-19-852663-6", Some("978-0-19-852663-6")),
        ] {
            let toks = super::super::token::tokenize(src);
            let mut labels = vec![label_index("title"); 2];
            labels.resize(toks.len(), label_index("isbn"));
            let item = build_item(src, &toks, &labels);
            assert_eq!(item.isbn.as_deref(), want, "{src}");
        }
    }

    #[test]
    fn quoted_titles_and_et_al() {
        assert_eq!(
            split_quoted_title("\"Why Did It Get So Big?\" In Major Problems, edited by R. B."),
            Some((
                "Why Did It Get So Big?".to_string(),
                "In Major Problems, edited by R. B.".to_string()
            ))
        );
        assert_eq!(split_quoted_title("\"Whole title\""), None);
        let src = "Horvath KJ, Oakes JM, et al. Feasibility, acceptability. J 1";
        let toks = super::super::token::tokenize(src);
        let fe = toks
            .iter()
            .position(|t| t.text(src) == "Feasibility")
            .unwrap();
        let mut labels = vec![1u8; fe + 2];
        labels.resize(toks.len(), 4);
        let fixed = repair_author_tail(src, &toks, &labels).unwrap();
        assert_eq!(fixed[fe], 4);
        assert_eq!(fixed[fe - 2], 1, "'al' stays with the authors");
    }
}
