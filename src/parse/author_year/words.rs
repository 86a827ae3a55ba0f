//! The word lists of author-year citations: name particles, words that
//! never begin a cited name, and words that are names only now and then.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Lower-case name particles.
pub(super) const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "delle", "di", "da", "du", "des", "la", "le",
    "dos", "das", "do", "ten", "ter", "zu", "af", "al", "el", "bin", "ibn", "y", "st.",
];

/// Capitalised words that never begin a name in a citation.
const STOP: &[&str] = &[
    "the",
    "this",
    "that",
    "these",
    "those",
    "there",
    "then",
    "thus",
    "in",
    "on",
    "at",
    "as",
    "for",
    "from",
    "by",
    "with",
    "we",
    "our",
    "see",
    "also",
    "however",
    "although",
    "while",
    "when",
    "where",
    "after",
    "before",
    "during",
    "since",
    "table",
    "tables",
    "fig",
    "figs",
    "figure",
    "figures",
    "supplementary",
    "appendix",
    "box",
    "eq",
    "equation",
    "section",
    "chapter",
    "panel",
    "file",
    "data",
    "note",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "both",
    "all",
    "and",
    "or",
    "but",
    "if",
    "it",
    "its",
    "to",
    "of",
    "a",
    "one",
    "two",
    "three",
    "here",
    "study",
    "studies",
    "experiment",
    "experiments",
    "ref",
    "refs",
    "reference",
    "references",
    "accession",
    "genbank",
    "no",
    "vol",
    "p",
    "pp",
    "n",
    "e.g",
    "i.e",
    "cf",
    "et",
    "al",
    "vs",
    "ca",
    "c",
    "approx",
    "median",
    "sd",
    "se",
    "ci",
    "or",
    "hr",
    "rr",
    "df",
    "type",
    "group",
    "groups",
    "year",
    "years",
    "week",
    "weeks",
    "month",
    "months",
    "age",
    "aged",
    "census",
    "survey",
    "cohort",
    "trial",
    "university",
    "museum",
    "herbarium",
    "department",
    "institute",
    "collection",
    "collected",
    "holotype",
    "paratype",
    "paratypes",
    "isotype",
    "lectotype",
    "neotype",
    "syntype",
    "type",
    "specimen",
    "specimens",
    "voucher",
    "locality",
    "altitude",
    "elevation",
    "published",
    "accessed",
    "retrieved",
    "updated",
    "revised",
    "edition",
    "ed",
    "eds",
    "unpublished",
    "personal",
    "pers",
    "comm",
    "observation",
    "obs",
    "season",
    "period",
    "between",
    "until",
    "till",
    "about",
    "around",
    "approximately",
    "mid",
    "end",
    "beginning",
    "start",
    "since",
    "through",
    "throughout",
    "cycle",
    "stages",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "not",
    "only",
    "both",
    "each",
    "every",
    "any",
    "some",
];

/// Capitalised words that are names now and then (`Range`, `May`, `Day`)
/// but more often months or plain words: a citation that starts with one is
/// kept only if it resolves.
const WEAK: &[&str] = &[
    "an",
    "range",
    "day",
    "days",
    "may",
    "march",
    "april",
    "june",
    "july",
    "august",
    "january",
    "february",
    "september",
    "october",
    "november",
    "december",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "early",
    "late",
    "case",
    "cases",
    "mean",
    "total",
    "young",
    "long",
    "field",
    "wave",
    "stage",
    "phase",
    "model",
    "version",
    "station",
    "mark",
];

/// Whether `w` is a word that is only taken for a name when an entry has it.
pub fn is_weak(w: &str) -> bool {
    in_word_list(&WEAK_SET, w)
}

/// Whether `w` (a word) may not begin a cited name.
pub(super) fn is_stop(w: &str) -> bool {
    in_word_list(&STOP_SET, w)
}

/// [`STOP`] and [`WEAK`] as hash sets.
static STOP_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| STOP.iter().copied().collect());
static WEAK_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| WEAK.iter().copied().collect());

/// Whether `w`, without trailing dots and lower-cased, is in `set` (whose
/// words are lower-case ASCII). This runs for every capitalised word the
/// scanner tries: short ASCII words are lower-cased on the stack.
fn in_word_list(set: &HashSet<&'static str>, w: &str) -> bool {
    let w = w.trim_end_matches('.');
    let mut buf = [0u8; 24];
    if w.is_ascii() && w.len() <= buf.len() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        // ASCII stays ASCII (and UTF-8) when lower-cased
        std::str::from_utf8(b).is_ok_and(|l| set.contains(l))
    } else {
        set.contains(w.to_lowercase().as_str())
    }
}

/// Nouns of institutions, in [`STOP`] because they never begin a cited name,
/// that may go on a corporate one (`British Geological Survey`, `Natural
/// History Museum`, `Intergovernmental Panel on Climate Change`).
const INSTITUTIONS: &[&str] = &[
    "university",
    "museum",
    "herbarium",
    "department",
    "institute",
    "survey",
    "census",
    "collection",
    "group",
    "groups",
    "study",
    "studies",
    "data",
    "trial",
    "panel",
    "cohort",
];

/// Whether `w` names a kind of institution (see [`INSTITUTIONS`]).
pub(super) fn is_institution(w: &str) -> bool {
    INSTITUTIONS.iter().any(|i| i.eq_ignore_ascii_case(w))
}

/// Month names, written out.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether `w` is a month's name.
pub(super) fn is_month(w: &str) -> bool {
    MONTHS
        .iter()
        .any(|m| m.eq_ignore_ascii_case(w.trim_end_matches('.')))
}

/// The three-letter codes of the amino acids, which number residues
/// (`Thr 1462`, `Ser 1981`).
const RESIDUES: &[&str] = &[
    "Ala", "Arg", "Asn", "Asp", "Cys", "Gln", "Glu", "Gly", "His", "Ile", "Leu", "Lys", "Met",
    "Phe", "Pro", "Ser", "Thr", "Trp", "Tyr", "Val", "Sec", "Pyl",
];

/// Whether `w` is an amino acid's three-letter code, as written (`Thr`).
pub(super) fn is_residue(w: &str) -> bool {
    RESIDUES.contains(&w)
}

/// Common given names (English and the commonest European forms): a
/// cited name that is one of these followed by a surname names a person
/// in full, as prose does, not as a citation does.
const GIVEN_NAMES: &[&str] = &[
    "adam",
    "albert",
    "alexander",
    "alfred",
    "alice",
    "andrew",
    "anna",
    "anne",
    "arthur",
    "benjamin",
    "carl",
    "carlos",
    "catherine",
    "charles",
    "christopher",
    "daniel",
    "david",
    "edward",
    "elizabeth",
    "emily",
    "emma",
    "eric",
    "frank",
    "frederick",
    "george",
    "hans",
    "harry",
    "helen",
    "henry",
    "hugh",
    "jacob",
    "james",
    "jane",
    "jean",
    "johann",
    "johannes",
    "john",
    "joseph",
    "juan",
    "karl",
    "laura",
    "louis",
    "margaret",
    "maria",
    "mark",
    "martin",
    "mary",
    "matthew",
    "michael",
    "paul",
    "peter",
    "philip",
    "pierre",
    "richard",
    "robert",
    "samuel",
    "sarah",
    "stephen",
    "thomas",
    "walter",
    "william",
];

/// Whether `w` is a common given name (see [`GIVEN_NAMES`]).
pub(super) fn is_given_name(w: &str) -> bool {
    GIVEN_NAMES.iter().any(|g| g.eq_ignore_ascii_case(w))
}

/// Words of software products whose versions are years (`Microsoft Excel
/// 2016`, `Windows 2000`, `SQL Server 2019`, `Visual Studio 2019`).
const PRODUCTS: &[&str] = &[
    "windows",
    "excel",
    "powerpoint",
    "server",
    "studio",
    "matlab",
    "spss",
    "stata",
    "prism",
    "arcgis",
];

/// Whether `w` is a word of a software product's name (see [`PRODUCTS`]).
pub(super) fn is_product(w: &str) -> bool {
    PRODUCTS.iter().any(|p| p.eq_ignore_ascii_case(w))
}
