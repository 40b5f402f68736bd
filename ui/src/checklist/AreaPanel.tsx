// One area of the checklist: its items (graded by mouse or keyboard), then the area summary.
import { useRef } from "preact/hooks";
import type { Adult } from "../bindings/Adult";
import type { AgeBand } from "../bindings/AgeBand";
import type { Area } from "../bindings/Area";
import type { AreaConfirmation } from "../bindings/AreaConfirmation";
import type { AreaScore } from "../bindings/AreaScore";
import type { Grade } from "../bindings/Grade";
import type { ItemRecord } from "../bindings/ItemRecord";
import { appliesTo, itemsFor, waitingOnDisability, type ForChild } from "../ageBand";
import { isTyping, keyAction } from "../keys";
import { progressOf, progressText } from "../progress";
import { AreaSummary } from "./AreaSummary";
import { emptyRecord, ItemCard, ItemText, type ItemChange } from "./ItemCard";

type Props = {
  area: Area;
  band: AgeBand;
  forChild: ForChild;
  childName: string;
  childId: number;
  records: Record<string, ItemRecord>;
  /** The adults of the child's household, whom an item may concern. */
  adults: Adult[];
  errors: ReadonlyMap<string, string>;
  readOnly: boolean;
  score: AreaScore | undefined;
  confirmation: AreaConfirmation | undefined;
  saving: boolean;
  onItemChange: (itemId: string) => ItemChange;
  onConfirm: (grade: number, reason: string) => Promise<void>;
};

export const itemKey = (itemId: string) => `item:${itemId}`;

/** Focus an item's grade choice (the chosen one, else the first), or the item itself when read only. */
function focusItem(el: HTMLElement) {
  const target =
    el.querySelector<HTMLInputElement>("input[type=radio]:checked") ?? el.querySelector<HTMLInputElement>("input[type=radio]") ?? el;
  target.focus({ preventScroll: true });
  el.scrollIntoView({ block: "nearest" });
}

export function AreaPanel(props: Props) {
  const { area, band, forChild, records, readOnly } = props;
  const list = useRef<HTMLDivElement>(null);
  const items = itemsFor(area, band, forChild);
  const waiting = waitingOnDisability(area, band, forChild);
  const progress = progressOf(items, (id) => records[id]?.grade);
  const position = new Map(items.map((item, i) => [item.id, `${i + 1} of ${items.length}`]));

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    const itemEl = target.closest<HTMLElement>("[data-item-id]");
    if (!itemEl || !list.current) return;
    const action = keyAction(e, isTyping(target));
    if (!action) return;
    if (action.kind === "move") {
      e.preventDefault(); // also stops the radio group's own Up/Down, which would change the grade
      const all = [...list.current.querySelectorAll<HTMLElement>("[data-item-id]")];
      const next = all[all.indexOf(itemEl) + action.by];
      if (next) focusItem(next);
    } else if (!readOnly) {
      e.preventDefault();
      const itemId = itemEl.dataset.itemId!;
      props.onItemChange(itemId)({ grade: action.grade as Grade }, "now");
      itemEl.querySelector<HTMLInputElement>(`input[type=radio][value="${action.grade}"]`)?.focus();
    }
  };

  return (
    <>
      <p class="area-description">{area.description}</p>
      <p class="area-progress" id="area-progress">
        {progressText(progress)} in {area.name}
        {progress.applicable > 0 && ` (${Math.floor((progress.graded * 100) / progress.applicable)}%)`}
      </p>
      {!readOnly && (
        <p class="hint keys-help" id="keys-help">
          Keyboard: on an item, press 1 to 5 to grade it, N for not known, A for not applicable; ↑ and ↓ (or K and J)
          move between items. Tab moves to guidance and evidence.
        </p>
      )}
      {items.length === 0 && <p class="empty">No item of this area applies to a child of this age.</p>}
      {waiting > 0 && (
        <p class="hint" id="disability-items-note">
          {waiting === 1 ? "One item" : `${waiting} items`} about the care of a disability or long-term condition{" "}
          {waiting === 1 ? "is" : "are"} not applicable: {props.childName} has no recorded disability or long-term condition. To
          record one, edit the child's details.
        </p>
      )}
      {/* The grading keys bubble up from the focusable item cards; this list itself takes no focus. */}
      {/* eslint-disable-next-line jsx-a11y/no-static-element-interactions */}
      <div class="items" ref={list} onKeyDown={onKeyDown}>
        {area.subareas.map((sub) => {
          const subItems = sub.items.filter((i) => appliesTo(i, band, forChild));
          if (subItems.length === 0) return null;
          return (
            <section key={sub.id} aria-labelledby={`sub-${sub.id}`} class="subarea">
              <h3 id={`sub-${sub.id}`}>{sub.name}</h3>
              {subItems.map((item) => {
                const record = records[item.id] ?? emptyRecord(item.id);
                return readOnly ? (
                  <ItemText key={item.id} item={item} record={record} adults={props.adults} position={position.get(item.id)!} />
                ) : (
                  <ItemCard
                    key={item.id}
                    item={item}
                    record={record}
                    adults={props.adults}
                    childId={props.childId}
                    position={position.get(item.id)!}
                    onChange={props.onItemChange(item.id)}
                    error={props.errors.get(itemKey(item.id))}
                  />
                );
              })}
            </section>
          );
        })}
      </div>
      <AreaSummary
        area={area}
        score={props.score}
        confirmation={props.confirmation}
        readOnly={readOnly}
        saving={props.saving}
        onConfirm={props.onConfirm}
      />
    </>
  );
}
