//! Printed summaries (PDF): the core-group summary for professionals and the family summary.
//!
//! Both are A4 with real, selectable text in embedded DejaVu Sans (so every name prints as
//! written, whatever its alphabet), page numbers "Page N of M" on every page, and text that
//! wraps and flows over pages. The core-group summary is marked OFFICIAL-SENSITIVE on every
//! page. The family summary is written for the family: plain words, 12pt or larger, no
//! numbers from the checklist, no item evidence, nothing about anyone else in the household.
//!
//! - `layout`: text measuring, wrapping, page flow, tables, page furniture.
//! - `chart`: the areas-over-time chart as vector shapes.
//! - `core_group`, `family`: what each summary says.

mod chart;
mod core_group;
mod family;
pub mod family_words;
mod layout;
mod oversight;
mod subject_access;
mod text;

use chrono::NaiveDate;

use crate::assessment::Assessment;
use crate::checklist::Versions;
use crate::compare::{self, History};
use crate::model::{Child, PractitionerDetails};
use crate::scoring::Profile;

pub use core_group::{core_group_summary, core_group_text};
pub use family::{family_summary, family_summary_in, printed_sections, PrintedSection};
pub use family_words::{FamilyLanguage, LanguageStatus};
pub use subject_access::subject_access_pdf;

/// Everything a summary is made from. Nothing is read from the store or the clock.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The checklist versions the child's checklists were graded on: each is printed with the
    /// words it was graded against.
    pub checklist: &'a dyn Versions,
    pub child: &'a Child,
    /// All the child's assessments, in any status and version: drafts and superseded
    /// versions are left out by the same rules as [`compare::history`].
    pub assessments: &'a [Assessment],
    /// The household's name, for the core group only.
    pub household_name: Option<&'a str>,
    /// The other children in the household, for the core group only: the family summary
    /// never prints them.
    pub siblings: &'a [Child],
    /// The date of each sibling's latest finalised checklist (by child id), for the core group's
    /// list of everyone in the household with their assessment status. A sibling missing here
    /// has none.
    pub sibling_latest: &'a [(i64, NaiveDate)],
    /// The date the summary is written on; ages, time on plan and overdue reviews count to it.
    pub today: NaiveDate,
    /// The organisation and practitioner from Settings: the family summary's "who to contact".
    pub practitioner: &'a PractitionerDetails,
    /// Plans, managers' reviews, core group meetings, engagement and case references: the core
    /// group only.
    pub oversight: &'a Oversight,
    /// The adults of the child's household, for the core group only: the family summary never
    /// prints them (it may be read by one of them).
    pub adults: &'a [crate::chronology::Adult],
    /// The child's chronology (current versions), oldest first: the core group prints the events
    /// since the previous review.
    pub events: &'a [crate::chronology::ChronologyEvent],
    /// The organisation's logo from Settings, printed at the head of both summaries.
    pub logo: Option<&'a crate::logo::Logo>,
}

impl<'a> ReportInput<'a> {
    /// One of the child's assessments, by number.
    pub fn assessment(&self, id: i64) -> Option<&'a Assessment> {
        self.assessments.iter().find(|a| a.id == id)
    }
}

/// What the core-group summary prints about plans, oversight and the core group's view.
#[derive(Debug, Clone, Default)]
pub struct Oversight {
    pub plans: Vec<crate::plans::PlanView>,
    pub manager_reviews: Vec<crate::oversight::ManagerReview>,
    pub meetings: Vec<crate::core_group::CoreGroupMeeting>,
    pub engagement: Vec<crate::core_group::EngagementRating>,
    pub references: crate::references::CaseReferences,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("There is no finalised checklist for this child yet, so there is nothing to summarise.")]
    NothingFinalised,
    #[error(
        "The family summary cannot be printed yet, because these parts are empty: {0}. It never goes out with a gap."
    )]
    FamilySummaryIncomplete(String),
    #[error("The PDF could not be written: {0}")]
    Pdf(String),
}

/// What both summaries work from: the child's history and the latest review round.
struct Case<'a> {
    input: &'a ReportInput<'a>,
    history: History,
    /// The assessment representing the latest round, and its computed profile.
    latest: &'a Assessment,
    latest_profile: Profile,
    /// Every assessment in the latest round, the representative first.
    latest_round: Vec<&'a Assessment>,
}

impl<'a> Case<'a> {
    fn new(input: &'a ReportInput<'a>) -> Result<Case<'a>, ReportError> {
        let mut history = compare::history(input.checklist, input.child, input.assessments, input.today);
        crate::core_group::with_agreed_grades(&mut history, &input.oversight.meetings);
        let current_plan = input.oversight.plans.iter().find(|p| p.current).map(|p| &p.plan);
        history.review = history.review.following_plan(current_plan, input.today);
        let round = history.rounds.last().ok_or(ReportError::NothingFinalised)?;
        let latest = input.assessment(round.representative_id).ok_or(ReportError::NothingFinalised)?;
        let others = round.assessment_ids.iter().filter(|&&id| id != latest.id).filter_map(|&id| input.assessment(id));
        let latest_round = std::iter::once(latest).chain(others).collect();
        let latest_profile = latest.profile(input.checklist.of(latest), input.child);
        Ok(Case { input, history, latest, latest_profile, latest_round })
    }

    /// The actions recorded in the latest round, soonest first.
    fn actions(&self) -> Vec<&'a crate::assessment::Action> {
        let mut actions: Vec<_> = self.latest_round.iter().flat_map(|a| &a.actions).collect();
        actions.sort_by_key(|a| a.by_when);
        actions
    }
}

/// "3 March 2026": the month in words, never confused between UK and US order.
fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}
