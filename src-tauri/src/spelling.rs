//! Spelling checked in British English in every box a practitioner writes in. WebKitGTK (Linux)
//! checks nothing unless the app turns checking on for the web context, with a language whose
//! dictionary enchant can load (`hunspell-en-gb`, which `make` installs). WebView2 (Windows) and
//! WKWebView (macOS) check spelling themselves, by the field's `lang="en-GB"` and the system's
//! dictionaries.

use ntk_core::error::Problem;
use tauri::AppHandle;

/// Enchant's name for the British English dictionary.
#[cfg(target_os = "linux")]
const LANGUAGE: &str = "en_GB";

/// Turns spell-checking on in British English for the window's web context.
#[cfg(target_os = "linux")]
pub fn turn_on(window: &tauri::WebviewWindow) {
    use webkit2gtk::{WebContextExt, WebViewExt};
    let done = window.with_webview(|webview| {
        if let Some(context) = webview.inner().context() {
            context.set_spell_checking_enabled(true);
            context.set_spell_checking_languages(&[LANGUAGE]);
        }
    });
    if let Err(e) = done {
        log::warn!("spell-checking could not be turned on: {e}");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn turn_on(_window: &tauri::WebviewWindow) {}

/// The languages spelling is checked in, as the web view has them: only those whose dictionary
/// loaded, so an empty list means spelling is not checked (on Linux: no en_GB dictionary).
#[cfg(target_os = "linux")]
pub fn languages(app: &AppHandle) -> Result<Vec<String>, Problem> {
    use ntk_core::error::CoreError;
    use tauri::Manager;
    use webkit2gtk::{WebContextExt, WebViewExt};
    let window = app
        .get_webview_window("main")
        .ok_or_else(|| Problem::from(CoreError::NotFound("The app's window is not open.".into())))?;
    let (answer, asked) = std::sync::mpsc::channel();
    window
        .with_webview(move |webview| {
            let languages: Vec<String> = webview
                .inner()
                .context()
                .filter(|c| c.is_spell_checking_enabled())
                .map(|c| c.spell_checking_languages().iter().map(|l| l.to_string()).collect())
                .unwrap_or_default();
            let _ = answer.send(languages);
        })
        .map_err(|e| Problem::from(CoreError::NotFound(format!("The spelling settings could not be read: {e}"))))?;
    asked
        .recv_timeout(std::time::Duration::from_secs(10))
        .map_err(|_| Problem::from(CoreError::NotFound("The spelling settings could not be read.".into())))
}

/// The system's own checker, by each field's language.
#[cfg(not(target_os = "linux"))]
pub fn languages(_app: &AppHandle) -> Result<Vec<String>, Problem> {
    Ok(vec!["en-GB".into()])
}
