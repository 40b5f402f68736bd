//! The words shared by the screens and the reports come from the core alone: the UI's copy
//! (ui/src/bindings/wording.json) is written from `Wording::current()` and checked here.

use std::path::Path;

use ntk_core::scoring::Band;
use ntk_core::wording::Wording;

#[test]
fn the_ui_wording_file_matches_the_core() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings/wording.json");
    let current = serde_json::to_string_pretty(&Wording::current()).unwrap() + "\n";
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != current {
        std::fs::write(&path, &current).unwrap();
        panic!("{} was out of date with the core and has been rewritten: rebuild the UI and commit it", path.display());
    }
}

#[test]
fn each_band_starts_where_the_scoring_puts_it() {
    let w = Wording::current();
    assert_eq!(w.bands.len(), 4);
    for b in &w.bands {
        assert_eq!(Band::of_tenths(b.from_tenths), b.band, "{}", b.label);
        if b.from_tenths > 0 {
            assert_ne!(Band::of_tenths(b.from_tenths - 1), b.band, "{} starts at {}", b.label, b.from_tenths);
        }
    }
    assert_eq!(Band::of(1.9), Band::NeedsMet);
    assert_eq!(Band::of(2.0), Band::MostlyMet);
    assert_eq!(Band::of(3.95), Band::SeriousConcern);
    assert_eq!(Band::of(5.0), Band::SeriousConcern);
}

#[test]
fn the_sections_for_the_family_are_named_and_every_section_has_a_hint() {
    let w = Wording::current();
    assert_eq!(w.grade_meanings.len(), 5);
    let for_family: Vec<&str> =
        w.narrative_sections.iter().filter(|s| s.family_title.is_some()).map(|s| s.key.as_str()).collect();
    assert_eq!(for_family, ["strengths", "worries", "needs_to_change", "better_looks_like", "if_things_do_not_change"]);
    assert_eq!(w.voice_gaps.len(), 3);
    assert!(w.narrative_sections.iter().all(|s| s.hint.len() > 20));
    assert_eq!(w.plan_categories.len(), 5);
}

/// The help screen explains change, drift and sustained improvement in the sentences the
/// core-group summary prints (tests/report.rs finds them in the PDF).
#[test]
fn the_help_rules_use_the_sentences_the_summary_prints() {
    use ntk_core::wording::{CHANGE_RULE, DRIFT_RULE, SUSTAINED_RULE};
    let w = Wording::current();
    let rule = |title: &str| w.rules.iter().find(|r| r.title == title).map(|r| r.text.clone()).unwrap_or_default();
    assert_eq!(rule("Change"), CHANGE_RULE);
    assert!(rule("Drift").contains(DRIFT_RULE));
    assert!(rule("Sustained improvement").contains(SUSTAINED_RULE));
    assert!(rule("A 5 is never averaged away").contains("graded 5"));
    assert!(w.rules.iter().all(|r| !r.text.trim().is_empty()), "every rule is explained");
}
