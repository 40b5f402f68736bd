// Typed calls to the Rust backend. The types come from ts-rs (src/bindings), never written here,
// and every command's name, arguments and answer from the declaration in src-tauri/src/commands.rs
// (bindings/commands.ts), so tsc refuses a call the Rust side would not accept.
import { invoke } from "@tauri-apps/api/core";
import type { ActionForm } from "./bindings/ActionForm";
import type { Checklist } from "./bindings/Checklist";
import type { CommandName, Commands } from "./bindings/commands";
import type { ChildForm } from "./bindings/ChildForm";
import type { ImportChoice } from "./bindings/ImportChoice";
import type { ItemRecord } from "./bindings/ItemRecord";
import type { PractitionerDetails } from "./bindings/PractitionerDetails";
import type { FamilyLanguage } from "./bindings/FamilyLanguage";
import type { ReportKind } from "./bindings/ReportKind";
import type { StartAssessmentForm } from "./bindings/StartAssessmentForm";
import type { CaseReferences } from "./bindings/CaseReferences";
import type { EndPlanForm } from "./bindings/EndPlanForm";
import type { EngagementForm } from "./bindings/EngagementForm";
import type { ManagerReviewForm } from "./bindings/ManagerReviewForm";
import type { MeetingForm } from "./bindings/MeetingForm";
import type { PlanForm } from "./bindings/PlanForm";
import { isProblem } from "./problem";
import type { AdultForm } from "./bindings/AdultForm";
import type { EventForm } from "./bindings/EventForm";

let onLocked: () => void = () => {};

/** Called when any command answers "locked" (the store was closed): back to the unlock screen. */
export function whenLocked(handler: () => void) {
  onLocked = handler;
}

export async function call<C extends CommandName>(
  command: C,
  ...args: Commands[C]["args"]
): Promise<Commands[C]["answer"]> {
  try {
    return await invoke<Commands[C]["answer"]>(command, args[0]);
  } catch (e) {
    if (isProblem(e) && e.kind === "locked") onLocked();
    throw e;
  }
}

/** Checklists by content hash ("" for the current one); their words never change while the app runs. */
const checklists = new Map<string, Promise<Checklist>>();

export const api = {
  appStatus: () => call("app_status"),
  createDatabase: (passphrase: string) => call("create_database", { passphrase }),
  unlock: (passphrase: string) => call("unlock", { passphrase }),
  lock: () => call("lock"),
  stillHere: () => call("still_here"),
  idleLockMinutes: () => call("idle_lock_minutes"),
  setIdleLockMinutes: (minutes: number) => call("set_idle_lock_minutes", { minutes }),
  changePassphrase: (old: string, newPassphrase: string) => call("change_passphrase", { old, new: newPassphrase }),
  backup: () => call("backup"),
  restore: (passphrase: string) => call("restore", { passphrase }),
  undoRestore: (passphrase: string) => call("undo_restore", { passphrase }),

  listChildren: () => call("list_children"),
  getChild: (id: number) => call("get_child", { id }),
  listHouseholds: () => call("list_households"),
  householdOverview: (id: number) => call("household_overview", { id }),
  addChild: (form: ChildForm) => call("add_child", { form }),
  updateChild: (id: number, form: ChildForm) => call("update_child", { id, form }),
  eraseChild: (id: number) => call("erase_child", { id }),

  /**
   * The checklist with this content hash (the words a checklist was graded on), or the current
   * one, which new checklists use. Each is fetched once.
   */
  checklist: (hash?: string) => {
    const key = hash ?? "";
    let found = checklists.get(key);
    if (!found) {
      found = call("get_checklist", { hash: hash ?? null }).catch((e) => {
        checklists.delete(key);
        throw e;
      });
      checklists.set(key, found);
    }
    return found;
  },
  listAssessments: (childId: number) => call("list_assessments", { childId }),
  startAssessment: (childId: number, form: StartAssessmentForm) =>
    call("start_assessment", { childId, form }),
  assessmentView: (id: number) => call("assessment_view", { id }),
  saveItem: (assessmentId: number, item: ItemRecord) => call("save_item", { assessmentId, item }),
  confirmArea: (assessmentId: number, areaId: string, confirmed: number, reason: string) =>
    call("confirm_area", { assessmentId, areaId, confirmed, reason }),
  saveNarrative: (assessmentId: number, section: string, areaId: string | null, text: string) =>
    call("save_narrative", { assessmentId, section, areaId, text }),
  addAction: (assessmentId: number, form: ActionForm) => call("add_action", { assessmentId, form }),
  deleteAction: (actionId: number) => call("delete_action", { actionId }),
  recordActionResult: (actionId: number, result: string) => call("record_action_result", { actionId, result }),
  finaliseCheck: (id: number) => call("finalise_check", { id }),
  finalise: (id: number) => call("finalise", { id }),
  amend: (id: number, reason: string) => call("amend", { id, reason }),
  discardDraft: (id: number) => call("discard_draft", { id }),

  needsAttention: () => call("needs_attention"),
  childHistory: (childId: number) => call("child_history", { childId }),
  familyCheck: (childId: number) => call("family_check", { childId }),
  confirmFamilySection: (childId: number, section: string) => call("confirm_family_section", { childId, section }),
  practitionerDetails: () => call("practitioner_details"),
  setPractitionerDetails: (form: PractitionerDetails) => call("set_practitioner_details", { form }),
  /** Asks where to save, writes the PDF and opens it; `null`: no file was chosen. */
  printReport: (childId: number, kind: ReportKind) => call("print_report", { childId, kind }),
  showLastSavedInFolder: () => call("show_last_saved_in_folder"),
  exportChild: (childId: number, filePassphrase: string) =>
    call("export_child", { childId, filePassphrase: filePassphrase || null }),
  /** Asks for a file and works out what importing it would do (writes nothing); `null`: no file chosen. */
  chooseImport: (filePassphrase: string) => call("choose_import", { filePassphrase: filePassphrase || null }),
  importFile: (choice: ImportChoice, filePassphrase: string) =>
    call("import_file", { token: choice.token, fileHash: choice.file_hash, filePassphrase: filePassphrase || null }),
  exportDataset: (from: string, to: string) => call("export_dataset", { from, to }),

  // What a practitioner expects of a desktop tool (issue 22).
  draftsInProgress: () => call("drafts_in_progress"),
  /** The core-group summary's key parts as plain text, for the case record. */
  coreGroupText: (childId: number) => call("core_group_text", { childId }),
  about: () => call("about"),
  /** The languages the web view checks spelling in now; empty: spelling is not checked. */
  spellingLanguages: () => call("spelling_languages"),
  /** Every audit row about a child, newest first, in words. */
  childAuditTrail: (childId: number) => call("child_audit_trail", { childId }),
  /** Writes everything about a child (PDF and JSON) where the person chooses; the paths, or null. */
  exportSubjectAccess: (childId: number) => call("export_subject_access", { childId }),
  /** The languages the family summary prints in, with how many phrases a speaker has checked. */
  familyLanguages: () => call("family_languages"),
  /** Writes the family summary with its fixed phrases in `language`; the path, or null. */
  printFamilySummary: (childId: number, language: FamilyLanguage) => call("print_family_summary", { childId, language }),

  // Plans, management oversight, case references and the core group (issue 18).
  plans: (childId: number) => call("plans", { childId }),
  startPlan: (childId: number, form: PlanForm) => call("start_plan", { childId, form }),
  endPlan: (childId: number, form: EndPlanForm) => call("end_plan", { childId, form }),
  managerReviews: (childId: number) => call("manager_reviews", { childId }),
  recordManagerReview: (assessmentId: number, form: ManagerReviewForm) =>
    call("record_manager_review", { assessmentId, form }),
  caseReferences: (childId: number) => call("case_references", { childId }),
  setCaseReferences: (childId: number, form: CaseReferences) => call("set_case_references", { childId, form }),
  meetings: (childId: number) => call("meetings", { childId }),
  recordMeeting: (childId: number, form: MeetingForm) => call("record_meeting", { childId, form }),
  engagement: (childId: number) => call("engagement", { childId }),
  rateEngagement: (childId: number, form: EngagementForm) => call("rate_engagement", { childId, form }),

  // The chronology and the household's adults (issue 17).
  /** A child's chronology, oldest first: current versions, or every version with `withCorrected`. */
  chronology: (childId: number, withCorrected: boolean) => call("chronology", { childId, withCorrected }),
  /** One event for each child of the form (one household), all or none. */
  addEvent: (form: EventForm) => call("add_event", { form }),
  correctEvent: (eventId: number, form: EventForm, reason: string) => call("correct_event", { eventId, form, reason }),
  /** Missed appointments ("was not brought") in the last 6 months. */
  wasNotBrought: (childId: number) => call("was_not_brought", { childId }),
  householdAdults: (householdId: number) => call("household_adults", { householdId }),
  childAdults: (childId: number) => call("child_adults", { childId }),
  addAdult: (form: AdultForm) => call("add_adult", { form }),
  updateAdult: (id: number, form: AdultForm) => call("update_adult", { id, form }),

  // H18b, issue 18: "awaiting manager review" for one child, in the home list's words (null: none).
  awaitingManagerReview: (childId: number) => call("awaiting_manager_review", { childId }),
  /** The child's core group meetings, oldest first, each with the agencies expected and missing. */
  meetingViews: (childId: number) => call("meeting_views", { childId }),
  // H18a, issue 18: the child's step-down, escalation and engagement prompts.
  planPrompts: (childId: number) => call("plan_prompts", { childId }),
  // H23, issue 23: the home screen's long lists a page at a time, searched in the core.
  /** `limit` children needing attention from `offset` among those matching `query`, with the counts. */
  needsAttentionPage: (query: string, offset: number, limit: number) =>
    call("needs_attention_page", { query, offset, limit }),
  childrenPage: (query: string, offset: number, limit: number) => call("children_page", { query, offset, limit }),
  householdsPage: (query: string, offset: number, limit: number) => call("households_page", { query, offset, limit }),
  // H22, issue 22: the organisation's logo in Settings and on the PDFs.
  /** The logo printed at the head of both summaries, or null. */
  logo: () => call("logo"),
  /** Asks for a PNG or JPEG and keeps it once checked; null when no file was chosen. */
  chooseLogo: () => call("choose_logo"),
  removeLogo: () => call("remove_logo"),
};
