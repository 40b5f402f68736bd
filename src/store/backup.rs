//! Backup (SQLite online backup API) and verified restore, under the same passphrase.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::audit::record;
use super::Store;
use crate::error::{CoreError, Result};

/// What a verified backup holds.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BackupReport {
    pub path: String,
    #[ts(type = "number")]
    pub children: i64,
    #[ts(type = "number")]
    pub assessments: i64,
    #[ts(type = "number")]
    pub audit_entries: i64,
}

fn copy_database(from: &Connection, to: &mut Connection) -> Result<()> {
    Backup::new(from, to)?.run_to_completion(256, Duration::ZERO, None)?;
    Ok(())
}

fn keyed(path: &Path, passphrase: &str) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "key", passphrase)?;
    Ok(conn)
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

/// Opens `path` with `passphrase`, checks its integrity and counts what it holds.
pub fn verify_backup(path: &Path, passphrase: &str) -> Result<BackupReport> {
    if !path.exists() {
        return Err(CoreError::NotFound(format!("There is no backup at {}.", path.display())));
    }
    let conn = keyed(path, passphrase)?;
    let check: String =
        conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => CoreError::Refused(format!(
                "{} is not a Neglect Toolkit backup, or was made with a different passphrase.",
                path.display()
            )),
            _ => CoreError::Database(e),
        })?;
    if check != "ok" {
        return Err(CoreError::Refused(format!("The backup {} is damaged ({check}).", path.display())));
    }
    counts(&conn, path)
}

/// What a database holds (children, checklists, audit entries), as a report on `path`.
fn counts(conn: &Connection, path: &Path) -> Result<BackupReport> {
    let count = |table: &str| -> Result<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|_| CoreError::Refused(format!("{} is not a Neglect Toolkit backup.", path.display())))
    };
    let has_assessments: bool =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'assessments'", [], |r| {
            r.get::<_, i64>(0).map(|n| n > 0)
        })?;
    Ok(BackupReport {
        path: path.display().to_string(),
        children: count("children")?,
        assessments: if has_assessments { count("assessments")? } else { 0 },
        audit_entries: count("audit_log")?,
    })
}

/// `path` with symlinks, `.` and `..` resolved and made absolute; for a file that does not exist
/// yet, its folder resolved and its name kept.
fn canonical(path: &Path) -> Result<PathBuf> {
    if let Ok(resolved) = path.canonicalize() {
        return Ok(resolved);
    }
    let absolute = std::path::absolute(path)?;
    let (Some(folder), Some(name)) = (absolute.parent(), absolute.file_name()) else { return Ok(absolute) };
    Ok(folder.canonicalize().map(|f| f.join(name)).unwrap_or(absolute))
}

/// The database's own files, resolved: the database and its `-wal`, `-shm` and
/// `.before-restore` siblings. A backup written over one of them would destroy the records.
fn own_files(db: &Path) -> Result<Vec<PathBuf>> {
    let db = canonical(db)?;
    let sibling = |suffix: &str| {
        let mut name = db.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        db.with_file_name(name)
    };
    Ok(vec![sibling("-wal"), sibling("-shm"), db.with_extension("db.before-restore"), db])
}

impl Store {
    /// Writes a complete, encrypted copy to `dest` (replacing it only once the copy is verified).
    pub fn backup_to(&mut self, dest: &Path) -> Result<BackupReport> {
        let own = own_files(&self.path)?;
        if [canonical(dest)?, canonical(&partial_path(dest))?].iter().any(|d| own.contains(d)) {
            return Err(CoreError::invalid("path", "Choose a different file for the backup than the database itself."));
        }
        let partial = partial_path(dest);
        let _ = std::fs::remove_file(&partial);
        let result = (|| -> Result<BackupReport> {
            let mut to = keyed(&partial, &self.passphrase)?;
            copy_database(&self.conn, &mut to)?;
            drop(to);
            let report = verify_backup(&partial, &self.passphrase)?;
            let here = counts(&self.conn, &self.path)?;
            if (report.children, report.assessments, report.audit_entries)
                != (here.children, here.assessments, here.audit_entries)
            {
                return Err(CoreError::Refused(format!(
                    "The backup did not hold everything: {} children, {} checklists and {} audit entries, where the records hold {}, {} and {}. No backup was written; please try again.",
                    report.children, report.assessments, report.audit_entries, here.children, here.assessments, here.audit_entries
                )));
            }
            std::fs::rename(&partial, dest)?;
            Ok(BackupReport { path: dest.display().to_string(), ..report })
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        let report = result?;
        let tx = self.conn.transaction()?;
        record(&tx, &self.actor, "backup", "database", None, Some("path"), None, Some(&report.path))?;
        tx.commit()?;
        Ok(report)
    }

    /// Replaces the database at `db_path` with a verified backup. The current file is kept
    /// beside it as `*.before-restore` until the next restore.
    pub fn restore(backup: &Path, db_path: &Path, passphrase: &str, actor: &str) -> Result<(Store, BackupReport)> {
        let report = verify_backup(backup, passphrase)?;
        if db_path.exists() {
            // Proves the passphrase also opens the current records before anything is replaced.
            let current = Store::open(db_path, passphrase, actor)?;
            let mut keep = keyed(&db_path.with_extension("db.before-restore"), passphrase)?;
            copy_database(&current.conn, &mut keep)?;
        }
        let from = keyed(backup, passphrase)?;
        let mut to = keyed(db_path, passphrase)?;
        copy_database(&from, &mut to)?;
        drop(to);
        let mut store = Store::open(db_path, passphrase, actor)?;
        let tx = store.conn.transaction()?;
        record(&tx, actor, "restore", "database", None, Some("path"), None, Some(&report.path))?;
        tx.commit()?;
        Ok((store, report))
    }
}
