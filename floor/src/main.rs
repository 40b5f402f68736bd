//! The floor that `scripts/measure.sh --floor` measures the app against: a blank Tauri window
//! built from the same tauri, wry and WebKitGTK as the app, the same size, whose page draws one
//! heading and runs no script. Whatever the app needs beyond this is its own cost. A package of
//! its own, outside `src-tauri`, so it is never bundled: the .deb carries the app package's
//! binaries and the Windows installer its named files.
//!
//! `NTK_FLOOR_WITHOUT_GPU=1` draws without the GPU (a lever tried on the app and not kept: see
//! the README's "Against the floor"), to show what that one setting is worth; measure.sh uses
//! Tauri's default, as the app does.

fn main() {
    tauri::Builder::default()
        .setup(|_app| {
            #[cfg(target_os = "linux")]
            if std::env::var_os("NTK_FLOOR_WITHOUT_GPU").is_some() {
                use tauri::Manager;
                use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
                let window = _app.get_webview_window("main").ok_or("no window")?;
                window.with_webview(|webview| {
                    if let Some(settings) = WebViewExt::settings(&webview.inner()) {
                        settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
                    }
                })?;
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the blank window could not start");
}
