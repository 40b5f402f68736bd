//! One completed (or in-progress) checklist for one child: grades with evidence, confirmed
//! area grades, the narrative sections and the actions.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checklist::Checklist;
use crate::model::{AgeBand, Child};
use crate::scoring::{self, Grade, Profile};

/// Who completed the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Practitioner {
    pub name: String,
    pub agency: String,
    pub role: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AssessmentStatus {
    Draft,
    Finalised,
}

impl AssessmentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AssessmentStatus::Draft => "draft",
            AssessmentStatus::Finalised => "finalised",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(AssessmentStatus::Draft),
            "finalised" => Some(AssessmentStatus::Finalised),
            _ => None,
        }
    }
}

/// Where a piece of evidence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EvidenceSource {
    Observed,
    Reported,
    FromRecords,
}

impl EvidenceSource {
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceSource::Observed => "observed",
            EvidenceSource::Reported => "reported",
            EvidenceSource::FromRecords => "from_records",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [EvidenceSource::Observed, EvidenceSource::Reported, EvidenceSource::FromRecords]
            .into_iter()
            .find(|e| e.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            EvidenceSource::Observed => "observed",
            EvidenceSource::Reported => "reported",
            EvidenceSource::FromRecords => "from records",
        }
    }
}

/// One item's grade and the evidence behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemRecord {
    pub item_id: String,
    pub grade: Option<Grade>,
    pub evidence: String,
    pub source: Option<EvidenceSource>,
    pub evidence_date: Option<NaiveDate>,
    /// Evidence for professionals only: never printed in the family summary.
    pub professional_only: bool,
}

/// The practitioner's confirmed grade for an area, and why it differs from the computed score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AreaConfirmation {
    pub area_id: String,
    pub confirmed: u8,
    pub reason: String,
}

/// The written sections recorded with every checklist.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Narrative {
    pub childs_voice: String,
    pub day_in_my_life: String,
    pub strengths: String,
    pub parents_view: String,
    pub worries: String,
    pub needs_to_change: String,
    pub better_looks_like: String,
    /// Impact on the child, per area id.
    pub impact: BTreeMap<String, String>,
}

/// One written section of a checklist: how the screen asks for it, and whether (and under
/// which plain heading) the family summary prints it.
#[derive(Debug, Clone, Copy)]
pub struct NarrativeSection {
    pub key: &'static str,
    pub title: &'static str,
    pub hint: &'static str,
    pub family_title: Option<&'static str>,
}

/// The narrative sections by their stored key, in the order they are written and printed.
pub const NARRATIVE_SECTIONS: [NarrativeSection; 7] = [
    NarrativeSection {
        key: "childs_voice",
        title: "The child's voice",
        hint: "What the child says, shows or would say about their life, in their words where you can.",
        family_title: None,
    },
    NarrativeSection {
        key: "day_in_my_life",
        title: "A day in my life",
        hint: "A typical day from the child's point of view, from waking to sleeping.",
        family_title: None,
    },
    NarrativeSection {
        key: "strengths",
        title: "Strengths and what helps",
        hint: "What is going well, and who or what protects the child.",
        family_title: Some("What is going well"),
    },
    NarrativeSection {
        key: "parents_view",
        title: "The parent or carer's view",
        hint: "What the parent or carer thinks of the worries and of the grades.",
        family_title: None,
    },
    NarrativeSection {
        key: "worries",
        title: "What we are worried about",
        hint: "The harm or likely harm to the child if nothing changes.",
        family_title: Some("What we are worried about"),
    },
    NarrativeSection {
        key: "needs_to_change",
        title: "What needs to change",
        hint: "Specific, in plain words the family can understand.",
        family_title: Some("What needs to change"),
    },
    NarrativeSection {
        key: "better_looks_like",
        title: "What better will look like",
        hint: "What we would see and hear if the child's care were good enough.",
        family_title: Some("What better will look like"),
    },
];

impl Narrative {
    pub fn section(&self, key: &str) -> Option<&str> {
        Some(match key {
            "childs_voice" => &self.childs_voice,
            "day_in_my_life" => &self.day_in_my_life,
            "strengths" => &self.strengths,
            "parents_view" => &self.parents_view,
            "worries" => &self.worries,
            "needs_to_change" => &self.needs_to_change,
            "better_looks_like" => &self.better_looks_like,
            _ => return None,
        })
    }
    pub fn section_mut(&mut self, key: &str) -> Option<&mut String> {
        Some(match key {
            "childs_voice" => &mut self.childs_voice,
            "day_in_my_life" => &mut self.day_in_my_life,
            "strengths" => &mut self.strengths,
            "parents_view" => &mut self.parents_view,
            "worries" => &mut self.worries,
            "needs_to_change" => &mut self.needs_to_change,
            "better_looks_like" => &mut self.better_looks_like,
            _ => return None,
        })
    }
}

/// One action in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Action {
    #[ts(type = "number")]
    pub id: i64,
    pub what: String,
    pub who: String,
    pub agency: String,
    pub by_when: NaiveDate,
    pub target_grade: Option<u8>,
    pub area_id: Option<String>,
    /// What happened, recorded at review.
    pub result: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Assessment {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub child_id: i64,
    pub checklist_id: String,
    pub checklist_version: String,
    pub checklist_hash: String,
    pub assessed_on: NaiveDate,
    pub assessor: Practitioner,
    pub review_round: u32,
    pub status: AssessmentStatus,
    pub finalised_at: Option<String>,
    /// The finalised assessment this one corrects, and why.
    #[ts(type = "number | null")]
    pub amends: Option<i64>,
    pub amendment_reason: Option<String>,
    pub items: Vec<ItemRecord>,
    pub confirmations: Vec<AreaConfirmation>,
    pub narrative: Narrative,
    pub actions: Vec<Action>,
}

impl Assessment {
    /// Item id -> grade, for scoring.
    pub fn grades(&self) -> HashMap<String, Grade> {
        self.items.iter().filter_map(|i| i.grade.map(|g| (i.item_id.clone(), g))).collect()
    }

    /// The child's age band on the day of this checklist.
    pub fn age_band(&self, date_of_birth: NaiveDate) -> AgeBand {
        AgeBand::on(date_of_birth, self.assessed_on)
    }

    /// The computed profile for `child`, against `checklist` (the words this one was graded on).
    pub fn profile(&self, checklist: &Checklist, child: &Child) -> Profile {
        let grades = scoring::grades_for_child(checklist, &self.grades(), child.has_disability);
        scoring::score(checklist, &grades, self.age_band(child.date_of_birth))
    }

    pub fn confirmation(&self, area_id: &str) -> Option<&AreaConfirmation> {
        self.confirmations.iter().find(|c| c.area_id == area_id)
    }

    pub fn item(&self, item_id: &str) -> Option<&ItemRecord> {
        self.items.iter().find(|i| i.item_id == item_id)
    }
}
