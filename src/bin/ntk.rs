//! `ntk`: a small command line over the same core as the desktop app.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use ntk_core::checklist::Checklist;
use ntk_core::store::{ReportKind, Store, DATABASE_FILE};

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
    /// Replace the records with a verified backup (the current file is kept as *.before-restore).
    Restore {
        #[command(flatten)]
        records: Records,
        /// The backup file to restore from.
        #[arg(long)]
        from: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    CoreGroup,
    Family,
}

/// Which records to open. The passphrase is read from `NTK_PASSPHRASE`, else from standard input.
#[derive(Args)]
struct Records {
    /// The data folder (default: as the app, `NTK_DATA_DIR` or the user's data folder).
    #[arg(long)]
    data_dir: Option<PathBuf>,
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

fn passphrase() -> Result<String, String> {
    if let Ok(p) = std::env::var("NTK_PASSPHRASE") {
        return Ok(p);
    }
    eprint!("Passphrase: ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| format!("could not read the passphrase: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn open(records: &Records) -> Result<Store, String> {
    Store::open(&records.database()?, &passphrase()?, &actor()).map_err(|e| e.to_string())
}

fn write(path: &PathBuf, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("could not write {}: {e}", path.display()))
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), String> {
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
        Command::Backup { records, out } => {
            let report = open(&records)?.backup_to(&out).map_err(|e| e.to_string())?;
            println!(
                "Backed up and verified {}: {} children, {} checklists.",
                report.path, report.children, report.assessments
            );
            Ok(())
        }
        Command::Report { records, kind, child, out } => {
            let kind = match kind {
                Kind::CoreGroup => ReportKind::CoreGroup,
                Kind::Family => ReportKind::Family,
            };
            let pdf =
                open(&records)?.report(kind, child, chrono::Local::now().date_naive()).map_err(|e| e.to_string())?;
            write(&out, &pdf)?;
            println!("Wrote {}", out.display());
            Ok(())
        }
        Command::Export { records, child, out, encrypt } => {
            let file_pass = if encrypt {
                Some(file_passphrase().ok_or("--encrypt needs the file passphrase in NTK_FILE_PASSPHRASE")?)
            } else {
                None
            };
            let export = open(&records)?.export_child(child).map_err(|e| e.to_string())?;
            write(&out, &export.to_bytes(file_pass.as_deref()).map_err(|e| e.to_string())?)?;
            println!("Exported {} finalised checklists to {}", export.assessments.len(), out.display());
            Ok(())
        }
        Command::Import { records, file, dry_run } => {
            let bytes = std::fs::read(&file).map_err(|e| format!("could not read {}: {e}", file.display()))?;
            let file_pass = file_passphrase();
            let mut store = open(&records)?;
            let plan = store.import_preview(&bytes, file_pass.as_deref()).map_err(|e| e.to_string())?;
            println!("{}", plan.summary);
            if dry_run || !plan.can_import {
                return if plan.can_import { Ok(()) } else { Err("Nothing was imported.".into()) };
            }
            let report = store.import(&bytes, file_pass.as_deref()).map_err(|e| e.to_string())?;
            println!("{}", report.summary);
            Ok(())
        }
        Command::Dataset { records, from, to, out } => {
            let rows = open(&records)?.partnership_dataset(from, to).map_err(|e| e.to_string())?;
            write(&out, ntk_core::exchange::to_csv(&rows).as_bytes())?;
            println!("Wrote {} rows to {}", rows.len(), out.display());
            Ok(())
        }
        Command::Demo { records, children, per_child, seed } => {
            let db = records.database()?;
            let (passphrase, actor) = (passphrase()?, actor());
            let mut store = if db.exists() {
                Store::open(&db, &passphrase, &actor)
            } else {
                Store::create(&db, &passphrase, &actor)
            }
            .map_err(|e| e.to_string())?;
            let today = chrono::Local::now().date_naive();
            let summary =
                ntk_core::demo::populate(&mut store, children, per_child, seed, today).map_err(|e| e.to_string())?;
            println!(
                "Added {} invented children in {} households, with {} finalised checklists, to {}.",
                summary.children,
                summary.households,
                summary.assessments,
                db.display()
            );
            Ok(())
        }
        Command::Restore { records, from } => {
            let (_, report) =
                Store::restore(&from, &records.database()?, &passphrase()?, &actor()).map_err(|e| e.to_string())?;
            println!("Restored from {}: {} children, {} checklists.", report.path, report.children, report.assessments);
            Ok(())
        }
    }
}
