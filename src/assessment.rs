//! One completed (or in-progress) checklist for one child: grades with evidence, confirmed
//! area grades, the narrative sections and the actions.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checklist::Checklist;
use crate::error::{CoreError, Result};
use crate::model::{parse_form_date, AgeBand, Child};
use crate::scoring::{self, check_confirmation, Grade, Profile};
use crate::text::{text_fault, MAX_TEXT_CHARS};

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
    /// The adult in the child's household this item concerns; None = not said. Absent from
    /// files and callers older than the field, so it defaults to None.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub adult_id: Option<i64>,
}

/// Where the adult an item names lives, as the records say: for [`ItemRecord::check_adult`].
pub struct NamedAdult<'a> {
    pub name: &'a str,
    pub household_id: i64,
}

impl ItemRecord {
    /// An item may name only an adult of the child's own household: anyone else would put a
    /// stranger's name, and a concern about them, on this child's record. `adult` is the adult
    /// the item names as found in the records (None: no such adult).
    pub fn check_adult(&self, adult: Option<NamedAdult>, child_name: &str, child_household: Option<i64>) -> Result<()> {
        let Some(id) = self.adult_id else { return Ok(()) };
        let adult =
            adult.ok_or_else(|| CoreError::invalid("adult_id", format!("There is no adult with number {id}.")))?;
        if Some(adult.household_id) != child_household {
            return Err(CoreError::invalid(
                "adult_id",
                format!("{} is not one of the adults in {child_name}'s household.", adult.name.trim()),
            ));
        }
        Ok(())
    }
}

/// The practitioner's confirmed grade for an area, and why it differs from the computed score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AreaConfirmation {
    pub area_id: String,
    pub confirmed: u8,
    pub reason: String,
}

/// Declares the narrative sections once: the fields of [`Narrative`], the table
/// [`NARRATIVE_SECTIONS`] (screen, family summary, exchange file) and the lookups by key.
/// Adding a section is one entry below (and, for an old database, nothing else: a section
/// is one row of `narrative`, keyed by name).
macro_rules! narrative_sections {
    ($($key:ident { title: $title:literal, hint: $hint:literal, family_title: $family:expr, label: $label:literal, },)*) => {
        /// The written sections recorded with every checklist. Missing sections read as empty
        /// and unknown ones are refused, so an exchange file from an older version still reads.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
        #[serde(deny_unknown_fields, default)]
        #[ts(export)]
        pub struct Narrative {
            $(pub $key: String,)*
            /// Impact on the child, per area id.
            pub impact: BTreeMap<String, String>,
            /// Why the child's voice and a day in the child's life may be left blank.
            pub voice_gap: Option<VoiceGap>,
        }

        /// The narrative sections by their stored key, in the order they are written and printed.
        pub const NARRATIVE_SECTIONS: &[NarrativeSection] = &[$(NarrativeSection {
            key: stringify!($key),
            title: $title,
            hint: $hint,
            family_title: $family,
            label: $label,
        },)*];

        impl Narrative {
            pub fn section(&self, key: &str) -> Option<&str> {
                match key {
                    $(stringify!($key) => Some(&self.$key),)*
                    _ => None,
                }
            }

            pub fn section_mut(&mut self, key: &str) -> Option<&mut String> {
                match key {
                    $(stringify!($key) => Some(&mut self.$key),)*
                    _ => None,
                }
            }
        }
    };
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

/// One written section of a checklist: how the screen asks for it, whether (and under which
/// plain heading) the family summary prints it, and how a fault in an exchange file names it.
#[derive(Debug, Clone, Copy)]
pub struct NarrativeSection {
    pub key: &'static str,
    pub title: &'static str,
    pub hint: &'static str,
    pub family_title: Option<&'static str>,
    pub label: &'static str,
}

narrative_sections! {
    childs_voice {
        title: "The child's voice",
        hint: "What the child says, shows or would say about their life, in their words where you can.",
        family_title: None,
        label: "child's voice",
    },
    day_in_my_life {
        title: "A day in my life",
        hint: "A typical day from the child's point of view, from waking to sleeping.",
        family_title: None,
        label: "day in my life",
    },
    strengths {
        title: "Strengths and what helps",
        hint: "What is going well, and who or what protects the child.",
        family_title: Some("What is going well"),
        label: "strengths",
    },
    parents_view {
        title: "The parent or carer's view",
        hint: "What the parent or carer thinks of the worries and of the grades.",
        family_title: None,
        label: "parent or carer's view",
    },
    worries {
        title: "What we are worried about",
        hint: "The harm or likely harm to the child if nothing changes.",
        family_title: Some("What we are worried about"),
        label: "worries",
    },
    needs_to_change {
        title: "What needs to change",
        hint: "Specific, in plain words the family can understand.",
        family_title: Some("What needs to change"),
        label: "what needs to change",
    },
    better_looks_like {
        title: "What better will look like",
        hint: "What we would see and hear if the child's care were good enough.",
        family_title: Some("What better will look like"),
        label: "what better looks like",
    },
    if_things_do_not_change {
        title: "If things do not change",
        hint: "What the professionals will do if the child's care does not get better by the review, said plainly.",
        family_title: Some("If things do not change"),
        label: "if things do not change",
    },
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
    /// Who made the amendment (the original assessor's name stays on it, for the grades it
    /// corrects), and when; `None` where it was not recorded (amendments imported from an app of
    /// before exchange format 2).
    pub amended_by: Option<String>,
    pub amended_at: Option<String>,
    pub items: Vec<ItemRecord>,
    pub confirmations: Vec<AreaConfirmation>,
    pub narrative: Narrative,
    pub actions: Vec<Action>,
}

impl Assessment {
    /// What the chronology says of this checklist when it is finalised.
    pub fn finalised_event_words(&self) -> String {
        let by = match self.assessor.role.trim() {
            "" => self.assessor.name.clone(),
            role => format!("{}, {role}", self.assessor.name),
        };
        match (self.amends, &self.amendment_reason) {
            (Some(original), reason) => format!(
                "Amendment of checklist {original} finalised (review round {}), assessed by {by}. Reason: {}",
                self.review_round,
                reason.as_deref().unwrap_or("not recorded")
            ),
            (None, _) => format!("Checklist finalised (review round {}), assessed by {by}.", self.review_round),
        }
    }

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

// ---------------------------------------------------------------------------------------------
// The forms that start and plan a checklist, and what finalising needs: the rules, beside the
// types they govern. The store keeps the SQL, the locks and the audit log.
// ---------------------------------------------------------------------------------------------

/// The "Start a checklist" form.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StartAssessmentForm {
    pub assessor_name: String,
    pub agency: String,
    pub role: String,
    pub assessed_on: String,
    /// Empty: the store picks it (see `store::assessments::round_for`: the rounds of the child's history).
    #[serde(default)]
    pub review_round: Option<u32>,
}

/// An action as entered in the plan.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionForm {
    pub what: String,
    pub who: String,
    pub agency: String,
    pub by_when: String,
    #[serde(default)]
    pub target_grade: Option<u8>,
    #[serde(default)]
    pub area_id: Option<String>,
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

/// The one text rule ([`crate::text`]) as a form error on `field`.
pub(crate) fn text_field(field: &str, what: &str, text: &str) -> Result<()> {
    match text_fault(what, text, MAX_TEXT_CHARS) {
        Some(message) => Err(CoreError::invalid(field, message)),
        None => Ok(()),
    }
}

/// An optional field, trimmed, held to the same rule as an import's.
fn trimmed_text(field: &str, what: &str, text: &str) -> Result<String> {
    let t = text.trim();
    text_field(field, what, t)?;
    Ok(t.to_string())
}

/// A text that must be given: trimmed, and refused when empty or too long.
pub(crate) fn required(field: &str, what: &str, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(CoreError::invalid(field, format!("Please enter the {what}.")));
    }
    text_field(field, what, t)?;
    Ok(t.to_string())
}

/// A "Start a checklist" form that passed its checks.
pub struct ValidStart {
    pub assessor: Practitioner,
    pub date: NaiveDate,
    /// `None`: the store picks the round.
    pub review_round: Option<u32>,
}

impl StartAssessmentForm {
    /// Checks the form for `child` on `today`. Every rule has its own sentence.
    pub fn validate(&self, child: &Child, today: NaiveDate) -> Result<ValidStart> {
        let assessor = Practitioner {
            name: required("assessor_name", "assessor's name", &self.assessor_name)?,
            agency: required("agency", "agency", &self.agency)?,
            role: trimmed_text("role", "role", &self.role)?,
        };
        let date = parse_form_date(&self.assessed_on, "assessed_on", "date of the checklist")?;
        if date > today {
            return Err(CoreError::invalid("assessed_on", "The date of the checklist is in the future."));
        }
        if !child.unborn && date < child.date_of_birth {
            return Err(CoreError::invalid(
                "assessed_on",
                "The date of the checklist is before the child's date of birth.",
            ));
        }
        if self.review_round == Some(0) {
            return Err(CoreError::invalid("review_round", "The review round starts at 1."));
        }
        Ok(ValidStart { assessor, date, review_round: self.review_round })
    }
}

impl ActionForm {
    /// Checks the form against the checklist it plans for (the area must be one of its own).
    /// The action that passed is not saved yet: it has no id (0) and no result.
    pub fn validate(&self, checklist: &Checklist) -> Result<Action> {
        let what = required("what", "action", &self.what)?;
        let who = required("who", "person responsible", &self.who)?;
        let agency = trimmed_text("agency", "agency of the action", &self.agency)?;
        let by_when = parse_form_date(&self.by_when, "by_when", "date the action is due")?;
        if self.target_grade.is_some_and(|g| !(1..=5).contains(&g)) {
            return Err(CoreError::invalid("target_grade", "The target grade must be from 1 to 5."));
        }
        if let Some(area) = &self.area_id {
            if checklist.area(area).is_none() {
                return Err(CoreError::invalid("area_id", format!("There is no area \"{area}\".")));
            }
        }
        Ok(Action {
            id: 0,
            what,
            who,
            agency,
            by_when,
            target_grade: self.target_grade,
            area_id: self.area_id.clone(),
            result: String::new(),
        })
    }
}

impl FinaliseCheck {
    /// The rules a checklist must meet before it goes on the record, for `child` (age band and
    /// recorded disability): every grade that says the child is at risk has its evidence, every
    /// area is confirmed and says what the care means for the child, and the child's own voice
    /// is there or the reason it is not. Ungraded items, thin evidence, grades 1 to 3 without
    /// evidence, unwritten sections and an empty plan are listed so nobody finalises unaware.
    pub fn of(a: &Assessment, checklist: &Checklist, child: &Child) -> FinaliseCheck {
        let profile = a.profile(checklist, child);
        let mut blocking = Vec::new();
        let mut missing = Vec::new();
        let gap = |message: String, tab: &str, focus: String| Gap { message, tab: tab.to_string(), focus };
        for (area, score) in checklist.areas.iter().zip(&profile.areas) {
            let mut unevidenced_low = 0;
            let applies =
                |i: &&crate::checklist::Item| i.applies_to(profile.age_band) && i.condition_met(child.has_disability);
            for item in area.subareas.iter().flat_map(|s| &s.items).filter(applies) {
                let Some(record) = a.item(&item.id) else { continue };
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
            match a.confirmation(&area.id) {
                None => blocking.push(gap(
                    format!("{}: the area grade has not been confirmed.", area.name),
                    &area.id,
                    format!("confirm:{}", area.id),
                )),
                // Grades can change after an area is confirmed: the confirmation must still hold
                // (a calmer grade beside an urgent item needs its reason).
                Some(c) => {
                    if let Err(fault) =
                        check_confirmation(score.score, c.confirmed, &c.reason, !score.urgent_items.is_empty())
                    {
                        blocking.push(gap(format!("{}: {fault}", area.name), &area.id, format!("confirm:{}", area.id)));
                    }
                }
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
            if a.narrative.impact.get(&area.id).is_none_or(|t| t.trim().is_empty()) {
                blocking.push(gap(
                    format!("Impact on the child: {} has not been written.", area.name),
                    "about",
                    format!("impact:{}", area.id),
                ));
            }
        }
        blocking
            .extend(a.voice_gaps(profile.age_band).into_iter().map(|(message, focus)| gap(message, "about", focus)));
        for section in NARRATIVE_SECTIONS.iter().filter(|s| !matches!(s.key, "childs_voice" | "day_in_my_life")) {
            if a.narrative.section(section.key).is_some_and(|t| t.trim().is_empty()) {
                missing.push(format!("{} has not been written.", section.title));
            }
        }
        if a.actions.is_empty() {
            missing.push("No actions have been agreed.".into());
        }
        FinaliseCheck { blocking, missing }
    }
}

impl Assessment {
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
