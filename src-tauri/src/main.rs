// No console window on Windows release builds; harmless elsewhere.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod state;

use tauri::Manager;

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            let data_dir = state::resolve_data_dir(std::env::args(), app.path().app_data_dir().ok())?;
            app.manage(state::AppState::new(data_dir));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::create_database,
            commands::unlock,
            commands::lock,
            commands::list_children,
            commands::list_households,
            commands::add_child,
        ])
        .run(tauri::generate_context!())
        .expect("Neglect Toolkit could not start");
}
