//! The subject-access copy as a PDF: every record about the child, table by table, every column
//! as stored, then the audit trail in words. Marked OFFICIAL-SENSITIVE: it holds everything.

use super::layout::{Column, Doc, Furniture, Style, Weight, PAGE_OF};
use super::{long_date, ReportError};
use crate::logo::Logo;
use crate::store::{column_label, stored_value_words, SubjectAccess};

const STYLE: Style = Style { title: 18.0, heading: 12.5, body: 9.5, small: 8.5, margin: 48.0 };
/// The organisation's logo, at most this high (points) at the head of the first page: the copy
/// answers a request made to the organisation, as its letters do.
const LOGO_HEIGHT: f32 = 40.0;
const MARKING: &str = "OFFICIAL-SENSITIVE";

/// The copy as a PDF, headed by the organisation's logo when Settings has one; `words` writes a
/// stored value out for a person (see [`crate::store::stored_value_words`]; the store's also
/// names items and areas).
pub fn subject_access_pdf(
    copy: &SubjectAccess,
    issued_by: &str,
    logo: Option<&Logo>,
    words: &dyn Fn(&str, &serde_json::Value) -> String,
) -> Result<Vec<u8>, ReportError> {
    let mut doc = Doc::new("Everything recorded about a child", STYLE, copy.made_on);
    doc.letterhead(logo, LOGO_HEIGHT)?;
    doc.title(&format!("Everything recorded about {}", copy.child_name));
    doc.paragraph(&format!(
        "A copy of every record this app holds about {} (number {}) and every change recorded about them, made on {} by {} for a subject-access request. The same copy, as stored, is in the JSON file written with it.",
        copy.child_name,
        copy.child_id,
        long_date(copy.made_on),
        copy.made_by
    ));
    for table in &copy.records {
        doc.heading(&format!("{} ({})", table.title, table.rows.len()));
        if table.rows.is_empty() {
            doc.paragraph("None recorded.");
        }
        for row in &table.rows {
            // In words (labels, yes and no, dates written out); the JSON keeps them as stored.
            let mut fields: Vec<(String, String)> =
                row.iter().map(|(column, value)| (column_label(column), words(column, value))).collect();
            fields.sort();
            let fields: Vec<(&str, String)> = fields.iter().map(|(c, v)| (c.as_str(), v.clone())).collect();
            doc.fields(&fields);
        }
    }
    doc.heading(&format!("Audit trail ({} changes, newest first)", copy.audit_trail.len()));
    let columns = [
        Column { title: "Row", share: 0.06, weight: Weight::Regular },
        Column { title: "When", share: 0.14, weight: Weight::Regular },
        Column { title: "Who", share: 0.1, weight: Weight::Regular },
        Column { title: "What changed", share: 0.24, weight: Weight::Regular },
        Column { title: "Old value", share: 0.2, weight: Weight::Regular },
        Column { title: "New value", share: 0.26, weight: Weight::Regular },
    ];
    let rows: Vec<Vec<String>> = copy
        .audit_trail
        .iter()
        .map(|l| {
            vec![
                l.id.to_string(),
                stored_value_words("at", &l.at.as_str().into()),
                l.actor.clone(),
                l.what.clone(),
                l.old_value.clone().unwrap_or_else(|| "—".into()),
                l.new_value.clone().unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    doc.table(&columns, &rows);
    doc.finish(&Furniture {
        marking: Some(MARKING),
        running_title: format!("Subject-access copy: {}", copy.child_name),
        issued_by: issued_by.to_string(),
        page_of: PAGE_OF.into(),
    })
}
