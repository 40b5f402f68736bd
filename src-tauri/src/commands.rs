//! The app's commands, declared once (see `contract.rs` for what each line becomes).
//! Each is one line: the rule it runs is the core's, or, for commands that ask for a file,
//! a function in `files.rs`.
//!
//! Adding a command: write the core method, add one line below, run
//! `cargo test -p neglect-toolkit-app --bin neglect-toolkit` to regenerate
//! `ui/src/bindings/commands.ts` (committed), and call it from `ui/src/api.ts`.

use ntk_core::about::About;
use ntk_core::assessment::{Action, Assessment, ItemRecord};
use ntk_core::checklist::Checklist;
use ntk_core::chronology::{Adult, AdultForm, ChronologyEvent, EventForm};
use ntk_core::core_group::{CoreGroupMeeting, EngagementRating, MeetingForm, MeetingView};
use ntk_core::exchange::{ImportChoice, ImportReport};
use ntk_core::logo::LogoView;
use ntk_core::model::{AppStatus, Child, ChildForm, Household, PractitionerDetails};
use ntk_core::oversight::{ManagerReview, ManagerReviewForm};
use ntk_core::plans::{EndPlanForm, PlanForm, PlanPrompts, PlanView};
use ntk_core::references::CaseReferences;
use ntk_core::report::{FamilyLanguage, LanguageStatus};
use ntk_core::store::EngagementForm;
use ntk_core::store::{
    ActionForm, AssessmentView, Attention, BackupReport, ChildHistory, FamilyCheck, FinaliseCheck, HouseholdOverview,
    ReportKind, Saved, StartAssessmentForm,
};
use ntk_core::store::{AuditLine, DraftInProgress};
use ntk_core::store::{HouseholdRow, Page};

use crate::files::{self, today};

commands! {
    session fn app_status() -> AppStatus = |state| Ok(state.status());
    session fn create_database(passphrase: String) -> () = |state| state.create(&passphrase);
    session fn unlock(passphrase: String) -> () = |state| state.unlock(&passphrase);
    session fn lock() -> () = |state| {
        state.set_store(None);
        Ok(())
    };
    session fn still_here() -> () = |state| {
        state.still_here();
        Ok(())
    };
    store fn change_passphrase(old: String, new: String) -> () = |s| s.change_passphrase(&old, &new);
    store fn idle_lock_minutes() -> u32 = |s| s.idle_lock_minutes();
    store fn set_idle_lock_minutes(minutes: u32) -> () = |s| s.set_idle_lock_minutes(minutes);

    store fn list_children() -> Vec<Child> = |s| s.list_children();
    store fn get_child(id: i64) -> Child = |s| s.get_child(id);
    store fn list_households() -> Vec<Household> = |s| s.list_households();
    store fn household_overview(id: i64) -> HouseholdOverview = |s| s.household_overview(id, today());
    store fn add_child(form: ChildForm) -> Child = |s| s.add_child(&form, today());
    store fn update_child(id: i64, form: ChildForm) -> Child = |s| s.update_child(id, &form, today());
    store fn erase_child(id: i64) -> () = |s| s.erase_child(id);

    store fn get_checklist(hash: Option<String>) -> Checklist = |s| Ok(s.checklist_with_hash(hash.as_deref()).clone());
    store fn list_assessments(child_id: i64) -> Vec<Assessment> = |s| s.assessments_for_child(child_id);
    store fn start_assessment(child_id: i64, form: StartAssessmentForm) -> Assessment =
        |s| s.start_assessment(child_id, &form, today());
    store fn assessment_view(id: i64) -> AssessmentView = |s| s.assessment_view(id);
    store fn save_item(assessment_id: i64, item: ItemRecord) -> Saved = |s| s.save_item(assessment_id, &item, today());
    store fn confirm_area(assessment_id: i64, area_id: String, confirmed: u8, reason: String) -> Saved =
        |s| s.confirm_area(assessment_id, &area_id, confirmed, &reason);
    store fn save_narrative(assessment_id: i64, section: String, area_id: Option<String>, text: String) -> Saved =
        |s| s.save_narrative(assessment_id, &section, area_id.as_deref(), &text);
    store fn add_action(assessment_id: i64, form: ActionForm) -> Action = |s| s.add_action(assessment_id, &form);
    store fn delete_action(action_id: i64) -> () = |s| s.delete_action(action_id);
    store fn record_action_result(action_id: i64, result: String) -> () = |s| s.record_action_result(action_id, &result);
    store fn finalise_check(id: i64) -> FinaliseCheck = |s| s.finalise_check(id);
    store fn finalise(id: i64) -> Assessment = |s| s.finalise(id);
    store fn amend(id: i64, reason: String) -> Assessment = |s| s.amend(id, &reason);
    store fn discard_draft(id: i64) -> () = |s| s.discard_draft(id);

    store fn needs_attention() -> Vec<Attention> = |s| s.needs_attention(today());
    store fn child_history(child_id: i64) -> ChildHistory = |s| s.child_history(child_id, today());
    store fn family_check(child_id: i64) -> FamilyCheck = |s| s.family_check(child_id, today());
    store fn confirm_family_section(child_id: i64, section: String) -> FamilyCheck =
        |s| s.confirm_family_section(child_id, &section, today());
    store fn practitioner_details() -> PractitionerDetails = |s| s.practitioner_details();
    store fn set_practitioner_details(form: PractitionerDetails) -> PractitionerDetails =
        |s| s.set_practitioner_details(&form);

    dialog fn backup() -> Option<BackupReport> = |app, state| files::backup(app, state);
    dialog fn restore(passphrase: String) -> Option<BackupReport> = |app, state| files::restore(app, state, &passphrase);
    session fn undo_restore(passphrase: String) -> BackupReport = |state| files::undo_restore(state, &passphrase);
    dialog fn print_report(child_id: i64, kind: ReportKind) -> Option<String> =
        |app, state| files::print_report(app, state, child_id, kind);
    session fn show_last_saved_in_folder() -> () = |state| files::show_last_saved_in_folder(state);
    dialog fn export_child(child_id: i64, file_passphrase: Option<String>) -> Option<String> =
        |app, state| files::export_child(app, state, child_id, file_passphrase.as_deref());
    dialog fn choose_import(file_passphrase: Option<String>) -> Option<ImportChoice> =
        |app, state| files::choose_import(app, state, file_passphrase.as_deref());
    session fn import_file(token: String, file_hash: String, file_passphrase: Option<String>) -> ImportReport =
        |state| files::import_chosen(state, &token, &file_hash, file_passphrase.as_deref());
    dialog fn export_dataset(from: String, to: String) -> Option<String> =
        |app, state| files::export_dataset(app, state, &from, &to);

    // What a practitioner expects of a desktop tool (drafts on the home screen, ...).
    store fn drafts_in_progress() -> Vec<DraftInProgress> = |s| s.drafts_in_progress();
    store fn core_group_text(child_id: i64) -> String = |s| s.core_group_text(child_id, today());
    session fn about() -> About = |state| Ok(About::new(&state.data_dir));
    dialog fn spelling_languages() -> Vec<String> = |app, _state| crate::spelling::languages(app);
    store fn child_audit_trail(child_id: i64) -> Vec<AuditLine> = |s| s.child_audit_trail(child_id);
    dialog fn export_subject_access(child_id: i64) -> Option<Vec<String>> =
        |app, state| files::export_subject_access(app, state, child_id);
    session fn family_languages() -> Vec<LanguageStatus> =
        |_state| Ok(FamilyLanguage::ALL.into_iter().map(FamilyLanguage::status).collect());
    dialog fn print_family_summary(child_id: i64, language: FamilyLanguage) -> Option<String> =
        |app, state| files::print_report_in(app, state, child_id, ReportKind::Family, language);

    // Plans, management oversight, case references and the core group (issue 18).
    store fn plans(child_id: i64) -> Vec<PlanView> = |s| s.plans(child_id, today());
    store fn start_plan(child_id: i64, form: PlanForm) -> Vec<PlanView> = |s| s.start_plan(child_id, &form, today());
    store fn end_plan(child_id: i64, form: EndPlanForm) -> Vec<PlanView> = |s| s.end_plan(child_id, &form, today());
    store fn manager_reviews(child_id: i64) -> Vec<ManagerReview> = |s| s.manager_reviews(child_id);
    store fn record_manager_review(assessment_id: i64, form: ManagerReviewForm) -> ManagerReview =
        |s| s.record_manager_review(assessment_id, &form, today());
    store fn case_references(child_id: i64) -> CaseReferences = |s| s.case_references(child_id);
    store fn set_case_references(child_id: i64, form: CaseReferences) -> CaseReferences =
        |s| s.set_case_references(child_id, &form);
    store fn meetings(child_id: i64) -> Vec<CoreGroupMeeting> = |s| s.meetings(child_id);
    store fn record_meeting(child_id: i64, form: MeetingForm) -> CoreGroupMeeting =
        |s| s.record_meeting(child_id, &form, today());
    store fn engagement(child_id: i64) -> Vec<EngagementRating> = |s| s.engagement(child_id);
    store fn rate_engagement(child_id: i64, form: EngagementForm) -> EngagementRating =
        |s| s.rate_engagement(child_id, &form, today());

    // The chronology and the household's adults (issue 17).
    store fn chronology(child_id: i64, with_corrected: bool) -> Vec<ChronologyEvent> =
        |s| s.chronology(child_id, None, None, with_corrected);
    store fn add_event(form: EventForm) -> Vec<ChronologyEvent> = |s| s.add_event(&form, today());
    store fn correct_event(event_id: i64, form: EventForm, reason: String) -> ChronologyEvent =
        |s| s.correct_event(event_id, &form, &reason, today());
    store fn was_not_brought(child_id: i64) -> u32 = |s| s.was_not_brought(child_id, today());
    store fn household_adults(household_id: i64) -> Vec<Adult> = |s| s.adults_of_household(household_id);
    store fn child_adults(child_id: i64) -> Vec<Adult> = |s| s.adults_of_child(child_id);
    store fn add_adult(form: AdultForm) -> Adult = |s| s.add_adult(&form);
    store fn update_adult(id: i64, form: AdultForm) -> Adult = |s| s.update_adult(id, &form);

    // H18b, issue 18: the child's page shows "awaiting manager review" as the home list does.
    store fn awaiting_manager_review(child_id: i64) -> Option<String> = |s| s.awaiting_manager_review(child_id, today());
    store fn meeting_views(child_id: i64) -> Vec<MeetingView> = |s| s.meeting_views(child_id);
    // H18a, issue 18: the step-down, escalation and engagement prompts on the child's page.
    store fn plan_prompts(child_id: i64) -> PlanPrompts = |s| s.plan_prompts(child_id);
    // H23, issue 23: the home screen's long lists a page at a time, searched in the core.
    store fn needs_attention_page(query: String, offset: u32, limit: u32) -> Page<Attention> =
        |s| s.needs_attention_page(today(), &query, offset, limit);
    store fn children_page(query: String, offset: u32, limit: u32) -> Page<Child> =
        |s| s.children_page(&query, offset, limit);
    store fn households_page(query: String, offset: u32, limit: u32) -> Page<HouseholdRow> =
        |s| s.households_page(&query, offset, limit);
    // H22, issue 22: the organisation's logo in Settings and on the PDFs.
    store fn logo() -> Option<LogoView> = |s| Ok(s.logo()?.map(|l| l.view()));
    dialog fn choose_logo() -> Option<LogoView> = |app, state| files::choose_logo(app, state);
    store fn remove_logo() -> () = |s| s.remove_logo();
}
