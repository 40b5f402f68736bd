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
    // 7: hardening (issue 19). Erasure that erases, locks that hold against raw SQL, a tamper-evident
    // audit log. Tables whose ids name a child's records are rebuilt with AUTOINCREMENT, so an
    // erased record's id (and with it its audit rows) is never given to a new record; their
    // sequences start above every id the audit log has ever named, which covers records erased or
    // deleted before this migration. The audit log gains `child_id` (every row tied to its child,
    // so erasure blanks by child, the rows of discarded drafts and deleted actions included) and
    // the hash chain's columns (sealed by `audit::seal_unsealed` right after migrating). Rows of
    // records deleted before this migration cannot be tied to a child any more: their values are
    // blanked here, as an erasure would have, rather than kept beyond any erasure's reach.
    // `erasure_register` lists erased children: restore re-applies it to an older copy, and it is
    // what scopes the erasure exception of the lock triggers to the one child being erased (it
    // replaces the `erasing` flag, into which any id switched every protection off; `erasing`
    // now refuses every row). Every lock trigger checks NEW as well as OLD, and ids cannot be
    // changed, so UPDATE OR REPLACE and re-parenting cannot reach a finalised checklist.
    // Migrations run with foreign keys off (`migrate_to`), as SQLite's table-rebuild recipe needs.
    r#"
    DROP TRIGGER IF EXISTS audit_log_no_update;
    DROP TRIGGER IF EXISTS audit_log_no_delete;
    DROP TRIGGER IF EXISTS assessments_locked_update;
    DROP TRIGGER IF EXISTS assessments_locked_delete;
    DROP TRIGGER IF EXISTS item_grades_locked_insert;
    DROP TRIGGER IF EXISTS item_grades_locked_update;
    DROP TRIGGER IF EXISTS item_grades_locked_delete;
    DROP TRIGGER IF EXISTS area_confirmations_locked_insert;
    DROP TRIGGER IF EXISTS area_confirmations_locked_update;
    DROP TRIGGER IF EXISTS area_confirmations_locked_delete;
    DROP TRIGGER IF EXISTS narratives_locked_insert;
    DROP TRIGGER IF EXISTS narratives_locked_update;
    DROP TRIGGER IF EXISTS narratives_locked_delete;
    DROP TRIGGER IF EXISTS actions_locked_insert;
    DROP TRIGGER IF EXISTS actions_locked_update;
    DROP TRIGGER IF EXISTS actions_locked_delete;

    CREATE TABLE households_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    INSERT INTO households_new (id, name, created_at) SELECT id, name, created_at FROM households;
    DROP TABLE households;
    ALTER TABLE households_new RENAME TO households;
    CREATE UNIQUE INDEX households_name ON households (lower(name));

    CREATE TABLE children_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
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
    INSERT INTO children_new SELECT id, name, date_of_birth, unborn, household_id, disability_needs,
        communication_needs, plan_category, plan_start, review_interval_months, created_at FROM children;
    DROP TABLE children;
    ALTER TABLE children_new RENAME TO children;
    CREATE INDEX children_household ON children (household_id);

    CREATE TABLE assessments_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
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
    INSERT INTO assessments_new SELECT id, child_id, checklist_id, checklist_version, checklist_hash, assessed_on,
        practitioner_id, review_round, status, finalised_at, amends_id, amendment_reason, created_at FROM assessments;
    DROP TABLE assessments;
    ALTER TABLE assessments_new RENAME TO assessments;
    CREATE INDEX assessments_child ON assessments (child_id, assessed_on);
    CREATE INDEX assessments_amends ON assessments (amends_id);
    CREATE INDEX assessments_practitioner ON assessments (practitioner_id);

    CREATE TABLE actions_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        assessment_id INTEGER NOT NULL REFERENCES assessments (id),
        what TEXT NOT NULL,
        who TEXT NOT NULL,
        agency TEXT NOT NULL,
        by_when TEXT NOT NULL,
        target_grade INTEGER CHECK (target_grade BETWEEN 1 AND 5),
        area_id TEXT,
        result TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO actions_new SELECT id, assessment_id, what, who, agency, by_when, target_grade, area_id, result
        FROM actions;
    DROP TABLE actions;
    ALTER TABLE actions_new RENAME TO actions;
    CREATE INDEX actions_assessment ON actions (assessment_id);

    CREATE TABLE audit_log_new (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        record_type TEXT NOT NULL,
        record_id INTEGER,
        child_id INTEGER,
        field TEXT,
        old_value TEXT,
        new_value TEXT,
        nonce TEXT,
        content_hash TEXT,
        chain_hash TEXT
    );
    INSERT INTO audit_log_new (id, at, actor, action, record_type, record_id, child_id, field, old_value, new_value)
    SELECT l.id, l.at, l.actor, l.action, l.record_type, l.record_id,
           CASE l.record_type
               WHEN 'child' THEN l.record_id
               WHEN 'assessment' THEN (SELECT a.child_id FROM assessments a WHERE a.id = l.record_id)
               WHEN 'action' THEN (SELECT a.child_id FROM actions x JOIN assessments a ON a.id = x.assessment_id
                                    WHERE x.id = l.record_id)
           END,
           l.field, l.old_value, l.new_value
    FROM audit_log l;
    DROP TABLE audit_log;
    ALTER TABLE audit_log_new RENAME TO audit_log;
    CREATE INDEX audit_log_record ON audit_log (record_type, record_id);
    CREATE INDEX audit_log_child ON audit_log (child_id);
    -- Sealing finds the rows not yet in the chain without reading the whole log.
    CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE chain_hash IS NULL;
    UPDATE audit_log SET
        old_value = CASE WHEN old_value IS NULL THEN NULL ELSE '[erased]' END,
        new_value = CASE WHEN new_value IS NULL THEN NULL ELSE '[erased]' END
    WHERE record_type IN ('assessment', 'action') AND child_id IS NULL;

    INSERT INTO sqlite_sequence (name, seq)
    SELECT t.name, 0 FROM (SELECT 'households' AS name UNION ALL SELECT 'children' UNION ALL SELECT 'assessments'
                           UNION ALL SELECT 'actions' UNION ALL SELECT 'audit_log') t
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence s WHERE s.name = t.name);
    UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(record_id) FROM audit_log WHERE record_type =
        CASE sqlite_sequence.name WHEN 'households' THEN 'household' WHEN 'children' THEN 'child'
             WHEN 'assessments' THEN 'assessment' WHEN 'actions' THEN 'action' END), 0))
    WHERE name IN ('households', 'children', 'assessments', 'actions');

    CREATE TABLE erasure_register (
        child_id INTEGER PRIMARY KEY,
        erased_at TEXT NOT NULL,
        erased_by TEXT NOT NULL
    );
    INSERT OR IGNORE INTO erasure_register (child_id, erased_at, erased_by)
    SELECT record_id, at, actor FROM audit_log
    WHERE action = 'erase' AND record_type = 'child' AND record_id NOT IN (SELECT id FROM children);
    DELETE FROM erasing;

    -- Only a child that was given an id here can be registered (a copy restored from before its
    -- erasure raises the sequence first); the register is append-only.
    CREATE TRIGGER erasure_register_known_ids BEFORE INSERT ON erasure_register
    WHEN NEW.child_id > coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'children'), 0)
    BEGIN SELECT RAISE(ABORT, 'only a child recorded here can be erased'); END;
    CREATE TRIGGER erasure_register_no_update BEFORE UPDATE ON erasure_register
    BEGIN SELECT RAISE(ABORT, 'the erasure register is append-only'); END;
    CREATE TRIGGER erasure_register_no_delete BEFORE DELETE ON erasure_register
    BEGIN SELECT RAISE(ABORT, 'the erasure register is append-only'); END;
    CREATE TRIGGER erasing_refused BEFORE INSERT ON erasing
    BEGIN SELECT RAISE(ABORT, 'erasure goes through the erasure register'); END;
    -- An erased child never comes back under its old id, and a child leaves only by erasure.
    CREATE TRIGGER children_erased_stay_erased BEFORE INSERT ON children
    WHEN EXISTS (SELECT 1 FROM erasure_register WHERE child_id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'this child was erased'); END;
    CREATE TRIGGER children_erased_ids_fixed BEFORE UPDATE OF id ON children
    WHEN NEW.id IS NOT OLD.id
    BEGIN SELECT RAISE(ABORT, 'a child keeps its number'); END;
    CREATE TRIGGER children_leave_by_erasure BEFORE DELETE ON children
    WHEN NOT EXISTS (SELECT 1 FROM erasure_register WHERE child_id = OLD.id)
    BEGIN SELECT RAISE(ABORT, 'a child is removed only by erasure'); END;
    CREATE TRIGGER households_emptied_first BEFORE DELETE ON households
    WHEN EXISTS (SELECT 1 FROM children WHERE household_id = OLD.id)
    BEGIN SELECT RAISE(ABORT, 'a household with children cannot be removed'); END;

    CREATE TRIGGER assessments_locked_insert BEFORE INSERT ON assessments
    WHEN (SELECT status FROM assessments WHERE id = NEW.id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER assessments_locked_update BEFORE UPDATE ON assessments
    WHEN OLD.status = 'finalised' OR NEW.id IS NOT OLD.id OR (SELECT status FROM assessments WHERE id = NEW.id) = 'finalised'
      OR (NEW.amends_id IS NOT OLD.amends_id AND (SELECT status FROM assessments WHERE id = NEW.amends_id) = 'finalised')
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER assessments_locked_delete BEFORE DELETE ON assessments
    WHEN OLD.status = 'finalised' AND NOT EXISTS (SELECT 1 FROM erasure_register WHERE child_id = OLD.child_id)
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER item_grades_locked_insert BEFORE INSERT ON item_grades
    WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER item_grades_locked_update BEFORE UPDATE ON item_grades
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised' OR (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER item_grades_locked_delete BEFORE DELETE ON item_grades
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
      AND NOT EXISTS (SELECT 1 FROM assessments a JOIN erasure_register r ON r.child_id = a.child_id
                      WHERE a.id = OLD.assessment_id)
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER area_confirmations_locked_insert BEFORE INSERT ON area_confirmations
    WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER area_confirmations_locked_update BEFORE UPDATE ON area_confirmations
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised' OR (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER area_confirmations_locked_delete BEFORE DELETE ON area_confirmations
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
      AND NOT EXISTS (SELECT 1 FROM assessments a JOIN erasure_register r ON r.child_id = a.child_id
                      WHERE a.id = OLD.assessment_id)
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER narratives_locked_insert BEFORE INSERT ON narratives
    WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER narratives_locked_update BEFORE UPDATE ON narratives
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised' OR (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER narratives_locked_delete BEFORE DELETE ON narratives
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
      AND NOT EXISTS (SELECT 1 FROM assessments a JOIN erasure_register r ON r.child_id = a.child_id
                      WHERE a.id = OLD.assessment_id)
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER actions_locked_insert BEFORE INSERT ON actions
    WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalised'
      OR (SELECT a.status FROM actions x JOIN assessments a ON a.id = x.assessment_id WHERE x.id = NEW.id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    -- The result of an action is recorded at review, after the plan was finalised: the one
    -- column of a finalised checklist that may change.
    CREATE TRIGGER actions_locked_update BEFORE UPDATE ON actions
    WHEN NEW.id IS NOT OLD.id OR NEW.assessment_id IS NOT OLD.assessment_id
      OR ((SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
          AND (NEW.what IS NOT OLD.what OR NEW.who IS NOT OLD.who OR NEW.agency IS NOT OLD.agency
               OR NEW.by_when IS NOT OLD.by_when OR NEW.target_grade IS NOT OLD.target_grade
               OR NEW.area_id IS NOT OLD.area_id))
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER actions_locked_delete BEFORE DELETE ON actions
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
      AND NOT EXISTS (SELECT 1 FROM assessments a JOIN erasure_register r ON r.child_id = a.child_id
                      WHERE a.id = OLD.assessment_id)
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;

    -- The audit log: a row is sealed once (its hash columns set from NULL, nothing else
    -- changed), and an erased child's rows lose their values and nonce, nothing else; a
    -- household's rows likewise once the household is gone.
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
      OR NEW.action IS NOT OLD.action OR NEW.record_type IS NOT OLD.record_type
      OR NEW.record_id IS NOT OLD.record_id OR NEW.child_id IS NOT OLD.child_id OR NEW.field IS NOT OLD.field
      OR NOT (
          (OLD.chain_hash IS NULL AND OLD.content_hash IS NULL AND OLD.nonce IS NULL
           AND NEW.old_value IS OLD.old_value AND NEW.new_value IS OLD.new_value)
          OR
          ((EXISTS (SELECT 1 FROM erasure_register WHERE child_id = OLD.child_id)
            OR (OLD.record_type = 'household' AND NOT EXISTS (SELECT 1 FROM households WHERE id = OLD.record_id)))
           AND NEW.content_hash IS OLD.content_hash AND NEW.chain_hash IS OLD.chain_hash AND NEW.nonce IS NULL
           AND coalesce(NEW.old_value, '[erased]') = '[erased]' AND (NEW.old_value IS NULL) = (OLD.old_value IS NULL)
           AND coalesce(NEW.new_value, '[erased]') = '[erased]' AND (NEW.new_value IS NULL) = (OLD.new_value IS NULL)))
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    "#,
    // 8 (issue 14): more of the summary behind "needs attention":
    // areas worse since the previous round, serious items nobody knows, the latest round's
    // actions without a result (JSON [[due, what], ...]) and the earliest of their due dates.
    // The rows are emptied so the next open rebuilds every child's summary with the new
    // fields and the new rules (urgent items from every agency, serious items).
    r#"
    DELETE FROM child_status;
    ALTER TABLE child_status ADD COLUMN worse TEXT;
    ALTER TABLE child_status ADD COLUMN unknown_serious TEXT;
    ALTER TABLE child_status ADD COLUMN open_actions TEXT;
    ALTER TABLE child_status ADD COLUMN open_action_due TEXT;
    "#,
    // 9 (checklist content 1.1): a recorded disability or long-term condition becomes a field of
    // its own, because the checklist's disability items apply only to a child who has one. Until
    // now it was free text only: any text there is taken as a recorded disability (the text
    // stays as its description), so no child who had one loses the items.
    r#"
    ALTER TABLE children ADD COLUMN has_disability INTEGER NOT NULL DEFAULT 0 CHECK (has_disability IN (0, 1));
    UPDATE children SET has_disability = 1 WHERE length(trim(disability_needs)) > 0;
    "#,
    // 10 (issue 19): who amended a checklist, and when. An amendment keeps the original's assessor
    // (whose grades it corrects), so the name of the person who changed it was only in the audit
    // log; an imported amendment did not carry it at all. Amendments made here before this
    // version take it from their "amend" audit row (the lock trigger is set aside for that one
    // update and recreated as migration 7 wrote it); imported ones stay unknown (NULL, shown as
    // "not recorded").
    r#"
    ALTER TABLE assessments ADD COLUMN amended_by TEXT;
    ALTER TABLE assessments ADD COLUMN amended_at TEXT;
    DROP TRIGGER IF EXISTS assessments_locked_update;
    UPDATE assessments SET
        amended_by = (SELECT l.actor FROM audit_log l WHERE l.action = 'amend' AND l.record_type = 'assessment'
                      AND l.record_id = assessments.id ORDER BY l.id LIMIT 1),
        amended_at = (SELECT l.at FROM audit_log l WHERE l.action = 'amend' AND l.record_type = 'assessment'
                      AND l.record_id = assessments.id ORDER BY l.id LIMIT 1)
    WHERE amends_id IS NOT NULL;
    CREATE TRIGGER assessments_locked_update BEFORE UPDATE ON assessments
    WHEN OLD.status = 'finalised' OR NEW.id IS NOT OLD.id OR (SELECT status FROM assessments WHERE id = NEW.id) = 'finalised'
      OR (NEW.amends_id IS NOT OLD.amends_id AND (SELECT status FROM assessments WHERE id = NEW.amends_id) = 'finalised')
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    "#,
    // 11 (issue 17): the household's adults and the multi-agency chronology. An adult belongs to
    // a household and is linked to each child they stand in a relationship to; services are the
    // stored names, comma-separated. Events are append-only: a correction is a new row naming the
    // one it corrects (each version corrected at most once), and only erasing the child removes
    // them. The audit log's rows about an adult may be blanked once the adult is gone (their
    // household erased with its last child), as a household's already may. Idempotent: a file
    // set back to an earlier version runs it again.
    r#"
    CREATE TABLE IF NOT EXISTS adults (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        household_id INTEGER NOT NULL REFERENCES households (id),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        services TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS adults_household ON adults (household_id);
    CREATE TABLE IF NOT EXISTS adult_children (
        adult_id INTEGER NOT NULL REFERENCES adults (id),
        child_id INTEGER NOT NULL REFERENCES children (id),
        relationship TEXT NOT NULL,
        parental_responsibility INTEGER NOT NULL CHECK (parental_responsibility IN (0, 1)),
        PRIMARY KEY (adult_id, child_id)
    );
    CREATE INDEX IF NOT EXISTS adult_children_child ON adult_children (child_id);
    CREATE TABLE IF NOT EXISTS events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        child_id INTEGER NOT NULL REFERENCES children (id),
        event_date TEXT NOT NULL,
        event_time TEXT,
        kind TEXT NOT NULL,
        agency TEXT NOT NULL,
        what_happened TEXT NOT NULL,
        impact TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('typed', 'automatic', 'imported')),
        corrects INTEGER UNIQUE REFERENCES events (id),
        correction_reason TEXT
    );
    -- The timeline: one child's events by date, read from the index alone in date order.
    CREATE INDEX IF NOT EXISTS events_child_date ON events (child_id, event_date, event_time);
    CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'a chronology event is corrected, never changed'); END;
    CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
    WHEN NOT EXISTS (SELECT 1 FROM erasure_register WHERE child_id = OLD.child_id)
    BEGIN SELECT RAISE(ABORT, 'a chronology event is corrected, never changed'); END;
    DROP TRIGGER IF EXISTS audit_log_no_update;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
      OR NEW.action IS NOT OLD.action OR NEW.record_type IS NOT OLD.record_type
      OR NEW.record_id IS NOT OLD.record_id OR NEW.child_id IS NOT OLD.child_id OR NEW.field IS NOT OLD.field
      OR NOT (
          (OLD.chain_hash IS NULL AND OLD.content_hash IS NULL AND OLD.nonce IS NULL
           AND NEW.old_value IS OLD.old_value AND NEW.new_value IS OLD.new_value)
          OR
          ((EXISTS (SELECT 1 FROM erasure_register WHERE child_id = OLD.child_id)
            OR (OLD.record_type = 'household' AND NOT EXISTS (SELECT 1 FROM households WHERE id = OLD.record_id))
            OR (OLD.record_type = 'adult' AND NOT EXISTS (SELECT 1 FROM adults WHERE id = OLD.record_id)))
           AND NEW.content_hash IS OLD.content_hash AND NEW.chain_hash IS OLD.chain_hash AND NEW.nonce IS NULL
           AND coalesce(NEW.old_value, '[erased]') = '[erased]' AND (NEW.old_value IS NULL) = (OLD.old_value IS NULL)
           AND coalesce(NEW.new_value, '[erased]') = '[erased]' AND (NEW.new_value IS NULL) = (OLD.new_value IS NULL)))
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    "#,
    // 12 (issue 18): plans over time, management oversight, case references, the core group's
    // meetings and carers' engagement.
    // A child's plans: early help, child in need, or child protection with its category; one
    // current (open) plan at a time, and an ended plan has its outcome. Today's plan start and
    // category become each child's first plan, still open (a child protection plan: the only
    // kind recorded until now); a category with no start date stays on the child, as before.
    // A manager's review of a finalised checklist is append-only like the checklist it reviews:
    // triggers refuse any change, and removal happens only when the child is erased.
    // The two plan prompts are kept beside the home list's summary, in a table of their own,
    // filled when a child's summary is. Every statement may run twice (a file moved back a
    // version by hand): tables, indexes and triggers "if not exists", and the plans copied only
    // from children whose columns are still set.
    r#"
    CREATE TABLE IF NOT EXISTS plans (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        child_id INTEGER NOT NULL REFERENCES children (id),
        plan_type TEXT NOT NULL CHECK (plan_type IN ('early_help', 'child_in_need', 'child_protection')),
        category TEXT CHECK (category IN ('neglect', 'emotional_abuse', 'physical_abuse', 'sexual_abuse',
                                          'multiple_categories')),
        started_on TEXT NOT NULL,
        ended_on TEXT,
        outcome TEXT CHECK (outcome IN ('stepped_down_to_child_in_need', 'stepped_down_to_early_help', 'closed',
                                        'pre_proceedings', 'care_proceedings', 'child_looked_after')),
        created_at TEXT NOT NULL,
        CHECK ((plan_type = 'child_protection') = (category IS NOT NULL)),
        CHECK ((ended_on IS NULL) = (outcome IS NULL)),
        CHECK (ended_on IS NULL OR ended_on >= started_on)
    );
    CREATE INDEX IF NOT EXISTS plans_child ON plans (child_id, started_on);
    CREATE UNIQUE INDEX IF NOT EXISTS plans_one_current ON plans (child_id) WHERE ended_on IS NULL;
    INSERT INTO plans (child_id, plan_type, category, started_on, created_at)
        SELECT id, 'child_protection', plan_category, plan_start, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
        FROM children WHERE plan_start IS NOT NULL AND plan_category IS NOT NULL ORDER BY id;
    UPDATE children SET plan_category = NULL, plan_start = NULL
        WHERE plan_start IS NOT NULL AND plan_category IS NOT NULL;

    CREATE TABLE IF NOT EXISTS manager_reviews (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        assessment_id INTEGER NOT NULL REFERENCES assessments (id),
        manager_name TEXT NOT NULL CHECK (length(trim(manager_name)) > 0),
        manager_role TEXT NOT NULL DEFAULT '',
        reviewed_on TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('agreed', 'agreed_with_changes', 'discuss_in_supervision')),
        comment TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS manager_reviews_assessment ON manager_reviews (assessment_id);
    CREATE TRIGGER IF NOT EXISTS manager_reviews_of_finalised BEFORE INSERT ON manager_reviews
    WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) IS NOT 'finalised'
    BEGIN SELECT RAISE(ABORT, 'only a finalised checklist can be reviewed'); END;
    CREATE TRIGGER IF NOT EXISTS manager_reviews_no_update BEFORE UPDATE ON manager_reviews
    BEGIN SELECT RAISE(ABORT, 'a manager review cannot be changed'); END;
    CREATE TRIGGER IF NOT EXISTS manager_reviews_no_delete BEFORE DELETE ON manager_reviews
    WHEN NOT EXISTS (SELECT 1 FROM assessments a JOIN erasure_register r ON r.child_id = a.child_id
                     WHERE a.id = OLD.assessment_id)
    BEGIN SELECT RAISE(ABORT, 'a manager review cannot be changed'); END;

    -- A child's case references (empty text: not recorded); one child per NHS number.
    CREATE TABLE IF NOT EXISTS case_references (
        child_id INTEGER PRIMARY KEY REFERENCES children (id),
        la_case_number TEXT NOT NULL DEFAULT '',
        nhs_number TEXT NOT NULL DEFAULT '',
        unique_pupil_number TEXT NOT NULL DEFAULT ''
    );
    CREATE UNIQUE INDEX IF NOT EXISTS case_references_nhs ON case_references (nhs_number) WHERE nhs_number != '';

    -- The core group's meeting of a round: agency lists and agreed grades (with dissent) as JSON.
    CREATE TABLE IF NOT EXISTS core_group_meetings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        child_id INTEGER NOT NULL REFERENCES children (id),
        held_on TEXT NOT NULL,
        agencies_present TEXT NOT NULL,
        agencies_absent TEXT NOT NULL,
        not_involved TEXT NOT NULL,
        agreed TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS core_group_meetings_child ON core_group_meetings (child_id, held_on);
    CREATE TABLE IF NOT EXISTS engagement_ratings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        child_id INTEGER NOT NULL REFERENCES children (id),
        rated_on TEXT NOT NULL,
        carer TEXT NOT NULL CHECK (length(trim(carer)) > 0),
        engagement INTEGER NOT NULL CHECK (engagement BETWEEN 1 AND 5),
        created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS engagement_ratings_child ON engagement_ratings (child_id, rated_on);

    -- Prompts from plans and the core group, for the home list, filled with the child's summary.
    CREATE TABLE IF NOT EXISTS plan_prompts (
        child_id INTEGER PRIMARY KEY REFERENCES children (id),
        step_down TEXT,
        escalation TEXT,
        missing_agencies TEXT,
        engagement TEXT
    );
    "#,
    // 13 (issue 17): which adult of the child's household a checklist item concerns (optional).
    // A side table rather than a column of `item_grades`: ALTER TABLE ADD COLUMN cannot run twice
    // (a file set back a version runs this again), and rebuilding `item_grades` would mean
    // recreating its lock triggers. A row exists only for an item that names an adult, beside its
    // grade; the same locks hold as for the grade (nothing added, changed or removed once the
    // checklist is finalised) with two exceptions: erasing the child, and the adult's own erasure
    // (their household emptied of children: only erasing its last child does that), so that a
    // reference never outlives the adult and never fails a foreign key.
    r#"
    CREATE TABLE IF NOT EXISTS item_adults (
        assessment_id INTEGER NOT NULL REFERENCES assessments (id),
        item_id TEXT NOT NULL,
        adult_id INTEGER NOT NULL REFERENCES adults (id),
        PRIMARY KEY (assessment_id, item_id)
    );
    CREATE INDEX IF NOT EXISTS item_adults_adult ON item_adults (adult_id);
    CREATE TRIGGER IF NOT EXISTS item_adults_locked_insert BEFORE INSERT ON item_adults
    WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER IF NOT EXISTS item_adults_locked_update BEFORE UPDATE ON item_adults
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
      OR (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'finalised'
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    CREATE TRIGGER IF NOT EXISTS item_adults_locked_delete BEFORE DELETE ON item_adults
    WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'finalised'
      AND NOT EXISTS (SELECT 1 FROM assessments a JOIN erasure_register r ON r.child_id = a.child_id
                      WHERE a.id = OLD.assessment_id)
      AND EXISTS (SELECT 1 FROM adults ad JOIN children c ON c.household_id = ad.household_id
                  WHERE ad.id = OLD.adult_id)
    BEGIN SELECT RAISE(ABORT, 'a finalised assessment cannot be changed'); END;
    "#,
    // 14 (issue 23): indexes for what the home screen works out once after unlock, each with a
    // partial condition so that it holds only the rows those queries ask for. Without them the
    // needs-attention list read each child's checklist rows from the table to find its latest
    // finalised one and those with no manager's review (the index holds date, id and
    // finalising time, so both are read from it alone), and "drafts in progress" read every
    // checklist in the file to find the few drafts: 44 to 56 ms at 10,000 children x 8, now
    // under 0.1 ms. "Not seen alone" is read from a small index of the narratives that say
    // so; the "was not brought" count reads events by kind and date, not every event. The
    // list at 10,000: 310 to 445 ms before, 282 ms with these indexes, 220 ms with its query
    // rewrite too (README, "Speed and footprint").
    r#"
    CREATE INDEX IF NOT EXISTS assessments_finalised ON assessments (child_id, assessed_on, id, finalised_at)
        WHERE status = 'finalised';
    CREATE INDEX IF NOT EXISTS assessments_drafts ON assessments (child_id) WHERE status = 'draft';
    CREATE INDEX IF NOT EXISTS narratives_not_seen_alone ON narratives (assessment_id)
        WHERE section = 'voice_gap' AND text = 'not_seen_alone';
    CREATE INDEX IF NOT EXISTS events_kind_date ON events (kind, event_date, child_id);
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
    // SQLite's table-rebuild recipe (migration 7): foreign keys off while a table is dropped and
    // its copy renamed (the copy keeps every id, so every reference still holds), on again after.
    let foreign_keys: i64 = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = (|| -> Result<()> {
        for version in (current + 1)..=target {
            let tx = conn.transaction()?;
            tx.execute_batch(MIGRATIONS[(version - 1) as usize])?;
            tx.pragma_update(None, "user_version", version)?;
            tx.commit()?;
        }
        Ok(())
    })();
    conn.pragma_update(None, "foreign_keys", foreign_keys)?;
    result?;
    // Rows written before the chain existed (or by a migration) are sealed in id order.
    let chained: bool =
        conn.query_row("SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'chain_hash'", [], |r| {
            r.get::<_, i64>(0).map(|n| n > 0)
        })?;
    if chained {
        let tx = conn.transaction()?;
        super::audit::seal_unsealed(&tx)?;
        tx.commit()?;
    }
    Ok(())
}
