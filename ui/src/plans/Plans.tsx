// A child's plans over time (issue 18): the list with time on plan and the repeat wording, the
// forms that start and end a plan, the next review (which follows the current plan) and the
// step-down and escalation prompts. Case references and engagement sit below them.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { PlanCategory } from "../bindings/PlanCategory";
import type { PlanOutcome } from "../bindings/PlanOutcome";
import type { PlanPrompts } from "../bindings/PlanPrompts";
import type { PlanType } from "../bindings/PlanType";
import type { PlanView } from "../bindings/PlanView";
import { reviewText } from "../change";
import { ErrorMessage, DateField, Field, Tag, useLoad } from "../components";
import { formatDate, todayIso } from "../dates";
import { PLAN_LABELS } from "../labels";
import { problemOf } from "../problem";
import { CaseReferencesForm } from "./CaseReferences";
import { EngagementSection } from "./Engagement";
import { OUTCOME_LABELS, PLAN_OUTCOMES, PLAN_TYPE_LABELS, PLAN_TYPES, errorFor, formError, sentenceCase, type FormProblem } from "./words";

/** Everything of issue 18 the child's page shows from this helper: plans, case references, engagement. */
export function ChildPlans({ childId, householdId, onPlansChange }: { childId: number; householdId: number | null; onPlansChange?: () => void }) {
  const plans = useLoad(() => api.plans(childId), [childId]);
  const prompts = useLoad(() => api.planPrompts(childId), [childId]);
  const history = useLoad(() => api.childHistory(childId), [childId]);
  const [status, setStatus] = useState("");
  const changed = (list: PlanView[], done: string) => {
    setStatus(done);
    plans.setData(list);
    prompts.reload();
    history.reload();
    onPlansChange?.();
  };
  const current = plans.data?.find((p) => p.current) ?? null;
  const review = history.data?.history.review;

  return (
    <>
      <section aria-labelledby="plans-title" class="plans">
        <h2 id="plans-title">Plans</h2>
        <ErrorMessage message={plans.error ?? prompts.error ?? history.error} />
        <PlanPromptList prompts={prompts.data} />
        {review && (
          <p id="plan-next-review">
            {review.overdue ? <Tag tone="warn">Review overdue</Tag> : <Tag>Next review</Tag>} {reviewText(review)}
          </p>
        )}
        {plans.data && <PlanList plans={plans.data} />}
        <p role="status" class="done" id="plan-status">
          {status}
        </p>
        {plans.data &&
          (current ? (
            <EndPlan childId={childId} plan={current} onEnded={(list) => changed(list, "The plan has been ended with its outcome.")} />
          ) : (
            <StartPlan childId={childId} onStarted={(list) => changed(list, "The plan has been started.")} />
          ))}
      </section>
      <CaseReferencesForm childId={childId} />
      <EngagementSection childId={childId} householdId={householdId} prompt={prompts.data?.engagement ?? null} onRated={() => prompts.reload()} />
    </>
  );
}

/** "Consider step-down" and "consider escalation", when the core raises them. */
function PlanPromptList({ prompts }: { prompts: PlanPrompts | null }) {
  const shown = [prompts?.escalation, prompts?.step_down].filter((p): p is string => Boolean(p));
  if (shown.length === 0) return null;
  return (
    <ul class="plan-prompts" id="plan-prompts">
      {shown.map((p) => (
        <li key={p}>
          <Tag tone="warn">Prompt</Tag> {p}
        </li>
      ))}
    </ul>
  );
}

function planTitle(p: PlanView): string {
  const category = p.plan.category ? `: ${PLAN_LABELS[p.plan.category]}` : "";
  return `${PLAN_TYPE_LABELS[p.plan.plan_type]}${category}`;
}

/** Newest first, each with its repeat wording, dates, outcome and time on plan. */
function PlanList({ plans }: { plans: PlanView[] }) {
  if (plans.length === 0) return <p class="empty">No plan has been recorded for this child.</p>;
  return (
    <ul class="records" id="plan-list">
      {[...plans].reverse().map((p) => (
        <li key={p.plan.id} data-plan-id={p.plan.id}>
          <p class="record-title">
            <strong>{planTitle(p)}</strong> {p.current ? <Tag>Current</Tag> : <Tag tone="done">Ended</Tag>}
          </p>
          <p class="plan-repeat">{sentenceCase(p.repeat_words)}.</p>
          <p>
            Started {formatDate(p.plan.started_on)}
            {p.plan.ended_on ? `, ended ${formatDate(p.plan.ended_on)}` : ", still open"}
            {p.time_on_plan ? ` (${p.time_on_plan.words} on the plan${p.current ? " so far" : ""})` : ""}.
          </p>
          {p.plan.outcome && <p class="plan-outcome">Outcome: {OUTCOME_LABELS[p.plan.outcome]}.</p>}
        </li>
      ))}
    </ul>
  );
}

const START_FIELDS = ["plan_type", "category", "started_on"];

function StartPlan({ childId, onStarted }: { childId: number; onStarted: (plans: PlanView[]) => void }) {
  const [planType, setPlanType] = useState<PlanType | "">("");
  const [category, setCategory] = useState<PlanCategory | "">("");
  const [startedOn, setStartedOn] = useState("");
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const protection = planType === "child_protection";

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const plans = await api.startPlan(childId, {
        plan_type: planType || null,
        category: protection && category ? category : null,
        started_on: startedOn,
      });
      onStarted(plans);
    } catch (err) {
      // Everything typed stays; the sentence says what to change.
      const p = problemOf(err);
      setProblem({ message: p.message, field: p.field });
      document.getElementById(p.field === "category" ? "plan-category" : p.field === "started_on" ? "plan-start" : "plan-type")?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" id="start-plan" onSubmit={submit} aria-labelledby="start-plan-title" noValidate>
      <h3 id="start-plan-title">Start a plan</h3>
      <ErrorMessage message={formError(problem, START_FIELDS)} id="start-plan-error" />
      <Field id="plan-type" label="Kind of plan" error={errorFor(problem, "plan_type")}>
        {(describedBy, invalid) => (
          <select id="plan-type" value={planType} onChange={(e) => setPlanType(e.currentTarget.value as PlanType | "")} aria-describedby={describedBy} aria-invalid={invalid}>
            <option value="">Choose the kind of plan</option>
            {PLAN_TYPES.map((t) => (
              <option key={t.plan_type} value={t.plan_type}>
                {t.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {protection && (
        <Field id="plan-category" label="Category of the child protection plan" error={errorFor(problem, "category")}>
          {(describedBy, invalid) => (
            <select id="plan-category" value={category} onChange={(e) => setCategory(e.currentTarget.value as PlanCategory | "")} aria-describedby={describedBy} aria-invalid={invalid}>
              <option value="">Choose the category</option>
              {Object.entries(PLAN_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <DateField id="plan-start" label="Start date" hint="The date of the conference or meeting that agreed the plan." error={errorFor(problem, "started_on")} value={startedOn} max={todayIso()} onValue={(v) => setStartedOn(v)} />
      <button type="submit" class="primary" disabled={busy} id="start-plan-button">
        {busy ? "Starting…" : "Start the plan"}
      </button>
    </form>
  );
}

const END_FIELDS = ["ended_on", "outcome"];

function EndPlan({ childId, plan, onEnded }: { childId: number; plan: PlanView; onEnded: (plans: PlanView[]) => void }) {
  const [endedOn, setEndedOn] = useState("");
  const [outcome, setOutcome] = useState<PlanOutcome | "">("");
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onEnded(await api.endPlan(childId, { ended_on: endedOn, outcome: outcome || null }));
    } catch (err) {
      const p = problemOf(err);
      setProblem({ message: p.message, field: p.field });
      document.getElementById(p.field === "outcome" ? "plan-outcome" : "plan-end")?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" id="end-plan" onSubmit={submit} aria-labelledby="end-plan-title" noValidate>
      <h3 id="end-plan-title">End this plan</h3>
      <p class="hint">
        {sentenceCase(plan.repeat_words)}, since {formatDate(plan.plan.started_on)}. A new plan can be started once this one has ended.
      </p>
      <ErrorMessage message={formError(problem, END_FIELDS)} id="end-plan-error" />
      <DateField id="plan-end" label="End date" error={errorFor(problem, "ended_on")} value={endedOn} max={todayIso()} onValue={(v) => setEndedOn(v)} />
      <Field id="plan-outcome" label="Outcome" hint="How the plan ended: stepped down, closed, or escalated." error={errorFor(problem, "outcome")}>
        {(describedBy, invalid) => (
          <select id="plan-outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as PlanOutcome | "")} aria-describedby={describedBy} aria-invalid={invalid}>
            <option value="">Choose the outcome</option>
            {PLAN_OUTCOMES.map((o) => (
              <option key={o.outcome} value={o.outcome}>
                {o.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={busy} id="end-plan-button">
        {busy ? "Ending…" : "End this plan"}
      </button>
    </form>
  );
}
