//! Storage: one SQLCipher-encrypted SQLite file per practitioner's machine.
//!
//! Every multi-row write happens in one transaction, every change is written to the
//! append-only audit log in that same transaction, and the schema is moved forward by
//! numbered migrations (`migrations.rs`).

mod assessments;
mod audit;
mod backup;
mod bulk;
mod children;
mod exchange;
mod migrations;
mod reports;
mod retention;
mod settings;
mod status;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use crate::assessment::FinaliseCheck;
pub use assessments::{ActionForm, AssessmentView, Saved, StartAssessmentForm};
pub use audit::AuditEntry;
pub use backup::{verify_backup, BackupReport};
pub use children::{HouseholdChild, HouseholdOverview};
pub use migrations::{MIGRATIONS, SCHEMA_VERSION};
pub use reports::{ChildHistory, FamilyCheck, ReportKind, SectionCheck};
pub use settings::DEFAULT_IDLE_LOCK_MINUTES;
pub use status::Attention;

use crate::checklist::Checklist;
use crate::error::{CoreError, Result};

/// The file name of the database inside the data folder.
pub const DATABASE_FILE: &str = "neglect-toolkit.db";

/// Shortest passphrase accepted when a database is created or rekeyed.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Who is making changes, written into every audit row.
    actor: String,
    /// Kept to write backups under the same passphrase; the open connection holds the key anyway.
    passphrase: String,
    /// The checklist new assessments are started on.
    checklist: Checklist,
}

impl Store {
    /// Creates a new encrypted database at `path`. Refuses to touch an existing file.
    pub fn create(path: &Path, passphrase: &str, actor: &str) -> Result<Store> {
        check_new_passphrase(passphrase)?;
        if path.exists() {
            return Err(CoreError::Refused(format!(
                "A database already exists at {}; it has not been changed.",
                path.display()
            )));
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Self::unlock(conn, path, passphrase, actor)
    }

    /// Opens an existing encrypted database. A wrong passphrase gives
    /// [`CoreError::WrongPassphrase`] and reads nothing.
    pub fn open(path: &Path, passphrase: &str, actor: &str) -> Result<Store> {
        if !path.exists() {
            return Err(CoreError::NotFound(format!("There is no database at {}.", path.display())));
        }
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        Self::unlock(conn, path, passphrase, actor)
    }

    fn unlock(conn: Connection, path: &Path, passphrase: &str, actor: &str) -> Result<Store> {
        // SQLCipher would print a wrong passphrase's decryption failure to stderr; the caller
        // gets WrongPassphrase instead. Older SQLCipher builds do not know this pragma.
        let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
        conn.pragma_update(None, "key", passphrase)?;
        // The first read after keying is what tells a wrong key (or a file that is not ours).
        if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
            return Err(match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => CoreError::WrongPassphrase,
                _ => CoreError::Database(e),
            });
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Deleted content (an erased child) is overwritten, not left in free pages.
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: an acknowledged save is on disk before the UI shows "saved".
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(3))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            actor: actor.to_string(),
            passphrase: passphrase.to_string(),
            checklist: Checklist::shipped(),
        };
        migrations::migrate(&mut store.conn)?;
        store.ensure_child_status()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn checklist(&self) -> &Checklist {
        &self.checklist
    }

    /// Uses a partnership's own checklist (already validated by its loader) for new assessments.
    pub fn set_checklist(&mut self, checklist: Checklist) {
        self.checklist = checklist;
    }

    pub fn set_actor(&mut self, actor: &str) {
        self.actor = actor.to_string();
    }

    /// Reads every page and checks the structure (SQLite's quick_check): finds damage that
    /// opening alone does not.
    pub fn integrity_check(&self) -> Result<()> {
        let result: String = self.conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if result == "ok" {
            Ok(())
        } else {
            Err(CoreError::Damaged(result))
        }
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Runs `f` with commits not waiting for the disk (synchronous = OFF), for generating
    /// invented data only: a crash there loses nothing anyone typed. Durability is restored after.
    pub fn without_waiting_for_disk<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        let result = f(self);
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        result
    }

    /// Changes the passphrase (SQLCipher rekey). The old one must be given again.
    pub fn change_passphrase(&mut self, old: &str, new: &str) -> Result<()> {
        check_new_passphrase(new)?;
        // Proving the old passphrase by opening a second connection keeps this
        // connection untouched when the old passphrase is wrong.
        Store::open(&self.path, old, &self.actor)?;
        self.conn.pragma_update(None, "rekey", new)?;
        self.passphrase = new.to_string();
        let tx = self.conn.transaction()?;
        audit::record(&tx, &self.actor, "change_passphrase", "database", None, None, None, None)?;
        tx.commit()?;
        Ok(())
    }
}

fn check_new_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(CoreError::invalid(
            "passphrase",
            format!("Please choose a passphrase of at least {MIN_PASSPHRASE_CHARS} characters."),
        ));
    }
    Ok(())
}
