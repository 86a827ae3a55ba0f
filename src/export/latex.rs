//! LaTeX markup in `.bib` fields, read into CSL rich text ([`super::rich`])
//! and written back.
//!
//! Reading starts from the chunks the `biblatex` crate gives: it resolves
//! escapes (`\&`, `\%`), accents (`{\"o}`, `\'e`), dashes and the special
//! letters (`\ss`, `\AA`), keeps a braced group as a `Verbatim` chunk and a
//! formula as a `Math` chunk, and leaves other commands as their text
//! (`\emph{E. coli}`, with the argument already resolved). From there:
//!
//! - a braced group is case protection, `<span class="nocase">`, unless it
//!   is one letter made by a command (`{\"o}`, `{\ss}`: BibTeX's "special
//!   characters", letters like any other) or opens with a declaration
//!   (`{\em …}`);
//! - `\emph`, `\textit`, `\textbf`, `\textsc`, `\textsuperscript`,
//!   `\textsubscript` (and BibLaTeX's `\mkbibemph` …, the old `{\em …}`,
//!   `{\it …}`, `{\bf …}`, `{\sc …}`) become `<i>`, `<b>`, small caps,
//!   `<sup>`, `<sub>`; `\textrm`, `\mbox`, `\url` and the like keep their
//!   argument as text; `\enquote{…}` gives curly quotes;
//! - `~` is a no-break space; a formula is kept as `$…$` text in a `nocase`
//!   span of its own;
//! - other commands stay as written.
//!
//! Writing turns each style back into its command, a `nocase` span into
//! braces, a formula into `$…$`, a no-break space into `~`, and escapes the
//! characters TeX reserves (`& % $ # _ { }` with a backslash, `\`, `~` and
//! `^` as `\textbackslash{}`, `\textasciitilde{}`, `\textasciicircum{}`),
//! which pandoc, biber and the `biblatex` crate all read back.

use biblatex::{Chunk, Spanned};

use super::rich::{self, merge_text, Node, Style};

/// The style a text command gives its argument; `None` for commands whose
/// argument is plain text.
fn command_style(name: &str) -> Option<Option<Style>> {
    Some(match name {
        "emph" | "textit" | "textsl" | "mkbibemph" | "mkbibitalic" => Some(Style::Italic),
        "textbf" | "mkbibbold" => Some(Style::Bold),
        "textsc" => Some(Style::SmallCaps),
        "textsuperscript" | "mkbibsuperscript" => Some(Style::Sup),
        "textsubscript" | "mkbibsubscript" => Some(Style::Sub),
        "NoCaseChange" | "nocase" => Some(Style::NoCase),
        "textrm" | "textsf" | "texttt" | "textup" | "textnormal" | "textmd" | "mbox" | "text"
        | "url" | "hbox" => None,
        _ => return None,
    })
}

/// The style a declaration at the start of a group (`{\em …}`) gives the
/// rest of the group.
fn declaration_style(name: &str) -> Option<Option<Style>> {
    Some(match name {
        "em" | "it" | "itshape" | "sl" | "slshape" => Some(Style::Italic),
        "bf" | "bfseries" => Some(Style::Bold),
        "sc" | "scshape" => Some(Style::SmallCaps),
        "rm" | "rmfamily" | "normalfont" | "upshape" | "tt" | "ttfamily" | "sf" | "sffamily" => {
            None
        }
        _ => return None,
    })
}

/// Reads the chunks of a field as CSL rich text. `src` is the text the
/// chunks were parsed from (their spans point into it); it tells a braced
/// group from a special character.
pub fn read_rich(chunks: &[Spanned<Chunk>], src: &str) -> String {
    let mut nodes = Vec::new();
    for chunk in chunks {
        // The crate reads `~` (a no-break space) and `\textasciitilde{}` (a
        // tilde) alike: the source tells which it was.
        let raw = src.get(chunk.span.clone()).unwrap_or("");
        let nbsp = !raw.contains("\\textasciitilde") && !raw.contains("\\~");
        match &chunk.v {
            Chunk::Normal(s) => nodes.extend(commands(s, nbsp)),
            Chunk::Verbatim(s) => {
                // `{\"o}`, `{\ss}`: one letter, which BibTeX treats as a
                // letter; `{\TeX}` keeps its case like any braced word
                let special = raw.trim_start().starts_with('\\') && s.chars().count() == 1;
                match declaration(s) {
                    Some((style, rest)) => nodes.push(styled(style, commands(rest, nbsp))),
                    None if special => nodes.extend(commands(s, nbsp)),
                    None => nodes.push(Node::Styled(Style::NoCase, commands(s, nbsp))),
                }
            }
            Chunk::Math(s) => {
                let formula = Node::Text(format!("${s}$"));
                nodes.push(Node::Styled(Style::NoCase, vec![formula]));
            }
        }
    }
    let nodes = merge_text(nodes);
    rich::to_html(&trim(nodes))
}

/// Reads the chunks of a field as plain text (markup resolved, no styles).
pub fn read_plain(chunks: &[Spanned<Chunk>], src: &str) -> String {
    rich::plain(&read_rich(chunks, src))
}

fn styled(style: Option<Style>, children: Vec<Node>) -> Node {
    match style {
        Some(style) => Node::Styled(style, children),
        None => Node::Styled(Style::NoCase, children),
    }
}

/// A group that opens with a declaration (`\em E. coli`, as the crate
/// gives `{\em E. coli}`): its style and the rest.
fn declaration(s: &str) -> Option<(Option<Style>, &str)> {
    let rest = s.strip_prefix('\\')?;
    let end = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let style = declaration_style(&rest[..end])?;
    Some((style, rest[end..].trim_start()))
}

/// The text of a chunk with its text commands made into styles and, when
/// `nbsp`, `~` into a no-break space.
fn commands(s: &str, nbsp: bool) -> Vec<Node> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            if let Some((style, arg, len)) = text_command(rest) {
                if !text.is_empty() {
                    out.push(Node::Text(std::mem::take(&mut text)));
                }
                match style {
                    Some(style) => out.push(Node::Styled(style, commands(arg, nbsp))),
                    None => out.extend(commands(arg, nbsp)),
                }
                rest = &rest[len..];
                continue;
            }
            if let Some((arg, len)) = quote_command(rest) {
                text.push('“');
                text.push_str(arg);
                text.push('”');
                rest = &rest[len..];
                continue;
            }
        }
        text.push(if c == '~' && nbsp { '\u{a0}' } else { c });
        rest = &rest[c.len_utf8()..];
    }
    if !text.is_empty() {
        out.push(Node::Text(text));
    }
    out
}

/// `\name{arg}` at the start of `s`: the command's name and argument (with
/// balanced braces) and the length of the whole.
fn command_arg(s: &str) -> Option<(&str, &str, usize)> {
    let rest = s.strip_prefix('\\')?;
    let name_len = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    let after = rest[name_len..].strip_prefix('{')?;
    let mut depth = 1;
    for (i, c) in after.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((name, &after[..i], 1 + name_len + 1 + i + 1));
                }
            }
            _ => {}
        }
    }
    None
}

fn text_command(s: &str) -> Option<(Option<Style>, &str, usize)> {
    let (name, arg, len) = command_arg(s)?;
    Some((command_style(name)?, arg, len))
}

fn quote_command(s: &str) -> Option<(&str, usize)> {
    let (name, arg, len) = command_arg(s)?;
    matches!(name, "enquote" | "mkbibquote").then_some((arg, len))
}

/// Without the spaces at either end of the whole text.
fn trim(mut nodes: Vec<Node>) -> Vec<Node> {
    if let Some(Node::Text(t)) = nodes.first_mut() {
        *t = t.trim_start().to_string();
    }
    if let Some(Node::Text(t)) = nodes.last_mut() {
        *t = t.trim_end().to_string();
    }
    merge_text(nodes)
}

/// Writes CSL rich text as the body of a `.bib` field (without the outer
/// braces). `protect` turns a plain text run into escaped text with the
/// capitals it wants kept braced; it sees each run with whether it opens
/// the field.
pub fn write(rich_text: &str, protect: &dyn Fn(&str, bool) -> String) -> String {
    let mut out = String::new();
    write_nodes(&rich::parse(rich_text), protect, &mut true, &mut out);
    out
}

fn write_nodes(
    nodes: &[Node],
    protect: &dyn Fn(&str, bool) -> String,
    at_start: &mut bool,
    out: &mut String,
) {
    for node in nodes {
        match node {
            Node::Text(t) => {
                out.push_str(&protect(t, *at_start));
            }
            Node::Styled(Style::NoCase, children) => {
                let text = rich::nodes_text(children);
                if rich::is_formula(&text) {
                    out.push_str(&text);
                } else {
                    out.push('{');
                    write_nodes(children, &|t, _| escape(t), &mut false, out);
                    out.push('}');
                }
            }
            Node::Styled(style, children) => {
                let command = match style {
                    Style::Italic => "\\emph{",
                    Style::Bold => "\\textbf{",
                    Style::SmallCaps => "\\textsc{",
                    Style::Sup => "\\textsuperscript{",
                    Style::Sub => "\\textsubscript{",
                    Style::NoCase => "{",
                };
                out.push_str(command);
                write_nodes(children, protect, at_start, out);
                out.push('}');
            }
        }
        *at_start = false;
    }
}

/// Text with the characters TeX reserves escaped, a no-break space as `~`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\u{a0}' => out.push('~'),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rich text of the `title` of a one-entry `.bib` file.
    fn title(value: &str) -> String {
        let src = format!("@article{{a, title = {{{value}}}}}");
        let bib = biblatex::Bibliography::parse(&src).unwrap();
        let chunks = bib.get("a").unwrap().get("title").unwrap();
        read_rich(chunks, &src)
    }

    #[test]
    fn reads_markup_as_rich_text() {
        let cases = [
            (
                r"The {DNA} of \emph{E. coli}",
                "The <span class=\"nocase\">DNA</span> of <i>E. coli</i>",
            ),
            (r"{\em Drosophila} genes", "<i>Drosophila</i> genes"),
            (r#"M{\"u}ller's \'etude"#, "Müller's étude"),
            (r"R\&D costs 5\% \textbf{more}", "R&D costs 5% <b>more</b>"),
            (r"H\textsubscript{2}O and x\textsuperscript{2}", "H<sub>2</sub>O and x<sup>2</sup>"),
            (r"\textsc{Unix} and {\TeX}", "<span style=\"font-variant:small-caps;\">Unix</span> and <span class=\"nocase\">TeX</span>"),
            (r"Area $x^2$ law", "Area <span class=\"nocase\">$x^2$</span> law"),
            (r"Fig.~1 and \enquote{quoted}", "Fig.\u{a0}1 and “quoted”"),
            (r"\emph{The {RNA} world}", "<i>The RNA world</i>"),
            (r"\cite{x} stays", r"\cite{x} stays"),
        ];
        for (bib, want) in cases {
            assert_eq!(title(bib), want, "{bib}");
        }
    }

    fn plain_protect(t: &str, _: bool) -> String {
        escape(t)
    }

    #[test]
    fn writes_markup_back() {
        let cases = [
            (
                "The <span class=\"nocase\">DNA</span> of <i>E. coli</i>",
                r"The {DNA} of \emph{E. coli}",
            ),
            ("R&D 5% $x_1 #2 {a}", r"R\&D 5\% \$x\_1 \#2 \{a\}"),
            (
                r"a\b ~c^",
                r"a\textbackslash{}b \textasciitilde{}c\textasciicircum{}",
            ),
            ("Fig.\u{a0}1", "Fig.~1"),
            ("<span class=\"nocase\">$x^2$</span>", "$x^2$"),
            (
                "H<sub>2</sub>O <b>x<sup>2</sup></b>",
                r"H\textsubscript{2}O \textbf{x\textsuperscript{2}}",
            ),
        ];
        for (rich_text, want) in cases {
            assert_eq!(write(rich_text, &plain_protect), want, "{rich_text}");
        }
    }

    #[test]
    fn written_markup_reads_back_the_same() {
        for rich_text in [
            "The <span class=\"nocase\">DNA</span> of <i>E. coli</i>",
            "R&D 5% $x_1 #2 {a} a\\b ~c^",
            "Área <span class=\"nocase\">$x^2$</span> law, <b>bold</b>",
            "<span style=\"font-variant:small-caps;\">Unix</span> H<sub>2</sub>O",
        ] {
            let bib = write(rich_text, &plain_protect);
            assert_eq!(title(&bib), rich_text, "{bib}");
        }
    }
}
