//! BibTeX and BibLaTeX output.
//!
//! Field values are built as `biblatex` chunks and escaped by the `biblatex`
//! crate (`& % $ # _ { } ~ ^ \` get a backslash); this module chooses the
//! entry type, the field names of each dialect and their order, and lays the
//! entries out one field a line.
//!
//! - Capitals that a style must not lowercase are protected with braces: a
//!   word with a capital after its first letter (`{CPU}`, `{iPhone}`) always;
//!   in a title written in sentence case, also every capitalised word after
//!   the first (`{Tallinn}`), since there a capital marks a proper noun.
//! - Page ranges are written with `--`.
//! - Corporate names and names without a given name are braced
//!   (`{World Health Organization}`), so BibTeX does not split them.
//! - BibTeX gets `year`/`month` (a month macro such as `aug`), `journal`,
//!   `address`, `school`, and `@misc` with `howpublished = {\url{…}}` for web
//!   pages; BibLaTeX gets `date`, `journaltitle`, `location`, `institution`,
//!   `@online`, `@thesis`, `@report`, and `eprint` for a PubMed id. Both get
//!   `urldate` for an access date.

use biblatex::{Chunk, ChunksExt, Spanned};

use super::{latex, rich};
use crate::csl::{Date, DatePart, Item, Name};

/// Which flavour of `.bib` to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Classic BibTeX.
    Bibtex,
    /// BibLaTeX (biber).
    Biblatex,
}

/// A field value: chunks escaped by the `biblatex` crate, rich text, or
/// raw TeX.
enum Value {
    Chunks(Vec<Spanned<Chunk>>),
    /// CSL rich text written as LaTeX markup ([`latex`]); `true` for a title,
    /// whose capitals are protected.
    Rich(String, bool),
    /// Written as is, braces included (`aug`, `{\url{…}}`).
    Raw(String),
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Writes all `items` (which already have unique ids).
pub fn to_bibtex(items: &[Item], dialect: Dialect) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&entry(item, dialect));
    }
    out
}

/// The `@type` of `item` in `dialect`.
pub fn entry_type(item: &Item, dialect: Dialect) -> &'static str {
    let genre = item.genre.as_deref().unwrap_or("").to_lowercase();
    let bibtex = dialect == Dialect::Bibtex;
    match item.kind.as_str() {
        "article-journal" | "article" | "article-magazine" | "article-newspaper" | "review"
        | "review-book" => "article",
        "book" | "classic" => "book",
        "collection" => {
            if bibtex {
                "book"
            } else {
                "collection"
            }
        }
        "periodical" => {
            if bibtex {
                "misc"
            } else {
                "periodical"
            }
        }
        "chapter" => "incollection",
        "entry" | "entry-dictionary" | "entry-encyclopedia" => {
            if bibtex {
                "incollection"
            } else {
                "inreference"
            }
        }
        "paper-conference" => "inproceedings",
        "thesis" => match (bibtex, genre.contains("master")) {
            (true, true) => "mastersthesis",
            (true, false) => "phdthesis",
            (false, _) => "thesis",
        },
        "report" => {
            if bibtex {
                "techreport"
            } else {
                "report"
            }
        }
        "manuscript" => "unpublished",
        "pamphlet" => "booklet",
        "webpage" | "post" | "post-weblog" => {
            if bibtex {
                "misc"
            } else {
                "online"
            }
        }
        "dataset" if !bibtex => "dataset",
        "software" if !bibtex => "software",
        "patent" if !bibtex => "patent",
        _ => "misc",
    }
}

fn is_web(item: &Item) -> bool {
    matches!(item.kind.as_str(), "webpage" | "post" | "post-weblog")
}

/// One entry, `@type{key,` to `}` and a newline.
pub fn entry(item: &Item, dialect: Dialect) -> String {
    let ty = entry_type(item, dialect);
    let bibtex = dialect == Dialect::Bibtex;
    let mut fields: Vec<(&str, Value)> = Vec::new();
    let text = |fields: &mut Vec<(&str, Value)>, name: &'static str, value: &Option<String>| {
        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            let value = if is_verbatim_field(name) {
                Value::Chunks(normal(v))
            } else {
                Value::Rich(v.to_string(), false)
            };
            fields.push((name, value));
        }
    };

    if !item.author.is_empty() {
        let list = names(&item.author, item.custom.author_et_al);
        fields.push(("author", Value::Chunks(list)));
    }
    if !item.editor.is_empty() {
        let list = names(&item.editor, item.custom.editor_et_al);
        fields.push(("editor", Value::Chunks(list)));
    }
    if let Some(title) = item.title.as_deref().filter(|t| !t.trim().is_empty()) {
        fields.push(("title", Value::Rich(title.trim().to_string(), true)));
    }
    let container = match ty {
        "article" | "periodical" => {
            if bibtex {
                "journal"
            } else {
                "journaltitle"
            }
        }
        _ if is_web(item) => "organization",
        _ => "booktitle",
    };
    if let Some(c) = item
        .container_title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        fields.push((container, Value::Rich(c.trim().to_string(), true)));
    }
    text(&mut fields, "series", &item.collection_title);
    text(&mut fields, "edition", &item.edition);
    text(&mut fields, "volume", &item.volume);
    text(&mut fields, "number", &item.issue);
    if let Some(p) = item
        .page
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        fields.push(("pages", Value::Chunks(normal(&page_range(p)))));
    }
    if let Some(date) = &item.issued {
        date_fields(&mut fields, date, dialect);
    }
    let publisher = match item.kind.as_str() {
        "thesis" if bibtex => "school",
        "thesis" | "report" => "institution",
        _ => "publisher",
    };
    text(&mut fields, publisher, &item.publisher);
    text(
        &mut fields,
        if bibtex { "address" } else { "location" },
        &item.publisher_place,
    );
    text(&mut fields, "type", &item.genre);
    if bibtex && ty == "misc" {
        if let Some(url) = item.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            let escaped = normal_verbatim(url);
            fields.push(("howpublished", Value::Raw(format!("{{\\url{escaped}}}"))));
        }
    }
    text(&mut fields, "doi", &item.doi);
    text(&mut fields, "isbn", &item.isbn);
    text(&mut fields, "issn", &item.issn);
    if bibtex {
        text(&mut fields, "pmid", &item.pmid);
    } else if item.pmid.as_deref().is_some_and(|p| !p.trim().is_empty()) {
        text(&mut fields, "eprint", &item.pmid);
        fields.push(("eprinttype", Value::Chunks(normal("pubmed"))));
    }
    text(&mut fields, "url", &item.url);
    if let Some(accessed) = item.accessed.as_ref().and_then(iso_date) {
        fields.push(("urldate", Value::Chunks(normal(&accessed))));
    }
    text(&mut fields, "note", &item.note);

    let mut out = format!("@{ty}{{{},\n", bib_key(&item.id));
    for (name, value) in fields {
        let value = match value {
            Value::Chunks(chunks) => chunks.to_biblatex_string(is_verbatim_field(name)),
            Value::Rich(text, true) => format!("{{{}}}", title_markup(&text)),
            Value::Rich(text, false) => format!(
                "{{{}}}",
                latex::write(&one_line(&text), &|t, _| latex::escape(t))
            ),
            Value::Raw(raw) => raw,
        };
        out.push_str(&format!("  {name} = {value},\n"));
    }
    out.push_str("}\n");
    out
}

/// Fields whose value the `biblatex` crate reads verbatim (no TeX
/// commands, only braces and backslashes escaped), as it does itself.
pub(crate) fn is_verbatim_field(name: &str) -> bool {
    matches!(
        name,
        "doi" | "url" | "file" | "eprint" | "pdf" | "uri" | "urlraw"
    )
}

/// `year`/`month` (BibTeX) or `date` (BibLaTeX).
///
/// A date that BibTeX tools cannot parse (a literal such as `n.d.`, a
/// five-digit year, month 13) goes to `date` as text: biber and the `biblatex`
/// crate keep such a `date` as text, while a bad `year` or `month` is an
/// error for them. `in press` and the like become BibLaTeX's `pubstate`.
fn date_fields(fields: &mut Vec<(&str, Value)>, date: &Date, dialect: Dialect) {
    let ranges: Vec<Vec<i64>> = date
        .date_parts
        .iter()
        .map(|p| p.iter().map_while(part_number).collect::<Vec<_>>())
        .filter(|p| !p.is_empty())
        .collect();
    let first: Vec<i64> = ranges.first().cloned().unwrap_or_default();
    if first.is_empty() {
        let literal = date.literal.as_deref().or(date.raw.as_deref());
        if let Some(lit) = literal.map(str::trim).filter(|l| !l.is_empty()) {
            match pubstate(lit) {
                Some(state) => fields.push(("pubstate", Value::Chunks(normal(state)))),
                None => fields.push(("date", Value::Chunks(normal(lit)))),
            }
        }
        return;
    }
    if !ranges.iter().all(|r| valid_date(r)) {
        let text: Vec<String> = ranges
            .iter()
            .map(|r| r.iter().map(i64::to_string).collect::<Vec<_>>().join("-"))
            .collect();
        fields.push(("date", Value::Chunks(normal(&text.join("/")))));
        return;
    }
    match dialect {
        Dialect::Bibtex => {
            fields.push(("year", Value::Chunks(normal(&first[0].to_string()))));
            if let Some(m) = first.get(1).and_then(|m| usize::try_from(*m).ok()) {
                match MONTHS.get(m.wrapping_sub(1)) {
                    Some(name) => fields.push(("month", Value::Raw(name.to_string()))),
                    None => fields.push(("month", Value::Chunks(normal(&m.to_string())))),
                }
            }
            if let Some(d) = first.get(2) {
                fields.push(("day", Value::Chunks(normal(&d.to_string()))));
            }
        }
        Dialect::Biblatex => {
            let mut iso: Vec<String> = date
                .date_parts
                .iter()
                .map(|p| iso_parts(&p.iter().map_while(part_number).collect::<Vec<_>>()))
                .filter(|s| !s.is_empty())
                .collect();
            iso.truncate(2);
            fields.push(("date", Value::Chunks(normal(&iso.join("/")))));
        }
    }
}

/// Year 1–9999, month 1–12, day 1–31: what `year`/`month`/`day` and ISO
/// `date` fields can hold.
fn valid_date(parts: &[i64]) -> bool {
    let year = parts.first().is_some_and(|y| (1..=9999).contains(y));
    let month = parts.get(1).is_none_or(|m| (1..=12).contains(m));
    let day = parts.get(2).is_none_or(|d| (1..=31).contains(d));
    year && month && day
}

/// BibLaTeX's `pubstate` key for a literal date such as `in press`.
pub fn pubstate(literal: &str) -> Option<&'static str> {
    let key: String = literal
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    match key.as_str() {
        "inpress" => Some("inpress"),
        "forthcoming" => Some("forthcoming"),
        "submitted" => Some("submitted"),
        "inpreparation" => Some("inpreparation"),
        "prepublished" => Some("prepublished"),
        _ => None,
    }
}

fn part_number(p: &DatePart) -> Option<i64> {
    match p {
        DatePart::Number(n) => Some(*n),
        DatePart::Text(s) => s.trim().parse().ok(),
    }
}

/// `2008`, `2008-08`, `2008-08-15`.
fn iso_parts(parts: &[i64]) -> String {
    match parts {
        [] => String::new(),
        [y] => format!("{y:04}"),
        [y, m] => format!("{y:04}-{m:02}"),
        [y, m, d, ..] => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// The first date of `date` in ISO form.
pub(crate) fn iso_date(date: &Date) -> Option<String> {
    let parts: Vec<i64> = date
        .date_parts
        .first()?
        .iter()
        .map_while(part_number)
        .collect();
    Some(iso_parts(&parts)).filter(|s| !s.is_empty())
}

/// `361-394`, `361–394` → `361--394`.
pub fn page_range(pages: &str) -> String {
    let mut out = String::new();
    let mut in_dash = false;
    for c in pages.chars() {
        if matches!(c, '-' | '–' | '—' | '‐' | '‑') {
            if !in_dash {
                out.push_str("--");
            }
            in_dash = true;
        } else {
            out.push(c);
            in_dash = false;
        }
    }
    out
}

/// A key BibTeX can read back: no spaces, commas, braces or quotes.
pub fn bib_key(id: &str) -> String {
    let key: String = id
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace()
                || matches!(
                    c,
                    ',' | '{' | '}' | '(' | ')' | '"' | '#' | '%' | '\'' | '=' | '\\'
                )
            {
                '_'
            } else {
                c
            }
        })
        .collect();
    if key.is_empty() {
        "ref".into()
    } else {
        key
    }
}

fn normal(s: &str) -> Vec<Spanned<Chunk>> {
    vec![Spanned::detached(Chunk::Normal(one_line(s)))]
}

/// Escapes a URL for use inside `\url{…}`: braces and backslashes as the
/// crate does for verbatim fields, and `%` and `#`, which would end or break
/// the `.bbl` line that carries the command.
fn normal_verbatim(s: &str) -> String {
    let braced = [Spanned::detached(Chunk::Normal(one_line(s)))].to_biblatex_string(true);
    braced.replace('%', "\\%").replace('#', "\\#")
}

/// BibTeX treats a line break as a space; writing one keeps entries tidy.
fn one_line(s: &str) -> String {
    if s.contains(['\n', '\r']) {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        s.to_string()
    }
}

/// `Li, Hongyuan and van der Berg, Jr., Jan and {World Health Organization}`;
/// a list that goes on (`et_al`) ends in `and others`, BibTeX's own mark
/// for it (styles print their `et al.` there).
fn names(list: &[Name], et_al: bool) -> Vec<Spanned<Chunk>> {
    let mut chunks = Vec::new();
    for (i, name) in list.iter().enumerate() {
        if i > 0 {
            chunks.push(Spanned::detached(Chunk::Normal(" and ".into())));
        }
        chunks.extend(name_chunks(name));
    }
    if et_al {
        chunks.push(Spanned::detached(Chunk::Normal(" and others".into())));
    }
    chunks
}

fn name_chunks(name: &Name) -> Vec<Spanned<Chunk>> {
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(one_line)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let family = clean(&name.family);
    let given = clean(&name.given);
    let (Some(family), Some(given)) = (family.clone(), given.clone()) else {
        // A corporate name, or a family or given name alone: one braced unit.
        let whole = clean(&name.literal)
            .or(family)
            .map(|f| match clean(&name.non_dropping_particle) {
                Some(p) => format!("{p} {f}"),
                None => f,
            })
            .or(given)
            .unwrap_or_default();
        return vec![Spanned::detached(Chunk::Verbatim(whole))];
    };
    let needs_brace =
        |s: &str| s.contains(',') || s.to_lowercase().split_whitespace().any(|w| w == "and");
    let mut chunks = Vec::new();
    if let Some(particle) = clean(&name.non_dropping_particle) {
        chunks.push(Spanned::detached(Chunk::Normal(format!("{particle} "))));
    }
    if needs_brace(&family) {
        chunks.push(Spanned::detached(Chunk::Verbatim(family)));
    } else {
        chunks.push(Spanned::detached(Chunk::Normal(family)));
    }
    let mut rest = String::new();
    if let Some(suffix) = clean(&name.suffix) {
        rest.push_str(&format!(", {suffix}"));
    }
    rest.push_str(&format!(", {given}"));
    chunks.push(Spanned::detached(Chunk::Normal(rest)));
    chunks
}

/// A title (CSL rich text) as the body of a `.bib` field: its markup as
/// LaTeX ([`latex`]) and, in its plain runs, capitals protected (see the
/// module docs).
pub fn title_markup(title: &str) -> String {
    let title = one_line(title);
    let plain = rich::plain(&title);
    let words: Vec<&str> = plain.split(' ').collect();
    let sentence_case = is_sentence_case(&words);
    latex::write(&title, &|run, at_start| {
        protect_words(run, sentence_case, at_start)
    })
}

/// One run of title text, escaped, with the words whose capitals must stay
/// braced (`{CPU}`); `at_start` when the run opens the title, whose first
/// word is capitalised in any case.
fn protect_words(run: &str, sentence_case: bool, at_start: bool) -> String {
    let mut out = String::new();
    for (i, word) in run.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let start = word.find(|c: char| c.is_alphanumeric());
        let end = word
            .rfind(|c: char| c.is_alphanumeric())
            .map(|e| e + word[e..].chars().next().map_or(1, char::len_utf8));
        let (Some(start), Some(end)) = (start, end) else {
            out.push_str(&latex::escape(word));
            continue;
        };
        let core = &word[start..end];
        let inner_capital = core.chars().skip(1).any(char::is_uppercase);
        let first_word = at_start && i == 0;
        let proper_noun = sentence_case
            && !first_word
            && core.chars().next().is_some_and(char::is_uppercase)
            && core.chars().count() > 1;
        if inner_capital || proper_noun {
            out.push_str(&latex::escape(&word[..start]));
            out.push('{');
            out.push_str(&latex::escape(core));
            out.push('}');
            out.push_str(&latex::escape(&word[end..]));
        } else {
            out.push_str(&latex::escape(word));
        }
    }
    out
}

/// Whether most words after the first start in lowercase (so capitals mark
/// proper nouns), as opposed to Title Case.
fn is_sentence_case(words: &[&str]) -> bool {
    let mut lower = 0;
    let mut upper = 0;
    for w in words.iter().skip(1) {
        let core: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        if core.chars().count() < 4 {
            continue; // short words are lowercase in Title Case too
        }
        match core.chars().next() {
            Some(c) if c.is_lowercase() => lower += 1,
            Some(c) if c.is_uppercase() => upper += 1,
            _ => {}
        }
    }
    lower > upper
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(chunks: &[Spanned<Chunk>]) -> String {
        chunks.to_biblatex_string(false)
    }

    #[test]
    fn protects_acronyms_in_title_case() {
        assert_eq!(
            title_markup("Fast CPU Caches for the iPhone: A Study"),
            "Fast {CPU} Caches for the {iPhone}: A Study"
        );
    }

    #[test]
    fn protects_proper_nouns_in_sentence_case() {
        assert_eq!(
            title_markup("The impact of the Tallinn manual on cyber law"),
            "The impact of the {Tallinn} manual on cyber law"
        );
    }

    #[test]
    fn escapes_specials() {
        assert_eq!(
            title_markup("R&D costs 5% of $x_1 #2 {a}"),
            "{R\\&D} costs 5\\% of \\$x\\_1 \\#2 \\{a\\}"
        );
    }

    #[test]
    fn title_markup_is_latex_with_capitals_protected_outside_it() {
        assert_eq!(
            title_markup("The <span class=\"nocase\">DNA</span> of <i>E. coli</i> in Tallinn"),
            "The {DNA} of \\emph{E. coli} in Tallinn"
        );
        assert_eq!(
            title_markup("<i>Drosophila</i> genes found in the Baltic region during summer"),
            "\\emph{Drosophila} genes found in the {Baltic} region during summer"
        );
        assert_eq!(
            title_markup("Genes of <i>Drosophila</i> found in the Baltic region during summer"),
            "Genes of \\emph{{Drosophila}} found in the {Baltic} region during summer"
        );
    }

    #[test]
    fn pages_use_double_dash() {
        assert_eq!(page_range("361-394"), "361--394");
        assert_eq!(page_range("361–394"), "361--394");
        assert_eq!(page_range("12, 15-17"), "12, 15--17");
        assert_eq!(page_range("e1234"), "e1234");
    }

    #[test]
    fn name_forms() {
        let n = Name {
            family: Some("Berg".into()),
            given: Some("Jan".into()),
            non_dropping_particle: Some("van der".into()),
            suffix: Some("Jr.".into()),
            literal: None,
        };
        assert_eq!(
            write(&names(&[Name::person("Li", "Hongyuan"), n], false)),
            "{Li, Hongyuan and van der Berg, Jr., Jan}"
        );
        assert_eq!(
            write(&names(
                &[Name::literal("Food and Drug Administration")],
                false
            )),
            "{{Food and Drug Administration}}"
        );
        assert_eq!(
            write(&names(&[Name::person("Hotez", "P. J.")], true)),
            "{Hotez, P. J. and others}"
        );
    }

    #[test]
    fn url_in_howpublished_is_escaped() {
        let item = Item {
            id: "w".into(),
            kind: "webpage".into(),
            url: Some("https://x.org/a%20b#frag_1".into()),
            ..Item::default()
        };
        let bib = entry(&item, Dialect::Bibtex);
        assert!(
            bib.contains("howpublished = {\\url{https://x.org/a\\%20b\\#frag_1}},"),
            "{bib}"
        );
        assert!(bib.contains("url = {https://x.org/a%20b#frag_1},"), "{bib}");
        let parsed = biblatex::Bibliography::parse(&bib).unwrap();
        let url: String = parsed.get("w").unwrap().get_as("url").unwrap();
        assert_eq!(url, "https://x.org/a%20b#frag_1");
    }

    #[test]
    fn keys_are_sanitised() {
        assert_eq!(bib_key("a b,c"), "a_b_c");
        assert_eq!(bib_key("  "), "ref");
    }
}
