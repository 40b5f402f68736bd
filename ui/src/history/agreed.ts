// The core group's agreed grade for a checklist's round, as the core put it on the history
// (`core_group::with_agreed_grades`): the screens look it up here, never work it out.
import type { AgreedView } from "../bindings/AgreedView";
import type { History } from "../bindings/History";

/** The grade agreed for `areaId` in the round that holds checklist `assessmentId`, if any. */
export function agreedFor(h: History, assessmentId: number, areaId: string): AgreedView | null {
  const round = h.rounds.findIndex((r) => r.assessment_ids.includes(assessmentId));
  if (round < 0) return null;
  return h.areas.find((a) => a.id === areaId)?.points[round]?.agreed ?? null;
}
