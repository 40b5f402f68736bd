//! The core group's own records: the meeting of a review round (who came, who was expected and
//! did not, the grade agreed for each area and any agency's dissent), and each carer's
//! engagement with the plan, rated on a scale of our own and never averaged into an area.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::compare::{AreaPoint, Change, History, Round};
use crate::error::{CoreError, Result};
use crate::model::parse_form_date;
use crate::text::{text_fault, MAX_NAME_CHARS, MAX_TEXT_CHARS};

/// Agencies expected at every child's core group unless marked not involved: the audits found
/// health and education the agencies most often missing.
pub const EXPECTED_AGENCIES: [&str; 2] = ["Health", "Education"];

/// An agency that does not agree with the grade agreed for an area, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Dissent {
    pub agency: String,
    pub reason: String,
}

/// The grade the core group agreed for one area (1-5), with any dissent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgreedGrade {
    pub area_id: String,
    pub grade: u8,
    #[serde(default)]
    pub dissent: Vec<Dissent>,
}

/// A core group meeting as recorded (and as the form sends it, with `id` 0 and the date as text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CoreGroupMeeting {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub child_id: i64,
    pub held_on: NaiveDate,
    pub agencies_present: Vec<String>,
    /// Agencies expected but absent, beyond health and education (which are always expected).
    pub agencies_absent: Vec<String>,
    /// Of health and education, those marked not involved with the child.
    pub not_involved: Vec<String>,
    pub agreed: Vec<AgreedGrade>,
}

fn same_agency(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

impl CoreGroupMeeting {
    /// The quoracy rule: every agency expected (health and education unless marked not involved,
    /// and every agency recorded as absent) that is not among those present. Names are compared
    /// ignoring case; an agency recorded both present and absent counts as present.
    pub fn missing_agencies(&self) -> Vec<String> {
        let expected = EXPECTED_AGENCIES
            .iter()
            .filter(|e| !self.not_involved.iter().any(|n| same_agency(n, e)))
            .map(|e| e.to_string())
            .chain(self.agencies_absent.iter().cloned());
        let mut missing: Vec<String> = Vec::new();
        for agency in expected {
            let present = self.agencies_present.iter().any(|p| same_agency(p, &agency));
            if !present && !missing.iter().any(|m| same_agency(m, &agency)) {
                missing.push(agency);
            }
        }
        missing
    }

    /// The grade agreed for an area at this meeting, if one was.
    pub fn agreed_grade(&self, area_id: &str) -> Option<&AgreedGrade> {
        self.agreed.iter().find(|g| g.area_id == area_id)
    }
}

/// The agreed-grade rule in words, for the help screen (see [`with_agreed_grades`]).
pub const AGREED_RULE: &str = "Where a core group meeting agreed a grade for an area, the history, the comparison and the core-group summary show it, said as agreed and dated. A meeting agrees for the latest review round that had started by the day it was held; a later meeting of the same round stands over an earlier one. When the agreed grade is better (lower) than the practitioners' grade, theirs and every agency's dissent are shown beside it. Change, drift, improvement and every other flag are still worked out from the practitioners' checklists.";

/// The grade the core group agreed for an area in one review round, as history, comparison and
/// the core-group summary show it: always with the practitioners' grade it stands beside.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AgreedView {
    pub grade: u8,
    pub held_on: NaiveDate,
    /// "agreed at the core group on 12 November 2026"
    pub words: String,
    pub dissent: Vec<Dissent>,
    /// The practitioners' grade for the round: the representative checklist's confirmed grade.
    pub assessed_confirmed: Option<u8>,
    /// The representative checklist's computed score, when it had enough evidence.
    pub assessed_score: Option<f64>,
    /// The agreed grade is better (lower) than the practitioners' grade, or there is no
    /// practitioners' grade to weigh it against: the practitioners' grade and any dissent must be
    /// shown beside it, never hidden (an agreement must not read calmer than the evidence).
    pub better_than_assessed: bool,
    /// The whole of it in words, as every screen and summary says it: "grade 2, agreed at the
    /// core group on 12 November 2026; lower than the practitioners' confirmed grade 3; Health
    /// disagrees: two missed checks" (no full stop, so it can sit inside a sentence).
    pub sentence: String,
}

impl AgreedView {
    /// The agreed grade `g` of meeting `m`, beside the practitioners' grade at `point`. The
    /// practitioners' grade is the confirmed grade where there is one (the judgement the plan
    /// rests on), else the computed score; agreed 2 is better than a computed 2.4 (any lower
    /// number counts, so the practitioners' grade is shown whenever there is doubt).
    pub fn new(m: &CoreGroupMeeting, g: &AgreedGrade, point: &AreaPoint) -> AgreedView {
        let better_than_assessed = match (point.confirmed, point.score) {
            (Some(confirmed), _) => g.grade < confirmed,
            (None, Some(score)) => f64::from(g.grade) < score,
            (None, None) => true,
        };
        let words = format!("agreed at the core group on {}", m.held_on.format("%-d %B %Y"));
        let mut parts = vec![format!("grade {}, {words}", g.grade)];
        if better_than_assessed {
            parts.push(match (point.confirmed, point.score) {
                (Some(confirmed), _) => format!("lower than the practitioners' confirmed grade {confirmed}"),
                (None, Some(score)) => format!("lower than the practitioners' computed score {score:.1}"),
                (None, None) => "the practitioners' checklist had not enough evidence to score".to_string(),
            });
        }
        parts.extend(g.dissent.iter().map(|d| format!("{} disagrees: {}", d.agency, d.reason.trim_end_matches('.'))));
        AgreedView {
            grade: g.grade,
            held_on: m.held_on,
            words,
            dissent: g.dissent.clone(),
            assessed_confirmed: point.confirmed,
            assessed_score: point.score,
            better_than_assessed,
            sentence: parts.join("; "),
        }
    }
}

/// The round a meeting agreed its grades for: the latest round that had started by the day it
/// was held. A meeting held before any round agreed nothing the history can show; a meeting held
/// before the latest round started belongs to the round before, never to the latest.
pub fn round_of_meeting(m: &CoreGroupMeeting, rounds: &[Round]) -> Option<usize> {
    rounds.iter().rposition(|r| r.started_on <= m.held_on)
}

/// Puts the core group's agreed grades on the history's points, round by round. Where several
/// meetings of one round agreed a grade for an area, the latest meeting's stands (meetings oldest
/// first, as the store reads them). Nothing else in the history changes: scores, change and
/// every flag stay the practitioners'.
pub fn with_agreed_grades(h: &mut History, meetings: &[CoreGroupMeeting]) {
    for m in meetings {
        let Some(round) = round_of_meeting(m, &h.rounds) else { continue };
        for area in &mut h.areas {
            let (Some(g), Some(point)) = (m.agreed_grade(&area.id), area.points.get_mut(round)) else { continue };
            point.agreed = Some(AgreedView::new(m, g, point));
        }
    }
}

/// A recorded meeting as the screens list it, with the agencies its quoracy rule finds missing
/// ([`CoreGroupMeeting::missing_agencies`]), so no screen works the rule out again.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MeetingView {
    pub meeting: CoreGroupMeeting,
    pub missing: Vec<String>,
}

impl From<CoreGroupMeeting> for MeetingView {
    fn from(meeting: CoreGroupMeeting) -> MeetingView {
        MeetingView { missing: meeting.missing_agencies(), meeting }
    }
}

/// What the meeting form sends.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeetingForm {
    pub held_on: String,
    #[serde(default)]
    pub agencies_present: Vec<String>,
    #[serde(default)]
    pub agencies_absent: Vec<String>,
    #[serde(default)]
    pub not_involved: Vec<String>,
    #[serde(default)]
    pub agreed: Vec<AgreedGrade>,
}

fn clean_names(field: &str, names: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if let Some(message) = text_fault("agency", name, MAX_NAME_CHARS) {
            return Err(CoreError::invalid(field, message));
        }
        if !out.iter().any(|o| same_agency(o, name)) {
            out.push(name.to_string());
        }
    }
    Ok(out)
}

impl MeetingForm {
    /// Checks the form against the checklist's area ids and `today`.
    pub fn validate(&self, child_id: i64, area_ids: &[&str], today: NaiveDate) -> Result<CoreGroupMeeting> {
        let held_on = parse_form_date(&self.held_on, "held_on", "date of the meeting")?;
        if held_on > today {
            return Err(CoreError::invalid("held_on", "The date of the meeting is in the future."));
        }
        let agencies_present = clean_names("agencies_present", &self.agencies_present)?;
        if agencies_present.is_empty() {
            return Err(CoreError::invalid("agencies_present", "Please name the agencies present at the meeting."));
        }
        let agencies_absent = clean_names("agencies_absent", &self.agencies_absent)?;
        let not_involved = clean_names("not_involved", &self.not_involved)?;
        if let Some(other) = not_involved.iter().find(|n| !EXPECTED_AGENCIES.iter().any(|e| same_agency(e, n))) {
            return Err(CoreError::invalid(
                "not_involved",
                format!("Only health or education can be marked not involved; \"{other}\" is not one of them."),
            ));
        }
        let mut agreed: Vec<AgreedGrade> = Vec::new();
        for g in &self.agreed {
            if !area_ids.contains(&g.area_id.as_str()) {
                return Err(CoreError::invalid(
                    "agreed",
                    format!("There is no area \"{}\" in the checklist.", g.area_id),
                ));
            }
            if !(1..=5).contains(&g.grade) {
                return Err(CoreError::invalid("agreed", "An agreed grade is from 1 to 5."));
            }
            if agreed.iter().any(|a| a.area_id == g.area_id) {
                return Err(CoreError::invalid("agreed", "Each area has one agreed grade."));
            }
            let mut dissent = Vec::new();
            for d in &g.dissent {
                let (agency, reason) = (d.agency.trim(), d.reason.trim());
                if agency.is_empty() || reason.is_empty() {
                    return Err(CoreError::invalid(
                        "agreed",
                        "A dissent needs the agency that disagrees and its reason.",
                    ));
                }
                for (what, text, max) in [("agency", agency, MAX_NAME_CHARS), ("reason", reason, MAX_TEXT_CHARS)] {
                    if let Some(message) = text_fault(what, text, max) {
                        return Err(CoreError::invalid("agreed", message));
                    }
                }
                dissent.push(Dissent { agency: agency.to_string(), reason: reason.to_string() });
            }
            agreed.push(AgreedGrade { area_id: g.area_id.clone(), grade: g.grade, dissent });
        }
        Ok(CoreGroupMeeting { id: 0, child_id, held_on, agencies_present, agencies_absent, not_involved, agreed })
    }
}

/// A carer's engagement with the plan, on our own scale: 1 is the best, as with the grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Engagement(pub u8);

impl Engagement {
    /// The words of each point of the scale.
    pub const WORDS: [&'static str; 5] = [
        "Engages, and the child's care changes",
        "Engages, and some of the child's care changes",
        "Engages when reminded; the child's care changes little",
        "Agrees in meetings; the child's care does not change",
        "Avoids contact",
    ];

    pub fn words(self) -> &'static str {
        Self::WORDS[usize::from(self.0.clamp(1, 5)) - 1]
    }

    /// "Good" engagement, for the disguised-compliance rule: 1 or 2. Taking 2 as good too shows the
    /// concern sooner.
    pub fn is_good(self) -> bool {
        self.0 <= 2
    }
}

/// One carer's engagement at one review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EngagementRating {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub child_id: i64,
    pub rated_on: NaiveDate,
    pub carer: String,
    pub engagement: Engagement,
}

/// The disguised-compliance rule: a carer whose engagement was rated good at each of their last
/// 2 ratings (2 reviews running), while an area at concern at the latest round has not improved
/// since the previous round (no change, worse, or not comparable; with a single round there is
/// nothing to show improvement, so it counts as not improved).
pub fn consider_engagement_without_change(ratings: &[EngagementRating], h: &History) -> Option<String> {
    let mut carers: Vec<&str> = ratings.iter().map(|r| r.carer.as_str()).collect();
    carers.sort_unstable();
    carers.dedup();
    let engaged: Vec<&str> = carers
        .into_iter()
        .filter(|carer| {
            let mut theirs: Vec<&EngagementRating> = ratings.iter().filter(|r| r.carer == *carer).collect();
            theirs.sort_by_key(|r| (r.rated_on, r.id));
            theirs.len() >= 2 && theirs[theirs.len() - 2..].iter().all(|r| r.engagement.is_good())
        })
        .collect();
    let stuck: Vec<&str> = h
        .areas
        .iter()
        .filter(|a| a.points.last().is_some_and(|p| p.at_concern))
        .filter(|a| a.since_previous.as_ref().is_none_or(|c| c.change != Change::Improved))
        .map(|a| a.name.as_str())
        .collect();
    (!engaged.is_empty() && !stuck.is_empty()).then(|| {
        format!(
            "Consider whether engagement is leading to change for the child: {} rated as engaging well at 2 reviews running, while {} at concern has not improved.",
            engaged.join(", "),
            stuck.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn meeting(present: &[&str], absent: &[&str], not_involved: &[&str]) -> CoreGroupMeeting {
        let names = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        CoreGroupMeeting {
            id: 1,
            child_id: 1,
            held_on: d("2026-11-02"),
            agencies_present: names(present),
            agencies_absent: names(absent),
            not_involved: names(not_involved),
            agreed: Vec::new(),
        }
    }

    #[test]
    fn health_and_education_are_expected_unless_not_involved_and_a_missing_agency_is_named() {
        assert_eq!(meeting(&["Children's services"], &[], &[]).missing_agencies(), ["Health", "Education"]);
        assert!(meeting(&["health", "EDUCATION"], &[], &[]).missing_agencies().is_empty(), "case ignored");
        assert_eq!(meeting(&["Health"], &["Police"], &["Education"]).missing_agencies(), ["Police"]);
        assert_eq!(
            meeting(&["Health", "Education", "Police"], &["Police"], &[]).missing_agencies(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn engagement_words_run_from_change_for_the_child_to_avoiding_contact() {
        assert_eq!(Engagement(1).words(), "Engages, and the child's care changes");
        assert_eq!(Engagement(5).words(), "Avoids contact");
        assert!(Engagement(2).is_good() && !Engagement(3).is_good());
    }
}
