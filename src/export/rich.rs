//! CSL rich text: the HTML-like markup that CSL-JSON text fields may hold.
//!
//! The CSL-JSON specification (and citeproc-js, pandoc) read six tags in
//! any text field: `<i>`, `<b>`, `<sup>`, `<sub>`,
//! `<span style="font-variant:small-caps;">` and `<span class="nocase">`
//! (text that no style may change the case of: `{DNA}` in BibTeX). Every
//! other `<`, `>` and `&` is text. citelint's items hold their text fields
//! in this form, so CSL-JSON is written and read as is, and each other
//! format converts: BibTeX to its own markup ([`super::latex`]), hayagriva
//! YAML to its `{…}` case protection with the rest as plain text.
//!
//! A TeX formula read from a `.bib` file (`$x^2$`) is kept as its source,
//! dollars included, in a `nocase` span of its own, which the BibTeX writer
//! turns back into the formula.

/// What a span of rich text looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `<i>`.
    Italic,
    /// `<b>`.
    Bold,
    /// `<span style="font-variant:small-caps;">`.
    SmallCaps,
    /// `<sup>`.
    Sup,
    /// `<sub>`.
    Sub,
    /// `<span class="nocase">`: no case change.
    NoCase,
}

impl Style {
    /// The opening tag citelint writes.
    fn open(self) -> &'static str {
        match self {
            Style::Italic => "<i>",
            Style::Bold => "<b>",
            Style::SmallCaps => "<span style=\"font-variant:small-caps;\">",
            Style::Sup => "<sup>",
            Style::Sub => "<sub>",
            Style::NoCase => "<span class=\"nocase\">",
        }
    }

    /// The closing tag.
    fn close(self) -> &'static str {
        match self {
            Style::Italic => "</i>",
            Style::Bold => "</b>",
            Style::Sup => "</sup>",
            Style::Sub => "</sub>",
            Style::SmallCaps | Style::NoCase => "</span>",
        }
    }
}

/// A piece of rich text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Plain text.
    Text(String),
    /// Text with a style.
    Styled(Style, Vec<Node>),
}

/// The opening tags that are markup, with the style each opens. Spaces
/// inside the `style` attribute vary between producers.
fn opening_tag(s: &str) -> Option<(Style, usize)> {
    const SIMPLE: [(&str, Style); 5] = [
        ("<i>", Style::Italic),
        ("<b>", Style::Bold),
        ("<sup>", Style::Sup),
        ("<sub>", Style::Sub),
        ("<span class=\"nocase\">", Style::NoCase),
    ];
    if let Some((tag, style)) = SIMPLE.iter().find(|(t, _)| s.starts_with(t)) {
        return Some((*style, tag.len()));
    }
    let rest = s.strip_prefix("<span style=\"")?;
    let end = rest.find("\">")?;
    let squashed: String = rest[..end].chars().filter(|c| !c.is_whitespace()).collect();
    let small_caps = squashed.trim_end_matches(';') == "font-variant:small-caps";
    small_caps.then(|| (Style::SmallCaps, "<span style=\"".len() + end + 2))
}

/// Reads CSL rich text. A tag that is not closed, or a closing tag that
/// closes nothing, is text.
pub fn parse(s: &str) -> Vec<Node> {
    // Open spans: their style, the opening tag as written, their content.
    let mut stack: Vec<(Style, &str, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with('<') {
            if let Some((style, len)) = opening_tag(rest) {
                let current = stack.last_mut().map_or(&mut top, |f| &mut f.2);
                push_text(current, &mut text);
                stack.push((style, &rest[..len], Vec::new()));
                i += len;
                continue;
            }
            let close = stack.last().map(|f| f.0.close());
            if let Some(close) = close.filter(|c| rest.starts_with(c)) {
                if let Some((style, _, mut children)) = stack.pop() {
                    push_text(&mut children, &mut text);
                    let parent = stack.last_mut().map_or(&mut top, |f| &mut f.2);
                    parent.push(Node::Styled(style, children));
                }
                i += close.len();
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        text.push(c);
        i += c.len_utf8();
    }
    // Spans left open: their tag was text.
    let current = stack.last_mut().map_or(&mut top, |f| &mut f.2);
    push_text(current, &mut text);
    while let Some((_, tag, children)) = stack.pop() {
        let parent = stack.last_mut().map_or(&mut top, |f| &mut f.2);
        parent.push(Node::Text(tag.to_string()));
        parent.extend(children);
    }
    merge_text(top)
}

fn push_text(nodes: &mut Vec<Node>, text: &mut String) {
    if !text.is_empty() {
        nodes.push(Node::Text(std::mem::take(text)));
    }
}

/// Joins neighbouring text nodes and drops empty ones, at every level.
pub fn merge_text(nodes: Vec<Node>) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::new();
    for node in nodes {
        match node {
            Node::Text(t) if t.is_empty() => {}
            Node::Text(t) => match out.last_mut() {
                Some(Node::Text(prev)) => prev.push_str(&t),
                _ => out.push(Node::Text(t)),
            },
            Node::Styled(style, children) => {
                let children = merge_text(children);
                if !children.is_empty() {
                    out.push(Node::Styled(style, children));
                }
            }
        }
    }
    out
}

/// Writes nodes as CSL rich text.
pub fn to_html(nodes: &[Node]) -> String {
    let mut out = String::new();
    write_html(nodes, &mut out);
    out
}

fn write_html(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Styled(style, children) => {
                out.push_str(style.open());
                write_html(children, out);
                out.push_str(style.close());
            }
        }
    }
}

/// The text of nodes without their styles.
pub fn nodes_text(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Styled(_, children) => out.push_str(&nodes_text(children)),
        }
    }
    out
}

/// The text of a rich-text field without its markup.
pub fn plain(s: &str) -> String {
    if s.contains('<') {
        nodes_text(&parse(s))
    } else {
        s.to_string()
    }
}

/// Whether `text` is a TeX formula kept from a `.bib` file (`$x^2$`).
pub fn is_formula(text: &str) -> bool {
    text.len() >= 2
        && text.starts_with('$')
        && text.ends_with('$')
        && !text[1..text.len() - 1].contains('$')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Node {
        Node::Text(s.into())
    }

    #[test]
    fn reads_the_csl_tags() {
        let nodes = parse("The <span class=\"nocase\">DNA</span> of <i>E. coli</i>");
        assert_eq!(
            nodes,
            [
                text("The "),
                Node::Styled(Style::NoCase, vec![text("DNA")]),
                text(" of "),
                Node::Styled(Style::Italic, vec![text("E. coli")]),
            ]
        );
        let nodes = parse("<span style=\"font-variant: small-caps\">Abc</span>");
        assert_eq!(nodes, [Node::Styled(Style::SmallCaps, vec![text("Abc")])]);
        assert_eq!(
            parse("H<sub>2</sub>O <b>x<sup>2</sup></b>"),
            [
                text("H"),
                Node::Styled(Style::Sub, vec![text("2")]),
                text("O "),
                Node::Styled(
                    Style::Bold,
                    vec![text("x"), Node::Styled(Style::Sup, vec![text("2")])]
                ),
            ]
        );
    }

    #[test]
    fn anything_else_is_text() {
        for s in [
            "a < b & c > d",
            "<em>not CSL</em>",
            "<i>never closed",
            "closed </i> without opening",
            "<i>crossed <b>tags</i></b>",
            "",
        ] {
            assert_eq!(to_html(&parse(s)), s, "{s}");
        }
        assert_eq!(plain("<i>never closed"), "<i>never closed");
        assert_eq!(plain("a <i>b</i> c"), "a b c");
    }

    #[test]
    fn writing_gives_back_what_was_read() {
        let s = "The <span class=\"nocase\">DNA</span> of <i>E. <b>coli</b></i>";
        assert_eq!(to_html(&parse(s)), s);
        assert_eq!(plain(s), "The DNA of E. coli");
    }

    #[test]
    fn formulas() {
        assert!(is_formula("$x^2$"));
        assert!(!is_formula("$5 and $10"));
        assert!(!is_formula("$"));
    }
}
