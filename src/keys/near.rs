//! "Did you mean": the keys nearest to one that has no entry.

/// The edit distance of `a` and `b` (insertions, deletions, substitutions
/// and swaps of two neighbours), or `None` when it is over `max`.
pub fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    distance_chars(&a, &b, max)
}

/// [`distance`] on characters.
fn distance_chars(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    // rows i-2, i-1 and i of the table, allocated once and rotated
    let mut two_back: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        let mut best = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_back[j - 2] + 1);
            }
            row[j] = d;
            best = best.min(d);
        }
        if best > max {
            return None;
        }
        std::mem::swap(&mut two_back, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
}

/// The keys of `keys` nearest to `key`: those at the smallest distance, if
/// it is small for the key's length (a difference of case only counts as
/// nearest of all). At most three, in the order given.
pub fn nearest<'a>(key: &str, keys: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let lower: Vec<char> = key.chars().flat_map(char::to_lowercase).collect();
    let max = (key.chars().count() / 4).clamp(1, 3);
    let mut best: Vec<(usize, &str)> = Vec::new();
    let mut other: Vec<char> = Vec::new();
    for k in keys {
        // a length too far off is no match, whatever the letters
        if k.len().abs_diff(key.len()) > 4 * max || k.chars().count().abs_diff(lower.len()) > max {
            continue;
        }
        other.clear();
        other.extend(k.chars().flat_map(char::to_lowercase));
        let d = if other == lower {
            0
        } else {
            match distance_chars(&lower, &other, max) {
                Some(d) => d + 1,
                None => continue,
            }
        };
        match best.first() {
            Some(&(b, _)) if d > b => {}
            Some(&(b, _)) if d < b => best = vec![(d, k)],
            _ => best.push((d, k)),
        }
    }
    best.into_iter().take(3).map(|(_, k)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        let table = [
            ("smith2008", "smith2008", 3, Some(0)),
            ("smith2008", "smith2009", 3, Some(1)),
            ("smtih2008", "smith2008", 3, Some(1)),
            ("smith", "smyth2", 3, Some(2)),
            ("abc", "xyz", 2, None),
            ("a", "abcdef", 2, None),
            ("", "ab", 2, Some(2)),
        ];
        for (a, b, max, want) in table {
            assert_eq!(distance(a, b, max), want, "{a} {b}");
        }
    }

    #[test]
    fn nearest_keys_prefer_case_then_distance() {
        let keys = ["Smith2008", "smith2009", "lee2010", "smith2007"];
        assert_eq!(nearest("smith2008", keys.iter().copied()), ["Smith2008"]);
        assert_eq!(
            nearest("smith2006", keys.iter().copied()),
            ["Smith2008", "smith2009", "smith2007"]
        );
        assert_eq!(nearest("lee2011", keys.iter().copied()), ["lee2010"]);
        assert!(nearest("zzz", keys.iter().copied()).is_empty());
    }
}
