//! Sharing between agencies.
//!
//! **Exchange files.** One child's finalised checklists as a versioned JSON document
//! (`"format": "ntk-exchange"`, `"format_version": 1`), optionally encrypted with a passphrase
//! (age, scrypt). The format is described field by field in `docs/exchange-format.md`. This
//! module holds the format's types, reading and writing bytes, and the checks that need no
//! database; the store (`store/exchange.rs`) exports, plans and applies imports. Records are
//! mapped to and from the format in [`mapping`], and an incoming child is matched to one here
//! in [`matching`].
//!
//! Reading a file is strict: an unknown `format_version`, an unknown field, a value of the
//! wrong kind or a file cut short is refused as a whole, with a sentence saying where.
//! Checks of the content against the checklist (item ids, areas, grades, dates, amendments)
//! are made per checklist so the preview can say exactly which one is at fault and why.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assessment::{AssessmentStatus, EvidenceSource, Narrative, Practitioner, NARRATIVE_SECTIONS};
use crate::checklist::{Checklist, Checklists};
use crate::error::{CoreError, Result};
use crate::model::{AgeBand, ChildForm, PlanCategory};
use crate::paths::ChosenFile;
use crate::scoring::{self, check_confirmation, Grade};
use crate::text::{text_fault, MAX_NAME_CHARS, MAX_TEXT_CHARS};

pub mod chronology;
pub mod mapping;
pub(crate) mod matching;

/// Lists in a file are read with a limit on their length: the entry past the limit stops the
/// reading, so a file of a hundred thousand tiny entries costs no more than one at the limit.
mod bounded {
    use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
    use std::marker::PhantomData;

    pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        deserializer: D,
        max: usize,
        what: &'static str,
    ) -> Result<Vec<T>, D::Error> {
        struct Bounded<T>(usize, &'static str, PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Bounded<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "a list of at most {} {}", self.0, self.1)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = seq.next_element()? {
                    if out.len() == self.0 {
                        return Err(serde::de::Error::custom(format!("more than {} {}", self.0, self.1)));
                    }
                    out.push(entry);
                }
                Ok(out)
            }
        }
        deserializer.deserialize_seq(Bounded(max, what, PhantomData))
    }

    pub fn assessments<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        list(d, super::MAX_ASSESSMENTS, "checklists")
    }
    pub fn household<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        list(d, super::chronology::MAX_HOUSEHOLD_ENTRIES, "household members or adults")
    }
    pub fn events<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        list(d, super::chronology::MAX_EVENTS, "events")
    }
    pub fn entries<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        list(d, super::MAX_ENTRIES_PER_ASSESSMENT, "entries")
    }
}

/// The value of `"format"` in every exchange file.
pub const FORMAT: &str = "ntk-exchange";
/// The exchange format this version of the app writes, and the only one it reads.
pub const FORMAT_VERSION: u32 = 4;
/// Largest exchange file accepted (encrypted or not): far above any real child's record.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// Most checklists one file may hold: decades of reviews of one child by every agency.
pub const MAX_ASSESSMENTS: usize = 1_000;
/// Most items, area grades or actions one checklist in a file may hold (the shipped checklist
/// has far fewer items; a file with more is refused before it is held in memory).
pub const MAX_ENTRIES_PER_ASSESSMENT: usize = 500;
/// Longest identifier, version, hash or time stamp accepted in a file.
const MAX_ID_CHARS: usize = 100;
/// Shortest passphrase accepted to encrypt an exchange file.
pub const MIN_FILE_PASSPHRASE_CHARS: usize = 8;
/// scrypt work factor (N = 2^18, 256 MiB) for encrypting a file: the reference age
/// implementation's default. Fixed rather than tuned to the sending laptop, so a slower
/// receiving laptop opens the file in about the same time (around a second).
pub const SCRYPT_LOG_N: u8 = 18;
/// Highest work factor accepted when decrypting (N = 2^20, 1 GiB): a hostile file cannot make
/// the app spend minutes and many gigabytes of memory.
pub const SCRYPT_MAX_LOG_N: u8 = 20;
/// The first bytes of a (binary) age file.
const AGE_MAGIC: &[u8] = b"age-encryption.org/";
/// The first bytes of an ASCII-armoured age file (not written by this app).
const AGE_ARMOR: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

// ---------------------------------------------------------------------------------------------
// The file format (version 1)
// ---------------------------------------------------------------------------------------------

/// One child's finalised checklists, as exchanged between agencies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`FORMAT_VERSION`] for files this version writes.
    pub format_version: u32,
    /// When the file was made (local time with offset, RFC 3339).
    pub exported_at: String,
    /// Who made it (the practitioner signed in to the exporting app).
    pub exported_by: String,
    /// The checklist the assessments in the file were completed on (the newest, when a child's
    /// checklists span versions; an assessment on another version names its own).
    pub checklist: ChecklistRef,
    pub child: ExchangeChild,
    /// Finalised checklists only, oldest first; an amendment comes after the one it corrects.
    #[serde(deserialize_with = "bounded::assessments")]
    pub assessments: Vec<ExchangeAssessment>,
    /// The exporting records' audit chain head when the file was made (format 2): `ntk verify
    /// --against` this file later shows whether that log was rewritten since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_head: Option<crate::store::AuditHead>,
    /// Version 3 (issue 18): plans, managers' reviews, core group meetings, engagement and case
    /// references. Absent (empty) in older files, and refused in them.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "bounded::entries")]
    pub plans: Vec<ExchangePlan>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "bounded::entries")]
    pub manager_reviews: Vec<ExchangeManagerReview>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "bounded::entries")]
    pub core_group_meetings: Vec<ExchangeMeeting>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "bounded::entries")]
    pub engagement: Vec<ExchangeEngagement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_references: Option<crate::references::CaseReferences>,
    /// The other children of the child's household (format 3; absent in older files).
    #[serde(default, deserialize_with = "bounded::household", skip_serializing_if = "Vec::is_empty")]
    pub household_members: Vec<chronology::ExchangeHouseholdMember>,
    /// The household's adults (format 3).
    #[serde(default, deserialize_with = "bounded::household", skip_serializing_if = "Vec::is_empty")]
    pub adults: Vec<chronology::ExchangeAdult>,
    /// The child's chronology, every version, oldest first (format 3).
    #[serde(default, deserialize_with = "bounded::events", skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<chronology::ExchangeEvent>,
}

/// A plan, as exchanged (format 3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangePlan {
    pub plan_type: crate::plans::PlanType,
    #[serde(default)]
    pub category: Option<PlanCategory>,
    pub started_on: NaiveDate,
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
    #[serde(default)]
    pub outcome: Option<crate::plans::PlanOutcome>,
}

/// A manager's review of one of the file's checklists, named by its `reference` (format 3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeManagerReview {
    pub checklist_reference: u32,
    pub manager_name: String,
    #[serde(default)]
    pub manager_role: String,
    pub reviewed_on: NaiveDate,
    pub decision: crate::oversight::ManagerDecision,
    #[serde(default)]
    pub comment: String,
}

/// A core group meeting (format 3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeMeeting {
    pub held_on: NaiveDate,
    pub agencies_present: Vec<String>,
    #[serde(default)]
    pub agencies_absent: Vec<String>,
    #[serde(default)]
    pub not_involved: Vec<String>,
    #[serde(default)]
    pub agreed: Vec<crate::core_group::AgreedGrade>,
}

/// One carer's engagement at one review (format 3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeEngagement {
    pub rated_on: NaiveDate,
    pub carer: String,
    pub engagement: u8,
}

/// Which checklist (and exactly which words: the content hash) the grades were given against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ChecklistRef {
    pub id: String,
    pub version: String,
    pub hash: String,
}

impl ChecklistRef {
    pub fn of(checklist: &Checklist) -> ChecklistRef {
        ChecklistRef { id: checklist.id.clone(), version: checklist.version.clone(), hash: checklist.hash.clone() }
    }
}

/// The child, as far as the receiving agency needs to find or add them. The household is not
/// exchanged: it is the receiving agency's own grouping, and its name often names other people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeChild {
    pub name: String,
    /// Date of birth, or the expected date when `unborn`.
    pub date_of_birth: NaiveDate,
    pub unborn: bool,
    pub plan_category: Option<PlanCategory>,
    pub plan_start: Option<NaiveDate>,
    pub review_interval_months: u32,
    /// A recorded disability or long-term condition. Files from before this field hold only
    /// the description: see [`ExchangeChild::recorded_disability`].
    #[serde(default)]
    pub has_disability: bool,
    #[serde(default)]
    pub disability_needs: String,
    #[serde(default)]
    pub communication_needs: String,
}

impl ExchangeChild {
    /// Whether the child has a recorded disability: the field, or, in a file written before it
    /// existed, any description (the rule the database migration used), so no child loses the
    /// disability items by being sent between agencies.
    pub fn recorded_disability(&self) -> bool {
        self.has_disability || !self.disability_needs.trim().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeAssessor {
    pub name: String,
    pub agency: String,
    #[serde(default)]
    pub role: String,
}

/// One finalised checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeAssessment {
    /// A number unique within this file, used by `amends`. It means nothing outside the file.
    #[serde(rename = "ref")]
    pub reference: u32,
    /// The checklist this one was completed on, when it is not the file's `checklist` (a child
    /// whose checklists span versions). Absent in most files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checklist: Option<ChecklistRef>,
    pub assessed_on: NaiveDate,
    pub assessor: ExchangeAssessor,
    /// The sender's review round (the receiver numbers rounds by its own rule).
    pub review_round: u32,
    /// Always "finalised": drafts are never exchanged.
    pub status: AssessmentStatus,
    /// When it was finalised at the sending agency (RFC 3339).
    pub finalised_at: String,
    /// The `ref` of the checklist in this file that this one corrects.
    #[serde(default)]
    pub amends: Option<u32>,
    #[serde(default)]
    pub amendment_reason: Option<String>,
    /// Who made the amendment at the sending agency, and when (format 2; absent in format 1
    /// files, whose amendments are then shown as "amended by: not recorded").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amended_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amended_at: Option<String>,
    #[serde(deserialize_with = "bounded::entries")]
    pub items: Vec<ExchangeItem>,
    #[serde(default, deserialize_with = "bounded::entries")]
    pub confirmations: Vec<ExchangeConfirmation>,
    #[serde(default)]
    pub narrative: ExchangeNarrative,
    #[serde(default, deserialize_with = "bounded::entries")]
    pub actions: Vec<ExchangeAction>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeItem {
    pub item_id: String,
    /// "1".."5", "not_known", "not_applicable", or null when only evidence was written.
    pub grade: Option<Grade>,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub source: Option<EvidenceSource>,
    #[serde(default)]
    pub evidence_date: Option<NaiveDate>,
    #[serde(default)]
    pub professional_only: bool,
    /// The adult of the child's household the item concerns, by their name as the file's
    /// `adults` list gives it (adults travel by name: numbers differ between agencies). Optional:
    /// absent when the item names no one, and in files made before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adult: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeConfirmation {
    pub area_id: String,
    pub confirmed: u8,
    #[serde(default)]
    pub reason: String,
}

/// The written sections travel as the app keeps them (see [`Narrative`]).
pub type ExchangeNarrative = Narrative;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeAction {
    pub what: String,
    pub who: String,
    #[serde(default)]
    pub agency: String,
    pub by_when: NaiveDate,
    #[serde(default)]
    pub target_grade: Option<u8>,
    #[serde(default)]
    pub area_id: Option<String>,
    #[serde(default)]
    pub result: String,
}

impl ExchangeAssessment {
    /// The checklist this one was completed on: its own when it names one, else the file's.
    pub fn checklist_ref<'a>(&'a self, file: &'a ChecklistRef) -> &'a ChecklistRef {
        self.checklist.as_ref().unwrap_or(file)
    }

    /// Item id -> grade, for scoring and for recognising a checklist already imported.
    pub fn grades(&self) -> std::collections::HashMap<String, Grade> {
        self.items.iter().filter_map(|i| i.grade.map(|g| (i.item_id.clone(), g))).collect()
    }
}

/// True when `bytes` start like an age-encrypted file.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC) || bytes.starts_with(AGE_ARMOR)
}

/// Whether `bytes` can be an exchange file: encrypted, or JSON text opening with an object. The
/// text must be UTF-8 throughout: an encrypted backup is random bytes, and its first byte that is
/// not white space is `{` about once in 250 backups, which a check of that byte alone took for an
/// export (`ntk verify --against` then refused the backup as damaged JSON).
pub fn may_be_exchange_file(bytes: &[u8]) -> bool {
    is_encrypted(bytes) || std::str::from_utf8(bytes).is_ok_and(|text| text.trim_start().starts_with('{'))
}

#[cfg(test)]
mod exchange_file_shape {
    use super::may_be_exchange_file;

    #[test]
    fn an_export_is_recognised_and_random_bytes_opening_with_a_brace_are_not() {
        assert!(may_be_exchange_file(b"  {\"format\": \"neglect-toolkit-exchange\"}"));
        assert!(may_be_exchange_file(b"age-encryption.org/v1\n..."));
        // The start of an encrypted backup whose random salt happens to open with "{".
        assert!(!may_be_exchange_file(&[b'{', 0x9c, 0x03, 0xff, 0x41, 0xd2]));
        assert!(!may_be_exchange_file(b"SQLite format 3\0"));
    }
}

fn file_fault(message: impl Into<String>) -> CoreError {
    CoreError::invalid("file", message)
}

const NOTHING: &str = "Nothing has been imported.";

/// Reads a file chosen for import ([`crate::paths::read_chosen_file`]): anything but an
/// ordinary file, and a file larger than [`MAX_FILE_BYTES`], is refused in bounded time and memory.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    match crate::paths::read_chosen_file(path, MAX_FILE_BYTES)? {
        ChosenFile::Bytes(bytes) => Ok(bytes),
        ChosenFile::NotOrdinary => Err(not_an_ordinary_file(path)),
        ChosenFile::TooLarge => Err(too_large()),
    }
}

fn not_an_ordinary_file(path: &Path) -> CoreError {
    file_fault(format!(
        "{} is not an ordinary file (it is a folder, a device or a pipe), so it cannot be an exchange file. {NOTHING}",
        path.display()
    ))
}

fn too_large() -> CoreError {
    file_fault(format!(
        "The file is too large to be an exchange file ({} MB at most). {NOTHING}",
        MAX_FILE_BYTES / (1024 * 1024)
    ))
}

/// What is read of a file before its content: `format` and `format_version`, whatever their
/// kind, so that a file from a newer app or another program is named as such. Everything else
/// is skipped without being kept.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<Probe>,
    #[serde(default)]
    format_version: Option<Probe>,
}

/// A value looked at only for being a given string or number.
enum Probe {
    Text(String),
    Number(u64),
    Other,
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Probe, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Probe;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<Probe, E> {
                Ok(Probe::Text(v.chars().take(MAX_ID_CHARS).collect()))
            }
            fn visit_u64<E>(self, v: u64) -> std::result::Result<Probe, E> {
                Ok(Probe::Number(v))
            }
            fn visit_i64<E>(self, _: i64) -> std::result::Result<Probe, E> {
                Ok(Probe::Other)
            }
            fn visit_f64<E>(self, _: f64) -> std::result::Result<Probe, E> {
                Ok(Probe::Other)
            }
            fn visit_bool<E>(self, _: bool) -> std::result::Result<Probe, E> {
                Ok(Probe::Other)
            }
            fn visit_unit<E>(self) -> std::result::Result<Probe, E> {
                Ok(Probe::Other)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Probe, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Probe::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Probe, A::Error> {
                while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
                Ok(Probe::Other)
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl ExchangeFile {
    /// The file as bytes: pretty-printed JSON (UTF-8), encrypted with `passphrase` when given.
    pub fn to_bytes(&self, passphrase: Option<&str>) -> Result<Vec<u8>> {
        let json = serde_json::to_vec_pretty(self)
            .map_err(|e| CoreError::Refused(format!("The export could not be written: {e}")))?;
        match passphrase {
            None => Ok(json),
            Some(p) => encrypt(&json, p),
        }
    }

    /// Reads a file made by [`ExchangeFile::to_bytes`], decrypting it when it is encrypted.
    ///
    /// Refuses, with a plain sentence: a file too large, an encrypted file without its
    /// passphrase or with a wrong one, a file cut short, anything that is not an exchange
    /// file, a `format_version` other than [`FORMAT_VERSION`], an unknown field or a value of
    /// the wrong kind (naming where), and references (`ref`, `amends`) that do not hold.
    /// The checklist and the content are checked against the app's checklist later, by the store.
    pub fn from_bytes(bytes: &[u8], passphrase: Option<&str>) -> Result<ExchangeFile> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(too_large());
        }
        let plain;
        let json: &[u8] = if is_encrypted(bytes) {
            let passphrase = passphrase.filter(|p| !p.is_empty()).ok_or_else(|| {
                CoreError::invalid(
                    "passphrase",
                    format!("This file is encrypted. Please enter the passphrase it was shared with. {NOTHING}"),
                )
            })?;
            plain = decrypt(bytes, passphrase)?;
            &plain
        } else {
            bytes
        };
        Self::from_json(json)
    }

    fn from_json(json: &[u8]) -> Result<ExchangeFile> {
        if json.iter().all(u8::is_ascii_whitespace) {
            return Err(file_fault(format!("The file is empty. {NOTHING}")));
        }
        if !json.trim_ascii_start().starts_with(b"{") {
            return Err(file_fault(format!("This is not a Neglect Toolkit exchange file. {NOTHING}")));
        }
        let header: Header = serde_json::from_slice(json).map_err(|e| {
            if e.is_eof() {
                file_fault(format!(
                    "The file ends too early: it has been cut short or damaged in copying. Ask the sender for a new export. {NOTHING}"
                ))
            } else if e.is_data() {
                file_fault(format!("This is not a Neglect Toolkit exchange file. {NOTHING}"))
            } else {
                file_fault(format!(
                    "The file is damaged: it is not valid JSON at line {}, column {}. {NOTHING}",
                    e.line(),
                    e.column()
                ))
            }
        })?;
        if !matches!(&header.format, Some(Probe::Text(f)) if f == FORMAT) {
            return Err(file_fault(format!(
                "This is not a Neglect Toolkit exchange file (its \"format\" is not \"{FORMAT}\"). {NOTHING}"
            )));
        }
        match header.format_version {
            // Versions 2 and 3 added optional fields only (2: `audit_head`, `amended_by`,
            // `amended_at`; 3: plans, reviews, meetings, engagement and case references).
            Some(Probe::Number(v)) if (1..=u64::from(FORMAT_VERSION)).contains(&v) => {}
            Some(Probe::Number(v)) if v > u64::from(FORMAT_VERSION) => {
                return Err(CoreError::Refused(format!(
                    "This file uses exchange format version {v}, made by a newer version of Neglect Toolkit; this app reads version {FORMAT_VERSION}. Please update the app. {NOTHING}"
                )))
            }
            Some(v) => {
                let v = match v {
                    Probe::Number(n) => n.to_string(),
                    Probe::Text(t) => format!("\"{t}\""),
                    Probe::Other => "not a number".into(),
                };
                return Err(CoreError::Refused(format!(
                    "This file's exchange format version ({v}) is not one this app knows; it reads version {FORMAT_VERSION}. {NOTHING}"
                )))
            }
            None => return Err(file_fault(format!("The file does not say which exchange format version it uses. {NOTHING}"))),
        }
        // Straight into the typed structs: no generic copy of the whole file is ever held.
        let mut deserializer = serde_json::Deserializer::from_slice(json);
        let file: ExchangeFile = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
            let path = e.path().to_string();
            file_fault(format!(
                "The file is damaged or has been changed by hand: at {path}: {}. {NOTHING}",
                e.into_inner()
            ))
        })?;
        deserializer.end().map_err(|e| {
            file_fault(format!(
                "The file is damaged: something follows the end of its content (line {}). {NOTHING}",
                e.line()
            ))
        })?;
        file.check_structure()?;
        Ok(file)
    }

    /// What must hold for the file to be read at all: the child's details and the references.
    fn check_structure(&self) -> Result<()> {
        let c = &self.child;
        let fault = |m: String| Err(file_fault(format!("{m} {NOTHING}")));
        // Who made the file is copied into the audit note of every checklist added from it.
        for (what, text, max) in [
            ("name of who made the file (exported_by)", &self.exported_by, MAX_NAME_CHARS),
            ("time the file was made (exported_at)", &self.exported_at, MAX_ID_CHARS),
            ("checklist id", &self.checklist.id, MAX_ID_CHARS),
            ("checklist version", &self.checklist.version, MAX_ID_CHARS),
            ("checklist hash", &self.checklist.hash, MAX_ID_CHARS),
        ] {
            if let Some(m) = text_fault(what, text, max) {
                return fault(m);
            }
        }
        if c.name.trim().is_empty() {
            return fault("The file does not give the child's name.".into());
        }
        if c.name.trim().chars().count() > MAX_NAME_CHARS {
            return fault(format!("The child's name in the file is too long ({MAX_NAME_CHARS} characters at most)."));
        }
        for (what, text) in [
            ("child's name", &c.name),
            ("disability needs", &c.disability_needs),
            ("communication needs", &c.communication_needs),
        ] {
            if let Some(m) = text_fault(what, text, MAX_TEXT_CHARS) {
                return fault(m);
            }
        }
        if !(1..=24).contains(&c.review_interval_months) {
            return fault("The child's review interval in the file is not between 1 and 24 months.".into());
        }
        if c.plan_start.is_some() && c.plan_category.is_none() {
            return fault("The file gives a plan start date but no plan category.".into());
        }
        if self.assessments.is_empty() {
            return fault("The file has no checklists in it.".into());
        }
        let version_3 = !self.plans.is_empty()
            || !self.manager_reviews.is_empty()
            || !self.core_group_meetings.is_empty()
            || !self.engagement.is_empty()
            || self.case_references.is_some()
            || !self.household_members.is_empty()
            || !self.adults.is_empty()
            || !self.events.is_empty();
        if version_3 && self.format_version < 3 {
            return fault(format!(
                "The file says it is exchange format version {}, but holds plans, reviews, meetings, engagement, case references, household members, adults or chronology events, which only version 3 carries.",
                self.format_version
            ));
        }
        let names_adults = self.assessments.iter().flat_map(|a| &a.items).any(|i| i.adult.is_some());
        if names_adults && self.format_version < 4 {
            return fault(format!(
                "The file says it is exchange format version {}, but an item in it names the adult it concerns, which only version 4 carries.",
                self.format_version
            ));
        }
        let mut refs = HashSet::new();
        for a in &self.assessments {
            if !refs.insert(a.reference) {
                return fault(format!("Two checklists in the file have the same ref ({}).", a.reference));
            }
        }
        Ok(())
    }

    /// The child in the file, held to the rules of the form a child is added with
    /// ([`ChildForm::validate_received`]): a date of birth in the future, an expected date
    /// years away, an adult, a plan started in the future are refused as if typed here.
    pub(crate) fn check_child(&self, today: NaiveDate) -> Result<()> {
        let c = &self.child;
        let form = ChildForm {
            name: c.name.clone(),
            date_of_birth: c.date_of_birth.to_string(),
            unborn: c.unborn,
            household: String::new(),
            has_disability: c.recorded_disability(),
            disability_needs: c.disability_needs.clone(),
            communication_needs: c.communication_needs.clone(),
            plan_category: c.plan_category,
            plan_start: c.plan_start.map(|d| d.to_string()).unwrap_or_default(),
            review_interval_months: Some(c.review_interval_months),
        };
        form.validate_received(today)
            .map(|_| ())
            .map_err(|e| file_fault(format!("The child's details in the file cannot be accepted: {e} {NOTHING}")))
    }
}

fn encrypt(json: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    if passphrase.chars().count() < MIN_FILE_PASSPHRASE_CHARS {
        return Err(CoreError::invalid(
            "passphrase",
            format!("Please choose a passphrase of at least {MIN_FILE_PASSPHRASE_CHARS} characters for the file."),
        ));
    }
    let mut recipient = age::scrypt::Recipient::new(age::secrecy::SecretString::from(passphrase.to_owned()));
    recipient.set_work_factor(SCRYPT_LOG_N);
    age::encrypt(&recipient, json).map_err(|e| CoreError::Refused(format!("The file could not be encrypted: {e}")))
}

fn decrypt(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>> {
    use age::DecryptError as E;
    if bytes.starts_with(AGE_ARMOR) {
        return Err(file_fault(format!(
            "This encrypted file is in text (\"armoured\") form, which Neglect Toolkit does not read. Ask the sender to export it from Neglect Toolkit. {NOTHING}"
        )));
    }
    let damaged = || {
        file_fault(format!(
            "The encrypted file is damaged or has been cut short. Ask the sender for a new export. {NOTHING}"
        ))
    };
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|_| damaged())?;
    if !decryptor.is_scrypt() {
        return Err(file_fault(format!(
            "This file is encrypted for a key, not with a passphrase; Neglect Toolkit cannot open it. {NOTHING}"
        )));
    }
    let mut identity = age::scrypt::Identity::new(age::secrecy::SecretString::from(passphrase.to_owned()));
    identity.set_max_work_factor(SCRYPT_MAX_LOG_N);
    let reader = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|e| match e {
        E::DecryptionFailed | E::KeyDecryptionFailed | E::NoMatchingKeys => CoreError::invalid(
            "passphrase",
            format!("The passphrase for this file is not right (or the file has been damaged). {NOTHING}"),
        ),
        E::ExcessiveWork { .. } => file_fault(format!(
            "This file was encrypted with a setting that would take this computer too long to open. Ask the sender to export it again from Neglect Toolkit. {NOTHING}"
        )),
        _ => damaged(),
    })?;
    let mut plain = Vec::new();
    reader.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut plain).map_err(|_| damaged())?;
    if plain.len() > MAX_FILE_BYTES {
        return Err(file_fault(format!("The file is too large to be an exchange file. {NOTHING}")));
    }
    Ok(plain)
}

/// Why one checklist in a file cannot be imported: every fault found, in plain sentences.
/// `earlier` holds the refs of the checklists before it in the file. An empty list means it is valid.
pub(crate) fn check_assessment(
    a: &ExchangeAssessment,
    earlier: &HashSet<u32>,
    checklist: &Checklist,
    child: &ExchangeChild,
    adults: &[chronology::ExchangeAdult],
    today: NaiveDate,
) -> Vec<String> {
    // Identifiers are quoted in the sentences below: one too long is refused on its own first.
    let ids = a.items.iter().map(|i| i.item_id.as_str()).chain(a.confirmations.iter().map(|c| c.area_id.as_str()));
    let ids = ids
        .chain(a.narrative.impact.keys().map(String::as_str))
        .chain(a.actions.iter().filter_map(|x| x.area_id.as_deref()));
    let stamps = [a.finalised_at.as_str(), a.amended_at.as_deref().unwrap_or("")];
    if let Some(id) = ids.chain(stamps).find(|id| id.chars().nth(MAX_ID_CHARS).is_some()) {
        let start: String = id.chars().take(20).collect();
        return vec![format!(
            "An item id, area id or time in it (\"{start}…\") is longer than {MAX_ID_CHARS} characters."
        )];
    }
    let mut faults = Vec::new();
    faults.extend(text_fault("name of who amended it", a.amended_by.as_deref().unwrap_or(""), MAX_NAME_CHARS));
    let mut text = |what: &str, t: &str| {
        if let Some(m) = text_fault(what, t, MAX_TEXT_CHARS) {
            faults.push(m);
        }
    };
    text("assessor's name", &a.assessor.name);
    text("assessor's agency", &a.assessor.agency);
    text("assessor's role", &a.assessor.role);
    text("amendment reason", a.amendment_reason.as_deref().unwrap_or(""));
    for i in &a.items {
        text(&format!("evidence for item \"{}\"", i.item_id), &i.evidence);
    }
    for c in &a.confirmations {
        text(&format!("reason for the {} area grade", c.area_id), &c.reason);
    }
    let n = &a.narrative;
    for section in NARRATIVE_SECTIONS {
        text(section.label, n.section(section.key).unwrap_or_default());
    }
    for (area, t) in &n.impact {
        text(&format!("impact on the child ({area})"), t);
    }
    for x in &a.actions {
        text("action", &x.what);
        text("person responsible for an action", &x.who);
        text("agency of an action", &x.agency);
        text("result of an action", &x.result);
    }
    // An item may name only an adult the file brings with the child's household (the rule of
    // `ItemRecord::check_adult`, on the file's own terms: the adults are added before it).
    for (item, adult) in a.items.iter().filter_map(|i| Some((i, i.adult.as_deref()?))) {
        if !adults.iter().any(|x| matching::name_key(&x.name) == matching::name_key(adult)) {
            faults.push(format!(
                "Item \"{}\" concerns {}, who is not one of the adults of the child's household in the file.",
                item.item_id,
                adult.trim()
            ));
        }
    }

    if a.status != AssessmentStatus::Finalised {
        faults.push("It is a draft; only finalised checklists are shared between agencies.".into());
    }
    if chrono::DateTime::parse_from_rfc3339(&a.finalised_at).is_err() {
        faults.push(format!("The time it was finalised (\"{}\") is not a date and time.", a.finalised_at));
    }
    if a.assessed_on > today {
        faults.push(format!("It is dated {}, which is in the future.", a.assessed_on));
    }
    if !child.unborn && a.assessed_on < child.date_of_birth {
        faults.push("It is dated before the child's date of birth.".into());
    }
    if a.review_round == 0 {
        faults.push("Its review round is 0; rounds start at 1.".into());
    }
    if a.assessor.name.trim().is_empty() {
        faults.push("The assessor's name is missing.".into());
    }
    if a.assessor.agency.trim().is_empty() {
        faults.push("The assessor's agency is missing.".into());
    }
    match (a.amends, a.amendment_reason.as_deref().map(str::trim)) {
        (Some(r), _) if !earlier.contains(&r) => {
            faults.push(format!("It says it corrects checklist ref {r}, which does not come before it in this file."))
        }
        (Some(_), None | Some("")) => faults.push("It is an amendment but gives no reason for it.".into()),
        (None, Some(reason)) if !reason.is_empty() => {
            faults.push("It gives a reason for an amendment but does not say which checklist it corrects.".into())
        }
        _ => {}
    }

    let band = AgeBand::on(child.date_of_birth, a.assessed_on);
    let mut seen = HashSet::new();
    for i in &a.items {
        match checklist.item(&i.item_id) {
            None => faults.push(format!(
                "Item \"{}\" is not in checklist \"{}\" version {}.",
                i.item_id, checklist.id, checklist.version
            )),
            // A grade the scoring would never count must not be accepted and then silently
            // ignored (a 5 on safe sleep for a two-year-old): refuse it, saying why.
            Some(item) if !item.applies_to(band) && i.grade.is_some_and(|g| g != Grade::NotApplicable) => {
                let bands: Vec<&str> = item.age_bands.iter().map(|b| b.label()).collect();
                let grade = i.grade.and_then(Grade::score).map_or_else(|| "not known".to_string(), |g| g.to_string());
                faults.push(format!(
                    "Item \"{}\" ({}) is graded {grade}, but it does not apply to the child on {}: the child's age band then was {}, and the item is for {}.",
                    i.item_id,
                    item.title,
                    a.assessed_on,
                    band.label(),
                    bands.join(", ")
                ));
            }
            Some(_) => {}
        }
        if !seen.insert(i.item_id.as_str()) {
            faults.push(format!("Item \"{}\" appears more than once.", i.item_id));
        }
        if i.evidence_date.is_some_and(|d| d > today) {
            faults.push(format!("The evidence for item \"{}\" is dated in the future.", i.item_id));
        }
    }

    let grades = scoring::grades_for_child(checklist, &a.grades(), child.recorded_disability());
    let profile = scoring::score(checklist, &grades, band);
    let mut seen = HashSet::new();
    for c in &a.confirmations {
        if !seen.insert(c.area_id.as_str()) {
            faults.push(format!("Area \"{}\" is confirmed more than once.", c.area_id));
        }
        match profile.areas.iter().find(|s| s.id == c.area_id) {
            None => faults.push(format!("Area \"{}\" is not in this checklist.", c.area_id)),
            Some(area) => {
                // Only the rules that held when any agency finalised: an earlier agency's
                // checklist is never refused for a reason it could not have written (the
                // urgent item itself still shows on every summary).
                if let Err(fault) = check_confirmation(area.score, c.confirmed, &c.reason, false) {
                    faults.push(format!("{}: {fault}", area.name));
                }
            }
        }
    }
    for area in n.impact.keys() {
        if checklist.area(area).is_none() {
            faults.push(format!("Impact on the child is written for area \"{area}\", which is not in this checklist."));
        }
    }
    for x in &a.actions {
        if x.what.trim().is_empty() {
            faults.push("An action does not say what is to be done.".into());
        }
        if x.who.trim().is_empty() {
            faults.push(format!("The action \"{}\" does not say who is responsible.", x.what.trim()));
        }
        if x.target_grade.is_some_and(|g| !(1..=5).contains(&g)) {
            faults.push(format!("The action \"{}\" has a target grade that is not from 1 to 5.", x.what.trim()));
        }
        if let Some(area) = &x.area_id {
            if checklist.area(area).is_none() {
                faults.push(format!(
                    "The action \"{}\" is for area \"{area}\", which is not in this checklist.",
                    x.what.trim()
                ));
            }
        }
    }
    faults
}

/// The checklist of ours a file's checklist is, or the sentence saying there is none: the id,
/// version and content hash must all be one this app has.
pub(crate) fn known_checklist<'a>(file: &ChecklistRef, ours: &'a Checklists) -> Result<&'a Checklist, String> {
    match ours.by_hash(&file.hash).filter(|c| c.id == file.id && c.version == file.version) {
        Some(c) => Ok(c),
        None => {
            let known: Vec<String> =
                ours.all().iter().map(|c| format!("\"{}\" version {} (hash {})", c.id, c.version, c.hash)).collect();
            Err(format!(
                "This file was made with checklist \"{}\" version {} (hash {}), but this app has only checklist {}. Grades are only read against the words they were given for, so the file cannot be imported. {NOTHING}",
                file.id, file.version, file.hash, known.join(" and ")
            ))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What an import would do, and what it did
// ---------------------------------------------------------------------------------------------

/// What importing a file would do, worked out without writing anything.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportPlan {
    pub encrypted: bool,
    pub exported_at: String,
    pub exported_by: String,
    pub checklist: ChecklistRef,
    pub child: ChildMatch,
    /// Every checklist in the file, in file order, with what would happen to it.
    pub assessments: Vec<PlannedAssessment>,
    pub new_count: u32,
    pub duplicate_count: u32,
    pub refused_count: u32,
    /// The household and chronology the file would add (format 3).
    pub chronology: chronology::ChronologyImport,
    /// False when any checklist is refused: a file with a fault is not imported at all.
    pub can_import: bool,
    /// One or two sentences for the practitioner.
    pub summary: String,
}

/// The child in the file, and the child here it would be added to.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ChildMatch {
    pub name: String,
    pub date_of_birth: NaiveDate,
    pub unborn: bool,
    /// The child here with the same name and date of birth; `None`: a new child would be added.
    #[ts(type = "number | null")]
    pub existing_id: Option<i64>,
    /// Details in the file that differ from the child here (never changed by an import).
    pub differences: Vec<String>,
    /// When no child here matches: children who may be this one all the same (see the store).
    pub similar: Vec<SimilarChild>,
}

/// A child here who may be the file's child, and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SimilarChild {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub date_of_birth: NaiveDate,
    pub unborn: bool,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlannedAssessment {
    /// The checklist's `ref` in the file.
    pub reference: u32,
    pub assessed_on: NaiveDate,
    pub assessor: Practitioner,
    /// The `ref` of the checklist it corrects, when it is an amendment.
    pub amends: Option<u32>,
    /// Who made that amendment, when the file says (see [`ExchangeAssessment::amended_by`]).
    pub amended_by: Option<String>,
    pub outcome: ImportOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ImportOutcome {
    /// Would be added, as finalised.
    New,
    /// Already here (same child, date, assessor and grades): skipped.
    /// `existing_id` is the checklist here; `None` when it repeats an earlier one in the same file.
    Duplicate {
        #[ts(type = "number | null")]
        existing_id: Option<i64>,
        reason: String,
    },
    /// Cannot be imported, with every reason.
    Refused { reasons: Vec<String> },
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    #[ts(type = "number")]
    pub child_id: i64,
    pub child_created: bool,
    /// The new checklists here, in file order.
    #[ts(type = "Array<number>")]
    pub added: Vec<i64>,
    /// Checklists already here, skipped.
    pub skipped_duplicates: u32,
    pub summary: String,
}

pub(crate) fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A file chosen for import in the app and what importing it would do (nothing written yet).
/// The page never sees or sends the file's path: it holds a token for it (see [`ChosenFiles`]).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportChoice {
    /// Stands for the file chosen in the app's own dialog.
    pub token: String,
    /// The file's name, to show (not its folder).
    pub file_name: String,
    /// SHA-256 of the bytes previewed: the import is refused if the file changed since.
    pub file_hash: String,
    pub plan: ImportPlan,
}

/// Files chosen in the app's own file dialog, known to the page only by an opaque token, so a
/// page (or a script injected into it) cannot name a file for the app to read.
#[derive(Debug, Default)]
pub struct ChosenFiles(std::sync::Mutex<std::collections::HashMap<String, std::path::PathBuf>>);

impl ChosenFiles {
    /// Keeps `path` and returns its token: unpredictable, and meaningless outside this run.
    pub fn remember(&self, path: std::path::PathBuf) -> String {
        use sha2::Digest;
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        let seed = format!("{}|{nanos}|{}|{}|{:p}", path.display(), std::process::id(), map.len(), &path);
        let token: String = sha2::Sha256::digest(seed.as_bytes()).iter().take(16).map(|b| format!("{b:02x}")).collect();
        map.insert(token.clone(), path);
        token
    }

    /// The path a token stands for.
    pub fn path(&self, token: &str) -> Result<std::path::PathBuf> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).get(token).cloned().ok_or_else(|| {
            CoreError::NotFound("The file chosen is no longer known to the app. Please choose it again.".into())
        })
    }
}

/// Reads the file at `path` chosen in the app and works out what importing it would do.
pub fn choose_import(
    store: &crate::store::Store,
    chosen: &ChosenFiles,
    path: std::path::PathBuf,
    passphrase: Option<&str>,
) -> Result<ImportChoice> {
    let bytes = read_file(&path)?;
    let plan = store.import_preview(&bytes, crate::passphrase::given(passphrase))?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(ImportChoice { token: chosen.remember(path), file_name, file_hash: file_hash(&bytes), plan })
}

/// Imports the file a token stands for, refused if it changed since it was previewed.
pub fn import_chosen(
    store: &mut crate::store::Store,
    chosen: &ChosenFiles,
    token: &str,
    previewed_hash: &str,
    passphrase: Option<&str>,
) -> Result<ImportReport> {
    let bytes = read_file(&chosen.path(token)?)?;
    if file_hash(&bytes) != previewed_hash {
        return Err(CoreError::Refused(
            "The file has changed since it was checked, so nothing was imported. Choose it again to see what it would add.".into(),
        ));
    }
    store.import(&bytes, crate::passphrase::given(passphrase))
}

/// SHA-256 of a file's bytes, in hex.
pub fn file_hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
