import { describe, expect, it } from "vitest";
import { matches } from "./search";

describe("matches", () => {
  it("finds names and households ignoring case and accents", () => {
    expect(matches("zoe", "Zoë Testchild", null)).toBe(true);
    expect(matches("TESTFAMILY", "Poppy", "The Testfamily household")).toBe(true);
    expect(matches("poppy testfamily", "Poppy Testfamily", null)).toBe(true);
  });
  it("needs every word", () => {
    expect(matches("poppy smith", "Poppy Testfamily", null)).toBe(false);
  });
  it("an empty query matches everything", () => {
    expect(matches("  ", "Anyone", undefined)).toBe(true);
  });
});
