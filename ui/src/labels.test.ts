import { describe, expect, it } from "vitest";
import { bandOf, gradeLabel } from "./labels";

describe("bandOf (the core's bands)", () => {
  it("puts each boundary in the higher band", () => {
    expect(bandOf(1.9)).toBe("needs_met");
    expect(bandOf(2)).toBe("mostly_met");
    expect(bandOf(2.9)).toBe("mostly_met");
    expect(bandOf(3)).toBe("concern");
    expect(bandOf(4)).toBe("serious_concern");
    expect(bandOf(5)).toBe("serious_concern");
  });
});

describe("gradeLabel", () => {
  it("says every answer in words", () => {
    expect(gradeLabel("3")).toBe("Grade 3");
    expect(gradeLabel("not_known")).toBe("Not known");
    expect(gradeLabel("not_applicable")).toBe("Not applicable");
    expect(gradeLabel(null)).toBe("Not answered");
  });
});
