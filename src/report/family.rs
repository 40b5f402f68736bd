//! The family summary: what we found and what happens next, in plain words.
//!
//! Kept deliberately narrow, because it leaves the professionals' hands: it prints only the
//! narrative written by the lead assessor of the latest review round (the one the plan is
//! measured against), the actions and the next review date. No numbers from the checklist, no
//! item evidence (so nothing marked "professional only" can leak), and nothing from the
//! household or other children in [`ReportInput`]. Everything is 12pt or larger.

use crate::assessment::NARRATIVE_SECTIONS;

use super::layout::{Doc, Furniture, Style, Weight};
use super::{long_date, Case, ReportError, ReportInput};

const STYLE: Style = Style { title: 22.0, heading: 16.0, body: 13.0, small: 12.0, margin: 56.0 };

/// Builds the family summary as PDF bytes.
pub fn family_summary(input: &ReportInput) -> Result<Vec<u8>, ReportError> {
    let case = Case::new(input)?;
    let name = &input.child.name;
    let lead = &case.latest.assessor;
    let mut doc = Doc::new("Family summary", STYLE, input.today);
    doc.title(&format!("About {name}: a summary for the family"));
    doc.paragraph(&format!(
        "We wrote this on {}. It says what we found when we looked at how {name} is looked after, and what happens next. Please ask us about anything that is not clear.",
        long_date(input.today)
    ));
    for (title, key) in NARRATIVE_SECTIONS.iter().filter_map(|s| Some((s.family_title?, s.key))) {
        doc.heading(title);
        match case.latest.narrative.section(key).map(str::trim).filter(|t| !t.is_empty()) {
            Some(text) => doc.prose(text),
            None => doc.paragraph("We have not written this part yet."),
        }
    }

    doc.heading("Who will help");
    let actions = case.actions();
    if actions.is_empty() {
        doc.paragraph("We will agree together who will help, and tell you.");
    }
    for a in actions {
        let what = a.what.trim().trim_end_matches('.');
        doc.bullet(&[
            (Weight::Bold, &format!("{what}. ")),
            (Weight::Regular, &format!("Who: {}, {}. By when: {}.", a.who, a.agency, long_date(a.by_when))),
        ]);
    }

    doc.heading("What happens next");
    let review = &case.history.review;
    match review.due_on.filter(|_| !review.overdue) {
        Some(due) => doc.runs(&[
            (Weight::Regular, "We will meet again to check how things are going by "),
            (Weight::Bold, &long_date(due)),
            (Weight::Regular, ". We will look at the changes above together."),
        ]),
        None => doc.paragraph("We will meet again soon to check how things are going, and we will tell you the date."),
    }
    doc.paragraph(&format!("If you have questions before then, please contact {} ({}).", lead.name, lead.agency));
    doc.finish(&Furniture { marking: None, running_title: format!("A summary for the family of {name}") })
}
