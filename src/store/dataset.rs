//! The database side of the partnership dataset: one pseudonymous row per child per period
//! (the row and its CSV are in `crate::dataset`).

use std::collections::HashSet;

use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use rusqlite::OptionalExtension;
use sha2::Sha256;

use super::Store;
use crate::assessment::Assessment;
use crate::compare;
use crate::dataset::{to_csv, DatasetArea, DatasetPeriod, DatasetRow, GradeBasis};
use crate::error::{CoreError, Result};
use crate::model::AgeBand;

impl Store {
    /// [`Store::partnership_dataset`] for a period typed in a form, as CSV.
    pub fn partnership_csv(&self, period: &DatasetPeriod) -> Result<String> {
        Ok(to_csv(&self.partnership_dataset(period.from, period.to)?))
    }

    /// One row per child for the period `from..=to`: every child with a finalised checklist
    /// dated in the period or on a plan that started by its end. Pseudonymous (see
    /// [`DatasetRow::pseudonym`]); rows are ordered by pseudonym, so the order tells nothing.
    pub fn partnership_dataset(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DatasetRow>> {
        if from > to {
            return Err(CoreError::invalid("from", "The start of the period is after its end."));
        }
        let salt = self.dataset_salt()?;
        let partnership_key = self.partnership_key()?;
        let children = self.list_children()?;
        // Households where some child has a finalised checklist by the end of the period: their
        // children without one are "not yet assessed" and always have a row.
        let assessed: HashSet<i64> = self
            .conn
            .prepare("SELECT DISTINCT child_id FROM assessments WHERE status = 'finalised' AND assessed_on <= ?1")?
            .query_map([to], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let assessed_households: HashSet<i64> =
            children.iter().filter(|c| assessed.contains(&c.id)).filter_map(|c| c.household_id).collect();
        let mut rows = Vec::new();
        for child in children {
            let not_yet_assessed =
                !assessed.contains(&child.id) && child.household_id.is_some_and(|h| assessed_households.contains(&h));
            let assessments: Vec<Assessment> =
                self.assessments_for_child(child.id)?.into_iter().filter(|a| a.assessed_on <= to).collect();
            let in_period =
                compare::current_versions(&assessments).iter().filter(|a| a.assessed_on >= from).count() as u32;
            let on_plan = child.plan_start.is_some_and(|s| s <= to);
            if in_period == 0 && !on_plan && !not_yet_assessed {
                continue;
            }
            let plans = super::plans::plans_of(&self.conn, child.id)?;
            let plan = plans.iter().filter(|p| p.started_on <= to).max_by_key(|p| (p.started_on, p.id));
            let held_at_end = plan.filter(|p| p.ended_on.is_none_or(|end| end > to));
            let mut history = compare::history(&self.checklists, &child, &assessments, to);
            history.review = history.review.following_plan(held_at_end, to);
            let areas = history
                .areas
                .iter()
                .map(|area| {
                    let latest = area.points.last();
                    let (latest_grade, basis) = match latest {
                        Some(p) if p.confirmed.is_some() => (p.confirmed.map(f64::from), GradeBasis::Confirmed),
                        Some(p) if p.score.is_some() => (p.score, GradeBasis::Computed),
                        _ => (None, GradeBasis::None),
                    };
                    DatasetArea {
                        area_id: area.id.clone(),
                        latest_grade,
                        basis,
                        change_since_first: area.since_first.as_ref().and_then(|c| c.difference),
                        urgent_item: history.urgent.iter().any(|u| u.area_id == area.id),
                    }
                })
                .collect();
            let created_at: String =
                self.conn.query_row("SELECT created_at FROM children WHERE id = ?1", [child.id], |r| r.get(0))?;
            let nhs_number = super::references::references_of(&self.conn, child.id)?.nhs_number;
            let (pseudonym, pseudonym_scope) = match &partnership_key {
                Some(key) if !nhs_number.is_empty() => (partnership_pseudonym(key, &nhs_number), "partnership"),
                _ => (pseudonym(&salt, child.id, &created_at), "local"),
            };
            let ended = plan.filter(|p| p.ended_on.is_some_and(|e| e <= to));
            let latest = compare::current_versions(&assessments).last().map(|a| a.id);
            let manager_review_done = match latest {
                Some(id) => self.conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM manager_reviews WHERE assessment_id = ?1 AND reviewed_on <= ?2)",
                    rusqlite::params![id, to],
                    |r| r.get(0),
                )?,
                None => false,
            };
            let ratings = super::core_group::engagement_of(&self.conn, child.id)?;
            let mut carers: Vec<&str> = ratings.iter().map(|r| r.carer.as_str()).collect();
            carers.sort_unstable();
            carers.dedup();
            // Each carer's latest rating by the end of the period; the least engaged of them, so a
            // well-engaged carer never hides one who avoids contact.
            let engagement = carers
                .iter()
                .filter_map(|c| ratings.iter().rfind(|r| r.carer == *c && r.rated_on <= to))
                .map(|r| r.engagement.0)
                .max();
            rows.push(DatasetRow {
                pseudonym,
                pseudonym_scope: pseudonym_scope.to_string(),
                plan_type: plan.map(|p| p.plan_type),
                plan_number: plan.map(|p| p.repeat_number(&plans)),
                plan_ended_on: ended.and_then(|p| p.ended_on),
                plan_outcome: ended.and_then(|p| p.outcome),
                has_disability: child.has_disability,
                manager_review_done,
                engagement,
                period_from: from,
                period_to: to,
                age_band: if child.unborn && to < child.date_of_birth {
                    AgeBand::PreBirth
                } else {
                    AgeBand::on(child.date_of_birth, to)
                },
                plan_category: child.plan_category,
                days_on_plan: compare::time_on_plan(&child, to).map(|t| t.total_days),
                checklists_in_period: in_period,
                areas,
                drift: !history.drift.is_empty(),
                review_overdue: history.review.overdue,
                sustained_improvement: !history.sustained.is_empty(),
                not_yet_assessed,
            });
        }
        rows.sort_by(|a, b| a.pseudonym.cmp(&b.pseudonym));
        Ok(rows)
    }

    /// This database's random salt for pseudonymous ids (made by migration 3, never changed).
    fn dataset_salt(&self) -> Result<String> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = 'dataset_salt'", [], |r| r.get(0))
            .optional()?
            .ok_or_else(|| {
                CoreError::Refused("This database has no pseudonym salt; the dataset cannot be made.".into())
            })
    }
}

/// Shortest partnership key accepted: the key is all that stands between a pseudonym and the NHS
/// number it was made from (there are only about a billion NHS numbers to try).
pub const MIN_PARTNERSHIP_KEY_CHARS: usize = 20;

/// HMAC-SHA256 of the NHS number under the partnership key, as 32 hex digits: the same in every
/// database that has the same key, so agencies' returns can be joined without names.
fn partnership_pseudonym(key: &str, nhs_number: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("ntk-partnership-nhs:{nhs_number}").as_bytes());
    mac.finalize().into_bytes()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

impl Store {
    fn partnership_key(&self) -> Result<Option<String>> {
        Ok(self.setting("partnership_key")?.filter(|k| !k.is_empty()))
    }

    /// Sets the partnership key shared by the partnership's agencies (empty: none). The key itself
    /// never goes into the audit log, only that it was set or cleared.
    pub fn set_partnership_key(&mut self, key: &str) -> Result<()> {
        let key = key.trim();
        if !key.is_empty() && key.chars().count() < MIN_PARTNERSHIP_KEY_CHARS {
            return Err(CoreError::invalid(
                "partnership_key",
                format!("The partnership key must be at least {MIN_PARTNERSHIP_KEY_CHARS} characters: anyone who guesses it can work out the NHS numbers behind the pseudonyms."),
            ));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('partnership_key', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key],
        )?;
        super::audit::record(
            &tx,
            &self.actor,
            super::audit::Change {
                action: "update",
                record_type: "settings",
                field: Some("partnership_key"),
                new_value: Some(if key.is_empty() { "[cleared]" } else { "[set]" }),
                ..super::audit::Change::default()
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// HMAC-SHA256 of the child's id and creation time under the salt, as 32 hex digits. The
/// creation time keeps a new child from inheriting the pseudonym of an erased child whose
/// row number SQLite reuses.
fn pseudonym(salt: &str, child_id: i64, created_at: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(salt.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("ntk-child:{child_id}:{created_at}").as_bytes());
    mac.finalize().into_bytes()[..16].iter().map(|b| format!("{b:02x}")).collect()
}
