//! The `citelint` command line: parses arguments, calls the library, prints,
//! and maps the outcome to an exit code (0 clean, 1 findings, 2 tool error).

use std::io::{Read, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "citelint",
    version,
    about = "Check citations and references in manuscripts"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert references to another format.
    Convert {
        /// Target format.
        #[arg(long = "to", default_value = "csl-json")]
        to: String,
        /// A file with one reference string per line (`-` for stdin).
        #[arg(long)]
        refs: Option<String>,
    },
}

fn read_input(path: &str) -> Result<String> {
    if path == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading standard input")?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).with_context(|| format!("reading `{path}`"))
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Convert { to, refs } => {
            let path = refs.context("nothing to convert: give --refs FILE")?;
            anyhow::ensure!(to == "csl-json", "unknown format `{to}`");
            let text = read_input(&path)?;
            let items: Vec<_> = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(citelint::refparse::parse_reference)
                .collect();
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &items)?;
            writeln!(out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>().map(|e| e.kind())
                    == Some(std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("citelint: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
