//! The chronology and the household's adults in the database (the rules are `crate::chronology`).
//!
//! Events are append-only (triggers refuse UPDATE and DELETE, except erasing the child): a
//! correction is a new row naming the row it corrects, and the timeline shows each event's current
//! version. Every write has its audit row in the same transaction.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::audit::{now_stamp, record, Change};
use super::status::Attention;
use super::Store;
use crate::chronology::{
    services_words, Adult, AdultForm, AdultLink, AdultService, ChronologyEvent, EventForm, EventKind, Relationship,
    ValidEvent, WAS_NOT_BROUGHT_ATTENTION_FROM,
};
use crate::error::{CoreError, Result};
use crate::exchange::chronology::{
    ChronologyImport, ExchangeAdult, ExchangeAdultLink, ExchangeEvent, ExchangeHouseholdMember,
};
use crate::exchange::matching::name_key;
use crate::exchange::ExchangeFile;
use crate::text::{text_fault, MAX_NAME_CHARS, MAX_TEXT_CHARS};

/// Where an event came from: typed here, added by the app, or read from another agency's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Typed,
    Automatic,
    Imported,
}

impl Origin {
    fn as_str(self) -> &'static str {
        match self {
            Origin::Typed => "typed",
            Origin::Automatic => "automatic",
            Origin::Imported => "imported",
        }
    }
}

const EVENT_COLUMNS: &str = "e.id, e.child_id, e.event_date, e.event_time, e.kind, e.agency, e.what_happened,
     e.impact, e.recorded_by, e.recorded_at, e.origin, e.corrects, e.correction_reason,
     (SELECT c.id FROM events c WHERE c.corrects = e.id)";

/// How many current (uncorrected) events of kind ?1 dated ?2 to ?3 each child has, for the
/// children with at least ?4: read through `events_kind_date`, not every event in the file.
pub(super) const WAS_NOT_BROUGHT_COUNTS: &str = "SELECT e.child_id, count(*) FROM events e
     WHERE e.kind = ?1 AND e.event_date >= ?2 AND e.event_date <= ?3
       AND NOT EXISTS (SELECT 1 FROM events c WHERE c.corrects = e.id)
     GROUP BY e.child_id HAVING count(*) >= ?4";

fn event_from_row(r: &Row) -> rusqlite::Result<ChronologyEvent> {
    let kind: String = r.get(4)?;
    // A kind this version does not know (written by a newer one) still shows, as "other".
    let kind = EventKind::parse(&kind).unwrap_or(EventKind::Other);
    let origin: String = r.get(10)?;
    Ok(ChronologyEvent {
        id: r.get(0)?,
        child_id: r.get(1)?,
        date: r.get(2)?,
        time: r.get(3)?,
        kind,
        kind_label: kind.label().to_string(),
        agency: r.get(5)?,
        what_happened: r.get(6)?,
        impact: r.get(7)?,
        recorded_by: r.get(8)?,
        recorded_at: r.get(9)?,
        automatic: origin == Origin::Automatic.as_str(),
        imported: origin == Origin::Imported.as_str(),
        corrects: r.get(11)?,
        correction_reason: r.get(12)?,
        corrected_by: r.get(13)?,
    })
}

/// The event in one line, for the audit log.
fn summary(e: &ValidEvent) -> String {
    let time = e.time.as_deref().map(|t| format!(" {t}")).unwrap_or_default();
    format!("{}{time}, {} ({}): {} Impact: {}", e.date, e.kind.label(), e.agency, e.what_happened, e.impact)
}

/// Who recorded an event, and when: here, now, by the person signed in; or as a file says.
pub(crate) struct Recorded<'a> {
    pub by: &'a str,
    pub at: &'a str,
    pub origin: Origin,
}

/// Writes one event for one child with its audit row: the one writer of events, whether typed,
/// added by the app, corrected or imported.
pub(crate) fn insert_event(
    tx: &Transaction,
    actor: &str,
    child_id: i64,
    e: &ValidEvent,
    recorded: &Recorded,
    correction: Option<(i64, &str)>,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO events (child_id, event_date, event_time, kind, agency, what_happened, impact, recorded_by,
                             recorded_at, origin, corrects, correction_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            child_id,
            e.date,
            e.time,
            e.kind.as_str(),
            e.agency,
            e.what_happened,
            e.impact,
            recorded.by,
            recorded.at,
            recorded.origin.as_str(),
            correction.map(|c| c.0),
            correction.map(|c| c.1)
        ],
    )?;
    let id = tx.last_insert_rowid();
    let new_value = summary(e);
    let (action, old_value) = match correction {
        None => (if recorded.origin == Origin::Imported { "import" } else { "create" }, None),
        Some((original, reason)) => ("correct", Some(format!("event {original} corrected: {reason}"))),
    };
    record(
        tx,
        actor,
        Change {
            action,
            record_type: "event",
            record_id: Some(id),
            child_id: Some(child_id),
            field: Some("event"),
            old_value: old_value.as_deref(),
            new_value: Some(&new_value),
        },
    )?;
    Ok(id)
}

fn child_household(tx: &rusqlite::Connection, child_id: i64) -> Result<Option<i64>> {
    tx.query_row("SELECT household_id FROM children WHERE id = ?1", [child_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::NotFound(format!("There is no child with number {child_id}.")))
}

impl Store {
    /// Adds an event the app records by itself (a checklist finalised, a plan started or ended),
    /// inside the transaction that makes the change it records, so neither is kept without the
    /// other. `agency` is the agency that made the change.
    pub fn record_automatic_event(
        tx: &Transaction,
        actor: &str,
        child_id: i64,
        kind: EventKind,
        date: NaiveDate,
        agency: &str,
        text: &str,
    ) -> Result<i64> {
        let event = ValidEvent {
            date,
            time: None,
            kind,
            agency: agency.to_string(),
            what_happened: text.to_string(),
            impact: String::new(),
        };
        let at = now_stamp();
        insert_event(tx, actor, child_id, &event, &Recorded { by: actor, at: &at, origin: Origin::Automatic }, None)
    }

    /// Records one event for each child of the form, in one transaction: all or none. Several
    /// children must be of one household.
    pub fn add_event(&mut self, form: &EventForm, today: NaiveDate) -> Result<Vec<ChronologyEvent>> {
        let (children, event) = form.validate(today)?;
        let tx = self.conn.transaction()?;
        let mut households = Vec::with_capacity(children.len());
        for id in &children {
            households.push(child_household(&tx, *id)?);
        }
        if children.len() > 1 && (households[0].is_none() || households.iter().any(|h| *h != households[0])) {
            return Err(CoreError::invalid(
                "child_ids",
                "One event can be recorded for several children only when they live in the same household.",
            ));
        }
        let at = now_stamp();
        let recorded = Recorded { by: &self.actor, at: &at, origin: Origin::Typed };
        let mut ids = Vec::with_capacity(children.len());
        for child_id in &children {
            ids.push(insert_event(&tx, &self.actor, *child_id, &event, &recorded, None)?);
        }
        tx.commit()?;
        ids.into_iter().map(|id| self.get_event(id)).collect()
    }

    /// Writes many events of one child in one transaction, each with its audit row: for
    /// generated data (benchmarks), where a transaction per event would take far longer.
    pub fn insert_event_history(&mut self, child_id: i64, events: &[ValidEvent]) -> Result<()> {
        let tx = self.conn.transaction()?;
        child_household(&tx, child_id)?;
        let at = now_stamp();
        let recorded = Recorded { by: &self.actor, at: &at, origin: Origin::Typed };
        for e in events {
            insert_event(&tx, &self.actor, child_id, e, &recorded, None)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn get_event(&self, id: i64) -> Result<ChronologyEvent> {
        self.conn
            .query_row(&format!("SELECT {EVENT_COLUMNS} FROM events e WHERE e.id = ?1"), [id], event_from_row)
            .optional()?
            .ok_or_else(|| CoreError::NotFound(format!("There is no event with number {id}.")))
    }

    /// Corrects an event: the correction becomes the current version, the original is kept and
    /// both the change and its reason are audited. Only the current version can be corrected.
    /// The form's children are ignored: a correction is for the child of the original.
    pub fn correct_event(
        &mut self,
        event_id: i64,
        form: &EventForm,
        reason: &str,
        today: NaiveDate,
    ) -> Result<ChronologyEvent> {
        let original = self.get_event(event_id)?;
        if let Some(newer) = original.corrected_by {
            return Err(CoreError::Refused(format!(
                "This event has already been corrected (by event {newer}); correct the current version instead."
            )));
        }
        let event = ValidEvent::check(
            &form.date,
            &form.time,
            form.kind,
            &form.agency,
            &form.what_happened,
            &form.impact,
            today,
        )?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CoreError::invalid("reason", "Please say why the event is being corrected."));
        }
        if let Some(message) = crate::text::text_fault("reason", reason, crate::text::MAX_TEXT_CHARS) {
            return Err(CoreError::invalid("reason", message));
        }
        let tx = self.conn.transaction()?;
        let at = now_stamp();
        let recorded = Recorded { by: &self.actor, at: &at, origin: Origin::Typed };
        let id = insert_event(&tx, &self.actor, original.child_id, &event, &recorded, Some((event_id, reason)))?;
        tx.commit()?;
        self.get_event(id)
    }

    /// A child's chronology between two dates (inclusive, either open), oldest first: the current
    /// version of each event, or with `with_corrected` every version (an original before its
    /// correction).
    pub fn chronology(
        &self,
        child_id: i64,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        with_corrected: bool,
    ) -> Result<Vec<ChronologyEvent>> {
        self.get_child(child_id)?;
        let current =
            if with_corrected { "" } else { "AND NOT EXISTS (SELECT 1 FROM events c WHERE c.corrects = e.id)" };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events e
             WHERE e.child_id = ?1 AND e.event_date >= ?2 AND e.event_date <= ?3 {current}
             ORDER BY e.event_date, e.event_time IS NOT NULL, e.event_time, e.id"
        ))?;
        let rows = stmt.query_map(
            // Open ends as the text bounds of every stored date (chrono's MIN and MAX would be
            // written with a sign, and "+262142-..." sorts before "2026-...").
            params![
                child_id,
                from.map_or("0000-01-01".to_string(), |d| d.to_string()),
                to.map_or("9999-12-31".to_string(), |d| d.to_string())
            ],
            event_from_row,
        )?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The number of "was not brought" events (current versions) in the window ending `today`
    /// (the rule is [`EventKind::was_not_brought_since`]).
    pub fn was_not_brought(&self, child_id: i64, today: NaiveDate) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM events e
             WHERE e.child_id = ?1 AND e.kind = ?2 AND e.event_date >= ?3 AND e.event_date <= ?4
               AND NOT EXISTS (SELECT 1 FROM events c WHERE c.corrects = e.id)",
            params![child_id, EventKind::WasNotBrought.as_str(), EventKind::was_not_brought_since(today), today],
            |r| r.get(0),
        )?)
    }

    /// Adds missed appointments to the "needs attention" list: a child not brought to
    /// [`WAS_NOT_BROUGHT_ATTENTION_FROM`] or more appointments in the window gets the reason,
    /// joining the list if not on it yet.
    pub(super) fn add_chronology_attention(&self, today: NaiveDate, out: &mut Vec<Attention>) -> Result<()> {
        let mut stmt = self.conn.prepare(WAS_NOT_BROUGHT_COUNTS)?;
        let counts: Vec<(i64, u32)> = stmt
            .query_map(
                params![
                    EventKind::WasNotBrought.as_str(),
                    EventKind::was_not_brought_since(today),
                    today,
                    WAS_NOT_BROUGHT_ATTENTION_FROM
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .collect::<std::result::Result<_, _>>()?;
        // Where each child already on the list is: thousands of children are on it at 10,000.
        let mut listed: HashMap<i64, usize> = out.iter().enumerate().map(|(at, a)| (a.child.id, at)).collect();
        for (child_id, count) in counts {
            let reason = format!(
                "Not brought to {count} appointments in the last {} months.",
                crate::chronology::WAS_NOT_BROUGHT_MONTHS
            );
            match listed.get(&child_id) {
                Some(&at) => out[at].reasons.push(reason),
                None => {
                    listed.insert(child_id, out.len());
                    out.push(Attention { child: self.get_child(child_id)?, reasons: vec![reason] });
                }
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Adults
// ---------------------------------------------------------------------------------------------

fn services_text(services: &[AdultService]) -> String {
    services.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")
}

fn link_words(l: &AdultLink) -> String {
    let pr = if l.parental_responsibility { "yes" } else { "no" };
    format!("{}; parental responsibility: {pr}", l.relationship.label())
}

impl Store {
    fn adult_links(&self, adult_id: i64) -> Result<Vec<AdultLink>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.child_id, c.name, l.relationship, l.parental_responsibility
             FROM adult_children l JOIN children c ON c.id = l.child_id WHERE l.adult_id = ?1
             ORDER BY c.date_of_birth, c.id",
        )?;
        let rows = stmt.query_map([adult_id], |r| {
            let relationship: String = r.get(2)?;
            let relationship = Relationship::parse(&relationship).unwrap_or(Relationship::Other);
            Ok(AdultLink {
                child_id: r.get(0)?,
                child_name: r.get(1)?,
                relationship,
                relationship_label: relationship.label().to_string(),
                parental_responsibility: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn get_adult(&self, id: i64) -> Result<Adult> {
        let (household_id, name, services): (i64, String, String) = self
            .conn
            .query_row("SELECT household_id, name, services FROM adults WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or_else(|| CoreError::NotFound(format!("There is no adult with number {id}.")))?;
        let services: Vec<AdultService> = services.split(',').filter_map(AdultService::parse).collect();
        let services_words = services_words(&services);
        Ok(Adult { id, household_id, name, services, services_words, children: self.adult_links(id)? })
    }

    /// The adults of a household, by name.
    pub fn adults_of_household(&self, household_id: i64) -> Result<Vec<Adult>> {
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM adults WHERE household_id = ?1 ORDER BY name COLLATE NOCASE, id")?
            .query_map([household_id], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        ids.into_iter().map(|id| self.get_adult(id)).collect()
    }

    /// The adults of the child's household (those linked to the child and those who are not:
    /// a visiting adult recorded for a sibling still has access to this child).
    pub fn adults_of_child(&self, child_id: i64) -> Result<Vec<Adult>> {
        match self.get_child(child_id)?.household_id {
            Some(h) => self.adults_of_household(h),
            None => Ok(Vec::new()),
        }
    }

    /// Checks the form against the records: the household exists and every child named lives in it.
    fn checked_adult(&self, form: &AdultForm) -> Result<AdultForm> {
        let valid = form.validate()?;
        let exists: Option<i64> = self
            .conn
            .query_row("SELECT id FROM households WHERE id = ?1", [valid.household_id], |r| r.get(0))
            .optional()?;
        if exists.is_none() {
            return Err(CoreError::NotFound(format!("There is no household with number {}.", valid.household_id)));
        }
        for link in &valid.children {
            if child_household(&self.conn, link.child_id)? != Some(valid.household_id) {
                return Err(CoreError::invalid(
                    "children",
                    format!("Child number {} does not live in this household.", link.child_id),
                ));
            }
        }
        Ok(valid)
    }

    /// Adds an adult to a household, with their relationship to each child named.
    pub fn add_adult(&mut self, form: &AdultForm) -> Result<Adult> {
        let valid = self.checked_adult(form)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO adults (household_id, name, services, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![valid.household_id, valid.name, services_text(&valid.services), now_stamp()],
        )?;
        let id = tx.last_insert_rowid();
        write_adult_changes(&tx, &self.actor, id, None, &valid)?;
        tx.commit()?;
        self.get_adult(id)
    }

    /// Changes an adult's name, services and relationships; the audit log gets a row per change.
    /// The adult stays in their household.
    pub fn update_adult(&mut self, id: i64, form: &AdultForm) -> Result<Adult> {
        let before = self.get_adult(id)?;
        let valid = self.checked_adult(&AdultForm { household_id: before.household_id, ..form.clone() })?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE adults SET name = ?2, services = ?3 WHERE id = ?1",
            params![id, valid.name, services_text(&valid.services)],
        )?;
        tx.execute("DELETE FROM adult_children WHERE adult_id = ?1", [id])?;
        write_adult_changes(&tx, &self.actor, id, Some(&before), &valid)?;
        tx.commit()?;
        self.get_adult(id)
    }
}

/// Writes the adult's links to children and the audit rows of what changed from `before`.
fn write_adult_changes(
    tx: &Transaction,
    actor: &str,
    id: i64,
    before: Option<&Adult>,
    after: &AdultForm,
) -> Result<()> {
    let action = if before.is_some() { "update" } else { "create" };
    let audit = |field: &str, child_id: Option<i64>, old: Option<String>, new: Option<String>| -> Result<()> {
        if old == new {
            return Ok(());
        }
        record(
            tx,
            actor,
            Change {
                action,
                record_type: "adult",
                record_id: Some(id),
                child_id,
                field: Some(field),
                old_value: old.as_deref(),
                new_value: new.as_deref(),
            },
        )
    };
    audit("name", None, before.map(|b| b.name.clone()), Some(after.name.clone()))?;
    audit("services", None, before.map(|b| services_words(&b.services)), Some(services_words(&after.services)))?;
    for link in &after.children {
        tx.execute(
            "INSERT INTO adult_children (adult_id, child_id, relationship, parental_responsibility)
             VALUES (?1, ?2, ?3, ?4)",
            params![id, link.child_id, link.relationship.as_str(), link.parental_responsibility],
        )?;
    }
    let old_links = before.map(|b| b.children.as_slice()).unwrap_or_default();
    let mut children: Vec<i64> = old_links.iter().chain(&after.children).map(|l| l.child_id).collect();
    children.sort_unstable();
    children.dedup();
    for child_id in children {
        let words = |links: &[AdultLink]| links.iter().find(|l| l.child_id == child_id).map(link_words);
        audit("relationship", Some(child_id), words(old_links), words(&after.children))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Exchange format 3: the household and the chronology sent with a child
// ---------------------------------------------------------------------------------------------

/// Where an event of a file ends up: already here (this id) or added (its index in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum EventTarget {
    Existing(i64),
    New(usize),
}

/// What makes two events the same one: every field a person wrote, and the event it corrects.
#[derive(PartialEq, Eq, Hash)]
struct EventSameness {
    date: NaiveDate,
    time: Option<String>,
    kind: EventKind,
    agency: String,
    what_happened: String,
    impact: String,
    corrects: Option<EventTarget>,
}

impl EventSameness {
    fn of(e: &ValidEvent, corrects: Option<EventTarget>) -> EventSameness {
        EventSameness {
            date: e.date,
            time: e.time.clone(),
            kind: e.kind,
            agency: e.agency.clone(),
            what_happened: e.what_happened.clone(),
            impact: e.impact.clone(),
            corrects,
        }
    }
}

/// An import's household and chronology, worked out before anything is written.
pub(super) struct ChronologyWork {
    pub plan: ChronologyImport,
    /// Per event of the file: its checked content, where it ends up, and what it corrects.
    events: Vec<(ValidEvent, EventTarget, Option<EventTarget>)>,
    new_members: Vec<usize>,
    new_adults: Vec<usize>,
}

fn refused(what: String) -> CoreError {
    CoreError::Refused(format!("{what} Nothing has been imported."))
}

fn same_person(name: &str, dob: NaiveDate, other_name: &str, other_dob: NaiveDate) -> bool {
    dob == other_dob && name_key(name) == name_key(other_name)
}

impl Store {
    /// The household members, adults and events of the child's export (format 3).
    pub(super) fn export_chronology(
        &self,
        child: &crate::model::Child,
    ) -> Result<(Vec<ExchangeHouseholdMember>, Vec<ExchangeAdult>, Vec<ExchangeEvent>)> {
        let members: Vec<crate::model::Child> = match child.household_id {
            Some(h) => {
                self.list_children()?.into_iter().filter(|c| c.household_id == Some(h) && c.id != child.id).collect()
            }
            None => Vec::new(),
        };
        let in_file: Vec<&crate::model::Child> = std::iter::once(child).chain(&members).collect();
        let adults = self
            .adults_of_child(child.id)?
            .into_iter()
            .map(|a| ExchangeAdult {
                name: a.name,
                services: a.services,
                children: a
                    .children
                    .iter()
                    .filter_map(|l| {
                        let c = in_file.iter().find(|c| c.id == l.child_id)?;
                        Some(ExchangeAdultLink {
                            child_name: c.name.clone(),
                            date_of_birth: c.date_of_birth,
                            relationship: l.relationship,
                            parental_responsibility: l.parental_responsibility,
                        })
                    })
                    .collect(),
            })
            .collect();
        let mut events = self.chronology(child.id, None, None, true)?;
        // A correction always comes after the version it corrects: ids follow creation.
        events.sort_by_key(|e| e.id);
        let refs: std::collections::HashMap<i64, u32> =
            events.iter().enumerate().map(|(i, e)| (e.id, i as u32 + 1)).collect();
        let events = events.iter().map(|e| ExchangeEvent::of(e, refs[&e.id], &refs)).collect();
        let members = members
            .into_iter()
            .map(|c| ExchangeHouseholdMember { name: c.name, date_of_birth: c.date_of_birth, unborn: c.unborn })
            .collect();
        Ok((members, adults, events))
    }

    /// Checks the file's household and chronology and works out what is new. Reads only. Any
    /// event, member or adult that cannot be accepted refuses the whole file, in words.
    pub(super) fn work_out_chronology(
        &self,
        file: &ExchangeFile,
        here: Option<&crate::model::Child>,
        today: NaiveDate,
    ) -> Result<ChronologyWork> {
        let mut plan = ChronologyImport::default();
        // Events.
        let existing = match here {
            Some(c) => self.chronology(c.id, None, None, true)?,
            None => Vec::new(),
        };
        let mut known: std::collections::HashMap<EventSameness, EventTarget> = std::collections::HashMap::new();
        for e in &existing {
            let valid = ValidEvent {
                date: e.date,
                time: e.time.clone(),
                kind: e.kind,
                agency: e.agency.clone(),
                what_happened: e.what_happened.clone(),
                impact: e.impact.clone(),
            };
            known.insert(EventSameness::of(&valid, e.corrects.map(EventTarget::Existing)), EventTarget::Existing(e.id));
        }
        let corrected_here: std::collections::HashSet<i64> = existing.iter().filter_map(|e| e.corrects).collect();
        let mut targets: std::collections::HashMap<u32, EventTarget> = std::collections::HashMap::new();
        let mut events = Vec::with_capacity(file.events.len());
        for (index, e) in file.events.iter().enumerate() {
            let name = format!("Event ref {} ({})", e.reference, e.date);
            if targets.contains_key(&e.reference) {
                return Err(refused(format!("{name}: its ref is used twice in the file.")));
            }
            let valid = ValidEvent::check(
                &e.date.to_string(),
                e.time.as_deref().unwrap_or(""),
                Some(e.kind),
                &e.agency,
                &e.what_happened,
                &e.impact,
                today,
            )
            .map_err(|fault| refused(format!("{name} cannot be accepted: {fault}")))?;
            for (what, value, max) in
                [("recorder's name", &e.recorded_by, MAX_NAME_CHARS), ("time recorded", &e.recorded_at, 100)]
            {
                if let Some(fault) = text_fault(what, value, max) {
                    return Err(refused(format!("{name} cannot be accepted: {fault}")));
                }
            }
            let corrects = match e.corrects {
                None => None,
                Some(r) => Some(*targets.get(&r).ok_or_else(|| {
                    refused(format!("{name} corrects event ref {r}, which does not come before it in the file."))
                })?),
            };
            let reason = e.correction_reason.as_deref().unwrap_or("").trim();
            if corrects.is_some() && reason.is_empty() {
                return Err(refused(format!("{name} is a correction without a reason.")));
            }
            if let Some(fault) = text_fault("reason for the correction", reason, MAX_TEXT_CHARS) {
                return Err(refused(format!("{name} cannot be accepted: {fault}")));
            }
            let key = EventSameness::of(&valid, corrects);
            let target = match known.get(&key) {
                Some(t) => {
                    plan.duplicate_events += 1;
                    *t
                }
                None => {
                    if let Some(EventTarget::Existing(original)) = corrects {
                        if corrected_here.contains(&original) {
                            return Err(refused(format!(
                                "{name} corrects event {original}, which has already been corrected here; correct it here instead."
                            )));
                        }
                    }
                    plan.new_events += 1;
                    known.insert(key, EventTarget::New(index));
                    EventTarget::New(index)
                }
            };
            targets.insert(e.reference, target);
            events.push((valid, target, corrects));
        }
        // Household members: any not known here (same name and date of birth) is new.
        let children = self.list_children()?;
        let mut new_members = Vec::new();
        for (index, m) in file.household_members.iter().enumerate() {
            let form = crate::model::ChildForm {
                name: m.name.clone(),
                date_of_birth: m.date_of_birth.to_string(),
                unborn: m.unborn,
                ..Default::default()
            };
            form.validate_received(today).map_err(|fault| {
                refused(format!("A household member in the file ({}) cannot be accepted: {fault}", m.name.trim()))
            })?;
            let is_the_child = same_person(&m.name, m.date_of_birth, &file.child.name, file.child.date_of_birth);
            let known_here = children.iter().any(|c| same_person(&m.name, m.date_of_birth, &c.name, c.date_of_birth));
            let earlier = file.household_members[..index]
                .iter()
                .any(|o| same_person(&m.name, m.date_of_birth, &o.name, o.date_of_birth));
            if !is_the_child && !known_here && !earlier {
                plan.new_members.push(m.name.trim().to_string());
                new_members.push(index);
            } else if !is_the_child && known_here && !earlier {
                plan.known_members += 1;
            }
        }
        // Adults: each must name children of the file; any not in the child's household here is new.
        let adults_here = match here.and_then(|c| c.household_id) {
            Some(h) => self.adults_of_household(h)?,
            None => Vec::new(),
        };
        let mut new_adults = Vec::new();
        for (index, a) in file.adults.iter().enumerate() {
            let checked =
                AdultForm { household_id: 0, name: a.name.clone(), services: a.services.clone(), children: vec![] }
                    .validate()
                    .map_err(|fault| refused(format!("An adult in the file cannot be accepted: {fault}")))?;
            for l in &a.children {
                let named = same_person(&l.child_name, l.date_of_birth, &file.child.name, file.child.date_of_birth)
                    || file
                        .household_members
                        .iter()
                        .any(|m| same_person(&l.child_name, l.date_of_birth, &m.name, m.date_of_birth));
                if !named {
                    return Err(refused(format!(
                        "The adult {} is linked to {} ({}), who is not a child of the file.",
                        checked.name,
                        l.child_name.trim(),
                        l.date_of_birth
                    )));
                }
            }
            let recorded_here = adults_here.iter().any(|x| name_key(&x.name) == name_key(&checked.name));
            let earlier = file.adults[..index].iter().any(|x| name_key(&x.name) == name_key(&checked.name));
            if !recorded_here && !earlier {
                plan.new_adults.push(checked.name.clone());
                new_adults.push(index);
            } else if recorded_here && !earlier {
                plan.known_adults += 1;
            }
        }
        Ok(ChronologyWork { plan, events, new_members, new_adults })
    }
}

/// Writes what [`Store::work_out_chronology`] found new, inside the import's transaction:
/// household members into the child's household (one is made for the child if they have none),
/// adults into it, events onto the child's chronology as imported.
pub(super) fn apply_chronology(
    tx: &Transaction,
    actor: &str,
    child_id: i64,
    file: &ExchangeFile,
    work: &ChronologyWork,
) -> Result<()> {
    if !work.new_members.is_empty() || !work.new_adults.is_empty() {
        let household = match child_household(tx, child_id)? {
            Some(h) => h,
            None => {
                let name = format!("{}'s household", file.child.name.trim());
                let h = super::children::household_id_for(tx, actor, &name)?;
                tx.execute("UPDATE children SET household_id = ?2 WHERE id = ?1", params![child_id, h])?;
                record(
                    tx,
                    actor,
                    Change {
                        action: "import",
                        record_type: "child",
                        record_id: Some(child_id),
                        child_id: Some(child_id),
                        field: Some("household_id"),
                        new_value: Some(&h.to_string()),
                        ..Change::default()
                    },
                )?;
                h
            }
        };
        let household_name: String =
            tx.query_row("SELECT name FROM households WHERE id = ?1", [household], |r| r.get(0))?;
        for &index in &work.new_members {
            let m = &file.household_members[index];
            let child = crate::model::ValidChild {
                name: m.name.trim().to_string(),
                date_of_birth: m.date_of_birth,
                unborn: m.unborn,
                household: Some(household_name.clone()),
                has_disability: false,
                disability_needs: String::new(),
                communication_needs: String::new(),
                plan_category: None,
                plan_start: None,
                review_interval_months: crate::model::DEFAULT_REVIEW_INTERVAL_MONTHS,
            };
            super::children::insert_child(tx, actor, "import", &child)?;
        }
        // The children of the household here, to link the adults to.
        let household_children: Vec<(i64, String, NaiveDate)> = tx
            .prepare("SELECT id, name, date_of_birth FROM children WHERE household_id = ?1")?
            .query_map([household], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<std::result::Result<_, _>>()?;
        for &index in &work.new_adults {
            let a = &file.adults[index];
            let links = a
                .children
                .iter()
                .filter_map(|l| {
                    let (id, _, _) = household_children
                        .iter()
                        .find(|(_, name, dob)| same_person(&l.child_name, l.date_of_birth, name, *dob))?;
                    Some(AdultLink {
                        child_id: *id,
                        child_name: String::new(),
                        relationship_label: String::new(),
                        relationship: l.relationship,
                        parental_responsibility: l.parental_responsibility,
                    })
                })
                .collect();
            let form = AdultForm {
                household_id: household,
                name: a.name.clone(),
                services: a.services.clone(),
                children: links,
            }
            .validate()?;
            tx.execute(
                "INSERT INTO adults (household_id, name, services, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![household, form.name, services_text(&form.services), now_stamp()],
            )?;
            let id = tx.last_insert_rowid();
            write_adult_changes(tx, actor, id, None, &form)?;
        }
    }
    let mut added: std::collections::HashMap<usize, i64> = std::collections::HashMap::new();
    for (index, (valid, target, corrects)) in work.events.iter().enumerate() {
        if *target != EventTarget::New(index) {
            continue;
        }
        let e = &file.events[index];
        let original = match corrects {
            None => None,
            Some(EventTarget::Existing(id)) => Some(*id),
            Some(EventTarget::New(i)) => Some(*added.get(i).ok_or_else(|| {
                refused(format!("Event ref {} could not be linked to the one it corrects.", e.reference))
            })?),
        };
        let reason = e.correction_reason.as_deref().unwrap_or("").trim();
        let recorded = Recorded { by: e.recorded_by.trim(), at: e.recorded_at.trim(), origin: Origin::Imported };
        let id = insert_event(tx, actor, child_id, valid, &recorded, original.map(|o| (o, reason)))?;
        added.insert(index, id);
    }
    Ok(())
}
