//! Cutting an entry at its separators (half- and full-width `.`, `,`, `:`).

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

/// Splits the part after the type tag at sentence periods, but not inside
/// dotted initials (`Rotterdam: A. A. Balkema`).
pub(super) fn split_periods(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some((a, _)) = split_any(&s[search..], &PERIODS) {
        let at = search + a.len();
        let sep_len = PERIODS
            .iter()
            .find(|p| s[at..].starts_with(*p))
            .map_or(1, |p| p.len());
        let before = &s[start..at];
        let after = &s[at + sep_len..];
        let initial_before = {
            let w = before.rsplit(' ').next().unwrap_or("");
            w.chars().count() == 1 && w.chars().all(char::is_uppercase)
        };
        let initial_after = {
            let mut c = after.chars();
            c.next().is_some_and(char::is_uppercase) && c.next() == Some('.')
        };
        let dotted_before = before.trim_end().rsplit(' ').nth(1).is_some_and(|w| {
            let mut c = w.chars();
            c.next().is_some_and(char::is_uppercase) && c.next() == Some('.') && c.next().is_none()
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
