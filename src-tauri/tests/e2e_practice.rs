//! What a practitioner expects of a desktop tool, end to end (issue 22): drafts in progress on
//! the home screen with the date each was last changed.

// The `serial()` guard is held across awaits on purpose: one app under test at a time.
#![allow(clippy::await_holding_lock)]

mod common;
mod support;

use chrono::{Local, Months};
use common::{data_dir, serial, App};
use support::*;

fn years_ago(years: u32) -> String {
    (Local::now().date_naive() - Months::new(12 * years) - chrono::Days::new(20)).to_string()
}

/// Adds a child from the home screen's form.
async fn add_child(app: &App, name: &str, date_of_birth: &str) {
    app.click("button.primary").await; // "Add child"
    app.type_into("#child-name", name).await;
    app.set_date("#child-date-of-birth", date_of_birth).await;
    app.click("form button[type=submit]").await;
    app.wait_for_text("table.list", name).await;
}

/// Starts a checklist for the named child from its page, and returns the checklist's number.
async fn start_checklist(app: &App, name: &str) -> String {
    go(app, "#/").await;
    app.wait_for_text("table.list", name).await;
    let links = attrs(app, "table.list .child-name a", "href").await;
    let texts = app.texts("table.list .child-name a").await;
    let href = &links[texts.iter().position(|t| t == name).expect("the child is listed")];
    go(app, href).await;
    app.wait_for_text("h1", name).await;
    app.click("a.button.primary").await;
    app.wait_for_text("h1", &format!("Start a checklist for {name}")).await;
    app.type_into("#start-assessor-name", "Sam Example").await;
    app.type_into("#start-agency", "Testshire Children's Services").await;
    app.type_into("#start-role", "Social worker").await;
    app.click("form button[type=submit]").await;
    app.wait_for_text("h1", &format!("Checklist for {name}")).await;
    attrs(app, ".checklist", "data-assessment-id").await[0].clone()
}

#[tokio::test]
async fn drafts_in_progress_are_on_the_home_screen_with_the_date_each_was_last_changed() {
    let _serial = serial();
    let dir = data_dir();
    let app = App::launch(dir.path()).await;
    app.unlock().await;
    add_child(&app, "Alfie Draftfamily", &years_ago(8)).await;
    add_child(&app, "Poppy Draftfamily", &years_ago(3)).await;
    app.assert_absent("#drafts-title", "no draft yet").await;

    let alfie = start_checklist(&app, "Alfie Draftfamily").await;
    let poppy = start_checklist(&app, "Poppy Draftfamily").await;
    // One grade on Alfie's: it becomes the latest changed, so Poppy's (left alone longer) is first.
    go(&app, &format!("#/checklist/{alfie}/physical")).await;
    focus(&app, ".items .item input[type=radio]").await;
    press(&app, "2").await;
    wait_saved(&app).await;

    go(&app, "#/").await;
    app.wait_for_text("#drafts-title", "Drafts in progress (2)").await;
    let rows = app.texts("#draft-rows > li").await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].starts_with("Checklist for Poppy Draftfamily"), "left alone longest first: {rows:?}");
    assert!(rows[1].starts_with("Checklist for Alfie Draftfamily"), "{rows:?}");
    let today = Local::now().date_naive().format("%-d %b %Y").to_string();
    for row in &rows {
        assert!(row.contains(&format!("Last changed {today} at ")) && row.contains("(today)"), "{row}");
        assert!(row.contains("by Sam Example (Testshire Children's Services)"), "{row}");
    }
    assert_eq!(attrs(&app, "#draft-rows > li", "data-assessment-id").await, [poppy.clone(), alfie.clone()]);
    shot(&app, "home-drafts").await;
    assert_accessible(&app, "home with drafts").await;
    // 1024 x 768 at 200%: the list reflows, nothing scrolls sideways.
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "the drafts list scrolls sideways at 200%");
    set_view(&app, 1280, 900, 1.0).await;

    // The search narrows the drafts too; the link opens the draft, by keyboard.
    app.type_into("#search", "Alfie").await;
    app.wait_for_text("#drafts-title", "Drafts in progress (1)").await;
    focus(&app, "#draft-rows a").await;
    press(&app, ENTER).await;
    app.wait_for_text("h1", "Checklist for Alfie Draftfamily").await;
    app.quit().await;
}
