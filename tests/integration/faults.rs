//! Faults on real files: disk full, a read-only file, records locked by another process, a
//! damaged file. Each gives a clear sentence and loses nothing that was saved before.
//!
//! Faults are produced for real in child processes (this test binary re-run with an env var):
//! a file-size limit (`ulimit -f`, with SIGXFSZ ignored so writes fail with EFBIG), dropped
//! privileges for a read-only file, and a second process holding an exclusive lock.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::support::*;
use ntk_core::model::AgeBand;
use ntk_core::scoring::Grade;
use ntk_core::store::Store;

/// Runs `test_name` of this binary as a child process with `env`, through `wrapper` (a shell
/// snippet that ends in `exec "$@"`), and returns it with stdout piped.
#[cfg(unix)]
fn spawn_child(test_name: &str, env: &[(&str, &str)], wrapper: Option<&str>) -> Child {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = match wrapper {
        Some(w) => {
            let mut c = Command::new("bash");
            c.args(["-c", w, "bash"]).arg(exe);
            c
        }
        None => Command::new(exe),
    };
    cmd.args(["--exact", test_name, "--nocapture", "--test-threads=1"]).stdout(Stdio::piped()).stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

fn lines(child: &mut Child) -> impl Iterator<Item = String> {
    BufReader::new(child.stdout.take().unwrap()).lines().map_while(Result::ok)
}

fn store_with_draft(dir: &Path) -> (PathBuf, i64) {
    let mut store = new_store(dir);
    let child = store.add_child(&child_form("Fault Child", "2016-06-06", ""), today()).unwrap();
    let a = store.start_assessment(child.id, &start_form("Sam Worker", "Health", "2026-11-01"), today()).unwrap();
    store
        .save_item(a.id, &graded("physical.food.regular-meals", Grade::G2, "saved before the fault"), today())
        .unwrap();
    (db_in(dir), a.id)
}

fn evidence_of(db: &Path, assessment_id: i64, item: &str) -> Option<String> {
    let store = Store::open(db, PASSPHRASE, "checker").unwrap();
    store.get_assessment(assessment_id).unwrap().item(item).map(|i| i.evidence.clone())
}

#[cfg(unix)]
fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

/// Child: saves ever larger evidence until the store refuses, then prints the message.
#[cfg(unix)]
#[test]
fn fault_child_writer() {
    let Ok(db) = std::env::var("NTK_FAULT_DB") else { return };
    let id: i64 = std::env::var("NTK_FAULT_ASSESSMENT").unwrap().parse().unwrap();
    let result = Store::open(Path::new(&db), PASSPHRASE, "Writer").and_then(|mut store| {
        let items: Vec<String> =
            store.checklist().items().filter(|i| i.applies_to(AgeBand::Primary)).map(|i| i.id.clone()).collect();
        for (n, item) in items.iter().cycle().enumerate().take(5000) {
            let evidence = format!("save {n} ").repeat(2000);
            store.save_item(id, &graded(item, Grade::G3, &evidence), today())?;
            println!("saved {n} {item}");
        }
        Ok(())
    });
    match result {
        Ok(()) => println!("no fault"),
        Err(e) => println!("error: {e}"),
    }
}

// `ulimit -f` and SIGXFSZ are Unix's; Windows has no per-process file-size limit to set.
#[cfg(unix)]
#[test]
fn a_full_disk_refuses_the_save_in_plain_words_and_keeps_earlier_work() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = store_with_draft(dir.path());
    let size_kb = std::fs::metadata(&db).unwrap().len() / 1024;
    // The file may grow by about 300 KB more, then every write fails as on a full disk.
    let wrapper = format!("trap '' XFSZ; ulimit -f {}; exec \"$@\"", size_kb + 300);
    let mut child = spawn_child(
        "faults::fault_child_writer",
        &[("NTK_FAULT_DB", db.to_str().unwrap()), ("NTK_FAULT_ASSESSMENT", &id.to_string())],
        Some(&wrapper),
    );
    let mut last_ack = None;
    let mut error = None;
    for line in lines(&mut child) {
        if let Some(rest) = line.strip_prefix("saved ") {
            last_ack = rest.split_once(' ').map(|(_, item)| item.to_string());
        } else if let Some((_, e)) = line.split_once("error: ") {
            error = Some(e.to_string());
        }
    }
    child.wait().unwrap();
    let error = error.expect("the size limit never stopped a save");
    assert!(error.contains("not saved") && error.contains("safe"), "unclear message: {error}");
    assert!(!error.contains("SQLITE") && !error.contains('{'), "raw error shown: {error}");
    assert_eq!(integrity(&db), "ok");
    assert_eq!(
        evidence_of(&db, id, "physical.food.regular-meals")
            .as_deref()
            .map(|e| e.starts_with("save") || e == "saved before the fault"),
        Some(true)
    );
    let last = last_ack.expect("some saves succeed before the limit");
    assert!(evidence_of(&db, id, &last).is_some_and(|e| e.starts_with("save")), "acknowledged save of {last} lost");
}

/// Child: opens the records, says so, then tries one save, printing the outcome.
#[cfg(unix)]
#[test]
fn fault_child_open_then_save() {
    let Ok(db) = std::env::var("NTK_FAULT_DB") else { return };
    let id: i64 = std::env::var("NTK_FAULT_ASSESSMENT").unwrap().parse().unwrap();
    let mut store = match Store::open(Path::new(&db), PASSPHRASE, "Writer") {
        Ok(store) => store,
        Err(e) => return println!("not opened: {e}"),
    };
    println!("opened");
    match store.save_item(id, &graded("physical.food.regular-meals", Grade::G5, "should not be saved"), today()) {
        Ok(_) => println!("saved"),
        Err(e) => println!("error: {e}"),
    }
}

// Unix permission bits and dropping to "nobody" (setpriv).
#[cfg(unix)]
#[test]
fn a_read_only_records_file_is_refused_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = store_with_draft(dir.path());
    // The records stay open here, so their -wal and -shm stay; those may be written by the
    // child, the records file itself may not: it opens (read-only) and the save is refused.
    let _open = Store::open(&db, PASSPHRASE, "x").unwrap();
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path, mode: u32| std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    mode(&db, 0o444);
    mode(&db.with_extension("db-wal"), 0o666);
    mode(&db.with_extension("db-shm"), 0o666);
    mode(dir.path(), 0o755);
    // Root ignores permissions, so as root the child drops to the "nobody" user.
    let as_root = unsafe_geteuid() == 0;
    let wrapper = as_root.then_some("exec setpriv --reuid=65534 --regid=65534 --clear-groups \"$@\"");
    let mut child = spawn_child(
        "faults::fault_child_open_then_save",
        &[("NTK_FAULT_DB", db.to_str().unwrap()), ("NTK_FAULT_ASSESSMENT", &id.to_string())],
        wrapper,
    );
    let out: Vec<String> = lines(&mut child).collect();
    child.wait().unwrap();
    assert!(out.iter().any(|l| l.ends_with("opened")), "the save was never tried: {out:?}");
    let error = out
        .iter()
        .find_map(|l| l.split_once("error: ").map(|(_, e)| e))
        .unwrap_or_else(|| panic!("saved on a read-only file: {out:?}"));
    assert!(error.contains("read-only") && error.contains("nothing has been lost"), "unclear message: {error}");
    assert_eq!(evidence_of(&db, id, "physical.food.regular-meals").as_deref(), Some("saved before the fault"));
}

#[cfg(unix)]
fn unsafe_geteuid() -> u32 {
    // `id -u` rather than libc: the test needs no new dependency for one number.
    String::from_utf8(Command::new("id").arg("-u").output().unwrap().stdout).unwrap().trim().parse().unwrap()
}

/// Child: holds an exclusive lock on the records until its stdin closes.
#[test]
fn fault_child_locker() {
    let Ok(db) = std::env::var("NTK_FAULT_DB") else { return };
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE; UPDATE children SET name = name;").unwrap();
    println!("locked");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

#[test]
fn records_locked_by_another_process_are_refused_in_plain_words_and_work_afterwards() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = store_with_draft(dir.path());
    let mut store = Store::open(&db, PASSPHRASE, "x").unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut locker = Command::new(exe)
        .args(["--exact", "faults::fault_child_locker", "--nocapture", "--test-threads=1"])
        .env("NTK_FAULT_DB", &db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The harness prints "test NAME ... " before the child's own output on the same line.
    assert!(lines(&mut locker).any(|l| l.ends_with("locked")));
    let error = store
        .save_item(id, &graded("physical.food.regular-meals", Grade::G4, "while locked"), today())
        .unwrap_err()
        .to_string();
    assert!(error.contains("in use by another program"), "unclear message: {error}");
    drop(locker.stdin.take());
    locker.wait().unwrap();
    store.save_item(id, &graded("physical.food.regular-meals", Grade::G4, "after the lock"), today()).unwrap();
    assert_eq!(evidence_of(&db, id, "physical.food.regular-meals").as_deref(), Some("after the lock"));
}

#[test]
fn a_damaged_records_file_is_reported_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = store_with_draft(dir.path());
    let mut store = Store::open(&db, PASSPHRASE, "x").unwrap();
    let extra = store.add_child(&child_form("Second Child", "2015-01-01", ""), today()).unwrap();
    let a = store.start_assessment(extra.id, &start_form("Sam Worker", "Health", "2026-11-02"), today()).unwrap();
    complete(&mut store, a.id, AgeBand::Primary, Grade::G2);
    drop(store);
    // Damage pages in the middle of the file (not the first page, which holds the key check).
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() > 8 * 4096, "file too small to damage meaningfully");
    for b in &mut bytes[3 * 4096..6 * 4096] {
        *b ^= 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();
    let _ = std::fs::remove_file(db.with_extension("db-wal"));

    let message = match Store::open(&db, PASSPHRASE, "x") {
        Err(e) => e.to_string(),
        Ok(store) => match store.assessments_for_child(extra.id).and_then(|_| store.list_children()) {
            Err(e) => e.to_string(),
            Ok(_) => store.integrity_check().unwrap_err().to_string(),
        },
    };
    assert!(message.contains("damaged") && message.contains("backup"), "unclear message: {message}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "the damaged file was changed");
}

// A private tmpfs (`unshare -m`, `mount`) is Linux's; there is no Windows twin: a full disk
// cannot be made for one process there.
/// Whether this machine lets a test mount a file system in a private mount namespace
/// (`unshare -m`, as root or with user namespaces). `Err` says why not.
#[cfg(unix)]
fn can_mount_privately() -> Result<(), String> {
    let probe = Command::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"])
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("unshare could not run ({e})"))?;
    if probe.status.success() {
        Ok(())
    } else {
        Err(format!("a private tmpfs cannot be mounted here: {}", String::from_utf8_lossy(&probe.stderr).trim()))
    }
}

/// Child, on a small private tmpfs at `NTK_FAULT_DIR`: makes records, fills the disk, tries to
/// save, then frees space and checks what is there (the tmpfs goes with the child).
#[cfg(unix)]
#[test]
fn fault_child_on_a_full_tmpfs() {
    let Ok(dir) = std::env::var("NTK_FAULT_DIR") else { return };
    let dir = Path::new(&dir);
    let (db, id) = store_with_draft(dir);
    let mut store = Store::open(&db, PASSPHRASE, "Writer").unwrap();
    store.save_item(id, &graded("physical.food.regular-meals", Grade::G3, "acknowledged"), today()).unwrap();
    println!("acknowledged");
    // Fill every byte left.
    let filler = dir.join("filler");
    let mut file = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 64 * 1024];
    let full = loop {
        if let Err(e) = std::io::Write::write_all(&mut file, &block) {
            break e;
        }
    };
    println!("filled: {}", full.raw_os_error() == Some(28));
    let evidence = "written on a full disk ".repeat(800);
    let items: Vec<String> = store
        .checklist()
        .items()
        .filter(|i| i.applies_to(AgeBand::Primary) && i.id != "physical.food.regular-meals")
        .map(|i| i.id.clone())
        .collect();
    let mut outcome = Ok(());
    for item in &items {
        outcome = store.save_item(id, &graded(item, Grade::G4, &evidence), today()).map(|_| ());
        if outcome.is_err() {
            break;
        }
    }
    match outcome {
        Ok(()) => println!("saved on a full disk"),
        Err(e) => println!("error: {e}"),
    }
    drop(store);
    drop(file);
    std::fs::remove_file(&filler).unwrap();
    println!("after: {}", evidence_of(&db, id, "physical.food.regular-meals").unwrap_or_default());
    println!("integrity: {}", integrity(&db));
}

#[cfg(unix)]
#[test]
fn a_real_full_disk_refuses_the_save_in_plain_words_and_keeps_the_acknowledged_one() {
    if let Err(why) = can_mount_privately() {
        println!("SKIPPED: no real full disk on this machine: {why}");
        return;
    }
    let mount = tempfile::tempdir().unwrap();
    let at = mount.path().to_str().unwrap().to_string();
    let wrapper = format!("mount -t tmpfs -o size=2m tmpfs '{at}' && exec \"$@\"");
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new("unshare")
        .args(["-m", "--propagation", "private", "bash", "-c", &wrapper, "bash"])
        .arg(exe)
        .args(["--exact", "faults::fault_child_on_a_full_tmpfs", "--nocapture", "--test-threads=1"])
        .env("NTK_FAULT_DIR", &at)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out: Vec<String> = lines(&mut child).collect();
    child.wait().unwrap();
    let said = |prefix: &str| out.iter().find_map(|l| l.split_once(prefix).map(|(_, rest)| rest.to_string()));
    assert!(out.iter().any(|l| l.ends_with("acknowledged")), "{out:?}");
    assert_eq!(said("filled: ").as_deref(), Some("true"), "the disk never reported ENOSPC: {out:?}");
    let error = said("error: ").unwrap_or_else(|| panic!("saved on a full disk: {out:?}"));
    assert!(error.contains("no room left on the disk") && error.contains("safe"), "unclear message: {error}");
    assert_eq!(said("after: ").as_deref(), Some("acknowledged"), "{out:?}");
    assert_eq!(said("integrity: ").as_deref(), Some("ok"), "{out:?}");
    assert!(std::fs::read_dir(mount.path()).unwrap().next().is_none(), "the tmpfs leaked out of the namespace");
}
