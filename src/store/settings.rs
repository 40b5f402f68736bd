//! Settings kept inside the encrypted database (so they travel with backups).

use rusqlite::{params, Connection, OptionalExtension};

use super::audit::{record, Change};
use super::Store;
use crate::error::{CoreError, Result};
use crate::logo::Logo;
use crate::model::PractitionerDetails;

/// The settings key the logo is kept under (base64 of the file as chosen).
const LOGO_KEY: &str = "logo";

/// Minutes without use after which the app locks itself, unless changed in Settings.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;

/// One setting's stored value, read on any connection or open transaction (a change that must
/// see the settings inside its own transaction, such as a plan's chronology event).
pub(super) fn setting_in(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

impl Store {
    pub(super) fn setting(&self, key: &str) -> Result<Option<String>> {
        setting_in(&self.conn, key)
    }

    pub fn idle_lock_minutes(&self) -> Result<u32> {
        Ok(self.setting("idle_lock_minutes")?.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_IDLE_LOCK_MINUTES))
    }

    pub fn set_idle_lock_minutes(&mut self, minutes: u32) -> Result<()> {
        if !(1..=120).contains(&minutes) {
            return Err(CoreError::invalid("idle_lock_minutes", "Choose between 1 and 120 minutes."));
        }
        let old = self.setting("idle_lock_minutes")?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('idle_lock_minutes', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![minutes.to_string()],
        )?;
        record(
            &tx,
            &self.actor,
            Change {
                action: "update",
                record_type: "settings",
                field: Some("idle_lock_minutes"),
                old_value: old.as_deref(),
                new_value: Some(&minutes.to_string()),
                ..Change::default()
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// The organisation and practitioner details from Settings (empty fields when never set).
    /// Kept in the settings table under "practitioner.<field>", so no migration is needed.
    pub fn practitioner_details(&self) -> Result<PractitionerDetails> {
        let mut details = PractitionerDetails::default();
        for key in PractitionerDetails::KEYS {
            if let Some(value) = self.setting(&format!("practitioner.{key}"))? {
                *details.field_mut(key).expect("a known key") = value;
            }
        }
        Ok(details)
    }

    /// Saves the details; each changed field is its own audit row.
    pub fn set_practitioner_details(&mut self, form: &PractitionerDetails) -> Result<PractitionerDetails> {
        let clean = form.validate()?;
        let before = self.practitioner_details()?;
        let tx = self.conn.transaction()?;
        for key in PractitionerDetails::KEYS {
            let (old, new) = (before.field(key).unwrap_or_default(), clean.field(key).unwrap_or_default());
            if old == new {
                continue;
            }
            let setting = format!("practitioner.{key}");
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![setting, new],
            )?;
            record(
                &tx,
                &self.actor,
                Change {
                    action: "update",
                    record_type: "settings",
                    field: Some(&setting),
                    old_value: Some(old),
                    new_value: Some(new),
                    ..Change::default()
                },
            )?;
        }
        tx.commit()?;
        Ok(clean)
    }
}

impl Store {
    /// The organisation's logo, if one was chosen. A stored logo that no longer passes the check
    /// (a database from elsewhere) is an error, not silently dropped from the summaries.
    pub fn logo(&self) -> Result<Option<Logo>> {
        self.setting(LOGO_KEY)?.map(|text| Logo::from_stored(&text)).transpose()
    }

    /// Checks `bytes` as a logo and keeps it. A refused file changes nothing: the logo before
    /// it is kept.
    pub fn set_logo(&mut self, bytes: Vec<u8>) -> Result<Logo> {
        let logo = Logo::check(bytes)?;
        self.change_logo(Some(&logo))?;
        Ok(logo)
    }

    /// [`Store::set_logo`] with the file a person chose.
    pub fn set_logo_from(&mut self, path: &std::path::Path) -> Result<Logo> {
        let logo = Logo::read(path)?;
        self.change_logo(Some(&logo))?;
        Ok(logo)
    }

    pub fn remove_logo(&mut self) -> Result<()> {
        self.change_logo(None)
    }

    /// Stores or deletes the logo; the audit row describes the pictures ("PNG, 360 × 120 pixels,
    /// 6 KB"), not their bytes.
    fn change_logo(&mut self, logo: Option<&Logo>) -> Result<()> {
        let old = self.logo().ok().flatten().map(|l| l.description());
        let tx = self.conn.transaction()?;
        match logo {
            Some(logo) => tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![LOGO_KEY, logo.stored()],
            )?,
            None => tx.execute("DELETE FROM settings WHERE key = ?1", [LOGO_KEY])?,
        };
        let new = logo.map(Logo::description);
        record(
            &tx,
            &self.actor,
            Change {
                action: if logo.is_some() { "update" } else { "delete" },
                record_type: "settings",
                field: Some(LOGO_KEY),
                old_value: old.as_deref(),
                new_value: new.as_deref(),
                ..Change::default()
            },
        )?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_idle_lock_defaults_to_ten_minutes_and_keeps_a_new_value() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("s.db"), "a passphrase here", "Tester").unwrap();
        assert_eq!(store.idle_lock_minutes().unwrap(), 10);
        assert!(store.set_idle_lock_minutes(0).is_err());
        store.set_idle_lock_minutes(5).unwrap();
        assert_eq!(store.idle_lock_minutes().unwrap(), 5);
    }

    #[test]
    fn practitioner_details_are_kept_checked_and_audited() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("s.db"), "a passphrase here", "Tester").unwrap();
        assert_eq!(store.practitioner_details().unwrap(), PractitionerDetails::default());
        let mut form = PractitionerDetails {
            organisation: " Testshire Council ".into(),
            name: "Sam Example".into(),
            telephone: "not a number".into(),
            ..Default::default()
        };
        assert!(store.set_practitioner_details(&form).unwrap_err().to_string().contains("telephone"));
        form.telephone = "01234 567890".into();
        form.email = "sam.example".into();
        assert!(store.set_practitioner_details(&form).unwrap_err().to_string().contains("e-mail"));
        form.email = "sam@testshire.example".into();
        store.set_practitioner_details(&form).unwrap();
        let kept = store.practitioner_details().unwrap();
        assert_eq!(kept.organisation, "Testshire Council");
        assert_eq!(kept.missing_for_family(), vec!["your role"]);
        let audit = store.audit_log(Some("settings"), None).unwrap();
        assert!(audit.iter().any(|e| e.field.as_deref() == Some("practitioner.email")));
    }

    #[test]
    fn a_logo_is_kept_checked_and_audited_and_a_refused_file_keeps_the_one_before() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("s.db"), "a passphrase here", "Tester").unwrap();
        assert_eq!(store.logo().unwrap(), None);
        let png = include_bytes!("../../tests/fixtures/logos/testshire.png").to_vec();
        let kept = store.set_logo(png).unwrap();
        assert!(store.set_logo(b"plain text called logo.png".to_vec()).is_err());
        assert_eq!(store.logo().unwrap(), Some(kept), "the refused file changed nothing");
        store.remove_logo().unwrap();
        assert_eq!(store.logo().unwrap(), None);
        let audit = store.audit_log(Some("settings"), None).unwrap();
        let logo_rows: Vec<_> = audit.iter().filter(|e| e.field.as_deref() == Some("logo")).collect();
        assert_eq!(logo_rows.len(), 2, "chosen, then removed: {logo_rows:?}");
        assert_eq!(logo_rows[0].old_value.as_deref(), Some("PNG, 360 × 120 pixels, 6 KB"));
        assert_eq!(logo_rows[0].new_value, None);
    }
}
