//! The floor that `scripts/measure.sh --floor` measures the app against: a blank Tauri window
//! built from the same tauri, wry and WebKitGTK as the app, the same size, whose page draws one
//! heading and runs no script. Whatever the app needs beyond this is its own cost. An example,
//! so it is built only when asked for (`cargo build --release --example floor`) and never
//! bundled: the .deb carries the package's binaries, the Windows installer its named files.

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!("examples/floor/tauri.conf.json"))
        .expect("the blank window could not start");
}
