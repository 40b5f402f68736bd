//! The core-group summary: the professional record of where the child's care stands, how it
//! has changed and what the plan is. Marked OFFICIAL-SENSITIVE on every page.

use crate::assessment::{Assessment, ItemRecord, NARRATIVE_SECTIONS};
use crate::compare::{area_gaps, disagreements, plural, Change, DriftWindow, ScoreChange};
use crate::model::describe_age;
use crate::scoring::{AreaScore, Band};
use crate::wording::{CHANGE_RULE, DRIFT_RULE, SUSTAINED_RULE};

use super::chart::area_chart;
use super::layout::{Column, Doc, Furniture, Style, Weight, PAGE_OF};
use super::text::{Page, PlainText};
use super::{long_date, Case, ReportError, ReportInput};

const STYLE: Style = Style { title: 18.0, heading: 12.5, body: 9.5, small: 8.5, margin: 48.0 };
const MARKING: &str = "OFFICIAL-SENSITIVE";
/// The organisation's logo, at most this high (points) at the head of the first page.
const LOGO_HEIGHT: f32 = 42.0;

fn score(s: Option<f64>) -> String {
    s.map_or_else(|| "not enough evidence".to_string(), |v| format!("{v:.1}"))
}

/// "improved (3.4 on 3 March 2026 to 2.6 on 1 June 2026)".
fn change_words(c: &ScoreChange) -> String {
    format!(
        "{} ({} on {} to {} on {}{})",
        c.change.label(),
        score(c.from),
        long_date(c.from_date),
        score(c.to),
        long_date(c.to_date),
        if c.shared_items_only { ", on the items both checklist versions share" } else { "" }
    )
}

/// " Concerns: Rob Partnerman." for an item that names the adult of the household it is about,
/// else nothing. The core group needs to know whom a concern is about; the family summary never
/// says it (an abusive adult may read it).
fn concerns(case: &Case, record: Option<&ItemRecord>) -> String {
    let Some(adult_id) = record.and_then(|r| r.adult_id) else { return String::new() };
    match case.input.adults.iter().find(|a| a.id == adult_id) {
        Some(adult) => format!(" Concerns: {}.", adult.name.trim()),
        None => " Concerns: an adult no longer in the child's household.".into(),
    }
}

fn who(a: &Assessment) -> String {
    format!("{} ({}, {})", a.assessor.name, a.assessor.role, a.assessor.agency)
}

/// Builds the core-group summary as PDF bytes.
pub fn core_group_summary(input: &ReportInput) -> Result<Vec<u8>, ReportError> {
    let case = Case::new(input)?;
    let mut doc = Doc::new("Core group summary", STYLE, input.today);
    doc.letterhead(input.logo, LOGO_HEIGHT)?;
    doc.title("Core group summary");
    doc.paragraph(&format!(
        "{} · Childcare and Development Checklist · written on {}",
        input.child.name,
        long_date(input.today)
    ));
    child_section(&mut doc, &case);
    household_section(&mut doc, &case);
    adults_section(&mut doc, &case);
    chronology_section(&mut doc, &case);
    assessors_section(&mut doc, &case);
    profile_section(&mut doc, &case);
    urgent_section(&mut doc, &case);
    area_evidence_section(&mut doc, &case);
    unknown_section(&mut doc, &case);
    area_gaps_section(&mut doc, &case);
    area_chart(&mut doc, "Areas over time", &case.history.areas);
    change_section(&mut doc, &case);
    item_change_section(&mut doc, &case);
    flags_section(&mut doc, &case);
    disagreements_section(&mut doc, &case);
    narrative_section(&mut doc, &case);
    actions_section(&mut doc, &case);
    next_review_section(&mut doc, &case);
    super::oversight::oversight_section(&mut doc, &case);
    doc.finish(&Furniture {
        marking: Some(MARKING),
        running_title: format!("Core group summary: {}", input.child.name),
        issued_by: input.practitioner.issued_by(),
        page_of: PAGE_OF.into(),
    })
}

/// The key parts of the core-group summary as plain text, for the case record: the profile,
/// urgent, serious and unknown items, change, drift and sustained improvement, actions and the
/// next review. Written by the very sections that write the PDF (see `text.rs`).
pub fn core_group_text(input: &ReportInput) -> Result<String, ReportError> {
    let case = Case::new(input)?;
    let mut text = PlainText::default();
    text.line(MARKING);
    text.line(&format!("Core group summary: {}", input.child.name));
    text.line(&format!(
        "{} · Childcare and Development Checklist · written on {}",
        input.child.name,
        long_date(input.today)
    ));
    profile_section(&mut text, &case);
    urgent_section(&mut text, &case);
    unknown_section(&mut text, &case);
    change_section(&mut text, &case);
    item_change_section(&mut text, &case);
    flags_section(&mut text, &case);
    actions_section(&mut text, &case);
    next_review_section(&mut text, &case);
    text.line("");
    text.line(&format!(
        "{MARKING}. The full summary, with the evidence and the written sections, is in the core-group PDF."
    ));
    Ok(text.finish())
}

fn child_section(doc: &mut Doc, case: &Case) {
    let (child, today) = (case.input.child, case.input.today);
    doc.heading("The child");
    let mut rows = vec![
        ("Name", child.name.clone()),
        (
            if child.unborn { "Expected date of birth" } else { "Date of birth" },
            format!(
                "{} (age {})",
                long_date(child.date_of_birth),
                describe_age(child.date_of_birth, child.unborn, today)
            ),
        ),
    ];
    let plan = match (child.plan_category, &case.history.time_on_plan) {
        (Some(category), Some(t)) => {
            format!("{}, since {} ({} on the plan)", category.label(), long_date(t.started_on), t.words)
        }
        (Some(category), None) => category.label().to_string(),
        (None, _) => "No child protection plan recorded".to_string(),
    };
    rows.push(("Plan category and start", plan));
    if let Some(household) = case.input.household_name {
        let others: Vec<String> = case
            .input
            .siblings
            .iter()
            .map(|s| format!("{} ({})", s.name, describe_age(s.date_of_birth, s.unborn, today)))
            .collect();
        let also =
            if others.is_empty() { String::new() } else { format!("; also in the household: {}", others.join(", ")) };
        rows.push(("Household", format!("{household}{also}")));
    }
    for (label, text) in
        [("Disability and health needs", &child.disability_needs), ("Communication needs", &child.communication_needs)]
    {
        if !text.trim().is_empty() {
            rows.push((label, text.clone()));
        }
    }
    doc.fields(&rows);
}

/// The day of an amendment's time stamp (RFC 3339, or the store's local stamp).
fn amended_on(stamp: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(stamp.get(..10)?, "%Y-%m-%d").ok()
}

fn assessors_section(doc: &mut Doc, case: &Case) {
    doc.heading("Assessors and agencies");
    let mut rows = Vec::new();
    for (n, round) in case.history.rounds.iter().enumerate() {
        for a in round.assessment_ids.iter().filter_map(|&id| case.input.assessment(id)) {
            let mut date = long_date(a.assessed_on);
            if let Some(reason) = &a.amendment_reason {
                // The assessor named is the original's; who changed the grades is said here.
                let by = match (&a.amended_by, a.amended_at.as_deref().and_then(amended_on)) {
                    (Some(who), Some(on)) => format!("{who} on {}", long_date(on)),
                    (Some(who), None) => who.clone(),
                    (None, _) => "someone not recorded".into(),
                };
                date.push_str(&format!(" (amended by {by}: {reason})"));
            }
            rows.push(vec![
                (n + 1).to_string(),
                date,
                a.assessor.name.clone(),
                a.assessor.role.clone(),
                a.assessor.agency.clone(),
            ]);
        }
    }
    doc.table(
        &[
            Column { title: "Round", share: 0.08, weight: Weight::Regular },
            Column { title: "Date", share: 0.27, weight: Weight::Regular },
            Column { title: "Assessor", share: 0.23, weight: Weight::Regular },
            Column { title: "Role", share: 0.19, weight: Weight::Regular },
            Column { title: "Agency", share: 0.23, weight: Weight::Regular },
        ],
        &rows,
    );
}

fn completeness(a: &AreaScore) -> String {
    let counts = format!("{}% ({} of {})", a.completeness_percent, a.graded, a.applicable);
    if a.enough_evidence {
        counts
    } else {
        format!("{counts}: not enough evidence")
    }
}

fn profile_section(doc: &mut impl Page, case: &Case) {
    let (input, latest) = (case.input, case.latest);
    doc.heading("Area profile");
    let words = input.checklist.of(latest);
    doc.paragraph(&format!(
        "From the checklist of {} by {} (checklist version {}).",
        long_date(latest.assessed_on),
        who(latest),
        words.version
    ));
    let profile = &case.latest_profile;
    let rows: Vec<Vec<String>> = profile
        .areas
        .iter()
        .map(|a| {
            let confirmed = latest.confirmation(&a.id).map(|c| c.confirmed);
            let urgent: Vec<String> =
                case.history.urgent.iter().filter(|u| u.area_id == a.id).map(urgent_words).collect();
            vec![
                a.name.clone(),
                score(a.score),
                confirmed.map_or_else(|| "not confirmed".to_string(), |g| g.to_string()),
                band_words(confirmed, a),
                if urgent.is_empty() { "none".to_string() } else { urgent.join("; ") },
                completeness(a),
            ]
        })
        .collect();
    doc.table(
        &[
            Column { title: "Area", share: 0.16, weight: Weight::Bold },
            Column { title: "Computed score", share: 0.13, weight: Weight::Regular },
            Column { title: "Confirmed grade", share: 0.13, weight: Weight::Regular },
            Column { title: "Band", share: 0.19, weight: Weight::Regular },
            Column { title: "Urgent or serious items (any agency)", share: 0.25, weight: Weight::Regular },
            Column { title: "Items graded", share: 0.14, weight: Weight::Regular },
        ],
        &rows,
    );
    doc.note("Where an area grade was confirmed, the band is the confirmed grade's; the computed score's band is given beside it when it differs.");
    agreed_grades_lines(doc, case);
    for c in latest.confirmations.iter().filter(|c| !c.reason.trim().is_empty()) {
        let name = words.area(&c.area_id).map_or(c.area_id.as_str(), |a| a.name.as_str());
        doc.runs(&[(Weight::Bold, &format!("{name}, confirmed {}: ", c.confirmed)), (Weight::Regular, &c.reason)]);
    }
}

/// The grade the core group agreed for each area in the latest round, said as agreed, with the
/// practitioners' grade beside it when the agreed one is better (lower) and every dissent.
fn agreed_grades_lines(doc: &mut impl Page, case: &Case) {
    for area in &case.history.areas {
        let Some(agreed) = area.points.last().and_then(|p| p.agreed.as_ref()) else { continue };
        let text = format!("{}.", agreed.sentence);
        doc.runs(&[(Weight::Bold, &format!("{}, agreed: ", area.name)), (Weight::Regular, &text)]);
    }
}

/// Per area, what the care means for the child and the grades that say the child is at risk,
/// each with its evidence: a "was not brought to 3 appointments" must reach the meeting, not
/// only the disagreements between agencies.
fn area_evidence_section(doc: &mut Doc, case: &Case) {
    let several = case.latest_round.len() > 1;
    doc.heading("Impact on the child, and the items graded 4 or 5");
    for area in &case.input.checklist.current().areas {
        doc.runs(&[(Weight::Bold, &area.name)]);
        let mut impact_written = false;
        for a in &case.latest_round {
            if let Some(text) = a.narrative.impact.get(&area.id).map(|t| t.trim()).filter(|t| !t.is_empty()) {
                let by = if several { format!(" ({})", a.assessor.agency) } else { String::new() };
                doc.runs(&[(Weight::Bold, &format!("Impact{by}: ")), (Weight::Regular, text)]);
                impact_written = true;
            }
        }
        if !impact_written {
            doc.paragraph("Impact: not recorded.");
        }
        let mut serious = 0;
        for a in &case.latest_round {
            // Each assessor's grades against the words they were given on (areas match by id).
            let Some(own) = case.input.checklist.of(a).area(&area.id) else { continue };
            for item in own.subareas.iter().flat_map(|s| &s.items) {
                let Some(record) = a.item(&item.id) else { continue };
                let Some(grade) = record.grade.and_then(crate::scoring::Grade::score) else { continue };
                if grade < 4 && !item.is_serious_at(grade) {
                    continue;
                }
                serious += 1;
                let source = record.source.map_or("source not recorded", |s| s.label());
                let date = record.evidence_date.map_or_else(|| "date not recorded".to_string(), long_date);
                let evidence = record.evidence.trim();
                let evidence = if evidence.is_empty() { "no evidence written" } else { evidence };
                let marker = if record.professional_only { " (professional only)" } else { "" };
                let concerns = concerns(case, Some(record));
                doc.bullet(&[
                    (Weight::Bold, &format!("Grade {grade}, {}: ", item.title)),
                    (
                        Weight::Regular,
                        &format!(
                            "{source}, {date}, {} ({}){marker}: {evidence}{concerns}",
                            a.assessor.name, a.assessor.agency
                        ),
                    ),
                ]);
            }
        }
        if serious == 0 {
            doc.paragraph("No item graded 4 or 5.");
        }
    }
}

fn change_section(doc: &mut impl Page, case: &Case) {
    doc.heading("Change since the last review");
    if case.history.rounds.len() < 2 {
        doc.paragraph("This is the first checklist: there is nothing to compare with yet.");
        return;
    }
    for area in &case.history.areas {
        let (Some(previous), Some(first)) = (&area.since_previous, &area.since_first) else { continue };
        let text = format!(
            "{} since the last review; {} since the first checklist.",
            change_words(previous),
            first.change.label()
        );
        doc.bullet(&[(Weight::Bold, &format!("{}: ", area.name)), (Weight::Regular, &text)]);
    }
    for step in &case.history.versions {
        doc.paragraph(&format!(
            "From {}, checklists use version {} of the checklist (before: {}): {} new items, {} items with changed words. Items are matched by id; change across the versions is measured on the items both share.",
            long_date(step.assessed_on),
            step.to_version,
            step.from_version,
            step.new_items.len(),
            step.changed_items.len()
        ));
    }
    let change = |c: &Option<ScoreChange>| c.as_ref().map_or("", |c| c.change.label()).to_string();
    let mut rows = Vec::new();
    for (area, now) in case.history.areas.iter().zip(&case.latest_profile.areas) {
        // A sub-area with nothing that applies to the child now (say, disability needs for a
        // child without any) has nothing to say.
        for (sub, _) in area.subareas.iter().zip(&now.subareas).filter(|(_, s)| s.applicable > 0) {
            let at = |i: usize| score(sub.points.get(i).and_then(|p| p.score));
            let n = sub.points.len();
            rows.push(vec![
                format!("{}: {}", area.name, sub.name),
                at(0),
                at(n - 2),
                at(n - 1),
                change(&sub.since_previous),
                change(&sub.since_first),
            ]);
        }
    }
    doc.table(
        &[
            Column { title: "Sub-area", share: 0.36, weight: Weight::Regular },
            Column { title: "First", share: 0.1, weight: Weight::Regular },
            Column { title: "Previous", share: 0.1, weight: Weight::Regular },
            Column { title: "Latest", share: 0.1, weight: Weight::Regular },
            Column { title: "Since last review", share: 0.17, weight: Weight::Regular },
            Column { title: "Since first", share: 0.17, weight: Weight::Regular },
        ],
        &rows,
    );
    doc.note(CHANGE_RULE);
}

fn flags_section(doc: &mut impl Page, case: &Case) {
    let history = &case.history;
    doc.heading("Drift and sustained improvement");
    if history.drift.is_empty() {
        doc.paragraph(&format!("Drift: none. {DRIFT_RULE}"));
    }
    for d in &history.drift {
        let window = match d.window {
            DriftWindow::TwoReviews => "across the last two reviews",
            DriftWindow::SixMonths => "over six months or more",
        };
        let at =
            d.confirmed.map_or_else(|| format!("score {}", score(d.change.to)), |g| format!("confirmed grade {g}"));
        let trend = if d.change.change == Change::Worse { "got worse" } else { "not improved" };
        let text = format!("at concern ({at}) and {trend} {window}: {}.", change_words(&d.change));
        doc.bullet(&[(Weight::Bold, &format!("Drift, {}: ", d.area_name)), (Weight::Regular, &text)]);
    }
    if history.sustained.is_empty() {
        doc.paragraph(&format!("Sustained improvement: none yet ({SUSTAINED_RULE})."));
    }
    for s in &history.sustained {
        let text = format!("improved on {} and held since: {}.", long_date(s.since), change_words(&s.change));
        doc.bullet(&[(Weight::Bold, &format!("Sustained improvement, {}: ", s.area_name)), (Weight::Regular, &text)]);
    }
    for s in &history.improving_concern {
        let text = format!(
            "improved on {} and held since, but the area is still at concern or has an urgent item: {}.",
            long_date(s.since),
            change_words(&s.change)
        );
        doc.bullet(&[
            (Weight::Bold, &format!("Improving, still a concern, {}: ", s.area_name)),
            (Weight::Regular, &text),
        ]);
    }
}

fn disagreements_section(doc: &mut Doc, case: &Case) {
    doc.heading("Disagreements between agencies");
    if case.latest_round.len() < 2 {
        doc.paragraph("Only one assessor graded the latest review round.");
        return;
    }
    let round_start = case.history.rounds.last().map(|r| r.started_on);
    let found: Vec<_> = disagreements(case.input.checklist, case.input.assessments)
        .into_iter()
        .filter(|d| Some(d.round_started_on) == round_start)
        .collect();
    if found.is_empty() {
        doc.paragraph("No item in the latest review round was graded 2 or more apart.");
        return;
    }
    doc.paragraph("Items graded 2 or more apart in the latest review round, for discussion (they are never averaged):");
    for d in &found {
        doc.runs(&[(Weight::Bold, &format!("{} ({}), {} apart", d.item_title, d.area_name, d.spread))]);
        for v in &d.views {
            let evidence = if v.evidence.trim().is_empty() { "no evidence written" } else { v.evidence.trim() };
            let marker = if v.professional_only { " (professional only)" } else { "" };
            let record = case.input.assessment(v.assessment_id).and_then(|a| a.item(&d.item_id));
            let concerns = concerns(case, record);
            doc.bullet(&[
                (Weight::Bold, &format!("Grade {}: ", v.grade)),
                (
                    Weight::Regular,
                    &format!(
                        "{}, {}, {}{marker}: {evidence}{concerns}",
                        v.assessor.agency,
                        v.assessor.name,
                        long_date(v.assessed_on)
                    ),
                ),
            ]);
        }
    }
}

fn narrative_section(doc: &mut Doc, case: &Case) {
    let several = case.latest_round.len() > 1;
    for section in NARRATIVE_SECTIONS {
        let key = section.key;
        doc.heading(section.title);
        let mut written = false;
        for a in &case.latest_round {
            let text = a.narrative.section(key).unwrap_or_default().trim();
            if text.is_empty() {
                continue;
            }
            if several {
                doc.runs(&[(Weight::Bold, &format!("{}, {}:", a.assessor.agency, a.assessor.name))]);
            }
            doc.prose(text);
            written = true;
        }
        if !written {
            doc.paragraph("Not recorded.");
        }
    }
}

fn actions_section(doc: &mut impl Page, case: &Case) {
    doc.heading("Actions");
    let actions = case.actions();
    if actions.is_empty() {
        doc.paragraph("No actions recorded.");
        return;
    }
    let today = case.input.today;
    let rows: Vec<Vec<String>> = actions
        .iter()
        .map(|a| {
            let result = match a.result.trim() {
                "" if a.by_when < today => "No result recorded; the due date has passed.".to_string(),
                "" => "Not yet due.".to_string(),
                text => text.to_string(),
            };
            let area = a
                .area_id
                .as_deref()
                .and_then(|id| case.input.checklist.of(case.latest).area(id))
                .map(|ar| ar.name.as_str());
            let target = match (area, a.target_grade) {
                (Some(area), Some(g)) => format!("{area}: {g}"),
                (None, Some(g)) => g.to_string(),
                (Some(area), None) => area.to_string(),
                (None, None) => String::new(),
            };
            vec![a.what.clone(), format!("{} ({})", a.who, a.agency), long_date(a.by_when), target, result]
        })
        .collect();
    doc.table(
        &[
            Column { title: "What", share: 0.3, weight: Weight::Regular },
            Column { title: "Who (agency)", share: 0.18, weight: Weight::Regular },
            Column { title: "By when", share: 0.13, weight: Weight::Regular },
            Column { title: "Area: target grade", share: 0.13, weight: Weight::Regular },
            Column { title: "Result at review", share: 0.26, weight: Weight::Regular },
        ],
        &rows,
    );
}

fn next_review_section(doc: &mut impl Page, case: &Case) {
    doc.heading("Next review");
    let review = &case.history.review;
    let Some(due) = review.due_on else { return };
    // Why then: the checklist's own interval, or the current plan's review when that comes first.
    let because = &review.because;
    if review.overdue {
        doc.runs(&[
            (Weight::Bold, &format!("The review is overdue by {}. ", plural(review.days_overdue, "day"))),
            (Weight::Regular, &format!("It was due by {}: {because}.", long_date(due))),
        ]);
    } else {
        doc.runs(&[
            (Weight::Regular, "The next checklist is due by "),
            (Weight::Bold, &long_date(due)),
            (Weight::Regular, &format!(": {because}.")),
        ]);
    }
}

// ---- Issue 14: never more reassuring than the evidence (kept apart from the other sections) ----

/// "serious concern (confirmed 4; computed 2.6: mostly met)": the confirmed grade's band leads.
fn band_words(confirmed: Option<u8>, area: &AreaScore) -> String {
    let computed = area.band.map_or("not enough evidence", |b| b.label());
    match Band::shown(confirmed, area.band) {
        Some(shown) if confirmed.is_some() && area.band != Some(shown) => {
            format!(
                "{} (confirmed {}; computed {}: {computed})",
                shown.label(),
                confirmed.unwrap_or(0),
                score(area.score)
            )
        }
        Some(shown) => shown.label().to_string(),
        None => computed.to_string(),
    }
}

/// "A young child left alone, graded 4 (at its serious grade) by School".
fn urgent_words(u: &crate::compare::UrgentItem) -> String {
    let serious = if u.serious { " (at its serious grade)" } else { "" };
    format!("{}, graded {}{serious} by {}", u.item_title, u.grade, u.assessor.agency)
}

/// Every urgent or serious item of the latest round, from every agency, named with its evidence.
fn urgent_section(doc: &mut impl Page, case: &Case) {
    doc.heading("Urgent and serious items");
    let urgent = &case.history.urgent;
    if urgent.is_empty() {
        doc.paragraph("No assessor in the latest review round graded any item 5, or at the grade it is serious from.");
        return;
    }
    doc.paragraph("Graded 5, or at the grade from which the item is serious, by any assessor in the latest review round. These are never averaged into an area's score:");
    for u in urgent {
        let record = case.input.assessment(u.assessment_id).and_then(|a| a.item(&u.item_id));
        let evidence = record.map(|r| r.evidence.trim()).filter(|e| !e.is_empty()).unwrap_or("no evidence written");
        let concerns = concerns(case, record);
        doc.bullet(&[
            (Weight::Bold, &format!("{}: {}. ", u.area_name, urgent_words(u))),
            (Weight::Regular, &format!("{}, {}: {evidence}{concerns}", u.assessor.name, long_date(u.assessed_on))),
        ]);
    }
}

/// Items nobody in the latest round could grade, area by area: an unknown is not a reassurance.
fn unknown_section(doc: &mut impl Page, case: &Case) {
    doc.heading("Not known or not answered");
    let unknown = &case.history.unknown;
    if unknown.is_empty() {
        doc.paragraph("Every item that applies to the child was graded in the latest review round.");
        return;
    }
    doc.paragraph("Items that apply to the child but that no assessor in the latest review round graded:");
    for area in &case.input.checklist.current().areas {
        let items: Vec<String> = unknown
            .iter()
            .filter(|u| u.area_id == area.id)
            .map(|u| {
                let how = if u.marked_not_known { "not known" } else { "not answered" };
                let serious = if u.serious_item { ", a serious item" } else { "" };
                format!("{} ({how}{serious})", u.item_title)
            })
            .collect();
        if !items.is_empty() {
            doc.bullet(&[(Weight::Bold, &format!("{}: ", area.name)), (Weight::Regular, &items.join("; "))]);
        }
    }
}

/// Areas two assessors of the latest round score 1.0 or more apart.
fn area_gaps_section(doc: &mut Doc, case: &Case) {
    if case.latest_round.len() < 2 {
        return;
    }
    doc.heading("Areas the agencies see differently");
    let round_start = case.history.rounds.last().map(|r| r.started_on);
    let gaps: Vec<_> = area_gaps(case.input.checklist, case.input.child, case.input.assessments)
        .into_iter()
        .filter(|g| Some(g.round_started_on) == round_start)
        .collect();
    if gaps.is_empty() {
        doc.paragraph("No area was scored 1.0 or more apart by two assessors in the latest review round.");
        return;
    }
    for g in &gaps {
        let views: Vec<String> =
            g.views.iter().map(|v| format!("{} ({}) {:.1}", v.assessor.agency, v.assessor.name, v.score)).collect();
        doc.bullet(&[
            (Weight::Bold, &format!("{}, {:.1} apart: ", g.area_name, g.spread)),
            (Weight::Regular, &views.join("; ")),
        ]);
    }
}

/// Items much worse, or newly at their serious grade, whatever their area's change says.
fn item_change_section(doc: &mut impl Page, case: &Case) {
    if case.history.rounds.len() < 2 {
        return;
    }
    doc.heading("Items that got worse");
    let changes = &case.history.item_changes;
    if changes.is_empty() {
        doc.paragraph(
            "No item got worse by 2 or more grades, or reached its serious grade, since the previous review.",
        );
        return;
    }
    doc.paragraph(
        "Since the previous review, worse by 2 or more grades or now at the grade from which they are serious:",
    );
    for c in changes {
        doc.bullet(&[(Weight::Regular, &c.words())]);
    }
}

/// Everyone in the household with their assessment status: the child who has never been
/// assessed is named on every sibling's summary.
fn household_section(doc: &mut Doc, case: &Case) {
    let input = case.input;
    if input.household_name.is_none() {
        return;
    }
    doc.heading("Children in the household");
    let latest_of = |id: i64| input.sibling_latest.iter().find(|(s, _)| *s == id).map(|(_, d)| *d);
    let mut rows = vec![vec![
        input.child.name.clone(),
        describe_age(input.child.date_of_birth, input.child.unborn, input.today),
        "assessed (this summary)".to_string(),
        long_date(case.latest.assessed_on),
    ]];
    for s in input.siblings {
        // This child has a finalised checklist (or there would be no summary), so a sibling
        // without one is "not yet assessed", whatever anyone's review status.
        let (status, date) = match latest_of(s.id) {
            Some(d) => ("assessed".to_string(), long_date(d)),
            None => ("NOT YET ASSESSED".to_string(), "none".to_string()),
        };
        rows.push(vec![s.name.clone(), describe_age(s.date_of_birth, s.unborn, input.today), status, date]);
    }
    doc.table(
        &[
            Column { title: "Child", share: 0.32, weight: Weight::Bold },
            Column { title: "Age", share: 0.2, weight: Weight::Regular },
            Column { title: "Assessment status", share: 0.24, weight: Weight::Regular },
            Column { title: "Last checklist", share: 0.24, weight: Weight::Regular },
        ],
        &rows,
    );
}

// ---- Issue 17: the household's adults and the chronology (kept apart from the other sections) ----

/// The adults of the household: how each stands to this child, whether they hold parental
/// responsibility for them, and the services involved ("none known" when none is recorded).
fn adults_section(doc: &mut Doc, case: &Case) {
    let input = case.input;
    if input.adults.is_empty() {
        return;
    }
    doc.heading("Adults in the household");
    let rows: Vec<Vec<String>> = input
        .adults
        .iter()
        .map(|a| {
            let link = a.children.iter().find(|l| l.child_id == input.child.id);
            let others: Vec<String> = a
                .children
                .iter()
                .filter(|l| l.child_id != input.child.id)
                .map(|l| format!("{} of {}", l.relationship.label(), l.child_name))
                .collect();
            let mut relationship =
                link.map_or("no relationship recorded".to_string(), |l| l.relationship.label().to_string());
            if !others.is_empty() {
                relationship.push_str(&format!(" ({})", others.join(", ")));
            }
            let responsibility = match link {
                Some(l) if l.parental_responsibility => "yes",
                Some(_) => "no",
                None => "not recorded",
            };
            vec![
                a.name.clone(),
                relationship,
                responsibility.to_string(),
                crate::chronology::services_words(&a.services),
            ]
        })
        .collect();
    doc.table(
        &[
            Column { title: "Adult", share: 0.24, weight: Weight::Bold },
            Column { title: "Relationship to the child", share: 0.3, weight: Weight::Regular },
            Column { title: "Parental responsibility", share: 0.16, weight: Weight::Regular },
            Column { title: "Services involved", share: 0.3, weight: Weight::Regular },
        ],
        &rows,
    );
}

/// The chronology since the previous review round began (every event when there is no earlier
/// round), up to the day of the summary: what happened between the checklists.
fn chronology_section(doc: &mut Doc, case: &Case) {
    let input = case.input;
    let rounds = &case.history.rounds;
    let since = (rounds.len() >= 2).then(|| rounds[rounds.len() - 2].started_on);
    let events: Vec<&crate::chronology::ChronologyEvent> =
        input.events.iter().filter(|e| since.is_none_or(|s| e.date >= s) && e.date <= input.today).collect();
    match since {
        Some(s) => doc.heading(&format!("Chronology since the previous review ({})", long_date(s))),
        None => doc.heading("Chronology (no previous review: every event recorded)"),
    }
    if events.is_empty() {
        doc.paragraph("No events have been recorded in this period. That does not mean nothing happened.");
        return;
    }
    let was_not_brought = crate::chronology::was_not_brought_count(input.events, input.today);
    if was_not_brought > 0 {
        doc.paragraph(&format!(
            "Not brought to {} in the last {} months.",
            plural(was_not_brought, "appointment"),
            crate::chronology::WAS_NOT_BROUGHT_MONTHS
        ));
    }
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            let time = e.time.as_deref().map(|t| format!(" {t}")).unwrap_or_default();
            let mut what = e.what_happened.clone();
            if let Some(reason) = &e.correction_reason {
                what.push_str(&format!(" (corrected: {reason})"));
            }
            vec![
                format!("{}{time}", e.date.format("%-d %b %Y")),
                e.kind.label().to_string(),
                e.agency.clone(),
                what,
                crate::chronology::impact_words(&e.impact).to_string(),
            ]
        })
        .collect();
    doc.table(
        &[
            Column { title: "Date", share: 0.13, weight: Weight::Bold },
            Column { title: "Type", share: 0.17, weight: Weight::Regular },
            Column { title: "Agency", share: 0.14, weight: Weight::Regular },
            Column { title: "What happened", share: 0.3, weight: Weight::Regular },
            Column { title: "Impact on the child", share: 0.26, weight: Weight::Regular },
        ],
        &rows,
    );
}
