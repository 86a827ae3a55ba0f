//! LaTeX citation commands: `\cite`, `\citep`, `\citet`, `\parencite`,
//! `\textcite`, `\autocite`, `\footcite`, `\nocite` and their relatives,
//! starred or capitalised, with up to two optional arguments and several
//! keys: `\citep[see][p.~4]{smith2008, lee2010}`. `\nocite{*}` cites every
//! entry. `\bibliography{a,b}` and `\addbibresource{x.bib}` name the
//! bibliography files.
//!
//! Comments (`%` to the end of the line, `\%` is a percent sign) and
//! verbatim text (`verbatim`, `lstlisting`, `minted`, `comment`
//! environments, `\verb|…|`) are skipped.

use memchr::memchr2;
use nom::bytes::complete::{take_till, take_while1};
use nom::character::complete::{char, multispace0};
use nom::combinator::opt;
use nom::error::{Error, ErrorKind};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};

use super::pandoc::{escaped, offset};
use super::{Cite, Form};
use crate::source::Span;

/// Commands whose braced argument is a list of citation keys.
const CITE_COMMANDS: &[&str] = &[
    "cite",
    "citep",
    "citet",
    "citealp",
    "citealt",
    "citeauthor",
    "citeyear",
    "citeyearpar",
    "citetitle",
    "citenum",
    "parencite",
    "textcite",
    "autocite",
    "footcite",
    "footcitetext",
    "smartcite",
    "supercite",
    "fullcite",
    "nocite",
];

/// Environments whose body is not LaTeX.
const VERBATIM: &[&str] = &[
    "verbatim",
    "verbatim*",
    "Verbatim",
    "lstlisting",
    "minted",
    "comment",
];

/// A balanced `[…]` optional argument: its content.
pub fn optional_arg(i: &str) -> IResult<&str, &str> {
    let (rest, _) = char('[').parse(i)?;
    // brackets inside braces do not count: `[{x]}]`
    let (mut brackets, mut braces) = (0usize, 0usize);
    for (at, c) in rest.char_indices() {
        match c {
            '{' => braces += 1,
            '}' if braces == 0 => break,
            '}' => braces -= 1,
            _ if braces > 0 => {}
            '[' => brackets += 1,
            ']' if brackets > 0 => brackets -= 1,
            ']' => return Ok((&rest[at + 1..], &rest[..at])),
            _ => {}
        }
    }
    Err(nom::Err::Error(Error::new(i, ErrorKind::Char)))
}

/// A `{…}` argument without nested braces (a key list): its content.
pub fn key_arg(i: &str) -> IResult<&str, &str> {
    delimited(char('{'), take_till(|c| c == '{' || c == '}'), char('}')).parse(i)
}

/// A command name after its backslash, with a `*` if starred.
pub fn command_name(i: &str) -> IResult<&str, (&str, bool)> {
    let (rest, name) = take_while1(|c: char| c.is_ascii_alphabetic()).parse(i)?;
    let (rest, star) = opt(char('*')).parse(rest)?;
    Ok((rest, (name, star.is_some())))
}

/// Whether `name` (capitalised or not) is a citation command.
pub fn is_cite_command(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    CITE_COMMANDS.contains(&lower.as_str())
        && (name == lower || name.chars().skip(1).all(|c| c.is_ascii_lowercase()))
}

/// The arguments of a citation command after its name: up to two optional
/// arguments, then the key list, spaces between allowed.
pub fn cite_args(i: &str) -> IResult<&str, &str> {
    let (rest, _) = opt(preceded(multispace0, optional_arg)).parse(i)?;
    let (rest, _) = opt(preceded(multispace0, optional_arg)).parse(rest)?;
    preceded(multispace0, key_arg).parse(rest)
}

/// The keys of a key list, each trimmed, empty ones left out.
pub fn split_keys(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').map(str::trim).filter(|k| !k.is_empty())
}

/// What a LaTeX scan finds.
#[derive(Debug, Default)]
pub struct Found {
    /// The citations.
    pub cites: Vec<Cite>,
    /// `\nocite{*}` was seen.
    pub nocite_all: bool,
    /// Bibliography files named by `\bibliography` / `\addbibresource`, as
    /// written, with their spans (`.bib` added where `\bibliography` leaves
    /// it out).
    pub bibliographies: Vec<(String, Span)>,
}

/// The end of the line that `p` is on (the `\n` itself, or the text's end).
fn line_end(bytes: &[u8], p: usize) -> usize {
    memchr::memchr(b'\n', &bytes[p..]).map_or(bytes.len(), |o| p + o)
}

/// Scans a LaTeX manuscript.
pub fn scan(text: &str) -> Found {
    let bytes = text.as_bytes();
    let mut found = Found::default();
    let mut i = 0;
    while let Some(off) = memchr2(b'\\', b'%', &bytes[i..]) {
        let p = i + off;
        i = p + 1;
        if bytes[p] == b'%' {
            if !escaped(bytes, p) {
                i = line_end(bytes, p);
            }
            continue;
        }
        let Ok((rest, (name, _))) = command_name(&text[p + 1..]) else {
            // `\\`, `\%`, `\{`: the next byte is taken with the backslash
            i = (p + 2).min(text.len());
            continue;
        };
        i = text.len() - rest.len();
        match name {
            "begin" => {
                if let Ok((_, env)) = key_arg(rest) {
                    if VERBATIM.contains(&env) {
                        let end = format!("\\end{{{env}}}");
                        i = text[i..]
                            .find(&end)
                            .map_or(text.len(), |o| i + o + end.len());
                    }
                }
            }
            "verb" => {
                let rest = rest.strip_prefix('*').unwrap_or(rest);
                if let Some(d) = rest.chars().next() {
                    let body = &rest[d.len_utf8()..];
                    let close = body.find([d, '\n']).map_or(body.len(), |o| o + 1);
                    i = text.len() - body.len() + close;
                }
            }
            "bibliography" | "addbibresource" | "addglobalbib" => {
                let Ok((after, list)) = preceded(opt(optional_arg), key_arg).parse(rest) else {
                    continue;
                };
                for file in split_keys(list) {
                    let at = offset(text, file);
                    let mut name = file.to_string();
                    // `\bibliography{../refs}` means `../refs.bib`
                    if std::path::Path::new(&name).extension().is_none() {
                        name.push_str(".bib");
                    }
                    found
                        .bibliographies
                        .push((name, Span::new(at, at + file.len())));
                }
                i = text.len() - after.len();
            }
            _ if is_cite_command(name) => {
                let Ok((after, list)) = cite_args(rest) else {
                    continue;
                };
                let span = Span::new(p, text.len() - after.len());
                let nocite = name.eq_ignore_ascii_case("nocite");
                for key in split_keys(list) {
                    if nocite && key == "*" {
                        found.nocite_all = true;
                        continue;
                    }
                    let at = offset(text, key);
                    found.cites.push(Cite {
                        key: key.to_string(),
                        key_span: Span::new(at, at + key.len()),
                        span,
                        form: if nocite { Form::Nocite } else { Form::Command },
                    });
                }
                i = span.end;
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_arguments_and_their_leftover() {
        let table = [
            ("{a,b} x", Some(("a,b", " x"))),
            ("[p.~4]{a}", Some(("a", ""))),
            ("[see][p. 4] {a, b}.", Some(("a, b", "."))),
            ("[{x]}][y]{k}", Some(("k", ""))),
            ("[a][b][c]{k}", None),
            ("{a", None),
            ("[unclosed{k}", None),
        ];
        for (input, want) in table {
            let got = cite_args(input).ok().map(|(rest, k)| (k, rest));
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn command_names_and_stars() {
        assert_eq!(command_name("citep*[x]"), Ok(("[x]", ("citep", true))));
        assert_eq!(command_name("cite{a}"), Ok(("{a}", ("cite", false))));
        assert!(command_name("%x").is_err());
        for name in ["cite", "Textcite", "parencite", "Autocite", "nocite"] {
            assert!(is_cite_command(name), "{name}");
        }
        for name in ["section", "CITE", "citex", "bibitem"] {
            assert!(!is_cite_command(name), "{name}");
        }
    }

    #[test]
    fn the_scan_skips_comments_and_verbatim() {
        let text = "\\citep[see][p.~4]{smith2008, lee2010} and \\textcite{doe}.\n\
                    % \\cite{commented}\n\
                    50\\% of \\cite{after_percent}\n\
                    \\begin{verbatim}\\cite{verb}\\end{verbatim}\n\
                    \\verb|\\cite{inline}| \\nocite{*} \\Parencite*{x:y}\n\
                    \\bibliography{refs,more.bib,../up/x} \\addbibresource[label=a]{c.bib}\n";
        let found = scan(text);
        let got: Vec<(&str, &str, &str, Form)> = found
            .cites
            .iter()
            .map(|c| {
                (
                    c.key.as_str(),
                    c.key_span.slice(text),
                    c.span.slice(text),
                    c.form,
                )
            })
            .collect();
        let all = "\\citep[see][p.~4]{smith2008, lee2010}";
        assert_eq!(
            got,
            [
                ("smith2008", "smith2008", all, Form::Command),
                ("lee2010", "lee2010", all, Form::Command),
                ("doe", "doe", "\\textcite{doe}", Form::Command),
                (
                    "after_percent",
                    "after_percent",
                    "\\cite{after_percent}",
                    Form::Command
                ),
                ("x:y", "x:y", "\\Parencite*{x:y}", Form::Command),
            ]
        );
        assert!(found.nocite_all);
        let bibs: Vec<(&str, &str)> = found
            .bibliographies
            .iter()
            .map(|(n, s)| (n.as_str(), s.slice(text)))
            .collect();
        assert_eq!(
            bibs,
            [
                ("refs.bib", "refs"),
                ("more.bib", "more.bib"),
                ("../up/x.bib", "../up/x"),
                ("c.bib", "c.bib")
            ]
        );
    }

    #[test]
    fn broken_commands_do_not_panic() {
        for text in [
            "\\",
            "\\cite",
            "\\cite{",
            "\\verb",
            "\\begin{verbatim}",
            "é\\citeé",
            "%",
        ] {
            let found = scan(text);
            assert!(found.cites.is_empty(), "{text}");
        }
    }
}
