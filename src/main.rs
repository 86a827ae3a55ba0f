//! The `citelint` binary: arguments in, [`cli::run`], exit code out: 0
//! clean, 1 findings at or above `--fail-on`, 2 a usage, configuration or
//! I/O error. A broken pipe (`citelint check … | head`) ends quietly.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match cli::run(cli::args::Cli::parse()) {
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
