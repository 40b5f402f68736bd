//! The same summary sections written as plain text, for pasting into a case-management system
//! (which takes text, not PDFs). The sections are written once, against [`Page`]; the PDF
//! ([`Doc`]) and the text ([`PlainText`]) are two ways of putting the same words down, so the
//! copy can never say less, or say it more calmly, than the printed summary.

use super::layout::{Column, Doc, Weight};

/// What a section writes on: a heading, sentences, bullets, small print and tables.
pub(super) trait Page {
    fn heading(&mut self, text: &str);
    fn paragraph(&mut self, text: &str);
    fn runs(&mut self, runs: &[(Weight, &str)]);
    fn bullet(&mut self, runs: &[(Weight, &str)]);
    fn note(&mut self, text: &str);
    fn table(&mut self, columns: &[Column], rows: &[Vec<String>]);
}

impl Page for Doc {
    fn heading(&mut self, text: &str) {
        Doc::heading(self, text)
    }
    fn paragraph(&mut self, text: &str) {
        Doc::paragraph(self, text)
    }
    fn runs(&mut self, runs: &[(Weight, &str)]) {
        Doc::runs(self, runs)
    }
    fn bullet(&mut self, runs: &[(Weight, &str)]) {
        Doc::bullet(self, runs)
    }
    fn note(&mut self, text: &str) {
        Doc::note(self, text)
    }
    fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        Doc::table(self, columns, rows)
    }
}

/// Plain text: headings underlined, bullets as "- ", a table row as one bullet naming each
/// column ("Physical care: Computed score: 3.4; Confirmed grade: 4; ...").
#[derive(Debug, Default)]
pub(super) struct PlainText {
    out: String,
}

impl PlainText {
    pub fn line(&mut self, text: &str) {
        self.out.push_str(text.trim_end());
        self.out.push('\n');
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn joined(runs: &[(Weight, &str)]) -> String {
    runs.iter().map(|(_, t)| *t).collect()
}

impl Page for PlainText {
    fn heading(&mut self, text: &str) {
        self.line("");
        self.line(text);
        self.line(&"-".repeat(text.chars().count()));
    }
    fn paragraph(&mut self, text: &str) {
        self.line(text);
    }
    fn runs(&mut self, runs: &[(Weight, &str)]) {
        self.line(&joined(runs));
    }
    fn bullet(&mut self, runs: &[(Weight, &str)]) {
        self.line(&format!("- {}", joined(runs)));
    }
    fn note(&mut self, text: &str) {
        self.line(&format!("({text})"));
    }
    fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        for row in rows {
            let mut cells = columns.iter().zip(row).filter(|(_, v)| !v.trim().is_empty());
            let Some((_, first)) = cells.next() else { continue };
            let rest: Vec<String> = cells.map(|(c, v)| format!("{}: {v}", c.title)).collect();
            self.line(&format!("- {first}: {}", rest.join("; ")));
        }
    }
}
