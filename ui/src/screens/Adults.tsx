// The adults of a household, read-only (adding and editing them in the app is not built yet; the
// core and the commands are): who they are, how they stand to each child, whether they hold
// parental responsibility, the services involved ("none known" when none is recorded). Never on
// anything printed for the family.
import { api } from "../api";
import type { Adult } from "../bindings/Adult";
import { ErrorMessage, useLoad } from "../components";

function AdultsTable({ adults, childId }: { adults: Adult[]; childId?: number }) {
  return (
    <table class="list adults-list" aria-labelledby="adults-title">
      <thead>
        <tr>
          <th scope="col">Adult</th>
          <th scope="col">Relationship</th>
          <th scope="col">Parental responsibility</th>
          <th scope="col">Services involved</th>
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
  return (
    <section aria-labelledby="adults-title">
      <h2 id="adults-title">Adults in the household</h2>
      <ErrorMessage message={adults.error} />
      {adults.data && adults.data.length === 0 && <p>No adults are recorded for this household.</p>}
      {adults.data && adults.data.length > 0 && <AdultsTable adults={adults.data} childId={childId} />}
    </section>
  );
}
