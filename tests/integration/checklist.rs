//! The checklist: the shipped content is valid and complete; broken variants are refused
//! with the exact place of the fault, by the loader and by `ntk checklist validate`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use ntk_core::checklist::Checklist;
use ntk_core::model::AgeBand;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checklists").join(name)
}

#[test]
fn the_shipped_checklist_is_valid_and_covers_what_the_brief_asks() {
    let c = Checklist::shipped();
    assert_eq!(c.id, "ntk-cdc");
    let area_ids: Vec<&str> = c.areas.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(area_ids, ["physical", "safety", "warmth", "esteem"]);
    let subareas: usize = c.areas.iter().map(|a| a.subareas.len()).sum();
    assert!(subareas >= 16, "{subareas} sub-areas");
    assert!(c.items().count() >= 64, "{} items", c.items().count());
    for item in c.items() {
        assert_eq!(item.descriptors.len(), 5, "{}", item.id);
        let distinct: HashSet<&String> = item.descriptors.iter().collect();
        assert_eq!(distinct.len(), 5, "{} has repeated descriptors", item.id);
        assert!(item.guidance.len() > 80, "{} guidance is too thin", item.id);
    }
    for band in AgeBand::ALL {
        assert!(c.count_for(band) >= 8, "only {} items for {band:?}", c.count_for(band));
    }
    let ids: Vec<&str> = c.items().map(|i| i.id.as_str()).collect();
    for needed in
        ["attendance", "online", "medication", "therapy", "equipment", "whereabouts", "antenatal", "safe-sleep"]
    {
        assert!(ids.iter().any(|id| id.contains(needed)), "no item about {needed}: {ids:?}");
    }
}

fn version(v: &str) -> Checklist {
    Checklist::shipped_versions().into_iter().find(|c| c.version == v).unwrap()
}

#[test]
fn both_shipped_versions_load_with_their_own_hashes_and_share_their_ids() {
    let [old, new] = [version("1.0.0"), version("1.1.0")];
    assert_ne!(old.hash, new.hash);
    assert_eq!((old.id.as_str(), new.id.as_str()), ("ntk-cdc", "ntk-cdc"));
    // The hash stored with every checklist started on 1.0.0: the file must never change.
    assert_eq!(old.hash, "98ef9e35bf5cb2fce6ec0b2fb2e983ceffb59bd5196a1f7e94306604fe423bba");
    assert_eq!(old.items().count(), 82);
    assert!(old.items().all(|i| i.serious_from.is_none() && i.applies_when.is_none()));
    let new_ids: HashSet<&str> = new.items().map(|i| i.id.as_str()).collect();
    for item in old.items() {
        assert!(new_ids.contains(item.id.as_str()), "{} was dropped in 1.1.0", item.id);
    }
}

#[test]
fn content_1_1_covers_every_area_at_every_age_band_with_twenty_items_before_birth() {
    let c = version("1.1.0");
    assert!(c.count_for(AgeBand::PreBirth) >= 20, "{} pre-birth items", c.count_for(AgeBand::PreBirth));
    for band in AgeBand::ALL {
        for area in &c.areas {
            // Items that apply to every child of this age (none waiting on a recorded disability),
            // so the area can reach the 60% needed to be scored for any child.
            let for_everyone = area
                .subareas
                .iter()
                .flat_map(|s| &s.items)
                .filter(|i| i.applies_to(band) && i.applies_when.is_none())
                .count();
            assert!(for_everyone >= 3, "{} has {for_everyone} items for every child at {band:?}", area.id);
        }
    }
    // A first baby has no brothers or sisters to get ready, and Learning and esteem is still scored.
    let esteem_first_baby = c.area("esteem").unwrap().subareas.iter().flat_map(|s| &s.items);
    let first_baby = esteem_first_baby.filter(|i| i.applies_to(AgeBand::PreBirth) && !i.id.contains("siblings"));
    assert!(first_baby.count() >= 2);
}

#[test]
fn content_1_1_marks_the_items_that_describe_danger_and_the_disability_items() {
    let c = version("1.1.0");
    for id in [
        "physical.home.safe-sleep",
        "safety.supervision.young-child",
        "safety.care-arrangements.left-alone",
        "esteem.boundaries.punishment",
        "safety.harm-exposure.risky-adults",
        "safety.outside-online.whereabouts",
        "safety.outside-online.online-contacts",
        "esteem.boundaries.teen-limits",
        "warmth.responsiveness.baby-crying",
    ] {
        assert_eq!(c.item(id).unwrap().serious_from, Some(4), "{id}");
    }
    // "Being left alone" is split by age so every grade can be reached at every age; each part is marked.
    let left_alone: Vec<_> = c.items().filter(|i| i.id.starts_with("safety.care-arrangements.left-alone")).collect();
    assert_eq!(left_alone.len(), 2);
    assert!(left_alone.iter().all(|i| i.serious_from.is_some()));
    for band in AgeBand::ALL.into_iter().filter(|b| *b != AgeBand::PreBirth) {
        assert_eq!(left_alone.iter().filter(|i| i.applies_to(band)).count(), 1, "{band:?}");
    }
    let disability: Vec<&str> = c
        .items()
        .filter(|i| i.applies_when == Some(ntk_core::checklist::Condition::Disability))
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(disability.len(), 4, "{disability:?}");
    assert!(disability.iter().all(|id| id.starts_with("physical.additional-needs.")));
    for missing in [
        "carer-mental-health",
        "early-years",
        "own-substance-use",
        "sexual-health",
        "adult-confidant",
        "housing-stability",
        "smoke-free",
        "parents-own-care",
        "previous-children",
    ] {
        assert!(c.items().any(|i| i.id.ends_with(missing)), "no item {missing}");
    }
}

#[test]
fn content_1_1_grades_the_child_not_money_nor_accepting_help() {
    let c = version("1.1.0");
    for item in c.items() {
        for (g, d) in item.descriptors.iter().enumerate() {
            let lower = d.to_lowercase();
            for judged in
                ["money goes on", "food bank", "turns down", "refuses help", "all help", "working with support"]
            {
                assert!(!lower.contains(judged), "{} grade {}: \"{judged}\" in {d:?}", item.id, g + 1);
            }
        }
    }
    let illness = c.item("physical.health.illness-injury").unwrap();
    assert!(!illness.descriptors.iter().any(|d| d.contains("A&E")), "grade 3 contradicts the guidance");
    assert!(c.item("warmth.responsiveness.baby-crying").unwrap().guidance.contains("immediate safeguarding referral"));
}

#[test]
fn the_content_hash_ignores_spacing_but_not_words() {
    let shipped = Checklist::shipped();
    let value: serde_json::Value = serde_json::from_str(ntk_core::checklist::SHIPPED_JSON).unwrap();
    let compact = Checklist::from_json(&serde_json::to_string(&value).unwrap()).unwrap();
    assert_eq!(compact.hash, shipped.hash);
    assert_eq!(shipped.hash.len(), 64);
    let edited = ntk_core::checklist::SHIPPED_JSON.replacen("The baby", "The infant", 1);
    assert_ne!(Checklist::from_json(&edited).unwrap().hash, shipped.hash);
}

#[test]
fn a_partnership_variant_loads_through_the_same_loader() {
    let c = Checklist::load(&fixture("valid-small.json")).unwrap();
    assert_eq!(c.id, "test-variant");
    assert_eq!(c.items().count(), 8);
}

/// Each broken fixture, and the fault that must be reported for it (path and message).
const BROKEN: &[(&str, &str)] = &[
    ("broken-descriptors-4.json", "areas[2].subareas[0].items[1].descriptors: expected 5, found 4"),
    ("broken-duplicate-id.json", "areas[1].subareas[0].items[1].id: duplicate id \"physical.food.baby-milk\" (first used at areas[0].subareas[0].items[0])"),
    ("broken-unknown-band.json", "areas[3].subareas[0].items[0].age_bands[3]: unknown age band \"0-2\""),
    ("broken-empty-guidance.json", "areas[0].subareas[0].items[1].guidance: must not be empty"),
    ("broken-same-descriptor.json", "areas[1].subareas[0].items[0].descriptors[3]: grade 4 has the same words as grade 3"),
    ("broken-missing-title.json", "areas[1].subareas[0].items[0]: missing field `title`"),
    ("broken-unknown-field.json", "areas[0].subareas[0].items[0].descriptor: unknown field `descriptor`"),
    ("broken-no-areas.json", "areas: the checklist has no areas"),
    ("broken-empty-subarea.json", "areas[2].subareas[0].items: the sub-area has no items"),
    ("broken-truncated.json", "not valid JSON: EOF while parsing"),
    ("broken-serious-from.json", "areas[1].subareas[0].items[0].serious_from: must be a grade from 3 to 5, found 2"),
    ("broken-serious-from-6.json", "areas[0].subareas[0].items[0].serious_from: must be a grade from 3 to 5, found 6"),
    ("broken-applies-when.json", "areas[0].subareas[0].items[1].applies_when: unknown variant `blue_eyes`"),
];

#[test]
fn every_broken_variant_is_refused_with_the_place_of_its_fault() {
    for (file, expected) in BROKEN {
        let err = Checklist::load(&fixture(file)).expect_err(file).to_string();
        assert!(err.contains(expected), "{file}: expected {expected:?} in:\n{err}");
    }
}

#[test]
fn ntk_checklist_validate_passes_the_shipped_file_and_fails_broken_ones() {
    let ntk = env!("CARGO_BIN_EXE_ntk");
    for file in ["shipped.json", "shipped-1.1.json"] {
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/checklist").join(file);
        let ok = Command::new(ntk).args(["checklist", "validate"]).arg(&shipped).output().unwrap();
        assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
        assert!(String::from_utf8_lossy(&ok.stdout).contains("is valid: ntk-cdc"));
    }

    for (file, expected) in BROKEN {
        let out = Command::new(ntk).args(["checklist", "validate"]).arg(fixture(file)).output().unwrap();
        assert!(!out.status.success(), "{file} was accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{file}: expected {expected:?} in:\n{stderr}");
    }

    let show = Command::new(ntk).args(["checklist", "show"]).output().unwrap();
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(show.status.success());
    assert!(text.contains("Physical care [physical]") && text.contains("pre-birth:"), "{text}");
}

#[test]
fn ntk_checklist_diff_lists_the_added_removed_and_changed_items() {
    let ntk = env!("CARGO_BIN_EXE_ntk");
    let out = Command::new(ntk).args(["checklist", "diff", "1.0.0", "1.1.0"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("ntk-cdc version 1.0.0 -> ntk-cdc version 1.1.0"), "{text}");
    assert!(text.contains("Added (14):"), "{text}");
    assert!(text.contains("[safety.care-arrangements.left-alone-young]"), "{text}");
    assert!(text.contains("Removed (0):"), "{text}");
    assert!(text.contains("[physical.health.illness-injury]: grade 3, grade 5, guidance"), "{text}");
    assert!(text.contains("[physical.home.safe-sleep]: grade 1,") && text.contains("serious mark"), "{text}");
    // Against a partnership's file too; a name that is neither a version nor a file is refused.
    let file = fixture("valid-small.json");
    let out = Command::new(ntk).args(["checklist", "diff"]).arg(&file).arg("1.1.0").output().unwrap();
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("Removed (0):"));
    let out = Command::new(ntk).args(["checklist", "diff", "0.9", "1.1.0"]).output().unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("neither a shipped checklist version (1.0.0, 1.1.0) nor a file")
    );
}
