// The backend locks the records after a period without use. This tells it the person is still
// here (keyboard, pointer or scrolling, at most every 15 seconds), and notices promptly when
// it has locked, so the unlock screen replaces a page that can no longer load anything.
import { api } from "./api";

export const REPORT_EVERY_MS = 15_000;
const CHECK_EVERY_MS = 2_000;

/** Whether input at `now` should be reported, given the last report time. */
export function shouldReport(now: number, lastReported: number): boolean {
  return now - lastReported >= REPORT_EVERY_MS;
}

/** Starts watching; returns a function that stops it. `onLocked` runs once per lock. */
export function watchIdle(onLocked: () => void): () => void {
  let lastReported = 0;
  const report = () => {
    const now = Date.now();
    if (shouldReport(now, lastReported)) {
      lastReported = now;
      api.stillHere().catch(() => {});
    }
  };
  const events = ["keydown", "pointerdown", "wheel"] as const;
  events.forEach((e) => window.addEventListener(e, report, { capture: true, passive: true }));
  const timer = window.setInterval(() => {
    api
      .appStatus()
      .then((s) => {
        if (!s.unlocked) onLocked();
      })
      .catch(() => {});
  }, CHECK_EVERY_MS);
  return () => {
    events.forEach((e) => window.removeEventListener(e, report, { capture: true }));
    window.clearInterval(timer);
  };
}
