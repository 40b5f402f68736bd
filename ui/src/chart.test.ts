import { describe, expect, it } from "vitest";
import { BANDS, chartBox, dateTicks, dayNumber, dodge, markerPath, plotHeight, SERIES_STYLES, segments, xScale, yOf } from "./chart";

describe("yOf (1 at the top, 5 at the bottom)", () => {
  const b = chartBox(800, 320);
  it("puts the best score at the top of the plot and the worst at the bottom", () => {
    expect(yOf(1, b)).toBe(b.top);
    expect(yOf(5, b)).toBe(b.top + plotHeight(b));
    expect(yOf(3, b)).toBe(b.top + plotHeight(b) / 2);
  });
  it("is linear and a worse score is lower down", () => {
    expect(yOf(2, b) - yOf(1, b)).toBeCloseTo(yOf(5, b) - yOf(4, b));
    expect(yOf(3.5, b)).toBeGreaterThan(yOf(2.4, b));
  });
  it("keeps scores outside 1..5 inside the plot", () => {
    expect(yOf(0, b)).toBe(yOf(1, b));
    expect(yOf(9, b)).toBe(yOf(5, b));
  });
  it("draws the four bands edge to edge from 1 to 5, darker as concern grows", () => {
    expect(BANDS.map((x) => [x.from, x.to])).toEqual([[1, 2], [2, 3], [3, 4], [4, 5]]);
    expect(BANDS.map((x) => x.label)).toEqual(["needs met", "mostly met", "concern", "serious concern"]);
    const lightness = BANDS.map((x) => parseInt(x.fill.slice(1, 3), 16));
    expect([...lightness].sort((p, q) => q - p)).toEqual(lightness);
  });
});

describe("xScale (dates)", () => {
  const b = chartBox(800, 320);
  it("counts days without time zones", () => {
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayNumber("2024-03-01") - dayNumber("2024-02-28")).toBe(2); // leap year
    expect(dayNumber("2025-03-30") - dayNumber("2025-03-29")).toBe(1); // clocks change
  });
  it("spreads dates in proportion to the days between them, first on the left", () => {
    const x = xScale(["2025-01-01", "2025-04-01", "2025-10-01"], b);
    expect(x("2025-01-01")).toBeLessThan(x("2025-04-01"));
    const quarter = x("2025-04-01") - x("2025-01-01");
    const half = x("2025-10-01") - x("2025-04-01");
    expect(half / quarter).toBeCloseTo(183 / 90, 5);
  });
  it("keeps the first and last dates inside the plot, away from its edges", () => {
    const x = xScale(["2025-01-01", "2025-10-01"], b);
    expect(x("2025-01-01")).toBeGreaterThan(b.left);
    expect(x("2025-10-01")).toBeLessThan(b.width - b.right);
  });
  it("puts a single date in the middle", () => {
    const x = xScale(["2025-01-01"], b);
    expect(x("2025-01-01")).toBe(b.left + (b.width - b.left - b.right) / 2);
  });
});

describe("segments (a missing score breaks the line)", () => {
  it("splits at every gap and drops empty runs", () => {
    expect(segments([1, 2, null, 3, null, null, 4, 5])).toEqual([[1, 2], [3], [4, 5]]);
    expect(segments([null, null])).toEqual([]);
    expect(segments([])).toEqual([]);
  });
});

describe("dateTicks", () => {
  const x = (iso: string) => dayNumber(iso);
  it("labels every date when there is room", () => {
    expect(dateTicks(["2025-01-01", "2025-04-01", "2025-04-01", "2025-07-01"], x, 30)).toEqual([
      "2025-01-01",
      "2025-04-01",
      "2025-07-01",
    ]);
  });
  it("skips a date too close to the one before, but always labels the latest", () => {
    expect(dateTicks(["2025-01-01", "2025-01-10", "2025-04-01", "2025-04-20"], x, 30)).toEqual([
      "2025-01-01",
      "2025-04-20",
    ]);
  });
});

describe("series styles (readable in greyscale)", () => {
  it("give every area its own dash pattern and its own marker shape", () => {
    expect(new Set(SERIES_STYLES.map((s) => s.dash)).size).toBe(SERIES_STYLES.length);
    expect(new Set(SERIES_STYLES.map((s) => s.marker)).size).toBe(SERIES_STYLES.length);
    expect(SERIES_STYLES.length).toBeGreaterThanOrEqual(4);
  });
  it("draws closed marker paths around the point", () => {
    for (const s of SERIES_STYLES) {
      const d = markerPath(s.marker, 100, 50, 5);
      expect(d.startsWith("M")).toBe(true);
      expect(d.endsWith("Z")).toBe(true);
      expect(d).not.toContain("NaN");
    }
  });
  it("offsets series symmetrically around the date", () => {
    expect([0, 1, 2, 3].map((i) => dodge(i, 4, 4))).toEqual([-6, -2, 2, 6]);
    expect(dodge(3, 4)).toBeLessThanOrEqual(12); // never far enough to misplace a date
    expect(dodge(0, 1) === 0).toBe(true);
  });
});
