//! The words a name list is made of: particles (`van`, `de`), words that
//! mark a corporate author, editor and role markers, name suffixes (`Jr.`),
//! initials (telling them apart and dotting undotted ones) and CJK
//! characters.

/// Lower-case words that belong to the family name that follows them.
pub(super) const PARTICLES: [&str; 14] = [
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "la", "le", "du", "dos", "ten",
];

/// Words that mark a corporate author.
pub(super) const CORPORATE: [&str; 39] = [
    "organization",
    "organisation",
    "association",
    "society",
    "institute",
    "university",
    "committee",
    "council",
    "group",
    "agency",
    "department",
    "ministry",
    "office",
    "centre",
    "center",
    "consortium",
    "team",
    "project",
    "collaboration",
    "network",
    "initiative",
    "foundation",
    "programme",
    "program",
    "commission",
    "board",
    "service",
    "survey",
    "nations",
    "bureau",
    "laboratory",
    "laboratories",
    "corporation",
    "company",
    "inc",
    "ltd",
    "llc",
    "gmbh",
    "plc",
];

/// Words that mark the names before or after them as editors (`ed.`,
/// `eds`, `Hrsg.`, `éd.`, `dir.`), punctuation around them ignored.
pub(crate) fn is_editor_word(w: &str) -> bool {
    let w = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    matches!(
        w.as_str(),
        "ed" | "eds"
            | "edd"
            | "editor"
            | "editors"
            | "hrsg"
            | "hg"
            | "éd"
            | "éds"
            | "dir"
            | "coord"
    )
}

/// Editor and role markers dropped from name lists.
pub(super) fn is_role_word(w: &str) -> bool {
    let lw = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    is_editor_word(w)
        || matches!(
            lw.as_str(),
            "comp" | "comps" | "trans" | "tr" | "in" | "by" | "edited"
        )
}

/// A name suffix (`Jr.`, `III`, `Jnr`), with or without its full stop.
pub(super) fn is_suffix(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "Jr" | "Sr" | "II" | "III" | "IV" | "jr" | "Jnr" | "2nd" | "3rd"
    )
}

/// Is `w` a run of initials: `J.`, `J.A.`, `JA`, `J.-P.`, `Th.`?
pub fn is_initials(w: &str) -> bool {
    let core: String = w
        .chars()
        .filter(|c| *c != '.' && *c != '-' && *c != '‐')
        .collect();
    if core.is_empty() {
        return false;
    }
    let n = core.chars().count();
    let all_upper = core.chars().all(|c| c.is_uppercase());
    (all_upper && n <= 4)
        || (w.ends_with('.') && n <= 2 && core.chars().next().is_some_and(char::is_uppercase))
}

/// Undotted initials written the way styles and BibTeX read initials:
/// `PJ` → `P. J.`, `J-P` → `J.-P.`, `J` (or `J.`, the list's full stop
/// after the last name) → `J.`; other words are kept (`Hervé`, `Li`,
/// `Jean J` → `Jean J.`). Only a word of one to three capital letters, or
/// single capitals joined by hyphens, counts as initials: a written-out
/// given name is at least two letters with lower case (`Li`, `Qi`), and an
/// all-capital one of four or more letters (`JOHN`) is a name in capitals.
pub fn dot_initials(given: &str) -> String {
    let words: Vec<String> = given
        .split(' ')
        .map(|w| undotted_initials(w).unwrap_or_else(|| w.to_string()))
        .collect();
    words.join(" ")
}

/// `PJ` → `P. J.`, `J-P` → `J.-P.`; `None` when `word` is not a run of
/// undotted initials (an optional final full stop allowed).
fn undotted_initials(word: &str) -> Option<String> {
    let core = word.strip_suffix('.').unwrap_or(word);
    let capital = |c: char| c.is_uppercase() && c.is_alphabetic();
    let letters: Vec<char> = core.chars().collect();
    if (1..=3).contains(&letters.len()) && letters.iter().all(|&c| capital(c)) {
        let dotted: Vec<String> = letters.iter().map(|c| format!("{c}.")).collect();
        return Some(dotted.join(" "));
    }
    let parts: Vec<&str> = core.split(['-', '‐']).collect();
    let single = |p: &&str| {
        let mut cs = p.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if capital(c))
    };
    if parts.len() >= 2 && parts.iter().all(single) {
        let dotted: Vec<String> = parts.iter().map(|p| format!("{p}.")).collect();
        return Some(dotted.join("-"));
    }
    None
}

/// Whether `c` is a CJK ideograph or a Hangul syllable.
pub(crate) fn is_cjk(c: char) -> bool {
    ('\u{2e80}'..='\u{9fff}').contains(&c)
        || ('\u{f900}'..='\u{faff}').contains(&c)
        || ('\u{ac00}'..='\u{d7af}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_capital_runs_of_one_to_three_letters_are_initials() {
        let cases = [
            ("PJ", "P. J."),
            ("J", "J."),
            ("J.", "J."),
            ("PJ.", "P. J."),
            ("ABC", "A. B. C."),
            ("J-P", "J.-P."),
            ("J-P.", "J.-P."),
            ("Ö", "Ö."),
            ("P. J.", "P. J."),
            ("J.A.", "J.A."),
            ("J.-P.", "J.-P."),
            ("Li", "Li"),
            ("Qi", "Qi"),
            ("JOHN", "JOHN"),
            ("AHFM", "AHFM"),
            ("Jean J", "Jean J."),
            ("Hervé", "Hervé"),
            ("Jean-Paul", "Jean-Paul"),
            ("J-Paul", "J-Paul"),
            ("J., Jr.", "J., Jr."),
            ("红元", "红元"),
            ("", ""),
        ];
        for (given, want) in cases {
            assert_eq!(dot_initials(given), want, "{given:?}");
        }
    }
}
