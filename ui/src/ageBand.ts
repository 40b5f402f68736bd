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

/** The items of `area` that apply to a child in `band`, in checklist order. */
export function itemsFor(area: Area, band: AgeBand): Item[] {
  return area.subareas.flatMap((s) => s.items.filter((i) => i.age_bands.includes(band)));
}
