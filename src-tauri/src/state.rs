//! What the shell keeps between commands: where the data lives and the open store.

use std::path::PathBuf;
use std::sync::Mutex;

use ntk_core::error::Problem;
use ntk_core::store::{Store, DATABASE_FILE};

pub struct AppState {
    pub data_dir: PathBuf,
    store: Mutex<Option<Store>>,
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
