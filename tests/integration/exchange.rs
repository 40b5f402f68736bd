//! Sharing between agencies (export, preview, import, encryption) and the partnership dataset,
//! on real database files. Every name, date and note is invented.

use std::cell::RefCell;
use std::path::Path;

use crate::support::*;
use ntk_core::assessment::{Assessment, AssessmentStatus, ItemRecord};
use ntk_core::dataset::to_csv;
use ntk_core::error::CoreError;
use ntk_core::exchange::{is_encrypted, ImportOutcome, FORMAT_VERSION};
use ntk_core::model::{AgeBand, PlanCategory};
use ntk_core::scoring::Grade;
use ntk_core::store::{ActionForm, Store};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rusqlite::Connection;
use serde_json::Value;

const OTHER_PASSPHRASE: &str = "the lead practitioner's own passphrase";
const FILE_PASSPHRASE: &str = "shared over the phone, not by email";
const TABLES: [&str; 10] = [
    "children",
    "households",
    "practitioners",
    "assessments",
    "item_grades",
    "area_confirmations",
    "narratives",
    "actions",
    "audit_log",
    "settings",
];

/// A second, empty database at another path with another passphrase: the lead practitioner's.
fn receiver(dir: &Path) -> Store {
    Store::create(&dir.join("lead.db"), OTHER_PASSPHRASE, "Lead Practitioner").unwrap()
}

/// A raw connection to a database, to count rows behind the store's back.
fn raw(db: &Path, passphrase: &str) -> Connection {
    let conn = Connection::open(db).unwrap();
    conn.pragma_update(None, "key", passphrase).unwrap();
    conn
}

fn counts(conn: &Connection) -> Vec<i64> {
    TABLES.iter().map(|t| conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap()).collect()
}

fn action(what: &str) -> ActionForm {
    ActionForm {
        what: what.into(),
        who: "Parent".into(),
        agency: "Family".into(),
        by_when: "2026-12-20".into(),
        target_grade: Some(2),
        area_id: Some("safety".into()),
    }
}

/// Adds a child on a neglect plan with one finalised checklist per `(date, grade)`, each with
/// a narrative, an impact note and an action; the first item's grade is varied so checklists
/// differ. Returns the child's id.
fn child_with_checklists(store: &mut Store, name: &str, dob: &str, checks: &[(&str, Grade, &str)]) -> i64 {
    let mut form = child_form(name, dob, "");
    form.plan_category = Some(PlanCategory::Neglect);
    form.plan_start = "2026-01-10".into();
    form.communication_needs = "Uses Makaton signs at home.".into();
    let child = store.add_child(&form, today()).unwrap();
    for (date, grade, agency) in checks {
        let a = store.start_assessment(child.id, &start_form("Sam Worker", agency, date), today()).unwrap();
        complete(store, a.id, AgeBand::on(child.date_of_birth, d(date)), *grade);
        store.save_narrative(a.id, "worries", None, &format!("Worried about meals ({date}).")).unwrap();
        store.save_narrative(a.id, "childs_voice", None, "\"I like the park.\"").unwrap();
        store.save_narrative(a.id, "impact", Some("safety"), "Hides when adults argue.").unwrap();
        store.add_action(a.id, &action(&format!("Breakfast every school day ({date})"))).unwrap();
        store.finalise(a.id).unwrap();
    }
    child.id
}

/// The source case: two rounds by social care, a health visitor in the second round, an
/// amendment of the first checklist, and a draft that must never leave the building.
fn source_case(store: &mut Store) -> i64 {
    let id = child_with_checklists(
        store,
        "Mirela Invented-Dragomir",
        "2020-03-15",
        &[
            ("2026-02-02", Grade::G3, "Children's Social Care"),
            ("2026-10-05", Grade::G2, "Children's Social Care"),
            ("2026-10-19", Grade::G4, "Health Visiting"),
        ],
    );
    let first = store.assessments_for_child(id).unwrap()[0].id;
    let amendment = store.amend(first, "Wrong grade for regular meals.").unwrap();
    store
        .save_item(
            amendment.id,
            &graded("physical.food.regular-meals", Grade::G4, "Corrected: no breakfast most days."),
            today(),
        )
        .unwrap();
    store.finalise(amendment.id).unwrap();
    let draft =
        store.start_assessment(id, &start_form("Sam Worker", "Children's Social Care", "2026-11-20"), today()).unwrap();
    store.save_narrative(draft.id, "worries", None, "DRAFT NOT TO BE SHARED").unwrap();
    id
}

fn export_bytes(store: &mut Store, child_id: i64, passphrase: Option<&str>) -> Vec<u8> {
    store.export_child(child_id).unwrap().to_bytes(passphrase).unwrap()
}

fn finalised(store: &Store, child_id: i64) -> Vec<Assessment> {
    store
        .assessments_for_child(child_id)
        .unwrap()
        .into_iter()
        .filter(|a| a.status == AssessmentStatus::Finalised)
        .collect()
}

fn edit_json(bytes: &[u8], edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(bytes).unwrap();
    edit(&mut v);
    serde_json::to_vec_pretty(&v).unwrap()
}

fn message(e: CoreError) -> String {
    e.to_string()
}

#[test]
fn a_round_trip_into_an_empty_database_keeps_scores_evidence_narrative_and_actions() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id = source_case(&mut source);
    let bytes = export_bytes(&mut source, child_id, None);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\"format\": \"ntk-exchange\""));
    assert!(!text.contains("DRAFT NOT TO BE SHARED"), "a draft was exported");
    assert!(source.audit_log(Some("child"), Some(child_id)).unwrap().iter().any(|e| e.action == "export"));

    let mut lead = receiver(dir.path());
    let plan = lead.import_preview_on(&bytes, None, today()).unwrap();
    assert_eq!(plan.child.existing_id, None);
    assert_eq!((plan.new_count, plan.duplicate_count, plan.refused_count), (4, 0, 0), "{plan:#?}");
    assert!(plan.can_import && plan.summary.contains("new child"), "{}", plan.summary);
    assert!(lead.list_children().unwrap().is_empty(), "the preview wrote something");

    let report = lead.import_on(&bytes, None, today()).unwrap();
    assert!(report.child_created);
    assert_eq!(report.added.len(), 4);

    let theirs = source.get_child(child_id).unwrap();
    let ours = lead.get_child(report.child_id).unwrap();
    assert_eq!(
        (&ours.name, ours.date_of_birth, ours.unborn, ours.plan_category, ours.plan_start, &ours.communication_needs),
        (
            &theirs.name,
            theirs.date_of_birth,
            theirs.unborn,
            theirs.plan_category,
            theirs.plan_start,
            &theirs.communication_needs
        )
    );
    let (a, b) = (finalised(&source, child_id), finalised(&lead, report.child_id));
    assert_eq!(a.len(), b.len());
    let position = |list: &[Assessment], id: Option<i64>| id.map(|id| list.iter().position(|x| x.id == id).unwrap());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.profile(source.checklist(), &theirs), y.profile(lead.checklist(), &ours));
        assert_eq!(x.items, y.items, "grades and evidence");
        assert_eq!(x.confirmations, y.confirmations);
        assert_eq!(x.narrative, y.narrative);
        let strip = |a: &Assessment| {
            a.actions.iter().map(|x| ntk_core::assessment::Action { id: 0, ..x.clone() }).collect::<Vec<_>>()
        };
        assert_eq!(strip(x), strip(y));
        assert_eq!((x.assessed_on, &x.assessor, &x.finalised_at), (y.assessed_on, &y.assessor, &y.finalised_at));
        assert_eq!(
            (&x.checklist_id, &x.checklist_version, &x.checklist_hash),
            (&y.checklist_id, &y.checklist_version, &y.checklist_hash)
        );
        assert_eq!(x.amendment_reason, y.amendment_reason);
        assert_eq!(position(&a, x.amends), position(&b, y.amends), "the amendment points at the same checklist");
        assert_eq!(x.review_round, y.review_round);
    }
    // Imported checklists are finalised, and locked like any other.
    let locked =
        lead.save_item(b[0].id, &graded("physical.food.regular-meals", Grade::G1, "changed"), today()).unwrap_err();
    assert!(matches!(locked, CoreError::Refused(_)), "{locked}");
    let log = lead.audit_log(Some("assessment"), Some(b[0].id)).unwrap();
    assert!(log.iter().any(|e| e.action == "import" && e.actor == "Lead Practitioner"), "{log:#?}");
}

#[test]
fn a_truncated_file_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id = source_case(&mut source);
    let bytes = export_bytes(&mut source, child_id, None);
    let mut lead = receiver(dir.path());
    let conn = raw(&dir.path().join("lead.db"), OTHER_PASSPHRASE);
    let before = counts(&conn);
    for cut in [bytes.len() / 2, bytes.len() - 3, 1] {
        let err = message(lead.import_on(&bytes[..cut], None, today()).unwrap_err());
        assert!(err.contains("cut short") && err.contains("Nothing has been imported"), "{err}");
    }
    assert!(message(lead.import_on(b"", None, today()).unwrap_err()).contains("empty"));
    assert!(message(lead.import_on(b"PK\x03\x04 a zip file", None, today()).unwrap_err())
        .contains("not a Neglect Toolkit exchange file"));
    assert_eq!(counts(&conn), before);
}

#[test]
fn an_unknown_format_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id = source_case(&mut source);
    let bytes = export_bytes(&mut source, child_id, None);
    let mut lead = receiver(dir.path());
    let newer = edit_json(&bytes, |v| v["format_version"] = Value::from(FORMAT_VERSION + 1));
    let err = message(lead.import_on(&newer, None, today()).unwrap_err());
    assert!(
        err.contains(&format!("reads version {FORMAT_VERSION}")) && err.contains("newer") && err.contains("update"),
        "{err}"
    );
    let odd = edit_json(&bytes, |v| v["format_version"] = Value::from("1"));
    assert!(message(lead.import_preview_on(&odd, None, today()).unwrap_err()).contains("not one this app knows"));
    let none = edit_json(&bytes, |v| {
        v.as_object_mut().unwrap().remove("format_version");
    });
    assert!(lead.import_preview_on(&none, None, today()).is_err());
    // An unknown field is a sign of another version too.
    let extra = edit_json(&bytes, |v| v["assessments"][0]["colour"] = Value::from("red"));
    let err = message(lead.import_preview_on(&extra, None, today()).unwrap_err());
    assert!(err.contains("assessments[0]") && err.contains("colour"), "{err}");
    assert!(lead.list_children().unwrap().is_empty());
}

#[test]
fn a_tampered_checklist_hash_is_refused_naming_both_hashes() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id = source_case(&mut source);
    let bytes = export_bytes(&mut source, child_id, None);
    let mut lead = receiver(dir.path());
    let fake = "0f".repeat(32);
    let tampered = edit_json(&bytes, |v| v["checklist"]["hash"] = Value::from(fake.clone()));
    let err = lead.import_on(&tampered, None, today()).unwrap_err();
    assert!(matches!(err, CoreError::Refused(_)));
    let err = message(err);
    assert!(err.contains(&fake) && err.contains(&lead.checklist().hash), "{err}");
    let other_version = edit_json(&bytes, |v| v["checklist"]["version"] = Value::from("9.9.9"));
    assert!(message(lead.import_preview_on(&other_version, None, today()).unwrap_err()).contains("9.9.9"));
    assert!(lead.list_children().unwrap().is_empty());
}

#[test]
fn an_unknown_item_id_is_refused_by_name_and_nothing_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id = source_case(&mut source);
    let bytes = export_bytes(&mut source, child_id, None);
    let mut lead = receiver(dir.path());
    let conn = raw(&dir.path().join("lead.db"), OTHER_PASSPHRASE);
    let before = counts(&conn);
    let tampered =
        edit_json(&bytes, |v| v["assessments"][1]["items"][0]["item_id"] = Value::from("physical.food.unicorns"));
    let plan = lead.import_preview_on(&tampered, None, today()).unwrap();
    assert!(!plan.can_import);
    assert_eq!(plan.refused_count, 1);
    match &plan.assessments[1].outcome {
        ImportOutcome::Refused { reasons } => {
            assert!(reasons.iter().any(|r| r.contains("\"physical.food.unicorns\" is not in checklist")), "{reasons:?}")
        }
        other => panic!("not refused: {other:?}"),
    }
    assert_eq!(plan.assessments[0].outcome, ImportOutcome::New);
    let err = message(lead.import_on(&tampered, None, today()).unwrap_err());
    assert!(err.contains("Nothing will be imported") && err.contains("physical.food.unicorns"), "{err}");

    // Other content faults are refused the same way, each with its reason.
    type Edit = fn(&mut Value);
    let faults: [(&str, Edit); 5] = [
        ("future", |v| v["assessments"][0]["assessed_on"] = Value::from("2027-06-01")),
        ("draft", |v| v["assessments"][0]["status"] = Value::from("draft")),
        ("does not come before it", |v| v["assessments"][0]["amends"] = Value::from(3)),
        ("not a date and time", |v| v["assessments"][0]["finalised_at"] = Value::from("yesterday")),
        ("not in this checklist", |v| v["assessments"][0]["confirmations"][0]["area_id"] = Value::from("cooking")),
    ];
    for (expected, edit) in faults {
        let plan = lead.import_preview_on(&edit_json(&bytes, edit), None, today()).unwrap();
        let reasons = match &plan.assessments[0].outcome {
            ImportOutcome::Refused { reasons } => reasons.join(" "),
            other => panic!("{expected}: not refused: {other:?}"),
        };
        assert!(reasons.contains(expected), "{expected}: {reasons}");
        assert!(lead.import_on(&edit_json(&bytes, edit), None, today()).is_err());
    }
    // A grade or a source that is not one of the scale's is a damaged file.
    let bad_grade = edit_json(&bytes, |v| v["assessments"][0]["items"][0]["grade"] = Value::from("6"));
    let err = message(lead.import_preview_on(&bad_grade, None, today()).unwrap_err());
    assert!(err.contains("assessments[0].items[0].grade"), "{err}");
    let bad_source = edit_json(&bytes, |v| v["assessments"][0]["items"][0]["source"] = Value::from("rumour"));
    assert!(lead.import_preview_on(&bad_source, None, today()).is_err());
    assert_eq!(counts(&conn), before);
}

#[test]
fn importing_the_same_file_twice_adds_nothing_the_second_time_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id = source_case(&mut source);
    let bytes = export_bytes(&mut source, child_id, None);
    let mut lead = receiver(dir.path());
    let conn = raw(&dir.path().join("lead.db"), OTHER_PASSPHRASE);
    let first = lead.import_on(&bytes, None, today()).unwrap();
    let after_first = counts(&conn);

    let plan = lead.import_preview_on(&bytes, None, today()).unwrap();
    assert_eq!(plan.child.existing_id, Some(first.child_id));
    assert!(plan.child.differences.is_empty(), "{:?}", plan.child.differences);
    assert_eq!((plan.new_count, plan.duplicate_count), (0, 4));
    assert!(plan.summary.contains("already here"), "{}", plan.summary);
    let second = lead.import_on(&bytes, None, today()).unwrap();
    assert!(second.added.is_empty() && !second.child_created);
    assert_eq!((second.child_id, second.skipped_duplicates), (first.child_id, 4));
    assert!(second.summary.contains("Nothing new"), "{}", second.summary);
    assert_eq!(counts(&conn), after_first, "the second import changed the database");

    // A fresh export of the same records (a new exported_at) is recognised too, and a new
    // checklist since is the only thing added.
    let b = source.start_assessment(child_id, &start_form("Ann Teacher", "School", "2026-11-10"), today()).unwrap();
    complete(&mut source, b.id, AgeBand::Primary, Grade::G2);
    source.finalise(b.id).unwrap();
    let newer = export_bytes(&mut source, child_id, None);
    let third = lead.import_on(&newer, None, today()).unwrap();
    assert_eq!((third.added.len(), third.skipped_duplicates), (1, 4), "{}", third.summary);
    assert_eq!(lead.list_children().unwrap().len(), 1);
}

#[test]
fn markup_in_names_and_evidence_is_stored_verbatim_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let name = "<script>alert(1)</script> Tester";
    let evidence = "<img src=x onerror=alert(1)> seen & noted \"quoted\" </textarea>";
    let child_id = child_with_checklists(&mut source, name, "2018-05-05", &[("2026-09-01", Grade::G3, "Police")]);
    let a = finalised(&source, child_id)[0].id;
    let amendment = source.amend(a, "<b>bold</b> reason").unwrap();
    source
        .save_item(
            amendment.id,
            &ItemRecord { evidence: evidence.into(), ..graded("physical.food.regular-meals", Grade::G3, "") },
            today(),
        )
        .unwrap();
    source.save_narrative(amendment.id, "strengths", None, "<script>alert(1)</script>").unwrap();
    source.finalise(amendment.id).unwrap();
    let bytes = export_bytes(&mut source, child_id, None);
    assert!(contains(&bytes, "<script>alert(1)</script>"), "the file keeps the text as written");

    let mut lead = receiver(dir.path());
    let report = lead.import_on(&bytes, None, today()).unwrap();
    assert_eq!(lead.get_child(report.child_id).unwrap().name, name);
    let imported = finalised(&lead, report.child_id);
    let corrected = imported.iter().find(|a| a.amends.is_some()).unwrap();
    assert_eq!(corrected.item("physical.food.regular-meals").unwrap().evidence, evidence);
    assert_eq!(corrected.narrative.strengths, "<script>alert(1)</script>");
    assert_eq!(corrected.amendment_reason.as_deref(), Some("<b>bold</b> reason"));
    // And in the database itself, as plain text.
    let conn = raw(&dir.path().join("lead.db"), OTHER_PASSPHRASE);
    let stored: String = conn.query_row("SELECT name FROM children", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, name);
    let n: i64 =
        conn.query_row("SELECT count(*) FROM item_grades WHERE evidence = ?1", [evidence], |r| r.get(0)).unwrap();
    assert_eq!(n, 1);
}

#[test]
fn an_encrypted_export_needs_the_right_passphrase_and_a_wrong_one_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id = source_case(&mut source);
    assert!(source.export_child(child_id).unwrap().to_bytes(Some("short")).is_err(), "a short passphrase is refused");
    let bytes = export_bytes(&mut source, child_id, Some(FILE_PASSPHRASE));
    assert!(is_encrypted(&bytes));
    assert!(
        !contains(&bytes, "Mirela") && !contains(&bytes, "ntk-exchange"),
        "the file is readable without the passphrase"
    );

    let mut lead = receiver(dir.path());
    let conn = raw(&dir.path().join("lead.db"), OTHER_PASSPHRASE);
    let before = counts(&conn);
    let err = lead.import_on(&bytes, None, today()).unwrap_err();
    assert!(matches!(&err, CoreError::Invalid { field: Some(f), .. } if f == "passphrase"), "{err}");
    assert!(message(err).contains("encrypted"));
    let err = lead.import_on(&bytes, Some("not the passphrase at all"), today()).unwrap_err();
    assert!(!matches!(err, CoreError::WrongPassphrase), "must not look like the database's own passphrase");
    let err = message(err);
    assert!(
        err.contains("passphrase for this file is not right") && err.contains("Nothing has been imported"),
        "{err}"
    );
    assert!(
        lead.import_on(&bytes[..bytes.len() - 10], Some(FILE_PASSPHRASE), today()).is_err(),
        "a cut encrypted file"
    );
    assert_eq!(counts(&conn), before);

    let plan = lead.import_preview_on(&bytes, Some(FILE_PASSPHRASE), today()).unwrap();
    assert!(plan.encrypted);
    let report = lead.import_on(&bytes, Some(FILE_PASSPHRASE), today()).unwrap();
    assert_eq!(report.added.len(), 4);
    assert_eq!(lead.get_child(report.child_id).unwrap().name, "Mirela Invented-Dragomir");
}

#[test]
fn an_import_never_changes_an_existing_finalised_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id =
        child_with_checklists(&mut source, "Tomasz Madeup", "2017-07-07", &[("2026-06-01", Grade::G3, "School")]);
    let bytes = export_bytes(&mut source, child_id, None);
    let mut lead = receiver(dir.path());
    let report = lead.import_on(&bytes, None, today()).unwrap();
    let snapshot = lead.get_assessment(report.added[0]).unwrap();

    // The same checklist with its evidence rewritten: same grades, so "already here", skipped.
    let rewritten = edit_json(&bytes, |v| {
        v["assessments"][0]["items"][0]["evidence"] = Value::from("REWRITTEN");
        v["assessments"][0]["narrative"]["worries"] = Value::from("REWRITTEN");
    });
    let again = lead.import_on(&rewritten, None, today()).unwrap();
    assert!(again.added.is_empty());
    // With a grade changed too it is a different checklist: added beside, never over, the original.
    let regraded = edit_json(&rewritten, |v| v["assessments"][0]["items"][0]["grade"] = Value::from("5"));
    let beside = lead.import_on(&regraded, None, today()).unwrap();
    assert_eq!(beside.added.len(), 1);
    assert_ne!(beside.added[0], snapshot.id);
    assert_eq!(lead.get_assessment(snapshot.id).unwrap(), snapshot);
    // An amendment in a file adds a new version and keeps the original.
    let amended = edit_json(&bytes, |v| {
        let mut copy = v["assessments"][0].clone();
        copy["ref"] = Value::from(2);
        copy["amends"] = Value::from(1);
        copy["amendment_reason"] = Value::from("Corrected after the core group.");
        copy["narrative"]["worries"] = Value::from("Corrected worries.");
        v["assessments"].as_array_mut().unwrap().push(copy);
    });
    let plan = lead.import_preview_on(&amended, None, today()).unwrap();
    assert_eq!((plan.new_count, plan.duplicate_count), (1, 1), "{plan:#?}");
    let amendment = lead.import_on(&amended, None, today()).unwrap();
    let new = lead.get_assessment(amendment.added[0]).unwrap();
    assert_eq!(new.amends, Some(snapshot.id));
    assert_eq!(new.narrative.worries, "Corrected worries.");
    assert_eq!(lead.get_assessment(snapshot.id).unwrap(), snapshot);
}

#[test]
fn another_agencys_amendment_of_a_checklist_written_here_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut here = new_store(dir.path());
    let child_id =
        child_with_checklists(&mut here, "Ines Madeup", "2017-07-07", &[("2026-06-01", Grade::G3, "School")]);
    let own = finalised(&here, child_id);
    let bytes = export_bytes(&mut here, child_id, None);
    // The file comes back from another agency with a correction of this agency's checklist.
    let amended = edit_json(&bytes, |v| {
        let mut copy = v["assessments"][0].clone();
        copy["ref"] = Value::from(2);
        copy["amends"] = Value::from(1);
        copy["amendment_reason"] = Value::from("We think the grades are wrong.");
        copy["items"][0]["grade"] = Value::from("1");
        v["assessments"].as_array_mut().unwrap().push(copy);
    });
    let plan = here.import_preview_on(&amended, None, today()).unwrap();
    assert!(!plan.can_import, "{plan:#?}");
    let refusal = format!("{:?}", plan.assessments[1].outcome);
    assert!(refusal.contains("written here"), "{refusal}");
    assert!(here.import_on(&amended, None, today()).is_err());
    assert_eq!(finalised(&here, child_id), own, "nothing was applied");
}

/// Who amended a checklist travels with it (format 2): the receiving agency sees the amender
/// beside the original assessor. A format 1 file (no amender, no chain head) still imports; its
/// amendment's maker is then unknown, not anyone's name.
#[test]
fn an_amendment_carries_who_made_it_through_a_file_and_a_format_1_file_still_imports() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id =
        child_with_checklists(&mut source, "Amos Invented", "2017-03-03", &[("2026-06-01", Grade::G3, "School")]);
    let original = finalised(&source, child_id)[0].clone();
    source.set_actor("Alex Amender");
    let amendment = source.amend(original.id, "Wrong item graded.").unwrap();
    let amendment = source.finalise(amendment.id).unwrap();
    let bytes = export_bytes(&mut source, child_id, None);
    let json: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["format_version"], Value::from(FORMAT_VERSION));
    assert_eq!(json["assessments"][1]["amended_by"], Value::from("Alex Amender"));
    assert_eq!(json["assessments"][0].get("amended_by"), None, "the original was amended by no one");
    let head = source.audit_head().unwrap().unwrap();
    assert!(json["audit_head"]["id"].as_i64().is_some_and(|id| id <= head.id), "{}", json["audit_head"]);

    let there = tempfile::tempdir().unwrap();
    let mut lead = receiver(there.path());
    let plan = lead.import_preview_on(&bytes, None, today()).unwrap();
    assert_eq!(plan.assessments[1].amended_by.as_deref(), Some("Alex Amender"));
    let report = lead.import_on(&bytes, None, today()).unwrap();
    let got = lead.get_assessment(report.added[1]).unwrap();
    assert_eq!((got.assessor.name.as_str(), got.amended_by.as_deref()), ("Sam Worker", Some("Alex Amender")));
    assert_eq!(got.amended_at, amendment.amended_at);
    let log = lead.audit_log(Some("assessment"), Some(got.id)).unwrap();
    assert!(log.iter().any(|e| e.new_value.as_deref().is_some_and(|v| v.contains("amended by Alex Amender"))));

    let format_1 = edit_json(&bytes, |v| {
        v["format_version"] = Value::from(1);
        v.as_object_mut().unwrap().remove("audit_head");
        // Version 3's keys (the child's plan and the finalising event travel as such).
        for key in [
            "plans",
            "manager_reviews",
            "core_group_meetings",
            "engagement",
            "case_references",
            "household_members",
            "adults",
            "events",
        ] {
            v.as_object_mut().unwrap().remove(key);
        }
        for a in v["assessments"].as_array_mut().unwrap() {
            a.as_object_mut().unwrap().remove("amended_by");
            a.as_object_mut().unwrap().remove("amended_at");
        }
    });
    let elsewhere = tempfile::tempdir().unwrap();
    let mut third = receiver(elsewhere.path());
    let report = third.import_on(&format_1, None, today()).unwrap();
    let got = third.get_assessment(report.added[1]).unwrap();
    assert_eq!((got.amends.is_some(), got.amended_by, got.amended_at), (true, None, None));
}

#[test]
fn a_checklist_repeated_within_a_file_is_added_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id = child_with_checklists(
        &mut source,
        "Ilse Pretend",
        "2016-12-12",
        &[("2026-07-07", Grade::G2, "Health Visiting")],
    );
    let bytes = export_bytes(&mut source, child_id, None);
    let repeated = edit_json(&bytes, |v| {
        let mut copy = v["assessments"][0].clone();
        copy["ref"] = Value::from(7);
        v["assessments"].as_array_mut().unwrap().push(copy);
    });
    let mut lead = receiver(dir.path());
    let plan = lead.import_preview_on(&repeated, None, today()).unwrap();
    assert_eq!((plan.new_count, plan.duplicate_count), (1, 1));
    assert!(
        matches!(&plan.assessments[1].outcome, ImportOutcome::Duplicate { existing_id: None, reason } if reason.contains("ref 1"))
    );
    let report = lead.import_on(&repeated, None, today()).unwrap();
    assert_eq!((report.added.len(), report.skipped_duplicates), (1, 1));
    assert!(report.summary.contains("1 checklist added") && report.summary.contains("new here"), "{}", report.summary);
}

#[test]
fn drafts_are_never_exported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Only Draft", "2021-01-01", ""), today()).unwrap();
    store.start_assessment(child.id, &start_form("Sam Worker", "Early Help", "2026-11-01"), today()).unwrap();
    let err = message(store.export_child(child.id).unwrap_err());
    assert!(err.contains("no finalised checklist"), "{err}");
}

/// Ways to damage a valid export.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(prop::sample::Index, u8),
    Truncate(prop::sample::Index),
    Insert(prop::sample::Index, u8),
    Remove(prop::sample::Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1u8..=255).prop_map(|(i, x)| Mutation::Flip(i, x)),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Remove),
    ]
}

fn apply(bytes: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for m in mutations {
        if out.is_empty() {
            break;
        }
        match m {
            Mutation::Flip(i, x) => {
                let i = i.index(out.len());
                out[i] ^= x;
            }
            Mutation::Truncate(i) => out.truncate(i.index(out.len())),
            Mutation::Insert(i, b) => {
                let i = i.index(out.len());
                out.insert(i, *b)
            }
            Mutation::Remove(i) => {
                let i = i.index(out.len());
                out.remove(i);
            }
        }
    }
    out
}

/// Runs `cases` imports into one database: none may panic, and every failed one must leave
/// every table exactly as it was.
fn fuzz(strategy: impl Strategy<Value = (Vec<u8>, Option<String>)>, lead: Store, conn: &Connection) {
    let lead = RefCell::new(lead);
    let baseline = RefCell::new(counts(conn));
    let mut runner = TestRunner::new(Config { cases: 256, failure_persistence: None, ..Config::default() });
    runner
        .run(&strategy, |(bytes, passphrase)| {
            let mut lead = lead.borrow_mut();
            let _ = lead.import_preview_on(&bytes, passphrase.as_deref(), today());
            match lead.import_on(&bytes, passphrase.as_deref(), today()) {
                Err(e) => {
                    prop_assert!(!e.to_string().is_empty());
                    prop_assert_eq!(&counts(conn), &*baseline.borrow(), "a failed import changed the database: {}", e);
                }
                Ok(_) => *baseline.borrow_mut() = counts(conn),
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn arbitrary_bytes_never_panic_and_never_change_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let lead = receiver(dir.path());
    let conn = raw(&dir.path().join("lead.db"), OTHER_PASSPHRASE);
    let before = counts(&conn);
    let strategy = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512).prop_map(|b| (b, None)),
        "\\PC{0,300}"
            .prop_map(|s| (format!("{{\"format\":\"ntk-exchange\",\"format_version\":1,{s}").into_bytes(), None)),
        prop::collection::vec(any::<u8>(), 0..300)
            .prop_map(|b| ([b"age-encryption.org/v1\n".as_slice(), &b].concat(), Some(FILE_PASSPHRASE.to_string()))),
    ];
    fuzz(strategy, lead, &conn);
    assert_eq!(counts(&conn), before, "random bytes imported something");
}

#[test]
fn mutated_exports_never_panic_and_a_failed_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id = source_case(&mut source);
    let bytes = export_bytes(&mut source, child_id, None);
    let mut lead = receiver(dir.path());
    // Half the time the child is already here, so duplicates and additions are exercised too.
    lead.import_on(&bytes, None, today()).unwrap();
    let conn = raw(&dir.path().join("lead.db"), OTHER_PASSPHRASE);
    let strategy = prop::collection::vec(mutation(), 1..4).prop_map(move |m| (apply(&bytes, &m), None));
    fuzz(strategy, lead, &conn);
}

#[test]
fn the_partnership_dataset_is_pseudonymous_with_one_row_per_child() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    // Safety stays at concern for more than six months: drift. The other improves.
    let drifting = child_with_checklists(
        &mut store,
        "Bethan Fictional",
        "2019-04-01",
        &[("2026-02-01", Grade::G3, "Children's Social Care"), ("2026-10-01", Grade::G3, "Children's Social Care")],
    );
    let improving = child_with_checklists(
        &mut store,
        "Kwame Imaginary",
        "2013-09-09",
        &[("2026-03-01", Grade::G4, "Children's Social Care"), ("2026-11-01", Grade::G2, "Children's Social Care")],
    );
    // No plan and no checklist: not in the dataset.
    store.add_child(&child_form("Nadia Notonplan", "2022-02-02", ""), today()).unwrap();

    let (from, to) = (d("2026-10-01"), d("2026-12-31"));
    let rows = store.partnership_dataset(from, to).unwrap();
    assert_eq!(rows.len(), 2);
    let csv = to_csv(&rows);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "pseudonym,period_from,period_to,age_band,plan_category,days_on_plan,checklists_in_period,\
         physical_grade,physical_basis,physical_change_since_first,\
         safety_grade,safety_basis,safety_change_since_first,\
         warmth_grade,warmth_basis,warmth_change_since_first,\
         esteem_grade,esteem_basis,esteem_change_since_first,drift,review_overdue,\
         sustained_improvement,not_yet_assessed,\
         physical_urgent_item,safety_urgent_item,warmth_urgent_item,esteem_urgent_item,\
         pseudonym_scope,plan_type,plan_number,plan_ended_on,plan_outcome,disability,manager_review_done,engagement"
    );
    assert_eq!(lines.len(), 3, "{csv}");
    for forbidden in
        ["Bethan", "Fictional", "Kwame", "Imaginary", "Nadia", "2019-04-01", "2013-09-09", "Sam Worker", "Makaton"]
    {
        assert!(!csv.contains(forbidden), "{forbidden} is in the dataset:\n{csv}");
    }
    let again = store.partnership_dataset(from, to).unwrap();
    assert_eq!(
        rows.iter().map(|r| &r.pseudonym).collect::<Vec<_>>(),
        again.iter().map(|r| &r.pseudonym).collect::<Vec<_>>()
    );
    assert_ne!(rows[0].pseudonym, rows[1].pseudonym);
    assert!(rows.iter().all(|r| r.pseudonym.len() == 32 && r.pseudonym.chars().all(|c| c.is_ascii_hexdigit())));
    // Stable across sessions, and the salt is fixed in the schema.
    drop(store);
    let store = Store::open(&db_in(dir.path()), PASSPHRASE, "Someone Else").unwrap();
    assert_eq!(store.partnership_dataset(from, to).unwrap(), rows);
    let conn = raw(&db_in(dir.path()), PASSPHRASE);
    assert!(conn.execute("UPDATE settings SET value = 'guessable' WHERE key = 'dataset_salt'", []).is_err());
    assert!(conn.execute("DELETE FROM settings", []).is_err());

    let by_grade =
        |r: &ntk_core::dataset::DatasetRow| r.areas.iter().find(|a| a.area_id == "safety").unwrap().latest_grade;
    let drift_row = rows.iter().find(|r| by_grade(r) == Some(3.0)).unwrap();
    let better_row = rows.iter().find(|r| by_grade(r) == Some(2.0)).unwrap();
    assert!(drift_row.drift && !better_row.drift, "{rows:#?}");
    assert_eq!(drift_row.checklists_in_period, 1);
    assert_eq!(drift_row.age_band, AgeBand::Primary);
    assert_eq!(better_row.age_band, AgeBand::Teen);
    assert_eq!(drift_row.days_on_plan, Some((to - d("2026-01-10")).num_days()));
    let safety = better_row.areas.iter().find(|a| a.area_id == "safety").unwrap();
    assert_eq!(safety.change_since_first, Some(-2.0));
    assert!(csv.contains(",neglect,"));
    let _ = (drifting, improving);

    assert!(rows.iter().all(|r| !r.not_yet_assessed && !r.sustained_improvement), "{rows:#?}");
    assert!(rows.iter().all(|r| r.areas.iter().all(|a| !a.urgent_item)), "{rows:#?}");

    // Issue 14: a child with no checklist whose sibling has one is in the dataset, flagged, and
    // an urgent item from any agency is marked in its area.
    let mut store = store;
    let older = store.add_child(&child_form("Older Fictional", "2016-02-02", "Dataset household"), today()).unwrap();
    let baby = store.add_child(&child_form("Baby Fictional", "2026-05-05", "Dataset household"), today()).unwrap();
    let a = store.start_assessment(older.id, &start_form("Sam Worker", "Health", "2026-11-01"), today()).unwrap();
    complete(&mut store, a.id, AgeBand::Primary, Grade::G2);
    store.save_item(a.id, &graded("physical.food.regular-meals", Grade::G5, "No food in the house."), today()).unwrap();
    store.confirm_area(a.id, "physical", 2, "Weighed with the whole area.").unwrap();
    store.finalise(a.id).unwrap();
    let rows = store.partnership_dataset(from, to).unwrap();
    assert_eq!(rows.len(), 4, "{rows:#?}");
    assert_eq!(rows.iter().filter(|r| r.not_yet_assessed).count(), 1, "{rows:#?}");
    let urgent: Vec<_> =
        rows.iter().flat_map(|r| &r.areas).filter(|a| a.urgent_item).map(|a| a.area_id.as_str()).collect();
    assert_eq!(urgent, ["physical"]);
    let csv = to_csv(&rows);
    assert!(csv.contains(",no,yes,no,no,no,no,local,"), "the baby's row: not yet assessed\n{csv}");
    assert!(csv.contains(",no,no,yes,no,no,no,local,"), "the older child's row: urgent in physical care\n{csv}");
    let _ = baby;

    // A period with nobody in it still has its header; a reversed period is refused.
    assert!(to_csv(&[]).starts_with("pseudonym,"));
    assert!(store.partnership_dataset(to, from).is_err());
}

#[test]
fn a_child_here_under_another_date_of_birth_or_before_birth_is_offered_and_nothing_is_merged() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id = source_case(&mut source); // Mirela Invented-Dragomir, born 2020-03-15
    let bytes = export_bytes(&mut source, child_id, None);
    let mut lead = receiver(dir.path());
    // Here: the same name with a mistyped date of birth, a baby recorded before birth and due
    // three weeks after that date, one due months away, and an unrelated child.
    let typo = lead.add_child(&child_form("mirela  invented-dragomir", "2020-05-13", ""), today()).unwrap();
    let mut due = child_form("Baby Invented-Dragomir", "2020-04-05", "");
    due.unborn = true;
    // (Recording a child before birth needs a due date in the future: add it as it was then.)
    let baby = lead.add_child(&due, d("2020-01-10")).unwrap();
    let mut later = child_form("Baby Other", "2020-09-01", "");
    later.unborn = true;
    lead.add_child(&later, d("2020-01-10")).unwrap();
    lead.add_child(&child_form("Someone Else", "2020-03-15", ""), today()).unwrap();

    let plan = lead.import_preview_on(&bytes, None, today()).unwrap();
    assert_eq!(plan.child.existing_id, None, "nothing matches both name and date of birth");
    let offered: Vec<(i64, &str)> = plan.child.similar.iter().map(|s| (s.id, s.why.as_str())).collect();
    assert_eq!(
        offered,
        [
            (baby.id, "recorded here before birth, due near this date of birth"),
            (typo.id, "the same name, another date of birth")
        ]
    );
    // The practitioner corrects the record; the same file then goes to that child, and no
    // child is offered any more.
    let mut corrected = child_form("Mirela Invented-Dragomir", "2020-03-15", "");
    corrected.plan_category = Some(PlanCategory::Neglect);
    lead.update_child(typo.id, &corrected, today()).unwrap();
    let plan = lead.import_preview_on(&bytes, None, today()).unwrap();
    assert_eq!(plan.child.existing_id, Some(typo.id));
    assert!(plan.child.similar.is_empty());
    let report = lead.import_on(&bytes, None, today()).unwrap();
    assert_eq!(report.child_id, typo.id);
    assert!(!report.child_created);
}

#[test]
fn a_grade_on_an_item_outside_the_childs_age_band_is_refused_with_the_item_and_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id = source_case(&mut source); // born 2020: 5-11 on every checklist
    let bytes = export_bytes(&mut source, child_id, None);
    let mut lead = receiver(dir.path());
    let conn = raw(&dir.path().join("lead.db"), OTHER_PASSPHRASE);
    let before = counts(&conn);
    let with_item = |grade: &'static str| {
        edit_json(&bytes, move |v| {
            let mut item = v["assessments"][0]["items"][0].clone();
            item["item_id"] = Value::from("physical.home.safe-sleep");
            item["grade"] = Value::from(grade);
            v["assessments"][0]["items"].as_array_mut().unwrap().push(item);
        })
    };
    // A 5 on safe sleep for a baby, for a six-year-old: refused, naming the item and why.
    let plan = lead.import_preview_on(&with_item("5"), None, today()).unwrap();
    assert!(!plan.can_import);
    let reasons = match &plan.assessments[0].outcome {
        ImportOutcome::Refused { reasons } => reasons.join(" "),
        other => panic!("not refused: {other:?}"),
    };
    assert!(
        reasons.contains("\"physical.home.safe-sleep\" (Safe sleep for a baby) is graded 5")
            && reasons.contains("does not apply to the child"),
        "{reasons}"
    );
    assert!(lead.import_on(&with_item("5"), None, today()).is_err());
    // "Not known" is refused the same way; "not applicable" is true and harmless.
    assert!(!lead.import_preview_on(&with_item("not_known"), None, today()).unwrap().can_import);
    assert!(lead.import_preview_on(&with_item("not_applicable"), None, today()).unwrap().can_import);
    assert_eq!(counts(&conn), before);
}

// ---------------------------------------------------------------------------------------------
// Files that would exhaust the machine: refused in bounded time and memory, nothing written
// ---------------------------------------------------------------------------------------------

/// A receiver, a valid export from a source, and the receiver's row counts before anything.
fn hostile_setup(dir: &Path) -> (Store, Vec<u8>, Connection, Vec<i64>) {
    let mut source = new_store(dir);
    let child_id =
        child_with_checklists(&mut source, "Ottilie Madeup", "2019-04-04", &[("2026-06-06", Grade::G2, "School")]);
    let bytes = export_bytes(&mut source, child_id, None);
    let lead = receiver(dir);
    let conn = raw(&dir.join("lead.db"), OTHER_PASSPHRASE);
    let before = counts(&conn);
    (lead, bytes, conn, before)
}

#[test]
fn a_megabyte_long_exported_by_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lead, bytes, conn, before) = hostile_setup(dir.path());
    let huge = edit_json(&bytes, |v| v["exported_by"] = Value::from("x".repeat(1024 * 1024)));
    for err in
        [lead.import_preview_on(&huge, None, today()).unwrap_err(), lead.import_on(&huge, None, today()).unwrap_err()]
    {
        let err = message(err);
        assert!(err.contains("exported_by") && err.contains("too long"), "{}", &err[..err.len().min(300)]);
        assert!(err.len() < 1000, "the refusal repeats the field: {} bytes", err.len());
    }
    assert_eq!(counts(&conn), before);
}

#[test]
fn a_hundred_thousand_minimal_checklists_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lead, bytes, conn, before) = hostile_setup(dir.path());
    let many = edit_json(&bytes, |v| {
        let minimal = serde_json::json!({
            "ref": 0, "assessed_on": "2026-06-06", "assessor": {"name": "A", "agency": "B"}, "review_round": 1,
            "status": "finalised", "finalised_at": "2026-06-06T10:00:00+01:00", "items": []
        });
        let list: Vec<Value> = (0..100_000)
            .map(|n| {
                let mut a = minimal.clone();
                a["ref"] = Value::from(n + 1);
                a
            })
            .collect();
        v["assessments"] = Value::from(list);
    });
    assert!(many.len() < ntk_core::exchange::MAX_FILE_BYTES, "the file must pass the size check to test the count");
    let err = message(lead.import_on(&many, None, today()).unwrap_err());
    assert!(err.contains("more than 1000 checklists"), "{err}");
    assert_eq!(counts(&conn), before);
}

#[test]
fn a_child_due_in_the_year_200000_or_born_in_the_future_is_refused_like_the_form_would() {
    let dir = tempfile::tempdir().unwrap();
    let (mut lead, bytes, conn, before) = hostile_setup(dir.path());
    let far = edit_json(&bytes, |v| {
        v["child"]["unborn"] = Value::from(true);
        v["child"]["date_of_birth"] = Value::from("+200000-01-01");
    });
    let err = message(lead.import_preview_on(&far, None, today()).unwrap_err());
    assert!(err.contains("more than 10 months away") && err.contains("Nothing has been imported"), "{err}");
    let future = edit_json(&bytes, |v| v["child"]["date_of_birth"] = Value::from("2027-01-01"));
    let err = message(lead.import_on(&future, None, today()).unwrap_err());
    assert!(err.contains("date of birth is in the future"), "{err}");
    // A baby recorded before birth whose due date has since passed is still accepted: the
    // child's details pass. (This file's checklist was graded for a seven-year-old, so it is
    // refused for its age bands, never for the due date.)
    let born = edit_json(&bytes, |v| {
        v["child"]["unborn"] = Value::from(true);
        v["child"]["date_of_birth"] = Value::from("2026-05-01");
    });
    let plan = lead.import_preview_on(&born, None, today()).expect("the child's details are accepted");
    let reasons = format!("{:?}", plan.assessments);
    assert!(reasons.contains("does not apply to the child"), "{reasons}");
    assert!(!reasons.contains("months away") && !reasons.contains("in the future"), "{reasons}");
    assert_eq!(counts(&conn), before);
}

/// Runs `read` on another thread and gives up after a minute, so a read that would wait for
/// ever fails the test instead of hanging the suite.
fn within_a_minute(path: std::path::PathBuf) -> ntk_core::error::Result<Vec<u8>> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(ntk_core::exchange::read_file(&path)));
    rx.recv_timeout(std::time::Duration::from_secs(60)).expect("reading the file did not return")
}

#[test]
fn a_pipe_or_dev_zero_chosen_for_import_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut not_files = vec![dir.path().to_path_buf()];
    // A named pipe and /dev/zero are Unix's (`mkfifo`); a folder and an oversized file are tried everywhere.
    #[cfg(unix)]
    {
        let fifo = dir.path().join("import.ntkexchange");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
        assert!(made.success());
        not_files.extend([fifo, "/dev/zero".into()]);
    }
    for path in not_files {
        let err = message(within_a_minute(path.clone()).unwrap_err());
        assert!(err.contains("not an ordinary file") && err.contains("Nothing has been imported"), "{path:?}: {err}");
    }
    // A file one byte over the limit is refused after reading just past it.
    let big = dir.path().join("big.ntkexchange");
    std::fs::File::create(&big).unwrap().set_len(ntk_core::exchange::MAX_FILE_BYTES as u64 + 1).unwrap();
    assert!(message(within_a_minute(big).unwrap_err()).contains("too large"));
    let fine = dir.path().join("fine.ntkexchange");
    std::fs::write(&fine, b"{}").unwrap();
    assert_eq!(within_a_minute(fine).unwrap(), b"{}");
}

#[test]
fn what_the_store_accepts_its_own_export_carries_and_an_import_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(dir.path());
    let child_id =
        child_with_checklists(&mut source, "Bartholomew Notreal", "2018-08-08", &[("2026-03-03", Grade::G3, "School")]);
    // The one text rule: a NUL is refused as it is typed, wherever it is typed.
    let draft = source.start_assessment(child_id, &start_form("Sam Worker", "School", "2026-11-02"), today()).unwrap();
    let nul =
        source.save_item(draft.id, &graded("physical.food.regular-meals", Grade::G2, "a\0b"), today()).unwrap_err();
    assert!(message(nul).contains("NUL"));
    let mut with_nul_role = start_form("Sam Worker", "School", "2026-11-03");
    with_nul_role.role = "Teacher\0".into();
    assert!(message(source.start_assessment(child_id, &with_nul_role, today()).unwrap_err()).contains("NUL"));
    let mut nul_needs = child_form("Nul Needs", "2019-01-01", "");
    nul_needs.disability_needs = "\0".into();
    assert!(message(source.add_child(&nul_needs, today()).unwrap_err()).contains("NUL"));
    // Text at every limit goes out and comes back in.
    let longest = "é".repeat(ntk_core::text::MAX_TEXT_CHARS);
    let second = source.start_assessment(child_id, &start_form("Sam Worker", "School", "2026-11-10"), today()).unwrap();
    complete(&mut source, second.id, AgeBand::on(d("2018-08-08"), d("2026-11-10")), Grade::G2);
    source.save_item(second.id, &graded("physical.food.regular-meals", Grade::G2, &longest), today()).unwrap();
    source.save_narrative(second.id, "worries", None, &longest).unwrap();
    source.finalise(second.id).unwrap();
    source.discard_draft(draft.id).unwrap();
    let bytes = export_bytes(&mut source, child_id, None);
    let lead = receiver(dir.path());
    let plan = lead.import_preview_on(&bytes, None, today()).unwrap();
    assert!(plan.can_import, "{plan:#?}");
}

#[test]
fn an_import_names_its_file_by_a_token_from_the_dialog_never_by_a_path() {
    use ntk_core::exchange::{choose_import, import_chosen, ChosenFiles};
    let dir = tempfile::tempdir().unwrap();
    let (mut lead, bytes, conn, before) = hostile_setup(dir.path());
    let file = dir.path().join("from-school.ntkexchange");
    std::fs::write(&file, &bytes).unwrap();
    let chosen = ChosenFiles::default();
    // A page that names a file itself gets nothing read.
    let path = file.display().to_string();
    let err = import_chosen(&mut lead, &chosen, &path, &ntk_core::exchange::file_hash(&bytes), None).unwrap_err();
    assert!(message(err).contains("choose it again"));
    assert_eq!(counts(&conn), before);
    // The file chosen in the dialog is known by its token, which does not contain its path.
    let choice = choose_import(&lead, &chosen, file.clone(), None).unwrap();
    assert!(!choice.token.contains("from-school") && !choice.token.contains('/'), "{}", choice.token);
    assert_eq!(choice.file_name, "from-school.ntkexchange");
    let json = serde_json::to_string(&choice).unwrap();
    assert!(!json.contains(dir.path().to_str().unwrap()), "the page is told the file's folder");
    let report = import_chosen(&mut lead, &chosen, &choice.token, &choice.file_hash, None).unwrap();
    assert!(report.child_created);
}
