//! Thin `#[tauri::command]`s: unpack, call the core, hand back a typed result or a [`Problem`].
//! No rule lives here; every check is the core's.
//!
//! Every command runs off the main thread (`async`): the store is one connection behind a
//! mutex, so while a long task holds it (a backup of a large file, the partnership dataset, a
//! passphrase change re-encrypting everything) a command on the main thread would wait for it
//! and freeze the window. Off the main thread, the window keeps drawing and the task finishes.

use chrono::Local;
use ntk_core::assessment::{Action, Assessment, ItemRecord};
use ntk_core::checklist::Checklist;
use ntk_core::error::Problem;
use ntk_core::exchange::{ImportChoice, ImportReport};
use ntk_core::model::{AppStatus, Child, ChildForm, Household};
use ntk_core::store::{
    ActionForm, AssessmentView, Attention, BackupReport, ChildHistory, FinaliseCheck, HouseholdOverview, ReportKind,
    Saved, StartAssessmentForm, Store,
};
use tauri::State;

use crate::dialogs;
use crate::state::{os_user, AppState};

type Answer<T> = Result<T, Problem>;

fn today() -> chrono::NaiveDate {
    Local::now().date_naive()
}

#[tauri::command(async)]
pub fn app_status(state: State<AppState>) -> AppStatus {
    AppStatus {
        database_exists: state.database_path().exists(),
        unlocked: state.is_unlocked(),
        data_dir: state.data_dir.display().to_string(),
    }
}

#[tauri::command(async)]
pub fn create_database(state: State<AppState>, passphrase: String) -> Answer<()> {
    let store = Store::create(&state.database_path(), &passphrase, &os_user())?;
    state.set_store(Some(store));
    Ok(())
}

#[tauri::command(async)]
pub fn unlock(state: State<AppState>, passphrase: String) -> Answer<()> {
    let store = Store::open(&state.database_path(), &passphrase, &os_user())?;
    state.set_store(Some(store));
    Ok(())
}

#[tauri::command(async)]
pub fn lock(state: State<AppState>) {
    state.set_store(None);
}

#[tauri::command(async)]
pub fn change_passphrase(state: State<AppState>, old: String, new: String) -> Answer<()> {
    state.with_store(|s| s.change_passphrase(&old, &new))
}

#[tauri::command(async)]
pub fn list_children(state: State<AppState>) -> Answer<Vec<Child>> {
    state.with_store(|s| s.list_children())
}

#[tauri::command(async)]
pub fn get_child(state: State<AppState>, id: i64) -> Answer<Child> {
    state.with_store(|s| s.get_child(id))
}

#[tauri::command(async)]
pub fn list_households(state: State<AppState>) -> Answer<Vec<Household>> {
    state.with_store(|s| s.list_households())
}

#[tauri::command(async)]
pub fn household_overview(state: State<AppState>, id: i64) -> Answer<HouseholdOverview> {
    state.with_store(|s| s.household_overview(id, today()))
}

#[tauri::command(async)]
pub fn add_child(state: State<AppState>, form: ChildForm) -> Answer<Child> {
    state.with_store(|s| s.add_child(&form, today()))
}

#[tauri::command(async)]
pub fn update_child(state: State<AppState>, id: i64, form: ChildForm) -> Answer<Child> {
    state.with_store(|s| s.update_child(id, &form, today()))
}

#[tauri::command(async)]
pub fn erase_child(state: State<AppState>, id: i64) -> Answer<()> {
    state.with_store(|s| s.erase_child(id))
}

#[tauri::command(async)]
pub fn get_checklist(state: State<AppState>) -> Answer<Checklist> {
    state.with_store(|s| Ok(s.checklist().clone()))
}

#[tauri::command(async)]
pub fn list_assessments(state: State<AppState>, child_id: i64) -> Answer<Vec<Assessment>> {
    state.with_store(|s| s.assessments_for_child(child_id))
}

#[tauri::command(async)]
pub fn start_assessment(state: State<AppState>, child_id: i64, form: StartAssessmentForm) -> Answer<Assessment> {
    state.with_store(|s| s.start_assessment(child_id, &form, today()))
}

#[tauri::command(async)]
pub fn assessment_view(state: State<AppState>, id: i64) -> Answer<AssessmentView> {
    state.with_store(|s| s.assessment_view(id))
}

#[tauri::command(async)]
pub fn save_item(state: State<AppState>, assessment_id: i64, item: ItemRecord) -> Answer<Saved> {
    state.with_store(|s| s.save_item(assessment_id, &item, today()))
}

#[tauri::command(async)]
pub fn confirm_area(
    state: State<AppState>,
    assessment_id: i64,
    area_id: String,
    confirmed: u8,
    reason: String,
) -> Answer<Saved> {
    state.with_store(|s| s.confirm_area(assessment_id, &area_id, confirmed, &reason))
}

#[tauri::command(async)]
pub fn save_narrative(
    state: State<AppState>,
    assessment_id: i64,
    section: String,
    area_id: Option<String>,
    text: String,
) -> Answer<Saved> {
    state.with_store(|s| s.save_narrative(assessment_id, &section, area_id.as_deref(), &text))
}

#[tauri::command(async)]
pub fn add_action(state: State<AppState>, assessment_id: i64, form: ActionForm) -> Answer<Action> {
    state.with_store(|s| s.add_action(assessment_id, &form))
}

#[tauri::command(async)]
pub fn delete_action(state: State<AppState>, action_id: i64) -> Answer<()> {
    state.with_store(|s| s.delete_action(action_id))
}

#[tauri::command(async)]
pub fn record_action_result(state: State<AppState>, action_id: i64, result: String) -> Answer<()> {
    state.with_store(|s| s.record_action_result(action_id, &result))
}

#[tauri::command(async)]
pub fn finalise_check(state: State<AppState>, id: i64) -> Answer<FinaliseCheck> {
    state.with_store(|s| s.finalise_check(id))
}

#[tauri::command(async)]
pub fn finalise(state: State<AppState>, id: i64) -> Answer<Assessment> {
    state.with_store(|s| s.finalise(id))
}

#[tauri::command(async)]
pub fn amend(state: State<AppState>, id: i64, reason: String) -> Answer<Assessment> {
    state.with_store(|s| s.amend(id, &reason))
}

#[tauri::command(async)]
pub fn discard_draft(state: State<AppState>, id: i64) -> Answer<()> {
    state.with_store(|s| s.discard_draft(id))
}

/// Asks where to save a backup, then writes and verifies it. `None`: the person cancelled.
#[tauri::command]
pub async fn backup(app: tauri::AppHandle, state: State<'_, AppState>) -> Answer<Option<BackupReport>> {
    let name = format!("neglect-toolkit-{}.ntkbackup", today());
    let Some(path) = dialogs::save_path(&app, "Save a backup", &name) else { return Ok(None) };
    state.with_store(|s| s.backup_to(&path)).map(Some)
}

/// Asks for a backup file, verifies it with the passphrase, and replaces the records with it.
#[tauri::command]
pub async fn restore(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    passphrase: String,
) -> Answer<Option<BackupReport>> {
    let Some(path) = dialogs::open_path(&app, "Restore from a backup") else { return Ok(None) };
    // Check the backup while the records are still open: a wrong passphrase or a bad file
    // must leave the app as it was, not locked.
    ntk_core::store::verify_backup(&path, &passphrase)?;
    let db = state.database_path();
    state.replace_store(|| Store::restore(&path, &db, &passphrase, &os_user())).map(Some)
}

#[tauri::command(async)]
pub fn needs_attention(state: State<AppState>) -> Answer<Vec<Attention>> {
    state.with_store(|s| s.needs_attention(today()))
}

#[tauri::command(async)]
pub fn child_history(state: State<AppState>, child_id: i64) -> Answer<ChildHistory> {
    state.with_store(|s| s.child_history(child_id, today()))
}

/// Writes a summary where the person chooses, then opens it in the system's PDF viewer.
/// Returns the path written, or `None` if the person cancelled.
#[tauri::command]
pub async fn print_report(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    child_id: i64,
    kind: ReportKind,
) -> Answer<Option<String>> {
    let pdf = state.with_store(|s| s.report(kind, child_id, today()))?;
    let name = format!("{}-{}.pdf", kind.file_stem(), today());
    let Some(path) = dialogs::save_path(&app, "Save the summary", &name) else { return Ok(None) };
    std::fs::write(&path, pdf).map_err(|e| Problem::from(ntk_core::CoreError::Io(e)))?;
    dialogs::open_in_viewer(&path);
    *state.last_saved.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.clone());
    Ok(Some(path.display().to_string()))
}

/// Shows the last summary written in the system's file manager (Explorer, Finder, ...).
#[tauri::command(async)]
pub fn show_last_saved_in_folder(state: State<AppState>) {
    if let Some(path) = state.last_saved.lock().unwrap_or_else(|p| p.into_inner()).as_deref() {
        dialogs::show_in_folder(path);
    }
}

/// Exports one child's finalised checklists to a file the person chooses.
#[tauri::command]
pub async fn export_child(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    child_id: i64,
    file_passphrase: Option<String>,
) -> Answer<Option<String>> {
    let name = format!("checklists-{child_id}-{}.ntkexchange", today());
    // Ask first: the store records an export in the audit log, which a cancel must not leave.
    let Some(path) = dialogs::save_path(&app, "Export checklists", &name) else { return Ok(None) };
    let bytes = state
        .with_store(|s| s.export_child(child_id)?.to_bytes(file_passphrase.as_deref().filter(|p| !p.is_empty())))?;
    std::fs::write(&path, bytes).map_err(|e| Problem::from(ntk_core::CoreError::Io(e)))?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub async fn choose_import(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    file_passphrase: Option<String>,
) -> Answer<Option<ImportChoice>> {
    let Some(path) = dialogs::open_file(&app, "Import checklists", "ntkexchange") else { return Ok(None) };
    let bytes = std::fs::read(&path).map_err(|e| Problem::from(ntk_core::CoreError::Io(e)))?;
    let plan = state.with_store(|s| s.import_preview(&bytes, file_passphrase.as_deref().filter(|p| !p.is_empty())))?;
    Ok(Some(ImportChoice { path: path.display().to_string(), file_hash: ntk_core::exchange::file_hash(&bytes), plan }))
}

#[tauri::command(async)]
pub fn import_file(
    state: State<AppState>,
    path: String,
    file_hash: String,
    file_passphrase: Option<String>,
) -> Answer<ImportReport> {
    let bytes = std::fs::read(&path).map_err(|e| Problem::from(ntk_core::CoreError::Io(e)))?;
    if ntk_core::exchange::file_hash(&bytes) != file_hash {
        return Err(ntk_core::CoreError::Refused(
            "The file has changed since it was checked, so nothing was imported. Choose it again to see what it would add.".into(),
        )
        .into());
    }
    state.with_store(|s| s.import(&bytes, file_passphrase.as_deref().filter(|p| !p.is_empty())))
}

/// Writes the partnership dataset (CSV, no names) where the person chooses.
#[tauri::command]
pub async fn export_dataset(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Answer<Option<String>> {
    let from = ntk_core::model::parse_form_date(&from, "from", "start of the period")?;
    let to = ntk_core::model::parse_form_date(&to, "to", "end of the period")?;
    let csv = state.with_store(|s| Ok(ntk_core::exchange::to_csv(&s.partnership_dataset(from, to)?)))?;
    let Some(path) =
        dialogs::save_path(&app, "Save the partnership dataset", &format!("neglect-dataset-{from}-to-{to}.csv"))
    else {
        return Ok(None);
    };
    std::fs::write(&path, csv).map_err(|e| Problem::from(ntk_core::CoreError::Io(e)))?;
    Ok(Some(path.display().to_string()))
}

/// The UI reports input (throttled) so reading a long page does not count as being away.
#[tauri::command(async)]
pub fn still_here(state: State<AppState>) {
    if state.is_unlocked() {
        state.touch();
    }
}

#[tauri::command(async)]
pub fn idle_lock_minutes(state: State<AppState>) -> Answer<u32> {
    state.with_store(|s| s.idle_lock_minutes())
}

#[tauri::command(async)]
pub fn set_idle_lock_minutes(state: State<AppState>, minutes: u32) -> Answer<()> {
    state.with_store(|s| s.set_idle_lock_minutes(minutes))
}
