//! `ntk backup` and `ntk restore` on real files, as an IT team would script them.

use std::process::Command;

use crate::support::*;
use ntk_core::store::Store;

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

/// The scriptable views (issue 14): `ntk children`, `ntk attention`, `ntk history`, with
/// `--json` and `--today`, from the same core functions as the screens.
#[test]
fn children_attention_and_history_from_the_command_line() {
    use ntk_core::model::AgeBand;
    use ntk_core::scoring::Grade;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join(ntk_core::store::DATABASE_FILE), PASSPHRASE, "Test Worker").unwrap();
    let older = store.add_child(&child_form("Ola Invented", "2016-02-02", "Cli household"), today()).unwrap();
    let baby = store.add_child(&child_form("Bo Invented", "2026-05-05", "Cli household"), today()).unwrap();
    let a = store.start_assessment(older.id, &start_form("Sam Worker", "Health", "2026-11-01"), today()).unwrap();
    complete(&mut store, a.id, AgeBand::Primary, Grade::G2);
    store.finalise(a.id).unwrap();
    drop(store);
    let data_arg = dir.path().to_str().unwrap();

    let out = ntk(&["children", "--data-dir", data_arg], PASSPHRASE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&format!("{}\tBo Invented\t2026-05-05\tCli household", baby.id)), "{text}");

    let out = ntk(&["children", "--data-dir", data_arg, "--json"], PASSPHRASE);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["name"], "Bo Invented");
    assert_eq!(json[0]["household"], "Cli household");

    let out = ntk(&["attention", "--data-dir", data_arg, "--json", "--today", "2026-11-23"], PASSPHRASE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let baby_entry = json.as_array().unwrap().iter().find(|x| x["child"]["id"] == baby.id).expect("the baby is listed");
    assert!(baby_entry["reasons"][0].as_str().unwrap().starts_with("Not yet assessed"), "{json}");
    // As at a day before the older child's checklist, the baby is not flagged for it.
    let out = ntk(&["attention", "--data-dir", data_arg, "--today", "2026-10-31"], PASSPHRASE);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("Not yet assessed"), "{text}");

    let out = ntk(&["history", "--data-dir", data_arg, "--child", &older.id.to_string()], PASSPHRASE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Round 1 from 2026-11-01") && text.contains("Physical care: mostly met"), "{text}");
    let out = ntk(&["history", "--data-dir", data_arg, "--child", &older.id.to_string(), "--json"], PASSPHRASE);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["history"]["areas"][0]["points"][0]["shown_band"], "mostly_met");
}

#[test]
fn ntk_verify_checks_the_audit_chain_and_names_the_first_broken_row() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = data.join("neglect-toolkit.db");
    let mut store = Store::create(&db, PASSPHRASE, "Test Worker").unwrap();
    let child = store.add_child(&child_form("Verify Child", "2018-08-08", ""), today()).unwrap();
    let backup = dir.path().join("before.ntkbackup");
    store.backup_to(&backup).unwrap();
    drop(store);
    let data_arg = data.to_str().unwrap();
    let out = ntk(&["verify", "--data-dir", data_arg, "--against", backup.to_str().unwrap()], PASSPHRASE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("chain holds"));

    // An earlier row changed behind the app's back, with the trigger dropped.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_no_update;").unwrap();
    let row: i64 = conn
        .query_row("SELECT min(id) FROM audit_log WHERE record_type = 'child' AND record_id = ?1", [child.id], |r| {
            r.get(0)
        })
        .unwrap();
    conn.execute("UPDATE audit_log SET new_value = 'Someone Else' WHERE id = ?1", [row]).unwrap();
    drop(conn);
    let out = ntk(&["verify", "--data-dir", data_arg], PASSPHRASE);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("row {row}:")),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A backup and an export carry the audit chain's head (a backup its whole log). Someone with the
/// passphrase rewrites an earlier row and re-chains every row after it, so the log checks out on
/// its own; `ntk verify --against` either copy still finds it, naming the row from the backup.
#[test]
fn ntk_verify_against_an_earlier_backup_or_export_finds_a_row_rewritten_and_rechained_since() {
    use ntk_core::model::AgeBand;
    use ntk_core::scoring::Grade;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = data.join("neglect-toolkit.db");
    let mut store = Store::create(&db, PASSPHRASE, "Test Worker").unwrap();
    let child = store.add_child(&child_form("Chain Child", "2018-08-08", ""), today()).unwrap();
    let a = store.start_assessment(child.id, &start_form("Sam Worker", "Health", "2026-11-01"), today()).unwrap();
    complete(&mut store, a.id, AgeBand::Primary, Grade::G2);
    store.finalise(a.id).unwrap();
    let backup = dir.path().join("before.ntkbackup");
    store.backup_to(&backup).unwrap();
    let file = store.export_child(child.id).unwrap();
    let head = file.audit_head.clone().expect("an export carries the chain head");
    let export = dir.path().join("child.ntk.json");
    std::fs::write(&export, file.to_bytes(None).unwrap()).unwrap();
    assert!(String::from_utf8_lossy(&std::fs::read(&export).unwrap()).contains("\"audit_head\""));
    drop(store);
    let data_arg = data.to_str().unwrap();
    for copy in [&backup, &export] {
        let out = ntk(&["verify", "--data-dir", data_arg, "--against", copy.to_str().unwrap()], PASSPHRASE);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("still extends the chain"), "{}", text(&out.stdout));
    }

    // The child's first row rewritten, and every row from it on sealed again by the app itself.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_no_update;").unwrap();
    let row: i64 = conn
        .query_row("SELECT min(id) FROM audit_log WHERE record_type = 'child' AND record_id = ?1", [child.id], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(row < head.id);
    conn.execute("UPDATE audit_log SET new_value = 'Someone Else' WHERE id = ?1", [row]).unwrap();
    conn.execute("UPDATE audit_log SET nonce = NULL, content_hash = NULL, chain_hash = NULL WHERE id >= ?1", [row])
        .unwrap();
    drop(conn);
    drop(Store::open(&db, PASSPHRASE, "x").unwrap());

    let alone = ntk(&["verify", "--data-dir", data_arg], PASSPHRASE);
    assert!(alone.status.success(), "re-chained, the log alone looks whole: {}", text(&alone.stderr));
    let out = ntk(&["verify", "--data-dir", data_arg, "--against", backup.to_str().unwrap()], PASSPHRASE);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains(&format!("row {row} differs from the backup's copy")), "{}", text(&out.stderr));
    let out = ntk(&["verify", "--data-dir", data_arg, "--against", export.to_str().unwrap()], PASSPHRASE);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains(&format!("chain head, row {}", head.id)), "{}", text(&out.stderr));
}

/// `ntk` with no passphrase in its environment, standard input closed.
fn ntk_bare(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ntk"))
        .args(args)
        .env_remove("NTK_PASSPHRASE")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_passphrase_can_come_from_a_file_or_a_descriptor_instead_of_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut store = Store::create(&data.join("neglect-toolkit.db"), PASSPHRASE, "Test Worker").unwrap();
    store.add_child(&child_form("File Child", "2018-08-08", ""), today()).unwrap();
    drop(store);
    let secret = dir.path().join("passphrase");
    std::fs::write(&secret, format!("{PASSPHRASE}\n")).unwrap();
    let (data, backup) = (data.to_str().unwrap(), dir.path().join("b.ntkbackup"));
    let out = ntk_bare(&[
        "backup",
        "--data-dir",
        data,
        "--passphrase-file",
        secret.to_str().unwrap(),
        "--out",
        backup.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The same through descriptor 3, as a script would: `ntk ... --passphrase-fd 3 3<file`
    // (bash; Windows has no numbered descriptors to hand over, and `ntk` says so there).
    #[cfg(unix)]
    {
        let script = format!(
            "exec \"$0\" backup --data-dir '{data}' --passphrase-fd 3 --out '{}' 3<'{}'",
            dir.path().join("c.ntkbackup").display(),
            secret.display()
        );
        let out = Command::new("bash")
            .args(["-c", &script, env!("CARGO_BIN_EXE_ntk")])
            .env_remove("NTK_PASSPHRASE")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains("1 children"), "{}", text(&out.stdout));
    }
}

// A pseudo-terminal (Python's pty module) is Unix's; Windows' console echo is not tested.
#[cfg(unix)]
#[test]
fn the_passphrase_typed_at_the_prompt_is_not_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    Store::create(&data.join("neglect-toolkit.db"), PASSPHRASE, "Test Worker").unwrap();
    // A real terminal (a pseudo-terminal from Python's pty module): wait for the prompt, type
    // the passphrase, and record everything the terminal shows.
    let driver = r#"
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:-1])
seen = b""
while b"Passphrase: " not in seen:
    seen += os.read(fd, 1024)
os.write(fd, sys.argv[-1].encode() + b"\n")
while True:
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
os.waitpid(pid, 0)
sys.stdout.write(seen.decode(errors="replace"))
"#;
    let backup = dir.path().join("typed.ntkbackup");
    let out = Command::new("python3")
        .args(["-c", driver, env!("CARGO_BIN_EXE_ntk"), "backup", "--data-dir", data.to_str().unwrap()])
        .args(["--out", backup.to_str().unwrap(), PASSPHRASE])
        .env_remove("NTK_PASSPHRASE")
        .output()
        .unwrap();
    let shown = text(&out.stdout);
    assert!(shown.contains("Backed up and verified"), "{shown}{}", text(&out.stderr));
    assert!(!shown.contains(PASSPHRASE), "the passphrase was echoed: {shown}");
}

#[test]
fn demo_refuses_records_that_hold_children_and_a_weak_passphrase_for_new_records() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data_arg = data.to_str().unwrap();
    let weak = ntk(&["demo", "--data-dir", data_arg, "--children", "1", "--per-child", "1"], "12345678");
    assert!(!weak.status.success());
    assert!(text(&weak.stderr).contains("too easy to guess"), "{}", text(&weak.stderr));
    assert!(!data.join("neglect-toolkit.db").exists(), "records were created with a weak passphrase");

    let mut store = Store::create(&data.join("neglect-toolkit.db"), PASSPHRASE, "Test Worker").unwrap();
    store.add_child(&child_form("Real Child", "2018-08-08", ""), today()).unwrap();
    drop(store);
    let out = ntk(&["demo", "--data-dir", data_arg, "--children", "2", "--per-child", "1"], PASSPHRASE);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("already holds 1 children"), "{}", text(&out.stderr));
    let store = Store::open(&data.join("neglect-toolkit.db"), PASSPHRASE, "x").unwrap();
    assert_eq!(store.list_children().unwrap().len(), 1, "invented children were mixed with real ones");
}

#[test]
fn demo_adds_invented_adults_and_chronology_events_and_says_how_many() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = ntk(&["demo", "--data-dir", data.to_str().unwrap(), "--children", "3", "--per-child", "1"], PASSPHRASE);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    let store = Store::open(&data.join("neglect-toolkit.db"), PASSPHRASE, "x").unwrap();
    let children = store.list_children().unwrap();
    let households: std::collections::BTreeSet<i64> = children.iter().filter_map(|c| c.household_id).collect();
    let adults: usize = households.iter().map(|h| store.adults_of_household(*h).unwrap().len()).sum();
    let events: usize = children
        .iter()
        .map(|c| store.chronology(c.id, None, None, false).unwrap().iter().filter(|e| !e.automatic).count())
        .sum();
    assert!(adults >= households.len() && events >= children.len() * 2, "{adults} adults, {events} events");
    assert!(said.contains(&format!("{adults} adults and {events} chronology events")), "{said}");
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

/// `ntk chronology --child ID [--from] [--to] [--json|--csv]`: the CSV is for pasting into a
/// case-management system, so it is quoted properly and never carries a formula.
#[test]
fn a_childs_chronology_from_the_command_line_as_text_json_and_csv() {
    use ntk_core::chronology::{EventForm, EventKind};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join(ntk_core::store::DATABASE_FILE), PASSPHRASE, "Test Worker").unwrap();
    let child = store.add_child(&child_form("Cara Timeline", "2017-04-04", ""), today()).unwrap();
    let form = |date: &str, kind: EventKind, what: &str| EventForm {
        child_ids: vec![child.id],
        date: date.into(),
        time: "09:30".into(),
        kind: Some(kind),
        agency: "School".into(),
        what_happened: what.into(),
        impact: String::new(),
    };
    store.add_event(&form("2026-09-01", EventKind::SchoolAbsence, "Absent, no reason given."), today()).unwrap();
    store
        .add_event(&form("2026-10-01", EventKind::WasNotBrought, "=HYPERLINK(\"http://x\"), said \"late\""), today())
        .unwrap();
    drop(store);
    let data_arg = dir.path().to_str().unwrap();
    let id = child.id.to_string();

    let out = ntk(&["chronology", "--data-dir", data_arg, "--child", &id], PASSPHRASE);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Chronology of Cara Timeline: 2 events"), "{text}");
    assert!(text.contains("1 Sep 2026 09:30  School absence or exclusion (School)"), "{text}");
    assert!(text.contains("Impact on the child: not recorded"), "{text}");

    let out =
        ntk(&["chronology", "--data-dir", data_arg, "--child", &id, "--from", "2026-09-15", "--json"], PASSPHRASE);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["kind"], "was_not_brought");

    let out = ntk(&["chronology", "--data-dir", data_arg, "--child", &id, "--csv", "--to", "2026-12-31"], PASSPHRASE);
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "date,time,type,agency,what_happened,impact,recorded_by,origin,corrects_event");
    assert_eq!(lines[1], "2026-09-01,09:30,School absence or exclusion,School,\"Absent, no reason given.\",not recorded,Test Worker,recorded here,");
    assert!(
        lines[2].contains(",\"'=HYPERLINK(\"\"http://x\"\"), said \"\"late\"\"\","),
        "a formula is made text and quotes doubled: {}",
        lines[2]
    );

    for (args, words) in [
        (vec!["--from", "2026-13-01"], "is not a date"),
        (vec!["--from", "2026-10-01", "--to", "2026-09-01"], "is after the --to date"),
        (vec!["--json", "--csv"], "cannot be used with"),
    ] {
        let mut all = vec!["chronology", "--data-dir", data_arg, "--child", &id];
        all.extend(args);
        let out = ntk(&all, PASSPHRASE);
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(words),
            "{words}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = ntk(&["chronology", "--data-dir", data_arg, "--child", "999"], PASSPHRASE);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no child with number 999"));
}
