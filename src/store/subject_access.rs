//! A subject-access copy: everything recorded about one child, and every audit row about the
//! child, for a UK GDPR subject-access request ("Export everything about this child"). Written
//! as JSON (every column of every row, as stored) and as a PDF (the same, for a person to read).
//!
//! The tables are read by [`CHILD_TABLES`], one line each, so a table added later holding
//! records about a child is copied by adding one line; `tests/integration/subject_access.rs`
//! fails while a table with a `child_id` column, or reaching a child through a checklist or
//! another such table, is neither copied nor named in [`NOT_COPIED`].

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use serde::Serialize;

use super::audit::{now_stamp, record, AuditEntry, Change};
use super::audit_words::AuditLine;
use super::Store;
use crate::error::{CoreError, Result};

/// One table holding records about a child: how its rows about one child are found.
#[derive(Debug, Clone, Copy)]
pub struct ChildTable {
    pub table: &'static str,
    /// The heading the PDF prints the rows under.
    pub title: &'static str,
    /// The condition picking the rows about the child `?1`.
    pub rows: &'static str,
}

const OF_THE_CHILDS_CHECKLISTS: &str = "assessment_id IN (SELECT id FROM assessments WHERE child_id = ?1)";

/// Every table copied, in the order the copy prints them.
pub const CHILD_TABLES: &[ChildTable] = &[
    ChildTable { table: "children", title: "The child", rows: "id = ?1" },
    ChildTable {
        table: "households",
        title: "The household",
        rows: "id IN (SELECT household_id FROM children WHERE id = ?1)",
    },
    ChildTable { table: "child_status", title: "What the app worked out from the checklists", rows: "child_id = ?1" },
    ChildTable { table: "assessments", title: "Checklists", rows: "child_id = ?1" },
    ChildTable {
        table: "practitioners",
        title: "Who assessed",
        rows: "id IN (SELECT practitioner_id FROM assessments WHERE child_id = ?1)",
    },
    ChildTable { table: "item_grades", title: "Grades and evidence", rows: OF_THE_CHILDS_CHECKLISTS },
    ChildTable { table: "item_adults", title: "The adult an item concerns", rows: OF_THE_CHILDS_CHECKLISTS },
    ChildTable { table: "area_confirmations", title: "Confirmed area grades", rows: OF_THE_CHILDS_CHECKLISTS },
    ChildTable { table: "narratives", title: "Written sections", rows: OF_THE_CHILDS_CHECKLISTS },
    ChildTable { table: "actions", title: "Actions", rows: OF_THE_CHILDS_CHECKLISTS },
    ChildTable {
        table: "adults",
        title: "Adults in the household",
        rows: "id IN (SELECT adult_id FROM adult_children WHERE child_id = ?1)
               OR id IN (SELECT adult_id FROM item_adults WHERE assessment_id IN
                         (SELECT id FROM assessments WHERE child_id = ?1))",
    },
    ChildTable { table: "adult_children", title: "How each adult stands to the child", rows: "child_id = ?1" },
    ChildTable { table: "events", title: "Chronology", rows: "child_id = ?1" },
    ChildTable { table: "plans", title: "Plans", rows: "child_id = ?1" },
    ChildTable { table: "manager_reviews", title: "Managers' reviews", rows: OF_THE_CHILDS_CHECKLISTS },
    ChildTable { table: "case_references", title: "Case references", rows: "child_id = ?1" },
    ChildTable { table: "core_group_meetings", title: "Core group meetings", rows: "child_id = ?1" },
    ChildTable { table: "engagement_ratings", title: "Carers' engagement", rows: "child_id = ?1" },
    ChildTable { table: "plan_prompts", title: "Prompts from plans and the core group", rows: "child_id = ?1" },
];

/// Tables that carry a child's number but are not copied as records, and why.
pub const NOT_COPIED: &[(&str, &str)] = &[
    ("audit_log", "copied in full as the audit trail, in words and as stored"),
    ("erasing", "empty except inside the transaction that erases a child"),
    ("erasure_register", "holds only children already erased, of whom nothing else is left"),
];

/// The rows of one table about the child, every column as stored.
#[derive(Debug, Clone, Serialize)]
pub struct TableCopy {
    pub table: String,
    pub title: String,
    pub rows: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// Everything about one child.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectAccess {
    /// "neglect-toolkit subject-access copy".
    pub format: String,
    pub format_version: u32,
    pub child_id: i64,
    pub child_name: String,
    pub made_on: NaiveDate,
    pub made_at: String,
    pub made_by: String,
    pub records: Vec<TableCopy>,
    /// Every audit row about the child, newest first, in words (as the app shows them).
    pub audit_trail: Vec<AuditLine>,
    /// The same rows as stored.
    pub audit_log: Vec<AuditEntry>,
}

/// The audit log's action for a subject-access copy made.
pub(super) const SUBJECT_ACCESS: &str = "subject_access";

pub const SUBJECT_ACCESS_FORMAT: &str = "neglect-toolkit subject-access copy";

fn json_of(value: ValueRef) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(n) => n.into(),
        ValueRef::Real(x) => x.into(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect::<String>().into(),
    }
}

impl Store {
    /// Every record about the child and every audit row about them, as of `today`.
    pub fn subject_access(&self, child_id: i64, today: NaiveDate) -> Result<SubjectAccess> {
        let child = self.get_child(child_id)?;
        let mut records = Vec::new();
        for t in CHILD_TABLES {
            let mut stmt = self.conn.prepare(&format!("SELECT * FROM {} WHERE {} ORDER BY rowid", t.table, t.rows))?;
            let columns: Vec<String> = stmt.column_names().map(String::from).collect();
            let mut rows = Vec::new();
            let mut found = stmt.query([child_id])?;
            while let Some(r) = found.next()? {
                let mut row = serde_json::Map::new();
                for (i, column) in columns.iter().enumerate() {
                    row.insert(column.clone(), json_of(r.get_ref(i)?));
                }
                rows.push(row);
            }
            records.push(TableCopy { table: t.table.into(), title: t.title.into(), rows });
        }
        Ok(SubjectAccess {
            format: SUBJECT_ACCESS_FORMAT.into(),
            format_version: 1,
            child_id,
            child_name: child.name,
            made_on: today,
            made_at: now_stamp(),
            made_by: self.actor.clone(),
            records,
            audit_trail: self.child_audit_trail(child_id)?,
            audit_log: self.child_audit_log(child_id)?,
        })
    }

    /// The subject-access copy as a PDF and as JSON (pretty-printed), with the organisation
    /// from Settings at the foot of every page. The copy is recorded in the audit log (after it
    /// is made, so the next copy shows who made this one).
    pub fn subject_access_files(&mut self, child_id: i64, today: NaiveDate) -> Result<(Vec<u8>, Vec<u8>)> {
        let copy = self.subject_access(child_id, today)?;
        let issued_by = self.practitioner_details()?.issued_by();
        let names = super::audit_words::Names::of(self)?;
        let words = |column: &str, value: &serde_json::Value| names.value_words(column, value);
        let logo = self.logo()?;
        let pdf = crate::report::subject_access_pdf(&copy, &issued_by, logo.as_ref(), &words)
            .map_err(|e| CoreError::Refused(e.to_string()))?;
        let json = serde_json::to_vec_pretty(&copy).map_err(|e| CoreError::Refused(e.to_string()))?;
        let tx = self.conn.transaction()?;
        let note = format!("every record and {} audit rows, as PDF and JSON", copy.audit_log.len());
        record(
            &tx,
            &self.actor,
            Change {
                action: SUBJECT_ACCESS,
                record_type: "child",
                record_id: Some(child_id),
                child_id: Some(child_id),
                new_value: Some(&note),
                ..Change::default()
            },
        )?;
        tx.commit()?;
        Ok((pdf, json))
    }
}
