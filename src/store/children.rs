//! Households and children.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::audit::{now_stamp, record, Change};
use super::Store;
use crate::checklist::Versions;
use crate::error::{CoreError, Result};
use crate::model::{Child, ChildForm, Household, PlanCategory, ValidChild};

/// The child's columns. Plan category and start are those of the current child protection plan
/// (`plans`); a category recorded with no start date (before plans existed) stays on the child.
/// No comma outside the column list's own: readers count the columns by splitting on commas.
pub(super) const CHILD_COLUMNS: &str = "c.id, c.name, c.date_of_birth, c.unborn, c.household_id, h.name,
     c.disability_needs, c.communication_needs,
     CASE WHEN c.plan_category IS NOT NULL THEN c.plan_category
          ELSE (SELECT p.category FROM plans p WHERE p.child_id = c.id AND p.ended_on IS NULL
                AND p.plan_type = 'child_protection') END,
     (SELECT p.started_on FROM plans p WHERE p.child_id = c.id AND p.ended_on IS NULL
      AND p.plan_type = 'child_protection'),
     c.review_interval_months, c.has_disability";

pub(super) fn child_from_row(r: &Row) -> rusqlite::Result<Child> {
    let category: Option<String> = r.get(8)?;
    Ok(Child {
        id: r.get(0)?,
        name: r.get(1)?,
        date_of_birth: r.get::<_, NaiveDate>(2)?,
        unborn: r.get(3)?,
        household_id: r.get(4)?,
        household_name: r.get(5)?,
        disability_needs: r.get(6)?,
        communication_needs: r.get(7)?,
        plan_category: category.as_deref().and_then(PlanCategory::parse),
        plan_start: r.get(9)?,
        review_interval_months: r.get(10)?,
        has_disability: r.get(11)?,
    })
}

/// The household called `name` (ignoring case), created if there is none.
pub(super) fn household_id_for(tx: &Transaction, actor: &str, name: &str) -> Result<i64> {
    if let Some(id) =
        tx.query_row("SELECT id FROM households WHERE lower(name) = lower(?1)", [name], |r| r.get(0)).optional()?
    {
        return Ok(id);
    }
    tx.execute("INSERT INTO households (name, created_at) VALUES (?1, ?2)", params![name, now_stamp()])?;
    let id = tx.last_insert_rowid();
    record(
        tx,
        actor,
        Change {
            action: "create",
            record_type: "household",
            record_id: Some(id),
            field: Some("name"),
            new_value: Some(name),
            ..Change::default()
        },
    )?;
    Ok(id)
}

/// Adds a child (and its household if new) with one audit row per field, inside `tx`: the one
/// writer of new children, whether typed in, imported or generated.
pub(super) fn insert_child(tx: &Transaction, actor: &str, action: &str, c: &ValidChild) -> Result<i64> {
    let household_id = c.household.as_deref().map(|h| household_id_for(tx, actor, h)).transpose()?;
    tx.execute(
        "INSERT INTO children (name, date_of_birth, unborn, household_id, disability_needs,
             communication_needs, plan_category, plan_start, review_interval_months, created_at, has_disability)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            c.name,
            c.date_of_birth,
            c.unborn,
            household_id,
            c.disability_needs,
            c.communication_needs,
            None::<&str>,
            None::<NaiveDate>,
            c.review_interval_months,
            now_stamp(),
            c.has_disability
        ],
    )?;
    let id = tx.last_insert_rowid();
    super::plans::apply_child_form_plan(tx, actor, id, c.plan_category, c.plan_start)?;
    for (field, value) in audited_fields(c, household_id) {
        record(
            tx,
            actor,
            Change {
                action,
                record_type: "child",
                record_id: Some(id),
                child_id: Some(id),
                field: Some(field),
                new_value: value.as_deref(),
                ..Change::default()
            },
        )?;
    }
    Ok(id)
}

/// The child's fields the audit log compares, as (column, what a person calls it): the one list
/// the log writes and the audit trail reads its names from.
pub(crate) const AUDITED_CHILD_FIELDS: [(&str, &str); 10] = [
    ("name", "Name"),
    ("date_of_birth", "Date of birth"),
    ("unborn", "Unborn"),
    ("household_id", "Household"),
    ("has_disability", "Has a disability or long-term condition"),
    ("disability_needs", "Disability needs"),
    ("communication_needs", "Communication needs"),
    ("plan_category", "Plan category"),
    ("plan_start", "Plan start"),
    ("review_interval_months", "Review interval in months"),
];

/// The fields of a child as (column, text) pairs, in the order of [`AUDITED_CHILD_FIELDS`].
fn audited_fields(c: &ValidChild, household_id: Option<i64>) -> Vec<(&'static str, Option<String>)> {
    let values = [
        Some(c.name.clone()),
        Some(c.date_of_birth.to_string()),
        Some(c.unborn.to_string()),
        household_id.map(|h| h.to_string()),
        Some(c.has_disability.to_string()),
        Some(c.disability_needs.clone()),
        Some(c.communication_needs.clone()),
        c.plan_category.map(|p| p.as_str().to_string()),
        c.plan_start.map(|d| d.to_string()),
        Some(c.review_interval_months.to_string()),
    ];
    AUDITED_CHILD_FIELDS.iter().map(|(column, _)| *column).zip(values).collect()
}

fn child_as_valid(c: &Child) -> ValidChild {
    ValidChild {
        name: c.name.clone(),
        date_of_birth: c.date_of_birth,
        unborn: c.unborn,
        household: c.household_name.clone(),
        has_disability: c.has_disability,
        disability_needs: c.disability_needs.clone(),
        communication_needs: c.communication_needs.clone(),
        plan_category: c.plan_category,
        plan_start: c.plan_start,
        review_interval_months: c.review_interval_months,
    }
}

impl Store {
    pub fn list_households(&self) -> Result<Vec<Household>> {
        let mut stmt = self.conn.prepare("SELECT id, name FROM households ORDER BY name COLLATE NOCASE")?;
        let rows = stmt.query_map([], |r| Ok(Household { id: r.get(0)?, name: r.get(1)? }))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every child, by name.
    pub fn list_children(&self) -> Result<Vec<Child>> {
        self.children_by_name(0, None)
    }

    /// The children by name from `offset`, at most `limit` of them (all with `None`). One query
    /// and one order for the whole list and for a page of it, so that the home screen's pages
    /// without a search and its search (which filters the whole list) put the children in the
    /// same order: by name ignoring case, then by id, so two children of the same name keep
    /// their places from one page to the next.
    pub(super) fn children_by_name(&self, offset: u32, limit: Option<u32>) -> Result<Vec<Child>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CHILD_COLUMNS} FROM children c LEFT JOIN households h ON h.id = c.household_id
             ORDER BY c.name COLLATE NOCASE, c.id LIMIT ?1 OFFSET ?2"
        ))?;
        // SQLite reads a negative limit as "no limit".
        let limit = limit.map_or(-1, i64::from);
        let rows = stmt.query_map(params![limit, offset], child_from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn get_child(&self, id: i64) -> Result<Child> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {CHILD_COLUMNS} FROM children c LEFT JOIN households h ON h.id = c.household_id
                     WHERE c.id = ?1"
                ),
                [id],
                child_from_row,
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound(format!("There is no child with number {id}.")))
    }

    /// Validates the form against `today` and adds the child (and its household if new).
    pub fn add_child(&mut self, form: &ChildForm, today: NaiveDate) -> Result<Child> {
        let valid = form.validate(today)?;
        let tx = self.conn.transaction()?;
        let id = insert_child(&tx, &self.actor, "create", &valid)?;
        tx.commit()?;
        self.refresh_child_status(id)?;
        self.get_child(id)
    }

    /// Validates the form and updates the child; the audit log gets one row per changed field.
    pub fn update_child(&mut self, id: i64, form: &ChildForm, today: NaiveDate) -> Result<Child> {
        let before = self.get_child(id)?;
        let valid = form.validate(today)?;
        let tx = self.conn.transaction()?;
        let household_id = valid.household.as_deref().map(|h| household_id_for(&tx, &self.actor, h)).transpose()?;
        tx.execute(
            "UPDATE children SET name = ?2, date_of_birth = ?3, unborn = ?4, household_id = ?5,
                 disability_needs = ?6, communication_needs = ?7, review_interval_months = ?8, has_disability = ?9
             WHERE id = ?1",
            params![
                id,
                valid.name,
                valid.date_of_birth,
                valid.unborn,
                household_id,
                valid.disability_needs,
                valid.communication_needs,
                valid.review_interval_months,
                valid.has_disability
            ],
        )?;
        super::plans::apply_child_form_plan(&tx, &self.actor, id, valid.plan_category, valid.plan_start)?;
        let old = audited_fields(&child_as_valid(&before), before.household_id);
        for ((field, old_value), (_, new_value)) in old.into_iter().zip(audited_fields(&valid, household_id)) {
            if old_value != new_value {
                record(
                    &tx,
                    &self.actor,
                    Change {
                        action: "update",
                        record_type: "child",
                        record_id: Some(id),
                        child_id: Some(id),
                        field: Some(field),
                        old_value: old_value.as_deref(),
                        new_value: new_value.as_deref(),
                    },
                )?;
            }
        }
        tx.commit()?;
        self.refresh_child_status(id)?;
        self.get_child(id)
    }
}

/// A child in a household, with their latest checklist, for the household page.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct HouseholdChild {
    pub child: Child,
    pub latest: Option<crate::assessment::Assessment>,
    /// The computed profile of `latest`, for its area grades.
    pub latest_profile: Option<crate::scoring::Profile>,
    /// No finalised checklist while a sibling has one, whatever the sibling's review status:
    /// the child who gets "lost".
    pub not_yet_assessed: bool,
}

#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct HouseholdOverview {
    pub household: Household,
    pub children: Vec<HouseholdChild>,
}

impl Store {
    /// Every child of a household with the date and grades of their latest checklist.
    pub fn household_overview(&self, household_id: i64, today: NaiveDate) -> Result<HouseholdOverview> {
        let household = self
            .conn
            .query_row("SELECT id, name FROM households WHERE id = ?1", [household_id], |r| {
                Ok(Household { id: r.get(0)?, name: r.get(1)? })
            })
            .optional()?
            .ok_or_else(|| CoreError::NotFound(format!("There is no household with number {household_id}.")))?;
        let mut children = Vec::new();
        let mut finalised = Vec::new();
        for child in self.list_children()?.into_iter().filter(|c| c.household_id == Some(household_id)) {
            let assessments = self.assessments_for_child(child.id)?;
            finalised.push(crate::compare::current_versions(&assessments).iter().any(|a| a.assessed_on <= today));
            let latest = assessments.into_iter().next_back();
            let latest_profile = latest.as_ref().map(|a| a.profile(self.checklists.of(a), &child));
            children.push(HouseholdChild { child, latest, latest_profile, not_yet_assessed: false });
        }
        // Whatever the siblings' review status: their overdue reviews must not hide the baby.
        let any_finalised = finalised.contains(&true);
        for (c, has) in children.iter_mut().zip(finalised) {
            c.not_yet_assessed = any_finalised && !has;
        }
        Ok(HouseholdOverview { household, children })
    }
}

/// One line of `ntk children`: who the child is and where they live, nothing more.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChildRow {
    pub id: i64,
    pub name: String,
    pub date_of_birth: NaiveDate,
    pub unborn: bool,
    pub household_id: Option<i64>,
    pub household: Option<String>,
}

impl ChildRow {
    pub fn of(c: &Child) -> ChildRow {
        ChildRow {
            id: c.id,
            name: c.name.clone(),
            date_of_birth: c.date_of_birth,
            unborn: c.unborn,
            household_id: c.household_id,
            household: c.household_name.clone(),
        }
    }
}
