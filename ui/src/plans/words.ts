// The plan forms' words: the kinds of plan, how a plan ends and the engagement scale, all the
// core's (src/wording.rs), read from the file a core test writes.
import type { PlanOutcome } from "../bindings/PlanOutcome";
import type { PlanType } from "../bindings/PlanType";
import type { Wording } from "../bindings/Wording";
import wordingFile from "../bindings/wording.json";

const wording = wordingFile as Wording;

export const PLAN_TYPES = wording.plan_types;
export const PLAN_TYPE_LABELS = Object.fromEntries(PLAN_TYPES.map((t) => [t.plan_type, t.label])) as Record<PlanType, string>;

export const PLAN_OUTCOMES = wording.plan_outcomes;
export const OUTCOME_LABELS = Object.fromEntries(PLAN_OUTCOMES.map((o) => [o.outcome, o.label])) as Record<PlanOutcome, string>;

/** Engagement 1 to 5 in words, 1 the best (our own scale). */
export const ENGAGEMENT_SCALE: readonly string[] = wording.engagement_scale;

/** "second child protection plan …" as the start of a sentence. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A refused form's problem: the sentence, and the field it is about (null: the whole form). */
export type FormProblem = { message: string; field: string | null };

/** The error for one field, or null. */
export function errorFor(problem: FormProblem | null, field: string): string | null {
  return problem?.field === field ? problem.message : null;
}

/** The error for the whole form: one not about any field the form shows. */
export function formError(problem: FormProblem | null, fields: string[]): string | null {
  return problem && !fields.includes(problem.field ?? "") ? problem.message : null;
}
