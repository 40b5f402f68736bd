//! Plans, case references and engagement on the child's page, end to end (issue 18): a plan
//! started (after a refusal that keeps what was typed), ended with an outcome, and a second one
//! started with its repeat wording; a mistyped NHS number refused in words with the text kept,
//! then a good one saved; a carer's engagement rated and listed. Axe finds nothing and 200% zoom
//! does not scroll sideways. All names and numbers are invented (NHS numbers beginning 999 are
//! never issued).

// The `serial()` guard is held across awaits on purpose: one app under test at a time.
#![allow(clippy::await_holding_lock)]

mod common;
mod support;

use chrono::{Days, Local, NaiveDate};
use common::{data_dir, serial, App};
use ntk_core::chronology::{AdultForm, AdultLink, Relationship};
use ntk_core::model::{AgeBand, ChildForm};
use ntk_core::store::{StartAssessmentForm, Store};
use serde_json::json;
use support::*;

/// The WebDriver key code of Backspace.
const BACKSPACE: &str = "\u{E003}";

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn days_ago(days: u64) -> String {
    (today() - Days::new(days)).to_string()
}

/// A data folder with one child (no plan yet) and, when `carer` is given, an adult of the
/// child's household; the child's id.
fn records(dir: &std::path::Path, name: &str, carer: Option<&str>) -> i64 {
    let mut store = Store::create(&dir.join(ntk_core::store::DATABASE_FILE), common::PASSPHRASE, "test").unwrap();
    let form = ChildForm {
        name: name.into(),
        date_of_birth: "2019-04-02".into(),
        household: format!("{name} household"),
        ..ChildForm::default()
    };
    let child = store.add_child(&form, today()).unwrap();
    if let Some(carer) = carer {
        store
            .add_adult(&AdultForm {
                household_id: child.household_id.unwrap(),
                name: carer.into(),
                services: Vec::new(),
                children: vec![AdultLink {
                    child_id: child.id,
                    child_name: String::new(),
                    relationship: Relationship::Parent,
                    relationship_label: String::new(),
                    parental_responsibility: true,
                }],
            })
            .unwrap();
    }
    child.id
}

/// Chooses `value` in a select the way a person's choice reaches the page (a change event).
async fn choose(app: &App, css: &str, value: &str) {
    app.wait_for(css).await;
    let chosen = js(
        app,
        "const el = document.querySelector(arguments[0]); el.focus(); el.value = arguments[1];
         el.dispatchEvent(new Event('change', { bubbles: true })); return el.value === arguments[1];",
        vec![json!(css), json!(value)],
    )
    .await;
    assert_eq!(chosen, json!(true), "{css} has no option {value}");
}

/// Scrolls so that `css` is at the top of the window (for a screenshot of that part).
async fn scroll_to_top(app: &App, css: &str) {
    js(app, "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' });", vec![json!(css)]).await;
}

async fn value_of(app: &App, css: &str) -> String {
    js(app, "return document.querySelector(arguments[0]).value;", vec![json!(css)]).await.as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_plan_is_started_ended_with_its_outcome_and_a_second_one_says_it_is_the_second() {
    let _serial = serial();
    let dir = data_dir();
    let child = records(dir.path(), "Nell Planfamily", None);
    let app = App::launch(dir.path()).await;
    app.unlock().await;
    go(&app, &format!("#/child/{child}")).await;
    app.wait_for_text("#plans-title", "Plans").await;
    app.wait_for_text(".plans .empty", "No plan has been recorded").await;

    // Child protection without its category: refused in words, the kind and date kept.
    choose(&app, "#plan-type", "child_protection").await;
    app.set_date("#plan-start", &days_ago(400)).await;
    app.click("#start-plan-button").await;
    app.wait_for_text("#plan-category-error", "Please choose the category").await;
    assert_eq!(value_of(&app, "#plan-type").await, "child_protection", "the kind of plan was lost");
    assert_eq!(value_of(&app, "#plan-start").await, days_ago(400), "the start date was lost");
    choose(&app, "#plan-category", "neglect").await;
    app.click("#start-plan-button").await;
    app.wait_for_text("#plan-list", "First child protection plan for neglect in 3 years").await;
    app.wait_for_text("#plan-status", "The plan has been started").await;

    // Ended, stepped down to child in need.
    app.set_date("#plan-end", &days_ago(200)).await;
    choose(&app, "#plan-outcome", "stepped_down_to_child_in_need").await;
    // From the keyboard: the button is reached and pressed like any other.
    focus(&app, "#end-plan-button").await;
    press(&app, ENTER).await;
    let list = app.wait_for_text("#plan-list", "Outcome: Stepped down to child in need.").await;
    assert!(list.contains("on the plan)"), "time on plan is shown: {list}");

    // A second child protection plan for neglect within 3 years says so.
    choose(&app, "#plan-type", "child_protection").await;
    choose(&app, "#plan-category", "neglect").await;
    app.set_date("#plan-start", &days_ago(100)).await;
    app.click("#start-plan-button").await;
    let list = app.wait_for_text("#plan-list", "Second child protection plan for neglect in 3 years").await;
    assert!(list.find("Second").unwrap() < list.find("First").unwrap(), "newest first: {list}");
    // Never assessed: the review follows the plan's rule (the first review conference is past).
    let review = app.wait_for_text("#plan-next-review", "Working Together to Safeguard Children 2023").await;
    assert!(review.contains("Review overdue"), "{review}");
    app.wait_for("#end-plan").await;
    scroll_to_top(&app, "#plans-title").await;
    shot(&app, "plans").await;
    assert_accessible(&app, "a child's plans").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "the child's page with plans scrolls sideways at 200%");
    app.quit().await;
}

#[tokio::test]
async fn a_mistyped_nhs_number_is_refused_in_words_with_the_text_kept_then_a_good_one_is_saved() {
    let _serial = serial();
    let dir = data_dir();
    let child = records(dir.path(), "Olly Refnumbers", None);
    let app = App::launch(dir.path()).await;
    app.unlock().await;
    go(&app, &format!("#/child/{child}")).await;
    app.wait_for_text("#case-references-title", "Case references").await;
    wait_until(
        &app,
        "the saved references to load",
        "return !document.getElementById('case-references-save').disabled;",
    )
    .await;

    app.type_into("#case-la-number", "LA-20417").await;
    app.type_into("#case-nhs-number", "999 000 0019").await;
    app.click("#case-references-save").await;
    app.wait_for_text("#case-nhs-number-error", "This is not a valid NHS number").await;
    assert_eq!(value_of(&app, "#case-nhs-number").await, "999 000 0019", "the typed number was lost");
    assert_eq!(value_of(&app, "#case-la-number").await, "LA-20417", "the case number was lost");
    assert_eq!(focused(&app).await, "INPUT text case-nhs-number 999 000 0019", "focus goes to the number to correct");
    scroll_to_top(&app, "#case-references-title").await;
    shot(&app, "case-references").await;
    assert_accessible(&app, "case references refused").await;

    // Corrected where the focus already is, and saved with Enter (the form's own submit).
    press(&app, &format!("{}8", BACKSPACE)).await;
    assert_eq!(value_of(&app, "#case-nhs-number").await, "999 000 0018");
    press(&app, ENTER).await;
    app.wait_for_text("#case-references-status", "Case references saved").await;
    app.assert_absent("#case-nhs-number-error", "the error stays after the number was put right").await;
    // Saved in the records: there after leaving the page and coming back.
    go(&app, "#/").await;
    app.wait_for_text("h1", "Children").await;
    go(&app, &format!("#/child/{child}")).await;
    wait_until(
        &app,
        "the saved NHS number",
        "const el = document.getElementById('case-nhs-number'); return !!el && el.value === '9990000018';",
    )
    .await;
    assert_eq!(value_of(&app, "#case-la-number").await, "LA-20417");
    app.quit().await;
}

#[tokio::test]
async fn a_carers_engagement_is_rated_and_listed_carer_by_carer() {
    let _serial = serial();
    let dir = data_dir();
    let child = records(dir.path(), "Pip Engagement", Some("Quinn Carerson"));
    let app = App::launch(dir.path()).await;
    app.unlock().await;
    go(&app, &format!("#/child/{child}")).await;
    app.wait_for_text("#engagement-title", "Engagement with the plan").await;
    app.wait_for_text("#engagement-carer", "Quinn Carerson").await;

    // No rating chosen: refused in words, the carer kept.
    choose(&app, "#engagement-carer", "Quinn Carerson").await;
    app.click("#rate-engagement-button").await;
    app.wait_for_text("#engagement-scale-error", "Please choose the engagement").await;
    assert_eq!(value_of(&app, "#engagement-carer").await, "Quinn Carerson");

    app.click("#engagement-2").await;
    app.click("#rate-engagement-button").await;
    app.wait_for_text("#rate-engagement-status", "Recorded: Quinn Carerson, 2").await;
    let list = app.wait_for_text("#engagement-list", "Quinn Carerson").await;
    assert!(list.contains("2, Engages, and some of the child's care changes."), "{list}");

    // Someone not recorded as an adult of the household is typed.
    choose(&app, "#engagement-carer", "__someone_else").await;
    app.type_into("#engagement-carer-name", "Rae Grandparent").await;
    app.click("#engagement-4").await;
    app.click("#rate-engagement-button").await;
    let list = app.wait_for_text("#engagement-list", "Rae Grandparent").await;
    assert!(list.contains("4, Agrees in meetings; the child's care does not change."), "{list}");
    assert_accessible(&app, "engagement rated").await;
    app.quit().await;
}

#[tokio::test]
async fn the_escalation_prompt_the_core_raises_shows_on_the_childs_page() {
    let _serial = serial();
    let dir = data_dir();
    let child = records(dir.path(), "Sol Escalate", None);
    {
        // Two reviews with the same items urgent at both: "consider escalation".
        let db = dir.path().join(ntk_core::store::DATABASE_FILE);
        let mut store = Store::open(&db, common::PASSPHRASE, "test").unwrap();
        for days in [150, 60] {
            let form = StartAssessmentForm {
                assessor_name: "Sam Worker".into(),
                agency: "School".into(),
                role: "Teacher".into(),
                assessed_on: days_ago(days),
                review_round: None,
            };
            let a = store.start_assessment(child, &form, today()).unwrap();
            records::grade_and_confirm(&mut store, a.id, AgeBand::Primary, |_, _| 5, |_, _, t| format!("Seen: {t}."));
            store.save_narrative(a.id, "childs_voice", None, "\"I like my bike.\"").unwrap();
            store.save_narrative(a.id, "day_in_my_life", None, "Up at seven, school, tea, bed by eight.").unwrap();
            store.finalise(a.id).unwrap();
        }
    }
    let app = App::launch(dir.path()).await;
    app.unlock().await;
    go(&app, &format!("#/child/{child}")).await;
    let prompts = app.wait_for_text("#plan-prompts", "Consider escalation").await;
    assert!(prompts.contains("urgent again at this review"), "{prompts}");
    app.quit().await;
}
