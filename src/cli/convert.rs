//! `citelint convert`: references from a manuscript, a reference-per-line
//! file or a bibliography file, written in another format.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use citelint::csl::Item;
use citelint::export::{self, convert, Format};

use super::args::Offered;

/// Arguments of `citelint convert`.
#[derive(clap::Args)]
pub struct ConvertArgs {
    /// A manuscript (.txt, .md, .tex), or a bibliography (.bib, .json
    /// CSL-JSON, .yaml hayagriva); `-` reads a manuscript from stdin. For a
    /// manuscript citing keys (`[@key]`, `\cite{key}`): the entries of its
    /// bibliography that it cites.
    pub input: Option<String>,
    /// Target format: bibtex, biblatex, csl-json, yaml, text, html.
    #[arg(long = "to", default_value = "csl-json", value_parser = Offered(format_names), hide_possible_values = true)]
    pub to: String,
    /// Citation style for text/html: a bundled name (`citelint styles`) or a .csl file.
    #[arg(long, value_parser = Offered(export::style_names), hide_possible_values = true)]
    pub style: Option<String>,
    /// Write here instead of stdout.
    #[arg(short = 'o', long = "output")]
    pub output: Option<String>,
    /// Read one reference string per line from this file (`-` for stdin)
    /// instead of a manuscript; prints one item per non-blank line.
    #[arg(long, conflicts_with = "input")]
    pub refs: Option<String>,
}

/// The output formats' names, for shell completion.
fn format_names() -> Vec<String> {
    Format::ALL.iter().map(|f| f.name().to_string()).collect()
}

/// The items a convert run starts from.
fn items(args: &ConvertArgs) -> Result<Vec<Item>> {
    if let Some(refs) = &args.refs {
        let text = super::input::read(refs)?;
        return Ok(text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(citelint::refparse::parse_reference)
            .collect());
    }
    let Some(input) = &args.input else {
        bail!("nothing to convert: give a manuscript or bibliography, or --refs FILE");
    };
    let text = super::input::read(input)?;
    Ok(convert::items_of(&text, input)?)
}

/// Runs `citelint convert`.
pub fn run(args: &ConvertArgs) -> Result<ExitCode> {
    // the options are checked before any input is read
    convert::format_of(&args.to, args.style.as_deref())?;
    let items = items(args)?;
    let out = convert::convert(&items, &args.to, args.style.as_deref())?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, out).with_context(|| format!("cannot write `{path}`"))?
        }
        None => std::io::stdout().lock().write_all(out.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
