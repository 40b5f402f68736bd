// The plan's actions: what, who, agency, by when, target grade, area; the result at review.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { Action } from "../bindings/Action";
import type { ActionForm } from "../bindings/ActionForm";
import type { Area } from "../bindings/Area";
import { BRITISH_SPELLING, DateField, ErrorMessage, Field, TextField } from "../components";
import { formatDate } from "../dates";
import { problemOf } from "../problem";

type Props = { assessmentId: number; actions: Action[]; areas: Area[]; finalised: boolean; onChanged: () => Promise<unknown> };

const EMPTY: ActionForm = { what: "", who: "", agency: "", by_when: "", target_grade: null, area_id: null };

export function ActionsPanel({ assessmentId, actions, areas, finalised, onChanged }: Props) {
  const areaName = (id: string | null) => areas.find((a) => a.id === id)?.name;
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string | null>(null);

  const remove = async (a: Action) => {
    setError(null);
    try {
      await api.deleteAction(a.id);
      await onChanged();
      setAnnouncement(`The action “${a.what}” was deleted.`);
      document.getElementById("actions-title")?.focus();
    } catch (e) {
      setError(problemOf(e).message);
    }
  };

  return (
    <>
      <p role="status" class="sr-only">
        {announcement}
      </p>
      <ErrorMessage message={error} />
      {actions.length === 0 ? (
        <p class="empty">No actions have been agreed yet.</p>
      ) : (
        <ul class="records actions-list">
          {actions.map((a) => (
            <li key={a.id} data-action-id={a.id}>
              <p class="record-title">{a.what}</p>
              <p>
                {a.who}
                {a.agency && ` (${a.agency})`}, by {formatDate(a.by_when)}.
                {a.area_id && ` Area: ${areaName(a.area_id) ?? a.area_id}.`}
                {a.target_grade !== null && ` Target grade: ${a.target_grade}.`}
              </p>
              {finalised ? (
                <ActionResult action={a} onChanged={onChanged} />
              ) : (
                <>
                  {a.result && <p>Result: {a.result}</p>}
                  <button type="button" class="link-button" onClick={() => remove(a)}>
                    Delete<span class="sr-only"> the action “{a.what}”</span>
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {!finalised && <AddAction assessmentId={assessmentId} areas={areas} onAdded={onChanged} announce={setAnnouncement} />}
    </>
  );
}

/** What came of an action, recorded at review (allowed after finalising). */
function ActionResult({ action, onChanged }: { action: Action; onChanged: () => Promise<unknown> }) {
  const [text, setText] = useState(action.result);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = `result-${action.id}`;
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await api.recordActionResult(action.id, text);
      await onChanged();
      setMessage("Result saved.");
    } catch (err) {
      setError(problemOf(err).message);
    }
  };
  return (
    <form onSubmit={save} class="result-form" noValidate>
      <Field id={id} label={<>Result at review<span class="sr-only"> of “{action.what}”</span></>} error={error}>
        {(describedBy) => (
          <textarea {...BRITISH_SPELLING} id={id} rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} aria-describedby={describedBy} />
        )}
      </Field>
      <div class="actions">
        <button type="submit">Save the result</button>
        <span role="status">{message}</span>
      </div>
    </form>
  );
}

type AddProps = { assessmentId: number; areas: Area[]; onAdded: () => Promise<unknown>; announce: (s: string) => void };

function AddAction({ assessmentId, areas, onAdded, announce }: AddProps) {
  const [form, setForm] = useState<ActionForm>(EMPTY);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ActionForm>(key: K, value: ActionForm[K]) => setForm({ ...form, [key]: value });
  const fieldError = (f: string) => (error?.field === f ? error.message : null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const added = await api.addAction(assessmentId, form);
      await onAdded();
      setForm(EMPTY);
      announce(`The action “${added.what}” was added.`);
      document.getElementById("action-what")?.focus();
    } catch (err) {
      const p = problemOf(err);
      setError({ message: p.message, field: p.field });
      if (p.field) document.getElementById(`action-${p.field.replace(/_/g, "-")}`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  const text = (field: "what" | "who" | "agency", label: string) => (
    <TextField id={`action-${field}`} label={label} error={fieldError(field)} value={form[field]} onValue={(v) => set(field, v)} />
  );

  return (
    <form class="card add-action" onSubmit={submit} aria-labelledby="add-action-title" noValidate>
      <h3 id="add-action-title">Add an action</h3>
      {error && !error.field && <ErrorMessage message={error.message} />}
      {text("what", "What will be done")}
      <div class="field-row">
        {text("who", "Who")}
        {text("agency", "Agency (optional)")}
      </div>
      <div class="field-row">
        <DateField id="action-by-when" label="By when" error={fieldError("by_when")} value={form.by_when} onValue={(v) => set("by_when", v)} />
        <Field id="action-target-grade" label="Target grade (optional)" error={fieldError("target_grade")}>
          {(describedBy) => (
            <select
              id="action-target-grade"
              value={form.target_grade ?? ""}
              onChange={(e) => set("target_grade", e.currentTarget.value ? Number(e.currentTarget.value) : null)}
              aria-describedby={describedBy}
            >
              <option value="">None</option>
              {[1, 2, 3, 4, 5].map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="action-area-id" label="Area (optional)" error={fieldError("area_id")}>
          {(describedBy) => (
            <select
              id="action-area-id"
              value={form.area_id ?? ""}
              onChange={(e) => set("area_id", e.currentTarget.value || null)}
              aria-describedby={describedBy}
            >
              <option value="">Whole plan</option>
              {areas.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <button type="submit" class="primary" disabled={busy}>
        Add the action
      </button>
    </form>
  );
}
