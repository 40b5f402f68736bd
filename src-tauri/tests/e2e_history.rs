//! Comparing over time, end to end. A case is built with the core in a separate store (three
//! finalised checklists over nine months by one social worker, and a health visitor's checklist
//! in the latest round), exported to an exchange file and imported through the real app's
//! Settings screen. Then: the home "needs attention" list, the history screen (chart, change,
//! drift), the item-by-item comparison, the disagreements, both printed summaries, an export and
//! the partnership dataset. The child's name and some evidence carry HTML that must stay text.

// The `serial()` guard is held across awaits on purpose: one app under test at a time.
#![allow(clippy::await_holding_lock)]

mod common;
mod support;

use std::path::Path;
use std::time::Instant;

use chrono::{Datelike, Days, Local, Months, NaiveDate};
use common::{data_dir, serial, App};
use ntk_core::model::{AgeBand, ChildForm, PlanCategory};
use ntk_core::store::{ActionForm, StartAssessmentForm, Store};
use serde_json::json;
use support::*;

const CHILD_NAME: &str = "Ruby Testcase";
const OVERDUE_NAME: &str = "Jamie Testcase";
/// HTML in a name and in evidence: shown as text, never run.
const HTML_NAME: &str = "Kai <img src=x onerror=\"window.__pwned=1\"> <script>alert(1)</script> Testcase";
const EVIDENCE_HTML: &str =
    "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script> Seen at the home visit: no smoke alarm.";

const SOCIAL_WORKER: (&str, &str) = ("Sam Example", "Testshire Children's Services");
const HEALTH_VISITOR: (&str, &str) = ("Chidi Sample", "Testshire Health Visiting");

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// The grade of every applicable item in an area, per checklist: physical care improves
/// (4, 3, 2), safety stays at concern (3) so it drifts, warmth gets worse (1, 2, 2), learning
/// and esteem stays at 2. The health visitor agrees except on the first physical care item
/// (4 against 2) and the first safety item (5 against 3).
fn grade(area: &str, round: usize, health_visitor: bool, first_in_area: bool) -> u8 {
    match (area, round) {
        ("physical", _) if health_visitor && first_in_area => 4,
        ("safety", _) if health_visitor && first_in_area => 5,
        ("physical", r) => [4, 3, 2][r],
        ("safety", _) => 3,
        ("warmth", r) => [1, 2, 2][r],
        _ => 2,
    }
}

/// Writes one finalised checklist with the core, the way the app would: every applicable item
/// graded by `grade_of(area, position in the area)`, with `evidence_of` as its evidence.
fn checklist(
    store: &mut Store,
    child_id: i64,
    dob: NaiveDate,
    on: NaiveDate,
    by: (&str, &str),
    grade_of: impl Fn(&str, usize) -> u8,
    evidence_of: impl Fn(&str, usize, &str) -> String,
) {
    let form = StartAssessmentForm {
        assessor_name: by.0.into(),
        agency: by.1.into(),
        role: if by == HEALTH_VISITOR { "Health visitor" } else { "Social worker" }.into(),
        assessed_on: on.to_string(),
        review_round: None,
    };
    let a = store.start_assessment(child_id, &form, today()).unwrap();
    records::grade_and_confirm(store, a.id, AgeBand::on(dob, on), grade_of, evidence_of);
    // Everything the record and the family summary need, in words for the family.
    for (section, text) in [
        ("childs_voice", "\"I like drawing with my teacher.\""),
        ("day_in_my_life", "Up at seven, school, tea at five, bed by eight."),
        ("strengths", "Mum takes the children to school every day."),
        ("worries", "There is not always food in the house."),
        ("needs_to_change", "Three meals a day, every day."),
        ("better_looks_like", "The children eat well and are not hungry at school."),
        ("if_things_do_not_change", "We will meet again to decide whether a stronger plan is needed."),
    ] {
        store.save_narrative(a.id, section, None, text).unwrap();
    }
    let action = ActionForm {
        what: "Weekly food shop with a family support worker".into(),
        who: "Family support worker".into(),
        agency: "Early help".into(),
        by_when: (on + Days::new(60)).to_string(),
        target_grade: Some(2),
        area_id: Some("physical".into()),
    };
    store.add_action(a.id, &action).unwrap();
    store.finalise(a.id).unwrap();
}

fn seen(_area: &str, _n: usize, title: &str) -> String {
    format!("Seen at the home visit ({}).", title.to_lowercase())
}

fn add_child(store: &mut Store, name: &str, dob: NaiveDate) -> i64 {
    let form = ChildForm {
        name: name.into(),
        date_of_birth: dob.to_string(),
        plan_category: Some(PlanCategory::Neglect),
        plan_start: (today() - Months::new(10)).to_string(),
        review_interval_months: Some(3),
        ..ChildForm::default()
    };
    store.add_child(&form, today()).unwrap().id
}

fn export(store: &mut Store, child_id: i64, file: &Path) {
    std::fs::write(file, store.export_child(child_id).unwrap().to_bytes(None).unwrap()).unwrap();
}

/// Builds three children in another agency's store and writes one exchange file each into
/// `staging`: Ruby (the whole case), Jamie (one checklist, review overdue, an urgent item) and
/// Kai (HTML in the name and in evidence).
fn write_exchange_files(staging: &Path) {
    let store_dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&store_dir.path().join("other-agency.db"), "another passphrase", "sender").unwrap();
    let dob = today() - Months::new(12 * 7) - Days::new(40);

    let ruby = add_child(&mut store, CHILD_NAME, dob);
    let dates = [today() - Months::new(9), today() - Months::new(6), today() - Days::new(14)];
    for (round, on) in dates.into_iter().enumerate() {
        checklist(&mut store, ruby, dob, on, SOCIAL_WORKER, |area, n| grade(area, round, false, n == 0), seen);
    }
    checklist(
        &mut store,
        ruby,
        dob,
        today() - Days::new(7),
        HEALTH_VISITOR,
        |area, n| grade(area, 2, true, n == 0),
        seen,
    );
    export(&mut store, ruby, &staging.join("ruby.ntkexchange"));

    let jamie = add_child(&mut store, OVERDUE_NAME, dob - Months::new(30));
    let on = today() - Months::new(5);
    checklist(
        &mut store,
        jamie,
        dob,
        on,
        SOCIAL_WORKER,
        |area, n| if area == "safety" && n == 2 { 5 } else { 2 },
        seen,
    );
    export(&mut store, jamie, &staging.join("jamie.ntkexchange"));

    let kai = add_child(&mut store, HTML_NAME, dob);
    let evidence = |area: &str, n: usize, title: &str| {
        if area == "safety" && n == 0 {
            EVIDENCE_HTML.to_string()
        } else {
            seen(area, n, title)
        }
    };
    checklist(&mut store, kai, dob, today() - Days::new(3), SOCIAL_WORKER, |_, _| 2, evidence);
    export(&mut store, kai, &staging.join("kai.ntkexchange"));
}

/// Imports one staged file from Settings: the preview lists its checklists as new, then the import.
async fn import(app: &App, staging: &Path, files: &Path, name: &str, child: &str, checklists: usize) {
    for old in std::fs::read_dir(files).unwrap().filter_map(|e| e.ok().map(|e| e.path())) {
        if old.extension().is_some_and(|x| x == "ntkexchange") {
            std::fs::remove_file(old).unwrap();
        }
    }
    std::fs::copy(staging.join(name), files.join(name)).unwrap();
    go(app, "#/settings").await;
    choose_import_file(app).await;
    let plan = app.wait_for_text("#import-plan", "Will be added").await;
    assert!(plan.contains(child), "the child's name as text in the preview: {plan}");
    assert!(plan.contains("New here: the child will be added."), "preview: {plan}");
    assert_eq!(attrs(app, "#import-plan tbody tr", "data-outcome").await, vec!["new"; checklists]);
    app.click(".confirm button.primary").await;
    let added =
        if checklists == 1 { "1 checklist added".to_string() } else { format!("{checklists} checklists added") };
    app.wait_for_text("#import-report", &added).await;
}

/// No script from a name or from evidence has run.
async fn assert_nothing_ran(app: &App) {
    assert_eq!(
        js(app, "return typeof window.__pwned;", vec![]).await,
        json!("undefined"),
        "HTML from a file ran as script"
    );
}

/// The elements that stick out to the right of the window, for a failure message.
async fn too_wide(app: &App) -> serde_json::Value {
    js(
        app,
        "const w = document.documentElement.clientWidth;
         const d = document.documentElement;
         return [d.scrollWidth + '/' + w].concat([...document.querySelectorAll('body *')].filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > w + 1).slice(0, 8)
           .map(e => e.tagName + '.' + (e.getAttribute('class') || '') + '#' + e.id + ' ' + e.scrollWidth + '>' + e.clientWidth + ' r' + Math.round(e.getBoundingClientRect().right)));",
        vec![],
    )
    .await
}

async fn pdf_written(app: &App, button: &str, file: &Path) {
    app.click(button).await;
    let status = app.wait_for_text("#print-status", "Saved to").await;
    assert!(status.contains(&file.display().to_string()), "status: {status}");
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{} was not written: {e}", file.display()));
    assert!(bytes.starts_with(b"%PDF"), "{} is not a PDF", file.display());
    // Offered once a file is written; under test it opens no file manager.
    app.click("#show-in-folder").await;
}

#[tokio::test]
async fn an_imported_case_shows_its_history_change_drift_disagreements_and_prints() {
    let _serial = serial();
    let started = Instant::now();
    let dir = data_dir();
    let files = tempfile::Builder::new().prefix("ntk-e2e-files-").tempdir().unwrap();
    let staging = tempfile::Builder::new().prefix("ntk-e2e-staging-").tempdir().unwrap();
    write_exchange_files(staging.path());
    eprintln!("cases built and exported in {:?}", started.elapsed());

    let files_env = files.path().display().to_string();
    let app = App::launch_with_env(dir.path(), &[("NTK_E2E_FILE_DIR", &files_env)]).await;
    app.unlock().await;

    // Import from Settings: the preview says what will happen; nothing is written until confirmed.
    go(&app, "#/settings").await;
    std::fs::copy(staging.path().join("ruby.ntkexchange"), files.path().join("ruby.ntkexchange")).unwrap();
    choose_import_file(&app).await;
    app.wait_for_text("#import-plan", "Will be added").await;
    js(&app, "document.getElementById('import-title').scrollIntoView();", vec![]).await;
    shot(&app, "import-preview").await;
    app.click(".confirm button:not(.primary)").await; // Cancel: nothing imported
    app.wait_for_text("#import-notice", "Nothing was imported.").await;
    import(&app, staging.path(), files.path(), "ruby.ntkexchange", CHILD_NAME, 4).await;

    // Who the family summary names as the person to contact, from Settings.
    go(&app, "#/settings").await;
    for (field, value) in [
        ("organisation", "Testshire Children's Services"),
        ("name", "Sam Example"),
        ("role", "Social worker"),
        ("telephone", "01632 960 456"),
        ("email", "sam.example@testshire.example"),
    ] {
        app.type_into(&format!("#practitioner-{field}"), value).await;
    }
    app.click("#practitioner-title + p + form button[type=submit]").await;
    app.wait_for_text("#practitioner-status", "Saved.").await;
    import(&app, staging.path(), files.path(), "jamie.ntkexchange", OVERDUE_NAME, 1).await;

    // Home: both need attention, each reason in words.
    go(&app, "#/").await;
    let attention = app.wait_for_text(".attention-list", "Drift").await;
    let items = app.texts(".attention-list > li").await;
    assert_eq!(items.len(), 2, "{attention}");
    let ruby = items.iter().find(|t| t.contains(CHILD_NAME)).expect("Ruby needs attention");
    assert!(ruby.contains("Drift: no improvement in Safety."), "{ruby}");
    let jamie = items.iter().find(|t| t.contains(OVERDUE_NAME)).expect("Jamie needs attention");
    assert!(
        jamie.contains("Review overdue since") && jamie.contains("Urgent or serious item in the latest review round"),
        "{jamie}"
    );
    shot(&app, "home-attention").await;
    assert_accessible(&app, "home with needs attention").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(!scrolls_sideways(&app).await, "home scrolls sideways at 200% in 1024x768: {}", too_wide(&app).await);
    set_view(&app, 1200, 820, 1.0).await;
    // The search narrows the attention list too.
    app.type_into("#search", "Jamie").await;
    app.wait_for_text("#attention-title", "Needs attention: 1 of 2 match “Jamie”").await;
    assert_eq!(count(&app, ".attention-list > li").await, 1);
    js(&app, "const s = document.getElementById('search'); s.value = ''; s.dispatchEvent(new Event('input', {bubbles: true}));", vec![]).await;
    app.wait_for_text("#attention-title", "Needs attention (2 children)").await;

    // The child's page, then the history.
    app.click(&format!(
        ".attention-list > li:nth-child({}) a[href^='#/child/']",
        1 + items.iter().position(|t| t == ruby).unwrap()
    ))
    .await;
    app.wait_for_text("h1", CHILD_NAME).await;
    app.click("#history-link").await;
    app.wait_for_text("h1", "History").await;
    app.wait_for(".history-chart").await;
    assert_eq!(count(&app, ".history-chart g.chart-series").await, 4, "one line per area");
    assert_eq!(
        count(&app, ".history-chart g.chart-series polyline").await,
        4,
        "each area has a line through its 3 rounds"
    );
    assert_eq!(count(&app, ".history-chart .chart-marker").await, 12, "4 areas x 3 rounds");
    let dashes = js(
        &app,
        "return [...document.querySelectorAll('.history-chart g.chart-series polyline')].map(p => p.getAttribute('stroke-dasharray') || 'solid');",
        vec![],
    )
    .await;
    let dashes: std::collections::HashSet<String> =
        dashes.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert_eq!(dashes.len(), 4, "every line has its own dash pattern: {dashes:?}");
    assert_eq!(
        app.texts(".history-chart .band-label").await,
        vec!["needs met", "mostly met", "concern", "serious concern"]
    );
    assert_eq!(attrs(&app, "svg.history-chart", "role").await, vec!["img"]);
    let described = js(
        &app,
        "const s = document.querySelector('svg.history-chart'); return s.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent).join(' | ');",
        vec![],
    )
    .await;
    let described = described.as_str().unwrap();
    assert!(
        described.contains("Area scores over time") && described.contains("Physical care: 4.0, then 3.0, then 2.0"),
        "{described}"
    );
    assert_eq!(
        count(&app, "table[data-testid=chart-table] tbody tr").await,
        4,
        "the chart as a table for screen readers"
    );
    // Four areas and the confirmed-grade bar (issue 14: the confirmed grade is drawn too).
    let legend = app.texts(".legend li").await;
    assert_eq!(legend.len(), 5, "{legend:?}");
    assert!(legend[4].contains("Confirmed area grade"), "{legend:?}");
    assert!(count(&app, ".history-chart .chart-confirmed").await >= 4, "confirmed grades are drawn");
    assert!(described.contains("Confirmed area grades"), "{described}");

    let change = |area: &'static str| format!(".change-table tr[data-area-id={area}] td.change");
    let physical = app.texts(&change("physical")).await;
    assert!(
        physical[0].contains("↓ improved") && physical[0].contains("3.0 → 2.0"),
        "physical care since previous: {physical:?}"
    );
    assert!(
        physical[1].contains("↓ improved") && physical[1].contains("4.0 → 2.0"),
        "physical care since first: {physical:?}"
    );
    assert!(app.texts(&change("safety")).await.iter().all(|t| t.contains("→ no change")), "safety has not changed");
    assert!(app.texts(&change("warmth")).await[1].contains("↑ worse"), "warmth is worse than at first");
    let drift = app.wait_for_text("[data-flag=drift]", "Safety").await;
    assert!(drift.contains("not improved"), "drift flag: {drift}");
    assert!(!drift.contains("Physical care"), "physical care improved: no drift");
    app.wait_for_text("[data-flag=review-due]", "Next review due on").await;
    app.wait_for_text("[data-flag=time-on-plan]", "10 months").await;
    let rounds = app.texts(".rounds > li").await;
    assert_eq!(rounds.len(), 3, "three review rounds: {rounds:?}");
    assert!(
        rounds[0].contains(HEALTH_VISITOR.0) && rounds[0].contains(SOCIAL_WORKER.0),
        "the latest round has both: {rounds:?}"
    );
    assert_nothing_ran(&app).await;
    js(&app, "window.scrollTo(0, 0);", vec![]).await;
    shot(&app, "history-top").await;
    js(&app, "document.getElementById('chart-heading').scrollIntoView();", vec![]).await;
    shot(&app, "history").await;
    assert_accessible(&app, "history").await;
    set_view(&app, 1024, 768, 2.0).await;
    js(&app, "document.getElementById('chart-heading').scrollIntoView();", vec![]).await;
    shot(&app, "history-1024x768-zoom200").await;
    assert!(
        !scrolls_sideways(&app).await,
        "the history scrolls sideways at 200% in 1024x768: {}",
        too_wide(&app).await
    );
    set_view(&app, 1200, 820, 1.0).await;

    // Disagreements: both assessors, their agencies, grades and evidence, as text.
    app.wait_for_text("#disagreements-link", "Disagreements to discuss (2)").await;
    app.click("#disagreements-link").await;
    app.wait_for_text("h1", &format!("Disagreements to discuss: {CHILD_NAME}")).await;
    let items = app.texts(".disagreement").await;
    assert_eq!(items.len(), 2, "two items graded 2 apart: {items:?}");
    for item in &items {
        for (name, agency) in [SOCIAL_WORKER, HEALTH_VISITOR] {
            assert!(item.contains(name) && item.contains(agency), "{name} ({agency}) in {item}");
        }
        assert!(item.contains("2 grades apart"), "{item}");
    }
    assert!(items[0].contains("Grade 2") && items[0].contains("Grade 4"), "physical care item: {}", items[0]);
    assert!(items[1].contains("Grade 3") && items[1].contains("Grade 5"), "safety item: {}", items[1]);
    let evidence = app.texts(".disagreement .view-evidence").await;
    assert_eq!(evidence.len(), 4, "each assessor's evidence: {evidence:?}");
    assert!(evidence[0].contains("Seen at the home visit (regular meals"), "evidence as written: {evidence:?}");
    shot(&app, "disagreements").await;
    assert_accessible(&app, "disagreements").await;
    set_view(&app, 1024, 768, 2.0).await;
    assert!(
        !scrolls_sideways(&app).await,
        "the disagreements scroll sideways at 200% in 1024x768: {}",
        too_wide(&app).await
    );
    set_view(&app, 1200, 820, 1.0).await;

    // Compare the first and the latest social-work checklists item by item.
    app.click(".breadcrumbs a[href$='/history']").await;
    app.click("#compare-link").await;
    app.wait_for_text("#compare-count", "graded differently").await;
    let options = attrs(&app, "#compare-from option", "value").await;
    assert_eq!(options.len(), 4, "every finalised checklist can be chosen");
    let chosen = js(
        &app,
        "return [document.getElementById('compare-from').value, document.getElementById('compare-to').value];",
        vec![],
    )
    .await;
    assert_eq!(chosen, json!([options[1], options[2]]), "the last two review rounds are compared first");
    app.wait_for("#compare-from").await.select_by_value(&options[0]).await.unwrap();
    wait_until(
        &app,
        "the first checklist to change",
        &format!("return location.hash.endsWith('/compare/{}/{}');", options[0], options[2]),
    )
    .await;
    let counted = app.wait_for_text("#compare-count", "graded differently").await;
    assert!(!counted.starts_with("0 of"), "{counted}");
    let physical = app.texts(".compare-area[data-area-id=physical] tr.differs .difference").await;
    assert!(!physical.is_empty() && physical.iter().all(|t| t.contains("changed 4 → 2, better")), "{physical:?}");
    assert_eq!(count(&app, ".compare-area[data-area-id=safety] tr.differs").await, 0, "safety graded the same");
    app.wait_for_text(".compare-area[data-area-id=warmth] tr.differs .difference", "changed 1 → 2, worse").await;
    shot(&app, "compare").await;
    assert_accessible(&app, "compare").await;
    set_view(&app, 1024, 768, 2.0).await;
    js(&app, "document.querySelector('.compare-table').scrollIntoView();", vec![]).await;
    shot(&app, "compare-1024x768-zoom200").await;
    assert!(
        !scrolls_sideways(&app).await,
        "the comparison scrolls sideways at 200% in 1024x768: {}",
        too_wide(&app).await
    );
    set_view(&app, 1200, 820, 1.0).await;
    app.click("#compare-only-different").await;
    wait_until(&app, "only differing rows", "return [...document.querySelectorAll('.compare-table tbody tr:not(.subarea-row)')].every(r => r.classList.contains('differs'));").await;

    // Both summaries printed through the save dialog (answered by the test folder). The family
    // summary is refused until each printed part has been checked as safe to share.
    app.click(".breadcrumbs a[href^='#/child/']:not([href$='/history'])").await;
    app.wait_for("#print-core_group").await;
    pdf_written(&app, "#print-core_group", &files.path().join(format!("core-group-summary-{}.pdf", today()))).await;
    app.click("#print-family").await;
    let refused = app.wait_for_text("#print-error", "checked as safe to share").await;
    assert!(refused.contains("What is going well") && refused.contains("If things do not change"), "{refused}");
    assert!(!files.path().join(format!("family-summary-{}.pdf", today())).exists(), "nothing written");
    app.wait_for_text("#family-check-left", "7 parts still to check.").await;
    let printed = app.wait_for_text(".family-section[data-section=worries] .printed-text", "not always food").await;
    assert!(printed.contains("There is not always food in the house."), "{printed}");
    js(&app, "document.getElementById('family-check-title').scrollIntoView();", vec![]).await;
    shot(&app, "family-check").await;
    assert_accessible(&app, "the family summary check").await;
    for section in ["strengths", "worries", "impact", "needs_to_change", "better_looks_like", "if_things_do_not_change"]
    {
        app.click(&format!("#family-check-{section}")).await;
        app.wait_for_text(&format!("#family-check-{section}-status"), "Checked by").await;
    }
    app.click("#print-family").await;
    app.wait_for_text("#print-error", "Not yet checked: Who will help.").await;
    app.click("#family-check-actions").await;
    app.wait_for_text("#family-check-left", "Every part has been checked.").await;
    pdf_written(&app, "#print-family", &files.path().join(format!("family-summary-{}.pdf", today()))).await;

    // Export for another agency, encrypted; a short passphrase is refused at the field first.
    app.type_into("#export-passphrase", "short").await;
    app.click("#export-button").await;
    app.wait_for_text("#export-passphrase-error", "at least 8 characters").await;
    app.type_into("#export-passphrase", "a shared secret phrase").await;
    app.click("#export-button").await;
    let exported = app.wait_for_text("#export-status", "Saved to").await;
    assert!(exported.contains("encrypted"), "{exported}");
    let child_id =
        app.client.current_url().await.unwrap().fragment().unwrap().trim_start_matches("/child/").to_string();
    let file = files.path().join(format!("checklists-{child_id}-{}.ntkexchange", today()));
    assert!(std::fs::read(&file).unwrap().starts_with(b"age-encryption.org/"), "{} is encrypted", file.display());
    js(&app, "document.getElementById('print-title').scrollIntoView();", vec![]).await;
    shot(&app, "child-print-share").await;
    assert_accessible(&app, "child page with print and share").await;

    // The partnership dataset: a header, a row, and no name.
    go(&app, "#/settings").await;
    let (from, to) = ((today() - Months::new(12)).to_string(), today().to_string());
    app.set_date("#dataset-from", &from).await;
    app.set_date("#dataset-to", &to).await;
    app.click("#dataset-save").await;
    app.wait_for_text("#dataset-status", "Saved to").await;
    shot(&app, "settings-sharing").await;
    assert_accessible(&app, "settings").await;
    let csv = std::fs::read_to_string(files.path().join(format!("neglect-dataset-{from}-to-{to}.csv"))).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap_or_default();
    assert!(header.contains("pseudonym") && header.contains("drift"), "header: {header}");
    assert_eq!(lines.count(), 2, "one row per child: {csv}");
    for name in ["Ruby", "Jamie", "Testcase"] {
        assert!(!csv.contains(name), "no name in the dataset: {csv}");
    }

    // HTML in a name and in evidence, from a file: shown as text everywhere, never run.
    import(&app, staging.path(), files.path(), "kai.ntkexchange", HTML_NAME, 1).await;
    assert_nothing_ran(&app).await;
    go(&app, "#/").await;
    app.wait_for_text("table.list", "Kai").await;
    let names = app.texts("table.list a[href^='#/child/']").await;
    assert!(names.iter().any(|n| n == HTML_NAME), "the name as typed, HTML and all: {names:?}");
    let no_markup = "return document.querySelectorAll('#main img, #main script').length;";
    assert_eq!(js(&app, no_markup, vec![]).await, json!(0));
    let link = js(&app, "return [...document.querySelectorAll('table.list a')].find(a => a.textContent.startsWith('Kai')).getAttribute('href');", vec![]).await;
    go(&app, link.as_str().unwrap()).await;
    assert_eq!(app.wait_for_text("h1", "Kai").await, HTML_NAME);
    app.click(".records a[href^='#/checklist/']").await;
    app.click(".tabs a[href$='/safety']").await;
    let evidence = app.wait_for_text(".items .item .evidence-read", "no smoke alarm").await;
    assert!(evidence.contains(EVIDENCE_HTML), "evidence shown as written: {evidence}");
    assert_eq!(js(&app, no_markup, vec![]).await, json!(0));
    go(&app, &format!("{}/history", link.as_str().unwrap())).await;
    assert_eq!(app.wait_for_text("h1", "History: Kai").await, format!("History: {HTML_NAME}"));
    app.wait_for(".history-chart").await;
    let title = js(&app, "return document.getElementById('history-chart-title').textContent;", vec![]).await;
    assert_eq!(title, json!(format!("Area scores over time for {HTML_NAME}")));
    assert_eq!(js(&app, no_markup, vec![]).await, json!(0));
    assert_nothing_ran(&app).await;

    app.quit().await;
    eprintln!("whole test in {:?}", started.elapsed());
}

#[tokio::test]
async fn a_child_already_here_under_another_date_of_birth_is_offered_before_an_import() {
    let _serial = serial();
    let dir = data_dir();
    let files = tempfile::Builder::new().prefix("ntk-e2e-files-").tempdir().unwrap();
    // Another agency's file: Jamie with one checklist.
    let sender_dir = tempfile::tempdir().unwrap();
    let mut sender = Store::create(&sender_dir.path().join("other-agency.db"), "another passphrase", "sender").unwrap();
    let dob = today() - Months::new(12 * 9);
    let jamie = add_child(&mut sender, OVERDUE_NAME, dob);
    checklist(&mut sender, jamie, dob, today() - Days::new(20), SOCIAL_WORKER, |_, _| 2, seen);
    export(&mut sender, jamie, &files.path().join("jamie.ntkexchange"));
    // Here, Jamie was recorded with the day and month the other way round.
    let mut here = Store::create(&dir.path().join(ntk_core::store::DATABASE_FILE), common::PASSPHRASE, "test").unwrap();
    let typo = NaiveDate::from_ymd_opt(dob.year(), dob.day().min(12), dob.month().min(28)).unwrap();
    let typo = if typo == dob { dob + Days::new(1) } else { typo };
    let local = add_child(&mut here, OVERDUE_NAME, typo);
    drop(here);

    let files_env = files.path().display().to_string();
    let app = App::launch_with_env(dir.path(), &[("NTK_E2E_FILE_DIR", &files_env)]).await;
    app.unlock().await;
    go(&app, "#/settings").await;
    choose_import_file(&app).await;
    let similar = app.wait_for_text("#import-similar", "This may be a child already here").await;
    assert!(similar.contains("the same name, another date of birth"), "{similar}");
    assert_eq!(attrs(&app, "#import-similar a", "href").await, vec![format!("#/child/{local}")]);
    js(&app, "document.getElementById('import-similar').scrollIntoView({block: 'center'});", vec![]).await;
    shot(&app, "import-similar").await;
    assert_accessible(&app, "import preview offering a child already here").await;
    app.click(".confirm button:not(.primary)").await;
    app.wait_for_text("#import-notice", "Nothing was imported.").await;
    app.quit().await;
}
