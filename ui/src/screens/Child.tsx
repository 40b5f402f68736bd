import { useState } from "preact/hooks";
import { api } from "../api";
import type { Assessment } from "../bindings/Assessment";
import type { FamilyLanguage } from "../bindings/FamilyLanguage";
import type { ReportKind } from "../bindings/ReportKind";
import type { Child } from "../bindings/Child";
import { ConfirmStep, ErrorMessage, Loading, PageTitle, Tag, TextField, useLoad } from "../components";
import { amendedByText } from "../amendment";
import { ageText, formatDate } from "../dates";
import { PLAN_LABELS } from "../labels";
import { problemOf } from "../problem";
import { FamilyCheck } from "./FamilyCheck";
import { MissedAppointments } from "./Timeline";
import { HouseholdAdults } from "./Adults";
import { navigate } from "../route";
import { OversightOnChild } from "../oversight/OnChild";
import { ChildPlans } from "../plans/Plans";

export function ChildPage({ id }: { id: number }) {
  const child = useLoad(() => api.getChild(id), [id]);
  const assessments = useLoad(() => api.listAssessments(id), [id]);
  const c = child.data;

  return (
    <>
      <p class="breadcrumbs">
        <a href="#/">Children</a>
        {c?.household_id && (
          <>
            {" › "}
            <a href={`#/household/${c.household_id}`}>{c.household_name}</a>
          </>
        )}
      </p>
      <PageTitle>{c ? c.name : "Child"}</PageTitle>
      <ErrorMessage message={child.error ?? assessments.error} />
      {!c && !child.error && <Loading what="the child's record" />}
      {c && (
        <>
          <ChildDetails child={c} />
          <MissedAppointments childId={id} />
          <div class="actions">
            <a class="button primary" href={`#/child/${id}/start`}>
              Start a checklist
            </a>
            <a class="button" href={`#/child/${id}/history`} id="history-link">
              History and change over time
            </a>
            <a class="button" href={`#/child/${id}/audit`} id="audit-link">
              Audit trail
            </a>
            <a class="button" href={`#/child/${id}/timeline`} id="timeline-link">
              Chronology
            </a>
            <a class="button" href={`#/child/${id}/edit`}>
              Edit details
            </a>
          </div>
          {c.household_id !== null && <HouseholdAdults householdId={c.household_id} childId={id} />}
          <section aria-labelledby="checklists-title">
            <h2 id="checklists-title">Checklists</h2>
            {assessments.data && <ChecklistList assessments={assessments.data} />}
          </section>
          {assessments.data && <OversightOnChild childId={id} assessments={assessments.data} />}
          <ChildPlans childId={id} householdId={c.household_id} onPlansChange={child.reload} />
          <PrintAndShare child={c} />
          <SubjectAccessCopy childId={c.id} />
          <EraseChild child={c} />
        </>
      )}
    </>
  );
}

function ChildDetails({ child: c }: { child: Child }) {
  return (
    <dl class="details">
      <div>
        <dt>{c.unborn ? "Expected date of birth" : "Date of birth"}</dt>
        <dd>
          {formatDate(c.date_of_birth)} ({ageText(c.date_of_birth, c.unborn)})
        </dd>
      </div>
      <div>
        <dt>Household</dt>
        <dd>{c.household_id ? <a href={`#/household/${c.household_id}`}>{c.household_name}</a> : "None recorded"}</dd>
      </div>
      <div>
        <dt>Child protection plan</dt>
        <dd>
          {c.plan_category
            ? `${PLAN_LABELS[c.plan_category]}${c.plan_start ? `, since ${formatDate(c.plan_start)}` : ""}`
            : "No plan"}
        </dd>
      </div>
      <div>
        <dt>Checklist repeated</dt>
        <dd>every {c.review_interval_months === 1 ? "month" : `${c.review_interval_months} months`}</dd>
      </div>
      <div>
        <dt>Disability or long-term condition</dt>
        <dd class="multiline">{c.has_disability ? c.disability_needs || "Recorded" : "None recorded"}</dd>
      </div>
      {c.communication_needs && (
        <div>
          <dt>Communication needs</dt>
          <dd class="multiline">{c.communication_needs}</dd>
        </div>
      )}
    </dl>
  );
}

/** Newest first; an amendment names the checklist it corrects and why. */
function ChecklistList({ assessments }: { assessments: Assessment[] }) {
  if (assessments.length === 0) return <p class="empty">No checklist has been started for this child.</p>;
  const byId = new Map(assessments.map((a) => [a.id, a]));
  return (
    <ul class="records">
      {[...assessments].reverse().map((a) => {
        const original = a.amends !== null ? byId.get(a.amends) : undefined;
        return (
          <li key={a.id} data-assessment-id={a.id}>
            <p class="record-title">
              <a href={`#/checklist/${a.id}`}>Checklist of {formatDate(a.assessed_on)}</a>{" "}
              {a.status === "finalised" ? <Tag tone="done">Finalised</Tag> : <Tag>Draft</Tag>}
            </p>
            <p>
              By {a.assessor.name}
              {a.assessor.role && `, ${a.assessor.role}`} ({a.assessor.agency}). Review round {a.review_round}.
            </p>
            {a.amends !== null && (
              <p>
                Amendment of the checklist of {original ? formatDate(original.assessed_on) : `number ${a.amends}`}
                {original?.finalised_at && ` finalised on ${formatDate(original.finalised_at.slice(0, 10))}`}. Reason:{" "}
                {a.amendment_reason} <span class="amended-by">{amendedByText(a.amended_by, a.amended_at)}.</span>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function EraseChild({ child }: { child: Child }) {
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameMatches = typed.trim() === child.name.trim();

  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.eraseChild(child.id);
      navigate({ screen: "home" });
    } catch (e) {
      setError(problemOf(e).message);
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="erase-title" class="erase">
      <h2 id="erase-title">Erase this child's record</h2>
      <p>
        For when the record is no longer to be kept. Erasing removes {child.name}'s details, every checklist, grade,
        piece of evidence and action. The audit log keeps only that a record was erased, by whom and when.
      </p>
      {!asking ? (
        <button type="button" class="danger" onClick={() => setAsking(true)}>
          Erase this child's record
        </button>
      ) : (
        <ConfirmStep
          danger
          confirmLabel="Erase for good"
          onConfirm={erase}
          onCancel={() => {
            setAsking(false);
            setTyped("");
          }}
          busy={busy}
          disabled={!nameMatches}
        >
          <p>
            <strong>This cannot be undone.</strong> Backups made before now still hold the record until they are
            destroyed.
          </p>
          <div class="field">
            <label for="erase-name">To confirm, type the child's name: {child.name}</label>
            <input id="erase-name" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} autocomplete="off" />
          </div>
          <ErrorMessage message={error} />
        </ConfirmStep>
      )}
    </section>
  );
}

const REPORTS: [ReportKind, string, string][] = [
  ["core_group", "Print core-group summary", "For professionals: the area profile, the chart over time, change, drift, disagreements and actions."],
  ["family", "Print family summary", "For the family, in plain words: what is going well, the worries, what needs to change and what happens next."],
];

/** The two printed summaries (saved as PDF, then opened in the PDF viewer) and the export for another agency. */
function PrintAndShare({ child }: { child: Child }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState("");
  const [exportStatus, setExportStatus] = useState("");
  const [exportError, setExportError] = useState<{ message: string; field: string | null } | null>(null);
  const [language, setLanguage] = useState<FamilyLanguage>("english");

  const print = async (kind: ReportKind) => {
    setBusy(kind);
    setStatus("");
    setError(null);
    try {
      const path = kind === "family" ? await api.printFamilySummary(child.id, language) : await api.printReport(child.id, kind);
      setStatus(path ? `Saved to ${path}. It has been opened in your PDF viewer to print.` : "No file was chosen: nothing was saved.");
      setSaved(path !== null);
    } catch (e) {
      setError(problemOf(e).message);
    } finally {
      setBusy(null);
    }
  };

  const exportChecklists = async (e: Event) => {
    e.preventDefault();
    setBusy("export");
    setExportStatus("");
    setExportError(null);
    try {
      const path = await api.exportChild(child.id, passphrase);
      setExportStatus(
        path
          ? `Saved to ${path}.${passphrase ? " The file is encrypted: give the passphrase to the other agency separately, for example by phone." : ""}`
          : "No file was chosen: nothing was saved.",
      );
      if (path) setPassphrase("");
    } catch (err) {
      const p = problemOf(err);
      setExportError({ message: p.message, field: p.field });
      if (p.field === "passphrase") document.getElementById("export-passphrase")?.focus();
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="print-title" class="print-share">
      <h2 id="print-title">Print and share</h2>
      <div class="print-share-cards">
        <div class="card">
          <h3>Summaries</h3>
          <p class="hint">Each summary is saved as a PDF where you choose, then opened in your PDF viewer to print.</p>
          <ul class="report-buttons">
            {REPORTS.map(([kind, label, hint]) => (
              <li key={kind}>
                {/* The language is chosen before the button that prints in it. */}
                {kind === "family" && <FamilyLanguageChoice value={language} onChange={setLanguage} />}
                <button type="button" class="primary" id={`print-${kind}`} onClick={() => print(kind)} disabled={busy !== null} aria-describedby={`print-${kind}-hint`}>
                  {busy === kind ? "Preparing…" : label}
                </button>
                <p class="hint" id={`print-${kind}-hint`}>
                  {hint}
                </p>
              </li>
            ))}
          </ul>
          <CopySummary childId={child.id} />
          <ErrorMessage message={error} id="print-error" />
          <p role="status" class="done" id="print-status">
            {status}
          </p>
          {saved && (
            <button type="button" id="show-in-folder" onClick={() => api.showLastSavedInFolder()}>
              Show in folder
            </button>
          )}
        </div>
        <form class="card" onSubmit={exportChecklists} aria-labelledby="export-title" noValidate>
          <h3 id="export-title">Export checklists for another agency</h3>
          <p class="hint">
            One file with {child.name}'s finalised checklists (drafts are never exported), for an agency that uses Neglect
            Toolkit to import.
          </p>
          {exportError && exportError.field !== "passphrase" && <ErrorMessage message={exportError.message} id="export-error" />}
          <TextField id="export-passphrase" label="Passphrase for the file (optional)" hint="At least 8 characters. With a passphrase the file is encrypted; without one anyone who gets the file can read it." error={exportError?.field === "passphrase" ? exportError.message : null} value={passphrase} onValue={setPassphrase} input={{ type: "password", autocomplete: "new-password" }} />
          <button type="submit" disabled={busy !== null} id="export-button">
            {busy === "export" ? "Exporting…" : "Export checklists"}
          </button>
          <p role="status" class="done" id="export-status">
            {exportStatus}
          </p>
        </form>
      </div>
      <FamilyCheck childId={child.id} />
    </section>
  );
}

/**
 * Puts `text` on the clipboard; called straight from the click (the web view allows copying
 * only during a person's own action, so the text is fetched before). A selected, off-screen
 * text box and "copy" first, which WebKitGTK allows; else the asynchronous clipboard. Focus
 * goes back where it was.
 */
function copyToClipboard(text: string): Promise<void> {
  const back = document.activeElement as HTMLElement | null;
  const box = document.createElement("textarea");
  box.value = text;
  box.setAttribute("readonly", "");
  box.setAttribute("aria-hidden", "true");
  box.style.position = "fixed";
  box.style.left = "-10000px";
  document.body.appendChild(box);
  box.select();
  const copied = document.execCommand("copy");
  box.remove();
  back?.focus();
  if (copied) return Promise.resolve();
  if (!navigator.clipboard) return Promise.reject(new Error("The summary could not be put on the clipboard."));
  return navigator.clipboard.writeText(text);
}

/** "Copy summary as text": the core-group summary's key parts, for pasting into the case record. */
function CopySummary({ childId }: { childId: number }) {
  // Fetched when the page opens, so the copy itself happens within the click.
  const text = useLoad(() => api.coreGroupText(childId), [childId]);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const copy = () => {
    setStatus("");
    setError(null);
    if (text.data === null) {
      setError(text.error ?? "The summary is still being prepared: try again in a moment.");
      return;
    }
    copyToClipboard(text.data)
      .then(() =>
        setStatus("Copied: the profile, change, flags, actions and next review are on the clipboard, ready to paste into the case record. They are OFFICIAL-SENSITIVE."),
      )
      .catch((e) => setError(e instanceof Error ? e.message : problemOf(e).message));
  };
  return (
    <div class="copy-summary">
      <button
        type="button"
        id="copy-summary"
        onClick={copy}
        aria-describedby="copy-summary-hint"
        data-ready={text.data === null ? undefined : "true"}
      >
        Copy summary as text
      </button>
      <p class="hint" id="copy-summary-hint">
        The core-group summary's key parts as plain text, for a case-management system that takes pasted text.
      </p>
      <ErrorMessage message={error} id="copy-error" />
      <p role="status" class="done" id="copy-status">
        {status}
      </p>
    </div>
  );
}

/** "Export everything about this child": a PDF and a JSON file for a subject-access request. */
function SubjectAccessCopy({ childId }: { childId: number }) {
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    setBusy(true);
    setError(null);
    setWritten(null);
    api
      .exportSubjectAccess(childId)
      .then((paths) => setWritten(paths))
      .catch((e) => setError(problemOf(e).message))
      .finally(() => setBusy(false));
  };
  return (
    <section aria-labelledby="subject-access-title">
      <h2 id="subject-access-title">Subject-access copy</h2>
      <p class="hint" id="subject-access-hint">
        Every record held about this child and every change recorded about them (the audit trail), as a PDF to read
        and a JSON file with the same records as stored, for a UK GDPR subject-access request. Check what may be
        withheld (such as details of other people) before anything is disclosed.
      </p>
      <button type="button" id="subject-access" onClick={save} disabled={busy} aria-describedby="subject-access-hint">
        Export everything about this child
      </button>
      <ErrorMessage message={error} id="subject-access-error" />
      <div role="status" class="done" id="subject-access-status">
        {written && (
          <>
            Saved:
            <ul>
              {written.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}

/** The language the family summary's fixed phrases print in; what was written prints as written. */
function FamilyLanguageChoice({ value, onChange }: { value: FamilyLanguage; onChange: (l: FamilyLanguage) => void }) {
  const languages = useLoad(() => api.familyLanguages(), []);
  return (
    <div class="field">
      <label for="family-language">Language of the family summary</label>
      <select
        id="family-language"
        value={value}
        onChange={(e) => onChange((e.target as HTMLSelectElement).value as FamilyLanguage)}
        aria-describedby="family-language-hint"
      >
        {(languages.data ?? []).map((l) => (
          <option key={l.language} value={l.language}>
            {l.name}
          </option>
        ))}
      </select>
      <p class="hint" id="family-language-hint">
        The headings and fixed sentences print in this language; the parts you wrote print exactly as written.
        {(languages.data ?? [])
          .filter((l) => l.language === value && l.reviewed < l.phrases)
          .map((l) => ` Our own ${l.name} wording: ${l.reviewed} of ${l.phrases} phrases checked by a speaker so far.`)}
      </p>
    </div>
  );
}
