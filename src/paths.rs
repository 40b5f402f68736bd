//! Where the records live. One rule for the app and the command line:
//! `--data-dir FOLDER` (or `--data-dir=FOLDER`), else `NTK_DATA_DIR`, else the platform's data
//! folder for the app: on Linux `~/.local/share/org.neglecttoolkit.desktop`, on macOS
//! `~/Library/Application Support/org.neglecttoolkit.desktop`, on Windows
//! `%LOCALAPPDATA%\org.neglecttoolkit.desktop`.

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
    platform_data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or_else(|| CoreError::NotFound("No data folder could be found; give one with --data-dir FOLDER.".into()))
}

/// Creates `dir` (and its parents) if missing, and makes it owner-only (0700 on Unix): the
/// data folder holds the records, their backups and what is printed from them.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Creates an empty file readable and writable by its owner only (0600 on Unix), or makes an
/// existing one so, before anything is written into it.
pub fn create_private_file(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// Writes a file of the records the person chose a place for (a summary, an export, the
/// dataset), readable by its owner only; a failure becomes the core's plain-words error.
pub fn write_private(path: &Path, bytes: impl AsRef<[u8]>) -> Result<()> {
    create_private_file(path)?;
    std::fs::write(path, bytes)?;
    Ok(())
}

/// What reading a file a person chose found, before its content is looked at.
#[derive(Debug)]
pub enum ChosenFile {
    Bytes(Vec<u8>),
    /// A folder, a device or a pipe.
    NotOrdinary,
    /// Larger than the limit it was read with.
    TooLarge,
}

/// Reads a file a person chose (to import, as a logo), refusing in bounded time and memory what
/// cannot be one: anything but an ordinary file (a pipe, which would wait for a writer for
/// ever; a device such as `/dev/zero`, which never ends; a folder), and a file larger than
/// `max_bytes`. At most one byte past the limit is ever read.
pub fn read_chosen_file(path: &Path, max_bytes: usize) -> std::io::Result<ChosenFile> {
    use std::io::Read;
    // Windows will not open a folder as a file at all ("Access denied"): say what it is instead.
    if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Ok(ChosenFile::NotOrdinary);
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Opening a pipe for reading waits for a writer; non-blocking, it returns at once and
        // the check below refuses it. Reads from an ordinary file ignore the flag.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Ok(ChosenFile::NotOrdinary);
    }
    let mut bytes = Vec::new();
    file.take(max_bytes as u64 + 1).read_to_end(&mut bytes)?;
    Ok(if bytes.len() > max_bytes { ChosenFile::TooLarge } else { ChosenFile::Bytes(bytes) })
}

/// Local, never roaming, AppData on Windows: councils redirect roaming profiles to network
/// shares, where SQLite's write-ahead log is unsafe.
#[cfg(windows)]
fn platform_data_dir() -> Option<PathBuf> {
    dirs::data_local_dir()
}

#[cfg(not(windows))]
fn platform_data_dir() -> Option<PathBuf> {
    dirs::data_dir()
}

/// The signed-in account's name, for the audit log: `USERNAME` on Windows, `USER` elsewhere.
pub fn os_user_name() -> Option<String> {
    let variable = if cfg!(windows) { "USERNAME" } else { "USER" };
    std::env::var(variable).ok().filter(|name| !name.is_empty())
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

    #[cfg(windows)]
    #[test]
    fn on_windows_the_records_live_in_local_not_roaming_app_data() {
        let local = dirs::data_local_dir().unwrap();
        assert_ne!(local, dirs::data_dir().unwrap());
        assert_eq!(platform_data_dir().unwrap(), local);
    }
}
