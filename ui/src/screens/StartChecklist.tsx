import { useState } from "preact/hooks";
import { api } from "../api";
import type { StartAssessmentForm } from "../bindings/StartAssessmentForm";
import { DateField, ErrorMessage, PageTitle, TextField, useLoad } from "../components";
import { todayIso } from "../dates";
import { problemOf } from "../problem";
import { navigate } from "../route";

export function StartChecklist({ childId }: { childId: number }) {
  const child = useLoad(() => api.getChild(childId), [childId]);
  const [form, setForm] = useState<StartAssessmentForm>({
    assessor_name: "",
    agency: "",
    role: "",
    assessed_on: todayIso(),
    review_round: null,
  });
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof StartAssessmentForm>(key: K, value: StartAssessmentForm[K]) =>
    setForm({ ...form, [key]: value });
  const fieldError = (field: string) => (error?.field === field ? error.message : null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const a = await api.startAssessment(childId, form);
      navigate({ screen: "checklist", id: a.id, tab: null });
    } catch (err) {
      const p = problemOf(err);
      setError({ message: p.message, field: p.field });
      if (p.field) document.getElementById(`start-${p.field.replace(/_/g, "-")}`)?.focus();
      setBusy(false);
    }
  };

  const text = (field: "assessor_name" | "agency" | "role", label: string, hint?: string) => (
    <TextField id={`start-${field.replace(/_/g, "-")}`} label={label} hint={hint} error={fieldError(field)} value={form[field]} onValue={(v) => set(field, v)} input={{ autofocus: field === "assessor_name" }} />
  );

  return (
    <>
      <p class="breadcrumbs">
        <a href={`#/child/${childId}`}>Back to {child.data?.name ?? "the child"}</a>
      </p>
      <PageTitle>Start a checklist{child.data ? ` for ${child.data.name}` : ""}</PageTitle>
      <ErrorMessage message={child.error} />
      <form class="card" onSubmit={submit} aria-labelledby="page-title" noValidate>
        {error && !error.field && <ErrorMessage message={error.message} />}
        {text("assessor_name", "Your name")}
        {text("agency", "Agency", "For example: children's social care, health visiting, school.")}
        {text("role", "Role (optional)")}
        <DateField
          id="start-assessed-on"
          label="Date of the checklist"
          hint="The child's age on this date decides which items apply."
          error={fieldError("assessed_on")}
          value={form.assessed_on}
          max={todayIso()}
          onValue={(v) => set("assessed_on", v)}
        />
        <TextField id="start-review-round" label="Review round (optional)" hint="Leave empty to join the round that began at most 28 days from this date (if you have not graded in it yet), or start the next round." error={fieldError("review_round")} value={form.review_round ?? ""} onValue={(v) => set("review_round", v ? Number(v) : null)} input={{ type: "number", min: 1, class: "short" }} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Start the checklist
          </button>
          <a class="button" href={`#/child/${childId}`}>
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}
