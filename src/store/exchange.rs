//! The database side of sharing between agencies (export, import preview, import). The file
//! format and its checks live in `crate::exchange` (records mapped in `exchange::mapping`, the
//! child matched in `exchange::matching`); the partnership dataset is in `store/dataset.rs`.
//!
//! An import is worked out in full before anything is written ([`Store::import_preview`]),
//! and applied in one transaction with its audit rows ([`Store::import`]). It only ever adds:
//! a child who is not here yet, and checklists that are not here yet, inserted as finalised.
//! Nothing that is already here is changed.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Transaction;

use super::audit::{now_stamp, record, Change};
use super::Store;
use crate::assessment::{Assessment, AssessmentStatus};
use crate::error::{CoreError, Result};
use crate::exchange::{
    check_assessment, known_checklist, matching, plural, ChecklistRef, ChildMatch, ExchangeAssessment, ExchangeChild,
    ExchangeFile, ImportOutcome, ImportPlan, ImportReport, PlannedAssessment, FORMAT, FORMAT_VERSION,
};
use crate::scoring::Grade;

/// Where each checklist of a file ends up: what an amendment's `amends` resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    /// Already here, with this id.
    Existing(i64),
    /// Added by this import: the index of the checklist in the file.
    New(usize),
    Refused,
}

/// What makes two checklists the same one: the day, the assessor (name and agency) and every
/// grade. Looked up in a hash map, so a file of many checklists is checked in linear time.
#[derive(PartialEq, Eq, Hash)]
struct Sameness {
    assessed_on: NaiveDate,
    assessor_name: String,
    agency: String,
    grades: Vec<(String, Grade)>,
}

impl Sameness {
    fn of(assessed_on: NaiveDate, assessor_name: &str, agency: &str, grades: HashMap<String, Grade>) -> Sameness {
        let mut grades: Vec<(String, Grade)> = grades.into_iter().collect();
        grades.sort_by(|a, b| a.0.cmp(&b.0));
        Sameness { assessed_on, assessor_name: assessor_name.to_string(), agency: agency.to_string(), grades }
    }
}

/// A plan, with what applying it needs.
struct Worked {
    plan: ImportPlan,
    file: ExchangeFile,
    targets: HashMap<u32, Target>,
    chronology: super::chronology::ChronologyWork,
}

/// True when an existing checklist corrects the same one as an incoming checklist would.
fn same_amends(existing: Option<i64>, incoming: Option<Target>) -> bool {
    match (existing, incoming) {
        (None, None) => true,
        (Some(x), Some(Target::Existing(y))) => x == y,
        _ => false,
    }
}

fn today_here() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl Store {
    // -----------------------------------------------------------------------------------------
    // Export
    // -----------------------------------------------------------------------------------------

    /// One child's finalised checklists (drafts are never exported) as an exchange file.
    /// Records in the audit log that the child's record was exported.
    pub fn export_child(&mut self, child_id: i64) -> Result<ExchangeFile> {
        let child = self.get_child(child_id)?;
        let mut finalised: Vec<Assessment> = self
            .assessments_for_child(child_id)?
            .into_iter()
            .filter(|a| a.status == AssessmentStatus::Finalised)
            .collect();
        if finalised.is_empty() {
            return Err(CoreError::Refused(format!(
                "{} has no finalised checklist to share. Only finalised checklists are exported.",
                child.name
            )));
        }
        // Oldest first; an amendment must come after the checklist it corrects, which creation
        // order (ids) always gives.
        let position: HashMap<i64, usize> = finalised.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
        if finalised.iter().enumerate().any(|(i, a)| a.amends.and_then(|o| position.get(&o)).is_some_and(|&o| o > i)) {
            finalised.sort_by_key(|a| a.id);
        }
        // The file names the checklist of its newest checklist; one completed on another version
        // (a child whose checklists span versions) names its own, so each is read against its words.
        let checklist = ChecklistRef::of_assessment(&finalised[finalised.len() - 1]);
        let refs: HashMap<i64, u32> = finalised.iter().enumerate().map(|(i, a)| (a.id, i as u32 + 1)).collect();
        let (household_members, adults, events) = self.export_chronology(&child)?;
        // An item names an adult the file carries (the child's household), by name.
        let adult_names: HashMap<i64, String> =
            self.adults_of_child(child_id)?.into_iter().map(|a| (a.id, a.name)).collect();
        let adult_name = |id: i64| adult_names.get(&id).cloned();
        let mut assessments = Vec::with_capacity(finalised.len());
        for a in &finalised {
            let amends = match a.amends {
                None => None,
                Some(original) => Some(*refs.get(&original).ok_or_else(|| {
                    CoreError::Refused(format!(
                        "Checklist {} corrects checklist {original}, which is not finalised; it cannot be exported.",
                        a.id
                    ))
                })?),
            };
            let own = Some(ChecklistRef::of_assessment(a)).filter(|r| *r != checklist);
            assessments.push(ExchangeAssessment::of(a, refs[&a.id], own, amends, &adult_name));
        }
        let file = ExchangeFile {
            format: FORMAT.to_string(),
            format_version: FORMAT_VERSION,
            exported_at: now_stamp(),
            exported_by: self.actor.clone(),
            checklist,
            child: ExchangeChild::of(&child),
            assessments,
            audit_head: super::audit::head(&self.conn)?,
            plans: super::plans::plans_of(&self.conn, child_id)?
                .into_iter()
                .map(|p| crate::exchange::ExchangePlan {
                    plan_type: p.plan_type,
                    category: p.category,
                    started_on: p.started_on,
                    ended_on: p.ended_on,
                    outcome: p.outcome,
                })
                .collect(),
            manager_reviews: self
                .manager_reviews(child_id)?
                .into_iter()
                .filter_map(|r| {
                    Some(crate::exchange::ExchangeManagerReview {
                        checklist_reference: *refs.get(&r.assessment_id)?,
                        manager_name: r.manager_name,
                        manager_role: r.manager_role,
                        reviewed_on: r.reviewed_on,
                        decision: r.decision,
                        comment: r.comment,
                    })
                })
                .collect(),
            core_group_meetings: super::core_group::meetings_of(&self.conn, child_id)?
                .into_iter()
                .map(|m| crate::exchange::ExchangeMeeting {
                    held_on: m.held_on,
                    agencies_present: m.agencies_present,
                    agencies_absent: m.agencies_absent,
                    not_involved: m.not_involved,
                    agreed: m.agreed,
                })
                .collect(),
            engagement: super::core_group::engagement_of(&self.conn, child_id)?
                .into_iter()
                .map(|r| crate::exchange::ExchangeEngagement {
                    rated_on: r.rated_on,
                    carer: r.carer,
                    engagement: r.engagement.0,
                })
                .collect(),
            case_references: Some(super::references::references_of(&self.conn, child_id)?).filter(|r| !r.is_empty()),
            household_members,
            adults,
            events,
        };
        let tx = self.conn.transaction()?;
        let note = format!(
            "exported {} for sharing",
            plural(file.assessments.len() as u32, "finalised checklist", "finalised checklists")
        );
        record(
            &tx,
            &self.actor,
            Change {
                action: "export",
                record_type: "child",
                record_id: Some(child_id),
                child_id: Some(child_id),
                new_value: Some(&note),
                ..Change::default()
            },
        )?;
        tx.commit()?;
        Ok(file)
    }

    // -----------------------------------------------------------------------------------------
    // Import
    // -----------------------------------------------------------------------------------------

    /// Reads and checks an exchange file and works out exactly what importing it would do.
    /// Writes nothing. `passphrase` is needed for an encrypted file (ignored for a plain one).
    pub fn import_preview(&self, bytes: &[u8], passphrase: Option<&str>) -> Result<ImportPlan> {
        self.import_preview_on(bytes, passphrase, today_here())
    }

    /// [`Store::import_preview`] with `today` given (dates after it are refused).
    pub fn import_preview_on(&self, bytes: &[u8], passphrase: Option<&str>, today: NaiveDate) -> Result<ImportPlan> {
        Ok(self.work_out(bytes, passphrase, today)?.plan)
    }

    /// Imports an exchange file: the child (matched by name and date of birth, or added) and
    /// every checklist not already here, as finalised, in one transaction with audit rows.
    /// A file with any fault, or with any checklist refused, imports nothing. Importing the
    /// same file again adds nothing and says so.
    pub fn import(&mut self, bytes: &[u8], passphrase: Option<&str>) -> Result<ImportReport> {
        self.import_on(bytes, passphrase, today_here())
    }

    /// [`Store::import`] with `today` given.
    pub fn import_on(&mut self, bytes: &[u8], passphrase: Option<&str>, today: NaiveDate) -> Result<ImportReport> {
        let Worked { plan, file, targets, chronology } = self.work_out(bytes, passphrase, today)?;
        if !plan.can_import {
            let reasons: Vec<String> = plan
                .assessments
                .iter()
                .filter_map(|p| match &p.outcome {
                    ImportOutcome::Refused { reasons } => Some(format!(
                        "Checklist ref {} ({}, {}): {}",
                        p.reference,
                        p.assessed_on,
                        p.assessor.agency,
                        reasons.join(" ")
                    )),
                    _ => None,
                })
                .collect();
            return Err(CoreError::Refused(format!("{} {}", plan.summary, reasons.join(" "))));
        }
        let skipped = plan.duplicate_count;
        if plan.new_count == 0 && plan.chronology.is_empty() {
            let child_id = plan.child.existing_id.ok_or_else(|| CoreError::Refused(plan.summary.clone()))?;
            return Ok(ImportReport {
                child_id,
                child_created: false,
                added: Vec::new(),
                skipped_duplicates: skipped,
                summary: plan.summary,
            });
        }

        let actor = self.actor.clone();
        let tx = self.conn.transaction()?;
        let (child_id, child_created) = match plan.child.existing_id {
            Some(id) => (id, false),
            None => (insert_child(&tx, &actor, &file.child)?, true),
        };
        import_case_file(&tx, &actor, child_id, child_created, &file, today)?;
        // The household's adults first: an item of a checklist may name one of them.
        super::chronology::apply_chronology(&tx, &actor, child_id, &file, &chronology)?;
        let mut added: HashMap<usize, i64> = HashMap::new();
        let mut added_in_order = Vec::new();
        for (index, (a, planned)) in file.assessments.iter().zip(&plan.assessments).enumerate() {
            if planned.outcome != ImportOutcome::New {
                continue;
            }
            let amends_id = match a.amends {
                None => None,
                Some(r) => Some(match targets.get(&r) {
                    Some(Target::Existing(id)) => *id,
                    Some(Target::New(i)) => *added.get(i).ok_or_else(|| {
                        CoreError::Refused(format!(
                            "Checklist ref {} could not be linked to the one it corrects.",
                            a.reference
                        ))
                    })?,
                    _ => {
                        return Err(CoreError::Refused(format!(
                            "Checklist ref {} corrects one that is refused.",
                            a.reference
                        )))
                    }
                }),
            };
            let id = insert_assessment(&tx, &actor, child_id, &file, a, amends_id)?;
            added.insert(index, id);
            added_in_order.push(id);
            import_reviews_of(&tx, &actor, child_id, id, a.reference, &file, today)?;
        }
        let note = format!(
            "imported {} from a file exported at {} by {}; {} already here",
            plural(added_in_order.len() as u32, "checklist", "checklists"),
            file.exported_at,
            file.exported_by,
            skipped
        );
        record(
            &tx,
            &actor,
            Change {
                action: "import",
                record_type: "child",
                record_id: Some(child_id),
                child_id: Some(child_id),
                new_value: Some(&note),
                ..Change::default()
            },
        )?;
        tx.commit()?;
        // The child's household members (new ones too) get their summaries: "not yet assessed"
        // is read from them.
        let household = self.get_child(child_id)?.household_id;
        let household_children: Vec<i64> = match household {
            Some(h) => self.list_children()?.into_iter().filter(|c| c.household_id == Some(h)).map(|c| c.id).collect(),
            None => vec![child_id],
        };
        for id in household_children {
            self.refresh_child_status(id)?;
        }
        let mut summary = format!("{} added", plural(added_in_order.len() as u32, "checklist", "checklists"));
        if child_created {
            summary.push_str(&format!(" for {}, who is new here", file.child.name.trim()));
        }
        summary.push('.');
        if skipped > 0 {
            summary
                .push_str(&format!(" {} already here, skipped.", plural(skipped, "checklist was", "checklists were")));
        }
        summary.push_str(&plan.chronology.sentence());
        Ok(ImportReport { child_id, child_created, added: added_in_order, skipped_duplicates: skipped, summary })
    }

    /// Whether a checklist here was imported (its audit row says so) rather than written here.
    fn came_from_a_file(&self, assessment_id: i64) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'import' AND record_type = 'assessment' AND record_id = ?1",
            [assessment_id],
            |r| r.get::<_, i64>(0).map(|n| n > 0),
        )?)
    }

    /// Reads the file, checks it against the app's checklist and works out, checklist by
    /// checklist, whether it is new, already here, or refused. Reads only.
    fn work_out(&self, bytes: &[u8], passphrase: Option<&str>, today: NaiveDate) -> Result<Worked> {
        let encrypted = crate::exchange::is_encrypted(bytes);
        let file = ExchangeFile::from_bytes(bytes, passphrase)?;
        file.check_child(today)?;
        known_checklist(&file.checklist, &self.checklists).map_err(CoreError::Refused)?;

        // The child: same name (ignoring case and spacing) and the same date of birth.
        let children = self.list_children()?;
        let nhs_here: HashMap<i64, String> = self
            .conn
            .prepare("SELECT child_id, nhs_number FROM case_references WHERE nhs_number != ''")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let file_nhs = file.case_references.as_ref().map(|r| r.nhs_number.as_str()).filter(|n| !n.is_empty());
        let here = matching::matched_child(&file.child, file_nhs, &children, &nhs_here)?.cloned();
        let similar = if here.is_none() { matching::similar_children(&file.child, &children) } else { Vec::new() };
        let existing: Vec<Assessment> = match &here {
            Some(c) => self
                .assessments_for_child(c.id)?
                .into_iter()
                .filter(|a| a.status == AssessmentStatus::Finalised)
                .collect(),
            None => Vec::new(),
        };
        let mut here_by_sameness: HashMap<Sameness, Vec<&Assessment>> = HashMap::new();
        for e in &existing {
            let key = Sameness::of(e.assessed_on, &e.assessor.name, &e.assessor.agency, e.grades());
            here_by_sameness.entry(key).or_default().push(e);
        }

        let mut earlier = HashSet::new();
        let mut targets: HashMap<u32, Target> = HashMap::new();
        // Checklists of this file that would be added: (sameness, amends) -> (index, ref).
        let mut incoming: HashMap<(Sameness, Option<Target>), (usize, u32)> = HashMap::new();
        let mut planned = Vec::with_capacity(file.assessments.len());
        for (index, a) in file.assessments.iter().enumerate() {
            let mut reasons = match known_checklist(a.checklist_ref(&file.checklist), &self.checklists) {
                Ok(checklist) => check_assessment(a, &earlier, checklist, &file.child, &file.adults, today),
                Err(message) => vec![message],
            };
            earlier.insert(a.reference);
            let amends = a.amends.and_then(|r| targets.get(&r).copied());
            if amends == Some(Target::Refused) {
                reasons.push(format!("It corrects checklist ref {}, which is refused.", a.amends.unwrap_or_default()));
            }
            // Another agency's correction never replaces this agency's own checklist under its
            // assessor's name: only a checklist that itself came from a file may be corrected by one.
            if let Some(Target::Existing(original)) = amends {
                if !self.came_from_a_file(original)? {
                    reasons.push(format!(
                        "It corrects checklist {original}, which was written here: a correction from another agency cannot replace it. If the correction is agreed, amend the checklist here."
                    ));
                }
            }
            let outcome = if !reasons.is_empty() {
                targets.insert(a.reference, Target::Refused);
                ImportOutcome::Refused { reasons }
            } else {
                let key = Sameness::of(a.assessed_on, &a.assessor.name, &a.assessor.agency, a.grades());
                let here_already = here_by_sameness
                    .get(&key)
                    .and_then(|same| same.iter().find(|e| same_amends(e.amends, amends)).copied());
                let key = (key, amends);
                let repeated = incoming.get(&key).copied();
                if let Some(e) = here_already {
                    targets.insert(a.reference, Target::Existing(e.id));
                    ImportOutcome::Duplicate {
                        existing_id: Some(e.id),
                        reason: format!(
                            "Already here: the checklist of {} by {} ({}) with the same grades.",
                            e.assessed_on, e.assessor.name, e.assessor.agency
                        ),
                    }
                } else if let Some((first_index, first_ref)) = repeated {
                    targets.insert(a.reference, Target::New(first_index));
                    ImportOutcome::Duplicate {
                        existing_id: None,
                        reason: format!("It repeats checklist ref {first_ref} in this file."),
                    }
                } else {
                    targets.insert(a.reference, Target::New(index));
                    incoming.insert(key, (index, a.reference));
                    ImportOutcome::New
                }
            };
            planned.push(PlannedAssessment {
                reference: a.reference,
                assessed_on: a.assessed_on,
                assessor: a.assessor(),
                amends: a.amends,
                amended_by: a.amended_by.clone().filter(|_| a.amends.is_some()),
                outcome,
            });
        }

        let chronology = self.work_out_chronology(&file, here.as_ref(), today)?;
        let count = |f: fn(&ImportOutcome) -> bool| planned.iter().filter(|p| f(&p.outcome)).count() as u32;
        let new_count = count(|o| matches!(o, ImportOutcome::New));
        let duplicate_count = count(|o| matches!(o, ImportOutcome::Duplicate { .. }));
        let refused_count = count(|o| matches!(o, ImportOutcome::Refused { .. }));
        let can_import = refused_count == 0;
        let name = file.child.name.trim();
        let summary = if !can_import {
            format!(
                "Nothing will be imported: {} in this file {} refused (see why below). Ask the sender for a new export.",
                plural(refused_count, "checklist", "checklists"),
                if refused_count == 1 { "is" } else { "are" }
            )
        } else if new_count == 0 && !chronology.plan.is_empty() {
            format!("No new checklists ({duplicate_count} already here).")
        } else if new_count == 0 {
            format!(
                "Nothing new: {} in this file {} already here (imported before). Nothing will be changed.",
                plural(duplicate_count, "checklist", "checklists"),
                if duplicate_count == 1 { "is" } else { "are" }
            )
        } else {
            let mut s = match &here {
                Some(_) => format!(
                    "{} will be added to {name}, who is already here.",
                    plural(new_count, "checklist", "checklists")
                ),
                None => format!(
                    "{name} will be added as a new child, with {}.",
                    plural(new_count, "checklist", "checklists")
                ),
            };
            if duplicate_count > 0 {
                s.push_str(&format!(
                    " {} already here and will be skipped.",
                    plural(duplicate_count, "checklist is", "checklists are")
                ));
            }
            s
        };
        let child = ChildMatch {
            name: file.child.name.clone(),
            date_of_birth: file.child.date_of_birth,
            unborn: file.child.unborn,
            existing_id: here.as_ref().map(|c| c.id),
            differences: here.as_ref().map(|c| matching::differences(&file.child, c)).unwrap_or_default(),
            similar,
        };
        let plan = ImportPlan {
            encrypted,
            exported_at: file.exported_at.clone(),
            exported_by: file.exported_by.clone(),
            checklist: file.checklist.clone(),
            child,
            assessments: planned,
            new_count,
            duplicate_count,
            refused_count,
            chronology: chronology.plan.clone(),
            can_import,
            summary: format!("{summary}{}", chronology.plan.sentence()),
        };
        Ok(Worked { plan, file, targets, chronology })
    }
}

/// What a format-3 file says about the child's case. Case references fill only what is blank
/// here (the record here is this agency's own; a number already recorded is never overwritten).
/// Plans, meetings and engagement come in only with a child new here: for a child already here
/// they are this agency's own record, and a second copy would count plans twice.
fn import_case_file(
    tx: &Transaction,
    actor: &str,
    child_id: i64,
    child_created: bool,
    file: &ExchangeFile,
    today: NaiveDate,
) -> Result<()> {
    let refuse = |what: &str, e: CoreError| {
        CoreError::Refused(format!("The file's {what} cannot be imported: {e} Nothing has been imported."))
    };
    if let Some(theirs) = &file.case_references {
        let theirs = theirs.validate().map_err(|e| refuse("case references", e))?;
        let ours = super::references::references_of(tx, child_id)?;
        let pick = |ours: &str, theirs: &str| if ours.is_empty() { theirs.to_string() } else { ours.to_string() };
        let merged = crate::references::CaseReferences {
            la_case_number: pick(&ours.la_case_number, &theirs.la_case_number),
            nhs_number: pick(&ours.nhs_number, &theirs.nhs_number),
            unique_pupil_number: pick(&ours.unique_pupil_number, &theirs.unique_pupil_number),
        };
        if merged != ours {
            super::references::write_references(tx, actor, child_id, &merged)?;
        }
    }
    if !child_created {
        return Ok(());
    }
    // The child was added from the file's plan fields a moment ago, in this transaction, which
    // made its current plan; the file's list is the whole history, that plan included.
    if !file.plans.is_empty() {
        tx.execute("DELETE FROM plans WHERE child_id = ?1", [child_id])?;
    }
    for p in &file.plans {
        let form = crate::plans::PlanForm {
            plan_type: Some(p.plan_type),
            category: p.category,
            started_on: p.started_on.to_string(),
        };
        let valid = form.validate(today).map_err(|e| refuse("plans", e))?;
        let stored = super::plans::insert_plan(tx, actor, child_id, &valid).map_err(|e| refuse("plans", e))?;
        if let (Some(end), Some(outcome)) = (p.ended_on, p.outcome) {
            let end_form = crate::plans::EndPlanForm { ended_on: end.to_string(), outcome: Some(outcome) };
            end_form.validate(&stored, today).map_err(|e| refuse("plans", e))?;
            super::plans::close_plan(tx, actor, &stored, end, outcome)?;
        }
    }
    let areas: Vec<String> = crate::checklist::Checklist::shipped().areas.iter().map(|a| a.id.clone()).collect();
    let area_ids: Vec<&str> = areas.iter().map(String::as_str).collect();
    for m in &file.core_group_meetings {
        let form = crate::core_group::MeetingForm {
            held_on: m.held_on.to_string(),
            agencies_present: m.agencies_present.clone(),
            agencies_absent: m.agencies_absent.clone(),
            not_involved: m.not_involved.clone(),
            agreed: m.agreed.clone(),
        };
        let meeting = form.validate(child_id, &area_ids, today).map_err(|e| refuse("core group meetings", e))?;
        super::core_group::insert_meeting(tx, actor, &meeting)?;
    }
    for r in &file.engagement {
        let form = super::core_group::EngagementForm {
            rated_on: r.rated_on.to_string(),
            carer: r.carer.clone(),
            engagement: Some(r.engagement),
        };
        let rating = form.validate(child_id, today).map_err(|e| refuse("engagement ratings", e))?;
        super::core_group::insert_engagement(tx, actor, &rating)?;
    }
    Ok(())
}

/// The managers' reviews the file holds of one checklist just added from it.
fn import_reviews_of(
    tx: &Transaction,
    actor: &str,
    child_id: i64,
    assessment_id: i64,
    reference: u32,
    file: &ExchangeFile,
    today: NaiveDate,
) -> Result<()> {
    let a = file.assessments.iter().find(|a| a.reference == reference);
    let finalised = a.and_then(|a| super::oversight::finalised_on(&a.finalised_at)).unwrap_or(NaiveDate::MIN);
    for r in file.manager_reviews.iter().filter(|r| r.checklist_reference == reference) {
        let form = crate::oversight::ManagerReviewForm {
            manager_name: r.manager_name.clone(),
            manager_role: r.manager_role.clone(),
            reviewed_on: r.reviewed_on.to_string(),
            decision: Some(r.decision),
            comment: r.comment.clone(),
        };
        let valid = form.validate(finalised, today).map_err(|e| {
            CoreError::Refused(format!(
                "A manager's review in the file cannot be imported: {e} Nothing has been imported."
            ))
        })?;
        super::oversight::insert_review(tx, actor, child_id, assessment_id, &valid)?;
    }
    Ok(())
}

/// A child new to this database, as sent (no household: that is the sender's business).
fn insert_child(tx: &Transaction, actor: &str, c: &ExchangeChild) -> Result<i64> {
    let child = c.to_valid_child();
    super::children::insert_child(tx, actor, "import", &child)
}

/// Inserts one checklist as a draft with all its rows, then finalises it with the time it was
/// finalised at the sending agency: the schema's lock triggers hold from then on.
fn insert_assessment(
    tx: &Transaction,
    actor: &str,
    child_id: i64,
    file: &ExchangeFile,
    a: &ExchangeAssessment,
    amends_id: Option<i64>,
) -> Result<i64> {
    let assessor = a.assessor();
    let round = match amends_id {
        Some(original) => {
            tx.query_row("SELECT review_round FROM assessments WHERE id = ?1", [original], |r| r.get(0))?
        }
        None => super::assessments::round_for(tx, child_id, a.assessed_on, &assessor)?,
    };
    // The adults of the child's household here, by name: those of the file are among them now.
    let adults: Vec<(i64, String)> = tx
        .prepare(
            "SELECT a.id, a.name FROM adults a JOIN children c ON c.household_id = a.household_id WHERE c.id = ?1",
        )?
        .query_map([child_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let adult_id = |name: &str| {
        adults.iter().find(|(_, here)| matching::name_key(here) == matching::name_key(name)).map(|(id, _)| *id)
    };
    let received = a.to_assessment(a.checklist_ref(&file.checklist), child_id, round, amends_id, &adult_id);
    if let Some(lost) = a.items.iter().find(|i| i.adult.as_deref().is_some_and(|n| adult_id(n).is_none())) {
        return Err(CoreError::Refused(format!(
            "Checklist ref {}: the adult item \"{}\" concerns could not be found in the child's household. Nothing has been imported.",
            a.reference, lost.item_id
        )));
    }
    let id = super::bulk::insert_assessment(tx, child_id, &received)?;
    let summary = format!(
        "{} on {} by {} ({}), round {round}, finalised at {}; imported from a file exported at {} by {}{}",
        a.checklist_ref(&file.checklist).id,
        a.assessed_on,
        assessor.name,
        assessor.agency,
        a.finalised_at,
        file.exported_at,
        file.exported_by,
        amends_id
            .map(|o| format!(
                "; corrects checklist {o}, amended by {}",
                a.amended_by.as_deref().unwrap_or("(not recorded in the file)")
            ))
            .unwrap_or_default()
    );
    record(
        tx,
        actor,
        Change {
            action: "import",
            record_type: "assessment",
            record_id: Some(id),
            child_id: Some(child_id),
            new_value: Some(&summary),
            ..Change::default()
        },
    )?;
    Ok(id)
}
