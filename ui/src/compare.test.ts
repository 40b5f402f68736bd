import { describe, expect, it } from "vitest";
import type { Assessment } from "./bindings/Assessment";
import { defaultPair, finalisedChoices } from "./screens/Compare";
import { groupByRound } from "./screens/Disagreements";
import type { Disagreement } from "./bindings/Disagreement";

const assessment = (id: number, on: string, status: "draft" | "finalised" = "finalised", amends: number | null = null): Assessment => ({
  id,
  child_id: 1,
  checklist_id: "ntk-cdc",
  checklist_version: "1.0.0",
  checklist_hash: "x",
  assessed_on: on,
  assessor: { name: "Sam", agency: "CSC", role: "" },
  review_round: 1,
  status,
  finalised_at: status === "finalised" ? `${on}T10:00:00+00:00` : null,
  amends,
  amendment_reason: amends ? "typo" : null,
  amended_by: amends ? "Sam Amender" : null,
  amended_at: amends ? "2026-11-02T10:00:00+00:00" : null,
  items: [],
  confirmations: [],
  narrative: { childs_voice: "", day_in_my_life: "", strengths: "", parents_view: "", worries: "", needs_to_change: "", better_looks_like: "", if_things_do_not_change: "", impact: {}, voice_gap: null },
  actions: [],
});

describe("which checklists can be compared", () => {
  const list = [assessment(3, "2025-06-01"), assessment(1, "2025-01-01"), assessment(4, "2025-06-01", "draft"), assessment(5, "2025-02-01", "finalised", 1)];
  it("offers finalised checklists only, oldest first, marking the ones an amendment corrects", () => {
    expect(finalisedChoices(list).map((c) => [c.a.id, c.superseded])).toEqual([
      [1, true],
      [5, false],
      [3, false],
    ]);
  });
  it("starts with the last two review rounds, else the two latest current versions", () => {
    const choices = finalisedChoices(list);
    expect(defaultPair(choices)).toEqual([5, 3]);
    const rounds = [
      { started_on: "2025-01-01", assessment_ids: [5], representative_id: 5 },
      { started_on: "2025-06-01", assessment_ids: [3], representative_id: 3 },
    ];
    expect(defaultPair(choices, rounds)).toEqual([5, 3]);
    expect(defaultPair(choices, [rounds[1], { started_on: "2025-07-01", assessment_ids: [9], representative_id: 9 }])).toEqual([5, 3]);
    expect(defaultPair(finalisedChoices([assessment(1, "2025-01-01")]))).toBeNull();
  });
});

describe("disagreements by round", () => {
  const d = (round: string, item: string): Disagreement => ({
    round_started_on: round,
    area_id: "safety",
    area_name: "Safety",
    item_id: item,
    item_title: item,
    spread: 2,
    views: [],
  });
  it("groups items by round, newest round first, keeping checklist order within a round", () => {
    const groups = groupByRound([d("2025-01-01", "a"), d("2025-06-01", "b"), d("2025-01-01", "c")]);
    expect(groups.map(([r, items]) => [r, items.map((i) => i.item_id)])).toEqual([
      ["2025-06-01", ["b"]],
      ["2025-01-01", ["a", "c"]],
    ]);
  });
});
