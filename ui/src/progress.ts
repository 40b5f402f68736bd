// Progress as the scoring counts it (src/scoring.rs): "not applicable" leaves the count,
// "not known" and unanswered items stay applicable but ungraded.
import type { Grade } from "./bindings/Grade";
import type { Item } from "./bindings/Item";

export type Progress = { graded: number; applicable: number };

export const isScore = (g: Grade | null | undefined): boolean =>
  g === "1" || g === "2" || g === "3" || g === "4" || g === "5";

export function progressOf(items: Item[], gradeOf: (itemId: string) => Grade | null | undefined): Progress {
  let graded = 0;
  let applicable = 0;
  for (const item of items) {
    const g = gradeOf(item.id);
    if (g === "not_applicable") continue;
    applicable += 1;
    if (isScore(g)) graded += 1;
  }
  return { graded, applicable };
}

export function sumProgress(parts: Progress[]): Progress {
  return parts.reduce((a, b) => ({ graded: a.graded + b.graded, applicable: a.applicable + b.applicable }), {
    graded: 0,
    applicable: 0,
  });
}

export const percent = (p: Progress): number => (p.applicable === 0 ? 0 : Math.floor((p.graded * 100) / p.applicable));

export const progressText = (p: Progress): string => `${p.graded} of ${p.applicable} graded`;
