//! A child's case references, one row per child, every change audited.

use rusqlite::{params, Connection, OptionalExtension};

use super::audit::{record, Change};
use super::Store;
use crate::error::{CoreError, Result};
use crate::references::{nhs_number_spaced, CaseReferences};

pub(super) fn references_of(conn: &Connection, child_id: i64) -> Result<CaseReferences> {
    Ok(conn
        .query_row(
            "SELECT la_case_number, nhs_number, unique_pupil_number FROM case_references WHERE child_id = ?1",
            [child_id],
            |r| Ok(CaseReferences { la_case_number: r.get(0)?, nhs_number: r.get(1)?, unique_pupil_number: r.get(2)? }),
        )
        .optional()?
        .unwrap_or_default())
}

/// Stores checked references for the child, auditing each changed field: the one writer, typed
/// in or imported. Another child with the same NHS number is refused by name.
pub(super) fn write_references(conn: &Connection, actor: &str, child_id: i64, refs: &CaseReferences) -> Result<()> {
    if !refs.nhs_number.is_empty() {
        let other: Option<String> = conn
            .query_row(
                "SELECT c.name FROM case_references r JOIN children c ON c.id = r.child_id
                 WHERE r.nhs_number = ?1 AND r.child_id != ?2",
                params![refs.nhs_number, child_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(name) = other {
            return Err(CoreError::invalid(
                "nhs_number",
                format!(
                    "{name} already has the NHS number {}: one of the two is mistyped, or they are the same child.",
                    nhs_number_spaced(&refs.nhs_number)
                ),
            ));
        }
    }
    let before = references_of(conn, child_id)?;
    conn.execute(
        "INSERT INTO case_references (child_id, la_case_number, nhs_number, unique_pupil_number)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (child_id) DO UPDATE SET la_case_number = excluded.la_case_number,
             nhs_number = excluded.nhs_number, unique_pupil_number = excluded.unique_pupil_number",
        params![child_id, refs.la_case_number, refs.nhs_number, refs.unique_pupil_number],
    )?;
    for (field, old, new) in [
        ("la_case_number", &before.la_case_number, &refs.la_case_number),
        ("nhs_number", &before.nhs_number, &refs.nhs_number),
        ("unique_pupil_number", &before.unique_pupil_number, &refs.unique_pupil_number),
    ] {
        if old != new {
            record(
                conn,
                actor,
                Change {
                    action: "update",
                    record_type: "case_references",
                    record_id: Some(child_id),
                    child_id: Some(child_id),
                    field: Some(field),
                    old_value: Some(old),
                    new_value: Some(new),
                },
            )?;
        }
    }
    Ok(())
}

impl Store {
    pub fn case_references(&self, child_id: i64) -> Result<CaseReferences> {
        self.get_child(child_id)?;
        references_of(&self.conn, child_id)
    }

    /// Checks and stores the child's case references.
    pub fn set_case_references(&mut self, child_id: i64, form: &CaseReferences) -> Result<CaseReferences> {
        self.get_child(child_id)?;
        let valid = form.validate()?;
        let tx = self.conn.transaction()?;
        write_references(&tx, &self.actor, child_id, &valid)?;
        tx.commit()?;
        references_of(&self.conn, child_id)
    }
}
