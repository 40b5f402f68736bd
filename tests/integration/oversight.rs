//! Managers' reviews: recorded once and audited, refused in words when the form is wrong, never
//! changed afterwards, and "awaiting manager review" on the home list from the tenth working day.
//! All names and dates are invented.

use chrono::NaiveDate;
use ntk_core::model::AgeBand;
use ntk_core::oversight::{review_awaited_from, ManagerDecision, ManagerReviewForm};
use ntk_core::scoring::Grade;
use ntk_core::store::Store;
use rusqlite::Connection;

use crate::support::*;

fn review_form(on: NaiveDate, decision: ManagerDecision, comment: &str) -> ManagerReviewForm {
    ManagerReviewForm {
        manager_name: "Morgan Teamlead".into(),
        manager_role: "Team manager".into(),
        reviewed_on: on.to_string(),
        decision: Some(decision),
        comment: comment.into(),
    }
}

fn awaiting(store: &Store, child_id: i64, on: NaiveDate) -> Option<String> {
    store
        .needs_attention(on)
        .unwrap()
        .into_iter()
        .find(|a| a.child.id == child_id)
        .and_then(|a| a.reasons.into_iter().find(|r| r.starts_with("Awaiting manager review")))
}

#[test]
fn a_finalised_checklist_awaits_a_managers_review_from_the_tenth_working_day_until_one_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Lou Oversight", "2018-02-02", ""), today()).unwrap();
    let draft = store.start_assessment(child.id, &start_form("Sam Worker", "School", "2026-11-01"), today()).unwrap();
    complete(&mut store, draft.id, AgeBand::Primary, Grade::G2);

    // A draft cannot be reviewed.
    let clock = chrono::Local::now().date_naive();
    let err = store.record_manager_review(draft.id, &review_form(clock, ManagerDecision::Agreed, ""), clock);
    assert!(err.unwrap_err().to_string().contains("Only a finalised checklist"));

    store.finalise(draft.id).unwrap();
    let finalised: NaiveDate = store.get_assessment(draft.id).unwrap().finalised_at.unwrap()[..10].parse().unwrap();
    let from = review_awaited_from(finalised);
    assert_eq!(awaiting(&store, child.id, from.pred_opt().unwrap()), None, "the day before the tenth working day");
    let reason = awaiting(&store, child.id, from).expect("awaiting from the tenth working day");
    assert!(reason.contains("no manager's review for 10 working days"), "{reason}");
    // The child's page says what the home list says, from the same rule.
    assert_eq!(store.awaiting_manager_review(child.id, from).unwrap(), Some(reason.clone()));
    assert_eq!(store.awaiting_manager_review(child.id, from.pred_opt().unwrap()).unwrap(), None);

    // Human errors, nothing stored.
    let mut form = review_form(from, ManagerDecision::AgreedWithChanges, "  ");
    let err = store.record_manager_review(draft.id, &form, from).unwrap_err().to_string();
    assert_eq!(err, "Please say in the comment which changes were agreed.");
    form.comment = "Add the dentist to the plan.".into();
    form.reviewed_on = finalised.pred_opt().unwrap().to_string();
    let err = store.record_manager_review(draft.id, &form, from).unwrap_err().to_string();
    assert!(err.contains("before the checklist was finalised"), "{err}");
    form.reviewed_on = from.succ_opt().unwrap().to_string();
    assert!(store.record_manager_review(draft.id, &form, from).unwrap_err().to_string().contains("in the future"));
    form.manager_name = " ".into();
    assert_eq!(
        store.record_manager_review(draft.id, &form, from).unwrap_err().to_string(),
        "Please enter the manager's name."
    );
    assert!(store.manager_reviews(child.id).unwrap().is_empty());

    form.manager_name = "Morgan Teamlead".into();
    form.reviewed_on = from.to_string();
    let review = store.record_manager_review(draft.id, &form, from).unwrap();
    assert_eq!(
        (review.decision, review.comment.as_str()),
        (ManagerDecision::AgreedWithChanges, "Add the dentist to the plan.")
    );
    assert_eq!(awaiting(&store, child.id, from), None, "reviewed");
    assert_eq!(store.awaiting_manager_review(child.id, from).unwrap(), None, "reviewed, on the child's page");
    let trail = store.child_audit_log(child.id).unwrap();
    assert!(trail
        .iter()
        .any(|e| e.record_type == "manager_review" && e.new_value.as_deref() == Some("Morgan Teamlead")));

    // Append-only: the schema refuses a change or a removal, whatever writes it.
    let conn = Connection::open(db_in(dir.path())).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    assert!(conn.execute("UPDATE manager_reviews SET decision = 'agreed' WHERE id = ?1", [review.id]).is_err());
    assert!(conn.execute("DELETE FROM manager_reviews WHERE id = ?1", [review.id]).is_err());
    assert_eq!(store.manager_reviews(child.id).unwrap(), vec![review]);

    // Erasing the child takes its reviews and plans with it.
    let plan = ntk_core::plans::PlanForm {
        plan_type: Some(ntk_core::plans::PlanType::ChildInNeed),
        category: None,
        started_on: "2026-01-01".into(),
    };
    store.start_plan(child.id, &plan, today()).unwrap();
    store.erase_child(child.id).unwrap();
    let left: i64 = conn
        .query_row("SELECT (SELECT count(*) FROM manager_reviews) + (SELECT count(*) FROM plans)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

/// Case references: checked, stored, audited; one child per NHS number. Invented numbers (NHS
/// numbers beginning 999 are never issued).
#[test]
fn case_references_are_checked_stored_and_one_nhs_number_belongs_to_one_child() {
    use ntk_core::references::CaseReferences;
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let ada = store.add_child(&child_form("Ada Refsfamily", "2018-02-02", ""), today()).unwrap();
    let bo = store.add_child(&child_form("Bo Refsfamily", "2019-02-02", ""), today()).unwrap();
    let refs = CaseReferences {
        la_case_number: " LA-000123 ".into(),
        nhs_number: "999 000 0018".into(),
        unique_pupil_number: "p000000000001".into(),
    };
    let stored = store.set_case_references(ada.id, &refs).unwrap();
    assert_eq!(
        (stored.la_case_number.as_str(), stored.nhs_number.as_str(), stored.unique_pupil_number.as_str()),
        ("LA-000123", "9990000018", "P000000000001")
    );
    let err = store.set_case_references(bo.id, &refs).unwrap_err().to_string();
    assert!(err.starts_with("Ada Refsfamily already has the NHS number 999 000 0018"), "{err}");
    let mistyped = CaseReferences { nhs_number: "999 000 0019".into(), ..Default::default() };
    assert!(store.set_case_references(bo.id, &mistyped).is_err());
    assert_eq!(store.case_references(bo.id).unwrap(), CaseReferences::default(), "nothing stored");
    let trail = store.child_audit_log(ada.id).unwrap();
    assert!(trail.iter().any(|e| e.record_type == "case_references" && e.new_value.as_deref() == Some("9990000018")));
}

/// A core group meeting with health absent is flagged on the home list until a meeting where
/// every expected agency is present; forms with mistakes are refused in words.
#[test]
fn a_core_group_without_an_expected_agency_is_flagged_and_its_agreed_grades_are_kept() {
    use ntk_core::core_group::{AgreedGrade, Dissent, MeetingForm};
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Max Coregroup", "2018-02-02", ""), today()).unwrap();
    let area = store.checklist().areas[0].id.clone();
    let mut form = MeetingForm {
        held_on: "2026-11-02".into(),
        agencies_present: vec!["Children's services".into(), "Education".into(), " ".into()],
        agencies_absent: vec!["Police".into()],
        not_involved: Vec::new(),
        agreed: vec![AgreedGrade {
            area_id: area.clone(),
            grade: 4,
            dissent: vec![Dissent { agency: "Education".into(), reason: "Attendance is now good.".into() }],
        }],
    };
    let meeting = store.record_meeting(child.id, &form, today()).unwrap();
    assert_eq!(meeting.agencies_present, ["Children's services", "Education"]);
    assert_eq!(meeting.missing_agencies(), ["Health", "Police"]);
    let reasons = |store: &Store| {
        store.needs_attention(today()).unwrap().into_iter().find(|a| a.child.id == child.id).map(|a| a.reasons)
    };
    let flagged = reasons(&store).unwrap();
    assert!(
        flagged.contains(&"Core group of 2 Nov 2026: expected but not present: Health, Police.".to_string()),
        "{flagged:?}"
    );
    assert_eq!(store.meetings(child.id).unwrap()[0].agreed_grade(&area).unwrap().dissent[0].agency, "Education");

    form.agreed[0].dissent[0].reason = " ".into();
    assert!(store.record_meeting(child.id, &form, today()).unwrap_err().to_string().contains("agency that disagrees"));
    form.agreed[0].dissent.clear();
    form.agreed[0].grade = 6;
    assert!(store.record_meeting(child.id, &form, today()).unwrap_err().to_string().contains("from 1 to 5"));
    form.agreed[0].grade = 3;
    form.not_involved = vec!["Police".into()];
    assert!(store
        .record_meeting(child.id, &form, today())
        .unwrap_err()
        .to_string()
        .contains("Only health or education"));
    form.not_involved = vec!["health".into()];
    form.agencies_absent.clear();
    form.held_on = "2026-11-20".into();
    store.record_meeting(child.id, &form, today()).unwrap();
    let now = reasons(&store).unwrap_or_default();
    assert!(!now.iter().any(|r| r.starts_with("Core group")), "the latest meeting had everyone expected: {now:?}");
    assert_eq!(store.meetings(child.id).unwrap().len(), 2);
}

/// The partnership key: two agencies' databases holding the same child (same NHS number) give the
/// same pseudonym when they share the key, and different ones without it or with another key.
/// The dataset also carries the plan, its repeat number, disability and the manager's review.
#[test]
fn pseudonyms_match_across_two_databases_sharing_a_partnership_key_and_differ_without_one() {
    use ntk_core::references::CaseReferences;
    let pseudonym_in = |dir: &std::path::Path, key: Option<&str>, name: &str| {
        let mut store = new_store(dir);
        let mut form = child_form(name, "2018-02-02", "");
        form.plan_category = Some(ntk_core::model::PlanCategory::Neglect);
        form.plan_start = "2026-09-01".into();
        let child = store.add_child(&form, today()).unwrap();
        let refs = CaseReferences { nhs_number: "9990000018".into(), ..Default::default() };
        store.set_case_references(child.id, &refs).unwrap();
        if let Some(key) = key {
            store.set_partnership_key(key).unwrap();
        }
        let rows = store.partnership_dataset(d("2026-10-01"), d("2026-12-31")).unwrap();
        assert_eq!(rows.len(), 1);
        let row = rows[0].clone();
        assert_eq!((row.plan_type, row.plan_number), (Some(ntk_core::plans::PlanType::ChildProtection), Some(1)));
        assert!(!row.manager_review_done && !row.has_disability);
        (row.pseudonym, row.pseudonym_scope)
    };
    const KEY: &str = "an invented partnership key, long enough";
    let (a, b, c, e) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    // The two agencies spell the name differently: the NHS number is what joins them.
    let health = pseudonym_in(a.path(), Some(KEY), "Rosa Partnership");
    let school = pseudonym_in(b.path(), Some(KEY), "Rosa Partnershipp");
    assert_eq!(health, school);
    assert_eq!(health.1, "partnership");
    let without = pseudonym_in(c.path(), None, "Rosa Partnership");
    assert_ne!(without.0, health.0);
    assert_eq!(without.1, "local");
    let other_key = pseudonym_in(e.path(), Some("another invented partnership key"), "Rosa Partnership");
    assert_ne!(other_key.0, health.0);
    // Two databases without a key never match, even for the same child.
    let d2 = tempfile::tempdir().unwrap();
    assert_ne!(pseudonym_in(d2.path(), None, "Rosa Partnership").0, without.0);
    // A short key is refused in words.
    let mut store = new_store(tempfile::tempdir().unwrap().path());
    let err = store.set_partnership_key("too short").unwrap_err().to_string();
    assert!(err.contains("at least 20 characters"), "{err}");
}

/// Exchange format 3: plans, managers' reviews, meetings, engagement and case references travel
/// with the child; the receiving agency matches the child by NHS number before name and date of
/// birth; a version 2 file may not carry them.
#[test]
fn plans_reviews_meetings_engagement_and_references_travel_in_format_3_and_the_nhs_number_matches_first() {
    use ntk_core::core_group::MeetingForm;
    use ntk_core::exchange::ExchangeFile;
    use ntk_core::oversight::ManagerDecision;
    use ntk_core::plans::{EndPlanForm, PlanForm, PlanOutcome, PlanType};
    use ntk_core::references::CaseReferences;
    use ntk_core::store::EngagementForm;
    let (a, b, c) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut sender = new_store(a.path());
    let child = sender.add_child(&child_form("Nia Sentfamily", "2018-02-02", ""), today()).unwrap();
    let cin = PlanForm { plan_type: Some(PlanType::ChildInNeed), category: None, started_on: "2025-01-06".into() };
    sender.start_plan(child.id, &cin, today()).unwrap();
    let end = EndPlanForm { ended_on: "2025-06-30".into(), outcome: Some(PlanOutcome::ChildLookedAfter) };
    sender.end_plan(child.id, &end, today()).unwrap();
    let cp = PlanForm {
        plan_type: Some(PlanType::ChildProtection),
        category: Some(ntk_core::model::PlanCategory::Neglect),
        started_on: "2025-07-01".into(),
    };
    sender.start_plan(child.id, &cp, today()).unwrap();
    let refs =
        CaseReferences { nhs_number: "9990000018".into(), la_case_number: "LA-000777".into(), ..Default::default() };
    sender.set_case_references(child.id, &refs).unwrap();
    let checklist =
        sender.start_assessment(child.id, &start_form("Sam Worker", "Health", "2026-11-01"), today()).unwrap();
    complete(&mut sender, checklist.id, AgeBand::Primary, Grade::G2);
    sender.finalise(checklist.id).unwrap();
    let clock = chrono::Local::now().date_naive();
    sender.record_manager_review(checklist.id, &review_form(clock, ManagerDecision::Agreed, "Fine."), clock).unwrap();
    let meeting = MeetingForm {
        held_on: "2026-11-10".into(),
        agencies_present: vec!["Health".into(), "Education".into()],
        ..Default::default()
    };
    sender.record_meeting(child.id, &meeting, today()).unwrap();
    let rating =
        EngagementForm { rated_on: "2026-11-10".into(), carer: "Parent Sentfamily".into(), engagement: Some(2) };
    sender.rate_engagement(child.id, &rating, today()).unwrap();
    let file = sender.export_child(child.id).unwrap();
    assert_eq!(file.format_version, ntk_core::exchange::FORMAT_VERSION);
    let bytes = file.to_bytes(None).unwrap();

    // A new child here: everything comes in.
    let mut receiver = new_store(b.path());
    let report = receiver.import(&bytes, None).unwrap();
    assert!(report.child_created);
    let id = report.child_id;
    let plans = receiver.plans(id, clock).unwrap();
    let words: Vec<(&str, Option<PlanOutcome>)> =
        plans.iter().map(|p| (p.repeat_words.as_str(), p.plan.outcome)).collect();
    assert_eq!(
        words,
        [
            ("first child in need plan in 3 years", Some(PlanOutcome::ChildLookedAfter)),
            ("first child protection plan for neglect in 3 years", None)
        ]
    );
    assert_eq!(receiver.manager_reviews(id).unwrap()[0].manager_name, "Morgan Teamlead");
    assert_eq!(receiver.meetings(id).unwrap().len(), 1);
    assert_eq!(receiver.engagement(id).unwrap()[0].engagement.0, 2);
    assert_eq!(receiver.case_references(id).unwrap().nhs_number, "9990000018");

    // Another agency has the child under another spelling, with the NHS number: matched by it,
    // its own references kept, the blank one filled.
    let mut school = new_store(c.path());
    let here = school.add_child(&child_form("Nia Sent-Family", "2018-02-02", ""), today()).unwrap();
    let ours =
        CaseReferences { nhs_number: "999 000 0018".into(), la_case_number: "OURS-1".into(), ..Default::default() };
    school.set_case_references(here.id, &ours).unwrap();
    let report = school.import(&bytes, None).unwrap();
    assert_eq!((report.child_id, report.child_created), (here.id, false));
    assert_eq!(school.case_references(here.id).unwrap().la_case_number, "OURS-1");
    assert_eq!(school.list_children().unwrap().len(), 1);

    // A version 2 file may not carry version 3 keys.
    let mut old: ExchangeFile = file.clone();
    old.format_version = 2;
    let err = ExchangeFile::from_bytes(&old.to_bytes(None).unwrap(), None).unwrap_err().to_string();
    assert!(err.contains("which only version 3 carries"), "{err}");
    // A version 2 file without them still reads.
    let plain = ExchangeFile {
        format_version: 2,
        plans: Vec::new(),
        manager_reviews: Vec::new(),
        core_group_meetings: Vec::new(),
        engagement: Vec::new(),
        case_references: None,
        household_members: Vec::new(),
        adults: Vec::new(),
        events: Vec::new(),
        ..file
    };
    assert!(ExchangeFile::from_bytes(&plain.to_bytes(None).unwrap(), None).is_ok());
}

/// The audit trail says what happened to plans, managers' reviews and case references in words:
/// no stored keys ("child_in_need", "la_case_number") and no machine dates.
#[test]
fn the_audit_trail_names_plans_reviews_and_case_references_in_words() {
    use ntk_core::plans::{EndPlanForm, PlanForm, PlanOutcome, PlanType};
    use ntk_core::references::CaseReferences;
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Wyn Wordsfamily", "2019-05-05", ""), today()).unwrap();
    let plan = PlanForm { plan_type: Some(PlanType::ChildInNeed), category: None, started_on: "2026-01-05".into() };
    store.start_plan(child.id, &plan, today()).unwrap();
    let end = EndPlanForm { ended_on: "2026-06-30".into(), outcome: Some(PlanOutcome::SteppedDownToEarlyHelp) };
    store.end_plan(child.id, &end, today()).unwrap();
    let refs = CaseReferences { la_case_number: "LA-WORDS-1".into(), ..Default::default() };
    store.set_case_references(child.id, &refs).unwrap();

    let trail = store.child_audit_trail(child.id).unwrap();
    let line = |what: &str| {
        trail
            .iter()
            .find(|l| l.what == what)
            .unwrap_or_else(|| panic!("no {what:?} in {:#?}", trail.iter().map(|l| &l.what).collect::<Vec<_>>()))
    };
    assert_eq!(line("Plan started: type of plan").new_value.as_deref(), Some("Child in need"));
    assert_eq!(line("Plan started: start date").new_value.as_deref(), Some("5 Jan 2026"));
    assert_eq!(line("Plan ended: outcome").new_value.as_deref(), Some("Stepped down to early help"));
    assert_eq!(line("Case references changed: local authority case number").new_value.as_deref(), Some("LA-WORDS-1"));
    assert!(trail.iter().any(|l| l.what == "Chronology: event recorded"));
    for l in &trail {
        let shown = format!("{} {:?} {:?}", l.what, l.old_value, l.new_value);
        assert!(!shown.contains('_'), "a stored key shown: {shown}");
    }
}

/// The store puts the core group's agreed grade on the child's history (what the history screen,
/// the comparison and `ntk history` read), for the round the meeting was held in.
#[test]
fn a_meeting_recorded_in_the_store_puts_its_agreed_grade_on_the_childs_history() {
    use ntk_core::core_group::{AgreedGrade, Dissent, MeetingForm};
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Kit Agreedgrade", "2018-02-02", ""), today()).unwrap();
    let draft = store.start_assessment(child.id, &start_form("Sam Worker", "School", "2026-11-01"), today()).unwrap();
    complete(&mut store, draft.id, AgeBand::Primary, Grade::G2);
    store.finalise(draft.id).unwrap();
    let area = store.checklist().areas[0].clone();
    let form = MeetingForm {
        held_on: "2026-11-12".into(),
        agencies_present: vec!["School".into(), "Health".into()],
        agreed: vec![AgreedGrade {
            area_id: area.id.clone(),
            grade: 4,
            dissent: vec![Dissent { agency: "School".into(), reason: "Lunch is eaten every day.".into() }],
        }],
        ..MeetingForm::default()
    };
    store.record_meeting(child.id, &form, today()).unwrap();
    let h = store.child_history(child.id, today()).unwrap();
    let point = h.history.areas.iter().find(|a| a.id == area.id).unwrap().points.last().unwrap().clone();
    let agreed = point.agreed.expect("the agreed grade is on the history");
    assert_eq!(
        agreed.sentence,
        "grade 4, agreed at the core group on 12 November 2026; School disagrees: Lunch is eaten every day"
    );
    assert!(!agreed.better_than_assessed, "4 is worse than the practitioners' grade");
    let text = ntk_core::compare::history_text(&h.child, &h.history, &h.area_gaps);
    assert!(text.contains(&format!("core group: {}: grade 4, agreed", area.name)), "{text}");
}
