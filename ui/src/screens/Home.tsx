import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api";
import type { Child } from "../bindings/Child";
import { ErrorMessage } from "../components";
import { ageText } from "../dates";
import { problemOf } from "../problem";
import { AddChild } from "./AddChild";

export function Home({ onLock }: { onLock: () => void }) {
  const [children, setChildren] = useState<Child[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const addButton = useRef<HTMLButtonElement>(null);

  const load = () =>
    api
      .listChildren()
      .then(setChildren)
      .catch((e) => setError(problemOf(e).message));

  useEffect(() => {
    load();
  }, []);

  return (
    <>
      <header class="topbar">
        <span class="brand">Neglect Toolkit</span>
        <button type="button" onClick={onLock}>
          Lock
        </button>
      </header>
      <main class="page">
        <h1>Children</h1>
        <p class="sr-only" role="status">
          {announcement}
        </p>
        <ErrorMessage message={error} />
        {adding ? (
          <AddChild
            onSaved={(child) => {
              setAdding(false);
              setAnnouncement(`${child.name} was added.`);
              load().then(() => addButton.current?.focus());
            }}
            onCancel={() => {
              setAdding(false);
              requestAnimationFrame(() => addButton.current?.focus());
            }}
          />
        ) : (
          <button type="button" class="primary" ref={addButton} onClick={() => setAdding(true)}>
            Add child
          </button>
        )}
        {children && children.length === 0 && <p class="empty">No children have been added yet.</p>}
        {children && children.length > 0 && (
          <table class="list" aria-label="Children">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Age</th>
                <th scope="col">Household</th>
              </tr>
            </thead>
            <tbody>
              {children.map((c) => (
                <tr key={c.id} data-child-id={c.id}>
                  <th scope="row" class="child-name">
                    {c.name}
                  </th>
                  <td>{ageText(c.date_of_birth, c.unborn)}</td>
                  <td>{c.household_name ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </>
  );
}
