//! The chronology and the household's adults on real SQLCipher files: one event for several
//! siblings, corrections kept and audited, the "was not brought" window, the automatic event of a
//! finalised checklist, adults and their erasure, bad input refused with nothing written.

use crate::support::*;
use ntk_core::chronology::{AdultForm, AdultLink, AdultService, EventForm, EventKind, Relationship};
use ntk_core::error::CoreError;
use ntk_core::model::AgeBand;
use ntk_core::scoring::Grade;
use ntk_core::store::{Store, MIGRATIONS};
use rusqlite::Connection;

/// The migration that added the chronology and the adults (renumbered in one place at merge).
const CHRONOLOGY_MIGRATION: i64 = 11;

fn raw(db: &std::path::Path) -> Connection {
    let conn = Connection::open(db).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    conn
}

fn event(children: &[i64], date: &str, kind: EventKind, what: &str) -> EventForm {
    EventForm {
        child_ids: children.to_vec(),
        date: date.into(),
        time: String::new(),
        kind: Some(kind),
        agency: "Health".into(),
        what_happened: what.into(),
        impact: "Her hearing check is now three months late.".into(),
    }
}

fn event_count(db: &std::path::Path) -> i64 {
    raw(db).query_row("SELECT count(*) FROM events", [], |r| r.get(0)).unwrap()
}

/// A household of two siblings: (store, older, younger).
fn siblings(dir: &std::path::Path) -> (Store, i64, i64) {
    let mut store = new_store(dir);
    let a = store.add_child(&child_form("Ada Chronicle", "2018-03-01", "Chronicle house"), today()).unwrap();
    let b = store.add_child(&child_form("Ben Chronicle", "2021-06-01", "Chronicle house"), today()).unwrap();
    (store, a.id, b.id)
}

#[test]
fn a_file_from_before_the_chronology_gets_its_tables_and_an_empty_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    {
        let conn = raw(&db);
        for (i, sql) in MIGRATIONS.iter().take(CHRONOLOGY_MIGRATION as usize - 1).enumerate() {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", i as i64 + 1).unwrap();
        }
        conn.execute(
            "INSERT INTO children (name, date_of_birth, created_at) VALUES ('Old File', '2018-03-01', 'then')",
            [],
        )
        .unwrap();
    }
    let mut store = Store::open(&db, PASSPHRASE, "Test Worker").unwrap();
    assert!(store.schema_version().unwrap() >= CHRONOLOGY_MIGRATION);
    let child = store.list_children().unwrap()[0].id;
    assert!(store.chronology(child, None, None, false).unwrap().is_empty());
    assert_eq!(store.was_not_brought(child, today()).unwrap(), 0);
    store.add_event(&event(&[child], "2026-11-01", EventKind::Other, "Works."), today()).unwrap();
}

#[test]
fn one_event_is_recorded_for_two_siblings_at_once_and_audited_for_each() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, a, b) = siblings(dir.path());
    let mut form = event(&[a, b, a], "2026-11-02", EventKind::PoliceCallOut, "Police called at night: shouting.");
    form.time = "23:40".into();
    let added = store.add_event(&form, today()).unwrap();
    assert_eq!(added.len(), 2, "each child once");
    for (e, child) in added.iter().zip([a, b]) {
        assert_eq!(e.child_id, child);
        assert_eq!(e.time.as_deref(), Some("23:40"));
        assert_eq!(e.recorded_by, "Test Worker");
        let timeline = store.chronology(child, None, None, false).unwrap();
        assert_eq!(timeline, vec![e.clone()]);
        let audit = store.audit_log(Some("event"), Some(e.id)).unwrap();
        assert_eq!(audit.len(), 1);
        assert!(audit[0].new_value.as_deref().unwrap().contains("Police called at night"), "{:?}", audit[0]);
    }
    // The timeline is in date order, undated times first within a day, and filtered by dates.
    store.add_event(&event(&[a], "2026-10-01", EventKind::HomeVisit, "Visit: house cold."), today()).unwrap();
    store.add_event(&event(&[a], "2026-11-02", EventKind::Referral, "Referral to the food bank."), today()).unwrap();
    let kinds: Vec<EventKind> = store.chronology(a, None, None, false).unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EventKind::HomeVisit, EventKind::Referral, EventKind::PoliceCallOut]);
    let november = store.chronology(a, Some(d("2026-11-01")), Some(d("2026-11-30")), false).unwrap();
    assert_eq!(november.len(), 2);
}

#[test]
fn bad_events_are_refused_in_words_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, a, b) = siblings(dir.path());
    let other = store.add_child(&child_form("Cal Elsewhere", "2019-01-01", "Another house"), today()).unwrap();
    let alone = store.add_child(&child_form("Dee Nohouse", "2019-01-01", ""), today()).unwrap();
    let good = event(&[a, b], "2026-11-02", EventKind::HomeVisit, "Visit.");
    let cases: Vec<(EventForm, &str)> = vec![
        (EventForm { date: "2026-12-25".into(), ..good.clone() }, "in the future"),
        (EventForm { date: "2026-02-30".into(), ..good.clone() }, "is not a date"),
        (EventForm { time: "7pm".into(), ..good.clone() }, "not a time of day"),
        (EventForm { kind: None, ..good.clone() }, "what kind of event"),
        (EventForm { agency: "  ".into(), ..good.clone() }, "agency"),
        (EventForm { what_happened: String::new(), ..good.clone() }, "what happened"),
        (EventForm { impact: "a\0b".into(), ..good.clone() }, "NUL"),
        (EventForm { child_ids: vec![], ..good.clone() }, "at least one child"),
        (EventForm { child_ids: vec![a, other.id], ..good.clone() }, "same household"),
        (EventForm { child_ids: vec![alone.id, alone.id + 100], ..good.clone() }, "no child with number"),
        (EventForm { child_ids: vec![a, 9999], ..good.clone() }, "no child with number"),
    ];
    for (form, words) in cases {
        let e = store.add_event(&form, today()).unwrap_err().to_string();
        assert!(e.contains(words), "{words}: {e}");
    }
    drop(store);
    assert_eq!(event_count(&db_in(dir.path())), 0, "nothing written");
}

#[test]
fn a_correction_keeps_the_original_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, a, _) = siblings(dir.path());
    let original =
        store.add_event(&event(&[a], "2026-11-02", EventKind::WasNotBrought, "Missed dentist."), today()).unwrap();
    let original = &original[0];
    let mut fixed = event(&[a], "2026-11-03", EventKind::WasNotBrought, "Missed dentist (second time).");
    let refused = store.correct_event(original.id, &fixed, " ", today()).unwrap_err();
    assert!(refused.to_string().contains("why the event is being corrected"), "{refused}");
    let correction = store.correct_event(original.id, &fixed, "Wrong date: it was the Tuesday.", today()).unwrap();
    assert_eq!(correction.corrects, Some(original.id));
    assert_eq!(correction.child_id, a);
    // The timeline shows the current version; every version is kept.
    assert_eq!(store.chronology(a, None, None, false).unwrap(), vec![correction.clone()]);
    let all = store.chronology(a, None, None, true).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].what_happened, "Missed dentist.");
    assert_eq!(all[0].corrected_by, Some(correction.id));
    let audit = store.audit_log(Some("event"), Some(correction.id)).unwrap();
    assert_eq!(audit[0].action, "correct");
    assert!(audit[0].old_value.as_deref().unwrap().contains("Wrong date: it was the Tuesday."), "{:?}", audit[0]);
    // Only the current version is corrected; the schema refuses any change or removal.
    fixed.what_happened = "Again.".into();
    let twice = store.correct_event(original.id, &fixed, "Again", today()).unwrap_err();
    assert!(matches!(twice, CoreError::Refused(_)), "{twice}");
    drop(store);
    let conn = raw(&db_in(dir.path()));
    for sql in ["UPDATE events SET what_happened = 'rewritten'", "DELETE FROM events"] {
        let e = conn.execute(sql, []).unwrap_err().to_string();
        assert!(e.contains("corrected, never changed"), "{sql}: {e}");
    }
}

#[test]
fn was_not_brought_counts_six_calendar_months_and_needs_attention_from_two() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, a, b) = siblings(dir.path());
    // today() is 23 Nov 2026: the window is 23 May 2026 to 23 Nov 2026, both days included.
    for date in ["2026-05-22", "2026-05-23"] {
        store.add_event(&event(&[a], date, EventKind::WasNotBrought, "Missed clinic."), today()).unwrap();
    }
    store.add_event(&event(&[a], "2026-11-01", EventKind::HealthAttendance, "A&E: burn."), today()).unwrap();
    assert_eq!(store.was_not_brought(a, today()).unwrap(), 1, "the day before the window is out");
    let reasons = |store: &Store, child: i64| -> Vec<String> {
        store
            .needs_attention(today())
            .unwrap()
            .into_iter()
            .find(|x| x.child.id == child)
            .map(|x| x.reasons)
            .unwrap_or_default()
    };
    assert!(!reasons(&store, a).iter().any(|r| r.contains("Not brought")), "one is not yet a pattern");
    let second =
        store.add_event(&event(&[a, b], "2026-11-23", EventKind::WasNotBrought, "Missed GP."), today()).unwrap();
    assert_eq!(store.was_not_brought(a, today()).unwrap(), 2);
    assert_eq!(store.was_not_brought(b, today()).unwrap(), 1);
    assert!(reasons(&store, a).contains(&"Not brought to 2 appointments in the last 6 months.".to_string()));
    // A day later the first one has left the window.
    let tomorrow = d("2026-11-24");
    assert_eq!(store.was_not_brought(a, tomorrow).unwrap(), 1);
    // A corrected event counts once, as its current version says.
    let mut fixed = event(&[a], "2026-11-23", EventKind::HomeVisit, "Seen at home, not a missed appointment.");
    fixed.agency = "Children's services".into();
    store.correct_event(second[0].id, &fixed, "Recorded under the wrong type.", today()).unwrap();
    assert_eq!(store.was_not_brought(a, today()).unwrap(), 1);
}

#[test]
fn finalising_a_checklist_adds_its_event_in_the_same_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, a, _) = siblings(dir.path());
    let assessment =
        store.start_assessment(a, &start_form("Sam Worker", "Children's services", "2026-11-02"), today()).unwrap();
    complete(&mut store, assessment.id, AgeBand::Primary, Grade::G2);
    assert!(store.chronology(a, None, None, false).unwrap().is_empty(), "a draft adds nothing");
    store.finalise(assessment.id).unwrap();
    let timeline = store.chronology(a, None, None, false).unwrap();
    assert_eq!(timeline.len(), 1);
    let e = &timeline[0];
    assert_eq!((e.kind, e.date, e.automatic), (EventKind::ChecklistFinalised, d("2026-11-02"), true));
    assert_eq!(e.agency, "Children's services");
    assert!(e.what_happened.contains("review round 1") && e.what_happened.contains("Sam Worker"), "{e:?}");
}

fn adult_form(household_id: i64, name: &str, links: Vec<AdultLink>) -> AdultForm {
    AdultForm { household_id, name: name.into(), services: vec![AdultService::Probation], children: links }
}

fn link(child_id: i64, relationship: Relationship, pr: bool) -> AdultLink {
    AdultLink {
        child_id,
        child_name: String::new(),
        relationship,
        relationship_label: String::new(),
        parental_responsibility: pr,
    }
}

#[test]
fn adults_are_recorded_with_each_childs_relationship_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, a, b) = siblings(dir.path());
    let household = store.get_child(a).unwrap().household_id.unwrap();
    let other = store.add_child(&child_form("Cal Elsewhere", "2019-01-01", "Another house"), today()).unwrap();
    let form = adult_form(
        household,
        "Rob Partner",
        vec![link(a, Relationship::StepParent, false), link(b, Relationship::Parent, true)],
    );
    let adult = store.add_adult(&form).unwrap();
    assert_eq!(adult.name, "Rob Partner");
    assert_eq!(adult.services, [AdultService::Probation]);
    assert_eq!(adult.children.len(), 2);
    assert_eq!(adult.children[1].child_name, "Ben Chronicle");
    assert!(adult.children[1].parental_responsibility);
    assert_eq!(store.adults_of_child(a).unwrap(), vec![adult.clone()]);
    assert!(store.adults_of_child(other.id).unwrap().is_empty());

    // Bad input: in words, nothing written.
    let bad = [
        (adult_form(household, " ", vec![]), "adult's name"),
        (adult_form(household, "X", vec![link(other.id, Relationship::Parent, true)]), "does not live in"),
        (adult_form(household + 100, "X", vec![]), "no household"),
        (
            adult_form(household, "X", vec![link(a, Relationship::Parent, true), link(a, Relationship::Other, false)]),
            "only once",
        ),
    ];
    for (form, words) in bad {
        let e = store.add_adult(&form).unwrap_err().to_string();
        assert!(e.contains(words), "{words}: {e}");
    }
    assert_eq!(store.adults_of_household(household).unwrap().len(), 1);

    let changed = store
        .update_adult(
            adult.id,
            &AdultForm { services: vec![], children: vec![link(b, Relationship::Parent, true)], ..form.clone() },
        )
        .unwrap();
    assert!(changed.services.is_empty());
    assert_eq!(changed.children.len(), 1);
    let audit = store.audit_log(Some("adult"), Some(adult.id)).unwrap();
    let updates: Vec<(String, Option<String>)> = audit
        .iter()
        .filter(|r| r.action == "update")
        .map(|r| (r.field.clone().unwrap(), r.new_value.clone()))
        .collect();
    assert_eq!(updates.len(), 2, "{audit:?}");
    assert!(updates.contains(&("services".into(), Some("none known".into()))), "{updates:?}");
    assert!(updates.contains(&("relationship".into(), None)), "{updates:?}");
}

#[test]
fn erasing_the_last_child_of_a_household_takes_its_adults_and_events() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Zed Eraseme", "2019-01-01", "Gonehouse"), today()).unwrap();
    let household = child.household_id.unwrap();
    let adult = store
        .add_adult(&adult_form(household, "Quentin Adultname", vec![link(child.id, Relationship::Parent, true)]))
        .unwrap();
    let e = store.add_event(&event(&[child.id], "2026-11-01", EventKind::HomeVisit, "Eventphrase"), today()).unwrap();
    store
        .correct_event(
            e[0].id,
            &event(&[child.id], "2026-11-01", EventKind::HomeVisit, "Correctphrase"),
            "why",
            today(),
        )
        .unwrap();
    store.erase_child(child.id).unwrap();
    assert!(store.get_adult(adult.id).is_err());
    for entry in store.audit_log(Some("adult"), Some(adult.id)).unwrap() {
        assert!(entry.new_value.as_deref().is_none_or(|v| v == "[erased]"), "{entry:?}");
    }
    assert!(store.verify_audit_chain().unwrap().first_broken.is_none());
    drop(store);
    assert_eq!(event_count(&db), 0);
    let adults: i64 = raw(&db).query_row("SELECT count(*) FROM adults", [], |r| r.get(0)).unwrap();
    assert_eq!(adults, 0);
}

// ---------------------------------------------------------------------------------------------
// Exchange format 3
// ---------------------------------------------------------------------------------------------

const LEAD_PASSPHRASE: &str = "the lead practitioner's own passphrase";

/// A household sent from one agency: Ada with a finalised checklist, an unborn brother no one
/// has assessed, an adult, and Ada's chronology with a correction. Returns (store, Ada's id).
fn sending_agency(dir: &std::path::Path) -> (Store, i64) {
    let (mut store, a, b) = siblings(dir);
    let baby = store
        .add_child(
            &ntk_core::model::ChildForm {
                unborn: true,
                ..child_form("Baby Chronicle", "2027-02-01", "Chronicle house")
            },
            today(),
        )
        .unwrap();
    let household = store.get_child(a).unwrap().household_id.unwrap();
    store
        .add_adult(&adult_form(
            household,
            "Rob Partner",
            vec![link(a, Relationship::StepParent, false), link(baby.id, Relationship::Parent, true)],
        ))
        .unwrap();
    let checklist = store.start_assessment(a, &start_form("Sam Worker", "Health", "2026-11-02"), today()).unwrap();
    complete(&mut store, checklist.id, AgeBand::Primary, Grade::G3);
    store.finalise(checklist.id).unwrap();
    let missed =
        store.add_event(&event(&[a, b], "2026-10-01", EventKind::WasNotBrought, "Missed clinic."), today()).unwrap();
    store
        .correct_event(
            missed[0].id,
            &event(&[a], "2026-10-02", EventKind::WasNotBrought, "Missed clinic."),
            "Date.",
            today(),
        )
        .unwrap();
    (store, a)
}

fn receiving_agency(dir: &std::path::Path) -> Store {
    Store::create(&dir.join("lead.db"), LEAD_PASSPHRASE, "Lead Practitioner").unwrap()
}

#[test]
fn a_version_3_file_brings_the_household_adults_and_chronology_and_a_second_import_adds_nothing() {
    let here = tempfile::tempdir().unwrap();
    let (mut source, ada) = sending_agency(here.path());
    let bytes = source.export_child(ada).unwrap().to_bytes(None).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["format_version"], ntk_core::exchange::FORMAT_VERSION);
    assert_eq!(json["household_members"].as_array().unwrap().len(), 2);
    assert_eq!(json["events"].as_array().unwrap().len(), 3, "finalised, missed, its correction");
    assert_eq!(json["events"][2]["corrects"], 2);

    let there = tempfile::tempdir().unwrap();
    let mut lead = receiving_agency(there.path());
    let plan = lead.import_preview_on(&bytes, None, today()).unwrap();
    assert_eq!(plan.chronology.new_events, 3);
    assert_eq!(plan.chronology.new_members, ["Baby Chronicle", "Ben Chronicle"]);
    assert_eq!(plan.chronology.new_adults, ["Rob Partner"]);
    assert_eq!((plan.chronology.known_members, plan.chronology.known_adults), (0, 0));
    assert!(plan.summary.contains("Baby Chronicle"), "{}", plan.summary);
    let report = lead.import_on(&bytes, None, today()).unwrap();
    let child = lead.get_child(report.child_id).unwrap();
    let household = child.household_id.expect("the child is put in a household with the members");
    let names: Vec<String> =
        lead.household_overview(household, today()).unwrap().children.into_iter().map(|c| c.child.name).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    // The baby no one has assessed is seen at the receiving agency, by the same rule.
    let baby = lead.list_children().unwrap().into_iter().find(|c| c.name == "Baby Chronicle").unwrap();
    assert!(baby.unborn);
    let attention = lead.needs_attention(today()).unwrap();
    let baby_reasons = &attention.iter().find(|x| x.child.id == baby.id).expect("the baby needs attention").reasons;
    assert!(baby_reasons.iter().any(|r| r.starts_with("Not yet assessed")), "{baby_reasons:?}");
    let adults = lead.adults_of_child(child.id).unwrap();
    assert_eq!(adults.len(), 1);
    let links: Vec<(&str, Relationship, bool)> =
        adults[0].children.iter().map(|l| (l.child_name.as_str(), l.relationship, l.parental_responsibility)).collect();
    assert_eq!(
        links,
        [("Ada Chronicle", Relationship::StepParent, false), ("Baby Chronicle", Relationship::Parent, true)]
    );
    // Every version arrives; the timeline shows the current ones, the correction kept as one.
    let all = lead.chronology(child.id, None, None, true).unwrap();
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|e| e.imported));
    let current = lead.chronology(child.id, None, None, false).unwrap();
    assert_eq!(current.len(), 2);
    let corrected = current.iter().find(|e| e.kind == EventKind::WasNotBrought).unwrap();
    assert_eq!((corrected.date, corrected.correction_reason.as_deref()), (d("2026-10-02"), Some("Date.")));
    assert_eq!(corrected.recorded_by, "Test Worker", "who recorded it at the sending agency");

    // The same file again: every event recognised, nothing added.
    let again = lead.import_preview_on(&bytes, None, today()).unwrap();
    assert_eq!((again.chronology.new_events, again.chronology.duplicate_events), (0, 3));
    // The preview's table counts what is already here: both other children and the adult.
    assert_eq!((again.chronology.known_members, again.chronology.known_adults), (2, 1));
    assert!(again.chronology.new_members.is_empty() && again.chronology.new_adults.is_empty());
    assert!(again.chronology.is_empty());
    lead.import_on(&bytes, None, today()).unwrap();
    assert_eq!(lead.chronology(child.id, None, None, true).unwrap().len(), 3);
    assert_eq!(lead.list_children().unwrap().len(), 3);
    assert_eq!(lead.adults_of_child(child.id).unwrap().len(), 1);

    // A later correction at the sender travels as one new event.
    let current_id = source
        .chronology(ada, None, None, false)
        .unwrap()
        .into_iter()
        .find(|e| e.kind == EventKind::WasNotBrought)
        .unwrap()
        .id;
    source
        .correct_event(
            current_id,
            &event(&[ada], "2026-10-02", EventKind::WasNotBrought, "Missed eye clinic."),
            "Which clinic.",
            today(),
        )
        .unwrap();
    let later = source.export_child(ada).unwrap().to_bytes(None).unwrap();
    let plan = lead.import_preview_on(&later, None, today()).unwrap();
    assert_eq!((plan.chronology.new_events, plan.chronology.duplicate_events), (1, 3));
    lead.import_on(&later, None, today()).unwrap();
    let current = lead.chronology(child.id, None, None, false).unwrap();
    assert!(current.iter().any(|e| e.what_happened == "Missed eye clinic."), "{current:?}");
    assert_eq!(current.len(), 2);
}

fn edit_json(bytes: &[u8], f: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    f(&mut v);
    serde_json::to_vec(&v).unwrap()
}

#[test]
fn a_version_1_file_still_imports_and_the_version_3_file_then_adds_only_the_chronology() {
    let here = tempfile::tempdir().unwrap();
    let (mut source, ada) = sending_agency(here.path());
    let bytes = source.export_child(ada).unwrap().to_bytes(None).unwrap();
    let version_1 = edit_json(&bytes, |v| {
        v["format_version"] = 1.into();
        for key in ["audit_head", "household_members", "adults", "events"] {
            v.as_object_mut().unwrap().remove(key);
        }
    });
    let there = tempfile::tempdir().unwrap();
    let mut lead = receiving_agency(there.path());
    let report = lead.import_on(&version_1, None, today()).unwrap();
    assert_eq!(report.added.len(), 1);
    assert!(lead.chronology(report.child_id, None, None, true).unwrap().is_empty());
    assert_eq!(lead.get_child(report.child_id).unwrap().household_id, None);
    let report = lead.import_on(&bytes, None, today()).unwrap();
    assert_eq!((report.added.len(), report.skipped_duplicates), (0, 1));
    assert!(report.summary.contains("3 events new to the chronology"), "{}", report.summary);
    assert_eq!(lead.chronology(report.child_id, None, None, true).unwrap().len(), 3);
    assert_eq!(lead.list_children().unwrap().len(), 3, "the household members arrive with version 3");
}

#[test]
fn a_bad_event_refuses_the_whole_file_in_words_with_nothing_written() {
    let here = tempfile::tempdir().unwrap();
    let (mut source, ada) = sending_agency(here.path());
    let bytes = source.export_child(ada).unwrap().to_bytes(None).unwrap();
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            edit_json(&bytes, |v| v["events"][1]["date"] = "2027-01-01".into()),
            "Event ref 2 (2027-01-01) cannot be accepted: The date of the event is in the future.",
        ),
        (edit_json(&bytes, |v| v["events"][1]["what_happened"] = " ".into()), "Please enter what happened."),
        (
            edit_json(&bytes, |v| v["events"][2]["corrects"] = 9.into()),
            "corrects event ref 9, which does not come before it",
        ),
        (
            edit_json(&bytes, |v| v["events"][2]["correction_reason"] = serde_json::Value::Null),
            "a correction without a reason",
        ),
        (edit_json(&bytes, |v| v["events"][1]["time"] = "26:00".into()), "not a time of day"),
        (edit_json(&bytes, |v| v["events"][1]["kind"] = "burglary".into()), "burglary"),
        (
            edit_json(&bytes, |v| v["adults"][0]["children"][0]["child_name"] = "Nobody".into()),
            "not a child of the file",
        ),
        (edit_json(&bytes, |v| v["household_members"][0]["name"] = "".into()), "household member"),
    ];
    let there = tempfile::tempdir().unwrap();
    let mut lead = receiving_agency(there.path());
    for (file, words) in cases {
        let e = lead.import_on(&file, None, today()).unwrap_err().to_string();
        assert!(e.contains(words), "{words}: {e}");
    }
    assert!(lead.list_children().unwrap().is_empty());
    drop(lead);
    let conn = Connection::open(there.path().join("lead.db")).unwrap();
    conn.pragma_update(None, "key", LEAD_PASSPHRASE).unwrap();
    for table in ["children", "events", "adults", "assessments", "households"] {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "{table}");
    }
}

/// Starting and ending a plan (issue 18) add their events to the chronology, in the plan's own
/// transaction, named by the organisation in Settings, or saying none is recorded: an exchange
/// file refuses an event without an agency.
#[test]
fn starting_and_ending_a_plan_add_their_events_to_the_chronology() {
    use ntk_core::plans::{EndPlanForm, PlanForm, PlanOutcome, PlanType};
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Pia Planfamily", "2019-03-03", ""), today()).unwrap();
    let plan = PlanForm { plan_type: Some(PlanType::ChildInNeed), category: None, started_on: "2026-01-05".into() };
    store.start_plan(child.id, &plan, today()).unwrap();
    store
        .set_practitioner_details(&ntk_core::model::PractitionerDetails {
            organisation: "Testshire Council".into(),
            ..Default::default()
        })
        .unwrap();
    let end = EndPlanForm { ended_on: "2026-06-30".into(), outcome: Some(PlanOutcome::SteppedDownToEarlyHelp) };
    store.end_plan(child.id, &end, today()).unwrap();

    let events = store.chronology(child.id, None, None, false).unwrap();
    let seen: Vec<_> =
        events.iter().map(|e| (e.kind, e.date.to_string(), e.agency.as_str(), e.what_happened.as_str())).collect();
    assert_eq!(
        seen,
        [
            (EventKind::PlanStarted, "2026-01-05".into(), "Agency not recorded", "Started: child in need plan."),
            (
                EventKind::PlanEnded,
                "2026-06-30".into(),
                "Testshire Council",
                "Ended: child in need plan (stepped down to early help)."
            ),
        ]
    );
    assert!(events.iter().all(|e| e.automatic));
}
