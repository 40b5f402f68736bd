// A child's series of finalised checklists: flags in words, every area over time, change per area,
// the review rounds, and the ways into the item-by-item comparison and the disagreements.
import { api } from "../api";
import type { Assessment } from "../bindings/Assessment";
import type { AreaHistory } from "../bindings/AreaHistory";
import type { ChildHistory } from "../bindings/ChildHistory";
import type { ScoreChange } from "../bindings/ScoreChange";
import {
  areaGapText,
  CHANGE_ARROWS,
  changeDetail,
  driftText,
  improvingText,
  itemChangeText,
  reviewText,
  scoreWithBand,
  sustainedText,
  urgentText,
} from "../change";
import { ErrorMessage, Loading, PageTitle, Tag, useLoad } from "../components";
import { formatDate } from "../dates";
import { HistoryChart } from "../history/Chart";
import { BAND_LABELS, bandOf, PLAN_LABELS } from "../labels";
import type { AgreedView } from "../bindings/AgreedView";
import { agreedText } from "../oversight/words";

export function HistoryPage({ childId }: { childId: number }) {
  const data = useLoad(() => api.childHistory(childId), [childId]);
  const assessments = useLoad(() => api.listAssessments(childId), [childId]);
  const h = data.data;

  return (
    <>
      <ChildBreadcrumbs childId={childId} name={h?.child.name} />
      <PageTitle>{h ? `History: ${h.child.name}` : "History"}</PageTitle>
      <ErrorMessage message={data.error ?? assessments.error} />
      {!h && !data.error && <Loading what="the history" />}
      {h && <HistoryBody h={h} assessments={assessments.data ?? []} />}
    </>
  );
}

/** "Children › Name" (› "History" on the screens below the history). */
export function ChildBreadcrumbs({ childId, name, history }: { childId: number; name?: string; history?: boolean }) {
  return (
    <p class="breadcrumbs">
      <a href="#/">Children</a>
      {" › "}
      <a href={`#/child/${childId}`}>{name ?? "The child"}</a>
      {history && (
        <>
          {" › "}
          <a href={`#/child/${childId}/history`}>History</a>
        </>
      )}
    </p>
  );
}

function HistoryBody({ h, assessments }: { h: ChildHistory; assessments: Assessment[] }) {
  const { history, child } = h;
  const childId = child.id;
  const rounds = history.rounds.length;
  const finalised = assessments.filter((a) => a.status === "finalised").length;

  if (rounds === 0) {
    return (
      <>
        <p class="empty">
          There is no finalised checklist for {child.name} yet. Change over time is shown once a checklist has been
          finalised.
        </p>
        <Flags h={h} />
      </>
    );
  }

  return (
    <>
      <p class="lead">
        {rounds === 1 ? "One review round" : `${rounds} review rounds`} from{" "}
        {formatDate(history.rounds[0].started_on)}
        {rounds > 1 && ` to ${formatDate(history.rounds[rounds - 1].started_on)}`}. Change is measured between review
        rounds, on the computed scores; 1 is best and 5 is worst, so a lower score is better. Where the core group agreed a
        grade, it is shown as agreed, with the practitioners' grade beside it.
      </p>
      <ul class="actions plain-actions">
        <li>
          <a class="button" href={`#/child/${childId}/disagreements`} id="disagreements-link">
            Disagreements to discuss ({h.disagreements.length})
          </a>
        </li>
        <li>
          {finalised >= 2 ? (
            <a class="button" href={`#/child/${childId}/compare`} id="compare-link">
              Compare two checklists item by item
            </a>
          ) : (
            <span class="hint">Two finalised checklists are needed to compare item by item.</span>
          )}
        </li>
      </ul>

      <Flags h={h} />

      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading">Area scores over time</h2>
        <HistoryChart areas={history.areas} childName={child.name} />
      </section>

      <section aria-labelledby="change-heading">
        <h2 id="change-heading">Change per area</h2>
        <ChangeTable areas={history.areas} urgentAreas={new Set(history.urgent.map((u) => u.area_id))} />
      </section>

      <Rounds h={h} assessments={assessments} />
    </>
  );
}

/**
 * Drift, review, urgent and serious items from every agency, items much worse, serious items not
 * known, areas the agencies see differently, improvement (sustained, or still a concern), time on
 * plan: each a sentence naming its area, item or agency.
 */
function Flags({ h }: { h: ChildHistory }) {
  const { history, child } = h;
  const latestRound = history.rounds[history.rounds.length - 1]?.started_on;
  const latestGaps = h.area_gaps.filter((g) => g.round_started_on === latestRound);
  const review = history.review;
  return (
    <section aria-labelledby="flags-heading" class="card flags">
      <h2 id="flags-heading">At a glance</h2>
      <ul class="flag-list">
        {history.drift.map((d) => (
          <li key={`drift-${d.area_id}`} class="flag flag-warn" data-flag="drift" data-area-id={d.area_id}>
            <Tag tone="warn">Drift</Tag> {driftText(d)}
          </li>
        ))}
        {history.areas.map((a) => {
          const agreed = a.points[a.points.length - 1]?.agreed;
          return (
            agreed && (
              <li key={`agreed-${a.id}`} class={agreed.better_than_assessed ? "flag flag-warn" : "flag"} data-flag="agreed" data-area-id={a.id}>
                <Tag tone={agreed.better_than_assessed ? "warn" : "info"}>Agreed at the core group</Tag> {a.name}: {agreedText(agreed)}
              </li>
            )
          );
        })}
        <li class={review.overdue ? "flag flag-warn" : "flag"} data-flag={review.overdue ? "review-overdue" : "review-due"}>
          {review.overdue ? <Tag tone="warn">Review overdue</Tag> : <Tag>Next review</Tag>} {reviewText(review)}
        </li>
        {history.urgent.map((u) => (
          <li key={`urgent-${u.assessment_id}-${u.item_id}`} class="flag flag-warn" data-flag="urgent" data-area-id={u.area_id}>
            <Tag tone="warn">{u.serious ? "Serious item" : "Urgent item"}</Tag> {urgentText(u)}
          </li>
        ))}
        {history.item_changes.map((c) => (
          <li key={`item-${c.item_id}`} class="flag flag-warn" data-flag="item-worse" data-area-id={c.area_id}>
            <Tag tone="warn">Item worse</Tag> {itemChangeText(c)}
          </li>
        ))}
        {history.unknown
          .filter((u) => u.serious_item)
          .map((u) => (
            <li key={`unknown-${u.item_id}`} class="flag flag-warn" data-flag="serious-unknown" data-area-id={u.area_id}>
              <Tag tone="warn">Not known</Tag> {u.item_title} ({u.area_name}): a serious item nobody in the latest round could grade.
            </li>
          ))}
        {latestGaps.map((g) => (
          <li key={`gap-${g.area_id}`} class="flag flag-warn" data-flag="area-gap" data-area-id={g.area_id}>
            <Tag tone="warn">Agencies see it differently</Tag> {areaGapText(g)}
          </li>
        ))}
        {history.improving_concern.map((s) => (
          <li key={`improving-${s.area_id}`} class="flag flag-warn" data-flag="improving-concern" data-area-id={s.area_id}>
            <Tag tone="warn">Improving, still a concern</Tag> {improvingText(s)}
          </li>
        ))}
        {history.sustained.map((s) => (
          <li key={`sustained-${s.area_id}`} class="flag" data-flag="sustained" data-area-id={s.area_id}>
            <Tag tone="done">Sustained improvement</Tag> {sustainedText(s)}
          </li>
        ))}
        <li class="flag" data-flag="time-on-plan">
          <Tag>Time on plan</Tag>{" "}
          {history.time_on_plan
            ? `${child.plan_category ? `${PLAN_LABELS[child.plan_category]} plan` : "On a plan"} since ${formatDate(
                history.time_on_plan.started_on,
              )}: ${history.time_on_plan.words}.`
            : child.plan_category
              ? `${PLAN_LABELS[child.plan_category]} plan; no start date recorded.`
              : "Not on a child protection plan."}
        </li>
        {history.versions.map((v) => (
          <li key={`version-${v.assessed_on}`} class="flag" data-flag="checklist-version">
            <Tag>Checklist version</Tag> From {formatDate(v.assessed_on)} the checklist is version {v.to_version} (before:{" "}
            {v.from_version}): {v.new_items.length} new {v.new_items.length === 1 ? "item" : "items"},{" "}
            {v.changed_items.length} {v.changed_items.length === 1 ? "item" : "items"} with changed words
            {v.removed_items.length > 0 && `, ${v.removed_items.length} no longer asked`}. Items are matched by id; change across
            the versions is measured on the items both share.
          </li>
        ))}
        {history.drift.length === 0 && history.rounds.length > 0 && (
          <li class="flag" data-flag="no-drift">
            <Tag>No drift</Tag> No area at concern has gone without improvement across two reviews or 6 months.
          </li>
        )}
      </ul>
    </section>
  );
}

function ChangeCell({ change }: { change: ScoreChange | null }) {
  if (!change) return <td class="change">no earlier review</td>;
  const arrow = CHANGE_ARROWS[change.change];
  return (
    <td class={`change change-${change.change.replace(" ", "-")}`} data-change={change.change}>
      <span class="change-word">
        {arrow && <span aria-hidden="true">{arrow} </span>}
        {change.change}
      </span>
      <span class="change-detail">
        {changeDetail(change)}
        <span class="sr-only">, since {formatDate(change.from_date)}</span>
      </span>
    </td>
  );
}

function ChangeTable({ areas, urgentAreas }: { areas: AreaHistory[]; urgentAreas: Set<string> }) {
  return (
    <div class="table-scroll">
      <table class="list change-table">
        <caption class="sr-only">Change per area: the latest score, and the change since the previous and the first review</caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col">Band (an agreed grade leads, else the confirmed grade)</th>
            <th scope="col">Latest computed score</th>
            <th scope="col">Since the previous review</th>
            <th scope="col">Since the first review</th>
          </tr>
        </thead>
        <tbody>
          {areas.map((a) => {
            const latest = a.points[a.points.length - 1];
            return (
              <tr key={a.id} data-area-id={a.id}>
                <th scope="row">{a.name}</th>
                <td data-band={latest?.agreed ? bandOf(latest.agreed.grade) : latest?.shown_band ?? ""}>
                  {latest?.agreed && <AgreedBand agreed={latest.agreed} />}
                  {latest?.agreed && "Practitioners: "}
                  {latest?.shown_band ? BAND_LABELS[latest.shown_band] : "not enough evidence"}
                  {latest?.confirmed ? ` (confirmed ${latest.confirmed})` : " (not confirmed)"}
                  {urgentAreas.has(a.id) && (
                    <>
                      {" "}
                      <Tag tone="warn">Urgent item</Tag>
                    </>
                  )}
                </td>
                <td>{scoreWithBand(latest?.score)}</td>
                <ChangeCell change={a.since_previous} />
                <ChangeCell change={a.since_first} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The core group's agreed grade, said as agreed and dated; when it is better than the
 * practitioners' grade, a warning and their grade and every dissent beside it, never hidden.
 */
function AgreedBand({ agreed }: { agreed: AgreedView }) {
  return (
    <span class="agreed-note" data-agreed={agreed.grade}>
      <strong>{BAND_LABELS[bandOf(agreed.grade)]}</strong> {agreedText(agreed)}
      {agreed.better_than_assessed && (
        <>
          {" "}
          <Tag tone="warn">Agreed grade lower than the practitioners'</Tag>
        </>
      )}
    </span>
  );
}

/** Which checklists make up each round, and which one the chart and the change use. */
function Rounds({ h, assessments }: { h: ChildHistory; assessments: Assessment[] }) {
  const byId = new Map(assessments.map((a) => [a.id, a]));
  const who = (id: number) => {
    const a = byId.get(id);
    return a ? `${a.assessor.name} (${a.assessor.agency}), ${formatDate(a.assessed_on)}` : `checklist ${id}`;
  };
  return (
    <section aria-labelledby="rounds-heading">
      <h2 id="rounds-heading">Review rounds</h2>
      <p class="hint">
        Checklists by different assessors dated within 28 days of a round's first checklist form one round. Each round is represented by the
        same agency as the round before where it can be; other agencies' grades are never averaged in.
      </p>
      <ul class="records rounds">
        {[...h.history.rounds].reverse().map((r) => (
          <li key={r.started_on}>
            <p class="record-title">Round starting {formatDate(r.started_on)}</p>
            <p>
              Shown in the chart: <a href={`#/checklist/${r.representative_id}`}>{who(r.representative_id)}</a>
            </p>
            {r.assessment_ids.length > 1 && (
              <p>
                Also in this round:{" "}
                {r.assessment_ids
                  .filter((id) => id !== r.representative_id)
                  .map((id, k) => (
                    <span key={id}>
                      {k > 0 && "; "}
                      <a href={`#/checklist/${id}`}>{who(id)}</a>
                    </span>
                  ))}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
