//! GB/T 7714 reference entries.
use crate::csl::Item;

/// Parses a GB/T 7714 entry, or returns `None` when `text` has no type tag.
pub fn parse(_text: &str) -> Option<Item> {
    None
}
