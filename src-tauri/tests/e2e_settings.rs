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
