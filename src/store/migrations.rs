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
    // 2: practitioners, assessments with their grades, confirmations, narrative and actions.
    // Finalised assessments are locked by triggers, so no code path can change them; the only
    // exception is erasing a whole child (retention), flagged by a row in `erasing` inside
    // that one transaction.
    r#"
    CREATE TABLE practitioners (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        agency TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        UNIQUE (name, agency, role)
    );
    CREATE TABLE assessments (
        id INTEGER PRIMARY KEY,
        child_id INTEGER NOT NULL REFERENCES children (id),
        checklist_id TEXT NOT NULL,
        checklist_version TEXT NOT NULL,
        checklist_hash TEXT NOT NULL,
        assessed_on TEXT NOT NULL,
        practitioner_id INTEGER NOT NULL REFERENCES practitioners (id),
        review_round INTEGER NOT NULL CHECK (review_round >= 1),
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'finalised')),
        finalised_at TEXT,
        amends_id INTEGER REFERENCES assessments (id),
        amendment_reason TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX assessments_child ON assessments (child_id, assessed_on);
    CREATE TABLE erasing (child_id INTEGER PRIMARY KEY);
    CREATE TABLE item_grades (
        assessment_id INTEGER NOT NULL REFERENCES assessments (id),
        item_id TEXT NOT NULL,
        grade TEXT CHECK (grade IN ('1', '2', '3', '4', '5', 'not_known', 'not_applicable')),
        evidence TEXT NOT NULL DEFAULT '',
        source TEXT CHECK (source IN ('observed', 'reported', 'from_records')),
        evidence_date TEXT,
        professional_only INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, item_id)
    );
    CREATE TABLE area_confirmations (
        assessment_id INTEGER NOT NULL REFERENCES assessments (id),
        area_id TEXT NOT NULL,
        confirmed INTEGER NOT NULL CHECK (confirmed BETWEEN 1 AND 5),
        reason TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (assessment_id, area_id)
    );
    CREATE TABLE narratives (
        assessment_id INTEGER NOT NULL REFERENCES assessments (id),
        section TEXT NOT NULL,
        area_id TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        PRIMARY KEY (assessment_id, section, area_id)
    );
    CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessments (id),
        what TEXT NOT NULL,
        who TEXT NOT NULL,
        agency TEXT NOT NULL,
        by_when TEXT NOT NULL,
        target_grade INTEGER CHECK (target_grade BETWEEN 1 AND 5),
        area_id TEXT,
        result TEXT NOT NULL DEFAULT ''
    );
    CREATE TRIGGER assessments_locked_update BEFORE UPDATE ON assessments
    WHEN OLD.status = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER assessments_locked_delete BEFORE DELETE ON assessments
    WHEN OLD.status = 'finalised' AND NOT EXISTS (SELECT 1 FROM erasing)
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER item_grades_locked_insert BEFORE INSERT ON item_grades
    WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER item_grades_locked_update BEFORE UPDATE ON item_grades
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER item_grades_locked_delete BEFORE DELETE ON item_grades
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
      AND NOT EXISTS (SELECT 1 FROM erasing)
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER area_confirmations_locked_insert BEFORE INSERT ON area_confirmations
    WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER area_confirmations_locked_update BEFORE UPDATE ON area_confirmations
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER area_confirmations_locked_delete BEFORE DELETE ON area_confirmations
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
      AND NOT EXISTS (SELECT 1 FROM erasing)
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER narratives_locked_insert BEFORE INSERT ON narratives
    WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER narratives_locked_update BEFORE UPDATE ON narratives
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER narratives_locked_delete BEFORE DELETE ON narratives
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
      AND NOT EXISTS (SELECT 1 FROM erasing)
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER actions_locked_insert BEFORE INSERT ON actions
    WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    -- The result of an action is recorded at review, after the plan was finalised.
    CREATE TRIGGER actions_locked_update BEFORE UPDATE ON actions
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
      AND (NEW.assessment_id IS NOT OLD.assessment_id OR NEW.what IS NOT OLD.what OR NEW.who IS NOT OLD.who
           OR NEW.agency IS NOT OLD.agency OR NEW.by_when IS NOT OLD.by_when
           OR NEW.target_grade IS NOT OLD.target_grade OR NEW.area_id IS NOT OLD.area_id)
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER actions_locked_delete BEFORE DELETE ON actions
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
      AND NOT EXISTS (SELECT 1 FROM erasing)
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    -- Erasing a child may blank the values of its audit rows, and nothing else, ever.
    DROP TRIGGER audit_log_no_update;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    WHEN NOT EXISTS (SELECT 1 FROM erasing)
      OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
      OR NEW.action IS NOT OLD.action OR NEW.record_type IS NOT OLD.record_type
      OR NEW.record_id IS NOT OLD.record_id OR NEW.field IS NOT OLD.field
      OR coalesce(NEW.old_value, '[erased]') != '[erased]'
      OR coalesce(NEW.new_value, '[erased]') != '[erased]'
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    "#,
    // 3: settings of this database. `dataset_salt` keys the pseudonymous ids of the
    // partnership dataset: 32 random bytes from SQLite's CSPRNG (seeded by the operating
    // system), made once per database and never changed, so ids stay stable across datasets.
    r#"
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    INSERT INTO settings (key, value) VALUES ('dataset_salt', lower(hex(randomblob(32))));
    CREATE TRIGGER settings_salt_no_update BEFORE UPDATE ON settings
    WHEN OLD.key = 'dataset_salt'
    BEGIN SELECT RAISE(ABORT, 'the dataset salt never changes'); END;
    CREATE TRIGGER settings_salt_no_delete BEFORE DELETE ON settings
    WHEN OLD.key = 'dataset_salt'
    BEGIN SELECT RAISE(ABORT, 'the dataset salt never changes'); END;
    "#,
    // 4: a summary per child derived from its finalised checklists (review due, drift, urgent
    // items), kept up to date by the store, so the home "needs attention" list is one indexed
    // query rather than a history computed for every child. Rebuilt whenever it is missing.
    r#"
    CREATE TABLE child_status (
        child_id INTEGER PRIMARY KEY REFERENCES children (id),
        latest_on TEXT,
        review_due TEXT,
        drift TEXT,
        urgent TEXT,
        sustained TEXT
    );
    CREATE INDEX child_status_due ON child_status (review_due);
    "#,
    // 5: indexes the 10,000-child benchmark showed missing: every load of a checklist scanned
    // all actions (history and PDF 400 ms, an autosave 49 ms), and erasing a child scanned the
    // whole audit log.
    r#"
    CREATE INDEX actions_assessment ON actions (assessment_id);
    CREATE INDEX audit_log_record ON audit_log (record_type, record_id);
    "#,
    // 6: the references migration 5 still left without an index, found by the test that every
    // reference is indexed (discarding a draft looked for amendments of it in every checklist).
    r#"
    CREATE INDEX assessments_amends ON assessments (amends_id);
    CREATE INDEX assessments_practitioner ON assessments (practitioner_id);
    "#,
    // 7 (checklist content 1.1): a recorded disability or long-term condition becomes a field of
    // its own, because the checklist's disability items apply only to a child who has one. Until
    // now it was free text only: any text there is taken as a recorded disability (the text
    // stays as its description), so no child who had one loses the items.
    r#"
    ALTER TABLE children ADD COLUMN has_disability INTEGER NOT NULL DEFAULT 0 CHECK (has_disability IN (0, 1));
    UPDATE children SET has_disability = 1 WHERE length(trim(disability_needs)) > 0;
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
