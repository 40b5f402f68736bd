import { describe, expect, it } from "vitest";
import { REPORT_EVERY_MS, shouldReport } from "./idle";

describe("shouldReport", () => {
  it("reports the first input and then at most every 15 seconds", () => {
    expect(shouldReport(1_000_000, 0)).toBe(true);
    expect(shouldReport(1_000_000 + REPORT_EVERY_MS - 1, 1_000_000)).toBe(false);
    expect(shouldReport(1_000_000 + REPORT_EVERY_MS, 1_000_000)).toBe(true);
  });
});
