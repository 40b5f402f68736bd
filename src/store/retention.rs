//! Erasing a child's record entirely (retention). The audit log keeps that an erasure
//! happened, by whom and when, but none of the erased content.

use rusqlite::OptionalExtension;

use super::audit::record;
use super::Store;
use crate::error::{CoreError, Result};

impl Store {
    pub fn erase_child(&mut self, child_id: i64) -> Result<()> {
        let household: Option<Option<i64>> = self
            .conn
            .query_row("SELECT household_id FROM children WHERE id = ?1", [child_id], |r| r.get(0))
            .optional()?;
        let household =
            household.ok_or_else(|| CoreError::NotFound(format!("There is no child with number {child_id}.")))?;
        let tx = self.conn.transaction()?;
        // The flag row lets the lock triggers allow this one transaction to remove finalised
        // assessments and blank audit values; it is removed before commit.
        tx.execute("INSERT INTO erasing (child_id) VALUES (?1)", [child_id])?;
        let scope = "(record_type = 'child' AND record_id = ?1)
             OR (record_type = 'assessment' AND record_id IN (SELECT id FROM assessments WHERE child_id = ?1))
             OR (record_type = 'action' AND record_id IN
                 (SELECT x.id FROM actions x JOIN assessments a ON a.id = x.assessment_id WHERE a.child_id = ?1))";
        tx.execute(
            &format!(
                "UPDATE audit_log SET
                     old_value = CASE WHEN old_value IS NULL THEN NULL ELSE '[erased]' END,
                     new_value = CASE WHEN new_value IS NULL THEN NULL ELSE '[erased]' END
                 WHERE {scope}"
            ),
            [child_id],
        )?;
        for sql in [
            "DELETE FROM item_grades WHERE assessment_id IN (SELECT id FROM assessments WHERE child_id = ?1)",
            "DELETE FROM area_confirmations WHERE assessment_id IN (SELECT id FROM assessments WHERE child_id = ?1)",
            "DELETE FROM narratives WHERE assessment_id IN (SELECT id FROM assessments WHERE child_id = ?1)",
            "DELETE FROM actions WHERE assessment_id IN (SELECT id FROM assessments WHERE child_id = ?1)",
            "DELETE FROM assessments WHERE child_id = ?1",
            "DELETE FROM child_status WHERE child_id = ?1",
            "DELETE FROM children WHERE id = ?1",
        ] {
            tx.execute(sql, [child_id])?;
        }
        // A household left with no children goes too: its name can identify the family.
        if let Some(h) = household {
            let others: i64 =
                tx.query_row("SELECT count(*) FROM children WHERE household_id = ?1", [h], |r| r.get(0))?;
            if others == 0 {
                tx.execute(
                    "UPDATE audit_log SET
                         old_value = CASE WHEN old_value IS NULL THEN NULL ELSE '[erased]' END,
                         new_value = CASE WHEN new_value IS NULL THEN NULL ELSE '[erased]' END
                     WHERE record_type = 'household' AND record_id = ?1",
                    [h],
                )?;
                tx.execute("DELETE FROM households WHERE id = ?1", [h])?;
            }
        }
        tx.execute("DELETE FROM erasing", [])?;
        record(&tx, &self.actor, "erase", "child", Some(child_id), None, None, None)?;
        tx.commit()?;
        // Overwrite freed pages now rather than whenever SQLite reuses them.
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    }
}
