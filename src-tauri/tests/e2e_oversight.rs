//! Management oversight and the core group end to end (issue 18): a manager's review recorded on
//! a finalised checklist clears "awaiting manager review" from the child page and the home list;
//! a core group meeting with an agency absent is flagged in words, and its agreed grade is shown
//! as agreed on the history, with the practitioners' grade and the dissent beside it. Refused
//! forms keep what was typed; axe finds nothing; 200% zoom does not scroll sideways.
//! All names and records are invented.

// The `serial()` guard is held across awaits on purpose: one app under test at a time.
#![allow(clippy::await_holding_lock)]

mod common;
mod support;

use chrono::{Days, Local, NaiveDate};
use common::{data_dir, serial, App};
use ntk_core::model::{AgeBand, ChildForm, PlanCategory};
use ntk_core::store::{StartAssessmentForm, Store};
use serde_json::json;
use support::*;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

const DOB: &str = "2019-04-02";

fn child_form(name: &str) -> ChildForm {
    ChildForm { name: name.into(), date_of_birth: DOB.into(), ..ChildForm::default() }
}

/// A finalised checklist dated `days_ago`, every item graded 3 and each area confirmed 3.
fn finalised_checklist(store: &mut Store, child_id: i64, days_ago: u64) -> i64 {
    let on = today() - Days::new(days_ago);
    let form = StartAssessmentForm {
        assessor_name: "Sam Worker".into(),
        agency: "Children's social care".into(),
        role: "Social worker".into(),
        assessed_on: on.to_string(),
        review_round: None,
    };
    let a = store.start_assessment(child_id, &form, today()).unwrap();
    let band = AgeBand::on(DOB.parse().unwrap(), on);
    records::grade_and_confirm(store, a.id, band, |_, _| 3, |_, _, title| format!("Seen at the home visit: {title}."));
    for (section, text) in [
        ("childs_voice", "\"I like the park with my brother.\""),
        ("day_in_my_life", "Up at seven, nursery, tea at five, bed by eight."),
    ] {
        store.save_narrative(a.id, section, None, text).unwrap();
    }
    store.finalise(a.id).unwrap();
    a.id
}

/// A child whose only checklist was finalised `days_ago` (written as the app writes a received
/// history, since finalising stamps the present time): long enough ago to await a review.
fn child_finalised_long_ago(store: &mut Store, name: &str, days_ago: u64) -> (i64, i64) {
    let scratch = store.add_child(&child_form("Scratch Child"), today()).unwrap().id;
    finalised_checklist(store, scratch, days_ago + 1);
    let mut checklist = store.assessments_for_child(scratch).unwrap().remove(0);
    checklist.finalised_at = Some(format!("{}T15:00:00+00:00", today() - Days::new(days_ago)));
    let child = child_form(name).validate(today()).unwrap();
    let child_id = store.insert_child_history(&child, &[checklist]).unwrap();
    store.erase_child(scratch).unwrap();
    let id = store.assessments_for_child(child_id).unwrap()[0].id;
    (child_id, id)
}

/// Chooses `value` in a select as a person would (the page hears the change).
async fn choose(app: &App, css: &str, value: &str) {
    app.wait_for(css).await;
    js(
        app,
        "const el = document.querySelector(arguments[0]); el.focus(); el.value = arguments[1];
         el.dispatchEvent(new Event('change', { bubbles: true })); return true;",
        vec![json!(css), json!(value)],
    )
    .await;
}

/// Brings `css` to the top of the window, for a screenshot of what matters.
async fn scroll_to(app: &App, css: &str) {
    js(app, "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); return true;", vec![json!(css)])
        .await;
}

async fn value_of(app: &App, css: &str) -> String {
    js(app, "return document.querySelector(arguments[0]).value;", vec![json!(css)]).await.as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_managers_review_recorded_on_the_checklist_clears_awaiting_manager_review() {
    let _serial = serial();
    let dir = data_dir();
    let mut store =
        Store::create(&dir.path().join(ntk_core::store::DATABASE_FILE), common::PASSPHRASE, "test").unwrap();
    let (child_id, checklist_id) = child_finalised_long_ago(&mut store, "Rowan Oversight", 30);
    // A child never assessed on a plan started a year ago is overdue, so the home list has a row
    // to wait for whatever happens to Rowan's.
    let overdue = ChildForm {
        plan_category: Some(PlanCategory::Neglect),
        plan_start: (today() - Days::new(365)).to_string(),
        ..child_form("Sasha Overdue")
    };
    let overdue_id = store.add_child(&overdue, today()).unwrap().id;
    drop(store);

    let app = App::launch(dir.path()).await;
    app.unlock().await;
    let row = format!("#attention-rows li[data-child-id='{child_id}']");
    app.wait_for_text(&row, "Awaiting manager review").await;
    go(&app, &format!("#/child/{child_id}")).await;
    app.wait_for_text("h1", "Rowan Oversight").await;
    app.wait_for_text("#awaiting-review", "has had no manager's review for 10 working days").await;

    // By keyboard from the child page to the checklist's review form.
    focus(&app, &format!("#review-checklist-{checklist_id}")).await;
    press(&app, ENTER).await;
    app.wait_for("#manager-review-form").await;
    app.wait_for_text("#manager-review", "No manager's review has been recorded for this checklist.").await;

    // Refused in words, and nothing typed is lost.
    app.type_into("#review-manager-role", "Team manager").await;
    app.click("#record-review").await;
    app.wait_for_text("#review-manager-name-error", "Please enter the manager's name.").await;
    assert_eq!(value_of(&app, "#review-manager-role").await, "Team manager");
    app.type_into("#review-manager-name", "Morgan Teamlead").await;
    app.click("#review-decision-agreed-with-changes").await;
    app.click("#record-review").await;
    app.wait_for_text("#review-comment-error", "Please say in the comment which changes were agreed.").await;
    assert_eq!(value_of(&app, "#review-manager-name").await, "Morgan Teamlead");
    app.type_into("#review-comment", "Add the dentist to the plan.").await;
    app.click("#record-review").await;
    app.wait_for_text("#review-recorded", "Manager's review by Morgan Teamlead recorded.").await;
    let listed = app.wait_for_text(".manager-reviews", "Morgan Teamlead, Team manager: agreed with changes.").await;
    assert!(listed.contains("Add the dentist to the plan."), "{listed}");
    assert_eq!(value_of(&app, "#review-manager-name").await, "", "the form is empty for the next review");
    scroll_to(&app, "#manager-review").await;
    shot(&app, "oversight-review").await;
    assert_accessible(&app, "a finalised checklist with its manager's review").await;

    // The child page and the home list no longer say it awaits a review.
    go(&app, &format!("#/child/{child_id}")).await;
    app.wait_for("#oversight[data-ready='true']").await;
    app.wait_for_text("#child-reviews", "Morgan Teamlead").await;
    app.assert_absent("#awaiting-review", "reviewed, yet the child page still awaits a review").await;
    app.assert_absent("#unreviewed-checklists", "reviewed, yet listed without a review").await;
    go(&app, "#/").await;
    app.wait_for_text(&format!("#attention-rows li[data-child-id='{overdue_id}']"), "Sasha Overdue").await;
    app.assert_absent(&row, "reviewed, yet Rowan is still on the home list").await;

    go(&app, &format!("#/checklist/{checklist_id}/finalise")).await;
    app.wait_for_text(".manager-reviews", "Morgan Teamlead").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "the manager's review scrolls sideways at 200%");
    app.quit().await;
}

#[tokio::test]
async fn a_core_group_meeting_with_an_agency_absent_is_flagged_and_its_agreed_grade_is_shown_in_the_history() {
    let _serial = serial();
    let dir = data_dir();
    let mut store =
        Store::create(&dir.path().join(ntk_core::store::DATABASE_FILE), common::PASSPHRASE, "test").unwrap();
    let child_id = store.add_child(&child_form("Robin Coregroup"), today()).unwrap().id;
    finalised_checklist(&mut store, child_id, 100);
    finalised_checklist(&mut store, child_id, 2);
    let area = store.checklist().areas[0].clone();
    drop(store);

    let app = App::launch(dir.path()).await;
    app.unlock().await;
    go(&app, &format!("#/child/{child_id}")).await;
    app.wait_for_text("#latest-meeting", "No core group meeting has been recorded.").await;
    focus(&app, "#meeting-link").await;
    press(&app, ENTER).await;
    app.wait_for_text("h1", "Core group meetings: Robin Coregroup").await;

    // Nobody named as present: refused in words, the grade chosen is kept.
    choose(&app, &format!("#agreed-{}", area.id), "2").await;
    app.click(&format!("#add-dissent-{}", area.id)).await;
    app.type_into(&format!("#dissent-{}-0-agency", area.id), "Health").await;
    app.type_into(&format!("#dissent-{}-0-reason", area.id), "Weight has dropped since the summer.").await;
    app.click("#record-meeting").await;
    app.wait_for_text("#meeting-present-error", "Please name the agencies present at the meeting.").await;
    assert_eq!(value_of(&app, &format!("#agreed-{}", area.id)).await, "2");
    assert_eq!(value_of(&app, &format!("#dissent-{}-0-agency", area.id)).await, "Health");
    scroll_to(&app, "#meeting-form").await;
    shot(&app, "oversight-meeting-refused").await;

    // Health came, education was expected (not marked not involved) and did not.
    app.click("#meeting-health-present").await;
    app.type_into("#meeting-other-present", "Children's social care").await;
    app.click("#record-meeting").await;
    app.wait_for_text("#meeting-recorded", "is recorded").await;
    let listed = app.wait_for_text(".meetings", "Expected but not present: Education.").await;
    assert!(listed.contains("Agency missing"), "the missing agency is said in words: {listed}");
    assert!(listed.contains(&format!("{}: grade 2 agreed; Health disagrees", area.name)), "{listed}");
    scroll_to(&app, "#meetings-title").await;
    shot(&app, "oversight-meeting").await;
    assert_accessible(&app, "the core group meeting form and the meetings recorded").await;

    go(&app, &format!("#/child/{child_id}")).await;
    app.wait_for_text("#latest-meeting", "Expected but not present: Education.").await;

    // The history shows the agreed grade as agreed and dated, with the practitioners' grade 3
    // and the dissent beside it, because the agreed 2 is better.
    go(&app, &format!("#/child/{child_id}/history")).await;
    let when = today().format("%-d %B %Y").to_string();
    let flag = app
        .wait_for_text(&format!("[data-flag=agreed][data-area-id='{}']", area.id), "agreed at the core group on")
        .await;
    assert!(flag.contains(&format!("Grade 2, agreed at the core group on {when}")), "{flag}");
    assert!(flag.contains("lower than the practitioners' confirmed grade 3"), "{flag}");
    assert!(flag.contains("Health disagrees: Weight has dropped since the summer"), "{flag}");
    let row =
        app.wait_for_text(&format!(".change-table tr[data-area-id='{}']", area.id), "agreed at the core group").await;
    assert!(row.contains("Practitioners: concern (confirmed 3)"), "{row}");
    shot(&app, "oversight-history-agreed").await;
    assert_accessible(&app, "the history with an agreed grade").await;

    // The comparison says it of the checklist whose round it was agreed for, and not of the other.
    go(&app, &format!("#/child/{child_id}/compare")).await;
    let section = format!(".compare-area[data-area-id='{}']", area.id);
    let line = app.wait_for_text(&format!("{section} .agreed-lines"), "agreed at the core group").await;
    assert!(line.starts_with("Second checklist") && !line.contains("First checklist"), "{line}");
    assert!(line.contains("lower than the practitioners' confirmed grade 3"), "{line}");

    go(&app, &format!("#/child/{child_id}/meeting")).await;
    app.wait_for_text(".meetings", "Expected but not present: Education.").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "the meeting screen scrolls sideways at 200%");
    app.quit().await;
}
