//! Shared helpers for the core's integration tests: invented people, real database files.

#![allow(dead_code)]

// The invented case the report tests (Linux only: they read PDFs back with poppler) and the
// report benchmark print.
#[cfg(unix)]
pub mod case;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ntk_core::assessment::{EvidenceSource, ItemRecord};
use ntk_core::model::{AgeBand, ChildForm};
use ntk_core::scoring::Grade;
use ntk_core::store::{ActionForm, StartAssessmentForm, Store};

pub const PASSPHRASE: &str = "a long test passphrase";

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn today() -> NaiveDate {
    d("2026-11-23")
}

pub fn db_in(dir: &Path) -> PathBuf {
    dir.join("test.db")
}

pub fn new_store(dir: &Path) -> Store {
    Store::create(&db_in(dir), PASSPHRASE, "Test Worker").unwrap()
}

pub fn child_form(name: &str, dob: &str, household: &str) -> ChildForm {
    ChildForm { name: name.into(), date_of_birth: dob.into(), household: household.into(), ..Default::default() }
}

pub fn start_form(name: &str, agency: &str, date: &str) -> StartAssessmentForm {
    StartAssessmentForm {
        assessor_name: name.into(),
        agency: agency.into(),
        role: "Social worker".into(),
        assessed_on: date.into(),
        review_round: None,
    }
}

/// Settings with the contact the family summary needs before it is printed.
pub fn contact_details() -> ntk_core::model::PractitionerDetails {
    ntk_core::model::PractitionerDetails {
        organisation: "Testshire Council".into(),
        team: String::new(),
        name: "Sam Worker".into(),
        role: "Social worker".into(),
        telephone: "01632 960 000".into(),
        email: "sam@testshire.example".into(),
    }
}

pub fn graded(item_id: &str, grade: Grade, evidence: &str) -> ItemRecord {
    ItemRecord {
        item_id: item_id.into(),
        grade: Some(grade),
        evidence: evidence.into(),
        source: Some(EvidenceSource::Observed),
        evidence_date: Some(d("2026-11-01")),
        professional_only: false,
        adult_id: None,
    }
}

/// Grades every item that applies to `band` with `grade` (with evidence), confirms every area
/// at the rounded computed score and writes the impact and the child's voice and day, so the
/// assessment can be finalised.
pub fn complete(store: &mut Store, assessment_id: i64, band: AgeBand, grade: Grade) {
    let items: Vec<String> = store.checklist().items().filter(|i| i.applies_to(band)).map(|i| i.id.clone()).collect();
    for id in items {
        store.save_item(assessment_id, &graded(&id, grade, &format!("Seen on the visit: {id}.")), today()).unwrap();
    }
    let areas: Vec<String> = store.checklist().areas.iter().map(|a| a.id.clone()).collect();
    for area in areas {
        store.confirm_area(assessment_id, &area, grade.score().unwrap(), "").unwrap();
        let impact = format!("What the care in {area} means for the child day to day.");
        store.save_narrative(assessment_id, "impact", Some(&area), &impact).unwrap();
    }
    store.save_narrative(assessment_id, "childs_voice", None, "\"I like my bike.\"").unwrap();
    store.save_narrative(assessment_id, "day_in_my_life", None, "Up at seven, school, tea, bed by eight.").unwrap();
}

/// An action the family takes on, due in January 2027 (the family summary needs one).
pub fn family_action(what: &str) -> ActionForm {
    ActionForm {
        what: what.into(),
        who: "Parent".into(),
        agency: "Family".into(),
        by_when: "2027-01-15".into(),
        target_grade: None,
        area_id: None,
    }
}

/// The raw bytes of the database file and its WAL, as a thief would see them.
pub fn file_bytes(db: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    let wal = db.with_extension("db-wal");
    if let Ok(more) = std::fs::read(wal) {
        bytes.extend(more);
    }
    bytes
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}
