//! The partnership dataset: one row per child per period, with a pseudonymous id and no names
//! or dates of birth, for a safeguarding partnership's counts. [`to_csv`] writes it as RFC 4180
//! CSV. The rows are made from the database in `store/dataset.rs`.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::checklist::Checklist;
use crate::error::Result;
use crate::model::{AgeBand, PlanCategory};

/// Where an area's latest grade comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GradeBasis {
    /// The practitioner's confirmed area grade (a whole number).
    Confirmed,
    /// No confirmed grade: the computed score (one decimal).
    Computed,
    /// No finalised checklist, or not enough evidence for a score.
    None,
}

impl GradeBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            GradeBasis::Confirmed => "confirmed",
            GradeBasis::Computed => "computed",
            GradeBasis::None => "none",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DatasetArea {
    pub area_id: String,
    /// Latest grade on or before the end of the period: confirmed, else computed.
    pub latest_grade: Option<f64>,
    pub basis: GradeBasis,
    /// Computed score of the latest round minus that of the first round (negative is better);
    /// `None` with fewer than two rounds or when either has not enough evidence.
    pub change_since_first: Option<f64>,
    /// Some assessor of the latest round graded an item of this area 5, or at its serious grade.
    pub urgent_item: bool,
}

/// One child in one period, pseudonymous: no name, no date of birth, no free text.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DatasetRow {
    /// HMAC-SHA256 of the child's record under this database's own random salt (32 hex digits):
    /// the same child gets the same id in every dataset from this database, and no one
    /// without the database can tell who it is.
    pub pseudonym: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// Age band at the end of the period.
    pub age_band: AgeBand,
    pub plan_category: Option<PlanCategory>,
    /// Days on the plan at the end of the period.
    #[ts(type = "number | null")]
    pub days_on_plan: Option<i64>,
    /// Finalised checklists (current versions) dated within the period.
    pub checklists_in_period: u32,
    /// One per area of the checklist, in checklist order.
    pub areas: Vec<DatasetArea>,
    /// Some area at concern has not improved over two reviews or six months (compare.rs).
    pub drift: bool,
    /// The review was overdue at the end of the period.
    pub review_overdue: bool,
    /// Some area's improvement has held six months and it is no longer at concern (compare.rs).
    pub sustained_improvement: bool,
    /// No finalised checklist by the end of the period while a sibling has one.
    pub not_yet_assessed: bool,
    /// "partnership" when the pseudonym comes from the partnership key and the NHS number (the
    /// same child has the same pseudonym in every agency's return made with the key), else "local".
    pub pseudonym_scope: String,
    /// The plan held at the end of the period, or the latest one ended by then.
    pub plan_type: Option<crate::plans::PlanType>,
    /// Its repeat number (`plans::Plan::repeat_number`): 2 for a second plan of its kind in 3 years.
    pub plan_number: Option<u32>,
    /// Its end and outcome, when it ended by the end of the period.
    pub plan_ended_on: Option<NaiveDate>,
    pub plan_outcome: Option<crate::plans::PlanOutcome>,
    pub has_disability: bool,
    /// The latest checklist by the end of the period has a manager's review dated by then.
    pub manager_review_done: bool,
    /// The least engaged of each carer's latest rating by the end of the period (1-5; 1 best).
    pub engagement: Option<u8>,
}

/// The fixed columns, before the three per area.
const FIXED_COLUMNS: [&str; 7] =
    ["pseudonym", "period_from", "period_to", "age_band", "plan_category", "days_on_plan", "checklists_in_period"];

/// Quotes a CSV field when it needs it (RFC 4180).
pub(crate) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_line(fields: &[String]) -> String {
    let mut line = fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// The dataset as CSV (RFC 4180: comma-separated, CRLF line ends, quoted where needed), with a
/// header line. Per area, in checklist order: `<area>_grade`, `<area>_basis`,
/// `<area>_change_since_first`. The area columns follow the rows' checklist; with no rows they
/// follow the shipped checklist.
pub fn to_csv(rows: &[DatasetRow]) -> String {
    let area_ids: Vec<String> = match rows.first() {
        Some(row) => row.areas.iter().map(|a| a.area_id.clone()).collect(),
        None => Checklist::shipped().areas.iter().map(|a| a.id.clone()).collect(),
    };
    let mut header: Vec<String> = FIXED_COLUMNS.iter().map(|c| c.to_string()).collect();
    for id in &area_ids {
        header.extend([format!("{id}_grade"), format!("{id}_basis"), format!("{id}_change_since_first")]);
    }
    header.extend(["drift".to_string(), "review_overdue".to_string()]);
    // Added by issue 14, after the earlier columns so existing readers keep their positions.
    header.extend(["sustained_improvement".to_string(), "not_yet_assessed".to_string()]);
    header.extend(area_ids.iter().map(|id| format!("{id}_urgent_item")));
    // Added by issue 18, after the earlier columns so existing readers keep their positions.
    header.extend(
        [
            "pseudonym_scope",
            "plan_type",
            "plan_number",
            "plan_ended_on",
            "plan_outcome",
            "disability",
            "manager_review_done",
            "engagement",
        ]
        .map(String::from),
    );
    let mut out = csv_line(&header);
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    for row in rows {
        let mut fields = vec![
            row.pseudonym.clone(),
            row.period_from.to_string(),
            row.period_to.to_string(),
            row.age_band.label().to_string(),
            row.plan_category.map(|p| p.as_str().to_string()).unwrap_or_default(),
            row.days_on_plan.map(|d| d.to_string()).unwrap_or_default(),
            row.checklists_in_period.to_string(),
        ];
        for id in &area_ids {
            let area = row.areas.iter().find(|a| &a.area_id == id);
            let grade = area.and_then(|a| {
                a.latest_grade.map(|g| match a.basis {
                    GradeBasis::Confirmed => format!("{g:.0}"),
                    _ => format!("{g:.1}"),
                })
            });
            fields.push(grade.unwrap_or_default());
            fields.push(area.map_or(GradeBasis::None, |a| a.basis).as_str().to_string());
            fields.push(area.and_then(|a| a.change_since_first).map(|c| format!("{c:.1}")).unwrap_or_default());
        }
        fields.push(yes_no(row.drift));
        fields.push(yes_no(row.review_overdue));
        fields.push(yes_no(row.sustained_improvement));
        fields.push(yes_no(row.not_yet_assessed));
        for id in &area_ids {
            fields.push(yes_no(row.areas.iter().any(|a| &a.area_id == id && a.urgent_item)));
        }
        let text = |o: Option<String>| o.unwrap_or_default();
        fields.extend([
            row.pseudonym_scope.clone(),
            text(row.plan_type.map(|t| t.as_str().to_string())),
            text(row.plan_number.map(|n| n.to_string())),
            text(row.plan_ended_on.map(|d| d.to_string())),
            text(row.plan_outcome.map(|o| o.as_str().to_string())),
            yes_no(row.has_disability),
            yes_no(row.manager_review_done),
            text(row.engagement.map(|e| e.to_string())),
        ]);
        out.push_str(&csv_line(&fields));
    }
    out
}

/// The period of a partnership dataset, as typed in the app's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatasetPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DatasetPeriod {
    /// Parses the two dates of the form; each refusal names its field.
    pub fn parse(from: &str, to: &str) -> Result<DatasetPeriod> {
        Ok(DatasetPeriod {
            from: crate::model::parse_form_date(from, "from", "start of the period")?,
            to: crate::model::parse_form_date(to, "to", "end of the period")?,
        })
    }

    /// The name offered when saving the dataset.
    pub fn file_name(&self) -> String {
        format!("neglect-dataset-{}-to-{}.csv", self.from, self.to)
    }
}
