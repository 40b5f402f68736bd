//! Versions of the checklist: which words each checklist was graded against, and what changed
//! between two versions.
//!
//! A checklist keeps the content hash of the words it was started on. It is read, scored,
//! compared and printed against those words for ever, so a new version of the content never
//! changes an old grade's meaning. Across versions, items are matched by id.

use super::{Checklist, Item};
use crate::assessment::Assessment;

/// Where to find the words an assessment was graded on, and the words a new checklist uses.
/// One [`Checklist`] answers with itself for every assessment (a single version in use).
pub trait Versions: std::fmt::Debug {
    /// The checklist `assessment` was graded on.
    fn of(&self, assessment: &Assessment) -> &Checklist;
    /// The checklist a new assessment is started on; its areas are the ones shown side by side.
    fn current(&self) -> &Checklist;
}

impl Versions for Checklist {
    fn of(&self, _: &Assessment) -> &Checklist {
        self
    }
    fn current(&self) -> &Checklist {
        self
    }
}

/// Every checklist this app can read: the shipped versions, and a partnership's own variant
/// when one is in use. The last one added is the one new checklists are started on.
#[derive(Debug, Clone)]
pub struct Checklists {
    known: Vec<Checklist>,
    current: usize,
}

impl Checklists {
    /// The shipped versions; new checklists use the newest.
    pub fn shipped() -> Checklists {
        let known = Checklist::shipped_versions();
        let current = known.iter().position(|c| c.hash == Checklist::shipped().hash).unwrap_or(known.len() - 1);
        Checklists { known, current }
    }

    /// Starts new checklists on `checklist` (already validated by the loader), keeping every
    /// version known so far readable.
    pub fn use_for_new(&mut self, checklist: Checklist) {
        self.current = match self.known.iter().position(|c| c.hash == checklist.hash) {
            Some(i) => i,
            None => {
                self.known.push(checklist);
                self.known.len() - 1
            }
        };
    }

    pub fn by_hash(&self, hash: &str) -> Option<&Checklist> {
        self.known.iter().find(|c| c.hash == hash)
    }

    /// The known checklist with this id and version, when the hash is not known (a record made
    /// with a variant's earlier spacing, say).
    fn by_version(&self, id: &str, version: &str) -> Option<&Checklist> {
        self.known.iter().find(|c| c.id == id && c.version == version)
    }

    pub fn all(&self) -> &[Checklist] {
        &self.known
    }
}

impl Versions for Checklists {
    fn of(&self, a: &Assessment) -> &Checklist {
        self.by_hash(&a.checklist_hash)
            .or_else(|| self.by_version(&a.checklist_id, &a.checklist_version))
            .unwrap_or_else(|| self.current())
    }
    fn current(&self) -> &Checklist {
        &self.known[self.current]
    }
}

/// How an item differs between two versions of a checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemChange {
    /// Not in the older version.
    New,
    /// In both, with different words, age bands or marks.
    Changed,
    /// In both, the same.
    Same,
    /// Not in the newer version.
    Removed,
}

/// One item that differs, and what about it differs.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemDiff {
    pub id: String,
    pub title: String,
    pub change: ItemChange,
    /// For a changed item: which parts changed ("title", "grade 3", "guidance", "age bands", ...).
    pub parts: Vec<String>,
}

/// What changed from `old` to `new`, item by item, in the newer checklist's order (removed
/// items last, in the older order).
pub fn diff(old: &Checklist, new: &Checklist) -> Vec<ItemDiff> {
    let mut out = Vec::new();
    for item in new.items() {
        let (change, parts) = match old.item(&item.id) {
            None => (ItemChange::New, Vec::new()),
            Some(before) => {
                let parts = changed_parts(before, item);
                (if parts.is_empty() { ItemChange::Same } else { ItemChange::Changed }, parts)
            }
        };
        if change != ItemChange::Same {
            out.push(ItemDiff { id: item.id.clone(), title: item.title.clone(), change, parts });
        }
    }
    for item in old.items().filter(|i| new.item(&i.id).is_none()) {
        out.push(ItemDiff {
            id: item.id.clone(),
            title: item.title.clone(),
            change: ItemChange::Removed,
            parts: vec![],
        });
    }
    out
}

fn changed_parts(before: &Item, after: &Item) -> Vec<String> {
    let mut parts = Vec::new();
    if before.title != after.title {
        parts.push("title".to_string());
    }
    if before.age_bands != after.age_bands {
        parts.push("age bands".to_string());
    }
    for (g, (a, b)) in before.descriptors.iter().zip(&after.descriptors).enumerate() {
        if a != b {
            parts.push(format!("grade {}", g + 1));
        }
    }
    if before.guidance != after.guidance {
        parts.push("guidance".to_string());
    }
    if before.serious_from != after.serious_from {
        parts.push("serious mark".to_string());
    }
    if before.applies_when != after.applies_when {
        parts.push("applies when".to_string());
    }
    parts
}

/// The diff as text, for `ntk checklist diff OLD NEW`.
pub fn diff_text(old: &Checklist, new: &Checklist) -> String {
    let changes = diff(old, new);
    let mut out = format!("{} version {} -> {} version {}\n", old.id, old.version, new.id, new.version);
    for (heading, kind) in
        [("Added", ItemChange::New), ("Removed", ItemChange::Removed), ("Changed", ItemChange::Changed)]
    {
        let these: Vec<&ItemDiff> = changes.iter().filter(|d| d.change == kind).collect();
        out.push_str(&format!("\n{heading} ({}):\n", these.len()));
        for d in these {
            let parts = if d.parts.is_empty() { String::new() } else { format!(": {}", d.parts.join(", ")) };
            out.push_str(&format!("  {} [{}]{parts}\n", d.title, d.id));
        }
    }
    out
}
