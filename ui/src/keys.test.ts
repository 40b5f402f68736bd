import { describe, expect, it } from "vitest";
import { isTyping, keyAction } from "./keys";

describe("keyAction", () => {
  it("grades with 1-5, N and A (either case)", () => {
    expect(keyAction({ key: "1" }, false)).toEqual({ kind: "grade", grade: "1" });
    expect(keyAction({ key: "5" }, false)).toEqual({ kind: "grade", grade: "5" });
    expect(keyAction({ key: "N" }, false)).toEqual({ kind: "grade", grade: "not_known" });
    expect(keyAction({ key: "a" }, false)).toEqual({ kind: "grade", grade: "not_applicable" });
  });
  it("moves with the arrows and J/K", () => {
    expect(keyAction({ key: "ArrowDown" }, false)).toEqual({ kind: "move", by: 1 });
    expect(keyAction({ key: "j" }, false)).toEqual({ kind: "move", by: 1 });
    expect(keyAction({ key: "ArrowUp" }, false)).toEqual({ kind: "move", by: -1 });
    expect(keyAction({ key: "K" }, false)).toEqual({ kind: "move", by: -1 });
  });
  it("leaves other keys, typing and shortcuts alone", () => {
    for (const key of ["0", "6", "x", "Enter", " ", "Tab", "ArrowLeft"]) expect(keyAction({ key }, false)).toBeNull();
    expect(keyAction({ key: "3" }, true)).toBeNull();
    expect(keyAction({ key: "ArrowDown" }, true)).toBeNull();
    expect(keyAction({ key: "a", ctrlKey: true }, false)).toBeNull();
    expect(keyAction({ key: "1", altKey: true }, false)).toBeNull();
  });
});

describe("isTyping", () => {
  const el = (html: string) => {
    const div = document.createElement("div");
    div.innerHTML = html;
    return div.firstElementChild;
  };
  it("knows which fields take text", () => {
    expect(isTyping(el("<textarea></textarea>"))).toBe(true);
    expect(isTyping(el("<input>"))).toBe(true);
    expect(isTyping(el('<input type="date">'))).toBe(true);
    expect(isTyping(el("<select></select>"))).toBe(true);
    expect(isTyping(el('<input type="radio">'))).toBe(false);
    expect(isTyping(el('<input type="checkbox">'))).toBe(false);
    expect(isTyping(el("<button></button>"))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
