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

use super::family_words::{FamilyLanguage, Phrases};
use super::layout::{Doc, Furniture, Style, Weight};
use super::{Case, ReportError, ReportInput};

const STYLE: Style = Style { title: 22.0, heading: 16.0, body: 13.0, small: 12.0, margin: 56.0 };
/// The organisation's logo, at most this high (points) at the head of the first page.
const LOGO_HEIGHT: f32 = 48.0;

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

/// Every section the family summary prints as written, in the order printed, with the English
/// headings: what the practitioner checks as safe to share (the words they wrote are the same
/// in every language).
pub fn printed_sections(input: &ReportInput) -> Result<Vec<PrintedSection>, ReportError> {
    let case = Case::new(input)?;
    Ok(sections_of(&case, &FamilyLanguage::English.phrases()))
}

fn sections_of(case: &Case, words: &Phrases) -> Vec<PrintedSection> {
    let name = &case.input.child.name;
    let narrative = &case.latest.narrative;
    let section = |key: &str, title: String, text: String| PrintedSection { key: key.into(), title, text };
    let mut out: Vec<PrintedSection> = NARRATIVE_SECTIONS
        .iter()
        .filter(|s| s.family_title.is_some())
        .map(|s| {
            section(
                s.key,
                words.get(&format!("section.{}", s.key)),
                narrative.section(s.key).unwrap_or_default().trim().into(),
            )
        })
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
            Some(format!("{}: {text}", words.area(&area.id, &area.name)))
        })
        .collect();
    // After "What we are worried about": what the worry means for the child.
    let at = out.iter().position(|s| s.key == "worries").map_or(out.len(), |i| i + 1);
    out.insert(at, section("impact", words.fill("impact_title", &[("name", name)]), impact.join("\n\n")));
    let actions: Vec<String> = case.actions().into_iter().map(|a| action_words(a, words).concat()).collect();
    out.push(section("actions", words.get("actions_title"), actions.join("\n")));
    out
}

/// An action as the family reads it: what, then who and by when.
fn action_words(a: &Action, words: &Phrases) -> [String; 2] {
    let what = a.what.trim().trim_end_matches('.');
    let date = words.date(a.by_when);
    [format!("{what}. "), words.fill("action_who", &[("who", &a.who), ("agency", &a.agency), ("date", &date)])]
}

/// Builds the family summary in English (see [`family_summary_in`]).
pub fn family_summary(input: &ReportInput) -> Result<Vec<u8>, ReportError> {
    family_summary_in(input, FamilyLanguage::English)
}

/// Builds the family summary as PDF bytes, every fixed phrase in `language` and every written
/// part as written. Refused, naming every gap, while a printed section is empty or the person
/// to contact is not set in Settings: a family summary with holes says less than the
/// professionals know.
pub fn family_summary_in(input: &ReportInput, language: FamilyLanguage) -> Result<Vec<u8>, ReportError> {
    let case = Case::new(input)?;
    // The gaps are named to the practitioner, in English.
    let mut gaps: Vec<String> = sections_of(&case, &FamilyLanguage::English.phrases())
        .iter()
        .filter(|s| s.text.is_empty())
        .map(|s| format!("\"{}\"", s.title))
        .collect();
    let contact = input.practitioner;
    let contact_missing = contact.missing_for_family();
    if !contact_missing.is_empty() {
        gaps.push(format!("who to contact (in Settings: {})", contact_missing.join(", ")));
    }
    if !gaps.is_empty() {
        return Err(ReportError::FamilySummaryIncomplete(gaps.join("; ")));
    }
    let words = language.phrases();
    let sections = sections_of(&case, &words);

    let name = &input.child.name;
    let mut doc = Doc::new(&words.get("doc_title"), STYLE, input.today);
    doc.letterhead(input.logo, LOGO_HEIGHT)?;
    doc.title(&words.fill("title", &[("name", name)]));
    doc.paragraph(&words.fill("intro", &[("name", name), ("date", &words.date(input.today))]));
    if let Some(category) = input.child.plan_category {
        doc.heading(&words.get("why_involved"));
        doc.paragraph(&words.fill(&format!("plan.{}", category.as_str()), &[("name", name)]));
    }
    for s in &sections {
        doc.heading(&s.title);
        if s.key == "actions" {
            for a in case.actions() {
                let [what, who] = action_words(a, &words);
                doc.bullet(&[(Weight::Bold, &what), (Weight::Regular, &who)]);
            }
        } else {
            doc.prose(&s.text);
        }
    }

    doc.heading(&words.get("next_title"));
    let review = &case.history.review;
    match review.due_on.filter(|_| !review.overdue) {
        Some(due) => {
            // The date in bold, wherever the language puts it.
            let sentence = words.get("next_review");
            let (before, after) = sentence.split_once("{date}").unwrap_or((&sentence, ""));
            doc.runs(&[(Weight::Regular, before), (Weight::Bold, &words.date(due)), (Weight::Regular, after)]);
        }
        None => doc.paragraph(&words.get("next_soon")),
    }
    doc.heading(&words.get("contact_title"));
    let team = Some(contact.team.trim()).filter(|t| !t.is_empty()).map(|t| format!(", {t}")).unwrap_or_default();
    doc.paragraph(&words.fill(
        "contact",
        &[
            ("name", contact.name.trim()),
            ("role", contact.role.trim()),
            ("organisation", contact.organisation.trim()),
            ("team", &team),
        ],
    ));
    doc.runs(&[(Weight::Regular, &words.get("telephone")), (Weight::Bold, contact.telephone.trim())]);
    doc.runs(&[(Weight::Regular, &words.get("email")), (Weight::Bold, contact.email.trim())]);
    doc.finish(&Furniture {
        marking: None,
        running_title: words.fill("running_title", &[("name", name)]),
        issued_by: input.practitioner.issued_by(),
        page_of: words.get("page"),
    })
}
