//! Errors of the core, and the plain-words form the UI shows.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// Input a person typed that cannot be accepted; `field` names the form field.
    #[error("{message}")]
    Invalid { field: Option<String>, message: String },
    #[error("The passphrase is not right. Nothing has been opened.")]
    WrongPassphrase,
    #[error("{0}")]
    NotFound(String),
    /// The store refused a change because the record is locked (for example, finalised).
    #[error("{0}")]
    Refused(String),
    #[error("The database could not be used: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("A file could not be read or written: {0}")]
    Io(#[from] std::io::Error),
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
            CoreError::Database(_) | CoreError::Io(_) => (ProblemKind::Storage, None),
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
