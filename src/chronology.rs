//! The multi-agency chronology and the household's adults: what each is, and every rule a form
//! or another agency's file must pass before either is written (the storage is
//! `store/chronology.rs`).
//!
//! A chronology is a list of dated events per child (a home visit, a missed appointment, a police
//! call-out...), from every agency, so a review does not start again from nothing and a pattern
//! (missed appointments, call-outs, A&E visits) sits in one place. Events are never edited: a
//! correction is a new event that supersedes the original, which stays, with the change audited
//! (like checklist amendments).

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::model::parse_form_date;
use crate::text::{text_fault, MAX_NAME_CHARS, MAX_TEXT_CHARS};

/// Generates an enum of fixed choices with its stored name, its label and `ALL`: one table per
/// list, so a choice added to one place is in every place.
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $stored:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[ts(export)]
        pub enum $name {
            $(#[serde(rename = $stored)] $variant,)+
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            /// The name stored in the database and the exchange file.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $stored,)+ }
            }
            /// The words a practitioner sees.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|c| c.as_str() == s)
            }
        }
    };
}

choices! {
    /// What kind of event: the list the partnership audits asked for, and "checklist finalised",
    /// which the app adds by itself.
    EventKind {
        HomeVisit = "home_visit", "Home visit";
        ChildSeenAlone = "child_seen_alone", "Child seen alone";
        WasNotBrought = "was_not_brought", "Missed appointment (was not brought)";
        HealthAttendance = "health_attendance", "Health or A&E attendance";
        SchoolAbsence = "school_absence", "School absence or exclusion";
        PoliceCallOut = "police_call_out", "Police call-out";
        DomesticAbuse = "domestic_abuse", "Domestic abuse incident";
        Referral = "referral", "Referral";
        StrategyMeeting = "strategy_meeting", "Strategy meeting";
        Conference = "conference", "Child protection conference";
        CoreGroup = "core_group", "Core group";
        PlanStarted = "plan_started", "Plan started";
        PlanEnded = "plan_ended", "Plan ended";
        ChecklistFinalised = "checklist_finalised", "Checklist finalised";
        Other = "other", "Other";
    }
}

choices! {
    /// How an adult is related to one child of the household.
    Relationship {
        Parent = "parent", "Parent";
        StepParent = "step_parent", "Step-parent";
        Partner = "partner", "Partner of a parent";
        Relative = "relative", "Relative";
        VisitingAdult = "visiting_adult", "Visiting adult";
        Other = "other", "Other";
    }
}

choices! {
    /// A service known to be involved with an adult. None ticked reads "none known": never
    /// "none", because no one may have asked.
    AdultService {
        AdultMentalHealth = "adult_mental_health", "Adult mental health";
        DrugAndAlcohol = "drug_and_alcohol", "Drug and alcohol";
        Probation = "probation", "Probation";
        DomesticAbuseServices = "domestic_abuse_services", "Domestic abuse services";
        AdultSocialCare = "adult_social_care", "Adult social care";
    }
}

/// How far back the "was not brought" count looks: from the same day six calendar months before
/// the day asked (inclusive; the last day of a shorter month when that day does not exist) up
/// to and including the day asked. Events dated later than the day asked are not counted.
pub const WAS_NOT_BROUGHT_MONTHS: u32 = 6;
/// From this many missed appointments in the window a child is listed as needing attention.
pub const WAS_NOT_BROUGHT_ATTENTION_FROM: u32 = 2;

impl EventKind {
    /// The kinds a practitioner records: every kind but the one only the app adds (a checklist
    /// finalised is recorded by finalising it, so the record and its event always agree).
    pub const TYPED: &'static [EventKind] = &[
        EventKind::HomeVisit,
        EventKind::ChildSeenAlone,
        EventKind::WasNotBrought,
        EventKind::HealthAttendance,
        EventKind::SchoolAbsence,
        EventKind::PoliceCallOut,
        EventKind::DomesticAbuse,
        EventKind::Referral,
        EventKind::StrategyMeeting,
        EventKind::Conference,
        EventKind::CoreGroup,
        EventKind::PlanStarted,
        EventKind::PlanEnded,
        EventKind::Other,
    ];

    /// The first day of the "was not brought" window for `today` (see [`WAS_NOT_BROUGHT_MONTHS`]).
    pub fn was_not_brought_since(today: NaiveDate) -> NaiveDate {
        today.checked_sub_months(chrono::Months::new(WAS_NOT_BROUGHT_MONTHS)).unwrap_or(NaiveDate::MIN)
    }
}

/// One event of a child's chronology, as listed. A corrected event keeps its row, with
/// `corrected_by` naming the correction; the timeline shows the current version of each.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct ChronologyEvent {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub child_id: i64,
    pub date: NaiveDate,
    /// "HH:MM" when known.
    pub time: Option<String>,
    pub kind: EventKind,
    /// The kind in words, as the reports print it (so the screens need no copy of the labels).
    pub kind_label: String,
    /// The agency the information came from.
    pub agency: String,
    pub what_happened: String,
    /// The impact on the child; empty when not recorded (shown as "not recorded").
    pub impact: String,
    /// Who recorded it here (or, for an imported event, who recorded it at the sending agency).
    pub recorded_by: String,
    pub recorded_at: String,
    /// Added by the app itself (a checklist finalised, a plan started or ended).
    pub automatic: bool,
    /// Read from another agency's file.
    pub imported: bool,
    /// The event this one corrects, and why.
    #[ts(type = "number | null")]
    pub corrects: Option<i64>,
    pub correction_reason: Option<String>,
    /// The correction that replaced this event, if any: this version is kept, not current.
    #[ts(type = "number | null")]
    pub corrected_by: Option<i64>,
}

/// What the "Add an event" form sends: one event for one or several children of a household.
/// Dates and times arrive as the form's text so a bad one gets a sentence.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventForm {
    #[ts(type = "number[]")]
    pub child_ids: Vec<i64>,
    pub date: String,
    #[serde(default)]
    pub time: String,
    pub kind: Option<EventKind>,
    pub agency: String,
    pub what_happened: String,
    #[serde(default)]
    pub impact: String,
}

/// An event that passed every check (without its children).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidEvent {
    pub date: NaiveDate,
    pub time: Option<String>,
    pub kind: EventKind,
    pub agency: String,
    pub what_happened: String,
    pub impact: String,
}

fn text(field: &str, what: &str, value: &str, max: usize, required: bool) -> Result<String> {
    let t = value.trim();
    if required && t.is_empty() {
        return Err(CoreError::invalid(field, format!("Please enter {what}.")));
    }
    if let Some(message) = text_fault(what.trim_start_matches("the "), t, max) {
        return Err(CoreError::invalid(field, message));
    }
    Ok(t.to_string())
}

/// "HH:MM" (24-hour) or empty.
pub fn parse_event_time(value: &str) -> Result<Option<String>> {
    let t = value.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(t, "%H:%M").map(|time| Some(time.format("%H:%M").to_string())).map_err(|_| {
        CoreError::invalid(
            "time",
            format!("The time \"{t}\" is not a time of day (use hours and minutes, like 14:30)."),
        )
    })
}

impl ValidEvent {
    /// The rules for an event, typed or read from a file: a date not after `today`, a time of
    /// day or none, a type, the source agency and what happened; the impact may be left empty.
    pub fn check(
        date: &str,
        time: &str,
        kind: Option<EventKind>,
        agency: &str,
        what_happened: &str,
        impact: &str,
        today: NaiveDate,
    ) -> Result<ValidEvent> {
        let date = parse_form_date(date, "date", "date of the event")?;
        if date > today {
            return Err(CoreError::invalid("date", "The date of the event is in the future."));
        }
        let time = parse_event_time(time)?;
        let kind = kind.ok_or_else(|| CoreError::invalid("kind", "Please choose what kind of event this was."))?;
        Ok(ValidEvent {
            date,
            time,
            kind,
            agency: text("agency", "the agency the information came from", agency, MAX_NAME_CHARS, true)?,
            what_happened: text("what_happened", "what happened", what_happened, MAX_TEXT_CHARS, true)?,
            impact: text("impact", "the impact on the child", impact, MAX_TEXT_CHARS, false)?,
        })
    }
}

impl EventForm {
    /// The children (each once, in the order given) and the event. At least one child.
    pub fn validate(&self, today: NaiveDate) -> Result<(Vec<i64>, ValidEvent)> {
        let mut children: Vec<i64> = Vec::with_capacity(self.child_ids.len());
        for id in &self.child_ids {
            if !children.contains(id) {
                children.push(*id);
            }
        }
        if children.is_empty() {
            return Err(CoreError::invalid("child_ids", "Please choose at least one child the event is about."));
        }
        let event = ValidEvent::check(
            &self.date,
            &self.time,
            self.kind,
            &self.agency,
            &self.what_happened,
            &self.impact,
            today,
        )?;
        Ok((children, event))
    }
}

/// One adult of a household, with how they are related to each child.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct Adult {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub household_id: i64,
    pub name: String,
    /// Services known to be involved; empty reads "none known".
    pub services: Vec<AdultService>,
    /// The services in words ("Probation, Drug and alcohol" or "none known"), as printed.
    pub services_words: String,
    pub children: Vec<AdultLink>,
}

/// How an adult stands to one child.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
pub struct AdultLink {
    #[ts(type = "number")]
    pub child_id: i64,
    /// Filled in when listed; ignored when a form sends it.
    #[serde(default)]
    pub child_name: String,
    pub relationship: Relationship,
    /// The relationship in words; filled in when listed, ignored when a form sends it.
    #[serde(default)]
    pub relationship_label: String,
    pub parental_responsibility: bool,
}

/// What the "Add an adult" / "Edit an adult" form sends.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AdultForm {
    #[ts(type = "number")]
    pub household_id: i64,
    pub name: String,
    #[serde(default)]
    pub services: Vec<AdultService>,
    #[serde(default)]
    pub children: Vec<AdultLink>,
}

impl AdultForm {
    /// A name, and each child at most once. The children's household is checked by the store.
    pub fn validate(&self) -> Result<AdultForm> {
        let name = text("name", "the adult's name", &self.name, MAX_NAME_CHARS, true)?;
        let mut children: Vec<AdultLink> = Vec::new();
        for link in &self.children {
            if children.iter().any(|l| l.child_id == link.child_id) {
                return Err(CoreError::invalid("children", "Each child can be named only once for an adult."));
            }
            children.push(AdultLink { child_name: String::new(), relationship_label: String::new(), ..link.clone() });
        }
        let mut services: Vec<AdultService> = Vec::new();
        for s in &self.services {
            if !services.contains(s) {
                services.push(*s);
            }
        }
        Ok(AdultForm { household_id: self.household_id, name, services, children })
    }
}

/// "Adult mental health, Probation" or "none known".
pub fn services_words(services: &[AdultService]) -> String {
    if services.is_empty() {
        "none known".to_string()
    } else {
        services.iter().map(|s| s.label()).collect::<Vec<_>>().join(", ")
    }
}

/// How many events of `events` count as "was not brought" on `today`: the current versions
/// (not corrected) of that type dated inside the window.
pub fn was_not_brought_count(events: &[ChronologyEvent], today: NaiveDate) -> u32 {
    let since = EventKind::was_not_brought_since(today);
    events
        .iter()
        .filter(|e| {
            e.corrected_by.is_none() && e.kind == EventKind::WasNotBrought && e.date >= since && e.date <= today
        })
        .count() as u32
}

/// The columns of the chronology CSV, in order.
pub const CSV_COLUMNS: [&str; 9] =
    ["date", "time", "type", "agency", "what_happened", "impact", "recorded_by", "origin", "corrects_event"];

/// A CSV cell that a spreadsheet will show as text: one starting with `=`, `+`, `-`, `@` (or a
/// tab or carriage return) would be run as a formula when the file is opened, so it is prefixed
/// with an apostrophe. Text typed by a practitioner, or received from another agency, is never
/// run. Then quoted where RFC 4180 needs it.
pub fn csv_cell(text: &str) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    crate::dataset::csv_field(&safe)
}

/// The chronology as CSV for pasting into a case-management system: a header line, one line per
/// event, CRLF line ends. The impact reads "not recorded" when empty.
pub fn to_csv(events: &[ChronologyEvent]) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for e in events {
        let origin = if e.automatic {
            "automatic"
        } else if e.imported {
            "imported"
        } else {
            "recorded here"
        };
        let cells = [
            e.date.to_string(),
            e.time.clone().unwrap_or_default(),
            e.kind.label().to_string(),
            e.agency.clone(),
            e.what_happened.clone(),
            impact_words(&e.impact).to_string(),
            e.recorded_by.clone(),
            origin.to_string(),
            e.corrects.map(|c| c.to_string()).unwrap_or_default(),
        ];
        out.push_str(&cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The impact as shown: "not recorded" when empty, never a blank that reads as "none".
pub fn impact_words(impact: &str) -> &str {
    if impact.trim().is_empty() {
        "not recorded"
    } else {
        impact
    }
}

/// The chronology as plain text, one event a paragraph, for `ntk chronology`.
pub fn to_text(child_name: &str, events: &[ChronologyEvent]) -> String {
    let mut out = format!("Chronology of {child_name}: {} events\n", events.len());
    for e in events {
        let time = e.time.as_deref().map(|t| format!(" {t}")).unwrap_or_default();
        out.push_str(&format!("\n{}{time}  {} ({})\n", e.date.format("%-d %b %Y"), e.kind.label(), e.agency));
        out.push_str(&format!("  What happened: {}\n", e.what_happened));
        out.push_str(&format!("  Impact on the child: {}\n", impact_words(&e.impact)));
        if let Some(reason) = &e.correction_reason {
            out.push_str(&format!("  Corrects an earlier entry: {reason}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_window_starts_six_calendar_months_back_inclusive() {
        assert_eq!(EventKind::was_not_brought_since(d("2026-11-23")), d("2026-05-23"));
        // 31 August less six months: there is no 31 February, so the last day of February.
        assert_eq!(EventKind::was_not_brought_since(d("2026-08-31")), d("2026-02-28"));
    }

    #[test]
    fn the_form_offers_every_kind_but_the_one_only_the_app_adds() {
        let left_out: Vec<_> = EventKind::ALL.iter().filter(|k| !EventKind::TYPED.contains(k)).collect();
        assert_eq!(left_out, [&EventKind::ChecklistFinalised]);
    }

    #[test]
    fn every_stored_name_reads_back() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(*k));
        }
        for r in Relationship::ALL {
            assert_eq!(Relationship::parse(r.as_str()), Some(*r));
        }
        for s in AdultService::ALL {
            assert_eq!(AdultService::parse(s.as_str()), Some(*s));
        }
    }

    #[test]
    fn csv_cells_are_quoted_and_never_run_as_formulas() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, \"b\""), "\"a, \"\"b\"\"\"");
        for risky in ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)", "\tx"] {
            assert!(csv_cell(risky).trim_start_matches('"').starts_with('\''), "{risky}");
        }
        assert_eq!(csv_cell("=1+1,2"), "\"'=1+1,2\"");
    }

    #[test]
    fn a_bad_time_gets_a_sentence() {
        assert_eq!(parse_event_time(" 9:05 ").unwrap().as_deref(), Some("09:05"));
        assert_eq!(parse_event_time("").unwrap(), None);
        let e = parse_event_time("25:00").unwrap_err().to_string();
        assert!(e.contains("not a time of day"), "{e}");
    }
}
