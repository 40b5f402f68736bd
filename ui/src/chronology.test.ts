import { describe, expect, it } from "vitest";
import type { ChronologyEvent } from "./bindings/ChronologyEvent";
import type { Adult } from "./bindings/Adult";
import {
  adultDraft,
  adultFormOf,
  correctionDraft,
  eventFormOf,
  filterChoices,
  filterEvents,
  newEventDraft,
  toggled,
} from "./chronology";
import { ADULT_SERVICES, EVENT_KINDS, RELATIONSHIPS } from "./labels";

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

describe("the event form", () => {
  it("sends this child first and each other child ticked once, in one form", () => {
    const draft = { ...newEventDraft("Testshire Council"), also: toggled(toggled([3], 2, true), 3, true) };
    const form = eventFormOf(1, { ...draft, date: "2026-11-01", kind: "home_visit", what_happened: "Seen." });
    expect(form.child_ids).toEqual([1, 2, 3]);
    expect(form.agency).toBe("Testshire Council");
    expect(eventFormOf(1, newEventDraft("")).kind).toBeNull();
    expect(toggled([2, 3], 2, false)).toEqual([3]);
  });

  it("starts a correction from the event as it stands, with no reason and no other child", () => {
    const e = { ...events[1], time: "09:15", impact: "Missed the check." };
    const d = correctionDraft(e);
    expect(d).toMatchObject({ date: e.date, time: "09:15", kind: "was_not_brought", agency: "Health", reason: "", also: [] });
  });

  it("offers every kind but the one the app adds, and the core's relationships and services", () => {
    const kinds = EVENT_KINDS.map((k) => k.value);
    expect(kinds).toContain("was_not_brought");
    expect(kinds).not.toContain("checklist_finalised");
    expect(RELATIONSHIPS.map((r) => r.label)).toContain("Step-parent");
    expect(ADULT_SERVICES.map((s) => s.label)).toContain("Probation");
  });
});

describe("the adult form", () => {
  const adult: Adult = {
    id: 7,
    household_id: 4,
    name: "Rob Invented",
    services: ["probation"],
    services_words: "Probation",
    children: [{ child_id: 2, child_name: "Ben", relationship: "parent", relationship_label: "Parent", parental_responsibility: true }],
  };
  const names = new Map([
    [1, "Ada"],
    [2, "Ben"],
  ]);

  it("starts from the adult as recorded, one line per child of the household", () => {
    const d = adultDraft([1, 2], adult);
    expect(d.links[1]).toEqual({ relationship: "", parental_responsibility: false });
    expect(d.links[2]).toEqual({ relationship: "parent", parental_responsibility: true });
    expect(d.services).toEqual(["probation"]);
  });

  it("sends a link only for a child with a relationship", () => {
    const built = adultFormOf(4, adultDraft([1, 2], adult), names);
    expect("form" in built && built.form.children.map((l) => l.child_id)).toEqual([2]);
  });

  it("refuses parental responsibility without a relationship, naming the child, rather than drop it", () => {
    const d = adultDraft([1, 2], adult);
    d.links[1] = { relationship: "", parental_responsibility: true };
    const built = adultFormOf(4, d, names);
    expect("problem" in built && built.problem.message).toContain("related to Ada");
  });
});
