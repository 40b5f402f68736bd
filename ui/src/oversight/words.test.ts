import { describe, expect, it } from "vitest";
import type { AgreedView } from "../bindings/AgreedView";
import type { History } from "../bindings/History";
import { agreedFor } from "../history/agreed";
import { agreedText, namesFrom, reviewText } from "./words";

const agreed = (over: Partial<AgreedView>): AgreedView => ({
  grade: 3,
  held_on: "2026-11-12",
  words: "agreed at the core group on 12 November 2026",
  dissent: [],
  assessed_confirmed: 3,
  assessed_score: 3.2,
  better_than_assessed: false,
  sentence: "grade 3, agreed at the core group on 12 November 2026",
  ...over,
});

describe("agreedText", () => {
  it("says the core's sentence as a sentence of its own", () => {
    const v = agreed({ sentence: "grade 2, agreed at the core group on 12 November 2026; lower than the practitioners' confirmed grade 3" });
    expect(agreedText(v)).toBe(
      "Grade 2, agreed at the core group on 12 November 2026; lower than the practitioners' confirmed grade 3.",
    );
  });
});

describe("agreedFor", () => {
  it("finds the agreed grade of the round that holds the checklist, and none for another", () => {
    const point = (id: number, v: AgreedView | null) => ({ assessment_id: id, agreed: v });
    const h = {
      rounds: [
        { started_on: "2026-03-01", assessment_ids: [1, 2], representative_id: 1 },
        { started_on: "2026-06-01", assessment_ids: [3], representative_id: 3 },
      ],
      areas: [{ id: "safety", points: [point(1, agreed({ grade: 4 })), point(3, null)] }],
    } as unknown as History;
    expect(agreedFor(h, 2, "safety")?.grade).toBe(4);
    expect(agreedFor(h, 3, "safety")).toBeNull();
    expect(agreedFor(h, 9, "safety")).toBeNull();
  });
});

describe("words", () => {
  it("reads agencies one a line or by commas", () => {
    expect(namesFrom(" Police\n\nHousing, Probation ")).toEqual(["Police", "Housing", "Probation"]);
  });
  it("says a review in words", () => {
    expect(
      reviewText({
        id: 1,
        assessment_id: 2,
        manager_name: "Morgan Teamlead",
        manager_role: "Team manager",
        reviewed_on: "2026-11-20",
        decision: "agreed_with_changes",
        comment: "",
      }),
    ).toBe("Morgan Teamlead, Team manager: agreed with changes.");
  });
});
