//! The printed summaries, read back the way a person would: `pdfinfo` must accept each PDF,
//! `pdftotext` must give back the words (Unicode names included), `pdftoppm` must render it,
//! and no two words may be printed on top of each other.
//!
//! Set `NTK_REPORT_DIR=/some/folder` to keep the PDFs to look at.
// Read back with poppler (pdftotext, pdftoppm), which this project runs on Linux only.
#![cfg(unix)]

use crate::support::case;

use std::path::{Path, PathBuf};
use std::process::Command;

use case::{zoe, Case, PROFESSIONAL_ONLY_PHRASE, SECRET_SAID_IN_CONFIDENCE, SIBLING, TEN_QUARTERS};
use ntk_core::logo::Logo;
use ntk_core::report::{core_group_summary, core_group_text, family_summary, ReportError, ReportInput};

/// Three checklists over nine months (the latest with a second agency in the same round).
fn three_rounds() -> Case {
    zoe(&["2025-08-20", "2025-11-12", "2026-05-20"])
}

fn input(case: &Case) -> ReportInput<'_> {
    ReportInput {
        checklist: &case.checklist,
        child: &case.child,
        assessments: &case.assessments,
        household_name: case.child.household_name.as_deref(),
        siblings: &case.siblings,
        sibling_latest: &[],
        today: case.today,
        practitioner: &case.practitioner,
        oversight: &case.oversight,
        adults: &[],
        events: &[],
        logo: None,
    }
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} could not start: {e}"));
    assert!(out.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A word and its box on the page, from `pdftotext -bbox` (y grows downwards).
#[derive(Debug)]
struct WordBox {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    word: String,
}

/// A PDF written to disk and read back.
struct Printed {
    _dir: tempfile::TempDir,
    path: PathBuf,
    pages: usize,
    /// `pdftotext -layout`, one entry per page.
    page_texts: Vec<String>,
}

impl Printed {
    fn new(name: &str, bytes: &[u8]) -> Printed {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        if let Some(keep) = std::env::var_os("NTK_REPORT_DIR") {
            std::fs::write(Path::new(&keep).join(name), bytes).unwrap();
        }
        let info = run("pdfinfo", &[path.to_str().unwrap()]);
        let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
        assert!(info.contains("(A4)"), "not A4:\n{info}");
        let text = run("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
        // Pages end with a form feed; the text after the last one is empty.
        let page_texts: Vec<String> = text.split('\x0c').map(str::to_string).take(pages).collect();
        Printed { _dir: dir, path, pages, page_texts }
    }

    fn text(&self) -> String {
        self.page_texts.join("\n")
    }

    /// The text in the order it was drawn (`pdftotext -raw`, so a table cell's lines stay
    /// together), with all runs of whitespace made single spaces, so wrapped sentences match.
    fn flat(&self) -> String {
        run("pdftotext", &["-raw", self.path.to_str().unwrap(), "-"]).split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Word boxes per page from `pdftotext -bbox`.
    fn words(&self) -> Vec<Vec<WordBox>> {
        let html = run("pdftotext", &["-bbox", self.path.to_str().unwrap(), "-"]);
        let attr = |tag: &str, name: &str| -> f32 {
            let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            tag[start..].split('"').next().unwrap().parse().unwrap()
        };
        html.split("<page ")
            .skip(1)
            .map(|page| {
                page.split("<word ")
                    .skip(1)
                    .map(|w| {
                        let (tag, rest) = w.split_once('>').unwrap();
                        let word = rest.split("</word>").next().unwrap().to_string();
                        WordBox {
                            x0: attr(tag, "xMin"),
                            y0: attr(tag, "yMin"),
                            x1: attr(tag, "xMax"),
                            y1: attr(tag, "yMax"),
                            word,
                        }
                    })
                    .collect()
            })
            .collect()
    }

    fn assert_no_words_overlap(&self) {
        for (n, words) in self.words().iter().enumerate() {
            for (i, a) in words.iter().enumerate() {
                for b in &words[i + 1..] {
                    // Half a point of slack for rounding in the boxes.
                    let apart = a.x1 <= b.x0 + 0.5 || b.x1 <= a.x0 + 0.5 || a.y1 <= b.y0 + 0.5 || b.y1 <= a.y0 + 0.5;
                    assert!(apart, "page {}: \"{}\" overlaps \"{}\": {a:?} {b:?}", n + 1, a.word, b.word);
                }
            }
        }
    }

    fn render_first_page(&self) {
        let prefix = self.path.with_extension("");
        run(
            "pdftoppm",
            &["-r", "60", "-png", "-f", "1", "-l", "1", self.path.to_str().unwrap(), prefix.to_str().unwrap()],
        );
        let png = std::fs::read_dir(self.path.parent().unwrap())
            .unwrap()
            .filter_map(Result::ok)
            .find(|e| e.path().extension().is_some_and(|x| x == "png"))
            .expect("pdftoppm wrote a PNG");
        assert!(png.metadata().unwrap().len() > 5_000, "the rendered page is blank");
    }
}

#[test]
fn the_core_group_summary_has_every_section_and_is_marked_on_every_page() {
    let case = three_rounds();
    let pdf = Printed::new("core-group.pdf", &core_group_summary(&input(&case)).unwrap());
    assert!(pdf.pages >= 3, "{} pages", pdf.pages);
    let text = pdf.text();
    for heading in [
        "Core group summary",
        "The child",
        "Assessors and agencies",
        "Area profile",
        "Change since the last review",
        "Areas over time",
        "Drift and sustained improvement",
        "Disagreements between agencies",
        "The child's voice",
        "A day in my life",
        "Strengths and what helps",
        "What we are worried about",
        "What needs to change",
        "What better will look like",
        "Impact on the child",
        "Actions",
        "Next review",
    ] {
        assert!(text.contains(heading), "missing heading {heading:?}");
    }
    for name in ["Zoë Łukasiewicz", SIBLING, "Gwenllian Ó Súilleabháin", "Chidi Okonkwo-Müller"] {
        assert!(text.contains(name), "missing name {name:?}");
    }
    for (n, page) in pdf.page_texts.iter().enumerate() {
        assert!(page.contains("OFFICIAL-SENSITIVE"), "page {} is not marked", n + 1);
        assert!(page.contains(&format!("Page {} of {}", n + 1, pdf.pages)), "page {} has no page number", n + 1);
    }
    let flat = pdf.flat();
    for expected in [
        // Flags and change, in words.
        "Drift, Safety:",
        // Physical care improved and held, but an item is still graded 5: never "sustained".
        "Improving, still a concern, Physical care:",
        // Issue 14: urgent items with their agency, unknowns, everyone in the household.
        "Urgent and serious items",
        "Not known or not answered",
        "Children in the household",
        "improved since the first checklist",
        // The profile table: urgent item, confirmed grade, completeness.
        "Brushing teeth",
        "not confirmed",
        "Items graded",
        // Disagreement with both agencies' evidence, the professional-only note marked.
        "Domestic abuse (Safety), 2 apart",
        "No concerns seen at clinic visits.",
        "(professional only)",
        PROFESSIONAL_ONLY_PHRASE,
        // Long narrative flowed to its last words; actions with result; next review.
        "watching videos on a phone, some of which were not suitable for a child of her age.",
        "Seen on 2 June; two fillings planned.",
        "No result recorded; the due date has passed.",
        "The next checklist is due by 10 September 2026: the checklist is repeated every 3 months.",
        "Neglect, since 31 July 2025",
        // Per area: the impact, and every item graded 4 or 5 with its source, date and evidence.
        "Impact on the child, and the items graded 4 or 5",
        "Impact (Children's Social Care): Toothache has kept Zoë awake and off her food.",
        "Grade 5, Brushing teeth: observed, 14 May 2026, Gwenllian Ó Súilleabháin (Children's Social Care): Toothache for weeks; emergency dentist in May.",
        "Grade 4, Domestic abuse: observed, 14 May 2026, Gwenllian Ó Súilleabháin (Children's Social Care) (professional only):",
    ] {
        assert!(flat.contains(expected), "missing {expected:?}");
    }
    assert!(!flat.contains("DRAFT NOT FOR PRINTING"), "a draft was printed");
    pdf.assert_no_words_overlap();
    pdf.render_first_page();
}

#[test]
fn the_family_summary_is_plain_and_about_this_child_only() {
    let case = three_rounds();
    let pdf = Printed::new("family.pdf", &family_summary(&input(&case)).unwrap());
    assert!(pdf.pages >= 2, "the long narrative should flow over pages: {} pages", pdf.pages);
    let text = pdf.text();
    for heading in [
        "What is going well",
        "What we are worried about",
        "What needs to change",
        "What better will look like",
        "If things do not change",
        "Who will help",
        "What happens next",
        "Who to contact",
    ] {
        assert!(text.contains(heading), "missing heading {heading:?}");
    }
    assert!(text.contains("Zoë Łukasiewicz") && text.contains("Page 1 of"));
    for (n, page) in pdf.page_texts.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {}", n + 1, pdf.pages)));
        assert!(!page.contains("OFFICIAL-SENSITIVE"));
    }
    let flat = pdf.flat();
    assert!(flat.contains("Who: Chidi Okonkwo-Müller, Health Visiting."));
    // The worry named, the impact in the family's words, what happens if nothing changes, and
    // the lead practitioner from Settings (not whoever graded last).
    assert!(flat.contains(
        "We are worried that Zoë Łukasiewicz's needs are not being met well enough: this is called neglect."
    ));
    assert!(flat.contains("What this means for Zoë Łukasiewicz Physical care: Toothache has kept Zoë awake"), "{flat}");
    assert!(flat.contains("Learning and esteem: Missed nursery days mean Zoë is behind with her letters."));
    assert!(flat.contains("the professionals will meet again to decide whether a stronger plan is needed"));
    assert!(flat.contains(
        "please contact Gwenllian Ó Súilleabháin, Social worker, Testshire Children's Services, Northgate Family Safeguarding Team."
    ));
    assert!(flat.contains("Telephone: 01632 960 123") && flat.contains("E-mail: g.osuilleabhain@testshire.example"));
    // What the child said in confidence stays on the professional record.
    assert!(!flat.contains(SECRET_SAID_IN_CONFIDENCE) && !flat.contains("key worker"));
    assert!(flat.contains("arrives at nursery rested and on time every day."), "the narrative did not flow to its end");

    // Nothing for professionals only, nothing about anyone else, no scoring words or numbers.
    assert!(!flat.contains(PROFESSIONAL_ONLY_PHRASE));
    assert!(!flat.contains("Kestrel"));
    assert!(!flat.contains(SIBLING) && !flat.contains("Siân"), "the sibling is named");
    assert!(!flat.contains("household"), "the household is mentioned");
    assert!(!flat.contains("DRAFT NOT FOR PRINTING"));
    let lower = flat.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '-').collect();
    for jargon in ["score", "scores", "scored", "band", "bands", "sub-area", "sub-areas", "grade", "grades"] {
        assert!(!words.contains(&jargon), "the family summary says {jargon:?}");
    }
    let has_decimal =
        flat.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
    assert!(!has_decimal, "the family summary shows a number like a score");

    // 12pt or larger: DejaVu's word boxes are about 1.16 times the point size high.
    let smallest = pdf.words().iter().flatten().map(|w| w.y1 - w.y0).fold(f32::MAX, f32::min);
    assert!(smallest >= 12.0 * 1.1, "text smaller than 12pt (box {smallest})");
    pdf.assert_no_words_overlap();
    pdf.render_first_page();
}

#[test]
fn ten_rounds_still_give_a_readable_chart() {
    let case = zoe(&TEN_QUARTERS);
    let pdf = Printed::new("core-group-10.pdf", &core_group_summary(&input(&case)).unwrap());
    assert!(pdf.text().contains("Areas over time"));
    pdf.assert_no_words_overlap();
}

#[test]
fn text_longer_than_a_page_flows_over_pages_in_prose_and_in_table_cells() {
    let mut case = three_rounds();
    let sentence =
        "Zoë's grandmother will come every morning at half past seven to make porridge and walk with her to nursery. ";
    let long = sentence.repeat(60) + "The end of the long action.";
    let latest = case.assessments.iter_mut().find(|a| a.id == 3).unwrap();
    latest.actions[0].what = long.clone();
    latest.narrative.worries = format!("{}The end of the long worry.", sentence.repeat(60));
    let core = Printed::new("core-long.pdf", &core_group_summary(&input(&case)).unwrap());
    let family = Printed::new("family-long.pdf", &family_summary(&input(&case)).unwrap());
    for pdf in [&core, &family] {
        let flat = pdf.flat();
        assert!(flat.contains("The end of the long action.") && flat.contains("The end of the long worry."));
        // One word per sentence: a sentence may straddle a page break (and its page furniture).
        assert_eq!(flat.matches("porridge").count(), 120, "text was lost or repeated");
        pdf.assert_no_words_overlap();
    }
}

#[test]
fn a_child_with_no_finalised_checklist_has_no_summary() {
    let mut case = three_rounds();
    case.assessments.retain(|a| a.status == ntk_core::assessment::AssessmentStatus::Draft);
    let err = core_group_summary(&input(&case)).unwrap_err();
    assert!(matches!(err, ReportError::NothingFinalised));
    assert!(err.to_string().starts_with("There is no finalised checklist"));
    assert!(family_summary(&input(&case)).is_err());
}

#[test]
fn the_family_summary_refuses_with_an_empty_part_or_no_one_to_contact_naming_each() {
    let mut case = three_rounds();
    let latest = case.assessments.iter_mut().find(|a| a.id == 3).unwrap();
    latest.narrative.if_things_do_not_change = "   ".into();
    latest.narrative.impact.clear();
    case.practitioner.telephone.clear();
    let err = family_summary(&input(&case)).unwrap_err();
    assert!(matches!(err, ReportError::FamilySummaryIncomplete(_)), "{err}");
    let message = err.to_string();
    for gap in ["\"If things do not change\"", "\"What this means for Zoë Łukasiewicz\"", "a telephone number"] {
        assert!(message.contains(gap), "{gap}: {message}");
    }
    assert!(!message.contains("What is going well"), "{message}");
    // The core group's record still prints, and says what is missing.
    let core = Printed::new("core-no-impact.pdf", &core_group_summary(&input(&case)).unwrap());
    assert!(core.flat().contains("Impact: not recorded."));
}

/// "Copy summary as text": the key parts of the core-group summary, in the PDF's own words, so
/// the copy pasted into the case record is never calmer than the printed summary.
#[test]
fn the_summary_as_text_has_the_key_parts_in_the_pdfs_own_words() {
    let case = three_rounds();
    let text = core_group_text(&input(&case)).unwrap();
    if let Some(keep) = std::env::var_os("NTK_REPORT_DIR") {
        std::fs::write(Path::new(&keep).join("core-group-summary.txt"), &text).unwrap();
    }
    let pdf = Printed::new("core-group.pdf", &core_group_summary(&input(&case)).unwrap());
    // The PDF's words without the page furniture, which breaks a sentence that runs over a page.
    let mut flat = pdf
        .flat()
        .replace("Core group summary: Zoë Łukasiewicz ", "")
        .replace("OFFICIAL-SENSITIVE ", "")
        .replace(&format!("{} ", case.practitioner.issued_by()), "");
    for n in 1..=pdf.pages {
        flat = flat.replace(&format!("Page {n} of {} ", pdf.pages), "");
    }
    assert!(text.starts_with("OFFICIAL-SENSITIVE\nCore group summary: Zoë Łukasiewicz\n"), "{text}");
    assert!(text.trim_end().ends_with("is in the core-group PDF."), "{text}");
    for expected in [
        // The profile, a row per area, with the confirmed grade's band and the urgent item.
        "Area profile\n------------",
        "- Physical care: Computed score: ",
        "Brushing teeth, graded 5",
        "not confirmed",
        // Flags: urgent and unknown items, change, drift, improving but still a concern.
        "Urgent and serious items",
        "Not known or not answered",
        "Change since the last review",
        "improved since the first checklist",
        "- Drift, Safety: ",
        "- Improving, still a concern, Physical care: ",
        // Actions with their results, and the next review.
        "Seen on 2 June; two fillings planned.",
        "No result recorded; the due date has passed.",
        "Next review\n-----------\nThe next checklist is due by 10 September 2026: the checklist is repeated every 3 months.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // Every sentence and bullet (not a table row, which is laid out differently) is the PDF's.
    let table_row = ["Computed score:", "First:", "Who (agency):"];
    for line in
        text.lines().skip(3).filter(|l| !l.is_empty() && !l.starts_with("---") && !l.ends_with("core-group PDF."))
    {
        if table_row.iter().any(|t| line.contains(t)) || line.starts_with('(') {
            continue;
        }
        let words = line.strip_prefix("- ").unwrap_or(line).split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&words), "the text says {words:?}, the PDF does not");
    }
    // The help screen's sentences for change and sustained improvement are the PDF's.
    for rule in [ntk_core::wording::CHANGE_RULE, ntk_core::wording::SUSTAINED_RULE] {
        assert!(flat.contains(rule) && text.contains(rule), "{rule:?} printed");
    }
    // The written sections and the evidence of each area stay in the PDF only.
    assert!(!text.contains("The child's voice") && !text.contains("Impact on the child"), "{text}");
}

/// Both summaries say on every page who issued them: the organisation and team from Settings,
/// and nothing else of the practitioner's on the page furniture.
#[test]
fn both_summaries_name_the_organisation_and_team_at_the_foot_of_every_page() {
    let case = three_rounds();
    let issued_by = "Testshire Children's Services, Northgate Family Safeguarding Team";
    assert_eq!(case.practitioner.issued_by(), issued_by);
    let core = Printed::new("core-group.pdf", &core_group_summary(&input(&case)).unwrap());
    let family = Printed::new("family.pdf", &family_summary(&input(&case)).unwrap());
    for pdf in [&core, &family] {
        for (n, page) in pdf.page_texts.iter().enumerate() {
            let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(issued_by),
                "page {} of {} does not name the organisation",
                n + 1,
                pdf.path.display()
            );
        }
        pdf.assert_no_words_overlap();
    }
}

/// The family summary in Welsh: every fixed phrase from the Welsh table (no English one left),
/// the written parts as written, and the Welsh letters (ŵ, ŷ) printed by the embedded font,
/// read back with pdftotext.
#[test]
fn the_family_summary_prints_in_welsh_with_the_written_parts_as_written() {
    use ntk_core::report::{family_summary_in, FamilyLanguage};
    let mut case = three_rounds();
    let written = "Mae'r tŷ yn gynnes, mae dŵr poeth bob dydd, ac mae Zoë yn ŵyr i Nain.";
    for a in &mut case.assessments {
        a.narrative.strengths = written.into();
    }
    let welsh = FamilyLanguage::Welsh.phrases();
    let pdf = Printed::new("family-welsh.pdf", &family_summary_in(&input(&case), FamilyLanguage::Welsh).unwrap());
    let flat = pdf.flat();
    assert!(flat.contains(written), "the written part as written, Welsh letters and all:\n{flat}");
    for key in ["section.strengths", "section.worries", "actions_title", "next_title", "contact_title", "why_involved"]
    {
        assert!(flat.contains(&welsh.get(key)), "missing the Welsh {key}: {:?}", welsh.get(key));
    }
    assert!(flat.contains(&welsh.fill("running_title", &[("name", "Zoë Łukasiewicz")])));
    assert!(flat.contains("Pwy: Chidi Okonkwo-Müller, Health Visiting."), "{flat}");
    for (n, page) in pdf.page_texts.iter().enumerate() {
        assert!(page.contains(&format!("Tudalen {} o {}", n + 1, pdf.pages)), "page {}", n + 1);
    }
    let english = FamilyLanguage::English.phrases();
    for key in ["section.strengths", "actions_title", "next_title", "contact_title", "why_involved", "telephone"] {
        let phrase = english.get(key);
        assert!(!flat.contains(phrase.trim()), "an English phrase left in the Welsh summary: {phrase:?}");
    }
    assert!(!flat.contains("Page 1 of"));
    pdf.assert_no_words_overlap();
    pdf.render_first_page();
}

/// The core-group summary prints the plans with their repeat count, the manager's review (and the
/// checklists without one), the core group's meeting with its agreed grade and dissent, the
/// prompts and the case references; the family summary prints none of the case references.
#[test]
fn the_core_group_summary_prints_plans_oversight_and_case_references_and_the_family_summary_never_the_references() {
    let case = three_rounds();
    let pdf = Printed::new("core-group-oversight.pdf", &core_group_summary(&input(&case)).unwrap());
    let text = pdf.flat();
    for expected in [
        "Plans, oversight and the core group",
        "Local authority case number LA-000123",
        "NHS number 999 000 0018",
        "Unique pupil number P000000000001",
        "the second child protection plan for neglect in 3 years",
        "outcome: stepped down to child in need",
        "the first child in need plan in 3 years",
        "manager's review by Morgan Teamlead, Team manager",
        "agreed with changes. \"Add the dentist to the plan.\"",
        "no manager's review recorded.",
        "Expected, not present Health",
        "grade 4 agreed by the core group",
        "Education disagrees: No worries seen at nursery.",
        "Ewa Łukasiewicz: 1 on",
        "Engages, and the child's care changes.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let agreed_on = case.oversight.meetings[0].held_on.format("%-d %B %Y").to_string();
    assert!(text.contains(&format!("grade 4, agreed at the core group on {agreed_on}")), "{text}");

    // An agreed grade better than the practitioners' is printed with theirs beside it.
    let mut calmer = three_rounds();
    calmer.oversight.meetings[0].agreed[0].grade = 1;
    let calmer_pdf = Printed::new("core-group-agreed-lower.pdf", &core_group_summary(&input(&calmer)).unwrap());
    let calmer_text = calmer_pdf.flat();
    assert!(
        calmer_text.contains(&format!(
            "grade 1, agreed at the core group on {agreed_on}; lower than the practitioners' confirmed grade"
        )),
        "{calmer_text}"
    );
    assert!(calmer_text.contains("Education disagrees: No worries seen at nursery."));

    let family = Printed::new("family-oversight.pdf", &family_summary(&input(&case)).unwrap());
    let family_text = family.text() + &family.flat();
    for never in [case::NHS_NUMBER_SPACED, &case::NHS_NUMBER_SPACED.replace(' ', ""), case::LA_CASE_NUMBER, case::UPN] {
        assert!(!family_text.contains(never), "the family summary printed {never}");
    }
}

/// Issue 17: the core group sees the household's adults and the chronology since the previous
/// review; the family summary, which one of those adults may read, names none of them.
#[test]
fn the_core_group_prints_the_adults_and_the_chronology_since_the_previous_review_and_the_family_summary_neither() {
    use ntk_core::chronology::{Adult, AdultLink, AdultService, ChronologyEvent, EventKind, Relationship};
    let case = three_rounds();
    let adults = vec![Adult {
        id: 1,
        household_id: 1,
        name: "Rüdiger Adultname".into(),
        services: vec![AdultService::Probation, AdultService::DrugAndAlcohol],
        services_words: String::new(),
        children: vec![AdultLink {
            child_id: case.child.id,
            child_name: case.child.name.clone(),
            relationship: Relationship::Partner,
            relationship_label: String::new(),
            parental_responsibility: false,
        }],
    }];
    let event = |id: i64, date: &str, kind: EventKind, what: &str| ChronologyEvent {
        id,
        child_id: case.child.id,
        date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        time: None,
        kind,
        kind_label: kind.label().into(),
        agency: "Police".into(),
        what_happened: what.into(),
        impact: String::new(),
        recorded_by: "Sam Worker".into(),
        recorded_at: "2026-01-01T10:00:00+00:00".into(),
        automatic: false,
        imported: false,
        corrects: None,
        correction_reason: None,
        corrected_by: None,
    };
    // The previous review round began on 12 Nov 2025: the event before it is not printed.
    let events = vec![
        event(1, "2025-09-01", EventKind::PoliceCallOut, "Beforephrase call-out."),
        event(2, "2026-01-15", EventKind::DomesticAbuse, "Sincephrase incident at night."),
        event(3, "2026-05-01", EventKind::WasNotBrought, "Missed dental appointment."),
    ];
    let with = ReportInput { adults: &adults, events: &events, ..input(&case) };
    let pdf = Printed::new("core-group-chronology.pdf", &core_group_summary(&with).unwrap());
    let flat = pdf.flat();
    for words in [
        "Adults in the household",
        "Rüdiger Adultname",
        "Partner of a parent",
        "Probation, Drug and alcohol",
        "Chronology since the previous review (12 November 2025)",
        "Sincephrase incident at night.",
        "Domestic abuse incident",
        "not recorded",
    ] {
        assert!(flat.contains(words), "missing {words:?}");
    }
    assert!(!flat.contains("Beforephrase"), "an event before the previous review is not in this period");
    pdf.assert_no_words_overlap();

    let family = Printed::new("family-with-adults.pdf", &family_summary(&with).unwrap());
    let text = family.flat();
    for never in ["Rüdiger", "Adultname", "Sincephrase", "Probation"] {
        assert!(!text.contains(never), "the family summary prints {never:?}");
    }
}

/// `pdfimages -list` rows (page, width, height, colour, x-ppi) of a PDF's images, soft masks left out.
fn images(pdf: &Printed) -> Vec<(usize, u32, u32, String, u32)> {
    run("pdfimages", &["-list", pdf.path.to_str().unwrap()])
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|f| f[2] == "image")
        .map(|f| {
            (
                f[0].parse().unwrap(),
                f[3].parse().unwrap(),
                f[4].parse().unwrap(),
                f[5].to_string(),
                f[12].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn both_summaries_carry_the_organisations_logo_at_the_head_of_the_first_page() {
    let case = three_rounds();
    let png = Logo::check(std::fs::read("tests/fixtures/logos/testshire.png").unwrap()).unwrap();
    let jpeg = Logo::check(std::fs::read("tests/fixtures/logos/testshire.jpg").unwrap()).unwrap();
    let plain = Printed::new("core-group-no-logo.pdf", &core_group_summary(&input(&case)).unwrap());
    assert!(images(&plain).is_empty(), "no logo chosen, no image");

    let core = Printed::new(
        "core-group-logo.pdf",
        &core_group_summary(&ReportInput { logo: Some(&png), ..input(&case) }).unwrap(),
    );
    let family =
        Printed::new("family-logo.pdf", &family_summary(&ReportInput { logo: Some(&jpeg), ..input(&case) }).unwrap());
    // Once, on the first page, every pixel, in colour; 120 pixels drawn 42 points (core group) and
    // 48 points (family) high: 120 / (42 / 72) = 206 and 180 pixels an inch.
    assert_eq!(images(&core), [(1, 360, 120, "rgb".to_string(), 206)]);
    assert_eq!(images(&family), [(1, 360, 120, "rgb".to_string(), 180)]);
    // (title, top margin + the logo's height): the title starts below the logo.
    for (pdf, title, logo_bottom) in
        [(&core, "Core group summary", 48.0 + 42.0), (&family, "a summary for", 56.0 + 48.0)]
    {
        assert!(pdf.page_texts[0].contains(title), "{}", pdf.page_texts[0]);
        pdf.assert_no_words_overlap();
        // The title is the highest word in large type (the running title above it is small).
        let title_top = pdf.words()[0].iter().filter(|w| w.y1 - w.y0 > 15.0).map(|w| w.y0).fold(f32::MAX, f32::min);
        assert!(title_top >= logo_bottom, "the title starts at {title_top}, inside the logo's band (to {logo_bottom})");
    }
    assert_eq!(core.pages, plain.pages, "the logo costs no page here");
}
