//! The append-only audit log: who changed what, when, from what to what.
//! Triggers in the schema refuse UPDATE and DELETE on it.

use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::Store;
use crate::error::Result;

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub record_type: String,
    #[ts(type = "number | null")]
    pub record_id: Option<i64>,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// Appends one row; call it inside the transaction that makes the change.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record(
    conn: &Connection,
    actor: &str,
    action: &str,
    record_type: &str,
    record_id: Option<i64>,
    field: Option<&str>,
    old_value: Option<&str>,
    new_value: Option<&str>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, record_type, record_id, field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![now_stamp(), actor, action, record_type, record_id, field, old_value, new_value],
    )?;
    Ok(())
}

/// Local time with offset, to the second: what a person reading the log expects.
pub(crate) fn now_stamp() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

impl Store {
    /// The audit log, newest first, optionally for one record.
    pub fn audit_log(&self, record_type: Option<&str>, record_id: Option<i64>) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, actor, action, record_type, record_id, field, old_value, new_value
             FROM audit_log
             WHERE (?1 IS NULL OR record_type = ?1) AND (?2 IS NULL OR record_id = ?2)
             ORDER BY id DESC",
        )?;
        let rows = stmt.query_map(params![record_type, record_id], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                record_type: r.get(4)?,
                record_id: r.get(5)?,
                field: r.get(6)?,
                old_value: r.get(7)?,
                new_value: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
