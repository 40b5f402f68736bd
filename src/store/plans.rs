//! A child's plans: started and ended in one function each (`insert_plan`, `close_plan`), so
//! whatever else must happen when a plan starts or ends (a chronology entry) has one place.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::audit::{now_stamp, record, Change};
use super::Store;
use crate::chronology::EventKind;
use crate::error::{CoreError, Result};
use crate::model::PlanCategory;
use crate::plans::{plan_views, EndPlanForm, Plan, PlanForm, PlanOutcome, PlanPrompts, PlanType, PlanView, ValidPlan};

const PLAN_COLUMNS: &str = "id, child_id, plan_type, category, started_on, ended_on, outcome";

fn plan_from_row(r: &Row) -> rusqlite::Result<Plan> {
    let text = |i: usize| r.get::<_, Option<String>>(i);
    Ok(Plan {
        id: r.get(0)?,
        child_id: r.get(1)?,
        plan_type: text(2)?.as_deref().and_then(PlanType::parse).unwrap_or(PlanType::ChildProtection),
        category: text(3)?.as_deref().and_then(PlanCategory::parse),
        started_on: r.get(4)?,
        ended_on: r.get(5)?,
        outcome: text(6)?.as_deref().and_then(PlanOutcome::parse),
    })
}

/// A child's plans, oldest first.
pub(super) fn plans_of(conn: &Connection, child_id: i64) -> Result<Vec<Plan>> {
    let mut stmt =
        conn.prepare(&format!("SELECT {PLAN_COLUMNS} FROM plans WHERE child_id = ?1 ORDER BY started_on, id"))?;
    let rows = stmt.query_map([child_id], plan_from_row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub(super) fn current_plan(conn: &Connection, child_id: i64) -> Result<Option<Plan>> {
    Ok(conn
        .query_row(
            &format!("SELECT {PLAN_COLUMNS} FROM plans WHERE child_id = ?1 AND ended_on IS NULL"),
            [child_id],
            plan_from_row,
        )
        .optional()?)
}

fn audit_plan(
    tx: &Transaction,
    actor: &str,
    action: &str,
    plan: &Plan,
    fields: &[(&str, Option<String>)],
) -> Result<()> {
    for (field, value) in fields {
        record(
            tx,
            actor,
            Change {
                action,
                record_type: "plan",
                record_id: Some(plan.id),
                child_id: Some(plan.child_id),
                field: Some(field),
                new_value: value.as_deref(),
                ..Change::default()
            },
        )?;
    }
    Ok(())
}

/// Starts a plan: the one place a plan starts. One current plan at a time, and a plan never
/// starts before the child's previous plan ended.
pub(super) fn insert_plan(tx: &Transaction, actor: &str, child_id: i64, plan: &ValidPlan) -> Result<Plan> {
    if let Some(current) = current_plan(tx, child_id)? {
        return Err(CoreError::invalid(
            "plan_type",
            format!(
                "The child is still on a {} (since {}): record how it ended before starting a new plan.",
                current.kind_words(),
                current.started_on.format("%-d %b %Y")
            ),
        ));
    }
    let last_end: Option<NaiveDate> =
        tx.query_row("SELECT max(ended_on) FROM plans WHERE child_id = ?1", [child_id], |r| r.get(0))?;
    if let Some(end) = last_end.filter(|end| plan.started_on < *end) {
        return Err(CoreError::invalid(
            "started_on",
            format!("The new plan starts before the previous plan ended ({}).", end.format("%-d %b %Y")),
        ));
    }
    tx.execute(
        "INSERT INTO plans (child_id, plan_type, category, started_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![child_id, plan.plan_type.as_str(), plan.category.map(|c| c.as_str()), plan.started_on, now_stamp()],
    )?;
    let stored = Plan {
        id: tx.last_insert_rowid(),
        child_id,
        plan_type: plan.plan_type,
        category: plan.category,
        started_on: plan.started_on,
        ended_on: None,
        outcome: None,
    };
    audit_plan(
        tx,
        actor,
        "create",
        &stored,
        &[
            ("plan_type", Some(plan.plan_type.as_str().to_string())),
            ("category", plan.category.map(|c| c.as_str().to_string())),
            ("started_on", Some(plan.started_on.to_string())),
        ],
    )?;
    let started = format!("Started: {}.", stored.kind_words());
    plan_event(tx, actor, child_id, EventKind::PlanStarted, plan.started_on, &started)?;
    Ok(stored)
}

/// A plan's start and end are events of the child's chronology, written in the plan's own
/// transaction so neither is kept without the other. The agency is the organisation in Settings;
/// when none is set the event still needs one (an exchange file refuses an event without an
/// agency), so it says so rather than guess.
fn plan_event(
    tx: &Transaction,
    actor: &str,
    child_id: i64,
    kind: EventKind,
    date: NaiveDate,
    text: &str,
) -> Result<()> {
    let organisation = super::settings::setting_in(tx, "practitioner.organisation")?;
    let agency = organisation.filter(|o| !o.trim().is_empty()).unwrap_or_else(|| "Agency not recorded".into());
    Store::record_automatic_event(tx, actor, child_id, kind, date, &agency, text)?;
    Ok(())
}

/// Ends a plan with its outcome: the one place a plan ends.
pub(super) fn close_plan(
    tx: &Transaction,
    actor: &str,
    plan: &Plan,
    ended_on: NaiveDate,
    outcome: PlanOutcome,
) -> Result<Plan> {
    tx.execute(
        "UPDATE plans SET ended_on = ?2, outcome = ?3 WHERE id = ?1 AND ended_on IS NULL",
        params![plan.id, ended_on, outcome.as_str()],
    )?;
    audit_plan(
        tx,
        actor,
        "end",
        plan,
        &[("ended_on", Some(ended_on.to_string())), ("outcome", Some(outcome.as_str().to_string()))],
    )?;
    let ended = format!("Ended: {} ({}).", plan.kind_words(), outcome.label().to_lowercase());
    plan_event(tx, actor, plan.child_id, EventKind::PlanEnded, ended_on, &ended)?;
    Ok(Plan { ended_on: Some(ended_on), outcome: Some(outcome), ..plan.clone() })
}

/// The child form's plan fields (category and start of a child protection plan) applied to the
/// child's plans: a start with no current plan starts one; a changed start or category corrects
/// the current child protection plan (audited as a correction); clearing the start of a current
/// plan is refused, because a plan ends with an outcome.
pub(super) fn apply_child_form_plan(
    tx: &Transaction,
    actor: &str,
    child_id: i64,
    category: Option<PlanCategory>,
    start: Option<NaiveDate>,
) -> Result<()> {
    let current = current_plan(tx, child_id)?;
    match (current, start, category) {
        (None, Some(started_on), Some(category)) => {
            let plan = ValidPlan { plan_type: PlanType::ChildProtection, category: Some(category), started_on };
            insert_plan(tx, actor, child_id, &plan)?;
            tx.execute("UPDATE children SET plan_category = NULL, plan_start = NULL WHERE id = ?1", [child_id])?;
        }
        (None, _, category) => {
            tx.execute(
                "UPDATE children SET plan_category = ?2, plan_start = NULL WHERE id = ?1",
                params![child_id, category.map(|c| c.as_str())],
            )?;
        }
        (Some(plan), Some(started_on), Some(category)) if plan.plan_type == PlanType::ChildProtection => {
            if plan.started_on != started_on || plan.category != Some(category) {
                tx.execute(
                    "UPDATE plans SET started_on = ?2, category = ?3 WHERE id = ?1",
                    params![plan.id, started_on, category.as_str()],
                )?;
                audit_plan(
                    tx,
                    actor,
                    "update",
                    &plan,
                    &[("started_on", Some(started_on.to_string())), ("category", Some(category.as_str().to_string()))],
                )?;
            }
        }
        (Some(plan), None, _) if plan.plan_type == PlanType::ChildProtection => {
            return Err(CoreError::invalid(
                "plan_start",
                "A plan is ended with its end date and outcome (under Plans), not by clearing its start date.",
            ));
        }
        (Some(plan), _, _) => {
            return Err(CoreError::invalid(
                "plan_start",
                format!(
                    "The child is on a {}: end it (under Plans) before starting a child protection plan.",
                    plan.kind_words()
                ),
            ));
        }
    }
    Ok(())
}

impl Store {
    /// Every plan of the child, oldest first, with time on plan and repeat number as at `today`.
    pub fn plans(&self, child_id: i64, today: NaiveDate) -> Result<Vec<PlanView>> {
        self.get_child(child_id)?;
        Ok(plan_views(&plans_of(&self.conn, child_id)?, today))
    }

    /// The prompts stored with the child's summary: step-down, escalation, missing agencies and
    /// engagement without change.
    pub fn plan_prompts(&self, child_id: i64) -> Result<PlanPrompts> {
        self.get_child(child_id)?;
        Ok(self
            .conn
            .query_row(
                "SELECT step_down, escalation, missing_agencies, engagement FROM plan_prompts WHERE child_id = ?1",
                [child_id],
                |r| {
                    Ok(PlanPrompts {
                        step_down: r.get(0)?,
                        escalation: r.get(1)?,
                        missing_agencies: r.get(2)?,
                        engagement: r.get(3)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    /// Starts a plan for the child.
    pub fn start_plan(&mut self, child_id: i64, form: &PlanForm, today: NaiveDate) -> Result<Vec<PlanView>> {
        self.get_child(child_id)?;
        let valid = form.validate(today)?;
        let tx = self.conn.transaction()?;
        insert_plan(&tx, &self.actor, child_id, &valid)?;
        tx.commit()?;
        self.refresh_child_status(child_id)?;
        self.plans(child_id, today)
    }

    /// Ends the child's current plan with its outcome.
    pub fn end_plan(&mut self, child_id: i64, form: &EndPlanForm, today: NaiveDate) -> Result<Vec<PlanView>> {
        self.get_child(child_id)?;
        let plan = current_plan(&self.conn, child_id)?.ok_or_else(|| {
            CoreError::invalid("outcome", "The child is on no plan at the moment: there is none to end.")
        })?;
        let (ended_on, outcome) = form.validate(&plan, today)?;
        let tx = self.conn.transaction()?;
        close_plan(&tx, &self.actor, &plan, ended_on, outcome)?;
        tx.commit()?;
        self.refresh_child_status(child_id)?;
        self.plans(child_id, today)
    }
}
