// Each carer's engagement with the plan at each review (issue 18), on our own 1-5 scale. Listed
// carer by carer, never averaged and never part of an area's grade. When good engagement goes
// with no change for the child, the core's prompt shows here.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { EngagementRating } from "../bindings/EngagementRating";
import { DateField, ErrorMessage, Field, Tag, TextField, useLoad } from "../components";
import { formatDate, todayIso } from "../dates";
import { problemOf } from "../problem";
import { ENGAGEMENT_SCALE, errorFor, formError, type FormProblem } from "./words";

/** Chosen in the carer list when the carer is not one of the household's recorded adults. */
const SOMEONE_ELSE = "__someone_else";
const FIELDS = ["rated_on", "carer", "engagement"];

type Props = { childId: number; householdId: number | null; prompt: string | null; onRated: () => void };

export function EngagementSection({ childId, householdId, prompt, onRated }: Props) {
  const ratings = useLoad(() => api.engagement(childId), [childId]);
  // Issue 17's adults of the child are the carers offered; anyone else is typed.
  const adults = useLoad(() => (householdId === null ? Promise.resolve([]) : api.childAdults(childId)), [childId, householdId]);
  return (
    <section aria-labelledby="engagement-title">
      <h2 id="engagement-title">Engagement with the plan</h2>
      <p class="hint">
        Each parent or carer apart, at each review, from 1 ({ENGAGEMENT_SCALE[0].toLowerCase()}) to 5 ({ENGAGEMENT_SCALE[4].toLowerCase()}). It is never
        averaged and never part of an area's grade.
      </p>
      {prompt && (
        <p class="plan-prompt" id="engagement-prompt">
          <Tag tone="warn">Prompt</Tag> {prompt}
        </p>
      )}
      <ErrorMessage message={ratings.error ?? adults.error} />
      {ratings.data && <RatingList ratings={ratings.data} />}
      <RateEngagement
        childId={childId}
        carers={(adults.data ?? []).map((a) => a.name)}
        onRated={(r) => {
          ratings.setData([...(ratings.data ?? []), r]);
          onRated();
        }}
      />
    </section>
  );
}

/** Carer by carer, each carer's ratings oldest first. */
function RatingList({ ratings }: { ratings: EngagementRating[] }) {
  if (ratings.length === 0) return <p class="empty">No engagement has been rated yet.</p>;
  const carers = [...new Set(ratings.map((r) => r.carer))].sort((a, b) => a.localeCompare(b));
  return (
    <ul class="records" id="engagement-list">
      {carers.map((carer) => (
        <li key={carer} data-carer={carer}>
          <p class="record-title">
            <strong>{carer}</strong>
          </p>
          <ul>
            {ratings
              .filter((r) => r.carer === carer)
              .map((r) => (
                <li key={r.id}>
                  {formatDate(r.rated_on)}: {r.engagement}, {ENGAGEMENT_SCALE[r.engagement - 1]}.
                </li>
              ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function RateEngagement({ childId, carers, onRated }: { childId: number; carers: string[]; onRated: (r: EngagementRating) => void }) {
  const [ratedOn, setRatedOn] = useState(todayIso());
  const [chosen, setChosen] = useState("");
  const [typedName, setTypedName] = useState("");
  const [engagement, setEngagement] = useState<number | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const typing = carers.length === 0 || chosen === SOMEONE_ELSE;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setStatus("");
    try {
      const carer = typing ? typedName : chosen;
      const rating = await api.rateEngagement(childId, { rated_on: ratedOn, carer, engagement });
      setStatus(`Recorded: ${rating.carer}, ${rating.engagement}.`);
      setEngagement(null);
      onRated(rating);
    } catch (err) {
      const p = problemOf(err);
      setProblem({ message: p.message, field: p.field });
      const target = p.field === "rated_on" ? "engagement-date" : p.field === "carer" ? (typing ? "engagement-carer-name" : "engagement-carer") : "engagement-1";
      document.getElementById(target)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" id="rate-engagement" onSubmit={submit} noValidate aria-labelledby="rate-engagement-title">
      <h3 id="rate-engagement-title">Rate engagement at a review</h3>
      <ErrorMessage message={formError(problem, FIELDS)} id="rate-engagement-error" />
      <DateField id="engagement-date" label="Date of the review" error={errorFor(problem, "rated_on")} value={ratedOn} max={todayIso()} onValue={(v) => setRatedOn(v)} />
      {carers.length > 0 && (
        <Field id="engagement-carer" label="Parent or carer" error={typing ? null : errorFor(problem, "carer")}>
          {(describedBy, invalid) => (
            <select id="engagement-carer" value={chosen} onChange={(e) => setChosen(e.currentTarget.value)} aria-describedby={describedBy} aria-invalid={invalid}>
              <option value="">Choose the parent or carer</option>
              {carers.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
              <option value={SOMEONE_ELSE}>Someone not listed (type their name)</option>
            </select>
          )}
        </Field>
      )}
      {typing && (
        <TextField
          id="engagement-carer-name"
          label={carers.length > 0 ? "Their name" : "Parent or carer's name"}
          hint={carers.length > 0 ? undefined : "No adult is recorded in the child's household yet, so type the name."}
          error={errorFor(problem, "carer")}
          value={typedName}
          onValue={setTypedName}
          input={{ autocomplete: "off" }}
        />
      )}
      <fieldset class={problem?.field === "engagement" ? "field-invalid" : undefined} aria-describedby={problem?.field === "engagement" ? "engagement-scale-error" : undefined}>
        <legend>Engagement with the plan</legend>
        {problem?.field === "engagement" && (
          <p class="error" id="engagement-scale-error">
            {problem.message}
          </p>
        )}
        <div class="grade-choices">
          {ENGAGEMENT_SCALE.map((words, i) => (
            <label key={i} class={engagement === i + 1 ? "grade-choice chosen" : "grade-choice"}>
              <input type="radio" name="engagement" id={`engagement-${i + 1}`} value={i + 1} checked={engagement === i + 1} onChange={() => setEngagement(i + 1)} />
              <span class="descriptor-grade">{i + 1}</span> <span>{words}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={busy} id="rate-engagement-button">
        {busy ? "Recording…" : "Record engagement"}
      </button>
      <p role="status" class="done" id="rate-engagement-status">
        {status}
      </p>
    </form>
  );
}
