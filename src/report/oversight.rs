//! The core-group summary's section on plans, management oversight and the core group's view:
//! case references, every plan with its repeat count, the prompts, managers' reviews, the latest
//! core group meeting with its agreed grades and dissent, and carers' engagement. Core group only:
//! the case references identify the child to other services, and the family summary never
//! prints them.

use crate::compare::current_versions;
use crate::core_group::consider_engagement_without_change;
use crate::plans::{consider_escalation, consider_step_down};
use crate::references::nhs_number_spaced;

use super::layout::{Doc, Weight};
use super::{long_date, Case};

pub(super) fn oversight_section(doc: &mut Doc, case: &Case) {
    let o = case.input.oversight;
    doc.heading("Plans, oversight and the core group");
    let refs = &o.references;
    let mut rows = Vec::new();
    for (label, value) in [
        ("Local authority case number", refs.la_case_number.clone()),
        ("NHS number", nhs_number_spaced(&refs.nhs_number)),
        ("Unique pupil number", refs.unique_pupil_number.clone()),
    ] {
        if !value.is_empty() {
            rows.push((label, value));
        }
    }
    if rows.is_empty() {
        doc.paragraph("Case references: none recorded.");
    } else {
        doc.fields(&rows);
    }
    plans_part(doc, case);
    prompts_part(doc, case);
    reviews_part(doc, case);
    meeting_part(doc, case);
    engagement_part(doc, case);
}

fn plans_part(doc: &mut Doc, case: &Case) {
    let plans = &case.input.oversight.plans;
    if plans.is_empty() {
        doc.paragraph("Plans: none recorded.");
        return;
    }
    doc.paragraph(
        "Plans, oldest first (a repeat counts earlier plans of the same kind held in the 3 years before the start):",
    );
    for view in plans {
        let p = &view.plan;
        let kind = p.kind_words();
        let span = match p.ended_on {
            Some(end) => format!("{} to {}", long_date(p.started_on), long_date(end)),
            None => format!("since {} (current)", long_date(p.started_on)),
        };
        let time = view.time_on_plan.as_ref().map_or(String::new(), |t| format!(", {} on the plan", t.words));
        let outcome = p.outcome.map_or(String::new(), |o| format!("; outcome: {}", o.label().to_lowercase()));
        let text = format!("{span}{time}; the {}{outcome}.", view.repeat_words);
        let mut title = kind;
        title[..1].make_ascii_uppercase();
        doc.bullet(&[(Weight::Bold, &format!("{title}: ")), (Weight::Regular, &text)]);
    }
}

fn prompts_part(doc: &mut Doc, case: &Case) {
    let o = case.input.oversight;
    let current = o.plans.iter().find(|p| p.current).map(|p| &p.plan);
    let missing = o.meetings.last().map(|m| m.missing_agencies()).unwrap_or_default();
    let prompts: Vec<String> = [
        consider_step_down(current, &case.history),
        consider_escalation(&case.history),
        consider_engagement_without_change(&o.engagement, &case.history),
        (!missing.is_empty())
            .then(|| format!("Expected at the latest core group but not present: {}.", missing.join(", "))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if prompts.is_empty() {
        doc.paragraph("Prompts: none apply (step-down, escalation, engagement without change, missing agencies).");
    }
    for p in &prompts {
        doc.bullet(&[(Weight::Bold, "Prompt: "), (Weight::Regular, p)]);
    }
}

fn reviews_part(doc: &mut Doc, case: &Case) {
    let reviews = &case.input.oversight.manager_reviews;
    let current = current_versions(case.input.assessments);
    for a in &current {
        let of_it: Vec<_> = reviews.iter().filter(|r| r.assessment_id == a.id).collect();
        let checklist = format!("Checklist of {} ({}): ", long_date(a.assessed_on), a.assessor.agency);
        if of_it.is_empty() {
            doc.bullet(&[(Weight::Bold, &checklist), (Weight::Regular, "no manager's review recorded.")]);
        }
        for r in of_it {
            let role = if r.manager_role.is_empty() { String::new() } else { format!(", {}", r.manager_role) };
            let comment = if r.comment.is_empty() { String::new() } else { format!(" \"{}\"", r.comment) };
            let text = format!(
                "manager's review by {}{role} on {}: {}.{comment}",
                r.manager_name,
                long_date(r.reviewed_on),
                r.decision.label().to_lowercase()
            );
            doc.bullet(&[(Weight::Bold, &checklist), (Weight::Regular, &text)]);
        }
    }
}

fn meeting_part(doc: &mut Doc, case: &Case) {
    let Some(m) = case.input.oversight.meetings.last() else {
        doc.paragraph("Core group meeting: none recorded.");
        return;
    };
    let missing = m.missing_agencies();
    let mut rows = vec![
        ("Core group meeting", long_date(m.held_on)),
        ("Agencies present", m.agencies_present.join(", ")),
        ("Expected, not present", if missing.is_empty() { "none".to_string() } else { missing.join(", ") }),
    ];
    if !m.not_involved.is_empty() {
        rows.push(("Not involved", m.not_involved.join(", ")));
    }
    doc.fields(&rows);
    let areas = &case.input.checklist.current().areas;
    for g in &m.agreed {
        let name = areas.iter().find(|a| a.id == g.area_id).map_or(g.area_id.as_str(), |a| a.name.as_str());
        let dissent: Vec<String> =
            g.dissent.iter().map(|d| format!("{} disagrees: {}", d.agency, d.reason.trim_end_matches('.'))).collect();
        let text = format!(
            "grade {} agreed by the core group on {}{}",
            g.grade,
            long_date(m.held_on),
            if dissent.is_empty() { ".".to_string() } else { format!("; {}.", dissent.join("; ")) }
        );
        doc.bullet(&[(Weight::Bold, &format!("{name}: ")), (Weight::Regular, &text)]);
    }
}

fn engagement_part(doc: &mut Doc, case: &Case) {
    let ratings = &case.input.oversight.engagement;
    if ratings.is_empty() {
        doc.paragraph("Engagement with the plan: not rated.");
        return;
    }
    doc.paragraph("Engagement with the plan, each carer apart (1 is the best; never part of an area's grade):");
    for r in ratings {
        let text = format!("{} on {}: {}.", r.engagement.0, long_date(r.rated_on), r.engagement.words());
        doc.bullet(&[(Weight::Bold, &format!("{}: ", r.carer)), (Weight::Regular, &text)]);
    }
}
