import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { Child } from "../bindings/Child";
import type { ChildForm } from "../bindings/ChildForm";
import type { Household } from "../bindings/Household";
import type { PlanCategory } from "../bindings/PlanCategory";
import { BRITISH_SPELLING, DateField, ErrorMessage, Field, PageTitle, TextField, useLoad } from "../components";
import { todayIso } from "../dates";
import { PLAN_LABELS } from "../labels";
import { problemOf } from "../problem";
import { navigate } from "../route";

const EMPTY: ChildForm = {
  name: "",
  date_of_birth: "",
  unborn: false,
  household: "",
  has_disability: false,
  disability_needs: "",
  communication_needs: "",
  plan_category: null,
  plan_start: "",
  review_interval_months: 3,
};

const formOf = (c: Child): ChildForm => ({
  name: c.name,
  date_of_birth: c.date_of_birth,
  unborn: c.unborn,
  household: c.household_name ?? "",
  has_disability: c.has_disability,
  disability_needs: c.disability_needs,
  communication_needs: c.communication_needs,
  plan_category: c.plan_category,
  plan_start: c.plan_start ?? "",
  review_interval_months: c.review_interval_months,
});

type Props = { child?: Child; onSaved: (child: Child) => void; onCancel: () => void };

/** The edit screen: the same form as "Add child", filled in. */
export function EditChild({ childId }: { childId: number }) {
  const child = useLoad(() => api.getChild(childId), [childId]);
  const back = () => navigate({ screen: "child", id: childId });
  return (
    <>
      <p class="breadcrumbs">
        <a href={`#/child/${childId}`}>Back to {child.data?.name ?? "the child"}</a>
      </p>
      <PageTitle>Edit details{child.data ? ` of ${child.data.name}` : ""}</PageTitle>
      <ErrorMessage message={child.error} />
      {child.data && <ChildFormCard child={child.data} onSaved={back} onCancel={back} />}
    </>
  );
}

export function ChildFormCard({ child, onSaved, onCancel }: Props) {
  const [form, setForm] = useState<ChildForm>(child ? formOf(child) : EMPTY);
  const [households, setHouseholds] = useState<Household[]>([]);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.listHouseholds().then(setHouseholds).catch(() => setHouseholds([]));
  }, []);

  const set = <K extends keyof ChildForm>(key: K, value: ChildForm[K]) => setForm({ ...form, [key]: value });
  const fieldError = (field: string) => (error?.field === field ? error.message : null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await (child ? api.updateChild(child.id, form) : api.addChild(form)));
    } catch (err) {
      const p = problemOf(err);
      setError({ message: p.message, field: p.field });
      if (p.field) document.getElementById(`child-${p.field.replace(/_/g, "-")}`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} aria-labelledby="add-child-title" noValidate>
      <h2 id="add-child-title">{child ? "Child's details" : "Add child"}</h2>
      {error && !error.field && <ErrorMessage message={error.message} />}
      <TextField id="child-name" label="Name" error={fieldError("name")} value={form.name} onValue={(v) => set("name", v)} input={{ autocomplete: "off", autofocus: !child }} />
      <div class="field checkbox">
        <input
          id="child-unborn"
          type="checkbox"
          checked={form.unborn}
          onChange={(e) => set("unborn", e.currentTarget.checked)}
        />
        <label for="child-unborn">Not yet born</label>
      </div>
      <DateField
        id="child-date-of-birth"
        label={form.unborn ? "Expected date of birth" : "Date of birth"}
        error={fieldError("date_of_birth")}
        value={form.date_of_birth}
        max={form.unborn ? undefined : todayIso()}
        onValue={(v) => set("date_of_birth", v)}
      />
      <Field
        id="child-household"
        label="Household (optional)"
        hint="Children in the same household are listed together, so that no child is missed."
        error={fieldError("household")}
      >
        {(describedBy, invalid) => (
          <>
            <input
              id="child-household"
              list="household-names"
              value={form.household}
              onInput={(e) => set("household", e.currentTarget.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              autocomplete="off"
            />
            <datalist id="household-names">
              {households.map((h) => (
                <option key={h.id} value={h.name} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field id="child-plan-category" label="Child protection plan category (optional)" error={fieldError("plan_category")}>
        {(describedBy, invalid) => (
          <select
            id="child-plan-category"
            value={form.plan_category ?? ""}
            onChange={(e) => set("plan_category", (e.currentTarget.value || null) as PlanCategory | null)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          >
            <option value="">No plan</option>
            {Object.entries(PLAN_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DateField id="child-plan-start" label="Plan start date (optional)" error={fieldError("plan_start")} value={form.plan_start} onValue={(v) => set("plan_start", v)} />
      <TextField id="child-review-interval-months" label="Repeat the checklist every (months)" hint="Usually 3 months. A child with no checklist for longer is flagged on the household page." error={fieldError("review_interval_months")} value={form.review_interval_months ?? ""} onValue={(v) => set("review_interval_months", Number(v) || undefined)} input={{ type: "number", min: 1, max: 24, class: "short" }} />
      <div class={fieldError("has_disability") ? "field checkbox field-invalid" : "field checkbox"}>
        <input
          id="child-has-disability"
          type="checkbox"
          checked={form.has_disability}
          onChange={(e) => set("has_disability", e.currentTarget.checked)}
          aria-describedby={["child-has-disability-hint", fieldError("has_disability") && "child-has-disability-error"].filter(Boolean).join(" ")}
          aria-invalid={Boolean(fieldError("has_disability"))}
        />
        <label for="child-has-disability">Has a disability or long-term condition</label>
        <p class="hint" id="child-has-disability-hint">
          The checklist's items about the care of a disability or condition apply only when this is ticked.
        </p>
        {fieldError("has_disability") && (
          <p class="error" id="child-has-disability-error">
            {fieldError("has_disability")}
          </p>
        )}
      </div>
      <Field id="child-disability-needs" label="The disability or condition, and what the child needs (optional)">
        {(describedBy) => (
          <textarea {...BRITISH_SPELLING}
            id="child-disability-needs"
            rows={2}
            value={form.disability_needs}
            onInput={(e) => set("disability_needs", e.currentTarget.value)}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <Field id="child-communication-needs" label="Communication needs (optional)">
        {(describedBy) => (
          <textarea {...BRITISH_SPELLING}
            id="child-communication-needs"
            rows={2}
            value={form.communication_needs}
            onInput={(e) => set("communication_needs", e.currentTarget.value)}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {child ? "Save changes" : "Save child"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
