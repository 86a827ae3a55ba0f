//! Name words: folding them for comparison (accents, case, punctuation,
//! `St.` for `saint`) and telling capitals (`WHO`, `AMJ`) apart.

/// Lower-case letters and digits only, accents removed (`Müller-Lüdenscheidt`
/// → `mullerludenscheidt`).
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            let base = match c {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
                'ç' | 'ć' | 'č' => 'c',
                'ď' | 'đ' => 'd',
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
                'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
                'ñ' | 'ń' | 'ň' => 'n',
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
                'ř' => 'r',
                'ś' | 'š' | 'ş' | 'ș' => 's',
                'ť' | 'ţ' | 'ț' => 't',
                'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
                'ý' | 'ÿ' => 'y',
                'ź' | 'ż' | 'ž' => 'z',
                'ł' => 'l',
                'ß' => 's',
                'æ' => 'a',
                'œ' => 'o',
                c => c,
            };
            base.is_alphanumeric().then_some(base)
        })
        .collect()
}

/// Folds one name word, spelling out `St.`/`St-` as `saint`.
pub(super) fn fold_word(w: &str) -> String {
    for (short, long) in [("St.", "saint"), ("St-", "saint"), ("Ste-", "sainte")] {
        if let Some(rest) = w.strip_prefix(short) {
            return format!("{long}{}", fold(rest));
        }
    }
    let f = fold(w);
    match f.as_str() {
        "st" => "saint".to_string(),
        "ste" => "sainte".to_string(),
        _ => f,
    }
}

/// Whether a word is all capitals without dots (`JA`, `AMJ`, `PHGM`, `WHO`).
pub(super) fn is_caps(w: &str) -> bool {
    let mut n = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            n += 1;
        } else if c != '-' {
            return false;
        }
    }
    n > 0
}
