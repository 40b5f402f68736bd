//! What a practitioner expects of a desktop tool, end to end (issue 22): drafts in progress on
//! the home screen with the date each was last changed; "Copy summary as text" on the child's
//! page, read back from the real X clipboard with xclip; Help (F1) and About; the organisation
//! and logo from Settings on both printed summaries; the native save dialog's filter, read
//! through AT-SPI.

// The `serial()` guard is held across awaits on purpose: one app under test at a time.
#![allow(clippy::await_holding_lock)]

mod common;
mod support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Local, Months, NaiveDate};
use common::{data_dir, serial, App};
use ntk_core::model::{AgeBand, ChildForm, PlanCategory};
use ntk_core::store::{ActionForm, StartAssessmentForm, Store};
use support::*;

/// The written parts of the family summary, one written in Welsh (with ŵ and ŷ).
const FAMILY_SECTIONS: [(&str, &str); 5] = [
    ("strengths", "Mae'r tŷ yn gynnes ac mae dŵr poeth bob dydd."),
    ("worries", "We are worried that the evenings are not safe."),
    ("needs_to_change", "An adult is at home every evening."),
    ("better_looks_like", "Evenings at home are calm and safe."),
    ("if_things_do_not_change", "We may ask a court to help keep the children safe."),
];

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Records (made with the core, before the app starts) holding one child with one finalised
/// checklist: every item graded 2, one safety item 5 with its evidence, one action.
/// Returns the store, still open, and the child's number.
fn records_with_a_finalised_checklist(dir: &Path, name: &str) -> (Store, i64) {
    let mut store = Store::create(&dir.join(ntk_core::store::DATABASE_FILE), common::PASSPHRASE, "test").unwrap();
    let dob = today() - Months::new(12 * 7);
    let form = ChildForm {
        name: name.into(),
        date_of_birth: dob.to_string(),
        plan_category: Some(PlanCategory::Neglect),
        plan_start: (today() - Months::new(4)).to_string(),
        review_interval_months: Some(3),
        ..ChildForm::default()
    };
    let child = store.add_child(&form, today()).unwrap().id;
    let start = StartAssessmentForm {
        assessor_name: "Sam Example".into(),
        agency: "Testshire Children's Services".into(),
        role: "Social worker".into(),
        assessed_on: (today() - chrono::Days::new(7)).to_string(),
        review_round: None,
    };
    let a = store.start_assessment(child, &start, today()).unwrap();
    // Every item 2, but the first safety item 5 with its evidence.
    let urgent = |area: &str, n: usize| area == "safety" && n == 0;
    records::grade_and_confirm(
        &mut store,
        a.id,
        AgeBand::on(dob, today()),
        |area, n| if urgent(area, n) { 5 } else { 2 },
        |area, n, _| {
            if urgent(area, n) { "Left alone overnight twice in May." } else { "Seen at the home visit." }.to_string()
        },
    );
    store.save_narrative(a.id, "childs_voice", None, "\"I like drawing.\"").unwrap();
    store.save_narrative(a.id, "day_in_my_life", None, "Up at seven, school, tea at five, bed by eight.").unwrap();
    // The parts the family summary prints; one in Welsh, as a practitioner in Wales may write it.
    for (section, text) in FAMILY_SECTIONS {
        store.save_narrative(a.id, section, None, text).unwrap();
    }
    let action = ActionForm {
        what: "A safety plan for the evenings, agreed with the family".into(),
        who: "Sam Example".into(),
        agency: "Testshire Children's Services".into(),
        by_when: (today() + chrono::Days::new(30)).to_string(),
        target_grade: Some(2),
        area_id: Some("safety".into()),
    };
    store.add_action(a.id, &action).unwrap();
    store.finalise(a.id).unwrap();
    (store, child)
}

/// The X clipboard's text once it holds something containing `wanted` (xclip asks the app
/// that owns the selection, as a case-management system's paste would).
async fn clipboard_containing(wanted: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut last = String::new();
    while Instant::now() < deadline {
        let out = Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .output()
            .expect("xclip could not start (make test installs it)");
        last = String::from_utf8_lossy(&out.stdout).into_owned();
        if last.contains(wanted) {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the clipboard never held {wanted:?}; last: {last:?}");
}

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
    // Every evidence box, and every written section's, is checked in British English.
    let boxes = attrs(&app, ".items textarea", "spellcheck").await;
    assert!(!boxes.is_empty() && boxes.iter().all(|v| v == "true"), "evidence boxes: {boxes:?}");
    assert!(attrs(&app, ".items textarea", "lang").await.iter().all(|v| v == "en-GB"));
    go(&app, &format!("#/checklist/{alfie}/about")).await;
    app.wait_for("textarea").await;
    let sections = attrs(&app, "textarea", "spellcheck").await;
    assert!(sections.len() >= 5 && sections.iter().all(|v| v == "true"), "written sections: {sections:?}");
    assert!(attrs(&app, "textarea", "lang").await.iter().all(|v| v == "en-GB"));

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

#[tokio::test]
async fn copy_summary_as_text_puts_the_summarys_key_parts_on_the_clipboard() {
    let _serial = serial();
    let dir = data_dir();
    let (store, child) = records_with_a_finalised_checklist(dir.path(), "Ruby Copyfamily");
    let expected = store.core_group_text(child, today()).unwrap();
    drop(store);
    let app = App::launch(dir.path()).await;
    app.unlock().await;
    go(&app, &format!("#/child/{child}")).await;
    app.wait_for_text("h1", "Ruby Copyfamily").await;
    // By keyboard: focus the button, Enter, once the text has arrived (pressed before, the page
    // asks to try again in a moment).
    app.wait_for("#copy-summary[data-ready]").await;
    focus(&app, "#copy-summary").await;
    press(&app, ENTER).await;
    app.wait_for_text(".copy-summary", "Copied").await;
    let pasted = clipboard_containing("Core group summary: Ruby Copyfamily").await;
    assert_eq!(pasted.trim_end(), expected.trim_end(), "the clipboard holds the core's text");
    for part in [
        "Area profile",
        "Urgent and serious items",
        "graded 5",
        "Left alone overnight twice in May.",
        "Actions",
        "Next review",
    ] {
        assert!(pasted.contains(part), "missing {part:?}:\n{pasted}");
    }
    assert_eq!(focused(&app).await.split(' ').nth(2), Some("copy-summary"), "focus stays on the button");
    js(&app, "document.getElementById('copy-summary').scrollIntoView({block: 'center'});", vec![]).await;
    shot(&app, "child-copy-summary").await;
    assert_accessible(&app, "child page after copying").await;
    app.quit().await;
}

/// The WebDriver key code of F1.
const F1: &str = "\u{E031}";

#[tokio::test]
async fn f1_opens_help_in_the_reports_words_and_about_names_the_version_content_and_folder() {
    let _serial = serial();
    let dir = data_dir();
    let app = App::launch(dir.path()).await;
    app.unlock().await;

    // F1 from the home screen, wherever the focus is.
    focus(&app, "#page-title").await;
    press(&app, F1).await;
    app.wait_for_text("h1", "Help").await;
    let wording = ntk_core::wording::Wording::current();
    let grades = app.texts("#help-grade-table tbody tr").await;
    for (n, meaning) in wording.grade_meanings.iter().enumerate() {
        let row = &grades[n];
        assert!(row.starts_with(&(n + 1).to_string()) && row.ends_with(meaning.as_str()), "grade {}: {row}", n + 1);
    }
    let rules = app.wait_for_text("#help-rule-list", "Change").await;
    for rule in [ntk_core::wording::CHANGE_RULE, ntk_core::wording::DRIFT_RULE, ntk_core::wording::SUSTAINED_RULE] {
        assert!(rules.contains(rule), "help says {rule:?}: {rules}");
    }
    app.wait_for_text("main", "Back up now").await;
    app.wait_for_text("main", "Export checklists").await;
    // The contents links move the focus to their section, by keyboard.
    focus(&app, ".help-contents li:nth-child(3) a").await;
    press(&app, ENTER).await;
    wait_until(&app, "the keyboard section to take focus", "return document.activeElement.id === 'help-keys';").await;
    js(&app, "window.scrollTo(0, 0);", vec![]).await;
    shot(&app, "help").await;
    assert_accessible(&app, "help").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "help scrolls sideways at 200%");
    set_view(&app, 1280, 900, 1.0).await;

    // F1 from another screen too; then About from the menu.
    go(&app, "#/settings").await;
    app.wait_for_text("h1", "Settings").await;
    focus(&app, "#page-title").await;
    press(&app, F1).await;
    app.wait_for_text("h1", "Help").await;
    app.click(".topbar a[href='#/about']").await;
    app.wait_for_text("h1", "About Neglect Toolkit").await;
    let shipped = ntk_core::checklist::Checklist::shipped();
    app.wait_for_text("#about-version", env!("CARGO_PKG_VERSION")).await;
    app.wait_for_text("#about-content", &format!("version {}", shipped.version)).await;
    app.wait_for_text("#about-hash", &shipped.hash).await;
    app.wait_for_text("#about-data-dir", dir.path().to_str().unwrap()).await;
    // Spelling: the web view's own answer, British English with its dictionary loaded.
    app.wait_for_text("#about-spelling", "Checked in British English (en_GB)").await;
    let licences = app.texts("#about-licences > li").await;
    assert!(licences.iter().any(|l| l.contains("DejaVu Sans fonts")), "{licences:?}");
    assert!(licences.iter().any(|l| l.contains("MIT")), "{licences:?}");
    // A licence opens by keyboard and shows its text.
    focus(&app, "#about-licences li:nth-child(2) summary").await;
    press(&app, ENTER).await;
    app.wait_for_text("#about-licences li:nth-child(2) pre", "Bitstream").await;
    shot(&app, "about").await;
    assert_accessible(&app, "about").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "about scrolls sideways at 200%");
    app.quit().await;
}

#[tokio::test]
async fn a_childs_audit_trail_lists_who_changed_what_and_when_with_old_and_new_values() {
    let _serial = serial();
    let dir = data_dir();
    let (store, child) = records_with_a_finalised_checklist(dir.path(), "Ruby Auditfamily");
    let expected = store.child_audit_trail(child).unwrap();
    drop(store);
    let app = App::launch(dir.path()).await;
    app.unlock().await;
    go(&app, &format!("#/child/{child}")).await;
    app.wait_for_text("h1", "Ruby Auditfamily").await;
    focus(&app, "#audit-link").await;
    press(&app, ENTER).await;
    app.wait_for_text("h1", "Audit trail: Ruby Auditfamily").await;
    app.wait_for_text("#audit-count", &format!("{} changes recorded", expected.len())).await;
    let ids = attrs(&app, "#audit-rows > tr", "data-audit-id").await;
    let wanted: Vec<String> = expected.iter().map(|e| e.id.to_string()).collect();
    assert_eq!(ids, wanted, "every row of the child, newest first");
    let rows = app.texts("#audit-rows > tr").await;
    assert!(rows.iter().any(|r| r.contains("Left alone overnight twice in May.")), "the new value of a grade");
    assert!(rows.iter().all(|r| r.contains("test")), "who: the actor of each row");
    let whats = app.texts("#audit-rows > tr > td:nth-child(3)").await;
    let wanted: Vec<String> = expected.iter().map(|e| e.what.clone()).collect();
    assert_eq!(whats, wanted, "what changed, in the core's words");
    for key in ["item:", "confirm:", "impact:", "day_in_my_life", "childs_voice", "()", "\"grade\""] {
        assert!(rows.iter().all(|r| !r.contains(key)), "a stored key {key:?} on the screen: {rows:?}");
    }
    shot(&app, "child-audit").await;
    assert_accessible(&app, "child audit trail").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "the audit trail scrolls sideways at 200%");
    app.quit().await;
}

#[tokio::test]
async fn export_everything_about_a_child_writes_a_pdf_and_a_json_with_every_record_and_audit_row() {
    let _serial = serial();
    let dir = data_dir();
    let (store, child) = records_with_a_finalised_checklist(dir.path(), "Ruby Accessfamily");
    let trail = store.child_audit_trail(child).unwrap();
    drop(store);
    let files = tempfile::Builder::new().prefix("ntk-e2e-files-").tempdir().unwrap();
    let files_env = files.path().display().to_string();
    let app = App::launch_with_env(dir.path(), &[("NTK_E2E_FILE_DIR", &files_env)]).await;
    app.unlock().await;
    go(&app, &format!("#/child/{child}")).await;
    app.wait_for_text("h1", "Ruby Accessfamily").await;
    focus(&app, "#subject-access").await;
    press(&app, ENTER).await;
    let pdf_path = files.path().join(format!("everything-about-child-{child}-{}.pdf", today()));
    let json_path = pdf_path.with_extension("json");
    let status = app.wait_for_text("#subject-access-status", "Saved").await;
    assert!(status.contains(&pdf_path.display().to_string()) && status.contains(&json_path.display().to_string()));
    shot(&app, "child-subject-access").await;
    assert_accessible(&app, "child page with the subject-access copy").await;

    let copy: serde_json::Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    let ids: Vec<i64> = copy["audit_log"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, trail.iter().map(|l| l.id).collect::<Vec<_>>(), "every audit row made before the copy");
    let tables: Vec<&str> = copy["records"].as_array().unwrap().iter().map(|t| t["table"].as_str().unwrap()).collect();
    let expected: Vec<&str> = ntk_core::store::CHILD_TABLES.iter().map(|t| t.table).collect();
    assert_eq!(tables, expected);
    let out = Command::new("pdftotext").args(["-raw", pdf_path.to_str().unwrap(), "-"]).output().unwrap();
    let text: String = String::from_utf8(out.stdout).unwrap().chars().filter(|c| !c.is_whitespace()).collect();
    for wanted in ["Everything recorded about Ruby Accessfamily", "Left alone overnight twice in May.", "Audit trail"] {
        assert!(text.contains(&wanted.replace(' ', "")), "{wanted:?} not in the PDF");
    }
    for line in &trail {
        assert!(text.contains(&line.what.replace(' ', "")), "audit row {} not in the PDF", line.id);
    }
    // The copy itself is now in the child's audit trail.
    go(&app, &format!("#/child/{child}/audit")).await;
    app.wait_for_text("#audit-rows > tr:first-child", "copied for a subject-access request").await;
    app.quit().await;
}

#[tokio::test]
async fn the_family_summary_prints_in_welsh_chosen_when_printing_and_settings_shows_its_review_status() {
    use ntk_core::model::PractitionerDetails;
    use ntk_core::report::FamilyLanguage;
    let _serial = serial();
    let dir = data_dir();
    let (mut store, child) = records_with_a_finalised_checklist(dir.path(), "Gwen Iaithfamily");
    let contact = PractitionerDetails {
        organisation: "Testshire Council".into(),
        team: "Family Support".into(),
        name: "Sam Example".into(),
        role: "Social worker".into(),
        telephone: "01234 567890".into(),
        email: "sam@example.org".into(),
    };
    store.set_practitioner_details(&contact).unwrap();
    let keys: Vec<String> =
        store.family_check(child, today()).unwrap().sections.into_iter().map(|s| s.section.key).collect();
    for key in keys {
        store.confirm_family_section(child, &key, today()).unwrap();
    }
    drop(store);
    let files = tempfile::Builder::new().prefix("ntk-e2e-files-").tempdir().unwrap();
    let files_env = files.path().display().to_string();
    let app = App::launch_with_env(dir.path(), &[("NTK_E2E_FILE_DIR", &files_env)]).await;
    app.unlock().await;

    go(&app, "#/settings").await;
    let welsh = FamilyLanguage::Welsh.status();
    let line = format!("Welsh (Cymraeg): 0 of {} phrases reviewed by a Welsh speaker", welsh.phrases);
    app.wait_for_text("#family-languages", &line).await;
    js(&app, "document.getElementById('languages-title').scrollIntoView();", vec![]).await;
    shot(&app, "settings-languages").await;

    go(&app, &format!("#/child/{child}")).await;
    app.wait_for_text("h1", "Gwen Iaithfamily").await;
    app.wait_for_text("#family-language", "Welsh (Cymraeg)").await;
    js(
        &app,
        "const s = document.getElementById('family-language'); s.value = 'welsh'; s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![],
    )
    .await;
    app.wait_for_text("#family-language-hint", "0 of").await;
    app.click("#print-family").await;
    let pdf = files.path().join(format!("family-summary-welsh-{}.pdf", today()));
    let status = app.wait_for_text("#print-status", "Saved to").await;
    assert!(status.contains(&pdf.display().to_string()), "status: {status}");
    js(&app, "document.getElementById('print-title').scrollIntoView();", vec![]).await;
    shot(&app, "child-print-welsh").await;
    assert_accessible(&app, "the child's page with the language choice").await;
    let out = Command::new("pdftotext").args(["-raw", pdf.to_str().unwrap(), "-"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    let phrases = FamilyLanguage::Welsh.phrases();
    for wanted in [phrases.get("actions_title"), phrases.get("contact_title"), phrases.get("section.strengths")] {
        assert!(text.contains(&wanted), "{wanted:?} not in the Welsh summary: {text}");
    }
    assert!(text.contains(FAMILY_SECTIONS[0].1), "the Welsh written part as written, with ŵ and ŷ: {text}");
    assert!(text.contains(FAMILY_SECTIONS[1].1), "an English written part as written: {text}");
    assert!(text.contains("Tudalen 1 o") && !text.contains("Who will help"), "{text}");
    app.quit().await;
}

/// A private D-Bus session bus for one test: the app's GTK and the accessibility reader meet on
/// it (AT-SPI's bus is started on demand by it). Stopped when dropped.
struct SessionBus {
    process: std::process::Child,
    address: String,
}

impl SessionBus {
    fn start() -> SessionBus {
        use std::io::BufRead;
        let mut process = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(std::process::Stdio::piped())
            // It reports each service it starts (the accessibility bus); the test says what matters.
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("dbus-daemon could not start (make test installs dbus-daemon)");
        let mut address = String::new();
        std::io::BufReader::new(process.stdout.take().unwrap()).read_line(&mut address).unwrap();
        SessionBus { process, address: address.trim().to_string() }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// Starts reading a GTK file chooser through AT-SPI on `bus` (tests/support/file_chooser.py with
/// `args`), before the dialog is opened, so that a dialog that is slow to appear is waited for.
fn read_file_chooser(bus: &SessionBus, args: &[&str]) -> tokio::task::JoinHandle<std::process::Output> {
    let reader = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/file_chooser.py");
    let (address, args): (String, Vec<String>) = (bus.address.clone(), args.iter().map(|a| a.to_string()).collect());
    tokio::task::spawn_blocking(move || {
        Command::new("/usr/bin/python3")
            .arg(reader)
            .args(args)
            .env("DBUS_SESSION_BUS_ADDRESS", address)
            .output()
            .expect("python3 could not start")
    })
}

/// What the reader saw: the dialog's filter list, the filter chosen, its text boxes.
async fn file_chooser_seen(reading: tokio::task::JoinHandle<std::process::Output>) -> serde_json::Value {
    let out = reading.await.unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the dialog was not read: {said} {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_str(said.trim()).unwrap()
}

/// The real GTK save dialog, not the test hook: its filter list read through AT-SPI (the
/// accessibility bus, as a screen reader reads it), then cancelled, so nothing is written.
#[tokio::test]
async fn the_native_save_dialog_of_a_summary_offers_pdf_documents_only() {
    let _serial = serial();
    let dir = data_dir();
    let (store, child) = records_with_a_finalised_checklist(dir.path(), "Dara Dialogfamily");
    drop(store);
    let bus = SessionBus::start();
    // No NTK_E2E_FILE_DIR: the dialog is the one a practitioner sees.
    let app = App::launch_with_env(dir.path(), &[("DBUS_SESSION_BUS_ADDRESS", &bus.address)]).await;
    app.unlock().await;
    go(&app, &format!("#/child/{child}")).await;
    app.wait_for_text("h1", "Dara Dialogfamily").await;
    let reading = read_file_chooser(&bus, &["Save the summary", "cancel"]);
    app.click("#print-core_group").await;
    let seen = file_chooser_seen(reading).await;
    assert_eq!(seen["filters"], serde_json::json!(["PDF document"]), "{seen}");
    assert_eq!(seen["chosen"], "PDF document", "{seen}");
    let name = format!("core-group-summary-{}.pdf", today());
    assert!(seen["texts"].as_array().unwrap().iter().any(|t| t == name.as_str()), "the suggested name: {seen}");

    // Cancelled: nothing saved, and the page says so.
    app.wait_for_text("#print-status", "No file was chosen: nothing was saved.").await;
    app.quit().await;
}

/// `pdftotext -layout` of a PDF, one string per page.
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext").args(["-layout", pdf.to_str().unwrap(), "-"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> =
        text.split('\x0c').map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    pages.pop(); // after the last form feed
    pages
}

/// `pdfimages -list` rows as (page, width, height) of the PDF's images, soft masks left out.
fn pdf_images(pdf: &Path) -> Vec<(u32, u32, u32)> {
    let out = Command::new("pdfimages").args(["-list", pdf.to_str().unwrap()]).output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|f| f[2] == "image")
        .map(|f| (f[0].parse().unwrap(), f[3].parse().unwrap(), f[4].parse().unwrap()))
        .collect()
}

/// Item 2 of issue 22 end to end: the organisation and contact details typed in Settings and the
/// logo chosen there are on both summaries printed from the child's page.
#[tokio::test]
async fn the_organisation_and_logo_set_in_settings_are_on_both_printed_summaries() {
    let _serial = serial();
    let dir = data_dir();
    let (mut store, child) = records_with_a_finalised_checklist(dir.path(), "Orla Pagefamily");
    let keys: Vec<String> =
        store.family_check(child, today()).unwrap().sections.into_iter().map(|s| s.section.key).collect();
    for key in keys {
        store.confirm_family_section(child, &key, today()).unwrap();
    }
    drop(store);
    let files = tempfile::Builder::new().prefix("ntk-e2e-files-").tempdir().unwrap();
    // The open dialog's hook gives the first picture in the folder; the save dialog's writes there.
    let logo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/logos/testshire.jpg");
    std::fs::copy(logo, files.path().join("testshire.jpg")).unwrap();
    let files_env = files.path().display().to_string();
    let app = App::launch_with_env(dir.path(), &[("NTK_E2E_FILE_DIR", &files_env)]).await;
    app.unlock().await;

    go(&app, "#/settings").await;
    for (field, value) in [
        ("organisation", "Testshire Council"),
        ("team", "Family Support"),
        ("name", "Sam Example"),
        ("role", "Social worker"),
        ("telephone", "01234 567890"),
        ("email", "sam@example.org"),
    ] {
        app.type_into(&format!("#practitioner-{field}"), value).await;
    }
    app.click("#practitioner-title + p + form button[type=submit]").await;
    app.wait_for_text("#practitioner-status", "Saved.").await;
    focus(&app, "#choose-logo").await;
    press(&app, ENTER).await;
    app.wait_for_text("#logo-preview figcaption", "JPEG, 360 × 120 pixels").await;

    go(&app, &format!("#/child/{child}")).await;
    app.wait_for_text("h1", "Orla Pagefamily").await;
    let mut printed = Vec::new();
    for (button, stem) in [("#print-core_group", "core-group-summary"), ("#print-family", "family-summary")] {
        app.click(button).await;
        let pdf = files.path().join(format!("{stem}-{}.pdf", today()));
        wait_until(
            &app,
            "the summary to be saved",
            &format!(
                "const s = document.getElementById('print-status'); return !!s && s.textContent.includes({});",
                serde_json::to_string(&pdf.display().to_string()).unwrap()
            ),
        )
        .await;
        printed.push(pdf);
    }
    for pdf in &printed {
        let pages = pdf_pages(pdf);
        assert!(!pages.is_empty());
        for (n, page) in pages.iter().enumerate() {
            assert!(page.contains("Testshire Council, Family Support"), "page {} of {}: {page}", n + 1, pdf.display());
        }
        assert_eq!(pdf_images(pdf), [(1, 360, 120)], "the logo once, on page 1 of {}", pdf.display());
    }
    let family = pdf_pages(&printed[1]).join(" ");
    for contact in ["Sam Example", "Social worker", "01234 567890", "sam@example.org"] {
        assert!(family.contains(contact), "{contact} not in the family summary's who to contact: {family}");
    }
    app.quit().await;
}

/// Waits until a stand-in has written its record (polling; no fixed sleep).
async fn file_appears(path: &Path, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !path.exists() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Item 8 of issue 22 on Linux, through the real dialog and the real opener code: a name typed
/// without ".pdf" gets it, the summary is written there, the system's viewer is asked to open
/// it (`xdg-open`), and "Show in folder" asks the file manager to show it (D-Bus
/// `org.freedesktop.FileManager1.ShowItems`). No desktop runs under Xvfb, so a stand-in
/// `xdg-open` on the app's PATH and a stand-in file manager on its session bus record the calls.
#[tokio::test]
async fn a_summary_saved_through_the_native_dialog_gets_pdf_added_is_opened_and_shown_in_its_folder() {
    use std::os::unix::fs::PermissionsExt;
    let _serial = serial();
    let dir = data_dir();
    let (store, child) = records_with_a_finalised_checklist(dir.path(), "Vida Viewerfamily");
    drop(store);
    let scratch = tempfile::Builder::new().prefix("ntk-e2e-viewer-").tempdir().unwrap();
    let (bin, saved_in) = (scratch.path().join("bin"), scratch.path().join("case record"));
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&saved_in).unwrap();
    let opened = scratch.path().join("opened.txt");
    let shown = scratch.path().join("shown.txt");
    let viewer = bin.join("xdg-open");
    std::fs::write(&viewer, format!("#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{}'\n", opened.display())).unwrap();
    std::fs::set_permissions(&viewer, std::fs::Permissions::from_mode(0o755)).unwrap();

    let bus = SessionBus::start();
    let manager = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/fake_file_manager.py");
    let mut file_manager = Command::new("/usr/bin/python3")
        .arg(manager)
        .arg(&shown)
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 could not start");
    let mut ready = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(file_manager.stdout.take().unwrap()), &mut ready).unwrap();
    assert_eq!(ready.trim(), "ready", "the stand-in file manager did not start");

    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let app = App::launch_with_env(dir.path(), &[("DBUS_SESSION_BUS_ADDRESS", &bus.address), ("PATH", &path)]).await;
    app.unlock().await;
    go(&app, &format!("#/child/{child}")).await;
    app.wait_for_text("h1", "Vida Viewerfamily").await;
    let typed = saved_in.join("Vida summary for the core group");
    let reading = read_file_chooser(&bus, &["Save the summary", "save", typed.to_str().unwrap()]);
    app.click("#print-core_group").await;
    file_chooser_seen(reading).await;

    let written = saved_in.join("Vida summary for the core group.pdf");
    let status = app.wait_for_text("#print-status", "Saved to").await;
    assert!(status.contains(&written.display().to_string()), "\".pdf\" added to the typed name: {status}");
    assert!(std::fs::read(&written).unwrap().starts_with(b"%PDF"));
    file_appears(&opened, "the system's viewer was asked to open the summary").await;
    app.click("#show-in-folder").await;
    file_appears(&shown, "the file manager was asked to show the summary").await;
    assert_eq!(std::fs::read_to_string(&opened).unwrap().trim(), written.display().to_string(), "the viewer opens it");
    let uri = std::fs::read_to_string(&shown).unwrap();
    assert!(
        uri.trim().starts_with("file://") && uri.contains("Vida%20summary%20for%20the%20core%20group.pdf"),
        "the file manager shows it: {uri}"
    );
    app.quit().await;
    let _ = file_manager.kill();
    let _ = file_manager.wait();
}
