// Words for the codes the backend sends. The grade meanings, bands, written sections and plan
// categories are the core's (src/wording.rs), read from the file a core test writes.
import type { AdultService } from "./bindings/AdultService";
import type { Band } from "./bindings/Band";
import type { EventKind } from "./bindings/EventKind";
import type { Relationship } from "./bindings/Relationship";
import type { EvidenceSource } from "./bindings/EvidenceSource";
import type { Grade } from "./bindings/Grade";
import type { ManagerDecision } from "./bindings/ManagerDecision";
import type { Narrative } from "./bindings/Narrative";
import type { PlanCategory } from "./bindings/PlanCategory";
import type { RuleWording } from "./bindings/RuleWording";
import type { SectionWording } from "./bindings/SectionWording";
import type { Wording } from "./bindings/Wording";
import wordingFile from "./bindings/wording.json";

const wording = wordingFile as Wording;

export const BAND_LABELS = Object.fromEntries(wording.bands.map((b) => [b.band, b.label])) as Record<Band, string>;

// Highest band first, so the first band a score reaches is its band.
const BANDS_FROM_TOP = [...wording.bands].reverse();

/** The band of a score, by the core's band boundaries. */
export function bandOf(score: number): Band {
  const tenths = Math.round(score * 10);
  const from = BANDS_FROM_TOP.find((b) => tenths >= b.from_tenths);
  return (from ?? wording.bands[0]).band;
}

/** A score down (or up) by this many tenths or more is improved (or worse). */
export const CHANGE_TENTHS: number = wording.change_tenths;

/** How scores, change, drift and sustained improvement are worked out (the help screen). */
export const RULES: readonly RuleWording[] = wording.rules;

/** The score bands, lowest first, with the score each starts at in tenths. */
export const BANDS = wording.bands;

/** What grades 1 to 5 mean, in order. */
export const GRADE_MEANINGS: readonly string[] = wording.grade_meanings;

export function gradeLabel(g: Grade | null | undefined): string {
  if (g === "not_known") return "Not known";
  if (g === "not_applicable") return "Not applicable";
  if (!g) return "Not answered";
  return `Grade ${g}`;
}

export const SOURCE_LABELS: Record<EvidenceSource, string> = {
  observed: "Observed",
  reported: "Reported",
  from_records: "From records",
};

export type SectionKey = Exclude<keyof Narrative, "impact" | "voice_gap">;

/** A written section; `family_title` is set when the family summary prints it. */
export type NarrativeSection = SectionWording & { key: SectionKey };

export const NARRATIVE_SECTIONS = wording.narrative_sections as NarrativeSection[];

/** Why the child's voice and day may be blank, in the order offered. */
export const VOICE_GAPS = wording.voice_gaps;

/** A manager's decisions on a finalised checklist, in the core's words and order. */
export const DECISION_LABELS = Object.fromEntries(
  wording.manager_decisions.map((d) => [d.decision, d.label]),
) as Record<ManagerDecision, string>;

export const PLAN_LABELS = Object.fromEntries(
  wording.plan_categories.map((p) => [p.category, p.label]),
) as Record<PlanCategory, string>;

/** The kinds of event the "Add an event" form offers, in the core's order with its words. */
export const EVENT_KINDS = wording.event_kinds as { value: EventKind; label: string }[];

/** How an adult can be related to a child of the household. */
export const RELATIONSHIPS = wording.relationships as { value: Relationship; label: string }[];

/** The services that can be involved with an adult; none ticked reads "none known". */
export const ADULT_SERVICES = wording.adult_services as { value: AdultService; label: string }[];
