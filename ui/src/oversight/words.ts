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

/**
 * "Grade 2, agreed at the core group on 12 November 2026", and, when it is better than the
 * practitioners' grade (or there is none), that grade beside it: never hidden.
 */
export function agreedText(v: AgreedView): string {
  const parts = [`Grade ${v.grade}, ${v.words}`];
  if (v.better_than_assessed) {
    const theirs =
      v.assessed_confirmed !== null
        ? `confirmed grade ${v.assessed_confirmed}`
        : v.assessed_score !== null
          ? `computed score ${v.assessed_score.toFixed(1)}`
          : "checklist had not enough evidence to score";
    parts.push(`lower than the practitioners' ${theirs}`);
  }
  for (const d of v.dissent) parts.push(`${d.agency} disagrees: ${d.reason.replace(/\.$/, "")}`);
  return `${parts.join("; ")}.`;
}
