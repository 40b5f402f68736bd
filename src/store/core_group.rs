//! The core group's meetings and carers' engagement ratings, each audited when recorded.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::audit::{now_stamp, record, Change};
use super::Store;
use crate::core_group::{CoreGroupMeeting, Engagement, EngagementRating, MeetingForm, MeetingView};
use crate::error::{CoreError, Result};
use crate::model::parse_form_date;
use crate::text::{text_fault, MAX_NAME_CHARS};

fn json_column<T: for<'de> Deserialize<'de>>(r: &Row, i: usize) -> rusqlite::Result<T> {
    let text: String = r.get(i)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
}

pub(super) fn meetings_of(conn: &Connection, child_id: i64) -> Result<Vec<CoreGroupMeeting>> {
    let mut stmt = conn.prepare(
        "SELECT id, child_id, held_on, agencies_present, agencies_absent, not_involved, agreed
         FROM core_group_meetings WHERE child_id = ?1 ORDER BY held_on, id",
    )?;
    let rows = stmt.query_map([child_id], |r| {
        Ok(CoreGroupMeeting {
            id: r.get(0)?,
            child_id: r.get(1)?,
            held_on: r.get(2)?,
            agencies_present: json_column(r, 3)?,
            agencies_absent: json_column(r, 4)?,
            not_involved: json_column(r, 5)?,
            agreed: json_column(r, 6)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub(super) fn engagement_of(conn: &Connection, child_id: i64) -> Result<Vec<EngagementRating>> {
    let mut stmt = conn.prepare(
        "SELECT id, child_id, rated_on, carer, engagement FROM engagement_ratings WHERE child_id = ?1
         ORDER BY rated_on, id",
    )?;
    let rows = stmt.query_map([child_id], |r| {
        Ok(EngagementRating {
            id: r.get(0)?,
            child_id: r.get(1)?,
            rated_on: r.get(2)?,
            carer: r.get(3)?,
            engagement: Engagement(r.get(4)?),
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Stores a checked meeting with one audit row holding it whole: the one writer of meetings.
pub(super) fn insert_meeting(conn: &Connection, actor: &str, m: &CoreGroupMeeting) -> Result<i64> {
    conn.execute(
        "INSERT INTO core_group_meetings (child_id, held_on, agencies_present, agencies_absent, not_involved, agreed,
                                          created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            m.child_id,
            m.held_on,
            json(&m.agencies_present),
            json(&m.agencies_absent),
            json(&m.not_involved),
            json(&m.agreed),
            now_stamp()
        ],
    )?;
    let id = conn.last_insert_rowid();
    let whole = serde_json::to_string(&CoreGroupMeeting { id, ..m.clone() }).expect("a meeting serialises");
    record(
        conn,
        actor,
        Change {
            action: "create",
            record_type: "core_group_meeting",
            record_id: Some(id),
            child_id: Some(m.child_id),
            field: Some("meeting"),
            new_value: Some(&whole),
            ..Change::default()
        },
    )?;
    Ok(id)
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("a list serialises")
}

/// What the engagement form sends: one carer's rating at a review.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EngagementForm {
    pub rated_on: String,
    pub carer: String,
    pub engagement: Option<u8>,
}

pub(super) fn insert_engagement(conn: &Connection, actor: &str, r: &EngagementRating) -> Result<i64> {
    conn.execute(
        "INSERT INTO engagement_ratings (child_id, rated_on, carer, engagement, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![r.child_id, r.rated_on, r.carer, r.engagement.0, now_stamp()],
    )?;
    let id = conn.last_insert_rowid();
    let value = format!("{} on {}: {} ({})", r.carer, r.rated_on, r.engagement.0, r.engagement.words());
    record(
        conn,
        actor,
        Change {
            action: "create",
            record_type: "engagement",
            record_id: Some(id),
            child_id: Some(r.child_id),
            field: Some("engagement"),
            new_value: Some(&value),
            ..Change::default()
        },
    )?;
    Ok(id)
}

impl EngagementForm {
    pub fn validate(&self, child_id: i64, today: NaiveDate) -> Result<EngagementRating> {
        let rated_on = parse_form_date(&self.rated_on, "rated_on", "date of the review")?;
        if rated_on > today {
            return Err(CoreError::invalid("rated_on", "The date of the review is in the future."));
        }
        let carer = self.carer.trim();
        if carer.is_empty() {
            return Err(CoreError::invalid("carer", "Please name the parent or carer whose engagement this is."));
        }
        if let Some(message) = text_fault("carer's name", carer, MAX_NAME_CHARS) {
            return Err(CoreError::invalid("carer", message));
        }
        let engagement = self
            .engagement
            .filter(|e| (1..=5).contains(e))
            .ok_or_else(|| CoreError::invalid("engagement", "Please choose the engagement, from 1 to 5."))?;
        Ok(EngagementRating { id: 0, child_id, rated_on, carer: carer.to_string(), engagement: Engagement(engagement) })
    }
}

impl Store {
    /// Records the core group's meeting for the child.
    pub fn record_meeting(&mut self, child_id: i64, form: &MeetingForm, today: NaiveDate) -> Result<CoreGroupMeeting> {
        self.get_child(child_id)?;
        let areas: Vec<String> = self.checklist().areas.iter().map(|a| a.id.clone()).collect();
        let area_ids: Vec<&str> = areas.iter().map(String::as_str).collect();
        let meeting = form.validate(child_id, &area_ids, today)?;
        let tx = self.conn.transaction()?;
        let id = insert_meeting(&tx, &self.actor, &meeting)?;
        tx.commit()?;
        self.refresh_child_status(child_id)?;
        Ok(CoreGroupMeeting { id, ..meeting })
    }

    /// The child's core group meetings, oldest first.
    pub fn meetings(&self, child_id: i64) -> Result<Vec<CoreGroupMeeting>> {
        self.get_child(child_id)?;
        meetings_of(&self.conn, child_id)
    }

    /// The child's core group meetings, oldest first, each with the agencies missing from it.
    pub fn meeting_views(&self, child_id: i64) -> Result<Vec<MeetingView>> {
        Ok(self.meetings(child_id)?.into_iter().map(MeetingView::from).collect())
    }

    /// Records one carer's engagement at a review.
    pub fn rate_engagement(
        &mut self,
        child_id: i64,
        form: &EngagementForm,
        today: NaiveDate,
    ) -> Result<EngagementRating> {
        self.get_child(child_id)?;
        let rating = form.validate(child_id, today)?;
        let tx = self.conn.transaction()?;
        let id = insert_engagement(&tx, &self.actor, &rating)?;
        tx.commit()?;
        self.refresh_child_status(child_id)?;
        Ok(EngagementRating { id, ..rating })
    }

    /// Every engagement rating of the child's carers, oldest first.
    pub fn engagement(&self, child_id: i64) -> Result<Vec<EngagementRating>> {
        self.get_child(child_id)?;
        engagement_of(&self.conn, child_id)
    }
}
