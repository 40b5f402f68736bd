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

/// Asks for an existing file with the given extension (in tests: the first such file, by name).
pub fn open_file(app: &tauri::AppHandle, title: &str, extension: &str) -> Option<PathBuf> {
    if let Some(dir) = e2e_dir() {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == extension))
            .collect();
        found.sort();
        return found.into_iter().next();
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(extension, &[extension])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

pub fn open_path(app: &tauri::AppHandle, title: &str) -> Option<PathBuf> {
    open_file(app, title, "ntkbackup")
}

/// Opens a written file in the system's own viewer, on every OS, except under test. Called from
/// Rust with a path Rust chose, so the page is given no opener permission.
pub fn open_in_viewer(path: &std::path::Path) {
    if e2e_dir().is_none() {
        if let Err(e) = tauri_plugin_opener::open_path(path, None::<&str>) {
            log::warn!("the system viewer could not be opened: {e}");
        }
    }
}

/// Shows a written file selected in the system's file manager, except under test.
pub fn show_in_folder(path: &std::path::Path) {
    if e2e_dir().is_none() {
        if let Err(e) = tauri_plugin_opener::reveal_item_in_dir(path) {
            log::warn!("the file manager could not be opened: {e}");
        }
    }
}
