//! The invented-data generator: reproducible, realistic enough, and stored like real work.

use crate::support::*;
use ntk_core::assessment::AssessmentStatus;
use ntk_core::checklist::Checklist;
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
