//! `citelint server`: the library's language server on standard input and
//! output. Exit code 0 after `shutdown` and `exit`, 1 after `exit` without
//! `shutdown` (as the protocol asks), 2 when the client breaks the protocol
//! or the streams fail.

use std::process::ExitCode;

use anyhow::{Context, Result};

use citelint::server::ServerError;

/// Runs the server until the client says `exit`.
pub fn run() -> Result<ExitCode> {
    let (connection, io) = lsp_server::Connection::stdio();
    let code = match citelint::server::run(connection) {
        Ok(()) => ExitCode::SUCCESS,
        Err(ServerError::ExitWithoutShutdown) => ExitCode::from(1),
        Err(e) => return Err(e).context("language server"),
    };
    io.join().context("language server input or output")?;
    Ok(code)
}
