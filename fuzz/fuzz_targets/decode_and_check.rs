//! The whole library path on arbitrary bytes: decode (strict and lossy),
//! then check; no panic, and decoding round-trips through `encode`.
#![no_main]

use citelint::input::{decode, encode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let strict = decode(data.to_vec(), false);
    let Ok(d) = decode(data.to_vec(), true) else {
        assert!(strict.is_err());
        return;
    };
    if let Ok(s) = &strict {
        assert_eq!(s.text, d.text);
        assert_eq!(encode(&s.text, s.encoding), data, "round trip");
    }
    let checked = citelint::check(&d.text);
    for m in &checked.doc.markers {
        assert!(d.text.get(m.span.start..m.span.end).is_some());
    }
});
