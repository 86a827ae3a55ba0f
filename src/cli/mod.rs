//! Pieces of the command line that are not the library's business.

pub mod fix;
pub mod input;
