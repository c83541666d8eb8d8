//! The dependency graph of our crates, read from `cargo metadata`: edges
//! point one way (`cli`, `src-tauri` → `service` → `report`, `store` →
//! `core`), so a use case cannot creep back into a shell or a library.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// Each of our crates and the crates of ours it depends on (normal and build
/// dependencies; dev-dependencies are test support and left out).
fn our_graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(&root)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let packages = metadata["packages"].as_array().expect("a package list");
    let ours: BTreeSet<String> = packages
        .iter()
        .filter_map(|p| p["name"].as_str())
        .filter(|name| name.starts_with("ironbridge-"))
        .map(str::to_owned)
        .collect();
    packages
        .iter()
        .filter_map(|p| {
            let name = p["name"].as_str()?;
            ours.contains(name).then_some((name, p))
        })
        .map(|(name, p)| {
            let deps = p["dependencies"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|d| d["kind"].as_str() != Some("dev"))
                .filter_map(|d| d["name"].as_str())
                .filter(|d| ours.contains(*d))
                .map(str::to_owned)
                .collect();
            (name.to_owned(), deps)
        })
        .collect()
}

fn deps_of<'a>(graph: &'a BTreeMap<String, BTreeSet<String>>, name: &str) -> Vec<&'a str> {
    graph
        .get(name)
        .unwrap_or_else(|| panic!("{name} is not in the workspace"))
        .iter()
        .map(String::as_str)
        .collect()
}

#[test]
fn core_depends_on_none_of_ours() {
    let graph = our_graph();
    assert_eq!(deps_of(&graph, "ironbridge-core"), Vec::<&str>::new());
}

#[test]
fn report_and_store_depend_only_on_core() {
    let graph = our_graph();
    assert_eq!(deps_of(&graph, "ironbridge-report"), ["ironbridge-core"]);
    assert_eq!(deps_of(&graph, "ironbridge-store"), ["ironbridge-core"]);
}

#[test]
fn the_service_sits_on_core_report_and_store() {
    let graph = our_graph();
    assert_eq!(
        deps_of(&graph, "ironbridge-service"),
        ["ironbridge-core", "ironbridge-report", "ironbridge-store"]
    );
}

#[test]
fn only_the_shells_depend_on_the_service() {
    let graph = our_graph();
    let dependants: Vec<&str> = graph
        .iter()
        .filter(|(_, deps)| deps.contains("ironbridge-service"))
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(dependants, ["ironbridge-app", "ironbridge-cli"]);
}

#[test]
fn the_shells_do_not_reach_the_store_past_the_service() {
    let graph = our_graph();
    for shell in ["ironbridge-app", "ironbridge-cli"] {
        let deps = deps_of(&graph, shell);
        assert!(deps.contains(&"ironbridge-service"), "{shell}: {deps:?}");
        assert!(
            !deps.contains(&"ironbridge-store"),
            "{shell} depends on ironbridge-store directly: use cases on the store belong in the service"
        );
    }
}
