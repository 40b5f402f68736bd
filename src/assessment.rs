//! One completed (or in-progress) checklist for one child: grades with evidence, confirmed
//! area grades, the narrative sections and the actions.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checklist::Checklist;
use crate::model::AgeBand;
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
    pub if_things_do_not_change: String,
    /// Impact on the child, per area id.
    pub impact: BTreeMap<String, String>,
    /// Why the child's voice and a day in the child's life may be left blank.
    pub voice_gap: Option<VoiceGap>,
}

/// Why the child's own words are not on the checklist. A choice, so the reason is never a
/// shrug in free text; each one says what the record must hold instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VoiceGap {
    /// A baby who does not speak yet: what was seen of the baby's day stands in for words.
    PreVerbal,
    Declined,
    /// The child was not seen alone: their words may not be their own, and someone must see
    /// them alone, so this is also a reason the child needs attention.
    NotSeenAlone,
}

impl VoiceGap {
    pub const ALL: [VoiceGap; 3] = [VoiceGap::PreVerbal, VoiceGap::Declined, VoiceGap::NotSeenAlone];
    /// The narrative section the reason is stored under, beside the sections it explains.
    pub const KEY: &'static str = "voice_gap";

    pub fn as_str(self) -> &'static str {
        match self {
            VoiceGap::PreVerbal => "pre_verbal",
            VoiceGap::Declined => "declined",
            VoiceGap::NotSeenAlone => "not_seen_alone",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        VoiceGap::ALL.into_iter().find(|g| g.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            VoiceGap::PreVerbal => "A baby who does not speak yet (write what you saw of the baby's day)",
            VoiceGap::Declined => "The child did not want to talk with me",
            VoiceGap::NotSeenAlone => "The child was not seen alone",
        }
    }
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
pub const NARRATIVE_SECTIONS: [NarrativeSection; 8] = [
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
    NarrativeSection {
        key: "if_things_do_not_change",
        title: "If things do not change",
        hint: "What the professionals will do if the child's care does not get better by the review, said plainly.",
        family_title: Some("If things do not change"),
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
            "if_things_do_not_change" => &self.if_things_do_not_change,
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
            "if_things_do_not_change" => &mut self.if_things_do_not_change,
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

    /// The computed profile for a child born (or due) on `date_of_birth`.
    pub fn profile(&self, checklist: &Checklist, date_of_birth: NaiveDate) -> Profile {
        scoring::score(checklist, &self.grades(), self.age_band(date_of_birth))
    }

    pub fn confirmation(&self, area_id: &str) -> Option<&AreaConfirmation> {
        self.confirmations.iter().find(|c| c.area_id == area_id)
    }

    pub fn item(&self, item_id: &str) -> Option<&ItemRecord> {
        self.items.iter().find(|i| i.item_id == item_id)
    }
}

/// A gap that stops a checklist being finalised, and where to put it right: `tab` is the
/// checklist tab ("physical", "about", ...) and `focus` the place on it ("evidence:<item id>",
/// "confirm:<area id>", "impact:<area id>", "section:<key>", "voice_gap").
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Gap {
    pub message: String,
    pub tab: String,
    pub focus: String,
}

/// What stands between a draft and finalising it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FinaliseCheck {
    /// Must be put right first, in the order of the checklist's tabs.
    pub blocking: Vec<Gap>,
    /// Worth knowing but not blocking (items not graded, grades 1 to 3 without evidence, ...).
    pub missing: Vec<String>,
}

impl Assessment {
    /// The rules a checklist must meet before it goes on the record: every grade that says
    /// the child is at risk has its evidence, every area says what the care means for the
    /// child, and the child's own voice is there or the reason it is not.
    pub fn finalise_check(&self, checklist: &Checklist, date_of_birth: NaiveDate) -> FinaliseCheck {
        let profile = self.profile(checklist, date_of_birth);
        let mut blocking = Vec::new();
        let mut missing = Vec::new();
        let gap = |message: String, tab: &str, focus: String| Gap { message, tab: tab.to_string(), focus };
        for (area, score) in checklist.areas.iter().zip(&profile.areas) {
            let mut unevidenced_low = 0;
            for item in area.subareas.iter().flat_map(|s| &s.items).filter(|i| i.applies_to(profile.age_band)) {
                let Some(record) = self.item(&item.id) else { continue };
                let Some(grade) = record.grade.and_then(Grade::score) else { continue };
                if !record.evidence.trim().is_empty() {
                    continue;
                }
                // A grade that says the child is at risk is never on the record without the
                // evidence behind it; a lower one without evidence is only worth checking.
                if grade >= 4 || item.is_serious_at(grade) {
                    blocking.push(gap(
                        format!("{}: \"{}\" is graded {grade} with no evidence.", area.name, item.title),
                        &area.id,
                        format!("evidence:{}", item.id),
                    ));
                } else {
                    unevidenced_low += 1;
                }
            }
            if self.confirmation(&area.id).is_none() {
                blocking.push(gap(
                    format!("{}: the area grade has not been confirmed.", area.name),
                    &area.id,
                    format!("confirm:{}", area.id),
                ));
            }
            if unevidenced_low > 0 {
                missing.push(format!("{}: {unevidenced_low} items graded 1 to 3 have no evidence.", area.name));
            }
            if !score.missing_items.is_empty() {
                missing.push(format!(
                    "{}: {} of {} items have no grade.",
                    area.name,
                    score.missing_items.len(),
                    score.applicable
                ));
            }
            if !score.enough_evidence {
                missing.push(format!("{}: not enough evidence for a computed score.", area.name));
            }
        }
        for area in &checklist.areas {
            if self.narrative.impact.get(&area.id).is_none_or(|t| t.trim().is_empty()) {
                blocking.push(gap(
                    format!("Impact on the child: {} has not been written.", area.name),
                    "about",
                    format!("impact:{}", area.id),
                ));
            }
        }
        blocking
            .extend(self.voice_gaps(profile.age_band).into_iter().map(|(message, focus)| gap(message, "about", focus)));
        for section in NARRATIVE_SECTIONS.iter().filter(|s| !matches!(s.key, "childs_voice" | "day_in_my_life")) {
            if self.narrative.section(section.key).is_some_and(|t| t.trim().is_empty()) {
                missing.push(format!("{} has not been written.", section.title));
            }
        }
        if self.actions.is_empty() {
            missing.push("No actions have been agreed.".into());
        }
        FinaliseCheck { blocking, missing }
    }

    /// The child's voice and a day in the child's life: written, or blank for a recorded
    /// reason (and a baby's day is then observed). An unborn baby has neither yet.
    fn voice_gaps(&self, band: AgeBand) -> Vec<(String, String)> {
        if band == AgeBand::PreBirth {
            return Vec::new();
        }
        let n = &self.narrative;
        let blank = |t: &str| t.trim().is_empty();
        let mut gaps = Vec::new();
        match n.voice_gap {
            None => {
                for key in ["childs_voice", "day_in_my_life"] {
                    if n.section(key).is_some_and(blank) {
                        let title = NARRATIVE_SECTIONS.iter().find(|s| s.key == key).map_or(key, |s| s.title);
                        gaps.push((
                            format!("{title} is blank: write it, or choose why it could not be written."),
                            format!("section:{key}"),
                        ));
                    }
                }
            }
            Some(VoiceGap::PreVerbal) if blank(&n.day_in_my_life) => gaps.push((
                "A day in my life: for a baby who does not speak yet, write what you saw of the baby's day.".into(),
                "section:day_in_my_life".into(),
            )),
            Some(_) => {}
        }
        gaps
    }
}
