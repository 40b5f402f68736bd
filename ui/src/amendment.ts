import { formatStamp } from "./dates";

/**
 * Who made an amendment, and when. The assessor named on an amendment is the original's (whose
 * grades it corrects), so the person who changed them is said separately; an amendment whose
 * maker was not recorded (imported from an older app) says so rather than showing nobody.
 */
export function amendedByText(by: string | null, at: string | null): string {
  if (by === null) return "Amended by: not recorded";
  return at ? `Amended by ${by} on ${formatStamp(at)}` : `Amended by ${by}`;
}
