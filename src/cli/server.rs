//! `citelint server`: the library's language server on standard input and
//! output. Exit code 0 after `shutdown` and `exit`, 2 when the client
//! breaks the protocol or the streams fail.

use std::process::ExitCode;

use anyhow::{Context, Result};

/// Runs the server until the client says `exit`.
pub fn run() -> Result<ExitCode> {
    let (connection, io) = lsp_server::Connection::stdio();
    citelint::server::run(connection).context("language server")?;
    io.join().context("language server input or output")?;
    Ok(ExitCode::SUCCESS)
}
