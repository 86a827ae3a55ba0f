//! citelint: a citation and reference checker for plain-text manuscripts.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod csl;
pub mod export;
pub mod refparse;
