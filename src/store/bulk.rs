//! Writing a child's whole history in one transaction: for generated demo data (and
//! benchmarks), where one transaction per grade would take hours for 10,000 children.

use rusqlite::{params, Transaction};

use super::audit::{now_stamp, record, Change};
use super::Store;
use crate::assessment::{Assessment, AssessmentStatus};
use crate::error::Result;
use crate::model::ValidChild;
use crate::scoring::Grade;

impl Store {
    /// Adds a child (in `household`, created if new) with its assessments, in one transaction.
    /// Finalised assessments are written as drafts and then finalised, so the schema's lock
    /// triggers hold exactly as for assessments completed in the app.
    pub fn insert_child_history(&mut self, child: &ValidChild, assessments: &[Assessment]) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let child_id = super::children::insert_child(&tx, &self.actor, "create", child)?;
        for a in assessments {
            let id = insert_assessment(&tx, child_id, a)?;
            record(
                &tx,
                &self.actor,
                Change {
                    action: "create",
                    record_type: "assessment",
                    record_id: Some(id),
                    child_id: Some(child_id),
                    new_value: Some(&format!("{} on {}", a.checklist_id, a.assessed_on)),
                    ..Change::default()
                },
            )?;
        }
        tx.commit()?;
        self.refresh_child_status(child_id)?;
        Ok(child_id)
    }
}

/// Writes one whole checklist for `child_id` (its own `child_id` and `id` are ignored) with all
/// its rows; the one writer for checklists that arrive complete (demo data, imports).
pub(super) fn insert_assessment(tx: &Transaction, child_id: i64, a: &Assessment) -> Result<i64> {
    let practitioner_id = Store::practitioner_id(tx, &a.assessor)?;
    tx.execute(
        "INSERT INTO assessments (child_id, checklist_id, checklist_version, checklist_hash, assessed_on,
             practitioner_id, review_round, amends_id, amendment_reason, created_at, amended_by, amended_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            child_id,
            a.checklist_id,
            a.checklist_version,
            a.checklist_hash,
            a.assessed_on,
            practitioner_id,
            a.review_round,
            a.amends,
            a.amendment_reason,
            now_stamp(),
            a.amended_by,
            a.amended_at
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut grade = tx.prepare_cached(
        "INSERT INTO item_grades (assessment_id, item_id, grade, evidence, source, evidence_date, professional_only, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let stamp = now_stamp();
    for item in &a.items {
        grade.execute(params![
            id,
            item.item_id,
            item.grade.map(Grade::as_str),
            item.evidence,
            item.source.map(|s| s.as_str()),
            item.evidence_date,
            item.professional_only,
            stamp
        ])?;
        super::assessments::checked_item_adult(tx, child_id, item)?;
        super::assessments::write_item_adult(tx, id, item)?;
    }
    for c in &a.confirmations {
        tx.execute(
            "INSERT INTO area_confirmations (assessment_id, area_id, confirmed, reason) VALUES (?1, ?2, ?3, ?4)",
            params![id, c.area_id, c.confirmed, c.reason],
        )?;
    }
    let n = &a.narrative;
    let sections = crate::assessment::NARRATIVE_SECTIONS
        .iter()
        .map(|s| (s.key, "", n.section(s.key).unwrap_or_default()))
        .chain(n.impact.iter().map(|(area, text)| ("impact", area.as_str(), text.as_str())))
        .chain(n.voice_gap.map(|g| (crate::assessment::VoiceGap::KEY, "", g.as_str())));
    for (section, area, text) in sections.filter(|(_, _, t)| !t.is_empty()) {
        tx.execute(
            "INSERT INTO narratives (assessment_id, section, area_id, text) VALUES (?1, ?2, ?3, ?4)",
            params![id, section, area, text],
        )?;
    }
    for x in &a.actions {
        tx.execute(
            "INSERT INTO actions (assessment_id, what, who, agency, by_when, target_grade, area_id, result)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![id, x.what, x.who, x.agency, x.by_when, x.target_grade, x.area_id, x.result],
        )?;
    }
    if a.status == AssessmentStatus::Finalised {
        tx.execute(
            "UPDATE assessments SET status = 'finalised', finalised_at = ?2 WHERE id = ?1",
            params![id, a.finalised_at.clone().unwrap_or_else(now_stamp)],
        )?;
    }
    Ok(id)
}
