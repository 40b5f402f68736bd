//! Settings, end to end: change the passphrase (the old one then refused), back up through the
//! file dialog (answered by the NTK_E2E_FILE_DIR hook), restore from that backup.

// The `serial()` guard is held across awaits on purpose: one app under test at a time.
#![allow(clippy::await_holding_lock)]

mod common;
mod support;

use common::{data_dir, serial, App, PASSPHRASE};
use support::*;

const NEW_PASSPHRASE: &str = "a new passphrase for testing";

#[tokio::test]
async fn the_passphrase_is_changed_and_a_backup_is_made_and_restored_from_settings() {
    let _serial = serial();
    let dir = data_dir();
    let backups = data_dir();
    let backup_dir = backups.path().to_str().unwrap();
    let app = App::launch_with_env(dir.path(), &[("NTK_E2E_FILE_DIR", backup_dir)]).await;
    app.unlock().await;
    app.click("button.primary").await;
    app.type_into("#child-name", "Poppy Testfamily").await;
    app.set_date("#child-date-of-birth", "2024-02-01").await;
    app.click("form button[type=submit]").await;
    app.wait_for_text("table.list", "Poppy Testfamily").await;

    app.click(".topbar a[href='#/settings']").await;
    app.wait_for_text("h1", "Settings").await;
    shot(&app, "settings").await;
    assert_accessible(&app, "settings").await;

    // A wrong current passphrase is refused next to its box, and nothing changes.
    app.type_into("#old-passphrase", "not the passphrase").await;
    app.type_into("#new-passphrase", NEW_PASSPHRASE).await;
    app.type_into("#new-passphrase-repeat", NEW_PASSPHRASE).await;
    app.click("form[aria-labelledby=passphrase-title] button[type=submit]").await;
    app.wait_for_text(".field-invalid .error", "The passphrase is not right").await;

    // Two different new passphrases are caught before anything is sent.
    app.type_into("#old-passphrase", PASSPHRASE).await;
    app.type_into("#new-passphrase-repeat", "something else entirely").await;
    app.click("form[aria-labelledby=passphrase-title] button[type=submit]").await;
    app.wait_for_text(".field-invalid .error", "not the same").await;

    app.type_into("#new-passphrase-repeat", NEW_PASSPHRASE).await;
    app.click("form[aria-labelledby=passphrase-title] button[type=submit]").await;
    app.wait_for_text("#passphrase-done", "The passphrase has been changed").await;

    // Back up now: the dialog hook picks the folder; the report names the file and what it holds.
    app.click("section[aria-labelledby=backup-title] button").await;
    let report = app.wait_for_text("#backup-report", "Backup saved and checked").await;
    assert!(report.contains("1 child") && report.contains(".ntkbackup"), "report: {report}");
    let files: Vec<_> = std::fs::read_dir(backups.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ntkbackup"))
        .collect();
    assert_eq!(files.len(), 1, "one backup file in {backup_dir}: {files:?}");
    assert!(std::fs::metadata(&files[0]).unwrap().len() > 0);
    assert!(report.contains(files[0].to_str().unwrap()), "report names the file: {report}");

    // Restore from it (the backup is under the new passphrase).
    app.type_into("#restore-passphrase", NEW_PASSPHRASE).await;
    app.click("form[aria-labelledby=restore-title] button[type=submit]").await;
    app.wait_for_text("#restore-report", "Restored from").await;
    // The records it replaced were kept aside: the restore can be undone.
    app.type_into("#restore-passphrase", NEW_PASSPHRASE).await;
    app.click("#undo-restore").await;
    app.wait_for_text("#restore-report", "The last restore was undone").await;
    shot(&app, "settings-restore-undone").await;

    // Lock; the old passphrase is refused, the new one opens the records.
    app.click("section[aria-labelledby=lock-title] button").await;
    app.wait_for_text("h1", "Unlock Neglect Toolkit").await;
    app.type_into("#passphrase", PASSPHRASE).await;
    app.click("form button[type=submit]").await;
    app.wait_for_text("[role=alert]", "The passphrase is not right").await;
    app.type_into("#passphrase", NEW_PASSPHRASE).await;
    app.click("form button[type=submit]").await;
    app.wait_for_text("h1", "Settings").await; // back where the practitioner was
    app.click(".topbar a[href='#/']").await;
    app.wait_for_text("table.list", "Poppy Testfamily").await;
    app.quit().await;
}

/// The fixture logos of the core's tests (an invented council's).
fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/logos").join(name)
}

/// The preview is drawn: WebKit decoded the picture, so the content policy let the data: URL through.
async fn wait_for_drawn_preview(app: &App, width: u32) {
    wait_until(
        app,
        "the logo's preview to be drawn",
        &format!("const i = document.querySelector('#logo-preview img'); return !!i && i.complete && i.naturalWidth === {width};"),
    )
    .await;
}

#[tokio::test]
async fn a_logo_is_chosen_through_the_dialog_previewed_refused_when_not_a_picture_and_removed() {
    let _serial = serial();
    let dir = data_dir();
    let chosen = data_dir();
    let choose_from = chosen.path();
    let app = App::launch_with_env(dir.path(), &[("NTK_E2E_FILE_DIR", choose_from.to_str().unwrap())]).await;
    app.unlock().await;
    app.click(".topbar a[href='#/settings']").await;
    app.wait_for_text("#logo-preview", "No logo").await;

    // A document renamed .png is refused by its content, in words, and no logo appears.
    std::fs::write(choose_from.join("minutes.png"), "Core group minutes, not a picture").unwrap();
    focus(&app, "#choose-logo").await;
    press(&app, ENTER).await;
    app.wait_for_text("#logo-error", "not a PNG or JPEG picture, whatever its name says").await;
    app.wait_for_text("#logo-preview", "No logo").await;
    std::fs::remove_file(choose_from.join("minutes.png")).unwrap();

    // The dialog (answered by the hook) gives a real PNG: it is kept and previewed.
    std::fs::copy(fixture("testshire.png"), choose_from.join("testshire.png")).unwrap();
    focus(&app, "#choose-logo").await;
    press(&app, ENTER).await;
    app.wait_for_text("#logo-status", "Both summaries print this logo").await;
    app.wait_for_text("#logo-preview figcaption", "PNG, 360 × 120 pixels, 6 KB").await;
    wait_for_drawn_preview(&app, 360).await;
    app.assert_absent("#logo-error", "the error went when a good logo was chosen").await;
    shot(&app, "settings-logo").await;
    assert_accessible(&app, "settings with a logo").await;

    // A picture too wide is refused and the logo before it is kept, still previewed.
    std::fs::copy(fixture("wide.png"), choose_from.join("0-banner.png")).unwrap();
    app.click("#choose-logo").await;
    app.wait_for_text("#logo-error", "3000 × 40 pixels; a logo can be at most 1000 pixels wide").await;
    app.wait_for_text("#logo-error", "The logo you had is kept").await;
    app.wait_for_text("#logo-preview figcaption", "PNG, 360 × 120 pixels").await;
    std::fs::remove_file(choose_from.join("0-banner.png")).unwrap();

    // Kept in the encrypted database: still there after locking and unlocking.
    app.click("section[aria-labelledby=lock-title] button").await;
    app.wait_for_text("h1", "Unlock Neglect Toolkit").await;
    app.type_into("#passphrase", PASSPHRASE).await;
    app.click("form button[type=submit]").await;
    app.wait_for_text("h1", "Settings").await;
    wait_for_drawn_preview(&app, 360).await;

    app.click("#remove-logo").await;
    app.wait_for_text("#logo-status", "The logo was removed").await;
    app.wait_for_text("#logo-preview", "No logo").await;
    app.quit().await;
}
