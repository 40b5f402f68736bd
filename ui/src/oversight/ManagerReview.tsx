// A manager's review of a finalised checklist: the form on the checklist's read-only view, and
// the reviews recorded, which are never changed or removed (the schema refuses it).
import { useState } from "preact/hooks";
import { api } from "../api";
import type { Assessment } from "../bindings/Assessment";
import type { ManagerDecision } from "../bindings/ManagerDecision";
import type { ManagerReview } from "../bindings/ManagerReview";
import type { ManagerReviewForm } from "../bindings/ManagerReviewForm";
import { BRITISH_SPELLING, DateField, ErrorMessage, Field, Tag, TextField, useLoad } from "../components";
import { formatDate, todayIso } from "../dates";
import { DECISION_LABELS } from "../labels";
import { problemOf } from "../problem";
import { reviewText } from "./words";

const EMPTY = (): ManagerReviewForm => ({
  manager_name: "",
  manager_role: "",
  reviewed_on: todayIso(),
  decision: null,
  comment: "",
});

/** The reviews of one checklist, oldest first, each with its comment. */
export function ReviewList({ reviews }: { reviews: ManagerReview[] }) {
  if (reviews.length === 0) return <p class="empty">No manager's review has been recorded for this checklist.</p>;
  return (
    <ul class="records manager-reviews">
      {reviews.map((r) => (
        <li key={r.id} data-review-id={r.id}>
          <p class="record-title">
            Reviewed on {formatDate(r.reviewed_on)} <Tag tone={r.decision === "agreed" ? "done" : "info"}>{DECISION_LABELS[r.decision]}</Tag>
          </p>
          <p>{reviewText(r)}</p>
          {r.comment && <p class="multiline">{r.comment}</p>}
        </li>
      ))}
    </ul>
  );
}

/** On a finalised checklist: record a manager's review, and the reviews recorded below it. */
export function ManagerReviewSection({ assessment }: { assessment: Assessment }) {
  const reviews = useLoad(() => api.managerReviews(assessment.child_id), [assessment.child_id]);
  const mine = (reviews.data ?? []).filter((r) => r.assessment_id === assessment.id);
  const [form, setForm] = useState<ManagerReviewForm>(EMPTY);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ManagerReviewForm>(key: K, value: ManagerReviewForm[K]) => setForm({ ...form, [key]: value });
  const fieldError = (field: string) => (error?.field === field ? error.message : null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone("");
    try {
      const r = await api.recordManagerReview(assessment.id, form);
      setForm(EMPTY());
      setDone(`Manager's review by ${r.manager_name} recorded.`);
      await reviews.reload();
    } catch (err) {
      // What was typed stays in the form; the field at fault takes the focus.
      const p = problemOf(err);
      setError({ message: p.message, field: p.field });
      const target = p.field === "decision" ? "review-decision-agreed" : p.field ? `review-${p.field.replace(/_/g, "-")}` : null;
      if (target) document.getElementById(target)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="manager-review-title" class="manager-review" id="manager-review">
      <h2 id="manager-review-title">Manager's review</h2>
      <ErrorMessage message={reviews.error} />
      <ReviewList reviews={mine} />
      <form class="card" onSubmit={submit} aria-labelledby="record-review-title" noValidate id="manager-review-form">
        <h3 id="record-review-title">Record a manager's review</h3>
        <p class="hint">
          A review is recorded once, with the date it was given, and is never changed or removed. A later review is added
          below it.
        </p>
        {error && !error.field && <ErrorMessage message={error.message} />}
        <div class="field-row">
          <TextField id="review-manager-name" label="Manager's name" error={fieldError("manager_name")} value={form.manager_name} onValue={(v) => set("manager_name", v)} input={{ autocomplete: "off" }} />
          <TextField id="review-manager-role" label="Role (optional)" error={fieldError("manager_role")} value={form.manager_role} onValue={(v) => set("manager_role", v)} input={{ autocomplete: "off" }} />
          <DateField id="review-reviewed-on" label="Date of the review" error={fieldError("reviewed_on")} value={form.reviewed_on} max={todayIso()} onValue={(v) => set("reviewed_on", v)} />
        </div>
        <fieldset
          class={error?.field === "decision" ? "field field-invalid" : "field"}
          aria-describedby={error?.field === "decision" ? "review-decision-error" : undefined}
        >
          <legend class="label">Decision</legend>
          {error?.field === "decision" && (
            <p class="error" id="review-decision-error">
              {error.message}
            </p>
          )}
          {(Object.keys(DECISION_LABELS) as ManagerDecision[]).map((d) => (
            <div class="field checkbox" key={d}>
              <input
                type="radio"
                name="review-decision"
                id={`review-decision-${d.replace(/_/g, "-")}`}
                value={d}
                checked={form.decision === d}
                onChange={() => set("decision", d)}
              />
              <label for={`review-decision-${d.replace(/_/g, "-")}`}>{DECISION_LABELS[d]}</label>
            </div>
          ))}
        </fieldset>
        <Field
          id="review-comment"
          label="Comment"
          hint="Needed with “agreed with changes”: say which changes were agreed."
          error={fieldError("comment")}
        >
          {(describedBy, invalid) => (
            <textarea
              {...BRITISH_SPELLING}
              id="review-comment"
              rows={3}
              value={form.comment}
              onInput={(e) => set("comment", e.currentTarget.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <button type="submit" class="primary" disabled={busy} id="record-review">
          Record the review
        </button>
        <p role="status" class="done" id="review-recorded">
          {done}
        </p>
      </form>
    </section>
  );
}
