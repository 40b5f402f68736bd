// A child's multi-agency chronology: every event, oldest first, as a table (the text alternative
// is the screen itself: there is no drawing), filtered by type and agency with ordinary selects,
// so it is operable by keyboard and read in order by a screen reader. Events are added here (for
// this child and, in the same step, any other child of the household) and corrected here; a
// corrected event stays in the table, marked as corrected, beside its correction.
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api";
import type { ChronologyEvent } from "../bindings/ChronologyEvent";
import { ErrorMessage, Loading, PageTitle, Tag, useLoad } from "../components";
import { filterChoices, filterEvents, isCurrent } from "../chronology";
import { EventFormCard } from "../chronology/EventFormCard";
import { formatDate } from "../dates";
import { ChildBreadcrumbs } from "./History";

/** "Not brought to 2 appointments in the last 6 months", on the child page. */
export function MissedAppointments({ childId }: { childId: number }) {
  const count = useLoad(() => api.wasNotBrought(childId), [childId]);
  if (count.data === undefined || count.data === null) return null;
  const n = count.data;
  return (
    <p id="was-not-brought" class={n >= 2 ? "warning-text" : undefined}>
      Missed appointments (was not brought) in the last 6 months: <strong>{n}</strong>
    </p>
  );
}

export function Timeline({ childId }: { childId: number }) {
  const child = useLoad(() => api.getChild(childId), [childId]);
  const events = useLoad(() => api.chronology(childId, true), [childId]);
  const householdId = child.data?.household_id ?? null;
  const household = useLoad(
    () => (householdId === null ? Promise.resolve(null) : api.householdOverview(householdId)),
    [householdId],
  );
  const [kind, setKind] = useState("");
  const [agency, setAgency] = useState("");
  // null: no form open; "add": adding an event; an event: correcting it.
  const [form, setForm] = useState<ChronologyEvent | "add" | null>(null);
  const [status, setStatus] = useState("");
  const name = child.data?.name;
  const all = events.data ?? [];
  const shown = filterEvents(all, { kind, agency });
  const current = all.filter(isCurrent);
  const shownCurrent = shown.filter(isCurrent);
  const kept = shown.length - shownCurrent.length;
  const choices = filterChoices(all);
  const siblings = (household.data?.children ?? [])
    .filter((hc) => hc.child.id !== childId)
    .map((hc) => ({ id: hc.child.id, name: hc.child.name }));
  const open = (which: ChronologyEvent | "add") => {
    setStatus("");
    setForm(which);
  };
  // Where focus goes back to once the form has gone (the button that opened it, or "Add").
  const returnFocus = useRef<string | null>(null);
  useEffect(() => {
    if (form === null && returnFocus.current) document.getElementById(returnFocus.current)?.focus();
    returnFocus.current = null;
  }, [form]);
  const close = (focusId: string) => {
    returnFocus.current = focusId;
    setForm(null);
  };
  const formFor = (which: ChronologyEvent | "add") => (
    <EventFormCard
      key={which === "add" ? "add" : which.id}
      childId={childId}
      childName={name ?? "this child"}
      siblings={siblings}
      correcting={which === "add" ? undefined : which}
      onSaved={(message) => {
        setStatus(message);
        events.reload();
        close("event-add");
      }}
      onCancel={() => close(which === "add" ? "event-add" : `event-correct-${which.id}`)}
    />
  );
  return (
    <>
      <ChildBreadcrumbs childId={childId} name={name} />
      <PageTitle>{name ? `Chronology: ${name}` : "Chronology"}</PageTitle>
      <ErrorMessage message={child.error ?? events.error ?? household.error} />
      {!events.data && !events.error && <Loading what="the chronology" />}
      <p role="status" class="done" id="event-status">
        {status}
      </p>
      {events.data && child.data && (
        <>
          {form === null ? (
            <div class="actions">
              <button type="button" class="primary" id="event-add" onClick={() => open("add")}>
                Add an event
              </button>
            </div>
          ) : (
            formFor(form)
          )}
          <div class="filters" role="group" aria-label="Filter the chronology">
            <label for="timeline-kind">Type</label>
            <select id="timeline-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
              <option value="">Every type</option>
              {choices.kinds.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <label for="timeline-agency">Agency</label>
            <select id="timeline-agency" value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
              <option value="">Every agency</option>
              {choices.agencies.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </div>
          <p class="lead" id="timeline-count" aria-live="polite">
            {shownCurrent.length} of {current.length} {current.length === 1 ? "event" : "events"} shown, oldest first
            {kept > 0 ? `, with ${kept} first ${kept === 1 ? "version" : "versions"} kept as corrected` : ""}.
          </p>
          <table class="list timeline-list" aria-labelledby="page-title">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col">Agency</th>
                <th scope="col">What happened</th>
                <th scope="col">Impact on the child</th>
                <th scope="col">
                  <span class="sr-only">Correct</span>
                </th>
              </tr>
            </thead>
            <tbody id="timeline-rows">
              {shown.map((e) => (
                <EventRow key={e.id} event={e} onCorrect={open} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

/** One version of an event; a corrected one is marked and cannot be corrected again. */
function EventRow({ event: e, onCorrect }: { event: ChronologyEvent; onCorrect: (e: ChronologyEvent) => void }) {
  const corrected = !isCurrent(e);
  return (
    <tr data-event-id={e.id} class={corrected ? "corrected" : undefined}>
      <td>
        {formatDate(e.date)}
        {e.time ? ` ${e.time}` : ""}
      </td>
      <td>{e.kind_label}</td>
      <td>{e.agency}</td>
      <td>
        {corrected && (
          <>
            <Tag>Corrected</Tag>{" "}
          </>
        )}
        {e.what_happened}
        {e.correction_reason && <span class="hint"> (corrected: {e.correction_reason})</span>}
        {corrected && <span class="hint"> Kept as first recorded; the correction is the current version.</span>}
      </td>
      <td>{e.impact.trim() ? e.impact : "not recorded"}</td>
      <td>
        {!corrected && !e.automatic && (
          <button type="button" class="link-button" id={`event-correct-${e.id}`} onClick={() => onCorrect(e)}>
            Correct<span class="sr-only"> the event of {formatDate(e.date)}: {e.kind_label}</span>
          </button>
        )}
      </td>
    </tr>
  );
}
