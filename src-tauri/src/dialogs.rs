//! File dialogs. End-to-end tests cannot drive a native dialog, so `NTK_E2E_FILE_DIR`
//! (set only by the test harness) answers them with a file in that folder instead.

use std::path::PathBuf;

use tauri_plugin_dialog::DialogExt;

fn e2e_dir() -> Option<PathBuf> {
    std::env::var_os("NTK_E2E_FILE_DIR").map(PathBuf::from)
}

pub fn save_path(app: &tauri::AppHandle, title: &str, suggested_name: &str) -> Option<PathBuf> {
    if let Some(dir) = e2e_dir() {
        return Some(dir.join(suggested_name));
    }
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(suggested_name)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

pub fn open_path(app: &tauri::AppHandle, title: &str) -> Option<PathBuf> {
    if let Some(dir) = e2e_dir() {
        return std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|x| x == "ntkbackup"));
    }
    app.dialog().file().set_title(title).blocking_pick_file().and_then(|p| p.into_path().ok())
}
