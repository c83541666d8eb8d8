//! Repository rules checked as tests (STYLE §4, §11): every Rust file opens
//! with a `//!` header; `core` stays pure; libraries do not use `anyhow`; the
//! embedded bank lists every bank file.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rust_files(dir: &Path, acc: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("directory entry").path();
        let name = path
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        if path.is_dir() {
            if !matches!(
                name.as_str(),
                "target" | "node_modules" | "fixtures" | "snapshots" | "fuzz"
            ) {
                rust_files(&path, acc);
            }
        } else if name.ends_with(".rs") {
            acc.push(path);
        }
    }
}

#[test]
fn every_rust_file_opens_with_a_module_doc() {
    let mut files = Vec::new();
    for dir in ["crates", "tests", "src-tauri/src"] {
        rust_files(&root().join(dir), &mut files);
    }
    assert!(files.len() > 10);
    let missing: Vec<String> = files
        .iter()
        .filter(|f| !fs::read_to_string(f).unwrap().starts_with("//!"))
        .map(|f| f.strip_prefix(root()).unwrap_or(f).display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a leading //! doc: {missing:#?}"
    );
}

#[test]
fn core_stays_pure() {
    let manifest = fs::read_to_string(root().join("crates/core/Cargo.toml")).unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    for banned in [
        "tokio",
        "sqlx",
        "tauri",
        "printpdf",
        "pdf-writer",
        "lopdf",
        "anyhow",
        "reqwest",
        "rayon",
    ] {
        assert!(!deps.contains(banned), "crates/core depends on {banned}");
    }
    let mut files = Vec::new();
    rust_files(&root().join("crates/core/src"), &mut files);
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for io in [
            "std::fs",
            "std::net",
            "std::process",
            "std::env",
            "std::io::stdin",
        ] {
            assert!(
                !text.contains(io),
                "{} uses {io}: core does no I/O",
                file.display()
            );
        }
    }
}

#[test]
fn libraries_do_not_use_anyhow() {
    for lib in ["core", "report", "service", "store"] {
        let manifest = root().join("crates").join(lib).join("Cargo.toml");
        if let Ok(text) = fs::read_to_string(manifest) {
            let deps = text
                .split("[dependencies]")
                .nth(1)
                .unwrap_or("")
                .split("\n[")
                .next()
                .unwrap();
            assert!(
                !deps.contains("anyhow"),
                "crates/{lib} uses anyhow: libraries use thiserror enums"
            );
        }
    }
}

#[test]
fn embedded_bank_lists_every_bank_file() {
    let mut on_disk: Vec<String> = fs::read_dir(root().join("assets/bank"))
        .unwrap()
        .map(|e| format!("assets/bank/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = ironbridge_core::embedded::BANK_FILES
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    embedded.sort();
    assert_eq!(embedded, on_disk);
}
