//! The title: standard and patent numbers, volume designations after a colon.

use crate::csl::Item;

pub(super) fn set_title(item: &mut Item, t: &str, code: &str, part_of: bool) {
    let mut t = t.trim();
    // standards and patents: "TITLE: NUMBER" or "NUMBER TITLE"
    if matches!(code, "S" | "P" | "R" | "A") {
        if let Some(i) = t.rfind([':', '：']) {
            let num = t[i..].trim_start_matches([':', '：']).trim();
            if num.chars().any(|c| c.is_ascii_digit()) && !num.contains(' ')
                || looks_std_number(num)
            {
                item.note = Some(join_note(item.note.take(), num));
                t = t[..i].trim();
            }
        }
        if code == "S" {
            // "GB/T 3792—2021 信息与文献 资源描述"
            let words: Vec<&str> = t.splitn(3, ' ').collect();
            if words.len() == 3 && looks_std_number(&format!("{} {}", words[0], words[1])) {
                item.note = Some(join_note(
                    item.note.take(),
                    &format!("{} {}", words[0], words[1]),
                ));
                t = words[2];
            }
        }
    }
    // "国史旧闻: 卷 1", "船山全书: 第1册"
    if let Some(i) = t.rfind([':', '：']) {
        let v = t[i..].trim_start_matches([':', '：']).trim();
        if part_of {
            // the title of a part keeps its own numbering ("周易外传：卷5")
        } else if let Some(n) = v.strip_prefix("卷") {
            item.volume = Some(n.trim().to_string());
            t = t[..i].trim();
        } else if let Some(n) = v.strip_prefix('第').and_then(|x| x.strip_suffix('卷')) {
            item.volume = Some(n.trim().to_string());
            t = t[..i].trim();
        } else if v.starts_with('第') && v.ends_with('册') {
            // a map or atlas sheet: not a volume of the item
            t = t[..i].trim();
        }
    }
    let t = t.trim_end_matches(['.', '．', ' ']);
    if !t.is_empty() {
        item.title = Some(t.to_string());
    }
}

pub(super) fn looks_std_number(s: &str) -> bool {
    let s = s.trim();
    let mut parts = s.split_whitespace();
    let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
        return false;
    };
    a.chars().all(|c| c.is_ascii_uppercase() || c == '/')
        && b.chars().next().is_some_and(|c| c.is_ascii_digit())
}

pub(super) fn join_note(old: Option<String>, add: &str) -> String {
    match old {
        Some(o) if !o.is_empty() => format!("{o}; {add}"),
        _ => add.to_string(),
    }
}
