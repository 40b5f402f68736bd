//! Backup (SQLite online backup API) and verified restore, under the same passphrase.
//!
//! A restore never writes over the live file: the backup is copied into a temporary file beside
//! it, opened and migrated there, given back every erasure made here since (the erasure
//! register), and only then renamed into place. The records it replaces are kept as
//! `*.before-restore`, which a second restore can bring back.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::audit::{record, AuditHead, Change};
use super::retention::{before_restore_path, erase_in, remove_companions, remove_with_siblings};
use super::{keyed, Store};
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
    /// The newest row of the copy's audit chain (absent in a copy from before the chain).
    pub audit_head: Option<AuditHead>,
    /// Children erased here after the copy was made, erased again by the restore.
    #[ts(type = "number")]
    pub erasures_reapplied: i64,
}

fn copy_database(from: &Connection, to: &mut Connection) -> Result<()> {
    Backup::new(from, to)?.run_to_completion(256, Duration::ZERO, None)?;
    Ok(())
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
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

/// Every row of a backup's audit chain (id and chain hash), oldest first, after the checks of
/// [`verify_backup`]: what `ntk verify --against` compares the live log with.
pub fn backup_audit_chain(path: &Path, passphrase: &str) -> Result<Vec<AuditHead>> {
    let report = verify_backup(path, passphrase)?;
    if report.audit_head.is_none() {
        return Ok(Vec::new());
    }
    let conn = keyed(path, passphrase)?;
    let mut stmt = conn.prepare("SELECT id, chain_hash FROM audit_log WHERE chain_hash IS NOT NULL ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok(AuditHead { id: r.get(0)?, chain_hash: r.get(1)? }))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// What a database holds (children, checklists, audit entries), as a report on `path`.
fn counts(conn: &Connection, path: &Path) -> Result<BackupReport> {
    let count = |table: &str| -> Result<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|_| CoreError::Refused(format!("{} is not a Neglect Toolkit backup.", path.display())))
    };
    let has = |name: &str, kind: &str| -> Result<bool> {
        Ok(conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = ?2 AND name = ?1", [name, kind], |r| {
            r.get::<_, i64>(0).map(|n| n > 0)
        })?)
    };
    let chained = has("audit_log", "table")?
        && conn
            .query_row("SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'chain_hash'", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n > 0)?;
    Ok(BackupReport {
        path: path.display().to_string(),
        children: count("children")?,
        assessments: if has("assessments", "table")? { count("assessments")? } else { 0 },
        audit_entries: count("audit_log")?,
        audit_head: if chained { super::audit::head(conn)? } else { None },
        erasures_reapplied: 0,
    })
}

/// One row of the erasure register.
struct Erasure {
    child_id: i64,
    erased_at: String,
    erased_by: String,
}

/// Who this database is (its dataset salt never changes) and whom it erased.
fn lineage(conn: &Connection) -> Result<(Option<String>, Vec<Erasure>)> {
    let salt = conn
        .query_row("SELECT value FROM settings WHERE key = 'dataset_salt'", [], |r| r.get(0))
        .optional()
        .unwrap_or(None);
    let mut stmt = conn.prepare("SELECT child_id, erased_at, erased_by FROM erasure_register ORDER BY child_id")?;
    let register = stmt
        .query_map([], |r| Ok(Erasure { child_id: r.get(0)?, erased_at: r.get(1)?, erased_by: r.get(2)? }))?
        .collect::<std::result::Result<_, _>>()?;
    Ok((salt, register))
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
        if [canonical(dest)?, canonical(&sibling(dest, ".partial"))?].iter().any(|d| own.contains(d)) {
            return Err(CoreError::invalid("path", "Choose a different file for the backup than the database itself."));
        }
        let partial = sibling(dest, ".partial");
        let _ = std::fs::remove_file(&partial);
        let result = (|| -> Result<BackupReport> {
            crate::paths::create_private_file(&partial)?;
            let mut to = keyed(&partial, &self.passphrase)?;
            copy_database(&self.conn, &mut to)?;
            drop(to);
            #[cfg(test)]
            tests::BEFORE_CHECK.with(|hook| hook.get().map(|h| h(&partial, &self.passphrase)));
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
        // The copy's chain head goes into this log too: a later rewrite of any row up to it here
        // no longer matches the copy.
        let note = match &report.audit_head {
            Some(head) => format!("{} (audit chain at {head})", report.path),
            None => report.path.clone(),
        };
        let tx = self.conn.transaction()?;
        record(
            &tx,
            &self.actor,
            Change {
                action: "backup",
                record_type: "database",
                field: Some("path"),
                new_value: Some(&note),
                ..Change::default()
            },
        )?;
        tx.commit()?;
        Ok(report)
    }

    /// Undoes the last restore, by restoring the records it kept aside as `.before-restore`.
    pub fn undo_restore(db_path: &Path, passphrase: &str, actor: &str) -> Result<(Store, BackupReport)> {
        let kept = before_restore_path(db_path);
        if !kept.exists() {
            return Err(CoreError::NotFound(
                "There are no records kept from before a restore, so there is nothing to undo (an erasure removes them too).".into(),
            ));
        }
        Store::restore(&kept, db_path, passphrase, actor)
    }

    /// Replaces the database at `db_path` with a verified backup; see the module's comment.
    /// Nothing at `db_path` changes unless the backup opened, migrated and took the erasures.
    pub fn restore(backup: &Path, db_path: &Path, passphrase: &str, actor: &str) -> Result<(Store, BackupReport)> {
        let mut report = verify_backup(backup, passphrase)?;
        let staging = sibling(db_path, ".restoring");
        remove_with_siblings(&staging)?;
        let result = (|| -> Result<i64> {
            // The current records: the passphrase must open them too, and what they erased goes on.
            let current = if db_path.exists() { Some(Store::open(db_path, passphrase, actor)?) } else { None };
            let current_lineage = current.as_ref().map(|s| lineage(&s.conn)).transpose()?;
            crate::paths::create_private_file(&staging)?;
            {
                let from = keyed(backup, passphrase)?;
                let mut to = keyed(&staging, passphrase)?;
                copy_database(&from, &mut to)?;
            }
            let mut restored = Store::open(&staging, passphrase, actor)?;
            let (restored_salt, _) = lineage(&restored.conn)?;
            let mut reapplied = 0;
            let tx = restored.conn.transaction()?;
            if let Some((Some(salt), register)) = &current_lineage {
                // Only a copy of these same records (the salt is made once per database) shares
                // their children's numbers.
                if restored_salt.as_deref() == Some(salt.as_str()) {
                    for Erasure { child_id, erased_at, erased_by } in register {
                        tx.execute(
                            "UPDATE sqlite_sequence SET seq = max(seq, ?1) WHERE name = 'children'",
                            [child_id],
                        )?;
                        let present: bool =
                            tx.query_row("SELECT count(*) FROM children WHERE id = ?1", [child_id], |r| {
                                r.get::<_, i64>(0).map(|n| n > 0)
                            })?;
                        if present {
                            erase_in(&tx, erased_by, *child_id, erased_at, "erased again after a restore")?;
                            reapplied += 1;
                        } else {
                            tx.execute(
                                "INSERT OR IGNORE INTO erasure_register (child_id, erased_at, erased_by)
                                 VALUES (?1, ?2, ?3)",
                                rusqlite::params![child_id, erased_at, erased_by],
                            )?;
                        }
                    }
                }
            }
            let note = format!(
                "{}{}",
                report.path,
                if reapplied > 0 { format!("; {reapplied} erased children erased again") } else { String::new() }
            );
            record(
                &tx,
                actor,
                Change {
                    action: "restore",
                    record_type: "database",
                    field: Some("path"),
                    new_value: Some(&note),
                    ..Change::default()
                },
            )?;
            tx.commit()?;
            restored.rebuild_child_status()?;
            restored.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
            drop(restored);
            remove_companions(&staging)?;
            // The records being replaced are kept aside, under the same passphrase.
            if let Some(current) = current {
                let keep = before_restore_path(db_path);
                remove_with_siblings(&keep)?;
                crate::paths::create_private_file(&keep)?;
                let mut to = keyed(&keep, passphrase)?;
                copy_database(&current.conn, &mut to)?;
            }
            Ok(reapplied)
        })();
        let reapplied = match result {
            Ok(n) => n,
            Err(e) => {
                let _ = remove_with_siblings(&staging);
                return Err(e);
            }
        };
        // The live file's own WAL must not be replayed onto the restored file.
        remove_companions(db_path)?;
        std::fs::rename(&staging, db_path)?;
        report.erasures_reapplied = reapplied;
        let store = Store::open(db_path, passphrase, actor)?;
        Ok((store, report))
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    type Hook = fn(&Path, &str);
    thread_local! {
        /// Runs on the written copy before it is checked: the one seam for a copy that does not
        /// hold what the records hold (no real fault produces one on demand: the copy gets a salt
        /// of its own, so not even a stale `.partial-wal` beside it could be replayed into it).
        pub(super) static BEFORE_CHECK: std::cell::Cell<Option<Hook>> = const { std::cell::Cell::new(None) };
    }

    fn one_child_more(copy: &Path, passphrase: &str) {
        keyed(copy, passphrase)
            .unwrap()
            .execute("INSERT INTO children (name, date_of_birth, created_at) VALUES ('Not In The Records', '2016-01-01', 'x')", [])
            .unwrap();
    }

    #[test]
    fn a_copy_that_does_not_hold_what_the_records_hold_is_refused_and_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("s.db"), "a passphrase here", "Tester").unwrap();
        store
            .add_child(
                &crate::model::ChildForm {
                    name: "Ann Counted".into(),
                    date_of_birth: "2015-05-05".into(),
                    ..Default::default()
                },
                chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            )
            .unwrap();
        let dest = dir.path().join("records.ntkbackup");
        BEFORE_CHECK.with(|hook| hook.set(Some(one_child_more)));
        let refused = store.backup_to(&dest);
        BEFORE_CHECK.with(|hook| hook.set(None));
        let err = refused.unwrap_err().to_string();
        assert!(
            err.contains("did not hold everything") && err.contains("2 children") && err.contains("hold 1"),
            "{err}"
        );
        assert!(!dest.exists() && !sibling(&dest, ".partial").exists(), "the copy was kept");
        // Nothing of the refused copy reached the records' own log either.
        assert!(store.audit_log(Some("database"), None).unwrap().iter().all(|e| e.action != "backup"));
        assert_eq!(store.backup_to(&dest).unwrap().children, 1);
    }
}
