// The child's age band on the date of a checklist. Mirrors `AgeBand::on` in src/model.rs:
// before birth "pre-birth", then by completed years 0 / 1-4 / 5-11 / 12+ (18s keep the last band).
import type { AgeBand } from "./bindings/AgeBand";
import type { Area } from "./bindings/Area";
import type { Item } from "./bindings/Item";

/** Completed years from `birthIso` to `onIso` (both "YYYY-MM-DD"); null before birth. */
export function wholeYears(birthIso: string, onIso: string): number | null {
  if (onIso < birthIso) return null; // ISO dates compare as text
  const [by, bm, bd] = birthIso.split("-").map(Number);
  const [oy, om, od] = onIso.split("-").map(Number);
  let years = oy - by;
  if (om < bm || (om === bm && od < bd)) years -= 1;
  return years;
}

export function ageBandOn(birthIso: string, onIso: string): AgeBand {
  const years = wholeYears(birthIso, onIso);
  if (years === null) return "pre-birth";
  if (years === 0) return "0-1";
  if (years <= 4) return "1-4";
  if (years <= 11) return "5-11";
  return "12-17";
}

export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  "pre-birth": "before birth",
  "0-1": "under 1 year",
  "1-4": "1 to 4 years",
  "5-11": "5 to 11 years",
  "12-17": "12 to 17 years",
};

/** Who a checklist is for: whether the child has a recorded disability, and which items someone graded 1 to 5. */
export type ForChild = { hasDisability: boolean; graded: (itemId: string) => boolean };

const EVERY_CHILD: ForChild = { hasDisability: true, graded: () => false };

/**
 * Whether `item` applies to a child in `band`: its age bands include the band, and its condition
 * is met (the items about a disability's care need a recorded disability). An item someone graded
 * anyway still applies, so a grade given is never hidden (the core's rule, `grades_for_child`).
 */
export function appliesTo(item: Item, band: AgeBand, child: ForChild = EVERY_CHILD): boolean {
  if (!item.age_bands.includes(band)) return false;
  return item.applies_when !== "disability" || child.hasDisability || child.graded(item.id);
}

/** The items of `area` that apply to a child in `band`, in checklist order. */
export function itemsFor(area: Area, band: AgeBand, child: ForChild = EVERY_CHILD): Item[] {
  return area.subareas.flatMap((s) => s.items.filter((i) => appliesTo(i, band, child)));
}

/** How many items of `area` for this age wait on a recorded disability the child does not have. */
export function waitingOnDisability(area: Area, band: AgeBand, child: ForChild): number {
  return area.subareas.flatMap((s) => s.items).filter((i) => i.age_bands.includes(band) && !appliesTo(i, band, child)).length;
}
