import { useRef, useState } from "preact/hooks";
import { api } from "../api";
import { ErrorMessage, Loading, PageTitle, useLoad } from "../components";
import type { Attention } from "../bindings/Attention";
import type { DraftInProgress } from "../bindings/DraftInProgress";
import { ageText, formatDate, formatStamp } from "../dates";
import { matches, type PagedList, usePagedList, useSettled } from "../search";
import { ChildFormCard } from "./AddChild";

/** Rows fetched and drawn at first in each long list: a team's records can hold thousands of
 * children, and carrying and drawing them all makes the page slow to open and to search. The
 * core counts and searches every one (see search.ts). */
export const FIRST_ROWS = 100;

/** 5801 -> "5,801". */
const count = (x: number) => x.toLocaleString("en-GB");

type ShowMoreProps<T> = {
  list: PagedList<T>;
  what: string;
  /** The element whose children are the rows: the first new row's link takes the focus. */
  listId: string;
  /** Fetches the next `rows` rows. */
  more: (rows: number) => Promise<void>;
  /** Tells screen-reader users how many are shown now. */
  announce: (words: string) => void;
};

/** "Showing 100 of 9,812 …" and a button for the next rows; nothing when all are shown. */
function ShowMore<T>({ list, what, listId, more, announce }: ShowMoreProps<T>) {
  const shown = list.rows.length;
  if (shown >= list.matching) return null;
  const next = Math.min(list.matching - shown, FIRST_ROWS * 5);
  const showMore = () =>
    more(next).then(() => {
      announce(`Showing ${count(shown + next)} of ${count(list.matching)} ${what}.`);
      // Keyboard and screen-reader users land on the first row they have not seen yet, once
      // it is drawn. A timer, not an animation frame: frames can come late or not at all in a
      // window that is not being painted, and focus would then never move.
      const focusFirstNew = (tries: number) => {
        const row = document.querySelector<HTMLElement>(`#${listId} > :nth-child(${shown + 1}) a`);
        if (row) row.focus();
        else if (tries > 0) setTimeout(() => focusFirstNew(tries - 1), 20);
      };
      setTimeout(() => focusFirstNew(100), 0);
    });
  return (
    <p class="hint show-more">
      Showing {count(shown)} of {count(list.matching)} {what}. Type a name to narrow the list, or{" "}
      <button type="button" class="link-button" onClick={showMore}>
        show {count(next)} more
      </button>
      .
    </p>
  );
}

/** "12 of 9,812 children match “zoe”; 7 of them need attention." for the live region. */
function searchCount(children: PagedList<unknown>, attention: PagedList<unknown> | null): string {
  if (!children.query) return "";
  const needing =
    attention && attention.query === children.query ? ` ${count(attention.matching)} of them need attention.` : "";
  return `${count(children.matching)} of ${count(children.total)} children match “${children.query}”.${needing}`;
}

export function Home() {
  const [query, setQuery] = useState("");
  // The core searches when typing pauses; the lists show what they answer.
  const searched = useSettled(query.trim(), 200);
  const children = usePagedList(api.childrenPage, searched, FIRST_ROWS);
  const households = usePagedList(api.householdsPage, searched, FIRST_ROWS);
  const attention = usePagedList(api.needsAttentionPage, searched, FIRST_ROWS);
  const drafts = useLoad(() => api.draftsInProgress(), []);
  const [adding, setAdding] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const addButton = useRef<HTMLButtonElement>(null);

  const draftsShown = (drafts.data ?? []).filter((d) => matches(searched, d.child_name));
  const attentionShown = attention.list?.rows.length ?? 0;

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
          {(children.list?.total ?? 0) > 0 && (
            <div class="search" role="search">
              <label for="search">Find a child or household</label>
              <input
                id="search"
                type="search"
                value={query}
                onInput={(e) => setQuery(e.currentTarget.value)}
                autocomplete="off"
                aria-describedby="search-count"
              />
            </div>
          )}
        </div>
      )}
      {attention.list && attentionShown > 0 && (
        <NeedsAttention list={attention.list} more={attention.more} announce={setAnnouncement} />
      )}
      {draftsShown.length > 0 && <DraftsInProgress list={draftsShown} />}
      {(attentionShown > 0 || draftsShown.length > 0) && <h2 id="children-title">All children</h2>}
      {!children.list && !children.error && <Loading what="children" />}
      {children.list && children.list.total === 0 && <p class="empty">No children have been added yet.</p>}
      {children.list && children.list.total > 0 && (
        <>
          <p class="hint" id="search-count" aria-live="polite">
            {searchCount(children.list, attention.list)}
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
              {children.list.rows.map((c) => (
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
            list={children.list}
            what="children"
            listId="children-rows"
            more={children.more}
            announce={setAnnouncement}
          />
          {children.list.matching === 0 && <p class="empty">No child matches “{children.list.query}”.</p>}
        </>
      )}
      {households.list && households.list.rows.length > 0 && (
        <section aria-labelledby="households-title" class="households">
          <h2 id="households-title">Households</h2>
          <ul class="plain-list" id="household-rows">
            {households.list.rows.map((h) => (
              <li key={h.id} data-household-id={h.id}>
                <a href={`#/household/${h.id}`}>{h.name}</a>{" "}
                <span class="hint">
                  ({h.children} {h.children === 1 ? "child" : "children"})
                </span>
              </li>
            ))}
          </ul>
          <ShowMore
            list={households.list}
            what="households"
            listId="household-rows"
            more={households.more}
            announce={setAnnouncement}
          />
        </section>
      )}
    </>
  );
}

type NeedsAttentionProps = {
  list: PagedList<Attention>;
  more: (rows: number) => Promise<void>;
  announce: (words: string) => void;
};

/** Children with an overdue review, drift, an urgent item or no checklist while a sibling has
 * one, a page at a time; the heading counts every one the search matches, out of all of them. */
function NeedsAttention({ list, more, announce }: NeedsAttentionProps) {
  return (
    <section aria-labelledby="attention-title" class="attention">
      <h2 id="attention-title">
        {list.query
          ? `Needs attention: ${count(list.matching)} of ${count(list.total)} match “${list.query}”`
          : `Needs attention (${count(list.total)} ${list.total === 1 ? "child" : "children"})`}
      </h2>
      <ul class="attention-list" id="attention-rows">
        {list.rows.map(({ child, reasons }) => (
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
        list={list}
        what="children needing attention, most reasons first"
        listId="attention-rows"
        more={more}
        announce={announce}
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
