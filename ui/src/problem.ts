// Turns whatever a failed call rejected with into a sentence for a person: never raw JSON.
import type { Problem } from "./bindings/Problem";

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Problem).message === "string" &&
    typeof (value as Problem).kind === "string"
  );
}

export function problemOf(error: unknown): Problem {
  if (isProblem(error)) return error;
  const text = typeof error === "string" ? error : error instanceof Error ? error.message : "";
  // Tauri reports a malformed call (a bug, not the user's fault) as a plain string.
  return {
    kind: "storage",
    message: text
      ? "Something went wrong and nothing was changed. Please try again; if it happens again, tell your IT team: " +
        text.replace(/[{}"]/g, "")
      : "Something went wrong and nothing was changed. Please try again.",
    field: null,
  };
}
