//! Which child here an incoming file's child is (pure: given the children here, no database).
//!
//! The same child is the same name (ignoring case and spacing) with the same date of birth.
//! When none is, children who may still be the same one are offered in the preview, so a
//! practitioner can correct the record instead of importing the child a second time.

use chrono::NaiveDate;

use super::{ExchangeChild, SimilarChild};
use crate::error::{CoreError, Result};
use crate::model::{Child, PlanCategory};

/// Names compared for matching a child: case and spacing do not matter.
pub(crate) fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// How far an expected date of birth may be from the real one for a child recorded before birth
/// to be offered as perhaps the file's child (a baby is often named only after birth).
pub(crate) const DUE_DATE_SLACK_DAYS: i64 = 56;

/// The child here who is the file's child: the same name and date of birth. Refused when more
/// than one child here fits, since the file cannot say which.
pub(crate) fn same_child<'a>(file: &ExchangeChild, children: &'a [Child]) -> Result<Option<&'a Child>> {
    let key = name_key(&file.name);
    let matches: Vec<&Child> =
        children.iter().filter(|c| c.date_of_birth == file.date_of_birth && name_key(&c.name) == key).collect();
    if matches.len() > 1 {
        return Err(CoreError::Refused(format!(
            "There are {} children here called {} with the date of birth {}; the file cannot be matched to one of them. Nothing has been imported.",
            matches.len(),
            file.name.trim(),
            file.date_of_birth
        )));
    }
    Ok(matches.into_iter().next())
}

/// The child here who is the file's child. The NHS number first, when both the file and a child
/// here have one: the same number is the same child whatever the name's spelling. A child here
/// with another NHS number than the file's is never the file's child, even with the same name and
/// date of birth. Otherwise (either side has none) the same name and date of birth, as before.
pub(crate) fn matched_child<'a>(
    file: &ExchangeChild,
    file_nhs: Option<&str>,
    children: &'a [Child],
    nhs_here: &std::collections::HashMap<i64, String>,
) -> Result<Option<&'a Child>> {
    if let Some(nhs) = file_nhs {
        if let Some(c) = children.iter().find(|c| nhs_here.get(&c.id).is_some_and(|n| n == nhs)) {
            return Ok(Some(c));
        }
    }
    let candidates: Vec<Child> =
        children.iter().filter(|c| file_nhs.is_none() || !nhs_here.contains_key(&c.id)).cloned().collect();
    Ok(same_child(file, &candidates)?.and_then(|found| children.iter().find(|c| c.id == found.id)))
}

/// Children here who may be the file's child although the name or date of birth differ: the
/// same name with another date of birth, or a child recorded before birth and due near it.
/// Offered in the preview so a practitioner can correct the record instead of importing the
/// child a second time (a baby "lost" as a separate, unassessed record).
pub(crate) fn similar_children(file: &ExchangeChild, children: &[Child]) -> Vec<SimilarChild> {
    let key = name_key(&file.name);
    children
        .iter()
        .filter_map(|c| {
            let why = if name_key(&c.name) == key {
                "the same name, another date of birth"
            } else if c.unborn && (c.date_of_birth - file.date_of_birth).num_days().abs() <= DUE_DATE_SLACK_DAYS {
                "recorded here before birth, due near this date of birth"
            } else {
                return None;
            };
            Some(SimilarChild {
                id: c.id,
                name: c.name.clone(),
                date_of_birth: c.date_of_birth,
                unborn: c.unborn,
                why: why.to_string(),
            })
        })
        .collect()
}

/// What the file says about the child that differs from the record here, one sentence each.
pub(crate) fn differences(file: &ExchangeChild, here: &Child) -> Vec<String> {
    let mut out = Vec::new();
    let mut differ = |what: &str, theirs: String, ours: String| {
        if theirs != ours {
            out.push(format!("{what}: the file says \"{theirs}\", this app has \"{ours}\"."));
        }
    };
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let category = |c: Option<PlanCategory>| c.map_or("none".to_string(), |c| c.label().to_string());
    let date = |d: Option<NaiveDate>| d.map_or("none".to_string(), |d| d.to_string());
    differ("Not yet born", yes_no(file.unborn), yes_no(here.unborn));
    differ("Plan category", category(file.plan_category), category(here.plan_category));
    differ("Plan start", date(file.plan_start), date(here.plan_start));
    differ(
        "Review interval (months)",
        file.review_interval_months.to_string(),
        here.review_interval_months.to_string(),
    );
    differ("Disability or long-term condition", yes_no(file.recorded_disability()), yes_no(here.has_disability));
    differ("Disability needs", file.disability_needs.clone(), here.disability_needs.clone());
    differ("Communication needs", file.communication_needs.clone(), here.communication_needs.clone());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn here(id: i64, name: &str, dob: &str, unborn: bool) -> Child {
        Child {
            id,
            name: name.into(),
            date_of_birth: day(dob),
            unborn,
            household_id: None,
            household_name: None,
            has_disability: false,
            disability_needs: String::new(),
            communication_needs: String::new(),
            plan_category: None,
            plan_start: None,
            review_interval_months: 3,
        }
    }

    fn sent(name: &str, dob: &str) -> ExchangeChild {
        ExchangeChild {
            name: name.into(),
            date_of_birth: day(dob),
            unborn: false,
            plan_category: None,
            plan_start: None,
            review_interval_months: 3,
            has_disability: false,
            disability_needs: String::new(),
            communication_needs: String::new(),
        }
    }

    #[test]
    fn the_same_child_is_the_same_name_in_any_case_and_spacing_and_the_same_birthday() {
        let children = [here(1, "Robin  Example", "2020-05-06", false), here(2, "Robin Example", "2020-05-07", false)];
        assert_eq!(same_child(&sent(" robin example ", "2020-05-06"), &children).unwrap().map(|c| c.id), Some(1));
        assert_eq!(same_child(&sent("Robin Examples", "2020-05-06"), &children).unwrap(), None);
        assert_eq!(same_child(&sent("Robin Example", "2020-05-08"), &children).unwrap(), None);
    }

    #[test]
    fn two_children_here_who_both_fit_are_refused_rather_than_guessed() {
        let children = [here(1, "Robin Example", "2020-05-06", false), here(2, "ROBIN EXAMPLE", "2020-05-06", false)];
        let refused = same_child(&sent("Robin Example", "2020-05-06"), &children).unwrap_err().to_string();
        assert!(refused.contains("There are 2 children here called Robin Example"), "{refused}");
    }

    #[test]
    fn a_similar_child_is_the_same_name_or_a_baby_due_within_eight_weeks() {
        let children = [
            here(1, "Robin Example", "2019-01-01", false),
            here(2, "Baby Example", "2026-03-02", true),
            here(3, "Baby Early", "2025-11-09", true),
            here(4, "Born Example", "2026-03-02", false),
        ];
        // Born 56 days before child 2 was due: offered. Child 3 was due 57 days before the
        // birth: not. Child 4 was born, not expected, on that day: not.
        let similar = similar_children(&sent("Robin Example", "2026-01-05"), &children);
        let ids: Vec<i64> = similar.iter().map(|s| s.id).collect();
        assert_eq!(ids, [1, 2], "{similar:?}");
        assert_eq!(similar[0].why, "the same name, another date of birth");
        assert_eq!(similar[1].why, "recorded here before birth, due near this date of birth");
        let later = similar_children(&sent("Someone Else", "2025-09-14"), &children[2..3]);
        assert_eq!(later.len(), 1, "born 56 days before the due date is inside the slack too: {later:?}");
    }

    #[test]
    fn differences_name_each_field_that_differs_and_nothing_else() {
        let mut file = sent("Robin Example", "2020-05-06");
        let child = here(1, "Robin Example", "2020-05-06", false);
        assert!(differences(&file, &child).is_empty());
        file.review_interval_months = 6;
        file.disability_needs = "Invented needs.".into();
        assert_eq!(
            differences(&file, &child),
            [
                "Review interval (months): the file says \"6\", this app has \"3\".",
                "Disability or long-term condition: the file says \"yes\", this app has \"no\".",
                "Disability needs: the file says \"Invented needs.\", this app has \"\".",
            ]
        );
    }
}
