//! Records to and from the exchange format, both directions in one place, so a field added to
//! a record is mapped out and in side by side (and the round-trip test below notices one that
//! is not). The store's ids never travel: a file's checklists refer to each other by `ref`,
//! and the receiver gives them its own ids, child and review round.

use super::{
    ChecklistRef, ExchangeAction, ExchangeAssessment, ExchangeAssessor, ExchangeChild, ExchangeConfirmation,
    ExchangeItem,
};
use crate::assessment::{Action, AreaConfirmation, Assessment, AssessmentStatus, ItemRecord, Practitioner};
use crate::model::{Child, ValidChild};

impl ChecklistRef {
    /// The checklist (and exactly which words) a stored checklist was completed on.
    pub fn of_assessment(a: &Assessment) -> ChecklistRef {
        ChecklistRef {
            id: a.checklist_id.clone(),
            version: a.checklist_version.clone(),
            hash: a.checklist_hash.clone(),
        }
    }
}

impl ExchangeChild {
    /// The child as sent: no id and no household (the household is the sender's own grouping,
    /// and its name often names other people).
    pub fn of(child: &Child) -> ExchangeChild {
        ExchangeChild {
            name: child.name.clone(),
            date_of_birth: child.date_of_birth,
            unborn: child.unborn,
            plan_category: child.plan_category,
            plan_start: child.plan_start,
            review_interval_months: child.review_interval_months,
            has_disability: child.has_disability,
            disability_needs: child.disability_needs.clone(),
            communication_needs: child.communication_needs.clone(),
        }
    }

    /// The child as received, to be added here (no household: that is the sender's business).
    pub fn to_valid_child(&self) -> ValidChild {
        ValidChild {
            name: self.name.trim().to_string(),
            date_of_birth: self.date_of_birth,
            unborn: self.unborn,
            household: None,
            has_disability: self.recorded_disability(),
            disability_needs: self.disability_needs.clone(),
            communication_needs: self.communication_needs.clone(),
            plan_category: self.plan_category,
            plan_start: self.plan_start,
            review_interval_months: self.review_interval_months,
        }
    }
}

impl ExchangeAssessment {
    /// A finalised checklist as sent: `reference` is its `ref` in the file, `checklist` its own
    /// checklist when that is not the file's, `amends` the `ref` of the one it corrects;
    /// `adult_name` names an adult of the file's household by number (None: not in the file, and
    /// the item is sent without them).
    pub fn of(
        a: &Assessment,
        reference: u32,
        checklist: Option<ChecklistRef>,
        amends: Option<u32>,
        adult_name: &dyn Fn(i64) -> Option<String>,
    ) -> Self {
        ExchangeAssessment {
            reference,
            checklist,
            assessed_on: a.assessed_on,
            assessor: ExchangeAssessor {
                name: a.assessor.name.clone(),
                agency: a.assessor.agency.clone(),
                role: a.assessor.role.clone(),
            },
            review_round: a.review_round,
            status: AssessmentStatus::Finalised,
            finalised_at: a.finalised_at.clone().unwrap_or_default(),
            amends,
            amendment_reason: a.amendment_reason.clone(),
            amended_by: a.amended_by.clone(),
            amended_at: a.amended_at.clone(),
            items: a
                .items
                .iter()
                .map(|i| ExchangeItem {
                    item_id: i.item_id.clone(),
                    grade: i.grade,
                    evidence: i.evidence.clone(),
                    source: i.source,
                    evidence_date: i.evidence_date,
                    professional_only: i.professional_only,
                    adult: i.adult_id.and_then(adult_name),
                })
                .collect(),
            confirmations: a
                .confirmations
                .iter()
                .map(|c| ExchangeConfirmation {
                    area_id: c.area_id.clone(),
                    confirmed: c.confirmed,
                    reason: c.reason.clone(),
                })
                .collect(),
            narrative: a.narrative.clone(),
            actions: a
                .actions
                .iter()
                .map(|x| ExchangeAction {
                    what: x.what.clone(),
                    who: x.who.clone(),
                    agency: x.agency.clone(),
                    by_when: x.by_when,
                    target_grade: x.target_grade,
                    area_id: x.area_id.clone(),
                    result: x.result.clone(),
                })
                .collect(),
        }
    }

    pub fn assessor(&self) -> Practitioner {
        Practitioner {
            name: self.assessor.name.clone(),
            agency: self.assessor.agency.clone(),
            role: self.assessor.role.clone(),
        }
    }

    /// The checklist as the store keeps it, for `child_id`, in `review_round`, correcting the
    /// stored checklist `amends` (ids are the receiver's, not the file's); `adult_id` finds an
    /// adult of the child's household here by the name the file gives.
    pub fn to_assessment(
        &self,
        checklist: &ChecklistRef,
        child_id: i64,
        review_round: u32,
        amends: Option<i64>,
        adult_id: &dyn Fn(&str) -> Option<i64>,
    ) -> Assessment {
        Assessment {
            id: 0,
            child_id,
            checklist_id: checklist.id.clone(),
            checklist_version: checklist.version.clone(),
            checklist_hash: checklist.hash.clone(),
            assessed_on: self.assessed_on,
            assessor: self.assessor(),
            review_round,
            status: self.status,
            finalised_at: Some(self.finalised_at.clone()),
            amends,
            amendment_reason: self.amendment_reason.clone().filter(|_| amends.is_some()),
            amended_by: self.amended_by.clone().filter(|_| amends.is_some()),
            amended_at: self.amended_at.clone().filter(|_| amends.is_some()),
            items: self
                .items
                .iter()
                .map(|i| ItemRecord {
                    item_id: i.item_id.clone(),
                    grade: i.grade,
                    evidence: i.evidence.clone(),
                    source: i.source,
                    evidence_date: i.evidence_date,
                    professional_only: i.professional_only,
                    adult_id: i.adult.as_deref().and_then(adult_id),
                })
                .collect(),
            confirmations: self
                .confirmations
                .iter()
                .map(|c| AreaConfirmation {
                    area_id: c.area_id.clone(),
                    confirmed: c.confirmed,
                    reason: c.reason.clone(),
                })
                .collect(),
            narrative: self.narrative.clone(),
            actions: self
                .actions
                .iter()
                .map(|x| Action {
                    id: 0,
                    what: x.what.clone(),
                    who: x.who.clone(),
                    agency: x.agency.clone(),
                    by_when: x.by_when,
                    target_grade: x.target_grade,
                    area_id: x.area_id.clone(),
                    result: x.result.clone(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::assessment::{EvidenceSource, Narrative};
    use crate::model::PlanCategory;
    use crate::scoring::Grade;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Every field set to something other than its default, so a field left out of either
    /// direction shows as a difference.
    fn finalised_checklist() -> Assessment {
        let mut narrative = Narrative::default();
        for section in crate::assessment::NARRATIVE_SECTIONS {
            *narrative.section_mut(section.key).unwrap() = format!("Invented {} text.", section.key);
        }
        narrative.impact.insert("safety".into(), "Invented impact.".into());
        Assessment {
            id: 0,
            child_id: 42,
            checklist_id: "gcp-style".into(),
            checklist_version: "1.2".into(),
            checklist_hash: "abc123".into(),
            assessed_on: day("2026-03-04"),
            assessor: Practitioner {
                name: "Sam Worker".into(),
                agency: "Children's services".into(),
                role: "SW".into(),
            },
            review_round: 3,
            status: AssessmentStatus::Finalised,
            finalised_at: Some("2026-03-05T10:00:00+00:00".into()),
            amends: Some(17),
            amendment_reason: Some("A grade was typed in the wrong row.".into()),
            amended_by: Some("Alex Amender".into()),
            amended_at: Some("2026-03-06T09:00:00+00:00".into()),
            items: vec![ItemRecord {
                item_id: "pc-1".into(),
                grade: Some(Grade::G4),
                evidence: "Seen on a home visit.".into(),
                source: Some(EvidenceSource::Observed),
                evidence_date: Some(day("2026-03-01")),
                professional_only: true,
                adult_id: Some(7),
            }],
            confirmations: vec![AreaConfirmation { area_id: "safety".into(), confirmed: 4, reason: "Why.".into() }],
            narrative,
            actions: vec![Action {
                id: 0,
                what: "Visit weekly".into(),
                who: "Pat Nurse".into(),
                agency: "Health visiting".into(),
                by_when: day("2026-04-01"),
                target_grade: Some(2),
                area_id: Some("safety".into()),
                result: "Done.".into(),
            }],
        }
    }

    #[test]
    fn a_checklist_sent_and_received_is_the_same_checklist() {
        let here = finalised_checklist();
        let checklist = ChecklistRef::of_assessment(&here);
        // The adult travels by name: number 7 here, "Rob Example" in the file.
        let sent = ExchangeAssessment::of(&here, 2, None, Some(1), &|id| (id == 7).then(|| "Rob Example".into()));
        assert_eq!(sent.items[0].adult.as_deref(), Some("Rob Example"));
        // Through the file's own words, too.
        let json = serde_json::to_string(&sent).unwrap();
        let read: ExchangeAssessment = serde_json::from_str(&json).unwrap();
        assert_eq!(read, sent);
        let adult_id = |name: &str| (name == "Rob Example").then_some(7);
        let received = read.to_assessment(&checklist, here.child_id, here.review_round, here.amends, &adult_id);
        assert_eq!(received, here);
    }

    #[test]
    fn a_reason_for_a_correction_arrives_only_with_the_correction() {
        let sent = ExchangeAssessment::of(&finalised_checklist(), 1, None, None, &|_| None);
        let received = sent.to_assessment(&ChecklistRef::of_assessment(&finalised_checklist()), 1, 1, None, &|_| None);
        assert_eq!(received.amendment_reason, None);
        assert_eq!(received.amended_by, None);
        assert_eq!(received.amended_at, None);
    }

    #[test]
    fn a_child_sent_and_received_is_the_same_child_without_household() {
        let here = Child {
            id: 9,
            name: "Robin Example".into(),
            date_of_birth: day("2020-05-06"),
            unborn: false,
            household_id: Some(3),
            household_name: Some("Example household".into()),
            has_disability: true,
            disability_needs: "Invented needs.".into(),
            communication_needs: "Invented communication.".into(),
            plan_category: Some(PlanCategory::Neglect),
            plan_start: Some(day("2026-01-02")),
            review_interval_months: 4,
        };
        let sent = ExchangeChild::of(&here);
        let received = sent.to_valid_child();
        let back = ExchangeChild::of(&Child {
            id: 0,
            name: received.name.clone(),
            date_of_birth: received.date_of_birth,
            unborn: received.unborn,
            household_id: None,
            household_name: received.household.clone(),
            has_disability: received.has_disability,
            disability_needs: received.disability_needs.clone(),
            communication_needs: received.communication_needs.clone(),
            plan_category: received.plan_category,
            plan_start: received.plan_start,
            review_interval_months: received.review_interval_months,
        });
        assert_eq!(back, sent);
        assert_eq!(received.household, None, "the household never travels");
    }
}
