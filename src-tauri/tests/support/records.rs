//! Records written with the core before the app starts, the way the app would write them.

use ntk_core::assessment::ItemRecord;
use ntk_core::model::AgeBand;
use ntk_core::scoring::Grade;
use ntk_core::store::Store;

/// Grades every item of a started checklist that applies to `band` by `grade_of(area, position
/// in the area)`, with `evidence_of(area, position, item title)` as its evidence; then confirms
/// each area at its rounded score (with the reason a grade beside an urgent item needs, issue
/// 14, rule 4) and writes its impact on the child.
pub fn grade_and_confirm(
    store: &mut Store,
    assessment_id: i64,
    band: AgeBand,
    grade_of: impl Fn(&str, usize) -> u8,
    evidence_of: impl Fn(&str, usize, &str) -> String,
) {
    let today = chrono::Local::now().date_naive();
    let areas = store.checklist().areas.clone();
    for area in &areas {
        let items = area.subareas.iter().flat_map(|s| &s.items).filter(|i| i.applies_to(band));
        for (n, item) in items.enumerate() {
            let record = ItemRecord {
                item_id: item.id.clone(),
                grade: Grade::from_score(grade_of(&area.id, n)),
                evidence: evidence_of(&area.id, n, &item.title),
                source: None,
                evidence_date: None,
                professional_only: false,
                adult_id: None,
            };
            store.save_item(assessment_id, &record, today).unwrap();
        }
    }
    let profile = store.assessment_view(assessment_id).unwrap().profile;
    for area in &profile.areas {
        let score = area.score.expect("every area has enough evidence");
        let reason = if area.urgent_items.is_empty() { "" } else { "The urgent item is weighed with the whole area." };
        store.confirm_area(assessment_id, &area.id, score.round() as u8, reason).unwrap();
        let impact = format!("What the care in {} means for the child day to day.", area.name.to_lowercase());
        store.save_narrative(assessment_id, "impact", Some(&area.id), &impact).unwrap();
    }
}
