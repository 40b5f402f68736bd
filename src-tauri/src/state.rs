//! What the shell keeps between commands: where the data lives and the open store.

use std::path::PathBuf;
use std::sync::Mutex;

use ntk_core::error::Problem;
use ntk_core::store::{Store, DATABASE_FILE};

pub struct AppState {
    pub data_dir: PathBuf,
    store: Mutex<Option<Store>>,
}

/// The data folder: `--data-dir PATH` (or `--data-dir=PATH`), else `NTK_DATA_DIR`, else the
/// platform's data folder for the app (on Linux `~/.local/share/org.neglecttoolkit.desktop`).
pub fn resolve_data_dir(
    args: impl Iterator<Item = String>,
    platform_default: Option<PathBuf>,
) -> Result<PathBuf, String> {
    let args: Vec<String> = args.collect();
    for (i, arg) in args.iter().enumerate() {
        if let Some(path) = arg.strip_prefix("--data-dir=") {
            return Ok(PathBuf::from(path));
        }
        if arg == "--data-dir" {
            return args.get(i + 1).map(PathBuf::from).ok_or_else(|| "--data-dir needs a folder".to_string());
        }
    }
    if let Some(dir) = std::env::var_os("NTK_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    platform_default.ok_or_else(|| "no data folder could be found; start with --data-dir FOLDER".to_string())
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> Self {
        AppState { data_dir, store: Mutex::new(None) }
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join(DATABASE_FILE)
    }

    /// Runs `f` on the open store, or answers "locked".
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> ntk_core::error::Result<T>,
    ) -> Result<T, Problem> {
        let mut guard = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let store = guard.as_mut().ok_or_else(Problem::locked)?;
        f(store).map_err(Problem::from)
    }

    pub fn is_unlocked(&self) -> bool {
        self.store.lock().map(|s| s.is_some()).unwrap_or(false)
    }

    pub fn set_store(&self, store: Option<Store>) {
        *self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = store;
    }
}

/// The name written into the audit log until practitioners sign in by name.
pub fn os_user() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "unknown user".into())
}
