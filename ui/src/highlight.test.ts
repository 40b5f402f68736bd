import { describe, expect, it } from "vitest";
import { markNames } from "./highlight";

describe("markNames", () => {
  it("marks every name in the household, whole names before first names, ignoring case", () => {
    const parts = markNames("Siân Łukasiewicz was there; siân laughed.", ["Siân", "Siân Łukasiewicz"]);
    expect(parts).toEqual([
      { text: "Siân Łukasiewicz", name: true },
      { text: " was there; ", name: false },
      { text: "siân", name: true },
      { text: " laughed.", name: false },
    ]);
  });
  it("leaves a text with no names, and names with pattern characters, alone", () => {
    expect(markNames("Nothing here.", ["A.B (x)"])).toEqual([{ text: "Nothing here.", name: false }]);
    expect(markNames("", ["Zoë"])).toEqual([]);
  });
});
