// Two finalised checklists side by side, item by item, grouped by area: each grade, and every
// difference said in words ("changed 4 → 2, better"), never by colour alone.
import { useState } from "preact/hooks";
import { api } from "../api";
import type { Assessment } from "../bindings/Assessment";
import type { AssessmentView } from "../bindings/AssessmentView";
import type { Checklist } from "../bindings/Checklist";
import type { Round } from "../bindings/Round";
import { changeBetween, changeLabel, gradeDifference, gradeShort, itemAlarm, itemVersionNote, scoreWithBand } from "../change";
import { ErrorMessage, Loading, PageTitle, Tag, useLoad } from "../components";
import { amendedByText } from "../amendment";
import { formatDate } from "../dates";
import { navigate } from "../route";
import { ChildBreadcrumbs } from "./History";
import type { History } from "../bindings/History";
import { agreedFor } from "../history/agreed";
import { agreedText } from "../oversight/words";

/** Each checklist's round's agreed grade for the area, said as agreed, beside the computed scores. */
function AgreedLines({ history, areaId, sides }: { history: History; areaId: string; sides: [Assessment, Assessment] }) {
  const lines = sides
    .map((a, k) => ({ a, k, agreed: agreedFor(history, a.id, areaId) }))
    .filter((x) => x.agreed !== null && !(x.k === 1 && sides[0].id === sides[1].id));
  if (lines.length === 0) return null;
  return (
    <ul class="plain-list agreed-lines">
      {lines.map(({ a, k, agreed }) => (
        <li key={k} data-agreed={agreed!.grade}>
          {k === 0 ? "First" : "Second"} checklist ({formatDate(a.assessed_on)}), its round: {agreedText(agreed!)}
          {agreed!.better_than_assessed && (
            <>
              {" "}
              <Tag tone="warn">Agreed grade lower than the practitioners'</Tag>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

type Props = { childId: number; from: number | null; to: number | null };

/** A finalised checklist offered for comparison. */
type Choice = { a: Assessment; superseded: boolean };

/** Finalised checklists, oldest first; the ones a later amendment corrects are marked. */
export function finalisedChoices(assessments: Assessment[]): Choice[] {
  const finalised = assessments.filter((a) => a.status === "finalised");
  const corrected = new Set(finalised.map((a) => a.amends).filter((id): id is number => id !== null));
  return [...finalised]
    .sort((x, y) => (x.assessed_on === y.assessed_on ? x.id - y.id : x.assessed_on < y.assessed_on ? -1 : 1))
    .map((a) => ({ a, superseded: corrected.has(a.id) }));
}

/**
 * The two to compare at first: the checklists behind the last two points of the chart (the
 * previous and the latest review round), else the two latest that no amendment replaced.
 */
export function defaultPair(choices: Choice[], rounds: Round[] = []): [number, number] | null {
  if (rounds.length >= 2) {
    const pair: [number, number] = [rounds[rounds.length - 2].representative_id, rounds[rounds.length - 1].representative_id];
    if (pair.every((id) => choices.some((c) => c.a.id === id))) return pair;
  }
  const current = choices.filter((c) => !c.superseded);
  const pool = current.length >= 2 ? current : choices;
  if (pool.length < 2) return null;
  return [pool[pool.length - 2].a.id, pool[pool.length - 1].a.id];
}

const choiceLabel = ({ a, superseded }: Choice) =>
  `${formatDate(a.assessed_on)}: ${a.assessor.name} (${a.assessor.agency})` +
  (a.amends !== null ? ` (${amendedByText(a.amended_by, a.amended_at)})` : "") +
  (superseded ? ", corrected by a later amendment" : "");

export function ComparePage({ childId, from, to }: Props) {
  const child = useLoad(() => api.getChild(childId), [childId]);
  const history = useLoad(() => api.childHistory(childId), [childId]);
  const assessments = useLoad(() => api.listAssessments(childId), [childId]);
  const [onlyDifferent, setOnlyDifferent] = useState(false);

  const choices = finalisedChoices(assessments.data ?? []);
  const fallback = defaultPair(choices, history.data?.history.rounds);
  const valid = (id: number | null) => id !== null && choices.some((c) => c.a.id === id);
  const fromId = valid(from) ? from! : fallback?.[0] ?? null;
  const toId = valid(to) ? to! : fallback?.[1] ?? null;
  const pick = (which: "from" | "to", id: number) =>
    navigate({ screen: "compare", childId, from: which === "from" ? id : fromId, to: which === "to" ? id : toId });

  return (
    <>
      <ChildBreadcrumbs childId={childId} name={child.data?.name} history />
      <PageTitle>{child.data ? `Compare two checklists: ${child.data.name}` : "Compare two checklists"}</PageTitle>
      <ErrorMessage message={child.error ?? assessments.error} />
      {!assessments.data && !assessments.error && <Loading what="the checklists" />}
      {assessments.data && choices.length < 2 && (
        <p class="empty">
          {choices.length === 0 ? "There is no finalised checklist yet." : "There is only one finalised checklist."} Two are
          needed to compare.
        </p>
      )}
      {assessments.data && (history.data || history.error) && choices.length >= 2 && fromId !== null && toId !== null && (
        <>
          <form class="card wide compare-choice" onSubmit={(e) => e.preventDefault()} aria-label="Which checklists to compare">
            <div class="field-row">
              <ChecklistPicker id="compare-from" label="First checklist" choices={choices} value={fromId} onPick={(id) => pick("from", id)} />
              <ChecklistPicker id="compare-to" label="Second checklist" choices={choices} value={toId} onPick={(id) => pick("to", id)} />
            </div>
            <div class="field checkbox">
              <input
                id="compare-only-different"
                type="checkbox"
                checked={onlyDifferent}
                onChange={(e) => setOnlyDifferent(e.currentTarget.checked)}
              />
              <label for="compare-only-different">Show only the items that differ</label>
            </div>
          </form>
          <Comparison
            key={`${fromId}-${toId}`}
            first={choices.find((c) => c.a.id === fromId)!.a}
            second={choices.find((c) => c.a.id === toId)!.a}
            onlyDifferent={onlyDifferent}
            history={history.data?.history ?? null}
          />
        </>
      )}
    </>
  );
}

type ComparisonProps = { first: Assessment; second: Assessment; onlyDifferent: boolean; history: History | null };

function Comparison({ first, second, onlyDifferent, history }: ComparisonProps) {
  // Each checklist's own words (its version); items are matched by id.
  const words = useLoad(
    () => Promise.all([api.checklist(first.checklist_hash), api.checklist(second.checklist_hash)]),
    [first.checklist_hash, second.checklist_hash],
  );
  if (words.error) return <ErrorMessage message={words.error} />;
  if (!words.data) return <Loading what="the checklists' words" />;
  return <ComparisonOf words={words.data} first={first} second={second} onlyDifferent={onlyDifferent} history={history} />;
}

function ComparisonOf({ words, first, second, onlyDifferent, history }: ComparisonProps & { words: [Checklist, Checklist] }) {
  // The structure shown is the second checklist's, with any item only the first one asks added at the end of its sub-area.
  const checklist = mergedOutline(words[0], words[1]);
  // The computed area scores of each checklist, for the line above each area's table.
  const views = useLoad(() => Promise.all([api.assessmentView(first.id), api.assessmentView(second.id)]), [first.id, second.id]);
  const firstItems = new Map(first.items.map((i) => [i.item_id, i]));
  const secondItems = new Map(second.items.map((i) => [i.item_id, i]));
  const inEither = (id: string) => firstItems.has(id) || secondItems.has(id);
  const differs = (id: string) => gradeDifference(firstItems.get(id)?.grade, secondItems.get(id)?.grade).differs;
  const shownItems = checklist.areas.flatMap((a) => a.subareas.flatMap((s) => s.items)).filter((i) => inEither(i.id));
  const differing = shownItems.filter((i) => differs(i.id)).length;
  const same = first.id === second.id;
  const firstDate = formatDate(first.assessed_on);
  const secondDate = formatDate(second.assessed_on);

  return (
    <>
      <p role="status" class="compare-count" id="compare-count">
        {same
          ? "The same checklist is chosen twice: choose another to compare."
          : `${differing} of ${shownItems.length} items are graded differently.`}
      </p>
      <ErrorMessage message={views.error} />
      {checklist.areas.map((area, index) => {
        const items = area.subareas.flatMap((s) => s.items.filter((i) => inEither(i.id)).map((i) => ({ sub: s, item: i })));
        const shown = items.filter(({ item }) => !onlyDifferent || differs(item.id));
        const areaDiffers = items.filter(({ item }) => differs(item.id)).length;
        const scores = views.data?.map((v: AssessmentView) => v.profile.areas[index]);
        return (
          <section key={area.id} aria-labelledby={`compare-${area.id}`} class="compare-area" data-area-id={area.id}>
            <h2 id={`compare-${area.id}`}>{area.name}</h2>
            <p>
              {scores && (
                <>
                  Computed score {scoreWithBand(scores[0]?.score)} → {scoreWithBand(scores[1]?.score)}
                  {scores[0]?.score != null && scores[1]?.score != null && ` (${changeLabel(changeBetween(scores[0].score, scores[1].score))})`}
                  .{" "}
                </>
              )}
              {areaDiffers === 0 ? "No item graded differently." : `${areaDiffers} ${areaDiffers === 1 ? "item" : "items"} graded differently.`}
            </p>
            {history && <AgreedLines history={history} areaId={area.id} sides={[first, second]} />}
            {shown.length > 0 && (
              <div class="table-scroll">
                <table class="list compare-table">
                  <caption class="sr-only">
                    {area.name}: grades on {firstDate} and on {secondDate}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Item</th>
                      <th scope="col">
                        First <span class="col-date">{firstDate}</span>
                        <span class="sr-only">, {first.assessor.agency}</span>
                      </th>
                      <th scope="col">
                        Second <span class="col-date">{secondDate}</span>
                        <span class="sr-only">, {second.assessor.agency}</span>
                      </th>
                      <th scope="col">Difference</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map(({ sub, item }, k) => {
                      const d = gradeDifference(firstItems.get(item.id)?.grade, secondItems.get(item.id)?.grade);
                      const alarm = itemAlarm(item.serious_from, firstItems.get(item.id)?.grade, secondItems.get(item.id)?.grade);
                      const newSub = k === 0 || shown[k - 1].sub.id !== sub.id;
                      return [
                        newSub && (
                          <tr key={`sub-${sub.id}`} class="subarea-row">
                            <th scope="colgroup" colSpan={4}>
                              {sub.name}
                            </th>
                          </tr>
                        ),
                        <tr key={item.id} class={d.differs ? "differs" : undefined} data-item-id={item.id}>
                          <th scope="row">
                            {item.title}
                            {itemVersionNote(words[0], words[1], item.id) && (
                              <>
                                {" "}
                                <Tag>{itemVersionNote(words[0], words[1], item.id)}</Tag>
                              </>
                            )}
                          </th>
                          <td>{gradeShort(firstItems.get(item.id)?.grade)}</td>
                          <td>{gradeShort(secondItems.get(item.id)?.grade)}</td>
                          <td class="difference">
                            {d.differs ? <strong class="diff">{d.text}</strong> : <span class="hint">same</span>}
                            {alarm && (
                              <>
                                {" "}
                                <Tag tone="warn">{alarm}</Tag>
                              </>
                            )}
                          </td>
                        </tr>,
                      ];
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}

/** `second`'s areas and sub-areas, with any item only `first` has added to its sub-area (matched by id). */
function mergedOutline(first: Checklist, second: Checklist): Checklist {
  if (first.hash === second.hash) return second;
  const inSecond = new Set(second.areas.flatMap((a) => a.subareas.flatMap((s) => s.items.map((i) => i.id))));
  return {
    ...second,
    areas: second.areas.map((area) => ({
      ...area,
      subareas: area.subareas.map((sub) => {
        const before = first.areas.find((a) => a.id === area.id)?.subareas.find((s) => s.id === sub.id);
        return { ...sub, items: [...sub.items, ...(before?.items.filter((i) => !inSecond.has(i.id)) ?? [])] };
      }),
    })),
  };
}

/** One of the two checklist choices (same list, either side). */
function ChecklistPicker(props: { id: string; label: string; choices: Choice[]; value: number; onPick: (id: number) => void }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <div class="select-clip">
        <select id={props.id} value={String(props.value)} onChange={(e) => props.onPick(Number(e.currentTarget.value))}>
          {props.choices.map((c) => (
            <option key={c.a.id} value={String(c.a.id)}>
              {choiceLabel(c)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
