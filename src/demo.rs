//! Invented data for demonstrations and benchmarks: households, children, checklists over
//! time with evidence, confirmations, narrative and actions. Every name and note is made up;
//! the same seed always gives the same data.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::assessment::{
    Action, AreaConfirmation, Assessment, AssessmentStatus, EvidenceSource, ItemRecord, Narrative, Practitioner,
};
use crate::checklist::Checklist;
use crate::chronology::{AdultForm, AdultLink, AdultService, EventForm, EventKind, Relationship};
use crate::error::Result;
use crate::model::{AgeBand, PlanCategory, ValidChild};
use crate::scoring::{self, Grade};
use crate::store::Store;

/// SplitMix64: tiny, fast and reproducible; demo data needs no more.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const FIRST_NAMES: &[&str] = &[
    "Poppy",
    "Alfie",
    "Zoë",
    "Kacper",
    "Amara",
    "Riley",
    "Siân",
    "Tomasz",
    "Leyla",
    "Jayden",
    "Maisie",
    "Oluwaseun",
    "Freya",
    "Dylan",
    "Aoife",
    "Kai",
    "Ruby",
    "Mohammed",
    "Lily-Mae",
    "Noah",
    "Chloé",
    "Ellis",
    "Nia",
    "Bartek",
];
const SURNAMES: &[&str] = &[
    "Testfamily",
    "Łukasiewicz",
    "Evans-Ōkafor",
    "Brightwater",
    "Démo",
    "Fieldfare",
    "Kowalczyk-Invent",
    "Marchbank",
    "Oakhollow",
    "Pennyroyal",
    "Quillfeather",
    "Rosendale",
    "Stonechat",
    "Thistledown",
    "Underhill",
    "Wrenfield",
];
const PRACTITIONERS: &[(&str, &str, &str)] = &[
    ("Sam Carter-Invented", "Children's Social Care", "Social worker"),
    ("Priya Demo", "Health Visiting", "Health visitor"),
    ("Gareth Example", "Oakfield Primary School", "Designated safeguarding lead"),
    ("Ifeoma Sample", "Children's Social Care", "Senior practitioner"),
    ("Noor Placeholder", "Early Help", "Family support worker"),
];
const EVIDENCE: &[&str] = &[
    "Seen at the home visit: {item}. Discussed with the carer, who agreed with what was seen.",
    "Reported by the school: {item}. Two staff members gave the same account this term.",
    "From health records: {item}. The last three appointments are recorded.",
    "The child told me about this in their own words while we drew together.",
    "Observed over two visits a week apart; the second visit was unannounced.",
];
const ACTIONS: &[(&str, &str, &str)] = &[
    ("Register with a dentist and attend a check-up", "Parent", "Family"),
    ("Weekly visits to support bedtime routine", "Family support worker", "Early Help"),
    ("Referral to the food bank and help with a budgeting plan", "Social worker", "Children's Social Care"),
    ("Daily check that the child arrives at school on time", "Class teacher", "School"),
    ("Safe sleep advice and a cot delivered", "Health visitor", "Health Visiting"),
];

#[derive(Debug, Clone, Serialize)]
pub struct DemoSummary {
    pub households: usize,
    pub children: usize,
    pub assessments: usize,
}

/// One invented child's data and history, ready to store.
pub struct DemoChild {
    pub child: ValidChild,
    pub assessments: Vec<Assessment>,
}

/// Makes `children` invented children (in households of 1 to 4) with `per_child` finalised
/// checklists each, three months apart, ending before `today`.
pub fn generate(
    checklist: &Checklist,
    children: usize,
    per_child: usize,
    seed: u64,
    today: NaiveDate,
) -> Vec<DemoChild> {
    let mut rng = Rng(seed);
    let mut out = Vec::with_capacity(children);
    let mut household = 0;
    while out.len() < children {
        household += 1;
        let surname = *rng.pick(SURNAMES);
        let household_name = format!("{surname} household {household}");
        let size = 1 + rng.below(4) as usize;
        for _ in 0..size.min(children - out.len()) {
            out.push(demo_child(&mut rng, checklist, &household_name, surname, per_child, today));
        }
    }
    out
}

fn demo_child(
    rng: &mut Rng,
    checklist: &Checklist,
    household: &str,
    surname: &str,
    per_child: usize,
    today: NaiveDate,
) -> DemoChild {
    let history_days = 92 * per_child as u64;
    let age_days = history_days + rng.below(17 * 365 - history_days.min(16 * 365));
    let date_of_birth = today - Days::new(age_days);
    let plan_start = today - Days::new(history_days + 14);
    let has_disability = rng.chance(10);
    let child = ValidChild {
        name: format!("{} {surname}", rng.pick(FIRST_NAMES)),
        date_of_birth,
        unborn: false,
        household: Some(household.to_string()),
        has_disability,
        disability_needs: if has_disability {
            "Uses a wheelchair; physiotherapy weekly.".into()
        } else {
            String::new()
        },
        communication_needs: if rng.chance(8) { "Uses Makaton signs.".into() } else { String::new() },
        plan_category: Some(if rng.chance(80) { PlanCategory::Neglect } else { PlanCategory::MultipleCategories }),
        plan_start: Some(plan_start),
        review_interval_months: 3,
    };
    // Each child has a starting level of concern that drifts, improves or worsens over time.
    let start_level = 2 + rng.below(3) as i64;
    let trend = rng.below(3) as i64 - 1;
    let mut assessments = Vec::with_capacity(per_child);
    for round in 0..per_child {
        let assessed_on = plan_start + Days::new(14 + 92 * round as u64);
        let level = (start_level + trend * round as i64 / 3).clamp(1, 5);
        assessments.push(demo_assessment(rng, checklist, &child, assessed_on, round as u32 + 1, level));
    }
    DemoChild { child, assessments }
}

fn demo_assessment(
    rng: &mut Rng,
    checklist: &Checklist,
    child: &ValidChild,
    assessed_on: NaiveDate,
    round: u32,
    level: i64,
) -> Assessment {
    let band = AgeBand::on(child.date_of_birth, assessed_on);
    let (name, agency, role) = *rng.pick(PRACTITIONERS);
    let mut items = Vec::new();
    for item in checklist.items().filter(|i| i.applies_to(band) && i.condition_met(child.has_disability)) {
        let grade = if rng.chance(4) {
            Grade::NotKnown
        } else {
            let noise = rng.below(3) as i64 - 1;
            Grade::from_score((level + noise).clamp(1, 5) as u8).unwrap_or(Grade::G3)
        };
        let evidence = rng.pick(EVIDENCE).replace("{item}", &item.title.to_lowercase());
        items.push(ItemRecord {
            item_id: item.id.clone(),
            grade: Some(grade),
            evidence,
            source: Some(*rng.pick(&[EvidenceSource::Observed, EvidenceSource::Reported, EvidenceSource::FromRecords])),
            evidence_date: Some(assessed_on - Days::new(rng.below(20))),
            professional_only: rng.chance(5),
            adult_id: None,
        });
    }
    let grades = items.iter().filter_map(|i| i.grade.map(|g| (i.item_id.clone(), g))).collect();
    let profile = scoring::score(checklist, &grades, band);
    let confirmations = profile
        .areas
        .iter()
        .map(|a| {
            let confirmed = a.score.map(|s| s.round() as u8).unwrap_or(level as u8).clamp(1, 5);
            // The reason a practitioner must write where the rules ask for one (rounding 3.1
            // down to 3 beside an urgent item does), so that every invented checklist could
            // have been finalised through the app.
            let reason = match scoring::check_confirmation(a.score, confirmed, "", !a.urgent_items.is_empty()) {
                Ok(()) => "",
                Err(_) if a.score.is_none() => "Based on the core group's shared view.",
                Err(_) => "The nearest whole grade; the urgent item is weighed with the whole area.",
            };
            AreaConfirmation { area_id: a.id.clone(), confirmed, reason: reason.into() }
        })
        .collect();
    let actions = (0..1 + rng.below(3))
        .map(|n| {
            let (what, who, agency) = *rng.pick(ACTIONS);
            Action {
                id: 0,
                what: what.into(),
                who: who.into(),
                agency: agency.into(),
                by_when: assessed_on + Days::new(30 + 30 * n),
                target_grade: Some(2),
                area_id: Some(checklist.areas[n as usize % checklist.areas.len()].id.clone()),
                result: String::new(),
            }
        })
        .collect();
    let impact: BTreeMap<String, String> = checklist
        .areas
        .iter()
        .map(|a| (a.id.clone(), format!("What this means for the child day to day: {}.", a.name.to_lowercase())))
        .collect();
    Assessment {
        id: 0,
        child_id: 0,
        checklist_id: checklist.id.clone(),
        checklist_version: checklist.version.clone(),
        checklist_hash: checklist.hash.clone(),
        assessed_on,
        assessor: Practitioner { name: name.into(), agency: agency.into(), role: role.into() },
        review_round: round,
        status: AssessmentStatus::Finalised,
        finalised_at: Some(format!("{assessed_on}T17:00:00+00:00")),
        amends: None,
        amendment_reason: None,
        amended_by: None,
        amended_at: None,
        items,
        confirmations,
        narrative: Narrative {
            childs_voice: "\"I like it when we have tea together and Mum reads to me.\"".into(),
            day_in_my_life:
                "Wakes around seven, gets ready for school with some help, tea at five, bed by eight most nights."
                    .into(),
            strengths: "Grandmother visits most days and the child has a close friend at school.".into(),
            parents_view: "The carer says things are better since the new tenancy and wants help with mornings.".into(),
            worries: "Meals are irregular and the home is cold in winter; the child is often tired at school.".into(),
            needs_to_change: "Regular meals, a warm bedroom, and the child at school on time every day.".into(),
            better_looks_like:
                "The child eats three meals a day, sleeps in a warm bed and arrives at school ready to learn.".into(),
            if_things_do_not_change:
                "If meals, warmth and school mornings have not improved by the review, the professionals will meet to decide whether a stronger plan is needed."
                    .into(),
            impact,
            voice_gap: None,
        },
        actions,
    }
}

/// Generates and stores the demo data; returns what was written.
pub fn populate(
    store: &mut Store,
    children: usize,
    per_child: usize,
    seed: u64,
    today: NaiveDate,
) -> Result<DemoSummary> {
    let data = generate(store.checklist(), children, per_child, seed, today);
    let mut households = std::collections::HashSet::new();
    store.without_waiting_for_disk(|store| {
        for d in &data {
            households.insert(d.child.household.clone());
            store.insert_child_history(&d.child, &d.assessments)?;
        }
        Ok(())
    })?;
    Ok(DemoSummary { households: households.len(), children: data.len(), assessments: data.len() * per_child })
}

/// Invented adults' first names (the household's surname is added).
const ADULT_NAMES: &[&str] = &["Dean", "Kerry", "Marek", "Shannon", "Tariq", "Bethan", "Lee", "Agnieszka"];

/// Invented events a practitioner might record: type, agency, what happened, impact on the child.
const EVENTS: &[(EventKind, &str, &str, &str)] = &[
    (
        EventKind::HomeVisit,
        "Children's Social Care",
        "Announced home visit; the kitchen had little food.",
        "Hungry when seen after school.",
    ),
    (EventKind::ChildSeenAlone, "Children's Social Care", "Seen alone at school; talked about bedtimes.", ""),
    (
        EventKind::WasNotBrought,
        "Health Visiting",
        "Not brought to the development review.",
        "Speech delay not yet assessed.",
    ),
    (
        EventKind::WasNotBrought,
        "Community Dental Service",
        "Not brought to the dental appointment.",
        "Toothache reported at school.",
    ),
    (
        EventKind::SchoolAbsence,
        "Oakfield Primary School",
        "Absent for four days without a reason given.",
        "Missed the class trip.",
    ),
    (
        EventKind::HealthAttendance,
        "Riverside Hospital",
        "Seen at A&E with a scald to the hand.",
        "Dressing changed at the GP surgery.",
    ),
];

/// Invented events for a whole household at once (one event, every child).
const HOUSEHOLD_EVENTS: &[(EventKind, &str, &str, &str)] = &[
    (
        EventKind::PoliceCallOut,
        "Testshire Police",
        "Called by a neighbour at night: shouting heard.",
        "The children were awake and frightened.",
    ),
    (
        EventKind::DomesticAbuse,
        "Testshire Police",
        "Incident reported between the adults; no arrest.",
        "The children heard it from upstairs.",
    ),
];

/// Names the household's partner on the two worst-graded items of the child's latest checklist,
/// the way a practitioner would: an amendment with its reason, then finalised again. Returns how
/// many items now name them.
fn name_the_partner(store: &mut Store, child_id: i64, partner_id: i64, today: NaiveDate) -> Result<usize> {
    let Some(latest) = store.assessments_for_child(child_id)?.pop() else { return Ok(0) };
    let mut graded: Vec<&ItemRecord> =
        latest.items.iter().filter(|i| i.grade.and_then(Grade::score).is_some()).collect();
    graded.sort_by_key(|i| std::cmp::Reverse(i.grade.and_then(Grade::score)));
    let serious: Vec<ItemRecord> = graded.into_iter().take(2).cloned().collect();
    if serious.is_empty() {
        return Ok(0);
    }
    let amendment = store.amend(latest.id, "To record which adult the concerns are about.")?;
    for item in &serious {
        store.save_item(amendment.id, &ItemRecord { adult_id: Some(partner_id), ..item.clone() }, today)?;
    }
    store.finalise(amendment.id)?;
    Ok(serious.len())
}

/// What [`populate_chronology`] wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ChronologySummary {
    pub adults: usize,
    pub events: usize,
    /// Checklist items that name the adult they concern (through an amendment).
    pub items_naming_an_adult: usize,
}

/// Adds invented adults to each household and invented events to each child's chronology,
/// through the same store calls the app uses (audited, one event for the whole household at
/// once where it happened to all of them). Events fall in the 150 days before `today`.
pub fn populate_chronology(store: &mut Store, seed: u64, today: NaiveDate) -> Result<ChronologySummary> {
    let mut rng = Rng(seed ^ 0x00C0_FFEE);
    let mut households: BTreeMap<i64, Vec<(i64, String)>> = BTreeMap::new();
    for c in store.list_children()? {
        if let Some(h) = c.household_id {
            households.entry(h).or_default().push((c.id, c.name));
        }
    }
    let mut summary = ChronologySummary { adults: 0, events: 0, items_naming_an_adult: 0 };
    let day = |rng: &mut Rng| (today - Days::new(1 + rng.below(150))).to_string();
    let event =
        |children: Vec<i64>, date: String, (kind, agency, what, impact): (EventKind, &str, &str, &str)| EventForm {
            child_ids: children,
            date,
            time: String::new(),
            kind: Some(kind),
            agency: agency.into(),
            what_happened: what.into(),
            impact: impact.into(),
        };
    store.without_waiting_for_disk(|store| {
        for (household_id, children) in &households {
            let surname = children[0].1.rsplit(' ').next().unwrap_or("Invented").to_string();
            let link = |child_id: i64, relationship: Relationship, parental_responsibility: bool| AdultLink {
                child_id,
                child_name: String::new(),
                relationship,
                relationship_label: String::new(),
                parental_responsibility,
            };
            let services = if rng.chance(40) { vec![*rng.pick(AdultService::ALL)] } else { Vec::new() };
            let parent = AdultForm {
                household_id: *household_id,
                name: format!("{} {surname}", rng.pick(ADULT_NAMES)),
                services,
                children: children.iter().map(|(id, _)| link(*id, Relationship::Parent, true)).collect(),
            };
            store.add_adult(&parent)?;
            summary.adults += 1;
            if rng.chance(50) {
                let partner = AdultForm {
                    household_id: *household_id,
                    name: format!("{} Visitor-Invented", rng.pick(ADULT_NAMES)),
                    services: vec![AdultService::Probation],
                    children: children.iter().map(|(id, _)| link(*id, Relationship::Partner, false)).collect(),
                };
                let partner = store.add_adult(&partner)?;
                summary.adults += 1;
                summary.items_naming_an_adult += name_the_partner(store, children[0].0, partner.id, today)?;
            }
            let ids: Vec<i64> = children.iter().map(|(id, _)| *id).collect();
            let shared = *rng.pick(HOUSEHOLD_EVENTS);
            summary.events += store.add_event(&event(ids.clone(), day(&mut rng), shared), today)?.len();
            for id in ids {
                for _ in 0..1 + rng.below(3) {
                    let own = *rng.pick(EVENTS);
                    summary.events += store.add_event(&event(vec![id], day(&mut rng), own), today)?.len();
                }
            }
        }
        Ok(())
    })?;
    Ok(summary)
}
