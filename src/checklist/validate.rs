//! Validation of a checklist, every fault with its exact place in the file.

use std::collections::HashMap;
use std::fmt;

use serde_json::Value;

use super::{Area, GRADES};
use crate::model::AgeBand;

/// One fault: where (`areas[2].subareas[1].items[4].descriptors`) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every fault found in a checklist file, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistError {
    pub faults: Vec<Fault>,
}

impl ChecklistError {
    pub fn single(path: &str, message: impl Into<String>) -> Self {
        ChecklistError { faults: vec![Fault { path: path.to_string(), message: message.into() }] }
    }
}

impl fmt::Display for ChecklistError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.faults.iter().map(|x| x.to_string()).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl std::error::Error for ChecklistError {}

#[derive(Default)]
struct Faults(Vec<Fault>);

impl Faults {
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Fault { path: path.into(), message: message.into() });
    }
    fn non_empty(&mut self, path: &str, text: &str) {
        if text.trim().is_empty() {
            self.add(path, "must not be empty");
        }
    }
    fn into_result(self) -> Result<(), ChecklistError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ChecklistError { faults: self.0 })
        }
    }
}

/// Age bands are checked on the raw JSON so that an unknown band is named with its place.
pub(super) fn check_age_bands(root: &Value) -> Result<(), ChecklistError> {
    let mut faults = Faults::default();
    let known: Vec<&str> = AgeBand::ALL.iter().map(|b| b.label()).collect();
    let each = |v: &Value, key: &str| v.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    for (a, area) in each(root, "areas").iter().enumerate() {
        for (s, sub) in each(area, "subareas").iter().enumerate() {
            for (i, item) in each(sub, "items").iter().enumerate() {
                let path = format!("areas[{a}].subareas[{s}].items[{i}].age_bands");
                let Some(bands) = item.get("age_bands").and_then(Value::as_array) else { continue };
                if bands.is_empty() {
                    faults.add(&path, "must name at least one age band");
                }
                let mut seen = Vec::new();
                for (b, band) in bands.iter().enumerate() {
                    match band.as_str() {
                        Some(text) if known.contains(&text) => {
                            if seen.contains(&text) {
                                faults.add(format!("{path}[{b}]"), format!("age band \"{text}\" is listed twice"));
                            }
                            seen.push(text);
                        }
                        Some(text) => faults.add(
                            format!("{path}[{b}]"),
                            format!("unknown age band \"{text}\" (expected one of {})", known.join(", ")),
                        ),
                        None => faults.add(format!("{path}[{b}]"), "an age band must be text"),
                    }
                }
            }
        }
    }
    faults.into_result()
}

/// Every id, at whatever level, must be unique and tidy: grades and comparisons are keyed by id.
fn check_id<'a>(faults: &mut Faults, first_use: &mut HashMap<&'a str, String>, path: String, id: &'a str) {
    if id.trim().is_empty() {
        faults.add(format!("{path}.id"), "must not be empty");
    } else if !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-') {
        faults.add(format!("{path}.id"), format!("\"{id}\" may use only a-z, 0-9, '.' and '-'"));
    }
    if let Some(first) = first_use.get(id) {
        faults.add(format!("{path}.id"), format!("duplicate id \"{id}\" (first used at {first})"));
    } else {
        first_use.insert(id, path);
    }
}

/// Every rule a well-formed checklist keeps, beyond its JSON shape.
pub(super) fn check(id: &str, version: &str, title: &str, areas: &[Area]) -> Result<(), ChecklistError> {
    let mut faults = Faults::default();
    faults.non_empty("id", id);
    faults.non_empty("version", version);
    faults.non_empty("title", title);
    if areas.is_empty() {
        faults.add("areas", "the checklist has no areas");
    }
    let mut first_use: HashMap<&str, String> = HashMap::new();
    for (a, area) in areas.iter().enumerate() {
        let ap = format!("areas[{a}]");
        check_id(&mut faults, &mut first_use, ap.clone(), &area.id);
        faults.non_empty(&format!("{ap}.name"), &area.name);
        faults.non_empty(&format!("{ap}.description"), &area.description);
        if area.subareas.is_empty() {
            faults.add(format!("{ap}.subareas"), "the area has no sub-areas");
        }
        for (s, sub) in area.subareas.iter().enumerate() {
            let sp = format!("{ap}.subareas[{s}]");
            check_id(&mut faults, &mut first_use, sp.clone(), &sub.id);
            faults.non_empty(&format!("{sp}.name"), &sub.name);
            if sub.items.is_empty() {
                faults.add(format!("{sp}.items"), "the sub-area has no items");
            }
            for (i, item) in sub.items.iter().enumerate() {
                let ip = format!("{sp}.items[{i}]");
                check_id(&mut faults, &mut first_use, ip.clone(), &item.id);
                faults.non_empty(&format!("{ip}.title"), &item.title);
                faults.non_empty(&format!("{ip}.guidance"), &item.guidance);
                if item.descriptors.len() != GRADES {
                    faults.add(
                        format!("{ip}.descriptors"),
                        format!("expected {GRADES}, found {}", item.descriptors.len()),
                    );
                }
                if let Some(from) = item.serious_from {
                    if !(3..=GRADES as u8).contains(&from) {
                        faults.add(
                            format!("{ip}.serious_from"),
                            format!("must be a grade from 3 to {GRADES}, found {from}"),
                        );
                    }
                }
                for (d, text) in item.descriptors.iter().enumerate() {
                    let dp = format!("{ip}.descriptors[{d}]");
                    if text.trim().is_empty() {
                        faults.add(dp, format!("the descriptor for grade {} must not be empty", d + 1));
                    } else if let Some(same) = item.descriptors[..d].iter().position(|t| t.trim() == text.trim()) {
                        faults.add(dp, format!("grade {} has the same words as grade {}", d + 1, same + 1));
                    }
                }
            }
        }
    }
    faults.into_result()
}
