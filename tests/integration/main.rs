//! The core's integration tests, built as one test binary with a module per subject (as
//! ripgrep does): the core and SQLCipher are linked once, not once per file. Run one subject
//! with `cargo test -p neglect-toolkit --test integration store::`.
//!
//! Every test works in its own temporary folder and sets no environment variable of its own
//! process, so the subjects can share a process and run side by side. A test that runs this
//! binary again as a child process (a kill mid-save, a full disk) names the test to run with
//! its module, as the harness does: `--exact faults::fault_child_writer`.

mod support;

mod checklist;
mod chronology;
mod cli;
mod compare;
mod demo;
mod exchange;
mod family_words;
mod faults;
mod home;
mod item_adult;
mod oversight;
mod plans;
mod report;
mod scoring;
mod store;
mod subject_access;
mod versions;
mod wording;
