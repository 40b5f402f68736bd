// The core group's meeting: who came, who was expected and did not, the grade agreed for each
// area with any agency's dissent; and the meetings recorded, each missing agency said in words.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { Area } from "../bindings/Area";
import type { MeetingView } from "../bindings/MeetingView";
import { BRITISH_SPELLING, ErrorMessage, DateField, Field, Loading, PageTitle, Tag, useLoad } from "../components";
import { formatDate, todayIso } from "../dates";
import { GRADE_MEANINGS } from "../labels";
import { problemOf } from "../problem";
import { ChildBreadcrumbs } from "../screens/History";
import { namesFrom } from "./words";

type DissentRow = { agency: string; reason: string };
type AreaRow = { grade: string; dissent: DissentRow[] };

/** What is typed, kept whole when the core refuses it. */
type Typed = {
  heldOn: string;
  healthPresent: boolean;
  educationPresent: boolean;
  otherPresent: string;
  healthNotInvolved: boolean;
  educationNotInvolved: boolean;
  otherAbsent: string;
  areas: Record<string, AreaRow>;
};

const EMPTY = (): Typed => ({
  heldOn: todayIso(),
  healthPresent: false,
  educationPresent: false,
  otherPresent: "",
  healthNotInvolved: false,
  educationNotInvolved: false,
  otherAbsent: "",
  areas: {},
});

export function MeetingPage({ childId }: { childId: number }) {
  const child = useLoad(() => api.getChild(childId), [childId]);
  const checklist = useLoad(() => api.checklist(), []);
  const meetings = useLoad(() => api.meetingViews(childId), [childId]);
  const name = child.data?.name;
  return (
    <>
      <ChildBreadcrumbs childId={childId} name={name} />
      <PageTitle>{name ? `Core group meetings: ${name}` : "Core group meetings"}</PageTitle>
      <ErrorMessage message={child.error ?? checklist.error ?? meetings.error} />
      {checklist.data ? (
        <MeetingForm childId={childId} areas={checklist.data.areas} onRecorded={meetings.reload} />
      ) : (
        !checklist.error && <Loading what="the areas" />
      )}
      <section aria-labelledby="meetings-title">
        <h2 id="meetings-title">Meetings recorded</h2>
        {meetings.data && <MeetingList meetings={meetings.data} areas={checklist.data?.areas ?? []} />}
      </section>
    </>
  );
}

function MeetingForm({ childId, areas, onRecorded }: { childId: number; areas: Area[]; onRecorded: () => void }) {
  const [typed, setTyped] = useState<Typed>(EMPTY);
  const [error, setError] = useState<{ message: string; field: string | null; focus?: string } | null>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  // The field at fault takes the focus once the error is drawn beside it.
  useEffect(() => {
    if (error?.focus) document.getElementById(error.focus)?.focus();
  }, [error]);
  const set = <K extends keyof Typed>(key: K, value: Typed[K]) => setTyped({ ...typed, [key]: value });
  const row = (id: string): AreaRow => typed.areas[id] ?? { grade: "", dissent: [] };
  const setRow = (id: string, r: AreaRow) => set("areas", { ...typed.areas, [id]: r });
  const fieldError = (field: string) => (error?.field === field ? error.message : null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone("");
    const present = [
      ...(typed.healthPresent ? ["Health"] : []),
      ...(typed.educationPresent ? ["Education"] : []),
      ...namesFrom(typed.otherPresent),
    ];
    const notInvolved = [...(typed.healthNotInvolved ? ["Health"] : []), ...(typed.educationNotInvolved ? ["Education"] : [])];
    const agreed = areas
      .filter((a) => row(a.id).grade !== "")
      .map((a) => ({ area_id: a.id, grade: Number(row(a.id).grade), dissent: row(a.id).dissent }));
    // A dissent typed for an area with no agreed grade would be lost: say so rather than drop it.
    const orphan = areas.find((a) => row(a.id).grade === "" && row(a.id).dissent.some((d) => d.agency.trim() || d.reason.trim()));
    if (orphan) {
      setError({
        message: `A disagreement is recorded for ${orphan.name}, but no agreed grade: choose the grade it disagrees with.`,
        field: "agreed",
        focus: `agreed-${orphan.id}`,
      });
      setBusy(false);
      return;
    }
    try {
      const m = await api.recordMeeting(childId, {
        held_on: typed.heldOn,
        agencies_present: present,
        agencies_absent: namesFrom(typed.otherAbsent),
        not_involved: notInvolved,
        agreed,
      });
      setTyped(EMPTY());
      setDone(`The core group meeting of ${formatDate(m.held_on)} is recorded.`);
      onRecorded();
    } catch (err) {
      // What was typed stays; the field at fault takes the focus.
      const p = problemOf(err);
      const target: Record<string, string> = {
        held_on: "meeting-held-on",
        agencies_present: "meeting-health-present",
        agencies_absent: "meeting-other-absent",
        not_involved: "meeting-health-not-involved",
        agreed: "agreed-error",
      };
      setError({ message: p.message, field: p.field, focus: p.field ? target[p.field] : undefined });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card wide meeting-form" onSubmit={submit} aria-labelledby="record-meeting-title" noValidate id="meeting-form">
      <h2 id="record-meeting-title">Record a core group meeting</h2>
      {error && !error.field && <ErrorMessage message={error.message} />}
      <DateField id="meeting-held-on" label="Date of the meeting" error={fieldError("held_on")} value={typed.heldOn} max={todayIso()} onValue={(v) => set("heldOn", v)} />
      <fieldset class={error?.field === "agencies_present" ? "field field-invalid" : "field"}>
        <legend class="label">Agencies present</legend>
        <p class="hint" id="meeting-present-hint">
          Health and education are expected at every core group unless marked not involved below.
        </p>
        {error?.field === "agencies_present" && (
          <p class="error" id="meeting-present-error">
            {error.message}
          </p>
        )}
        <Check id="meeting-health-present" label="Health" checked={typed.healthPresent} onChange={(v) => set("healthPresent", v)} />
        <Check
          id="meeting-education-present"
          label="Education"
          checked={typed.educationPresent}
          onChange={(v) => set("educationPresent", v)}
        />
        <label for="meeting-other-present">Other agencies present, one a line</label>
        <textarea
          id="meeting-other-present"
          rows={3}
          value={typed.otherPresent}
          onInput={(e) => set("otherPresent", e.currentTarget.value)}
          aria-describedby={error?.field === "agencies_present" ? "meeting-present-error" : "meeting-present-hint"}
        />
      </fieldset>
      <fieldset class="field">
        <legend class="label">Agencies expected</legend>
        <Check
          id="meeting-health-not-involved"
          label="Health is not involved with this child"
          checked={typed.healthNotInvolved}
          onChange={(v) => set("healthNotInvolved", v)}
        />
        <Check
          id="meeting-education-not-involved"
          label="Education is not involved with this child"
          checked={typed.educationNotInvolved}
          onChange={(v) => set("educationNotInvolved", v)}
        />
        {error?.field === "not_involved" && <p class="error">{error.message}</p>}
        <Field
          id="meeting-other-absent"
          label="Other agencies expected but absent, one a line"
          hint="Health and education are added by themselves when they were not there."
          error={fieldError("agencies_absent")}
        >
          {(describedBy, invalid) => (
            <textarea
              id="meeting-other-absent"
              rows={2}
              value={typed.otherAbsent}
              onInput={(e) => set("otherAbsent", e.currentTarget.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
      </fieldset>
      <h3>The grade agreed for each area</h3>
      <p class="hint">
        Leave an area as “not agreed” when the meeting did not agree a grade. The history and the summaries show an agreed grade as
        agreed, beside the practitioners' own.
      </p>
      {error?.field === "agreed" && (
        <p class="error" id="agreed-error" tabIndex={-1} role="alert">
          {error.message}
        </p>
      )}
      {areas.map((area) => {
        const r = row(area.id);
        return (
          <fieldset key={area.id} class="agreed-area" data-area-id={area.id}>
            <legend>{area.name}</legend>
            <div class="field">
              <label for={`agreed-${area.id}`}>Agreed grade for {area.name}</label>
              <select id={`agreed-${area.id}`} value={r.grade} onChange={(e) => setRow(area.id, { ...r, grade: e.currentTarget.value })}>
                <option value="">Not agreed</option>
                {GRADE_MEANINGS.map((meaning, i) => (
                  <option key={i} value={String(i + 1)}>
                    {i + 1}: {meaning}
                  </option>
                ))}
              </select>
            </div>
            {r.dissent.map((d, k) => (
              <div class="field-row dissent" key={k}>
                <div class="field">
                  <label for={`dissent-${area.id}-${k}-agency`}>Agency that disagrees</label>
                  <input
                    id={`dissent-${area.id}-${k}-agency`}
                    value={d.agency}
                    autocomplete="off"
                    onInput={(e) =>
                      setRow(area.id, { ...r, dissent: r.dissent.map((x, j) => (j === k ? { ...x, agency: e.currentTarget.value } : x)) })
                    }
                  />
                </div>
                <div class="field">
                  <label for={`dissent-${area.id}-${k}-reason`}>Its reason</label>
                  <textarea
                    {...BRITISH_SPELLING}
                    id={`dissent-${area.id}-${k}-reason`}
                    rows={2}
                    value={d.reason}
                    onInput={(e) =>
                      setRow(area.id, { ...r, dissent: r.dissent.map((x, j) => (j === k ? { ...x, reason: e.currentTarget.value } : x)) })
                    }
                  />
                </div>
                <div class="field">
                  <button type="button" onClick={() => setRow(area.id, { ...r, dissent: r.dissent.filter((_, j) => j !== k) })}>
                    Remove<span class="sr-only"> this disagreement about {area.name}</span>
                  </button>
                </div>
              </div>
            ))}
            <button
              type="button"
              id={`add-dissent-${area.id}`}
              onClick={() => setRow(area.id, { ...r, dissent: [...r.dissent, { agency: "", reason: "" }] })}
            >
              Add an agency that disagrees<span class="sr-only"> about {area.name}</span>
            </button>
          </fieldset>
        );
      })}
      <p class="form-actions">
        <button type="submit" class="primary" disabled={busy} id="record-meeting">
          Record the meeting
        </button>
      </p>
      <p role="status" class="done" id="meeting-recorded">
        {done}
      </p>
    </form>
  );
}

function Check({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div class="field checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <label for={id}>{label}</label>
    </div>
  );
}

/** Newest first; an agency expected and missing is said in words, never by colour alone. */
function MeetingList({ meetings, areas }: { meetings: MeetingView[]; areas: Area[] }) {
  if (meetings.length === 0) return <p class="empty">No core group meeting has been recorded.</p>;
  const areaName = (id: string) => areas.find((a) => a.id === id)?.name ?? id;
  return (
    <ul class="records meetings">
      {[...meetings].reverse().map(({ meeting: m, missing }) => (
        <li key={m.id} data-meeting-id={m.id}>
          <p class="record-title">Core group meeting of {formatDate(m.held_on)}</p>
          <p>Present: {m.agencies_present.join(", ")}.</p>
          {missing.length > 0 ? (
            <p class="missing-agencies">
              <Tag tone="warn">Agency missing</Tag> Expected but not present: {missing.join(", ")}.
            </p>
          ) : (
            <p>Every agency expected was present.</p>
          )}
          {m.not_involved.length > 0 && <p>Not involved with the child: {m.not_involved.join(", ")}.</p>}
          {m.agreed.length === 0 ? (
            <p>No grade was agreed.</p>
          ) : (
            <ul class="plain-list">
              {m.agreed.map((g) => (
                <li key={g.area_id}>
                  {areaName(g.area_id)}: grade {g.grade} agreed
                  {g.dissent.map((d, k) => (
                    <span key={k}>
                      ; {d.agency} disagrees: {d.reason}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
