//! The scoring rules, one table per rule, plus properties over the shipped checklist.

use std::collections::HashMap;

use ntk_core::checklist::Checklist;
use ntk_core::model::AgeBand;
use ntk_core::scoring::{check_confirmation, score, Band, ConfirmationFault, Grade};
use proptest::prelude::*;

/// A small checklist with known shape: area "a" has sub-areas a.x (items a.x.1..5) and a.y
/// (items a.y.1..2); item a.y.2 applies only to teenagers. Area "b" has one item, b.z.1.
fn test_checklist() -> Checklist {
    let item = |id: &str, bands: &str| {
        format!(
            r#"{{"id":"{id}","title":"Item {id}","age_bands":{bands},
               "descriptors":["one {id}","two {id}","three {id}","four {id}","five {id}"],
               "guidance":"Look at {id}."}}"#
        )
    };
    let all = r#"["0-1","1-4","5-11","12-17"]"#;
    let x: Vec<String> = (1..=5).map(|n| item(&format!("a.x.{n}"), all)).collect();
    let json = format!(
        r#"{{"id":"t","version":"1","title":"T","areas":[
            {{"id":"a","name":"Area A","description":"A.","subareas":[
                {{"id":"a.x","name":"X","items":[{}]}},
                {{"id":"a.y","name":"Y","items":[{},{}]}}]}},
            {{"id":"b","name":"Area B","description":"B.","subareas":[
                {{"id":"b.z","name":"Z","items":[{}]}}]}}]}}"#,
        x.join(","),
        item("a.y.1", all),
        item("a.y.2", r#"["12-17"]"#),
        item("b.z.1", all)
    );
    Checklist::from_json(&json).unwrap()
}

fn grades(pairs: &[(&str, Grade)]) -> HashMap<String, Grade> {
    pairs.iter().map(|(id, g)| (id.to_string(), *g)).collect()
}

use Grade::*;

#[test]
fn all_not_known_gives_no_score_and_lists_every_item_as_missing() {
    let c = test_checklist();
    let g = grades(&[
        ("a.x.1", NotKnown),
        ("a.x.2", NotKnown),
        ("a.x.3", NotKnown),
        ("a.x.4", NotKnown),
        ("a.x.5", NotKnown),
        ("a.y.1", NotKnown),
    ]);
    let a = &score(&c, &g, AgeBand::Primary).areas[0];
    assert_eq!((a.score, a.band, a.enough_evidence, a.completeness_percent), (None, None, false, 0));
    assert_eq!(a.missing_items.len(), 6);
    assert!(a.subareas.iter().all(|s| s.score.is_none()));
}

#[test]
fn a_single_five_among_ones_flags_the_area_urgent_whatever_the_mean() {
    let c = test_checklist();
    let g = grades(&[("a.x.1", G1), ("a.x.2", G1), ("a.x.3", G5), ("a.x.4", G1), ("a.x.5", G1), ("a.y.1", G1)]);
    let a = &score(&c, &g, AgeBand::Primary).areas[0];
    // X: (1+1+5+1+1)/5 = 1.8; Y: 1.0; area (1.8+1.0)/2 = 1.4: "needs met", and still urgent.
    assert_eq!(a.subareas[0].score, Some(1.8));
    assert_eq!(a.score, Some(1.4));
    assert_eq!(a.band, Some(Band::NeedsMet));
    assert_eq!(a.urgent_items, vec!["a.x.3".to_string()]);
}

#[test]
fn items_outside_the_childs_age_band_do_not_count_at_all() {
    let c = test_checklist();
    let g = grades(&[
        ("a.x.1", G2),
        ("a.x.2", G2),
        ("a.x.3", G2),
        ("a.x.4", G2),
        ("a.x.5", G2),
        ("a.y.1", G2),
        ("a.y.2", G5),
    ]);
    let baby = &score(&c, &g, AgeBand::Infant).areas[0];
    assert_eq!((baby.applicable, baby.graded, baby.score), (6, 6, Some(2.0)));
    assert!(baby.urgent_items.is_empty(), "a teenager's item graded 5 must not flag a baby's area");
    let teen = &score(&c, &g, AgeBand::Teen).areas[0];
    assert_eq!((teen.applicable, teen.graded), (7, 7));
    assert_eq!(teen.subareas[1].score, Some(3.5)); // (2 + 5) / 2
    assert_eq!(teen.score, Some(2.8)); // (2.0 + 3.5) / 2 = 2.75, halves round up
    assert_eq!(teen.urgent_items, vec!["a.y.2".to_string()]);
}

#[test]
fn an_area_is_scored_from_exactly_sixty_percent_of_applicable_items() {
    let c = test_checklist();
    // Primary: area A has 6 applicable items. 3 of 6 = 50%: not scored. 4 of 6 = 66%: scored.
    let three = grades(&[("a.x.1", G3), ("a.x.2", G3), ("a.y.1", G3)]);
    let a = &score(&c, &three, AgeBand::Primary).areas[0];
    assert_eq!((a.enough_evidence, a.score, a.completeness_percent), (false, None, 50));
    assert_eq!(a.subareas[0].score, Some(3.0), "sub-area scores are still shown");
    // Marking two items not applicable leaves 4 applicable; 3 of 5 would be exactly 60%.
    let mut exactly = three.clone();
    exactly.insert("a.x.5".into(), NotApplicable);
    let a = &score(&c, &exactly, AgeBand::Primary).areas[0];
    assert_eq!((a.applicable, a.graded, a.completeness_percent), (5, 3, 60));
    assert!(a.enough_evidence);
    assert_eq!(a.score, Some(3.0));
    assert_eq!(a.band, Some(Band::Concern));
}

#[test]
fn not_applicable_items_leave_the_denominator_and_not_known_items_stay_in_it() {
    let c = test_checklist();
    let g = grades(&[("a.x.1", G2), ("a.x.2", NotKnown), ("a.x.3", NotApplicable)]);
    let a = &score(&c, &g, AgeBand::Primary).areas[0];
    assert_eq!((a.applicable, a.graded), (5, 1));
    assert_eq!(a.missing_items, ["a.x.2", "a.x.4", "a.x.5", "a.y.1"]);
}

#[test]
fn means_round_to_one_decimal_with_halves_up() {
    let c = test_checklist();
    for (x_grades, expected) in [
        (vec![G1, G2], 1.5),
        (vec![G1, G1, G2], 1.3),
        (vec![G1, G2, G2], 1.7),
        (vec![G2, G2, G3], 2.3),
        (vec![G4, G4, G5, G5], 4.5),
        (vec![G1, G2, G2, G2, G2], 1.8),
    ] {
        let g: HashMap<String, Grade> =
            x_grades.iter().enumerate().map(|(i, g)| (format!("a.x.{}", i + 1), *g)).collect();
        assert_eq!(score(&c, &g, AgeBand::Primary).areas[0].subareas[0].score, Some(expected), "{x_grades:?}");
    }
}

#[test]
fn bands_change_at_two_three_and_four() {
    for (score, band) in [
        (1.0, Band::NeedsMet),
        (1.9, Band::NeedsMet),
        (2.0, Band::MostlyMet),
        (2.9, Band::MostlyMet),
        (3.0, Band::Concern),
        (3.9, Band::Concern),
        (4.0, Band::SeriousConcern),
        (5.0, Band::SeriousConcern),
    ] {
        assert_eq!(Band::of(score), band, "{score}");
    }
}

#[test]
fn a_confirmed_grade_more_than_one_away_needs_a_reason() {
    let reason_needed =
        |c: Option<f64>| Err(ConfirmationFault::ReasonNeeded { computed: c.map(|s| format!("{s:.1}")) });
    for (computed, confirmed, reason, expected) in [
        (Some(2.0), 3, "", Ok(())),
        (Some(2.0), 1, "", Ok(())),
        (Some(1.9), 3, "", reason_needed(Some(1.9))),
        (Some(2.4), 4, "", reason_needed(Some(2.4))),
        (Some(2.4), 4, "Evidence since the visit shows the baby is left alone.", Ok(())),
        (Some(4.6), 3, "   ", reason_needed(Some(4.6))),
        (None, 3, "", reason_needed(None)),
        (None, 3, "Based on the health visitor's records.", Ok(())),
        (Some(3.0), 0, "a reason", Err(ConfirmationFault::NotAGrade)),
        (Some(3.0), 6, "a reason", Err(ConfirmationFault::NotAGrade)),
    ] {
        assert_eq!(check_confirmation(computed, confirmed, reason, false), expected, "{computed:?} -> {confirmed}");
    }
    let message = check_confirmation(Some(2.4), 4, "", false).unwrap_err().to_string();
    assert!(message.contains("more than 1 away from the computed score (2.4)"), "{message}");
}

// ---- properties over the shipped checklist ----

fn shipped() -> &'static Checklist {
    static C: std::sync::OnceLock<Checklist> = std::sync::OnceLock::new();
    C.get_or_init(Checklist::shipped)
}

/// For each item of the shipped checklist: 0 = unanswered, 1..=5 a grade, 6 not known, 7 not applicable.
fn answers() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(0u8..=7, shipped().items().count())
}

fn band() -> impl Strategy<Value = AgeBand> {
    proptest::sample::select(AgeBand::ALL.to_vec())
}

fn to_grades(answers: &[u8]) -> HashMap<String, Grade> {
    shipped()
        .items()
        .zip(answers)
        .filter_map(|(item, a)| {
            let g = match a {
                0 => return None,
                6 => NotKnown,
                7 => NotApplicable,
                n => Grade::from_score(*n).unwrap(),
            };
            Some((item.id.clone(), g))
        })
        .collect()
}

proptest! {
    #[test]
    fn scores_stay_between_one_and_five(answers in answers(), band in band()) {
        for area in score(shipped(), &to_grades(&answers), band).areas {
            for s in area.score.into_iter().chain(area.subareas.iter().filter_map(|s| s.score)) {
                prop_assert!((1.0..=5.0).contains(&s), "{} scored {}", area.id, s);
            }
            prop_assert!(area.completeness_percent <= 100);
        }
    }

    #[test]
    fn not_known_never_changes_a_score(answers in answers(), band in band()) {
        let before = score(shipped(), &to_grades(&answers), band);
        // Mark every unanswered item "not known": the profile must be identical.
        let all_not_known: Vec<u8> = answers.iter().map(|a| if *a == 0 { 6 } else { *a }).collect();
        prop_assert_eq!(before, score(shipped(), &to_grades(&all_not_known), band));
    }

    #[test]
    fn raising_a_grade_never_lowers_its_area_score(answers in answers(), band in band(), pick in any::<proptest::sample::Index>()) {
        let graded: Vec<usize> = (0..answers.len()).filter(|i| (1..=4).contains(&answers[*i])).collect();
        prop_assume!(!graded.is_empty());
        let i = graded[pick.index(graded.len())];
        let mut raised = answers.clone();
        raised[i] += 1;
        let before = score(shipped(), &to_grades(&answers), band);
        let after = score(shipped(), &to_grades(&raised), band);
        for (b, a) in before.areas.iter().zip(&after.areas) {
            prop_assert_eq!(b.enough_evidence, a.enough_evidence);
            if let (Some(b_score), Some(a_score)) = (b.score, a.score) {
                prop_assert!(a_score >= b_score, "{}: {} -> {}", b.id, b_score, a_score);
            }
            for (bs, as_) in b.subareas.iter().zip(&a.subareas) {
                if let (Some(x), Some(y)) = (bs.score, as_.score) {
                    prop_assert!(y >= x);
                }
            }
        }
    }
}

// ---- Issue 14: serious items and the confirmed grade beside them ----

#[test]
fn a_serious_item_flags_its_area_from_its_serious_grade_never_below() {
    let mut c = test_checklist();
    c.areas[0].subareas[0].items[1].serious_from = Some(4); // a.x.2, as unsafe sleep for a baby
    for (grade, urgent) in [(G3, false), (G4, true), (G5, true)] {
        let g = grades(&[("a.x.1", G1), ("a.x.2", grade), ("a.x.3", G1), ("a.x.4", G1), ("a.y.1", G1)]);
        let a = &score(&c, &g, AgeBand::Primary).areas[0];
        assert_eq!(a.urgent_items == vec!["a.x.2".to_string()], urgent, "{grade:?}: {:?}", a.urgent_items);
        assert!(a.band.is_some_and(|b| b < Band::Concern), "the mean stays calm; the flag must not");
    }
    // An unmarked item at 4 is averaged like any other.
    let g = grades(&[("a.x.1", G4), ("a.x.2", G1), ("a.x.3", G1), ("a.x.4", G1), ("a.y.1", G1)]);
    assert!(score(&c, &g, AgeBand::Primary).areas[0].urgent_items.is_empty());
}

#[test]
fn a_confirmed_grade_better_than_the_computed_score_beside_an_urgent_item_needs_a_reason() {
    let urgent = |c: &str| Err(ConfirmationFault::ReasonNeededUrgent { computed: c.to_string() });
    for (computed, confirmed, reason, has_urgent, expected) in [
        (Some(2.6), 2, "", true, urgent("2.6")),
        (Some(2.6), 2, "", false, Ok(())),
        (Some(2.6), 3, "", true, Ok(())), // worse than the arithmetic: no argument needed
        (Some(3.0), 3, "", true, Ok(())), // equal is not better
        (Some(3.1), 3, "", true, urgent("3.1")), // a tenth better is better
        (Some(2.6), 2, "Seen three times since: the kitchen is stocked.", true, Ok(())),
    ] {
        assert_eq!(
            check_confirmation(computed, confirmed, reason, has_urgent),
            expected,
            "{computed:?} -> {confirmed}"
        );
    }
}

#[test]
fn the_confirmed_grade_leads_the_band_shown() {
    assert_eq!(Band::shown(Some(4), Some(Band::MostlyMet)), Some(Band::SeriousConcern));
    assert_eq!(Band::shown(Some(3), None), Some(Band::Concern));
    assert_eq!(Band::shown(Some(2), Some(Band::Concern)), Some(Band::MostlyMet));
    assert_eq!(Band::shown(None, Some(Band::Concern)), Some(Band::Concern));
    assert_eq!(
        [1, 2, 3, 4, 5].map(Band::of_grade),
        [Band::NeedsMet, Band::MostlyMet, Band::Concern, Band::SeriousConcern, Band::SeriousConcern]
    );
}
