//! Broken question banks under `fixtures/banks/broken/` each fail validation
//! with exactly one precise problem, stated in the fixture's first line as
//! `# expect: line N: message`; the valid mini bank loads.

use std::fs;

use ironbridge_core::bank::{Source, load};
use ironbridge_core::frameworks::Catalogue;

fn check(name: &str, text: &str) -> Result<(), String> {
    let source = Source { name, text };
    load(&[source], &Catalogue::shipped())
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
