//! The foundation, end to end: set up, add a child, restart, and the child is still there.

// The `serial()` guard is held across awaits on purpose: one app under test at a time.
#![allow(clippy::await_holding_lock)]

mod common;
mod support;

use common::{data_dir, serial, App, PASSPHRASE};
use support::{assert_accessible, attrs, focus, focused, press, wait_until, ENTER};

fn children_in_file(db: &std::path::Path) -> Vec<(String, String)> {
    // Read the file independently of the app, with the same passphrase.
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    let mut stmt = conn.prepare("SELECT name, date_of_birth FROM children ORDER BY id").unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

#[tokio::test]
async fn a_child_added_in_the_app_is_listed_after_a_restart() {
    let _serial = serial();
    let dir = data_dir();

    let app = App::launch(dir.path()).await;
    app.wait_for_text("h1", "Set up Neglect Toolkit").await;
    app.screenshot("01-setup").await;
    app.unlock().await;
    app.wait_for_text("main", "No children have been added yet").await;

    app.click("button.primary").await;
    app.type_into("#child-name", "Zoë Testchild").await;
    app.set_date("#child-date-of-birth", "2019-05-14").await;
    app.type_into("#child-household", "Example household").await;
    app.screenshot("02-add-child").await;
    app.click("form button[type=submit]").await;
    app.wait_for_text("table.list", "Zoë Testchild").await;
    app.screenshot("03-children").await;
    app.quit().await;

    let db = dir.path().join("neglect-toolkit.db");
    assert_eq!(children_in_file(&db), vec![("Zoë Testchild".to_string(), "2019-05-14".to_string())]);
    let bytes = std::fs::read(&db).unwrap();
    assert!(!bytes.windows(7).any(|w| w == b"Testchi"), "the child's name must not be readable in the encrypted file");

    let app = App::launch(dir.path()).await;
    app.wait_for_text("h1", "Unlock Neglect Toolkit").await;
    app.unlock().await;
    let rows = app.texts("table.list tbody tr").await;
    assert_eq!(rows.len(), 1, "rows: {rows:?}");
    assert!(rows[0].contains("Zoë Testchild") && rows[0].contains("Example household"), "row: {}", rows[0]);
    app.quit().await;
}

#[tokio::test]
async fn bad_child_details_are_refused_with_a_clear_message_and_nothing_is_saved() {
    let _serial = serial();
    let dir = data_dir();
    let app = App::launch(dir.path()).await;
    app.unlock().await;

    app.click("button.primary").await;
    app.set_date("#child-date-of-birth", "2019-05-14").await;
    app.click("form button[type=submit]").await;
    app.wait_for_text(".field-invalid .error", "Please enter the child's name.").await;

    app.type_into("#child-name", "Future Child").await;
    app.set_date("#child-date-of-birth", "2099-01-01").await;
    app.click("form button[type=submit]").await;
    let message = app.wait_for_text(".field-invalid .error", "in the future").await;
    assert!(message.contains("date of birth"), "message: {message}");
    app.screenshot("04-add-child-error").await;

    // A disability described but not recorded as one is asked about, not guessed: the disability
    // items of the checklist apply only when the box is ticked.
    app.set_date("#child-date-of-birth", "2019-05-14").await;
    app.type_into("#child-disability-needs", "Uses a wheelchair.").await;
    app.click("form button[type=submit]").await;
    let message = app.wait_for_text(".field-invalid .error", "Please tick").await;
    assert!(message.contains("Has a disability or long-term condition"), "message: {message}");
    assert_eq!(attrs(&app, "#child-has-disability", "aria-invalid").await, ["true"]);
    assert!(focused(&app).await.contains("child-has-disability"), "focus moves to the box");
    app.quit().await;

    assert!(children_in_file(&dir.path().join("neglect-toolkit.db")).is_empty());
}

#[tokio::test]
async fn a_wrong_passphrase_is_refused_and_reveals_nothing() {
    let _serial = serial();
    let dir = data_dir();
    let app = App::launch(dir.path()).await;
    app.unlock().await;
    app.quit().await;

    let app = App::launch(dir.path()).await;
    app.type_into("#passphrase", "not the passphrase").await;
    app.click("form button[type=submit]").await;
    app.wait_for_text("[role=alert]", "The passphrase is not right").await;
    app.assert_absent("table.list", "the list is shown behind a wrong passphrase").await;
    app.quit().await;
}

#[tokio::test]
async fn a_long_list_is_drawn_a_hundred_at_a_time_and_read_on_by_keyboard() {
    let _serial = serial();
    let dir = data_dir();
    // 250 invented children, written by the core as the demo command does.
    let mut store =
        ntk_core::store::Store::create(&dir.path().join(ntk_core::store::DATABASE_FILE), PASSPHRASE, "test").unwrap();
    let today = chrono::Local::now().date_naive();
    ntk_core::demo::populate(&mut store, 250, 1, 11, today).unwrap();
    let mut names: Vec<String> = store.list_children().unwrap().into_iter().map(|c| c.name).collect();
    drop(store);

    let app = App::launch(dir.path()).await;
    app.unlock().await;
    wait_until(&app, "the list", "return document.querySelectorAll('#children-rows tr').length > 0").await;
    assert_eq!(app.texts("#children-rows tr").await.len(), 100);
    let more = "table.list + .show-more button";
    app.wait_for_text("table.list + .show-more", "Showing 100 of 250 children").await;
    app.wait_for_text(more, "show 150 more").await;
    focus(&app, more).await;
    app.screenshot("home-long-list").await;
    assert_accessible(&app, "home with a long list").await;
    press(&app, ENTER).await;
    wait_until(&app, "all 250 rows", "return document.querySelectorAll('#children-rows tr').length === 250").await;
    // The focus moves to the first child not shown before, in the list's order.
    names.truncate(101);
    let first_new = serde_json::to_string(&names[100]).unwrap();
    wait_until(
        &app,
        &format!("the focus on {first_new}"),
        &format!("return document.activeElement.textContent === {first_new};"),
    )
    .await;
    app.assert_absent("table.list + .show-more", "no button once every child is shown").await;
    app.quit().await;
}
