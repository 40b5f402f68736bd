//! The web view's footprint. Each setting here was measured against a blank Tauri window with
//! `scripts/measure.sh --floor` (README, "Speed and footprint"), and those that changed nothing
//! (WebKit's cache model, memory-pressure settings, SQLCipher's page cache) are not set.

/// WebKitGTK composites pages through OpenGL unless told not to. Where no GPU driver serves it
/// (a virtual machine, a remote desktop, Xvfb) that is Mesa's software renderer, which loads
/// LLVM into the web process: about 100 MB resident, more than the whole page costs. The app's
/// screens are forms, lists and one small chart, which the CPU draws without help.
#[cfg(target_os = "linux")]
pub fn draw_without_gpu(window: &tauri::WebviewWindow) {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    let done = window.with_webview(|webview| {
        if let Some(settings) = WebViewExt::settings(&webview.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    if let Err(e) = done {
        log::warn!("the web view's drawing could not be set: {e}");
    }
}

/// WebView2 and WKWebView choose for themselves.
#[cfg(not(target_os = "linux"))]
pub fn draw_without_gpu(_window: &tauri::WebviewWindow) {}
