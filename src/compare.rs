//! A child's series of finalised assessments -> change, sustained improvement, drift, disagreement.
//!
//! Pure functions: nothing here reads the clock or the store; `today` is always a parameter.
//!
//! The rules, in words:
//! - **Which assessments count.** Finalised ones only. A finalised assessment that a later
//!   finalised amendment corrects (`Assessment::amends`) is replaced by that amendment, so only
//!   the latest version of each checklist counts. Drafts are ignored.
//! - **Review rounds.** Several agencies may grade the same child in one round: an assessment
//!   joins the current round when it is dated at most 28 days after the round's first assessment
//!   and its assessor (name and agency) has not already graded in that round. Otherwise it
//!   starts a new round. The round start is the anchor, so a round can never creep on for months.
//! - **One point per round.** Change is measured between rounds, not between two agencies a
//!   week apart. A round is represented by the assessment from the agency that represented the
//!   previous round (like is compared with like); failing that, by its most recent assessment.
//!   The other agencies' grades are never averaged in: where they differ by 2 or more on an
//!   item they are listed by [`disagreements`].
//! - **Change** compares computed scores (the checklist's own arithmetic, reproducible by hand),
//!   not confirmed grades, which are whole numbers and would hide a change of 0.5: improved when
//!   the score goes down by 0.5 or more (1 is best), worse when it goes up by 0.5 or more,
//!   otherwise no change; "not comparable" when either side has not enough evidence.
//! - **At concern** uses the practitioner's confirmed area grade where there is one (it is the
//!   professional judgement the plan rests on), otherwise the computed score: confirmed grade 3
//!   or more, or computed score 3.0 or more.
//! - **Sustained improvement**: an area improved from one round to the next and every later
//!   round has stayed at least 0.5 better than the round before the improvement, the latest
//!   round is at least 6 months after the improvement was first seen, *and* the area is no
//!   longer at concern and has no urgent item. An improved area still at concern (or with an
//!   urgent item) is "improving, still a concern", however long the improvement has held.
//! - **Urgent items from any agency**: every item graded 5, or at or above the grade it is
//!   serious from, by any assessor in the latest round, named with the assessor's agency. The
//!   representing agency's grades never hide another agency's.
//! - **Item-level change**: items that got worse by 2 or more grades, or reached their serious
//!   grade, between the previous round and the latest (their representatives), whatever the
//!   area's change reads.
//! - **Unknowns**: applicable items of the latest round that no assessor in it graded.
//! - **Areas seen differently**: in one round, two assessors' computed area scores 1.0 or more
//!   apart (a systematic gap the item-by-item list misses).
//! - **Drift**: an area at concern (in the latest round) that has not improved across the last
//!   two reviews (latest round against the round two before it), or over 6 months (latest round
//!   against the most recent round at least 6 months earlier). "Not comparable" is not an
//!   improvement: a plan that cannot show progress is drifting.
//! - **Review due**: the latest finalised assessment date plus the child's review interval
//!   (default 3 months); overdue from the day after. A child never assessed is due from the
//!   plan start.
//! - **Across versions of the checklist**: each point is the checklist's own score, against the
//!   words it was graded on. Change between two points graded on different versions is measured
//!   on the items both versions share (matched by id), both sides rescored on those items, so an
//!   item added or dropped in a new version never shows as change; the change says so.
//! - **Months**: a date plus N months is the same day N months on, or the last day of that
//!   month when it is shorter (chrono's `checked_add_months`): 31 Aug + 6 months = 28 Feb
//!   (29 Feb in a leap year); 29 Feb 2028 + 12 months = 28 Feb 2029.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use chrono::{Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::assessment::{Assessment, AssessmentStatus, Practitioner};
use crate::checklist::{diff, Area, Checklist, ItemChange as VersionChange, Versions};
use crate::core_group::AgreedView;
use crate::model::{Child, DEFAULT_REVIEW_INTERVAL_MONTHS};
use crate::scoring::{Band, Grade, Profile};

/// Change in tenths of a grade that counts as improved (down) or worse (up).
pub const CHANGE_TENTHS: i32 = 5;
/// How long an improvement must hold to be "sustained".
pub const SUSTAINED_MONTHS: u32 = 6;
/// Without improvement for this long, an area at concern is drifting.
pub const DRIFT_MONTHS: u32 = 6;
/// Assessments by different assessors at most this many days apart form one review round.
pub const ROUND_DAYS: i64 = 28;
/// Item grades this far apart between assessors in one round are listed for discussion.
pub const DISAGREEMENT_GAP: u8 = 2;
/// Area scores this far apart (in tenths) between assessors in one round are listed.
pub const AREA_GAP_TENTHS: i32 = 10;
/// An item this many grades worse than in the previous round is listed, whatever its area says.
pub const ITEM_WORSE_GRADES: u8 = 2;
/// Computed score, in tenths, from which an area is at concern.
const CONCERN_TENTHS: i32 = 30;

/// `date` plus `months`, clamped to the end of a shorter month (see the module rule).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

fn tenths(score: f64) -> i32 {
    (score * 10.0).round() as i32
}

/// Change between two scores, in words that never need colour to be understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum Change {
    #[serde(rename = "improved")]
    Improved,
    #[serde(rename = "worse")]
    Worse,
    #[serde(rename = "no change")]
    NoChange,
    /// One side has not enough evidence for a score.
    #[serde(rename = "not comparable")]
    NotComparable,
}

impl Change {
    /// The rule: down by 0.5 or more is improved (1 is best), up by 0.5 or more is worse.
    pub fn between(from: Option<f64>, to: Option<f64>) -> Change {
        match (from, to) {
            (Some(f), Some(t)) => match tenths(t) - tenths(f) {
                d if d <= -CHANGE_TENTHS => Change::Improved,
                d if d >= CHANGE_TENTHS => Change::Worse,
                _ => Change::NoChange,
            },
            _ => Change::NotComparable,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Change::Improved => "improved",
            Change::Worse => "worse",
            Change::NoChange => "no change",
            Change::NotComparable => "not comparable",
        }
    }
}

/// A score at one date, to another.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ScoreChange {
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    pub from: Option<f64>,
    pub to: Option<f64>,
    /// `to - from` to one decimal: negative is better. `None` when not comparable.
    pub difference: Option<f64>,
    pub change: Change,
    /// The two checklists were graded on different versions of the checklist, so `from` and
    /// `to` are both scored on the items the versions share (matched by id), not as first shown.
    pub shared_items_only: bool,
}

impl ScoreChange {
    fn new(from_date: NaiveDate, from: Option<f64>, to_date: NaiveDate, to: Option<f64>) -> Self {
        let difference = from.zip(to).map(|(f, t)| f64::from(tenths(t) - tenths(f)) / 10.0);
        ScoreChange {
            from_date,
            to_date,
            from,
            to,
            difference,
            change: Change::between(from, to),
            shared_items_only: false,
        }
    }
}

/// Where the series moves from one version of the checklist to another: the first round graded
/// on the newer words, and what is new or changed in them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct VersionStep {
    pub assessed_on: NaiveDate,
    pub from_version: String,
    pub to_version: String,
    /// Titles of the items the newer version adds.
    pub new_items: Vec<String>,
    /// Titles of the items both versions have whose words, age bands or marks changed.
    pub changed_items: Vec<String>,
    /// Titles of the items the newer version no longer has.
    pub removed_items: Vec<String>,
}

/// One review round: the assessments in it, oldest first, and the one that represents it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Round {
    pub started_on: NaiveDate,
    #[ts(type = "Array<number>")]
    pub assessment_ids: Vec<i64>,
    #[ts(type = "number")]
    pub representative_id: i64,
}

/// An area in one round (from the round's representative assessment).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AreaPoint {
    #[ts(type = "number")]
    pub assessment_id: i64,
    pub assessed_on: NaiveDate,
    /// Computed score; `None` when there is not enough evidence.
    pub score: Option<f64>,
    pub band: Option<Band>,
    pub confirmed: Option<u8>,
    /// The band shown: the confirmed grade's where there is one, else the computed score's.
    pub shown_band: Option<Band>,
    /// Some item in the area was graded 5, or at its serious grade, by the representative.
    pub urgent: bool,
    pub at_concern: bool,
    /// The grade the core group agreed for the area in this round, with the practitioners' grade
    /// beside it (`core_group::with_agreed_grades`); `None` when no meeting agreed one. The flags
    /// (at concern, drift, improvement) stay the practitioners': an agreed grade never clears one.
    pub agreed: Option<AgreedView>,
}

/// A sub-area in one round.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SubAreaPoint {
    #[ts(type = "number")]
    pub assessment_id: i64,
    pub assessed_on: NaiveDate,
    pub score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SubAreaHistory {
    pub id: String,
    pub name: String,
    pub points: Vec<SubAreaPoint>,
    /// `None` until there are two rounds.
    pub since_previous: Option<ScoreChange>,
    pub since_first: Option<ScoreChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AreaHistory {
    pub id: String,
    pub name: String,
    /// One point per round, oldest first (empty when the child has no finalised assessment).
    pub points: Vec<AreaPoint>,
    pub since_previous: Option<ScoreChange>,
    pub since_first: Option<ScoreChange>,
    pub subareas: Vec<SubAreaHistory>,
}

/// Which comparison showed the drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DriftWindow {
    TwoReviews,
    SixMonths,
}

/// An area at concern that has not improved. When both windows show it, the longer one
/// (earlier baseline) is given.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Drift {
    pub area_id: String,
    pub area_name: String,
    pub window: DriftWindow,
    /// From the baseline round to the latest round.
    pub change: ScoreChange,
    pub confirmed: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SustainedImprovement {
    pub area_id: String,
    pub area_name: String,
    /// The round where the improvement was first seen.
    pub since: NaiveDate,
    /// From the round before the improvement to the latest round.
    pub change: ScoreChange,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReviewDue {
    pub last_assessed_on: Option<NaiveDate>,
    pub interval_months: u32,
    /// From the latest assessment, or from the plan start for a child never assessed;
    /// `None` when there is neither.
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    #[ts(type = "number")]
    pub days_overdue: i64,
    /// Why the review is due then, in words: "the checklist is repeated every 3 months", or the
    /// current plan's review rule when that comes first. Empty when there is no date.
    pub because: String,
}

impl ReviewDue {
    /// The review date following the child's current plan: the earlier of the checklist's own
    /// interval and the plan's next review ([`crate::plans::Plan::next_review_after`]). The
    /// earlier is taken because a later date would let a review the plan needs pass unseen; on
    /// the same day, the plan's rule is named.
    pub fn following_plan(&self, plan: Option<&crate::plans::Plan>, today: NaiveDate) -> ReviewDue {
        let Some(plan) = plan else { return self.clone() };
        let plan_due = plan.next_review_after(self.last_assessed_on);
        if self.due_on.is_some_and(|due| due < plan_due) {
            return self.clone();
        }
        let because = plan.plan_type.review_rule().words.to_string();
        ReviewDue::new(self.last_assessed_on, self.interval_months, Some(plan_due), because, today)
    }

    fn new(
        last_assessed_on: Option<NaiveDate>,
        interval_months: u32,
        due_on: Option<NaiveDate>,
        because: String,
        today: NaiveDate,
    ) -> ReviewDue {
        let days_overdue = due_on.map_or(0, |due| (today - due).num_days().max(0));
        ReviewDue { last_assessed_on, interval_months, due_on, overdue: days_overdue > 0, days_overdue, because }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TimeOnPlan {
    pub started_on: NaiveDate,
    /// Whole months since the start (month rule above), and the days after them.
    pub months: u32,
    pub days: u32,
    #[ts(type = "number")]
    pub total_days: i64,
    /// "4 months and 3 days"; under a month "2 weeks and 1 day".
    pub words: String,
}

/// Everything the review screen and the core-group summary need about one child's series.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct History {
    #[ts(type = "number")]
    pub child_id: i64,
    pub today: NaiveDate,
    /// Oldest first. Empty when the child has no finalised assessment.
    pub rounds: Vec<Round>,
    pub areas: Vec<AreaHistory>,
    pub drift: Vec<Drift>,
    pub sustained: Vec<SustainedImprovement>,
    /// Improvement held, but the area is still at concern or has an urgent item.
    pub improving_concern: Vec<SustainedImprovement>,
    /// Urgent and serious items from every assessor of the latest round.
    pub urgent: Vec<UrgentItem>,
    /// Items worse by 2 or more, or newly at their serious grade, since the previous round.
    pub item_changes: Vec<ItemChange>,
    /// Applicable items no assessor of the latest round graded, in checklist order.
    pub unknown: Vec<UnknownItem>,
    pub review: ReviewDue,
    pub time_on_plan: Option<TimeOnPlan>,
    /// Areas drifting over 2 reviews (see `plans::consider_escalation`).
    pub drift_persisting: Vec<Drift>,
    /// Urgent or serious items of the latest round that were so in the previous round too.
    pub urgent_again: Vec<UrgentItem>,
    /// Where the rounds move from one version of the checklist to another (empty when every
    /// round was graded on the same words).
    pub versions: Vec<VersionStep>,
}

impl History {
    /// The assessment representing the latest round.
    pub fn latest_id(&self) -> Option<i64> {
        self.rounds.last().map(|r| r.representative_id)
    }
}

/// The finalised, current versions of a child's assessments, oldest first (by date, then id).
pub fn current_versions(assessments: &[Assessment]) -> Vec<&Assessment> {
    let finalised = || assessments.iter().filter(|a| a.status == AssessmentStatus::Finalised);
    let superseded: HashSet<i64> = finalised().filter_map(|a| a.amends).collect();
    let mut current: Vec<&Assessment> = finalised().filter(|a| !superseded.contains(&a.id)).collect();
    current.sort_by_key(|a| (a.assessed_on, a.id));
    current
}

fn same_assessor(a: &Practitioner, b: &Practitioner) -> bool {
    a.name == b.name && a.agency == b.agency
}

/// A checklist as the review-round rule reads it: its date and its assessor.
pub trait RoundMember {
    fn dated(&self) -> NaiveDate;
    fn graded_by(&self) -> &Practitioner;
}

impl RoundMember for Assessment {
    fn dated(&self) -> NaiveDate {
        self.assessed_on
    }
    fn graded_by(&self) -> &Practitioner {
        &self.assessor
    }
}

/// A checklist of the child that already has its round number, as the store reads it to number
/// a new one (see [`round_number_for`]).
#[derive(Debug, Clone, PartialEq)]
pub struct NumberedChecklist {
    pub assessed_on: NaiveDate,
    pub assessor: Practitioner,
    pub review_round: u32,
}

impl RoundMember for NumberedChecklist {
    fn dated(&self) -> NaiveDate {
        self.assessed_on
    }
    fn graded_by(&self) -> &Practitioner {
        &self.assessor
    }
}

/// The review-round rule (see the module docs), the one definition that both the history's
/// rounds and the number given to a new checklist use. Checklists oldest first: each joins the
/// latest round when dated at most [`ROUND_DAYS`] after that round's first and its assessor
/// (name and agency) has not graded in it; otherwise it starts a new round.
pub fn group_rounds<'a, T: RoundMember>(oldest_first: &[&'a T]) -> Vec<Vec<&'a T>> {
    let mut rounds: Vec<Vec<&T>> = Vec::new();
    for &a in oldest_first {
        match rounds.last_mut() {
            Some(round)
                if (a.dated() - round[0].dated()).num_days() <= ROUND_DAYS
                    && !round.iter().any(|m| same_assessor(m.graded_by(), a.graded_by())) =>
            {
                round.push(a)
            }
            _ => rounds.push(vec![a]),
        }
    }
    rounds
}

/// The round number for a new checklist dated `assessed_on` by `assessor`, by [`group_rounds`]
/// over the child's checklists already numbered (`numbered`, oldest first: by date, then as
/// created) with the new one among them, after those of its own date. When the rule puts it in
/// a round with others, it takes their number (the earliest's); otherwise the next number after
/// the highest. The store passes every checklist that no other corrects, drafts included: a
/// number is given when a checklist is started, before any checklist of its round is finalised
/// (the history, by contrast, counts finalised ones only).
pub fn round_number_for(numbered: &[NumberedChecklist], assessed_on: NaiveDate, assessor: &Practitioner) -> u32 {
    let new = NumberedChecklist { assessed_on, assessor: assessor.clone(), review_round: 0 };
    let mut all: Vec<&NumberedChecklist> = numbered.iter().collect();
    all.insert(numbered.partition_point(|c| c.assessed_on <= assessed_on), &new);
    let is_new = |c: &NumberedChecklist| std::ptr::eq(c, &new);
    group_rounds(&all)
        .into_iter()
        .find(|round| round.iter().any(|c| is_new(c)))
        .and_then(|round| round.into_iter().find(|c| !is_new(c)))
        .map(|c| c.review_round)
        .unwrap_or_else(|| numbered.iter().map(|c| c.review_round).max().unwrap_or(0) + 1)
}

/// The assessment representing each round (see the module rule).
fn representatives<'a>(rounds: &[Vec<&'a Assessment>]) -> Vec<&'a Assessment> {
    let mut reps: Vec<&Assessment> = Vec::with_capacity(rounds.len());
    for round in rounds {
        let same_agency =
            reps.last().and_then(|prev| round.iter().rev().find(|a| a.assessor.agency == prev.assessor.agency));
        let latest = round.last().expect("a round is never empty");
        reps.push(same_agency.unwrap_or(latest));
    }
    reps
}

/// The rounds' representatives and their profiles, each against its own words, and the means
/// to measure change between two of them (see the rule on versions).
struct Series<'a, V: Versions + ?Sized> {
    versions: &'a V,
    child: &'a Child,
    reps: Vec<&'a Assessment>,
    profiles: Vec<Profile>,
    /// Profiles of a pair of rounds on different versions, rescored on their shared items.
    shared: RefCell<HashMap<(usize, usize), (Profile, Profile)>>,
}

/// Which score of a profile: an area's, or a sub-area's.
#[derive(Clone, Copy)]
enum Part<'p> {
    Area(&'p str),
    SubArea(&'p str, &'p str),
}

impl Part<'_> {
    fn of(self, profile: &Profile) -> Option<f64> {
        let area = |id: &str| profile.areas.iter().find(|a| a.id == id);
        match self {
            Part::Area(a) => area(a)?.score,
            Part::SubArea(a, s) => area(a)?.subareas.iter().find(|x| x.id == s)?.score,
        }
    }
}

impl<'a, V: Versions + ?Sized> Series<'a, V> {
    fn new(versions: &'a V, child: &'a Child, reps: Vec<&'a Assessment>) -> Self {
        let profiles = reps.iter().map(|a| a.profile(versions.of(a), child)).collect();
        Series { versions, child, reps, profiles, shared: RefCell::new(HashMap::new()) }
    }

    fn same_words(&self, i: usize, j: usize) -> bool {
        self.versions.of(self.reps[i]).hash == self.versions.of(self.reps[j]).hash
    }

    /// The change of `part` from round `i` to round `j`.
    fn change(&self, part: Part, i: usize, j: usize) -> ScoreChange {
        let (from_date, to_date) = (self.reps[i].assessed_on, self.reps[j].assessed_on);
        if self.same_words(i, j) {
            return ScoreChange::new(from_date, part.of(&self.profiles[i]), to_date, part.of(&self.profiles[j]));
        }
        let mut cache = self.shared.borrow_mut();
        let (from, to) = cache.entry((i, j)).or_insert_with(|| {
            let shared = shared_items(self.versions.of(self.reps[i]), self.versions.of(self.reps[j]));
            (self.reps[i].profile(&shared, self.child), self.reps[j].profile(&shared, self.child))
        });
        ScoreChange { shared_items_only: true, ..ScoreChange::new(from_date, part.of(from), to_date, part.of(to)) }
    }

    /// Change since the previous round and since the first.
    fn changes(&self, part: Part) -> (Option<ScoreChange>, Option<ScoreChange>) {
        let n = self.reps.len();
        if n < 2 {
            return (None, None);
        }
        (Some(self.change(part, n - 2, n - 1)), Some(self.change(part, 0, n - 1)))
    }

    /// Where the version of the checklist changes between consecutive rounds.
    fn version_steps(&self) -> Vec<VersionStep> {
        (1..self.reps.len())
            .filter(|&j| !self.same_words(j - 1, j))
            .map(|j| {
                let (old, new) = (self.versions.of(self.reps[j - 1]), self.versions.of(self.reps[j]));
                let changes = diff(old, new);
                let titles =
                    |kind| changes.iter().filter(|d| d.change == kind).map(|d| d.title.clone()).collect::<Vec<_>>();
                VersionStep {
                    assessed_on: self.reps[j].assessed_on,
                    from_version: old.version.clone(),
                    to_version: new.version.clone(),
                    new_items: titles(VersionChange::New),
                    changed_items: titles(VersionChange::Changed),
                    removed_items: titles(VersionChange::Removed),
                }
            })
            .collect()
    }
}

/// The newer checklist with only the items the older one also has (matched by id).
fn shared_items(older: &Checklist, newer: &Checklist) -> Checklist {
    let mut shared = newer.clone();
    for sub in shared.areas.iter_mut().flat_map(|a| a.subareas.iter_mut()) {
        sub.items.retain(|i| older.item(&i.id).is_some());
    }
    shared
}

/// At concern: the confirmed grade where there is one, otherwise the computed score.
fn at_concern(confirmed: Option<u8>, score: Option<f64>) -> bool {
    match confirmed {
        Some(grade) => grade >= 3,
        None => score.is_some_and(|s| tenths(s) >= CONCERN_TENTHS),
    }
}

fn area_history<V: Versions + ?Sized>(area: &Area, series: &Series<V>) -> AreaHistory {
    let points: Vec<AreaPoint> = series
        .reps
        .iter()
        .zip(&series.profiles)
        .map(|(a, p)| {
            let s = p.areas.iter().find(|x| x.id == area.id);
            let score = s.and_then(|s| s.score);
            let confirmed = a.confirmation(&area.id).map(|c| c.confirmed);
            AreaPoint {
                assessment_id: a.id,
                assessed_on: a.assessed_on,
                score,
                band: s.and_then(|s| s.band),
                confirmed,
                shown_band: Band::shown(confirmed, s.and_then(|s| s.band)),
                urgent: s.is_some_and(|s| !s.urgent_items.is_empty()),
                at_concern: at_concern(confirmed, score),
                agreed: None,
            }
        })
        .collect();
    let (since_previous, since_first) = series.changes(Part::Area(&area.id));
    let subareas = area
        .subareas
        .iter()
        .map(|sub| {
            let part = Part::SubArea(&area.id, &sub.id);
            let points: Vec<SubAreaPoint> = series
                .reps
                .iter()
                .zip(&series.profiles)
                .map(|(a, p)| SubAreaPoint { assessment_id: a.id, assessed_on: a.assessed_on, score: part.of(p) })
                .collect();
            let (since_previous, since_first) = series.changes(part);
            SubAreaHistory { id: sub.id.clone(), name: sub.name.clone(), points, since_previous, since_first }
        })
        .collect();
    AreaHistory { id: area.id.clone(), name: area.name.clone(), points, since_previous, since_first, subareas }
}

fn drift<V: Versions + ?Sized>(area: &AreaHistory, series: &Series<V>) -> Option<Drift> {
    let points = &area.points;
    let latest = points.last()?;
    if !latest.at_concern {
        return None;
    }
    let six_months = points
        .iter()
        .rposition(|p| add_months(p.assessed_on, DRIFT_MONTHS) <= latest.assessed_on)
        .map(|i| (i, DriftWindow::SixMonths));
    let two_reviews = points.len().checked_sub(3).map(|i| (i, DriftWindow::TwoReviews));
    [six_months, two_reviews]
        .into_iter()
        .flatten()
        .map(|(i, window)| (i, window, series.change(Part::Area(&area.id), i, points.len() - 1)))
        .filter(|(_, _, change)| change.change != Change::Improved)
        .min_by_key(|&(i, _, _)| i)
        .map(|(_, window, change)| Drift {
            area_id: area.id.clone(),
            area_name: area.name.clone(),
            window,
            change,
            confirmed: latest.confirmed,
        })
}

/// Drift over 2 reviews: the drift rule holds at the latest round and at the round before it,
/// or the area is at concern and not improved on the round two reviews back (the two-review
/// window, which `drift` may report as the six-month one). See `plans::consider_escalation`.
fn drift_persisting<V: Versions + ?Sized>(area: &AreaHistory, series: &Series<V>) -> Option<Drift> {
    let latest = drift(area, series)?;
    let n = area.points.len();
    let previous = AreaHistory { points: area.points[..n - 1].to_vec(), ..area.clone() };
    let two_reviews = n >= 3 && series.change(Part::Area(&area.id), n - 3, n - 1).change != Change::Improved;
    (two_reviews || drift(&previous, series).is_some()).then_some(latest)
}

/// An improvement held since it was first seen, whatever its length or the area's band.
fn held_improvement<V: Versions + ?Sized>(area: &AreaHistory, series: &Series<V>) -> Option<SustainedImprovement> {
    let points = &area.points;
    let part = Part::Area(&area.id);
    let n = points.len();
    // The earliest round i such that it and every round after it are improved on round i - 1.
    let start = (1..n).find(|&i| (i..n).all(|j| series.change(part, i - 1, j).change == Change::Improved))?;
    Some(SustainedImprovement {
        area_id: area.id.clone(),
        area_name: area.name.clone(),
        since: points[start].assessed_on,
        change: series.change(part, start - 1, n - 1),
    })
}

/// Whether the latest round leaves the area at concern: banded at concern or with an urgent item.
fn still_concern(area: &AreaHistory) -> bool {
    area.points.last().is_some_and(|p| p.at_concern || p.urgent)
}

/// Sustained improvement: held for 6 months and no longer a concern (see the module rule).
fn sustained<V: Versions + ?Sized>(area: &AreaHistory, series: &Series<V>) -> Option<SustainedImprovement> {
    let latest = area.points.last()?;
    held_improvement(area, series)
        .filter(|s| add_months(s.since, SUSTAINED_MONTHS) <= latest.assessed_on && !still_concern(area))
}

/// "Improving, still a concern": an improvement held so far in an area still at concern.
fn improving_concern<V: Versions + ?Sized>(area: &AreaHistory, series: &Series<V>) -> Option<SustainedImprovement> {
    held_improvement(area, series).filter(|_| still_concern(area))
}

fn review_due(child: &Child, last_assessed_on: Option<NaiveDate>, today: NaiveDate) -> ReviewDue {
    let interval_months = match child.review_interval_months {
        0 => DEFAULT_REVIEW_INTERVAL_MONTHS,
        n => n,
    };
    let due_on = last_assessed_on.or(child.plan_start).map(|d| add_months(d, interval_months));
    let because = match (due_on, interval_months) {
        (None, _) => String::new(),
        (Some(_), 1) => "the checklist is repeated every month".to_string(),
        (Some(_), n) => format!("the checklist is repeated every {n} months"),
    };
    ReviewDue::new(last_assessed_on, interval_months, due_on, because, today)
}

/// "1 day", "3 days".
pub(crate) fn plural(n: impl Into<i64>, one: &str) -> String {
    match n.into() {
        1 => format!("1 {one}"),
        n => format!("{n} {one}s"),
    }
}

/// Time since the plan started; `None` without a plan or when it starts after `today`.
pub fn time_on_plan(child: &Child, today: NaiveDate) -> Option<TimeOnPlan> {
    time_between(child.plan_start?, today)
}

/// Time from `started_on` to `until` in the words above; `None` when it starts after `until`.
pub fn time_between(started_on: NaiveDate, until: NaiveDate) -> Option<TimeOnPlan> {
    let today = until;
    if started_on > today {
        return None;
    }
    let months = (0u32..).take_while(|&m| add_months(started_on, m) <= today).last().unwrap_or(0);
    let days = (today - add_months(started_on, months)).num_days() as u32;
    let total_days = (today - started_on).num_days();
    let words = match (months, days) {
        (0, 0) => "started today".to_string(),
        (0, d) if d < 7 => plural(d, "day"),
        (0, d) if d % 7 == 0 => plural(d / 7, "week"),
        (0, d) => format!("{} and {}", plural(d / 7, "week"), plural(d % 7, "day")),
        (m, 0) => plural(m, "month"),
        (m, d) => format!("{} and {}", plural(m, "month"), plural(d, "day")),
    };
    Some(TimeOnPlan { started_on, months, days, total_days, words })
}

/// The child's series: rounds, per-area and per-sub-area scores and change, and the flags.
/// `assessments` are the child's, in any status and version; drafts and superseded versions
/// are left out here.
pub fn history<V: Versions + ?Sized>(
    versions: &V,
    child: &Child,
    assessments: &[Assessment],
    today: NaiveDate,
) -> History {
    let current = current_versions(assessments);
    let grouped = group_rounds(&current);
    let reps = representatives(&grouped);
    let rounds = grouped
        .iter()
        .zip(&reps)
        .map(|(members, rep)| Round {
            started_on: members[0].assessed_on,
            assessment_ids: members.iter().map(|a| a.id).collect(),
            representative_id: rep.id,
        })
        .collect();
    let latest_round: &[&Assessment] = grouped.last().map_or(&[], |r| r.as_slice());
    let item_changes = match reps.as_slice() {
        [.., previous, latest] => item_changes(versions, child, previous, latest),
        _ => Vec::new(),
    };
    let urgent_again = match grouped.as_slice() {
        [.., previous, _] => {
            let before: HashSet<String> =
                urgent_items(versions, child, previous).into_iter().map(|u| u.item_id).collect();
            urgent_items(versions, child, latest_round).into_iter().filter(|u| before.contains(&u.item_id)).collect()
        }
        _ => Vec::new(),
    };
    let series = Series::new(versions, child, reps);
    let areas: Vec<AreaHistory> = versions.current().areas.iter().map(|area| area_history(area, &series)).collect();
    History {
        drift_persisting: areas.iter().filter_map(|a| drift_persisting(a, &series)).collect(),
        urgent_again,
        child_id: child.id,
        today,
        rounds,
        drift: areas.iter().filter_map(|a| drift(a, &series)).collect(),
        sustained: areas.iter().filter_map(|a| sustained(a, &series)).collect(),
        improving_concern: areas.iter().filter_map(|a| improving_concern(a, &series)).collect(),
        urgent: urgent_items(versions, child, latest_round),
        item_changes,
        unknown: unknown_items(versions, child, latest_round),
        areas,
        review: review_due(child, current.last().map(|a| a.assessed_on), today),
        time_on_plan: time_on_plan(child, today),
        versions: series.version_steps(),
    }
}

/// One assessor's grade for an item in a round where the assessors disagree.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AssessorView {
    #[ts(type = "number")]
    pub assessment_id: i64,
    pub assessor: Practitioner,
    pub assessed_on: NaiveDate,
    pub grade: u8,
    pub evidence: String,
    pub professional_only: bool,
    /// The adult of the household the assessor said the item concerns, if they said: two
    /// views of one item may be about different adults, which the core group needs to see.
    #[ts(type = "number | null")]
    pub adult_id: Option<i64>,
}

/// An item graded 2 or more apart by different assessors in one round: for discussion,
/// never averaged.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Disagreement {
    pub round_started_on: NaiveDate,
    pub area_id: String,
    pub area_name: String,
    pub item_id: String,
    pub item_title: String,
    /// Highest grade minus lowest.
    pub spread: u8,
    /// Every assessor in the round who graded the item, in date order.
    pub views: Vec<AssessorView>,
}

/// Items on which the assessors of a round disagree, round by round (oldest first), items in
/// checklist order. Items not graded 1..5 by at least two assessors are never listed.
pub fn disagreements<V: Versions + ?Sized>(versions: &V, assessments: &[Assessment]) -> Vec<Disagreement> {
    let current = current_versions(assessments);
    let mut found = Vec::new();
    for round in group_rounds(&current).iter().filter(|r| r.len() > 1) {
        // Items are matched by id across versions; titles are the round's latest checklist's words.
        let checklist = versions.of(round[round.len() - 1]);
        for area in &checklist.areas {
            for item in area.subareas.iter().flat_map(|s| &s.items) {
                let views: Vec<AssessorView> = round
                    .iter()
                    .filter_map(|a| {
                        let record = a.item(&item.id)?;
                        Some(AssessorView {
                            assessment_id: a.id,
                            assessor: a.assessor.clone(),
                            assessed_on: a.assessed_on,
                            grade: record.grade?.score()?,
                            evidence: record.evidence.clone(),
                            professional_only: record.professional_only,
                            adult_id: record.adult_id,
                        })
                    })
                    .collect();
                let grades = || views.iter().map(|v| v.grade);
                let spread = grades().max().unwrap_or(0) - grades().min().unwrap_or(0);
                if spread >= DISAGREEMENT_GAP {
                    found.push(Disagreement {
                        round_started_on: round[0].assessed_on,
                        area_id: area.id.clone(),
                        area_name: area.name.clone(),
                        item_id: item.id.clone(),
                        item_title: item.title.clone(),
                        spread,
                        views,
                    });
                }
            }
        }
    }
    found
}

/// A child in a household where a brother or sister has a finalised checklist but this child
/// has none: the child who is easily lost (often a new baby).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NotYetAssessed {
    #[ts(type = "number")]
    pub child_id: i64,
    pub name: String,
    #[ts(type = "number")]
    pub household_id: i64,
    pub household_name: Option<String>,
    /// The siblings who have a finalised checklist.
    #[ts(type = "Array<number>")]
    pub assessed_sibling_ids: Vec<i64>,
}

/// Given children with the date of their latest finalised assessment (if any), the children
/// never assessed whose household has a sibling with a finalised checklist dated on or before
/// `today`, whatever the sibling's review status: an overdue review of the older children must
/// never make the baby disappear. Children in no household are never flagged.
pub fn not_yet_assessed(children: &[(&Child, Option<NaiveDate>)], today: NaiveDate) -> Vec<NotYetAssessed> {
    let has_checklist = |latest: Option<NaiveDate>| latest.is_some_and(|d| d <= today);
    children
        .iter()
        .filter(|(_, latest)| latest.is_none())
        .filter_map(|&(child, _)| {
            let household_id = child.household_id?;
            let assessed_sibling_ids: Vec<i64> = children
                .iter()
                .filter(|(s, latest)| {
                    s.id != child.id && s.household_id == Some(household_id) && has_checklist(*latest)
                })
                .map(|(s, _)| s.id)
                .collect();
            (!assessed_sibling_ids.is_empty()).then(|| NotYetAssessed {
                child_id: child.id,
                name: child.name.clone(),
                household_id,
                household_name: child.household_name.clone(),
                assessed_sibling_ids,
            })
        })
        .collect()
}

/// An item graded 5, or at or above the grade it is serious from, by one assessor.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UrgentItem {
    pub area_id: String,
    pub area_name: String,
    pub item_id: String,
    pub item_title: String,
    pub grade: u8,
    /// Graded below 5 but at or above the grade the checklist marks it serious from.
    pub serious: bool,
    #[ts(type = "number")]
    pub assessment_id: i64,
    pub assessor: Practitioner,
    pub assessed_on: NaiveDate,
}

impl UrgentItem {
    /// "Safety: A young child left alone (graded 4, serious; School)".
    pub fn words(&self) -> String {
        let serious = if self.serious { ", serious" } else { "" };
        format!("{}: {} (graded {}{serious}; {})", self.area_name, self.item_title, self.grade, self.assessor.agency)
    }
}

/// Every urgent or serious item in `round` (all assessors), in checklist order, then by date.
/// Only items that apply to the child on each checklist's date count, as in scoring. Each
/// assessor's grades are read against the words (and serious marks) they were given on, so an
/// item that a later version removed still counts.
pub fn urgent_items<V: Versions + ?Sized>(versions: &V, child: &Child, round: &[&Assessment]) -> Vec<UrgentItem> {
    let mut found = Vec::new();
    for (a, checklist) in round.iter().map(|a| (a, versions.of(a))) {
        for area in &checklist.areas {
            for item in area.subareas.iter().flat_map(|s| &s.items) {
                if !item.applies_to(a.age_band(child.date_of_birth)) {
                    continue;
                }
                let Some(grade) = a.item(&item.id).and_then(|r| r.grade).and_then(|g| g.score()) else { continue };
                if item.is_serious_at(grade) {
                    found.push(UrgentItem {
                        area_id: area.id.clone(),
                        area_name: area.name.clone(),
                        item_id: item.id.clone(),
                        item_title: item.title.clone(),
                        grade,
                        serious: grade < 5,
                        assessment_id: a.id,
                        assessor: a.assessor.clone(),
                        assessed_on: a.assessed_on,
                    });
                }
            }
        }
    }
    // Areas and items in the current checklist's order (an item only an older version has comes
    // last in its area); the sort is stable, so one item's assessors stay in date order.
    let current = versions.current();
    let area_at = |id: &str| current.areas.iter().position(|x| x.id == id).unwrap_or(usize::MAX);
    let item_at = |id: &str| current.items().position(|x| x.id == id).unwrap_or(usize::MAX);
    found.sort_by_key(|u| (area_at(&u.area_id), item_at(&u.item_id)));
    found
}

/// An item that got worse by 2 or more grades, or reached its serious grade, between rounds.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ItemChange {
    pub area_id: String,
    pub area_name: String,
    pub item_id: String,
    pub item_title: String,
    pub from_date: NaiveDate,
    /// `None` when the item was not graded then ("not known", unanswered or not yet applying).
    pub from: Option<u8>,
    pub to_date: NaiveDate,
    pub to: u8,
    /// The latest grade is at or above the item's serious grade (or 5).
    pub serious: bool,
}

impl ItemChange {
    /// "Safe sleep (Physical care): 2 on 3 March 2026 to 4 on 1 June 2026, now serious".
    pub fn words(&self) -> String {
        let from = self.from.map_or_else(|| "not graded".to_string(), |g| g.to_string());
        let serious = if self.serious { ", now at its serious grade" } else { "" };
        format!(
            "{} ({}): {from} on {} to {} on {}{serious}",
            self.item_title,
            self.area_name,
            self.from_date.format("%-d %B %Y"),
            self.to,
            self.to_date.format("%-d %B %Y")
        )
    }
}

/// Items worse by [`ITEM_WORSE_GRADES`] or more, or newly serious, from `previous` to `latest`.
pub fn item_changes<V: Versions + ?Sized>(
    versions: &V,
    child: &Child,
    previous: &Assessment,
    latest: &Assessment,
) -> Vec<ItemChange> {
    // Items are matched by id across versions; the latest checklist's words and marks apply.
    let checklist = versions.of(latest);
    let band = latest.age_band(child.date_of_birth);
    let grade = |a: &Assessment, id: &str| a.item(id).and_then(|r| r.grade).and_then(|g| g.score());
    let mut found = Vec::new();
    for area in &checklist.areas {
        for item in area.subareas.iter().flat_map(|s| &s.items).filter(|i| i.applies_to(band)) {
            let Some(to) = grade(latest, &item.id) else { continue };
            let from = grade(previous, &item.id);
            let serious = item.is_serious_at(to);
            let newly_serious = serious && !from.is_some_and(|f| item.is_serious_at(f));
            let much_worse = from.is_some_and(|f| to >= f + ITEM_WORSE_GRADES);
            if newly_serious || much_worse {
                found.push(ItemChange {
                    area_id: area.id.clone(),
                    area_name: area.name.clone(),
                    item_id: item.id.clone(),
                    item_title: item.title.clone(),
                    from_date: previous.assessed_on,
                    from,
                    to_date: latest.assessed_on,
                    to,
                    serious,
                });
            }
        }
    }
    found
}

/// An applicable item that no assessor of the latest round graded.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UnknownItem {
    pub area_id: String,
    pub area_name: String,
    pub item_id: String,
    pub item_title: String,
    /// The checklist marks the item serious from some grade: not knowing it is itself a worry.
    pub serious_item: bool,
    /// Marked "not known" by someone (otherwise left unanswered).
    pub marked_not_known: bool,
}

/// Items that apply to the child (on the representative's date) and were not marked "not
/// applicable", yet no assessor in `round` graded 1 to 5.
pub fn unknown_items<V: Versions + ?Sized>(versions: &V, child: &Child, round: &[&Assessment]) -> Vec<UnknownItem> {
    let Some(latest) = round.last() else { return Vec::new() };
    let checklist = versions.of(latest);
    let band = latest.age_band(child.date_of_birth);
    let grades = |id: &str| -> Vec<Grade> { round.iter().filter_map(|a| a.item(id).and_then(|r| r.grade)).collect() };
    let mut found = Vec::new();
    for area in &checklist.areas {
        // An item that applies only with a recorded disability is not applicable without one.
        let applicable = |i: &&crate::checklist::Item| i.applies_to(band) && i.condition_met(child.has_disability);
        for item in area.subareas.iter().flat_map(|s| &s.items).filter(applicable) {
            let given = grades(&item.id);
            if !given.iter().any(|g| g.score().is_some() || *g == Grade::NotApplicable) {
                found.push(UnknownItem {
                    area_id: area.id.clone(),
                    area_name: area.name.clone(),
                    item_id: item.id.clone(),
                    item_title: item.title.clone(),
                    serious_item: item.serious_from.is_some(),
                    marked_not_known: given.contains(&Grade::NotKnown),
                });
            }
        }
    }
    found
}

/// One assessor's computed score for an area, in a round where the assessors' scores are far apart.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AreaView {
    #[ts(type = "number")]
    pub assessment_id: i64,
    pub assessor: Practitioner,
    pub score: f64,
}

/// An area two assessors of one round score 1.0 or more apart.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AreaGap {
    pub round_started_on: NaiveDate,
    pub area_id: String,
    pub area_name: String,
    /// Highest score minus lowest, to one decimal.
    pub spread: f64,
    /// Every assessor of the round with a computed score for the area, in date order.
    pub views: Vec<AreaView>,
}

/// Areas seen differently by the assessors of a round, round by round (oldest first).
pub fn area_gaps<V: Versions + ?Sized>(versions: &V, child: &Child, assessments: &[Assessment]) -> Vec<AreaGap> {
    let current = current_versions(assessments);
    let mut found = Vec::new();
    for round in group_rounds(&current).iter().filter(|r| r.len() > 1) {
        // Each assessor's own scores, against the words they graded on; areas matched by id.
        let profiles: Vec<Profile> = round.iter().map(|a| a.profile(versions.of(a), child)).collect();
        for area in &versions.current().areas {
            let views: Vec<AreaView> = round
                .iter()
                .zip(&profiles)
                .filter_map(|(a, p)| {
                    let score = p.areas.iter().find(|x| x.id == area.id)?.score?;
                    Some(AreaView { assessment_id: a.id, assessor: a.assessor.clone(), score })
                })
                .collect();
            let scores = || views.iter().map(|v| tenths(v.score));
            let spread = scores().max().unwrap_or(0) - scores().min().unwrap_or(0);
            if spread >= AREA_GAP_TENTHS {
                found.push(AreaGap {
                    round_started_on: round[0].assessed_on,
                    area_id: area.id.clone(),
                    area_name: area.name.clone(),
                    spread: f64::from(spread) / 10.0,
                    views,
                });
            }
        }
    }
    found
}

/// The history as plain text for a person at a terminal (`ntk history`): the same facts as the
/// history screen, from the same [`History`], never calmer than it.
pub fn history_text(child: &Child, h: &History, gaps: &[AreaGap]) -> String {
    let mut out = format!("{} (id {}), born {}, as at {}\n", child.name, child.id, child.date_of_birth, h.today);
    if h.rounds.is_empty() {
        out.push_str("No finalised checklist yet.\n");
    }
    for (n, r) in h.rounds.iter().enumerate() {
        out.push_str(&format!("Round {} from {}: {} checklist(s)\n", n + 1, r.started_on, r.assessment_ids.len()));
    }
    for area in &h.areas {
        let Some(p) = area.points.last() else { continue };
        let score = p.score.map_or_else(|| "not enough evidence".to_string(), |s| format!("{s:.1}"));
        let confirmed = p.confirmed.map_or_else(String::new, |g| format!(", confirmed {g}"));
        let band = p.shown_band.map_or("not enough evidence", |b| b.label());
        let change = area
            .since_previous
            .as_ref()
            .map_or_else(|| "no earlier review".to_string(), |c| format!("{} since the last review", c.change.label()));
        out.push_str(&format!("{}: {band} (computed {score}{confirmed}); {change}\n", area.name));
    }
    let mut flag = |label: &str, text: String| out.push_str(&format!("  {label}: {text}\n"));
    for u in &h.urgent {
        flag("urgent or serious item", u.words());
    }
    for c in &h.item_changes {
        flag("item worse", c.words());
    }
    for u in &h.unknown {
        let serious = if u.serious_item { ", a serious item" } else { "" };
        flag("not known", format!("{} ({}){serious}", u.item_title, u.area_name));
    }
    for area in &h.areas {
        if let Some(agreed) = area.points.last().and_then(|p| p.agreed.as_ref()) {
            flag("core group", format!("{}: {}", area.name, agreed.sentence));
        }
    }
    for d in &h.drift {
        flag("drift", d.area_name.clone());
    }
    for s in &h.sustained {
        flag("sustained improvement", format!("{} since {}", s.area_name, s.since));
    }
    for s in &h.improving_concern {
        flag("improving, still a concern", format!("{} since {}", s.area_name, s.since));
    }
    for g in gaps.iter().filter(|g| h.rounds.last().is_some_and(|r| r.started_on == g.round_started_on)) {
        let views: Vec<String> = g.views.iter().map(|v| format!("{} {:.1}", v.assessor.agency, v.score)).collect();
        flag("agencies see differently", format!("{}: {}", g.area_name, views.join(", ")));
    }
    match (h.review.due_on, h.review.overdue) {
        (Some(due), true) => flag("review", format!("overdue since {due}")),
        (Some(due), false) => flag("review", format!("due by {due}")),
        (None, _) => {}
    }
    out
}
