// The checklist's keyboard: while an item has focus, 1-5 grade it, N = not known,
// A = not applicable, Up/Down (or K/J) move to the previous/next item.
import type { Grade } from "./bindings/Grade";

export type KeyAction = { kind: "grade"; grade: Grade } | { kind: "move"; by: 1 | -1 } | null;

type KeyLike = { key: string; ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean };

/** `typing`: focus is in a field that takes text (or a select), where keys keep their meaning. */
export function keyAction(e: KeyLike, typing: boolean): KeyAction {
  if (typing || e.ctrlKey || e.altKey || e.metaKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (key >= "1" && key <= "5" && key.length === 1) return { kind: "grade", grade: key as Grade };
  switch (key) {
    case "n":
      return { kind: "grade", grade: "not_known" };
    case "a":
      return { kind: "grade", grade: "not_applicable" };
    case "ArrowDown":
    case "j":
      return { kind: "move", by: 1 };
    case "ArrowUp":
    case "k":
      return { kind: "move", by: -1 };
    default:
      return null;
  }
}

const NOT_TYPING_INPUTS = new Set(["radio", "checkbox", "button", "submit", "reset"]);

/** True when keys typed at `el` are text (textarea, text-like input, select, contenteditable). */
export function isTyping(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return !NOT_TYPING_INPUTS.has((el as HTMLInputElement).type);
  return (el as HTMLElement).isContentEditable === true;
}
