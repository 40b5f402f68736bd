// Typed calls to the Rust backend. The types come from ts-rs (src/bindings), never written here.
import { invoke } from "@tauri-apps/api/core";
import type { Action } from "./bindings/Action";
import type { ActionForm } from "./bindings/ActionForm";
import type { AppStatus } from "./bindings/AppStatus";
import type { Assessment } from "./bindings/Assessment";
import type { Attention } from "./bindings/Attention";
import type { AssessmentView } from "./bindings/AssessmentView";
import type { BackupReport } from "./bindings/BackupReport";
import type { Checklist } from "./bindings/Checklist";
import type { Child } from "./bindings/Child";
import type { ChildForm } from "./bindings/ChildForm";
import type { ChildHistory } from "./bindings/ChildHistory";
import type { FinaliseCheck } from "./bindings/FinaliseCheck";
import type { Household } from "./bindings/Household";
import type { HouseholdOverview } from "./bindings/HouseholdOverview";
import type { ImportChoice } from "./bindings/ImportChoice";
import type { ImportReport } from "./bindings/ImportReport";
import type { ItemRecord } from "./bindings/ItemRecord";
import type { ReportKind } from "./bindings/ReportKind";
import type { Saved } from "./bindings/Saved";
import type { StartAssessmentForm } from "./bindings/StartAssessmentForm";
import { isProblem } from "./problem";

let onLocked: () => void = () => {};

/** Called when any command answers "locked" (the store was closed): back to the unlock screen. */
export function whenLocked(handler: () => void) {
  onLocked = handler;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isProblem(e) && e.kind === "locked") onLocked();
    throw e;
  }
}

let checklist: Promise<Checklist> | null = null;

export const api = {
  appStatus: () => call<AppStatus>("app_status"),
  createDatabase: (passphrase: string) => call<void>("create_database", { passphrase }),
  unlock: (passphrase: string) => call<void>("unlock", { passphrase }),
  lock: () => call<void>("lock"),
  stillHere: () => call<void>("still_here"),
  idleLockMinutes: () => call<number>("idle_lock_minutes"),
  setIdleLockMinutes: (minutes: number) => call<void>("set_idle_lock_minutes", { minutes }),
  changePassphrase: (old: string, newPassphrase: string) => call<void>("change_passphrase", { old, new: newPassphrase }),
  backup: () => call<BackupReport | null>("backup"),
  restore: (passphrase: string) => call<BackupReport | null>("restore", { passphrase }),

  listChildren: () => call<Child[]>("list_children"),
  getChild: (id: number) => call<Child>("get_child", { id }),
  listHouseholds: () => call<Household[]>("list_households"),
  householdOverview: (id: number) => call<HouseholdOverview>("household_overview", { id }),
  addChild: (form: ChildForm) => call<Child>("add_child", { form }),
  updateChild: (id: number, form: ChildForm) => call<Child>("update_child", { id, form }),
  eraseChild: (id: number) => call<void>("erase_child", { id }),

  /** The checklist's content does not change while the app runs: fetched once. */
  checklist: () => {
    checklist ??= call<Checklist>("get_checklist").catch((e) => {
      checklist = null;
      throw e;
    });
    return checklist;
  },
  listAssessments: (childId: number) => call<Assessment[]>("list_assessments", { childId }),
  startAssessment: (childId: number, form: StartAssessmentForm) =>
    call<Assessment>("start_assessment", { childId, form }),
  assessmentView: (id: number) => call<AssessmentView>("assessment_view", { id }),
  saveItem: (assessmentId: number, item: ItemRecord) => call<Saved>("save_item", { assessmentId, item }),
  confirmArea: (assessmentId: number, areaId: string, confirmed: number, reason: string) =>
    call<Saved>("confirm_area", { assessmentId, areaId, confirmed, reason }),
  saveNarrative: (assessmentId: number, section: string, areaId: string | null, text: string) =>
    call<Saved>("save_narrative", { assessmentId, section, areaId, text }),
  addAction: (assessmentId: number, form: ActionForm) => call<Action>("add_action", { assessmentId, form }),
  deleteAction: (actionId: number) => call<void>("delete_action", { actionId }),
  recordActionResult: (actionId: number, result: string) => call<void>("record_action_result", { actionId, result }),
  finaliseCheck: (id: number) => call<FinaliseCheck>("finalise_check", { id }),
  finalise: (id: number) => call<Assessment>("finalise", { id }),
  amend: (id: number, reason: string) => call<Assessment>("amend", { id, reason }),
  discardDraft: (id: number) => call<void>("discard_draft", { id }),

  needsAttention: () => call<Attention[]>("needs_attention"),
  childHistory: (childId: number) => call<ChildHistory>("child_history", { childId }),
  /** Asks where to save, writes the PDF and opens it; `null`: no file was chosen. */
  printReport: (childId: number, kind: ReportKind) => call<string | null>("print_report", { childId, kind }),
  showLastSavedInFolder: () => call<void>("show_last_saved_in_folder", {}),
  exportChild: (childId: number, filePassphrase: string) =>
    call<string | null>("export_child", { childId, filePassphrase: filePassphrase || null }),
  /** Asks for a file and works out what importing it would do (writes nothing); `null`: no file chosen. */
  chooseImport: (filePassphrase: string) => call<ImportChoice | null>("choose_import", { filePassphrase: filePassphrase || null }),
  importFile: (choice: ImportChoice, filePassphrase: string) =>
    call<ImportReport>("import_file", { path: choice.path, fileHash: choice.file_hash, filePassphrase: filePassphrase || null }),
  exportDataset: (from: string, to: string) => call<string | null>("export_dataset", { from, to }),
};
