//! The rules for a passphrase a person chooses: when the app is set up, when the passphrase is
//! changed, and when `ntk` creates records. One place, so the window, the shell and the command
//! line cannot drift apart.
//!
//! Length alone says little ("aaaaaaaa" has eight characters); the rule is zxcvbn's estimate of
//! how many guesses the passphrase would take, and a refusal carries zxcvbn's own advice.

use serde::Serialize;
use ts_rs::TS;

use crate::error::{CoreError, Result};

/// zxcvbn score a new passphrase must reach: 3 means about 10^10 guesses or more, out of reach
/// of an online attacker and slow for an offline one against SQLCipher's key derivation.
pub const MIN_SCORE: u8 = 3;

/// Words an attacker would try first against these records in particular.
const CONTEXT: [&str; 6] = ["neglect", "toolkit", "ntk", "checklist", "childcare", "passphrase"];

/// How strong a passphrase is, with zxcvbn's advice when it is not strong enough.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Strength {
    /// 0 (guessed at once) to 4 (out of reach).
    pub score: u8,
    /// At least [`MIN_SCORE`].
    pub acceptable: bool,
    /// What makes it weak ("This is a top-10 common password."), if zxcvbn says.
    pub warning: Option<String>,
    /// How to make it stronger.
    pub suggestions: Vec<String>,
}

/// zxcvbn's estimate for `passphrase`.
pub fn strength(passphrase: &str) -> Strength {
    let estimate = zxcvbn::zxcvbn(passphrase, &CONTEXT);
    let score = u8::from(estimate.score());
    let feedback = estimate.feedback();
    Strength {
        score,
        acceptable: score >= MIN_SCORE,
        warning: feedback.and_then(|f| f.warning()).map(|w| w.to_string()),
        suggestions: feedback.map(|f| f.suggestions().iter().map(|s| s.to_string()).collect()).unwrap_or_default(),
    }
}

/// Refuses a passphrase chosen for the records that is empty or too easy to guess, with
/// zxcvbn's advice in the sentence.
pub fn check_new(passphrase: &str) -> Result<()> {
    if passphrase.trim().is_empty() {
        return Err(CoreError::invalid("passphrase", "Please choose a passphrase."));
    }
    let strength = strength(passphrase);
    if strength.acceptable {
        return Ok(());
    }
    let mut message = String::from("This passphrase would be too easy to guess.");
    for advice in strength.warning.iter().chain(&strength.suggestions) {
        message.push(' ');
        message.push_str(advice);
    }
    if strength.warning.is_none() && strength.suggestions.is_empty() {
        message.push_str(" Add a few more uncommon words.");
    }
    Err(CoreError::invalid("passphrase", message))
}

/// A file passphrase as given by a form or a flag: an empty one means "no passphrase".
pub fn given(passphrase: Option<&str>) -> Option<&str> {
    passphrase.filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_or_short_passphrases_are_refused_with_advice_and_long_uncommon_ones_accepted() {
        for weak in ["password1", "aaaaaaaaaaaa", "12345678", "password1234"] {
            let refused = check_new(weak).unwrap_err().to_string();
            assert!(refused.contains("too easy to guess"), "{weak}: {refused}");
        }
        assert!(check_new("   ").unwrap_err().to_string().contains("choose a passphrase"));
        assert!(check_new("copper kettle under quiet orchard").is_ok());
        let weak = strength("password1");
        assert!(!weak.acceptable && (weak.warning.is_some() || !weak.suggestions.is_empty()));
    }

    #[test]
    fn an_empty_file_passphrase_means_none() {
        assert_eq!(given(Some("")), None);
        assert_eq!(given(Some("x")), Some("x"));
        assert_eq!(given(None), None);
    }
}
