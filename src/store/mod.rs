//! Storage: one SQLCipher-encrypted SQLite file per practitioner's machine.
//!
//! Every multi-row write happens in one transaction, every change is written to the
//! append-only audit log in that same transaction, and the schema is moved forward by
//! numbered migrations (`migrations.rs`).

mod assessments;
mod audit;
mod audit_words;
mod backup;
mod bulk;
mod children;
mod chronology;
mod core_group;
mod dataset;
mod exchange;
mod home;
mod migrations;
mod oversight;
mod plans;
mod references;
mod reports;
mod retention;
mod settings;
mod status;
mod subject_access;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use assessments::{ActionForm, AssessmentView, FinaliseCheck, Saved, StartAssessmentForm};
pub use audit::{AuditEntry, AuditHead, ChainReport};
pub use audit_words::{column_label, stored_value_words};
pub use audit_words::{AuditLine, YES_NO_COLUMNS};
pub use backup::{backup_audit_chain, verify_backup, BackupReport};
pub use children::{ChildRow, HouseholdChild, HouseholdOverview};
pub use core_group::EngagementForm;
pub use home::{HouseholdRow, Page};
pub use migrations::{MIGRATIONS, SCHEMA_VERSION};
pub use reports::{ChildHistory, FamilyCheck, ReportKind, SectionCheck};
pub use settings::DEFAULT_IDLE_LOCK_MINUTES;
pub use status::{Attention, DraftInProgress};
pub use subject_access::{ChildTable, SubjectAccess, TableCopy, CHILD_TABLES, NOT_COPIED, SUBJECT_ACCESS_FORMAT};

use crate::checklist::{Checklist, Checklists, Versions};
use crate::error::{CoreError, Result};

/// Largest size the write-ahead log is left at after a checkpoint (4 MiB).
pub const JOURNAL_SIZE_LIMIT_BYTES: i64 = 4 * 1024 * 1024;
/// The file name of the database inside the data folder.
pub const DATABASE_FILE: &str = "neglect-toolkit.db";

/// The SQLCipher settings every file is written and read with, pinned rather than left to the
/// library's compiled-in defaults (which a SQLCipher upgrade could change, leaving older files
/// unopenable or newer ones weaker): SQLCipher 4's page size, key derivation (PBKDF2-HMAC-SHA512,
/// 256,000 iterations) and page authentication (HMAC-SHA512). Set right after the key.
pub const CIPHER_SETTINGS: [(&str, &str); 5] = [
    ("cipher_page_size", "4096"),
    ("kdf_iter", "256000"),
    ("cipher_kdf_algorithm", "PBKDF2_HMAC_SHA512"),
    ("cipher_hmac_algorithm", "HMAC_SHA512"),
    ("cipher_plaintext_header_size", "0"),
];

/// Waits until SQLCipher has finished starting up in this process, starting it if need be.
///
/// SQLite marks itself initialised and only then runs SQLCipher's start-up
/// (`sqlcipher_extra_init`: OpenSSL's random generator, SQLCipher's private heap), outside
/// SQLite's own start-up lock. A second thread whose first connection opened in that window was
/// refused its `PRAGMA key` ("An error occurred with PRAGMA key or rekey": SQLCipher answers
/// "not initialised" with a plain error) - the rare `Store::create` failure of parallel tests on a
/// loaded machine, where each test binary's first uses of SQLCipher start at once. SQLCipher's
/// start-up holds SQLite's main mutex and returns at once when already done, so calling it here
/// waits for a start-up under way instead of keying too early.
#[allow(unsafe_code)]
fn sqlcipher_started() -> Result<()> {
    extern "C" {
        // Part of the bundled SQLCipher (`-DSQLITE_EXTRA_INIT=sqlcipher_extra_init`); idempotent.
        fn sqlcipher_extra_init(arg: *const std::os::raw::c_char) -> std::os::raw::c_int;
    }
    // SAFETY: both are safe to call from any thread at any time: each takes SQLite's mutexes and
    // returns at once when its start-up is already done.
    let rc = unsafe {
        match rusqlite::ffi::sqlite3_initialize() {
            rusqlite::ffi::SQLITE_OK => sqlcipher_extra_init(std::ptr::null()),
            failed => failed,
        }
    };
    if rc == rusqlite::ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(CoreError::Database(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rc), None)))
    }
}

/// Keys a connection with `passphrase` and the pinned cipher settings (before any read).
fn key(conn: &Connection, passphrase: &str) -> Result<()> {
    sqlcipher_started()?;
    conn.pragma_update(None, "key", passphrase)?;
    for (pragma, value) in CIPHER_SETTINGS {
        conn.pragma_update(None, pragma, value)?;
    }
    Ok(())
}

/// Opens (creating if need be) a database file other than the live one (a backup, a restore's
/// staging copy, `.before-restore`), keyed like the live one.
pub(crate) fn keyed(path: &Path, passphrase: &str) -> Result<Connection> {
    let conn = Connection::open(path)?;
    key(&conn, passphrase)?;
    Ok(conn)
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Who is making changes, written into every audit row.
    actor: String,
    /// Kept to write backups under the same passphrase; the open connection holds the key anyway.
    /// Wiped from memory when the store is dropped (the records locked).
    passphrase: zeroize::Zeroizing<String>,
    /// Every checklist version the records may have been graded on; the current one is the one
    /// new assessments are started on.
    checklists: Checklists,
    /// The home screen's "needs attention" list while the records stay unchanged (`home.rs`).
    attention_cache: home::AttentionCache,
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
            crate::paths::create_private_dir(dir)?;
        }
        // Made owner-only before SQLite writes a byte; its -wal and -shm take the same mode.
        crate::paths::create_private_file(path)?;
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
        key(&conn, passphrase)?;
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
        // A large import grows the WAL; once checkpointed it is cut back to this size (bytes)
        // rather than keeping the disk space (and the old pages' content) for good.
        conn.pragma_update(None, "journal_size_limit", JOURNAL_SIZE_LIMIT_BYTES)?;
        // FULL: an acknowledged save is on disk before the UI shows "saved".
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(3))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            actor: actor.to_string(),
            passphrase: zeroize::Zeroizing::new(passphrase.to_string()),
            checklists: Checklists::shipped(),
            attention_cache: Default::default(),
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

    /// The checklist new assessments are started on.
    pub fn checklist(&self) -> &Checklist {
        self.checklists.current()
    }

    /// The checklist with this content hash (the words an assessment was graded on), or the
    /// current one when there is no hash or none is known by it.
    pub fn checklist_with_hash(&self, hash: Option<&str>) -> &Checklist {
        hash.and_then(|h| self.checklists.by_hash(h)).unwrap_or_else(|| self.checklists.current())
    }

    /// Every checklist version this store can read an assessment against.
    pub fn checklists(&self) -> &Checklists {
        &self.checklists
    }

    /// Uses a partnership's own checklist (already validated by its loader) for new assessments;
    /// checklists started on earlier versions keep theirs.
    pub fn set_checklist(&mut self, checklist: Checklist) {
        self.checklists.use_for_new(checklist);
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

    /// The settings this connection runs under, as SQLite reports them (for tests and `ntk verify`):
    /// `synchronous` (2 = FULL), `secure_delete`, `journal_mode`, `foreign_keys` and the cipher's.
    pub fn pragmas(&self) -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for pragma in ["synchronous", "secure_delete", "journal_mode", "foreign_keys"]
            .into_iter()
            .chain(CIPHER_SETTINGS.iter().map(|(p, _)| *p))
        {
            let value: String = self.conn.query_row(&format!("PRAGMA {pragma}"), [], |r| {
                Ok(match r.get_ref(0)? {
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    other => String::from_utf8_lossy(other.as_bytes().unwrap_or_default()).into_owned(),
                })
            })?;
            out.push((pragma.to_string(), value));
        }
        Ok(out)
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
        self.passphrase = zeroize::Zeroizing::new(new.to_string());
        let tx = self.conn.transaction()?;
        audit::record(
            &tx,
            &self.actor,
            audit::Change { action: "change_passphrase", record_type: "database", ..Default::default() },
        )?;
        tx.commit()?;
        // The copy a restore kept aside follows, so it can still undo that restore.
        let kept = retention::before_restore_path(&self.path);
        if kept.exists() {
            keyed(&kept, old)?.pragma_update(None, "rekey", new).map_err(|e| {
                CoreError::Refused(format!(
                    "The passphrase has been changed, but the records kept from before the last restore ({}) could not be given the new one ({e}); they still open with the old passphrase.",
                    kept.display()
                ))
            })?;
        }
        Ok(())
    }
}

fn check_new_passphrase(passphrase: &str) -> Result<()> {
    crate::passphrase::check_new(passphrase)
}
