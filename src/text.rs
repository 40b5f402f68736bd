//! The one rule for free text, wherever it comes from: typed into the app or read from another
//! agency's file. Both go through [`text_fault`], so whatever the app stores, its own export
//! carries, and an import of that export accepts.

/// Longest text accepted in any field (evidence, narrative, a reason: a few pages).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest name accepted (a child, an assessor, an agency, a role, a household).
pub const MAX_NAME_CHARS: usize = 200;

/// A sentence when `text` cannot be stored as given: longer than `max` characters, or holding a
/// NUL character (which SQLite and C strings treat as the end of the text, so what is read back
/// would not be what was written). `what` names the field ("evidence", "child's name").
pub fn text_fault(what: &str, text: &str, max: usize) -> Option<String> {
    // Counting stops at the first character past the limit: a megabyte-long field costs no more.
    if text.chars().nth(max).is_some() {
        Some(format!("The {what} is too long ({max} characters at most)."))
    } else if text.contains('\0') {
        Some(format!("The {what} contains a character that is not allowed (NUL)."))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_refused_when_too_long_or_holding_a_nul() {
        assert_eq!(text_fault("evidence", "fine\nand\ttabbed", MAX_TEXT_CHARS), None);
        assert_eq!(text_fault("name", &"é".repeat(MAX_NAME_CHARS), MAX_NAME_CHARS), None);
        let long = text_fault("name", &"é".repeat(MAX_NAME_CHARS + 1), MAX_NAME_CHARS).unwrap();
        assert_eq!(long, "The name is too long (200 characters at most).");
        assert!(text_fault("evidence", "a\0b", MAX_TEXT_CHARS).unwrap().contains("NUL"));
    }
}
