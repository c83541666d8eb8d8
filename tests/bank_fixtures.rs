//! Broken question banks under `fixtures/banks/broken/` each fail validation
//! with exactly one precise problem, stated in the fixture's first line as
//! `# expect: line N: message`; the valid mini bank loads.

use std::fs;

use ironbridge_core::bank::{Source, load};
use ironbridge_core::frameworks::Catalogue;

fn check(name: &str, text: &str) -> Result<(), String> {
    let source = Source { name, text };
    load(&[source], Catalogue::shipped())
        .map(|_| ())
        .map_err(|issues| {
            issues
                .issues()
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })
}

#[test]
fn valid_mini_bank_loads() {
    let path = ironbridge_tests::fixtures().join("banks/valid-mini.toml");
    let text = fs::read_to_string(path).unwrap();
    check("valid-mini.toml", &text).unwrap();
}

#[test]
fn every_broken_bank_fails_with_its_own_precise_message() {
    let dir = ironbridge_tests::fixtures().join("banks/broken");
    let mut paths: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 10,
        "at least ten broken fixtures, found {}",
        paths.len()
    );
    let mut failures = Vec::new();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(path).unwrap();
        let expect = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: line "))
            .unwrap_or_else(|| panic!("{name}: first line must be `# expect: line N: message`"));
        let (line, message) = expect.split_once(": ").unwrap();
        let wanted = format!("{name}:{line}: ");
        match check(&name, &text) {
            Ok(()) => failures.push(format!("{name}: loaded, expected `{expect}`")),
            Err(report) => {
                let lines: Vec<&str> = report.lines().collect();
                let hit =
                    lines.len() == 1 && lines[0].starts_with(&wanted) && lines[0].contains(message);
                if !hit {
                    failures.push(format!(
                        "{name}: expected one issue `{wanted}…{message}…`, got:\n{report}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn valid_mini_v2_bank_loads_with_its_gate_role_and_catalogues() {
    let path = ironbridge_tests::fixtures().join("banks/valid-mini-v2.toml");
    let text = fs::read_to_string(path).unwrap();
    let bank = load(
        &[Source {
            name: "valid-mini-v2.toml",
            text: &text,
        }],
        Catalogue::shipped(),
    )
    .unwrap();
    assert_eq!(bank.gates.len(), 1);
    assert!(bank.frameworks.contains(&"ncsc-caf-4.0".to_owned()));
    assert!(bank.level_rule.is_some());
}

#[test]
fn embedded_catalogues_list_every_catalogue_file() {
    let dir = ironbridge_tests::fixtures().join("../../assets/frameworks");
    let mut on_disk: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("assets/frameworks/{n}"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = ironbridge_core::embedded::FRAMEWORK_SOURCES
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    embedded.sort();
    assert_eq!(embedded, on_disk);
}

#[test]
fn embedded_bank_2_lists_every_bank_2_file() {
    let dir = ironbridge_tests::fixtures().join("../../assets/bank-2");
    let mut on_disk: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml") && n != "from-1.toml")
        .map(|n| format!("assets/bank-2/{n}"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = ironbridge_core::embedded::BANK2_FILES
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    embedded.sort();
    assert_eq!(embedded, on_disk);
}
