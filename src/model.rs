//! The records a practitioner works with, as the UI sees them.
//!
//! Every type here derives `ts_rs::TS`; `cargo test` writes the TypeScript bindings into
//! `ui/src/bindings/`, so the UI and the core never disagree about a field.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::text::{text_fault, MAX_NAME_CHARS, MAX_TEXT_CHARS};

/// What the first screen needs to know: set up a new database, unlock, or go home.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppStatus {
    pub database_exists: bool,
    pub unlocked: bool,
    pub data_dir: String,
}

/// The age bands the checklist's items apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum AgeBand {
    #[serde(rename = "pre-birth")]
    PreBirth,
    #[serde(rename = "0-1")]
    Infant,
    #[serde(rename = "1-4")]
    EarlyYears,
    #[serde(rename = "5-11")]
    Primary,
    #[serde(rename = "12-17")]
    Teen,
}

impl AgeBand {
    pub const ALL: [AgeBand; 5] =
        [AgeBand::PreBirth, AgeBand::Infant, AgeBand::EarlyYears, AgeBand::Primary, AgeBand::Teen];

    pub fn label(self) -> &'static str {
        match self {
            AgeBand::PreBirth => "pre-birth",
            AgeBand::Infant => "0-1",
            AgeBand::EarlyYears => "1-4",
            AgeBand::Primary => "5-11",
            AgeBand::Teen => "12-17",
        }
    }

    pub fn parse(s: &str) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|b| b.label() == s)
    }

    /// The band of a child born (or due) on `birth`, on the day `on`.
    /// A child not yet born is "pre-birth"; from 18 the last band still applies (care leavers
    /// are out of scope, but a review just after a birthday must not lose the child's items).
    pub fn on(birth: NaiveDate, on: NaiveDate) -> AgeBand {
        match whole_years(birth, on) {
            None => AgeBand::PreBirth,
            Some(0) => AgeBand::Infant,
            Some(1..=4) => AgeBand::EarlyYears,
            Some(5..=11) => AgeBand::Primary,
            Some(_) => AgeBand::Teen,
        }
    }
}

/// Completed years between `birth` and `on`; `None` before birth.
pub fn whole_years(birth: NaiveDate, on: NaiveDate) -> Option<u32> {
    if on < birth {
        return None;
    }
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    Some(years as u32)
}

/// A short, human description of age: "unborn (due 3 Mar 2027)", "7 months", "4 years".
pub fn describe_age(birth: NaiveDate, unborn: bool, on: NaiveDate) -> String {
    if unborn || on < birth {
        return format!("unborn (due {})", birth.format("%-d %b %Y"));
    }
    match whole_years(birth, on) {
        Some(0) | None => {
            let months = (on.year() - birth.year()) * 12 + on.month() as i32
                - birth.month() as i32
                - i32::from(on.day() < birth.day());
            match months.max(0) {
                1 => "1 month".into(),
                m => format!("{m} months"),
            }
        }
        Some(1) => "1 year".into(),
        Some(y) => format!("{y} years"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanCategory {
    Neglect,
    EmotionalAbuse,
    PhysicalAbuse,
    SexualAbuse,
    MultipleCategories,
}

impl PlanCategory {
    pub const ALL: [PlanCategory; 5] = [
        PlanCategory::Neglect,
        PlanCategory::EmotionalAbuse,
        PlanCategory::PhysicalAbuse,
        PlanCategory::SexualAbuse,
        PlanCategory::MultipleCategories,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanCategory::Neglect => "neglect",
            PlanCategory::EmotionalAbuse => "emotional_abuse",
            PlanCategory::PhysicalAbuse => "physical_abuse",
            PlanCategory::SexualAbuse => "sexual_abuse",
            PlanCategory::MultipleCategories => "multiple_categories",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        PlanCategory::ALL.into_iter().find(|c| c.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            PlanCategory::Neglect => "Neglect",
            PlanCategory::EmotionalAbuse => "Emotional abuse",
            PlanCategory::PhysicalAbuse => "Physical abuse",
            PlanCategory::SexualAbuse => "Sexual abuse",
            PlanCategory::MultipleCategories => "Multiple categories",
        }
    }

    /// The worry the plan is about, in plain words for the family, ending with its name: a
    /// worry that is never named (the audits found neglect rarely was) cannot be understood.
    pub fn family_words(self, name: &str) -> String {
        match self {
            PlanCategory::Neglect => {
                format!("We are worried that {name}'s needs are not being met well enough: this is called neglect.")
            }
            PlanCategory::EmotionalAbuse => format!(
                "We are worried that the way {name} is spoken to or treated is harming how {name} feels: this is called emotional abuse."
            ),
            PlanCategory::PhysicalAbuse => {
                format!("We are worried that {name} has been hurt, or could be hurt, by an adult: this is called physical abuse.")
            }
            PlanCategory::SexualAbuse => {
                format!("We are worried that {name} has been, or could be, harmed sexually: this is called sexual abuse.")
            }
            PlanCategory::MultipleCategories => format!(
                "We are worried that {name} is being harmed in more than one way: the plan names more than one kind of harm."
            ),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Household {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
}

/// A child as listed and shown.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Child {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// Date of birth, or the expected date of birth when `unborn`.
    pub date_of_birth: NaiveDate,
    pub unborn: bool,
    #[ts(type = "number | null")]
    pub household_id: Option<i64>,
    pub household_name: Option<String>,
    /// The child has a recorded disability or long-term condition. The checklist's items about
    /// a disability's care apply only then; without one they are not applicable by themselves.
    pub has_disability: bool,
    /// What the disability or condition is and what the child needs (free text).
    pub disability_needs: String,
    pub communication_needs: String,
    pub plan_category: Option<PlanCategory>,
    pub plan_start: Option<NaiveDate>,
    /// How often the checklist should be repeated, in months (default 3).
    pub review_interval_months: u32,
}

/// What the "Add child" / "Edit child" form sends. Dates arrive as the form's text
/// ("YYYY-MM-DD" or empty) so that a bad date gets a sentence, not a parse error.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChildForm {
    pub name: String,
    pub date_of_birth: String,
    #[serde(default)]
    pub unborn: bool,
    /// Name of the household; an existing one (matched ignoring case) or a new one. Empty: none.
    #[serde(default)]
    pub household: String,
    #[serde(default)]
    pub has_disability: bool,
    #[serde(default)]
    pub disability_needs: String,
    #[serde(default)]
    pub communication_needs: String,
    #[serde(default)]
    pub plan_category: Option<PlanCategory>,
    #[serde(default)]
    pub plan_start: String,
    #[serde(default)]
    #[ts(optional)]
    pub review_interval_months: Option<u32>,
}

/// A [`ChildForm`] that has passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidChild {
    pub name: String,
    pub date_of_birth: NaiveDate,
    pub unborn: bool,
    pub household: Option<String>,
    pub has_disability: bool,
    pub disability_needs: String,
    pub communication_needs: String,
    pub plan_category: Option<PlanCategory>,
    pub plan_start: Option<NaiveDate>,
    pub review_interval_months: u32,
}

pub const DEFAULT_REVIEW_INTERVAL_MONTHS: u32 = 3;

/// Parses a date typed in a form; `what` names it in the message.
pub fn parse_form_date(text: &str, field: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        if text.trim().is_empty() {
            CoreError::invalid(field, format!("Please enter the {what}."))
        } else {
            CoreError::invalid(
                field,
                format!("The {what} \"{}\" is not a date (use day, month and year).", text.trim()),
            )
        }
    })
}

impl ChildForm {
    /// Checks the form against `today`. Every rule has its own sentence.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidChild> {
        self.check(today, false)
    }

    /// The same rules for a child read from another agency's file, except one: an unborn
    /// child's expected date may have passed since the file was made (the baby is born, the
    /// sender's record not yet updated), but no more than the form allows any child's age.
    pub fn validate_received(&self, today: NaiveDate) -> Result<ValidChild> {
        self.check(today, true)
    }

    fn check(&self, today: NaiveDate, due_date_may_have_passed: bool) -> Result<ValidChild> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(CoreError::invalid("name", "Please enter the child's name."));
        }
        if let Some(message) = text_fault("name", name, MAX_NAME_CHARS) {
            return Err(CoreError::invalid("name", message));
        }
        for (field, what, text) in [
            ("household", "household", &self.household),
            ("disability_needs", "disability needs", &self.disability_needs),
            ("communication_needs", "communication needs", &self.communication_needs),
        ] {
            if let Some(message) = text_fault(what, text.trim(), MAX_TEXT_CHARS) {
                return Err(CoreError::invalid(field, message));
            }
        }
        let what = if self.unborn { "expected date of birth" } else { "date of birth" };
        let dob = parse_form_date(&self.date_of_birth, "date_of_birth", what)?;
        if self.unborn {
            if dob < today && due_date_may_have_passed {
                if whole_years(dob, today).unwrap_or(0) >= 19 {
                    return Err(CoreError::invalid(
                        "date_of_birth",
                        "The expected date of birth makes this person an adult; the checklist is for children.",
                    ));
                }
            } else if dob < today {
                return Err(CoreError::invalid(
                    "date_of_birth",
                    "The expected date of birth is in the past. If the baby has been born, untick \"not yet born\" and enter the date of birth.",
                ));
            }
            if dob > today + chrono::Days::new(300) {
                return Err(CoreError::invalid(
                    "date_of_birth",
                    "The expected date of birth is more than 10 months away.",
                ));
            }
        } else {
            if dob > today {
                return Err(CoreError::invalid(
                    "date_of_birth",
                    "The date of birth is in the future. For an unborn baby, tick \"not yet born\" and enter the expected date.",
                ));
            }
            if whole_years(dob, today).unwrap_or(0) >= 19 {
                return Err(CoreError::invalid(
                    "date_of_birth",
                    "The date of birth makes this person an adult; the checklist is for children.",
                ));
            }
        }
        let plan_start = match self.plan_start.trim() {
            "" => None,
            text => {
                let d = parse_form_date(text, "plan_start", "plan start date")?;
                if d > today {
                    return Err(CoreError::invalid("plan_start", "The plan start date is in the future."));
                }
                Some(d)
            }
        };
        if plan_start.is_some() && self.plan_category.is_none() {
            return Err(CoreError::invalid(
                "plan_category",
                "Please choose the plan category for the plan start date.",
            ));
        }
        let interval = self.review_interval_months.unwrap_or(DEFAULT_REVIEW_INTERVAL_MONTHS);
        if !(1..=24).contains(&interval) {
            return Err(CoreError::invalid(
                "review_interval_months",
                "The review interval must be between 1 and 24 months.",
            ));
        }
        let household = Some(self.household.trim().to_string()).filter(|h| !h.is_empty());
        // A described disability with the box left clear would quietly make the disability
        // items not applicable: ask instead of guessing.
        if !self.has_disability && !self.disability_needs.trim().is_empty() {
            return Err(CoreError::invalid(
                "has_disability",
                "You have described a disability or long-term condition. Please tick \"Has a disability or long-term condition\", or clear the description.",
            ));
        }
        Ok(ValidChild {
            name: name.to_string(),
            date_of_birth: dob,
            unborn: self.unborn,
            household,
            has_disability: self.has_disability,
            disability_needs: self.disability_needs.trim().to_string(),
            communication_needs: self.communication_needs.trim().to_string(),
            plan_category: self.plan_category,
            plan_start,
            review_interval_months: interval,
        })
    }
}

/// The organisation and the practitioner using this copy of the app, from Settings: the
/// family summary names them as the person to contact, never whoever graded last.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PractitionerDetails {
    pub organisation: String,
    pub team: String,
    pub name: String,
    pub role: String,
    pub telephone: String,
    pub email: String,
}

impl PractitionerDetails {
    /// The settings keys, in the order of the form.
    pub const KEYS: [&'static str; 6] = ["organisation", "team", "name", "role", "telephone", "email"];

    pub fn field(&self, key: &str) -> Option<&str> {
        Some(match key {
            "organisation" => &self.organisation,
            "team" => &self.team,
            "name" => &self.name,
            "role" => &self.role,
            "telephone" => &self.telephone,
            "email" => &self.email,
            _ => return None,
        })
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut String> {
        Some(match key {
            "organisation" => &mut self.organisation,
            "team" => &mut self.team,
            "name" => &mut self.name,
            "role" => &mut self.role,
            "telephone" => &mut self.telephone,
            "email" => &mut self.email,
            _ => return None,
        })
    }

    /// Trims every field and checks the ones a family needs to reach someone. Any field may be
    /// left empty here (a team may not have one); the family summary says which it needs.
    pub fn validate(&self) -> Result<PractitionerDetails> {
        let mut clean = PractitionerDetails::default();
        for key in Self::KEYS {
            let text = self.field(key).unwrap_or_default().trim().to_string();
            if text.chars().count() > 200 {
                return Err(CoreError::invalid(key, "This is too long (200 characters at most)."));
            }
            *clean.field_mut(key).expect("a known key") = text;
        }
        let phone_chars = |c: char| c.is_ascii_digit() || " +()-".contains(c);
        if !clean.telephone.is_empty()
            && (!clean.telephone.chars().all(phone_chars)
                || clean.telephone.chars().filter(char::is_ascii_digit).count() < 6)
        {
            return Err(CoreError::invalid(
                "telephone",
                "The telephone number should be digits (spaces, + and brackets are fine).",
            ));
        }
        let looks_like_email = clean.email.find('@').is_some_and(|i| i > 0 && clean.email[i + 1..].contains('.'))
            && !clean.email.contains(' ');
        if !clean.email.is_empty() && !looks_like_email {
            return Err(CoreError::invalid("email", "The e-mail address should look like name@example.org."));
        }
        Ok(clean)
    }

    /// What the family summary's "who to contact" cannot go out without, in words.
    /// "Organisation, Team": printed at the foot of every page of both summaries, so a loose page
    /// says who issued it. Work details only: never an address, never the child's.
    pub fn issued_by(&self) -> String {
        [self.organisation.trim(), self.team.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn missing_for_family(&self) -> Vec<&'static str> {
        [
            (self.name.trim(), "your name"),
            (self.role.trim(), "your role"),
            (self.organisation.trim(), "your organisation"),
            (self.telephone.trim(), "a telephone number"),
            (self.email.trim(), "an e-mail address"),
        ]
        .into_iter()
        .filter(|(value, _)| value.is_empty())
        .map(|(_, what)| what)
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn age_bands_turn_over_on_the_birthday() {
        let birth = d("2020-02-29");
        assert_eq!(AgeBand::on(birth, d("2020-02-28")), AgeBand::PreBirth);
        assert_eq!(AgeBand::on(birth, d("2020-02-29")), AgeBand::Infant);
        assert_eq!(AgeBand::on(birth, d("2021-02-28")), AgeBand::Infant);
        assert_eq!(AgeBand::on(birth, d("2021-03-01")), AgeBand::EarlyYears);
        assert_eq!(AgeBand::on(birth, d("2025-03-01")), AgeBand::Primary);
        assert_eq!(AgeBand::on(birth, d("2032-03-01")), AgeBand::Teen);
    }

    #[test]
    fn age_is_described_in_words() {
        assert_eq!(describe_age(d("2026-05-10"), false, d("2026-11-23")), "6 months");
        assert_eq!(describe_age(d("2025-11-23"), false, d("2026-11-23")), "1 year");
        assert_eq!(describe_age(d("2027-03-03"), true, d("2026-11-23")), "unborn (due 3 Mar 2027)");
    }

    #[test]
    fn a_child_form_needs_a_name_and_a_past_birth_date() {
        let today = d("2026-11-23");
        let mut form = ChildForm { name: "  ".into(), date_of_birth: "2020-01-01".into(), ..Default::default() };
        let err = form.validate(today).unwrap_err().to_string();
        assert_eq!(err, "Please enter the child's name.");
        form.name = "Poppy Example".into();
        form.date_of_birth = "2026-11-24".into();
        assert!(form.validate(today).unwrap_err().to_string().contains("in the future"));
        form.date_of_birth = "not a date".into();
        assert!(form.validate(today).unwrap_err().to_string().contains("is not a date"));
        form.date_of_birth = "2026-11-23".into();
        assert_eq!(form.validate(today).unwrap().name, "Poppy Example");
        form.unborn = true;
        form.date_of_birth = "2027-02-01".into();
        assert!(form.validate(today).unwrap().unborn);
        form.plan_start = "2026-10-01".into();
        assert!(form.validate(today).unwrap_err().to_string().contains("plan category"));
    }
}
