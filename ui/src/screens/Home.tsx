import { useMemo, useRef, useState } from "preact/hooks";
import { api } from "../api";
import { ErrorMessage, Loading, PageTitle, useLoad } from "../components";
import type { Attention } from "../bindings/Attention";
import type { DraftInProgress } from "../bindings/DraftInProgress";
import { ageText, formatDate, formatStamp } from "../dates";
import { matches } from "../search";
import { ChildFormCard } from "./AddChild";

/** Rows drawn at first in each long list: a team's records can hold thousands of children, and
 * drawing them all makes the page slow to open and to search. */
export const FIRST_ROWS = 100;

/** 5801 -> "5,801". */
const count = (x: number) => x.toLocaleString("en-GB");

type ShowMoreProps = {
  /** How many rows the list may draw now, and how many it has. */
  limit: number;
  total: number;
  what: string;
  /** The element whose children are the rows: the first new row's link takes the focus. */
  listId: string;
  /** Called with how many rows to draw now. */
  onShow: (rows: number) => void;
};

/** "Showing 100 of 9,812 …" and a button for the next rows; nothing when all are shown. */
function ShowMore({ limit, total, what, listId, onShow }: ShowMoreProps) {
  if (limit >= total) return null;
  const next = Math.min(total - limit, FIRST_ROWS * 5);
  const more = () => {
    onShow(limit + next);
    // Keyboard and screen-reader users land on the first row they have not seen yet.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`#${listId} > :nth-child(${limit + 1}) a`)?.focus());
  };
  return (
    <p class="hint show-more">
      Showing {count(limit)} of {count(total)} {what}. Type a name to narrow the list, or{" "}
      <button type="button" class="link-button" onClick={more}>
        show {count(next)} more
      </button>
      .
    </p>
  );
}

export function Home() {
  const children = useLoad(() => api.listChildren(), []);
  const households = useLoad(() => api.listHouseholds(), []);
  const attention = useLoad(() => api.needsAttention(), []);
  const drafts = useLoad(() => api.draftsInProgress(), []);
  const [adding, setAdding] = useState(false);
  const [query, setQuery] = useState("");
  const [childRows, setChildRows] = useState(FIRST_ROWS);
  const [householdRows, setHouseholdRows] = useState(FIRST_ROWS);
  const [announcement, setAnnouncement] = useState("");
  const addButton = useRef<HTMLButtonElement>(null);

  const shown = (children.data ?? []).filter((c) => matches(query, c.name, c.household_name));
  const shownHouseholds = (households.data ?? []).filter((h) => matches(query, h.name));
  const attentionShown = (attention.data ?? []).filter((a) => matches(query, a.child.name, a.child.household_name));
  const draftsShown = (drafts.data ?? []).filter((d) => matches(query, d.child_name));
  const perHousehold = useMemo(() => {
    const counts = new Map<number, number>();
    for (const c of children.data ?? []) if (c.household_id !== null) counts.set(c.household_id, (counts.get(c.household_id) ?? 0) + 1);
    return counts;
  }, [children.data]);
  const countIn = (householdId: number) => perHousehold.get(householdId) ?? 0;

  return (
    <>
      <PageTitle>Children</PageTitle>
      <p class="sr-only" role="status">
        {announcement}
      </p>
      <ErrorMessage message={children.error ?? households.error ?? attention.error ?? drafts.error} />
      {adding ? (
        <ChildFormCard
          onSaved={(child) => {
            setAdding(false);
            setAnnouncement(`${child.name} was added.`);
            households.reload();
            attention.reload();
            children.reload().then(() => addButton.current?.focus());
          }}
          onCancel={() => {
            setAdding(false);
            requestAnimationFrame(() => addButton.current?.focus());
          }}
        />
      ) : (
        <div class="toolbar">
          <button type="button" class="primary" ref={addButton} onClick={() => setAdding(true)}>
            Add child
          </button>
          {(children.data?.length ?? 0) > 0 && (
            <div class="search" role="search">
              <label for="search">Find a child or household</label>
              <input
                id="search"
                type="search"
                value={query}
                onInput={(e) => {
                  setQuery(e.currentTarget.value);
                  setChildRows(FIRST_ROWS);
                  setHouseholdRows(FIRST_ROWS);
                }}
                autocomplete="off"
                aria-describedby="search-count"
              />
            </div>
          )}
        </div>
      )}
      {attention.data && attentionShown.length > 0 && (
        /* Keyed by the search, so a new search starts again from the first rows. */
        <NeedsAttention key={query} list={attentionShown} total={attention.data.length} query={query.trim()} />
      )}
      {draftsShown.length > 0 && <DraftsInProgress list={draftsShown} />}
      {(attentionShown.length > 0 || draftsShown.length > 0) && <h2 id="children-title">All children</h2>}
      {!children.data && !children.error && <Loading what="children" />}
      {children.data && children.data.length === 0 && <p class="empty">No children have been added yet.</p>}
      {children.data && children.data.length > 0 && (
        <>
          <p class="hint" id="search-count" aria-live="polite">
            {query.trim() ? `${count(shown.length)} of ${count(children.data.length)} children match “${query.trim()}”.` : ""}
          </p>
          <table class="list" aria-label="Children">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Age</th>
                <th scope="col">Household</th>
              </tr>
            </thead>
            <tbody id="children-rows">
              {shown.slice(0, childRows).map((c) => (
                <tr key={c.id} data-child-id={c.id}>
                  <th scope="row" class="child-name">
                    <a href={`#/child/${c.id}`}>{c.name}</a>
                  </th>
                  <td>{ageText(c.date_of_birth, c.unborn)}</td>
                  <td>{c.household_id ? <a href={`#/household/${c.household_id}`}>{c.household_name}</a> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ShowMore
            limit={childRows}
            total={shown.length}
            what="children"
            listId="children-rows"
            onShow={setChildRows}
          />
          {shown.length === 0 && <p class="empty">No child matches “{query.trim()}”.</p>}
        </>
      )}
      {shownHouseholds.length > 0 && (
        <section aria-labelledby="households-title" class="households">
          <h2 id="households-title">Households</h2>
          <ul class="plain-list" id="household-rows">
            {shownHouseholds.slice(0, householdRows).map((h) => (
              <li key={h.id} data-household-id={h.id}>
                <a href={`#/household/${h.id}`}>{h.name}</a>{" "}
                <span class="hint">
                  ({countIn(h.id)} {countIn(h.id) === 1 ? "child" : "children"})
                </span>
              </li>
            ))}
          </ul>
          <ShowMore
            limit={householdRows}
            total={shownHouseholds.length}
            what="households"
            listId="household-rows"
            onShow={setHouseholdRows}
          />
        </section>
      )}
    </>
  );
}

/** Children with an overdue review, drift, an urgent item or no checklist while a sibling has one;
 * `list` is those matching the search, out of `total`. */
function NeedsAttention({ list, total, query }: { list: Attention[]; total: number; query: string }) {
  const [rows, setRows] = useState(FIRST_ROWS);
  return (
    <section aria-labelledby="attention-title" class="attention">
      <h2 id="attention-title">
        {query
          ? `Needs attention: ${count(list.length)} of ${count(total)} match “${query}”`
          : `Needs attention (${count(total)} ${total === 1 ? "child" : "children"})`}
      </h2>
      <ul class="attention-list" id="attention-rows">
        {list.slice(0, rows).map(({ child, reasons }) => (
          <li key={child.id} data-child-id={child.id}>
            <p class="attention-name">
              <a href={`#/child/${child.id}`}>{child.name}</a>{" "}
              <span class="hint">
                {ageText(child.date_of_birth, child.unborn)}
                {child.household_name && `, ${child.household_name}`}
              </span>
            </p>
            <ul class="reasons">
              {reasons.map((r, k) => (
                <li key={k}>{r}</li>
              ))}
            </ul>
            <p class="attention-links">
              <a href={`#/child/${child.id}/history`}>
                History<span class="sr-only"> of {child.name}</span>
              </a>
            </p>
          </li>
        ))}
      </ul>
      <ShowMore
        limit={rows}
        total={list.length}
        what="children needing attention, most reasons first"
        listId="attention-rows"
        onShow={setRows}
      />
    </section>
  );
}

/** Whole days from a local time stamp's date to today: "today", "yesterday", "12 days ago". */
function daysAgo(stamp: string, today: Date = new Date()): string {
  const [y, m, d] = stamp.slice(0, 10).split("-").map(Number);
  const days = Math.round((new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime() - new Date(y, m - 1, d).getTime()) / 86_400_000);
  if (days <= 0) return "today";
  return days === 1 ? "yesterday" : `${count(days)} days ago`;
}

/** Checklists still in draft, the one left alone longest first, so none is forgotten half done. */
function DraftsInProgress({ list }: { list: DraftInProgress[] }) {
  return (
    <section aria-labelledby="drafts-title" class="drafts">
      <h2 id="drafts-title">
        Drafts in progress ({count(list.length)})
      </h2>
      <p class="hint">The draft left alone longest is first.</p>
      <ul class="plain-list drafts-list" id="draft-rows">
        {list.map((d) => (
          <li key={d.assessment_id} data-assessment-id={d.assessment_id}>
            <a href={`#/checklist/${d.assessment_id}`}>
              {d.amendment ? "Amendment" : "Checklist"} for {d.child_name}
              <span class="sr-only">, dated {formatDate(d.assessed_on)}</span>
            </a>{" "}
            <span class="hint">
              dated {formatDate(d.assessed_on)}, by {d.assessor} ({d.agency}).
            </span>{" "}
            <span class="last-changed">
              Last changed {formatStamp(d.last_changed)} ({daysAgo(d.last_changed)}).
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
