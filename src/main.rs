//! The `citelint` command line: parses arguments, calls the library, prints,
//! and maps the outcome to an exit code: 0 clean, 1 findings at or above
//! `--fail-on`, 2 a usage or I/O error.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use citelint::render::{self, Rendered};
use citelint::{FileReport, Severity};

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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Findings with the source line underlined, and a summary.
    Human,
    /// `path:line:col: CODE severity [rule] message`.
    Concise,
    /// The full report as JSON.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Check manuscripts: markers, reference list, links.
    Check {
        /// Files or directories (every .txt/.md under them); `-` reads stdin.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Lowest severity that makes the exit code 1.
        #[arg(long, value_enum, default_value = "error")]
        fail_on: FailOn,
        /// Colour the human output (default: when stdout is a terminal and NO_COLOR is unset).
        #[arg(long)]
        color: Option<bool>,
    },
    /// Convert references to another format.
    Convert {
        /// Target format.
        #[arg(long = "to", default_value = "csl-json")]
        to: String,
        /// A file with one reference string per line (`-` for stdin).
        #[arg(long)]
        refs: Option<String>,
    },
    /// Repair citations: renumber, merge duplicates, tidy markers (see README, Fixing).
    Fix(cli::fix::FixArgs),
    /// List every rule.
    Rules,
    /// Explain one rule (by name or code).
    Rule {
        /// `unresolved-citation` or `CL001`.
        name: String,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(err) => {
            let broken_pipe = err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("citelint: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Check {
            paths,
            format,
            fail_on,
            color,
        } => check(&paths, format, fail_on, color),
        Command::Convert { to, refs } => {
            let path = refs.context("nothing to convert: give --refs FILE")?;
            anyhow::ensure!(to == "csl-json", "unknown format `{to}`");
            let text = cli::input::read(&path)?;
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
        Command::Fix(args) => cli::fix::run(&args),
        Command::Rules => {
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "{:<6} {:<26} {:<8} summary",
                "code", "name", "severity"
            )?;
            for r in citelint::rules::RULES {
                writeln!(
                    out,
                    "{:<6} {:<26} {:<8} {}",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.summary
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Rule { name } => {
            let rule = citelint::rules::Rule::from_name(&name)
                .with_context(|| format!("no rule named `{name}` (see `citelint rules`)"))?;
            let info = rule.info();
            let mut out = std::io::stdout().lock();
            writeln!(out, "# {} ({})\n", info.name, info.code)?;
            writeln!(out, "Default severity: {}\n", info.severity.as_str())?;
            write!(out, "{}", info.doc)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn check(
    paths: &[String],
    format: Format,
    fail_on: FailOn,
    color: Option<bool>,
) -> Result<ExitCode> {
    let files = cli::input::expand(paths)?;
    let color = color.unwrap_or_else(|| {
        std::env::var_os("NO_COLOR").is_none()
            && std::io::IsTerminal::is_terminal(&std::io::stdout())
    });
    let mut reports = Vec::new();
    let mut texts = Vec::new();
    let mut io_errors = 0;
    for path in &files {
        match cli::input::read(path) {
            Ok(text) => {
                let checked = citelint::check(&text);
                reports.push(FileReport::new(path, &text, &checked));
                texts.push(text);
            }
            Err(e) => {
                io_errors += 1;
                eprintln!("citelint: error: {e:#}");
            }
        }
    }
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => out.write_all(render::json::render(&reports).as_bytes())?,
        Format::Human | Format::Concise => {
            for (report, text) in reports.iter().zip(&texts) {
                let r = Rendered {
                    path: &report.path,
                    text,
                    report,
                };
                let s = if format == Format::Human {
                    render::human::render(&r, color)
                } else {
                    render::concise::render(&r)
                };
                out.write_all(s.as_bytes())?;
            }
            if format == Format::Human {
                let sum = |f: fn(&FileReport) -> usize| reports.iter().map(f).sum::<usize>();
                out.write_all(
                    render::human::summary(
                        reports.len(),
                        sum(|r| r.summary.errors),
                        sum(|r| r.summary.warnings),
                        sum(|r| r.summary.infos),
                    )
                    .as_bytes(),
                )?;
            }
        }
    }
    out.flush()?;
    if io_errors > 0 {
        return Ok(ExitCode::from(2));
    }
    let threshold = match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failing = threshold.is_some_and(|t| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.severity >= t)
    });
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
