//! The family summary: what we found and what happens next, in plain words.
//!
//! Kept deliberately narrow, because it leaves the professionals' hands and may be read by an
//! adult who harms: it prints only the sections written for the family by the lead assessor of
//! the latest review round (the one the plan is measured against), the impact on the child,
//! the actions, the next review date and who to contact. No numbers from the checklist, no
//! item evidence (so nothing marked "professional only" can leak), and nothing from the
//! household or other children in [`ReportInput`]. Everything is 12pt or larger.
//!
//! What it prints as written is listed once, by [`printed_sections`]: the store asks the
//! practitioner to check exactly those texts as safe to share before it prints them.

use serde::Serialize;
use ts_rs::TS;

use crate::assessment::{Action, NARRATIVE_SECTIONS};

use super::layout::{Doc, Furniture, Style, Weight};
use super::{long_date, Case, ReportError, ReportInput};

const STYLE: Style = Style { title: 22.0, heading: 16.0, body: 13.0, small: 12.0, margin: 56.0 };

/// One part of the family summary printed as a practitioner wrote it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PrintedSection {
    /// A narrative key ("worries"), "impact" or "actions".
    pub key: String,
    /// The heading the family reads.
    pub title: String,
    /// Exactly the words printed under it; empty when nothing has been written.
    pub text: String,
}

/// Every section the family summary prints as written, in the order printed.
pub fn printed_sections(input: &ReportInput) -> Result<Vec<PrintedSection>, ReportError> {
    let case = Case::new(input)?;
    Ok(sections_of(&case))
}

fn sections_of(case: &Case) -> Vec<PrintedSection> {
    let name = &case.input.child.name;
    let narrative = &case.latest.narrative;
    let section = |key: &str, title: String, text: String| PrintedSection { key: key.into(), title, text };
    let mut out: Vec<PrintedSection> = NARRATIVE_SECTIONS
        .iter()
        .filter_map(|s| Some((s.key, s.family_title?)))
        .map(|(key, title)| section(key, title.into(), narrative.section(key).unwrap_or_default().trim().into()))
        .collect();
    // The impact is written per area; the family reads it under the area's plain name.
    let impact: Vec<String> = case
        .input
        .checklist
        .current()
        .areas
        .iter()
        .filter_map(|area| {
            let text = narrative.impact.get(&area.id).map(|t| t.trim()).filter(|t| !t.is_empty())?;
            Some(format!("{}: {text}", area.name))
        })
        .collect();
    // After "What we are worried about": what the worry means for the child.
    let at = out.iter().position(|s| s.key == "worries").map_or(out.len(), |i| i + 1);
    out.insert(at, section("impact", format!("What this means for {name}"), impact.join("\n\n")));
    let actions: Vec<String> = case.actions().into_iter().map(|a| action_words(a).concat()).collect();
    out.push(section("actions", "Who will help".into(), actions.join("\n")));
    out
}

/// An action as the family reads it: what, then who and by when.
fn action_words(a: &Action) -> [String; 2] {
    let what = a.what.trim().trim_end_matches('.');
    [format!("{what}. "), format!("Who: {}, {}. By when: {}.", a.who, a.agency, long_date(a.by_when))]
}

/// Builds the family summary as PDF bytes. Refused, naming every gap, while a printed
/// section is empty or the person to contact is not set in Settings: a family summary with
/// holes says less than the professionals know.
pub fn family_summary(input: &ReportInput) -> Result<Vec<u8>, ReportError> {
    let case = Case::new(input)?;
    let sections = sections_of(&case);
    let mut gaps: Vec<String> =
        sections.iter().filter(|s| s.text.is_empty()).map(|s| format!("\"{}\"", s.title)).collect();
    let contact = input.practitioner;
    let contact_missing = contact.missing_for_family();
    if !contact_missing.is_empty() {
        gaps.push(format!("who to contact (in Settings: {})", contact_missing.join(", ")));
    }
    if !gaps.is_empty() {
        return Err(ReportError::FamilySummaryIncomplete(gaps.join("; ")));
    }

    let name = &input.child.name;
    let mut doc = Doc::new("Family summary", STYLE, input.today);
    doc.title(&format!("About {name}: a summary for the family"));
    doc.paragraph(&format!(
        "We wrote this on {}. It says what we found when we looked at how {name} is looked after, and what happens next. Please ask us about anything that is not clear.",
        long_date(input.today)
    ));
    if let Some(category) = input.child.plan_category {
        doc.heading("Why we are involved");
        doc.paragraph(&category.family_words(name));
    }
    for s in &sections {
        doc.heading(&s.title);
        if s.key == "actions" {
            for a in case.actions() {
                let [what, who] = action_words(a);
                doc.bullet(&[(Weight::Bold, &what), (Weight::Regular, &who)]);
            }
        } else {
            doc.prose(&s.text);
        }
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
    doc.heading("Who to contact");
    let team = Some(contact.team.trim()).filter(|t| !t.is_empty()).map(|t| format!(", {t}")).unwrap_or_default();
    doc.paragraph(&format!(
        "If you have questions, please contact {}, {}, {}{team}.",
        contact.name.trim(),
        contact.role.trim(),
        contact.organisation.trim()
    ));
    doc.runs(&[(Weight::Regular, "Telephone: "), (Weight::Bold, contact.telephone.trim())]);
    doc.runs(&[(Weight::Regular, "E-mail: "), (Weight::Bold, contact.email.trim())]);
    doc.finish(&Furniture {
        marking: None,
        running_title: format!("A summary for the family of {name}"),
        issued_by: input.practitioner.issued_by(),
    })
}
