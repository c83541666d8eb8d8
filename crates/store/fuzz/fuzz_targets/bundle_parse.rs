//! Fuzz target: `ironbridge_core::bundle::parse` on arbitrary bytes, with
//! small limits so the size checks are reached too. It must return an error or
//! a bundle, never panic; a bundle it accepts must survive a round trip (once
//! sealed: a version 1 file carries no digest, and is written with one).

#![no_main]

use ironbridge_core::bundle::{self, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_bundle_bytes: 1 << 20,
        max_evidence_bytes: 4096,
        max_evidence_files: 16,
    };
    if let Ok(parsed) = bundle::parse(data, &limits) {
        let again = bundle::parse(parsed.to_json().as_bytes(), &limits)
            .expect("a parsed bundle reads back");
        assert_eq!(again, parsed.sealed());
    }
});
