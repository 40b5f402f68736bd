// Saves as the practitioner works: one save at a time and in order (so an older save never
// overwrites a newer one), typing debounced, and a status a person can read.
import { problemOf } from "./problem";

export type SaveStatus = {
  /** Saves waiting (typing) or on their way. */
  pending: number;
  /** The backend's time stamp of the last save that succeeded. */
  savedAt: string | null;
  /** Unsaved changes by key, with the reason in plain words. */
  errors: ReadonlyMap<string, string>;
};

type Job = () => Promise<unknown>;

// Open autosavers, so that locking the app can save everything first.
const open = new Set<Autosave>();

/** Starts every waiting save of every open screen and waits for them (before locking). */
export const flushAll = (): Promise<unknown> => Promise.all([...open].map((a) => a.flush()));

export class Autosave {
  private waiting = new Map<string, { timer: ReturnType<typeof setTimeout>; job: Job }>();
  private tail: Promise<void> = Promise.resolve();
  private running = 0;
  private savedAt: string | null = null;
  private errors = new Map<string, string>();

  constructor(
    private notify: (s: SaveStatus) => void,
    private delayMs = 500,
    private onIdle: () => void = () => {},
  ) {
    open.add(this);
  }

  /** Saves what is waiting and forgets this autosaver (the screen closed). */
  close(): Promise<void> {
    open.delete(this);
    return this.flush();
  }

  get status(): SaveStatus {
    return { pending: this.running + this.waiting.size, savedAt: this.savedAt, errors: new Map(this.errors) };
  }

  /** Saves once earlier saves are done; replaces a waiting save with the same key. */
  now(key: string, job: Job) {
    this.drop(key);
    this.enqueue(key, job);
  }

  /** Saves after `delayMs` without another change to `key` (for typing). */
  later(key: string, job: Job) {
    this.drop(key);
    const timer = setTimeout(() => {
      this.waiting.delete(key);
      this.enqueue(key, job);
    }, this.delayMs);
    this.waiting.set(key, { timer, job });
    this.notify(this.status);
  }

  /** Starts every waiting save now; resolves when all saves have finished. */
  flush(): Promise<void> {
    for (const [key, w] of [...this.waiting]) {
      clearTimeout(w.timer);
      this.waiting.delete(key);
      this.enqueue(key, w.job);
    }
    return this.tail;
  }

  private drop(key: string) {
    const w = this.waiting.get(key);
    if (w) clearTimeout(w.timer);
    this.waiting.delete(key);
  }

  private enqueue(key: string, job: Job) {
    this.running += 1;
    this.notify(this.status);
    this.tail = this.tail.then(async () => {
      try {
        const result = (await job()) as { saved_at?: string } | undefined;
        this.savedAt = result?.saved_at ?? new Date().toISOString();
        this.errors.delete(key);
      } catch (e) {
        this.errors.set(key, problemOf(e).message);
      } finally {
        this.running -= 1;
        const status = this.status;
        this.notify(status);
        if (status.pending === 0) this.onIdle();
      }
    });
  }
}

/** "Saving…", "Saved at 14:02", or what went wrong. */
export function saveStatusText(s: SaveStatus): string {
  if (s.pending > 0) return "Saving…";
  const errors = [...s.errors.values()];
  if (errors.length > 0) return `Not saved: ${errors[errors.length - 1]}`;
  if (!s.savedAt) return "Changes are saved as you go.";
  const time = /T(\d\d:\d\d)/.exec(s.savedAt)?.[1];
  return time ? `Saved at ${time}` : "Saved";
}
