import { useRef, useState } from "preact/hooks";
import { api } from "../api";
import { ErrorMessage, Loading, PageTitle, useLoad } from "../components";
import type { Attention } from "../bindings/Attention";
import { ageText } from "../dates";
import { matches } from "../search";
import { ChildFormCard } from "./AddChild";

export function Home() {
  const children = useLoad(() => api.listChildren(), []);
  const households = useLoad(() => api.listHouseholds(), []);
  const attention = useLoad(() => api.needsAttention(), []);
  const [adding, setAdding] = useState(false);
  const [query, setQuery] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const addButton = useRef<HTMLButtonElement>(null);

  const shown = (children.data ?? []).filter((c) => matches(query, c.name, c.household_name));
  const shownHouseholds = (households.data ?? []).filter((h) => matches(query, h.name));
  const countIn = (householdId: number) => (children.data ?? []).filter((c) => c.household_id === householdId).length;

  return (
    <>
      <PageTitle>Children</PageTitle>
      <p class="sr-only" role="status">
        {announcement}
      </p>
      <ErrorMessage message={children.error ?? households.error ?? attention.error} />
      {attention.data && attention.data.length > 0 && (
        <>
          <NeedsAttention list={attention.data} />
          <h2 id="children-title">All children</h2>
        </>
      )}
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
                onInput={(e) => setQuery(e.currentTarget.value)}
                autocomplete="off"
                aria-describedby="search-count"
              />
            </div>
          )}
        </div>
      )}
      {!children.data && !children.error && <Loading what="children" />}
      {children.data && children.data.length === 0 && <p class="empty">No children have been added yet.</p>}
      {children.data && children.data.length > 0 && (
        <>
          <p class="hint" id="search-count" aria-live="polite">
            {query.trim() ? `${shown.length} of ${children.data.length} children match “${query.trim()}”.` : ""}
          </p>
          <table class="list" aria-label="Children">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Age</th>
                <th scope="col">Household</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => (
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
          {shown.length === 0 && <p class="empty">No child matches “{query.trim()}”.</p>}
        </>
      )}
      {shownHouseholds.length > 0 && (
        <section aria-labelledby="households-title" class="households">
          <h2 id="households-title">Households</h2>
          <ul class="plain-list">
            {shownHouseholds.map((h) => (
              <li key={h.id} data-household-id={h.id}>
                <a href={`#/household/${h.id}`}>{h.name}</a>{" "}
                <span class="hint">
                  ({countIn(h.id)} {countIn(h.id) === 1 ? "child" : "children"})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Children with an overdue review, drift, an urgent item or no checklist while a sibling has one. */
function NeedsAttention({ list }: { list: Attention[] }) {
  return (
    <section aria-labelledby="attention-title" class="attention">
      <h2 id="attention-title">
        Needs attention ({list.length} {list.length === 1 ? "child" : "children"})
      </h2>
      <ul class="attention-list">
        {list.map(({ child, reasons }) => (
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
    </section>
  );
}
