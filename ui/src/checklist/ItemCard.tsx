// One checklist item: its five descriptors as the grade choices, guidance on demand, evidence.
import { useState } from "preact/hooks";
import { BRITISH_SPELLING } from "../components";
import type { Adult } from "../bindings/Adult";
import type { EvidenceSource } from "../bindings/EvidenceSource";
import type { Grade } from "../bindings/Grade";
import type { Item } from "../bindings/Item";
import type { ItemRecord } from "../bindings/ItemRecord";
import { formatDate, todayIso } from "../dates";
import { gradeLabel, SOURCE_LABELS } from "../labels";

export const emptyRecord = (item_id: string): ItemRecord => ({
  item_id,
  grade: null,
  evidence: "",
  source: null,
  evidence_date: null,
  professional_only: false,
  adult_id: null,
});

/** "now": save at once (a choice); "later": save after a pause (typing). */
export type ItemChange = (patch: Partial<ItemRecord>, when: "now" | "later") => void;

type Props = {
  item: Item;
  record: ItemRecord;
  /** The adults of the child's household, any of whom an item may concern. */
  adults: Adult[];
  /** The child the checklist is for: each adult is offered with their relationship to them. */
  childId: number;
  onChange: ItemChange;
  error?: string;
  position: string;
};

/** The adult an item names, by name. The adults loaded are the child's household's now: one not
 * among them has left it (or the child has moved), said in the core-group summary's words. */
export const adultName = (adults: Adult[], id: number) =>
  adults.find((a) => a.id === id)?.name ?? "an adult no longer in the child's household";

/** An adult as offered on an item: the name with the relationship to the child, so that two
 * adults of one name (a father and a grandfather) can be told apart. */
export const adultChoice = (adult: Adult, childId: number) => {
  const link = adult.children.find((c) => c.child_id === childId);
  return link ? `${adult.name} (${link.relationship_label.toLowerCase()})` : adult.name;
};

/** A DOM-safe id for an item id like "physical.food.baby-milk". */
export const domId = (itemId: string) => `item-${itemId.replace(/[^a-zA-Z0-9_-]/g, "_")}`;

export function ItemCard({ item, record, adults, childId, onChange, error, position }: Props) {
  const [guidanceOpen, setGuidanceOpen] = useState(false);
  const id = domId(item.id);
  const grade = record.grade;
  const choose = (g: Grade) => onChange({ grade: g }, "now");

  return (
    <div class={`item${grade ? " answered" : ""}`} data-item-id={item.id} data-grade={grade ?? ""} id={id} tabIndex={-1}>
      <fieldset aria-describedby={guidanceOpen ? `${id}-guidance` : undefined}>
        <legend>
          <span class="item-position">{position}</span> <span class="item-title">{item.title}</span>
          <span class="item-answer"> — {gradeLabel(grade)}</span>
        </legend>
        <div class="descriptors">
          {item.descriptors.map((text, i) => {
            const value = String(i + 1) as Grade;
            return (
              <label class={`descriptor${grade === value ? " chosen" : ""}`} key={value}>
                <input type="radio" name={id} value={value} checked={grade === value} onChange={() => choose(value)} />
                <span class="descriptor-grade">Grade {value}</span>
                <span class="descriptor-text">{text}</span>
              </label>
            );
          })}
        </div>
        <div class="non-grades">
          {(["not_known", "not_applicable"] as const).map((value) => (
            <label class={`non-grade${grade === value ? " chosen" : ""}`} key={value}>
              <input type="radio" name={id} value={value} checked={grade === value} onChange={() => choose(value)} />
              {gradeLabel(value)}
            </label>
          ))}
        </div>
      </fieldset>
      <button
        type="button"
        class="link-button"
        aria-expanded={guidanceOpen}
        aria-controls={`${id}-guidance`}
        onClick={() => setGuidanceOpen(!guidanceOpen)}
      >
        {guidanceOpen ? "Hide guidance" : "Show guidance"}
        <span class="sr-only"> for {item.title}</span>
      </button>
      <p class="guidance" id={`${id}-guidance`} hidden={!guidanceOpen}>
        {item.guidance}
      </p>
      <div class="evidence">
        <div class="field evidence-text">
          <label for={`${id}-evidence`}>
            Evidence<span class="sr-only"> for {item.title}</span>
          </label>
          <textarea {...BRITISH_SPELLING}
            id={`${id}-evidence`}
            rows={2}
            value={record.evidence}
            onInput={(e) => onChange({ evidence: e.currentTarget.value }, "later")}
          />
        </div>
        <div class="field">
          <label for={`${id}-source`}>
            Source<span class="sr-only"> of the evidence for {item.title}</span>
          </label>
          <select
            id={`${id}-source`}
            value={record.source ?? ""}
            onChange={(e) => onChange({ source: (e.currentTarget.value || null) as EvidenceSource | null }, "now")}
          >
            <option value="">Not said</option>
            {Object.entries(SOURCE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-date`}>
            Date<span class="sr-only"> of the evidence for {item.title}</span>
          </label>
          <input
            id={`${id}-date`}
            type="date"
            max={todayIso()}
            value={record.evidence_date ?? ""}
            onInput={(e) => onChange({ evidence_date: e.currentTarget.value || null }, "later")}
          />
        </div>
        <div class="field checkbox">
          <input
            id={`${id}-professional`}
            type="checkbox"
            checked={record.professional_only}
            onChange={(e) => onChange({ professional_only: e.currentTarget.checked }, "now")}
          />
          <label for={`${id}-professional`}>
            Professional only<span class="sr-only"> for {item.title}</span>
            <span class="hint"> (left out of the family summary)</span>
          </label>
        </div>
      </div>
      {(adults.length > 0 || record.adult_id !== null) && (
        <div class="field item-adult-choice">
          <label for={`${id}-adult`}>
            Which adult does this concern?<span class="sr-only"> ({item.title})</span>
          </label>
          <select
            id={`${id}-adult`}
            value={record.adult_id === null ? "" : String(record.adult_id)}
            onChange={(e) => onChange({ adult_id: e.currentTarget.value ? Number(e.currentTarget.value) : null }, "now")}
          >
            <option value="">Not said</option>
            {record.adult_id !== null && !adults.some((a) => a.id === record.adult_id) && (
              <option value={String(record.adult_id)}>{adultName(adults, record.adult_id)}</option>
            )}
            {adults.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {adultChoice(a, childId)}
              </option>
            ))}
          </select>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          Not saved: {error}
        </p>
      )}
    </div>
  );
}

/** A finalised item, as text: the chosen grade stands out among the five descriptors. */
export function ItemText({ item, record, adults, position }: { item: Item; record: ItemRecord; adults: Adult[]; position: string }) {
  const grade = record.grade;
  return (
    <div class="item read-only" data-item-id={item.id} data-grade={grade ?? ""} id={domId(item.id)} tabIndex={-1}>
      <h4>
        <span class="item-position">{position}</span> <span class="item-title">{item.title}</span>
        <span class="item-answer"> — {gradeLabel(grade)}</span>
      </h4>
      <ol class="descriptors read-only">
        {item.descriptors.map((text, i) => {
          const chosen = grade === String(i + 1);
          return (
            <li key={i} class={chosen ? "descriptor chosen" : "descriptor"}>
              <span class="descriptor-grade">
                Grade {i + 1}
                {chosen && <strong> (chosen)</strong>}
              </span>
              <span class="descriptor-text">{text}</span>
            </li>
          );
        })}
      </ol>
      {record.adult_id !== null && (
        <p class="item-adult">
          <strong>Concerns:</strong> {adultName(adults, record.adult_id)}
        </p>
      )}
      {(record.evidence || record.source || record.evidence_date) && (
        <div class="evidence-read">
          <p class="multiline">
            <strong>Evidence:</strong> {record.evidence || "none written"}
          </p>
          <p class="hint">
            {[
              record.source && SOURCE_LABELS[record.source],
              record.evidence_date && formatDate(record.evidence_date),
              record.professional_only && "professional only",
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </div>
      )}
    </div>
  );
}
