//! What the app and the command line print: the two PDF summaries and a child's history,
//! gathered from the store in one place so both front ends give the same documents.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use sha2::{Digest, Sha256};

use super::audit::{record, Change};
use super::Store;
use crate::compare::{self, AreaGap, Disagreement, History};
use crate::error::{CoreError, Result};
use crate::model::Child;
use crate::report::FamilyLanguage;
use crate::report::{self, PrintedSection, ReportInput};

/// Which printed summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportKind {
    CoreGroup,
    Family,
}

impl ReportKind {
    pub fn file_stem(self) -> &'static str {
        match self {
            ReportKind::CoreGroup => "core-group-summary",
            ReportKind::Family => "family-summary",
        }
    }
}

/// A child's history screen: the series, the flags and the disagreements to discuss.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ChildHistory {
    pub child: crate::model::Child,
    pub history: History,
    pub disagreements: Vec<Disagreement>,
    /// Areas two assessors of one round score 1.0 or more apart.
    pub area_gaps: Vec<AreaGap>,
}

/// A section of the family summary and whether it has been checked as safe to share.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SectionCheck {
    pub section: PrintedSection,
    /// Who confirmed these exact words, and when; `None` when never checked or since changed.
    pub checked_by: Option<String>,
    pub checked_at: Option<String>,
}

/// The family summary's safety check: what it will print, what is confirmed, and the names
/// to look out for.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FamilyCheck {
    pub sections: Vec<SectionCheck>,
    /// The other people recorded in the household, children and adults (full and first names), shown highlighted
    /// in the sections as prompts: a family summary may be read by any of them.
    pub household_names: Vec<String>,
}

impl FamilyCheck {
    /// The sections still to be checked, by title.
    pub fn unchecked(&self) -> Vec<&str> {
        self.sections.iter().filter(|s| s.checked_at.is_none()).map(|s| s.section.title.as_str()).collect()
    }
}

/// What the audit log keeps for a confirmation: a fingerprint of the words checked, so the
/// confirmation lapses as soon as the printed words differ.
fn fingerprint(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!("checked as safe to share; sha256 {}", digest.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

pub(super) const FAMILY_CHECK: &str = "family_summary";

impl Store {
    /// Gathers what a summary is made from and hands it to `make`: the child, every checklist,
    /// the others in the household and the contact details from Settings.
    fn with_report_input<T>(
        &self,
        child_id: i64,
        today: NaiveDate,
        make: impl FnOnce(&ReportInput) -> Result<T>,
    ) -> Result<T> {
        let child = self.get_child(child_id)?;
        let assessments = self.assessments_for_child(child_id)?;
        let siblings: Vec<Child> = match child.household_id {
            Some(h) => {
                self.list_children()?.into_iter().filter(|c| c.household_id == Some(h) && c.id != child.id).collect()
            }
            None => Vec::new(),
        };
        let mut sibling_latest = Vec::new();
        for s in &siblings {
            let theirs = self.assessments_for_child(s.id)?;
            if let Some(latest) =
                compare::current_versions(&theirs).iter().map(|a| a.assessed_on).filter(|d| *d <= today).max()
            {
                sibling_latest.push((s.id, latest));
            }
        }
        let practitioner = self.practitioner_details()?;
        let oversight = crate::report::Oversight {
            plans: self.plans(child_id, today)?,
            manager_reviews: self.manager_reviews(child_id)?,
            meetings: self.meetings(child_id)?,
            engagement: self.engagement(child_id)?,
            references: self.case_references(child_id)?,
        };
        let adults = self.adults_of_child(child_id)?;
        let events = self.chronology(child_id, None, Some(today), false)?;
        let logo = self.logo()?;
        make(&ReportInput {
            checklist: &self.checklists,
            child: &child,
            assessments: &assessments,
            household_name: child.household_name.as_deref(),
            siblings: &siblings,
            sibling_latest: &sibling_latest,
            today,
            practitioner: &practitioner,
            oversight: &oversight,
            adults: &adults,
            events: &events,
            logo: logo.as_ref(),
        })
    }

    /// The key parts of the core-group summary as plain text ("Copy summary as text"), from the
    /// same sections and words as the PDF.
    pub fn core_group_text(&self, child_id: i64, today: NaiveDate) -> Result<String> {
        self.with_report_input(child_id, today, |input| {
            report::core_group_text(input).map_err(|e| CoreError::Refused(e.to_string()))
        })
    }

    /// The PDF bytes of a summary for one child, as of `today`. The family summary is refused
    /// until every printed section has been checked as safe to share in its present words.
    pub fn report(&self, kind: ReportKind, child_id: i64, today: NaiveDate) -> Result<Vec<u8>> {
        self.report_in(kind, child_id, today, FamilyLanguage::English)
    }

    /// [`Store::report`] with the family summary's fixed phrases in `language` (the core-group
    /// summary is in English).
    pub fn report_in(
        &self,
        kind: ReportKind,
        child_id: i64,
        today: NaiveDate,
        language: FamilyLanguage,
    ) -> Result<Vec<u8>> {
        let refused = |e: report::ReportError| CoreError::Refused(e.to_string());
        self.with_report_input(child_id, today, |input| match kind {
            ReportKind::CoreGroup => report::core_group_summary(input).map_err(refused),
            ReportKind::Family => {
                // Gaps first (an empty part cannot be checked), then the check itself.
                let pdf = report::family_summary_in(input, language).map_err(refused)?;
                let unchecked = self.family_check_of(input)?.unchecked().join("; ");
                if !unchecked.is_empty() {
                    return Err(CoreError::Refused(format!(
                        "The family summary is printed only after each part has been checked as safe to share. Not yet checked: {unchecked}."
                    )));
                }
                Ok(pdf)
            }
        })
    }

    /// The family summary's sections with their confirmations.
    pub fn family_check(&self, child_id: i64, today: NaiveDate) -> Result<FamilyCheck> {
        self.with_report_input(child_id, today, |input| self.family_check_of(input))
    }

    fn family_check_of(&self, input: &ReportInput) -> Result<FamilyCheck> {
        let child_id = input.child.id;
        let printed = report::printed_sections(input).map_err(|e| CoreError::Refused(e.to_string()))?;
        let log = self.audit_log(Some(FAMILY_CHECK), Some(child_id))?;
        let sections = printed
            .into_iter()
            .map(|section| {
                // Newest first: only the latest confirmation of a section counts.
                let latest = log.iter().find(|e| e.field.as_deref() == Some(section.key.as_str()));
                let current = latest.filter(|e| e.new_value.as_deref() == Some(fingerprint(&section.text).as_str()));
                SectionCheck {
                    checked_by: current.map(|e| e.actor.clone()),
                    checked_at: current.map(|e| e.at.clone()),
                    section,
                }
            })
            .collect();
        // The adults too: a partner named in a part written for the family is as much a prompt
        // to check as a brother or sister is.
        let others = input.siblings.iter().map(|c| &c.name).chain(input.adults.iter().map(|a| &a.name));
        let mut household_names = Vec::new();
        for other in others {
            let full = other.trim().to_string();
            let first = full.split_whitespace().next().unwrap_or_default().to_string();
            for name in [full, first] {
                if name.chars().count() > 1 && !household_names.contains(&name) {
                    household_names.push(name);
                }
            }
        }
        Ok(FamilyCheck { sections, household_names })
    }

    /// Records that the practitioner checked one printed section as safe to share (no new
    /// address, no third party's details, nothing said in confidence, no details of abuse).
    /// Who and when go in the audit log; an empty section cannot be confirmed.
    pub fn confirm_family_section(&mut self, child_id: i64, key: &str, today: NaiveDate) -> Result<FamilyCheck> {
        let check = self.family_check(child_id, today)?;
        let section =
            check.sections.iter().find(|s| s.section.key == key).ok_or_else(|| {
                CoreError::invalid("section", format!("The family summary has no section \"{key}\"."))
            })?;
        if section.section.text.is_empty() {
            return Err(CoreError::Refused(format!(
                "\"{}\" is empty: write it on the checklist before checking it.",
                section.section.title
            )));
        }
        let tx = self.conn.transaction()?;
        let checked = fingerprint(&section.section.text);
        record(
            &tx,
            &self.actor,
            Change {
                action: "check",
                record_type: FAMILY_CHECK,
                record_id: Some(child_id),
                child_id: Some(child_id),
                field: Some(key),
                new_value: Some(&checked),
                ..Change::default()
            },
        )?;
        tx.commit()?;
        self.family_check(child_id, today)
    }

    pub fn child_history(&self, child_id: i64, today: NaiveDate) -> Result<ChildHistory> {
        let child = self.get_child(child_id)?;
        let assessments = self.assessments_for_child(child_id)?;
        let mut history = compare::history(&self.checklists, &child, &assessments, today);
        crate::core_group::with_agreed_grades(&mut history, &super::core_group::meetings_of(&self.conn, child_id)?);
        history.review =
            history.review.following_plan(super::plans::current_plan(&self.conn, child_id)?.as_ref(), today);
        let disagreements = compare::disagreements(&self.checklists, &assessments);
        let area_gaps = compare::area_gaps(&self.checklists, &child, &assessments);
        Ok(ChildHistory { child, history, disagreements, area_gaps })
    }
}
