//! One app per data folder, so the same database is never opened twice.
//!
//! The rule is an exclusive lock on a file in the data folder, taken before any window exists and
//! held by the operating system until the process ends (a crash releases it too). Whoever holds
//! it runs; two launches at once cannot both win, a path of any length works, and nothing a
//! third program sends or fails to send can hold it. Keyed by folder rather than by app id, so a
//! test or a second practitioner account on another folder is not blocked.
//!
//! Bringing the running window to the front is only a courtesy, carried by
//! tauri-plugin-single-instance under a name derived from the folder. The holder marks the lock
//! file "ready" once that plugin is listening, and a later launch waits for the mark before
//! speaking: otherwise a second launch could claim the plugin's name first and the holder,
//! finding it taken, would hand over to a process that is about to exit.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use tauri::{AppHandle, Manager, Runtime};

pub const LOCK_FILE: &str = "neglect-toolkit.lock";
const READY: &[u8] = b"ready\n";

/// The lock on a data folder, held for the life of the app.
pub struct FolderLock(File);

impl FolderLock {
    /// Written once the bring-to-front listener runs (see the module's note).
    pub fn mark_ready(&mut self) -> std::io::Result<()> {
        self.0.set_len(0)?;
        self.0.rewind()?;
        self.0.write_all(READY)?;
        self.0.sync_data()
    }
}

/// Takes the folder's lock, or answers `None` if another app holds it.
pub fn claim(data_dir: &Path) -> std::io::Result<Option<FolderLock>> {
    std::fs::create_dir_all(data_dir)?;
    let file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(lock_path(data_dir))?;
    match file.try_lock() {
        Ok(()) => {
            // A mark left by an app that has ended is not ours: clear it until we are listening.
            file.set_len(0)?;
            Ok(Some(FolderLock(file)))
        }
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// Waits up to `limit` for the holder of the folder's lock to be listening for launches.
pub fn holder_is_listening(data_dir: &Path, limit: Duration) -> bool {
    let started = Instant::now();
    loop {
        let mut mark = Vec::new();
        let ready = File::open(lock_path(data_dir)).and_then(|mut f| f.read_to_end(&mut mark)).is_ok() && mark == READY;
        if ready || started.elapsed() >= limit {
            return ready;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn lock_path(data_dir: &Path) -> PathBuf {
    data_dir.join(LOCK_FILE)
}

/// The name both launches on one folder agree on (a D-Bus name on Linux; the app identifier the
/// plugin uses on Windows and macOS). A hash, because a folder's path is not a valid name and
/// need not be short.
pub fn folder_key(data_dir: &Path) -> String {
    let canonical = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    let digest = Sha256::digest(canonical.to_string_lossy().as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{}.f{hex}", ntk_core::paths::APP_IDENTIFIER)
}

/// The plugin that carries "come to the front" from a later launch to this app's window.
pub fn bring_to_front_plugin<R: Runtime>(data_dir: &Path) -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(folder_key(data_dir))
        .callback(|app: &AppHandle<R>, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_many_claims_at_once_exactly_one_wins() {
        let dir = tempfile::tempdir().unwrap();
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
        let claims: Vec<_> = (0..8)
            .map(|_| {
                let (dir, barrier) = (dir.path().to_path_buf(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    claim(&dir).unwrap()
                })
            })
            .collect();
        let won: Vec<FolderLock> = claims.into_iter().filter_map(|c| c.join().unwrap()).collect();
        assert_eq!(won.len(), 1);
        drop(won);
        assert!(claim(dir.path()).unwrap().is_some(), "the lock outlived its holder");
    }

    #[test]
    fn a_program_that_opens_the_lock_file_and_does_nothing_blocks_no_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(lock_path(dir.path()), b"").unwrap();
        let _idle_reader = File::open(lock_path(dir.path())).unwrap();
        let _idle_writer = OpenOptions::new().append(true).open(lock_path(dir.path())).unwrap();
        assert!(claim(dir.path()).unwrap().is_some());
    }

    #[test]
    fn a_data_folder_path_of_any_length_can_be_claimed() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a-folder-name-of-forty-characters-long-x".repeat(4));
        assert!(deep.as_os_str().len() > 107, "the path must be longer than a Unix socket's limit");
        assert!(claim(&deep).unwrap().is_some());
    }

    #[test]
    fn a_later_launch_sees_ready_only_after_the_holder_says_so() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(lock_path(dir.path()), READY).unwrap();
        let mut lock = claim(dir.path()).unwrap().unwrap();
        assert!(!holder_is_listening(dir.path(), Duration::ZERO), "a stale mark was believed");
        lock.mark_ready().unwrap();
        assert!(holder_is_listening(dir.path(), Duration::ZERO));
        assert_ne!(folder_key(dir.path()), folder_key(&dir.path().join("other")));
    }
}
