//! The words the screens share with the reports: grade meanings, score bands, the written
//! sections (and which of them the family summary prints), plan categories; and the change
//! threshold, which the comparison screen applies to checklists the history does not pair.
//!
//! One place for them, so a screen can never describe a grade or a section differently from
//! the printed page. The UI reads `ui/src/bindings/wording.json`, written from here by
//! `tests/integration/wording.rs` (which fails when the committed file was out of date).

use serde::Serialize;
use ts_rs::TS;

use crate::assessment::{VoiceGap, NARRATIVE_SECTIONS};
use crate::chronology::{AdultService, EventKind, Relationship};
use crate::compare::CHANGE_TENTHS;
use crate::core_group::Engagement;
use crate::model::PlanCategory;
use crate::oversight::ManagerDecision;
use crate::plans::{PlanOutcome, PlanType};
use crate::scoring::{grade_meaning, Band};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Wording {
    /// What grades 1 to 5 mean, in order.
    pub grade_meanings: Vec<String>,
    pub bands: Vec<BandWording>,
    pub narrative_sections: Vec<SectionWording>,
    pub plan_categories: Vec<PlanWording>,
    /// A manager's decisions on a finalised checklist, in the order the form offers them.
    pub manager_decisions: Vec<DecisionWording>,
    /// The reasons a child's voice may be blank, as the checklist offers them.
    pub voice_gaps: Vec<VoiceGapWording>,
    /// A score down (or up) by this many tenths or more is improved (or worse).
    pub change_tenths: i32,
    /// How scores, change, drift and sustained improvement are worked out, as the help screen
    /// explains them; the core-group summary prints the same sentences.
    pub rules: Vec<RuleWording>,
    /// The kinds of plan and how a plan can end (issue 18), as the plan forms offer them.
    pub plan_types: Vec<PlanTypeWording>,
    pub plan_outcomes: Vec<PlanOutcomeWording>,
    /// A carer's engagement with the plan, points 1 to 5 in order (our own scale; 1 is the best).
    pub engagement_scale: Vec<String>,
    /// The kinds of chronology event a practitioner can record, as the "Add an event" form
    /// offers them (the app's own kinds, such as "checklist finalised", are left out).
    pub event_kinds: Vec<ChoiceWording>,
    /// How an adult can be related to a child of the household.
    pub relationships: Vec<ChoiceWording>,
    /// The services that can be involved with an adult (none ticked reads "none known").
    pub adult_services: Vec<ChoiceWording>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanTypeWording {
    pub plan_type: PlanType,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanOutcomeWording {
    pub outcome: PlanOutcome,
    pub label: String,
}

/// One fixed choice: the name the core stores and sends, and its words.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ChoiceWording {
    pub value: String,
    pub label: String,
}

fn choice_wording<T: Copy>(
    all: &[T],
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<ChoiceWording> {
    all.iter().map(|c| ChoiceWording { value: value(*c).into(), label: label(*c).into() }).collect()
}

/// One rule explained: a short title and the sentences.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RuleWording {
    pub title: String,
    pub text: String,
}

/// The change rule, printed under the core-group summary's change table and on the help screen.
pub const CHANGE_RULE: &str =
    "Improved: the score went down by 0.5 or more (1 is best). Worse: up by 0.5 or more. Otherwise no change.";
/// What sustained improvement needs; the core-group summary prints it when there is none yet.
pub const SUSTAINED_RULE: &str =
    "an improvement of 0.5 or more held for six months, with the area no longer at concern and no urgent item";
/// What drift is; the core-group summary prints it when there is none.
pub const DRIFT_RULE: &str = "No area at concern has gone two reviews or six months without improving.";

/// The rules in the order a person reads them (see `scoring.rs` and `compare.rs` for the code).
fn rules() -> Vec<(&'static str, String)> {
    let fixed = |title: &'static str, text: &str| (title, text.to_string());
    vec![
    fixed("Which items count", "An item counts when it applies to the child's age on the date of the checklist and was not marked not applicable. Not known and unanswered items still count: they show where evidence is missing."),
    fixed("Sub-area and area scores", "A sub-area's score is the average of its graded items, to one decimal. An area's score is the average of its sub-area scores. There is never an overall total: the areas are always shown side by side."),
    fixed("Enough evidence", "An area is scored only when at least 60% of its items are graded; otherwise it shows not enough evidence and lists what is missing."),
    fixed("A 5 is never averaged away", "Any item graded 5, or at the grade from which the checklist marks it serious, flags its area with an urgent item on every screen and summary, whatever the average."),
    fixed("The practitioner decides", "You confirm each area's grade. A grade more than 1 from the computed score, or better than the score beside an urgent item, needs a written reason. Where a grade is confirmed, its band leads."),
    fixed("Change", CHANGE_RULE),
    (
        "Drift",
        format!("An area at concern that has not improved across the last two reviews, or over six months. When there is none, the core-group summary says: {DRIFT_RULE}"),
    ),
    (
        "Sustained improvement",
        format!("An area counts as a sustained improvement only with {SUSTAINED_RULE}. An area that improved but is still at concern reads \"improving, still a concern\"."),
    ),
    fixed("The core group's agreed grade", crate::core_group::AGREED_RULE),
    fixed("Review due", "The next checklist is due one review interval (3 months unless set) after the latest finalised one, and overdue from the next day."),
    ]
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BandWording {
    pub band: Band,
    pub label: String,
    /// The lowest score in the band, in tenths (a score of 3.0 is 30).
    pub from_tenths: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SectionWording {
    pub key: String,
    pub title: String,
    pub hint: String,
    /// The heading the family summary prints this section under; `None` when it is not printed.
    pub family_title: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanWording {
    pub category: PlanCategory,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DecisionWording {
    pub decision: ManagerDecision,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VoiceGapWording {
    pub gap: VoiceGap,
    pub label: String,
}

impl Wording {
    pub fn current() -> Wording {
        Wording {
            grade_meanings: (1..=5).map(|g| grade_meaning(g).to_string()).collect(),
            bands: Band::ALL
                .into_iter()
                .map(|band| BandWording { band, label: band.label().into(), from_tenths: band.from_tenths() })
                .collect(),
            narrative_sections: NARRATIVE_SECTIONS
                .iter()
                .map(|s| SectionWording {
                    key: s.key.into(),
                    title: s.title.into(),
                    hint: s.hint.into(),
                    family_title: s.family_title.map(Into::into),
                })
                .collect(),
            plan_categories: PlanCategory::ALL
                .into_iter()
                .map(|category| PlanWording { category, label: category.label().into() })
                .collect(),
            manager_decisions: ManagerDecision::ALL
                .into_iter()
                .map(|decision| DecisionWording { decision, label: decision.label().into() })
                .collect(),
            voice_gaps: VoiceGap::ALL
                .into_iter()
                .map(|gap| VoiceGapWording { gap, label: gap.label().into() })
                .collect(),
            change_tenths: CHANGE_TENTHS,
            rules: rules().into_iter().map(|(title, text)| RuleWording { title: title.into(), text }).collect(),
            plan_types: PlanType::ALL
                .into_iter()
                .map(|plan_type| PlanTypeWording { plan_type, label: plan_type.label().into() })
                .collect(),
            plan_outcomes: PlanOutcome::ALL
                .into_iter()
                .map(|outcome| PlanOutcomeWording { outcome, label: outcome.label().into() })
                .collect(),
            engagement_scale: Engagement::WORDS.iter().map(|w| (*w).to_string()).collect(),
            event_kinds: choice_wording(EventKind::TYPED, EventKind::as_str, EventKind::label),
            relationships: choice_wording(Relationship::ALL, Relationship::as_str, Relationship::label),
            adult_services: choice_wording(AdultService::ALL, AdultService::as_str, AdultService::label),
        }
    }
}
