//! What the shell keeps between commands: where the data lives and the open store.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use ntk_core::error::Problem;
use ntk_core::idle::{IdleClock, Now};
use ntk_core::model::AppStatus;
use ntk_core::store::{Store, DATABASE_FILE};

pub struct AppState {
    pub data_dir: PathBuf,
    /// Files chosen in the app's dialogs, which the page names only by token.
    pub chosen: ntk_core::exchange::ChosenFiles,
    store: Mutex<Option<Store>>,
    /// When the person last did anything (wall and monotonic time); the records lock after the idle limit.
    last_activity: Mutex<IdleClock>,
    /// The last summary written, for "Show in folder": the page never names a file.
    pub last_saved: Mutex<Option<PathBuf>>,
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> Self {
        AppState {
            data_dir,
            chosen: Default::default(),
            store: Mutex::new(None),
            last_activity: Mutex::new(IdleClock::starting(Now::read())),
            last_saved: Mutex::new(None),
        }
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join(DATABASE_FILE)
    }

    pub fn status(&self) -> AppStatus {
        AppStatus {
            database_exists: self.database_path().exists(),
            unlocked: self.is_unlocked(),
            data_dir: self.data_dir.display().to_string(),
        }
    }

    /// Makes a new, empty records file protected by `passphrase`, and opens it.
    pub fn create(&self, passphrase: &str) -> Result<(), Problem> {
        self.set_store(Some(Store::create(&self.database_path(), passphrase, &os_user())?));
        Ok(())
    }

    pub fn unlock(&self, passphrase: &str) -> Result<(), Problem> {
        self.set_store(Some(Store::open(&self.database_path(), passphrase, &os_user())?));
        Ok(())
    }

    /// Runs `f` on the open store, or answers "locked" (also when the idle limit passed while
    /// the computer slept: the first command after waking locks instead of running).
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> ntk_core::error::Result<T>) -> Result<T, Problem> {
        let mut guard = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let store = guard.as_mut().ok_or_else(Problem::locked)?;
        let limit = idle_limit(store);
        if !self.last_activity.lock().unwrap_or_else(|p| p.into_inner()).touch(Now::read(), limit) {
            *guard = None;
            return Err(Problem::locked());
        }
        f(store).map_err(Problem::from)
    }

    pub fn is_unlocked(&self) -> bool {
        self.store.lock().map(|s| s.is_some()).unwrap_or(false)
    }

    /// Records that the person is still here (input the UI reports), unless the idle limit has
    /// already passed (a laptop waking): then the records lock instead.
    pub fn still_here(&self) {
        let _ = self.with_store(|_| Ok(()));
    }

    /// Starts the idle clock afresh (on unlock).
    fn touch(&self) {
        *self.last_activity.lock().unwrap_or_else(|p| p.into_inner()) = IdleClock::starting(Now::read());
    }

    /// Locks the records if they have been left alone for longer than the store's setting.
    pub fn lock_if_idle(&self) {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let Some(store) = guard.as_ref() else { return };
        let limit = idle_limit(store);
        if self.last_activity.lock().unwrap_or_else(|p| p.into_inner()).expired(Now::read(), limit) {
            *guard = None;
        }
    }

    /// Closes the records and opens the ones `open` returns, holding the lock throughout, so
    /// nothing (the idle watch included) ever sees the app locked half-way through a restore.
    pub fn replace_store<T>(&self, open: impl FnOnce() -> ntk_core::error::Result<(Store, T)>) -> Result<T, Problem> {
        let mut guard = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *guard = None;
        let (store, answer) = open()?;
        *guard = Some(store);
        drop(guard);
        self.touch();
        Ok(answer)
    }

    pub fn set_store(&self, store: Option<Store>) {
        self.touch();
        *self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = store;
    }
}

/// The store's idle limit; `NTK_IDLE_LOCK_SECONDS` overrides it (for tests and kiosks).
fn idle_limit(store: &Store) -> Duration {
    std::env::var("NTK_IDLE_LOCK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs)
        .unwrap_or_else(|| Duration::from_secs(60 * u64::from(store.idle_lock_minutes().unwrap_or(10))))
}

/// The name written into the audit log until practitioners sign in by name.
pub fn os_user() -> String {
    ntk_core::paths::os_user_name().unwrap_or_else(|| "unknown user".into())
}
