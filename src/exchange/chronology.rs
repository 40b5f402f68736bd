//! Version 3 of the exchange format: the child's household (the other children, the adults) and
//! the chronology travel with the checklists, so an agency that knows one child learns of a baby
//! no one has assessed, and a pattern of events is not lost at the agency boundary. Documented in
//! `docs/exchange-format.md` ("Version 3: chronology and household").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::chronology::{AdultService, ChronologyEvent, EventKind, Relationship};

/// Most household members, adults or events one file may hold.
pub const MAX_HOUSEHOLD_ENTRIES: usize = 100;
pub const MAX_EVENTS: usize = 10_000;

/// Another child of the exported child's household, as far as the receiving agency needs to see
/// them (and to apply "not yet assessed" to them): name and date of birth, or the due date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeHouseholdMember {
    pub name: String,
    /// Date of birth, or the expected date when `unborn`.
    pub date_of_birth: NaiveDate,
    pub unborn: bool,
}

/// An adult of the household and how they stand to each child named in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeAdult {
    pub name: String,
    /// Services known to be involved; empty: none known.
    pub services: Vec<AdultService>,
    pub children: Vec<ExchangeAdultLink>,
}

/// A child is named as in the file: the exported child or a household member (name and date).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeAdultLink {
    pub child_name: String,
    pub date_of_birth: NaiveDate,
    pub relationship: Relationship,
    pub parental_responsibility: bool,
}

/// One version of one event of the exported child's chronology. Every version is sent (a
/// correction after the version it corrects), so the receiving agency keeps the original too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeEvent {
    /// Numbers the event within the file (1, 2, ...), for `corrects`.
    #[serde(rename = "ref")]
    pub reference: u32,
    pub date: NaiveDate,
    /// "HH:MM" when known.
    #[serde(default)]
    pub time: Option<String>,
    pub kind: EventKind,
    pub agency: String,
    pub what_happened: String,
    #[serde(default)]
    pub impact: String,
    pub recorded_by: String,
    pub recorded_at: String,
    /// Added by the sending app itself (a checklist finalised, a plan started or ended).
    #[serde(default)]
    pub automatic: bool,
    /// The `ref` of the event this one corrects (earlier in the file), and why.
    #[serde(default)]
    pub corrects: Option<u32>,
    #[serde(default)]
    pub correction_reason: Option<String>,
}

impl ExchangeEvent {
    /// `refs` maps the ids of the events being sent to their refs.
    pub fn of(e: &ChronologyEvent, reference: u32, refs: &std::collections::HashMap<i64, u32>) -> ExchangeEvent {
        ExchangeEvent {
            reference,
            date: e.date,
            time: e.time.clone(),
            kind: e.kind,
            agency: e.agency.clone(),
            what_happened: e.what_happened.clone(),
            impact: e.impact.clone(),
            recorded_by: e.recorded_by.clone(),
            recorded_at: e.recorded_at.clone(),
            automatic: e.automatic,
            corrects: e.corrects.and_then(|id| refs.get(&id).copied()),
            correction_reason: e.correction_reason.clone(),
        }
    }
}

/// What an import would add of the household and the chronology.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ChronologyImport {
    /// Events (every version) not here yet.
    pub new_events: u32,
    /// Events already here (the same date, time, type, agency, what happened and impact; a
    /// correction also correcting the same event): recognised, not added again.
    pub duplicate_events: u32,
    /// Children of the household not known here, who would be added to the child's household.
    pub new_members: Vec<String>,
    /// Children of the household (other than the file's child) already known here: not added again.
    pub known_members: u32,
    /// Adults not yet recorded in the child's household here.
    pub new_adults: Vec<String>,
    /// Adults of the file already recorded in the child's household here: not added again.
    pub known_adults: u32,
}

impl ChronologyImport {
    pub fn is_empty(&self) -> bool {
        self.new_events == 0 && self.new_members.is_empty() && self.new_adults.is_empty()
    }

    /// A sentence for the preview and the report, empty when there is nothing of the kind.
    pub fn sentence(&self) -> String {
        let mut parts = Vec::new();
        if self.new_events > 0 || self.duplicate_events > 0 {
            parts.push(format!(
                "{} new to the chronology ({} already here)",
                crate::exchange::plural(self.new_events, "event", "events"),
                self.duplicate_events
            ));
        }
        if !self.new_members.is_empty() {
            parts.push(format!("household members new here: {}", self.new_members.join(", ")));
        }
        if !self.new_adults.is_empty() {
            parts.push(format!("adults new here: {}", self.new_adults.join(", ")));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" Household and chronology: {}.", parts.join("; "))
        }
    }
}
