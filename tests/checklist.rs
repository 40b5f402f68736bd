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
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/checklist/shipped.json");
    let ok = Command::new(ntk).args(["checklist", "validate"]).arg(&shipped).output().unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("is valid: ntk-cdc"));

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
