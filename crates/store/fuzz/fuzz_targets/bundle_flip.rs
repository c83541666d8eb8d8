//! Fuzz target: the digest against changes. Takes a sealed bundle (the small
//! bundle of the corpus, sealed once), changes the bytes the input names
//! (pairs of offset and new byte), and parses it: the result must be an
//! error or a bundle equal to the original (a change of layout only, such as
//! white space); a changed value read without error is a failure.

#![no_main]

use std::sync::LazyLock;

use ironbridge_core::bundle::{self, Bundle, Limits};
use libfuzzer_sys::fuzz_target;

static ORIGINAL: LazyLock<(Bundle, Vec<u8>)> = LazyLock::new(|| {
    let text = include_str!("../corpus/bundle_parse/small-bundle.json");
    let bundle = bundle::parse(text.as_bytes(), &Limits::default())
        .expect("the corpus bundle reads")
        .sealed();
    let bytes = bundle.to_json().into_bytes();
    (bundle, bytes)
});

fuzz_target!(|data: &[u8]| {
    let (original, bytes) = &*ORIGINAL;
    let mut changed = bytes.clone();
    for pair in data.chunks_exact(3).take(8) {
        let offset = usize::from(u16::from_le_bytes([pair[0], pair[1]])) % changed.len();
        changed[offset] = pair[2];
    }
    if changed == *bytes {
        return;
    }
    if let Ok(read) = bundle::parse(&changed, &Limits::default()) {
        assert_eq!(
            &read, original,
            "a changed bundle was read with other content"
        );
    }
});
