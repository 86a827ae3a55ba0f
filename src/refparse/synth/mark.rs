//! Field labels through a CSL rendering: sentinel characters around each
//! field's text, read off the rendered string.
//!
//! Text fields carry their sentinels into the processor: a private-use
//! character after the value's first character opens the field (so that a
//! style's case change still sees the first letter), another after its last
//! closes it. Names and dates are transformed too much for that (initials,
//! reordering, formatted dates) and are found instead by the element
//! hayagriva made for them (`cs:names`, `cs:date`), whose bounds become
//! sentinels in the marked string. Variations of the marked string (initials
//! without dots, other dashes) are edits between the sentinels; [`strip`]
//! finally removes them and returns the labelled spans.

use hayagriva::citationberg::taxonomy::NameVariable;
use hayagriva::{ElemChild, ElemChildren, ElemMeta};

use crate::refparse::model::{label_index, LABELS};

const OPEN: u32 = 0xF_0000;
const CLOSE: u32 = 0xF_0100;
const OPEN_AFTER_FIRST: u32 = 0xF_0200;

fn code(base: u32, label: u8) -> char {
    char::from_u32(base + u32::from(label)).unwrap_or('\u{FFFD}')
}

/// Opens field `label` where it stands.
pub fn open(label: u8) -> char {
    code(OPEN, label)
}

/// Closes field `label`.
pub fn close(label: u8) -> char {
    code(CLOSE, label)
}

/// A sentinel's kind (0 open, 1 close, 2 open-after-first) and label.
fn sentinel(c: char) -> Option<(u32, u8)> {
    let u = c as u32;
    if !(OPEN..OPEN_AFTER_FIRST + 0x100).contains(&u) {
        return None;
    }
    let label = u8::try_from((u - OPEN) & 0xFF).ok()?;
    Some(((u - OPEN) >> 8, label))
}

/// `value` wrapped for the processor: its first character, the opening
/// sentinel, the rest, the closing sentinel.
pub fn wrap(label: &str, value: &str) -> String {
    let l = label_index(label);
    let mut chars = value.chars();
    let mut out = String::with_capacity(value.len() + 8);
    if let Some(first) = chars.next() {
        out.push(first);
    }
    out.push(code(OPEN_AFTER_FIRST, l));
    out.extend(chars);
    out.push(close(l));
    out
}

/// The label of a `cs:names` element's variable.
fn names_label(v: &NameVariable) -> &'static str {
    match v {
        NameVariable::Editor
        | NameVariable::CollectionEditor
        | NameVariable::ContainerAuthor
        | NameVariable::EditorialDirector => "editor",
        NameVariable::Translator => "translator",
        _ => "author",
    }
}

/// Plain text of one rendered entry with every field between sentinels.
/// `first` is the style's separate first field (a numeric label), kept as
/// `citation_number` when given.
pub fn marked_text(first: Option<&ElemChild>, content: &ElemChildren) -> String {
    let mut w = Walk::default();
    if let Some(first) = first {
        let s = w.out.len();
        w.child(first);
        w.mark(s, w.out.len(), "citation_number", trim_to_alnum);
        w.out.push(' ');
    }
    for c in &content.0 {
        w.child(c);
    }
    w.finish()
}

#[derive(Default)]
struct Walk {
    out: String,
    /// (byte position, is close, sentinel): inserted by [`Walk::finish`].
    marks: Vec<(usize, bool, char)>,
}

type Trim = fn(&str, usize, usize) -> (usize, usize);

/// Narrows `s..e` to start and end at a letter or digit.
fn trim_to_alnum(text: &str, s: usize, e: usize) -> (usize, usize) {
    let inner = &text[s..e];
    let a = inner.find(char::is_alphanumeric).unwrap_or(inner.len());
    let b = inner.rfind(char::is_alphanumeric).map_or(a, |i| {
        i + inner[i..].chars().next().map_or(1, char::len_utf8)
    });
    (s + a, s + b.max(a))
}

/// Narrows a name list: no leading punctuation or space, no trailing comma,
/// colon or space (a final `.` after an initial stays).
fn trim_names(text: &str, s: usize, e: usize) -> (usize, usize) {
    let inner = &text[s..e];
    let a = inner.find(char::is_alphanumeric).unwrap_or(inner.len());
    let kept = inner[a..].trim_end_matches([' ', ',', ';', ':', '(', '[']);
    (s + a, s + a + kept.len())
}

impl Walk {
    fn mark(&mut self, s: usize, e: usize, label: &str, trim: Trim) {
        let (s, e) = trim(&self.out, s, e);
        if s < e {
            let l = label_index(label);
            self.marks.push((s, false, open(l)));
            self.marks.push((e, true, close(l)));
        }
    }

    fn children(&mut self, cs: &ElemChildren) {
        for c in &cs.0 {
            self.child(c);
        }
    }

    fn child(&mut self, c: &ElemChild) {
        match c {
            ElemChild::Text(t) => self.out.push_str(&t.text),
            ElemChild::Markup(m) => self.out.push_str(m),
            ElemChild::Link { text, .. } => self.out.push_str(&text.text),
            ElemChild::Transparent { .. } => {}
            ElemChild::Elem(e) => {
                if e.display.is_some() {
                    self.out.push(' ');
                }
                match &e.meta {
                    Some(ElemMeta::Names(vars)) => {
                        let label = vars.first().map_or("author", |(_, v)| names_label(v));
                        // the names, without a trailing role label ("(Eds.)")
                        let mut span: Option<(usize, usize)> = None;
                        for c in &e.children.0 {
                            let s = self.out.len();
                            self.child(c);
                            let is_label =
                                matches!(c, ElemChild::Elem(x) if x.meta == Some(ElemMeta::Label));
                            if !is_label && self.out.len() > s {
                                span = Some((span.map_or(s, |x| x.0), self.out.len()));
                            }
                        }
                        if let Some((s, e)) = span {
                            self.mark(s, e, label, trim_names);
                        }
                    }
                    Some(ElemMeta::CitationNumber) => {
                        let s = self.out.len();
                        self.children(&e.children);
                        self.mark(s, self.out.len(), "citation_number", trim_to_alnum);
                    }
                    Some(ElemMeta::Date) => {
                        let s = self.out.len();
                        self.children(&e.children);
                        self.mark(s, self.out.len(), "date", trim_to_alnum);
                    }
                    _ => self.children(&e.children),
                }
                if e.display.is_some() {
                    self.out.push(' ');
                }
            }
        }
    }

    /// The text with the element sentinels inserted and the text fields'
    /// open-after-first sentinels moved in front of their first character;
    /// white space collapsed.
    fn finish(mut self) -> String {
        // closes before opens at one position, so adjacent fields nest right
        self.marks.sort_by_key(|&(p, is_close, _)| (p, !is_close));
        let mut out = String::with_capacity(self.out.len() + self.marks.len() * 4);
        let mut marks = self.marks.iter().peekable();
        for (i, c) in self.out.char_indices() {
            while let Some(&(_, _, m)) = marks.next_if(|(p, _, _)| *p <= i) {
                out.push(m);
            }
            out.push(c);
        }
        for &(_, _, m) in marks {
            out.push(m);
        }
        // move each open-after-first in front of the character before it
        let mut chars: Vec<char> = Vec::with_capacity(out.len());
        for c in out.chars() {
            match sentinel(c) {
                Some((2, l)) => {
                    let at = chars
                        .iter()
                        .rposition(|&x| sentinel(x).is_none())
                        .unwrap_or(chars.len());
                    chars.insert(at, open(l));
                }
                _ => chars.push(c),
            }
        }
        let joined: String = chars.into_iter().collect();
        joined.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Marks the first place `value` stands in `marked` (outside every other
/// field) as field `label`: for values the processor must see unchanged (a
/// URL it would reject with sentinels inside).
pub fn mark_literal(marked: &str, label: &str, value: &str) -> String {
    let l = label_index(label);
    let mut from = 0;
    while let Some(p) = marked[from..].find(value).map(|p| p + from) {
        let depth: i32 = marked[..p]
            .chars()
            .filter_map(sentinel)
            .map(|(kind, _)| if kind == 1 { -1 } else { 1 })
            .sum();
        if depth == 0 {
            let end = p + value.len();
            return format!(
                "{}{}{}{}{}",
                &marked[..p],
                open(l),
                value,
                close(l),
                &marked[end..]
            );
        }
        from = p + value.len().max(1);
    }
    marked.to_string()
}

/// Applies `f` to the text of every field labelled `label` in `marked`.
pub fn edit_field(marked: &str, label: &str, f: impl Fn(&str) -> String) -> String {
    let l = label_index(label);
    let (o, c) = (open(l), close(l));
    let mut out = String::with_capacity(marked.len());
    let mut rest = marked;
    while let Some(s) = rest.find(o) {
        let body = s + o.len_utf8();
        let Some(len) = rest[body..].find(c) else {
            break;
        };
        out.push_str(&rest[..body]);
        out.push_str(&f(&rest[body..body + len]));
        rest = &rest[body + len..];
    }
    out.push_str(rest);
    out
}

/// Replaces the first of `from` that stands right before field `label` by
/// `to`.
pub fn edit_before(marked: &str, label: &str, from: &[&str], to: &str) -> String {
    let o = open(label_index(label));
    let Some(p) = marked.find(o) else {
        return marked.to_string();
    };
    match from.iter().find(|f| marked[..p].ends_with(*f)) {
        Some(f) => format!("{}{to}{}", &marked[..p - f.len()], &marked[p..]),
        None => marked.to_string(),
    }
}

/// The marked string without its sentinels, and the labelled spans as
/// character offsets (`(start, end, label)`, as the `refstrings` format
/// counts them). A field whose close was lost (a style printing only the
/// first page) ends with its word.
pub fn strip(marked: &str) -> (String, Vec<(usize, usize, String)>) {
    let mut text = String::with_capacity(marked.len());
    let mut open_at: Vec<(u8, usize)> = Vec::new();
    let mut spans = Vec::new();
    let mut n = 0usize;
    for c in marked.chars() {
        match sentinel(c) {
            Some((1, l)) => {
                if let Some(i) = open_at.iter().rposition(|&(x, _)| x == l) {
                    let (_, s) = open_at.remove(i);
                    if s < n {
                        spans.push((s, n, LABELS[usize::from(l)].to_string()));
                    }
                }
            }
            Some((_, l)) => open_at.push((l, n)),
            None => {
                text.push(c);
                n += 1;
            }
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for (l, s) in open_at {
        let mut e = s;
        while e < chars.len() && !chars[e].is_whitespace() {
            e += 1;
        }
        while e > s && !chars[e - 1].is_alphanumeric() {
            e -= 1;
        }
        if s < e {
            spans.push((s, e, LABELS[usize::from(l)].to_string()));
        }
    }
    spans.sort();
    // a style that nests one `cs:names` in another marks the names twice
    spans.dedup();
    (text, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(marked: &str) -> String {
        let (text, spans) = strip(marked);
        let chars: Vec<char> = text.chars().collect();
        spans
            .iter()
            .map(|(s, e, l)| format!("{l}={}", chars[*s..*e].iter().collect::<String>()))
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn wrapped_values_strip_back_to_their_spans() {
        let m = format!(
            "“{}.” {} {}, {}",
            wrap("title", "Effects of mass"),
            wrap("container", "J"),
            wrap("volume", "210"),
            wrap("pages", "3043–3053")
        );
        // the processor sees the open sentinel after the first character
        assert!(m.starts_with("“E\u{F0204}ffects"));
        let mut w = Walk {
            out: m,
            marks: vec![],
        };
        w.marks.clear();
        let marked = w.finish();
        assert_eq!(
            show(&marked),
            "title=Effects of mass|container=J|volume=210|pages=3043–3053"
        );
    }

    #[test]
    fn a_lost_close_ends_with_the_word() {
        let l = label_index("pages");
        let marked = format!("Phys. 210, {}3043 (2007).", open(l));
        assert_eq!(show(&marked), "pages=3043");
    }

    #[test]
    fn edits_stay_between_the_sentinels() {
        let a = label_index("author");
        let marked = format!(
            "{}Smith, J. A.{} (2008). https://doi.org/{}10.1/x{}",
            open(a),
            close(a),
            open(label_index("doi")),
            close(label_index("doi"))
        );
        let e = edit_field(&marked, "author", |s| s.replace('.', ""));
        let e = edit_before(&e, "doi", &["doi: ", "https://doi.org/"], "doi:");
        assert_eq!(strip(&e).0, "Smith, J A (2008). doi:10.1/x");
        assert_eq!(show(&e), "author=Smith, J A|doi=10.1/x");
    }

    #[test]
    fn literals_are_marked_outside_other_fields() {
        let t = label_index("title");
        let marked = format!("{}See http://a.b{} at http://a.b.", open(t), close(t));
        assert_eq!(
            show(&mark_literal(&marked, "url", "http://a.b")),
            "title=See http://a.b|url=http://a.b"
        );
        assert_eq!(mark_literal("none", "url", "http://a.b"), "none");
    }

    #[test]
    fn trims() {
        assert_eq!(trim_to_alnum(" (2008). ", 0, 9), (2, 6));
        assert_eq!(trim_names(", Smith, J.,  ", 0, 14), (2, 11));
        assert_eq!(trim_to_alnum("..", 0, 2), (2, 2));
    }
}
