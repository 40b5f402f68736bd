//! `ntk`: a small command line over the same core as the desktop app.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use ntk_core::checklist::Checklist;
use ntk_core::store::{ReportKind, Store, DATABASE_FILE};
use zeroize::Zeroizing;

#[derive(Parser)]
#[command(name = "ntk", version, about = "Neglect Toolkit on the command line")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check or show a Childcare and Development Checklist file.
    #[command(subcommand)]
    Checklist(ChecklistCommand),
    /// Write a verified, encrypted backup of the records (same passphrase).
    Backup {
        #[command(flatten)]
        records: Records,
        /// The backup file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Print a child's summary as a PDF: `core-group` (professionals) or `family` (plain language).
    Report {
        #[command(flatten)]
        records: Records,
        #[arg(value_enum)]
        kind: Kind,
        #[arg(long)]
        child: i64,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        as_at: AsAt,
    },
    /// Everything about one child, for a subject-access request: a PDF at `--out` and the same
    /// records as JSON beside it (same name, `.json`).
    Everything {
        #[command(flatten)]
        records: Records,
        #[arg(long)]
        child: i64,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        as_at: AsAt,
    },
    /// Every child: id, name, date of birth, household.
    Children {
        #[command(flatten)]
        records: Records,
        #[command(flatten)]
        output: Output,
    },
    /// The children needing attention, with every reason (as on the home screen).
    Attention {
        #[command(flatten)]
        records: Records,
        #[command(flatten)]
        as_at: AsAt,
        #[command(flatten)]
        output: Output,
    },
    /// One child's history: rounds, areas over time, change, flags (as on the history screen).
    History {
        #[command(flatten)]
        records: Records,
        #[arg(long)]
        child: i64,
        #[command(flatten)]
        as_at: AsAt,
        #[command(flatten)]
        output: Output,
    },
    /// One child's multi-agency chronology, oldest first: text, `--json`, or `--csv` for pasting
    /// into a case-management system. Dates are YYYY-MM-DD, both ends included.
    Chronology {
        #[command(flatten)]
        records: Records,
        #[arg(long)]
        child: i64,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[arg(long)]
        csv: bool,
    },
    /// Export one child's finalised checklists for another agency (JSON, optionally encrypted).
    Export {
        #[command(flatten)]
        records: Records,
        #[arg(long)]
        child: i64,
        #[arg(long)]
        out: PathBuf,
        /// Encrypt the file with a passphrase read from `NTK_FILE_PASSPHRASE`.
        #[arg(long)]
        encrypt: bool,
    },
    /// Import another agency's export: checks everything first, then adds it in one go.
    Import {
        #[command(flatten)]
        records: Records,
        file: PathBuf,
        /// Only say what would be added; change nothing.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        as_at: AsAt,
    },
    /// The partnership dataset as CSV: one row per child, pseudonymous, no names.
    Dataset {
        #[command(flatten)]
        records: Records,
        #[arg(long)]
        from: chrono::NaiveDate,
        #[arg(long)]
        to: chrono::NaiveDate,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        as_at: AsAt,
    },
    /// Fill the records with invented households, children and checklists (for demos and benchmarks).
    /// Creates the records if there are none yet.
    Demo {
        #[command(flatten)]
        records: Records,
        #[arg(long, default_value_t = 20)]
        children: usize,
        /// Finalised checklists per child, three months apart.
        #[arg(long, default_value_t = 4)]
        per_child: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Check the records file and the audit log's hash chain; name the first row that breaks it.
    Verify {
        #[command(flatten)]
        records: Records,
        /// Also check that the log still extends the audit chain of this earlier backup or export
        /// (an encrypted export's passphrase from NTK_FILE_PASSPHRASE); names the first row changed.
        #[arg(long)]
        against: Option<PathBuf>,
    },
    /// Replace the records with a verified backup (the current file is kept as *.before-restore).
    Restore {
        #[command(flatten)]
        records: Records,
        /// The backup file to restore from.
        #[arg(long)]
        from: PathBuf,
    },
}

/// `--today DATE`: work "as at" that date instead of the computer's date.
#[derive(Args)]
struct AsAt {
    /// Produce the output as at this date (YYYY-MM-DD) instead of today.
    #[arg(long = "today", value_name = "DATE")]
    today: Option<chrono::NaiveDate>,
}

impl AsAt {
    fn date(&self) -> chrono::NaiveDate {
        self.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// `--json`: the stable form documented in docs/cli-json.md, instead of text for a person.
#[derive(Args)]
struct Output {
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    CoreGroup,
    Family,
}

/// Which records to open, and where their passphrase comes from: `--passphrase-file`, else
/// `--passphrase-fd`, else `NTK_PASSPHRASE`, else typed at a prompt (not echoed).
#[derive(Args)]
struct Records {
    /// The data folder (default: as the app, `NTK_DATA_DIR` or the user's data folder).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Read the passphrase from the first line of this file (readable by you alone).
    #[arg(long, conflicts_with = "passphrase_fd")]
    passphrase_file: Option<PathBuf>,
    /// Read the passphrase from the first line of this open file descriptor (as in `3<file`).
    #[arg(long)]
    passphrase_fd: Option<i32>,
}

impl Records {
    fn database(&self) -> Result<PathBuf, String> {
        let dir = match &self.data_dir {
            Some(dir) => dir.clone(),
            None => ntk_core::paths::resolve_data_dir(&[]).map_err(|e| e.to_string())?,
        };
        Ok(dir.join(DATABASE_FILE))
    }
}

/// A passphrase in memory, wiped when dropped.
type Secret = Zeroizing<String>;

/// Longest passphrase line read from a file or descriptor (a passphrase, not a file's content).
const MAX_PASSPHRASE_BYTES: u64 = 4096;

/// The first line of `reader`, without its line end.
fn first_line(reader: impl Read) -> Result<Secret, String> {
    let mut line = Secret::default();
    BufReader::new(reader.take(MAX_PASSPHRASE_BYTES))
        .read_line(&mut line)
        .map_err(|e| format!("could not read the passphrase: {e}"))?;
    let end = line.trim_end_matches(['\r', '\n']).len();
    line.truncate(end);
    Ok(line)
}

/// `NTK_PASSPHRASE`, taken out of the environment at start-up so that no program `ntk` starts
/// inherits it and nothing later reads it again.
fn take_passphrase_from_environment() -> Option<Secret> {
    let value = std::env::var("NTK_PASSPHRASE").ok().map(Zeroizing::new);
    std::env::remove_var("NTK_PASSPHRASE");
    value
}

/// Reads a line from the terminal with echo switched off (restored afterwards, even on error).
#[cfg(unix)]
#[allow(unsafe_code)]
fn read_hidden(prompt: &str) -> Result<Secret, String> {
    use std::os::fd::AsRawFd;
    let stdin = std::io::stdin();
    let fd = stdin.as_raw_fd();
    // SAFETY: tcgetattr/tcsetattr are given a valid descriptor and a termios they fill/read.
    let mut saved: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut saved) } != 0 {
        return first_line(stdin.lock());
    }
    let mut hidden = saved;
    hidden.c_lflag &= !libc::ECHO;
    hidden.c_lflag |= libc::ECHONL;
    // Echo goes off before the prompt shows, so nothing typed after the prompt is ever echoed.
    unsafe { libc::tcsetattr(fd, libc::TCSANOW, &hidden) };
    eprint!("{prompt}");
    let line = first_line(stdin.lock());
    unsafe { libc::tcsetattr(fd, libc::TCSANOW, &saved) };
    line
}

#[cfg(not(unix))]
fn read_hidden(prompt: &str) -> Result<Secret, String> {
    eprint!("{prompt}");
    first_line(std::io::stdin().lock())
}

impl Records {
    /// The passphrase, from the first source given (see [`Records`]).
    #[allow(unsafe_code)]
    fn passphrase(&self, environment: &mut Option<Secret>) -> Result<Secret, String> {
        if let Some(path) = &self.passphrase_file {
            let file = std::fs::File::open(path)
                .map_err(|e| format!("could not read the passphrase file {}: {e}", path.display()))?;
            return first_line(file);
        }
        if let Some(fd) = self.passphrase_fd {
            #[cfg(unix)]
            {
                use std::os::fd::FromRawFd;
                if fd < 3 || unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1 {
                    return Err(format!("--passphrase-fd {fd} is not an open file descriptor (use 3 or above)."));
                }
                // SAFETY: the descriptor was checked to be open, and is ours to read and close.
                return first_line(unsafe { std::fs::File::from_raw_fd(fd) });
            }
            #[cfg(not(unix))]
            return Err(format!("--passphrase-fd {fd} is not available on this system."));
        }
        if let Some(p) = environment.take() {
            return Ok(p);
        }
        read_hidden("Passphrase: ")
    }
}

fn open(records: &Records, environment: &mut Option<Secret>) -> Result<Store, String> {
    let passphrase = records.passphrase(environment)?;
    Store::open(&records.database()?, &passphrase, &actor()).map_err(|e| e.to_string())
}

fn write(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    ntk_core::paths::write_private(path, bytes).map_err(|e| format!("could not write {}: {e}", path.display()))
}

fn file_passphrase() -> Option<String> {
    std::env::var("NTK_FILE_PASSPHRASE").ok().filter(|p| !p.is_empty())
}

fn actor() -> String {
    format!("{} (ntk)", ntk_core::paths::os_user_name().unwrap_or_else(|| "unknown user".into()))
}

#[derive(Subcommand)]
enum ChecklistCommand {
    /// Validate a checklist file; every fault is printed with its place in the file.
    Validate { file: PathBuf },
    /// Print the structure of a checklist (the shipped one when no file is given).
    Show { file: Option<PathBuf> },
    /// List the items added, removed and changed from OLD to NEW. Each is a checklist file or
    /// the version of a shipped checklist (`1.0.0`, `1.1.0`).
    Diff { old: String, new: String },
}

/// A shipped checklist named by its version, else a checklist file.
fn checklist_named(name: &str) -> Result<Checklist, String> {
    if let Some(shipped) = Checklist::shipped_versions().into_iter().find(|c| c.version == name) {
        return Ok(shipped);
    }
    let path = PathBuf::from(name);
    if !path.exists() {
        let versions: Vec<String> = Checklist::shipped_versions().into_iter().map(|c| c.version).collect();
        return Err(format!("\"{name}\" is neither a shipped checklist version ({}) nor a file.", versions.join(", ")));
    }
    Checklist::load(&path).map_err(|e| format!("{name} is not a valid checklist:\n{e}"))
}

fn main() -> ExitCode {
    let mut environment = take_passphrase_from_environment();
    let cli = Cli::parse();
    match run(cli.command, &mut environment) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command, environment: &mut Option<Secret>) -> Result<(), String> {
    match command {
        Command::Checklist(ChecklistCommand::Validate { file }) => {
            let checklist =
                Checklist::load(&file).map_err(|e| format!("{} is not a valid checklist:\n{e}", file.display()))?;
            println!(
                "{} is valid: {} version {}, {} items, hash {}",
                file.display(),
                checklist.id,
                checklist.version,
                checklist.items().count(),
                checklist.hash
            );
            Ok(())
        }
        Command::Checklist(ChecklistCommand::Show { file }) => {
            let checklist = match file {
                Some(file) => {
                    Checklist::load(&file).map_err(|e| format!("{} is not a valid checklist:\n{e}", file.display()))?
                }
                None => Checklist::shipped(),
            };
            print!("{}", checklist.outline());
            Ok(())
        }
        Command::Checklist(ChecklistCommand::Diff { old, new }) => {
            print!("{}", ntk_core::checklist::diff_text(&checklist_named(&old)?, &checklist_named(&new)?));
            Ok(())
        }
        Command::Backup { records, out } => {
            let report = open(&records, environment)?.backup_to(&out).map_err(|e| e.to_string())?;
            println!(
                "Backed up and verified {}: {} children, {} checklists.",
                report.path, report.children, report.assessments
            );
            if let Some(head) = &report.audit_head {
                println!("Audit chain at {head} (keep this line: `ntk verify --against` the backup checks it later).");
            }
            Ok(())
        }
        Command::Report { records, kind, child, out, as_at } => {
            let kind = match kind {
                Kind::CoreGroup => ReportKind::CoreGroup,
                Kind::Family => ReportKind::Family,
            };
            let pdf = open(&records, environment)?.report(kind, child, as_at.date()).map_err(|e| e.to_string())?;
            write(&out, &pdf)?;
            println!("Wrote {}", out.display());
            Ok(())
        }
        Command::Everything { records, child, out, as_at } => {
            let (pdf, json) =
                open(&records, environment)?.subject_access_files(child, as_at.date()).map_err(|e| e.to_string())?;
            let json_out = out.with_extension("json");
            write(&out, &pdf)?;
            write(&json_out, &json)?;
            println!("Wrote {} and {}", out.display(), json_out.display());
            Ok(())
        }
        Command::Export { records, child, out, encrypt } => {
            let file_pass = if encrypt {
                Some(file_passphrase().ok_or("--encrypt needs the file passphrase in NTK_FILE_PASSPHRASE")?)
            } else {
                None
            };
            let export = open(&records, environment)?.export_child(child).map_err(|e| e.to_string())?;
            write(&out, &export.to_bytes(file_pass.as_deref()).map_err(|e| e.to_string())?)?;
            println!("Exported {} finalised checklists to {}", export.assessments.len(), out.display());
            Ok(())
        }
        Command::Import { records, file, dry_run, as_at } => {
            let bytes =
                ntk_core::exchange::read_file(&file).map_err(|e| format!("could not read {}: {e}", file.display()))?;
            let file_pass = file_passphrase();
            let mut store = open(&records, environment)?;
            let today = as_at.date();
            let plan = store.import_preview_on(&bytes, file_pass.as_deref(), today).map_err(|e| e.to_string())?;
            println!("{}", plan.summary);
            print_amendments(&plan);
            print_refusals(&plan);
            if dry_run || !plan.can_import {
                return if plan.can_import { Ok(()) } else { Err("Nothing was imported.".into()) };
            }
            let report = store.import_on(&bytes, file_pass.as_deref(), today).map_err(|e| e.to_string())?;
            println!("{}", report.summary);
            Ok(())
        }
        Command::Dataset { records, from, to, out, as_at: _ } => {
            // The dataset is already "as at" the end of its period (`--to`); `--today` is
            // accepted for symmetry with the other commands and changes nothing here.
            let rows = open(&records, environment)?.partnership_dataset(from, to).map_err(|e| e.to_string())?;
            write(&out, ntk_core::dataset::to_csv(&rows).as_bytes())?;
            println!("Wrote {} rows to {}", rows.len(), out.display());
            Ok(())
        }
        Command::Demo { records, children, per_child, seed } => {
            let db = records.database()?;
            let (passphrase, actor) = (records.passphrase(environment)?, actor());
            let mut store = if db.exists() {
                Store::open(&db, &passphrase, &actor)
            } else {
                Store::create(&db, &passphrase, &actor)
            }
            .map_err(|e| e.to_string())?;
            drop(passphrase);
            // Invented children are never mixed with real ones.
            let held = store.list_children().map_err(|e| e.to_string())?.len();
            if held > 0 {
                return Err(format!(
                    "{} already holds {held} children. `ntk demo` only fills empty records, so invented children are never mixed with real ones; choose another --data-dir.",
                    db.display()
                ));
            }
            let today = chrono::Local::now().date_naive();
            let summary =
                ntk_core::demo::populate(&mut store, children, per_child, seed, today).map_err(|e| e.to_string())?;
            let chronology = ntk_core::demo::populate_chronology(&mut store, seed, today).map_err(|e| e.to_string())?;
            println!(
                "Added {} invented children in {} households, with {} finalised checklists, {} adults and {} chronology events, to {}. Amendments name the adult {} checklist items concern.",
                summary.children,
                summary.households,
                summary.assessments,
                chronology.adults,
                chronology.events,
                db.display(),
                chronology.items_naming_an_adult
            );
            Ok(())
        }
        Command::Children { records, output } => children(&records, environment, &output),
        Command::Attention { records, as_at, output } => attention(&records, environment, &as_at, &output),
        Command::History { records, child, as_at, output } => history(&records, environment, child, &as_at, &output),
        Command::Chronology { records, child, from, to, json, csv } => {
            chronology(&records, environment, child, (from.as_deref(), to.as_deref()), json, csv)
        }
        Command::Restore { records, from } => {
            let passphrase = records.passphrase(environment)?;
            let (_, report) =
                Store::restore(&from, &records.database()?, &passphrase, &actor()).map_err(|e| e.to_string())?;
            println!("Restored from {}: {} children, {} checklists.", report.path, report.children, report.assessments);
            if report.erasures_reapplied > 0 {
                println!(
                    "{} children erased here after the backup was made were erased again.",
                    report.erasures_reapplied
                );
            }
            Ok(())
        }
        Command::Verify { records, against } => {
            let passphrase = records.passphrase(environment)?;
            let store = Store::open(&records.database()?, &passphrase, &actor()).map_err(|e| e.to_string())?;
            store.integrity_check().map_err(|e| e.to_string())?;
            let chain = store.verify_audit_chain().map_err(|e| e.to_string())?;
            if let Some(broken) = chain.first_broken {
                return Err(format!(
                    "The audit log's chain is broken at {broken}. Everything from that row on may have been altered."
                ));
            }
            let extends = match against {
                Some(copy) => Some(verify_against(&store, &copy, &passphrase)?),
                None => None,
            };
            let head = chain.head.map(|h| h.to_string()).unwrap_or_else(|| "empty".into());
            println!(
                "The records file is whole and the audit log's chain holds: {} rows ({} erased), head {head}.",
                chain.rows, chain.erased_rows
            );
            if let Some(extends) = extends {
                println!("{extends}");
            }
            Ok(())
        }
    }
}

/// Checks that the live log still extends the audit chain of `copy`: a backup (every row of its
/// log is compared, so the first row rewritten since is named) or an export (which carries the
/// chain head of the records it came from, so only "at or before that row" can be said).
fn verify_against(store: &Store, copy: &Path, passphrase: &str) -> Result<String, String> {
    let bytes = ntk_core::exchange::read_file(copy).ok();
    let export = bytes.as_deref().filter(|b| ntk_core::exchange::may_be_exchange_file(b));
    let (earlier, whole) = match export {
        Some(bytes) => {
            let file = ntk_core::exchange::ExchangeFile::from_bytes(bytes, file_passphrase().as_deref())
                .map_err(|e| format!("could not read the export {}: {e}", copy.display()))?;
            (file.audit_head.into_iter().collect::<Vec<_>>(), false)
        }
        None => (ntk_core::store::backup_audit_chain(copy, passphrase).map_err(|e| e.to_string())?, true),
    };
    let Some(head) = earlier.last().cloned() else {
        return Err(format!(
            "{} carries no audit chain head to compare with (it was made before the chain existed).",
            copy.display()
        ));
    };
    match store.audit_chain_departs_from(&earlier).map_err(|e| e.to_string())? {
        None => Ok(format!("The audit log still extends the chain of {} (up to its {head}).", copy.display())),
        Some(row) if whole => Err(format!(
            "The audit log no longer matches the backup {}: row {} differs from the backup's copy of it (rewritten, removed or re-chained since the backup was made). Everything from that row on may have been altered.",
            copy.display(),
            row.id
        )),
        Some(row) => Err(format!(
            "The audit log no longer matches the export {}: it does not hold the file's chain head, row {} with hash {}. A row at or before row {} was rewritten or removed since the file was made (an export carries the head only; a backup from that time would name the row).",
            copy.display(),
            row.id,
            row.chain_hash,
            row.id
        )),
    }
}

/// Who made each amendment in the file: the assessor named on an amendment is the original's.
fn print_amendments(plan: &ntk_core::exchange::ImportPlan) {
    for p in plan.assessments.iter().filter(|p| p.amends.is_some()) {
        println!(
            "Checklist ref {} of {} ({} of {}) corrects ref {}; amended by {}.",
            p.reference,
            p.assessed_on,
            p.assessor.name,
            p.assessor.agency,
            p.amends.unwrap_or_default(),
            p.amended_by.as_deref().unwrap_or("(not recorded in the file)")
        );
    }
}

/// Every reason for each refused checklist, under the import's summary (which says "see why below").
fn print_refusals(plan: &ntk_core::exchange::ImportPlan) {
    for p in &plan.assessments {
        if let ntk_core::exchange::ImportOutcome::Refused { reasons } = &p.outcome {
            println!(
                "Checklist ref {} of {} by {} ({}) is refused:",
                p.reference, p.assessed_on, p.assessor.name, p.assessor.agency
            );
            for reason in reasons {
                println!("  - {reason}");
            }
        }
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), String> {
    println!("{}", serde_json::to_string_pretty(value).map_err(|e| e.to_string())?);
    Ok(())
}

/// `ntk children`: the same list as the app's home screen.
fn children(records: &Records, environment: &mut Option<Secret>, output: &Output) -> Result<(), String> {
    let children = open(records, environment)?.list_children().map_err(|e| e.to_string())?;
    if output.json {
        let rows: Vec<_> = children.iter().map(ntk_core::store::ChildRow::of).collect();
        return print_json(&rows);
    }
    for c in &children {
        println!("{}\t{}\t{}\t{}", c.id, c.name, c.date_of_birth, c.household_name.as_deref().unwrap_or("-"));
    }
    Ok(())
}

/// `ntk attention`: the home screen's "needs attention" list, as at a date.
fn attention(records: &Records, environment: &mut Option<Secret>, as_at: &AsAt, output: &Output) -> Result<(), String> {
    let list = open(records, environment)?.needs_attention(as_at.date()).map_err(|e| e.to_string())?;
    if output.json {
        return print_json(&list);
    }
    for a in &list {
        println!("{} (id {})", a.child.name, a.child.id);
        for reason in &a.reasons {
            println!("  - {reason}");
        }
    }
    println!("{} children need attention as at {}.", list.len(), as_at.date());
    Ok(())
}

/// `ntk history --child ID`: the history screen's series and flags, as at a date.
fn history(
    records: &Records,
    environment: &mut Option<Secret>,
    child: i64,
    as_at: &AsAt,
    output: &Output,
) -> Result<(), String> {
    let h = open(records, environment)?.child_history(child, as_at.date()).map_err(|e| e.to_string())?;
    if output.json {
        return print_json(&h);
    }
    print!("{}", ntk_core::compare::history_text(&h.child, &h.history, &h.area_gaps));
    Ok(())
}

/// A `--from`/`--to` date, with the form's sentence when it is not one.
fn dated(text: Option<&str>, what: &str) -> Result<Option<chrono::NaiveDate>, String> {
    text.map(|t| ntk_core::model::parse_form_date(t, what, what).map_err(|e| e.to_string())).transpose()
}

/// `ntk chronology --child ID`: the timeline screen's events, as text, JSON or CSV.
fn chronology(
    records: &Records,
    environment: &mut Option<Secret>,
    child: i64,
    (from, to): (Option<&str>, Option<&str>),
    json: bool,
    csv: bool,
) -> Result<(), String> {
    let (from, to) = (dated(from, "--from date")?, dated(to, "--to date")?);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(format!("The --from date ({f}) is after the --to date ({t})."));
        }
    }
    let store = open(records, environment)?;
    let name = store.get_child(child).map_err(|e| e.to_string())?.name;
    let events = store.chronology(child, from, to, false).map_err(|e| e.to_string())?;
    if json {
        return print_json(&events);
    }
    if csv {
        print!("{}", ntk_core::chronology::to_csv(&events));
    } else {
        print!("{}", ntk_core::chronology::to_text(&name, &events));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passphrase_variable_is_taken_out_of_the_environment_once_read() {
        std::env::set_var("NTK_PASSPHRASE", "copper kettle under quiet orchard");
        let taken = take_passphrase_from_environment();
        assert_eq!(taken.as_deref().map(String::as_str), Some("copper kettle under quiet orchard"));
        assert!(std::env::var_os("NTK_PASSPHRASE").is_none(), "still in the environment");
    }
}
