import { describe, expect, it } from "vitest";
import type { ScoreChange } from "./bindings/ScoreChange";
import type { Checklist } from "./bindings/Checklist";
import { changeBetween, changeDetail, changeLabel, driftText, gradeDifference, itemAlarm, itemVersionNote, reviewText, scoreWithBand } from "./change";

const change = (from: number | null, to: number | null, difference: number | null, c: ScoreChange["change"]): ScoreChange => ({
  from_date: "2025-01-10",
  to_date: "2025-10-10",
  from,
  to,
  difference,
  change: c,
  shared_items_only: false,
});

describe("changeLabel (lower is better: down is improved)", () => {
  it("gives an arrow and a word", () => {
    expect(changeLabel("improved")).toBe("↓ improved");
    expect(changeLabel("worse")).toBe("↑ worse");
    expect(changeLabel("no change")).toBe("→ no change");
    expect(changeLabel("not comparable")).toBe("not comparable");
  });
});

describe("changeBetween (the core's rule: half a grade, lower is better)", () => {
  it("calls a fall of 0.5 or more improved and a rise of 0.5 or more worse", () => {
    expect(changeBetween(3.0, 2.5)).toBe("improved");
    expect(changeBetween(3.0, 2.6)).toBe("no change");
    expect(changeBetween(2.5, 3.0)).toBe("worse");
    expect(changeBetween(2.6, 3.0)).toBe("no change");
    expect(changeBetween(0.8, 0.1 + 0.2)).toBe("improved");
    expect(changeBetween(null, 3)).toBe("not comparable");
  });
});

describe("changeDetail", () => {
  it("shows the scores and the signed difference", () => {
    expect(changeDetail(change(3.8, 2.4, -1.4, "improved"))).toBe("3.8 → 2.4 (−1.4)");
    expect(changeDetail(change(3, 3.5, 0.5, "worse"))).toBe("3.0 → 3.5 (+0.5)");
    expect(changeDetail(change(3, 3, 0, "no change"))).toBe("3.0 → 3.0 (±0.0)");
    expect(changeDetail(change(null, 2.4, null, "not comparable"))).toBe("not enough evidence → 2.4");
  });
  it("says when two checklists on different versions are compared on their shared items", () => {
    const across = { ...change(3.8, 2.4, -1.4, "improved"), shared_items_only: true };
    expect(changeDetail(across)).toBe("3.8 → 2.4 (−1.4), on the items both checklist versions share");
  });
  it("gives a score with its band", () => {
    expect(scoreWithBand(3.2)).toBe("3.2, concern");
    expect(scoreWithBand(null)).toBe("not enough evidence");
  });
});

describe("flags in words", () => {
  it("names the drifting area and the window", () => {
    const text = driftText({
      area_id: "safety",
      area_name: "Safety",
      window: "two_reviews",
      change: change(3.5, 3.6, 0.1, "no change"),
      confirmed: 4,
    });
    expect(text).toBe(
      "Safety is at concern and has not improved across the last two reviews: 3.5 on 10 Jan 2025, 3.6 on 10 Oct 2025 (no change).",
    );
    expect(driftText({ area_id: "s", area_name: "Safety", window: "six_months", change: change(3, 3, 0, "no change"), confirmed: null })).toContain(
      "over 6 months",
    );
  });
  it("says when a review is overdue and by how long, or when it is next due", () => {
    const base = { last_assessed_on: "2025-01-10", interval_months: 3, due_on: "2025-04-10", because: "the checklist is repeated every 3 months" };
    expect(reviewText({ ...base, overdue: true, days_overdue: 12 })).toBe(
      "Review overdue: it was due on 10 Apr 2025, 12 days ago. Why then: the checklist is repeated every 3 months.",
    );
    expect(reviewText({ ...base, overdue: true, days_overdue: 1 })).toContain("1 day ago");
    expect(reviewText({ ...base, overdue: false, days_overdue: 0 })).toContain("Next review due on 10 Apr 2025");
    expect(reviewText({ ...base, due_on: null, overdue: false, days_overdue: 0 })).toContain("No review date");
  });
});

describe("gradeDifference (item by item)", () => {
  it("says how a grade changed, and whether for better or worse", () => {
    expect(gradeDifference("4", "2")).toEqual({ differs: true, text: "changed 4 → 2, better" });
    expect(gradeDifference("2", "3")).toEqual({ differs: true, text: "changed 2 → 3, worse" });
    expect(gradeDifference("3", "3")).toEqual({ differs: false, text: "same" });
  });
  it("names non-grades in words and never calls them better or worse", () => {
    expect(gradeDifference("not_known", "3")).toEqual({ differs: true, text: "changed not known → 3" });
    expect(gradeDifference(null, "not_applicable")).toEqual({ differs: true, text: "changed not answered → not applicable" });
    expect(gradeDifference(undefined, null)).toEqual({ differs: false, text: "same" });
  });
});

describe("itemAlarm (the core's item-level change rule)", () => {
  it("names an item two grades worse, whatever the area says", () => {
    expect(itemAlarm(undefined, "2", "4")).toBe("worse by 2 grades or more");
    expect(itemAlarm(undefined, "2", "3")).toBeNull();
    expect(itemAlarm(undefined, "4", "2")).toBeNull();
  });
  it("names an item newly at its serious grade, and a 5 when unmarked", () => {
    expect(itemAlarm(4, "3", "4")).toBe("now at its serious grade");
    expect(itemAlarm(4, "4", "4")).toBeNull();
    expect(itemAlarm(4, "not_known", "4")).toBe("now at its serious grade");
    expect(itemAlarm(undefined, "4", "5")).toBe("now at its serious grade");
    expect(itemAlarm(undefined, "3", "4")).toBeNull();
  });
  it("says nothing without a grade now", () => {
    expect(itemAlarm(4, "5", "not_known")).toBeNull();
  });
});

describe("itemVersionNote (items matched by id across checklist versions)", () => {
  const item = (id: string, guidance = "Look at it.") => ({ id, title: id, age_bands: ["5-11" as const], descriptors: [], guidance });
  const checklist = (version: string, hash: string, items: ReturnType<typeof item>[]): Checklist => ({
    id: "ntk-cdc",
    version,
    title: "Checklist",
    hash,
    areas: [{ id: "a", name: "A", description: "", subareas: [{ id: "a.s", name: "S", items }] }],
  });
  const old = checklist("1.0.0", "h1", [item("same"), item("changed"), item("dropped")]);
  const next = checklist("1.1.0", "h2", [item("same"), item("changed", "Look closer."), item("added")]);
  it("says which items only one version asks, and which are worded differently", () => {
    expect(itemVersionNote(old, next, "same")).toBeNull();
    expect(itemVersionNote(old, next, "added")).toBe("only in version 1.1.0");
    expect(itemVersionNote(old, next, "dropped")).toBe("only in version 1.0.0");
    expect(itemVersionNote(old, next, "changed")).toBe("worded differently in versions 1.0.0 and 1.1.0");
  });
  it("says nothing when both checklists are on the same version", () => {
    expect(itemVersionNote(next, next, "added")).toBeNull();
  });
});
