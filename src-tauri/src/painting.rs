//! How WebKitGTK (Linux) paints the page. It paints the page's tiles with Skia on the GPU by
//! default; where no GPU driver serves it (a virtual machine, a remote desktop, this project's
//! build machine under Xvfb) that "GPU" is Mesa's software renderer, whose textures and caches grew
//! the web process by about 60 MB over the home screen and one history (issue 23; the README's
//! "Against the floor"). Painting on the CPU keeps the GPU for putting the tiles together, and a
//! page of forms and tables paints quickly either way. WebView2 and WKWebView are not affected.

/// WebKitGTK's switch for painting on the CPU, read by each web process it starts.
#[cfg(target_os = "linux")]
const PAINT_ON_THE_CPU: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Asks WebKit to paint on the CPU, unless the person starting the app has said otherwise in
/// the environment. Called first in `main`, before any thread starts: the web processes inherit
/// the app's environment, and setting it later could race a thread reading it.
#[cfg(target_os = "linux")]
pub fn paint_on_the_cpu() {
    if std::env::var_os(PAINT_ON_THE_CPU).is_none() {
        std::env::set_var(PAINT_ON_THE_CPU, "1");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn paint_on_the_cpu() {}
