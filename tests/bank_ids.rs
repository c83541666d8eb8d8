//! Every question or cap id the Rust code names is one of the shipped bank:
//! a string literal shaped like a question id (`"INS-03"`, also `\"INS-03\"`
//! inside JSON text) or a cap id (`"CAP-OT-02"`) anywhere in `crates/*/src`
//! or `src-tauri/src` must be a question (or cap) of every shipped bank
//! (bank 1, which older assessments were answered on, and bank 2), and the
//! failure names file, line and the bank that lacks it.
//!
//! Test code is left out: an item under `#[cfg(test)]` (to its closing brace
//! at the same indentation, as rustfmt writes it) and every file of a module
//! declared under `#[cfg(test)]` (`#[cfg(test)] mod tests;` makes
//! `tests.rs`, `tests/mod.rs` and everything below them test code). Tests
//! use made-up banks (`AAA-01`, `CAP-BBB-02`) and malformed ids on purpose.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use ironbridge_core::Bank;

#[test]
fn every_id_named_in_rust_code_is_in_every_shipped_bank() {
    let banks: Vec<Known> = Bank::SHIPPED_MAJORS
        .iter()
        .map(|major| Known::of(Bank::shipped_major(*major).unwrap().unwrap()))
        .collect();
    assert_eq!(banks.len(), 2, "bank 1 and bank 2 are both shipped");

    let mut n_checked = 0;
    let mut problems = Vec::new();
    for file in code_files() {
        let text = fs::read_to_string(&file).unwrap();
        let relative = file.strip_prefix(root()).unwrap_or(&file).display();
        for named in id_literals(&text) {
            n_checked += 1;
            for known in &banks {
                if let Some(what) = known.lacks(&named) {
                    problems.push(format!(
                        "{relative}:{}: \"{}\" is {what} of the shipped bank ({} {})",
                        named.line, named.id, known.bank.id, known.bank.version
                    ));
                }
            }
        }
    }
    assert!(
        n_checked >= 40,
        "only {n_checked} id literals found outside test code: is the scan still looking?"
    );
    assert!(
        problems.is_empty(),
        "{} id(s) named in Rust code are not in a shipped bank:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The question, cap and retired ids of one shipped bank.
struct Known {
    bank: Bank,
    questions: BTreeSet<String>,
    caps: BTreeSet<String>,
    retired: BTreeSet<String>,
}

impl Known {
    fn of(bank: Bank) -> Self {
        Self {
            questions: bank.questions().map(|q| q.id.to_string()).collect(),
            caps: bank
                .domains
                .iter()
                .flat_map(|d| d.caps.iter().map(|c| c.id.clone()))
                .collect(),
            retired: bank.retired.iter().map(ToString::to_string).collect(),
            bank,
        }
    }

    /// What the id is not, in this bank; `None` when it is known.
    fn lacks(&self, named: &Named) -> Option<&'static str> {
        match named.kind {
            IdKind::Question if self.questions.contains(&named.id) => None,
            IdKind::Cap if self.caps.contains(&named.id) => None,
            IdKind::Question if self.retired.contains(&named.id) => Some("a retired question"),
            IdKind::Question => Some("not a question"),
            IdKind::Cap => Some("not a cap"),
        }
    }
}

#[test]
fn scan_finds_ids_in_literals_and_json_but_not_in_test_code() {
    let text = r#"//! Header naming "INS-01" in a doc.
const A: &[&str] = &["INS-02", "CAP-OT-02", "INS-2", "ins-03", "INSURE-03", "X-01"];
const B: &str = "{\"question\":\"GOV-01\"}";
const C: &str = "see INS-04 in prose";

#[cfg(test)]
fn helper() -> &'static str {
    "AAA-01"
}

mod inner {
    #[cfg(test)]
    mod tests {
        const D: &str = "BBB-01";
    }
    const E: &str = "OT-01";
}

#[cfg(test)]
mod tests;
"#;
    let found: Vec<String> = id_literals(text)
        .iter()
        .map(|n| format!("{}:{}:{:?}", n.line, n.id, n.kind))
        .collect();
    assert_eq!(
        found,
        [
            "1:INS-01:Question",
            "2:INS-02:Question",
            "2:CAP-OT-02:Cap",
            "3:GOV-01:Question",
            "16:OT-01:Question",
        ]
    );
    assert_eq!(test_modules(text), ["tests"]);
}

#[test]
fn modules_declared_under_cfg_test_are_test_files() {
    let declared = [
        PathBuf::from("crates/core/src/scoring/tests.rs"),
        PathBuf::from("crates/core/src/scoring/tests/mod.rs"),
    ];
    let check = |path: &str, expected: bool| {
        assert_eq!(is_test_file(Path::new(path), &declared), expected, "{path}");
    };
    check("crates/core/src/scoring/tests.rs", true);
    check("crates/core/src/scoring/tests/cases.rs", true);
    check("crates/core/src/scoring/mod.rs", false);
    check("crates/core/src/scoring/gaps.rs", false);
    check("crates/core/src/scoring/tests_data.rs", false);
}

/// An id named in code.
#[derive(Debug)]
struct Named {
    line: usize,
    id: String,
    kind: IdKind,
}

#[derive(Debug, PartialEq)]
enum IdKind {
    /// `INS-03`.
    Question,
    /// `CAP-OT-02`.
    Cap,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `.rs` files of `crates/*/src` and `src-tauri/src` that are not test code.
fn code_files() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("crates"))
        .expect("the crates folder")
        .map(|e| e.expect("a directory entry").path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    dirs.push(root().join("src-tauri/src"));
    let mut files = Vec::new();
    for dir in &dirs {
        rust_files(dir, &mut files);
    }
    files.sort();
    let mut declared = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("a readable Rust file");
        let dir = module_dir(file);
        for name in test_modules(&text) {
            declared.push(dir.join(format!("{name}.rs")));
            declared.push(dir.join(&name).join("mod.rs"));
        }
    }
    files
        .into_iter()
        .filter(|f| !is_test_file(f, &declared))
        .collect()
}

fn rust_files(dir: &Path, acc: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("a readable source folder") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, acc);
        } else if path.extension().is_some_and(|e| e == "rs") {
            acc.push(path);
        }
    }
}

/// The folder holding the files of the modules `file` declares.
fn module_dir(file: &Path) -> PathBuf {
    let parent = file.parent().unwrap_or(Path::new(""));
    match file.file_name().and_then(|n| n.to_str()) {
        Some("mod.rs" | "lib.rs" | "main.rs") => parent.to_path_buf(),
        _ => file.with_extension(""),
    }
}

/// Whether `file` is one of the `declared` test module files or below one.
fn is_test_file(file: &Path, declared: &[PathBuf]) -> bool {
    declared
        .iter()
        .any(|d| file == d || file.starts_with(module_dir(d)))
}

/// The modules declared under `#[cfg(test)]` in another file (`mod tests;`).
fn test_modules(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    test_items(&lines)
        .into_iter()
        .filter_map(|(_, end)| {
            let item = lines[end].trim();
            let name = item
                .strip_prefix("pub(crate) ")
                .or_else(|| item.strip_prefix("pub "))
                .unwrap_or(item)
                .strip_prefix("mod ")?
                .strip_suffix(';')?;
            Some(name.to_owned())
        })
        .collect()
}

/// The id-shaped string literals outside `#[cfg(test)]` items, with lines.
fn id_literals(text: &str) -> Vec<Named> {
    let lines: Vec<&str> = text.lines().collect();
    let mut in_test = vec![false; lines.len()];
    for (start, end) in test_items(&lines) {
        in_test[start..=end].fill(true);
    }
    let mut out = Vec::new();
    for (idx, line) in lines.iter().enumerate() {
        if in_test[idx] {
            continue;
        }
        for (at, _) in line.match_indices('"') {
            let rest = &line[at + 1..];
            let len = rest
                .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'))
                .unwrap_or(rest.len());
            let (token, after) = rest.split_at(len);
            if !(after.starts_with('"') || after.starts_with("\\\"")) {
                continue;
            }
            let kind = if is_question_id(token) {
                IdKind::Question
            } else if token.strip_prefix("CAP-").is_some_and(is_question_id) {
                IdKind::Cap
            } else {
                continue;
            };
            out.push(Named {
                line: idx + 1,
                id: token.to_owned(),
                kind,
            });
        }
    }
    out
}

/// `<two to four capital letters>-<two digits>`.
fn is_question_id(text: &str) -> bool {
    match text.split_once('-') {
        Some((code, number)) => {
            (2..=4).contains(&code.len())
                && code.bytes().all(|b| b.is_ascii_uppercase())
                && number.len() == 2
                && number.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// The line ranges (inclusive) of items under `#[cfg(test)]`: from the
/// attribute to the item's `;`, or to its closing `}`, `};`, `];` or `);`
/// at the attribute's indentation. Panics on an item whose end it cannot find, so that a layout
/// it does not understand fails the test instead of hiding code.
fn test_items(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut idx = 0;
    while idx < lines.len() {
        let trimmed = lines[idx].trim_start();
        if trimmed != "#[cfg(test)]" {
            idx += 1;
            continue;
        }
        let indent = &lines[idx][..lines[idx].len() - trimmed.len()];
        let mut item = idx + 1;
        while item < lines.len() && lines[item].trim_start().starts_with("#[") {
            item += 1;
        }
        let end = if lines.get(item).is_some_and(|l| l.trim_end().ends_with(';')) {
            Some(item)
        } else {
            (item..lines.len()).find(|&k| {
                let l = lines[k];
                l.starts_with(indent) && matches!(&l[indent.len()..], "}" | "};" | "];" | ");")
            })
        };
        let end = end.unwrap_or_else(|| {
            panic!(
                "line {}: cannot find the end of the #[cfg(test)] item",
                idx + 1
            )
        });
        out.push((idx, end));
        idx = end + 1;
    }
    out
}
