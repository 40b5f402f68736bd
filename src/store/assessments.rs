//! Assessments: start, save as you go, confirm areas, finalise, amend: the SQL, the finalise
//! lock and the audit rows. The forms and their rules live in `crate::assessment`.
//!
//! Every save is one transaction with its audit row, committed with `synchronous = FULL`
//! before the call returns: what the UI shows as "saved" survives a crash. Finalised
//! assessments are also locked by triggers in the schema, so the store refuses edits
//! whatever the caller.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;

use super::audit::{now_stamp, record, Change};
use super::Store;
use crate::assessment::{
    required, text_field, Action, AreaConfirmation, Assessment, AssessmentStatus, EvidenceSource, ItemRecord,
    NamedAdult, Narrative, Practitioner, ValidStart, VoiceGap, NARRATIVE_SECTIONS,
};
pub use crate::assessment::{ActionForm, FinaliseCheck, StartAssessmentForm};
use crate::checklist::Versions;
use crate::chronology::EventKind;
use crate::compare::{self, NumberedChecklist};
use crate::error::{CoreError, Result};
use crate::scoring::{check_confirmation, Grade};

/// Acknowledges a save: the UI shows "saved" only after this arrives.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Saved {
    pub saved_at: String,
}

fn locked_refusal() -> CoreError {
    CoreError::Refused(
        "This checklist is finalised and cannot be changed. To correct it, create an amendment with a reason.".into(),
    )
}

/// Turns the schema's lock trigger into the same sentence the store gives itself. A trigger's
/// RAISE(ABORT) carries SQLite's own code for it (SQLITE_CONSTRAINT_TRIGGER); on the checklist
/// tables the only triggers are the finalise locks, so the code says which refusal it was.
fn locked(e: rusqlite::Error) -> CoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER => {
            locked_refusal()
        }
        _ => CoreError::Database(e),
    }
}

/// Checks the adult an item names against the child's household ([`ItemRecord::check_adult`]).
pub(super) fn checked_item_adult(conn: &Connection, child_id: i64, item: &ItemRecord) -> Result<()> {
    let Some(adult_id) = item.adult_id else { return Ok(()) };
    let (child_name, household): (String, Option<i64>) = conn
        .query_row("SELECT name, household_id FROM children WHERE id = ?1", [child_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("There is no child with number {child_id}.")))?;
    let adult: Option<(String, i64)> = conn
        .query_row("SELECT name, household_id FROM adults WHERE id = ?1", [adult_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let named = adult.as_ref().map(|(name, household_id)| NamedAdult { name, household_id: *household_id });
    item.check_adult(named, &child_name, household)
}

/// Writes (or clears) the adult an item concerns, beside its grade (migration 13).
pub(super) fn write_item_adult(conn: &Connection, assessment_id: i64, item: &ItemRecord) -> rusqlite::Result<()> {
    match item.adult_id {
        Some(adult_id) => conn.execute(
            "INSERT INTO item_adults (assessment_id, item_id, adult_id) VALUES (?1, ?2, ?3)
             ON CONFLICT (assessment_id, item_id) DO UPDATE SET adult_id = excluded.adult_id
             WHERE adult_id IS NOT excluded.adult_id",
            params![assessment_id, item.item_id, adult_id],
        ),
        None => conn.execute(
            "DELETE FROM item_adults WHERE assessment_id = ?1 AND item_id = ?2",
            params![assessment_id, item.item_id],
        ),
    }
    .map(|_| ())
}

/// One column of an action, with the child whose checklist holds it.
fn action_of_child(tx: &Transaction, action_id: i64, column: &str) -> Result<(String, i64)> {
    tx.query_row(
        &format!(
            "SELECT x.{column}, a.child_id FROM actions x JOIN assessments a ON a.id = x.assessment_id WHERE x.id = ?1"
        ),
        [action_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| CoreError::NotFound(format!("There is no action with number {action_id}.")))
}

/// The review round for a new checklist of this child, by the rule the history groups rounds by
/// ([`compare::round_number_for`]), so the number shown on a checklist and the rounds of its
/// history agree. Reads every checklist of the child that no other corrects, drafts included.
/// Used for a checklist started here and for one imported from another agency alike.
pub(super) fn round_for(
    conn: &rusqlite::Connection,
    child_id: i64,
    date: NaiveDate,
    assessor: &Practitioner,
) -> Result<u32> {
    let numbered: Vec<NumberedChecklist> = conn
        .prepare(
            "SELECT a.assessed_on, p.name, p.agency, p.role, a.review_round
               FROM assessments a JOIN practitioners p ON p.id = a.practitioner_id
              WHERE a.child_id = ?1
                AND NOT EXISTS (SELECT 1 FROM assessments b WHERE b.amends_id = a.id)
              ORDER BY a.assessed_on, a.id",
        )?
        .query_map([child_id], |r| {
            Ok(NumberedChecklist {
                assessed_on: r.get(0)?,
                assessor: Practitioner { name: r.get(1)?, agency: r.get(2)?, role: r.get(3)? },
                review_round: r.get(4)?,
            })
        })?
        .collect::<std::result::Result<_, _>>()?;
    Ok(compare::round_number_for(&numbered, date, assessor))
}

impl Store {
    pub(super) fn practitioner_id(tx: &Transaction, p: &Practitioner) -> Result<i64> {
        tx.execute(
            "INSERT OR IGNORE INTO practitioners (name, agency, role) VALUES (?1, ?2, ?3)",
            params![p.name, p.agency, p.role],
        )?;
        Ok(tx.query_row(
            "SELECT id FROM practitioners WHERE name = ?1 AND agency = ?2 AND role = ?3",
            params![p.name, p.agency, p.role],
            |r| r.get(0),
        )?)
    }

    /// Starts a draft checklist for one child on the store's checklist.
    pub fn start_assessment(
        &mut self,
        child_id: i64,
        form: &StartAssessmentForm,
        today: NaiveDate,
    ) -> Result<Assessment> {
        let child = self.get_child(child_id)?;
        let ValidStart { assessor, date, review_round } = form.validate(&child, today)?;
        let round = match review_round {
            Some(n) => n,
            None => round_for(&self.conn, child_id, date, &assessor)?,
        };
        let checklist = self.checklist().clone();
        let tx = self.conn.transaction()?;
        let practitioner_id = Self::practitioner_id(&tx, &assessor)?;
        tx.execute(
            "INSERT INTO assessments (child_id, checklist_id, checklist_version, checklist_hash, assessed_on,
                 practitioner_id, review_round, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                child_id,
                checklist.id,
                checklist.version,
                checklist.hash,
                date,
                practitioner_id,
                round,
                now_stamp()
            ],
        )?;
        let id = tx.last_insert_rowid();
        let summary = format!("{} on {date} by {} ({}), round {round}", checklist.id, assessor.name, assessor.agency);
        record(
            &tx,
            &self.actor,
            Change {
                action: "create",
                record_type: "assessment",
                record_id: Some(id),
                child_id: Some(child_id),
                new_value: Some(&summary),
                ..Change::default()
            },
        )?;
        tx.commit()?;
        self.get_assessment(id)
    }

    pub fn get_assessment(&self, id: i64) -> Result<Assessment> {
        let head = self
            .conn
            .query_row(
                "SELECT a.child_id, a.checklist_id, a.checklist_version, a.checklist_hash, a.assessed_on,
                        p.name, p.agency, p.role, a.review_round, a.status, a.finalised_at, a.amends_id,
                        a.amendment_reason, a.amended_by, a.amended_at
                 FROM assessments a JOIN practitioners p ON p.id = a.practitioner_id WHERE a.id = ?1",
                [id],
                |r| {
                    Ok(Assessment {
                        id,
                        child_id: r.get(0)?,
                        checklist_id: r.get(1)?,
                        checklist_version: r.get(2)?,
                        checklist_hash: r.get(3)?,
                        assessed_on: r.get(4)?,
                        assessor: Practitioner { name: r.get(5)?, agency: r.get(6)?, role: r.get(7)? },
                        review_round: r.get(8)?,
                        status: AssessmentStatus::parse(&r.get::<_, String>(9)?).unwrap_or(AssessmentStatus::Draft),
                        finalised_at: r.get(10)?,
                        amends: r.get(11)?,
                        amendment_reason: r.get(12)?,
                        amended_by: r.get(13)?,
                        amended_at: r.get(14)?,
                        items: Vec::new(),
                        confirmations: Vec::new(),
                        narrative: Narrative::default(),
                        actions: Vec::new(),
                    })
                },
            )
            .optional()?;
        let mut a = head.ok_or_else(|| CoreError::NotFound(format!("There is no checklist with number {id}.")))?;

        let mut stmt = self.conn.prepare(
            "SELECT g.item_id, g.grade, g.evidence, g.source, g.evidence_date, g.professional_only, x.adult_id
             FROM item_grades g
             LEFT JOIN item_adults x ON x.assessment_id = g.assessment_id AND x.item_id = g.item_id
             WHERE g.assessment_id = ?1 ORDER BY g.item_id",
        )?;
        a.items = stmt
            .query_map([id], |r| {
                Ok(ItemRecord {
                    item_id: r.get(0)?,
                    grade: r.get::<_, Option<String>>(1)?.as_deref().and_then(Grade::parse),
                    evidence: r.get(2)?,
                    source: r.get::<_, Option<String>>(3)?.as_deref().and_then(EvidenceSource::parse),
                    evidence_date: r.get(4)?,
                    professional_only: r.get(5)?,
                    adult_id: r.get(6)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;

        let mut stmt =
            self.conn.prepare("SELECT area_id, confirmed, reason FROM area_confirmations WHERE assessment_id = ?1")?;
        a.confirmations = stmt
            .query_map([id], |r| Ok(AreaConfirmation { area_id: r.get(0)?, confirmed: r.get(1)?, reason: r.get(2)? }))?
            .collect::<std::result::Result<_, _>>()?;

        let mut stmt = self.conn.prepare("SELECT section, area_id, text FROM narratives WHERE assessment_id = ?1")?;
        let sections: Vec<(String, String, String)> =
            stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<std::result::Result<_, _>>()?;
        let mut impact = BTreeMap::new();
        for (section, area_id, text) in sections {
            if section == "impact" {
                impact.insert(area_id, text);
            } else if section == VoiceGap::KEY {
                a.narrative.voice_gap = VoiceGap::parse(&text);
            } else if let Some(slot) = a.narrative.section_mut(&section) {
                *slot = text;
            }
        }
        a.narrative.impact = impact;

        let mut stmt = self.conn.prepare(
            "SELECT id, what, who, agency, by_when, target_grade, area_id, result
             FROM actions WHERE assessment_id = ?1 ORDER BY by_when, id",
        )?;
        a.actions = stmt
            .query_map([id], |r| {
                Ok(Action {
                    id: r.get(0)?,
                    what: r.get(1)?,
                    who: r.get(2)?,
                    agency: r.get(3)?,
                    by_when: r.get(4)?,
                    target_grade: r.get(5)?,
                    area_id: r.get(6)?,
                    result: r.get(7)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        Ok(a)
    }

    /// Every assessment of a child, oldest first (drafts and amendments included).
    pub fn assessments_for_child(&self, child_id: i64) -> Result<Vec<Assessment>> {
        let mut stmt = self.conn.prepare("SELECT id FROM assessments WHERE child_id = ?1 ORDER BY assessed_on, id")?;
        let ids: Vec<i64> = stmt.query_map([child_id], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
        ids.into_iter().map(|id| self.get_assessment(id)).collect()
    }

    fn draft(&self, assessment_id: i64) -> Result<Assessment> {
        let a = self.get_assessment(assessment_id)?;
        if a.status == AssessmentStatus::Finalised {
            return Err(locked_refusal());
        }
        Ok(a)
    }

    /// Saves one item's grade and evidence (draft autosave).
    pub fn save_item(&mut self, assessment_id: i64, item: &ItemRecord, today: NaiveDate) -> Result<Saved> {
        let before = self.draft(assessment_id)?;
        if self.checklists.of(&before).item(&item.item_id).is_none() {
            return Err(CoreError::invalid(
                "item_id",
                format!("There is no item \"{}\" in this checklist.", item.item_id),
            ));
        }
        text_field("evidence", "evidence", &item.evidence)?;
        if item.evidence_date.is_some_and(|d| d > today) {
            return Err(CoreError::invalid("evidence_date", "The date of the evidence is in the future."));
        }
        checked_item_adult(&self.conn, before.child_id, item)?;
        let old = before.item(&item.item_id).map(|i| serde_json::to_string(i).unwrap_or_default());
        let new = serde_json::to_string(item).unwrap_or_default();
        let saved_at = now_stamp();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO item_grades (assessment_id, item_id, grade, evidence, source, evidence_date, professional_only, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (assessment_id, item_id) DO UPDATE SET grade = excluded.grade, evidence = excluded.evidence,
                 source = excluded.source, evidence_date = excluded.evidence_date,
                 professional_only = excluded.professional_only, updated_at = excluded.updated_at",
            params![
                assessment_id,
                item.item_id,
                item.grade.map(Grade::as_str),
                item.evidence,
                item.source.map(EvidenceSource::as_str),
                item.evidence_date,
                item.professional_only,
                saved_at
            ],
        )
        .map_err(locked)?;
        write_item_adult(&tx, assessment_id, item).map_err(locked)?;
        record(
            &tx,
            &self.actor,
            Change {
                action: "update",
                record_type: "assessment",
                record_id: Some(assessment_id),
                child_id: Some(before.child_id),
                field: Some(&format!("item:{}", item.item_id)),
                old_value: old.as_deref(),
                new_value: Some(&new),
            },
        )?;
        tx.commit()?;
        Ok(Saved { saved_at })
    }

    /// Confirms an area's grade; a grade more than 1 from the computed score needs a reason.
    pub fn confirm_area(&mut self, assessment_id: i64, area_id: &str, confirmed: u8, reason: &str) -> Result<Saved> {
        let a = self.draft(assessment_id)?;
        let child = self.get_child(a.child_id)?;
        let profile = a.profile(self.checklists.of(&a), &child);
        let area = profile.areas.iter().find(|x| x.id == area_id).ok_or_else(|| {
            CoreError::invalid("area_id", format!("There is no area \"{area_id}\" in this checklist."))
        })?;
        check_confirmation(area.score, confirmed, reason, !area.urgent_items.is_empty())
            .map_err(|f| CoreError::invalid("reason", f.to_string()))?;
        text_field("reason", "reason", reason)?;
        let old = a.confirmation(area_id).map(|c| format!("{} ({})", c.confirmed, c.reason));
        let saved_at = now_stamp();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO area_confirmations (assessment_id, area_id, confirmed, reason) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (assessment_id, area_id) DO UPDATE SET confirmed = excluded.confirmed, reason = excluded.reason",
            params![assessment_id, area_id, confirmed, reason.trim()],
        )
        .map_err(locked)?;
        let new = format!("{confirmed} ({})", reason.trim());
        record(
            &tx,
            &self.actor,
            Change {
                action: "update",
                record_type: "assessment",
                record_id: Some(assessment_id),
                child_id: Some(a.child_id),
                field: Some(&format!("confirm:{area_id}")),
                old_value: old.as_deref(),
                new_value: Some(&new),
            },
        )?;
        tx.commit()?;
        Ok(Saved { saved_at })
    }

    /// Saves a narrative section (`impact` needs an area id).
    pub fn save_narrative(
        &mut self,
        assessment_id: i64,
        section: &str,
        area_id: Option<&str>,
        text: &str,
    ) -> Result<Saved> {
        let a = self.draft(assessment_id)?;
        let area_key = match (section, area_id) {
            ("impact", Some(area)) if self.checklists.of(&a).area(area).is_some() => area.to_string(),
            ("impact", _) => {
                return Err(CoreError::invalid(
                    "area_id",
                    "Impact on the child is written per area; the area is missing or unknown.",
                ))
            }
            (s, _) if NARRATIVE_SECTIONS.iter().any(|n| n.key == s) => String::new(),
            (VoiceGap::KEY, _) if text.is_empty() || VoiceGap::parse(text).is_some() => String::new(),
            (VoiceGap::KEY, _) => {
                return Err(CoreError::invalid("text", "Choose one of the reasons offered for a blank child's voice."))
            }
            (s, _) => return Err(CoreError::invalid("section", format!("There is no section \"{s}\"."))),
        };
        text_field("text", "text", text)?;
        let old = if section == "impact" {
            a.narrative.impact.get(&area_key).cloned()
        } else if section == VoiceGap::KEY {
            a.narrative.voice_gap.map(|g| g.as_str().to_string())
        } else {
            a.narrative.section(section).map(str::to_string)
        };
        let saved_at = now_stamp();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO narratives (assessment_id, section, area_id, text) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (assessment_id, section, area_id) DO UPDATE SET text = excluded.text",
            params![assessment_id, section, area_key, text],
        )
        .map_err(locked)?;
        let field = if area_key.is_empty() { section.to_string() } else { format!("{section}:{area_key}") };
        record(
            &tx,
            &self.actor,
            Change {
                action: "update",
                record_type: "assessment",
                record_id: Some(assessment_id),
                child_id: Some(a.child_id),
                field: Some(&field),
                old_value: old.as_deref(),
                new_value: Some(text),
            },
        )?;
        tx.commit()?;
        Ok(Saved { saved_at })
    }

    pub fn add_action(&mut self, assessment_id: i64, form: &ActionForm) -> Result<Action> {
        let child_id = self.draft(assessment_id)?.child_id;
        let Action { what, who, agency, by_when, target_grade, area_id, .. } = form.validate(self.checklist())?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO actions (assessment_id, what, who, agency, by_when, target_grade, area_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![assessment_id, what, who, agency, by_when, target_grade, area_id],
        )
        .map_err(locked)?;
        let id = tx.last_insert_rowid();
        let summary = format!("{what} — {who} ({agency}) by {by_when}");
        record(
            &tx,
            &self.actor,
            Change {
                action: "create",
                record_type: "action",
                record_id: Some(id),
                child_id: Some(child_id),
                new_value: Some(&summary),
                ..Change::default()
            },
        )?;
        tx.commit()?;
        self.get_assessment(assessment_id)?
            .actions
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| CoreError::NotFound("The action was not saved.".into()))
    }

    pub fn delete_action(&mut self, action_id: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        let (what, child_id) = action_of_child(&tx, action_id, "what")?;
        tx.execute("DELETE FROM actions WHERE id = ?1", [action_id]).map_err(locked)?;
        record(
            &tx,
            &self.actor,
            Change {
                action: "delete",
                record_type: "action",
                record_id: Some(action_id),
                child_id: Some(child_id),
                old_value: Some(&what),
                ..Change::default()
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records what came of an action, at review; allowed after the plan is finalised.
    pub fn record_action_result(&mut self, action_id: i64, result: &str) -> Result<()> {
        text_field("result", "result", result)?;
        let tx = self.conn.transaction()?;
        let (old, child_id) = action_of_child(&tx, action_id, "result")?;
        tx.execute("UPDATE actions SET result = ?2 WHERE id = ?1", params![action_id, result.trim()])
            .map_err(locked)?;
        record(
            &tx,
            &self.actor,
            Change {
                action: "update",
                record_type: "action",
                record_id: Some(action_id),
                child_id: Some(child_id),
                field: Some("result"),
                old_value: Some(&old),
                new_value: Some(result.trim()),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// What stands between this draft and finalising it (the rules are `Assessment::finalise_check`).
    pub fn finalise_check(&self, assessment_id: i64) -> Result<FinaliseCheck> {
        let a = self.get_assessment(assessment_id)?;
        let child = self.get_child(a.child_id)?;
        Ok(FinaliseCheck::of(&a, self.checklists.of(&a), &child))
    }

    /// Locks the assessment. Refused while anything blocking remains.
    pub fn finalise(&mut self, assessment_id: i64) -> Result<Assessment> {
        let draft = self.draft(assessment_id)?;
        let child_id = draft.child_id;
        let check = self.finalise_check(assessment_id)?;
        if !check.blocking.is_empty() {
            return Err(CoreError::Refused(format!(
                "The checklist cannot be finalised yet. {}",
                check.blocking.iter().map(|g| g.message.as_str()).collect::<Vec<_>>().join(" ")
            )));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE assessments SET status = 'finalised', finalised_at = ?2 WHERE id = ?1",
            params![assessment_id, now_stamp()],
        )
        .map_err(locked)?;
        record(
            &tx,
            &self.actor,
            Change {
                action: "finalise",
                record_type: "assessment",
                record_id: Some(assessment_id),
                child_id: Some(child_id),
                field: Some("status"),
                old_value: Some("draft"),
                new_value: Some("finalised"),
            },
        )?;
        Store::record_automatic_event(
            &tx,
            &self.actor,
            child_id,
            EventKind::ChecklistFinalised,
            draft.assessed_on,
            &draft.assessor.agency,
            &draft.finalised_event_words(),
        )?;
        tx.commit()?;
        self.refresh_child_status(child_id)?;
        self.get_assessment(assessment_id)
    }

    /// Starts a correction of a finalised assessment: a new draft with the same content that
    /// keeps the original untouched and records why.
    pub fn amend(&mut self, assessment_id: i64, reason: &str) -> Result<Assessment> {
        let original = self.get_assessment(assessment_id)?;
        if original.status != AssessmentStatus::Finalised {
            return Err(CoreError::Refused(
                "Only a finalised checklist is amended; a draft can simply be edited.".into(),
            ));
        }
        let reason = required("reason", "reason for the amendment", reason)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO assessments (child_id, checklist_id, checklist_version, checklist_hash, assessed_on,
                 practitioner_id, review_round, amends_id, amendment_reason, created_at, amended_by, amended_at)
             SELECT child_id, checklist_id, checklist_version, checklist_hash, assessed_on, practitioner_id,
                 review_round, id, ?2, ?3, ?4, ?3 FROM assessments WHERE id = ?1",
            params![assessment_id, reason, now_stamp(), self.actor],
        )?;
        let id = tx.last_insert_rowid();
        for table_copy in [
            "INSERT INTO item_grades (assessment_id, item_id, grade, evidence, source, evidence_date, professional_only, updated_at)
             SELECT ?2, item_id, grade, evidence, source, evidence_date, professional_only, updated_at FROM item_grades WHERE assessment_id = ?1",
            "INSERT INTO item_adults (assessment_id, item_id, adult_id)
             SELECT ?2, item_id, adult_id FROM item_adults WHERE assessment_id = ?1",
            "INSERT INTO area_confirmations (assessment_id, area_id, confirmed, reason)
             SELECT ?2, area_id, confirmed, reason FROM area_confirmations WHERE assessment_id = ?1",
            "INSERT INTO narratives (assessment_id, section, area_id, text)
             SELECT ?2, section, area_id, text FROM narratives WHERE assessment_id = ?1",
            "INSERT INTO actions (assessment_id, what, who, agency, by_when, target_grade, area_id, result)
             SELECT ?2, what, who, agency, by_when, target_grade, area_id, result FROM actions WHERE assessment_id = ?1 ORDER BY id",
        ] {
            tx.execute(table_copy, params![assessment_id, id])?;
        }
        record(
            &tx,
            &self.actor,
            Change {
                action: "amend",
                record_type: "assessment",
                record_id: Some(id),
                child_id: Some(original.child_id),
                field: Some("amends"),
                new_value: Some(&format!("{assessment_id}: {reason}")),
                ..Change::default()
            },
        )?;
        tx.commit()?;
        self.get_assessment(id)
    }

    /// Discards a draft (a finalised assessment is refused by the schema).
    pub fn discard_draft(&mut self, assessment_id: i64) -> Result<()> {
        let child_id = self.draft(assessment_id)?.child_id;
        let tx = self.conn.transaction()?;
        for sql in [
            "DELETE FROM item_adults WHERE assessment_id = ?1",
            "DELETE FROM item_grades WHERE assessment_id = ?1",
            "DELETE FROM area_confirmations WHERE assessment_id = ?1",
            "DELETE FROM narratives WHERE assessment_id = ?1",
            "DELETE FROM actions WHERE assessment_id = ?1",
            "DELETE FROM assessments WHERE id = ?1",
        ] {
            tx.execute(sql, [assessment_id]).map_err(locked)?;
        }
        record(
            &tx,
            &self.actor,
            Change {
                action: "delete",
                record_type: "assessment",
                record_id: Some(assessment_id),
                child_id: Some(child_id),
                field: Some("status"),
                old_value: Some("draft"),
                ..Change::default()
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// Everything the checklist screen shows for one assessment.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AssessmentView {
    pub assessment: Assessment,
    pub child: crate::model::Child,
    pub profile: crate::scoring::Profile,
    pub finalise_check: FinaliseCheck,
}

impl Store {
    pub fn assessment_view(&self, assessment_id: i64) -> Result<AssessmentView> {
        let assessment = self.get_assessment(assessment_id)?;
        let child = self.get_child(assessment.child_id)?;
        let profile = assessment.profile(self.checklists.of(&assessment), &child);
        let finalise_check = self.finalise_check(assessment_id)?;
        Ok(AssessmentView { assessment, child, profile, finalise_check })
    }
}
