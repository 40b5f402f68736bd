//! A child's audit trail in words: each row of the log as a person reads it, with the item,
//! area, section and field names taken from the checklist content and the wording tables, and
//! the stored values (an item's grade and evidence, a confirmed grade and its reason, a yes or
//! no) written out. The log itself keeps the stored form; this is only how it is shown and
//! printed (the audit trail screen and the subject-access copy).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;
use ts_rs::TS;

use super::audit::AuditEntry;
use super::children::AUDITED_CHILD_FIELDS;
use super::reports::FAMILY_CHECK;
use super::subject_access::SUBJECT_ACCESS;
use super::Store;
use crate::assessment::{AssessmentStatus, EvidenceSource, ItemRecord, VoiceGap, NARRATIVE_SECTIONS};
use crate::error::Result;
use crate::model::PlanCategory;
use crate::scoring::{grade_meaning, Grade};

/// How a row's stored values read in words.
type ValueWords<'a> = Box<dyn Fn(&str) -> Result<String> + 'a>;

/// One audit row in words.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct AuditLine {
    /// The row's number in the log.
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub actor: String,
    /// What changed: "Checklist 3 of 14 Nov 2026: Regular meals (Physical care)".
    pub what: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

fn long_date(text: &str) -> String {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_or_else(|_| text.to_string(), |d| d.format("%-d %b %Y").to_string())
}

fn yes_no(text: &str) -> String {
    match text {
        "true" => "yes".into(),
        "false" => "no".into(),
        other => other.into(),
    }
}

fn grade_words(grade: Grade) -> String {
    match grade.score() {
        Some(n) => format!("Grade {n}: {}", grade_meaning(n)),
        None if grade == Grade::NotKnown => "Not known".into(),
        None => "Not applicable".into(),
    }
}

/// An item's grade and evidence as stored (JSON of [`ItemRecord`]), in words; the adult it
/// concerns by name as the records have it now (an erased adult's name is gone with them).
fn item_words(names: &Names, stored: &str) -> String {
    let Ok(item) = serde_json::from_str::<ItemRecord>(stored) else { return stored.to_string() };
    let mut parts = vec![item.grade.map_or_else(|| "Not graded".to_string(), grade_words)];
    if !item.evidence.trim().is_empty() {
        parts.push(format!("Evidence: {}", item.evidence.trim()));
    }
    let mut basis = Vec::new();
    if let Some(source) = item.source {
        basis.push(source.label().to_string());
    }
    if let Some(date) = item.evidence_date {
        basis.push(format!("dated {}", date.format("%-d %b %Y")));
    }
    if !basis.is_empty() {
        parts.push(format!("({})", basis.join(", ")));
    }
    if item.professional_only {
        parts.push("For professionals only.".into());
    }
    if let Some(adult) = item.adult_id {
        parts.push(format!("Adult concerned: {}.", names.adult(adult)));
    }
    parts.join(" ")
}

/// A confirmed grade as stored ("2 (reason)", the reason possibly empty), in words.
fn confirmation_words(stored: &str) -> String {
    let (grade, reason) = stored.split_once(" (").map_or((stored, ""), |(g, r)| (g, r.strip_suffix(')').unwrap_or(r)));
    let grade = grade.parse::<u8>().ok().and_then(Grade::from_score).map_or_else(|| grade.to_string(), grade_words);
    if reason.trim().is_empty() {
        grade
    } else {
        format!("{grade} Reason: {}", reason.trim())
    }
}

/// Names of items and areas across every known checklist version (item ids are kept across
/// versions; the newest wording wins).
pub(super) struct Names {
    items: HashMap<String, (String, String)>,
    areas: HashMap<String, String>,
    /// The adults on record, by number: an item names the adult it concerns by number.
    adults: HashMap<i64, String>,
}

impl Names {
    pub(super) fn of(store: &Store) -> Result<Names> {
        let adults = store
            .conn
            .prepare("SELECT id, name FROM adults")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let mut names = Names { items: HashMap::new(), areas: HashMap::new(), adults };
        for checklist in store.checklists.all() {
            for area in &checklist.areas {
                names.areas.insert(area.id.clone(), area.name.clone());
                for item in area.subareas.iter().flat_map(|s| &s.items) {
                    names.items.insert(item.id.clone(), (item.title.clone(), area.name.clone()));
                }
            }
        }
        Ok(names)
    }

    pub(super) fn adult(&self, id: i64) -> String {
        self.adults.get(&id).cloned().unwrap_or_else(|| format!("an adult no longer on record (number {id})"))
    }

    pub(super) fn area(&self, id: &str) -> String {
        self.areas.get(id).cloned().unwrap_or_else(|| format!("the area \"{id}\", no longer in the checklist"))
    }

    pub(super) fn item(&self, id: &str) -> String {
        match self.items.get(id) {
            Some((title, area)) => format!("{title} ({area})"),
            None => format!("the item \"{id}\", no longer in the checklist"),
        }
    }
}

/// A written section's title, from the narrative table (and the family summary's own parts).
fn section_title(key: &str) -> String {
    match key {
        "impact" => "Impact on the child".into(),
        "actions" => "Actions".into(),
        VoiceGap::KEY => "Why the child's voice is blank".into(),
        _ => NARRATIVE_SECTIONS
            .iter()
            .find(|s| s.key == key)
            .map_or_else(|| key.replace('_', " "), |s| s.title.to_string()),
    }
}

fn child_field_label(column: &str) -> String {
    AUDITED_CHILD_FIELDS
        .iter()
        .find(|(c, _)| *c == column)
        .map_or_else(|| column.replace('_', " "), |(_, label)| label.to_string())
}

impl Store {
    /// Every audit row about one child, newest first, in words (see [`Store::child_audit_log`]
    /// for the rows as stored).
    pub fn child_audit_trail(&self, child_id: i64) -> Result<Vec<AuditLine>> {
        let names = Names::of(self)?;
        self.child_audit_log(child_id)?.into_iter().map(|e| self.audit_line(&names, e)).collect()
    }

    /// "Checklist 3 of 14 Nov 2026", or "Checklist 3" when it was discarded since.
    fn checklist_words(&self, id: Option<i64>) -> Result<String> {
        let Some(id) = id else { return Ok("A checklist".into()) };
        let date: Option<String> =
            self.conn.query_row("SELECT assessed_on FROM assessments WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        Ok(match date {
            Some(date) => format!("Checklist {id} of {}", long_date(&date)),
            None => format!("Checklist {id}"),
        })
    }

    fn household_words(&self, stored: &str) -> Result<String> {
        let Ok(id) = stored.parse::<i64>() else { return Ok(stored.to_string()) };
        let name: Option<String> =
            self.conn.query_row("SELECT name FROM households WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        Ok(name.unwrap_or_else(|| format!("a household since removed (number {id})")))
    }

    fn audit_line(&self, names: &Names, e: AuditEntry) -> Result<AuditLine> {
        let field = e.field.as_deref().unwrap_or_default();
        let (what, value): (String, ValueWords) = match (e.record_type.as_str(), e.action.as_str()) {
            ("child", "create" | "import" | "update") if !field.is_empty() => {
                let doing = match e.action.as_str() {
                    "create" => "Child added",
                    "import" => "Child added from an exchange file",
                    _ => "Child's details changed",
                };
                let what = format!("{doing}: {}", child_field_label(field));
                let value: ValueWords = match field {
                    "unborn" | "has_disability" => Box::new(|v| Ok(yes_no(v))),
                    "date_of_birth" | "plan_start" => Box::new(|v| Ok(long_date(v))),
                    "plan_category" => {
                        Box::new(|v| Ok(PlanCategory::parse(v).map_or_else(|| v.to_string(), |p| p.label().into())))
                    }
                    "household_id" => Box::new(|v| self.household_words(v)),
                    _ => Box::new(|v| Ok(v.to_string())),
                };
                (what, value)
            }
            ("child", "import") => ("Checklists imported from an exchange file".into(), Box::new(as_stored)),
            ("child", "export") => ("Exported for sharing with another agency".into(), Box::new(as_stored)),
            ("child", SUBJECT_ACCESS) => {
                ("Everything about the child copied for a subject-access request".into(), Box::new(as_stored))
            }
            ("child", "erase") => ("The child's records erased".into(), Box::new(as_stored)),
            ("assessment", action) => {
                let checklist = self.checklist_words(e.record_id)?;
                let area_of = |prefix: &str| field.strip_prefix(prefix).map(|id| names.area(id));
                match action {
                    "create" => (format!("{checklist} started"), Box::new(as_stored)),
                    "import" => (format!("{checklist} imported from an exchange file"), Box::new(as_stored)),
                    "finalise" => (format!("{checklist} finalised"), Box::new(status_words)),
                    "delete" => (format!("{checklist}, a draft, discarded"), Box::new(status_words)),
                    "amend" => (
                        format!("{checklist} started as a correction"),
                        Box::new(|v: &str| {
                            Ok(v.split_once(": ").map_or_else(
                                || v.to_string(),
                                |(of, why)| format!("Corrects checklist {of}. Reason: {why}"),
                            ))
                        }),
                    ),
                    _ => {
                        if let Some(item) = field.strip_prefix("item:") {
                            (format!("{checklist}: {}", names.item(item)), Box::new(|v| Ok(item_words(names, v))))
                        } else if let Some(area) = area_of("confirm:") {
                            (
                                format!("{checklist}: confirmed grade for {area}"),
                                Box::new(|v| Ok(confirmation_words(v))),
                            )
                        } else if let Some(area) = area_of("impact:") {
                            (format!("{checklist}: {} ({area})", section_title("impact")), Box::new(as_stored))
                        } else if field == VoiceGap::KEY {
                            let label =
                                |v: &str| Ok(VoiceGap::parse(v).map_or_else(|| v.to_string(), |g| g.label().into()));
                            (format!("{checklist}: {}", section_title(field)), Box::new(label))
                        } else {
                            (format!("{checklist}: {}", section_title(field)), Box::new(as_stored))
                        }
                    }
                }
            }
            ("action", "create") => ("Action added".into(), Box::new(as_stored)),
            ("action", "delete") => ("Action deleted".into(), Box::new(as_stored)),
            ("action", _) => ("Action: what came of it".into(), Box::new(as_stored)),
            (FAMILY_CHECK, _) => {
                (format!("Family summary: \"{}\" checked as safe to share", section_title(field)), Box::new(as_stored))
            }
            ("plan", action) => {
                let doing = match action {
                    "create" => "Plan started",
                    "end" => "Plan ended",
                    _ => "Plan corrected",
                };
                (format!("{doing}: {}", record_field_label(field)), Box::new(move |v| Ok(plan_value_words(field, v))))
            }
            ("event", action) => {
                let doing = match action {
                    "import" => "Chronology: event added from an exchange file",
                    "correct" => "Chronology: event corrected",
                    _ => "Chronology: event recorded",
                };
                (doing.into(), Box::new(as_stored))
            }
            ("adult", action) => {
                let doing = if action == "create" { "Adult in the household added" } else { "Adult's details changed" };
                (format!("{doing}: {}", record_field_label(field)), Box::new(as_stored))
            }
            ("manager_review", _) => (
                format!("Manager's review recorded: {}", record_field_label(field)),
                Box::new(move |v| Ok(plan_value_words(field, v))),
            ),
            ("case_references", _) => {
                (format!("Case references changed: {}", record_field_label(field)), Box::new(as_stored))
            }
            ("core_group_meeting", _) => {
                ("Core group meeting recorded".into(), Box::new(|v| Ok(json_words(v).unwrap_or_else(|| v.to_string()))))
            }
            ("engagement", _) => ("Carer's engagement with the plan rated".into(), Box::new(as_stored)),
            (record, action) => {
                let what = format!("{} of {}", action.replace('_', " "), record.replace('_', " "));
                (
                    if field.is_empty() { what } else { format!("{what}: {}", field.replace('_', " ")) },
                    Box::new(as_stored),
                )
            }
        };
        let words = |v: Option<String>| -> Result<Option<String>> {
            v.filter(|v| !v.trim().is_empty())
                .map(|v| if v == super::audit::ERASED { Ok(v) } else { value(&v) })
                .transpose()
        };
        Ok(AuditLine {
            id: e.id,
            at: e.at,
            actor: e.actor,
            what,
            old_value: words(e.old_value)?,
            new_value: words(e.new_value)?,
        })
    }
}

/// The fields of plans, managers' reviews, adults and case references as the audit log stores
/// them, in words; a field not listed is shown with its underscores as spaces.
const RECORD_FIELDS: &[(&str, &str)] = &[
    ("plan_type", "type of plan"),
    ("category", "category"),
    ("started_on", "start date"),
    ("ended_on", "end date"),
    ("outcome", "outcome"),
    ("assessment_id", "checklist number"),
    ("manager_name", "manager"),
    ("manager_role", "manager's role"),
    ("reviewed_on", "date of the review"),
    ("decision", "decision"),
    ("comment", "comment"),
    ("la_case_number", "local authority case number"),
    ("nhs_number", "NHS number"),
    ("unique_pupil_number", "unique pupil number"),
    ("name", "name"),
    ("services", "services involved"),
    ("relationship", "relationship to the children"),
];

fn record_field_label(field: &str) -> String {
    RECORD_FIELDS.iter().find(|(f, _)| *f == field).map_or_else(|| field.replace('_', " "), |(_, w)| w.to_string())
}

/// A plan's or a review's stored value in words: the labels of its choices, dates written out.
fn plan_value_words(field: &str, v: &str) -> String {
    use crate::oversight::ManagerDecision;
    use crate::plans::{PlanOutcome, PlanType};
    let label = match field {
        "plan_type" => PlanType::parse(v).map(PlanType::label),
        "category" => PlanCategory::parse(v).map(PlanCategory::label),
        "outcome" => PlanOutcome::parse(v).map(PlanOutcome::label),
        "decision" => ManagerDecision::parse(v).map(ManagerDecision::label),
        "started_on" | "ended_on" | "reviewed_on" => return long_date(v),
        _ => None,
    };
    label.map_or_else(|| v.to_string(), str::to_string)
}

fn as_stored(v: &str) -> Result<String> {
    Ok(v.to_string())
}

fn status_words(v: &str) -> Result<String> {
    Ok(match AssessmentStatus::parse(v) {
        Some(AssessmentStatus::Draft) => "Draft".into(),
        Some(AssessmentStatus::Finalised) => "Finalised".into(),
        None => v.to_string(),
    })
}

impl Names {
    /// [`stored_value_words`], with an item or area by its name in the checklist ("Regular
    /// meals (Physical care)") rather than its id: for the subject-access copy's PDF.
    pub(super) fn value_words(&self, column: &str, value: &serde_json::Value) -> String {
        match (column, value.as_str()) {
            ("item_id", Some(id)) => self.item(id),
            ("area_id", Some(id)) if !id.is_empty() => self.area(id),
            ("adult_id", _) if value.is_i64() => self.adult(value.as_i64().unwrap_or_default()),
            _ => stored_value_words(column, value),
        }
    }
}

/// Columns stored as 0 or 1 that mean no or yes. tests/subject_access.rs checks that every
/// column the schema constrains to `IN (0, 1)` is here.
pub const YES_NO_COLUMNS: &[&str] = &["unborn", "has_disability", "professional_only", "parental_responsibility"];

/// Labels of the stored columns that neither the child's audited fields nor [`RECORD_FIELDS`]
/// name, for the subject-access copy's PDF; any other column reads as its name with spaces.
const COPY_FIELDS: &[(&str, &str)] = &[
    ("id", "Number"),
    ("child_id", "Child's number"),
    ("adult_id", "Adult"),
    ("practitioner_id", "Assessor's number"),
    ("amends_id", "Amends checklist number"),
    ("corrects", "Corrects event number"),
    ("created_at", "Recorded"),
    ("updated_at", "Last changed"),
    ("finalised_at", "Finalised"),
    ("amended_at", "Amended"),
    ("recorded_at", "Recorded"),
    ("assessed_on", "Date of the checklist"),
    ("checklist_id", "Checklist"),
    ("checklist_hash", "Checklist content hash (SHA-256)"),
    ("item_id", "Item"),
    ("area_id", "Area"),
    ("evidence_date", "Date of the evidence"),
    ("professional_only", "For professionals only"),
    ("confirmed", "Confirmed grade"),
    ("by_when", "By when"),
    ("event_date", "Date"),
    ("event_time", "Time"),
    ("kind", "Type of event"),
    ("held_on", "Date of the meeting"),
    ("rated_on", "Date rated"),
    ("latest_on", "Latest checklist"),
    ("review_due", "Review due"),
    ("open_action_due", "Next action due"),
    ("unknown_serious", "Serious items not known"),
    ("parental_responsibility", "Parental responsibility"),
];

/// A stored column's label as a person reads it: the audit trail's own words where it has
/// them ([`AUDITED_CHILD_FIELDS`], [`RECORD_FIELDS`]), else [`COPY_FIELDS`], else the name with
/// spaces; always with a capital.
pub fn column_label(column: &str) -> String {
    let label = AUDITED_CHILD_FIELDS
        .iter()
        .chain(RECORD_FIELDS)
        .chain(COPY_FIELDS)
        .find(|(c, _)| *c == column)
        .map_or_else(|| column.replace('_', " "), |(_, label)| label.to_string());
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// A stored value as a person reads it: no and yes for 0 and 1 (in [`YES_NO_COLUMNS`] only),
/// dates as "1 December 2026", times recorded as "1 December 2026 at 08:12", choices by their
/// labels; anything else exactly as stored, and "—" for nothing.
pub fn stored_value_words(column: &str, value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "—".into(),
        Value::Number(n) if YES_NO_COLUMNS.contains(&column) => match n.as_i64() {
            Some(0) => "no".into(),
            Some(1) => "yes".into(),
            _ => n.to_string(),
        },
        Value::String(s) if s.is_empty() => "—".into(),
        Value::String(s) => text_value_words(column, s),
        other => other.to_string(),
    }
}

fn text_value_words(column: &str, v: &str) -> String {
    let choice = match column {
        "plan_type" | "category" | "outcome" | "decision" => return plan_value_words(column, v),
        "plan_category" => PlanCategory::parse(v).map(|c| c.label().to_string()),
        "status" => status_words(v).ok(),
        "grade" => Grade::parse(v).map(grade_words),
        "source" => EvidenceSource::parse(v).map(|s| s.label().to_string()),
        _ => None,
    };
    choice.or_else(|| when_words(v)).or_else(|| json_words(v)).unwrap_or_else(|| v.to_string())
}

/// JSON kept as text in words: a list (what the app worked out, services, agencies) as its
/// entries joined by "; " and each entry's parts by ", "; a record (a core group meeting in the
/// audit log) as "Label: value" pairs, its numbers left out; dates written out.
fn json_words(v: &str) -> Option<String> {
    use serde_json::Value;
    fn part(value: &Value) -> String {
        match value {
            Value::String(s) => when_words(s).unwrap_or_else(|| s.clone()),
            Value::Array(parts) if parts.is_empty() => "none".into(),
            Value::Array(parts) => parts.iter().map(part).collect::<Vec<_>>().join(", "),
            Value::Null => "—".into(),
            other => other.to_string(),
        }
    }
    match serde_json::from_str::<Value>(v).ok()? {
        Value::Array(entries) if entries.is_empty() => Some("none".into()),
        Value::Array(entries) => Some(entries.iter().map(part).collect::<Vec<_>>().join("; ")),
        Value::Object(fields) => Some(
            fields
                .iter()
                .filter(|(k, _)| !["id", "child_id"].contains(&k.as_str()))
                .map(|(k, v)| format!("{}: {}", column_label(k), part(v)))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        _ => None,
    }
}

/// "2026-12-01" as "1 December 2026"; "2026-12-01T08:12:05+00:00" as "1 December 2026 at 08:12"
/// (the time as it was recorded, not moved to another zone).
fn when_words(v: &str) -> Option<String> {
    const DATE: &str = "%-d %B %Y";
    if let Ok(d) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        return Some(d.format(DATE).to_string());
    }
    let at = chrono::DateTime::parse_from_rfc3339(v)
        .map(|t| t.naive_local())
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(v, "%Y-%m-%d %H:%M:%S"))
        .ok()?;
    Some(format!("{} at {}", at.format(DATE), at.format("%H:%M")))
}
