//! Management oversight: a manager's review of a finalised checklist, and the rule for when a
//! checklist left without one needs attention.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::model::parse_form_date;
use crate::text::{text_fault, MAX_NAME_CHARS, MAX_TEXT_CHARS};

/// What the manager decided about the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ManagerDecision {
    Agreed,
    AgreedWithChanges,
    DiscussInSupervision,
}

impl ManagerDecision {
    pub const ALL: [ManagerDecision; 3] =
        [ManagerDecision::Agreed, ManagerDecision::AgreedWithChanges, ManagerDecision::DiscussInSupervision];

    pub fn as_str(self) -> &'static str {
        match self {
            ManagerDecision::Agreed => "agreed",
            ManagerDecision::AgreedWithChanges => "agreed_with_changes",
            ManagerDecision::DiscussInSupervision => "discuss_in_supervision",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        ManagerDecision::ALL.into_iter().find(|d| d.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            ManagerDecision::Agreed => "Agreed",
            ManagerDecision::AgreedWithChanges => "Agreed with changes",
            ManagerDecision::DiscussInSupervision => "To discuss in supervision",
        }
    }
}

/// A manager's review as stored: never changed once recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ManagerReview {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub assessment_id: i64,
    pub manager_name: String,
    pub manager_role: String,
    pub reviewed_on: NaiveDate,
    pub decision: ManagerDecision,
    pub comment: String,
}

/// What the "Manager's review" form sends.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ManagerReviewForm {
    pub manager_name: String,
    #[serde(default)]
    pub manager_role: String,
    pub reviewed_on: String,
    pub decision: Option<ManagerDecision>,
    #[serde(default)]
    pub comment: String,
}

/// A [`ManagerReviewForm`] that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidManagerReview {
    pub manager_name: String,
    pub manager_role: String,
    pub reviewed_on: NaiveDate,
    pub decision: ManagerDecision,
    pub comment: String,
}

impl ManagerReviewForm {
    /// Checks the form for a checklist finalised on `finalised_on`, as at `today`.
    pub fn validate(&self, finalised_on: NaiveDate, today: NaiveDate) -> Result<ValidManagerReview> {
        let manager_name = self.manager_name.trim();
        if manager_name.is_empty() {
            return Err(CoreError::invalid("manager_name", "Please enter the manager's name."));
        }
        for (field, what, text, max) in [
            ("manager_name", "manager's name", manager_name, MAX_NAME_CHARS),
            ("manager_role", "manager's role", self.manager_role.trim(), MAX_NAME_CHARS),
            ("comment", "comment", self.comment.trim(), MAX_TEXT_CHARS),
        ] {
            if let Some(message) = text_fault(what, text, max) {
                return Err(CoreError::invalid(field, message));
            }
        }
        let reviewed_on = parse_form_date(&self.reviewed_on, "reviewed_on", "date of the review")?;
        if reviewed_on > today {
            return Err(CoreError::invalid("reviewed_on", "The date of the review is in the future."));
        }
        if reviewed_on < finalised_on {
            return Err(CoreError::invalid(
                "reviewed_on",
                format!(
                    "The date of the review is before the checklist was finalised ({}).",
                    finalised_on.format("%-d %b %Y")
                ),
            ));
        }
        let decision =
            self.decision.ok_or_else(|| CoreError::invalid("decision", "Please choose the manager's decision."))?;
        // "Agreed with changes" without the changes would record an agreement no one can act on.
        if decision == ManagerDecision::AgreedWithChanges && self.comment.trim().is_empty() {
            return Err(CoreError::invalid("comment", "Please say in the comment which changes were agreed."));
        }
        Ok(ValidManagerReview {
            manager_name: manager_name.to_string(),
            manager_role: self.manager_role.trim().to_string(),
            reviewed_on,
            decision,
            comment: self.comment.trim().to_string(),
        })
    }
}

/// Working days after finalising from which a checklist with no manager's review needs attention.
pub const AWAITING_REVIEW_WORKING_DAYS: u32 = 10;

/// The working-day rule: the day `n` working days after `from`, counting Monday to Friday only
/// and not `from` itself. Bank holidays are NOT left out: they count as working days, so the
/// reminder can come a day or two early, never late. A checklist finalised on a Friday (or at
/// the weekend) starts its count on the Monday: 10 working days after Friday 6 Nov 2026 is
/// Friday 20 Nov 2026.
pub fn working_days_after(from: NaiveDate, n: u32) -> NaiveDate {
    let mut day = from;
    let mut counted = 0;
    while counted < n {
        day = day + Days::new(1);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            counted += 1;
        }
    }
    day
}

/// The day "awaiting manager review" appears for a checklist finalised on `finalised_on`.
pub fn review_awaited_from(finalised_on: NaiveDate) -> NaiveDate {
    working_days_after(finalised_on, AWAITING_REVIEW_WORKING_DAYS)
}

/// The fewest calendar days from finalising to [`review_awaited_from`], whatever the weekday: a
/// checklist finalised on a Sunday awaits review 12 days later (the Friday of the second week).
/// The needs-attention query uses it to pick candidates in SQL, so it must never be more than
/// the real gap: 14, the gap from a weekday, once hid a weekend's checklists for two days.
pub const REVIEW_AWAITED_AFTER_AT_LEAST_DAYS: u64 = 12;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn ten_working_days_leave_out_weekends_from_any_day_of_the_week() {
        // Finalised on (day), awaiting review from (day).
        for (finalised, from) in [
            ("2026-11-06", "2026-11-20"), // Friday: Mon 9 is day 1, Fri 20 is day 10
            ("2026-11-07", "2026-11-20"), // Saturday: the same
            ("2026-11-08", "2026-11-20"), // Sunday: the same
            ("2026-11-09", "2026-11-23"), // Monday: the Monday two weeks on
            ("2026-11-11", "2026-11-25"), // Wednesday
            ("2026-12-18", "2027-01-01"), // Christmas and New Year's Day count as working days
        ] {
            assert_eq!(review_awaited_from(d(finalised)), d(from), "finalised {finalised}");
        }
        assert_eq!(working_days_after(d("2026-11-06"), 0), d("2026-11-06"));
        let week = (2..=8).map(|day| d(&format!("2026-11-{day:02}")));
        let fewest = week.map(|from| (review_awaited_from(from) - from).num_days()).min().unwrap();
        assert_eq!(fewest, REVIEW_AWAITED_AFTER_AT_LEAST_DAYS as i64, "the needs-attention query's lower bound");
        assert_eq!(working_days_after(d("2026-11-06"), 1), d("2026-11-09"), "Friday to Monday");
    }
}
