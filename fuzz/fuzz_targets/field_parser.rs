//! The reference field parser on arbitrary text: no panic, and the item
//! always serialises to JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let item = citelint::refparse::parse_reference(text);
    serde_json::to_string(&item).expect("an item serialises");
});
