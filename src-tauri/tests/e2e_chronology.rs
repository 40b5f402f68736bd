//! The chronology end to end (issue 17). First, events recorded with the core for two siblings
//! at once are on each child's chronology screen, as a table, reached by keyboard from the child
//! page, with the missed-appointments count on the child page. Then everything through the
//! app's forms: an adult added on the household page, one event recorded for two siblings in one
//! step, found on both timelines, one of them corrected (the original kept, marked corrected),
//! and both summaries printed and read back with pdftotext: the core-group summary names the
//! adult and the event, the family summary neither. axe finds nothing and 200% zoom does not
//! scroll sideways.

// The `serial()` guard is held across awaits on purpose: one app under test at a time.
#![allow(clippy::await_holding_lock)]

mod common;
mod support;

use std::path::Path;
use std::process::Command;

use chrono::{Days, Local, Months, NaiveDate};
use common::{data_dir, serial, App};
use ntk_core::assessment::ItemRecord;
use ntk_core::chronology::{AdultForm, AdultLink, AdultService, EventForm, EventKind, Relationship};
use ntk_core::model::{AgeBand, ChildForm, PlanCategory, PractitionerDetails};
use ntk_core::scoring::Grade;
use ntk_core::store::{ActionForm, StartAssessmentForm, Store};
use serde_json::json;
use support::*;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

#[tokio::test]
async fn events_for_two_siblings_at_once_are_on_each_childs_chronology_and_the_missed_count_on_the_child_page() {
    let _serial = serial();
    let dir = data_dir();
    let mut store =
        Store::create(&dir.path().join(ntk_core::store::DATABASE_FILE), common::PASSPHRASE, "test").unwrap();
    let child = |name: &str, dob: &str| ChildForm {
        name: name.into(),
        date_of_birth: dob.into(),
        household: "Timeline household".into(),
        ..ChildForm::default()
    };
    let ada = store.add_child(&child("Ada Timeline", "2018-03-01"), today()).unwrap().id;
    let ben = store.add_child(&child("Ben Timeline", "2021-06-01"), today()).unwrap().id;
    let event = |days: u64, kind: EventKind, agency: &str, what: &str| EventForm {
        child_ids: vec![ada, ben],
        date: (today() - Days::new(days)).to_string(),
        time: String::new(),
        kind: Some(kind),
        agency: agency.into(),
        what_happened: what.into(),
        impact: "Both children were frightened and slept at a neighbour's.".into(),
    };
    store
        .add_event(&event(40, EventKind::PoliceCallOut, "Police", "Police called at night: shouting heard."), today())
        .unwrap();
    store
        .add_event(&event(20, EventKind::WasNotBrought, "Health", "Not brought to the dental check."), today())
        .unwrap();
    store.add_event(&event(10, EventKind::WasNotBrought, "Health", "Not brought to the GP review."), today()).unwrap();
    let household = store.get_child(ada).unwrap().household_id.unwrap();
    let link = |child_id: i64, relationship: Relationship, parental_responsibility: bool| AdultLink {
        child_id,
        child_name: String::new(),
        relationship,
        relationship_label: String::new(),
        parental_responsibility,
    };
    store
        .add_adult(&AdultForm {
            household_id: household,
            name: "Rob Adultname".into(),
            services: vec![AdultService::Probation],
            children: vec![link(ada, Relationship::StepParent, false), link(ben, Relationship::Parent, true)],
        })
        .unwrap();
    drop(store);

    let app = App::launch(dir.path()).await;
    app.unlock().await;
    go(&app, &format!("#/household/{household}")).await;
    let adult = app.wait_for_text("#adults-rows", "Rob Adultname").await;
    assert!(adult.contains("Step-parent of Ada Timeline") && adult.contains("Parent of Ben Timeline"), "{adult}");
    assert!(adult.contains("Ben Timeline: yes") && adult.contains("Probation"), "{adult}");
    shot(&app, "household-adults").await;
    assert_accessible(&app, "a household with its adults").await;
    for (id, name) in [(ada, "Ada Timeline"), (ben, "Ben Timeline")] {
        go(&app, &format!("#/child/{id}")).await;
        app.wait_for_text("h1", name).await;
        app.wait_for_text("#was-not-brought", "in the last 6 months: 2").await;
        let relationship = if id == ada { "Step-parent" } else { "Parent" };
        let adult = app.wait_for_text("#adults-rows", "Rob Adultname").await;
        assert!(adult.contains(relationship), "{adult}");
        if id == ada {
            shot(&app, "child-missed-appointments").await;
        }
        focus(&app, "#timeline-link").await;
        press(&app, ENTER).await;
        app.wait_for_text("h1", &format!("Chronology: {name}")).await;
        app.wait_for_text("#timeline-count", "3 of 3 events shown").await;
        let rows = app.texts("#timeline-rows > tr").await;
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert!(rows[0].contains("Police call-out") && rows[0].contains("shouting heard"), "oldest first: {rows:?}");
        assert!(rows[2].contains("Missed appointment (was not brought)") && rows[2].contains("GP review"), "{rows:?}");
    }
    shot(&app, "chronology").await;
    assert_accessible(&app, "a child's chronology").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "the chronology scrolls sideways at 200%");
    app.quit().await;
}

/// The organisation in Settings: the "Add an event" form starts with it as the source agency.
const ORGANISATION: &str = "Testshire Council";

/// Records made with the core before the app starts: Ada with one finalised checklist, every
/// part of her family summary written and checked as safe to share, the contact details in
/// Settings; her brother Ben, not yet assessed, in the same household. No adult and no event
/// but the checklist's own: those are added through the app. Returns Ada, Ben and the household.
fn two_siblings_one_ready_to_print(dir: &Path) -> (i64, i64, i64) {
    let mut store = Store::create(&dir.join(ntk_core::store::DATABASE_FILE), common::PASSPHRASE, "test").unwrap();
    store
        .set_practitioner_details(&PractitionerDetails {
            organisation: ORGANISATION.into(),
            team: "Family Support".into(),
            name: "Sam Example".into(),
            role: "Social worker".into(),
            telephone: "01234 567890".into(),
            email: "sam@example.org".into(),
        })
        .unwrap();
    let dob = today() - Months::new(12 * 7);
    let child = |name: &str, dob: NaiveDate| ChildForm {
        name: name.into(),
        date_of_birth: dob.to_string(),
        household: "Forms household".into(),
        plan_category: Some(PlanCategory::Neglect),
        plan_start: (today() - Months::new(4)).to_string(),
        review_interval_months: Some(3),
        ..ChildForm::default()
    };
    let ada = store.add_child(&child("Ada Formchild", dob), today()).unwrap().id;
    let ben = store.add_child(&child("Ben Formchild", today() - Months::new(12 * 3)), today()).unwrap().id;
    let start = StartAssessmentForm {
        assessor_name: "Sam Example".into(),
        agency: ORGANISATION.into(),
        role: "Social worker".into(),
        assessed_on: (today() - Days::new(7)).to_string(),
        review_round: None,
    };
    let a = store.start_assessment(ada, &start, today()).unwrap();
    records::grade_and_confirm(
        &mut store,
        a.id,
        AgeBand::on(dob, today()),
        |_, _| 2,
        |_, _, _| "Seen at the home visit.".to_string(),
    );
    store.save_narrative(a.id, "childs_voice", None, "\"I like drawing.\"").unwrap();
    store.save_narrative(a.id, "day_in_my_life", None, "Up at seven, school, tea at five, bed by eight.").unwrap();
    for (section, text) in [
        ("strengths", "The house is warm and there is hot water every day."),
        ("worries", "We are worried that the evenings are not safe."),
        ("needs_to_change", "An adult is at home every evening."),
        ("better_looks_like", "Evenings at home are calm and safe."),
        ("if_things_do_not_change", "We may ask a court to help keep the children safe."),
    ] {
        store.save_narrative(a.id, section, None, text).unwrap();
    }
    let action = ActionForm {
        what: "A safety plan for the evenings, agreed with the family".into(),
        who: "Sam Example".into(),
        agency: ORGANISATION.into(),
        by_when: (today() + Days::new(30)).to_string(),
        target_grade: Some(2),
        area_id: Some("safety".into()),
    };
    store.add_action(a.id, &action).unwrap();
    store.finalise(a.id).unwrap();
    let keys: Vec<String> =
        store.family_check(ada, today()).unwrap().sections.into_iter().map(|s| s.section.key).collect();
    for key in keys {
        store.confirm_family_section(ada, &key, today()).unwrap();
    }
    let household = store.get_child(ada).unwrap().household_id.unwrap();
    (ada, ben, household)
}

/// The text of one row of the import preview's household and chronology table.
async fn preview_row(app: &App, row: &str, wanted: &str) -> Vec<String> {
    let css = format!("#import-chronology tr[data-row={row}]");
    app.wait_for_text(&css, wanted).await;
    app.texts(&format!("{css} > *")).await
}

/// Chooses an option of a select, as a change made from the keyboard reaches the page.
async fn choose(app: &App, css: &str, value: &str) {
    app.wait_for(css).await;
    js(
        app,
        "const s = document.querySelector(arguments[0]); s.focus(); s.value = arguments[1];
         s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![json!(css), json!(value)],
    )
    .await;
}

/// The value of a form control, once it is `wanted` (a value filled in after the form opens).
async fn wait_for_value(app: &App, css: &str, wanted: &str) {
    let script =
        format!("const e = document.querySelector({}); return !!e && e.value === {};", json!(css), json!(wanted));
    wait_until(app, &format!("{css} to hold {wanted:?}"), &script).await;
}

/// The text of a PDF, with every space and line break taken out (pdftotext breaks lines where
/// the page does), so a sentence is found wherever it wrapped.
fn pdf_text(file: &Path) -> String {
    let out = Command::new("pdftotext").args(["-raw", file.to_str().unwrap(), "-"]).output().unwrap();
    assert!(out.status.success(), "pdftotext failed on {}", file.display());
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect()
}

fn squeezed(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Prints a summary from the child's page through the save dialog (answered by the test folder).
async fn print(app: &App, button: &str, file: &Path) -> String {
    app.click(button).await;
    let status = app.wait_for_text("#print-status", "Saved to").await;
    assert!(status.contains(&file.display().to_string()), "status: {status}");
    pdf_text(file)
}

#[tokio::test]
async fn an_adult_and_one_event_for_two_siblings_added_through_the_forms_are_on_both_timelines_and_the_core_group_pdf_only(
) {
    let _serial = serial();
    let dir = data_dir();
    let (ada, ben, household) = two_siblings_one_ready_to_print(dir.path());
    let files = tempfile::Builder::new().prefix("ntk-e2e-files-").tempdir().unwrap();
    let files_env = files.path().display().to_string();
    let app = App::launch_with_env(dir.path(), &[("NTK_E2E_FILE_DIR", &files_env)]).await;
    app.unlock().await;

    // An adult, through the household page's form, from the keyboard.
    go(&app, &format!("#/household/{household}")).await;
    app.wait_for_text("h1", "Forms household").await;
    app.wait_for_text("#adults-title + p", "No adults are recorded").await;
    focus(&app, "#adult-add").await;
    press(&app, ENTER).await;
    app.wait_for("#adult-name").await;
    app.click("#adult-save").await;
    app.wait_for_text("#adult-name-error", "Please enter the adult's name.").await;
    app.type_into("#adult-name", "Rob Formadult").await;
    // Parental responsibility for a child with no relationship is refused in words; nothing typed is lost.
    app.click(&format!("#adult-pr-{ada}")).await;
    app.click("#adult-save").await;
    app.wait_for_text("#adult-children-error", "related to Ada Formchild").await;
    wait_for_value(&app, "#adult-name", "Rob Formadult").await;
    app.click(&format!("#adult-pr-{ada}")).await;
    choose(&app, &format!("#adult-relationship-{ada}"), "step_parent").await;
    choose(&app, &format!("#adult-relationship-{ben}"), "parent").await;
    app.click(&format!("#adult-pr-{ben}")).await;
    app.click("#adult-service-probation").await;
    wait_until(&app, "\"None known\" to untick", "return !document.getElementById('adult-service-none').checked;")
        .await;
    app.assert_absent("#adult-children-error", "the sentence goes once a relationship is chosen").await;
    js(&app, "document.getElementById('adults-title').scrollIntoView();", vec![]).await;
    shot(&app, "household-adults-form").await;
    assert_accessible(&app, "the household page with the adult form").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "the adult form scrolls sideways at 200%");
    set_view(&app, 1200, 820, 1.0).await;
    app.click("#adult-save").await;
    app.wait_for_text("#adult-status", "Rob Formadult is saved.").await;
    let adult = app.wait_for_text("#adults-rows", "Rob Formadult").await;
    assert!(adult.contains("Step-parent of Ada Formchild") && adult.contains("Parent of Ben Formchild"), "{adult}");
    assert!(adult.contains("Ada Formchild: no") && adult.contains("Ben Formchild: yes"), "{adult}");
    assert!(adult.contains("Probation"), "{adult}");
    // Edited through the same form, filled in with what is recorded.
    let adult_id = attrs(&app, "#adults-rows > tr", "data-adult-id").await.remove(0);
    focus(&app, &format!("#adult-edit-{adult_id}")).await;
    press(&app, ENTER).await;
    wait_for_value(&app, "#adult-name", "Rob Formadult").await;
    wait_until(
        &app,
        "the recorded service ticked",
        "return document.getElementById('adult-service-probation').checked;",
    )
    .await;
    app.click("#adult-service-drug_and_alcohol").await;
    app.click("#adult-save").await;
    app.wait_for_text("#adults-rows", "Probation, Drug and alcohol").await;

    // One event for both children, in one step, from Ada's chronology.
    go(&app, &format!("#/child/{ada}/timeline")).await;
    app.wait_for_text("h1", "Chronology: Ada Formchild").await;
    focus(&app, "#event-add").await;
    press(&app, ENTER).await;
    wait_for_value(&app, "#event-agency", ORGANISATION).await;
    // The form is whole (the household's other children listed) before anything is clicked.
    app.wait_for(&format!("#event-also-{ben}")).await;
    let what = "Police called at night: shouting heard from the flat.";
    app.type_into("#event-what-happened", what).await;
    app.set_date("#event-date", &(today() - Days::new(1)).to_string()).await;
    app.click("#event-save").await;
    app.wait_for_text("#event-kind-error", "Please choose what kind of event this was.").await;
    wait_for_value(&app, "#event-what-happened", what).await;
    choose(&app, "#event-kind", "police_call_out").await;
    app.type_into("#event-time", "25:00").await;
    app.click("#event-save").await;
    app.wait_for_text("#event-time-error", "is not a time of day").await;
    app.type_into("#event-time", "22:40").await;
    app.type_into("#event-agency", "Testshire Police").await;
    app.type_into("#event-impact", "Both children were woken and frightened.").await;
    app.click(&format!("#event-also-{ben}")).await;
    app.assert_absent("#event-time-error", "the sentence goes once the time is changed").await;
    js(&app, "document.getElementById('page-title').scrollIntoView();", vec![]).await;
    shot(&app, "timeline-add-event").await;
    assert_accessible(&app, "the chronology with the event form").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "the event form scrolls sideways at 200%");
    set_view(&app, 1200, 820, 1.0).await;
    app.click("#event-save").await;
    app.wait_for_text("#event-status", "saved for Ada Formchild and Ben Formchild").await;
    for (id, name) in [(ada, "Ada Formchild"), (ben, "Ben Formchild")] {
        go(&app, &format!("#/child/{id}/timeline")).await;
        app.wait_for_text("h1", &format!("Chronology: {name}")).await;
        let row = app.wait_for_text("#timeline-rows", "shouting heard").await;
        assert!(row.contains("Police call-out") && row.contains("22:40") && row.contains("Testshire Police"), "{row}");
    }

    // Ben's copy corrected: a reason is required; the original stays, marked as corrected.
    let event_id = js(
        &app,
        "return [...document.querySelectorAll('#timeline-rows > tr')].find(r => r.textContent.includes('shouting heard')).dataset.eventId;",
        vec![],
    )
    .await;
    let event_id = event_id.as_str().unwrap().to_string();
    app.click(&format!("#event-correct-{event_id}")).await;
    wait_for_value(&app, "#event-what-happened", what).await;
    let corrected = "Police called at night: shouting heard from the flat next door.";
    app.type_into("#event-what-happened", corrected).await;
    app.click("#event-save").await;
    app.wait_for_text("#event-reason-error", "Please say why the event is being corrected.").await;
    wait_for_value(&app, "#event-what-happened", corrected).await;
    app.type_into("#event-reason", "The police log names the flat next door.").await;
    app.click("#event-save").await;
    app.wait_for_text("#event-status", "The correction is saved").await;
    // Ben's plan started with his record (an automatic event): two current events.
    app.wait_for_text("#timeline-count", "2 of 2 events shown, oldest first, with 1 first version kept as corrected")
        .await;
    let original =
        app.wait_for_text(&format!("#timeline-rows > tr.corrected[data-event-id='{event_id}']"), "Corrected").await;
    assert!(original.contains("from the flat.") && original.contains("Kept as first recorded"), "{original}");
    let current = app.wait_for_text("#timeline-rows > tr:last-child:not(.corrected)", "next door").await;
    assert!(current.contains("(corrected: The police log names the flat next door.)"), "{current}");
    shot(&app, "timeline-corrected").await;
    assert_accessible(&app, "a chronology with a corrected event").await;

    // The core-group summary names the adult and the event; the family summary neither.
    go(&app, &format!("#/child/{ada}")).await;
    app.wait_for_text("h1", "Ada Formchild").await;
    let core =
        print(&app, "#print-core_group", &files.path().join(format!("core-group-summary-{}.pdf", today()))).await;
    for wanted in ["Adults in the household", "Rob Formadult", "Probation, Drug and alcohol", what, "Testshire Police"]
    {
        assert!(core.contains(&squeezed(wanted)), "{wanted:?} not in the core-group summary: {core}");
    }
    let family = print(&app, "#print-family", &files.path().join(format!("family-summary-{}.pdf", today()))).await;
    assert!(family.contains(&squeezed("We are worried that the evenings are not safe.")), "{family}");
    for unwanted in ["Rob Formadult", "Formadult", "shouting heard", "Testshire Police", "Probation"] {
        assert!(!family.contains(&squeezed(unwanted)), "{unwanted:?} is in the family summary: {family}");
    }
    app.quit().await;
}

/// The item a test names an adult on: about meals, graded for a child of any school age.
const MEALS: &str = "physical.food.regular-meals";
/// The item's card (`domId` of the UI) and its "Which adult does this concern?" select.
const MEALS_CARD: &str = "#item-physical_food_regular-meals";
const MEALS_ADULT: &str = "#item-physical_food_regular-meals-adult";

#[tokio::test]
async fn a_checklist_item_names_an_adult_of_the_household_kept_when_reopened_and_printed_for_the_core_group_only() {
    let _serial = serial();
    let dir = data_dir();
    // Ada's finalised checklist amended (a draft), with two adults in the household and the
    // meals item left ungraded, so the app grades it, names the adult and finalises.
    let (ada, _ben, household) = two_siblings_one_ready_to_print(dir.path());
    let mut store = Store::open(&dir.path().join(ntk_core::store::DATABASE_FILE), common::PASSPHRASE, "test").unwrap();
    let adult = |name: &str, relationship: Relationship| AdultForm {
        household_id: household,
        name: name.into(),
        services: vec![],
        children: vec![AdultLink {
            child_id: ada,
            child_name: String::new(),
            relationship,
            relationship_label: String::new(),
            parental_responsibility: relationship == Relationship::Parent,
        }],
    };
    let rob = store.add_adult(&adult("Rob Itemadult", Relationship::Parent)).unwrap().id;
    let kerry = store.add_adult(&adult("Kerry Itemadult", Relationship::Partner)).unwrap().id;
    let finalised = store.assessments_for_child(ada).unwrap().remove(0).id;
    // A health visitor's checklist in the same round grades the meals item 2 and says it
    // concerns Kerry: a disagreement in which each view names its own adult.
    let visit = StartAssessmentForm {
        assessor_name: "Hana Visitor".into(),
        agency: "Health Visiting".into(),
        role: "Health visitor".into(),
        assessed_on: (today() - Days::new(7)).to_string(),
        review_round: None,
    };
    let dob = store.get_child(ada).unwrap().date_of_birth;
    let other = store.start_assessment(ada, &visit, today()).unwrap().id;
    records::grade_and_confirm(
        &mut store,
        other,
        AgeBand::on(dob, today()),
        |_, _| 2,
        |_, _, _| "Seen at clinic.".into(),
    );
    let kerrys = ItemRecord {
        item_id: MEALS.into(),
        grade: Grade::from_score(2),
        evidence: "Kerry makes breakfast on the days she is there.".into(),
        source: None,
        evidence_date: None,
        professional_only: false,
        adult_id: Some(kerry),
    };
    store.save_item(other, &kerrys, today()).unwrap();
    store.save_narrative(other, "childs_voice", None, "\"Kerry makes toast.\"").unwrap();
    store.save_narrative(other, "day_in_my_life", None, "Breakfast some days, school, tea at five.").unwrap();
    store.finalise(other).unwrap();
    let draft = store.amend(finalised, "Who makes the meals was not said.").unwrap().id;
    let meals = ItemRecord {
        item_id: MEALS.into(),
        grade: None,
        evidence: "No breakfast on three visits; tea is made when Rob is home.".into(),
        source: None,
        evidence_date: None,
        professional_only: false,
        adult_id: None,
    };
    store.save_item(draft, &meals, today()).unwrap();
    drop(store);
    let files = tempfile::Builder::new().prefix("ntk-e2e-files-").tempdir().unwrap();
    let files_env = files.path().display().to_string();
    let app = App::launch_with_env(dir.path(), &[("NTK_E2E_FILE_DIR", &files_env)]).await;
    app.unlock().await;

    // Graded from the keyboard, the adult chosen among the household's, both saved at once.
    go(&app, &format!("#/checklist/{draft}/physical")).await;
    app.wait_for(MEALS_ADULT).await;
    let offered = app.texts(&format!("{MEALS_ADULT} option")).await;
    // Each with their relationship to Ada, so two adults of one name can be told apart.
    assert_eq!(offered, ["Not said", "Kerry Itemadult (partner of a parent)", "Rob Itemadult (parent)"], "{offered:?}");
    // Graded 4: the core-group summary prints the evidence of items graded 4 or 5.
    focus(&app, &format!("{MEALS_CARD} input[type=radio]")).await;
    press(&app, "4").await;
    choose(&app, MEALS_ADULT, &rob.to_string()).await;
    wait_saved(&app).await;

    // Reopened: the grade and the adult are what was saved, not what the page remembered.
    go(&app, &format!("#/child/{ada}")).await;
    app.wait_for_text("h1", "Ada Formchild").await;
    go(&app, &format!("#/checklist/{draft}/physical")).await;
    wait_for_value(&app, MEALS_ADULT, &rob.to_string()).await;
    assert_eq!(attrs(&app, MEALS_CARD, "data-grade").await, ["4"]);
    // Scrolled until the card's foot, with the select, is in view (the page may still settle
    // and scroll back once).
    wait_until(
        &app,
        "the meals item in view",
        &format!(
            "const r = document.querySelector('{MEALS_CARD}').getBoundingClientRect();
             if (r.bottom <= innerHeight + 1 && r.bottom > innerHeight / 2) return true;
             document.querySelector('{MEALS_CARD}').scrollIntoView({{ block: 'end' }}); return false;"
        ),
    )
    .await;
    shot(&app, "checklist-item-adult").await;
    assert_accessible(&app, "a checklist item naming an adult").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "the item card scrolls sideways at 200%");
    set_view(&app, 1200, 820, 1.0).await;

    // Finalised: the adult is read-only text on the item.
    go(&app, &format!("#/checklist/{draft}/finalise")).await;
    app.wait_for_text(".finalise-check", "Nothing stops this checklist").await;
    focus(&app, ".tab-panel button.primary").await;
    press(&app, ENTER).await;
    app.wait_for_text(".confirm", "cannot be changed").await;
    focus(&app, ".confirm button.primary").await;
    press(&app, ENTER).await;
    app.wait_for_text("#finalised-banner", "Finalised on").await;
    go(&app, &format!("#/checklist/{draft}/physical")).await;
    app.wait_for_text(&format!("{MEALS_CARD} .item-adult"), "Concerns: Rob Itemadult").await;
    app.assert_absent(MEALS_ADULT, "a finalised checklist has no select").await;
    js(&app, &format!("document.querySelector('{MEALS_CARD}').scrollIntoView();"), vec![]).await;
    shot(&app, "checklist-item-adult-finalised").await;
    assert_accessible(&app, "a finalised item naming an adult").await;

    // The disagreements: each assessor's view says whom the item concerns.
    go(&app, &format!("#/child/{ada}/disagreements")).await;
    let meals = format!(".disagreement[data-item-id='{MEALS}']");
    app.wait_for_text(&meals, "2 grades apart").await;
    // Each view's grade with the adult it names, sorted (the two checklists share a date).
    let script = format!(
        "return [...document.querySelectorAll(\"{meals} .view\")].map(v =>
            v.querySelector('.view-grade strong').textContent + ': ' + v.querySelector('.view-adult')?.textContent).sort();"
    );
    let views = js(&app, &script, vec![]).await;
    assert_eq!(views, json!(["Grade 2: Kerry Itemadult", "Grade 4: Rob Itemadult"]));
    js(&app, &format!("document.querySelector(\"{meals}\").scrollIntoView();"), vec![]).await;
    shot(&app, "disagreements-item-adult").await;
    assert_accessible(&app, "disagreements naming adults").await;

    // Printed: the core-group summary names the adult on the item; the family summary never.
    go(&app, &format!("#/child/{ada}")).await;
    app.wait_for_text("h1", "Ada Formchild").await;
    let core =
        print(&app, "#print-core_group", &files.path().join(format!("core-group-summary-{}.pdf", today()))).await;
    assert!(core.contains(&squeezed("tea is made when Rob is home. Concerns: Rob Itemadult.")), "{core}");
    let family = print(&app, "#print-family", &files.path().join(format!("family-summary-{}.pdf", today()))).await;
    assert!(family.contains(&squeezed("We are worried that the evenings are not safe.")), "{family}");
    assert!(!family.contains("Itemadult"), "an adult is named in the family summary: {family}");
    app.quit().await;
}

#[tokio::test]
async fn the_import_preview_counts_the_files_events_adults_and_household_members_new_and_already_here() {
    let _serial = serial();
    // Another agency's records: Ada (finalised), her brother Ben, an adult and an event for both.
    let sender = tempfile::tempdir().unwrap();
    let (ada, ben, household) = two_siblings_one_ready_to_print(sender.path());
    let mut store =
        Store::open(&sender.path().join(ntk_core::store::DATABASE_FILE), common::PASSPHRASE, "sender").unwrap();
    store
        .add_adult(&AdultForm {
            household_id: household,
            name: "Kerry Importadult".into(),
            services: vec![],
            children: vec![AdultLink {
                child_id: ada,
                child_name: String::new(),
                relationship: Relationship::Parent,
                relationship_label: String::new(),
                parental_responsibility: true,
            }],
        })
        .unwrap();
    store
        .add_event(
            &EventForm {
                child_ids: vec![ada, ben],
                date: (today() - Days::new(3)).to_string(),
                time: String::new(),
                kind: Some(EventKind::HomeVisit),
                agency: "Health Visiting".into(),
                what_happened: "Home visit: no food in the fridge.".into(),
                impact: String::new(),
            },
            today(),
        )
        .unwrap();
    let events = store.chronology(ada, None, None, true).unwrap().len();
    let staging = tempfile::Builder::new().prefix("ntk-e2e-staging-").tempdir().unwrap();
    std::fs::write(staging.path().join("ada.ntkexchange"), store.export_child(ada).unwrap().to_bytes(None).unwrap())
        .unwrap();
    drop(store);

    let dir = data_dir();
    let staging_env = staging.path().display().to_string();
    let app = App::launch_with_env(dir.path(), &[("NTK_E2E_FILE_DIR", &staging_env)]).await;
    app.unlock().await;
    go(&app, "#/settings").await;
    // From the keyboard: the settings page is still filling in (contact details, languages), and
    // a click aimed before the page settles can land beside the button.
    app.wait_for_text("#family-languages", "Welsh").await;
    choose_import_file(&app).await;
    let row = preview_row(&app, "events", "Ada Formchild").await;
    assert_eq!(row, ["Events in the chronology of Ada Formchild", &events.to_string(), "0"], "{row:?}");
    assert_eq!(preview_row(&app, "adults", "Kerry").await, ["Adults of the household", "1: Kerry Importadult", "0"]);
    assert_eq!(preview_row(&app, "members", "Ben").await, ["Other children of the household", "1: Ben Formchild", "0"]);
    js(&app, "document.getElementById('import-chronology').scrollIntoView();", vec![]).await;
    shot(&app, "import-chronology").await;
    assert_accessible(&app, "the import preview with the chronology table").await;
    app.click(".confirm button.primary").await;
    app.wait_for("#import-report").await;

    // A later file from the same agency, with one more event and no new checklist: the adult
    // and Ben are already here, the earlier events recognised, and the new event alone imported.
    let mut store =
        Store::open(&sender.path().join(ntk_core::store::DATABASE_FILE), common::PASSPHRASE, "sender").unwrap();
    let later = EventForm {
        child_ids: vec![ada],
        date: (today() - Days::new(1)).to_string(),
        time: String::new(),
        kind: Some(EventKind::WasNotBrought),
        agency: "Health Visiting".into(),
        what_happened: "Not brought to the eye clinic.".into(),
        impact: String::new(),
    };
    store.add_event(&later, today()).unwrap();
    std::fs::write(staging.path().join("ada.ntkexchange"), store.export_child(ada).unwrap().to_bytes(None).unwrap())
        .unwrap();
    drop(store);
    choose_import_file(&app).await;
    let row = preview_row(&app, "events", "Ada Formchild").await;
    assert_eq!(row, ["Events in the chronology of Ada Formchild", "1", &events.to_string()], "{row:?}");
    assert_eq!(preview_row(&app, "adults", "Adults").await, ["Adults of the household", "0", "1"]);
    assert_eq!(preview_row(&app, "members", "Other").await, ["Other children of the household", "0", "1"]);
    app.wait_for_text(".confirm button.primary", "Import the household and chronology").await;
    app.click(".confirm button.primary").await;
    app.click("#import-open-child").await;
    app.wait_for_text("h1", "Ada Formchild").await;
    app.click("#timeline-link").await;
    app.wait_for_text("#timeline-rows", "Not brought to the eye clinic.").await;
    app.quit().await;
}
