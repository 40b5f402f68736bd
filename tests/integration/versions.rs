//! Versions of the checklist content on real database files: a checklist keeps the words it was
//! graded on (scored, compared, exchanged and printed with them); a new checklist uses the
//! newest; history across versions matches items by id and measures change on the shared items.

use crate::support::*;

use ntk_core::assessment::Assessment;
use ntk_core::checklist::Checklist;
use ntk_core::model::{AgeBand, ChildForm};
use ntk_core::scoring::Grade;
use ntk_core::store::Store;

fn version(v: &str) -> Checklist {
    Checklist::shipped_versions().into_iter().find(|c| c.version == v).unwrap()
}

/// A finalised checklist on the store's current checklist: every item for `band` graded
/// `grade`, then the items in `set` as given.
fn finalised(
    store: &mut Store,
    child_id: i64,
    on: &str,
    band: AgeBand,
    grade: Grade,
    set: &[(&str, Grade)],
) -> Assessment {
    let a = store.start_assessment(child_id, &start_form("Sam Worker", "Children's services", on), today()).unwrap();
    complete(store, a.id, band, grade);
    for (item, g) in set {
        store.save_item(a.id, &graded(item, *g, "Seen and recorded on the visit."), today()).unwrap();
    }
    // Confirm at the computed score (rounded), as a practitioner agreeing with it would.
    let view = store.assessment_view(a.id).unwrap();
    for area in &view.profile.areas {
        let g = area.score.map_or(3, |s| s.round() as u8);
        store.confirm_area(a.id, &area.id, g, "Agreed at the core group.").unwrap();
    }
    store.finalise(a.id).unwrap()
}

#[cfg(unix)]
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summary.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext is installed");
    assert!(out.status.success());
    // Lines wrap where the page ends them: read the words as one run of text.
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_checklist_finalised_on_1_0_keeps_its_words_and_scores_after_the_upgrade_and_prints_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let child_id;
    let before_upgrade;
    {
        // Before the upgrade: the app used 1.0.0.
        let mut store = new_store(dir.path());
        store.set_checklist(version("1.0.0"));
        child_id = store.add_child(&child_form("Kit Example", "2017-05-01", "Example household"), today()).unwrap().id;
        let a = finalised(
            &mut store,
            child_id,
            "2026-06-01",
            AgeBand::Primary,
            Grade::G3,
            &[("safety.care-arrangements.left-alone", Grade::G5)],
        );
        before_upgrade = store.assessment_view(a.id).unwrap();
        assert_eq!(before_upgrade.assessment.checklist_version, "1.0.0");
    }
    // After the upgrade: the same file, opened by an app whose new checklists use 1.1.0.
    let mut store = Store::open(&db_in(dir.path()), PASSPHRASE, "Test Worker").unwrap();
    assert_eq!(store.checklist().version, "1.1.0");
    let old = store.assessment_view(before_upgrade.assessment.id).unwrap();
    assert_eq!(old.assessment.checklist_hash, version("1.0.0").hash);
    assert_eq!(old.profile, before_upgrade.profile, "scored against its own words, not 1.1.0's");
    // Read back with poppler's pdftotext (Unix).
    #[cfg(unix)]
    {
        let pdf = store.report(ntk_core::store::ReportKind::CoreGroup, child_id, today()).unwrap();
        let text = pdf_text(&pdf);
        assert!(text.contains("checklist version 1.0.0"), "{text}");
        // The urgent item is named with 1.0.0's title: 1.1.0 splits it by age and renames it.
        assert!(text.contains("Being left alone"), "{text}");
        assert!(!text.contains("school age") && !text.contains("under five"), "{text}");
    }

    let new = store.start_assessment(child_id, &start_form("Sam Worker", "Children's services", "2026-11-01"), today());
    assert_eq!(new.unwrap().checklist_version, "1.1.0");
}

#[test]
fn history_across_versions_matches_items_by_id_and_shows_change_on_the_shared_items() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    store.set_checklist(version("1.0.0"));
    let child_id = store.add_child(&child_form("Kit Example", "2017-05-01", ""), today()).unwrap().id;
    finalised(&mut store, child_id, "2026-03-01", AgeBand::Primary, Grade::G4, &[]);
    store.set_checklist(version("1.1.0"));
    // On 1.1.0 the shared items are graded 2; the new ones, which 1.0.0 never asked, 5.
    let new_items: Vec<(String, Grade)> = version("1.1.0")
        .items()
        .filter(|i| version("1.0.0").item(&i.id).is_none() && i.applies_to(AgeBand::Primary))
        .map(|i| (i.id.clone(), Grade::G5))
        .collect();
    let set: Vec<(&str, Grade)> = new_items.iter().map(|(id, g)| (id.as_str(), *g)).collect();
    assert!(!set.is_empty());
    finalised(&mut store, child_id, "2026-09-01", AgeBand::Primary, Grade::G2, &set);

    let h = store.child_history(child_id, today()).unwrap().history;
    assert_eq!(h.rounds.len(), 2);
    for area in &h.areas {
        let change = area.since_previous.as_ref().unwrap();
        assert!(change.shared_items_only, "{}", area.id);
        // Every shared item went from 4 to 2: improved, whatever the new items say.
        assert_eq!((change.from, change.to), (Some(4.0), Some(2.0)), "{}", area.id);
        assert_eq!(change.change, ntk_core::compare::Change::Improved, "{}", area.id);
    }
    // The point itself is the checklist's own score, new items included.
    let safety = h.areas.iter().find(|a| a.id == "safety").unwrap();
    assert!(safety.points[1].score.unwrap() > 2.0);
    assert!(safety.points[1].urgent);
    assert_eq!(h.versions.len(), 1);
    let step = &h.versions[0];
    assert_eq!((step.from_version.as_str(), step.to_version.as_str()), ("1.0.0", "1.1.0"));
    assert_eq!(step.new_items.len(), 14);
    assert!(step.changed_items.iter().any(|t| t == "Help when ill or hurt"), "{:?}", step.changed_items);

    // The printed history says so too (read back with poppler's pdftotext, Unix).
    #[cfg(unix)]
    {
        let text = pdf_text(&store.report(ntk_core::store::ReportKind::CoreGroup, child_id, today()).unwrap());
        assert!(text.contains("version 1.1.0 of the checklist"), "{text}");
        assert!(text.contains("on the items both checklist versions share"), "{text}");
    }
}

#[test]
fn a_child_whose_checklists_span_versions_is_exchanged_with_each_checklist_on_its_own_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = new_store(&dir.path().join("source"));
    source.set_checklist(version("1.0.0"));
    let child_id = source.add_child(&child_form("Kit Example", "2017-05-01", ""), today()).unwrap().id;
    finalised(&mut source, child_id, "2026-03-01", AgeBand::Primary, Grade::G3, &[]);
    source.set_checklist(version("1.1.0"));
    finalised(&mut source, child_id, "2026-09-01", AgeBand::Primary, Grade::G2, &[]);
    let file = source.export_child(child_id).unwrap();
    assert_eq!(file.checklist.version, "1.1.0");
    assert_eq!(file.assessments[0].checklist.as_ref().map(|c| c.version.as_str()), Some("1.0.0"));
    assert!(file.assessments[1].checklist.is_none(), "the file's own checklist is not repeated");

    let mut lead = new_store(&dir.path().join("lead"));
    let report = lead.import_on(&file.to_bytes(None).unwrap(), None, today()).unwrap();
    assert_eq!(report.added.len(), 2);
    let here = lead.assessments_for_child(report.child_id).unwrap();
    let versions: Vec<&str> = here.iter().map(|a| a.checklist_version.as_str()).collect();
    assert_eq!(versions, ["1.0.0", "1.1.0"]);
    assert_eq!(here[0].checklist_hash, version("1.0.0").hash);

    // A file of a 1.0.0 checklist alone (as apps before 1.1.0 wrote them) imports as 1.0.0.
    let mut only_old = file.clone();
    only_old.checklist = only_old.assessments[0].checklist.take().unwrap();
    only_old.assessments.truncate(1);
    let mut third = new_store(&dir.path().join("third"));
    let report = third.import_on(&only_old.to_bytes(None).unwrap(), None, today()).unwrap();
    assert_eq!(third.assessments_for_child(report.child_id).unwrap()[0].checklist_version, "1.0.0");
}

#[test]
fn disability_items_are_not_applicable_without_a_recorded_disability_and_never_count_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = new_store(dir.path());
    let no_disability = store.add_child(&child_form("Kit Example", "2017-05-01", ""), today()).unwrap();
    assert!(!no_disability.has_disability);
    let with = ChildForm {
        has_disability: true,
        disability_needs: "Epilepsy; medicine twice a day.".into(),
        ..child_form("Rue Example", "2017-05-01", "")
    };
    let with = store.add_child(&with, today()).unwrap();
    let disability_items: Vec<String> = store
        .checklist()
        .items()
        .filter(|i| i.applies_when.is_some() && i.applies_to(AgeBand::Primary))
        .map(|i| i.id.clone())
        .collect();
    assert_eq!(disability_items.len(), 4);

    for child in [&no_disability, &with] {
        let a = store.start_assessment(child.id, &start_form("Sam Worker", "Health", "2026-11-01"), today()).unwrap();
        // Everything else in Physical care graded; the disability items left alone.
        let others: Vec<String> = store
            .checklist()
            .area("physical")
            .unwrap()
            .subareas
            .iter()
            .flat_map(|s| &s.items)
            .filter(|i| i.applies_to(AgeBand::Primary) && i.applies_when.is_none())
            .map(|i| i.id.clone())
            .collect();
        for id in &others {
            store.save_item(a.id, &graded(id, Grade::G2, "Seen on the visit."), today()).unwrap();
        }
        let physical = store.assessment_view(a.id).unwrap().profile.areas.into_iter().find(|x| x.id == "physical");
        let physical = physical.unwrap();
        if child.has_disability {
            assert_eq!(physical.applicable as usize, others.len() + 4);
            assert!(disability_items.iter().all(|id| physical.missing_items.contains(id)));
        } else {
            assert_eq!(physical.applicable as usize, others.len(), "not applicable by themselves");
            assert!(physical.missing_items.is_empty() && physical.enough_evidence);
            // A grade someone gave one anyway is never hidden.
            store.save_item(a.id, &graded(&disability_items[0], Grade::G5, "Inhaler not given."), today()).unwrap();
            let physical =
                store.assessment_view(a.id).unwrap().profile.areas.into_iter().find(|x| x.id == "physical").unwrap();
            assert_eq!(physical.urgent_items, [disability_items[0].clone()]);
        }
    }

    // A description with the box left clear is refused with a sentence, not guessed.
    let form =
        ChildForm { disability_needs: "Uses a wheelchair.".into(), ..child_form("Ash Example", "2017-05-01", "") };
    let err = store.add_child(&form, today()).unwrap_err().to_string();
    assert!(err.contains("Has a disability or long-term condition"), "{err}");
}
