//! The words the screens share with the reports: grade meanings, score bands, the written
//! sections (and which of them the family summary prints), plan categories; and the change
//! threshold, which the comparison screen applies to checklists the history does not pair.
//!
//! One place for them, so a screen can never describe a grade or a section differently from
//! the printed page. The UI reads `ui/src/bindings/wording.json`, written from here by
//! `tests/integration/wording.rs` (which fails when the committed file was out of date).

use serde::Serialize;
use ts_rs::TS;

use crate::assessment::{VoiceGap, NARRATIVE_SECTIONS};
use crate::compare::CHANGE_TENTHS;
use crate::model::PlanCategory;
use crate::scoring::{grade_meaning, Band};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Wording {
    /// What grades 1 to 5 mean, in order.
    pub grade_meanings: Vec<String>,
    pub bands: Vec<BandWording>,
    pub narrative_sections: Vec<SectionWording>,
    pub plan_categories: Vec<PlanWording>,
    /// The reasons a child's voice may be blank, as the checklist offers them.
    pub voice_gaps: Vec<VoiceGapWording>,
    /// A score down (or up) by this many tenths or more is improved (or worse).
    pub change_tenths: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BandWording {
    pub band: Band,
    pub label: String,
    /// The lowest score in the band, in tenths (a score of 3.0 is 30).
    pub from_tenths: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SectionWording {
    pub key: String,
    pub title: String,
    pub hint: String,
    /// The heading the family summary prints this section under; `None` when it is not printed.
    pub family_title: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanWording {
    pub category: PlanCategory,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VoiceGapWording {
    pub gap: VoiceGap,
    pub label: String,
}

impl Wording {
    pub fn current() -> Wording {
        Wording {
            grade_meanings: (1..=5).map(|g| grade_meaning(g).to_string()).collect(),
            bands: Band::ALL
                .into_iter()
                .map(|band| BandWording { band, label: band.label().into(), from_tenths: band.from_tenths() })
                .collect(),
            narrative_sections: NARRATIVE_SECTIONS
                .iter()
                .map(|s| SectionWording {
                    key: s.key.into(),
                    title: s.title.into(),
                    hint: s.hint.into(),
                    family_title: s.family_title.map(Into::into),
                })
                .collect(),
            plan_categories: PlanCategory::ALL
                .into_iter()
                .map(|category| PlanWording { category, label: category.label().into() })
                .collect(),
            voice_gaps: VoiceGap::ALL
                .into_iter()
                .map(|gap| VoiceGapWording { gap, label: gap.label().into() })
                .collect(),
            change_tenths: CHANGE_TENTHS,
        }
    }
}
