//! The append-only audit log: who changed what, when, from what to what.
//! Triggers in the schema refuse UPDATE and DELETE on it, except the blanking of one child's
//! values while that child is erased (see `retention.rs`).
//!
//! Tamper evidence: every row carries `content_hash`, a SHA-256 over a random per-row nonce and
//! the row's fields, and `chain_hash`, a SHA-256 over the previous row's `chain_hash` and its own
//! `content_hash`. Editing any earlier row (or deleting one, with the triggers dropped) breaks the
//! chain from that row on; rewriting the whole chain after it gives a head that no longer matches
//! the head written into every backup and export taken before. Erasure blanks a row's values and
//! its nonce but keeps both hashes, so the chain still links and the erased text cannot be
//! recovered from the hash (the nonce that salted it is gone).

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::Store;
use crate::error::Result;

/// What an erased value reads as.
pub(crate) const ERASED: &str = "[erased]";

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

/// One change to write into the audit log.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Change<'a> {
    pub action: &'a str,
    pub record_type: &'a str,
    pub record_id: Option<i64>,
    /// The child the change is about, kept on the row itself so that erasing the child finds
    /// every row of it, those of records deleted since (a discarded draft, a deleted action) too.
    pub child_id: Option<i64>,
    pub field: Option<&'a str>,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
}

/// The newest row of the chain: written into backups and exports, so a copy taken earlier
/// can show that the log was rewritten since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AuditHead {
    #[ts(type = "number")]
    pub id: i64,
    pub chain_hash: String,
}

impl std::fmt::Display for AuditHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {} {}", self.id, self.chain_hash)
    }
}

/// Appends one row, sealed into the chain; call it inside the transaction that makes the change.
pub(crate) fn record(conn: &Connection, actor: &str, change: Change) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, record_type, record_id, child_id, field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            now_stamp(),
            actor,
            change.action,
            change.record_type,
            change.record_id,
            change.child_id,
            change.field,
            change.old_value,
            change.new_value
        ],
    )?;
    seal_unsealed(conn)
}

/// Local time with offset, to the second: what a person reading the log expects.
pub(crate) fn now_stamp() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

fn sha256_hex(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        // Length-prefixed, so no two different rows hash the same by moving a boundary.
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The fields a row's content hash covers, in order.
const HASHED_COLUMNS: &str =
    "id, at, actor, action, record_type, record_id, child_id, field, old_value, new_value, nonce, content_hash, chain_hash";

struct Row {
    id: i64,
    fields: Vec<Option<String>>,
    nonce: Option<String>,
    content_hash: Option<String>,
    chain_hash: Option<String>,
}

fn row_from(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    let text = |i: usize| -> rusqlite::Result<Option<String>> {
        Ok(match r.get_ref(i)? {
            rusqlite::types::ValueRef::Null => None,
            rusqlite::types::ValueRef::Integer(n) => Some(n.to_string()),
            other => Some(String::from_utf8_lossy(other.as_bytes().unwrap_or_default()).into_owned()),
        })
    };
    Ok(Row {
        id: r.get(0)?,
        fields: (0..10).map(text).collect::<rusqlite::Result<_>>()?,
        nonce: r.get(10)?,
        content_hash: r.get(11)?,
        chain_hash: r.get(12)?,
    })
}

fn content_hash(nonce: &str, fields: &[Option<String>]) -> String {
    let mut parts: Vec<&[u8]> = vec![nonce.as_bytes()];
    for f in fields {
        // A NULL and an empty text hash differently.
        parts.push(f.as_deref().map(str::as_bytes).unwrap_or(b"\0NULL"));
    }
    sha256_hex(&parts)
}

fn chain_hash(previous: &str, content: &str) -> String {
    sha256_hex(&[previous.as_bytes(), content.as_bytes()])
}

/// Seals every row not yet in the chain (the row just written; after migration 7, every older
/// row), in id order. The schema lets a row's three hash columns be set once, from NULL.
pub(crate) fn seal_unsealed(conn: &Connection) -> Result<()> {
    let mut previous: String = conn
        .query_row("SELECT chain_hash FROM audit_log WHERE chain_hash IS NOT NULL ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or_default();
    let mut stmt =
        conn.prepare(&format!("SELECT {HASHED_COLUMNS} FROM audit_log WHERE chain_hash IS NULL ORDER BY id"))?;
    let rows: Vec<Row> = stmt.query_map([], row_from)?.collect::<std::result::Result<_, _>>()?;
    for row in rows {
        let nonce: String = conn.query_row("SELECT lower(hex(randomblob(16)))", [], |r| r.get(0))?;
        let content = content_hash(&nonce, &row.fields);
        let chain = chain_hash(&previous, &content);
        conn.execute(
            "UPDATE audit_log SET nonce = ?2, content_hash = ?3, chain_hash = ?4 WHERE id = ?1",
            params![row.id, nonce, content, chain],
        )?;
        previous = chain;
    }
    Ok(())
}

/// What checking the chain found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChainReport {
    #[ts(type = "number")]
    pub rows: i64,
    /// Rows whose values were blanked by an erasure (their content cannot be checked, only linked).
    #[ts(type = "number")]
    pub erased_rows: i64,
    pub head: Option<AuditHead>,
    /// The first row that does not match the chain, and why; `None` when the chain holds.
    pub first_broken: Option<String>,
}

/// Recomputes the chain from the first row and names the first row that does not match.
pub(crate) fn verify_chain(conn: &Connection) -> Result<ChainReport> {
    let mut stmt = conn.prepare(&format!("SELECT {HASHED_COLUMNS} FROM audit_log ORDER BY id"))?;
    let mut rows = stmt.query([])?;
    let mut report = ChainReport { rows: 0, erased_rows: 0, head: None, first_broken: None };
    let mut previous = String::new();
    let mut previous_id = 0;
    while let Some(r) = rows.next()? {
        let row = row_from(r)?;
        report.rows += 1;
        let broken = |why: &str| Some(format!("row {}: {why}", row.id));
        let (Some(content), Some(chain)) = (&row.content_hash, &row.chain_hash) else {
            report.first_broken = broken("it carries no hash (written outside the app)");
            break;
        };
        if row.id <= previous_id {
            report.first_broken = broken("its number is out of order");
            break;
        }
        match &row.nonce {
            Some(nonce) => {
                if &content_hash(nonce, &row.fields) != content {
                    report.first_broken = broken("its content was changed after it was written");
                    break;
                }
            }
            None => {
                // Erased: only the values may be blank; everything else is still covered by the
                // link below, which would not hold had the content hash been replaced.
                let values_blank = row.fields[8..10].iter().all(|v| v.as_deref().is_none_or(|v| v == ERASED));
                if !values_blank {
                    report.first_broken = broken("its values were changed after it was erased");
                    break;
                }
                report.erased_rows += 1;
            }
        }
        if &chain_hash(&previous, content) != chain {
            report.first_broken =
                broken("it does not follow the row before it (a row was removed, added or rewritten)");
            break;
        }
        previous = chain.clone();
        previous_id = row.id;
        report.head = Some(AuditHead { id: row.id, chain_hash: chain.clone() });
    }
    Ok(report)
}

pub(crate) fn head(conn: &Connection) -> Result<Option<AuditHead>> {
    Ok(conn
        .query_row(
            "SELECT id, chain_hash FROM audit_log WHERE chain_hash IS NOT NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok(AuditHead { id: r.get(0)?, chain_hash: r.get(1)? }),
        )
        .optional()?)
}

/// An [`AuditEntry`] from a row of `id, at, actor, action, record_type, record_id, field,
/// old_value, new_value`.
fn entry_from(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
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
        let rows = stmt.query_map(params![record_type, record_id], entry_from)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every audit row about one child, newest first: who, when, what changed, with old and new
    /// values, for the child's audit trail screen. Rows of records since deleted (a discarded
    /// draft, a deleted action) are there too: each row carries its child.
    pub fn child_audit_log(&self, child_id: i64) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, actor, action, record_type, record_id, field, old_value, new_value
             FROM audit_log WHERE child_id = ?1 ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([child_id], entry_from)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Checks the audit log's hash chain from its first row (`ntk verify`).
    pub fn verify_audit_chain(&self) -> Result<ChainReport> {
        verify_chain(&self.conn)
    }

    /// The newest row of the audit log's chain.
    pub fn audit_head(&self) -> Result<Option<AuditHead>> {
        head(&self.conn)
    }

    /// The first row of a chain taken earlier (every row of a backup's log, or the one head an
    /// export carries) that the log here no longer holds with the same chain hash: `None` when
    /// the log here still extends that chain. Each chain hash covers every row before it, so for a
    /// backup the row named is the first one rewritten, removed or re-chained since the copy.
    pub fn audit_chain_departs_from(&self, earlier: &[AuditHead]) -> Result<Option<AuditHead>> {
        for row in earlier {
            if !self.audit_chain_holds(row)? {
                return Ok(Some(row.clone()));
            }
        }
        Ok(None)
    }

    /// Whether the chain here still holds `earlier` (a head written into a backup or an export):
    /// false when that row was rewritten since, or is gone.
    pub fn audit_chain_holds(&self, earlier: &AuditHead) -> Result<bool> {
        let here: Option<String> = self
            .conn
            .query_row("SELECT chain_hash FROM audit_log WHERE id = ?1", [earlier.id], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(here.as_deref() == Some(earlier.chain_hash.as_str()))
    }
}
