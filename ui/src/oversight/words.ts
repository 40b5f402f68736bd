// Words for managers' reviews and core group meetings, kept apart from the screens so they can
// be tested without a window.
import type { AgreedView } from "../bindings/AgreedView";
import type { ManagerReview } from "../bindings/ManagerReview";
import { DECISION_LABELS } from "../labels";

/** "Morgan Teamlead, Team manager: agreed with changes." */
export function reviewText(r: ManagerReview): string {
  const role = r.manager_role ? `, ${r.manager_role}` : "";
  return `${r.manager_name}${role}: ${DECISION_LABELS[r.decision].toLowerCase()}.`;
}

/** The names typed one a line (or separated by commas), blanks left out. */
export function namesFrom(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
}

/** The core's sentence for an agreed grade (`AgreedView.sentence`), as a sentence of its own. */
export function agreedText(v: AgreedView): string {
  return `${v.sentence.charAt(0).toUpperCase()}${v.sentence.slice(1)}.`;
}
