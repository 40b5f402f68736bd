//! The Childcare and Development Checklist: its types, its one loader, and its validation.
//!
//! The shipped checklist (`shipped.json`, our own wording) is embedded in the binary. A local
//! partnership's variant goes through the same loader and the same validation. Every fault is
//! reported with its exact place, e.g. `areas[2].subareas[1].items[4].descriptors: expected 5, found 4`.

mod validate;
mod versions;

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::model::AgeBand;
pub use validate::{ChecklistError, Fault};
pub use versions::{diff, diff_text, Checklists, ItemChange, ItemDiff, Versions};

/// The first shipped checklist (1.0.0), as written. Never edited: its hash is stored with every
/// checklist started on it, and those checklists are read, scored and printed against its words.
pub const SHIPPED_1_0_JSON: &str = include_str!("shipped.json");

/// The current shipped checklist (1.1.0), as written: the content a new checklist is started on.
pub const SHIPPED_1_1_JSON: &str = include_str!("shipped-1.1.json");

/// The shipped checklist new checklists use.
pub const SHIPPED_JSON: &str = SHIPPED_1_1_JSON;

/// Every shipped version, oldest first. Each is embedded and validated (tested), so a checklist
/// finalised on any of them can always be read against its own words.
pub const SHIPPED_VERSIONS: [&str; 2] = [SHIPPED_1_0_JSON, SHIPPED_1_1_JSON];

/// Number of graded descriptors every item has: grade 1 (best) to 5 (worst).
pub const GRADES: usize = 5;

#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
pub struct Checklist {
    pub id: String,
    pub version: String,
    pub title: String,
    /// SHA-256 of the content in canonical form (independent of spacing in the file), in hex.
    /// Stored with every assessment so a grade can always be read against the words it was given for.
    pub hash: String,
    pub areas: Vec<Area>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Area {
    pub id: String,
    pub name: String,
    pub description: String,
    pub subareas: Vec<SubArea>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SubArea {
    pub id: String,
    pub name: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub age_bands: Vec<AgeBand>,
    /// `descriptors[0]` describes grade 1 (needs fully met) ... `descriptors[4]` grade 5.
    pub descriptors: Vec<String>,
    /// What to look at, what counts as evidence, what not to confuse it with.
    pub guidance: String,
    /// The grade (3 to 5) from which this item describes danger to the child, such as unsafe
    /// sleep for a baby at 4. From that grade the item is never averaged away: it flags its area
    /// on every summary, like a 5. Absent on most items; left out of the canonical form when
    /// absent, so a checklist without marks keeps the hash it always had.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub serious_from: Option<u8>,
    /// A condition on the child beyond age, such as the items about a disability's care, which
    /// apply only to a child with a recorded disability or long-term condition. Absent on most
    /// items, and left out of the canonical form when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub applies_when: Option<Condition>,
}

/// What must be recorded about a child for an item to apply to them.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Condition {
    /// The child has a recorded disability or long-term condition.
    Disability,
}

impl Item {
    pub fn applies_to(&self, band: AgeBand) -> bool {
        self.age_bands.contains(&band)
    }

    /// Whether the child meets this item's condition beyond age (always, for most items).
    pub fn condition_met(&self, has_disability: bool) -> bool {
        match self.applies_when {
            None => true,
            Some(Condition::Disability) => has_disability,
        }
    }

    /// Whether `grade` is at or above the grade this item is serious from. A 5 is always
    /// serious, marked or not.
    pub fn is_serious_at(&self, grade: u8) -> bool {
        grade >= self.serious_from.unwrap_or(GRADES as u8)
    }
}

/// The file as written: the checklist without its hash.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChecklistFile {
    id: String,
    version: String,
    title: String,
    areas: Vec<Area>,
}

impl Checklist {
    /// The checklist shipped with the app. It is validated by the test suite, so failing here
    /// would be a build defect, not a user's mistake.
    pub fn shipped() -> Checklist {
        Checklist::from_json(SHIPPED_JSON).expect("the shipped checklist is valid (tested)")
    }

    /// Every shipped version, oldest first.
    pub fn shipped_versions() -> Vec<Checklist> {
        SHIPPED_VERSIONS
            .iter()
            .map(|json| Checklist::from_json(json).expect("every shipped checklist is valid (tested)"))
            .collect()
    }

    /// Loads and validates a checklist file (the shipped one or a partnership's variant).
    pub fn load(path: &Path) -> Result<Checklist, ChecklistError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ChecklistError::single("", format!("cannot read {}: {e}", path.display())))?;
        Checklist::from_json(&text)
    }

    /// The one loader: parses, validates every rule, and computes the content hash.
    pub fn from_json(text: &str) -> Result<Checklist, ChecklistError> {
        // Parsing to a value first lets unknown age bands be reported by path along with
        // every other fault, rather than as the first serde error.
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ChecklistError::single("", format!("not valid JSON: {e}")))?;
        validate::check_age_bands(&value)?;
        let file: ChecklistFile = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            ChecklistError::single(if path == "." { "" } else { &path }, e.into_inner().to_string())
        })?;
        validate::check(&file.id, &file.version, &file.title, &file.areas)?;
        let canonical = serde_json::to_vec(&file).expect("a checklist always serialises");
        let hash = Sha256::digest(&canonical).iter().map(|b| format!("{b:02x}")).collect();
        Ok(Checklist { id: file.id, version: file.version, title: file.title, hash, areas: file.areas })
    }

    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.areas.iter().flat_map(|a| a.subareas.iter()).flat_map(|s| s.items.iter())
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    /// Index from item id to (area id, sub-area id), for code that walks grades.
    pub fn item_places(&self) -> HashMap<&str, (&str, &str)> {
        let mut map = HashMap::new();
        for area in &self.areas {
            for sub in &area.subareas {
                for item in &sub.items {
                    map.insert(item.id.as_str(), (area.id.as_str(), sub.id.as_str()));
                }
            }
        }
        map
    }

    /// Number of items that apply to a child in `band`.
    pub fn count_for(&self, band: AgeBand) -> usize {
        self.items().filter(|i| i.applies_to(band)).count()
    }

    /// A plain-text outline: areas, sub-areas and items with their age bands.
    pub fn outline(&self) -> String {
        let mut out = format!("{} (id {}, version {})\nhash {}\n", self.title, self.id, self.version, self.hash);
        for area in &self.areas {
            out.push_str(&format!("\n{} [{}]\n", area.name, area.id));
            for sub in &area.subareas {
                out.push_str(&format!("  {} [{}]\n", sub.name, sub.id));
                for item in &sub.items {
                    let bands: Vec<&str> = item.age_bands.iter().map(|b| b.label()).collect();
                    out.push_str(&format!("    - {} [{}] ({})\n", item.title, item.id, bands.join(", ")));
                }
            }
        }
        let items = self.items().count();
        let subareas: usize = self.areas.iter().map(|a| a.subareas.len()).sum();
        out.push_str(&format!("\n{} areas, {subareas} sub-areas, {items} items\n", self.areas.len()));
        for band in AgeBand::ALL {
            out.push_str(&format!("  {:>9}: {} items apply\n", band.label(), self.count_for(band)));
        }
        out
    }
}
