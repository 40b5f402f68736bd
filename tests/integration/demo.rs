//! The invented-data generator: reproducible, realistic enough, and stored like real work.

use crate::support::*;
use ntk_core::assessment::AssessmentStatus;
use ntk_core::checklist::Checklist;
use ntk_core::chronology::{ChronologyEvent, EventKind};
use ntk_core::demo;

#[test]
fn the_same_seed_gives_the_same_invented_data() {
    let c = Checklist::shipped();
    let a = demo::generate(&c, 12, 3, 7, today());
    let b = demo::generate(&c, 12, 3, 7, today());
    let names = |d: &[demo::DemoChild]| d.iter().map(|x| x.child.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b));
    assert_ne!(names(&a), names(&demo::generate(&c, 12, 3, 8, today())));
    for child in &a {
        assert_eq!(child.assessments.len(), 3);
        assert!(child.assessments.iter().all(|x| x.assessed_on < today()));
    }
}

#[test]
fn demo_data_is_stored_finalised_and_scores_like_real_work() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let summary = demo::populate(&mut store, 10, 4, 1, today()).unwrap();
    assert_eq!((summary.children, summary.assessments), (10, 40));
    let children = store.list_children().unwrap();
    assert_eq!(children.len(), 10);
    let history = store.assessments_for_child(children[0].id).unwrap();
    assert_eq!(history.len(), 4);
    assert!(history.iter().all(|a| a.status == AssessmentStatus::Finalised));
    assert!(history[0].items.len() > 30);
    let profile = history[0].profile(store.checklist(), &children[0]);
    assert!(profile.areas.iter().all(|a| a.enough_evidence));
    // Finalised demo checklists are locked like any other.
    let item = history[0].items[0].clone();
    assert!(store.save_item(history[0].id, &item, today()).is_err());
}

/// Invented checklists are stored finalised without passing through `finalise`, so nothing else
/// keeps them within the rules the app applies (the scale benchmark finalises demo drafts).
#[test]
fn every_invented_checklist_could_have_been_finalised_through_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    demo::populate(&mut store, 30, 4, 9, today()).unwrap();
    for child in store.list_children().unwrap() {
        for a in store.assessments_for_child(child.id).unwrap() {
            let blocking = store.finalise_check(a.id).unwrap().blocking;
            assert!(blocking.is_empty(), "{}, checklist {}: {blocking:?}", child.name, a.id);
        }
    }
}

#[test]
fn demo_households_get_invented_adults_and_each_child_a_chronology_with_one_event_shared_by_the_household() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    demo::populate(&mut store, 12, 1, 5, today()).unwrap();
    let summary = demo::populate_chronology(&mut store, 5, today()).unwrap();
    let children = store.list_children().unwrap();
    let households: std::collections::BTreeSet<i64> = children.iter().filter_map(|c| c.household_id).collect();
    assert!(summary.adults >= households.len(), "{summary:?}");
    let mut events = 0;
    for h in &households {
        let adults = store.adults_of_household(*h).unwrap();
        let members: Vec<i64> = children.iter().filter(|c| c.household_id == Some(*h)).map(|c| c.id).collect();
        // The first adult is every child's parent, with parental responsibility.
        assert!(
            adults
                .iter()
                .any(|a| a.children.len() == members.len() && a.children.iter().all(|l| l.parental_responsibility)),
            "{adults:?}"
        );
        // One event recorded for the whole household at once is on each child's chronology.
        let typed = |id: i64| -> Vec<ChronologyEvent> {
            store.chronology(id, None, None, false).unwrap().into_iter().filter(|e| !e.automatic).collect()
        };
        let first = typed(members[0]);
        let shared: Vec<&ChronologyEvent> =
            first.iter().filter(|e| matches!(e.kind, EventKind::PoliceCallOut | EventKind::DomesticAbuse)).collect();
        assert_eq!(shared.len(), 1, "{first:?}");
        for id in &members {
            let own = typed(*id);
            assert!(own.len() >= 2, "the household's event and at least one of the child's own: {own:?}");
            assert!(own.iter().all(|e| e.date < today()), "{own:?}");
            assert!(own.iter().any(|e| e.what_happened == shared[0].what_happened && e.date == shared[0].date));
            events += own.len();
        }
    }
    assert_eq!(summary.events, events);
    // A few items name the household's partner, each one of the child's household.
    assert!(summary.items_naming_an_adult > 0, "{summary:?}");
    let mut named = 0;
    for child in &children {
        for a in store.assessments_for_child(child.id).unwrap() {
            for adult_id in a.items.iter().filter_map(|i| i.adult_id) {
                assert_eq!(Some(store.get_adult(adult_id).unwrap().household_id), child.household_id);
                named += 1;
            }
        }
    }
    // Only the amendments name anyone: the checklists they correct stay as finalised.
    assert_eq!(named, summary.items_naming_an_adult);
}
