//! Tests that hold the security posture of DESIGN §10 in the configuration:
//! `tauri.conf.json` and `capabilities/*.json` are parsed and compared with an
//! allowlist, so widening them is a deliberate edit of this file.
//!
//! Invariant: a strict CSP with no inline script, eval or remote source; no
//! global Tauri object; one capability, for the main window, granting exactly
//! our own commands; one plugin, the native dialog, used from Rust only (the
//! webview is granted none of its permissions); no shell, file system, HTTP
//! or opener plugin.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

fn read_json(relative: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The CSP we ship, directive by directive. Tauri adds hashes and nonces for
/// its own scripts and styles at build time; it never adds sources.
const CSP: &[(&str, &str)] = &[
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("object-src", "'none'"),
    ("frame-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'none'"),
    // Tauri 2's IPC: `ipc:` on Linux and macOS, `http://ipc.localhost` on Windows.
    ("connect-src", "ipc: http://ipc.localhost"),
];

#[test]
fn csp_is_exactly_the_allowlisted_one() {
    let conf = read_json("tauri.conf.json");
    let csp: BTreeMap<String, String> =
        serde_json::from_value(conf["app"]["security"]["csp"].clone()).unwrap();
    let expected: BTreeMap<String, String> = CSP
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(csp, expected);
    for value in csp.values() {
        for banned in ["unsafe-inline", "unsafe-eval", "https:", "*", "blob:"] {
            assert!(!value.contains(banned), "CSP allows {banned}: {value}");
        }
    }
}

#[test]
fn webview_gets_no_global_tauri_and_no_remote_content() {
    let conf = read_json("tauri.conf.json");
    let app = &conf["app"];
    assert_eq!(app["withGlobalTauri"], Value::Bool(false));
    assert_eq!(app["security"]["freezePrototype"], Value::Bool(true));
    for dangerous in [
        "dangerousDisableAssetCspModification",
        "assetProtocol",
        "dangerousRemoteDomainIpcAccess",
        "headers",
    ] {
        assert!(
            app["security"].get(dangerous).is_none(),
            "{dangerous} is set"
        );
    }
    assert!(
        conf["build"].get("devUrl").is_none(),
        "a dev server URL is set"
    );
    assert_eq!(conf["build"]["frontendDist"], "../ui/dist");
    assert!(conf.get("plugins").is_none(), "plugins are configured");
    let windows = app["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 1);
    assert!(windows[0].get("url").is_none(), "the window loads a URL");
    assert_eq!(
        app["security"]["capabilities"],
        serde_json::json!(["main"]),
        "only the main capability is enabled"
    );
}

#[test]
fn capabilities_grant_only_our_commands_to_the_main_window() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["main.json"], "unexpected capability files");
    let cap = read_json("capabilities/main.json");
    assert_eq!(cap["identifier"], "main");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(cap.get("remote").is_none(), "remote URLs get IPC access");
    assert!(cap.get("webviews").is_none());
    let granted: Vec<&str> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_str()
                .expect("permissions are plain identifiers, no scopes")
        })
        .collect();
    let expected: Vec<String> = crate::COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(granted, expected);
}

/// The plugins the app may depend on. Each is a new capability: adding one is
/// a deliberate edit here, with the reason.
const PLUGINS: &[&str] = &[
    // The native open/save dialogs, shown by our commands from Rust; the
    // capability grants the webview none of the plugin's own commands.
    "tauri-plugin-dialog",
];

#[test]
fn only_allowlisted_plugin_crates_are_depended_on() {
    let manifest =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .unwrap();
    let plugins: Vec<&str> = manifest
        .lines()
        .map(str::trim_start)
        .filter(|line| line.starts_with("tauri-plugin-"))
        .map(|line| line.split([' ', '=']).next().unwrap_or(line))
        .collect();
    assert_eq!(plugins, PLUGINS, "a Tauri plugin is a new capability");
}

#[test]
fn the_webview_is_granted_no_plugin_permission() {
    let cap = read_json("capabilities/main.json");
    for permission in cap["permissions"].as_array().unwrap() {
        let permission = permission.as_str().unwrap();
        assert!(
            !permission.contains(':'),
            "{permission} is a plugin's permission: plugins are used from Rust only"
        );
    }
}
