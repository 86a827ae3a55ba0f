//! Prints the logical text the layout stage builds from a file (the text
//! the parsers read), or the file itself when it is read as it is.
//!
//! `cargo run --release --example layout -- paper.txt`
use std::io::Write;

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "-".into());
    let text = std::fs::read_to_string(&path)?;
    let logical = citelint::layout::lay_out(&text, &[]).map(|l| l.text);
    std::io::stdout().write_all(logical.as_deref().unwrap_or(&text).as_bytes())
}
