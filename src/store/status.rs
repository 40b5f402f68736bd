//! The per-child summary behind the home "needs attention" list: review due, drift, urgent and
//! serious items from every agency of the latest round, areas worse since the previous round,
//! serious items not known, actions without a result. Derived from the finalised checklists by
//! `compare`, stored so the list is one query, refreshed whenever a child's checklists change.
//! What depends on the day (an overdue review or action, two years on a plan, a sibling not yet
//! assessed) is decided when the list is read, for the date asked.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::children::{child_from_row, CHILD_COLUMNS};
use super::Store;
use crate::compare::{self, add_months, Change};
use crate::error::Result;
use crate::model::Child;

/// Time on a plan from which the child is listed as needing attention.
pub const LONG_PLAN_MONTHS: u32 = 24;

/// One child on the "needs attention" list, with every reason in words.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct Attention {
    pub child: Child,
    pub reasons: Vec<String>,
}

/// A checklist still in draft, for the home screen's "Drafts in progress": a half-done checklist
/// must never be forgotten, so each shows when it was last changed.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct DraftInProgress {
    #[ts(type = "number")]
    pub assessment_id: i64,
    #[ts(type = "number")]
    pub child_id: i64,
    pub child_name: String,
    /// The date the checklist is for.
    pub assessed_on: NaiveDate,
    pub assessor: String,
    pub agency: String,
    /// A correction of a finalised checklist, not a new one.
    pub amendment: bool,
    /// The time of the draft's latest audit row (its own, or one of its actions'): local time
    /// stamp as the audit log writes it.
    pub last_changed: String,
}

/// One row of the list query: the child and its stored summary.
struct StatusRow {
    child: Child,
    review_due: Option<NaiveDate>,
    drift: Option<String>,
    urgent: Option<String>,
    worse: Option<String>,
    unknown_serious: Option<String>,
    open_actions: Option<String>,
    /// Siblings with a finalised checklist dated on or before the day asked.
    sibling_assessed: bool,
    /// Names of siblings with no finalised checklist.
    unassessed_siblings: Option<String>,
    /// The latest checklist records that the child was not seen alone.
    not_seen_alone: bool,
    /// "Consider step-down" and "consider escalation" (`plans`), when they apply.
    plan_prompts: Vec<String>,
    /// The earliest finalising date of a current checklist with no manager's review.
    unreviewed_since: Option<NaiveDate>,
    /// An agency expected at the latest core group and not there; engagement without change.
    core_group_prompts: Vec<String>,
}

/// Items named on the home list per area before "and N more" (all of them are in the history
/// and the core-group PDF): a grim checklist must not bury the other reasons.
const URGENT_NAMED_PER_AREA: usize = 3;

/// "Physical care: Regular meals (graded 5; Health), ... and 4 more", area by area.
fn urgent_by_area(urgent: &[compare::UrgentItem]) -> Vec<String> {
    let mut areas: Vec<&str> = urgent.iter().map(|u| u.area_name.as_str()).collect();
    areas.dedup();
    areas
        .into_iter()
        .map(|area| {
            let items: Vec<&compare::UrgentItem> = urgent.iter().filter(|u| u.area_name == area).collect();
            let named: Vec<String> = items.iter().take(URGENT_NAMED_PER_AREA).map(|u| u.words()).collect();
            match items.len().saturating_sub(URGENT_NAMED_PER_AREA) {
                0 => named.join("; "),
                more => format!("{} and {more} more in {area}", named.join("; ")),
            }
        })
        .collect()
}
/// Whether the child's latest finalised checklist (an amendment over its original) records
/// that the child was not seen alone: someone must see the child alone, so it needs attention.
const NOT_SEEN_ALONE: &str = "EXISTS (
    SELECT 1 FROM narratives n
     WHERE n.section = 'voice_gap' AND n.text = 'not_seen_alone'
       AND n.assessment_id = (SELECT la.id FROM assessments la
                               WHERE la.child_id = c.id AND la.status = 'finalised'
                               ORDER BY la.assessed_on DESC, la.id DESC LIMIT 1))";

/// The earliest finalising date of the child's current finalised checklists that have no
/// manager's review (a superseded version is replaced by its amendment, which needs its own).
const UNREVIEWED_SINCE: &str = "(
    SELECT min(substr(ua.finalised_at, 1, 10)) FROM assessments ua
     WHERE ua.child_id = c.id AND ua.status = 'finalised'
       AND NOT EXISTS (SELECT 1 FROM assessments un WHERE un.amends_id = ua.id AND un.status = 'finalised')
       AND NOT EXISTS (SELECT 1 FROM manager_reviews mr WHERE mr.assessment_id = ua.id))";

/// The needs-attention query: every child who may need attention as at ?1 (a superset: the
/// reasons are decided exactly by `attention_reasons`), with its stored summary. ?2 is the
/// earliest plan start that may be two years old by then, ?3 the latest finalising date that
/// may be ten working days old. "Not seen alone" and the oldest checklist awaiting review are
/// worked out once per child, in `facts` (materialised, so SQLite does not copy the two
/// sub-queries into both the columns and the condition, where each ran again for every child
/// the cheaper conditions had not already let through).
pub(super) fn needs_attention_sql() -> String {
    format!(
        "WITH facts AS MATERIALIZED (
             SELECT c.id AS child_id, {NOT_SEEN_ALONE} AS not_seen_alone, {UNREVIEWED_SINCE} AS unreviewed_since
             FROM children c
         )
         SELECT {CHILD_COLUMNS}, s.review_due, s.drift, s.urgent, s.worse, s.unknown_serious,
                CASE WHEN s.open_action_due < ?1 THEN s.open_actions END,
                s.latest_on IS NULL AND c.household_id IS NOT NULL AND EXISTS (
                    SELECT 1 FROM children o JOIN child_status os ON os.child_id = o.id
                    WHERE o.household_id = c.household_id AND o.id != c.id AND os.latest_on <= ?1
                ) AS sibling_assessed,
                CASE WHEN s.latest_on IS NOT NULL AND c.household_id IS NOT NULL THEN (
                    SELECT group_concat(o.name, ', ') FROM children o JOIN child_status os ON os.child_id = o.id
                    WHERE o.household_id = c.household_id AND o.id != c.id AND os.latest_on IS NULL
                ) END AS unassessed_siblings,
                f.not_seen_alone, pp.step_down, pp.escalation, f.unreviewed_since,
                pp.missing_agencies, pp.engagement
         FROM child_status s JOIN children c ON c.id = s.child_id
              JOIN facts f ON f.child_id = c.id
              LEFT JOIN households h ON h.id = c.household_id
              LEFT JOIN plan_prompts pp ON pp.child_id = c.id
         WHERE s.review_due < ?1 OR s.drift IS NOT NULL OR s.urgent IS NOT NULL OR s.latest_on IS NULL
            OR s.worse IS NOT NULL OR s.unknown_serious IS NOT NULL OR s.open_action_due < ?1
            OR EXISTS (SELECT 1 FROM plans p WHERE p.child_id = c.id AND p.ended_on IS NULL
                       AND p.plan_type = 'child_protection' AND p.started_on <= ?2)
            OR pp.step_down IS NOT NULL OR pp.escalation IS NOT NULL
            OR pp.missing_agencies IS NOT NULL OR pp.engagement IS NOT NULL
            OR f.unreviewed_since <= ?3 OR f.not_seen_alone
            OR (c.household_id IS NOT NULL AND EXISTS (
                    SELECT 1 FROM children o JOIN child_status os ON os.child_id = o.id
                    WHERE o.household_id = c.household_id AND o.id != c.id AND os.latest_on IS NULL))"
    )
}

/// Every draft checklist with its child, assessor and last change (see `drafts_in_progress`);
/// the drafts are found through their own index (`assessments_drafts`), not by reading every
/// checklist in the file.
pub(super) const DRAFTS_IN_PROGRESS: &str =
    "SELECT a.id, a.child_id, c.name, a.assessed_on, p.name, p.agency, a.amends_id IS NOT NULL,
                coalesce((SELECT l.at FROM audit_log l
                           WHERE (l.record_type = 'assessment' AND l.record_id = a.id)
                              OR (l.record_type = 'action'
                                  AND l.record_id IN (SELECT x.id FROM actions x WHERE x.assessment_id = a.id))
                           ORDER BY l.id DESC LIMIT 1), a.created_at) AS last_changed,
                coalesce((SELECT max(l.id) FROM audit_log l
                           WHERE (l.record_type = 'assessment' AND l.record_id = a.id)
                              OR (l.record_type = 'action'
                                  AND l.record_id IN (SELECT x.id FROM actions x WHERE x.assessment_id = a.id))),
                         0) AS last_row
         FROM assessments a JOIN children c ON c.id = a.child_id
              JOIN practitioners p ON p.id = a.practitioner_id
         WHERE a.status = 'draft'
         ORDER BY last_row, a.id";

/// "Awaiting manager review" once the working-day rule (`oversight::review_awaited_from`) has
/// passed for the earliest unreviewed checklist.
fn awaiting_review_reason(unreviewed_since: Option<NaiveDate>, today: NaiveDate) -> Option<String> {
    let since = unreviewed_since.filter(|d| crate::oversight::review_awaited_from(*d) <= today)?;
    Some(format!(
        "Awaiting manager review: a checklist finalised on {} has had no manager's review for {} working days or more.",
        short_date(since),
        crate::oversight::AWAITING_REVIEW_WORKING_DAYS
    ))
}

fn join_or_none(parts: Vec<String>) -> Option<String> {
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn short_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

impl Store {
    /// "Awaiting manager review" for one child, in the words of the home list, when the
    /// working-day rule has passed for a checklist with no manager's review: the child's page
    /// shows what the home list shows, from the same query and rule.
    pub fn awaiting_manager_review(&self, child_id: i64, today: NaiveDate) -> Result<Option<String>> {
        self.get_child(child_id)?;
        let since: Option<String> = self.conn.query_row(
            &format!("SELECT {UNREVIEWED_SINCE} FROM children c WHERE c.id = ?1"),
            [child_id],
            |r| r.get(0),
        )?;
        let since = since.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        Ok(awaiting_review_reason(since, today))
    }

    /// Recomputes one child's summary from its checklists.
    /// The stored fields do not depend on the day (only "overdue" does, and that is decided
    /// when the list is read), so the clock is read here rather than passed in.
    pub(crate) fn refresh_child_status(&mut self, child_id: i64) -> Result<()> {
        let today = chrono::Local::now().date_naive();
        let child = self.get_child(child_id)?;
        let assessments = self.assessments_for_child(child_id)?;
        let current_plan = super::plans::current_plan(&self.conn, child_id)?;
        let mut h = compare::history(&self.checklists, &child, &assessments, today);
        h.review = h.review.following_plan(current_plan.as_ref(), today);
        let drift = join_or_none(h.drift.iter().map(|d| d.area_name.clone()).collect());
        let sustained = join_or_none(h.sustained.iter().map(|s| s.area_name.clone()).collect());
        let urgent = join_or_none(urgent_by_area(&h.urgent));
        let worse = join_or_none(
            h.areas
                .iter()
                .filter_map(|a| {
                    let c = a.since_previous.as_ref().filter(|c| c.change == Change::Worse)?;
                    Some(format!("{} ({:.1} to {:.1})", a.name, c.from?, c.to?))
                })
                .collect(),
        );
        let unknown_serious = join_or_none(
            h.unknown
                .iter()
                .filter(|u| u.serious_item)
                .map(|u| format!("{} ({}) not known", u.item_title, u.area_name))
                .collect(),
        );
        let step_down = crate::plans::consider_step_down(current_plan.as_ref(), &h);
        let escalation = crate::plans::consider_escalation(&h);
        let missing_agencies = super::core_group::meetings_of(&self.conn, child_id)?.last().and_then(|m| {
            let missing = m.missing_agencies();
            (!missing.is_empty()).then(|| {
                format!("Core group of {}: expected but not present: {}.", short_date(m.held_on), missing.join(", "))
            })
        });
        let engagement = crate::core_group::consider_engagement_without_change(
            &super::core_group::engagement_of(&self.conn, child_id)?,
            &h,
        );
        let latest_round: Vec<i64> = h.rounds.last().map(|r| r.assessment_ids.clone()).unwrap_or_default();
        let mut open: Vec<(NaiveDate, String)> = assessments
            .iter()
            .filter(|a| latest_round.contains(&a.id))
            .flat_map(|a| &a.actions)
            .filter(|x| x.result.trim().is_empty())
            .map(|x| (x.by_when, x.what.trim().to_string()))
            .collect();
        open.sort();
        let open_action_due = open.first().map(|(d, _)| *d);
        let open_actions = (!open.is_empty()).then(|| serde_json::to_string(&open).expect("dates and text serialise"));
        self.conn.execute(
            "INSERT INTO child_status (child_id, latest_on, review_due, drift, urgent, sustained, worse,
                                       unknown_serious, open_actions, open_action_due)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (child_id) DO UPDATE SET latest_on = excluded.latest_on, review_due = excluded.review_due,
                 drift = excluded.drift, urgent = excluded.urgent, sustained = excluded.sustained,
                 worse = excluded.worse, unknown_serious = excluded.unknown_serious,
                 open_actions = excluded.open_actions, open_action_due = excluded.open_action_due",
            params![
                child_id,
                h.review.last_assessed_on,
                h.review.due_on,
                drift,
                urgent,
                sustained,
                worse,
                unknown_serious,
                open_actions,
                open_action_due
            ],
        )?;
        self.conn.execute(
            "INSERT INTO plan_prompts (child_id, step_down, escalation, missing_agencies, engagement)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (child_id) DO UPDATE SET step_down = excluded.step_down, escalation = excluded.escalation,
                 missing_agencies = excluded.missing_agencies, engagement = excluded.engagement",
            params![child_id, step_down, escalation, missing_agencies, engagement],
        )?;
        Ok(())
    }

    /// Rebuilds every child's summary (after a migration, a restore or an import).
    pub fn rebuild_child_status(&mut self) -> Result<()> {
        let ids: Vec<i64> = self.list_children()?.into_iter().map(|c| c.id).collect();
        for id in ids {
            self.refresh_child_status(id)?;
        }
        Ok(())
    }

    /// Rebuilds the summaries when some child has none (a file from before they existed).
    pub(crate) fn ensure_child_status(&mut self) -> Result<()> {
        let missing: i64 = self.conn.query_row(
            "SELECT count(*) FROM children c LEFT JOIN child_status s ON s.child_id = c.id
                  LEFT JOIN plan_prompts pp ON pp.child_id = c.id
             WHERE s.child_id IS NULL OR pp.child_id IS NULL",
            [],
            |r| r.get(0),
        )?;
        if missing > 0 {
            self.rebuild_child_status()?;
        }
        Ok(())
    }

    /// Every draft checklist, the one left alone longest first: that is the one most likely to
    /// have been forgotten. "Last changed" is the newest audit row of the draft or of one of its
    /// actions (by row number, which follows time whatever the clock's offset did); a deleted
    /// action's row no longer names its checklist, so deleting one does not count as a change.
    pub fn drafts_in_progress(&self) -> Result<Vec<DraftInProgress>> {
        let mut stmt = self.conn.prepare(DRAFTS_IN_PROGRESS)?;
        let rows = stmt.query_map([], |r| {
            Ok(DraftInProgress {
                assessment_id: r.get(0)?,
                child_id: r.get(1)?,
                child_name: r.get(2)?,
                assessed_on: r.get(3)?,
                assessor: r.get(4)?,
                agency: r.get(5)?,
                amendment: r.get(6)?,
                last_changed: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Children needing attention as at `today`, with every reason: not yet assessed while a
    /// sibling has a checklist (whatever the sibling's review status), an overdue review, drift,
    /// an urgent or serious item from any agency of the latest round, an area worse since the
    /// previous round, a serious item not known, an action past its due date with no result,
    /// two years or more on a plan, a brother or sister not yet assessed, not seen alone at
    /// the latest checklist.
    /// Most reasons first, then by name (then by id, so the order is the same every time).
    pub fn needs_attention(&self, today: NaiveDate) -> Result<Vec<Attention>> {
        // One query for the children too (their columns first, then the status): a list of
        // thousands must not cost a query per child. A plan start up to 23 months back is a
        // superset of "two years or more"; the exact month rule is applied below.
        let plan_candidates =
            today.checked_sub_months(chrono::Months::new(LONG_PLAN_MONTHS - 1)).unwrap_or(NaiveDate::MIN);
        let mut stmt = self.conn.prepare(&needs_attention_sql())?;
        let at = CHILD_COLUMNS.split(',').count();
        // Ten working days are at least twelve calendar days (finalised on a Sunday): a
        // superset, decided exactly below.
        let review_candidates = today - chrono::Days::new(crate::oversight::REVIEW_AWAITED_AFTER_AT_LEAST_DAYS);
        let rows: Vec<StatusRow> = stmt
            .query_map(params![today, plan_candidates, review_candidates], |r| {
                Ok(StatusRow {
                    child: child_from_row(r)?,
                    review_due: r.get(at)?,
                    drift: r.get(at + 1)?,
                    urgent: r.get(at + 2)?,
                    worse: r.get(at + 3)?,
                    unknown_serious: r.get(at + 4)?,
                    open_actions: r.get(at + 5)?,
                    sibling_assessed: r.get(at + 6)?,
                    unassessed_siblings: r.get(at + 7)?,
                    not_seen_alone: r.get(at + 8)?,
                    plan_prompts: [r.get::<_, Option<String>>(at + 9)?, r.get(at + 10)?]
                        .into_iter()
                        .flatten()
                        .collect(),
                    unreviewed_since: r.get(at + 11)?,
                    core_group_prompts: [r.get::<_, Option<String>>(at + 12)?, r.get(at + 13)?]
                        .into_iter()
                        .flatten()
                        .collect(),
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        let mut out: Vec<Attention> = rows
            .into_iter()
            .filter_map(|row| {
                let reasons = attention_reasons(&row, today);
                (!reasons.is_empty()).then_some(Attention { child: row.child, reasons })
            })
            .collect();
        self.add_chronology_attention(today, &mut out)?;
        // The id last: two children of the same name keep their order from one page to the next.
        out.sort_by(|a, b| {
            b.reasons
                .len()
                .cmp(&a.reasons.len())
                .then_with(|| a.child.name.cmp(&b.child.name))
                .then(a.child.id.cmp(&b.child.id))
        });
        Ok(out)
    }
}

/// Every reason a child needs attention as at `today`, each naming its area, action or child.
fn attention_reasons(row: &StatusRow, today: NaiveDate) -> Vec<String> {
    let mut reasons = Vec::new();
    if row.sibling_assessed {
        reasons.push("Not yet assessed, while a brother or sister has a checklist.".to_string());
    }
    if let Some(due) = row.review_due.filter(|d| *d < today) {
        reasons.push(format!("Review overdue since {}.", short_date(due)));
    }
    if let Some(areas) = &row.drift {
        reasons.push(format!("Drift: no improvement in {areas}."));
    }
    if let Some(items) = &row.urgent {
        reasons.push(format!("Urgent or serious item in the latest review round: {items}."));
    }
    if let Some(items) = &row.unknown_serious {
        reasons.push(format!("Serious item with no evidence: {items}."));
    }
    if let Some(areas) = &row.worse {
        reasons.push(format!("Worse since the previous review: {areas}."));
    }
    let open: Vec<(NaiveDate, String)> =
        row.open_actions.as_deref().and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default();
    for (due, what) in open.iter().filter(|(due, _)| *due < today) {
        reasons.push(format!("Action past its due date ({}) with no result: {what}.", short_date(*due)));
    }
    if let Some(start) = row.child.plan_start.filter(|s| add_months(*s, LONG_PLAN_MONTHS) <= today) {
        let years = compare::time_on_plan(&row.child, today).map_or(2, |t| t.months / 12);
        reasons.push(format!("On a plan for {years} years or more (since {}).", short_date(start)));
    }
    if let Some(names) = &row.unassessed_siblings {
        reasons.push(format!("A brother or sister is not yet assessed: {names}."));
    }
    if row.not_seen_alone {
        reasons.push("Not seen alone at the latest checklist: the child's own voice is missing.".to_string());
    }
    reasons.extend(row.plan_prompts.iter().cloned());
    reasons.extend(awaiting_review_reason(row.unreviewed_since, today));
    reasons.extend(row.core_group_prompts.iter().cloned());
    reasons
}
