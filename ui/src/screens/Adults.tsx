// The adults of a household: who they are, how they stand to each child, whether they hold
// parental responsibility, the services involved ("none known" when none is recorded); added and
// edited here, on the household page and the child's page. Never on anything printed for the
// family.
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api";
import type { Adult } from "../bindings/Adult";
import { AdultFormCard } from "../chronology/AdultFormCard";
import { ErrorMessage, useLoad } from "../components";

type TableProps = { adults: Adult[]; childId?: number; onEdit: (adult: Adult) => void };

function AdultsTable({ adults, childId, onEdit }: TableProps) {
  return (
    <table class="list adults-list" aria-labelledby="adults-title">
      <thead>
        <tr>
          <th scope="col">Adult</th>
          <th scope="col">Relationship</th>
          <th scope="col">Parental responsibility</th>
          <th scope="col">Services involved</th>
          <th scope="col">
            <span class="sr-only">Change</span>
          </th>
        </tr>
      </thead>
      <tbody id="adults-rows">
        {adults.map((a) => {
          const links = childId === undefined ? a.children : a.children.filter((l) => l.child_id === childId);
          return (
            <tr key={a.id} data-adult-id={a.id}>
              <th scope="row">{a.name}</th>
              <td>
                {links.length === 0
                  ? "no relationship recorded"
                  : links.map((l) => (childId === undefined ? `${l.relationship_label} of ${l.child_name}` : l.relationship_label)).join("; ")}
              </td>
              <td>
                {links.length === 0
                  ? "not recorded"
                  : links
                      .map((l) => (childId === undefined ? `${l.child_name}: ${l.parental_responsibility ? "yes" : "no"}` : l.parental_responsibility ? "yes" : "no"))
                      .join("; ")}
              </td>
              <td>{a.services_words}</td>
              <td>
                <button type="button" class="link-button" id={`adult-edit-${a.id}`} onClick={() => onEdit(a)}>
                  Edit<span class="sr-only"> {a.name}</span>
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The household's adults, on the household page (every relationship) or a child's page (this child's). */
export function HouseholdAdults({ householdId, childId }: { householdId: number; childId?: number }) {
  const adults = useLoad(() => api.householdAdults(householdId), [householdId]);
  const overview = useLoad(() => api.householdOverview(householdId), [householdId]);
  // null: no form open; "new": adding; an adult: editing that adult.
  const [editing, setEditing] = useState<Adult | "new" | null>(null);
  const [status, setStatus] = useState("");
  const children = (overview.data?.children ?? []).map((hc) => ({ id: hc.child.id, name: hc.child.name }));
  const open = (which: Adult | "new") => {
    setStatus("");
    setEditing(which);
  };
  // Where focus goes back to once the form has gone (the button that opened it, or "Add").
  const returnFocus = useRef<string | null>(null);
  useEffect(() => {
    if (editing === null && returnFocus.current) document.getElementById(returnFocus.current)?.focus();
    returnFocus.current = null;
  }, [editing]);
  const close = (focusId: string) => {
    returnFocus.current = focusId;
    setEditing(null);
  };
  return (
    <section aria-labelledby="adults-title" class="adults">
      <h2 id="adults-title">Adults in the household</h2>
      <ErrorMessage message={adults.error ?? overview.error} />
      {adults.data && adults.data.length === 0 && <p>No adults are recorded for this household.</p>}
      {adults.data && adults.data.length > 0 && <AdultsTable adults={adults.data} childId={childId} onEdit={open} />}
      <p class="status" id="adult-status" role="status">
        {status}
      </p>
      {editing === null && (
        <div class="actions">
          <button type="button" id="adult-add" onClick={() => open("new")}>
            Add an adult
          </button>
        </div>
      )}
      {editing !== null && overview.data && (
        <AdultFormCard
          key={editing === "new" ? "new" : editing.id}
          householdId={householdId}
          householdChildren={children}
          adult={editing === "new" ? undefined : editing}
          onSaved={(saved) => {
            setStatus(`${saved.name} is saved.`);
            adults.reload();
            close(editing === "new" ? "adult-add" : `adult-edit-${saved.id}`);
          }}
          onCancel={() => close(editing === "new" ? "adult-add" : `adult-edit-${editing.id}`)}
        />
      )}
    </section>
  );
}
