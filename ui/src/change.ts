// Change, drift, review and grade differences in words. The rules are the core's (src/compare.rs):
// lower is better, so a score going DOWN is "improved" and is shown with a down arrow.
import type { Change } from "./bindings/Change";
import type { Checklist } from "./bindings/Checklist";
import type { Drift } from "./bindings/Drift";
import type { Grade } from "./bindings/Grade";
import type { Item } from "./bindings/Item";
import type { ReviewDue } from "./bindings/ReviewDue";
import type { ScoreChange } from "./bindings/ScoreChange";
import type { AreaGap } from "./bindings/AreaGap";
import type { ItemChange } from "./bindings/ItemChange";
import type { SustainedImprovement } from "./bindings/SustainedImprovement";
import type { UrgentItem } from "./bindings/UrgentItem";
import { formatDate } from "./dates";
import { BAND_LABELS, bandOf, CHANGE_TENTHS } from "./labels";

export const CHANGE_ARROWS: Record<Change, string> = {
  improved: "↓",
  worse: "↑",
  "no change": "→",
  "not comparable": "",
};

/**
 * The core's rule (compare.rs `Change::between`), for two checklists the history does not pair:
 * down by 0.5 or more is improved, up by 0.5 or more is worse, in tenths so 0.1 + 0.2 is exact.
 */
export function changeBetween(from: number | null, to: number | null): Change {
  if (from === null || to === null) return "not comparable";
  const d = Math.round(to * 10) - Math.round(from * 10);
  return d <= -CHANGE_TENTHS ? "improved" : d >= CHANGE_TENTHS ? "worse" : "no change";
}

/** "↓ improved", "↑ worse", "→ no change", "not comparable": an arrow AND the word. */
export function changeLabel(change: Change): string {
  const arrow = CHANGE_ARROWS[change];
  return arrow ? `${arrow} ${change}` : change;
}

/** A score to one decimal, or the reason there is none. */
export function scoreWords(score: number | null | undefined): string {
  return score === null || score === undefined ? "not enough evidence" : score.toFixed(1);
}

/** "2.4, mostly met" or "not enough evidence". */
export function scoreWithBand(score: number | null | undefined): string {
  return score === null || score === undefined ? "not enough evidence" : `${score.toFixed(1)}, ${BAND_LABELS[bandOf(score)]}`;
}

/** The numbers behind a change: "3.8 → 2.4 (−1.4)", "not enough evidence → 2.4". */
export function changeDetail(c: ScoreChange): string {
  const diff =
    c.difference === null ? "" : ` (${c.difference > 0 ? "+" : c.difference < 0 ? "−" : "±"}${Math.abs(c.difference).toFixed(1)})`;
  const shared = c.shared_items_only ? ", on the items both checklist versions share" : "";
  return `${scoreWords(c.from)} → ${scoreWords(c.to)}${diff}${shared}`;
}

/** A drift flag as a sentence naming the area and the window. */
export function driftText(d: Drift): string {
  const window = d.window === "two_reviews" ? "across the last two reviews" : "over 6 months or more";
  const c = d.change;
  const outcome = c.change === "not comparable" ? "they cannot be compared" : c.change;
  return `${d.area_name} is at concern and has not improved ${window}: ${scoreWords(c.from)} on ${formatDate(
    c.from_date,
  )}, ${scoreWords(c.to)} on ${formatDate(c.to_date)} (${outcome}).`;
}

export function sustainedText(s: SustainedImprovement): string {
  return `${s.area_name}: improved since ${formatDate(s.since)} and held for 6 months or more (${changeDetail(s.change)}).`;
}

/** An improvement held in an area still at concern: never "sustained". */
export function improvingText(s: SustainedImprovement): string {
  return `${s.area_name}: improving since ${formatDate(s.since)} (${changeDetail(s.change)}), but still a concern.`;
}

/** "Safety: A young child left alone, graded 4 (at its serious grade) by School on 3 Mar 2026." */
export function urgentText(u: UrgentItem): string {
  const serious = u.serious ? " (at its serious grade)" : "";
  return `${u.area_name}: ${u.item_title}, graded ${u.grade}${serious} by ${u.assessor.agency} on ${formatDate(u.assessed_on)}.`;
}

/** "Safe sleep (Physical care): 2 on 3 Mar 2026 → 4 on 1 Jun 2026, now at its serious grade." */
export function itemChangeText(c: ItemChange): string {
  const from = c.from === null ? "not graded" : String(c.from);
  const serious = c.serious ? ", now at its serious grade" : "";
  return `${c.item_title} (${c.area_name}): ${from} on ${formatDate(c.from_date)} → ${c.to} on ${formatDate(c.to_date)}${serious}.`;
}

/** "Safety: School 2.1, Children's Social Care 3.4 (1.3 apart)." */
export function areaGapText(g: AreaGap): string {
  const views = g.views.map((v) => `${v.assessor.agency} ${v.score.toFixed(1)}`).join(", ");
  return `${g.area_name}: ${views} (${g.spread.toFixed(1)} apart).`;
}

/** "Review overdue: it was due on 3 Mar 2026, 12 days ago." or "Next review due on …". */
export function reviewText(r: ReviewDue): string {
  if (!r.due_on) return "No review date yet: there is no finalised checklist and no plan start date.";
  // `because` names the rule that set the date: the checklist's interval, or the current plan's review.
  if (r.overdue) {
    const days = r.days_overdue === 1 ? "1 day" : `${r.days_overdue} days`;
    return `Review overdue: it was due on ${formatDate(r.due_on)}, ${days} ago. Why then: ${r.because}.`;
  }
  return `Next review due on ${formatDate(r.due_on)}. Why then: ${r.because}.`;
}

/** A grade as a short word for the comparison: "4", "not known", "not applicable", "not answered". */
export function gradeShort(g: Grade | null | undefined): string {
  if (g === "not_known") return "not known";
  if (g === "not_applicable") return "not applicable";
  if (!g) return "not answered";
  return g;
}

export type GradeDifference = { differs: boolean; text: string };

/**
 * How an item's grade moved from one checklist to another, in words:
 * "changed 4 → 2, better", "changed 2 → 3, worse", "changed not known → 3", "same".
 */
export function gradeDifference(from: Grade | null | undefined, to: Grade | null | undefined): GradeDifference {
  const a = gradeShort(from);
  const b = gradeShort(to);
  if (a === b) return { differs: false, text: "same" };
  const na = Number(from);
  const nb = Number(to);
  if (Number.isInteger(na) && Number.isInteger(nb) && from && to) {
    return { differs: true, text: `changed ${a} → ${b}, ${nb < na ? "better" : "worse"}` };
  }
  return { differs: true, text: `changed ${a} → ${b}` };
}

/**
 * The core's item-level change rule (compare.rs `item_changes`): an item worse by 2 or more
 * grades, or newly at the grade its checklist marks it serious from (5 when unmarked), is named
 * whatever its area's change reads. `null` when neither.
 */
export function itemAlarm(
  markedSeriousFrom: number | null | undefined,
  from: Grade | null | undefined,
  to: Grade | null | undefined,
): string | null {
  const score = (g: Grade | null | undefined) => (g && /^[1-5]$/.test(g) ? Number(g) : null);
  const [a, b] = [score(from), score(to)];
  if (b === null) return null;
  const seriousFrom = markedSeriousFrom ?? 5;
  if (b >= seriousFrom && !(a !== null && a >= seriousFrom)) return "now at its serious grade";
  if (a !== null && b - a >= 2) return "worse by 2 grades or more";
  return null;
}

/** An item's place in a checklist, by id. */
function findItem(c: Checklist, id: string): Item | undefined {
  for (const area of c.areas) for (const sub of area.subareas) for (const item of sub.items) if (item.id === id) return item;
  return undefined;
}

/**
 * When two checklists were graded on different versions of the checklist, what a reader must know
 * about one item (matched by id): that only one version asks it, or that its words differ.
 * `null` when both versions have the same item, or both checklists are on the same version.
 */
export function itemVersionNote(first: Checklist, second: Checklist, id: string): string | null {
  if (first.hash === second.hash) return null;
  const [a, b] = [findItem(first, id), findItem(second, id)];
  if (!a && b) return `only in version ${second.version}`;
  if (a && !b) return `only in version ${first.version}`;
  if (a && b && JSON.stringify(a) !== JSON.stringify(b)) return `worded differently in versions ${first.version} and ${second.version}`;
  return null;
}
