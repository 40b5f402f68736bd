//! Helpers for the checklist and settings end-to-end tests, on top of `common`: the keyboard,
//! accessibility checks with axe-core, window size and zoom.

#![allow(dead_code)]

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::{json, Value};

use crate::common::App;

pub mod records;

/// WebDriver key codes (the W3C "unicode private use" keys).
pub const TAB: &str = "\u{E004}";
pub const ENTER: &str = "\u{E007}";
pub const SHIFT: &str = "\u{E008}";
pub const SPACE: &str = "\u{E00D}";
pub const UP: &str = "\u{E013}";
pub const DOWN: &str = "\u{E015}";
/// Releases held modifiers (Shift) within one send_keys.
pub const RELEASE: &str = "\u{E000}";

pub async fn js(app: &App, script: &str, args: Vec<Value>) -> Value {
    app.client.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// Types `keys` wherever the focus is, as a person at the keyboard would.
pub async fn press(app: &App, keys: &str) {
    let el = app.client.active_element().await.expect("nothing has focus");
    el.send_keys(keys).await.unwrap_or_else(|e| panic!("could not press {keys:?}: {e}"));
}

/// Puts keyboard focus on the element (what Tab would do), without clicking.
pub async fn focus(app: &App, css: &str) {
    app.wait_for(css).await;
    js(
        app,
        "const el = document.querySelector(arguments[0]); el.scrollIntoView({block: 'center'}); el.focus();",
        vec![json!(css)],
    )
    .await;
}

/// Opens the import file dialog from Settings by keyboard. The Settings page fills in its cards one
/// by one (contact details, languages, logo), so a pointer click aimed while they load can land
/// beside the button as it moves; a focused button takes the Enter wherever it has moved to.
pub async fn choose_import_file(app: &App) {
    focus(app, "#import-choose").await;
    press(app, ENTER).await;
}

/// A description of the focused element: "INPUT radio item-physical.food.meals 2".
pub async fn focused(app: &App) -> String {
    js(
        app,
        "const e = document.activeElement; return [e.tagName, e.type || '', e.name || e.id || '', e.value || ''].join(' ');",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Waits until the script returns true (polling; no fixed sleeps).
pub async fn wait_until(app: &App, what: &str, script: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if js(app, script, vec![]).await == json!(true) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until every change is saved (the status says "Saved at HH:MM").
pub async fn wait_saved(app: &App) {
    wait_until(
        app,
        "the checklist to say it is saved",
        "const s = document.getElementById('save-status'); return !!s && /^Saved at \\d\\d:\\d\\d$/.test(s.textContent);",
    )
    .await;
}

/// Goes to a screen by its address (as a bookmark or Back would).
pub async fn go(app: &App, hash: &str) {
    js(app, "window.location.hash = arguments[0];", vec![json!(hash)]).await;
}

/// Runs axe-core on the page and fails on any "serious" or "critical" violation (printing all).
pub async fn assert_accessible(app: &App, screen: &str) {
    let axe_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js");
    let axe = std::fs::read_to_string(&axe_path)
        .unwrap_or_else(|e| panic!("{} is missing ({e}): run npm install in ui/", axe_path.display()));
    if js(app, "return typeof window.axe === 'object';", vec![]).await != json!(true) {
        js(app, &format!("{axe}\nwindow.axe = axe; return true;"), vec![]).await;
    }
    let result = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then(r => done({ passes: r.passes.length, violations: r.violations.map(v => ({ id: v.id,
                   impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary) })) }))
               .catch(e => done({ passes: 0, violations: [{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }] }));",
            vec![],
        )
        .await
        .expect("axe.run did not answer");
    assert!(result["passes"].as_u64().unwrap_or(0) > 0, "axe checked nothing on {screen}: {result}");
    let violations = result["violations"].as_array().cloned().unwrap_or_default();
    for v in &violations {
        eprintln!("axe on {screen}: [{}] {} — {}", v["impact"], v["id"], v["help"]);
        for n in v["nodes"].as_array().into_iter().flatten() {
            eprintln!("    {}", n.as_str().unwrap_or_default());
        }
    }
    eprintln!("axe on {screen}: {} rules passed, {} violations", result["passes"], violations.len());
    let serious: Vec<_> = violations
        .iter()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .map(|v| v["id"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(serious.is_empty(), "serious accessibility problems on {screen}: {serious:?}");
}

/// Sets the window size and the page zoom (1.0 = 100%).
pub async fn set_view(app: &App, width: u32, height: u32, zoom: f64) {
    app.client.set_window_rect(0, 0, width, height).await.expect("window could not be resized");
    js(app, "document.documentElement.style.zoom = String(arguments[0]); return true;", vec![json!(zoom)]).await;
}

/// True when the page scrolls sideways (content wider than the window).
pub async fn scrolls_sideways(app: &App) -> bool {
    js(app, "const d = document.documentElement; return d.scrollWidth > d.clientWidth + 1;", vec![]).await
        == json!(true)
}

pub async fn count(app: &App, css: &str) -> usize {
    app.client.find_all(Locator::Css(css)).await.map(|v| v.len()).unwrap_or(0)
}

/// The text of every element matching `css`, read in one script (fast on long lists).
pub async fn attrs(app: &App, css: &str, attr: &str) -> Vec<String> {
    let v = js(
        app,
        "return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute(arguments[1]) || '');",
        vec![json!(css), json!(attr)],
    )
    .await;
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap_or_default().to_string()).collect()
}

/// Saves `target/screenshots/NAME.png` once the page has painted its latest state.
pub async fn shot(app: &App, name: &str) {
    app.client
        .execute_async(
            "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )
        .await
        .expect("the page did not paint");
    app.screenshot(name).await;
}
