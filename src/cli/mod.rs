//! The command line around the library: arguments, settings, files,
//! rendering and exit codes. Nothing here checks a manuscript.

pub mod args;
pub mod check;
pub mod commands;
pub mod convert;
pub mod files;
pub mod fix;
mod fix_keys;
pub mod input;
pub mod pdf;
pub mod server;
pub mod settings;

use std::process::ExitCode;

use anyhow::Result;

use args::{Cli, Command};

/// Runs the command; `Ok` carries the exit code (0 clean, 1 findings),
/// `Err` a tool error (exit 2).
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Config { settings } => commands::config(&settings),
        Command::Convert(args) => convert::run(&args),
        Command::Styles => commands::styles(),
        Command::Fix(args) => fix::run(&args),
        Command::Rules => commands::rules(),
        Command::Rule { name } => commands::rule(&name),
        Command::Completions { shell } => commands::completions(shell),
        Command::Manpage { dir } => commands::manpage(dir.as_deref()),
        Command::Server => server::run(),
    }
}
