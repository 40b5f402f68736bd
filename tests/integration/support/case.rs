//! An invented case for the report tests and the benchmark: Zoë Łukasiewicz, checklists by
//! Children's Social Care over the months, plus one by Health Visiting in the latest round,
//! and a baby sister in the household. Every name, date and note is made up.

use chrono::NaiveDate;
use ntk_core::assessment::{
    Action, AreaConfirmation, Assessment, AssessmentStatus, EvidenceSource, ItemRecord, Narrative, Practitioner,
};
use ntk_core::checklist::Checklist;
use ntk_core::model::{AgeBand, Child, PlanCategory, PractitionerDetails};
use ntk_core::scoring::Grade;

pub const PROFESSIONAL_ONLY_PHRASE: &str = "Kestrel Lane intelligence";
pub const SIBLING: &str = "Siân Łukasiewicz";

/// Ten quarterly checklists, for the chart at its busiest and for the benchmark.
pub const TEN_QUARTERS: [&str; 10] = [
    "2024-01-10",
    "2024-04-10",
    "2024-07-10",
    "2024-10-09",
    "2025-01-08",
    "2025-04-09",
    "2025-07-09",
    "2025-10-08",
    "2026-01-07",
    "2026-04-08",
];

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub struct Case {
    pub checklist: Checklist,
    pub child: Child,
    pub siblings: Vec<Child>,
    pub assessments: Vec<Assessment>,
    pub today: NaiveDate,
    /// The lead practitioner from Settings: who the family is told to contact.
    pub practitioner: PractitionerDetails,
    /// Plans, a manager's review, a core group meeting, engagement and case references.
    pub oversight: ntk_core::report::Oversight,
}

/// Zoë's invented case references: an NHS number from the 999 range (never issued).
pub const NHS_NUMBER_SPACED: &str = "999 000 0018";
pub const LA_CASE_NUMBER: &str = "LA-000123";
pub const UPN: &str = "P000000000001";

/// Zoë's plans (a first child protection plan for neglect stepped down to child in need, which
/// escalated back to the current one), a manager's review of the first checklist, the latest core
/// group without health, two good engagement ratings and her case references.
fn oversight(child: &Child, first_checklist: &Assessment, today: NaiveDate) -> ntk_core::report::Oversight {
    use ntk_core::core_group::{AgreedGrade, CoreGroupMeeting, Dissent, Engagement, EngagementRating};
    use ntk_core::oversight::{ManagerDecision, ManagerReview};
    use ntk_core::plans::{plan_views, Plan, PlanOutcome, PlanType};
    let start = child.plan_start.unwrap();
    let plan = |id: i64, t: PlanType, from: NaiveDate, to: Option<(NaiveDate, PlanOutcome)>| Plan {
        id,
        child_id: child.id,
        plan_type: t,
        category: (t == PlanType::ChildProtection).then_some(PlanCategory::Neglect),
        started_on: from,
        ended_on: to.map(|(d, _)| d),
        outcome: to.map(|(_, o)| o),
    };
    let plans = vec![
        plan(
            1,
            PlanType::ChildProtection,
            start - chrono::Duration::days(500),
            Some((start - chrono::Duration::days(200), PlanOutcome::SteppedDownToChildInNeed)),
        ),
        plan(2, PlanType::ChildInNeed, start - chrono::Duration::days(200), Some((start, PlanOutcome::Closed))),
        plan(3, PlanType::ChildProtection, start, None),
    ];
    let held_on = today - chrono::Duration::days(10);
    let rating = |id: i64, on: NaiveDate, e: u8| EngagementRating {
        id,
        child_id: child.id,
        rated_on: on,
        carer: "Ewa Łukasiewicz".into(),
        engagement: Engagement(e),
    };
    ntk_core::report::Oversight {
        plans: plan_views(&plans, today),
        manager_reviews: vec![ManagerReview {
            id: 1,
            assessment_id: first_checklist.id,
            manager_name: "Morgan Teamlead".into(),
            manager_role: "Team manager".into(),
            reviewed_on: first_checklist.assessed_on + chrono::Duration::days(7),
            decision: ManagerDecision::AgreedWithChanges,
            comment: "Add the dentist to the plan.".into(),
        }],
        meetings: vec![CoreGroupMeeting {
            id: 1,
            child_id: child.id,
            held_on,
            agencies_present: vec!["Children's services".into(), "Education".into()],
            agencies_absent: Vec::new(),
            not_involved: Vec::new(),
            agreed: vec![AgreedGrade {
                area_id: "safety".into(),
                grade: 4,
                dissent: vec![Dissent { agency: "Education".into(), reason: "No worries seen at nursery.".into() }],
            }],
        }],
        engagement: vec![rating(1, held_on - chrono::Duration::days(90), 2), rating(2, held_on, 1)],
        references: ntk_core::references::CaseReferences {
            la_case_number: LA_CASE_NUMBER.into(),
            nhs_number: NHS_NUMBER_SPACED.replace(' ', ""),
            unique_pupil_number: UPN.into(),
        },
    }
}

pub fn lead_practitioner() -> PractitionerDetails {
    PractitionerDetails {
        organisation: "Testshire Children's Services".into(),
        team: "Northgate Family Safeguarding Team".into(),
        name: "Gwenllian Ó Súilleabháin".into(),
        role: "Social worker".into(),
        telephone: "01632 960 123".into(),
        email: "g.osuilleabhain@testshire.example".into(),
    }
}

fn social_worker() -> Practitioner {
    Practitioner {
        name: "Gwenllian Ó Súilleabháin".into(),
        agency: "Children's Social Care".into(),
        role: "Social worker".into(),
    }
}

fn health_visitor() -> Practitioner {
    Practitioner {
        name: "Chidi Okonkwo-Müller".into(),
        agency: "Health Visiting".into(),
        role: "Health visitor".into(),
    }
}

/// Grade patterns per area, cycled over the applicable items, from the first round to the
/// latest (later rounds reuse the last pattern): physical care improves and holds, safety
/// stays at concern, warmth is steady, learning and esteem improves a little.
fn pattern(area: &str, round: usize) -> &'static [u8] {
    let by_round: &[&[u8]] = match area {
        "physical" => &[&[4, 4, 3, 4, 4], &[3, 3, 4, 3, 3], &[3, 2, 3, 2, 3]],
        "safety" => &[&[4, 3, 4, 3], &[3, 4, 4, 3], &[4, 3, 3, 4]],
        "warmth" => &[&[2, 3, 2], &[2, 2, 3], &[2, 2, 2]],
        _ => &[&[3, 3, 3, 4], &[3, 3, 3, 2], &[3, 2, 3, 2]],
    };
    by_round[round.min(by_round.len() - 1)]
}

fn grades(checklist: &Checklist, band: AgeBand, round: usize) -> Vec<ItemRecord> {
    let mut records = Vec::new();
    for area in &checklist.areas {
        let grades = pattern(&area.id, round);
        let items = area.subareas.iter().flat_map(|s| &s.items).filter(|i| i.applies_to(band));
        for (n, item) in items.enumerate() {
            let grade = if item.id.starts_with("physical.additional-needs") {
                Grade::NotApplicable
            } else {
                Grade::from_score(grades[n % grades.len()]).unwrap()
            };
            records.push(ItemRecord {
                item_id: item.id.clone(),
                grade: Some(grade),
                evidence: format!("Seen at the home visit: {}.", item.title.to_lowercase()),
                source: Some(EvidenceSource::Observed),
                evidence_date: None,
                professional_only: false,
                adult_id: None,
            });
        }
    }
    records
}

fn set(records: &mut [ItemRecord], item: &str, grade: u8, evidence: &str, professional_only: bool) {
    let r = records.iter_mut().find(|r| r.item_id == item).unwrap();
    r.grade = Grade::from_score(grade);
    r.evidence = evidence.into();
    r.professional_only = professional_only;
}

const STRENGTHS: &str = "Zoë's mum, Agnieszka, loves her very much and it shows. She greets Zoë with a hug after nursery, and Zoë runs to her when she is upset. Mum has kept every appointment at the children's centre since January, and she asked for help with the housing repairs herself, which took courage.

Zoë's grandmother, Bożena, lives ten minutes away and collects Zoë from nursery twice a week. She cooks with Zoë on Sundays and Zoë talks about this with real pleasure. Grandmother has said she will help with the morning routine on the days mum starts work early.

The kitchen now has a working fridge and there was fresh fruit, milk and bread at the last three visits. Zoë's bedroom has been cleared of the broken furniture and she has her own bed with clean bedding. Mum put up a height chart and a shelf for Zoë's books, and Zoë showed both to the visitor with pride.

Nursery say Zoë is a bright, curious girl who is starting to make friends. She knows all her colours, counts to twenty and can write the first letter of her name. Staff say mum now reads the nursery's messages and replies, which she did not do in the autumn.";

const WORRIES: &str = "We are still worried that Zoë is not always safe at home. On two visits in March and April the front door was unlocked and Zoë, who is five, was playing near the road with no adult watching.

We are worried that Zoë sometimes hears adults arguing at home, and that this frightens her.

Zoë's teeth need urgent care. She has had toothache for several weeks and was seen at the emergency dentist in May. Tooth brushing is not yet part of her day, and she often goes to bed very late, after ten o'clock, which leaves her tired and tearful at nursery in the mornings.

Zoë missed eleven days of nursery between January and March with no reason given. When she is not at nursery, she spends most of the day watching videos on a phone, some of which were not suitable for a child of her age.";

const NEEDS_TO_CHANGE: &str = "Zoë needs an adult watching her whenever she is outside, and the front door needs to be locked. Zoë needs a calm home where she does not hear adults arguing. Zoë needs to brush her teeth twice a day and go to bed at the same time each night, by half past seven. Zoë needs to be at nursery every day it is open, and on time.";

const BETTER_LOOKS_LIKE: &str = "Zoë plays outside only when an adult is with her. There is no shouting at home, and Zoë says she feels safe. Zoë's teeth stop hurting, she sees the dentist every six months, and she brushes her teeth with mum every morning and every night. Zoë is in bed by half past seven and arrives at nursery rested and on time every day.";

const CHILDS_VOICE: &str = "Zoë said: \"I like it when Mummy reads the dragon book. I don't like the shouting. I want Babcia to come every day.\" She drew a picture of her family with everyone holding hands, and put herself next to her mum.";

const DAY_IN_MY_LIFE: &str = "I wake up when Mummy's alarm goes. Sometimes there is cereal and sometimes we get a croissant on the way to nursery. At nursery I play with Amira in the sand. Babcia picks me up on Tuesdays and Thursdays. At home I watch videos on the phone. I go to bed when Mummy goes to bed.";

const IF_THINGS_DO_NOT_CHANGE: &str = "If Zoë is still left outside without an adult, or still misses nursery and the dentist, by the review, the professionals will meet again to decide whether a stronger plan is needed to keep Zoë safe. We will always tell you first what we are thinking and why.";

pub const SECRET_SAID_IN_CONFIDENCE: &str = "hides under the table";

const PARENTS_VIEW: &str = "Mum agrees that the mornings are hard and that Zoë goes to bed too late. She says she is trying her best on her own and that things are better than they were in the autumn. She does not agree that Zoë plays outside alone often; she says neighbours exaggerate.";

fn narrative(long: bool) -> Narrative {
    let mut n = Narrative::default();
    if long {
        n.strengths = STRENGTHS.into();
        n.worries = WORRIES.into();
        n.needs_to_change = NEEDS_TO_CHANGE.into();
        n.better_looks_like = BETTER_LOOKS_LIKE.into();
        n.if_things_do_not_change = IF_THINGS_DO_NOT_CHANGE.into();
        n.childs_voice = format!("{CHILDS_VOICE} She told her nursery key worker that she {SECRET_SAID_IN_CONFIDENCE} when the shouting starts.");
        n.day_in_my_life = DAY_IN_MY_LIFE.into();
        n.parents_view = PARENTS_VIEW.into();
        n.impact.insert("safety".into(), "Zoë is frightened by arguments at home and is wary of new adults.".into());
        n.impact.insert("physical".into(), "Toothache has kept Zoë awake and off her food.".into());
        n.impact.insert("warmth".into(), "Zoë knows she is loved and runs to her mum when she is upset.".into());
        n.impact.insert("esteem".into(), "Missed nursery days mean Zoë is behind with her letters.".into());
    } else {
        n.strengths = "Mum loves Zoë and keeps most appointments.".into();
        n.worries = "Supervision, late-night visitors and Zoë's teeth.".into();
    }
    n
}

fn actions(today: NaiveDate) -> Vec<Action> {
    let action = |id, what: &str, who: &str, agency: &str, days: i64, result: &str| Action {
        id,
        what: what.into(),
        who: who.into(),
        agency: agency.into(),
        by_when: today + chrono::Duration::days(days),
        target_grade: Some(2),
        area_id: Some("safety".into()),
        result: result.into(),
    };
    vec![
        action(
            1,
            "Fit a door chain and agree a plan for supervised outdoor play",
            "Agnieszka Łukasiewicz",
            "Parent",
            14,
            "",
        ),
        action(
            2,
            "Book and attend a dental appointment for Zoë",
            "Agnieszka Łukasiewicz",
            "Parent",
            -10,
            "Seen on 2 June; two fillings planned.",
        ),
        action(
            3,
            "Offer a place on the parenting programme and support to attend",
            "Gwenllian Ó Súilleabháin",
            "Children's Social Care",
            30,
            "",
        ),
        action(
            4,
            "Visit at bedtime twice to help set up the routine",
            "Chidi Okonkwo-Müller",
            "Health Visiting",
            -3,
            "",
        ),
    ]
}

/// Zoë's case with social-work checklists on `dates` (one per round) and a health visitor's
/// checklist 21 days after the last, in the same round; `today` is 35 days after the last.
pub fn zoe(dates: &[&str]) -> Case {
    let checklist = Checklist::shipped();
    let child = Child {
        id: 11,
        name: "Zoë Łukasiewicz".into(),
        date_of_birth: d("2021-04-14"),
        unborn: false,
        household_id: Some(5),
        household_name: Some("Łukasiewicz household".into()),
        has_disability: false,
        disability_needs: String::new(),
        communication_needs: "Speaks Polish and English at home.".into(),
        plan_category: Some(PlanCategory::Neglect),
        plan_start: Some(d(dates[0]) - chrono::Duration::days(20)),
        review_interval_months: 3,
    };
    let sibling = Child { id: 12, name: SIBLING.into(), date_of_birth: d("2025-12-01"), ..child.clone() };
    let last = d(dates[dates.len() - 1]);
    let today = last + chrono::Duration::days(35);
    let assessment = |id: i64, on: NaiveDate, round: usize, assessor: Practitioner| {
        let latest = round + 1 >= dates.len();
        let mut items = grades(&checklist, AgeBand::on(child.date_of_birth, on), round);
        for item in &mut items {
            item.evidence_date = Some(on - chrono::Duration::days(6));
        }
        if latest {
            set(&mut items, "physical.hygiene.teeth", 5, "Toothache for weeks; emergency dentist in May.", false);
        }
        Assessment {
            id,
            child_id: child.id,
            checklist_id: checklist.id.clone(),
            checklist_version: checklist.version.clone(),
            checklist_hash: checklist.hash.clone(),
            assessed_on: on,
            assessor,
            review_round: round as u32 + 1,
            status: AssessmentStatus::Finalised,
            finalised_at: Some(format!("{on}T17:30:00Z")),
            amends: None,
            amendment_reason: None,
            amended_by: None,
            amended_at: None,
            items,
            confirmations: vec![AreaConfirmation { area_id: "safety".into(), confirmed: 4, reason: String::new() }],
            narrative: narrative(latest),
            actions: if latest { actions(today) } else { Vec::new() },
        }
    };
    let mut assessments: Vec<Assessment> =
        dates.iter().enumerate().map(|(i, on)| assessment(i as i64 + 1, d(on), i, social_worker())).collect();
    let sw_latest = assessments.last_mut().unwrap();
    set(
        &mut sw_latest.items,
        "safety.harm-exposure.domestic-abuse",
        4,
        &format!("Arguments heard by Zoë; {PROFESSIONAL_ONLY_PHRASE} shared at the strategy meeting."),
        true,
    );
    let mut hv = assessment(100, last + chrono::Duration::days(21), dates.len() - 1, health_visitor());
    set(&mut hv.items, "safety.harm-exposure.domestic-abuse", 2, "No concerns seen at clinic visits.", false);
    set(&mut hv.items, "physical.hygiene.teeth", 3, "Mum now brushes Zoë's teeth at clinic visits.", false);
    hv.actions.clear();
    hv.narrative = Narrative {
        strengths:
            "Zoë's growth and weight are on track. Mum brings her to every clinic appointment and asks good questions."
                .into(),
        worries: "Zoë was tired and tearful at both clinic visits, and her teeth are sore.".into(),
        ..Narrative::default()
    };
    // A draft and a superseded version must never show in a summary.
    let mut draft = assessment(200, today, dates.len() - 1, social_worker());
    draft.status = AssessmentStatus::Draft;
    draft.narrative.strengths = "DRAFT NOT FOR PRINTING".into();
    assessments.push(hv);
    assessments.push(draft);
    let oversight = oversight(&child, &assessments[0], today);
    Case { checklist, child, siblings: vec![sibling], assessments, today, practitioner: lead_practitioner(), oversight }
}
