//! Neglect Toolkit core: everything a practitioner's data goes through.
//!
//! This crate knows nothing of Tauri or the UI. The desktop shell (`src-tauri/`) and the
//! `ntk` command line are thin layers over it.

pub mod about;
pub mod assessment;
pub mod checklist;
pub mod chronology;
pub mod compare;
pub mod core_group;
pub mod dataset;
pub mod demo;
pub mod error;
pub mod exchange;
pub mod idle;
pub mod logo;
pub mod model;
pub mod oversight;
pub mod passphrase;
pub mod paths;
pub mod plans;
pub mod references;
pub mod report;
pub mod scoring;
pub mod search;
pub mod store;
pub mod text;
pub mod wording;

pub use error::{CoreError, Problem};
