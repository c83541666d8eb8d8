//! Build script: checks that the UI was built, then lets `tauri-build` read
//! `tauri.conf.json` and `capabilities/`, generate an `allow-`/`deny-`
//! permission for each of our commands, and validate the capabilities.
//!
//! Invariant: the binary always embeds `ui/dist`; a missing folder stops the
//! build with the command that makes it, instead of a bare file-not-found.
//! The command list below is the one source of `ironbridge_app::COMMANDS`
//! (written to `$OUT_DIR/commands.rs`); tests check that the capability and
//! the generated bindings name exactly these commands.

const COMMANDS: &[&str] = &[
    "get_bank",
    "list_assessments",
    "create_assessment",
    "create_demo_assessment",
    "open_assessment",
    "check_details",
    "check_registers",
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
    "save_assumptions",
    "migration_plan",
    "migrate_assessment",
    "get_roadmap_plan",
    "save_plan_item",
    "ui_ready",
];

fn main() {
    write_command_list();
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

/// Writes `COMMANDS` for `src/lib.rs` to include, from the list above.
fn write_command_list() {
    let names: Vec<String> = COMMANDS.iter().map(|c| format!("    {c:?},\n")).collect();
    let code = format!(
        "/// The commands the UI may call (the list in `build.rs`); each has an\n\
         /// `allow-` permission in `capabilities/`.\n\
         pub const COMMANDS: &[&str] = &[\n{}];\n",
        names.concat()
    );
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(err) = std::fs::write(out.join("commands.rs"), code) {
        println!("cargo::error=cannot write the command list: {err}");
    }
}
