//! The practitioner's checklist, end to end: a household of two children, a whole checklist for
//! the older child done at the keyboard alone, areas confirmed (one refused without a reason),
//! finalised, read only after a restart, and the baby flagged "not yet assessed".

// The `serial()` guard is held across awaits on purpose: one app under test at a time.
#![allow(clippy::await_holding_lock)]

mod common;
mod support;

use chrono::{Local, Months, NaiveDate};
use common::{data_dir, serial, App};
use serde_json::json;
use support::*;

fn years_ago(years: u32) -> String {
    (Local::now().date_naive() - Months::new(12 * years) - chrono::Days::new(20)).to_string()
}

fn months_ago(months: u32) -> NaiveDate {
    Local::now().date_naive() - Months::new(months)
}

/// Adds a child from the home screen's form.
async fn add_child(app: &App, name: &str, date_of_birth: &str, household: &str) {
    app.click("button.primary").await; // "Add child"
    app.type_into("#child-name", name).await;
    app.set_date("#child-date-of-birth", date_of_birth).await;
    app.type_into("#child-household", household).await;
    app.click("form button[type=submit]").await;
    app.wait_for_text("table.list", name).await;
}

/// Opens a checklist tab with the keyboard: focus its link, press Enter; focus lands on the heading.
async fn open_tab(app: &App, tab: &str) {
    focus(app, &format!(".tabs a[href$='/{tab}']")).await;
    press(app, ENTER).await;
    wait_until(app, "the tab heading to take focus", "return document.activeElement.id === 'tab-title';").await;
}

/// The answer of every item on the open area tab, in order ("" = none).
async fn grades_shown(app: &App) -> Vec<String> {
    attrs(app, ".items .item", "data-grade").await
}

/// Keys for each item: its grade key, then Down to the next item.
fn keys_for(grades: &[&str]) -> String {
    grades.iter().map(|g| format!("{g}{DOWN}")).collect()
}

fn stored(keys: &[&str]) -> Vec<String> {
    keys.iter()
        .map(|k| match *k {
            "n" => "not_known".to_string(),
            "a" => "not_applicable".to_string(),
            g => g.to_string(),
        })
        .collect()
}

/// Confirms an area's grade with the keyboard: Space on the grade, Enter on the button.
async fn confirm_area(app: &App, area: &str, grade: u8) {
    focus(app, &format!("input[name='confirm-{area}-grade'][value='{grade}']")).await;
    press(app, SPACE).await;
    focus(app, ".area-summary button[type=submit]").await;
    press(app, ENTER).await;
}

#[tokio::test]
async fn a_checklist_done_by_keyboard_is_finalised_and_read_only_after_a_restart() {
    let _serial = serial();
    let dir = data_dir();
    let app = App::launch(dir.path()).await;
    app.unlock().await;

    add_child(&app, "Alfie Testfamily", &years_ago(8), "Testfamily household").await;
    add_child(&app, "Poppy Testfamily", &months_ago(5).to_string(), "Testfamily household").await;
    shot(&app, "home").await;
    assert_accessible(&app, "home").await;

    // The child's page, then "Start a checklist".
    app.click("table.list a[href^='#/child/']").await;
    app.wait_for_text("h1", "Alfie Testfamily").await;
    app.wait_for_text("#checklists-title + *", "No checklist has been started").await;
    app.click("a.button.primary").await;
    app.wait_for_text("h1", "Start a checklist for Alfie Testfamily").await;
    app.type_into("#start-assessor-name", "Sam Example").await;
    app.type_into("#start-agency", "Testshire Children's Services").await;
    app.type_into("#start-role", "Social worker").await;
    app.click("form button[type=submit]").await;
    app.wait_for_text("h1", "Checklist for Alfie Testfamily").await;
    app.wait_for_text(".meta", "age band 5 to 11 years").await;
    let assessment_id = attrs(&app, ".checklist", "data-assessment-id").await[0].clone();

    // Physical care: the first item graded, its guidance opened and evidence typed, all by keys.
    open_tab(&app, "physical").await;
    press(&app, TAB).await;
    assert!(focused(&app).await.starts_with("INPUT radio"), "Tab from the heading reaches the first item");
    let physical: Vec<&str> = {
        let n = count(&app, ".items .item").await;
        // 23 for 5-11 in content 1.1.0, less the 4 about a disability's care: Alfie has none recorded.
        assert_eq!(n, 19, "a child of 5-11 with no recorded disability has 19 physical care items");
        (0..n)
            .map(|i| match i {
                2 => "n",
                4 => "a",
                _ => "2",
            })
            .collect()
    };
    press(&app, "2").await;
    press(&app, &format!("{TAB}{ENTER}{TAB}")).await; // guidance button, open it, evidence box
    assert!(focused(&app).await.starts_with("TEXTAREA"), "evidence box after the guidance button");
    press(&app, "Seen at the home visit: 2 meals a day, fridge stocked. Alfie said he had toast.").await;
    press(&app, &format!("{SHIFT}{TAB}{TAB}{RELEASE}")).await; // back to the grade
    assert_eq!(focused(&app).await.split(' ').next_back(), Some("2"), "back on the chosen grade");
    wait_until(&app, "the guidance to show", "return !document.querySelector('.items .guidance').hidden;").await;
    js(&app, "window.scrollTo(0, 0);", vec![]).await;
    shot(&app, "checklist").await;
    press(&app, &format!("{DOWN}{}", keys_for(&physical[1..]))).await;
    assert_eq!(grades_shown(&app).await, stored(&physical));
    app.wait_for_text("#area-progress", "17 of 18 graded").await;
    app.wait_for_text("#disability-items-note", "4 items about the care of a disability").await;
    wait_saved(&app).await;
    assert_accessible(&app, "checklist").await;

    // 1024 x 768 at 200%: the checklist reflows, nothing scrolls sideways.
    set_view(&app, 1024, 768, 2.0).await;
    focus(&app, ".items .item:nth-of-type(2) input[type=radio]").await;
    shot(&app, "checklist-1024x768-zoom200").await;
    assert!(!scrolls_sideways(&app).await, "the checklist scrolls sideways at 200% in 1024x768");
    set_view(&app, 1200, 820, 1.0).await;

    // The area summary: computed 2.0; 4 without a reason is refused, with a reason accepted.
    app.wait_for_text(".area-summary .computed", "2.0, mostly met").await;
    app.wait_for_text(".area-summary .missing", "Not graded yet (1").await;
    confirm_area(&app, "physical", 4).await;
    let refusal = app.wait_for_text(".area-summary .field-invalid .error", "more than 1 away").await;
    assert!(refusal.contains("computed score (2.0)") && refusal.contains("reason"), "refusal: {refusal}");
    assert!(focused(&app).await.contains("confirm-physical-reason"), "focus moves to the reason");
    js(&app, "document.activeElement.scrollIntoView({ block: 'center' });", vec![]).await;
    shot(&app, "area-summary-refused").await;
    press(&app, "Food is often missing at weekends; the school reports Alfie arriving hungry.").await;
    press(&app, TAB).await;
    press(&app, ENTER).await;
    app.wait_for_text(".area-summary .done", "confirmed as 4").await;
    js(&app, "document.querySelector('.area-summary').scrollIntoView();", vec![]).await;
    shot(&app, "area-summary").await;

    // The other three areas, one key per item.
    let mut expected = vec![("physical", stored(&physical), 4u8)];
    for (area, pattern, confirm) in [("safety", "urgent", 4u8), ("warmth", "ones", 1), ("esteem", "mixed", 3)] {
        open_tab(&app, area).await;
        press(&app, TAB).await;
        let n = count(&app, ".items .item").await;
        let keys: Vec<&str> = (0..n)
            .map(|i| match (pattern, i) {
                ("urgent", 0) => "5",
                ("urgent", _) => "3",
                ("ones", _) => "1",
                (_, i) if i % 2 == 0 => "2",
                _ => "3",
            })
            .collect();
        press(&app, &keys_for(&keys)).await;
        assert_eq!(grades_shown(&app).await, stored(&keys), "grades in {area}");
        wait_saved(&app).await;
        app.wait_for_text(".area-summary .computed", ",").await;
        if area == "safety" {
            app.wait_for_text(".area-summary .urgent", "Urgent item").await;
        }
        confirm_area(&app, area, confirm).await;
        app.wait_for_text(".area-summary .done", &format!("confirmed as {confirm}")).await;
        expected.push((area, stored(&keys), confirm));
    }

    // Two written sections and one action, typed.
    open_tab(&app, "about").await;
    press(&app, TAB).await;
    press(&app, "I like football with my brother's friends.").await;
    focus(&app, "#narrative-worries").await;
    press(&app, "Alfie is often hungry and is left to look after his baby sister.").await;
    wait_saved(&app).await;
    // The practitioner is told, and a screen reader says, which sections the family will read.
    let described = "return document.activeElement.getAttribute('aria-describedby')";
    assert!(js(&app, described, vec![]).await.as_str().unwrap().contains("narrative-worries-family"));
    app.wait_for_text("#narrative-worries-family", "family summary prints this as").await;
    let professional_only = "return document.getElementById('narrative-childs_voice-family') === null";
    assert_eq!(js(&app, professional_only, vec![]).await, serde_json::Value::Bool(true));
    js(&app, "window.scrollTo(0, 0);", vec![]).await;
    shot(&app, "about-the-child").await;
    js(&app, "document.querySelector('label[for=narrative-strengths]').scrollIntoView({block: 'center'});", vec![])
        .await;
    shot(&app, "about-the-child-for-the-family").await;
    open_tab(&app, "actions").await;
    press(&app, TAB).await;
    press(&app, &format!("Weekly food shop with family support worker{TAB}Jo Sample{TAB}Early help")).await;
    app.set_date("#action-by-when", &(Local::now().date_naive() + chrono::Days::new(28)).to_string()).await;
    focus(&app, ".add-action button[type=submit]").await;
    press(&app, ENTER).await;
    app.wait_for_text(".actions-list", "Weekly food shop").await;
    shot(&app, "actions").await;

    // Finalising is refused while the 5 in safety has no evidence, no area's impact is written
    // and the child's day is blank; "Finalise" moves focus to the first gap: the 5's evidence.
    open_tab(&app, "finalise").await;
    let blocking = app.wait_for_text(".finalise-check .blocking", "is graded 5 with no evidence").await;
    for gap in ["Impact on the child: Physical care has not been written.", "A day in my life is blank"] {
        assert!(blocking.contains(gap), "{gap}: {blocking}");
    }
    js(&app, "document.getElementById('check-title').scrollIntoView();", vec![]).await;
    shot(&app, "finalise-refused").await;
    assert_accessible(&app, "finalise refused").await;
    focus(&app, ".tab-panel button.primary").await;
    press(&app, ENTER).await;
    wait_until(
        &app,
        "focus on the evidence of the item graded 5",
        "const e = document.activeElement; return location.hash.endsWith('/safety') && e.id.endsWith('-evidence') && e.closest('.item').dataset.grade === '5';",
    )
    .await;
    press(&app, "Alfie was left alone overnight twice in October, seen by a neighbour.").await;
    wait_saved(&app).await;
    open_tab(&app, "about").await;
    for area in ["physical", "safety", "warmth", "esteem"] {
        app.type_into(&format!("#impact-{area}"), &format!("What the care in {area} means for Alfie day to day."))
            .await;
    }
    app.type_into("#narrative-day_in_my_life", "Gets himself up, no breakfast, walks to school alone.").await;
    wait_saved(&app).await;

    // Then nothing blocks: a confirm step, then read only.
    open_tab(&app, "finalise").await;
    app.wait_for_text(".finalise-check", "Nothing stops this checklist").await;
    focus(&app, ".tab-panel button.primary").await;
    press(&app, ENTER).await;
    app.wait_for_text(".confirm", "cannot be changed").await;
    js(&app, "document.getElementById('check-title').scrollIntoView();", vec![]).await;
    shot(&app, "finalise").await;
    focus(&app, ".confirm button.primary").await;
    press(&app, ENTER).await;
    app.wait_for_text("#finalised-banner", "Finalised on").await;
    app.quit().await;

    // After a restart: the same grades, as text, and nothing to edit. Someone else is signed in to
    // the computer now (the account names who makes changes), so the amendment below is theirs.
    let app = App::launch_with_env(dir.path(), &[("USER", "Alex Amender")]).await;
    app.unlock().await;
    app.click("table.list a[href^='#/child/']").await;
    app.wait_for_text(".records", "Finalised").await;
    shot(&app, "child").await;
    app.click(&format!(".records a[href='#/checklist/{assessment_id}']")).await;
    app.wait_for_text("#finalised-banner", "Finalised on").await;
    assert_eq!(attrs(&app, ".checklist", "data-status").await, vec!["finalised"]);
    for (area, grades, confirmed) in &expected {
        app.click(&format!(".tabs a[href$='/{area}']")).await;
        app.wait_for_text("#tab-title", "").await;
        wait_until(
            &app,
            "the area to show",
            &format!("return !!document.querySelector('.area-summary[data-area-id={area}]');"),
        )
        .await;
        assert_eq!(&grades_shown(&app).await, grades, "grades in {area} after the restart");
        assert_eq!(
            count(&app, ".tab-panel input, .tab-panel textarea, .tab-panel select").await,
            0,
            "{area} is read only"
        );
        app.wait_for_text(".confirmed-read", &format!("Confirmed grade: {confirmed},")).await;
        if *area == "physical" {
            js(&app, "window.scrollTo(0, 0);", vec![]).await;
            shot(&app, "checklist-finalised").await;
            let evidence = app.wait_for_text(".items .item .evidence-read", "fridge stocked").await;
            assert!(evidence.contains("2 meals a day"), "digits typed as evidence stay text: {evidence}");
            app.wait_for_text(".confirmed-read", "Reason: Food is often missing").await;
        }
    }
    // The result of an action is still recorded at review.
    app.click(".tabs a[href$='/actions']").await;
    assert_eq!(count(&app, ".actions-list button.link-button").await, 0, "no deleting once finalised");
    app.type_into(".actions-list textarea", "Done every week so far.").await;
    app.click(".result-form button[type=submit]").await;
    app.wait_for_text(".result-form [role=status]", "Result saved.").await;
    app.click(".tabs a[href$='/finalise']").await;
    app.wait_for_text(".profile-area[data-area-id=physical] .confirmed", "4, serious concern").await;
    app.wait_for_text(".profile-area[data-area-id=safety]", "Urgent item").await;

    // The household: the baby with no checklist is flagged, in words.
    app.click(".breadcrumbs a").await;
    app.click(".details a[href^='#/household/']").await;
    app.wait_for_text("h1", "Household: Testfamily household").await;
    let cards = app.texts(".household-children > li").await;
    let alfie = cards.iter().find(|c| c.contains("Alfie")).expect("Alfie's card");
    let poppy = cards.iter().find(|c| c.contains("Poppy")).expect("Poppy's card");
    assert!(poppy.contains("Not yet assessed") && poppy.contains("No checklist yet"), "Poppy: {poppy}");
    assert!(!alfie.contains("Not yet assessed") && alfie.contains("Finalised"), "Alfie: {alfie}");
    assert!(alfie.contains("Physical care") && alfie.contains("4, serious concern"), "Alfie: {alfie}");
    shot(&app, "household").await;
    assert_accessible(&app, "household").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "the household page scrolls sideways at 200% in 1024x768");
    shot(&app, "household-1024x768-zoom200").await;
    set_view(&app, 1200, 820, 1.0).await;

    // A correction is an amendment with a reason: a new draft, the original kept.
    go(&app, &format!("#/checklist/{assessment_id}/finalise")).await;
    app.click("#amend-title + button").await;
    app.type_into("#amend-reason", "The date of the home visit was wrong.").await;
    app.click(".confirm button.primary").await;
    app.wait_for_text(".amendment", "Reason: The date of the home visit was wrong.").await;
    // Who amended it is shown beside the original assessor's name, which the amendment keeps.
    app.wait_for_text(".amendment", "Amended by Alex Amender on").await;
    assert_eq!(attrs(&app, ".checklist", "data-status").await, vec!["draft"]);
    app.click(".breadcrumbs a").await;
    let records = app.wait_for_text(".records", "Amendment of the checklist of").await;
    assert!(records.contains("Draft") && records.contains("Finalised"), "both versions listed: {records}");
    assert!(records.contains("Amended by Alex Amender on"), "the amender in the history: {records}");
    app.quit().await;
}

#[tokio::test]
async fn children_are_found_edited_and_erased_with_the_name_typed_to_confirm() {
    let _serial = serial();
    let dir = data_dir();
    let app = App::launch(dir.path()).await;
    app.unlock().await;
    add_child(&app, "Alfie Testfamily", &years_ago(8), "Testfamily household").await;
    add_child(&app, "Zoë Otherfamily", &years_ago(3), "Otherfamily household").await;

    // The filter box finds by name or household, ignoring accents.
    app.type_into("#search", "zoe").await;
    wait_until(&app, "the filter", "return document.querySelectorAll('table.list tbody tr').length === 1;").await;
    app.wait_for_text("table.list tbody", "Zoë Otherfamily").await;
    app.type_into("#search", "testfamily household").await;
    app.wait_for_text("table.list tbody", "Alfie Testfamily").await;
    assert_eq!(count(&app, "table.list tbody tr").await, 1);

    // Edit reuses the form, filled in.
    app.click("table.list a[href^='#/child/']").await;
    app.click("a.button[href$='/edit']").await;
    app.wait_for_text("h1", "Edit details of Alfie Testfamily").await;
    assert_eq!(
        js(&app, "return document.getElementById('child-household').value;", vec![]).await,
        json!("Testfamily household")
    );
    app.type_into("#child-name", "Alfie Renamed-Testfamily").await;
    app.click("form button[type=submit]").await;
    app.wait_for_text("h1", "Alfie Renamed-Testfamily").await;

    // Erasing needs the name typed; it cannot be undone.
    app.click("section.erase button.danger").await;
    app.wait_for_text(".confirm", "cannot be undone").await;
    let erase = ".confirm button.danger";
    assert_eq!(
        js(&app, "return document.querySelector(arguments[0]).disabled;", vec![json!(erase)]).await,
        json!(true)
    );
    app.type_into("#erase-name", "Alfie").await;
    assert_eq!(
        js(&app, "return document.querySelector(arguments[0]).disabled;", vec![json!(erase)]).await,
        json!(true)
    );
    app.type_into("#erase-name", "Alfie Renamed-Testfamily").await;
    app.click(erase).await;
    app.wait_for_text("h1", "Children").await;
    wait_until(&app, "the list to reload", "return document.querySelectorAll('table.list tbody tr').length === 1;")
        .await;
    let rows = app.texts("table.list tbody tr").await;
    assert!(rows[0].contains("Zoë Otherfamily"), "rows: {rows:?}");
    app.quit().await;
}
