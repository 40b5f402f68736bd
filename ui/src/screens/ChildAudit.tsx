// A child's audit trail: every change recorded about the child, newest first, with who made it,
// when, and the old and new values, in words written by the core (the log is append-only and
// hash-chained).
import { api } from "../api";
import { ErrorMessage, Loading, PageTitle, useLoad } from "../components";
import { formatStamp } from "../dates";
import { ChildBreadcrumbs } from "./History";

export function ChildAudit({ childId }: { childId: number }) {
  const child = useLoad(() => api.getChild(childId), [childId]);
  const log = useLoad(() => api.childAuditTrail(childId), [childId]);
  const name = child.data?.name;
  return (
    <>
      <ChildBreadcrumbs childId={childId} name={name} />
      <PageTitle>{name ? `Audit trail: ${name}` : "Audit trail"}</PageTitle>
      <ErrorMessage message={child.error ?? log.error} />
      {!log.data && !log.error && <Loading what="the audit trail" />}
      {log.data && (
        <>
          <p class="lead" id="audit-count">
            {log.data.length} {log.data.length === 1 ? "change" : "changes"} recorded about this child, newest first. The
            log cannot be edited; each row is sealed into a hash chain.
          </p>
          <table class="list audit-list" aria-labelledby="page-title">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What changed</th>
                <th scope="col">Old value</th>
                <th scope="col">New value</th>
              </tr>
            </thead>
            <tbody id="audit-rows">
              {log.data.map((e) => (
                <tr key={e.id} data-audit-id={e.id}>
                  <td>{formatStamp(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>{e.what}</td>
                  <td class="audit-value">{e.old_value ?? "—"}</td>
                  <td class="audit-value">{e.new_value ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
