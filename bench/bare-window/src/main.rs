//! A minimal Tauri 2 window: the peer `bench/app-start` measures the app
//! against (start-up time and idle memory, in the same run).
//!
//! Prints `ready` on standard error once the page has loaded, as the app
//! prints its `first screen ready` line, so the script times both alike.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use tauri::webview::PageLoadEvent;

fn main() -> Result<(), tauri::Error> {
    tauri::Builder::default()
        .on_page_load(|_, payload| {
            if payload.event() == PageLoadEvent::Finished {
                eprintln!("ready");
            }
        })
        .run(tauri::generate_context!())
}
