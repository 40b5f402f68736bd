//! The home screen's search: a query matches when every word of it appears in one of a
//! record's fields, ignoring case and accents ("zoe" finds "Zoë"). It runs in the core, over
//! every record, so that a long list drawn a page at a time still finds a child on any page.
//! `ui/src/search.ts` applies the same rule to the short lists the page holds whole (drafts).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Text folded for comparison: accents taken off (decomposed, combining marks dropped), lower case.
pub fn fold(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase()
}

/// A search query, folded once and split into its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn new(text: &str) -> Self {
        Query { words: fold(text).split_whitespace().map(str::to_string).collect() }
    }

    /// No words: everything matches.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when every word of the query appears in one of `fields`.
    pub fn matches<'a>(&self, fields: impl IntoIterator<Item = Option<&'a str>>) -> bool {
        if self.is_empty() {
            return true;
        }
        let haystack = fold(&fields.into_iter().flatten().collect::<Vec<_>>().join(" "));
        self.words.iter().all(|word| haystack.contains(word.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_must_appear_in_some_field_ignoring_case_and_accents() {
        let zoe = [Some("Zoë Otherfamily"), Some("Otherfamily household")];
        assert!(Query::new("zoe").matches(zoe));
        assert!(Query::new("ZOË household").matches(zoe));
        assert!(Query::new("  ").matches(zoe));
        assert!(!Query::new("zoe testfamily").matches(zoe));
        assert!(Query::new("alfie").matches([Some("Alfie"), None]));
        assert!(!Query::new("alfie").matches([None, Some("Testfamily household")]));
    }
}
