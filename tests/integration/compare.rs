//! The comparison rules, one table per rule, with dates at the boundaries.
//! All names, dates and notes are invented.

use chrono::NaiveDate;
use ntk_core::assessment::{AreaConfirmation, Assessment, AssessmentStatus, ItemRecord, Narrative, Practitioner};
use ntk_core::checklist::Checklist;
use ntk_core::compare::{
    add_months, area_gaps, disagreements, history, not_yet_assessed, round_number_for, time_on_plan, Change,
    DriftWindow, History, NumberedChecklist,
};
use ntk_core::model::{Child, PlanCategory};
use ntk_core::scoring::Grade;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Area "a" has one sub-area "a.x"; area "b" has "b.x" and "b.y". Every sub-area has ten
/// items (`a.x.1` ..), so any score to one decimal can be graded exactly.
fn checklist() -> Checklist {
    let item = |id: String| {
        format!(
            r#"{{"id":"{id}","title":"Item {id}","age_bands":["0-1","1-4","5-11","12-17"],
               "descriptors":["one {id}","two {id}","three {id}","four {id}","five {id}"],
               "guidance":"Look at {id}."}}"#
        )
    };
    let sub = |id: &str| {
        let items: Vec<String> = (1..=10).map(|n| item(format!("{id}.{n}"))).collect();
        format!(r#"{{"id":"{id}","name":"Sub-area {id}","items":[{}]}}"#, items.join(","))
    };
    let json = format!(
        r#"{{"id":"t","version":"1","title":"T","areas":[
            {{"id":"a","name":"Area A","description":"A.","subareas":[{}]}},
            {{"id":"b","name":"Area B","description":"B.","subareas":[{},{}]}}]}}"#,
        sub("a.x"),
        sub("b.x"),
        sub("b.y")
    );
    Checklist::from_json(&json).unwrap()
}

fn child() -> Child {
    Child {
        id: 7,
        name: "Zoë Łukasiewicz".into(),
        date_of_birth: d("2019-06-02"),
        unborn: false,
        household_id: Some(3),
        household_name: Some("Łukasiewicz household".into()),
        has_disability: false,
        disability_needs: String::new(),
        communication_needs: String::new(),
        plan_category: Some(PlanCategory::Neglect),
        plan_start: Some(d("2025-11-20")),
        review_interval_months: 3,
    }
}

/// Builds an assessment in code: finalised, by a social worker, nothing graded until asked.
struct Build(Assessment);

fn assessment(id: i64, on: &str) -> Build {
    Build(Assessment {
        id,
        child_id: 7,
        checklist_id: "t".into(),
        checklist_version: "1".into(),
        checklist_hash: String::new(),
        assessed_on: d(on),
        assessor: Practitioner {
            name: "Siân Evans-Ōkafor".into(),
            agency: "Children's Social Care".into(),
            role: "Social worker".into(),
        },
        review_round: 0,
        status: AssessmentStatus::Finalised,
        finalised_at: Some(format!("{on}T16:00:00Z")),
        amends: None,
        amendment_reason: None,
        amended_by: None,
        amended_at: None,
        items: Vec::new(),
        confirmations: Vec::new(),
        narrative: Narrative::default(),
        actions: Vec::new(),
    })
}

impl Build {
    fn by(mut self, name: &str, agency: &str) -> Self {
        self.0.assessor = Practitioner { name: name.into(), agency: agency.into(), role: "Practitioner".into() };
        self
    }
    /// Grades the ten items of `sub` so that their mean is exactly `score`.
    fn score(mut self, sub: &str, score: f64) -> Self {
        let total = (score * 10.0).round() as u8; // sum of ten grades
        let (base, above) = (total / 10, total % 10);
        for n in 1..=10u8 {
            self = self.grade(&format!("{sub}.{n}"), base + u8::from(n <= above), "");
        }
        self
    }
    fn grade(mut self, item: &str, grade: u8, evidence: &str) -> Self {
        self.0.items.retain(|i| i.item_id != item);
        self.0.items.push(ItemRecord {
            item_id: item.into(),
            grade: Grade::from_score(grade),
            evidence: evidence.into(),
            source: None,
            evidence_date: None,
            professional_only: false,
            adult_id: None,
        });
        self
    }
    fn confirm(mut self, area: &str, grade: u8) -> Self {
        self.0.confirmations.push(AreaConfirmation { area_id: area.into(), confirmed: grade, reason: String::new() });
        self
    }
    fn draft(mut self) -> Self {
        self.0.status = AssessmentStatus::Draft;
        self.0.finalised_at = None;
        self
    }
    fn amends(mut self, id: i64) -> Self {
        self.0.amends = Some(id);
        self.0.amendment_reason = Some("Grade entered against the wrong item.".into());
        self
    }
    fn done(self) -> Assessment {
        self.0
    }
}

/// Assessments with area "a" at each (date, score), one per round.
fn series(points: &[(&str, f64)]) -> Vec<Assessment> {
    points.iter().enumerate().map(|(i, (on, s))| assessment(i as i64 + 1, on).score("a.x", *s).done()).collect()
}

fn run(assessments: &[Assessment], today: &str) -> History {
    history(&checklist(), &child(), assessments, d(today))
}

fn area<'h>(h: &'h History, id: &str) -> &'h ntk_core::compare::AreaHistory {
    h.areas.iter().find(|a| a.id == id).unwrap()
}

#[test]
fn change_is_half_a_grade_either_way_and_one_is_best() {
    let table: [(Option<f64>, Option<f64>, Change); 8] = [
        (Some(3.0), Some(2.5), Change::Improved),
        (Some(3.0), Some(2.6), Change::NoChange),
        (Some(3.0), Some(3.0), Change::NoChange),
        (Some(3.0), Some(3.4), Change::NoChange),
        (Some(3.0), Some(3.5), Change::Worse),
        (Some(4.7), Some(1.0), Change::Improved),
        (None, Some(2.0), Change::NotComparable),
        (Some(2.0), None, Change::NotComparable),
    ];
    for (from, to, expected) in table {
        assert_eq!(Change::between(from, to), expected, "{from:?} -> {to:?}");
    }
    assert_eq!(Change::NoChange.label(), "no change");
    assert_eq!(serde_json::to_string(&Change::NoChange).unwrap(), "\"no change\"");
}

#[test]
fn change_since_previous_and_since_first_per_area_and_sub_area() {
    let a = vec![
        assessment(1, "2026-01-10").score("a.x", 3.6).score("b.x", 2.0).score("b.y", 2.0).done(),
        assessment(2, "2026-04-10").score("a.x", 3.0).score("b.x", 2.0).score("b.y", 3.0).done(),
        assessment(3, "2026-07-10").score("a.x", 2.8).score("b.x", 1.4).score("b.y", 3.0).done(),
    ];
    let h = run(&a, "2026-07-20");
    let area_a = area(&h, "a");
    assert_eq!(area_a.points.iter().map(|p| p.score).collect::<Vec<_>>(), [Some(3.6), Some(3.0), Some(2.8)]);
    let prev = area_a.since_previous.as_ref().unwrap();
    assert_eq!((prev.change, prev.difference, prev.from_date), (Change::NoChange, Some(-0.2), d("2026-04-10")));
    let first = area_a.since_first.as_ref().unwrap();
    assert_eq!((first.change, first.difference), (Change::Improved, Some(-0.8)));

    let area_b = area(&h, "b");
    // b: (2.0+2.0)/2 = 2.0, (2.0+3.0)/2 = 2.5, (1.4+3.0)/2 = 2.2
    assert_eq!(area_b.points.iter().map(|p| p.score).collect::<Vec<_>>(), [Some(2.0), Some(2.5), Some(2.2)]);
    assert_eq!(area_b.since_first.as_ref().unwrap().change, Change::NoChange);
    let (bx, by) = (&area_b.subareas[0], &area_b.subareas[1]);
    assert_eq!(bx.since_previous.as_ref().unwrap().change, Change::Improved);
    assert_eq!(by.since_previous.as_ref().unwrap().change, Change::NoChange);
    assert_eq!(by.since_first.as_ref().unwrap().change, Change::Worse);
}

#[test]
fn one_assessment_has_no_change_and_none_has_no_points() {
    let h = run(&series(&[("2026-01-10", 3.0)]), "2026-01-20");
    assert!(area(&h, "a").since_previous.is_none());
    assert_eq!(h.rounds.len(), 1);
    let empty = run(&[], "2026-01-20");
    assert!(empty.rounds.is_empty() && empty.areas.iter().all(|a| a.points.is_empty()));
    assert_eq!(empty.latest_id(), None);
}

#[test]
fn an_area_without_enough_evidence_is_not_comparable() {
    let a = vec![
        assessment(1, "2026-01-10").score("a.x", 3.0).done(),
        assessment(2, "2026-04-10").grade("a.x.1", 2, "").done(), // 1 of 10 graded
    ];
    let h = run(&a, "2026-04-10");
    let change = area(&h, "a").since_previous.clone().unwrap();
    assert_eq!((change.change, change.to, change.difference), (Change::NotComparable, None, None));
}

#[test]
fn drafts_are_ignored_and_an_amendment_replaces_what_it_corrects() {
    let a = vec![
        assessment(1, "2026-01-10").score("a.x", 4.0).done(),
        assessment(2, "2026-01-10").score("a.x", 3.0).amends(1).done(),
        assessment(3, "2026-04-10").score("a.x", 1.0).draft().done(),
        // A draft amendment does not replace anything until it is finalised.
        assessment(4, "2026-01-10").score("a.x", 5.0).amends(2).draft().done(),
    ];
    let h = run(&a, "2026-04-20");
    assert_eq!(h.rounds.len(), 1);
    assert_eq!(h.latest_id(), Some(2));
    assert_eq!(area(&h, "a").points[0].score, Some(3.0));

    // An amendment of an amendment: only the last version counts.
    let mut chain = a.clone();
    chain[3] = assessment(4, "2026-01-10").score("a.x", 2.0).amends(2).done();
    let h = run(&chain, "2026-04-20");
    assert_eq!((h.latest_id(), area(&h, "a").points[0].score), (Some(4), Some(2.0)));
}

#[test]
fn a_review_round_is_different_assessors_within_28_days_of_its_first_assessment() {
    // (days after the first assessment, same assessor?, rounds expected)
    let table = [(0, false, 1), (27, false, 1), (28, false, 1), (29, false, 2), (10, true, 2)];
    for (days, same, expected) in table {
        let second = assessment(2, &(d("2026-02-01") + chrono::Days::new(days)).to_string()).score("a.x", 2.0);
        let second = if same { second } else { second.by("Olúwadámilọ́lá Hughes", "Health visiting") };
        let a = vec![assessment(1, "2026-02-01").score("a.x", 3.0).done(), second.done()];
        let h = run(&a, "2026-03-15");
        assert_eq!(h.rounds.len(), expected, "{days} days, same assessor: {same}");
    }
    // Anchored on the round's first assessment: a third assessor 20 days after the second
    // (40 after the first) starts a new round.
    let a = vec![
        assessment(1, "2026-02-01").score("a.x", 3.0).done(),
        assessment(2, "2026-02-21").score("a.x", 3.0).by("Ffion Ap Dafydd", "School").done(),
        assessment(3, "2026-03-13").score("a.x", 3.0).by("Chidi Ñúñez", "Police").done(),
    ];
    assert_eq!(
        run(&a, "2026-03-20").rounds.iter().map(|r| r.assessment_ids.clone()).collect::<Vec<_>>(),
        [vec![1, 2], vec![3]]
    );
}

/// The number a new checklist is given and the history's rounds are one rule: checklists
/// entered one by one (a late one dated before others among them) are numbered into the same
/// rounds as the history groups them into.
#[test]
fn the_round_number_given_and_the_historys_rounds_are_one_rule() {
    // (date, assessor, agency, number expected), in the order they are entered.
    let entered = [
        ("2026-02-01", "Siân Evans-Ōkafor", "Children's Social Care", 1),
        // Exactly 28 days after the round's first: the same round.
        ("2026-03-01", "Olúwadámilọ́lá Hughes", "Health visiting", 1),
        // 29 days: a new round.
        ("2026-03-02", "Ffion Ap Dafydd", "School", 2),
        ("2026-03-05", "Siân Evans-Ōkafor", "Children's Social Care", 2),
        // The same assessor again within the round: a new round.
        ("2026-03-10", "Siân Evans-Ōkafor", "Children's Social Care", 3),
        // Entered late, dated between two rounds: the earlier one, whose first is 19 days before
        // it (as the history groups it), never the later one that starts nearer but after it.
        ("2026-02-20", "Chidi Ñúñez", "Police", 1),
        // Entered late, 29 days before any round: a round of its own.
        ("2026-01-03", "Chidi Ñúñez", "Police", 4),
    ];
    let mut numbered: Vec<NumberedChecklist> = Vec::new();
    let mut assessments = Vec::new();
    for (i, (on, name, agency, expected)) in entered.into_iter().enumerate() {
        let assessor = Practitioner { name: name.into(), agency: agency.into(), role: "Practitioner".into() };
        let number = round_number_for(&numbered, d(on), &assessor);
        assert_eq!(number, expected, "{on} by {name}");
        numbered.push(NumberedChecklist { assessed_on: d(on), assessor, review_round: number });
        numbered.sort_by_key(|c| c.assessed_on);
        assessments.push(assessment(i as i64 + 1, on).by(name, agency).score("a.x", 2.0).done());
        assessments[i].review_round = number;
    }
    let by_number = |n: u32| assessments.iter().filter(|a| a.review_round == n).map(|a| a.id).collect::<Vec<_>>();
    let history = run(&assessments, "2026-04-01");
    for round in &history.rounds {
        let number = assessments.iter().find(|a| a.id == round.assessment_ids[0]).unwrap().review_round;
        let mut numbered_alike = by_number(number);
        let mut in_round = round.assessment_ids.clone();
        numbered_alike.sort();
        in_round.sort();
        assert_eq!(in_round, numbered_alike, "round {number}");
    }
    assert_eq!(history.rounds.len(), 4);
}

#[test]
fn a_round_is_represented_by_the_same_agency_as_the_round_before() {
    let hv = ("Olúwadámilọ́lá Hughes", "Health visiting");
    let a = vec![
        assessment(1, "2026-01-10").score("a.x", 3.6).done(),
        assessment(2, "2026-04-10").score("a.x", 3.4).done(),
        // Health visiting grades later in the same round, much better: never averaged in,
        // and the social worker's score is compared with the social worker's.
        assessment(3, "2026-04-20").score("a.x", 2.0).by(hv.0, hv.1).done(),
    ];
    let h = run(&a, "2026-04-30");
    assert_eq!(h.rounds[1].assessment_ids, [2, 3]);
    assert_eq!(h.rounds[1].representative_id, 2);
    assert_eq!(area(&h, "a").since_previous.as_ref().unwrap().change, Change::NoChange);
    // With no earlier round from the same agency, the most recent assessment represents it.
    let h = run(&a[1..], "2026-04-30");
    assert_eq!(h.rounds[0].representative_id, 3);
}

#[test]
fn sustained_improvement_needs_six_months_held_to_the_day() {
    // (round dates and scores, sustained since)
    type Rounds = &'static [(&'static str, f64)];
    let table: [(Rounds, Option<&str>); 8] = [
        // Improved 1 Mar, still improved exactly 6 months later: sustained.
        (&[("2026-01-10", 3.6), ("2026-03-01", 2.8), ("2026-09-01", 2.9)], Some("2026-03-01")),
        // One day short.
        (&[("2026-01-10", 3.6), ("2026-03-01", 2.8), ("2026-08-31", 2.9)], None),
        // Slipped back to within 0.5 of where it started: not held.
        (&[("2026-01-10", 3.6), ("2026-03-01", 2.8), ("2026-06-01", 3.2), ("2026-10-01", 2.8)], None),
        // Held from the second improvement on.
        (
            &[("2026-01-10", 3.6), ("2026-03-01", 2.8), ("2026-06-01", 3.2), ("2026-08-01", 2.6), ("2027-02-01", 2.6)],
            Some("2026-08-01"),
        ),
        // Leap day: 29 Feb 2028 + 6 months = 29 Aug 2028.
        (&[("2028-01-10", 3.0), ("2028-02-29", 2.0), ("2028-08-29", 2.0)], Some("2028-02-29")),
        (&[("2028-01-10", 3.0), ("2028-02-29", 2.0), ("2028-08-28", 2.0)], None),
        // 31 Aug + 6 months = 28 Feb (the end of the shorter month).
        (&[("2025-07-10", 3.0), ("2025-08-31", 2.0), ("2026-02-28", 2.0)], Some("2025-08-31")),
        // Gradual change of less than 0.5 a round is shown by "since first", not flagged.
        (&[("2026-01-10", 3.6), ("2026-04-10", 3.2), ("2026-07-10", 2.8), ("2027-01-10", 2.4)], None),
    ];
    for (points, since) in table {
        let today = points.last().unwrap().0;
        let h = run(&series(points), today);
        assert_eq!(h.sustained.first().map(|s| s.since), since.map(d), "{points:?}");
    }
    let h = run(&series(table[0].0), "2026-09-01");
    let s = &h.sustained[0];
    assert_eq!((s.area_id.as_str(), s.change.from, s.change.to), ("a", Some(3.6), Some(2.9)));
}

#[test]
fn drift_is_no_improvement_at_concern_across_two_reviews_or_six_months() {
    struct Case {
        points: &'static [(&'static str, f64)],
        confirmed: Option<u8>,
        drift: Option<(DriftWindow, &'static str)>,
    }
    let table = [
        // Three rounds in four months, still at concern: two reviews without improvement.
        Case {
            points: &[("2026-01-10", 3.4), ("2026-03-10", 3.3), ("2026-05-10", 3.2)],
            confirmed: None,
            drift: Some((DriftWindow::TwoReviews, "2026-01-10")),
        },
        // Improved by 0.5 over the two reviews: no drift.
        Case { points: &[("2026-01-10", 3.6), ("2026-03-10", 3.3), ("2026-05-10", 3.1)], confirmed: None, drift: None },
        // Not at concern (computed 2.9, nothing confirmed).
        Case { points: &[("2026-01-10", 2.9), ("2026-03-10", 2.9), ("2026-05-10", 2.9)], confirmed: None, drift: None },
        // The confirmed grade decides "at concern": 2.9 confirmed as 3 is at concern...
        Case {
            points: &[("2026-01-10", 2.9), ("2026-03-10", 2.9), ("2026-05-10", 2.9)],
            confirmed: Some(3),
            drift: Some((DriftWindow::TwoReviews, "2026-01-10")),
        },
        // ...and 3.2 confirmed as 2 is not.
        Case {
            points: &[("2026-01-10", 3.2), ("2026-03-10", 3.2), ("2026-05-10", 3.2)],
            confirmed: Some(2),
            drift: None,
        },
        // Two rounds exactly 6 months apart with no improvement.
        Case {
            points: &[("2026-01-01", 3.5), ("2026-07-01", 3.5)],
            confirmed: None,
            drift: Some((DriftWindow::SixMonths, "2026-01-01")),
        },
        // One day short of 6 months, and only one review: no drift yet.
        Case { points: &[("2026-01-02", 3.5), ("2026-07-01", 3.5)], confirmed: None, drift: None },
        // Getting worse is not improving.
        Case {
            points: &[("2026-01-01", 3.0), ("2026-07-01", 4.0)],
            confirmed: None,
            drift: Some((DriftWindow::SixMonths, "2026-01-01")),
        },
        // Monthly reviews: the longer window (earlier baseline) is reported.
        Case {
            points: &[("2026-01-01", 3.5), ("2026-03-01", 3.5), ("2026-05-01", 3.5), ("2026-07-01", 3.5)],
            confirmed: None,
            drift: Some((DriftWindow::SixMonths, "2026-01-01")),
        },
        // Improved over 6 months but stuck for the last two reviews: still drift.
        Case {
            points: &[("2026-01-01", 4.2), ("2026-05-01", 3.5), ("2026-06-01", 3.5), ("2026-07-01", 3.5)],
            confirmed: None,
            drift: Some((DriftWindow::TwoReviews, "2026-05-01")),
        },
        // Leap day baseline: 29 Feb 2028 + 6 months = 29 Aug 2028.
        Case {
            points: &[("2028-02-29", 3.5), ("2028-08-29", 3.5)],
            confirmed: None,
            drift: Some((DriftWindow::SixMonths, "2028-02-29")),
        },
        Case { points: &[("2028-02-29", 3.5), ("2028-08-28", 3.5)], confirmed: None, drift: None },
    ];
    for case in table {
        let mut a = series(case.points);
        if let Some(grade) = case.confirmed {
            let last = a.pop().unwrap();
            a.push(Build(last).confirm("a", grade).done());
        }
        let today = case.points.last().unwrap().0;
        let h = run(&a, today);
        let got = h.drift.first().map(|dr| (dr.window, dr.change.from_date));
        assert_eq!(got, case.drift.map(|(w, on)| (w, d(on))), "{:?} confirmed {:?}", case.points, case.confirmed);
    }
}

#[test]
fn review_is_due_one_interval_after_the_latest_assessment_and_overdue_the_day_after() {
    let mut c = child();
    // (latest assessment, interval in months, today, due on, days overdue)
    let table = [
        ("2026-01-31", 3, "2026-04-29", "2026-04-30", 0),
        ("2026-01-31", 3, "2026-04-30", "2026-04-30", 0),
        ("2026-01-31", 3, "2026-05-01", "2026-04-30", 1),
        ("2025-08-31", 6, "2026-02-28", "2026-02-28", 0),
        ("2025-08-31", 6, "2026-03-01", "2026-02-28", 1),
        // A child assessed on 29 Feb: a year on is 28 Feb.
        ("2028-02-29", 12, "2029-03-01", "2029-02-28", 1),
        ("2028-02-29", 1, "2028-03-29", "2028-03-29", 0),
    ];
    for (assessed, interval, today, due, late) in table {
        c.review_interval_months = interval;
        let h = history(&checklist(), &c, &series(&[(assessed, 3.0)]), d(today));
        assert_eq!(h.review.due_on, Some(d(due)), "{assessed} + {interval}");
        assert_eq!((h.review.overdue, h.review.days_overdue), (late > 0, late), "{assessed} on {today}");
    }
    // Never assessed: due one interval after the plan started (20 Nov 2025 + 3 months).
    c.review_interval_months = 3;
    let h = history(&checklist(), &c, &[], d("2026-02-21"));
    assert_eq!((h.review.due_on, h.review.days_overdue), (Some(d("2026-02-20")), 1));
    c.plan_start = None;
    assert_eq!(history(&checklist(), &c, &[], d("2026-02-21")).review.due_on, None);
}

#[test]
fn time_on_plan_is_months_and_days_or_weeks_under_a_month() {
    let mut c = child();
    let table = [
        ("2026-03-01", "2026-03-01", 0, 0, "started today"),
        ("2026-03-01", "2026-03-02", 0, 1, "1 day"),
        ("2026-03-01", "2026-03-15", 0, 14, "2 weeks"),
        ("2026-03-01", "2026-03-18", 0, 17, "2 weeks and 3 days"),
        ("2026-01-31", "2026-02-27", 0, 27, "3 weeks and 6 days"),
        ("2026-01-31", "2026-02-28", 1, 0, "1 month"),
        ("2026-01-10", "2026-05-13", 4, 3, "4 months and 3 days"),
        ("2028-02-29", "2028-08-29", 6, 0, "6 months"),
        ("2028-02-29", "2029-02-28", 12, 0, "12 months"),
        ("2025-08-31", "2026-03-01", 6, 1, "6 months and 1 day"),
    ];
    for (start, today, months, days, words) in table {
        c.plan_start = Some(d(start));
        let t = time_on_plan(&c, d(today)).unwrap();
        assert_eq!((t.months, t.days, t.words.as_str()), (months, days, words), "{start} to {today}");
    }
    c.plan_start = Some(d("2026-03-02"));
    assert!(time_on_plan(&c, d("2026-03-01")).is_none(), "a plan starting tomorrow has no time yet");
    assert_eq!(add_months(d("2025-08-31"), 6), d("2026-02-28"));
    assert_eq!(add_months(d("2027-08-31"), 6), d("2028-02-29"));
}

#[test]
fn disagreement_is_two_grades_apart_between_assessors_in_one_round() {
    let hv = ("Olúwadámilọ́lá Hughes", "Health visiting");
    // (days between the two assessments, social worker's grade, health visitor's grade, listed)
    let table = [(28, 1, 3, true), (28, 4, 2, true), (28, 2, 3, false), (29, 1, 3, false), (0, 1, 5, true)];
    for (days, sw, hv_grade, listed) in table {
        let later = (d("2026-02-01") + chrono::Days::new(days)).to_string();
        let a = vec![
            assessment(1, "2026-02-01").grade("a.x.4", sw, "Fridge empty at two visits.").done(),
            assessment(2, &later).grade("a.x.4", hv_grade, "Weight on track at clinic.").by(hv.0, hv.1).done(),
        ];
        let found = disagreements(&checklist(), &a);
        assert_eq!(found.len(), usize::from(listed), "{days} days, {sw} vs {hv_grade}");
        if let Some(dis) = found.first() {
            assert_eq!((dis.item_id.as_str(), dis.area_id.as_str(), dis.spread), ("a.x.4", "a", sw.abs_diff(hv_grade)));
            let views: Vec<_> =
                dis.views.iter().map(|v| (v.assessor.agency.as_str(), v.grade, v.evidence.as_str())).collect();
            assert_eq!(
                views,
                [
                    ("Children's Social Care", sw, "Fridge empty at two visits."),
                    (hv.1, hv_grade, "Weight on track at clinic.")
                ]
            );
        }
    }
    // "Not known" is not a grade, and a superseded version does not disagree with anyone.
    let mut a = vec![
        assessment(1, "2026-02-01").grade("a.x.1", 1, "").grade("a.x.2", 1, "").done(),
        assessment(2, "2026-02-05").grade("a.x.2", 5, "").by(hv.0, hv.1).done(),
        assessment(3, "2026-02-05").grade("a.x.2", 2, "").by(hv.0, hv.1).amends(2).done(),
    ];
    a[2].items.push(ItemRecord {
        item_id: "a.x.1".into(),
        grade: Some(Grade::NotKnown),
        evidence: String::new(),
        source: None,
        evidence_date: None,
        professional_only: false,
        adult_id: None,
    });
    assert!(disagreements(&checklist(), &a).is_empty());
}

#[test]
fn a_child_never_assessed_is_flagged_when_a_sibling_has_a_checklist_even_an_overdue_one() {
    let today = d("2026-06-01");
    let kid = |id: i64, name: &str, household: Option<i64>| Child {
        id,
        name: name.into(),
        household_id: household,
        ..child()
    };
    let zoe = kid(1, "Zoë Łukasiewicz", Some(3));
    let sian = kid(2, "Siân Łukasiewicz", Some(3)); // the baby, never assessed
    let tomasz = kid(3, "Tomasz Nowak-Ó Briain", Some(4)); // never assessed
    let mair = kid(4, "Mair Nowak-Ó Briain", Some(4)); // checklist overdue
    let alone = kid(5, "Aarav Ünal", None); // never assessed, no household
    let eve = kid(6, "Eve Ward", Some(5)); // never assessed; her brother's checklist is not yet dated
    let olu = kid(7, "Olu Ward", Some(5));
    let children = [
        (&zoe, Some(d("2026-03-01"))), // due 1 Jun: still current today
        (&sian, None),
        (&tomasz, None),
        (&mair, Some(d("2026-02-28"))), // due 28 May: overdue
        (&alone, None),
        (&eve, None),
        (&olu, Some(d("2026-06-02"))), // after "today": not a checklist yet as at today
    ];
    let flagged = not_yet_assessed(&children, today);
    let found: Vec<_> = flagged.iter().map(|f| (f.child_id, f.assessed_sibling_ids.clone())).collect();
    // Tomasz stays found although Mair's review is overdue: the siblings' status never hides him.
    assert_eq!(found, vec![(2, vec![1]), (3, vec![4])]);
    // Long after every sibling's review fell due, the babies are still flagged.
    assert_eq!(not_yet_assessed(&children, d("2027-06-02")).len(), 3);
}

// ---- Issue 14: never more reassuring than the evidence ----

/// The test checklist with item `a.x.2` marked serious from grade 4 (as the content marks unsafe
/// sleep for a baby), built here rather than relying on any shipped mark.
fn with_serious_item() -> Checklist {
    let mut c = checklist();
    c.areas[0].subareas[0].items[1].serious_from = Some(4);
    c
}

#[test]
fn a_five_from_the_agency_that_does_not_represent_the_round_is_named_with_its_agency() {
    // Social care represents both rounds (like with like). In the latest round the school
    // grades a.x.1 a 5 where social care gave 4: a gap of 1, below the disagreement threshold.
    let a = vec![
        assessment(1, "2026-01-10").score("a.x", 3.0).done(),
        assessment(2, "2026-04-10").score("a.x", 3.0).grade("a.x.1", 4, "Seen on the visit.").done(),
        assessment(3, "2026-04-20")
            .by("Priya Ndlovu", "School")
            .score("a.x", 3.0)
            .grade("a.x.1", 5, "Came to school hungry every day.")
            .done(),
    ];
    let h = history(&checklist(), &child(), &a, d("2026-04-30"));
    assert_eq!(h.rounds.last().unwrap().representative_id, 2);
    // The representative's area is not urgent, but the round's list names the school's 5.
    assert!(!area(&h, "a").points.last().unwrap().urgent);
    let named: Vec<_> = h.urgent.iter().map(|u| (u.item_id.as_str(), u.grade, u.assessor.agency.as_str())).collect();
    assert_eq!(named, [("a.x.1", 5, "School")]);
    assert!(h.urgent[0].words().contains("School"), "{}", h.urgent[0].words());
    assert!(disagreements(&checklist(), &a).is_empty(), "a gap of 1 is not a disagreement");
    // An earlier round's 5 is not the latest round's.
    let later = [a.clone(), vec![assessment(4, "2026-07-10").score("a.x", 3.0).done()]].concat();
    assert!(history(&checklist(), &child(), &later, d("2026-07-20")).urgent.is_empty());
}

#[test]
fn a_serious_item_is_urgent_from_its_serious_grade_and_not_below() {
    let c = with_serious_item();
    for (grade, urgent) in [(3u8, false), (4, true), (5, true)] {
        let a = vec![assessment(1, "2026-01-10").score("a.x", 2.0).grade("a.x.2", grade, "").done()];
        let h = history(&c, &child(), &a, d("2026-01-20"));
        assert_eq!(area(&h, "a").points[0].urgent, urgent, "grade {grade}");
        assert_eq!(h.urgent.len(), usize::from(urgent), "grade {grade}");
        if let Some(u) = h.urgent.first() {
            assert_eq!(u.serious, grade < 5);
        }
    }
    // An unmarked item at 4 is not urgent.
    let a = vec![assessment(1, "2026-01-10").score("a.x", 2.0).grade("a.x.3", 4, "").done()];
    assert!(history(&c, &child(), &a, d("2026-01-20")).urgent.is_empty());
}

#[test]
fn an_improved_area_still_at_concern_is_improving_not_sustained() {
    let c = with_serious_item();
    // (rounds, sustained, improving still a concern)
    type Rounds = &'static [(&'static str, f64)];
    let table: [(Rounds, bool, bool); 4] = [
        // Held six months and below the concern band (2.9): sustained.
        (&[("2026-01-10", 3.6), ("2026-03-01", 2.9), ("2026-09-01", 2.9)], true, false),
        // Held six months but 3.0 is at concern: improving, still a concern.
        (&[("2026-01-10", 3.7), ("2026-03-01", 3.0), ("2026-09-01", 3.0)], false, true),
        // Improved from 4.4 to 3.4 and held: still a concern.
        (&[("2026-01-10", 4.4), ("2026-03-01", 3.4), ("2026-09-01", 3.4)], false, true),
        // Held for less than six months and still at concern: improving, still a concern already.
        (&[("2026-01-10", 4.4), ("2026-03-01", 3.4)], false, true),
    ];
    for (points, sustained, improving) in table {
        let h = history(&c, &child(), &series(points), d(points.last().unwrap().0));
        assert_eq!((!h.sustained.is_empty(), !h.improving_concern.is_empty()), (sustained, improving), "{points:?}");
    }
    // Below the band by the numbers, but a serious item in the latest round: still a concern.
    let mut a = series(&[("2026-01-10", 3.6), ("2026-03-01", 2.5), ("2026-09-01", 2.5)]);
    a[2] = assessment(3, "2026-09-01").score("a.x", 2.5).grade("a.x.2", 4, "").done();
    let h = history(&c, &child(), &a, d("2026-09-01"));
    assert!(h.sustained.is_empty() && h.improving_concern.len() == 1, "{:?}", h.improving_concern);
    // A confirmed grade of 3 keeps a computed 2.9 at concern.
    let mut a = series(&[("2026-01-10", 3.6), ("2026-03-01", 2.9), ("2026-09-01", 2.9)]);
    a[2] = assessment(3, "2026-09-01").score("a.x", 2.9).confirm("a", 3).done();
    let h = history(&c, &child(), &a, d("2026-09-01"));
    assert!(h.sustained.is_empty() && h.improving_concern.len() == 1);
}

#[test]
fn an_item_two_grades_worse_or_newly_serious_is_listed_even_when_the_area_reads_no_change() {
    let c = with_serious_item();
    let a = vec![
        assessment(1, "2026-01-10")
            .score("a.x", 2.0)
            .grade("a.x.1", 2, "")
            .grade("a.x.2", 3, "")
            .grade("a.x.3", 2, "")
            .done(),
        // a.x.1: 2 -> 4 (worse by 2); a.x.3: 2 -> 3 (by 1, not listed); a.x.2: 3 -> 4 (serious).
        assessment(2, "2026-04-10")
            .score("a.x", 2.0)
            .grade("a.x.1", 4, "")
            .grade("a.x.2", 4, "")
            .grade("a.x.3", 3, "")
            .grade("a.x.4", 1, "")
            .grade("a.x.5", 1, "")
            .done(),
    ];
    let h = history(&c, &child(), &a, d("2026-04-20"));
    assert_eq!(area(&h, "a").since_previous.as_ref().unwrap().change, Change::NoChange);
    let listed: Vec<_> = h.item_changes.iter().map(|i| (i.item_id.as_str(), i.from, i.to, i.serious)).collect();
    assert_eq!(listed, [("a.x.1", Some(2), 4, false), ("a.x.2", Some(3), 4, true)]);
    // Already serious in the previous round and still 4: not "reached" again.
    let a = vec![
        assessment(1, "2026-01-10").score("a.x", 2.0).grade("a.x.2", 4, "").done(),
        assessment(2, "2026-04-10").score("a.x", 2.0).grade("a.x.2", 4, "").done(),
    ];
    assert!(history(&c, &child(), &a, d("2026-04-20")).item_changes.is_empty());
    // Not known before and serious now: listed, "from" unknown.
    let mut first = assessment(1, "2026-01-10").score("a.x", 2.0).done();
    first.items.retain(|i| i.item_id != "a.x.2");
    let a = vec![first, assessment(2, "2026-04-10").score("a.x", 2.0).grade("a.x.2", 5, "").done()];
    let h = history(&c, &child(), &a, d("2026-04-20"));
    assert_eq!(h.item_changes.iter().map(|i| (i.item_id.as_str(), i.from)).collect::<Vec<_>>(), [("a.x.2", None)]);
}

#[test]
fn items_nobody_in_the_latest_round_graded_are_listed_and_serious_ones_marked() {
    let c = with_serious_item();
    let mut rep = assessment(1, "2026-01-10").score("a.x", 2.0).score("b.x", 2.0).score("b.y", 2.0).done();
    rep.items.retain(|i| !["a.x.1", "a.x.2", "a.x.3"].contains(&i.item_id.as_str()));
    rep.items.push(ItemRecord {
        item_id: "a.x.2".into(),
        grade: Some(Grade::NotKnown),
        evidence: String::new(),
        source: None,
        evidence_date: None,
        professional_only: false,
        adult_id: None,
    });
    // The school graded a.x.1 in the same round: it is known.
    let school = assessment(2, "2026-01-15").by("Priya Ndlovu", "School").grade("a.x.1", 2, "").done();
    let h = history(&c, &child(), &[rep, school], d("2026-01-20"));
    let listed: Vec<_> = h.unknown.iter().map(|u| (u.item_id.as_str(), u.serious_item, u.marked_not_known)).collect();
    assert_eq!(listed, [("a.x.2", true, true), ("a.x.3", false, false)]);
}

#[test]
fn areas_two_agencies_score_one_grade_or_more_apart_are_listed() {
    for (school, listed) in [(2.1, true), (2.2, false)] {
        let a = vec![
            assessment(1, "2026-01-10").score("a.x", 3.1).done(),
            assessment(2, "2026-01-20").by("Priya Ndlovu", "School").score("a.x", school).done(),
        ];
        let gaps = area_gaps(&checklist(), &child(), &a);
        assert_eq!(gaps.len(), usize::from(listed), "school {school}");
        if listed {
            assert_eq!((gaps[0].area_id.as_str(), gaps[0].spread, gaps[0].views.len()), ("a", 1.0, 2));
        }
    }
    // Two assessors in different rounds are never compared.
    let a = vec![
        assessment(1, "2026-01-10").score("a.x", 3.5).done(),
        assessment(2, "2026-03-10").by("Priya Ndlovu", "School").score("a.x", 2.0).done(),
    ];
    assert!(area_gaps(&checklist(), &child(), &a).is_empty());
}

#[test]
fn the_confirmed_grade_leads_the_band() {
    let a =
        vec![assessment(1, "2026-01-10").score("a.x", 2.6).score("b.x", 2.6).score("b.y", 2.6).confirm("a", 4).done()];
    let h = history(&checklist(), &child(), &a, d("2026-01-20"));
    let p = &area(&h, "a").points[0];
    assert_eq!(
        (p.band, p.shown_band),
        (Some(ntk_core::scoring::Band::MostlyMet), Some(ntk_core::scoring::Band::SeriousConcern))
    );
    let p = &area(&h, "b").points[0];
    assert_eq!(p.shown_band, p.band, "unconfirmed: the computed band");
}

/// Every area of the test checklist at `score` on each (date, score).
fn every_area(points: &[(&str, f64)]) -> Vec<Assessment> {
    points
        .iter()
        .enumerate()
        .map(|(i, (on, s))| assessment(i as i64 + 1, on).score("a.x", *s).score("b.x", *s).score("b.y", *s).done())
        .collect()
}

fn open_plan() -> ntk_core::plans::Plan {
    ntk_core::plans::Plan {
        id: 1,
        child_id: 7,
        plan_type: ntk_core::plans::PlanType::ChildProtection,
        category: Some(PlanCategory::Neglect),
        started_on: d("2025-11-20"),
        ended_on: None,
        outcome: None,
    }
}

#[test]
fn step_down_is_considered_when_every_area_held_an_improvement_below_concern_for_six_months() {
    use ntk_core::plans::consider_step_down;
    let plan = open_plan();
    // Every area improved on 1 Mar and held below concern to 1 Sep: exactly 6 months.
    let held = every_area(&[("2026-01-10", 3.6), ("2026-03-01", 2.8), ("2026-09-01", 2.9)]);
    let prompt = consider_step_down(Some(&plan), &run(&held, "2026-09-01")).expect("step-down");
    assert!(prompt.starts_with("Consider step-down: every area"), "{prompt}");
    // One day short of 6 months.
    let short = every_area(&[("2026-01-10", 3.6), ("2026-03-01", 2.8), ("2026-08-31", 2.9)]);
    assert_eq!(consider_step_down(Some(&plan), &run(&short, "2026-08-31")), None);
    // Held, but one area still at concern (3.0 is at concern).
    let mut one_at_concern = held.clone();
    let last = one_at_concern.pop().unwrap();
    one_at_concern.push(Build(last).score("b.y", 3.1).confirm("b", 3).done());
    assert_eq!(consider_step_down(Some(&plan), &run(&one_at_concern, "2026-09-01")), None);
    // One area never scored: not every area has shown an improvement.
    let only_a = series(&[("2026-01-10", 3.6), ("2026-03-01", 2.8), ("2026-09-01", 2.9)]);
    assert_eq!(consider_step_down(Some(&plan), &run(&only_a, "2026-09-01")), None);
    // No plan, nothing to step down from.
    assert_eq!(consider_step_down(None, &run(&held, "2026-09-01")), None);
}

#[test]
fn escalation_is_considered_when_drift_persists_over_two_reviews_or_an_urgent_item_comes_back() {
    use ntk_core::plans::consider_escalation;
    let prompt = |points: &[(&str, f64)]| consider_escalation(&run(&series(points), points.last().unwrap().0));
    // At concern and not improved across the last two reviews.
    let two = prompt(&[("2026-01-10", 3.4), ("2026-03-10", 3.3), ("2026-05-10", 3.2)]).expect("escalation");
    assert_eq!(two, "Consider escalation: drift over 2 reviews in Area A.");
    // Improved by 0.5 over the two reviews: no escalation.
    assert_eq!(prompt(&[("2026-01-10", 3.6), ("2026-03-10", 3.3), ("2026-05-10", 3.1)]), None);
    // Drift at one review only (six months, two rounds): drift, but not over 2 reviews.
    assert!(!run(&series(&[("2026-01-01", 3.5), ("2026-07-01", 3.5)]), "2026-07-01").drift.is_empty());
    assert_eq!(prompt(&[("2026-01-01", 3.5), ("2026-07-01", 3.5)]), None);
    // Drifting (six months) at the previous review and at this one, though improved on the
    // round two reviews back (4.4 to 3.9).
    let previous_too = [("2025-01-01", 4.9), ("2025-02-01", 4.4), ("2025-08-01", 4.3), ("2026-02-01", 3.9)];
    assert_eq!(prompt(&previous_too).as_deref(), Some("Consider escalation: drift over 2 reviews in Area A."));
    // Improved at the latest review after two without: the drift has ended.
    assert_eq!(prompt(&[("2026-01-01", 3.5), ("2026-03-01", 3.5), ("2026-05-01", 3.5), ("2026-06-01", 2.9)]), None);

    // An urgent item (graded 5) at one review and again at the next.
    let urgent = |second: u8| {
        let a = vec![
            assessment(1, "2026-01-10").score("a.x", 2.0).grade("a.x.1", 5, "").done(),
            assessment(2, "2026-03-10").score("a.x", 2.0).grade("a.x.1", second, "").done(),
        ];
        consider_escalation(&run(&a, "2026-03-10"))
    };
    assert_eq!(urgent(5).as_deref(), Some("Consider escalation: urgent again at this review: Item a.x.1 (Area A)."));
    assert_eq!(urgent(4), None, "graded 4 at the next review: not urgent again");
}

#[test]
fn good_engagement_at_two_reviews_running_while_an_area_at_concern_has_not_improved_asks_about_change() {
    use ntk_core::core_group::{consider_engagement_without_change, Engagement, EngagementRating};
    let rating = |id: i64, on: &str, carer: &str, e: u8| EngagementRating {
        id,
        child_id: 7,
        rated_on: d(on),
        carer: carer.into(),
        engagement: Engagement(e),
    };
    let stuck = run(&series(&[("2026-01-10", 3.4), ("2026-03-10", 3.3)]), "2026-03-10");
    let improved = run(&series(&[("2026-01-10", 3.8), ("2026-03-10", 3.3)]), "2026-03-10");
    let good_twice = [rating(1, "2026-01-10", "Parent One", 2), rating(2, "2026-03-10", "Parent One", 1)];
    let prompt = consider_engagement_without_change(&good_twice, &stuck).expect("prompt");
    assert!(
        prompt.starts_with("Consider whether engagement is leading to change for the child: Parent One"),
        "{prompt}"
    );
    assert!(prompt.contains("Area A"), "{prompt}");
    // The area improved (and is still at concern): the engagement is leading somewhere.
    assert_eq!(consider_engagement_without_change(&good_twice, &improved), None);
    // Good once, then 3: not 2 reviews running.
    let once = [rating(1, "2026-01-10", "Parent One", 1), rating(2, "2026-03-10", "Parent One", 3)];
    assert_eq!(consider_engagement_without_change(&once, &stuck), None);
    // Good at the latest two of three.
    let latest_two = [
        rating(1, "2025-11-10", "Parent One", 5),
        rating(2, "2026-01-10", "Parent One", 2),
        rating(3, "2026-03-10", "Parent One", 2),
    ];
    assert!(consider_engagement_without_change(&latest_two, &stuck).is_some());
    // One rating only.
    assert_eq!(consider_engagement_without_change(&good_twice[1..], &stuck), None);
    // Two carers, each rated good once: no carer has 2 reviews running.
    let split = [rating(1, "2026-01-10", "Parent One", 1), rating(2, "2026-03-10", "Parent Two", 1)];
    assert_eq!(consider_engagement_without_change(&split, &stuck), None);
}

/// The core group's agreed grade on the history, at its edges: agreed higher, lower and equal
/// to the practitioners' grade; no meeting; a meeting of another round; a later meeting of the
/// same round; a meeting before any round.
#[test]
fn an_agreed_grade_is_shown_for_its_own_round_and_the_practitioners_grade_beside_a_better_one() {
    use ntk_core::core_group::{round_of_meeting, with_agreed_grades, AgreedGrade, CoreGroupMeeting, Dissent};
    let meeting = |id: i64, on: &str, agreed: &[(&str, u8)]| CoreGroupMeeting {
        id,
        child_id: 7,
        held_on: d(on),
        agencies_present: vec!["Children's Social Care".into(), "Health".into()],
        agencies_absent: Vec::new(),
        not_involved: Vec::new(),
        agreed: agreed
            .iter()
            .map(|(area, grade)| AgreedGrade {
                area_id: area.to_string(),
                grade: *grade,
                dissent: vec![Dissent { agency: "Health".into(), reason: "The dentist was missed twice.".into() }],
            })
            .collect(),
    };
    // Round 1 (1 Mar): area "a" confirmed 3, area "b" computed 3.0 with no confirmation.
    // Round 2 (1 Jun): area "a" confirmed 4.
    let assessments = vec![
        assessment(1, "2026-03-01").score("a.x", 3.2).confirm("a", 3).score("b.x", 3.0).score("b.y", 3.0).done(),
        assessment(2, "2026-06-01").score("a.x", 3.8).confirm("a", 4).score("b.x", 3.0).score("b.y", 3.0).done(),
    ];
    let agreed = |meetings: &[CoreGroupMeeting]| {
        let mut h = run(&assessments, "2026-07-01");
        let before = h.clone();
        with_agreed_grades(&mut h, meetings);
        // Nothing but the agreed grade changes: flags and change stay the practitioners'.
        let mut without = h.clone();
        without.areas.iter_mut().flat_map(|a| a.points.iter_mut()).for_each(|p| p.agreed = None);
        assert_eq!(without, before);
        h
    };
    let at = |h: &History, area_id: &str, round: usize| area(h, area_id).points[round].agreed.clone();

    // No meeting: no agreed grade anywhere.
    let h = agreed(&[]);
    assert!(h.areas.iter().flat_map(|a| &a.points).all(|p| p.agreed.is_none()));

    // A meeting held before the latest round started agreed for the round before, not the latest.
    let h = agreed(&[meeting(1, "2026-05-31", &[("a", 3)])]);
    assert_eq!(at(&h, "a", 0).map(|g| g.grade), Some(3));
    assert_eq!(at(&h, "a", 1), None, "a meeting of another round");
    assert_eq!(round_of_meeting(&meeting(2, "2026-02-28", &[]), &h.rounds), None, "held before any round");
    assert_eq!(round_of_meeting(&meeting(3, "2026-06-01", &[]), &h.rounds), Some(1), "held the day the round began");

    // Equal to the confirmed grade: said as agreed, not better.
    let g = at(&h, "a", 0).unwrap();
    assert_eq!(g.words, "agreed at the core group on 31 May 2026");
    assert!(!g.better_than_assessed);
    assert_eq!((g.assessed_confirmed, g.dissent.len()), (Some(3), 1));

    // Agreed higher (worse) than confirmed 4: not better. Agreed lower (better): the confirmed
    // grade goes beside it. A later meeting of the same round stands over an earlier one.
    let h = agreed(&[meeting(1, "2026-06-10", &[("a", 5)]), meeting(2, "2026-06-20", &[("a", 2), ("b", 2)])]);
    let g = at(&h, "a", 1).unwrap();
    assert_eq!((g.grade, g.better_than_assessed, g.assessed_confirmed), (2, true, Some(4)));
    assert_eq!(
        g.sentence,
        "grade 2, agreed at the core group on 20 June 2026; lower than the practitioners' confirmed grade 4; \
         Health disagrees: The dentist was missed twice"
    );
    let h = agreed(&[meeting(1, "2026-06-10", &[("a", 5)])]);
    let g = at(&h, "a", 1).unwrap();
    assert_eq!((g.grade, g.better_than_assessed), (5, false));
    assert!(!g.sentence.contains("practitioners'"), "{}", g.sentence);

    // Without a confirmed grade the computed score is the practitioners' grade: 3 against 3.0 is
    // equal, 2 is better, 4 is worse.
    for (grade, better) in [(3, false), (2, true), (4, false)] {
        let h = agreed(&[meeting(1, "2026-06-10", &[("b", grade)])]);
        let g = at(&h, "b", 1).unwrap();
        assert_eq!((g.better_than_assessed, g.assessed_score), (better, Some(3.0)), "agreed {grade}");
        assert_eq!(g.sentence.contains("lower than the practitioners' computed score 3.0"), better, "{}", g.sentence);
    }
}
