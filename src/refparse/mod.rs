//! Reference-entry field parsing: one reference string in, one CSL-JSON
//! [`Item`](crate::csl::Item) out.

use crate::csl::Item;

/// Parses one reference string (its list label already removed) into a
/// CSL-JSON item. Never fails: text that cannot be understood is kept as the
/// title of a `document` item so that nothing is lost.
pub fn parse_reference(text: &str) -> Item {
    Item::unparsed(text)
}
