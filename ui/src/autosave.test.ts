import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosave, flushAll, saveStatusText, type SaveStatus } from "./autosave";

describe("Autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = () => {
    const seen: SaveStatus[] = [];
    const idle = vi.fn();
    const save = new Autosave((s) => seen.push(s), 500, idle);
    return { save, seen, idle, last: () => seen[seen.length - 1] };
  };

  it("debounces typing: only the last text is saved, after the pause", async () => {
    const { save, last, idle } = setup();
    const job = vi.fn(async (t: string) => ({ saved_at: `2026-11-23T14:02:00+00:00 ${t}` }));
    save.later("e", () => job("a"));
    await vi.advanceTimersByTimeAsync(300);
    save.later("e", () => job("ab"));
    expect(saveStatusText(last())).toBe("Saving…");
    await vi.advanceTimersByTimeAsync(499);
    expect(job).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await save.flush();
    expect(job.mock.calls).toEqual([["ab"]]);
    expect(saveStatusText(last())).toBe("Saved at 14:02");
    expect(idle).toHaveBeenCalledTimes(1);
  });

  it("runs saves one at a time, in order", async () => {
    const { save } = setup();
    const order: string[] = [];
    const slow = (name: string, ms: number) => () =>
      new Promise((resolve) => setTimeout(() => (order.push(name), resolve({ saved_at: "x" })), ms));
    save.now("a", slow("first", 100));
    save.now("b", slow("second", 10));
    await vi.advanceTimersByTimeAsync(200);
    await save.flush();
    expect(order).toEqual(["first", "second"]);
  });

  it("a save now replaces a waiting save of the same key", async () => {
    const { save } = setup();
    const job = vi.fn(async (t: string) => ({ saved_at: t }));
    save.later("item", () => job("typed"));
    save.now("item", () => job("graded"));
    await vi.advanceTimersByTimeAsync(1000);
    await save.flush();
    expect(job.mock.calls).toEqual([["graded"]]);
  });

  it("keeps an error in plain words until that key saves", async () => {
    const { save, last } = setup();
    save.now("d", () => Promise.reject({ kind: "invalid", message: "The date of the evidence is in the future.", field: "evidence_date" }));
    await save.flush();
    expect(last().errors.get("d")).toBe("The date of the evidence is in the future.");
    expect(saveStatusText(last())).toBe("Not saved: The date of the evidence is in the future.");
    save.now("d", async () => ({ saved_at: "2026-11-23T09:05:00+00:00" }));
    await save.flush();
    expect(last().errors.size).toBe(0);
    expect(saveStatusText(last())).toBe("Saved at 09:05");
  });

  it("flushAll saves what is waiting in every open autosaver, before the app locks", async () => {
    const { save } = setup();
    const job = vi.fn(async () => ({ saved_at: "x" }));
    save.later("typing", job);
    await flushAll();
    expect(job).toHaveBeenCalledTimes(1);
    save.later("after-close", job);
    await save.close();
    expect(job).toHaveBeenCalledTimes(2);
    save.later("closed", job);
    await flushAll(); // a closed autosaver is no longer flushed by flushAll
    expect(job).toHaveBeenCalledTimes(2);
  });
});
