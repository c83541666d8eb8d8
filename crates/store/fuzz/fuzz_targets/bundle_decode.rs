//! Fuzz target: `ironbridge_store::bundle_file::decode` on arbitrary bytes
//! with a fixed passphrase: the age path (header parsing, the work-factor
//! cap, every decryption error) and the plain path with its digest. It must
//! return an error or a bundle, never panic, and never run scrypt above the
//! cap (a slow input is reported by libFuzzer's timeout).

#![no_main]

use ironbridge_core::bundle::Limits;
use ironbridge_store::bundle_file;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_bundle_bytes: 1 << 20,
        max_evidence_bytes: 4096,
        max_evidence_files: 16,
    };
    if let Ok(bundle) = bundle_file::decode(data, Some("fuzz passphrase"), &limits) {
        // What decodes carries a checked digest, or none (an older version).
        if let Some(digest) = &bundle.content_sha256 {
            assert_eq!(
                digest,
                bundle.clone().sealed().content_sha256.as_ref().unwrap()
            );
        }
    }
});
