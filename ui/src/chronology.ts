// The timeline screen's filters: pure, so they are tested without a window.
import type { Adult } from "./bindings/Adult";
import type { AdultForm } from "./bindings/AdultForm";
import type { AdultLink } from "./bindings/AdultLink";
import type { AdultService } from "./bindings/AdultService";
import type { ChronologyEvent } from "./bindings/ChronologyEvent";
import type { Relationship } from "./bindings/Relationship";
import type { EventForm } from "./bindings/EventForm";
import type { EventKind } from "./bindings/EventKind";

export interface TimelineFilter {
  /** An event kind ("was_not_brought"), or "" for every kind. */
  kind: string;
  /** An agency as recorded, or "" for every agency. */
  agency: string;
}

/** The events that pass the filter, in the order given (oldest first). */
export function filterEvents(events: ChronologyEvent[], filter: TimelineFilter): ChronologyEvent[] {
  return events.filter((e) => (!filter.kind || e.kind === filter.kind) && (!filter.agency || e.agency === filter.agency));
}

/** The kinds and agencies present, for the filter lists: each once, kinds with their words. */
export function filterChoices(events: ChronologyEvent[]): { kinds: [string, string][]; agencies: string[] } {
  const kinds = new Map<string, string>();
  const agencies = new Set<string>();
  for (const e of events) {
    kinds.set(e.kind, e.kind_label);
    agencies.add(e.agency);
  }
  return {
    kinds: [...kinds.entries()].sort((a, b) => a[1].localeCompare(b[1])),
    agencies: [...agencies].sort((a, b) => a.localeCompare(b)),
  };
}

/** The "Add an event" form as typed: the form's text, the other children ticked, the reason. */
export interface EventDraft {
  date: string;
  time: string;
  kind: EventKind | "";
  agency: string;
  what_happened: string;
  impact: string;
  /** The household's other children it is also recorded for. */
  also: number[];
  /** Why an event is corrected (the correction form only). */
  reason: string;
}

/** An empty form, the agency prefilled (the organisation in Settings). */
export function newEventDraft(agency: string): EventDraft {
  return { date: "", time: "", kind: "", agency, what_happened: "", impact: "", also: [], reason: "" };
}

/** The correction form: the event as it stands, to change; the reason left for the person. */
export function correctionDraft(e: ChronologyEvent): EventDraft {
  return {
    date: e.date,
    time: e.time ?? "",
    kind: e.kind,
    agency: e.agency,
    what_happened: e.what_happened,
    impact: e.impact,
    also: [],
    reason: "",
  };
}

/** What the core is sent: this child first, then each other child ticked (one call, all or none). */
export function eventFormOf(childId: number, d: EventDraft): EventForm {
  return {
    child_ids: [childId, ...d.also.filter((id) => id !== childId)],
    date: d.date,
    time: d.time,
    kind: d.kind || null,
    agency: d.agency,
    what_happened: d.what_happened,
    impact: d.impact,
  };
}

/** A list with `id` ticked or unticked, each once, in the order ticked. */
export function toggled<T>(list: T[], id: T, on: boolean): T[] {
  const without = list.filter((x) => x !== id);
  return on ? [...without, id] : without;
}

/** The current version of an event (not replaced by a correction); originals are kept and shown as corrected. */
export function isCurrent(e: ChronologyEvent): boolean {
  return e.corrected_by === null;
}

/** An adult's form as typed: for each child of the household, a relationship ("" = none recorded). */
export interface AdultDraft {
  name: string;
  links: Record<number, { relationship: Relationship | ""; parental_responsibility: boolean }>;
  services: AdultService[];
}

/** An empty form for a household's children, or the adult as recorded, to edit. */
export function adultDraft(childIds: number[], adult?: Adult): AdultDraft {
  const links: AdultDraft["links"] = {};
  for (const id of childIds) {
    const link = adult?.children.find((l) => l.child_id === id);
    links[id] = { relationship: link?.relationship ?? "", parental_responsibility: link?.parental_responsibility ?? false };
  }
  return { name: adult?.name ?? "", links, services: adult ? [...adult.services] : [] };
}

/**
 * What the core is sent: a link for each child with a relationship chosen. Parental
 * responsibility ticked for a child with no relationship is refused here, with a sentence, so it
 * is never dropped without a word.
 */
export function adultFormOf(
  householdId: number,
  d: AdultDraft,
  names: Map<number, string>,
): { form: AdultForm } | { problem: { field: string; message: string } } {
  const children: AdultLink[] = [];
  for (const [key, link] of Object.entries(d.links)) {
    const child_id = Number(key);
    if (!link.relationship) {
      if (link.parental_responsibility) {
        const name = names.get(child_id) ?? "the child";
        return {
          problem: {
            field: "children",
            message: `Please choose how this adult is related to ${name}, or untick parental responsibility for ${name}.`,
          },
        };
      }
      continue;
    }
    children.push({
      child_id,
      child_name: "",
      relationship: link.relationship,
      relationship_label: "",
      parental_responsibility: link.parental_responsibility,
    });
  }
  return { form: { household_id: householdId, name: d.name, services: d.services, children } };
}

/** A child of the household, as the forms name it. */
export interface NamedChild {
  id: number;
  name: string;
}
