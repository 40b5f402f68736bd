// No console window on Windows release builds; harmless elsewhere.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dialogs;
mod single_instance;
mod state;

use tauri::Manager;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let data_dir = match ntk_core::paths::resolve_data_dir(&args) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("Neglect Toolkit could not start: {e}");
            std::process::exit(2);
        }
    };
    if single_instance::hand_over_to_running_instance(&data_dir) {
        eprintln!(
            "Neglect Toolkit is already open on {}; that window has been brought to the front.",
            data_dir.display()
        );
        return;
    }
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            single_instance::listen(app.handle(), &data_dir)?;
            // The window is made here rather than from tauri.conf.json so that WebKit's own
            // files (caches, web storage) live inside the data folder of this run: a second
            // folder chosen with --data-dir then shares nothing with the default one.
            let window = app.config().app.windows.first().ok_or("tauri.conf.json describes no window")?;
            tauri::WebviewWindowBuilder::from_config(app.handle(), window)?
                .data_directory(data_dir.join("webview"))
                .build()?;
            app.manage(state::AppState::new(data_dir));
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
                handle.state::<state::AppState>().lock_if_idle();
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::create_database,
            commands::unlock,
            commands::lock,
            commands::change_passphrase,
            commands::list_children,
            commands::get_child,
            commands::list_households,
            commands::household_overview,
            commands::add_child,
            commands::update_child,
            commands::erase_child,
            commands::get_checklist,
            commands::list_assessments,
            commands::start_assessment,
            commands::assessment_view,
            commands::save_item,
            commands::confirm_area,
            commands::save_narrative,
            commands::add_action,
            commands::delete_action,
            commands::record_action_result,
            commands::finalise_check,
            commands::finalise,
            commands::amend,
            commands::discard_draft,
            commands::backup,
            commands::restore,
            commands::needs_attention,
            commands::child_history,
            commands::print_report,
            commands::family_check,
            commands::confirm_family_section,
            commands::practitioner_details,
            commands::set_practitioner_details,
            commands::export_child,
            commands::choose_import,
            commands::import_file,
            commands::export_dataset,
            commands::still_here,
            commands::idle_lock_minutes,
            commands::set_idle_lock_minutes,
        ])
        .run(tauri::generate_context!())
        .expect("Neglect Toolkit could not start");
}
