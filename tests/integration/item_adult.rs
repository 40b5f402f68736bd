//! Which adult of the child's household a checklist item concerns (issue 17): stored beside the
//! grade, refused for anyone outside the household with nothing written, locked with the
//! checklist and copied by an amendment, cleared when the adult is erased, named in the audit
//! trail, the subject-access copy and the core group's report, never in the family summary, and
//! carried by the exchange file.

use crate::support::*;
use ntk_core::assessment::ItemRecord;
use ntk_core::chronology::{AdultForm, AdultService};
use ntk_core::scoring::Grade;
use ntk_core::store::Store;

pub const ITEM: &str = "physical.food.regular-meals";

pub fn adult_form(household_id: i64, name: &str) -> AdultForm {
    AdultForm { household_id, name: name.into(), services: vec![AdultService::Probation], children: vec![] }
}

/// Amy, her household's adult Rob, and Cal in another household with his adult Stan:
/// (store, Amy's id, Rob's id, Stan's id).
pub fn household(dir: &std::path::Path) -> (Store, i64, i64, i64) {
    let mut store = new_store(dir);
    let amy = store.add_child(&child_form("Amy Carerson", "2018-03-01", "Carerson house"), today()).unwrap();
    let cal = store.add_child(&child_form("Cal Elsewhere", "2019-01-01", "Another house"), today()).unwrap();
    let rob = store.add_adult(&adult_form(amy.household_id.unwrap(), "Rob Partnerman")).unwrap();
    let stan = store.add_adult(&adult_form(cal.household_id.unwrap(), "Stan Strangerson")).unwrap();
    (store, amy.id, rob.id, stan.id)
}

pub fn naming(adult_id: Option<i64>) -> ItemRecord {
    ItemRecord { adult_id, ..graded(ITEM, Grade::G4, "No breakfast most days when he stays.") }
}

fn draft(store: &mut Store, child_id: i64) -> i64 {
    store
        .start_assessment(child_id, &start_form("Sam Worker", "Children's services", "2026-11-01"), today())
        .unwrap()
        .id
}

#[test]
fn an_item_keeps_the_adult_it_concerns_and_can_lose_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, amy, rob, _) = household(dir.path());
    let a = draft(&mut store, amy);
    store.save_item(a, &naming(Some(rob)), today()).unwrap();
    assert_eq!(store.get_assessment(a).unwrap().item(ITEM).unwrap().adult_id, Some(rob));
    store.save_item(a, &naming(None), today()).unwrap();
    assert_eq!(store.get_assessment(a).unwrap().item(ITEM).unwrap().adult_id, None);
}

#[test]
fn an_adult_outside_the_childs_household_is_refused_in_words_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, amy, rob, stan) = household(dir.path());
    let a = draft(&mut store, amy);
    store.save_item(a, &naming(Some(rob)), today()).unwrap();
    let e = store.save_item(a, &ItemRecord { evidence: "changed".into(), ..naming(Some(stan)) }, today()).unwrap_err();
    assert_eq!(e.to_string(), "Stan Strangerson is not one of the adults in Amy Carerson's household.");
    let e = store.save_item(a, &naming(Some(stan + 100)), today()).unwrap_err();
    assert!(e.to_string().contains("no adult"), "{e}");
    let item = store.get_assessment(a).unwrap().item(ITEM).cloned().unwrap();
    assert_eq!((item.adult_id, item.evidence.as_str()), (Some(rob), "No breakfast most days when he stays."));
}
