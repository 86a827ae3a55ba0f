//! Splitting an author or editor span into persons.
//!
//! Accepted layouts (persons separated by `,`, `;`, `and`, `&`, `、`, `，`):
//!
//! * inverted with initials: `Chen, H., Tafalla, M., & Wilner, D. J.`
//! * inverted with full given names: `Nichols, Bill, and John Smith`
//! * family + initials (Vancouver, PubMed, GB/T): `Kats LB, Dill LM`,
//!   `ZHANG S`, `Boitani L. Ciucci P.` (no separator at all)
//! * given + family: `M. Kitsuregawa, H. Tanaka, and T. Moto-oka`,
//!   `Marc Shapiro and Susan Horwitz`
//! * CJK names (`李红元`), which are family-first and kept whole as the family
//!   with the rest as given;
//! * corporate names (`World Health Organization`) become literals.
//!
//! `et al.`, `and others`, `等` and editor markers (`(eds.)`, `ed.`) are
//! dropped; the caller learns whether `et al.` was present.

use crate::csl::Name;

/// Lower-case words that belong to the family name that follows them.
const PARTICLES: [&str; 14] = [
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "la", "le", "du", "dos", "ten",
];

/// Words that mark a corporate author.
const CORPORATE: [&str; 39] = [
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
fn is_role_word(w: &str) -> bool {
    let lw = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    is_editor_word(w)
        || matches!(
            lw.as_str(),
            "comp" | "comps" | "trans" | "tr" | "in" | "by" | "edited"
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

/// Whether `c` is a CJK ideograph or a Hangul syllable.
pub(crate) fn is_cjk(c: char) -> bool {
    ('\u{2e80}'..='\u{9fff}').contains(&c)
        || ('\u{f900}'..='\u{faff}').contains(&c)
        || ('\u{ac00}'..='\u{d7af}').contains(&c)
}

/// Where a name list's `et al.` (`and others`, `等` …) starts, if it has
/// one.
fn et_al_at(names: &str) -> Option<usize> {
    // ASCII lower-casing keeps every byte offset (full lower-casing does
    // not: `İ` grows), and the phrases are ASCII or CJK
    let lower = names.to_ascii_lowercase();
    ["et al", "et. al", "and others", "等", "et alii", "u. a."]
        .iter()
        .find_map(|pat| lower.find(pat))
}

/// The result of splitting a name list.
#[derive(Debug, Default, PartialEq)]
pub struct Names {
    pub names: Vec<Name>,
    pub et_al: bool,
}

/// Whether `s` is the mark a list prints for "the same authors as the
/// entry before" (`———.`, `–––––`, `---`, `______`, `—.`): dashes or
/// underscores and nothing else but a closing full stop or comma.
pub fn is_repeat_mark(s: &str) -> bool {
    let run = s.trim().trim_end_matches(['.', ',']).trim_end();
    !run.is_empty()
        && run
            .chars()
            .all(|c| matches!(c, '—' | '–' | '‒' | '―' | '⸺' | '⸻' | '-' | '_'))
        && (run.chars().count() >= 2 || run.starts_with(['—', '―']))
}

/// Splits a list of names.
pub fn split_names(span: &str) -> Names {
    if is_repeat_mark(span) {
        // kept as written; a list knows whose names it repeats
        let run = span.trim().trim_end_matches(['.', ',']).trim_end();
        return Names {
            names: vec![Name::literal(run)],
            et_al: false,
        };
    }
    let mut et_al = false;
    // normalise separators to ';'-separated segments, then commas
    let mut s = String::with_capacity(span.len());
    for c in span.chars() {
        match c {
            '，' | '、' => s.push(','),
            '；' => s.push(';'),
            '＆' => s.push('&'),
            '　' => s.push(' '),
            _ => s.push(c),
        }
    }
    if let Some(p) = et_al_at(&s) {
        et_al = true;
        s.truncate(p);
    }
    // strip role markers in brackets: (eds.), (Hrsg.), [ed.]
    let s = strip_bracketed_roles(&s);
    // separators "and", "&", "und", "y", "e" become ';' only between names
    // ';' groups of comma segments of words
    let mut segments: Vec<Vec<Vec<String>>> = Vec::new();
    let mut seg_words: Vec<String> = Vec::new();
    let mut group: Vec<Vec<String>> = Vec::new();
    let unglued = unglue(&s);
    for raw in unglued.split_whitespace() {
        let raw = raw.trim_end_matches(':');
        if !raw.chars().any(char::is_alphanumeric) && raw != "&" && raw != "," && raw != ";" {
            continue;
        }
        let lw = raw.to_lowercase();
        if matches!(
            lw.as_str(),
            "and" | "&" | "und" | "with" | "-" | "–" | "—" | "and," | "&,"
        ) || matches!(raw, "y" | "e")
        {
            if !seg_words.is_empty() {
                group.push(std::mem::take(&mut seg_words));
            }
            continue;
        }
        if is_role_word(raw) && (raw.ends_with('.') || lw == "in" || lw == "by" || lw == "edited") {
            continue;
        }
        // split at commas / semicolons inside the word
        let mut cur = String::new();
        for c in raw.chars() {
            match c {
                ',' => {
                    if !cur.is_empty() {
                        seg_words.push(std::mem::take(&mut cur));
                    }
                    if !seg_words.is_empty() {
                        group.push(std::mem::take(&mut seg_words));
                    }
                }
                ';' => {
                    if !cur.is_empty() {
                        seg_words.push(std::mem::take(&mut cur));
                    }
                    if !seg_words.is_empty() {
                        group.push(std::mem::take(&mut seg_words));
                    }
                    if !group.is_empty() {
                        segments.push(std::mem::take(&mut group));
                    }
                }
                _ => cur.push(c),
            }
        }
        if !cur.is_empty() {
            seg_words.push(cur);
        }
    }
    if !seg_words.is_empty() {
        group.push(seg_words);
    }
    if !group.is_empty() {
        segments.push(group);
    }
    let mut names = Vec::new();
    let semicolons = segments.len() > 1;
    for group in segments {
        if semicolons {
            // each ';' group is one person, possibly "Family, Given"
            let mut g = group;
            if g.len() >= 2 {
                let family = g.remove(0).join(" ");
                let given = g.concat().join(" ");
                names.push(make_person(&family, &given));
            } else if let Some(seg) = g.pop() {
                names.extend(direct_names(&seg));
            }
            continue;
        }
        split_comma_segments(group, &mut names);
    }
    names.retain(|n| !n.family_or_literal().is_empty() || n.given.is_some());
    // Vancouver and NLM write initials without dots (`Hotez PJ`); they are
    // initials all the same, and every style and BibTeX reads them as such
    // only when dotted
    for name in &mut names {
        if let Some(given) = name.given.as_mut() {
            *given = dot_initials(given);
        }
    }
    Names { names, et_al }
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

fn strip_bracketed_roles(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0;
    let mut buf = String::new();
    for c in s.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                buf.clear();
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if !buf.split_whitespace().all(is_role_word) {
                    out.push_str(&buf);
                }
                buf.clear();
            }
            _ if depth > 0 => buf.push(c),
            _ => out.push(c),
        }
    }
    out
}

/// Does a comma segment look like given names only (`H.`, `T. P.`, `Bill`)?
fn looks_given(seg: &[String]) -> bool {
    // `Luís de`: a particle after the given names belongs to the family name
    let seg = &seg[..seg.len() - trailing_particles(seg)];
    if seg.is_empty() {
        return false;
    }
    if seg.iter().all(|w| is_initials(w)) {
        return true;
    }
    // one or two capitalised words, e.g. "Bill", "John A."
    seg.len() <= 2
        && seg.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !w.chars().skip(1).any(char::is_uppercase)
        })
        && !seg.iter().any(|w| {
            w.chars().count() > 1
                && !w.ends_with('.')
                && CORPORATE.contains(&w.to_lowercase().as_str())
        })
}

/// How many words at the end of `seg` are particles written in lower case
/// (`de`, `van der`, with or without the list's full stop; `Del` is a
/// given name).
fn trailing_particles(seg: &[String]) -> usize {
    seg.iter()
        .rev()
        .take_while(|w| PARTICLES.contains(&w.trim_end_matches('.')))
        .count()
}

/// A segment of dotted initials only (`M.`, `J. A.`, `J.-P.`).
fn dotted_initials(seg: &[String]) -> bool {
    !seg.is_empty() && seg.iter().all(|w| w.contains('.') && is_initials(w))
}

/// Does a comma segment look like a lone family name (`Chen`, `van der Berg`, `Moto-oka`)?
fn looks_family(seg: &[String]) -> bool {
    let Some(last) = seg.last() else { return false };
    !is_initials(last)
        && seg[..seg.len() - 1]
            .iter()
            .all(|w| PARTICLES.contains(&w.to_lowercase().as_str()))
}

/// A family name of up to three capitalised words with no initials
/// (`Ben Assayag`, `Reina-de la Torre`), accepted inside an inverted list.
fn looks_multiword_family(seg: &[String]) -> bool {
    seg.len() <= 4
        && !seg.iter().any(|w| is_initials(w))
        && seg
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Separates initials glued to the next family name when a source dropped
/// the separators: `Ainouche MLBaumel ASalmon A` → `Ainouche ML Baumel A
/// Salmon A`. Only words of the form `[A-Z]{1,3}[A-Z][a-z]…` are split.
fn unglue(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (k, w) in s.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        match glued_initials(w) {
            Some(cut) if k > 0 => {
                out.push_str(&w[..cut]);
                out.push(' ');
                out.push_str(&w[cut..]);
            }
            _ => out.push_str(w),
        }
    }
    out
}

/// Where the family name starts in a word that glues a person's initials
/// to the next person's family name, as lists written without separators
/// give it (`CSalmon`, `MLBaumel`, `M-AAinouche`, `C-WJung`): one to three
/// capitals, single hyphens allowed between them, then a capitalised word
/// (letters, hyphens, a closing comma).
fn glued_initials(w: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = w.char_indices().collect();
    let run = chars
        .iter()
        .take_while(|&&(i, c)| {
            c.is_uppercase() || (c == '-' && i > 0 && w[i + 1..].starts_with(char::is_uppercase))
        })
        .count();
    let (cut, _) = *chars.get(run.checked_sub(1)?)?;
    let initials = &w[..cut];
    let capitals = initials.chars().filter(|c| c.is_uppercase()).count();
    let hyphen_ok = !initials.ends_with('-') && !initials.contains("--");
    let rest_ok = chars.get(run).is_some_and(|&(_, c)| c.is_lowercase())
        && chars[run..]
            .iter()
            .all(|&(_, c)| c.is_alphabetic() || c == '-' || c == ',');
    ((1..=3).contains(&capitals) && hyphen_ok && rest_ok).then_some(cut)
}

fn split_comma_segments(segs: Vec<Vec<String>>, names: &mut Vec<Name>) {
    // Vancouver-like lists ("Kats LB, Dill LM") are family-first throughout,
    // even where a given name is written out ("Vaucheret Hervé")
    let multi: Vec<&Vec<String>> = segs.iter().filter(|s| s.len() >= 2).collect();
    let fam_first = multi
        .iter()
        .filter(|s| is_initials(&s[s.len() - 1]) && !(s[0].contains('.') && is_initials(&s[0])))
        .count();
    let given_first = multi
        .iter()
        .filter(|s| is_initials(&s[0]) || !is_initials(&s[s.len() - 1]))
        .count();
    let family_first = fam_first >= 2 && fam_first * 2 > given_first + fam_first;
    // inverted when the first segment is a lone family name followed by
    // given names, or a family name of several words followed by dotted
    // initials (`Rossi Sebastiano, M.`, `Fahad Ullah, M.`)
    let multiword_head = segs.len() >= 2
        && segs[0].len() >= 2
        && looks_multiword_family(&segs[0])
        && dotted_initials(&segs[1]);
    let inverted =
        segs.len() >= 2 && (looks_family(&segs[0]) || multiword_head) && looks_given(&segs[1]);
    let mut i = 0;
    while i < segs.len() {
        let seg = &segs[i];
        let family_like =
            looks_family(seg) || ((i > 0 || multiword_head) && looks_multiword_family(seg));
        if inverted && i + 1 < segs.len() && family_like && looks_given(&segs[i + 1]) {
            // "Smith, J." but beware "Smith, J., Jr."
            let next = &segs[i + 1];
            let particles = trailing_particles(next);
            let mut given = next[..next.len() - particles].join(" ");
            let mut step = 2;
            if let Some(next) = segs.get(i + 2) {
                if next.len() == 1 && is_suffix(&next[0]) {
                    given = format!("{given}, {}", next[0]);
                    step = 3;
                }
            }
            let mut person = make_person(&seg.join(" "), &given);
            if particles > 0 {
                let p = next[next.len() - particles..].join(" ");
                person.non_dropping_particle = Some(p.trim_end_matches('.').to_string());
            }
            names.push(person);
            i += step;
            continue;
        }
        if seg.len() == 1 && is_suffix(&seg[0]) {
            if let Some(last) = names.last_mut() {
                last.suffix = Some(seg[0].clone());
            }
            i += 1;
            continue;
        }
        names.extend(direct_names_ordered(seg, family_first));
        i += 1;
    }
}

fn is_suffix(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "Jr" | "Sr" | "II" | "III" | "IV" | "jr" | "Jnr" | "2nd" | "3rd"
    )
}

/// [`direct_names`], reading a two-word name without initials family-first
/// when the list around it is family-first.
fn direct_names_ordered(seg: &[String], family_first: bool) -> Vec<Name> {
    if family_first
        && seg.len() == 2
        && !is_initials(&seg[1])
        && !is_initials(&seg[0])
        && !seg
            .iter()
            .any(|w| CORPORATE.contains(&w.to_lowercase().trim_matches('.')))
        && seg[0].chars().next().is_some_and(char::is_uppercase)
    {
        return vec![make_person(&seg[0], &seg[1])];
    }
    direct_names(seg)
}

/// Names written without commas between family and given: one or more
/// persons (`Kats LB`, `M. Kitsuregawa`, `Boitani L. Ciucci P.`, `李红元`).
fn direct_names(seg: &[String]) -> Vec<Name> {
    let mut out = Vec::new();
    if seg.is_empty() {
        return out;
    }
    // a trailing suffix: "PEEBLES P Z Jr"
    if seg.len() > 2 && is_suffix(&seg[seg.len() - 1]) {
        let mut v = direct_names(&seg[..seg.len() - 1]);
        if let Some(last) = v.last_mut() {
            last.suffix = Some(seg[seg.len() - 1].clone());
        }
        return v;
    }
    let joined = seg.join(" ");
    if seg
        .iter()
        .any(|w| CORPORATE.contains(&w.to_lowercase().trim_matches('.')))
        || seg.len() > 5 && !seg.iter().any(|w| is_initials(w))
    {
        out.push(Name::literal(joined.trim_end_matches('.')));
        return out;
    }
    if seg.len() == 1 {
        let w = &seg[0];
        let chars: Vec<char> = w.chars().collect();
        if chars.first().is_some_and(|&c| is_cjk(c)) {
            // CJK: one- or two-character family name first
            if chars.len() >= 2 && chars.len() <= 4 {
                let split = if chars.len() == 4 { 2 } else { 1 };
                let fam: String = chars[..split].iter().collect();
                let giv: String = chars[split..].iter().collect();
                out.push(Name::person(fam, giv));
            } else {
                out.push(Name::literal(w.clone()));
            }
            return out;
        }
        out.push(Name::person(w.clone(), ""));
        return out;
    }
    // family-first with trailing initials, possibly several persons: W+ I+ W+ I+
    let first_is_init = seg[0].contains('.') && is_initials(&seg[0]);
    if !first_is_init && is_initials(&seg[seg.len() - 1]) {
        let mut fam: Vec<&str> = Vec::new();
        let mut giv: Vec<&str> = Vec::new();
        for w in seg {
            if is_initials(w) && !fam.is_empty() {
                giv.push(w);
            } else {
                if !giv.is_empty() {
                    out.push(make_person(&fam.join(" "), &giv.join(" ")));
                    fam.clear();
                    giv.clear();
                }
                fam.push(w);
            }
        }
        if !fam.is_empty() {
            out.push(make_person(&fam.join(" "), &giv.join(" ")));
        }
        return out;
    }
    // all-caps family first (GB/T: ZHANG San, DES MARAIS D J)
    // given-first: M. Kitsuregawa, Marc Shapiro, Ludwig van Beethoven
    let mut k = seg.len() - 1;
    while k > 0 && PARTICLES.contains(&seg[k - 1].to_lowercase().as_str()) {
        k -= 1;
    }
    let given = seg[..k].join(" ");
    let family = seg[k..].join(" ");
    out.push(make_person(&family, &given));
    out
}

fn make_person(family: &str, given: &str) -> Name {
    let family = family.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | ' '));
    let given = given.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | ' '));
    // a sentence dot after a family name ("Horwitz.") is not part of it
    let family = match family.strip_suffix('.') {
        Some(f) if f.chars().count() > 2 => f,
        _ => family,
    };
    // nor is one after a written-out given name ("Morrison, Toni."), but
    // abbreviations keep theirs ("J.", "Jr.", "Wm.", "Chas.")
    let given = match given.strip_suffix('.') {
        Some(g) => {
            let last = g.rsplit([' ', '.', '-']).next().unwrap_or("");
            let abbreviated = [
                "Jr", "Sr", "Wm", "Chas", "Geo", "Jas", "Thos", "Jos", "Robt", "Edw", "Th", "Ch",
            ]
            .contains(&last);
            if last.chars().count() >= 3 && last.chars().any(char::is_lowercase) && !abbreviated {
                g
            } else {
                given
            }
        }
        None => given,
    };
    // particles stay in the family name ("van der Berg"), as JATS and most
    // bibliographies write them
    Name::person(family, given)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fam(s: &str) -> Vec<String> {
        split_names(s)
            .names
            .iter()
            .map(|n| n.family_or_literal().to_string())
            .collect()
    }

    #[test]
    fn et_al_after_a_length_changing_capital() {
        // `İ` lower-cases to two characters: the position must still be
        // the phrase's in the original
        assert_eq!(et_al_at("İ Smith et al."), Some(9));
        assert_eq!(et_al_at("ÇELİK A, ET AL."), Some(11));
        assert_eq!(et_al_at("Smith J, et al."), Some(9));
        let n = split_names("İnce A, Smith J, et al.");
        assert!(!n.names.is_empty());
    }

    #[test]
    fn layouts() {
        assert_eq!(
            fam("Chen, H., Tafalla, M., Greene, T. P., & Wilner, D. J."),
            ["Chen", "Tafalla", "Greene", "Wilner"]
        );
        assert_eq!(fam("Kats LB, Dill LM"), ["Kats", "Dill"]);
        assert_eq!(
            fam("M. Kitsuregawa, H. Tanaka, and T. Moto-oka"),
            ["Kitsuregawa", "Tanaka", "Moto-oka"]
        );
        assert_eq!(
            fam("Marc Shapiro and Susan Horwitz"),
            ["Shapiro", "Horwitz"]
        );
        assert_eq!(fam("Nichols, Bill"), ["Nichols"]);
        assert_eq!(fam("Boitani L. Ciucci P."), ["Boitani", "Ciucci"]);
        assert_eq!(fam("ZHANG S, LI H"), ["ZHANG", "LI"]);
        assert_eq!(
            fam("Pérez-Higueras JJ, Arias A, de la Macorra JC"),
            ["Pérez-Higueras", "Arias", "de la Macorra"]
        );
        assert_eq!(
            fam("World Health Organization"),
            ["World Health Organization"]
        );
    }

    #[test]
    fn repeat_marks() {
        for (s, yes) in [
            ("———.", true),
            ("–––––", true),
            ("---,", true),
            ("______.", true),
            ("—.", true),
            ("-", false),
            ("–.", false),
            ("Smith", false),
            ("— Smith", false),
            ("", false),
            (".", false),
        ] {
            assert_eq!(is_repeat_mark(s), yes, "{s}");
        }
        assert_eq!(fam("———."), ["———"]);
    }

    #[test]
    fn glued_initials_cut() {
        for (word, cut) in [
            ("CSalmon", Some(1)),
            ("MLBaumel", Some(2)),
            ("M-AAinouche", Some(3)),
            ("C-WJung", Some(3)),
            ("ABCDSmith", None),
            ("McVey", None),
            ("M-A", None),
            ("Huynh-Thu", None),
            ("HChen,", Some(1)),
            ("H2O", None),
            ("", None),
            ("-ASmith", None),
        ] {
            assert_eq!(glued_initials(word), cut, "{word}");
        }
    }

    #[test]
    fn glued_and_multiword() {
        assert_eq!(
            fam("Ainouche MLBaumel ASalmon AYannic G"),
            ["Ainouche", "Baumel", "Salmon", "Yannic"]
        );
        assert_eq!(
            fam("Joy, M. T., Ben Assayag, E., Shabashov-Stone, D."),
            ["Joy", "Ben Assayag", "Shabashov-Stone"]
        );
        assert_eq!(
            fam("Gácsi M. Gyõri B. Belényi B. ."),
            ["Gácsi", "Gyõri", "Belényi"]
        );
        assert_eq!(fam("McVey E, DeWitt J"), ["McVey", "DeWitt"]);
        assert_eq!(fam("Reisine ST, Leder S:"), ["Reisine", "Leder"]);
        assert_eq!(
            fam("Peters AHFM, Kubicek S, Mallory A, Vaucheret Hervé"),
            ["Peters", "Kubicek", "Mallory", "Vaucheret"]
        );
        assert_eq!(fam("R Core Team"), ["R Core Team"]);
        assert_eq!(fam("StatSoft Inc."), ["StatSoft Inc"]);
        // hyphenated initials glued to the next family name
        assert_eq!(
            fam("Parisod CSalmon AZerjal TTenaillon MGrandbastien M-AAinouche M"),
            [
                "Parisod",
                "Salmon",
                "Zerjal",
                "Tenaillon",
                "Grandbastien",
                "Ainouche"
            ]
        );
        assert_eq!(fam("Scholz HChen C-WJung M-J"), ["Scholz", "Chen", "Jung"]);
        // not glued: one capital, or a hyphenated family name
        assert_eq!(
            fam("Huynh-Thu VA, MacKenzie D, O-Yang L"),
            ["Huynh-Thu", "MacKenzie", "O-Yang"]
        );
        assert_eq!(
            fam("Huang X, Finerty P Jnr, Walker JR"),
            ["Huang", "Finerty", "Walker"]
        );
    }

    #[test]
    fn vancouver_initials_are_dotted() {
        let given = |s: &str| -> Vec<String> {
            split_names(s)
                .names
                .iter()
                .map(|n| n.given.clone().unwrap_or_default())
                .collect()
        };
        assert_eq!(given("Hochreiter S, Schmidhuber J."), ["S.", "J."]);
        assert_eq!(given("Smith J., Lee K."), ["J.", "K."]);
        assert_eq!(given("Hotez PJ, Bottazzi ME."), ["P. J.", "M. E."]);
        assert_eq!(given("Kats LB, Dill LM"), ["L. B.", "L. M."]);
        assert_eq!(given("Hotez, P. J., & Lee, K."), ["P. J.", "K."]);
        assert_eq!(given("Peters AHFM, Kubicek S"), ["AHFM", "S."]);
        assert_eq!(given("ZHANG S, DES MARAIS D J"), ["S.", "D. J."]);
        assert_eq!(given("Nichols, Bill"), ["Bill"]);
        assert_eq!(given("Li Hongyuan"), ["Li"]);
    }

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

    #[test]
    fn a_sentence_dot_after_a_given_name_goes() {
        let n = split_names("Morrison, Toni.");
        assert_eq!(n.names[0].given.as_deref(), Some("Toni"));
        let n = split_names("Smith, John A.");
        assert_eq!(n.names[0].given.as_deref(), Some("John A."));
        let n = split_names("Cooper, Chas.");
        assert_eq!(n.names[0].given.as_deref(), Some("Chas."));
    }

    #[test]
    fn et_al_and_suffix() {
        let n = split_names("Smith, J., Jr., Doe, A., et al.");
        assert!(n.et_al);
        assert_eq!(n.names.len(), 2);
        assert_eq!(n.names[0].suffix, None);
        assert_eq!(n.names[0].given.as_deref(), Some("J., Jr."));
        let n = split_names("Smith J, Doe A, et al");
        assert!(n.et_al);
        assert_eq!(n.names.len(), 2);
    }

    #[test]
    fn inverted_names_of_several_words_and_trailing_particles() {
        assert_eq!(
            fam("Rossi Sebastiano, M., and Konstantinidou, G."),
            ["Rossi Sebastiano", "Konstantinidou"]
        );
        assert_eq!(fam("Fahad Ullah, M."), ["Fahad Ullah"]);
        let n = split_names("Camões, Luís de.");
        assert_eq!(n.names.len(), 1);
        assert_eq!(n.names[0].family.as_deref(), Some("Camões"));
        assert_eq!(n.names[0].given.as_deref(), Some("Luís"));
        assert_eq!(n.names[0].non_dropping_particle.as_deref(), Some("de"));
        let n = split_names("Ratzsch, Del.");
        assert_eq!(n.names[0].given.as_deref(), Some("Del"));
        assert_eq!(n.names.len(), 1);
        // given-first lists with commas are not inverted
        assert_eq!(fam("John Smith, A. B. Jones"), ["Smith", "Jones"]);
        assert_eq!(
            fam("Marc Shapiro, Susan Horwitz, J. Lee"),
            ["Shapiro", "Horwitz", "Lee"]
        );
    }

    #[test]
    fn particles_and_cjk() {
        let n = split_names("van der Berg, A.");
        assert_eq!(n.names[0].family.as_deref(), Some("van der Berg"));
        assert_eq!(n.names[0].given.as_deref(), Some("A."));
        let n = split_names("李红元, 王五");
        assert_eq!(n.names[0].family.as_deref(), Some("李"));
        assert_eq!(n.names[0].given.as_deref(), Some("红元"));
        assert_eq!(n.names.len(), 2);
    }

    #[test]
    fn roles_dropped() {
        assert_eq!(
            fam("Kaminski J. Marshall-Pescini S. (eds)"),
            ["Kaminski", "Marshall-Pescini"]
        );
        assert_eq!(fam("In J. Smith (Ed.)"), ["Smith"]);
    }
}
