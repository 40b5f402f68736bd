//! Every fixed phrase of the family summary, one table per language. The practitioner chooses
//! the language when printing; what they wrote prints as written, in whatever language they
//! wrote it.
//!
//! Adding a language is one table: a `(key, reviewed, text)` list with exactly the keys and the
//! `{placeholders}` of the English one (`tests/integration/family_words.rs` fails on a missing
//! or extra key, or a placeholder lost), and one line in [`FamilyLanguage`]. Mark each phrase
//! `NOT_REVIEWED` until a speaker of the language has checked it: Settings shows how many are.
//!
//! The English table gathers phrases also used elsewhere from where they live (the section
//! headings from the written sections' table, the plan's worry from [`PlanCategory`], the area
//! names from the checklist), so English is never written twice.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::layout::PAGE_OF;
use crate::assessment::NARRATIVE_SECTIONS;
use crate::checklist::Checklist;
use crate::model::PlanCategory;

/// A language the family summary can be printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FamilyLanguage {
    #[default]
    English,
    Welsh,
}

/// A phrase not yet checked by a speaker of the language.
const NOT_REVIEWED: bool = false;

/// Our own Welsh, not yet checked by a Welsh speaker.
const WELSH: &[(&str, bool, &str)] = &[
    ("doc_title", NOT_REVIEWED, "Crynodeb i'r teulu"),
    ("title", NOT_REVIEWED, "Am {name}: crynodeb i'r teulu"),
    ("intro", NOT_REVIEWED, "Ysgrifennon ni hwn ar {date}. Mae'n dweud beth welon ni wrth edrych ar sut mae {name} yn cael gofal, a beth sy'n digwydd nesaf. Gofynnwch i ni am unrhyw beth sydd ddim yn glir."),
    ("why_involved", NOT_REVIEWED, "Pam rydyn ni'n gysylltiedig"),
    ("plan.neglect", NOT_REVIEWED, "Rydyn ni'n poeni nad yw anghenion {name} yn cael eu diwallu'n ddigon da: esgeulustod yw'r enw ar hyn."),
    ("plan.emotional_abuse", NOT_REVIEWED, "Rydyn ni'n poeni bod y ffordd mae pobl yn siarad â {name} ac yn ymddwyn tuag at {name} yn niweidio sut mae {name} yn teimlo: cam-drin emosiynol yw'r enw ar hyn."),
    ("plan.physical_abuse", NOT_REVIEWED, "Rydyn ni'n poeni bod oedolyn wedi brifo {name}, neu y gallai wneud hynny: cam-drin corfforol yw'r enw ar hyn."),
    ("plan.sexual_abuse", NOT_REVIEWED, "Rydyn ni'n poeni bod {name} wedi cael, neu y gallai gael, niwed rhywiol: cam-drin rhywiol yw'r enw ar hyn."),
    ("plan.multiple_categories", NOT_REVIEWED, "Rydyn ni'n poeni bod {name} yn cael niwed mewn mwy nag un ffordd: mae'r cynllun yn enwi mwy nag un math o niwed."),
    ("section.strengths", NOT_REVIEWED, "Beth sy'n mynd yn dda"),
    ("section.worries", NOT_REVIEWED, "Beth sy'n ein poeni ni"),
    ("section.needs_to_change", NOT_REVIEWED, "Beth sydd angen newid"),
    ("section.better_looks_like", NOT_REVIEWED, "Sut olwg fydd ar bethau pan fyddan nhw'n well"),
    ("section.if_things_do_not_change", NOT_REVIEWED, "Os na fydd pethau'n newid"),
    ("impact_title", NOT_REVIEWED, "Beth mae hyn yn ei olygu i {name}"),
    ("actions_title", NOT_REVIEWED, "Pwy fydd yn helpu"),
    ("action_who", NOT_REVIEWED, "Pwy: {who}, {agency}. Erbyn pryd: {date}."),
    ("next_title", NOT_REVIEWED, "Beth sy'n digwydd nesaf"),
    ("next_review", NOT_REVIEWED, "Byddwn ni'n cwrdd eto i weld sut mae pethau'n mynd erbyn {date}. Byddwn ni'n edrych ar y newidiadau uchod gyda'n gilydd."),
    ("next_soon", NOT_REVIEWED, "Byddwn ni'n cwrdd eto cyn bo hir i weld sut mae pethau'n mynd, a byddwn ni'n dweud y dyddiad wrthoch chi."),
    ("contact_title", NOT_REVIEWED, "Pwy i gysylltu â nhw"),
    ("contact", NOT_REVIEWED, "Os oes gennych gwestiynau, cysylltwch â {name}, {role}, {organisation}{team}."),
    ("telephone", NOT_REVIEWED, "Ffôn: "),
    ("email", NOT_REVIEWED, "E-bost: "),
    ("running_title", NOT_REVIEWED, "Crynodeb i deulu {name}"),
    ("page", NOT_REVIEWED, "Tudalen {n} o {total}"),
    ("month.1", NOT_REVIEWED, "Ionawr"),
    ("month.2", NOT_REVIEWED, "Chwefror"),
    ("month.3", NOT_REVIEWED, "Mawrth"),
    ("month.4", NOT_REVIEWED, "Ebrill"),
    ("month.5", NOT_REVIEWED, "Mai"),
    ("month.6", NOT_REVIEWED, "Mehefin"),
    ("month.7", NOT_REVIEWED, "Gorffennaf"),
    ("month.8", NOT_REVIEWED, "Awst"),
    ("month.9", NOT_REVIEWED, "Medi"),
    ("month.10", NOT_REVIEWED, "Hydref"),
    ("month.11", NOT_REVIEWED, "Tachwedd"),
    ("month.12", NOT_REVIEWED, "Rhagfyr"),
    ("area.physical", NOT_REVIEWED, "Gofal corfforol"),
    ("area.safety", NOT_REVIEWED, "Diogelwch"),
    ("area.warmth", NOT_REVIEWED, "Cynhesrwydd emosiynol"),
    ("area.esteem", NOT_REVIEWED, "Dysgu a hunan-barch"),
];

/// The English phrases written here (the rest are gathered from where they live).
const ENGLISH_OWN: &[(&str, &str)] = &[
    ("doc_title", "Family summary"),
    ("title", "About {name}: a summary for the family"),
    ("intro", "We wrote this on {date}. It says what we found when we looked at how {name} is looked after, and what happens next. Please ask us about anything that is not clear."),
    ("why_involved", "Why we are involved"),
    ("impact_title", "What this means for {name}"),
    ("actions_title", "Who will help"),
    ("action_who", "Who: {who}, {agency}. By when: {date}."),
    ("next_title", "What happens next"),
    ("next_review", "We will meet again to check how things are going by {date}. We will look at the changes above together."),
    ("next_soon", "We will meet again soon to check how things are going, and we will tell you the date."),
    ("contact_title", "Who to contact"),
    ("contact", "If you have questions, please contact {name}, {role}, {organisation}{team}."),
    ("telephone", "Telephone: "),
    ("email", "E-mail: "),
    ("running_title", "A summary for the family of {name}"),
];

/// One fixed phrase in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub text: String,
    /// Checked by a speaker of the language.
    pub reviewed: bool,
}

/// A language's phrases by key.
#[derive(Debug, Clone)]
pub struct Phrases {
    pub language: FamilyLanguage,
    pub phrases: BTreeMap<String, Phrase>,
}

/// How far a language's phrases have been checked, for Settings.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct LanguageStatus {
    pub language: FamilyLanguage,
    pub name: String,
    #[ts(type = "number")]
    pub phrases: usize,
    #[ts(type = "number")]
    pub reviewed: usize,
}

impl FamilyLanguage {
    pub const ALL: [FamilyLanguage; 2] = [FamilyLanguage::English, FamilyLanguage::Welsh];

    /// The language's name as the practitioner chooses it.
    pub fn name(self) -> &'static str {
        match self {
            FamilyLanguage::English => "English",
            FamilyLanguage::Welsh => "Welsh (Cymraeg)",
        }
    }

    /// The language in a file name: "welsh".
    pub fn file_word(self) -> &'static str {
        match self {
            FamilyLanguage::English => "english",
            FamilyLanguage::Welsh => "welsh",
        }
    }

    pub fn phrases(self) -> Phrases {
        let phrases = match self {
            FamilyLanguage::English => english(),
            FamilyLanguage::Welsh => WELSH
                .iter()
                .map(|(key, reviewed, text)| (key.to_string(), Phrase { text: text.to_string(), reviewed: *reviewed }))
                .collect(),
        };
        Phrases { language: self, phrases }
    }

    pub fn status(self) -> LanguageStatus {
        let phrases = self.phrases().phrases;
        LanguageStatus {
            language: self,
            name: self.name().into(),
            phrases: phrases.len(),
            reviewed: phrases.values().filter(|p| p.reviewed).count(),
        }
    }
}

/// The English table: our own English, reviewed by us.
fn english() -> BTreeMap<String, Phrase> {
    let reviewed = |text: String| Phrase { text, reviewed: true };
    let mut out: BTreeMap<String, Phrase> =
        ENGLISH_OWN.iter().map(|(key, text)| (key.to_string(), reviewed(text.to_string()))).collect();
    for category in PlanCategory::ALL {
        out.insert(format!("plan.{}", category.as_str()), reviewed(category.family_words("{name}")));
    }
    for s in NARRATIVE_SECTIONS {
        if let Some(title) = s.family_title {
            out.insert(format!("section.{}", s.key), reviewed(title.to_string()));
        }
    }
    out.insert("page".into(), reviewed(PAGE_OF.into()));
    for month in 1..=12 {
        let name = NaiveDate::from_ymd_opt(2000, month, 1).map(|d| d.format("%B").to_string()).unwrap_or_default();
        out.insert(format!("month.{month}"), reviewed(name));
    }
    for area in &Checklist::shipped().areas {
        out.insert(format!("area.{}", area.id), reviewed(area.name.clone()));
    }
    out
}

impl Phrases {
    /// The phrase `key` with each `{placeholder}` filled. A key missing from a table (the test
    /// on the tables stops that) prints as the key, never as nothing.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.phrases.get(key).map_or_else(|| key.to_string(), |p| p.text.clone());
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    pub fn get(&self, key: &str) -> String {
        self.fill(key, &[])
    }

    /// "3 March 2026" in the language: the month in words, never confused between orders.
    pub fn date(&self, d: NaiveDate) -> String {
        format!("{} {} {}", d.day(), self.get(&format!("month.{}", d.month())), d.year())
    }

    /// An area's name: the table's for a shipped area, else the checklist's own.
    pub fn area(&self, id: &str, checklist_name: &str) -> String {
        self.phrases.get(&format!("area.{id}")).map_or_else(|| checklist_name.to_string(), |p| p.text.clone())
    }
}

/// The `{placeholders}` a phrase uses (each once, however often it repeats one), for the test
/// that every language keeps them.
pub fn placeholders(text: &str) -> std::collections::BTreeSet<String> {
    text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string())).collect()
}
