// The "Add an event" and "Correct this event" form of a child's chronology. One form for both, so
// a correction is held to every rule of a new event, and asks in addition why. A refused form
// keeps everything typed; the sentence from the core is shown beside the field it is about.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { ChronologyEvent } from "../bindings/ChronologyEvent";
import type { EventKind } from "../bindings/EventKind";
import { BRITISH_SPELLING, DateField, ErrorMessage, Field, TextField } from "../components";
import { correctionDraft, eventFormOf, newEventDraft, toggled, type EventDraft, type NamedChild } from "../chronology";
import { formatDate, todayIso } from "../dates";
import { EVENT_KINDS } from "../labels";
import { problemOf } from "../problem";

type Props = {
  childId: number;
  childName: string;
  /** The household's other children, offered under "Also record this for". */
  siblings: NamedChild[];
  /** Set: the form corrects this event (for this child only) instead of adding one. */
  correcting?: ChronologyEvent;
  onSaved: (message: string) => void;
  onCancel: () => void;
};

/** The form's fields have ids `event-<field>`, so the core's field names find their control. */
const fieldId = (field: string) => `event-${field.replace(/_/g, "-")}`;

export function EventFormCard({ childId, childName, siblings, correcting, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<EventDraft>(() => (correcting ? correctionDraft(correcting) : newEventDraft("")));
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  // The source agency starts as this app's organisation (Settings), unless something is typed first.
  useEffect(() => {
    if (correcting) return;
    api
      .practitionerDetails()
      .then((d) => setDraft((now) => (now.agency ? now : { ...now, agency: d.organisation })))
      .catch(() => undefined);
  }, [correcting]);

  const set = <K extends keyof EventDraft>(key: K, value: EventDraft[K]) => {
    setDraft((now) => ({ ...now, [key]: value }));
    // A sentence about a field goes once that field is changed; it came back if still wrong.
    const field = key === "also" ? "child_ids" : key;
    setError((now) => (now?.field === field ? null : now));
  };
  const fieldError = (field: string) => (error?.field === field ? error.message : null);
  const known = new Set(["date", "time", "kind", "agency", "what_happened", "impact", "child_ids", "reason"]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const form = eventFormOf(childId, draft);
      if (correcting) {
        await api.correctEvent(correcting.id, form, draft.reason);
        onSaved("The correction is saved. The first version is kept, marked as corrected.");
      } else {
        const saved = await api.addEvent(form);
        const others = siblings.filter((s) => draft.also.includes(s.id)).map((s) => s.name);
        onSaved(
          saved.length > 1
            ? `The event is saved for ${childName} and ${others.join(" and ")}.`
            : `The event is saved for ${childName}.`,
        );
      }
    } catch (err) {
      const p = problemOf(err);
      const field = p.field && known.has(p.field) ? p.field : null;
      setError({ message: p.message, field });
      // The field the sentence is about takes focus; a sentence about the whole form is an alert.
      if (field) document.getElementById(fieldId(field))?.focus();
    } finally {
      setBusy(false);
    }
  };

  const title = correcting ? `Correct the event of ${formatDate(correcting.date)}` : "Add an event";
  // A kind the form does not offer (the app's own, such as "checklist finalised") stays choosable
  // when correcting an event of that kind.
  const kinds =
    correcting && !EVENT_KINDS.some((k) => k.value === correcting.kind)
      ? [...EVENT_KINDS, { value: correcting.kind, label: correcting.kind_label }]
      : EVENT_KINDS;

  return (
    <form class="card event-form" id="event-form" onSubmit={submit} aria-labelledby="event-form-title" noValidate>
      <h2 id="event-form-title">{title}</h2>
      {correcting && (
        <p class="hint">
          The event as first recorded is kept and shown as corrected; the change and its reason go in the audit trail.
        </p>
      )}
      <ErrorMessage id="event-form-error" message={error && !error.field ? error.message : null} />
      <div class="field-row">
        <DateField id="event-date" label="Date" error={fieldError("date")} value={draft.date} max={todayIso()} autofocus onValue={(v) => set("date", v)} />
        <TextField id="event-time" label="Time (optional)" hint="Where known, as 14:30." error={fieldError("time")} value={draft.time} onValue={(v) => set("time", v)} input={{ class: "short", inputMode: "numeric", autocomplete: "off" }} />
      </div>
      <Field id="event-kind" label="Type of event" error={fieldError("kind")}>
        {(describedBy, invalid) => (
          <select
            id="event-kind"
            value={draft.kind}
            onChange={(e) => set("kind", e.currentTarget.value as EventKind | "")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          >
            <option value="">Choose the type</option>
            {kinds.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField id="event-agency" label="Source agency" hint="The agency the information came from. Filled in from Settings; change it when another agency told you." error={fieldError("agency")} value={draft.agency} onValue={(v) => set("agency", v)} input={{ autocomplete: "off" }} />
      <Field id="event-what-happened" label="What happened" error={fieldError("what_happened")}>
        {(describedBy, invalid) => (
          <textarea
            {...BRITISH_SPELLING}
            id="event-what-happened"
            rows={3}
            value={draft.what_happened}
            onInput={(e) => set("what_happened", e.currentTarget.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <Field
        id="event-impact"
        label="Impact on the child (optional)"
        hint="Left empty, it reads “not recorded”, never “none”."
        error={fieldError("impact")}
      >
        {(describedBy, invalid) => (
          <textarea
            {...BRITISH_SPELLING}
            id="event-impact"
            rows={3}
            value={draft.impact}
            onInput={(e) => set("impact", e.currentTarget.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      {!correcting && siblings.length > 0 && (
        <fieldset
          class={fieldError("child_ids") ? "field field-invalid" : "field"}
          id="event-child-ids"
          tabIndex={-1}
          aria-describedby={fieldError("child_ids") ? "event-child-ids-error" : "event-also-hint"}
        >
          <legend>Also record this for</legend>
          <p class="hint" id="event-also-hint">
            The same event is added to each child ticked, in one step: all of them or none.
          </p>
          {fieldError("child_ids") && (
            <p class="error" id="event-child-ids-error">
              {fieldError("child_ids")}
            </p>
          )}
          {siblings.map((s) => (
            <div class="field checkbox" key={s.id}>
              <input
                id={`event-also-${s.id}`}
                type="checkbox"
                checked={draft.also.includes(s.id)}
                onChange={(e) => set("also", toggled(draft.also, s.id, e.currentTarget.checked))}
              />
              <label for={`event-also-${s.id}`}>{s.name}</label>
            </div>
          ))}
        </fieldset>
      )}
      {correcting && (
        <Field
          id="event-reason"
          label="Why is it being corrected?"
          hint="Required. Kept with the correction and in the audit trail."
          error={fieldError("reason")}
        >
          {(describedBy, invalid) => (
            <textarea
              {...BRITISH_SPELLING}
              id="event-reason"
              rows={2}
              value={draft.reason}
              onInput={(e) => set("reason", e.currentTarget.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
      )}
      <div class="actions">
        <button type="submit" class="primary" id="event-save" disabled={busy}>
          {correcting ? "Save the correction" : "Save the event"}
        </button>
        <button type="button" id="event-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
