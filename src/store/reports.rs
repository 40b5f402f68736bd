//! What the app and the command line print: the two PDF summaries and a child's history,
//! gathered from the store in one place so both front ends give the same documents.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use crate::compare::{self, AreaGap, Disagreement, History};
use crate::error::{CoreError, Result};
use crate::report::{self, ReportInput};

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

impl Store {
    /// The PDF bytes of a summary for one child, as of `today`.
    pub fn report(&self, kind: ReportKind, child_id: i64, today: NaiveDate) -> Result<Vec<u8>> {
        let child = self.get_child(child_id)?;
        let assessments = self.assessments_for_child(child_id)?;
        let siblings: Vec<_> = match child.household_id {
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
        let input = ReportInput {
            checklist: &self.checklists,
            child: &child,
            assessments: &assessments,
            household_name: child.household_name.as_deref(),
            siblings: &siblings,
            sibling_latest: &sibling_latest,
            today,
        };
        let pdf = match kind {
            ReportKind::CoreGroup => report::core_group_summary(&input),
            ReportKind::Family => report::family_summary(&input),
        };
        pdf.map_err(|e| CoreError::Refused(e.to_string()))
    }

    pub fn child_history(&self, child_id: i64, today: NaiveDate) -> Result<ChildHistory> {
        let child = self.get_child(child_id)?;
        let assessments = self.assessments_for_child(child_id)?;
        let history = compare::history(&self.checklists, &child, &assessments, today);
        let disagreements = compare::disagreements(&self.checklists, &assessments);
        let area_gaps = compare::area_gaps(&self.checklists, &child, &assessments);
        Ok(ChildHistory { child, history, disagreements, area_gaps })
    }
}
