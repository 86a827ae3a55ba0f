//! The memchr pre-scan: the bytes where a numeric marker may start.

/// Offsets of every byte where a numeric marker may start: `[`, `(`, `^`,
/// and the lead bytes of `［`, `（`, `【` and the superscript digits.
/// The fast version uses memchr; [`candidates_naive`] is its reference.
pub fn candidates(text: &str) -> Vec<usize> {
    candidates_iter(text).collect()
}

/// [`candidates`] as an iterator, in increasing order, without holding
/// them all (a file of `[[[[…` has one per byte).
pub fn candidates_iter(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    let mut first = memchr::memchr3_iter(b'[', b'(', 0xEF, b)
        .filter(move |&p| b[p] != 0xEF || is_wide_start(b, p))
        .peekable();
    let mut second = memchr::memchr3_iter(0xE3, 0xC2, 0xE2, b)
        .filter(move |&p| is_wide_start(b, p))
        .peekable();
    std::iter::from_fn(move || match (first.peek(), second.peek()) {
        (Some(&a), Some(&c)) if c < a => second.next(),
        (Some(_), _) => first.next(),
        (None, _) => second.next(),
    })
}

/// The byte-by-byte reference for [`candidates`].
pub fn candidates_naive(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&p| b[p] == b'[' || b[p] == b'(' || is_wide_start(b, p))
        .collect()
}

/// Whether a multi-byte marker opener starts at `p`.
fn is_wide_start(b: &[u8], p: usize) -> bool {
    let rest = &b[p..];
    rest.starts_with("［".as_bytes())
        || rest.starts_with("（".as_bytes())
        || rest.starts_with("【".as_bytes())
        || ["¹", "²", "³", "⁰", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
            .iter()
            .any(|d| rest.starts_with(d.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memchr_prescan_matches_naive() {
        let samples = [
            "",
            "plain",
            "a [1] (2) ［3］ 【4】 （5） ¹ ² ³ ⁴ ⁹ ⁰ é – — ‘’ “” 中文",
            "¹⁻³,² [x](y)[[",
            "\u{ef}\u{e3}\u{c2}\u{e2}",
        ];
        for s in samples {
            assert_eq!(candidates(s), candidates_naive(s), "{s:?}");
        }
        // every char boundary of a mixed string
        let mixed = "x¹[1]（2）【3】£€∑½ⅳ[";
        for (i, _) in mixed.char_indices() {
            let s = &mixed[i..];
            assert_eq!(candidates(s), candidates_naive(s), "{s:?}");
        }
    }
}
