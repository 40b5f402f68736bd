// "Add an adult" / "Edit an adult": the name, how the adult stands to each child of the household
// (relationship and parental responsibility), and the services involved ("None known" is ticked
// while no service is). A refused form keeps everything typed.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { Adult } from "../bindings/Adult";
import type { AdultService } from "../bindings/AdultService";
import type { Relationship } from "../bindings/Relationship";
import { ErrorMessage, TextField } from "../components";
import { adultDraft, adultFormOf, toggled, type AdultDraft, type NamedChild } from "../chronology";
import { ADULT_SERVICES, RELATIONSHIPS } from "../labels";
import { problemOf } from "../problem";

type Props = {
  householdId: number;
  /** Every child of the household, each offered a relationship. */
  householdChildren: NamedChild[];
  /** Set: the form edits this adult. */
  adult?: Adult;
  onSaved: (adult: Adult) => void;
  onCancel: () => void;
};

export function AdultFormCard({ householdId, householdChildren: children, adult, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<AdultDraft>(() =>
    adultDraft(
      children.map((c) => c.id),
      adult,
    ),
  );
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (field: string) => (error?.field === field ? error.message : null);
  // A sentence about a field goes once that field is changed; saving says it again if still wrong.
  const clearError = (field: string) => setError((now) => (now?.field === field ? null : now));
  const setLink = (childId: number, change: Partial<AdultDraft["links"][number]>) => {
    setDraft((now) => ({ ...now, links: { ...now.links, [childId]: { ...now.links[childId], ...change } } }));
    clearError("children");
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const built = adultFormOf(householdId, draft, new Map(children.map((c) => [c.id, c.name])));
    if ("problem" in built) {
      setError(built.problem);
      document.getElementById("adult-children")?.focus();
      return;
    }
    setBusy(true);
    try {
      onSaved(await (adult ? api.updateAdult(adult.id, built.form) : api.addAdult(built.form)));
    } catch (err) {
      const p = problemOf(err);
      const field = p.field === "name" || p.field === "children" ? p.field : null;
      setError({ message: p.message, field });
      if (field) document.getElementById(`adult-${field}`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  const title = adult ? `Edit ${adult.name}` : "Add an adult";
  return (
    <form class="card adult-form" id="adult-form" onSubmit={submit} aria-labelledby="adult-form-title" noValidate>
      <h3 id="adult-form-title">{title}</h3>
      <p class="hint">For professionals only: adults are printed on the core-group summary, never on the family summary.</p>
      <ErrorMessage message={error && !error.field ? error.message : null} />
      <TextField
        id="adult-name"
        label="Name"
        error={fieldError("name")}
        value={draft.name}
        onValue={(name) => {
          setDraft((now) => ({ ...now, name }));
          clearError("name");
        }}
        input={{ autocomplete: "off", autofocus: true }}
      />
      <fieldset
        class={fieldError("children") ? "field field-invalid" : "field"}
        id="adult-children"
        tabIndex={-1}
        aria-describedby={fieldError("children") ? "adult-children-error" : undefined}
      >
        <legend>Relationship to each child</legend>
        {fieldError("children") && (
          <p class="error" id="adult-children-error">
            {fieldError("children")}
          </p>
        )}
        <div class="adult-links">
          {children.map((c) => (
            <div class="adult-link" key={c.id} data-child-id={c.id}>
              <label for={`adult-relationship-${c.id}`}>{c.name}</label>
              <select
                id={`adult-relationship-${c.id}`}
                value={draft.links[c.id]?.relationship ?? ""}
                onChange={(e) => setLink(c.id, { relationship: e.currentTarget.value as Relationship | "" })}
              >
                <option value="">No relationship recorded</option>
                {RELATIONSHIPS.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
              <div class="field checkbox">
                <input
                  id={`adult-pr-${c.id}`}
                  type="checkbox"
                  checked={draft.links[c.id]?.parental_responsibility ?? false}
                  onChange={(e) => setLink(c.id, { parental_responsibility: e.currentTarget.checked })}
                />
                <label for={`adult-pr-${c.id}`}>
                  Holds parental responsibility<span class="sr-only"> for {c.name}</span>
                </label>
              </div>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset class="field" id="adult-services" aria-describedby="adult-services-hint">
        <legend>Services involved with this adult</legend>
        <p class="hint" id="adult-services-hint">
          “None known” stays ticked while no service is: it is printed as “none known”, never “none”.
        </p>
        <div class="field checkbox">
          <input
            id="adult-service-none"
            type="checkbox"
            checked={draft.services.length === 0}
            onChange={(e) => {
              if (e.currentTarget.checked) setDraft((now) => ({ ...now, services: [] }));
              else e.currentTarget.checked = true;
            }}
          />
          <label for="adult-service-none">None known</label>
        </div>
        {ADULT_SERVICES.map((s) => (
          <div class="field checkbox" key={s.value}>
            <input
              id={`adult-service-${s.value}`}
              type="checkbox"
              checked={draft.services.includes(s.value)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setDraft((now) => ({ ...now, services: toggled<AdultService>(now.services, s.value, on) }));
              }}
            />
            <label for={`adult-service-${s.value}`}>{s.label}</label>
          </div>
        ))}
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" id="adult-save" disabled={busy}>
          {adult ? "Save changes" : "Save the adult"}
        </button>
        <button type="button" id="adult-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
