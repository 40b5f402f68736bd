//! Thin `#[tauri::command]`s: unpack, call the core, hand back a typed result or a [`Problem`].

use chrono::Local;
use ntk_core::error::Problem;
use ntk_core::model::{AppStatus, Child, ChildForm, Household};
use ntk_core::store::Store;
use tauri::State;

use crate::state::{os_user, AppState};

type Answer<T> = Result<T, Problem>;

fn today() -> chrono::NaiveDate {
    Local::now().date_naive()
}

#[tauri::command]
pub fn app_status(state: State<AppState>) -> AppStatus {
    AppStatus {
        database_exists: state.database_path().exists(),
        unlocked: state.is_unlocked(),
        data_dir: state.data_dir.display().to_string(),
    }
}

#[tauri::command]
pub fn create_database(state: State<AppState>, passphrase: String) -> Answer<()> {
    let store = Store::create(&state.database_path(), &passphrase, &os_user())?;
    state.set_store(Some(store));
    Ok(())
}

#[tauri::command]
pub fn unlock(state: State<AppState>, passphrase: String) -> Answer<()> {
    let store = Store::open(&state.database_path(), &passphrase, &os_user())?;
    state.set_store(Some(store));
    Ok(())
}

#[tauri::command]
pub fn lock(state: State<AppState>) {
    state.set_store(None);
}

#[tauri::command]
pub fn list_children(state: State<AppState>) -> Answer<Vec<Child>> {
    state.with_store(|s| s.list_children())
}

#[tauri::command]
pub fn list_households(state: State<AppState>) -> Answer<Vec<Household>> {
    state.with_store(|s| s.list_households())
}

#[tauri::command]
pub fn add_child(state: State<AppState>, form: ChildForm) -> Answer<Child> {
    state.with_store(|s| s.add_child(&form, today()))
}
