//! Storage on real SQLCipher files: migrations, crash safety, locking, amendments, audit,
//! encryption, backup and restore, erasure.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use ntk_core::assessment::AssessmentStatus;
use ntk_core::error::CoreError;
use ntk_core::model::AgeBand;
use ntk_core::scoring::Grade;
use ntk_core::store::{Store, MIGRATIONS, SCHEMA_VERSION};
use rusqlite::Connection;
use support::*;

fn raw(db: &std::path::Path) -> Connection {
    let conn = Connection::open(db).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    conn
}

#[test]
fn a_new_database_gets_every_migration_and_the_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let store = new_store(dir.path());
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let conn = raw(&db_in(dir.path()));
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn every_earlier_schema_version_migrates_forward_keeping_its_data() {
    for from in 1..SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let db = db_in(dir.path());
        {
            let conn = raw(&db);
            for (i, sql) in MIGRATIONS.iter().take(from as usize).enumerate() {
                conn.execute_batch(sql).unwrap();
                conn.pragma_update(None, "user_version", i as i64 + 1).unwrap();
            }
            conn.execute(
                "INSERT INTO children (name, date_of_birth, created_at) VALUES ('Ada Oldversion', '2018-03-01', 'then')",
                [],
            )
            .unwrap();
        }
        let mut store = Store::open(&db, PASSPHRASE, "Test Worker").unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION, "from version {from}");
        let children = store.list_children().unwrap();
        assert_eq!(children[0].name, "Ada Oldversion");
        // The migrated file works for everything added since.
        let a = store
            .start_assessment(children[0].id, &start_form("Sam Worker", "Children's services", "2026-11-01"), today())
            .unwrap();
        assert_eq!(a.status, AssessmentStatus::Draft);
    }
}

#[test]
fn a_wrong_passphrase_is_refused_and_reveals_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    let mut store = new_store(dir.path());
    store.add_child(&child_form("Secretname Child", "2020-01-01", "Quietstreet household"), today()).unwrap();
    drop(store);
    match Store::open(&db, "not the passphrase", "Someone") {
        Err(CoreError::WrongPassphrase) => {}
        Err(e) => panic!("unexpected error: {e}"),
        Ok(_) => panic!("opened with a wrong passphrase"),
    }
    let bytes = file_bytes(&db);
    assert!(!contains(&bytes, "Secretname"), "a child's name is readable in the file");
    assert!(!contains(&bytes, "Quietstreet"));
    assert!(!contains(&bytes, "SQLite format 3"), "the file header is not encrypted");
    // The system sqlite3 (no SQLCipher) cannot read it either (a Debian tool; not on Windows).
    #[cfg(unix)]
    {
        let out = Command::new("sqlite3").arg(&db).arg("SELECT name FROM children").output().unwrap();
        assert!(!out.status.success());
        assert!(!String::from_utf8_lossy(&out.stdout).contains("Secretname"));
    }
}

#[test]
fn the_passphrase_can_be_changed_and_the_old_one_then_fails() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    let mut store = new_store(dir.path());
    store.add_child(&child_form("Rekey Child", "2021-06-01", ""), today()).unwrap();
    assert!(matches!(
        store.change_passphrase("wrong old one", "a brand new passphrase"),
        Err(CoreError::WrongPassphrase)
    ));
    assert!(matches!(store.change_passphrase(PASSPHRASE, "short"), Err(CoreError::Invalid { .. })));
    store.change_passphrase(PASSPHRASE, "a brand new passphrase").unwrap();
    drop(store);
    assert!(matches!(Store::open(&db, PASSPHRASE, "x"), Err(CoreError::WrongPassphrase)));
    let store = Store::open(&db, "a brand new passphrase", "x").unwrap();
    assert_eq!(store.list_children().unwrap()[0].name, "Rekey Child");
}

/// Not a test on its own: the child process of `a_kill_during_draft_saves_keeps_the_last_acknowledged_save`.
#[test]
fn crash_writer_child() {
    let Ok(dir) = std::env::var("NTK_CRASH_WRITER_DIR") else { return };
    let mut store = Store::open(&db_in(std::path::Path::new(&dir)), PASSPHRASE, "Writer").unwrap();
    let assessment_id: i64 = std::env::var("NTK_CRASH_ASSESSMENT").unwrap().parse().unwrap();
    for n in 1.. {
        store
            .save_item(assessment_id, &graded("physical.food.regular-meals", Grade::G3, &format!("save {n}")), today())
            .unwrap();
        println!("saved {n}");
    }
}

#[test]
fn a_kill_during_draft_saves_keeps_the_last_acknowledged_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Crash Child", "2019-02-02", ""), today()).unwrap();
    let a =
        store.start_assessment(child.id, &start_form("Sam Worker", "Health visiting", "2026-11-01"), today()).unwrap();
    drop(store);

    let mut writer = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_writer_child", "--nocapture", "--test-threads=1"])
        .env("NTK_CRASH_WRITER_DIR", dir.path())
        .env("NTK_CRASH_ASSESSMENT", a.id.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut last_ack = 0;
    for line in BufReader::new(writer.stdout.take().unwrap()).lines() {
        if let Some(n) = line.unwrap().strip_prefix("saved ") {
            last_ack = n.parse().unwrap();
            if last_ack >= 40 {
                break;
            }
        }
    }
    // SIGKILL on Unix, TerminateProcess on Windows: no destructor, no checkpoint, mid-write if
    // the timing falls that way.
    writer.kill().unwrap();
    writer.wait().unwrap();

    let store = Store::open(&db_in(dir.path()), PASSPHRASE, "After crash").unwrap();
    let item = store.get_assessment(a.id).unwrap().items.into_iter().next().unwrap();
    let saved: u32 = item.evidence.strip_prefix("save ").unwrap().parse().unwrap();
    assert!(saved >= last_ack, "acknowledged save {last_ack} was lost (file has {saved})");
    let conn = raw(&db_in(dir.path()));
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn a_finalised_assessment_refuses_every_edit_in_the_store_and_in_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Locked Child", "2018-04-04", ""), today()).unwrap();
    let a = store
        .start_assessment(child.id, &start_form("Sam Worker", "Children's services", "2026-11-01"), today())
        .unwrap();

    let early = store.finalise(a.id).unwrap_err().to_string();
    assert!(early.contains("has not been confirmed"), "{early}");

    complete(&mut store, a.id, AgeBand::Primary, Grade::G2);
    store.save_narrative(a.id, "strengths", None, "Grandmother visits daily.").unwrap();
    let action = store
        .add_action(
            a.id,
            &ntk_core::store::ActionForm {
                what: "Attend dentist".into(),
                who: "Parent".into(),
                agency: "Family".into(),
                by_when: "2027-01-15".into(),
                target_grade: Some(2),
                area_id: Some("physical".into()),
            },
        )
        .unwrap();
    let finalised = store.finalise(a.id).unwrap();
    assert_eq!(finalised.status, AssessmentStatus::Finalised);

    let refused = |r: Result<_, CoreError>| match r {
        Err(CoreError::Refused(m)) => assert!(m.contains("finalised"), "{m}"),
        other => panic!("expected a refusal, got {:?}", other.map(|_| ())),
    };
    refused(
        store.save_item(a.id, &graded("physical.food.regular-meals", Grade::G5, "changed later"), today()).map(|_| ()),
    );
    refused(store.confirm_area(a.id, "physical", 4, "changed my mind").map(|_| ()));
    refused(store.save_narrative(a.id, "strengths", None, "rewritten").map(|_| ()));
    refused(store.delete_action(action.id));
    refused(store.discard_draft(a.id));
    // The result of an action may still be recorded at review.
    store.record_action_result(action.id, "Done: check-up attended in January.").unwrap();

    // Even raw SQL, bypassing the store, is refused by the schema.
    let conn = raw(&db_in(dir.path()));
    for sql in [
        "UPDATE item_grades SET grade = '5'",
        "DELETE FROM item_grades",
        "UPDATE assessments SET assessed_on = '2026-01-01'",
        "DELETE FROM assessments",
        "UPDATE narratives SET text = 'x'",
        "UPDATE area_confirmations SET confirmed = 5",
        "UPDATE actions SET what = 'something else'",
    ] {
        let err = conn.execute(sql, []).expect_err(sql).to_string();
        assert!(err.contains("finalised assessment cannot be changed"), "{sql}: {err}");
    }
    assert_eq!(store.get_assessment(a.id).unwrap().items.len(), finalised.items.len());
}

#[test]
fn an_amendment_keeps_the_original_and_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Amend Child", "2017-07-07", ""), today()).unwrap();
    let a = store.start_assessment(child.id, &start_form("Sam Worker", "School", "2026-10-01"), today()).unwrap();
    complete(&mut store, a.id, AgeBand::Primary, Grade::G3);
    let original = store.finalise(a.id).unwrap();

    assert!(store.amend(a.id, "  ").is_err(), "an amendment needs a reason");
    let amendment = store.amend(a.id, "Wrong item graded for school meals.").unwrap();
    assert_eq!(amendment.status, AssessmentStatus::Draft);
    assert_eq!(amendment.amends, Some(a.id));
    assert_eq!(amendment.amendment_reason.as_deref(), Some("Wrong item graded for school meals."));
    assert_eq!(amendment.items, original.items);
    store
        .save_item(
            amendment.id,
            &graded("physical.food.regular-meals", Grade::G4, "Corrected: no breakfast most days."),
            today(),
        )
        .unwrap();
    store.finalise(amendment.id).unwrap();

    assert_eq!(store.get_assessment(a.id).unwrap(), original, "the original is untouched");
    let log = store.audit_log(Some("assessment"), Some(amendment.id)).unwrap();
    assert!(log.iter().any(|e| e.action == "amend"));
}

#[test]
fn the_audit_log_records_every_change_and_cannot_be_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Audit Child", "2016-01-01", "Audit household"), today()).unwrap();
    let mut form = child_form("Audit Child-Renamed", "2016-01-01", "Audit household");
    form.communication_needs = "Uses Makaton".into();
    store.update_child(child.id, &form, today()).unwrap();
    let a = store.start_assessment(child.id, &start_form("Sam Worker", "Police", "2026-11-02"), today()).unwrap();
    store.save_item(a.id, &graded("physical.food.regular-meals", Grade::G2, "first"), today()).unwrap();
    store.save_item(a.id, &graded("physical.food.regular-meals", Grade::G3, "second"), today()).unwrap();

    let renames: Vec<_> =
        store.audit_log(Some("child"), Some(child.id)).unwrap().into_iter().filter(|e| e.action == "update").collect();
    assert_eq!(renames.len(), 2, "{renames:?}");
    let name = renames.iter().find(|e| e.field.as_deref() == Some("name")).unwrap();
    assert_eq!(
        (name.old_value.as_deref(), name.new_value.as_deref()),
        (Some("Audit Child"), Some("Audit Child-Renamed"))
    );
    assert_eq!(name.actor, "Test Worker");
    let grade_changes: Vec<_> = store.audit_log(Some("assessment"), Some(a.id)).unwrap();
    let last = &grade_changes[0];
    assert!(
        last.old_value.as_deref().unwrap().contains("first") && last.new_value.as_deref().unwrap().contains("second")
    );

    let conn = raw(&db_in(dir.path()));
    for sql in [
        "UPDATE audit_log SET actor = 'someone else'",
        "DELETE FROM audit_log",
        "UPDATE audit_log SET new_value = '[erased]'",
    ] {
        let err = conn.execute(sql, []).expect_err(sql).to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn a_backup_round_trips_and_restore_is_verified() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Backup Child", "2015-05-05", ""), today()).unwrap();
    let a = store.start_assessment(child.id, &start_form("Sam Worker", "Health", "2026-11-03"), today()).unwrap();
    complete(&mut store, a.id, AgeBand::Primary, Grade::G2);
    store.finalise(a.id).unwrap();
    let before = store.get_assessment(a.id).unwrap();

    let backup = dir.path().join("backup.ntkbackup");
    let report = store.backup_to(&backup).unwrap();
    assert_eq!((report.children, report.assessments), (1, 1));
    assert!(!contains(&std::fs::read(&backup).unwrap(), "Backup Child"), "the backup is encrypted");

    // Damage the live records after the backup, then restore.
    store.add_child(&child_form("Added After Backup", "2020-01-01", ""), today()).unwrap();
    drop(store);
    assert!(Store::restore(&backup, &db, "wrong passphrase here", "x").is_err());
    let (store, _) = Store::restore(&backup, &db, PASSPHRASE, "Restorer").unwrap();
    let names: Vec<String> = store.list_children().unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["Backup Child"]);
    assert_eq!(store.get_assessment(a.id).unwrap(), before);
    assert!(db.with_extension("db.before-restore").exists(), "the replaced records are kept aside");

    // A file that is not a backup is refused and changes nothing.
    let junk = dir.path().join("junk.ntkbackup");
    std::fs::write(&junk, b"this is not a database at all, just some text").unwrap();
    drop(store);
    let err = Store::restore(&junk, &db, PASSPHRASE, "x").map(|_| ()).unwrap_err().to_string();
    assert!(err.contains("not a Neglect Toolkit backup") || err.contains("different passphrase"), "{err}");
    let store = Store::open(&db, PASSPHRASE, "x").unwrap();
    assert_eq!(store.list_children().unwrap().len(), 1);
}

#[test]
fn erasing_a_child_removes_everything_and_leaves_only_the_fact_in_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    let mut store = new_store(dir.path());
    let erased = store.add_child(&child_form("Eraseme Quickly", "2014-09-09", "Erasehouse"), today()).unwrap();
    let kept = store.add_child(&child_form("Keepme Safely", "2013-03-03", "Otherhouse"), today()).unwrap();
    let a = store.start_assessment(erased.id, &start_form("Sam Worker", "Health", "2026-11-03"), today()).unwrap();
    complete(&mut store, a.id, AgeBand::Primary, Grade::G4);
    store.save_narrative(a.id, "worries", None, "Distinctive-worry-phrase about the home.").unwrap();
    store.finalise(a.id).unwrap();

    store.erase_child(erased.id).unwrap();
    assert!(store.get_child(erased.id).is_err());
    assert!(store.get_assessment(a.id).is_err());
    assert_eq!(store.list_children().unwrap(), vec![store.get_child(kept.id).unwrap()]);
    assert_eq!(store.list_households().unwrap().len(), 1, "the emptied household is gone");
    let log = store.audit_log(None, None).unwrap();
    assert_eq!(log[0].action, "erase");
    assert_eq!((log[0].old_value.clone(), log[0].new_value.clone()), (None, None));
    for entry in &log {
        for value in [&entry.old_value, &entry.new_value].into_iter().flatten() {
            assert!(
                !value.contains("Eraseme") && !value.contains("Distinctive-worry") && !value.contains("Erasehouse"),
                "{entry:?}"
            );
        }
    }
    // Nothing is left anywhere in the decrypted pages either.
    drop(store);
    let conn = raw(&db);
    let dump: String = conn
        .query_row(
            "SELECT group_concat(coalesce(old_value,'') || coalesce(new_value,''), ' ') FROM audit_log",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!dump.contains("Eraseme"));
    assert!(dump.contains("Keepme"), "other children's history stays");
}

#[test]
fn the_needs_attention_list_names_overdue_reviews_urgent_items_drift_and_the_lost_sibling() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let older = store.add_child(&child_form("Older Sibling", "2016-02-02", "Attention household"), today()).unwrap();
    let baby = store.add_child(&child_form("Baby Sibling", "2026-05-05", "Attention household"), today()).unwrap();
    let alone = store.add_child(&child_form("Overdue Child", "2015-03-03", ""), today()).unwrap();
    // Older sibling: a current checklist with one item graded 5.
    let a = store.start_assessment(older.id, &start_form("Sam Worker", "Health", "2026-11-01"), today()).unwrap();
    complete(&mut store, a.id, AgeBand::Primary, Grade::G2);
    store
        .save_item(
            a.id,
            &graded("physical.food.regular-meals", Grade::G5, "No food in the house on two visits."),
            today(),
        )
        .unwrap();
    store.finalise(a.id).unwrap();
    // Overdue child: last checklist in May, review interval 3 months.
    let b = store.start_assessment(alone.id, &start_form("Sam Worker", "Health", "2026-05-01"), today()).unwrap();
    complete(&mut store, b.id, AgeBand::Primary, Grade::G3);
    store.finalise(b.id).unwrap();

    let list = store.needs_attention(today()).unwrap();
    let reasons = |id: i64| list.iter().find(|x| x.child.id == id).map(|x| x.reasons.join(" ")).unwrap_or_default();
    assert!(reasons(older.id).contains("Urgent item (graded 5) in the latest checklist: Physical care."), "{list:?}");
    assert!(
        reasons(baby.id).contains("Not yet assessed, while a brother or sister has a current checklist."),
        "{list:?}"
    );
    assert!(reasons(alone.id).contains("Review overdue since 1 Aug 2026."), "{list:?}");
    // The same answers after reopening (the summary is stored) and after a rebuild.
    drop(store);
    let mut store = Store::open(&db_in(dir.path()), PASSPHRASE, "x").unwrap();
    store.rebuild_child_status().unwrap();
    assert_eq!(store.needs_attention(today()).unwrap(), list);
}

#[test]
fn a_new_checklist_joins_a_round_by_the_rule_the_history_uses() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Round Child", "2019-02-02", ""), today()).unwrap();
    let mut start = |who: &str, agency: &str, on: &str| {
        store.start_assessment(child.id, &start_form(who, agency, on), today()).unwrap().review_round
    };
    assert_eq!(start("Sam Worker", "Children's services", "2026-06-01"), 1);
    assert_eq!(start("Pat Nurse", "Health visiting", "2026-06-21"), 1, "20 days after the round's first");
    // 20 days after the last checklist but 40 after the round's first: a round never creeps on.
    assert_eq!(start("Lee Teacher", "School", "2026-07-11"), 2);
    assert_eq!(start("Sam Worker", "Children's services", "2026-07-15"), 2);
    // The same assessor again within the round: a new round, as the history counts it.
    assert_eq!(start("Sam Worker", "Children's services", "2026-07-20"), 3);
    // Dated just before an earlier round began (an agency's checklist entered late) joins it.
    assert_eq!(start("Ash Officer", "Police", "2026-05-28"), 1);
}

/// Every column that refers to another table leads some index: otherwise loading a record's
/// rows (or deleting the record it refers to) reads the whole table, which no small test
/// notices but 10,000 children do (a checklist's actions once cost 400 ms per history).
#[test]
fn every_reference_between_tables_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    drop(new_store(dir.path()));
    let conn = raw(&db_in(dir.path()));
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut unindexed = Vec::new();
    for table in &tables {
        let references: Vec<(String, String)> = conn
            .prepare(&format!("SELECT \"from\", \"table\" FROM pragma_foreign_key_list('{table}')"))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        // The first column of each index on the table; a composite primary key counts, as
        // SQLite keeps it as an index.
        let leading: Vec<String> = conn
            .prepare(&format!(
                "SELECT (SELECT name FROM pragma_index_info(il.name) WHERE seqno = 0)
                 FROM pragma_index_list('{table}') il"
            ))
            .unwrap()
            .query_map([], |r| r.get::<_, Option<String>>(0))
            .unwrap()
            .filter_map(|c| c.unwrap())
            .collect();
        let integer_key: Option<String> = conn
            .query_row(
                &format!("SELECT name FROM pragma_table_info('{table}') WHERE pk = 1 AND type = 'INTEGER'"),
                [],
                |r| r.get(0),
            )
            .ok();
        for (column, parent) in references {
            if !leading.contains(&column) && integer_key.as_deref() != Some(column.as_str()) {
                unindexed.push(format!("{table}.{column} -> {parent}"));
            }
        }
    }
    assert!(unindexed.is_empty(), "references without an index: {unindexed:?}");
}
