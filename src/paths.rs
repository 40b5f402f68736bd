//! Where the records live. One rule for the app and the command line:
//! `--data-dir FOLDER` (or `--data-dir=FOLDER`), else `NTK_DATA_DIR`, else the platform's data
//! folder for the app (on Linux `~/.local/share/org.neglecttoolkit.desktop`, the same folder
//! Tauri names for the app's identifier).

use std::path::{Path, PathBuf};

use crate::error::{CoreError, Result};

/// The app's identifier (as in `tauri.conf.json`), which names its data folder.
pub const APP_IDENTIFIER: &str = "org.neglecttoolkit.desktop";

pub fn resolve_data_dir(args: &[String]) -> Result<PathBuf> {
    for (i, arg) in args.iter().enumerate() {
        if let Some(path) = arg.strip_prefix("--data-dir=") {
            return Ok(PathBuf::from(path));
        }
        if arg == "--data-dir" {
            return args
                .get(i + 1)
                .map(PathBuf::from)
                .ok_or_else(|| CoreError::invalid("data_dir", "--data-dir needs a folder"));
        }
    }
    if let Some(dir) = std::env::var_os("NTK_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or_else(|| CoreError::NotFound("No data folder could be found; give one with --data-dir FOLDER.".into()))
}

/// Writes a file the person chose a place for (a summary, an export, the dataset); a failure
/// becomes the core's plain-words error, as every other one does.
pub fn write_chosen_file(path: &Path, bytes: impl AsRef<[u8]>) -> Result<()> {
    Ok(std::fs::write(path, bytes)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_wins_in_both_spellings() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(resolve_data_dir(&args(&["app", "--data-dir", "/x"])).unwrap(), PathBuf::from("/x"));
        assert_eq!(resolve_data_dir(&args(&["app", "--data-dir=/y"])).unwrap(), PathBuf::from("/y"));
        assert!(resolve_data_dir(&args(&["app", "--data-dir"])).is_err());
    }
}
