//! The family summary's phrase tables: every language has exactly the English keys, with the
//! same placeholders, and says how many phrases a speaker has checked.

use ntk_core::report::family_words::placeholders;
use ntk_core::report::FamilyLanguage;

#[test]
fn every_language_has_every_phrase_of_the_family_summary_and_no_other() {
    let english = FamilyLanguage::English.phrases().phrases;
    assert!(english.len() > 30, "the English table gathers every phrase: {}", english.len());
    for language in FamilyLanguage::ALL {
        let table = language.phrases().phrases;
        let missing: Vec<&String> = english.keys().filter(|k| !table.contains_key(*k)).collect();
        let extra: Vec<&String> = table.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{}: missing {missing:?}", language.name());
        assert!(extra.is_empty(), "{}: phrases English does not have {extra:?}", language.name());
        for (key, phrase) in &table {
            assert!(!phrase.text.trim().is_empty(), "{}: {key} is empty", language.name());
            assert_eq!(
                placeholders(&phrase.text),
                placeholders(&english[key].text),
                "{}: {key} must keep English's placeholders",
                language.name()
            );
        }
    }
}

#[test]
fn settings_says_how_many_phrases_of_each_language_a_speaker_has_checked() {
    let english = FamilyLanguage::English.status();
    assert_eq!(english.reviewed, english.phrases);
    let welsh = FamilyLanguage::Welsh.status();
    assert_eq!(welsh.phrases, english.phrases);
    assert_eq!(welsh.reviewed, 0, "our own Welsh: no phrase checked by a Welsh speaker yet");
}
