// An area's computed score, urgent items and completeness, and the practitioner's confirmed grade.
import { useState } from "preact/hooks";
import type { Area } from "../bindings/Area";
import type { AreaConfirmation } from "../bindings/AreaConfirmation";
import type { AreaScore } from "../bindings/AreaScore";
import { BRITISH_SPELLING, confirmedText, ErrorMessage, Field, scoreText, Tag } from "../components";
import { GRADE_MEANINGS } from "../labels";
import { problemOf } from "../problem";
import { domId } from "./ItemCard";

type Props = {
  area: Area;
  score: AreaScore | undefined;
  confirmation: AreaConfirmation | undefined;
  readOnly: boolean;
  saving: boolean;
  onConfirm: (grade: number, reason: string) => Promise<void>;
};

function goToItem(itemId: string) {
  const el = document.getElementById(domId(itemId));
  if (!el) return;
  el.scrollIntoView({ block: "start" });
  (el.querySelector<HTMLElement>("input[type=radio]") ?? el).focus({ preventScroll: true });
}

export function AreaSummary({ area, score, confirmation, readOnly, saving, onConfirm }: Props) {
  const titles = new Map(area.subareas.flatMap((s) => s.items.map((i) => [i.id, i.title])));
  const titleOf = (id: string) => titles.get(id) ?? id;
  const headingId = `summary-${area.id}`;

  return (
    <section class="area-summary" aria-labelledby={headingId} aria-busy={saving} data-area-id={area.id}>
      <h3 id={headingId}>Summary: {area.name}</h3>
      {!score ? (
        <p class="loading">Working out the score…</p>
      ) : (
        <>
          <dl class="details">
            <div>
              <dt>Computed score</dt>
              <dd class="computed">{scoreText(score)}</dd>
            </div>
            <div>
              <dt>Graded</dt>
              <dd>
                {score.graded} of {score.applicable} applicable items ({score.completeness_percent}%)
              </dd>
            </div>
          </dl>
          {!score.enough_evidence && (
            <p class="warning-text not-enough">
              <Tag tone="warn">Not enough evidence</Tag> An area is scored when at least 60% of its applicable items
              are graded; {score.completeness_percent}% are.
            </p>
          )}
          {score.urgent_items.length > 0 && (
            <div class="urgent">
              <p>
                <Tag tone="warn">Urgent item</Tag> Graded 5, whatever the average:
              </p>
              <ul>
                {score.urgent_items.map((id) => (
                  <li key={id}>{titleOf(id)}</li>
                ))}
              </ul>
            </div>
          )}
          {score.missing_items.length > 0 && (
            <div class="missing">
              <p>
                Not graded yet ({score.missing_items.length}, “not known” included):
              </p>
              <ul>
                {score.missing_items.map((id) => (
                  <li key={id}>
                    {readOnly ? (
                      titleOf(id)
                    ) : (
                      <button type="button" class="link-button" onClick={() => goToItem(id)}>
                        {titleOf(id)}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <table class="subarea-scores">
            <caption class="sr-only">Sub-area scores for {area.name}</caption>
            <thead>
              <tr>
                <th scope="col">Sub-area</th>
                <th scope="col">Score</th>
                <th scope="col">Graded</th>
              </tr>
            </thead>
            <tbody>
              {score.subareas
                .filter((s) => s.applicable > 0)
                .map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>{s.score === null ? "no grades" : s.score.toFixed(1)}</td>
                    <td>
                      {s.graded} of {s.applicable}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
      {readOnly ? (
        <p class="confirmed-read">
          <strong>Confirmed grade:</strong> {confirmedText(confirmation)}
          {confirmation?.reason && (
            <>
              . <strong>Reason:</strong> <span class="multiline">{confirmation.reason}</span>
            </>
          )}
        </p>
      ) : (
        <ConfirmForm area={area} score={score} confirmation={confirmation} onConfirm={onConfirm} />
      )}
    </section>
  );
}

type FormProps = Pick<Props, "area" | "score" | "confirmation" | "onConfirm">;

function ConfirmForm({ area, score, confirmation, onConfirm }: FormProps) {
  const suggested = score?.score != null ? Math.round(score.score) : null;
  const [grade, setGrade] = useState<number | null>(confirmation?.confirmed ?? null);
  const [reason, setReason] = useState(confirmation?.reason ?? "");
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const id = `confirm-${area.id}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone("");
    if (grade === null) {
      setError({ message: "Please choose the area grade, from 1 to 5.", field: "confirmed" });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(grade, reason);
      setDone(`The grade for ${area.name} is confirmed as ${grade}.`);
    } catch (err) {
      const p = problemOf(err);
      setError({ message: p.message, field: p.field });
      if (p.field === "reason") document.getElementById(`${id}-reason`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  const reasonHint =
    score?.score == null
      ? "Needed here: there is not enough evidence to compute a score, so say what your grade is based on."
      : `Needed if your grade is more than 1 away from the computed score (${score.score.toFixed(1)}).`;

  return (
    <form class="confirm-form" onSubmit={submit} noValidate aria-labelledby={`${id}-legend`}>
      <fieldset
        class={error?.field === "confirmed" ? "field-invalid" : undefined}
        aria-describedby={error?.field === "confirmed" ? `${id}-grade-error` : undefined}
      >
        <legend id={`${id}-legend`}>Confirm the grade for {area.name}</legend>
        <p class="hint">
          The computed score is a suggestion{suggested !== null ? ` (nearest grade: ${suggested})` : ""}; the grade is
          your professional judgement.
        </p>
        {error?.field === "confirmed" && (
          <p class="error" id={`${id}-grade-error`}>
            {error.message}
          </p>
        )}
        <div class="grade-choices">
          {GRADE_MEANINGS.map((meaning, i) => (
            <label key={i} class={grade === i + 1 ? "grade-choice chosen" : "grade-choice"}>
              <input type="radio" name={`${id}-grade`} value={i + 1} checked={grade === i + 1} onChange={() => setGrade(i + 1)} />
              <span class="descriptor-grade">{i + 1}</span> <span>{meaning}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field id={`${id}-reason`} label="Reason (when needed)" hint={reasonHint} error={error?.field === "reason" ? error.message : null}>
        {(describedBy, invalid) => (
          <textarea {...BRITISH_SPELLING}
            id={`${id}-reason`}
            rows={3}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      {error && error.field !== "reason" && error.field !== "confirmed" && <ErrorMessage message={error.message} />}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Confirm the grade for {area.name}
        </button>
        {confirmation && !done && (
          <p class="hint">
            Confirmed as {confirmation.confirmed}. Confirming again replaces it.
          </p>
        )}
      </div>
      <p role="status" class="done">
        {done}
      </p>
    </form>
  );
}
