//! Initials glued to the next person's family name by a source that
//! dropped the separators (`Ainouche MLBaumel ASalmon A`), and cutting them
//! apart again.

/// Separates initials glued to the next family name when a source dropped
/// the separators: `Ainouche MLBaumel ASalmon A` → `Ainouche ML Baumel A
/// Salmon A`. Only words of the form `[A-Z]{1,3}[A-Z][a-z]…` are split.
pub(super) fn unglue(s: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::super::tests::fam;
    use super::*;

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
}
