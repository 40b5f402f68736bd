//! One app per data folder. The first instance listens on a Unix socket in the data folder; a
//! second launch on the same folder asks it to come to the front and exits, so the same
//! database is never opened twice. Keyed by folder rather than by app id, so a test or a
//! second practitioner account on another folder is not blocked.

use std::io::{Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager};

const SOCKET_NAME: &str = "neglect-toolkit.sock";

fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join(SOCKET_NAME)
}

/// If another instance has this data folder open, asks it to show itself and returns true.
pub fn hand_over_to_running_instance(data_dir: &Path) -> bool {
    match UnixStream::connect(socket_path(data_dir)) {
        Ok(mut stream) => {
            let _ = stream.write_all(b"focus\n");
            true
        }
        Err(_) => false,
    }
}

/// Listens for later launches and brings the main window to the front for each.
pub fn listen(app: &AppHandle, data_dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(data_dir)?;
    let path = socket_path(data_dir);
    // A socket file left by a crashed instance refuses connections; it is safe to replace.
    let _ = std::fs::remove_file(&path);
    let listener = UnixListener::bind(&path)?;
    let app = app.clone();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut message = [0u8; 16];
            let _ = stream.read(&mut message);
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }
    });
    Ok(())
}
