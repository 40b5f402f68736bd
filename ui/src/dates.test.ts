import { describe, expect, it } from "vitest";
import { ageText, formatStamp, todayIso } from "./dates";

describe("ageText", () => {
  const today = new Date(2026, 10, 23);
  it("counts months under one year", () => {
    expect(ageText("2026-05-10", false, today)).toBe("6 months");
    expect(ageText("2026-10-23", false, today)).toBe("1 month");
  });
  it("counts whole years, turning over on the birthday", () => {
    expect(ageText("2025-11-23", false, today)).toBe("1 year");
    expect(ageText("2022-11-24", false, today)).toBe("3 years");
  });
  it("says when an unborn baby is due", () => {
    expect(ageText("2027-03-03", true, today)).toBe("unborn (due 3 Mar 2027)");
  });
  it("writes today's date as ISO", () => {
    expect(todayIso(today)).toBe("2026-11-23");
  });
  it("writes a time stamp as the practitioner's local date and time", () => {
    expect(formatStamp("2026-11-23T14:02:05+00:00")).toBe("23 Nov 2026 at 14:02");
  });
});
