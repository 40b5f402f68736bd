import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { BackupReport } from "../bindings/BackupReport";
import type { LanguageStatus } from "../bindings/LanguageStatus";
import type { LogoView } from "../bindings/LogoView";
import type { PractitionerDetails } from "../bindings/PractitionerDetails";
import { ErrorMessage, PageTitle, TextField } from "../components";
import { problemOf } from "../problem";
import { ImportChecklists, PartnershipDataset } from "./Sharing";

type Props = { onLock: () => void; onLockedWithNotice: (message: string) => void };

export function Settings({ onLock, onLockedWithNotice }: Props) {
  return (
    <>
      <PageTitle>Settings</PageTitle>
      <PractitionerForm />
      <OrganisationLogo />
      <FamilyLanguages />
      <ImportChecklists />
      <PartnershipDataset />
      <ChangePassphrase />
      <Backup />
      <Restore onLockedWithNotice={onLockedWithNotice} />
      <section aria-labelledby="lock-title" class="card">
        <h2 id="lock-title">Lock</h2>
        <p>Closes the records until the passphrase is entered again. Lock whenever you leave the computer.</p>
        <button type="button" class="primary" onClick={onLock}>
          Lock now
        </button>
        <IdleLock />
      </section>
    </>
  );
}

const PRACTITIONER_FIELDS: [keyof PractitionerDetails, string, string][] = [
  ["organisation", "Organisation", "organization"],
  ["team", "Team", "off"],
  ["name", "Your name", "name"],
  ["role", "Your role", "organization-title"],
  ["telephone", "Telephone", "tel"],
  ["email", "E-mail", "email"],
];

/** Who the family summary tells the family to contact (the lead practitioner), and their organisation. */
function PractitionerForm() {
  const [form, setForm] = useState<PractitionerDetails | null>(null);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.practitionerDetails().then(setForm, (e) => setError({ message: problemOf(e).message, field: null }));
  }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    setDone("");
    setError(null);
    try {
      setForm(await api.setPractitionerDetails(form));
      setDone("Saved. The family summary gives these details as the person to contact.");
    } catch (err) {
      const p = problemOf(err);
      setError({ message: p.message, field: p.field });
      if (p.field) document.getElementById(`practitioner-${p.field}`)?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="practitioner-title" class="card">
      <h2 id="practitioner-title">Your organisation and contact details</h2>
      <p class="hint">The family summary names you as the person to contact, with this telephone number and e-mail.</p>
      {form && (
        <form onSubmit={submit} noValidate>
          {PRACTITIONER_FIELDS.map(([key, label, autocomplete]) => (
            <TextField id={`practitioner-${key}`} label={label} error={error?.field === key ? error.message : null} key={key} value={form[key]} onValue={(v) => setForm({ ...form, [key]: v })} input={{ type: key === "email" ? "email" : key === "telephone" ? "tel" : "text", autocomplete }} />
          ))}
          <ErrorMessage message={error && !error.field ? error.message : null} />
          <button type="submit" class="primary" disabled={busy}>
            Save contact details
          </button>
          <p role="status" class="done" id="practitioner-status">
            {done}
          </p>
        </form>
      )}
    </section>
  );
}

const counts = (r: BackupReport) =>
  `${r.children} ${r.children === 1 ? "child" : "children"}, ${r.assessments} ${
    r.assessments === 1 ? "checklist" : "checklists"
  }, ${r.audit_entries} audit log entries`;

function ChangePassphrase() {
  const [old, setOld] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone("");
    setError(null);
    if (next !== repeat) {
      setError({ message: "The two new passphrases are not the same. Please type them again.", field: "repeat" });
      document.getElementById("new-passphrase-repeat")?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.changePassphrase(old, next);
      setOld("");
      setNext("");
      setRepeat("");
      setDone("The passphrase has been changed. Use the new one from now on; backups made before keep the old one.");
    } catch (err) {
      const p = problemOf(err);
      // A wrong old passphrase comes back without a field: it belongs to the first box.
      const field = p.kind === "wrong_passphrase" ? "old" : p.field === "passphrase" ? "new" : p.field;
      setError({ message: p.message, field });
      if (field) document.getElementById(field === "old" ? "old-passphrase" : "new-passphrase")?.focus();
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (f: string) => (error?.field === f ? error.message : null);
  const box = (id: string, label: string, value: string, set: (v: string) => void, field: string, autocomplete: string) => (
    <TextField id={id} label={label} error={fieldError(field)} value={value} onValue={set} input={{ type: "password", autocomplete }} />
  );

  return (
    <form class="card" onSubmit={submit} aria-labelledby="passphrase-title" noValidate>
      <h2 id="passphrase-title">Change the passphrase</h2>
      <p class="hint">
        Hard to guess: four or five uncommon words work well, and the app says how to strengthen one that is too easy.
        There is no way to recover a lost passphrase.
      </p>
      {error && !["old", "new", "repeat"].includes(error.field ?? "") && <ErrorMessage message={error.message} />}
      {box("old-passphrase", "Current passphrase", old, setOld, "old", "current-password")}
      {box("new-passphrase", "New passphrase", next, setNext, "new", "new-password")}
      {box("new-passphrase-repeat", "Type the new passphrase again", repeat, setRepeat, "repeat", "new-password")}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? "Changing the passphrase… (every record is encrypted again)" : "Change the passphrase"}
      </button>
      <p role="status" class="done" id="passphrase-done">
        {done}
      </p>
    </form>
  );
}

function Backup() {
  const [report, setReport] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const backup = async () => {
    setBusy(true);
    setError(null);
    setReport("");
    try {
      const r = await api.backup();
      setReport(r ? `Backup saved and checked: ${r.path} (${counts(r)}).` : "No backup was made: no file was chosen.");
    } catch (e) {
      setError(problemOf(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="backup-title" class="card">
      <h2 id="backup-title">Back up</h2>
      <p>
        A backup is one file, encrypted with the current passphrase. Keep it somewhere safe that your organisation
        approves, not on the same computer only.
      </p>
      <ErrorMessage message={error} />
      <button type="button" class="primary" onClick={backup} disabled={busy}>
        {busy ? "Backing up…" : "Back up now"}
      </button>
      <p role="status" class="done" id="backup-report">
        {report}
      </p>
    </section>
  );
}

function Restore({ onLockedWithNotice }: { onLockedWithNotice: (message: string) => void }) {
  const [passphrase, setPassphrase] = useState("");
  const [report, setReport] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reapplied = (r: BackupReport) =>
    r.erasures_reapplied > 0
      ? ` ${r.erasures_reapplied} ${r.erasures_reapplied === 1 ? "child" : "children"} erased here after the backup was made ${r.erasures_reapplied === 1 ? "was" : "were"} erased again.`
      : "";
  const run = async (how: "backup" | "undo") => {
    setBusy(true);
    setError(null);
    setReport("");
    try {
      const r = how === "backup" ? await api.restore(passphrase) : await api.undoRestore(passphrase);
      setPassphrase("");
      setReport(
        !r
          ? "Nothing was restored: no file was chosen."
          : how === "undo"
            ? `The last restore was undone: the records are back as they were before it (${counts(r)}).${reapplied(r)}`
            : `Restored from ${r.path} (${counts(r)}).${reapplied(r)} The records before the restore were kept beside the database: "Undo the last restore" brings them back.`,
      );
    } catch (err) {
      const message = problemOf(err).message;
      // The app closes the records while restoring: if they are still closed, unlock again.
      const status = await api.appStatus().catch(() => null);
      if (status && !status.unlocked) onLockedWithNotice(`The restore did not work: ${message} The records were locked; enter your passphrase to open them.`);
      else setError(message);
    } finally {
      setBusy(false);
    }
  };
  const restore = (e: Event) => {
    e.preventDefault();
    void run("backup");
  };
  return (
    <form class="card" onSubmit={restore} aria-labelledby="restore-title" noValidate>
      <h2 id="restore-title">Restore from a backup</h2>
      <p>
        Replaces every record on this computer with the backup's, after checking the backup. The records as they are
        now are kept beside the database until the next restore, and "Undo the last restore" brings them back. A child
        erased here stays erased, even when the backup is older than the erasure.
      </p>
      <ErrorMessage message={error} />
      <TextField id="restore-passphrase" label="Passphrase" hint="The passphrase of the backup, which must also open the records now on this computer." value={passphrase} onValue={setPassphrase} input={{ type: "password", autocomplete: "current-password" }} />
      <button type="submit" disabled={busy}>
        {busy ? "Restoring…" : "Choose a backup and restore"}
      </button>{" "}
      <button type="button" id="undo-restore" disabled={busy} onClick={() => void run("undo")}>
        Undo the last restore
      </button>
      <p role="status" class="done" id="restore-report">
        {report}
      </p>
    </form>
  );
}

/** How long the records may be left alone before the app locks itself. */
function IdleLock() {
  const [minutes, setMinutes] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState("");

  useEffect(() => {
    api.idleLockMinutes().then((m) => setMinutes(String(m))).catch((e) => setError(problemOf(e).message));
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setDone("");
    try {
      await api.setIdleLockMinutes(Number(minutes));
      setDone(`The records will lock after ${minutes} minutes without use.`);
    } catch (err) {
      setError(problemOf(err).message);
    }
  };

  return (
    <form onSubmit={save} class="idle-lock">
      <TextField id="idle-minutes" label="Lock after this many minutes without use" hint="From 1 to 120 minutes." error={error} value={minutes} onValue={setMinutes} input={{ type: "number", min: 1, max: 120, inputMode: "numeric" }} />
      <button type="submit">Save</button>
      <p role="status" class="hint">
        {done}
      </p>
    </form>
  );
}

/** How far each language of the family summary has been checked by a speaker of it. */
function FamilyLanguages() {
  const [languages, setLanguages] = useState<LanguageStatus[] | null>(null);
  useEffect(() => {
    api.familyLanguages().then(setLanguages, () => setLanguages([]));
  }, []);
  return (
    <section aria-labelledby="languages-title" class="card">
      <h2 id="languages-title">Languages of the family summary</h2>
      <p class="hint">
        The family summary can be printed in each of these; you choose when printing. A phrase counts as reviewed once a
        speaker of the language has checked our wording.
      </p>
      <ul id="family-languages">
        {(languages ?? []).map((l) => (
          <li key={l.language}>
            {l.name}: {l.reviewed} of {l.phrases} phrases reviewed{l.language === "english" ? "" : ` by a ${l.name.split(" ")[0]} speaker`}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The organisation's logo, printed at the head of both summaries. The preview is a data: URL,
 * which the app's content policy allows for images; nothing is loaded from outside.
 */
function OrganisationLogo() {
  const [logo, setLogo] = useState<LogoView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.logo().then(
      (l) => {
        setLogo(l);
        setLoaded(true);
      },
      (e) => setError(problemOf(e).message),
    );
  }, []);
  const run = async (how: "choose" | "remove") => {
    setBusy(true);
    setError(null);
    setDone("");
    try {
      if (how === "choose") {
        const chosen = await api.chooseLogo();
        if (chosen) setLogo(chosen);
        setDone(chosen ? "Saved. Both summaries print this logo at the top of their first page." : "No file was chosen: the logo is unchanged.");
      } else {
        await api.removeLogo();
        setLogo(null);
        setDone("The logo was removed: the summaries print none.");
      }
    } catch (e) {
      // A refused file changes nothing: the preview still shows the logo that is kept.
      setError(problemOf(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="logo-title" class="card">
      <h2 id="logo-title">Your organisation's logo</h2>
      <p class="hint" id="logo-hint">
        Optional. Printed at the top of the first page of the core-group and family summaries. A PNG or JPEG picture of at
        most 512 KB and 1000 pixels a side.
      </p>
      <ErrorMessage message={error} id="logo-error" />
      {loaded && (
        <div class="logo-preview" id="logo-preview">
          {logo ? (
            <figure>
              <img src={logo.data_url} alt="The logo the summaries print" width={logo.width} height={logo.height} />
              <figcaption>{logo.description}</figcaption>
            </figure>
          ) : (
            <p>No logo: the summaries print none.</p>
          )}
        </div>
      )}
      <button type="button" id="choose-logo" aria-describedby="logo-hint" disabled={busy} onClick={() => void run("choose")}>
        {logo ? "Choose another logo…" : "Choose a logo…"}
      </button>{" "}
      {logo && (
        <button type="button" id="remove-logo" disabled={busy} onClick={() => void run("remove")}>
          Remove the logo
        </button>
      )}
      <p role="status" class="done" id="logo-status">
        {done}
      </p>
    </section>
  );
}
