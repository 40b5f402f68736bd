//! A child's case references: the local authority's case number, the NHS number and the school's
//! unique pupil number. They identify the child to other services, so they are printed on the
//! core-group summary and never on the family summary, and each number is checked with its own
//! check character so that a mistyped number is caught when it is typed, not when a record fails
//! to match.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::text::{text_fault, MAX_NAME_CHARS};

/// The child's case references as stored (empty text: not recorded). Numbers are kept in their
/// plain form: the NHS number as 10 digits, the UPN in capitals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CaseReferences {
    #[serde(default)]
    pub la_case_number: String,
    #[serde(default)]
    pub nhs_number: String,
    #[serde(default)]
    pub unique_pupil_number: String,
}

/// The NHS number's rule (modulus 11): the first nine digits are weighted 10 down to 2 and
/// summed; 11 minus the sum's remainder on division by 11 is the check digit, 11 becoming 0; a
/// result of 10 means no valid number has those nine digits. `digits` is the 10 digits.
pub fn nhs_number_is_valid(digits: &str) -> bool {
    let values: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if values.len() != 10 || digits.chars().count() != 10 {
        return false;
    }
    let sum: u32 = values[..9].iter().zip((2..=10).rev()).map(|(v, w)| v * w).sum();
    match 11 - sum % 11 {
        10 => false,
        11 => values[9] == 0,
        check => values[9] == check,
    }
}

/// The letters a UPN's check letter is drawn from, in order of value (I, O and S are never used).
const UPN_LETTERS: &str = "ABCDEFGHJKLMNPQRTUVWXYZ";

/// The unique pupil number's rule (Department for Education): 13 characters, a check letter then
/// 11 digits and a final digit or letter (a letter marks a temporary UPN). Each of characters 2
/// to 13 is multiplied by its position (2 to 13), a letter counting as its place in
/// [`UPN_LETTERS`] (A = 0); the sum's remainder on division by 23 is the place of the check letter.
pub fn upn_check_letter(last_twelve: &str) -> Option<char> {
    let chars: Vec<char> = last_twelve.chars().collect();
    if chars.len() != 12 || !chars[..11].iter().all(char::is_ascii_digit) {
        return None;
    }
    let value = |c: char| c.to_digit(10).or_else(|| UPN_LETTERS.find(c).map(|i| i as u32));
    let mut sum = 0;
    for (c, position) in chars.iter().zip(2u32..) {
        sum += value(*c)? * position;
    }
    UPN_LETTERS.chars().nth((sum % 23) as usize)
}

pub fn upn_is_valid(upn: &str) -> bool {
    let mut chars = upn.chars();
    match (chars.next(), upn_check_letter(chars.as_str())) {
        (Some(first), Some(check)) => first == check,
        _ => false,
    }
}

/// "999 000 0018": how an NHS number is read aloud and written.
pub fn nhs_number_spaced(digits: &str) -> String {
    if digits.len() != 10 {
        return digits.to_string();
    }
    format!("{} {} {}", &digits[..3], &digits[3..6], &digits[6..])
}

impl CaseReferences {
    /// Trims and normalises each number (spaces and hyphens dropped from the NHS number, the UPN in
    /// capitals) and checks it, with a sentence for each mistake.
    pub fn validate(&self) -> Result<CaseReferences> {
        let la_case_number = self.la_case_number.trim().to_string();
        if let Some(message) = text_fault("local authority case number", &la_case_number, MAX_NAME_CHARS) {
            return Err(CoreError::invalid("la_case_number", message));
        }
        let nhs_number: String = self.nhs_number.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        if !nhs_number.is_empty() {
            if nhs_number.chars().count() != 10 || !nhs_number.chars().all(|c| c.is_ascii_digit()) {
                return Err(CoreError::invalid(
                    "nhs_number",
                    "An NHS number is 10 digits (spaces are fine). Please check it against the letter or record it came from.",
                ));
            }
            if !nhs_number_is_valid(&nhs_number) {
                return Err(CoreError::invalid(
                    "nhs_number",
                    "This is not a valid NHS number: its last digit does not match the others, so a digit is probably mistyped.",
                ));
            }
        }
        let unique_pupil_number: String =
            self.unique_pupil_number.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
        if !unique_pupil_number.is_empty() {
            let shape_ok = unique_pupil_number.chars().count() == 13
                && unique_pupil_number.starts_with(|c: char| c.is_ascii_uppercase())
                && upn_check_letter(&unique_pupil_number[1..]).is_some();
            if !shape_ok {
                return Err(CoreError::invalid(
                    "unique_pupil_number",
                    "A unique pupil number is 13 characters: a letter, 11 digits, then a digit or a letter.",
                ));
            }
            if !upn_is_valid(&unique_pupil_number) {
                return Err(CoreError::invalid(
                    "unique_pupil_number",
                    "This is not a valid unique pupil number: its first letter does not match the rest, so a character is probably mistyped.",
                ));
            }
        }
        Ok(CaseReferences { la_case_number, nhs_number, unique_pupil_number })
    }

    pub fn is_empty(&self) -> bool {
        self.la_case_number.is_empty() && self.nhs_number.is_empty() && self.unique_pupil_number.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every number here is invented. NHS numbers beginning 999 are not issued to patients.
    #[test]
    fn nhs_numbers_are_checked_with_their_modulus_11_digit() {
        assert!(nhs_number_is_valid("9990000018"));
        assert!(nhs_number_is_valid("9990000050"), "a remainder of 0 gives the check digit 0");
        assert!(!nhs_number_is_valid("9990000019"), "one digit off");
        assert!(!nhs_number_is_valid("9990000081"), "two digits swapped");
        for last in '0'..='9' {
            assert!(!nhs_number_is_valid(&format!("123456789{last}")), "nine digits with no valid check digit");
        }
        assert!(!nhs_number_is_valid("999000001"), "nine digits");
        let spaced = CaseReferences { nhs_number: " 999 000-0018 ".into(), ..Default::default() };
        assert_eq!(spaced.validate().unwrap().nhs_number, "9990000018");
        assert_eq!(nhs_number_spaced("9990000018"), "999 000 0018");
        let wrong = CaseReferences { nhs_number: "999 000 0019".into(), ..Default::default() };
        assert!(wrong.validate().unwrap_err().to_string().contains("not a valid NHS number"));
        let short = CaseReferences { nhs_number: "999 000 001".into(), ..Default::default() };
        assert!(short.validate().unwrap_err().to_string().starts_with("An NHS number is 10 digits"));
    }

    #[test]
    fn unique_pupil_numbers_are_checked_with_their_check_letter() {
        assert_eq!(upn_check_letter("000000000001"), Some('P'));
        assert!(upn_is_valid("P000000000001"));
        assert!(upn_is_valid("U820200101001"));
        assert!(upn_is_valid("A93820171200A"), "a temporary UPN ends in a letter");
        assert!(!upn_is_valid("Q000000000001"), "wrong check letter");
        assert!(!upn_is_valid("U820200101010"), "two digits swapped");
        assert!(!upn_is_valid("A93820171200I"), "I is never used");
        let lower = CaseReferences { unique_pupil_number: "p000 0000 00001".into(), ..Default::default() };
        assert_eq!(lower.validate().unwrap().unique_pupil_number, "P000000000001");
        let wrong = CaseReferences { unique_pupil_number: "Q000000000001".into(), ..Default::default() };
        assert!(wrong.validate().unwrap_err().to_string().contains("not a valid unique pupil number"));
        let shape = CaseReferences { unique_pupil_number: "P00000000001".into(), ..Default::default() };
        assert!(shape.validate().unwrap_err().to_string().starts_with("A unique pupil number is 13 characters"));
    }
}
