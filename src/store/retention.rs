//! Erasing a child's record entirely (retention). The audit log keeps that an erasure
//! happened, by whom and when, but none of the erased content; the erasure register keeps the
//! child's number, so a restore of an older copy erases the child again (`backup.rs`).

use rusqlite::{params, Connection, OptionalExtension};

use super::audit::{now_stamp, record, Change};
use super::Store;
use crate::error::{CoreError, Result};

/// Blanks the values of audit rows matching `scope` (bound to `?1`), and their nonces: the
/// content hash stays, so the chain still links, and cannot be reversed without the nonce.
fn blank_audit(conn: &Connection, scope: &str, id: i64) -> Result<()> {
    conn.execute(
        &format!(
            "UPDATE audit_log SET
                 old_value = CASE WHEN old_value IS NULL THEN NULL ELSE '[erased]' END,
                 new_value = CASE WHEN new_value IS NULL THEN NULL ELSE '[erased]' END,
                 nonce = NULL
             WHERE {scope}"
        ),
        [id],
    )?;
    Ok(())
}

/// Erases one child inside `conn`'s transaction: registers the erasure (which is what lets the
/// lock triggers allow it, for this child only), blanks every audit row tied to the child, and
/// deletes its records, and its household when no other child is left in it.
pub(super) fn erase_in(conn: &Connection, actor: &str, child_id: i64, erased_at: &str, note: &str) -> Result<()> {
    let household: Option<i64> =
        conn.query_row("SELECT household_id FROM children WHERE id = ?1", [child_id], |r| r.get(0))?;
    conn.execute(
        "INSERT OR IGNORE INTO erasure_register (child_id, erased_at, erased_by) VALUES (?1, ?2, ?3)",
        params![child_id, erased_at, actor],
    )?;
    blank_audit(conn, "child_id = ?1", child_id)?;
    for sql in [
        "DELETE FROM item_adults WHERE assessment_id IN (SELECT id FROM assessments WHERE child_id = ?1)",
        "DELETE FROM item_grades WHERE assessment_id IN (SELECT id FROM assessments WHERE child_id = ?1)",
        "DELETE FROM area_confirmations WHERE assessment_id IN (SELECT id FROM assessments WHERE child_id = ?1)",
        "DELETE FROM narratives WHERE assessment_id IN (SELECT id FROM assessments WHERE child_id = ?1)",
        "DELETE FROM actions WHERE assessment_id IN (SELECT id FROM assessments WHERE child_id = ?1)",
        "DELETE FROM manager_reviews WHERE assessment_id IN (SELECT id FROM assessments WHERE child_id = ?1)",
        "DELETE FROM assessments WHERE child_id = ?1",
        "DELETE FROM plans WHERE child_id = ?1",
        "DELETE FROM child_status WHERE child_id = ?1",
        "DELETE FROM plan_prompts WHERE child_id = ?1",
        "DELETE FROM case_references WHERE child_id = ?1",
        "DELETE FROM core_group_meetings WHERE child_id = ?1",
        "DELETE FROM engagement_ratings WHERE child_id = ?1",
        "DELETE FROM events WHERE child_id = ?1",
        "DELETE FROM adult_children WHERE child_id = ?1",
        "DELETE FROM children WHERE id = ?1",
    ] {
        conn.execute(sql, [child_id])?;
    }
    // A household left with no children goes too: its name can identify the family.
    if let Some(h) = household {
        let others: i64 = conn.query_row("SELECT count(*) FROM children WHERE household_id = ?1", [h], |r| r.get(0))?;
        if others == 0 {
            // Its adults go with it: their names identify the family as much as its own.
            let adults: Vec<i64> = conn
                .prepare("SELECT id FROM adults WHERE household_id = ?1")?
                .query_map([h], |r| r.get(0))?
                .collect::<std::result::Result<_, _>>()?;
            // An item of another child's checklist may still name one of them (that child has
            // moved household since): the reference goes, the checklist stays.
            conn.execute(
                "DELETE FROM item_adults WHERE adult_id IN (SELECT id FROM adults WHERE household_id = ?1)",
                [h],
            )?;
            conn.execute("DELETE FROM adults WHERE household_id = ?1", [h])?;
            for adult in adults {
                blank_audit(conn, "record_type = 'adult' AND record_id = ?1", adult)?;
            }
            conn.execute("DELETE FROM households WHERE id = ?1", [h])?;
            blank_audit(conn, "record_type = 'household' AND record_id = ?1", h)?;
        }
    }
    record(
        conn,
        actor,
        Change {
            action: "erase",
            record_type: "child",
            record_id: Some(child_id),
            child_id: Some(child_id),
            new_value: (!note.is_empty()).then_some(note),
            ..Change::default()
        },
    )
}

/// The `.before-restore` copy kept beside the database by a restore.
pub(super) fn before_restore_path(db: &std::path::Path) -> std::path::PathBuf {
    db.with_extension("db.before-restore")
}

impl Store {
    pub fn erase_child(&mut self, child_id: i64) -> Result<()> {
        let exists: Option<i64> =
            self.conn.query_row("SELECT id FROM children WHERE id = ?1", [child_id], |r| r.get(0)).optional()?;
        exists.ok_or_else(|| CoreError::NotFound(format!("There is no child with number {child_id}.")))?;
        let tx = self.conn.transaction()?;
        erase_in(&tx, &self.actor, child_id, &now_stamp(), "")?;
        tx.commit()?;
        // Overwrite freed pages now rather than whenever SQLite reuses them, and empty the WAL
        // (which still holds the pages as they were before).
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        // The copy a restore kept aside still holds the child: it goes too (a backup elsewhere
        // is re-erased by the register when restored).
        remove_with_siblings(&before_restore_path(&self.path))?;
        Ok(())
    }

    /// The children erased here, by number (their names are gone).
    pub fn erased_children(&self) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare("SELECT child_id FROM erasure_register ORDER BY child_id")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
        Ok(ids)
    }
}

/// Removes a database file and its `-wal`/`-shm` companions, if there.
pub(super) fn remove_with_siblings(path: &std::path::Path) -> Result<()> {
    remove_suffixed(path, &["", "-wal", "-shm"])
}

/// Removes only the `-wal`/`-shm` companions of a closed database file.
pub(super) fn remove_companions(path: &std::path::Path) -> Result<()> {
    remove_suffixed(path, &["-wal", "-shm"])
}

fn remove_suffixed(path: &std::path::Path, suffixes: &[&str]) -> Result<()> {
    for suffix in suffixes {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        match std::fs::remove_file(std::path::PathBuf::from(name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}
