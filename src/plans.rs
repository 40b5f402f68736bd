//! A child's plans over time (early help, child in need, child protection), and the rules that
//! belong to them: time on each plan, repeat plans counted in one wording, and the two prompts a
//! plan's reviews raise ("consider step-down", "consider escalation").
//!
//! Each rule is written out beside the type it governs. Where a rule could be read two ways, the
//! reading that shows the concern is the one taken.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::compare::{time_between, History, TimeOnPlan};
use crate::error::{CoreError, Result};
use crate::model::{parse_form_date, PlanCategory};

/// The kind of plan a child is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanType {
    EarlyHelp,
    ChildInNeed,
    ChildProtection,
}

impl PlanType {
    pub const ALL: [PlanType; 3] = [PlanType::EarlyHelp, PlanType::ChildInNeed, PlanType::ChildProtection];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanType::EarlyHelp => "early_help",
            PlanType::ChildInNeed => "child_in_need",
            PlanType::ChildProtection => "child_protection",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        PlanType::ALL.into_iter().find(|t| t.as_str() == s)
    }
    /// "Child protection", for a heading or a list.
    pub fn label(self) -> &'static str {
        match self {
            PlanType::EarlyHelp => "Early help",
            PlanType::ChildInNeed => "Child in need",
            PlanType::ChildProtection => "Child protection",
        }
    }
}

/// How often a plan of one type is reviewed: a first review a set time after the plan starts,
/// then again at a set interval, counted from the start (so one late review does not move the
/// later ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanReviewRule {
    pub unit: ReviewUnit,
    pub first_after: u32,
    pub then_every: u32,
    /// The rule in words, with where it comes from, as the child's page and the PDF show it.
    pub words: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewUnit {
    /// Calendar months (the month rule in `compare`: 31 August + 6 months = 28 February).
    Months,
    Weeks,
}

impl PlanReviewRule {
    /// The plan's `n`th review (0 is the first) for a plan started on `start`.
    pub fn review_on(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let units = self.first_after.saturating_add(n.saturating_mul(self.then_every));
        match self.unit {
            ReviewUnit::Months => crate::compare::add_months(start, units),
            ReviewUnit::Weeks => {
                start.checked_add_days(chrono::Days::new(u64::from(units) * 7)).unwrap_or(NaiveDate::MAX)
            }
        }
    }
}

impl PlanType {
    /// The review rule of each type of plan. Child protection's is national; the other two have
    /// no national interval, so the default is the earliest interval local procedures commonly
    /// set (6 weeks; others use 3 months): a later default could let a review slip unseen.
    pub fn review_rule(self) -> PlanReviewRule {
        match self {
            // Working Together to Safeguard Children 2023: the first review conference within 3
            // months of the initial conference (the plan's start), then at most every 6 months.
            PlanType::ChildProtection => PlanReviewRule {
                unit: ReviewUnit::Months,
                first_after: 3,
                then_every: 6,
                words: "a child protection plan is reviewed within 3 months of its start, then at least every 6 months (Working Together to Safeguard Children 2023)",
            },
            PlanType::ChildInNeed => PlanReviewRule {
                unit: ReviewUnit::Weeks,
                first_after: 6,
                then_every: 6,
                words: "a child in need plan is reviewed every 6 weeks from its start (Working Together 2023 sets no interval; 6 weeks is the earliest local procedures commonly use)",
            },
            PlanType::EarlyHelp => PlanReviewRule {
                unit: ReviewUnit::Weeks,
                first_after: 6,
                then_every: 6,
                words: "an early help plan is reviewed every 6 weeks from its start (there is no national interval; 6 weeks is the earliest local procedures commonly use)",
            },
        }
    }
}

/// How a plan ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanOutcome {
    SteppedDownToChildInNeed,
    SteppedDownToEarlyHelp,
    Closed,
    PreProceedings,
    CareProceedings,
    ChildLookedAfter,
}

impl PlanOutcome {
    pub const ALL: [PlanOutcome; 6] = [
        PlanOutcome::SteppedDownToChildInNeed,
        PlanOutcome::SteppedDownToEarlyHelp,
        PlanOutcome::Closed,
        PlanOutcome::PreProceedings,
        PlanOutcome::CareProceedings,
        PlanOutcome::ChildLookedAfter,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanOutcome::SteppedDownToChildInNeed => "stepped_down_to_child_in_need",
            PlanOutcome::SteppedDownToEarlyHelp => "stepped_down_to_early_help",
            PlanOutcome::Closed => "closed",
            PlanOutcome::PreProceedings => "pre_proceedings",
            PlanOutcome::CareProceedings => "care_proceedings",
            PlanOutcome::ChildLookedAfter => "child_looked_after",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        PlanOutcome::ALL.into_iter().find(|o| o.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            PlanOutcome::SteppedDownToChildInNeed => "Stepped down to child in need",
            PlanOutcome::SteppedDownToEarlyHelp => "Stepped down to early help",
            PlanOutcome::Closed => "Closed",
            PlanOutcome::PreProceedings => "Escalated to pre-proceedings",
            PlanOutcome::CareProceedings => "Escalated to care proceedings",
            PlanOutcome::ChildLookedAfter => "Escalated: the child became looked after",
        }
    }
}

/// Earlier plans within this many months before a plan's start count towards its repeat number.
pub const REPEAT_WINDOW_MONTHS: u32 = 36;

/// One plan as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Plan {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub child_id: i64,
    pub plan_type: PlanType,
    /// Child protection plans only.
    pub category: Option<PlanCategory>,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub outcome: Option<PlanOutcome>,
}

impl Plan {
    /// "child protection plan for neglect", "child in need plan".
    pub fn kind_words(&self) -> String {
        match (self.plan_type, self.category) {
            (PlanType::ChildProtection, Some(PlanCategory::MultipleCategories)) => {
                "child protection plan under multiple categories".to_string()
            }
            (PlanType::ChildProtection, Some(c)) => {
                format!("child protection plan for {}", c.label().to_lowercase())
            }
            (t, _) => format!("{} plan", t.label().to_lowercase()),
        }
    }

    /// The repeat rule. An `earlier` plan counts towards this one's number when it is:
    /// - of the same type, and for child protection of the same category, or either of the two
    ///   is "multiple categories" (a plan under several categories may have been for this one:
    ///   counting it shows the concern);
    /// - started before this one (on the same day: the one recorded first);
    /// - held at some time in the [`REPEAT_WINDOW_MONTHS`] before this plan's start: still open
    ///   then, or ended on or after the day 36 months before the start (the edge counts).
    pub fn counts_towards(&self, earlier: &Plan) -> bool {
        let same_kind = self.plan_type == earlier.plan_type
            && (self.plan_type != PlanType::ChildProtection
                || self.category == earlier.category
                || self.category == Some(PlanCategory::MultipleCategories)
                || earlier.category == Some(PlanCategory::MultipleCategories));
        let before = (earlier.started_on, earlier.id) < (self.started_on, self.id);
        let window_opens = self.started_on.checked_sub_months(chrono::Months::new(REPEAT_WINDOW_MONTHS));
        let held_in_window = earlier.ended_on.is_none_or(|end| window_opens.is_none_or(|opens| end >= opens));
        same_kind && before && held_in_window
    }

    /// This plan's number among the plans of its kind in the window: 1 for a first plan.
    pub fn repeat_number(&self, all: &[Plan]) -> u32 {
        1 + all.iter().filter(|p| p.child_id == self.child_id && self.counts_towards(p)).count() as u32
    }

    /// The plan's first review after `after` (a checklist done on a review's own day counts for
    /// that review); with no checklist, the plan's first review. Reviews on or before the
    /// child's latest finalised checklist are done; the first one after it is the one due, even when it is
    /// long past (then the review is overdue from it, never from a later one).
    pub fn next_review_after(&self, after: Option<NaiveDate>) -> NaiveDate {
        let rule = self.plan_type.review_rule();
        (0u32..)
            .map(|n| rule.review_on(self.started_on, n))
            .find(|on| after.is_none_or(|after| *on > after) || *on == NaiveDate::MAX)
            .unwrap_or(NaiveDate::MAX)
    }

    /// Time on this plan: up to its end, or up to `today` while it is open.
    pub fn time_on_plan(&self, today: NaiveDate) -> Option<TimeOnPlan> {
        time_between(self.started_on, self.ended_on.map_or(today, |end| end.min(today)))
    }
}

/// "first", "second", ... "10th".
fn ordinal(n: u32) -> String {
    const WORDS: [&str; 9] = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"];
    match WORDS.get(n.saturating_sub(1) as usize) {
        Some(w) => (*w).to_string(),
        None => format!("{n}th"),
    }
}

/// "second child protection plan for neglect in 3 years".
pub fn repeat_words(number: u32, plan: &Plan) -> String {
    format!("{} {} in {} years", ordinal(number), plan.kind_words(), REPEAT_WINDOW_MONTHS / 12)
}

/// A plan with what is worked out from it, as the child's page and the PDF show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlanView {
    pub plan: Plan,
    pub time_on_plan: Option<TimeOnPlan>,
    pub repeat_number: u32,
    /// "second child protection plan for neglect in 3 years".
    pub repeat_words: String,
    pub current: bool,
}

/// Every plan of a child with its time and repeat number, oldest first.
pub fn plan_views(plans: &[Plan], today: NaiveDate) -> Vec<PlanView> {
    plans
        .iter()
        .map(|p| {
            let repeat_number = p.repeat_number(plans);
            PlanView {
                plan: p.clone(),
                time_on_plan: p.time_on_plan(today),
                repeat_number,
                repeat_words: repeat_words(repeat_number, p),
                current: p.ended_on.is_none(),
            }
        })
        .collect()
}

/// The prompts a child's plans, reviews and core group raise, as worked out when the child's
/// summary was last refreshed (the same ones "needs attention" and the core-group PDF give).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlanPrompts {
    pub step_down: Option<String>,
    pub escalation: Option<String>,
    pub missing_agencies: Option<String>,
    pub engagement: Option<String>,
}

/// What the "Start a plan" form sends.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanForm {
    pub plan_type: Option<PlanType>,
    #[serde(default)]
    pub category: Option<PlanCategory>,
    pub started_on: String,
}

/// A [`PlanForm`] that passed its own checks (the store checks it against the child's other plans).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidPlan {
    pub plan_type: PlanType,
    pub category: Option<PlanCategory>,
    pub started_on: NaiveDate,
}

impl PlanForm {
    pub fn validate(&self, today: NaiveDate) -> Result<ValidPlan> {
        let plan_type =
            self.plan_type.ok_or_else(|| CoreError::invalid("plan_type", "Please choose the kind of plan."))?;
        let category = match (plan_type, self.category) {
            (PlanType::ChildProtection, None) => {
                return Err(CoreError::invalid("category", "Please choose the category of the child protection plan."))
            }
            (PlanType::ChildProtection, c) => c,
            (_, Some(_)) => {
                return Err(CoreError::invalid(
                    "category",
                    "Only a child protection plan has a category: please clear it for this kind of plan.",
                ))
            }
            (_, None) => None,
        };
        let started_on = parse_form_date(&self.started_on, "started_on", "plan start date")?;
        if started_on > today {
            return Err(CoreError::invalid("started_on", "The plan start date is in the future."));
        }
        Ok(ValidPlan { plan_type, category, started_on })
    }
}

/// What the "End the plan" form sends.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EndPlanForm {
    pub ended_on: String,
    pub outcome: Option<PlanOutcome>,
}

impl EndPlanForm {
    /// Checks the end against the plan it ends and `today`.
    pub fn validate(&self, plan: &Plan, today: NaiveDate) -> Result<(NaiveDate, PlanOutcome)> {
        let outcome = self
            .outcome
            .ok_or_else(|| CoreError::invalid("outcome", "Please choose the outcome: how the plan ended."))?;
        let ended_on = parse_form_date(&self.ended_on, "ended_on", "plan end date")?;
        if ended_on > today {
            return Err(CoreError::invalid("ended_on", "The plan end date is in the future."));
        }
        if ended_on < plan.started_on {
            return Err(CoreError::invalid(
                "ended_on",
                format!("The plan end date is before the plan started ({}).", plan.started_on.format("%-d %b %Y")),
            ));
        }
        Ok((ended_on, outcome))
    }
}

/// "Consider step-down": the child is on a plan and every area of the checklist has held an
/// improvement below concern for 6 months at the latest round. That is the history's own
/// "sustained improvement" rule (`compare::SUSTAINED_MONTHS`, improved on the round before it
/// at every round since, and no longer at concern nor with an urgent item), met by every area:
/// one area without a score, or not sustained, and there is no prompt.
pub fn consider_step_down(current: Option<&Plan>, h: &History) -> Option<String> {
    current?;
    let every_area = !h.areas.is_empty() && h.areas.iter().all(|a| h.sustained.iter().any(|s| s.area_id == a.id));
    every_area.then(|| {
        let since = h.sustained.iter().map(|s| s.since).max().expect("every area has a sustained improvement");
        format!(
            "Consider step-down: every area has held an improvement below concern for 6 months or more (the latest since {}).",
            since.format("%-d %b %Y")
        )
    })
}

/// "Consider escalation", on a plan or not (a child on no plan may need one), when either:
/// - drift persists over 2 reviews: an area is drifting (the history's drift rule) at the latest
///   review and was drifting at the review before it, or it is at concern and not improved on
///   the round two reviews back (the drift rule's two-review window, whatever window it reports);
/// - an urgent item is graded again at the next review: an item urgent or at its serious grade
///   (from any agency) in the previous round is so again in the latest round.
///
/// Both readings of "persists" are taken: each on its own shows a concern.
pub fn consider_escalation(h: &History) -> Option<String> {
    let mut why = Vec::new();
    if !h.drift_persisting.is_empty() {
        let areas: Vec<&str> = h.drift_persisting.iter().map(|d| d.area_name.as_str()).collect();
        why.push(format!("drift over 2 reviews in {}", areas.join(", ")));
    }
    if !h.urgent_again.is_empty() {
        let items: Vec<String> = h.urgent_again.iter().map(|u| format!("{} ({})", u.item_title, u.area_name)).collect();
        why.push(format!("urgent again at this review: {}", items.join(", ")));
    }
    (!why.is_empty()).then(|| format!("Consider escalation: {}.", why.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn plan(id: i64, t: PlanType, c: Option<PlanCategory>, start: &str, end: Option<&str>) -> Plan {
        Plan {
            id,
            child_id: 1,
            plan_type: t,
            category: c,
            started_on: d(start),
            ended_on: end.map(d),
            outcome: end.map(|_| PlanOutcome::Closed),
        }
    }

    #[test]
    fn repeat_plans_are_counted_within_three_years_of_the_start_edge_included() {
        use PlanCategory::*;
        use PlanType::*;
        let first = plan(1, ChildProtection, Some(Neglect), "2022-01-10", Some("2023-11-23"));
        let cin = plan(2, ChildInNeed, None, "2023-11-23", Some("2024-06-01"));
        // Ended exactly 36 months before the next start: counted.
        let second = plan(3, ChildProtection, Some(Neglect), "2026-11-23", None);
        let all = [first.clone(), cin.clone(), second.clone()];
        assert_eq!(second.repeat_number(&all), 2);
        assert_eq!(repeat_words(2, &second), "second child protection plan for neglect in 3 years");
        assert_eq!(cin.repeat_number(&all), 1, "another type does not count");
        // One day later, the first plan ended more than 3 years before: not counted.
        let later = Plan { started_on: d("2026-11-24"), ..second.clone() };
        assert_eq!(later.repeat_number(&[first.clone(), later.clone()]), 1);
        // Another category does not count; "multiple categories" counts for any.
        let physical = Plan { category: Some(PhysicalAbuse), ..second.clone() };
        assert_eq!(physical.repeat_number(&[first.clone(), physical.clone()]), 1);
        let multiple = Plan { category: Some(MultipleCategories), ..second.clone() };
        assert_eq!(multiple.repeat_number(&[first.clone(), multiple.clone()]), 2);
        assert_eq!(ordinal(11), "11th");
    }
}
