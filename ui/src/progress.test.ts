import { describe, expect, it } from "vitest";
import type { Grade } from "./bindings/Grade";
import type { Item } from "./bindings/Item";
import { percent, progressOf, progressText, sumProgress } from "./progress";

const items = ["a", "b", "c", "d", "e"].map((id) => ({ id }) as Item);

describe("progressOf", () => {
  it("counts grades 1-5 as graded; not known and unanswered as applicable; not applicable as neither", () => {
    const grades: Record<string, Grade> = { a: "1", b: "5", c: "not_known", d: "not_applicable" };
    const p = progressOf(items, (id) => grades[id]);
    expect(p).toEqual({ graded: 2, applicable: 4 });
    expect(progressText(p)).toBe("2 of 4 graded");
    expect(percent(p)).toBe(50);
  });
  it("is empty when every item is not applicable", () => {
    const p = progressOf(items, () => "not_applicable");
    expect(p).toEqual({ graded: 0, applicable: 0 });
    expect(percent(p)).toBe(0);
  });
  it("rounds the percentage down, like the core", () => {
    expect(percent({ graded: 2, applicable: 3 })).toBe(66);
  });
});

describe("sumProgress", () => {
  it("adds areas up for the overall count", () => {
    expect(sumProgress([{ graded: 1, applicable: 2 }, { graded: 3, applicable: 4 }])).toEqual({ graded: 4, applicable: 6 });
    expect(sumProgress([])).toEqual({ graded: 0, applicable: 0 });
  });
});
