//! Deterministic repairs of the model's labels at known boundary mistakes
//! between author, title, container and place, and of link labels. Each
//! takes the tokens and labels and returns corrected labels when a change
//! is needed (the `Repair` signature of [`fields`](super)).

use nom::branch::alt;
use nom::Parser;

use crate::refparse::lex;
use crate::refparse::model::label_index;
use crate::refparse::names::{is_editor_word, is_repeat_mark};
use crate::refparse::token::{Kind, Token};

/// Codes that end a place name: US states and a few countries. Publisher
/// acronyms (`ACM`, `PUF`, `MIT`) also follow places, so only these count.
const PLACE_CODES: [&str; 57] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "UK", "US", "USA", "UAE", "NZ", "PRC",
];

/// A state or country code cut off its place (`Oxford,` + `UK.` labelled
/// as something else): a [`PLACE_CODES`] word right after a place and its
/// comma joins the place, with the punctuation after it. Returns corrected
/// labels when a change is needed.
pub(super) fn repair_place_code(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    const LOCATION: u8 = 12;
    let mut fixed: Option<Vec<u8>> = None;
    for i in 2..tokens.len().min(labels.len()) {
        let t = tokens[i].text(src);
        let l = fixed.as_ref().map_or(labels[i], |f| f[i]);
        if l == LOCATION
            || tokens[i].kind != Kind::Word
            || !PLACE_CODES.contains(&t)
            || labels[i - 1] != LOCATION
            || labels[i - 2] != LOCATION
            || tokens[i - 1].text(src) != ","
            || tokens[i - 2].kind != Kind::Word
        {
            continue;
        }
        let f = fixed.get_or_insert_with(|| labels.to_vec());
        f[i] = LOCATION;
        if tokens.get(i + 1).is_some_and(|p| p.kind == Kind::Punct) && labels[i + 1] == l {
            f[i + 1] = LOCATION;
        }
    }
    fixed
}

/// A title run that took the first words of the journal after it
/// (`… immunoglobulin G. Vaccine` + `21, 3365`): when the title is followed
/// by the container or the volume and its last sentence is one to three
/// capitalised words, those words go to the container. Returns corrected
/// labels when a change is needed.
pub(super) fn repair_title_tail(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    const TITLE: u8 = 4;
    const CONTAINER: u8 = 5;
    const VOLUME: u8 = 8;
    let a = labels.iter().position(|&l| l == TITLE)?;
    let b = a + labels[a..].iter().take_while(|&&l| l == TITLE).count(); // exclusive
    let next = *labels.get(b)?;
    if next != CONTAINER && next != VOLUME {
        return None;
    }
    // last sentence break inside the title run
    let k = (a + 1..b.saturating_sub(1)).rev().find(|&k| {
        let t = &tokens[k];
        t.kind == Kind::Punct
            && t.text(src).ends_with('.')
            && tokens.get(k + 1).is_some_and(|n| n.space_before)
    })?;
    let words: Vec<&str> = tokens[k + 1..b]
        .iter()
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.text(src))
        .collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    if words.is_empty() || words.len() > 3 || !words.iter().all(capitalised) {
        return None;
    }
    // the words before the break must still make a title
    if tokens[a..k].iter().filter(|t| t.kind == Kind::Word).count() < 3 {
        return None;
    }
    let mut fixed = labels.to_vec();
    for l in &mut fixed[k + 1..b] {
        *l = CONTAINER;
    }
    Some(fixed)
}

/// An abbreviated journal word (`Lect.`, `Proc.`, `Publ.`): a capitalised
/// word of two to six letters, the rest lower case, directly followed by its
/// full stop at `k + 1`.
fn abbreviation_at(src: &str, tokens: &[Token], k: usize) -> bool {
    let (Some(w), Some(p)) = (tokens.get(k), tokens.get(k + 1)) else {
        return false;
    };
    let t = w.text(src);
    let mut chars = t.chars();
    w.kind == Kind::Word
        && (2..=6).contains(&t.chars().count())
        && chars.next().is_some_and(char::is_uppercase)
        && chars.all(char::is_lowercase)
        && p.kind == Kind::Punct
        && !p.space_before
        && p.text(src) == "."
}

/// The first abbreviated words of a journal left with the title before it
/// (`J. Gasser, Lect.` + `Notes Phys. 629`): when the container directly
/// follows a title run made of abbreviations only, and the container is
/// abbreviated too, the abbreviations start the container. Returns
/// corrected labels when a change is needed.
pub(super) fn repair_container_head(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    const TITLE: u8 = 4;
    const CONTAINER: u8 = 5;
    let c = labels.iter().position(|&l| l == CONTAINER)?;
    if c < 2 || labels[c - 1] != TITLE || tokens[c].kind != Kind::Word {
        return None;
    }
    if !tokens[c]
        .text(src)
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
    {
        return None;
    }
    let mut k = c;
    while k >= 2
        && labels[k - 2] == TITLE
        && labels[k - 1] == TITLE
        && abbreviation_at(src, tokens, k - 2)
    {
        k -= 2;
    }
    // Only when the whole title is abbreviations (titles end in a word and
    // a full stop too) and the journal goes on abbreviated.
    let container_end = c + labels[c..].iter().take_while(|&&l| l == CONTAINER).count();
    if k == c
        || labels[k - 1] == TITLE
        || !(c..container_end).any(|j| abbreviation_at(src, tokens, j) && j + 1 < container_end)
    {
        return None;
    }
    let mut fixed = labels.to_vec();
    for l in &mut fixed[k..c] {
        *l = CONTAINER;
    }
    Some(fixed)
}

/// An initial (`J`, `Yu`) followed by its full stop at `k`.
fn initial_at(src: &str, tokens: &[Token], k: usize) -> bool {
    let (Some(w), Some(p)) = (tokens.get(k), tokens.get(k + 1)) else {
        return false;
    };
    let t = w.text(src);
    w.kind == Kind::Word
        && t.chars().count() <= 2
        && t.chars().next().is_some_and(char::is_uppercase)
        && p.kind == Kind::Punct
        && p.text(src).starts_with('.')
}

/// The surname of the last author left out of the author run: in a list of
/// given-first names (`A. Maselli, L. Gualtieri, V. Ferrari Testing
/// gravity …`) a run that ends on initials lost the last person's family
/// name to what follows. Moves that word (with its hyphenated parts) into
/// the authors. Returns corrected labels when a change is needed.
pub(super) fn repair_author_surname(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    const AUTHOR: u8 = 1;
    let a = labels.iter().position(|&l| l == AUTHOR)?;
    let b = a + labels[a..].iter().take_while(|&&l| l == AUTHOR).count(); // exclusive

    // given-first names: the run opens with an initial and has a comma
    // or "and" before its last person
    if !initial_at(src, tokens, a) || b < a + 4 {
        return None;
    }
    // the run ends on "X." (possibly "X. Y."), after a separator
    let mut k = b;
    while k >= a + 2 && initial_at(src, tokens, k - 2) && tokens[k - 1].text(src) == "." {
        k -= 2;
    }
    if k == b || k <= a {
        return None;
    }
    let sep = tokens[k - 1].text(src);
    if !(sep.ends_with(',') || sep.eq_ignore_ascii_case("and") || sep == "&") {
        return None;
    }
    // what follows is a capitalised word glued to nothing before it
    let w = tokens.get(b)?;
    let t = w.text(src);
    if w.kind != Kind::Word
        || !w.space_before
        || t.chars().count() < 2
        || !t.chars().next().is_some_and(char::is_uppercase)
        || !t.chars().skip(1).any(char::is_lowercase)
    {
        return None;
    }
    let mut end = b + 1;
    while end + 1 < tokens.len()
        && tokens[end].text(src) == "-"
        && !tokens[end].space_before
        && !tokens[end + 1].space_before
        && tokens[end + 1].kind == Kind::Word
    {
        end += 2;
    }
    // the word must not be the whole of what follows
    if labels.get(end).is_none_or(|&l| l != labels[b]) {
        return None;
    }
    let mut fixed = labels.to_vec();
    for l in &mut fixed[b..end] {
        *l = AUTHOR;
    }
    Some(fixed)
}

/// An author run that ends with an editor's role word after a comma or an
/// opening parenthesis names the editors of the work (`Leach, Neil, ed.`,
/// `Cheah, Pheng, and Bruce Robbins, eds.`, `Peitgen and Saupe (Eds.)`,
/// `Ginsburg, Tom, und Tamir Moustafa (Hrsg.)`). Returns corrected labels
/// when a change is needed.
pub(super) fn repair_author_role(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    const AUTHOR: u8 = 1;
    let a = labels.iter().position(|&l| l == AUTHOR)?;
    let b = a + labels[a..].iter().take_while(|&&l| l == AUTHOR).count(); // exclusive
    let last = (a..b).rev().find(|&k| tokens[k].kind != Kind::Punct)?;
    if last == a || !is_editor_word(tokens[last].text(src)) {
        return None;
    }
    let before = tokens[last - 1].text(src);
    if !(before.ends_with(',') || before.ends_with('(')) {
        return None;
    }
    let editor = label_index("editor");
    let mut fixed = labels.to_vec();
    for l in &mut fixed[a..b] {
        *l = editor;
    }
    Some(fixed)
}

/// Words the author run took from the title: anything after `et al.`, and
/// in a `;`-separated list of inverted names (`Lee, M.-J.; Jung, H.-S.`)
/// words after the last person's initials belong to what follows (the
/// title), not to the authors. Returns corrected labels when a change is
/// needed.
pub(super) fn repair_author_tail(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    const AUTHOR: u8 = 1;
    let a = labels.iter().position(|&l| l == AUTHOR)?;
    let b = a + labels[a..].iter().take_while(|&&l| l == AUTHOR).count(); // exclusive
    let next = *labels.get(b)?;
    // "…, et al. Feasibility, …": nothing after "et al." is a name
    if let Some(al) = (a + 1..b).find(|&k| {
        tokens[k].text(src).eq_ignore_ascii_case("al")
            && tokens[k - 1].text(src).eq_ignore_ascii_case("et")
    }) {
        let mut end = al + 1;
        while end < b && tokens[end].kind == Kind::Punct {
            end += 1;
        }
        if end < b {
            let mut fixed = labels.to_vec();
            for l in &mut fixed[end..b] {
                *l = next;
            }
            return Some(fixed);
        }
        return None;
    }
    let semi = (a..b).rev().find(|&k| tokens[k].text(src).contains(';'))?;
    // last person: Family[-Family] "," then initials "X." / "X.-Y."
    let mut k = semi + 1;
    while k < b && !tokens[k].text(src).contains(',') {
        k += 1;
    }
    k += 1; // past the comma
    let mut last_initial_end = None;
    while k + 1 < b {
        let w = tokens[k].text(src);
        let p = tokens[k + 1].text(src);
        let initial = w.chars().count() <= 2 && w.chars().next().is_some_and(char::is_uppercase);
        if initial && p.starts_with('.') {
            last_initial_end = Some(k + 2);
            k += 2;
            if p.ends_with('-') || p == ".-" {
                continue;
            }
            if k < b && tokens[k].text(src) == "-" {
                k += 1;
            }
        } else {
            break;
        }
    }
    let end = last_initial_end?;
    if end >= b
        || !tokens[end..b]
            .iter()
            .any(|t| t.text(src).chars().any(char::is_alphabetic))
    {
        return None;
    }
    let mut fixed = labels.to_vec();
    for l in &mut fixed[end..b] {
        *l = next;
    }
    Some(fixed)
}

/// DOIs and URLs are recognised by their own parsers
/// ([`lex::doi`](crate::refparse::lex::doi),
/// [`lex::url`](crate::refparse::lex::url)); the model only chooses between
/// `doi` and `url` for resolver URLs.
/// Returns corrected labels when a link token had another label.
pub(super) fn link_labels(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    const DOI: u8 = 16;
    const URL: u8 = 17;
    let want = |t: &Token, l: u8| match t.kind {
        // a bare DOI or "doi:…" is a DOI whatever the model says; a resolver
        // URL (https://doi.org/…) may be either
        Kind::Doi if l != DOI && (l != URL || !t.text(src).starts_with(['h', 'H'])) => Some(DOI),
        Kind::Url if l != DOI && l != URL => Some(URL),
        _ => None,
    };
    if !tokens
        .iter()
        .zip(labels)
        .any(|(t, &l)| want(t, l).is_some())
    {
        return None;
    }
    Some(
        tokens
            .iter()
            .zip(labels)
            .map(|(t, &l)| want(t, l).unwrap_or(l))
            .collect(),
    )
}

/// A Korean, Japanese or Chinese volume or issue mark (`제27권`, `第5期`,
/// `1949号`, [`lex::cjk_number_mark`]) or a label glued to its number by
/// extraction (`Vol43`, [`lex::glued_serial_label`]) is one token, so the
/// model sees no number in it and leaves it to the note or the container:
/// such a token outside the author and title becomes the volume or issue it
/// names, and the build reads the number out of it. Returns corrected
/// labels when a change is needed.
pub(super) fn serial_marks(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    let (author, title) = (label_index("author"), label_index("title"));
    let (volume, issue) = (label_index("volume"), label_index("issue"));
    let mut fixed: Option<Vec<u8>> = None;
    for (i, t) in tokens.iter().enumerate().take(labels.len()) {
        if t.kind != Kind::Word || labels[i] == author || labels[i] == title {
            continue;
        }
        let mark = alt((lex::cjk_number_mark, lex::glued_serial_label)).parse(t.text(src));
        let Ok(("", (_, part))) = mark else {
            continue;
        };
        let want = match part {
            lex::SerialPart::Volume => volume,
            lex::SerialPart::Issue => issue,
        };
        if labels[i] != want {
            fixed.get_or_insert_with(|| labels.to_vec())[i] = want;
        }
    }
    fixed
}

/// A repeat mark at the start (`———.`, `–––––`, `---`) stands for the
/// authors of the entry before it, whatever label the model gave it: it
/// becomes the author run, which [`split_names`](crate::refparse::names)
/// keeps as written and a list fills in from the entry before. Returns
/// corrected labels when a change is needed.
pub(super) fn leading_repeat_mark(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    let author = label_index("author");
    let first = tokens.first()?;
    // the mark and its punctuation, up to the first space
    let n = 1 + tokens[1..]
        .iter()
        .take_while(|t| !t.space_before && t.kind == Kind::Punct)
        .count();
    let end = tokens[n - 1].end;
    if !is_repeat_mark(src.get(first.start..end)?) {
        return None;
    }
    // `--, --, and M. A. Saunders`: further marks and the joins between
    // them lead to the named authors, who stay in the same run
    let joins = tokens[n..]
        .iter()
        .take_while(|t| {
            let w = t.text(src);
            t.kind == Kind::Punct || w == "and" || w == "&"
        })
        .count();
    let n = if labels.get(n + joins) == Some(&author) {
        n + joins
    } else {
        n
    };
    let n = n.min(labels.len());
    if labels[..n].iter().all(|&l| l == author) {
        return None;
    }
    let mut fixed = labels.to_vec();
    fixed[..n].fill(author);
    Some(fixed)
}

/// A Vancouver author run that took a one-word title (`Brown L.
/// Agreement.` + `J Stat. 2003;3:5-6.`): when the model labelled no title,
/// the run is a list of `Family INITIALS` names closed by a full stop, and
/// words follow that stop before the container or date, those words are
/// the title. Returns corrected labels when a change is needed.
pub(super) fn vancouver_author_tail(src: &str, tokens: &[Token], labels: &[u8]) -> Option<Vec<u8>> {
    let (author, title) = (label_index("author"), label_index("title"));
    if labels.contains(&title) {
        return None;
    }
    let a = labels.iter().position(|&l| l == author)?;
    let b = a + labels[a..].iter().take_while(|&&l| l == author).count();
    let next = *labels.get(b)?;
    if next != label_index("container") && next != label_index("date") {
        return None;
    }
    let capitalised = |t: &Token| {
        t.kind == Kind::Word && t.text(src).chars().next().is_some_and(char::is_uppercase)
    };
    let initials = |t: &Token| {
        let w = t.text(src);
        t.kind == Kind::Word
            && (1..=3).contains(&w.chars().count())
            && w.chars().all(|c| c.is_ascii_uppercase())
    };
    // names: capitalised words, then undotted initials, then `,` or `.`
    let mut k = a;
    let stop = loop {
        let start = k;
        while k < b && capitalised(&tokens[k]) && !(initials(&tokens[k]) && k > start) {
            k += 1;
        }
        if k == start || k >= b || !initials(&tokens[k]) {
            return None;
        }
        k += 1;
        match tokens.get(k).map(|t| t.text(src)) {
            Some(",") if k < b => k += 1,
            Some(".") if k < b => break k,
            _ => return None,
        }
    };
    // the title is one sentence: capitalised, ending in its own full
    // stop, with no comma (`Steven C. Pieper,` and `Kempner J.C., David
    // L.P.,` go on with names)
    let rest = &tokens[stop + 1..b];
    let words = rest
        .iter()
        .filter(|t| t.kind == Kind::Word && t.text(src).chars().count() >= 3)
        .count();
    let sentence = rest.last().is_some_and(|t| t.text(src) == ".")
        && !rest.iter().any(|t| t.text(src).contains(','));
    // a word, not the next initial (`Chen C.T. and Millero F.J.`)
    let word = rest
        .first()
        .is_some_and(|t| capitalised(t) && t.text(src).chars().any(char::is_lowercase));
    if words == 0 || !sentence || !word {
        return None;
    }
    let mut fixed = labels.to_vec();
    fixed[stop + 1..b].fill(title);
    Some(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_tail_moves_to_title() {
        let src = "Lee, M.-J.; Jung, H.-S. YAP and TAZ Regulate. J. Invest. 2014";
        let toks = crate::refparse::token::tokenize(src);
        let yap = toks.iter().position(|t| t.text(src) == "YAP").unwrap();
        let and = yap + 1;
        let mut labels = vec![1u8; and + 1];
        labels.resize(toks.len(), 4);
        let fixed = repair_author_tail(src, &toks, &labels).unwrap();
        assert_eq!(fixed[yap], 4);
        assert_eq!(fixed[yap - 1], 1, "the initials' dot stays with the author");
        assert!(repair_author_tail(
            "Smith, J. A. Title",
            &crate::refparse::token::tokenize("Smith, J. A. Title"),
            &[1, 1, 1, 1, 1, 1, 4]
        )
        .is_none());
    }

    #[test]
    fn an_author_run_ending_with_a_role_names_editors() {
        let tok = crate::refparse::token::tokenize;
        let editor = label_index("editor");
        for (src, first_title_word) in [
            ("Leach, Neil, ed. Rethinking Architecture", "Rethinking"),
            (
                "Cheah, Pheng, and Bruce Robbins, eds. Cosmopolitics",
                "Cosmopolitics",
            ),
            (
                "Peitgen and Saupe (Eds.), The Science of Fractal Images",
                "The",
            ),
            (
                "Ginsburg, Tom, und Tamir Moustafa (Hrsg.). Rule by Law",
                "Rule",
            ),
        ] {
            let toks = tok(src);
            let t = toks
                .iter()
                .position(|t| t.text(src) == first_title_word)
                .unwrap();
            let mut labels = vec![1u8; t];
            labels.resize(toks.len(), 4);
            let fixed = repair_author_role(src, &toks, &labels).expect(src);
            assert!(fixed[..t].iter().all(|&l| l == editor), "{src}");
            assert!(fixed[t..].iter().all(|&l| l == 4), "{src}");
        }
        // a name that is a role word, or a role word not set apart, stays
        for src in ["Dir, Anna. A Title", "Smith Ed. A Title", "Ed. A Title"] {
            let toks = tok(src);
            let t = toks.iter().position(|t| t.text(src) == "A").unwrap();
            let mut labels = vec![1u8; t];
            labels.resize(toks.len(), 4);
            assert!(repair_author_role(src, &toks, &labels).is_none(), "{src}");
        }
    }

    #[test]
    fn last_surname_moves_to_the_authors() {
        let tok = crate::refparse::token::tokenize;
        let src = "Z. Guo, N. Ohta, and S. Tsujikawa Realizing scale-invariant models";
        let toks = tok(src);
        let ts = toks
            .iter()
            .position(|t| t.text(src) == "Tsujikawa")
            .unwrap();
        let mut labels = vec![1u8; ts];
        labels.resize(toks.len(), 4);
        let fixed = repair_author_surname(src, &toks, &labels).unwrap();
        assert_eq!(fixed[ts], 1);
        assert_eq!(fixed[ts + 1], 4, "the title keeps its first word");
        // hyphenated family names move whole
        let src = "A. Voronov and H. V. Klapdor-Kleingrothaus Double beta decay";
        let toks = tok(src);
        let k = toks.iter().position(|t| t.text(src) == "Klapdor").unwrap();
        let mut labels = vec![1u8; k];
        labels.resize(toks.len(), 4);
        let fixed = repair_author_surname(src, &toks, &labels).unwrap();
        assert_eq!(&fixed[k..k + 4], &[1, 1, 1, 4]);
        // inverted names end on initials by design
        let src = "Smith, J., and Jones, K. Title words here";
        let toks = tok(src);
        let t = toks.iter().position(|t| t.text(src) == "Title").unwrap();
        let mut labels = vec![1u8; t];
        labels.resize(toks.len(), 4);
        assert!(repair_author_surname(src, &toks, &labels).is_none());
    }

    #[test]
    fn serial_marks_name_their_part() {
        let l = |n: &str| label_index(n);
        let src = "김태원, 연구, 사회과학연구, 제27권, 제1호, 2016. 学报 Vol43, 第5期.";
        let toks = crate::refparse::token::tokenize(src);
        let at = |w: &str| toks.iter().position(|t| t.text(src) == w).unwrap();
        let mut labels = vec![l("other"); toks.len()];
        labels[0] = l("author");
        labels[at("연구")] = l("title");
        labels[at("사회과학연구")] = l("container");
        labels[at("Vol43")] = l("container");
        let fixed = serial_marks(src, &toks, &labels).unwrap();
        assert_eq!(fixed[at("제27권")], l("volume"));
        assert_eq!(fixed[at("제1호")], l("issue"));
        assert_eq!(fixed[at("Vol43")], l("volume"));
        assert_eq!(fixed[at("第5期")], l("issue"));
        assert_eq!(fixed[at("사회과학연구")], l("container"));
        // a mark inside the title stays there
        let src = "第3巻の研究. 学报, 2001.";
        let toks = crate::refparse::token::tokenize(src);
        let mut labels = vec![l("title"); toks.len()];
        labels[toks.len() - 2] = l("date");
        assert!(serial_marks(src, &toks, &labels).is_none());
    }

    #[test]
    fn a_leading_repeat_mark_is_the_author() {
        let l = |n: &str| label_index(n);
        let src = "———. 1992. Genius. New York: Pantheon.";
        let toks = crate::refparse::token::tokenize(src);
        let mut labels = vec![l("title"); toks.len()];
        labels[0] = l("other");
        let fixed = leading_repeat_mark(src, &toks, &labels).unwrap();
        let mark = toks
            .iter()
            .take_while(|t| t.end <= src.find(' ').unwrap())
            .count();
        assert!(fixed[..mark].iter().all(|&x| x == l("author")));
        assert!(fixed[mark..].iter().all(|&x| x == l("title")));
        // further marks join the authors named after them
        let src = "--, --, and M. A. Saunders, 2008: Forecasting. Climate.";
        let toks = crate::refparse::token::tokenize(src);
        let m = toks.iter().position(|t| t.text(src) == "M").unwrap();
        let s = toks.iter().position(|t| t.text(src) == "Saunders").unwrap();
        let mut labels = vec![l("other"); toks.len()];
        labels[m..=s + 1].fill(l("author"));
        let fixed = leading_repeat_mark(src, &toks, &labels).unwrap();
        assert!(fixed[..=s].iter().all(|&x| x == l("author")));
        // a dash that is not a repeat mark is left alone
        let src = "- 1992. Genius.";
        let toks = crate::refparse::token::tokenize(src);
        assert!(leading_repeat_mark(src, &toks, &vec![l("other"); toks.len()]).is_none());
    }

    #[test]
    fn a_vancouver_author_run_gives_back_its_one_word_title() {
        let l = |n: &str| label_index(n);
        // everything before the journal `J` labelled author
        let label = |src: &str| {
            let toks = crate::refparse::token::tokenize(src);
            let j = toks.iter().position(|t| t.text(src) == "J").unwrap();
            let mut labels = vec![l("author"); j];
            labels.resize(toks.len(), l("container"));
            (toks, labels)
        };
        let src = "Brown L. Agreement. J Stat. 2003;3:5-6.";
        let (toks, labels) = label(src);
        let fixed = vancouver_author_tail(src, &toks, &labels).unwrap();
        let at = |w: &str| toks.iter().position(|t| t.text(src) == w).unwrap();
        assert_eq!(fixed[at("Agreement")], l("title"));
        assert_eq!(fixed[at("Brown")], l("author"));
        assert_eq!(fixed[at("L")], l("author"));
        let src = "Brown L, Van Dam KJ. Agreement. J Stat. 2003;3:5-6.";
        let (toks, labels) = label(src);
        let fixed = vancouver_author_tail(src, &toks, &labels).unwrap();
        assert_eq!(
            fixed[toks.iter().position(|t| t.text(src) == "KJ").unwrap()],
            l("author")
        );
        // dotted initials and given-first names go on with names
        for src in [
            "Smith J. A. J Stat. 2003.",
            "Kempner J.C., David L.P., J Stat, 2004.",
            "Steven C. Pieper, J Stat 90, 252501 (2003)",
            "Chen C.T. and Millero F.J. J Stat. 31, 1986.",
        ] {
            let (toks, labels) = label(src);
            assert!(
                vancouver_author_tail(src, &toks, &labels).is_none(),
                "{src}"
            );
        }
    }

    #[test]
    fn place_codes_join_their_place() {
        let src = "The Book. Oxford University Press, Oxford, UK.";
        let toks = crate::refparse::token::tokenize(src);
        let uk = toks.iter().position(|t| t.text(src) == "UK").unwrap();
        let mut labels = vec![4u8; uk - 2];
        labels.extend([12, 12, 11, 11]);
        let fixed = repair_place_code(src, &toks, &labels).unwrap();
        assert_eq!(&fixed[uk - 2..], &[12, 12, 12, 12]);
        // not after a place
        let mut labels = vec![4u8; uk - 2];
        labels.extend([11, 11, 11, 11]);
        assert!(repair_place_code(src, &toks, &labels).is_none());
    }

    #[test]
    fn abbreviations_before_the_container_join_it() {
        let src = "J. Gasser, Lect. Notes Phys. 629, 1 (2004)";
        let toks = crate::refparse::token::tokenize(src);
        // J . Gasser , | Lect . | Notes Phys . | 629 , | 1 ( | 2004 )
        let labels = [1, 1, 1, 1, 4, 4, 5, 5, 5, 8, 8, 10, 10, 7, 7];
        assert_eq!(toks.len(), labels.len());
        let fixed = repair_container_head(src, &toks, &labels).unwrap();
        assert_eq!(&fixed[4..9], &[5, 5, 5, 5, 5]);
        assert_eq!(&fixed[..4], &labels[..4]);
        // a title ending in a short word keeps it
        let src = "A. B, On the Trial. Ann. Med. 12, 3";
        let toks = crate::refparse::token::tokenize(src);
        let labels = [1, 1, 1, 1, 4, 4, 4, 4, 5, 5, 5, 5, 8, 8, 10];
        assert_eq!(toks.len(), labels.len());
        assert!(repair_container_head(src, &toks, &labels).is_none());
        // so does one ending in an initial or a Roman numeral
        let src = "A. B, Vitamin D. Nature 12, 3";
        let toks = crate::refparse::token::tokenize(src);
        let labels = [1, 1, 1, 1, 4, 4, 4, 5, 8, 8, 10];
        assert_eq!(toks.len(), labels.len());
        assert!(repair_container_head(src, &toks, &labels).is_none());
    }

    #[test]
    fn title_tail_moves_to_container() {
        let src = "Simister NE 2003 Placental transport of immunoglobulin G. Vaccine 21, 3365";
        let toks = crate::refparse::token::tokenize(src);
        let vac = toks.iter().position(|t| t.text(src) == "Vaccine").unwrap();
        let mut labels = vec![1u8, 1, 7];
        labels.resize(vac + 1, 4);
        labels.resize(toks.len(), 8);
        let fixed = repair_title_tail(src, &toks, &labels).unwrap();
        assert_eq!(fixed[vac], 5);
        assert_eq!(fixed[vac - 2], 4);
        // a title whose last sentence is long stays whole
        let src = "A B 2003 One two three. Four five six seven. Nature 1";
        let toks = crate::refparse::token::tokenize(src);
        let nat = toks.iter().position(|t| t.text(src) == "Nature").unwrap();
        let mut labels = vec![1u8, 1, 7];
        labels.resize(nat, 4);
        labels.resize(toks.len(), 5);
        assert!(repair_title_tail(src, &toks, &labels).is_none());
    }
}
