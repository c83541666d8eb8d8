//! Build script: checks that the UI was built, then lets `tauri-build` read
//! `tauri.conf.json` and `capabilities/`, generate an `allow-`/`deny-`
//! permission for each of our commands, and validate the capabilities.
//!
//! Invariant: the binary always embeds `ui/dist`; a missing folder stops the
//! build with the command that makes it, instead of a bare file-not-found.
//! The command list equals `COMMANDS` in `src/lib.rs` (a test checks).

const COMMANDS: &[&str] = &[
    "get_bank",
    "list_assessments",
    "create_assessment",
    "create_demo_assessment",
    "open_assessment",
    "save_answer",
    "score_assessment",
    "save_registers",
    "get_narrative",
    "save_narrative",
    "export_pdf",
    "open_exported_pdf",
    "export_bundle",
    "import_bundle",
    "get_settings",
    "save_settings",
    "choose_logo",
    "clear_logo",
    "get_data_location",
    "get_exposure",
    "ui_ready",
];

fn main() {
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/dist/index.html");
    println!("cargo:rerun-if-changed=../ui/dist");
    if !dist.exists() {
        println!(
            "cargo::error=ui/dist/index.html is missing: build the UI first with `cd ui && npm ci && npm run build`"
        );
        return;
    }
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .unwrap_or_else(|err| println!("cargo::error=tauri-build: {err:#}"));
}
