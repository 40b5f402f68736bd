// The child's case references (issue 18): the local authority's case number, the NHS number and
// the unique pupil number. The core checks each number's check character; a refusal names the
// number in words and everything typed stays for correcting.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { CaseReferences } from "../bindings/CaseReferences";
import { ErrorMessage, TextField, useLoad } from "../components";
import { problemOf } from "../problem";
import { errorFor, formError, type FormProblem } from "./words";

const EMPTY: CaseReferences = { la_case_number: "", nhs_number: "", unique_pupil_number: "" };
const FIELDS: [keyof CaseReferences, string, string, string][] = [
  ["la_case_number", "case-la-number", "Local authority case number", "As your local authority's case system writes it."],
  ["nhs_number", "case-nhs-number", "NHS number", "10 digits, spaces allowed, for example 999 000 0018. Its last digit is a check digit."],
  ["unique_pupil_number", "case-upn", "Unique pupil number (UPN)", "13 characters from the school: a check letter, 11 digits, then a digit or a letter."],
];

export function CaseReferencesForm({ childId }: { childId: number }) {
  const saved = useLoad(() => api.caseReferences(childId), [childId]);
  const [form, setForm] = useState<CaseReferences>(EMPTY);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  useEffect(() => {
    if (saved.data) setForm(saved.data);
  }, [saved.data]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    setStatus("");
    try {
      const stored = await api.setCaseReferences(childId, form);
      saved.setData(stored);
      setStatus("Case references saved. They print on the core-group summary, never on the family summary.");
    } catch (err) {
      // The typed text is left as it is, so one wrong digit can be put right.
      const p = problemOf(err);
      setProblem({ message: p.message, field: p.field });
      const field = FIELDS.find(([key]) => key === p.field);
      if (field) document.getElementById(field[1])?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="case-references-title">
      <h2 id="case-references-title">Case references</h2>
      <form class="card" id="case-references" onSubmit={submit} noValidate aria-labelledby="case-references-title">
        <p class="hint">Printed on the core-group summary for other services; never on the family summary.</p>
        <ErrorMessage message={saved.error} />
        <ErrorMessage message={formError(problem, FIELDS.map(([key]) => key))} id="case-references-error" />
        {FIELDS.map(([key, id, label, hint]) => (
          <TextField
            key={key}
            id={id}
            label={label}
            hint={hint}
            error={errorFor(problem, key)}
            value={form[key]}
            onValue={(value) => setForm((f) => ({ ...f, [key]: value }))}
            input={{ autocomplete: "off", spellcheck: false }}
          />
        ))}
        <button type="submit" disabled={busy || saved.data === null} id="case-references-save">
          {busy ? "Saving…" : "Save case references"}
        </button>
        <p role="status" class="done" id="case-references-status">
          {status}
        </p>
      </form>
    </section>
  );
}
