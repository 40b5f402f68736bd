// A child's multi-agency chronology: every event, oldest first, as a table (the text alternative
// is the screen itself: there is no drawing), filtered by type and agency with ordinary selects,
// so it is operable by keyboard and read in order by a screen reader. Adding events and the
// adults' pages are not built yet (issue 17): the core and the commands are.
import { useState } from "preact/hooks";
import { api } from "../api";
import { ErrorMessage, Loading, PageTitle, useLoad } from "../components";
import { filterChoices, filterEvents } from "../chronology";
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
  const events = useLoad(() => api.chronology(childId, false), [childId]);
  const [kind, setKind] = useState("");
  const [agency, setAgency] = useState("");
  const name = child.data?.name;
  const all = events.data ?? [];
  const shown = filterEvents(all, { kind, agency });
  const choices = filterChoices(all);
  return (
    <>
      <ChildBreadcrumbs childId={childId} name={name} />
      <PageTitle>{name ? `Chronology: ${name}` : "Chronology"}</PageTitle>
      <ErrorMessage message={child.error ?? events.error} />
      {!events.data && !events.error && <Loading what="the chronology" />}
      {events.data && (
        <>
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
            {shown.length} of {all.length} {all.length === 1 ? "event" : "events"} shown, oldest first.
          </p>
          <table class="list timeline-list" aria-labelledby="page-title">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col">Agency</th>
                <th scope="col">What happened</th>
                <th scope="col">Impact on the child</th>
              </tr>
            </thead>
            <tbody id="timeline-rows">
              {shown.map((e) => (
                <tr key={e.id} data-event-id={e.id}>
                  <td>
                    {formatDate(e.date)}
                    {e.time ? ` ${e.time}` : ""}
                  </td>
                  <td>{e.kind_label}</td>
                  <td>{e.agency}</td>
                  <td>
                    {e.what_happened}
                    {e.correction_reason && <span class="hint"> (corrected: {e.correction_reason})</span>}
                  </td>
                  <td>{e.impact.trim() ? e.impact : "not recorded"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
