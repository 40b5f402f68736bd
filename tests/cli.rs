//! `ntk backup` and `ntk restore` on real files, as an IT team would script them.

mod support;

use std::process::Command;

use ntk_core::store::Store;
use support::*;

fn ntk(args: &[&str], passphrase: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ntk")).args(args).env("NTK_PASSPHRASE", passphrase).output().unwrap()
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = data.join("neglect-toolkit.db");
    let mut store = Store::create(&db, PASSPHRASE, "Test Worker").unwrap();
    store.add_child(&child_form("Cli Child", "2018-08-08", ""), today()).unwrap();
    drop(store);

    let backup = dir.path().join("records.ntkbackup");
    let data_arg = data.to_str().unwrap();
    let out = ntk(&["backup", "--data-dir", data_arg, "--out", backup.to_str().unwrap()], PASSPHRASE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 children"));

    let wrong = ntk(&["backup", "--data-dir", data_arg, "--out", "/tmp/never-written.ntkbackup"], "wrong passphrase!");
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("passphrase is not right"));

    let mut store = Store::open(&db, PASSPHRASE, "x").unwrap();
    store.add_child(&child_form("After Backup", "2019-09-09", ""), today()).unwrap();
    drop(store);
    let out = ntk(&["restore", "--data-dir", data_arg, "--from", backup.to_str().unwrap()], PASSPHRASE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let names: Vec<String> =
        Store::open(&db, PASSPHRASE, "x").unwrap().list_children().unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["Cli Child"]);
}

/// What Windows does differently, run on every OS: a data folder under a name with spaces and
/// accents (as `C:\Users\Zoë Ó Súilleabháin\AppData\Local\...`), a backup written over an older
/// one (its `.partial` renamed over a file that exists), and a restore over the live records.
#[test]
fn a_data_folder_with_spaces_and_accents_backs_up_over_an_older_backup_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let data =
        dir.path().join("Users").join("Zoë Ó Súilleabháin").join("AppData").join("Local").join("Neglect Toolkit");
    let db = data.join("neglect-toolkit.db");
    std::fs::create_dir_all(&data).unwrap();
    let mut store = Store::create(&db, PASSPHRASE, "Test Worker").unwrap();
    store.add_child(&child_form("Aoife Ní Bhriain", "2018-08-08", ""), today()).unwrap();
    drop(store);

    let backups = dir.path().join("Backups für Zoë");
    std::fs::create_dir_all(&backups).unwrap();
    let backup = backups.join("records of Zoë.ntkbackup");
    std::fs::write(&backup, b"an older backup that must be replaced").unwrap();
    let (data_arg, backup_arg) = (data.to_str().unwrap(), backup.to_str().unwrap());
    let out = ntk(&["backup", "--data-dir", data_arg, "--out", backup_arg], PASSPHRASE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 children"));
    let entries: Vec<_> = std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(entries, [backup.file_name().unwrap()], "the .partial file was left behind");

    let mut store = Store::open(&db, PASSPHRASE, "x").unwrap();
    store.add_child(&child_form("After Backup", "2019-09-09", ""), today()).unwrap();
    drop(store);
    let out = ntk(&["restore", "--data-dir", data_arg, "--from", backup_arg], PASSPHRASE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let names: Vec<String> =
        Store::open(&db, PASSPHRASE, "x").unwrap().list_children().unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["Aoife Ní Bhriain"]);
}
