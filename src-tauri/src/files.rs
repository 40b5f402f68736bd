//! The commands that ask the person for a file (through `dialogs.rs`), then hand it to the core.

use chrono::Local;
use ntk_core::dataset::DatasetPeriod;
use ntk_core::error::Problem;
use ntk_core::exchange::{self, ImportChoice, ImportReport};
use ntk_core::logo::LogoView;
use ntk_core::paths::write_private;
use ntk_core::report::FamilyLanguage;
use ntk_core::store::{BackupReport, ReportKind, Store};
use tauri::AppHandle;

use crate::dialogs;
use crate::state::{os_user, AppState};

type Answer<T> = Result<T, Problem>;

pub fn today() -> chrono::NaiveDate {
    Local::now().date_naive()
}

/// Asks where to save a backup, then writes and verifies it. `None`: the person cancelled.
pub fn backup(app: &AppHandle, state: &AppState) -> Answer<Option<BackupReport>> {
    let name = format!("neglect-toolkit-{}.ntkbackup", today());
    let Some(path) = dialogs::save_path(app, "Save a backup", &name) else { return Ok(None) };
    state.with_store(|s| s.backup_to(&path)).map(Some)
}

/// Asks for a backup file, verifies it with the passphrase, and replaces the records with it.
pub fn restore(app: &AppHandle, state: &AppState, passphrase: &str) -> Answer<Option<BackupReport>> {
    let Some(path) = dialogs::open_path(app, "Restore from a backup") else { return Ok(None) };
    // Check the backup while the records are still open: a wrong passphrase or a bad file
    // must leave the app as it was, not locked.
    ntk_core::store::verify_backup(&path, passphrase)?;
    let db = state.database_path();
    state.replace_store(|| Store::restore(&path, &db, passphrase, &os_user())).map(Some)
}

/// Brings back the records as they were before the last restore (kept as `.before-restore`).
pub fn undo_restore(state: &AppState, passphrase: &str) -> Answer<BackupReport> {
    let db = state.database_path();
    state.replace_store(|| Store::undo_restore(&db, passphrase, &os_user()))
}

/// Writes a summary where the person chooses, then opens it in the system's PDF viewer.
/// Returns the path written, or `None` if the person cancelled.
pub fn print_report(app: &AppHandle, state: &AppState, child_id: i64, kind: ReportKind) -> Answer<Option<String>> {
    print_report_in(app, state, child_id, kind, FamilyLanguage::English)
}

/// [`print_report`] with the family summary's fixed phrases in `language`; a summary in another
/// language than English says so in its file name.
pub fn print_report_in(
    app: &AppHandle,
    state: &AppState,
    child_id: i64,
    kind: ReportKind,
    language: FamilyLanguage,
) -> Answer<Option<String>> {
    let pdf = state.with_store(|s| s.report_in(kind, child_id, today(), language))?;
    let in_language = match language {
        FamilyLanguage::English => String::new(),
        other => format!("-{}", other.file_word()),
    };
    let name = format!("{}{in_language}-{}.pdf", kind.file_stem(), today());
    let Some(path) = dialogs::save_path(app, "Save the summary", &name) else { return Ok(None) };
    write_private(&path, pdf)?;
    dialogs::open_in_viewer(&path);
    *state.last_saved.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.clone());
    Ok(Some(path.display().to_string()))
}

/// Shows the last summary written in the system's file manager (Explorer, Finder, ...).
pub fn show_last_saved_in_folder(state: &AppState) -> Answer<()> {
    if let Some(path) = state.last_saved.lock().unwrap_or_else(|p| p.into_inner()).as_deref() {
        dialogs::show_in_folder(path);
    }
    Ok(())
}

/// Exports one child's finalised checklists to a file the person chooses.
pub fn export_child(
    app: &AppHandle,
    state: &AppState,
    child_id: i64,
    file_passphrase: Option<&str>,
) -> Answer<Option<String>> {
    let name = format!("checklists-{child_id}-{}.ntkexchange", today());
    // Ask first: the store records an export in the audit log, which a cancel must not leave.
    let Some(path) = dialogs::save_path(app, "Export checklists", &name) else { return Ok(None) };
    let bytes = state.with_store(|s| s.export_child(child_id)?.to_bytes(file_passphrase.filter(|p| !p.is_empty())))?;
    write_private(&path, bytes)?;
    Ok(Some(path.display().to_string()))
}

/// Asks for a file and works out what importing it would do (writes nothing).
pub fn choose_import(app: &AppHandle, state: &AppState, file_passphrase: Option<&str>) -> Answer<Option<ImportChoice>> {
    let Some(path) = dialogs::open_file(app, "Import checklists", &dialogs::EXCHANGE) else { return Ok(None) };
    state.with_store(|s| exchange::choose_import(s, &state.chosen, path, file_passphrase)).map(Some)
}

/// Imports the file chosen in [`choose_import`], which the page names only by its token.
pub fn import_chosen(
    state: &AppState,
    token: &str,
    file_hash: &str,
    file_passphrase: Option<&str>,
) -> Answer<ImportReport> {
    state.with_store(|s| exchange::import_chosen(s, &state.chosen, token, file_hash, file_passphrase))
}

/// Writes the partnership dataset (CSV, no names) where the person chooses.
pub fn export_dataset(app: &AppHandle, state: &AppState, from: &str, to: &str) -> Answer<Option<String>> {
    let period = DatasetPeriod::parse(from, to)?;
    let csv = state.with_store(|s| s.partnership_csv(&period))?;
    let Some(path) = dialogs::save_path(app, "Save the partnership dataset", &period.file_name()) else {
        return Ok(None);
    };
    write_private(&path, csv)?;
    Ok(Some(path.display().to_string()))
}

/// "Export everything about this child": asks where to save the PDF, writes it and, beside it
/// under the same name, the JSON; returns both paths, or `None` if the person cancelled.
pub fn export_subject_access(app: &AppHandle, state: &AppState, child_id: i64) -> Answer<Option<Vec<String>>> {
    let name = format!("everything-about-child-{child_id}-{}.pdf", today());
    // Ask first: the store records the copy in the audit log, which a cancel must not leave.
    let Some(pdf_path) = dialogs::save_path(app, "Save everything about this child", &name) else { return Ok(None) };
    let (pdf, json) = state.with_store(|s| s.subject_access_files(child_id, today()))?;
    let json_path = pdf_path.with_extension("json");
    write_private(&pdf_path, pdf)?;
    write_private(&json_path, json)?;
    dialogs::open_in_viewer(&pdf_path);
    *state.last_saved.lock().unwrap_or_else(|p| p.into_inner()) = Some(pdf_path.clone());
    Ok(Some(vec![pdf_path.display().to_string(), json_path.display().to_string()]))
}

/// Asks for a picture and keeps it as the organisation's logo once the core has checked it.
/// `None`: the person cancelled (the logo is unchanged).
pub fn choose_logo(app: &AppHandle, state: &AppState) -> Answer<Option<LogoView>> {
    let Some(path) = dialogs::open_file(app, "Choose the organisation's logo", &dialogs::LOGO) else { return Ok(None) };
    state.with_store(|s| s.set_logo_from(&path)).map(|logo| Some(logo.view()))
}
