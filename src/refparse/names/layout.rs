//! Which way round the names in a list are written (family first, as in
//! `Chen, H.` or `Kats LB`, or given first, as in `M. Kitsuregawa`), and
//! building the persons from a list's comma segments accordingly.

use super::words::{is_cjk, is_initials, is_suffix, CORPORATE, PARTICLES};
use crate::csl::Name;

/// Builds the persons of one `;`-free group of comma segments (`Chen`,
/// `H.`, `Tafalla`, `M.` or `Kats LB`, `Dill LM`) onto `names`.
pub(super) fn split_comma_segments(segs: Vec<Vec<String>>, names: &mut Vec<Name>) {
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
pub(super) fn direct_names(seg: &[String]) -> Vec<Name> {
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

/// A person from a family and given part, with the list's punctuation and
/// a sentence full stop taken off.
pub(super) fn make_person(family: &str, given: &str) -> Name {
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
    use super::super::split_names;
    use super::super::tests::fam;

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
    fn a_sentence_dot_after_a_given_name_goes() {
        let n = split_names("Morrison, Toni.");
        assert_eq!(n.names[0].given.as_deref(), Some("Toni"));
        let n = split_names("Smith, John A.");
        assert_eq!(n.names[0].given.as_deref(), Some("John A."));
        let n = split_names("Cooper, Chas.");
        assert_eq!(n.names[0].given.as_deref(), Some("Chas."));
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
}
