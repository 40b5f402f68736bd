//! `ntk`: a small command line over the same core as the desktop app.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ntk_core::checklist::Checklist;

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
            let checklist = Checklist::load(&file)
                .map_err(|e| format!("{} is not a valid checklist:\n{e}", file.display()))?;
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
                Some(file) => Checklist::load(&file)
                    .map_err(|e| format!("{} is not a valid checklist:\n{e}", file.display()))?,
                None => Checklist::shipped(),
            };
            print!("{}", checklist.outline());
            Ok(())
        }
    }
}
