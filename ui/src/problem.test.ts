import { describe, expect, it } from "vitest";
import { problemOf } from "./problem";

describe("problemOf", () => {
  it("keeps a backend problem as it is", () => {
    const p = { kind: "invalid", message: "Please enter the child's name.", field: "name" } as const;
    expect(problemOf(p)).toEqual(p);
  });
  it("never shows raw JSON for an unexpected string", () => {
    const p = problemOf('{"error":"invalid args `form` for command"}');
    expect(p.message).not.toMatch(/[{}"]/);
    expect(p.message).toMatch(/nothing was changed/);
  });
  it("has a sentence even for an empty rejection", () => {
    expect(problemOf(undefined).message).toMatch(/^Something went wrong/);
  });
});
