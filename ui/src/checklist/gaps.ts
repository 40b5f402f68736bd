// Where on the checklist a gap reported by the core's finalise check is put right.
import type { Gap } from "../bindings/Gap";
import { domId } from "./ItemCard";

/** The CSS selector of the field that puts `gap` right ("evidence:<item>", "impact:<area>", ...). */
export function gapSelector(gap: Pick<Gap, "focus">): string {
  const [kind, ...rest] = gap.focus.split(":");
  const what = rest.join(":");
  switch (kind) {
    case "evidence":
      return `#${domId(what)}-evidence`;
    case "confirm":
      return `input[name='confirm-${what}-grade']`;
    case "impact":
      return `#impact-${what}`;
    case "section":
      return `#narrative-${what}`;
    case "voice_gap":
      return "#voice-gap";
    default:
      return "#tab-title";
  }
}

/** Focuses the field for `gap` (already on its tab) and brings it into view; false if absent. */
export function focusGap(gap: Pick<Gap, "focus">): boolean {
  const el = document.querySelector<HTMLElement>(gapSelector(gap));
  if (!el) return false;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: "center" });
  return true;
}
