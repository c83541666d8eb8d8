//! The caps hold for regular files, FIFOs and devices; text is UTF-8 with a
//! byte-order mark skipped and a bad byte placed.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use ironbridge_core::Bank;

use super::*;
use crate::files;

fn folder() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write a test file");
    path
}

/// A FIFO at `dir/name`, made with the system's `mkfifo`.
fn fifo(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    let path = dir.path().join(name);
    let status = Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo failed");
    path
}

/// Writes `bytes` into the FIFO from another thread; the write stops with
/// a broken pipe when the reader gives up early.
fn feed(path: PathBuf, bytes: Vec<u8>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut writer = std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .expect("open the FIFO for writing");
        let _ = writer.write_all(&bytes);
    })
}

#[test]
fn a_regular_file_at_the_cap_is_read_and_one_byte_more_is_refused() {
    let dir = folder();
    let exact = write(&dir, "exact.bin", &[b'x'; 100]);
    assert_eq!(
        read_capped(&exact, InputKind::Logo, 100).unwrap().len(),
        100
    );
    let over = write(&dir, "over.bin", &[b'x'; 101]);
    let err = read_capped(&over, InputKind::Logo, 100).unwrap_err();
    assert!(
        matches!(err, ServiceError::TooLarge { cap: 100, .. }),
        "{err:?}"
    );
    assert_eq!(err.code(), "file.too_large");
}

#[test]
fn dev_zero_is_refused_at_the_cap_quickly() {
    let zero = Path::new("/dev/zero");
    let started = Instant::now();
    let err = read_bytes(zero, InputKind::Assessment).unwrap_err();
    assert_eq!(
        err.to_string(),
        "/dev/zero is larger than the 8 MiB an assessment file may be; \
         it was refused before reading it all"
    );
    let bank = Bank::shipped().unwrap();
    let err = files::read_checked(&bank, zero).unwrap_err();
    assert_eq!(err.code(), "file.too_large");
    let err = read_bundle_bytes(zero).unwrap_err();
    assert!(
        err.to_string()
            .contains("larger than the 64 MiB a bundle may be"),
        "{err}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_fifo_is_refused_at_the_cap_without_reading_it_all() {
    let dir = folder();
    let path = fifo(&dir, "assumptions.json");
    // Three times the cap: the reader stops after cap + 1 bytes.
    let writer = feed(path.clone(), vec![b' '; 3 * ASSUMPTIONS_FILE_CAP as usize]);
    let err = files::read_assumptions(Some(&path)).unwrap_err();
    writer.join().expect("the writer thread ends");
    assert_eq!(
        err.to_string(),
        format!(
            "{} is larger than the 1 MiB a file of assumptions may be; \
             it was refused before reading it all",
            path.display()
        )
    );
}

#[test]
fn a_fifo_under_the_cap_is_read_whole() {
    let dir = folder();
    let path = fifo(&dir, "assumptions.json");
    let writer = feed(path.clone(), br#"{"seed": 7}"#.to_vec());
    let assumptions = files::read_assumptions(Some(&path)).unwrap();
    writer.join().expect("the writer thread ends");
    assert_eq!(assumptions.seed, 7);
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let dir = folder();
    let path = write(&dir, "bom.json", b"\xef\xbb\xbf{\"seed\": 3}");
    assert_eq!(
        read_text(&path, InputKind::Assumptions).unwrap(),
        "{\"seed\": 3}"
    );
    assert_eq!(files::read_assumptions(Some(&path)).unwrap().seed, 3);
    let demo = ironbridge_core::embedded::DEMO_ASSESSMENT;
    let path = write(
        &dir,
        "demo.json",
        &[b"\xef\xbb\xbf", demo.as_bytes()].concat(),
    );
    let bank = Bank::shipped().unwrap();
    files::read_checked(&bank, &path).unwrap();
}

#[test]
fn a_byte_that_is_not_utf8_is_placed() {
    let dir = folder();
    let path = write(&dir, "bad.json", b"{\n  \"note\": \"caf\xe9\"\n}");
    let err = read_text(&path, InputKind::Assessment).unwrap_err();
    match &err {
        ServiceError::NotUtf8 {
            offset,
            line,
            column,
            ..
        } => assert_eq!((*offset, *line, *column), (16, 2, 15)),
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains("line 2, column 15"), "{err}");
    assert_eq!(err.code(), "file.encoding");
}

#[test]
fn a_folder_is_named_as_one() {
    let dir = folder();
    let err = read_text(dir.path(), InputKind::Assessment).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot read {}: it is a folder, not a file",
            dir.path().display()
        )
    ); // A bundle too: the store reads no file, so this is the only check.
    let err = read_bundle_bytes(dir.path()).unwrap_err();
    assert!(
        err.to_string().contains("it is a folder, not a file"),
        "{err}"
    );
    assert_eq!(err.code(), "file.read");
}

#[test]
fn an_empty_assumptions_file_says_so() {
    let dir = folder();
    let path = write(&dir, "empty.json", b"\xef\xbb\xbf \n");
    let err = files::read_assumptions(Some(&path)).unwrap_err();
    assert!(err.to_string().contains("empty.json is empty"), "{err}");
}

#[test]
fn a_bad_assumption_is_named_by_its_key() {
    let dir = folder();
    let path = write(
        &dir,
        "a.json",
        b"{\n  \"seed\": 1,\n  \"revenue_share_stopping\": \"abc\"\n}",
    );
    let err = files::read_assumptions(Some(&path))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 3, column 33: `revenue_share_stopping`: invalid type: string \"abc\""),
        "{err}"
    );
}

#[test]
fn a_missing_file_is_a_read_error() {
    let err = read_text(Path::new("/no/such/file.json"), InputKind::Assessment).unwrap_err();
    assert_eq!(err.code(), "file.read");
}

#[test]
fn caps_are_named_in_the_users_units() {
    assert_eq!(size_words(8 * MIB), "8 MiB");
    assert_eq!(size_words(64 * KIB), "64 KiB");
    assert_eq!(size_words(100), "100 bytes");
    assert_eq!(
        InputKind::Bundle.cap(),
        Limits::default().max_bundle_bytes as u64
    );
}

#[test]
fn a_logo_on_a_device_is_refused_naming_the_field() {
    let dir = folder();
    let brand = write(&dir, "brand.toml", b"logo = \"/dev/zero\"\n");
    let err = crate::report::branding_from_file(&brand).unwrap_err();
    let message = format!("{err}: {}", std::error::Error::source(&err).unwrap());
    assert!(message.contains("field `logo`"), "{message}");
    assert!(
        message.contains("larger than the 2 MiB a logo may be"),
        "{message}"
    );
}
