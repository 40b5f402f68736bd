//! Managers' reviews of finalised checklists: recorded once, audited, never changed (the schema's
//! triggers refuse it), removed only when the child is erased.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};

use super::audit::{now_stamp, record, Change};
use super::Store;
use crate::assessment::AssessmentStatus;
use crate::error::{CoreError, Result};
use crate::oversight::{ManagerDecision, ManagerReview, ManagerReviewForm, ValidManagerReview};

const REVIEW_COLUMNS: &str =
    "r.id, r.assessment_id, r.manager_name, r.manager_role, r.reviewed_on, r.decision, r.comment";

fn review_from_row(r: &Row) -> rusqlite::Result<ManagerReview> {
    Ok(ManagerReview {
        id: r.get(0)?,
        assessment_id: r.get(1)?,
        manager_name: r.get(2)?,
        manager_role: r.get(3)?,
        reviewed_on: r.get(4)?,
        decision: ManagerDecision::parse(&r.get::<_, String>(5)?).unwrap_or(ManagerDecision::DiscussInSupervision),
        comment: r.get(6)?,
    })
}

/// The date part of a stored finalising time ("2026-11-06T16:00:00+00:00").
pub(super) fn finalised_on(finalised_at: &str) -> Option<NaiveDate> {
    finalised_at.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// Stores one review inside `tx`, with its audit rows: the one writer of reviews, typed in or
/// imported.
pub(super) fn insert_review(
    conn: &Connection,
    actor: &str,
    child_id: i64,
    assessment_id: i64,
    r: &ValidManagerReview,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO manager_reviews (assessment_id, manager_name, manager_role, reviewed_on, decision, comment,
                                      created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            assessment_id,
            r.manager_name,
            r.manager_role,
            r.reviewed_on,
            r.decision.as_str(),
            r.comment,
            now_stamp()
        ],
    )?;
    let id = conn.last_insert_rowid();
    for (field, value) in [
        ("assessment_id", assessment_id.to_string()),
        ("manager_name", r.manager_name.clone()),
        ("manager_role", r.manager_role.clone()),
        ("reviewed_on", r.reviewed_on.to_string()),
        ("decision", r.decision.as_str().to_string()),
        ("comment", r.comment.clone()),
    ] {
        record(
            conn,
            actor,
            Change {
                action: "create",
                record_type: "manager_review",
                record_id: Some(id),
                child_id: Some(child_id),
                field: Some(field),
                new_value: Some(&value),
                ..Change::default()
            },
        )?;
    }
    Ok(id)
}

impl Store {
    /// Records a manager's review of a finalised checklist.
    pub fn record_manager_review(
        &mut self,
        assessment_id: i64,
        form: &ManagerReviewForm,
        today: NaiveDate,
    ) -> Result<ManagerReview> {
        let a = self.get_assessment(assessment_id)?;
        let finalised = a.finalised_at.as_deref().and_then(finalised_on);
        let (AssessmentStatus::Finalised, Some(finalised)) = (a.status, finalised) else {
            return Err(CoreError::invalid(
                "assessment_id",
                "Only a finalised checklist can be reviewed: finalise it first.",
            ));
        };
        let valid = form.validate(finalised, today)?;
        let tx = self.conn.transaction()?;
        let id = insert_review(&tx, &self.actor, a.child_id, assessment_id, &valid)?;
        tx.commit()?;
        self.manager_reviews(a.child_id)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| CoreError::NotFound("The review was not stored.".into()))
    }

    /// Every manager's review of the child's checklists, oldest first.
    pub fn manager_reviews(&self, child_id: i64) -> Result<Vec<ManagerReview>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {REVIEW_COLUMNS} FROM manager_reviews r JOIN assessments a ON a.id = r.assessment_id
             WHERE a.child_id = ?1 ORDER BY r.reviewed_on, r.id"
        ))?;
        let rows = stmt.query_map([child_id], review_from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
