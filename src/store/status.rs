//! The per-child summary behind the home "needs attention" list: review due, drift, urgent
//! items, sustained improvement. Derived from the finalised checklists by `compare`, stored
//! so the list is one query, refreshed whenever a child's checklists change.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::children::{child_from_row, CHILD_COLUMNS};
use super::Store;
use crate::compare;
use crate::error::Result;
use crate::model::Child;

/// One child on the "needs attention" list, with every reason in words.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct Attention {
    pub child: Child,
    pub reasons: Vec<String>,
}

/// (child id, review due, drift areas, urgent areas, a sibling has a current checklist, the
/// latest checklist says the child was not seen alone)
type StatusRow = (Child, Option<NaiveDate>, Option<String>, Option<String>, bool, bool);

/// Whether the child's latest finalised checklist (an amendment over its original) records
/// that the child was not seen alone: someone must see the child alone, so it needs attention.
const NOT_SEEN_ALONE: &str = "EXISTS (
    SELECT 1 FROM narratives n
     WHERE n.section = 'voice_gap' AND n.text = 'not_seen_alone'
       AND n.assessment_id = (SELECT la.id FROM assessments la
                               WHERE la.child_id = c.id AND la.status = 'finalised'
                               ORDER BY la.assessed_on DESC, la.id DESC LIMIT 1))";

fn join_or_none(parts: Vec<String>) -> Option<String> {
    (!parts.is_empty()).then(|| parts.join("; "))
}

impl Store {
    /// Recomputes one child's summary from its checklists.
    /// The stored fields do not depend on the day (only "overdue" does, and that is decided
    /// when the list is read), so the clock is read here rather than passed in.
    pub(crate) fn refresh_child_status(&mut self, child_id: i64) -> Result<()> {
        let today = chrono::Local::now().date_naive();
        let child = self.get_child(child_id)?;
        let assessments = self.assessments_for_child(child_id)?;
        let h = compare::history(&self.checklist, &child, &assessments, today);
        let drift = join_or_none(h.drift.iter().map(|d| d.area_name.clone()).collect());
        let sustained = join_or_none(h.sustained.iter().map(|s| s.area_name.clone()).collect());
        let urgent = join_or_none(
            h.areas.iter().filter(|a| a.points.last().is_some_and(|p| p.urgent)).map(|a| a.name.clone()).collect(),
        );
        self.conn.execute(
            "INSERT INTO child_status (child_id, latest_on, review_due, drift, urgent, sustained)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (child_id) DO UPDATE SET latest_on = excluded.latest_on, review_due = excluded.review_due,
                 drift = excluded.drift, urgent = excluded.urgent, sustained = excluded.sustained",
            params![child_id, h.review.last_assessed_on, h.review.due_on, drift, urgent, sustained],
        )?;
        Ok(())
    }

    /// Rebuilds every child's summary (after a migration, a restore or an import).
    pub fn rebuild_child_status(&mut self) -> Result<()> {
        let ids: Vec<i64> = self.list_children()?.into_iter().map(|c| c.id).collect();
        for id in ids {
            self.refresh_child_status(id)?;
        }
        Ok(())
    }

    /// Rebuilds the summaries when some child has none (a file from before they existed).
    pub(crate) fn ensure_child_status(&mut self) -> Result<()> {
        let missing: i64 = self.conn.query_row(
            "SELECT count(*) FROM children c LEFT JOIN child_status s ON s.child_id = c.id WHERE s.child_id IS NULL",
            [],
            |r| r.get(0),
        )?;
        if missing > 0 {
            self.rebuild_child_status()?;
        }
        Ok(())
    }

    /// Children with an overdue review, drift, an urgent item in their latest checklist, no
    /// current checklist while a sibling has one, or not seen alone at the latest checklist. Most reasons first, then by name.
    pub fn needs_attention(&self, today: NaiveDate) -> Result<Vec<Attention>> {
        // One query for the children too (their columns first, then the status): a list of
        // thousands must not cost a query per child.
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {CHILD_COLUMNS}, s.review_due, s.drift, s.urgent,
                    (s.latest_on IS NULL OR s.review_due < ?1) AND c.household_id IS NOT NULL AND EXISTS (
                        SELECT 1 FROM children o JOIN child_status os ON os.child_id = o.id
                        WHERE o.household_id = c.household_id AND o.id != c.id AND os.review_due >= ?1
                          AND os.latest_on IS NOT NULL) AS sibling_current,
                    {NOT_SEEN_ALONE} AS not_seen_alone
             FROM child_status s JOIN children c ON c.id = s.child_id
                  LEFT JOIN households h ON h.id = c.household_id
             WHERE s.review_due < ?1 OR s.drift IS NOT NULL OR s.urgent IS NOT NULL OR s.latest_on IS NULL
                OR {NOT_SEEN_ALONE}"
        ))?;
        let status_at = CHILD_COLUMNS.split(',').count();
        let rows: Vec<StatusRow> = stmt
            .query_map([today], |r| {
                Ok((
                    child_from_row(r)?,
                    r.get(status_at)?,
                    r.get(status_at + 1)?,
                    r.get(status_at + 2)?,
                    r.get(status_at + 3)?,
                    r.get(status_at + 4)?,
                ))
            })?
            .collect::<std::result::Result<_, _>>()?;
        let mut out = Vec::new();
        for (child, due, drift, urgent, sibling_current, not_seen_alone) in rows {
            let mut reasons = Vec::new();
            if sibling_current {
                reasons.push("Not yet assessed, while a brother or sister has a current checklist.".to_string());
            }
            if let Some(due) = due.filter(|d| *d < today) {
                reasons.push(format!("Review overdue since {}.", due.format("%-d %b %Y")));
            }
            if let Some(areas) = drift {
                reasons.push(format!("Drift: no improvement in {areas}."));
            }
            if let Some(areas) = urgent {
                reasons.push(format!("Urgent item (graded 5) in the latest checklist: {areas}."));
            }
            if not_seen_alone {
                reasons.push("Not seen alone at the latest checklist: the child's own voice is missing.".to_string());
            }
            if !reasons.is_empty() {
                out.push(Attention { child, reasons });
            }
        }
        out.sort_by(|a, b| b.reasons.len().cmp(&a.reasons.len()).then_with(|| a.child.name.cmp(&b.child.name)));
        Ok(out)
    }
}
