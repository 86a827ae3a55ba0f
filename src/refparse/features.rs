//! Feature extraction for the sequence labeller.
//!
//! Every feature is a 64-bit hash of a template number and a value, computed
//! without building strings. A token gets features from its own text, its
//! shape, its neighbours and its place in the reference (how many years and
//! sentence breaks precede it, bracket and quote depth).

use super::token::{Kind, Token};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over bytes, continuing from `h`.
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// [`fnv`] from the offset basis over the bytes of each template number
/// below 64, computed at compile time (a template's half of [`mix`] is the
/// same for every token).
const TEMPLATE_HASH: [u64; 64] = {
    let mut out = [0u64; 64];
    let mut t = 0;
    while t < 64 {
        let bytes = (t as u64).to_le_bytes();
        let mut h = FNV_OFFSET;
        let mut i = 0;
        while i < 8 {
            h ^= bytes[i] as u64;
            h = h.wrapping_mul(FNV_PRIME);
            i += 1;
        }
        out[t] = h;
        t += 1;
    }
    out
};

/// Mixes a template number with a value hash.
fn mix(template: u64, value: u64) -> u64 {
    let mut h = match TEMPLATE_HASH.get(template as usize) {
        Some(&h) => h,
        None => fnv(FNV_OFFSET, &template.to_le_bytes()),
    };
    h = fnv(h, &value.to_le_bytes());
    h ^ (h >> 29)
}

/// Hash of the lower-cased text of a token.
fn lower_hash(s: &str) -> u64 {
    if s.is_ascii() {
        // the same bytes the general path hashes, without decoding
        let mut h = FNV_OFFSET;
        for b in s.bytes() {
            h = fnv(h, &[b.to_ascii_lowercase()]);
        }
        return h;
    }
    let mut h = FNV_OFFSET;
    let mut buf = [0u8; 4];
    for c in s.chars() {
        for l in c.to_lowercase() {
            h = fnv(h, l.encode_utf8(&mut buf).as_bytes());
        }
    }
    h
}

/// Character class used in shapes.
fn class(c: char) -> char {
    if c.is_ascii_digit() {
        'd'
    } else if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_alphabetic() {
        if ('\u{2e80}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c) {
            'C'
        } else {
            'a'
        }
    } else {
        c
    }
}

/// Hash of the shape with runs collapsed (`Smith` → `Xx`, `1998` → `d`).
fn shape_hash(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut last = '\0';
    let mut buf = [0u8; 4];
    for c in s.chars() {
        let k = class(c);
        if k != last {
            h = fnv(h, k.encode_utf8(&mut buf).as_bytes());
            last = k;
        }
    }
    h
}

/// Per-token facts computed once and shared by neighbours' features.
#[derive(Clone, Copy, Default)]
struct Info {
    word: u64,
    shape: u64,
    /// small categorical flags (see `flags`)
    flags: u64,
}

/// Bits of `Info::flags`.
fn flags(t: &str, kind: Kind) -> u64 {
    let mut f = 0u64;
    let n = t.chars().count();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    if kind == Kind::Word {
        if digits == n {
            f |= 1; // number
            if n == 4 && super::lex::year(t).is_ok() {
                f |= 2; // year
            }
        }
        let mut cs = t.chars();
        if let Some(c0) = cs.next() {
            if c0.is_uppercase() {
                f |= 4; // capitalised
                if n == 1 {
                    f |= 8; // initial
                }
                if n > 1 && t.chars().all(|c| !c.is_lowercase()) {
                    f |= 16; // all caps
                }
            }
        }
    }
    f | ((n.min(6) as u64) << 8)
}

/// Flag bit of the tokens of a "no date" mark (`n.d.`, `s.d.`, `s.f.`,
/// `o.J.`): rare in training data but unambiguous, so it gets its own bit.
const NO_DATE: u64 = 32;

/// Indices of the four tokens of every `n.d.` style mark (lower case, so
/// that initials such as `S. F.` are left alone).
pub fn no_date_tokens<'a>(src: &'a str, tokens: &'a [Token]) -> impl Iterator<Item = usize> + 'a {
    let text = move |i: usize, k: Kind| {
        tokens
            .get(i)
            .filter(|t| t.kind == k)
            .map_or("", |t| t.text(src))
    };
    (0..tokens.len())
        .filter(move |&i| {
            matches!(
                (text(i, Kind::Word), text(i + 2, Kind::Word)),
                ("n", "d") | ("s", "d") | ("s", "f") | ("o", "J")
            ) && text(i + 1, Kind::Punct) == "."
                && text(i + 3, Kind::Punct).starts_with('.')
        })
        .flat_map(|i| i..i + 4)
}

/// Sets [`NO_DATE`] on the tokens of every no-date mark.
fn mark_no_date(src: &str, tokens: &[Token], info: &mut [Info]) {
    for i in no_date_tokens(src, tokens) {
        info[i].flags |= NO_DATE;
    }
}

/// Number of features produced per token (an upper bound).
pub const PER_TOKEN: usize = 40;

/// Month names and other small word classes (case-insensitive).
fn word_class(lower: &str) -> u64 {
    const MONTHS: [&str; 24] = [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if MONTHS.iter().any(|m| m.eq_ignore_ascii_case(lower)) {
        1
    } else {
        0
    }
}

/// Number of boundary classes (see [`boundary_class`]).
pub const CLASSES: usize = 100;

/// The kind of boundary in front of token `i`, which the model's
/// class-conditioned transitions score: what ends the previous token (start
/// of reference, a word, or the last character of its punctuation: `.` `,`
/// `:` `;` opening or closing bracket, quote, other), what the token is
/// (punctuation, capitalised word, other word, number, link) and whether
/// whitespace separates them. Below [`CLASSES`].
pub fn boundary_class(src: &str, tokens: &[Token], i: usize) -> u8 {
    let t = &tokens[i];
    let before = match i.checked_sub(1).map(|j| &tokens[j]) {
        None => 0,
        Some(p) if p.kind == Kind::Word => 1,
        Some(p) if p.kind == Kind::Punct => match p.text(src).chars().last() {
            Some('.' | '。' | '．') => 2,
            Some(',' | '，') => 3,
            Some(':' | '：') => 4,
            Some(';' | '；') => 5,
            Some('(' | '[' | '（' | '［') => 6,
            Some(')' | ']' | '）' | '］') => 7,
            Some('"' | '“' | '”' | '«' | '»' | '‘' | '’' | '\'') => 8,
            _ => 9,
        },
        Some(_) => 9,
    };
    let me = match t.kind {
        Kind::Punct => 0,
        Kind::Word => {
            let text = t.text(src);
            if text.chars().all(|c| c.is_ascii_digit()) {
                3
            } else if text.chars().next().is_some_and(char::is_uppercase) {
                1
            } else {
                2
            }
        }
        _ => 4,
    };
    before * 10 + me * 2 + u8::from(t.space_before)
}

/// Computes the features of every token of `src`. `out` receives
/// `tokens.len()` groups; `offsets[i]..offsets[i+1]` is token i's range;
/// `classes[i]` is token i's [`boundary_class`].
pub fn extract(
    src: &str,
    tokens: &[Token],
    out: &mut Vec<u64>,
    offsets: &mut Vec<usize>,
    classes: &mut Vec<u8>,
) {
    out.clear();
    offsets.clear();
    classes.clear();
    classes.extend((0..tokens.len()).map(|i| boundary_class(src, tokens, i)));
    let n = tokens.len();
    let info: Vec<Info> = tokens
        .iter()
        .map(|t| {
            let text = t.text(src);
            match t.kind {
                Kind::Word | Kind::Punct => Info {
                    word: lower_hash(text),
                    shape: shape_hash(text),
                    flags: flags(text, t.kind),
                },
                k => Info {
                    word: k as u64 + 1,
                    shape: k as u64 + 1,
                    flags: 0,
                },
            }
        })
        .collect();
    let mut info = info;
    mark_no_date(src, tokens, &mut info);
    const NONE: Info = Info {
        word: 0xdead,
        shape: 0xdead,
        flags: 0xdead,
    };
    let at = |j: isize| -> Info {
        if j < 0 || j as usize >= n {
            NONE
        } else {
            info[j as usize]
        }
    };
    let mut years = 0u64;
    let mut since_year = 0u64;
    let mut commas_since_break = 0u64;
    let mut sentence_start = true;
    let mut breaks = 0u64;
    let mut commas = 0u64;
    let mut paren = 0i32;
    let mut quote = false;
    for (i, t) in tokens.iter().enumerate() {
        offsets.push(out.len());
        let text = t.text(src);
        let me = info[i];
        let ii = i as isize;
        let pos = (i * 10 / n.max(1)) as u64;
        let space_after = tokens.get(i + 1).is_none_or(|x| x.space_before);
        let mut push = |tpl: u64, v: u64| out.push(mix(tpl, v));
        push(0, 0); // bias
        push(1, me.word);
        push(2, me.shape);
        push(3, me.flags);
        push(4, at(ii - 1).word);
        push(5, at(ii + 1).word);
        push(6, at(ii - 2).word);
        push(7, at(ii + 2).word);
        push(8, at(ii - 1).shape);
        push(9, at(ii + 1).shape);
        push(10, at(ii - 1).word ^ me.word.rotate_left(7));
        push(11, me.word ^ at(ii + 1).word.rotate_left(7));
        push(12, pos);
        push(13, years.min(3));
        push(14, breaks.min(8));
        push(15, commas.min(10));
        push(16, u64::from(paren > 0) | (u64::from(quote) << 1));
        push(
            17,
            u64::from(t.space_before) | (u64::from(space_after) << 1),
        );
        push(18, me.shape ^ (pos << 40));
        push(19, me.flags ^ (years.min(3) << 20) ^ (breaks.min(6) << 24));
        push(
            20,
            me.shape ^ at(ii - 1).shape.rotate_left(5) ^ at(ii + 1).shape.rotate_left(11),
        );
        push(
            21,
            (t.kind as u64) ^ (u64::from(i == 0) << 4) ^ (u64::from(i + 1 == n) << 5),
        );
        push(22, me.word ^ (breaks.min(6) << 50));
        if t.kind == Kind::Word {
            if text.len() > 3 {
                // first and last three characters, hashed lower-cased
                let p_end = text.char_indices().nth(3).map_or(text.len(), |(i, _)| i);
                let s_start = text.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
                push(23, lower_hash(&text[..p_end]));
                push(24, lower_hash(&text[s_start..]));
            }
            let wc = word_class(text);
            if wc != 0 {
                push(25, wc);
            }
        }
        push(
            26,
            at(ii - 1).flags ^ (me.flags << 16) ^ (at(ii + 1).flags << 32),
        );
        push(27, at(ii - 2).shape ^ at(ii - 1).shape.rotate_left(9));
        push(28, at(ii + 1).shape ^ at(ii + 2).shape.rotate_left(9));
        push(
            29,
            since_year.min(4) | (u64::from(years > 0) << 3) | (commas_since_break.min(4) << 4),
        );
        push(
            30,
            me.word ^ (u64::from(quote) << 60) ^ (u64::from(paren > 0) << 61),
        );
        push(
            31,
            me.flags ^ (u64::from(sentence_start) << 40) ^ (since_year.min(3) << 44),
        );
        push(
            32,
            at(ii - 1).word ^ (since_year.min(3) << 56) ^ (u64::from(years > 0) << 59),
        );
        sentence_start = false;
        // state updates after this token
        if me.flags & 2 != 0 {
            years += 1;
            since_year = 0;
        }
        if t.kind == Kind::Punct {
            for c in text.chars() {
                match c {
                    '(' | '[' | '（' | '［' => paren += 1,
                    ')' | ']' | '）' | '］' => paren = (paren - 1).max(0),
                    '"' | '“' | '”' | '«' | '»' | '‘' | '’' if text.len() <= 3 => {
                        quote = match c {
                            '“' | '«' | '‘' => true,
                            '”' | '»' | '’' => false,
                            _ => !quote,
                        }
                    }
                    _ => {}
                }
            }
            if (text.contains('.') || text.contains('。') || text.contains('．')) && space_after {
                breaks += 1;
                since_year += 1;
                commas_since_break = 0;
                sentence_start = true;
            }
            if text.contains(',') || text.contains('，') {
                commas += 1;
                commas_since_break += 1;
            }
        }
    }
    offsets.push(out.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definitions the fast paths must agree with.
    fn mix_naive(template: u64, value: u64) -> u64 {
        let h = fnv(
            fnv(FNV_OFFSET, &template.to_le_bytes()),
            &value.to_le_bytes(),
        );
        h ^ (h >> 29)
    }

    fn lower_hash_naive(s: &str) -> u64 {
        fnv(FNV_OFFSET, s.to_lowercase().as_bytes())
    }

    #[test]
    fn fast_hashes_agree_with_the_definitions() {
        for t in 0..80 {
            for v in [0, 1, 0xdead, u64::MAX, 0x1234_5678_9abc_def0] {
                assert_eq!(mix(t, v), mix_naive(t, v), "template {t} value {v}");
            }
        }
        for s in [
            "",
            "Smith",
            "J.",
            "ACM",
            "2008a",
            "Müller",
            "ÉCOLE",
            "李红元",
            "Straße",
            "x-Y_z",
        ] {
            assert_eq!(lower_hash(s), lower_hash_naive(s), "{s}");
        }
    }
}
