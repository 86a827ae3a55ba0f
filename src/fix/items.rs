//! Rewriting the numbers of one marker: ranges normalised, numbers
//! mapped to their new labels, repeats dropped, runs regrouped or
//! compressed into ranges.

use std::collections::HashSet;

use super::marker;
use crate::parse::numeric::NumItem;

/// What one marker becomes.
pub(super) struct MarkerPlan {
    pub(super) items: Vec<NumItem>,
    pub(super) reversed: Vec<(u32, u32)>,
    pub(super) degenerate: Vec<u32>,
    pub(super) repeated: Vec<u32>,
}

/// Rewrites the items of one marker: ranges normalised, numbers mapped by
/// `f` (unmapped numbers stay), repeats dropped, sorted when renumbering,
/// runs regrouped the way the marker wrote them.
pub(super) fn plan_items(
    items: &[NumItem],
    f: &dyn Fn(u32) -> Option<u32>,
    sort: bool,
    compress: bool,
) -> MarkerPlan {
    let mut p = MarkerPlan {
        items: Vec::new(),
        reversed: Vec::new(),
        degenerate: Vec::new(),
        repeated: Vec::new(),
    };
    let had_range = items
        .iter()
        .any(|i| matches!(i, NumItem::Range(a, b) if a != b));
    let min_run = items
        .iter()
        .filter_map(|i| match *i {
            NumItem::Range(a, b) if a != b => Some(a.abs_diff(b) as usize + 1),
            _ => None,
        })
        .min()
        .unwrap_or(3)
        .clamp(2, 3);
    let g = |n: u32| f(n).unwrap_or(n);
    let mut broken = false;
    let mut mapped: Vec<NumItem> = Vec::new();
    for &it in items {
        let it = match it {
            NumItem::Range(a, b) if a > b => {
                p.reversed.push((a, b));
                NumItem::Range(b, a)
            }
            NumItem::Range(a, b) if a == b => {
                p.degenerate.push(a);
                NumItem::Single(a)
            }
            x => x,
        };
        match it {
            NumItem::Single(n) => mapped.push(NumItem::Single(g(n))),
            NumItem::Range(a, b) => {
                let ms: Vec<u32> = (a..=b).map(g).collect();
                let run = ms.windows(2).all(|w| w[1] == w[0].wrapping_add(1));
                match (run, ms.first(), ms.last()) {
                    (true, Some(&x), Some(&y)) => mapped.push(NumItem::Range(x, y)),
                    _ => {
                        broken = true;
                        mapped.extend(ms.into_iter().map(NumItem::Single));
                    }
                }
            }
        }
    }
    let mut seen: HashSet<u32> = HashSet::new();
    for it in mapped {
        match it {
            NumItem::Single(n) => {
                if seen.insert(n) {
                    p.items.push(it);
                } else {
                    p.repeated.push(n);
                }
            }
            NumItem::Range(a, b) => {
                if (a..=b).any(|n| seen.contains(&n)) {
                    broken = true;
                    for n in a..=b {
                        if seen.insert(n) {
                            p.items.push(NumItem::Single(n));
                        } else {
                            p.repeated.push(n);
                        }
                    }
                } else {
                    seen.extend(a..=b);
                    p.items.push(it);
                }
            }
        }
    }
    if sort {
        p.items.sort_by_key(|i| i.min());
    }
    if broken && had_range {
        p.items = marker::compress_runs(&p.items, min_run);
    }
    if compress {
        p.items = marker::compress_runs(&p.items, 3);
    }
    p
}

pub(super) fn list_numbers(v: &[u32]) -> String {
    v.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
