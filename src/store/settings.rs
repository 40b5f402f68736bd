//! Settings kept inside the encrypted database (so they travel with backups).

use rusqlite::{params, OptionalExtension};

use super::audit::{record, Change};
use super::Store;
use crate::error::{CoreError, Result};

/// Minutes without use after which the app locks itself, unless changed in Settings.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;

impl Store {
    fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
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
}
