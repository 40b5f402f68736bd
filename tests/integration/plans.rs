//! Plans over time: the migration that turns today's plan start and category into the first
//! plan, starting and ending plans, repeat plans, and the plan prompts on "needs attention".
//! All names and dates are invented.

use ntk_core::compare::ReviewDue;
use ntk_core::model::{AgeBand, PlanCategory};
use ntk_core::plans::{EndPlanForm, Plan, PlanForm, PlanOutcome, PlanType};
use ntk_core::scoring::Grade;
use ntk_core::store::{Store, MIGRATIONS};
use rusqlite::Connection;

use crate::support::*;

/// The migration that brought plans in (renumbered at merge: change it here only).
const PLANS_MIGRATION: i64 = 12;

fn raw(db: &std::path::Path) -> Connection {
    let conn = Connection::open(db).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    conn
}

fn plan_form(t: PlanType, c: Option<PlanCategory>, start: &str) -> PlanForm {
    PlanForm { plan_type: Some(t), category: c, started_on: start.into() }
}

fn end_form(on: &str, outcome: PlanOutcome) -> EndPlanForm {
    EndPlanForm { ended_on: on.into(), outcome: Some(outcome) }
}

#[test]
fn todays_plan_start_and_category_become_the_first_plan_when_the_file_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    {
        let conn = raw(&db);
        for (i, sql) in MIGRATIONS.iter().take(PLANS_MIGRATION as usize - 1).enumerate() {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", i as i64 + 1).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO households (name, created_at) VALUES ('Oldplan household', 'then');
             INSERT INTO children (name, date_of_birth, household_id, plan_category, plan_start, created_at)
                 VALUES ('Ada Oldplan', '2018-03-01', 1, 'physical_abuse', '2025-02-03', 'then');
             INSERT INTO children (name, date_of_birth, household_id, plan_category, created_at)
                 VALUES ('Bo Oldplan', '2019-04-01', 1, 'neglect', 'then');
             INSERT INTO children (name, date_of_birth, created_at) VALUES ('Cy Oldplan', '2020-05-01', 'then');",
        )
        .unwrap();
    }
    let store = Store::open(&db, PASSPHRASE, "Test Worker").unwrap();
    let children = store.list_children().unwrap();
    let ada = &children[0];
    assert_eq!((ada.plan_category, ada.plan_start), (Some(PlanCategory::PhysicalAbuse), Some(d("2025-02-03"))));
    let plans = store.plans(ada.id, today()).unwrap();
    assert_eq!(plans.len(), 1);
    let first = &plans[0];
    assert_eq!(first.plan.plan_type, PlanType::ChildProtection);
    assert_eq!(first.plan.category, Some(PlanCategory::PhysicalAbuse));
    assert_eq!((first.plan.started_on, first.plan.ended_on, first.current), (d("2025-02-03"), None, true));
    assert_eq!(first.repeat_words, "first child protection plan for physical abuse in 3 years");
    assert_eq!(first.time_on_plan.as_ref().unwrap().words, "21 months and 20 days");
    // A category with no start date stays on the child, and makes no plan.
    let bo = &children[1];
    assert_eq!((bo.plan_category, bo.plan_start), (Some(PlanCategory::Neglect), None));
    assert!(store.plans(bo.id, today()).unwrap().is_empty());
    assert!(store.plans(children[2].id, today()).unwrap().is_empty());
    // The old columns no longer hold the migrated plan: one source of truth.
    let old: Option<String> =
        raw(&db).query_row("SELECT plan_start FROM children WHERE id = ?1", [ada.id], |r| r.get(0)).unwrap();
    assert_eq!(old, None);
}

#[test]
fn plans_start_and_end_with_an_outcome_and_repeats_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let mut form = child_form("Ivy Planfamily", "2019-02-02", "");
    form.plan_category = Some(PlanCategory::Neglect);
    form.plan_start = "2023-01-09".into();
    let child = store.add_child(&form, today()).unwrap();
    assert_eq!(store.plans(child.id, today()).unwrap().len(), 1, "the child form's plan is the first plan");

    // A second plan while one is open is refused in words.
    let err = store
        .start_plan(child.id, &plan_form(PlanType::ChildInNeed, None, "2024-01-01"), today())
        .unwrap_err()
        .to_string();
    assert!(err.contains("still on a child protection plan for neglect"), "{err}");
    // Ending before it started, and without an outcome, are refused.
    let err = store.end_plan(child.id, &end_form("2022-12-31", PlanOutcome::Closed), today()).unwrap_err();
    assert!(err.to_string().contains("before the plan started"), "{err}");
    let err = store.end_plan(child.id, &EndPlanForm { ended_on: "2024-01-01".into(), outcome: None }, today());
    assert!(err.unwrap_err().to_string().contains("Please choose the outcome"));

    store.end_plan(child.id, &end_form("2024-03-01", PlanOutcome::SteppedDownToChildInNeed), today()).unwrap();
    assert_eq!(store.get_child(child.id).unwrap().plan_start, None, "no current child protection plan");
    let err = store
        .start_plan(child.id, &plan_form(PlanType::ChildInNeed, None, "2024-02-28"), today())
        .unwrap_err()
        .to_string();
    assert!(err.contains("before the previous plan ended"), "{err}");
    let err = store
        .start_plan(child.id, &plan_form(PlanType::ChildInNeed, Some(PlanCategory::Neglect), "2024-03-01"), today())
        .unwrap_err()
        .to_string();
    assert!(err.contains("Only a child protection plan has a category"), "{err}");
    store.start_plan(child.id, &plan_form(PlanType::ChildInNeed, None, "2024-03-01"), today()).unwrap();
    store.end_plan(child.id, &end_form("2025-01-10", PlanOutcome::PreProceedings), today()).unwrap();
    let plans = store
        .start_plan(child.id, &plan_form(PlanType::ChildProtection, Some(PlanCategory::Neglect), "2026-01-05"), today())
        .unwrap();
    let words: Vec<&str> = plans.iter().map(|p| p.repeat_words.as_str()).collect();
    assert_eq!(
        words,
        [
            "first child protection plan for neglect in 3 years",
            "first child in need plan in 3 years",
            "second child protection plan for neglect in 3 years",
        ]
    );
    assert_eq!(plans[0].time_on_plan.as_ref().unwrap().words, "13 months and 21 days", "counted to its end");
    assert_eq!(plans[1].plan.outcome, Some(PlanOutcome::PreProceedings));
    assert_eq!(store.get_child(child.id).unwrap().plan_start, Some(d("2026-01-05")));

    // Every start and end is in the audit log.
    let trail = store.child_audit_log(child.id).unwrap();
    let plan_rows = trail.iter().filter(|e| e.record_type == "plan").count();
    assert_eq!(plan_rows, 3 * 3 + 2 * 2, "three fields per start, two per end");
}

#[test]
fn clearing_the_plan_start_on_the_child_form_is_refused_while_the_plan_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let mut form = child_form("Jay Planfamily", "2019-02-02", "");
    form.plan_category = Some(PlanCategory::Neglect);
    form.plan_start = "2026-01-09".into();
    let child = store.add_child(&form, today()).unwrap();
    // Correcting the start date corrects the current plan.
    form.plan_start = "2026-01-02".into();
    assert_eq!(store.update_child(child.id, &form, today()).unwrap().plan_start, Some(d("2026-01-02")));
    assert_eq!(store.plans(child.id, today()).unwrap().len(), 1);
    form.plan_start = String::new();
    form.plan_category = None;
    let err = store.update_child(child.id, &form, today()).unwrap_err().to_string();
    assert!(err.contains("not by clearing its start date"), "{err}");
    assert_eq!(store.get_child(child.id).unwrap().plan_start, Some(d("2026-01-02")), "nothing lost");
}

#[test]
fn an_urgent_item_graded_again_at_the_next_review_asks_to_consider_escalation() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Kit Escalate", "2018-02-02", ""), today()).unwrap();
    let reasons = |store: &Store| {
        store
            .needs_attention(today())
            .unwrap()
            .into_iter()
            .find(|a| a.child.id == child.id)
            .map(|a| a.reasons)
            .unwrap_or_default()
    };
    let first = store.start_assessment(child.id, &start_form("Sam Worker", "School", "2026-08-01"), today()).unwrap();
    complete(&mut store, first.id, AgeBand::Primary, Grade::G5);
    store.finalise(first.id).unwrap();
    assert!(!reasons(&store).iter().any(|r| r.starts_with("Consider escalation")), "one review only");
    let second = store.start_assessment(child.id, &start_form("Sam Worker", "School", "2026-10-01"), today()).unwrap();
    complete(&mut store, second.id, AgeBand::Primary, Grade::G5);
    store.finalise(second.id).unwrap();
    let all = reasons(&store);
    let escalation = all.iter().find(|r| r.starts_with("Consider escalation")).expect("escalation prompt");
    assert!(escalation.contains("urgent again at this review"), "{escalation}");
    assert!(!all.iter().any(|r| r.starts_with("Consider step-down")));
    // The child's page reads the same prompts.
    let prompts = store.plan_prompts(child.id).unwrap();
    assert_eq!(prompts.escalation.as_deref(), Some(escalation.as_str()));
    assert_eq!(prompts.step_down, None);
}

fn plan(t: PlanType, start: &str) -> Plan {
    let category = (t == PlanType::ChildProtection).then_some(PlanCategory::Neglect);
    Plan { id: 1, child_id: 1, plan_type: t, category, started_on: d(start), ended_on: None, outcome: None }
}

#[test]
fn each_type_of_plan_is_reviewed_by_its_own_rule_at_its_edges() {
    // Child protection (Working Together 2023): within 3 months of the start, then every 6 months.
    let cp = plan(PlanType::ChildProtection, "2026-01-31");
    assert_eq!(cp.next_review_after(None), d("2026-04-30"), "31 January + 3 months is the last day of April");
    assert_eq!(cp.next_review_after(Some(d("2026-04-29"))), d("2026-04-30"), "a checklist the day before");
    assert_eq!(cp.next_review_after(Some(d("2026-04-30"))), d("2026-10-31"), "a checklist on the review's day");
    assert_eq!(cp.next_review_after(Some(d("2026-10-31"))), d("2027-04-30"), "6 months on, counted from the start");
    assert_eq!(cp.next_review_after(Some(d("2025-12-01"))), d("2026-04-30"), "a checklist before the plan");
    // Child in need and early help: every 6 weeks (the earliest local default), counted from the start.
    for t in [PlanType::ChildInNeed, PlanType::EarlyHelp] {
        let p = plan(t, "2026-03-02");
        assert_eq!(p.next_review_after(None), d("2026-04-13"), "{t:?}: 6 weeks after the start");
        assert_eq!(p.next_review_after(Some(d("2026-04-12"))), d("2026-04-13"), "{t:?}");
        assert_eq!(p.next_review_after(Some(d("2026-04-13"))), d("2026-05-25"), "{t:?}: on the day counts");
        assert!(t.review_rule().words.contains("6 weeks"), "{t:?}: the rule says where it comes from");
    }
    assert!(PlanType::ChildProtection.review_rule().words.contains("Working Together to Safeguard Children 2023"));
}

#[test]
fn the_review_date_is_the_earlier_of_the_checklist_interval_and_the_plans_review() {
    let due = |last: &str, every: u32| ReviewDue {
        last_assessed_on: Some(d(last)),
        interval_months: every,
        due_on: Some(ntk_core::compare::add_months(d(last), every)),
        overdue: false,
        days_overdue: 0,
        because: format!("the checklist is repeated every {every} months"),
    };
    let cin = plan(PlanType::ChildInNeed, "2026-03-02");
    // Checklist on 13 April (the plan's first review): the next checklist by 13 July, the plan's by 25 May.
    let r = due("2026-04-13", 3).following_plan(Some(&cin), d("2026-05-25"));
    assert_eq!((r.due_on, r.overdue), (Some(d("2026-05-25")), false), "due on the day is not overdue");
    assert!(r.because.starts_with("a child in need plan is reviewed every 6 weeks"), "{}", r.because);
    let r = due("2026-04-13", 3).following_plan(Some(&cin), d("2026-05-26"));
    assert_eq!((r.overdue, r.days_overdue), (true, 1), "overdue from the day after");
    // A monthly checklist comes first: its own date and words stay.
    let r = due("2026-04-13", 1).following_plan(Some(&cin), d("2026-05-01"));
    assert_eq!(r.due_on, Some(d("2026-05-13")));
    assert_eq!(r.because, "the checklist is repeated every 1 months");
    // On the same day, the plan's rule is named; with no plan nothing changes.
    let cp = plan(PlanType::ChildProtection, "2026-01-31");
    let r = due("2026-01-30", 3).following_plan(Some(&cp), d("2026-02-01"));
    assert_eq!(r.due_on, Some(d("2026-04-30")));
    assert!(r.because.starts_with("a child protection plan"), "{}", r.because);
    assert_eq!(due("2026-01-30", 3).following_plan(None, d("2026-02-01")), due("2026-01-30", 3));
}

#[test]
fn a_child_on_a_child_in_need_plan_is_due_for_review_by_the_plans_rule_on_every_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Rowan Cinplan", "2020-06-06", "Cinplan household"), today()).unwrap();
    store.start_plan(child.id, &plan_form(PlanType::ChildInNeed, None, "2026-09-01"), today()).unwrap();
    // Never assessed: the plan's first review, 6 weeks after its start, is the review date.
    let history = store.child_history(child.id, d("2026-10-13")).unwrap().history;
    assert_eq!(history.review.due_on, Some(d("2026-10-13")));
    assert!(history.review.because.contains("child in need plan"), "{}", history.review.because);
    let reasons = |on: &str| {
        let list = store.needs_attention(d(on)).unwrap();
        list.into_iter().find(|a| a.child.id == child.id).map(|a| a.reasons).unwrap_or_default()
    };
    assert!(!reasons("2026-10-13").iter().any(|r| r.starts_with("Review overdue")), "{:?}", reasons("2026-10-13"));
    assert!(reasons("2026-10-14").contains(&"Review overdue since 13 Oct 2026.".to_string()));
}

#[test]
fn the_core_group_summary_gives_the_plans_review_date_and_names_its_rule() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let child = store.add_child(&child_form("Sage Cinreview", "2018-02-02", ""), today()).unwrap();
    store.start_plan(child.id, &plan_form(PlanType::ChildInNeed, None, "2026-09-01"), today()).unwrap();
    let a = store.start_assessment(child.id, &start_form("Sam Worker", "School", "2026-10-01"), today()).unwrap();
    complete(&mut store, a.id, AgeBand::Primary, Grade::G2);
    store.finalise(a.id).unwrap();
    // The checklist's own interval gives 1 January 2027; the plan's review after 1 October is 13 October.
    let text = store.core_group_text(child.id, today()).unwrap();
    assert!(text.contains("It was due by 13 October 2026: a child in need plan is reviewed every 6 weeks"), "{text}");
    let pdf = store.report(ntk_core::store::ReportKind::CoreGroup, child.id, today()).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "the PDF is written from the same review");
}
