//! File dialogs. End-to-end tests cannot drive a native dialog, so `NTK_E2E_FILE_DIR`
//! (set only by the test harness) answers them with a file in that folder instead.

use std::path::{Path, PathBuf};

use tauri_plugin_dialog::DialogExt;

fn e2e_dir() -> Option<PathBuf> {
    std::env::var_os("NTK_E2E_FILE_DIR").map(PathBuf::from)
}

/// What a save dialog offers for a file named like `suggested_name`: only files of its kind
/// (a summary's dialog lists PDFs), by its extension, with a name a person recognises.
fn save_filter(suggested_name: &str) -> Option<(&'static str, &str)> {
    let extension = Path::new(suggested_name).extension()?.to_str()?;
    let label = match extension {
        "pdf" => "PDF document",
        "ntkbackup" => "Neglect Toolkit backup",
        "ntkexchange" => "Neglect Toolkit exchange file",
        "csv" => "CSV file (spreadsheet)",
        _ => "File",
    };
    Some((label, extension))
}

/// The chosen path, with the suggested name's extension added when the person typed a name
/// without it (GTK's dialog filters the list but does not add one): a summary is always a `.pdf`
/// the system's viewer opens.
fn with_extension_of(chosen: PathBuf, suggested_name: &str) -> PathBuf {
    match save_filter(suggested_name) {
        Some((_, extension)) if !chosen.extension().is_some_and(|x| x.eq_ignore_ascii_case(extension)) => {
            let mut name = chosen.into_os_string();
            name.push(".");
            name.push(extension);
            PathBuf::from(name)
        }
        _ => chosen,
    }
}

pub fn save_path(app: &tauri::AppHandle, title: &str, suggested_name: &str) -> Option<PathBuf> {
    if let Some(dir) = e2e_dir() {
        return Some(dir.join(suggested_name));
    }
    let mut dialog = app.dialog().file().set_title(title).set_file_name(suggested_name);
    if let Some((label, extension)) = save_filter(suggested_name) {
        dialog = dialog.add_filter(label, &[extension]);
    }
    dialog.blocking_save_file().and_then(|p| p.into_path().ok()).map(|p| with_extension_of(p, suggested_name))
}

/// A kind of file an open dialog lists: its name for people and its extensions.
pub struct FileKind {
    pub label: &'static str,
    pub extensions: &'static [&'static str],
}

pub const BACKUP: FileKind = FileKind { label: "Neglect Toolkit backup", extensions: &["ntkbackup"] };
pub const EXCHANGE: FileKind = FileKind { label: "Neglect Toolkit exchange file", extensions: &["ntkexchange"] };
/// The pictures the PDFs can print (the core checks the content, whatever the name).
pub const LOGO: FileKind = FileKind { label: "Picture (PNG or JPEG)", extensions: &["png", "jpg", "jpeg"] };

impl FileKind {
    fn has_extension_of(&self, path: &Path) -> bool {
        path.extension().is_some_and(|x| self.extensions.iter().any(|e| x.eq_ignore_ascii_case(e)))
    }
}

/// Asks for an existing file of `kind` (in tests: the first such file in the folder, by name).
pub fn open_file(app: &tauri::AppHandle, title: &str, kind: &FileKind) -> Option<PathBuf> {
    if let Some(dir) = e2e_dir() {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| kind.has_extension_of(p))
            .collect();
        found.sort();
        return found.into_iter().next();
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(kind.label, kind.extensions)
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

pub fn open_path(app: &tauri::AppHandle, title: &str) -> Option<PathBuf> {
    open_file(app, title, &BACKUP)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summarys_save_dialog_offers_pdfs_and_a_typed_name_gets_pdf_added() {
        assert_eq!(save_filter("family-summary-2026-12-01.pdf"), Some(("PDF document", "pdf")));
        assert_eq!(save_filter("records.ntkbackup"), Some(("Neglect Toolkit backup", "ntkbackup")));
        assert_eq!(save_filter("no-extension"), None);
        let suggested = "core-group-summary-2026-12-01.pdf";
        assert_eq!(with_extension_of("/tmp/Ruby summary".into(), suggested), PathBuf::from("/tmp/Ruby summary.pdf"));
        assert_eq!(with_extension_of("/tmp/ruby.PDF".into(), suggested), PathBuf::from("/tmp/ruby.PDF"));
        assert_eq!(with_extension_of("/tmp/ruby.v2".into(), suggested), PathBuf::from("/tmp/ruby.v2.pdf"));
    }

    #[test]
    fn the_logos_open_dialog_lists_png_and_jpeg_pictures_only() {
        assert_eq!(LOGO.extensions, ["png", "jpg", "jpeg"]);
        assert!(LOGO.has_extension_of(Path::new("/tmp/Council Logo.JPG")));
        assert!(!LOGO.has_extension_of(Path::new("/tmp/logo.gif")));
        assert!(!LOGO.has_extension_of(Path::new("/tmp/records.ntkbackup")));
    }
}
