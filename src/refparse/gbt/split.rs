//! Cutting an entry at its separators (half- and full-width `.`, `,`, `:`).

use super::lex;

/// Separators between the parts of an entry.
pub(super) const PERIODS: [&str; 3] = [". ", "．", "。"];
pub(super) const COMMAS: [&str; 3] = [", ", "，", ","];
pub(super) const COLONS: [&str; 3] = [": ", "：", ":"];

/// Earliest occurrence of any of `seps` in `s`: (before, after).
pub(super) fn split_any<'a>(s: &'a str, seps: &[&str]) -> Option<(&'a str, &'a str)> {
    seps.iter()
        .filter_map(|sep| s.find(sep).map(|i| (i, sep.len())))
        .min()
        .map(|(i, n)| (&s[..i], &s[i + n..]))
}

/// Splits `s` at every separator in `seps`.
pub(super) fn split_all<'a>(mut s: &'a str, seps: &[&str]) -> Vec<&'a str> {
    let mut v = Vec::new();
    while let Some((a, b)) = split_any(s, seps) {
        v.push(a);
        s = b;
    }
    v.push(s);
    v
}

/// The next sentence period in `s` at or after byte `from`: (its offset,
/// its length).
fn next_period(s: &str, from: usize) -> Option<(usize, usize)> {
    let (a, _) = split_any(&s[from..], &PERIODS)?;
    let at = from + a.len();
    let len = PERIODS
        .iter()
        .find(|p| s[at..].starts_with(*p))
        .map_or(1, |p| p.len());
    Some((at, len))
}

/// Splits the part after the type tag at sentence periods, but not inside
/// dotted initials (`Rotterdam: A. A. Balkema`).
pub(super) fn split_periods(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some((at, sep_len)) = next_period(s, search) {
        let before = &s[start..at];
        let after = &s[at + sep_len..];
        let initial_before = {
            // full-width punctuation has no space after it ("Rotterdam：A. A. Balkema")
            let w = before.rsplit([' ', '：', '，', '、']).next().unwrap_or("");
            w.chars().count() == 1 && w.chars().all(char::is_uppercase)
        };
        let initial_after = {
            let mut c = after.chars();
            c.next().is_some_and(char::is_uppercase) && c.next() == Some('.')
        };
        let dotted_before = before
            .trim_end()
            .rsplit([' ', '：', '，'])
            .nth(1)
            .is_some_and(|w| {
                let mut c = w.chars();
                c.next().is_some_and(char::is_uppercase)
                    && c.next() == Some('.')
                    && c.next().is_none()
            });
        if initial_before && (initial_after || dotted_before) && s[..at].contains([':', '：']) {
            search = at + sep_len;
            continue;
        }
        out.push(before);
        start = at + sep_len;
        search = start;
    }
    out.push(&s[start..]);
    out
}

/// Splits at the first sentence period that does not close an abbreviation
/// which cannot end a name list: a dotted acronym (`U.S. Department of
/// Energy`) or a title (`Dr. Seuss`). `ZHANG S. Title` splits after `S`.
pub(super) fn split_sentence(s: &str) -> Option<(&str, &str)> {
    let mut from = 0;
    while let Some((at, sep)) = next_period(s, from) {
        let word = s[..at].rsplit([' ', ',', '，']).next().unwrap_or("");
        // "n.d." ends the author-year head
        let acronym = word.contains('.')
            && word.chars().all(|c| c.is_alphabetic() || c == '.')
            && !super::date::is_no_date(word);
        let title = matches!(word, "Dr" | "Mr" | "Mrs" | "Ms" | "Prof" | "St");
        if !(acronym || title) {
            return Some((&s[..at], &s[at + sep..]));
        }
        from = at + sep;
    }
    None
}

/// A trailing `: PAGES` (`ASME: 17-38`, `会议：2`, `Inc.: 13`) split off:
/// (before, pages). The pages must be a whole page locator.
pub(super) fn split_trailing_pages(s: &str) -> (&str, Option<&str>) {
    let sep = s.rfind(": ").into_iter().chain(s.rfind('：')).max();
    if let Some(i) = sep {
        let p = s[i..].trim_start_matches([':', '：']).trim();
        let norm = p.replace(['—', '–'], "-");
        if let Ok((rest, _)) = lex::page_range(&norm) {
            if rest.trim().is_empty() && !s[..i].trim().is_empty() {
                return (s[..i].trim_end(), Some(p));
            }
        }
    }
    (s, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_keep_initials() {
        assert_eq!(
            split_periods("Rotterdam：A. A. Balkema，2000. X"),
            vec!["Rotterdam：A. A. Balkema，2000", "X"]
        );
        assert_eq!(
            split_periods("北京: 中华书局, 2000. X. Y"),
            vec!["北京: 中华书局, 2000", "X", "Y"]
        );
    }

    #[test]
    fn sentences_skip_abbreviations() {
        let cases = [
            ("ZHANG S. Title. More", Some(("ZHANG S", "Title. More"))),
            (
                "U.S. Department of Energy. Outlook",
                Some(("U.S. Department of Energy", "Outlook")),
            ),
            ("Dr. Seuss. The cat", Some(("Dr. Seuss", "The cat"))),
            ("张三．题目", Some(("张三", "题目"))),
            ("No period here", None),
            ("WHO，n.d. Title", Some(("WHO，n.d", "Title"))),
        ];
        for (text, want) in cases {
            assert_eq!(split_sentence(text), want, "{text}");
        }
    }

    #[test]
    fn trailing_pages_table() {
        let cases = [
            ("New York: ASME: 17-38", ("New York: ASME", Some("17-38"))),
            ("全国学术年会：2", ("全国学术年会", Some("2"))),
            (
                "Publishing Group, Inc.: 13",
                ("Publishing Group, Inc.", Some("13")),
            ),
            ("出版社: 24—25", ("出版社", Some("24—25"))),
            (
                "Water quality: a handbook",
                ("Water quality: a handbook", None),
            ),
            (
                "中华人民共和国药典: 一部",
                ("中华人民共和国药典: 一部", None),
            ),
            ("ISO 690:2010", ("ISO 690:2010", None)),
            (": 12", (": 12", None)),
        ];
        for (text, want) in cases {
            assert_eq!(split_trailing_pages(text), want, "{text}");
        }
    }
}
