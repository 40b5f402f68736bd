// Items that assessors in one review round graded 2 or more apart: each view side by side, in
// words, for the core group to discuss. Never averaged. Evidence is shown as text, as written.
import { api } from "../api";
import type { Adult } from "../bindings/Adult";
import type { Disagreement } from "../bindings/Disagreement";
import { adultName } from "../checklist/ItemCard";
import { ErrorMessage, Loading, PageTitle, Tag, useLoad } from "../components";
import { formatDate } from "../dates";
import { GRADE_MEANINGS } from "../labels";
import { ChildBreadcrumbs } from "./History";

/** Disagreements grouped by the round they were found in, newest round first. */
export function groupByRound(list: Disagreement[]): [string, Disagreement[]][] {
  const rounds = new Map<string, Disagreement[]>();
  for (const d of list) rounds.set(d.round_started_on, [...(rounds.get(d.round_started_on) ?? []), d]);
  return [...rounds.entries()].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0));
}

export function DisagreementsPage({ childId }: { childId: number }) {
  // The history, and the household's adults by whom each view may say the item concerns.
  const data = useLoad(async () => {
    const history = await api.childHistory(childId);
    const household = history.child.household_id;
    return { history, adults: household === null ? [] : await api.householdAdults(household) };
  }, [childId]);
  const h = data.data?.history;
  const adults = data.data?.adults ?? [];
  const rounds = h ? groupByRound(h.disagreements) : [];

  return (
    <>
      <ChildBreadcrumbs childId={childId} name={h?.child.name} history />
      <PageTitle>{h ? `Disagreements to discuss: ${h.child.name}` : "Disagreements to discuss"}</PageTitle>
      <ErrorMessage message={data.error} />
      {!h && !data.error && <Loading what="the disagreements" />}
      {h && (
        <>
          <p class="lead">
            Items that assessors in the same review round graded 2 or more apart. They are for the core group to discuss
            and agree; the grades are never averaged.
          </p>
          {rounds.length === 0 && (
            <p class="empty" id="no-disagreements">
              No item has been graded 2 or more apart by different assessors in the same review round.
            </p>
          )}
          {rounds.map(([started, items]) => (
            <section key={started} aria-labelledby={`round-${started}`} class="disagreement-round" data-round={started}>
              <h2 id={`round-${started}`}>
                Review round starting {formatDate(started)}: {items.length} {items.length === 1 ? "item" : "items"}
              </h2>
              {items.map((d) => (
                <DisagreementItem key={d.item_id} d={d} adults={adults} />
              ))}
            </section>
          ))}
        </>
      )}
    </>
  );
}

function DisagreementItem({ d, adults }: { d: Disagreement; adults: Adult[] }) {
  const grades = d.views.map((v) => v.grade);
  const headingId = `item-${d.round_started_on}-${d.item_id}`.replace(/[^A-Za-z0-9_-]/g, "-");
  return (
    <article class="card wide disagreement" aria-labelledby={headingId} data-item-id={d.item_id}>
      <h3 id={headingId}>
        {d.item_title} <span class="item-position">({d.area_name})</span>
      </h3>
      <p class="spread">
        Graded from {Math.min(...grades)} to {Math.max(...grades)}: {d.spread} grades apart.
      </p>
      <ul class="views">
        {d.views.map((v) => (
          <li key={v.assessment_id} class="view" data-assessment-id={v.assessment_id}>
            <p class="view-grade">
              <strong>Grade {v.grade}</strong>
              <span class="hint"> {GRADE_MEANINGS[v.grade - 1]}</span>
            </p>
            <dl>
              <div>
                <dt>Assessor</dt>
                <dd class="view-assessor">
                  {v.assessor.name}
                  {v.assessor.role && `, ${v.assessor.role}`}
                </dd>
              </div>
              <div>
                <dt>Agency</dt>
                <dd class="view-agency">{v.assessor.agency}</dd>
              </div>
              <div>
                <dt>Date</dt>
                <dd>{formatDate(v.assessed_on)}</dd>
              </div>
              {v.adult_id !== null && (
                <div>
                  <dt>Concerns</dt>
                  <dd class="view-adult">{adultName(adults, v.adult_id)}</dd>
                </div>
              )}
            </dl>
            <p class="view-evidence-title">
              Evidence{" "}
              {v.professional_only && <Tag>For professionals only</Tag>}
            </p>
            {v.evidence.trim() ? (
              <p class="multiline view-evidence">{v.evidence}</p>
            ) : (
              <p class="empty view-evidence">No evidence was written.</p>
            )}
          </li>
        ))}
      </ul>
    </article>
  );
}
