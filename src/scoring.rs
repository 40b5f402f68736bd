//! Scoring: a child's item grades -> sub-area and area scores, bands, completeness, urgent items.
//!
//! Pure functions, no storage. The rules, in words (also in the README):
//! - An item counts for a child only if it applies to the child's age band and was not marked
//!   "not applicable". "Not known" and not-yet-answered items count as applicable but ungraded.
//! - Sub-area score: mean of its graded items, rounded to one decimal (halves round up).
//! - Area score: mean of its scored sub-area scores (as shown, to one decimal), rounded to one
//!   decimal; given only when at least 60% of the area's applicable items are graded.
//! - Any item graded 5, or graded at or above the grade its checklist marks it serious from (unsafe
//!   sleep for a baby at 4), flags its area "urgent", whatever the mean and however complete.
//! - Bands: below 2 needs met; 2 to below 3 mostly met; 3 to below 4 concern; 4 and above serious concern.
//! - A confirmed area grade more than 1 away from the computed score needs a written reason,
//!   as does a confirmed grade for an area without enough evidence to compute one, and a
//!   confirmed grade better than the computed score in an area with an urgent item.
//! - Where an area grade is confirmed, the confirmed grade's band leads ([`Band::of_grade`]).
//!
//! Scores are kept as whole tenths internally, so rounding is exact and a practitioner can
//! reproduce every number by hand.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checklist::{Area, Checklist};
use crate::model::AgeBand;

/// The practitioner's answer for one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Grade {
    #[serde(rename = "1")]
    G1,
    #[serde(rename = "2")]
    G2,
    #[serde(rename = "3")]
    G3,
    #[serde(rename = "4")]
    G4,
    #[serde(rename = "5")]
    G5,
    #[serde(rename = "not_known")]
    NotKnown,
    #[serde(rename = "not_applicable")]
    NotApplicable,
}

impl Grade {
    pub const SCORES: [Grade; 5] = [Grade::G1, Grade::G2, Grade::G3, Grade::G4, Grade::G5];

    /// 1..=5 for a grade; `None` for "not known" and "not applicable", which never count as a score.
    pub fn score(self) -> Option<u8> {
        match self {
            Grade::G1 => Some(1),
            Grade::G2 => Some(2),
            Grade::G3 => Some(3),
            Grade::G4 => Some(4),
            Grade::G5 => Some(5),
            Grade::NotKnown | Grade::NotApplicable => None,
        }
    }

    pub fn from_score(n: u8) -> Option<Grade> {
        Grade::SCORES.get(usize::from(n).wrapping_sub(1)).copied()
    }

    /// The stored form: "1".."5", "not_known", "not_applicable".
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::G1 => "1",
            Grade::G2 => "2",
            Grade::G3 => "3",
            Grade::G4 => "4",
            Grade::G5 => "5",
            Grade::NotKnown => "not_known",
            Grade::NotApplicable => "not_applicable",
        }
    }

    pub fn parse(s: &str) -> Option<Grade> {
        [Grade::G1, Grade::G2, Grade::G3, Grade::G4, Grade::G5, Grade::NotKnown, Grade::NotApplicable]
            .into_iter()
            .find(|g| g.as_str() == s)
    }
}

/// The grade scale in our words.
pub fn grade_meaning(score: u8) -> &'static str {
    match score {
        1 => "All the child's needs are met; the child is consistently put first.",
        2 => "Needs are met well enough; minor lapses are put right.",
        3 => "Needs are met inconsistently; the child's and the carer's needs compete.",
        4 => "Many needs are unmet most of the time; the child comes second.",
        _ => "Essential needs are unmet or care is hostile; the child is not considered.",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Band {
    NeedsMet,
    MostlyMet,
    Concern,
    SeriousConcern,
}

impl Band {
    pub const ALL: [Band; 4] = [Band::NeedsMet, Band::MostlyMet, Band::Concern, Band::SeriousConcern];

    /// The lowest score in the band, in tenths: 1 to 1.9, 2 to 2.9, 3 to 3.9, 4 to 5.
    pub fn from_tenths(self) -> u32 {
        match self {
            Band::NeedsMet => 0,
            Band::MostlyMet => 20,
            Band::Concern => 30,
            Band::SeriousConcern => 40,
        }
    }
    pub fn of_tenths(tenths: u32) -> Band {
        Band::ALL.into_iter().rev().find(|b| tenths >= b.from_tenths()).unwrap_or(Band::NeedsMet)
    }
    pub fn of(score: f64) -> Band {
        Band::of_tenths((score * 10.0).round() as u32)
    }
    /// The band of a confirmed (whole) area grade: 3 is concern, 4 and 5 serious concern.
    pub fn of_grade(grade: u8) -> Band {
        Band::of_tenths(u32::from(grade) * 10)
    }
    /// The band shown for an area: the confirmed grade's where there is one (the professional
    /// judgement the plan rests on), else the computed score's.
    pub fn shown(confirmed: Option<u8>, computed: Option<Band>) -> Option<Band> {
        confirmed.map(Band::of_grade).or(computed)
    }
    pub fn label(self) -> &'static str {
        match self {
            Band::NeedsMet => "needs met",
            Band::MostlyMet => "mostly met",
            Band::Concern => "concern",
            Band::SeriousConcern => "serious concern",
        }
    }
}

/// Share of an area's applicable items that must be graded before the area is scored.
pub const COMPLETENESS_PERCENT: usize = 60;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SubAreaScore {
    pub id: String,
    pub name: String,
    /// Mean of graded items to one decimal; `None` when no item is graded.
    pub score: Option<f64>,
    pub graded: u32,
    pub applicable: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AreaScore {
    pub id: String,
    pub name: String,
    /// Mean of sub-area scores to one decimal; `None` when there is not enough evidence.
    pub score: Option<f64>,
    pub band: Option<Band>,
    /// Items graded 5, or at or above the grade they are serious from: never averaged away.
    pub urgent_items: Vec<String>,
    pub graded: u32,
    pub applicable: u32,
    /// Whole percent of applicable items graded (0 when none apply).
    pub completeness_percent: u32,
    /// At least 60% of applicable items graded (and at least one applies).
    pub enough_evidence: bool,
    /// Applicable items with no grade yet ("not known" or unanswered), by id.
    pub missing_items: Vec<String>,
    pub subareas: Vec<SubAreaScore>,
}

/// The profile of a whole checklist: areas side by side, never a single total.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Profile {
    pub age_band: AgeBand,
    pub areas: Vec<AreaScore>,
}

/// Rounded mean in tenths of `sum / count` where `sum` is in `unit`s (10 = whole grades,
/// 1 = tenths). Halves round up.
fn mean_tenths(sum: u32, count: u32, unit: u32) -> u32 {
    // round(sum * unit / count) == floor((2 * sum * unit + count) / (2 * count))
    (2 * sum * unit + count) / (2 * count)
}

fn tenths_to_score(t: u32) -> f64 {
    f64::from(t) / 10.0
}

/// Scores one area for a child in `band`.
pub fn score_area(area: &Area, grades: &HashMap<String, Grade>, band: AgeBand) -> AreaScore {
    let mut sub_scores = Vec::new();
    let mut sub_tenths = Vec::new();
    let (mut graded_all, mut applicable_all) = (0u32, 0u32);
    let mut urgent_items = Vec::new();
    let mut missing_items = Vec::new();
    for sub in &area.subareas {
        let (mut sum, mut graded, mut applicable) = (0u32, 0u32, 0u32);
        for item in sub.items.iter().filter(|i| i.applies_to(band)) {
            let grade = grades.get(&item.id).copied();
            if grade == Some(Grade::NotApplicable) {
                continue;
            }
            applicable += 1;
            match grade.and_then(Grade::score) {
                Some(score) => {
                    sum += u32::from(score);
                    graded += 1;
                    if item.is_serious_at(score) {
                        urgent_items.push(item.id.clone());
                    }
                }
                None => missing_items.push(item.id.clone()),
            }
        }
        let tenths = (graded > 0).then(|| mean_tenths(sum, graded, 10));
        if let Some(t) = tenths {
            sub_tenths.push(t);
        }
        graded_all += graded;
        applicable_all += applicable;
        sub_scores.push(SubAreaScore {
            id: sub.id.clone(),
            name: sub.name.clone(),
            score: tenths.map(tenths_to_score),
            graded,
            applicable,
        });
    }
    let enough_evidence =
        applicable_all > 0 && graded_all as usize * 100 >= COMPLETENESS_PERCENT * applicable_all as usize;
    let area_tenths = (enough_evidence && !sub_tenths.is_empty())
        .then(|| mean_tenths(sub_tenths.iter().sum(), sub_tenths.len() as u32, 1));
    AreaScore {
        id: area.id.clone(),
        name: area.name.clone(),
        score: area_tenths.map(tenths_to_score),
        band: area_tenths.map(Band::of_tenths),
        urgent_items,
        graded: graded_all,
        applicable: applicable_all,
        completeness_percent: (graded_all * 100).checked_div(applicable_all).unwrap_or(0),
        enough_evidence,
        missing_items,
        subareas: sub_scores,
    }
}

/// The grades as scored for one child: an item whose condition the child does not meet (the
/// items about a disability's care, for a child with no recorded disability) is "not applicable"
/// without anyone marking it, so it never shows as missing evidence. A grade someone did give
/// such an item is kept and counts: a grade given is never hidden.
pub fn grades_for_child(
    checklist: &Checklist,
    grades: &HashMap<String, Grade>,
    has_disability: bool,
) -> HashMap<String, Grade> {
    let mut out = grades.clone();
    for item in checklist.items().filter(|i| !i.condition_met(has_disability)) {
        let given = grades.get(&item.id).and_then(|g| g.score());
        if given.is_none() {
            out.insert(item.id.clone(), Grade::NotApplicable);
        }
    }
    out
}

/// Scores every area of `checklist` for a child in `band`.
pub fn score(checklist: &Checklist, grades: &HashMap<String, Grade>, band: AgeBand) -> Profile {
    Profile { age_band: band, areas: checklist.areas.iter().map(|a| score_area(a, grades, band)).collect() }
}

/// Why a confirmed area grade cannot be accepted as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmationFault {
    NotAGrade,
    ReasonNeeded {
        computed: Option<String>,
    },
    /// Better than the computed score while an item in the area is urgent or serious.
    ReasonNeededUrgent {
        computed: String,
    },
}

impl std::fmt::Display for ConfirmationFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfirmationFault::NotAGrade => write!(f, "The confirmed grade must be a whole number from 1 to 5."),
            ConfirmationFault::ReasonNeeded { computed: Some(c) } => write!(
                f,
                "The confirmed grade is more than 1 away from the computed score ({c}). Please write the reason for the difference."
            ),
            ConfirmationFault::ReasonNeededUrgent { computed } => write!(
                f,
                "The confirmed grade is better than the computed score ({computed}) while an item in this area is urgent or serious. Please write the reason."
            ),
            ConfirmationFault::ReasonNeeded { computed: None } => write!(
                f,
                "There is not enough evidence to compute a score for this area. Please write what the confirmed grade is based on."
            ),
        }
    }
}

/// Checks a practitioner's confirmed grade for an area against the computed score; `urgent` is
/// whether an item in the area is urgent or serious.
pub fn check_confirmation(
    computed: Option<f64>,
    confirmed: u8,
    reason: &str,
    urgent: bool,
) -> Result<(), ConfirmationFault> {
    if !(1..=5).contains(&confirmed) {
        return Err(ConfirmationFault::NotAGrade);
    }
    if !reason.trim().is_empty() {
        return Ok(());
    }
    match computed {
        None => Err(ConfirmationFault::ReasonNeeded { computed: None }),
        Some(score) => {
            let diff_tenths = i64::from(confirmed) * 10 - (score * 10.0).round() as i64;
            if diff_tenths.abs() > 10 {
                Err(ConfirmationFault::ReasonNeeded { computed: Some(format!("{score:.1}")) })
            } else if urgent && diff_tenths < 0 {
                // A grade calmer than the arithmetic beside an urgent item is exactly the
                // over-optimism reviews find: it must be argued in writing.
                Err(ConfirmationFault::ReasonNeededUrgent { computed: format!("{score:.1}") })
            } else {
                Ok(())
            }
        }
    }
}
