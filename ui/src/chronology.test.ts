import { describe, expect, it } from "vitest";
import type { ChronologyEvent } from "./bindings/ChronologyEvent";
import { filterChoices, filterEvents } from "./chronology";

function event(id: number, kind: ChronologyEvent["kind"], kind_label: string, agency: string): ChronologyEvent {
  return {
    id,
    child_id: 1,
    date: "2026-11-01",
    time: null,
    kind,
    kind_label,
    agency,
    what_happened: "Invented.",
    impact: "",
    recorded_by: "Sam Worker",
    recorded_at: "2026-11-01T10:00:00+00:00",
    automatic: false,
    imported: false,
    corrects: null,
    correction_reason: null,
    corrected_by: null,
  };
}

const events = [
  event(1, "police_call_out", "Police call-out", "Police"),
  event(2, "was_not_brought", "Missed appointment (was not brought)", "Health"),
  event(3, "was_not_brought", "Missed appointment (was not brought)", "School"),
];

describe("the timeline's filters", () => {
  it("keep every event when nothing is chosen, and narrow by type and by agency", () => {
    expect(filterEvents(events, { kind: "", agency: "" }).map((e) => e.id)).toEqual([1, 2, 3]);
    expect(filterEvents(events, { kind: "was_not_brought", agency: "" }).map((e) => e.id)).toEqual([2, 3]);
    expect(filterEvents(events, { kind: "was_not_brought", agency: "School" }).map((e) => e.id)).toEqual([3]);
    expect(filterEvents(events, { kind: "police_call_out", agency: "School" })).toEqual([]);
  });

  it("offer each type and agency present once, in words", () => {
    const choices = filterChoices(events);
    expect(choices.kinds).toEqual([
      ["was_not_brought", "Missed appointment (was not brought)"],
      ["police_call_out", "Police call-out"],
    ]);
    expect(choices.agencies).toEqual(["Health", "Police", "School"]);
  });
});
