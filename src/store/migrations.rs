//! Numbered schema migrations. `PRAGMA user_version` holds the number applied last.
//! Never edit a migration that has shipped: add the next one.

use rusqlite::Connection;

use crate::error::Result;

/// Migration N (1-based) is `MIGRATIONS[N - 1]`.
pub const MIGRATIONS: &[&str] = &[
    // 1: households, children and the append-only audit log.
    r#"
    CREATE TABLE households (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX households_name ON households (lower(name));
    CREATE TABLE children (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        date_of_birth TEXT NOT NULL,
        unborn INTEGER NOT NULL DEFAULT 0,
        household_id INTEGER REFERENCES households (id),
        disability_needs TEXT NOT NULL DEFAULT '',
        communication_needs TEXT NOT NULL DEFAULT '',
        plan_category TEXT,
        plan_start TEXT,
        review_interval_months INTEGER NOT NULL DEFAULT 3,
        created_at TEXT NOT NULL
    );
    CREATE INDEX children_household ON children (household_id);
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        record_type TEXT NOT NULL,
        record_id INTEGER,
        field TEXT,
        old_value TEXT,
        new_value TEXT
    );
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    "#,
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies every migration above the file's version, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Applies migrations up to `target` (used by tests to build every earlier version).
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > SCHEMA_VERSION {
        return Err(crate::error::CoreError::Refused(format!(
            "This database was written by a newer version of Neglect Toolkit (schema {current}); please update the app."
        )));
    }
    for version in (current + 1)..=target {
        let tx = conn.transaction()?;
        tx.execute_batch(MIGRATIONS[(version - 1) as usize])?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
