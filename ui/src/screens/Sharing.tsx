// Importing another agency's checklists (preview first, then confirm) and the partnership dataset.
// Everything read from a file is shown as text.
import { useRef, useState } from "preact/hooks";
import { api } from "../api";
import type { ChronologyImport } from "../bindings/ChronologyImport";
import type { ImportChoice } from "../bindings/ImportChoice";
import type { ImportPlan } from "../bindings/ImportPlan";
import type { ImportReport } from "../bindings/ImportReport";
import type { PlannedAssessment } from "../bindings/PlannedAssessment";
import { ConfirmStep, DateField, ErrorMessage, Tag, TextField } from "../components";
import { amendedByText } from "../amendment";
import { formatDate, formatStamp, todayIso } from "../dates";
import { problemOf } from "../problem";

/** What will happen to one checklist of the file, in words. */
export function outcomeText(p: PlannedAssessment): string {
  switch (p.outcome.kind) {
    case "new":
      return "Will be added.";
    case "duplicate":
      return `Already here; it will be skipped. ${p.outcome.reason}`;
    case "refused":
      return `Refused: ${p.outcome.reasons.join(" ")}`;
  }
}

function OutcomeTag({ p }: { p: PlannedAssessment }) {
  if (p.outcome.kind === "new") return <Tag tone="done">New</Tag>;
  if (p.outcome.kind === "duplicate") return <Tag>Already here</Tag>;
  return <Tag tone="warn">Refused</Tag>;
}

/** Nothing to add: no new checklist and nothing new of the household or the chronology. */
function nothingNew(plan: ImportPlan): boolean {
  const c = plan.chronology;
  return plan.new_count === 0 && c.new_events === 0 && c.new_adults.length === 0 && c.new_members.length === 0;
}

/** The confirm button: the checklists it adds, or, when there are none, the chronology (a later event is sent alone). */
function importLabel(plan: ImportPlan): string {
  if (plan.new_count === 0) return "Import the household and chronology";
  return plan.new_count === 1 ? "Import 1 checklist" : `Import ${plan.new_count} checklists`;
}

/** How many, and who: a new adult or baby is seen by name. */
function countAndNames(names: string[]): string {
  return names.length > 0 ? `${names.length}: ${names.join(", ")}` : "0";
}

/**
 * The household and chronology the file carries, as a table: what will be added and what is
 * already here (recognised, not added again), for the child's events, the household's adults
 * and the household's other children (a baby no one here has assessed arrives this way).
 */
function ChronologyCounts({ chronology: c, childName }: { chronology: ChronologyImport; childName: string }) {
  return (
    <table class="list import-table" id="import-chronology">
      <caption>The household and the chronology in the file</caption>
      <thead>
        <tr>
          <th scope="col">In the file</th>
          <th scope="col">New here: will be added</th>
          <th scope="col">Already here: not added again</th>
        </tr>
      </thead>
      <tbody>
        <tr data-row="events">
          <th scope="row">Events in the chronology of {childName}</th>
          <td>{c.new_events}</td>
          <td>{c.duplicate_events}</td>
        </tr>
        <tr data-row="adults">
          <th scope="row">Adults of the household</th>
          <td>{countAndNames(c.new_adults)}</td>
          <td>{c.known_adults}</td>
        </tr>
        <tr data-row="members">
          <th scope="row">Other children of the household</th>
          <td>{countAndNames(c.new_members)}</td>
          <td>{c.known_members}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function ImportChecklists() {
  const [passphrase, setPassphrase] = useState("");
  const [choice, setChoice] = useState<ImportChoice | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const chooseButton = useRef<HTMLButtonElement>(null);

  const choose = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice("");
    setReport(null);
    setChoice(null);
    try {
      const c = await api.chooseImport(passphrase);
      if (c) setChoice(c);
      else setNotice("No file was chosen: nothing was imported.");
    } catch (err) {
      const p = problemOf(err);
      setError({ message: p.message, field: p.field });
      if (p.field === "passphrase") document.getElementById("import-passphrase")?.focus();
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!choice) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.importFile(choice, passphrase);
      setReport(r);
      setChoice(null);
      setPassphrase("");
      requestAnimationFrame(() => document.getElementById("import-report")?.focus());
    } catch (err) {
      setError({ message: problemOf(err).message, field: null });
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    setChoice(null);
    setNotice("Nothing was imported.");
    requestAnimationFrame(() => chooseButton.current?.focus());
  };

  const plan = choice?.plan;
  return (
    <section class="card import" aria-labelledby="import-title">
      <h2 id="import-title">Import checklists from another agency</h2>
      <p>
        Adds the finalised checklists in an exchange file made by Neglect Toolkit: the child is matched by name and date
        of birth, or added. You see what will happen before anything is imported, and nothing already here is changed.
      </p>
      <form onSubmit={choose} noValidate>
        {error && error.field !== "passphrase" && <ErrorMessage message={error.message} id="import-error" />}
        <TextField id="import-passphrase" label="Passphrase of the file (if it is encrypted)" error={error?.field === "passphrase" ? error.message : null} value={passphrase} onValue={setPassphrase} input={{ type: "password", autocomplete: "off" }} />
        <button type="submit" ref={chooseButton} disabled={busy} id="import-choose">
          {busy && !choice ? "Reading the file…" : "Choose a file to import"}
        </button>
      </form>
      <p role="status" class="done" id="import-notice">
        {notice}
      </p>
      {choice && plan && (
        <ConfirmStep
          confirmLabel={importLabel(plan)}
          onConfirm={confirm}
          onCancel={cancel}
          busy={busy}
          disabled={!plan.can_import || nothingNew(plan)}
        >
          <div id="import-plan">
            <h3>What importing this file will do</h3>
            <p class={plan.can_import ? "import-summary" : "import-summary error"}>{plan.summary}</p>
            <dl class="details">
              <div>
                <dt>File</dt>
                <dd class="import-path">{choice.file_name}</dd>
              </div>
              <div>
                <dt>Made by</dt>
                <dd>
                  {plan.exported_by}, {formatStamp(plan.exported_at)}
                  {plan.encrypted ? " (encrypted)" : " (not encrypted)"}
                </dd>
              </div>
              <div>
                <dt>Child</dt>
                <dd class="import-child">
                  <span class="import-child-name">{plan.child.name}</span>, {plan.child.unborn ? "due" : "born"}{" "}
                  {formatDate(plan.child.date_of_birth)}.{" "}
                  {plan.child.existing_id !== null ? (
                    <>
                      Already here: <a href={`#/child/${plan.child.existing_id}`}>open the record</a>.
                    </>
                  ) : (
                    "New here: the child will be added."
                  )}
                </dd>
              </div>
            </dl>
            {plan.child.similar.length > 0 && (
              <div class="warning-text" id="import-similar">
                <p>
                  <strong>This may be a child already here.</strong> If it is, correct their record first (date of
                  birth, name), then choose the file again: the checklists will go to that child instead of a new one.
                </p>
                <ul>
                  {plan.child.similar.map((c) => (
                    <li key={c.id}>
                      <a href={`#/child/${c.id}`}>{c.name}</a>, {c.unborn ? "due" : "born"} {formatDate(c.date_of_birth)}{" "}
                      ({c.why})
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {plan.child.differences.length > 0 && (
              <div class="warning-text">
                <p>The file's details differ from the record here. The record here is not changed:</p>
                <ul>
                  {plan.child.differences.map((d, k) => (
                    <li key={k}>{d}</li>
                  ))}
                </ul>
              </div>
            )}
            <table class="list import-table">
              <caption class="sr-only">The checklists in the file and what will happen to each</caption>
              <thead>
                <tr>
                  <th scope="col">Checklist</th>
                  <th scope="col">Assessor</th>
                  <th scope="col">What will happen</th>
                </tr>
              </thead>
              <tbody>
                {plan.assessments.map((p) => (
                  <tr key={p.reference} data-outcome={p.outcome.kind}>
                    <th scope="row">
                      {formatDate(p.assessed_on)}
                      {p.amends !== null && (
                        <span class="hint">
                          {" "}
                          (corrects checklist {p.amends} in the file. {amendedByText(p.amended_by, null)})
                        </span>
                      )}
                    </th>
                    <td>
                      {p.assessor.name}
                      {p.assessor.role && `, ${p.assessor.role}`} ({p.assessor.agency})
                    </td>
                    <td>
                      <OutcomeTag p={p} /> {outcomeText(p)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {!plan.can_import && (
              <p class="error" id="import-refused">
                This file cannot be imported: a file with any refused checklist is not imported at all. Ask the sender for
                a corrected export.
              </p>
            )}
            {plan.can_import && nothingNew(plan) && <p>There is nothing new to import.</p>}
          </div>
          <ChronologyCounts chronology={plan.chronology} childName={plan.child.name} />
        </ConfirmStep>
      )}
      {report && (
        <div class="banner done" id="import-report" tabIndex={-1}>
          <p>{report.summary}</p>
          <p>
            <a href={`#/child/${report.child_id}`} id="import-open-child">
              Open the child's record
            </a>
          </p>
        </div>
      )}
    </section>
  );
}

/** "YYYY-MM-DD" a year before `iso`. */
function yearBefore(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${Number(y) - 1}-${m}-${m === "02" && d === "29" ? "28" : d}`;
}

export function PartnershipDataset() {
  const today = todayIso();
  const [from, setFrom] = useState(yearBefore(today));
  const [to, setTo] = useState(today);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setStatus("");
    setError(null);
    try {
      const path = await api.exportDataset(from, to);
      setStatus(path ? `Saved to ${path}.` : "No file was chosen: nothing was saved.");
    } catch (err) {
      const p = problemOf(err);
      setError({ message: p.message, field: p.field });
      if (p.field === "from" || p.field === "to") document.getElementById(`dataset-${p.field}`)?.focus();
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (f: string) => (error?.field === f ? error.message : null);
  const dateField = (field: "from" | "to", label: string, value: string, set: (v: string) => void) => (
    <DateField id={`dataset-${field}`} label={label} error={fieldError(field)} value={value} onValue={set} />
  );

  return (
    <form class="card" onSubmit={save} aria-labelledby="dataset-title" noValidate>
      <h2 id="dataset-title">Partnership dataset</h2>
      <p>
        One row per child for the period, for the safeguarding partnership: a code in place of each child, no names, no
        dates of birth and no written evidence. Saved as a CSV file where you choose.
      </p>
      {error && error.field !== "from" && error.field !== "to" && <ErrorMessage message={error.message} id="dataset-error" />}
      <div class="field-row">
        {dateField("from", "From", from, setFrom)}
        {dateField("to", "To", to, setTo)}
      </div>
      <button type="submit" disabled={busy} id="dataset-save">
        {busy ? "Saving…" : "Save the partnership dataset"}
      </button>
      <p role="status" class="done" id="dataset-status">
        {status}
      </p>
    </form>
  );
}
