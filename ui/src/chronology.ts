// The timeline screen's filters: pure, so they are tested without a window.
import type { ChronologyEvent } from "./bindings/ChronologyEvent";

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
