// Words for the codes the backend sends. The grade scale and section titles are the core's
// (src/scoring.rs grade_meaning, src/assessment.rs NARRATIVE_SECTIONS), repeated here for display.
import type { Band } from "./bindings/Band";
import type { EvidenceSource } from "./bindings/EvidenceSource";
import type { Grade } from "./bindings/Grade";
import type { Narrative } from "./bindings/Narrative";
import type { PlanCategory } from "./bindings/PlanCategory";

export const BAND_LABELS: Record<Band, string> = {
  needs_met: "needs met",
  mostly_met: "mostly met",
  concern: "concern",
  serious_concern: "serious concern",
};

/** The band of a score, by the core's rule (below 2, 2 to below 3, 3 to below 4, 4 and above). */
export function bandOf(score: number): Band {
  if (score < 2) return "needs_met";
  if (score < 3) return "mostly_met";
  if (score < 4) return "concern";
  return "serious_concern";
}

export const GRADE_MEANINGS = [
  "All the child's needs are met; the child is consistently put first.",
  "Needs are met well enough; minor lapses are put right.",
  "Needs are met inconsistently; the child's and the carer's needs compete.",
  "Many needs are unmet most of the time; the child comes second.",
  "Essential needs are unmet or care is hostile; the child is not considered.",
];

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

export type SectionKey = Exclude<keyof Narrative, "impact">;

export const NARRATIVE_SECTIONS: [SectionKey, string, string][] = [
  ["childs_voice", "The child's voice", "What the child says, shows or would say about their life, in their words where you can."],
  ["day_in_my_life", "A day in my life", "A typical day from the child's point of view, from waking to sleeping."],
  ["strengths", "Strengths and what helps", "What is going well, and who or what protects the child."],
  ["parents_view", "The parent or carer's view", "What the parent or carer thinks of the worries and of the grades."],
  ["worries", "What we are worried about", "The harm or likely harm to the child if nothing changes."],
  ["needs_to_change", "What needs to change", "Specific, in plain words the family can understand."],
  ["better_looks_like", "What better will look like", "What we would see and hear if the child's care were good enough."],
];

export const PLAN_LABELS: Record<PlanCategory, string> = {
  neglect: "Neglect",
  emotional_abuse: "Emotional abuse",
  physical_abuse: "Physical abuse",
  sexual_abuse: "Sexual abuse",
  multiple_categories: "Multiple categories",
};
