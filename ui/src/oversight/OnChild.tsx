// On the child's page: "awaiting manager review" as the home list says it, the checklists still
// without a manager's review, the reviews recorded, and the latest core group meeting with any
// agency that was expected and missing.
import { api } from "../api";
import type { Assessment } from "../bindings/Assessment";
import { ErrorMessage, Tag, useLoad } from "../components";
import { formatDate } from "../dates";
import { reviewText } from "./words";

/** Finalised checklists that no finalised amendment corrects: each needs its own review. */
function currentFinalised(assessments: Assessment[]): Assessment[] {
  const finalised = assessments.filter((a) => a.status === "finalised");
  const corrected = new Set(finalised.map((a) => a.amends).filter((id): id is number => id !== null));
  return finalised.filter((a) => !corrected.has(a.id));
}

export function OversightOnChild({ childId, assessments }: { childId: number; assessments: Assessment[] }) {
  // Wrapped, so that "loaded, nothing awaits a review" (null) differs from "not loaded yet".
  const awaiting = useLoad(() => api.awaitingManagerReview(childId).then((text) => ({ text })), [childId]);
  const reviews = useLoad(() => api.managerReviews(childId), [childId]);
  const meetings = useLoad(() => api.meetingViews(childId), [childId]);
  const byId = new Map(assessments.map((a) => [a.id, a]));
  const reviewed = new Set((reviews.data ?? []).map((r) => r.assessment_id));
  const unreviewed = reviews.data ? currentFinalised(assessments).filter((a) => !reviewed.has(a.id)) : [];
  const latest = meetings.data?.[meetings.data.length - 1];
  const checklistName = (id: number) => {
    const a = byId.get(id);
    return a ? `Checklist of ${formatDate(a.assessed_on)} (${a.assessor.agency})` : "A checklist";
  };

  return (
    <section
      aria-labelledby="oversight-title"
      class="oversight"
      id="oversight"
      aria-busy={!(awaiting.data && reviews.data && meetings.data)}
      data-ready={String(Boolean(awaiting.data && reviews.data && meetings.data))}
    >
      <h2 id="oversight-title">Manager's reviews and the core group</h2>
      <ErrorMessage message={awaiting.error ?? reviews.error ?? meetings.error} />
      {awaiting.data?.text && (
        <p class="notice" id="awaiting-review">
          <Tag tone="warn">Awaiting manager review</Tag> {awaiting.data.text.replace(/^Awaiting manager review: /, "")}
        </p>
      )}
      {unreviewed.length > 0 && (
        <ul class="plain-list" id="unreviewed-checklists">
          {unreviewed.map((a) => (
            <li key={a.id}>
              {checklistName(a.id)}: no manager's review yet.{" "}
              <a href={`#/checklist/${a.id}/finalise`} id={`review-checklist-${a.id}`}>
                Record a manager's review<span class="sr-only"> of the checklist of {formatDate(a.assessed_on)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {(reviews.data ?? []).length > 0 && (
        <ul class="records manager-reviews" id="child-reviews">
          {[...(reviews.data ?? [])].reverse().map((r) => (
            <li key={r.id}>
              <p class="record-title">
                <a href={`#/checklist/${r.assessment_id}/finalise`}>{checklistName(r.assessment_id)}</a>: reviewed on{" "}
                {formatDate(r.reviewed_on)}
              </p>
              <p>{reviewText(r)}</p>
            </li>
          ))}
        </ul>
      )}
      <p id="latest-meeting">
        {latest ? (
          <>
            Latest core group meeting: {formatDate(latest.meeting.held_on)}.{" "}
            {latest.missing.length > 0 ? (
              <>
                <Tag tone="warn">Agency missing</Tag> Expected but not present: {latest.missing.join(", ")}.
              </>
            ) : (
              "Every agency expected was present."
            )}
          </>
        ) : (
          meetings.data && "No core group meeting has been recorded."
        )}
      </p>
      <p>
        <a class="button" href={`#/child/${childId}/meeting`} id="meeting-link">
          Core group meetings
        </a>
      </p>
    </section>
  );
}
