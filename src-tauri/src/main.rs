// No console window on Windows release builds; harmless elsewhere.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[macro_use]
mod contract;
mod commands;
mod dialogs;
mod files;
mod painting;
mod single_instance;
mod spelling;
mod state;

use tauri::Manager;

fn main() {
    painting::paint_on_the_cpu();
    let args: Vec<String> = std::env::args().collect();
    let data_dir = match ntk_core::paths::resolve_data_dir(&args) {
        Ok(dir) => dir,
        Err(e) => cannot_start(&e.to_string()),
    };
    let mut folder_lock = match single_instance::claim(&data_dir) {
        Ok(Some(lock)) => lock,
        Ok(None) => return hand_over_to_running_instance(&data_dir),
        Err(e) => cannot_start(&format!("the data folder {} cannot be used: {e}", data_dir.display())),
    };
    let data_dir_for_context = data_dir.clone();
    let app = tauri::Builder::default()
        // First, so a later launch is answered before anything else starts.
        .plugin(single_instance::bring_to_front_plugin(&data_dir))
        .plugin(logging(&data_dir))
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            // Paths and record contents are never logged: the log may be sent to IT.
            log::info!("Neglect Toolkit {} started", app.package_info().version);
            folder_lock.mark_ready()?;
            app.manage(folder_lock);
            // The window is made here rather than from tauri.conf.json so that the webview's own
            // files (caches, web storage) live inside the data folder of this run: a second
            // folder chosen with --data-dir then shares nothing with the default one.
            let window = app.config().app.windows.first().ok_or("tauri.conf.json describes no window")?;
            let window = tauri::WebviewWindowBuilder::from_config(app.handle(), window)?
                .data_directory(data_dir.join("webview"))
                .build()?;
            maximise_on_a_small_screen(&window);
            spelling::turn_on(&window);
            app.manage(state::AppState::new(data_dir));
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(std::time::Duration::from_secs(1));
                handle.state::<state::AppState>().lock_if_idle();
            });
            Ok(())
        })
        .invoke_handler(commands::handler())
        .build(context(&data_dir_for_context));
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => cannot_start(&e.to_string()),
    }
}

/// The app's configuration. On Windows and macOS tauri-plugin-single-instance keys on the app
/// identifier, so it is made per data folder there, as the plugin's D-Bus name is on Linux.
fn context(data_dir: &std::path::Path) -> tauri::Context<tauri::Wry> {
    let mut context = tauri::generate_context!();
    if cfg!(not(target_os = "linux")) {
        context.config_mut().identifier = single_instance::folder_key(data_dir);
    }
    context
}

/// Another app has this folder open: ask it to come to the front, and say so.
fn hand_over_to_running_instance(data_dir: &std::path::Path) {
    eprintln!(
        "Neglect Toolkit is already open on {}; that window has been asked to come to the front.",
        data_dir.display()
    );
    if single_instance::holder_is_listening(data_dir, std::time::Duration::from_secs(10)) {
        // The plugin hands over to the running app and ends this process inside `build`; where it
        // cannot (no session bus), building is all this launch does.
        let _ =
            tauri::Builder::default().plugin(single_instance::bring_to_front_plugin(data_dir)).build(context(data_dir));
    }
}

/// Logs go to `logs/` in the data folder, a few files of 1 MB at most, warnings from libraries
/// and the app's own notes. The app logs no names, paths or record contents.
fn logging<R: tauri::Runtime>(data_dir: &std::path::Path) -> tauri::plugin::TauriPlugin<R> {
    use tauri_plugin_log::{RotationStrategy, Target, TargetKind};
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(TargetKind::Folder {
            path: data_dir.join("logs"),
            file_name: Some("neglect-toolkit".into()),
        }))
        .rotation_strategy(RotationStrategy::KeepSome(5))
        .max_file_size(1_000_000)
        .level(log::LevelFilter::Warn)
        .level_for("neglect_toolkit", log::LevelFilter::Info)
        .build()
}

/// On a laptop screen smaller than the window's size, the window opens maximised instead.
fn maximise_on_a_small_screen(window: &tauri::WebviewWindow) {
    let (Ok(Some(monitor)), Ok(size)) = (window.current_monitor(), window.outer_size()) else { return };
    let screen = monitor.size();
    if size.width >= screen.width || size.height >= screen.height {
        let _ = window.maximize();
    }
}

/// A GUI app has no terminal on Windows or macOS: the reason is shown in a message box too.
fn cannot_start(reason: &str) -> ! {
    eprintln!("Neglect Toolkit could not start: {reason}");
    log::error!("could not start");
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("Neglect Toolkit could not start")
        .set_description(format!("Neglect Toolkit could not start: {reason}"))
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    std::process::exit(2);
}
