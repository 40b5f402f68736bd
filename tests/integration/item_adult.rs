//! Which adult of the child's household a checklist item concerns (issue 17): stored beside the
//! grade, refused for anyone outside the household with nothing written, locked with the
//! checklist and copied by an amendment, cleared when the adult is erased, named in the audit
//! trail, the subject-access copy and the core group's report, never in the family summary, and
//! carried by the exchange file.

use crate::support::*;
use ntk_core::assessment::{AssessmentStatus, ItemRecord};
use ntk_core::chronology::{AdultForm, AdultService};
use ntk_core::exchange::FORMAT_VERSION;
use ntk_core::model::AgeBand;
use ntk_core::scoring::Grade;
use ntk_core::store::{ReportKind, Store, MIGRATIONS};

const ITEM: &str = "physical.food.regular-meals";

fn adult_form(household_id: i64, name: &str) -> AdultForm {
    AdultForm { household_id, name: name.into(), services: vec![AdultService::Probation], children: vec![] }
}

/// Amy, her household's adult Rob, and Cal in another household with his adult Stan:
/// (store, Amy's id, Rob's id, Stan's id).
fn household(dir: &std::path::Path) -> (Store, i64, i64, i64) {
    let mut store = new_store(dir);
    let amy = store.add_child(&child_form("Amy Carerson", "2018-03-01", "Carerson house"), today()).unwrap();
    let cal = store.add_child(&child_form("Cal Elsewhere", "2019-01-01", "Another house"), today()).unwrap();
    let rob = store.add_adult(&adult_form(amy.household_id.unwrap(), "Rob Partnerman")).unwrap();
    let stan = store.add_adult(&adult_form(cal.household_id.unwrap(), "Stan Strangerson")).unwrap();
    (store, amy.id, rob.id, stan.id)
}

fn naming(adult_id: Option<i64>) -> ItemRecord {
    ItemRecord { adult_id, ..graded(ITEM, Grade::G4, "No breakfast most days when he stays.") }
}

fn draft(store: &mut Store, child_id: i64) -> i64 {
    store
        .start_assessment(child_id, &start_form("Sam Worker", "Children's services", "2026-11-01"), today())
        .unwrap()
        .id
}

#[test]
fn an_item_keeps_the_adult_it_concerns_and_can_lose_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, amy, rob, _) = household(dir.path());
    let a = draft(&mut store, amy);
    store.save_item(a, &naming(Some(rob)), today()).unwrap();
    assert_eq!(store.get_assessment(a).unwrap().item(ITEM).unwrap().adult_id, Some(rob));
    store.save_item(a, &naming(None), today()).unwrap();
    assert_eq!(store.get_assessment(a).unwrap().item(ITEM).unwrap().adult_id, None);
}

#[test]
fn an_adult_outside_the_childs_household_is_refused_in_words_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, amy, rob, stan) = household(dir.path());
    let a = draft(&mut store, amy);
    store.save_item(a, &naming(Some(rob)), today()).unwrap();
    let e = store.save_item(a, &ItemRecord { evidence: "changed".into(), ..naming(Some(stan)) }, today()).unwrap_err();
    assert_eq!(e.to_string(), "Stan Strangerson is not one of the adults in Amy Carerson's household.");
    let e = store.save_item(a, &naming(Some(stan + 100)), today()).unwrap_err();
    assert!(e.to_string().contains("no adult"), "{e}");
    let item = store.get_assessment(a).unwrap().item(ITEM).cloned().unwrap();
    assert_eq!((item.adult_id, item.evidence.as_str()), (Some(rob), "No breakfast most days when he stays."));
}

fn raw(db: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    conn
}

/// Amy's checklist completed at grade 4 with the family's parts written, `ITEM` naming Rob, and
/// finalised: (store, Amy's id, Rob's id, Stan's id, the checklist's id).
fn finalised_naming_rob(dir: &std::path::Path) -> (Store, i64, i64, i64, i64) {
    let (mut store, amy, rob, stan) = household(dir);
    let a = draft(&mut store, amy);
    complete(&mut store, a, AgeBand::on(d("2018-03-01"), d("2026-11-01")), Grade::G4);
    for (key, text) in [
        ("strengths", "Grandmother visits most days."),
        ("worries", "Meals are missed."),
        ("needs_to_change", "Three meals a day."),
        ("better_looks_like", "Amy eats well."),
        ("if_things_do_not_change", "We will meet to decide on a stronger plan."),
    ] {
        store.save_narrative(a, key, None, text).unwrap();
    }
    store.add_action(a, &family_action("Weekly food shop")).unwrap();
    store.save_item(a, &naming(Some(rob)), today()).unwrap();
    store.finalise(a).unwrap();
    (store, amy, rob, stan, a)
}

#[test]
fn a_finalised_checklist_keeps_its_adult_and_an_amendment_copies_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, rob, stan, a) = finalised_naming_rob(dir.path());
    assert!(store.save_item(a, &naming(None), today()).is_err());
    // The lock holds against raw SQL too: no adult gained, changed or lost.
    let conn = raw(&db_in(dir.path()));
    for sql in [
        format!("UPDATE item_adults SET adult_id = {stan} WHERE assessment_id = {a}"),
        format!("DELETE FROM item_adults WHERE assessment_id = {a}"),
        format!("INSERT INTO item_adults (assessment_id, item_id, adult_id) VALUES ({a}, 'another', {rob})"),
    ] {
        let e = conn.execute(&sql, []).unwrap_err().to_string();
        assert!(e.contains("finalised"), "{sql}: {e}");
    }
    let amendment = store.amend(a, "The wrong adult was named.").unwrap();
    assert_eq!(amendment.item(ITEM).unwrap().adult_id, Some(rob), "the amendment copies the adult");
    store.save_item(amendment.id, &naming(None), today()).unwrap();
    assert_eq!(store.get_assessment(amendment.id).unwrap().item(ITEM).unwrap().adult_id, None);
    assert_eq!(store.get_assessment(a).unwrap().item(ITEM).unwrap().adult_id, Some(rob), "the original stays");
}

#[test]
fn migration_13_adds_the_adult_to_a_version_12_file_with_data_and_runs_again_when_set_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    let (store, _, rob, _, a) = finalised_naming_rob(dir.path());
    drop(store);
    // Back to version 12: the table gone (a DROP fires no trigger), the grades and adults kept.
    raw(&db).execute_batch("DROP TABLE item_adults; PRAGMA user_version = 12;").unwrap();
    // Set back to 12, the file runs migration 13 and every later one again.
    assert!(MIGRATIONS[12].contains("CREATE TABLE IF NOT EXISTS item_adults"), "migration 13 makes item_adults");
    let mut store = Store::open(&db, PASSPHRASE, "Test Worker").unwrap();
    let migrated = store.get_assessment(a).unwrap();
    assert_eq!(migrated.item(ITEM).unwrap().adult_id, None, "a version 12 file named no adult");
    assert!(migrated.item(ITEM).unwrap().evidence.contains("No breakfast"));
    let e = raw(&db)
        .execute("INSERT INTO item_adults (assessment_id, item_id, adult_id) VALUES (?1, ?2, ?3)", (a, ITEM, rob))
        .unwrap_err();
    assert!(e.to_string().contains("finalised"), "the lock came with the table: {e}");
    let amendment = store.amend(a, "To name the adult.").unwrap();
    store.save_item(amendment.id, &naming(Some(rob)), today()).unwrap();
    drop(store);
    // Set back again by hand, the table still there: migration 13 runs a second time.
    raw(&db).pragma_update(None, "user_version", 12).unwrap();
    let store = Store::open(&db, PASSPHRASE, "Test Worker").unwrap();
    assert_eq!(store.get_assessment(amendment.id).unwrap().item(ITEM).unwrap().adult_id, Some(rob));
    let triggers: i64 = raw(&db)
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'item_adults'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(triggers, 3);
}

#[test]
fn erasing_an_adult_or_the_child_clears_the_items_reference_and_fails_no_foreign_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    let (mut store, amy, rob, _, a) = finalised_naming_rob(dir.path());
    let ben = store.add_child(&child_form("Ben Carerson", "2020-05-01", "Carerson house"), today()).unwrap();
    // Amy moves house; her finalised checklist still names Rob, of the old household. Erasing
    // Ben, its last child, erases Rob: the reference goes, Amy's checklist stays, still finalised.
    store.update_child(amy, &child_form("Amy Carerson", "2018-03-01", "Grandmother's house"), today()).unwrap();
    store.erase_child(ben.id).unwrap();
    assert!(store.get_adult(rob).is_err());
    let kept = store.get_assessment(a).unwrap();
    assert_eq!(kept.status, AssessmentStatus::Finalised);
    assert_eq!(kept.item(ITEM).unwrap().adult_id, None);
    assert!(kept.item(ITEM).unwrap().evidence.contains("No breakfast"));
    assert!(store.verify_audit_chain().unwrap().first_broken.is_none());

    // Erasing a child whose item names an adult of their own household: everything goes.
    let grandmother =
        store.add_adult(&adult_form(store.get_child(amy).unwrap().household_id.unwrap(), "Gran Carerson"));
    let amendment = store.amend(a, "To name the adult.").unwrap();
    store.save_item(amendment.id, &naming(Some(grandmother.unwrap().id)), today()).unwrap();
    store.finalise(amendment.id).unwrap();
    store.erase_child(amy).unwrap();
    drop(store);
    let left: i64 = raw(&db).query_row("SELECT count(*) FROM item_adults", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
    let adults: i64 = raw(&db).query_row("SELECT count(*) FROM adults", [], |r| r.get(0)).unwrap();
    assert_eq!(adults, 1, "only Cal's household's adult is left");
}

#[test]
fn the_audit_trail_says_which_adult_an_item_concerns_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, amy, rob, _) = household(dir.path());
    let a = draft(&mut store, amy);
    store.save_item(a, &naming(Some(rob)), today()).unwrap();
    store.save_item(a, &naming(None), today()).unwrap();
    let trail = store.child_audit_trail(amy).unwrap();
    let lines: Vec<_> = trail.iter().filter(|l| l.what.contains("Regular meals")).collect();
    assert_eq!(lines.len(), 2, "{trail:?}");
    // Newest first: the adult taken off, then named.
    let named = "Adult concerned: Rob Partnerman.";
    assert!(lines[0].old_value.as_deref().unwrap().ends_with(named), "{:?}", lines[0]);
    assert!(!lines[0].new_value.as_deref().unwrap().contains("Adult concerned"), "{:?}", lines[0]);
    assert!(lines[1].new_value.as_deref().unwrap().ends_with(named), "{:?}", lines[1]);
}

#[cfg(unix)]
fn pdf_text(dir: &std::path::Path, name: &str, pdf: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    if let Some(keep) = std::env::var_os("NTK_REPORT_DIR") {
        std::fs::write(std::path::Path::new(&keep).join(name), pdf).unwrap();
    }
    let out = std::process::Command::new("pdftotext").args(["-raw", path.to_str().unwrap(), "-"]).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(unix)]
#[test]
fn the_subject_access_copy_names_the_adult_an_item_concerns_not_their_number() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, amy, _, _, _) = finalised_naming_rob(dir.path());
    let (pdf, json) = store.subject_access_files(amy, today()).unwrap();
    let copy: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let table = |name: &str| copy["records"].as_array().unwrap().iter().find(|t| t["table"] == name).unwrap().clone();
    assert_eq!(table("item_adults")["rows"].as_array().unwrap().len(), 1);
    // Rob is linked to no child: he is in the copy because an item names him.
    assert!(table("adults")["rows"].to_string().contains("Rob Partnerman"), "{}", table("adults"));
    let text = pdf_text(dir.path(), "subject-access.pdf", &pdf);
    let section = text.split("The adult an item concerns").nth(1).unwrap();
    let section = section.split("Confirmed area grades").next().unwrap();
    assert!(section.contains("Rob Partnerman"), "{section}");
    assert!(!section.contains("Adult's number"), "{section}");
}

#[cfg(unix)]
#[test]
fn the_core_group_summary_says_whom_an_item_concerns_and_the_family_summary_never_does() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, amy, _, _, _) = finalised_naming_rob(dir.path());
    let core = store.report(ReportKind::CoreGroup, amy, today()).unwrap();
    let core = pdf_text(dir.path(), "core-group-item-adult.pdf", &core);
    assert!(core.contains("No breakfast most days when he stays. Concerns: Rob Partnerman."), "{core}");

    store.set_practitioner_details(&contact_details()).unwrap();
    let check = store.family_check(amy, today()).unwrap();
    // The adult's names are marked as prompts in the parts the practitioner checks.
    for name in ["Rob Partnerman", "Rob"] {
        assert!(check.household_names.contains(&name.to_string()), "{name} is not a prompt: {check:?}");
    }
    let keys: Vec<String> = check.sections.iter().map(|s| s.section.key.clone()).collect();
    for key in &keys {
        store.confirm_family_section(amy, key, today()).unwrap();
    }
    let family = store.report(ReportKind::Family, amy, today()).unwrap();
    let family = pdf_text(dir.path(), "family-item-adult.pdf", &family);
    assert!(family.contains("Amy"), "the family summary was read back: {family}");
    for never in ["Partnerman", "Concerns:"] {
        assert!(!family.contains(never), "{never} in the family summary: {family}");
    }
}

#[test]
fn an_item_names_its_adult_across_agencies_and_a_file_naming_a_stranger_is_refused_whole() {
    let sending = tempfile::tempdir().unwrap();
    let (mut sender, amy, _, _, _) = finalised_naming_rob(sending.path());
    let bytes = sender.export_child(amy).unwrap().to_bytes(None).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["format_version"], FORMAT_VERSION);
    let items = || json["assessments"][0]["items"].as_array().unwrap().clone();
    let named: Vec<_> = items().into_iter().filter(|i| i.get("adult").is_some()).collect();
    assert_eq!(named.len(), 1, "only the item that names an adult carries the key");
    assert_eq!(named[0]["adult"], "Rob Partnerman");
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = json.clone();
        f(&mut v);
        serde_json::to_vec(&v).unwrap()
    };
    let receiving = tempfile::tempdir().unwrap();
    let mut receiver = new_store(receiving.path());

    // A stranger (not among the file's adults): the whole file refused, in words.
    let stranger = edit(&|v| {
        for item in v["assessments"][0]["items"].as_array_mut().unwrap() {
            if item.get("adult").is_some() {
                item["adult"] = "Stan Strangerson".into();
            }
        }
    });
    let e = receiver.import(&stranger, None).unwrap_err().to_string();
    assert!(e.contains("concerns Stan Strangerson, who is not one of the adults"), "{e}");
    // An older format version cannot carry the key.
    let e = receiver.import(&edit(&|v| v["format_version"] = 3.into()), None).unwrap_err().to_string();
    assert!(e.contains("only version 4 carries"), "{e}");
    assert!(receiver.list_children().unwrap().is_empty(), "nothing was written");

    // A version 3 file, made before items named adults, still imports: no item names anyone.
    let old = edit(&|v| {
        v["format_version"] = 3.into();
        for item in v["assessments"][0]["items"].as_array_mut().unwrap() {
            item.as_object_mut().unwrap().remove("adult");
        }
    });
    let old_dir = tempfile::tempdir().unwrap();
    let mut old_receiver = new_store(old_dir.path());
    let report = old_receiver.import(&old, None).unwrap();
    let received = old_receiver.get_assessment(report.added[0]).unwrap();
    assert!(received.items.iter().all(|i| i.adult_id.is_none()));

    // The round trip: the item names the receiver's own record of Rob, in Amy's household here.
    let report = receiver.import(&bytes, None).unwrap();
    let received = receiver.get_assessment(report.added[0]).unwrap();
    let adult = receiver.get_adult(received.item(ITEM).unwrap().adult_id.unwrap()).unwrap();
    assert_eq!(adult.name, "Rob Partnerman");
    assert_eq!(Some(adult.household_id), receiver.get_child(report.child_id).unwrap().household_id);
    assert_eq!(received.items.iter().filter(|i| i.adult_id.is_some()).count(), 1);
}
