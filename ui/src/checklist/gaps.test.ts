import { describe, expect, it } from "vitest";
import { gapSelector } from "./gaps";

describe("gapSelector", () => {
  it("finds the field for each kind of gap", () => {
    expect(gapSelector({ focus: "evidence:safety.harm-exposure.domestic-abuse" })).toBe(
      "#item-safety_harm-exposure_domestic-abuse-evidence",
    );
    expect(gapSelector({ focus: "confirm:physical" })).toBe("input[name='confirm-physical-grade']");
    expect(gapSelector({ focus: "impact:warmth" })).toBe("#impact-warmth");
    expect(gapSelector({ focus: "section:day_in_my_life" })).toBe("#narrative-day_in_my_life");
    expect(gapSelector({ focus: "voice_gap" })).toBe("#voice-gap");
  });
});
