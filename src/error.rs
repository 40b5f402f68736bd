//! Errors of the core, and the plain-words form the UI shows.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// Input a person typed that cannot be accepted; `field` names the form field.
    #[error("{message}")]
    Invalid { field: Option<String>, message: String },
    /// SQLCipher cannot tell a wrong key from a damaged first page, so the message names both.
    #[error("The passphrase is not right, so nothing has been opened. (If you are sure it is right, the records file may be damaged: restore your latest backup.)")]
    WrongPassphrase,
    #[error("{0}")]
    NotFound(String),
    /// The store refused a change because the record is locked (for example, finalised).
    #[error("{0}")]
    Refused(String),
    /// The file's own check found damage; what it found is kept for the IT team.
    #[error("The records file is damaged ({0}). Nothing has been changed. Restore your latest backup (Settings, then Restore from a backup) or ask your IT team.")]
    Damaged(String),
    #[error("{}", storage_message(.0))]
    Database(#[from] rusqlite::Error),
    #[error("A file could not be read or written: {0}")]
    Io(#[from] std::io::Error),
}

/// Plain words for what went wrong underneath, and what the person can do about it.
fn storage_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DiskFull) => "There is no room left on the disk, so this change was not saved. Free some space and try again; everything saved before is safe.".into(),
        Some(ReadOnly) => "The records file is read-only, so nothing can be saved. Ask your IT team to check the file's permissions; nothing has been lost.".into(),
        Some(DatabaseBusy) | Some(DatabaseLocked) => "The records are in use by another program, so this change was not saved. Close the other program (or the other Neglect Toolkit window) and try again.".into(),
        Some(DatabaseCorrupt) | Some(NotADatabase) => "The records file is damaged. Nothing has been changed. Restore your latest backup (Settings, then Restore from a backup) or ask your IT team.".into(),
        Some(CannotOpen) => "The records file could not be opened. Check that the data folder exists and that you may write to it.".into(),
        Some(SystemIoFailure) => "The records could not be written to the disk, so this change was not saved. The disk may be full or failing; everything saved before is safe.".into(),
        _ => format!("The records could not be used ({e})."),
    }
}

impl CoreError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        CoreError::Invalid { field: Some(field.to_string()), message: message.into() }
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

/// What the UI receives when something goes wrong: a sentence for a person, never raw JSON.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Problem {
    /// A short machine-readable kind, so the UI can react (e.g. go back to the unlock screen).
    pub kind: ProblemKind,
    /// The sentence shown to the practitioner.
    pub message: String,
    /// The form field at fault, when there is one.
    pub field: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProblemKind {
    Invalid,
    WrongPassphrase,
    Locked,
    NotFound,
    Refused,
    Storage,
}

impl From<CoreError> for Problem {
    fn from(e: CoreError) -> Self {
        let (kind, field) = match &e {
            CoreError::Invalid { field, .. } => (ProblemKind::Invalid, field.clone()),
            CoreError::WrongPassphrase => (ProblemKind::WrongPassphrase, None),
            CoreError::NotFound(_) => (ProblemKind::NotFound, None),
            CoreError::Refused(_) => (ProblemKind::Refused, None),
            CoreError::Database(_) | CoreError::Io(_) | CoreError::Damaged(_) => (ProblemKind::Storage, None),
        };
        Problem { kind, message: e.to_string(), field }
    }
}

impl Problem {
    /// The app has not been unlocked yet (or has locked itself after idle time).
    pub fn locked() -> Self {
        Problem {
            kind: ProblemKind::Locked,
            message: "The toolkit is locked. Enter your passphrase to continue.".into(),
            field: None,
        }
    }
}
