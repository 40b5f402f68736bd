// The arithmetic of the history chart, kept apart from the drawing so it can be tested:
// x = date (days), y = score from 1 (top, best) to 5 (bottom, worst).
import type { Band } from "./bindings/Band";
import { BAND_LABELS } from "./labels";

export type Box = {
  width: number;
  height: number;
  /** Room for the y-axis labels and title. */
  left: number;
  /** Room for the band names. */
  right: number;
  top: number;
  /** Room for the dates and the x-axis title. */
  bottom: number;
};

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/** The chart's frame at `width` pixels: margins for the axes on the left and the band names on the right. */
export function chartBox(width: number, height = 340): Box {
  return { width: Math.max(width, 240), height, left: 64, right: 128, top: 12, bottom: 60 };
}

export const plotWidth = (b: Box) => b.width - b.left - b.right;
export const plotHeight = (b: Box) => b.height - b.top - b.bottom;

/** y of a score: 1 at the top of the plot, 5 at the bottom (lower is better, so better is higher up). */
export function yOf(score: number, b: Box): number {
  const s = Math.min(SCORE_MAX, Math.max(SCORE_MIN, score));
  return b.top + ((s - SCORE_MIN) / (SCORE_MAX - SCORE_MIN)) * plotHeight(b);
}

/** Whole days since 1970-01-01 of an ISO date, with no time zone in the way. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** Space kept at each end of the x axis so markers and date labels are not cut off. */
export const X_PADDING = 36;

/**
 * x of a date, spread over the plot between the first and last dates (padded at both ends).
 * A single date, or all on one day, sits in the middle.
 */
export function xScale(dates: string[], b: Box): (iso: string) => number {
  const days = dates.map(dayNumber);
  const first = Math.min(...days);
  const last = Math.max(...days);
  const from = b.left + X_PADDING;
  const span = plotWidth(b) - 2 * X_PADDING;
  if (!days.length || last === first) return () => b.left + plotWidth(b) / 2;
  return (iso) => from + ((dayNumber(iso) - first) / (last - first)) * span;
}

/** The runs of consecutive points that have a value: a line is broken where a score is missing. */
export function segments<T>(values: (T | null)[]): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  for (const v of values) {
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(v);
  }
  if (run.length) runs.push(run);
  return runs;
}

/** The dates to label on the x axis: every distinct date, skipping any too close to the one before. */
export function dateTicks(dates: string[], x: (iso: string) => number, minGap: number): string[] {
  const distinct = [...new Set(dates)].sort();
  const ticks: string[] = [];
  for (const d of distinct) {
    const last = ticks[ticks.length - 1];
    if (last === undefined || x(d) - x(last) >= minGap) ticks.push(d);
  }
  // The latest date matters most: make sure it is labelled, in place of its neighbour if need be.
  const latest = distinct[distinct.length - 1];
  if (latest !== undefined && ticks[ticks.length - 1] !== latest) {
    if (ticks.length > 1 && x(latest) - x(ticks[ticks.length - 1]) < minGap) ticks.pop();
    ticks.push(latest);
  }
  return ticks;
}

/** The grade bands as drawn: from score `from` to `to`, shaded darker as the concern grows. */
export const BANDS: { band: Band; from: number; to: number; label: string; fill: string }[] = [
  { band: "needs_met", from: 1, to: 2, label: BAND_LABELS.needs_met, fill: "#f5f5f5" },
  { band: "mostly_met", from: 2, to: 3, label: BAND_LABELS.mostly_met, fill: "#e7e7e7" },
  { band: "concern", from: 3, to: 4, label: BAND_LABELS.concern, fill: "#d6d6d6" },
  { band: "serious_concern", from: 4, to: 5, label: BAND_LABELS.serious_concern, fill: "#c2c2c2" },
];

export type MarkerShape = "circle" | "square" | "triangle" | "diamond";

export type SeriesStyle = {
  /** stroke-dasharray ("" = solid). */
  dash: string;
  marker: MarkerShape;
  /** Filled with the line's colour, or white inside an outline. */
  filled: boolean;
  colour: string;
  /** The pattern in words, for the legend's text alternative. */
  words: string;
};

/** One style per area: each differs from the others in dash AND marker (and colour, as a bonus). */
export const SERIES_STYLES: SeriesStyle[] = [
  { dash: "", marker: "circle", filled: true, colour: "#0b5e6f", words: "solid line, filled circles" },
  { dash: "9 5", marker: "square", filled: false, colour: "#8a4b00", words: "dashed line, open squares" },
  { dash: "2 4", marker: "triangle", filled: true, colour: "#5b2a86", words: "dotted line, filled triangles" },
  { dash: "12 4 3 4", marker: "diamond", filled: false, colour: "#1b1f24", words: "dash-dot line, open diamonds" },
];

export function seriesStyle(index: number): SeriesStyle {
  return SERIES_STYLES[index % SERIES_STYLES.length];
}

/** An SVG path for a marker of about `r` radius centred on (x, y). */
export function markerPath(shape: MarkerShape, x: number, y: number, r: number): string {
  const f = (n: number) => Number(n.toFixed(2));
  switch (shape) {
    case "circle":
      return `M${f(x - r)} ${f(y)}a${f(r)} ${f(r)} 0 1 0 ${f(2 * r)} 0a${f(r)} ${f(r)} 0 1 0 ${f(-2 * r)} 0Z`;
    case "square": {
      const s = r * 0.9;
      return `M${f(x - s)} ${f(y - s)}H${f(x + s)}V${f(y + s)}H${f(x - s)}Z`;
    }
    case "triangle": {
      const h = r * 1.2;
      return `M${f(x)} ${f(y - h)}L${f(x + h)} ${f(y + h * 0.8)}H${f(x - h)}Z`;
    }
    case "diamond": {
      const h = r * 1.25;
      return `M${f(x)} ${f(y - h)}L${f(x + h)} ${f(y)}L${f(x)} ${f(y + h)}L${f(x - h)} ${f(y)}Z`;
    }
  }
}

/** A small sideways offset per series, so markers of areas with the same score on the same date stay visible. */
export function dodge(index: number, count: number, step = 8): number {
  return (index - (count - 1) / 2) * step;
}
