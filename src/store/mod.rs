//! Storage: one SQLCipher-encrypted SQLite file per practitioner's machine.
//!
//! Every multi-row write happens in one transaction, every change is written to the
//! append-only audit log in that same transaction, and the schema is moved forward by
//! numbered migrations (`migrations.rs`).

mod audit;
mod children;
mod migrations;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use audit::AuditEntry;
pub use migrations::{SCHEMA_VERSION, MIGRATIONS};

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
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Self::unlock(conn, path, passphrase, actor)
    }

    fn unlock(conn: Connection, path: &Path, passphrase: &str, actor: &str) -> Result<Store> {
        conn.pragma_update(None, "key", passphrase)?;
        // The first read after keying is what tells a wrong key (or a file that is not ours).
        if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)) {
            return Err(match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => CoreError::WrongPassphrase,
                _ => CoreError::Database(e),
            });
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: an acknowledged save is on disk before the UI shows "saved".
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(3))?;
        let mut store = Store { conn, path: path.to_path_buf(), actor: actor.to_string() };
        migrations::migrate(&mut store.conn)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn set_actor(&mut self, actor: &str) {
        self.actor = actor.to_string();
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Changes the passphrase (SQLCipher rekey). The old one must be given again.
    pub fn change_passphrase(&mut self, old: &str, new: &str) -> Result<()> {
        check_new_passphrase(new)?;
        // Proving the old passphrase by opening a second connection keeps this
        // connection untouched when the old passphrase is wrong.
        Store::open(&self.path, old, &self.actor)?;
        self.conn.pragma_update(None, "rekey", new)?;
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
