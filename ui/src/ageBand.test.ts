import { describe, expect, it } from "vitest";
import { ageBandOn, itemsFor, wholeYears } from "./ageBand";
import type { Area } from "./bindings/Area";

describe("ageBandOn (same rule as AgeBand::on in src/model.rs)", () => {
  const birth = "2020-02-29";
  it("turns over on the birthday, leap day included", () => {
    expect(ageBandOn(birth, "2020-02-28")).toBe("pre-birth");
    expect(ageBandOn(birth, "2020-02-29")).toBe("0-1");
    expect(ageBandOn(birth, "2021-02-28")).toBe("0-1");
    expect(ageBandOn(birth, "2021-03-01")).toBe("1-4");
    expect(ageBandOn(birth, "2025-02-28")).toBe("1-4");
    expect(ageBandOn(birth, "2025-03-01")).toBe("5-11");
    expect(ageBandOn(birth, "2032-02-28")).toBe("5-11");
    expect(ageBandOn(birth, "2032-03-01")).toBe("12-17");
  });
  it("keeps the last band at 18", () => {
    expect(ageBandOn("2008-01-01", "2026-06-01")).toBe("12-17");
  });
  it("counts completed years", () => {
    expect(wholeYears("2019-05-14", "2026-05-13")).toBe(6);
    expect(wholeYears("2019-05-14", "2026-05-14")).toBe(7);
    expect(wholeYears("2026-05-14", "2026-05-13")).toBeNull();
  });
});

describe("itemsFor", () => {
  it("keeps only the items of the band, in order", () => {
    const item = (id: string, bands: string[]) => ({ id, title: id, age_bands: bands, descriptors: [], guidance: "" });
    const area = {
      id: "a",
      name: "A",
      description: "",
      subareas: [
        { id: "s1", name: "S1", items: [item("baby", ["0-1"]), item("all", ["0-1", "5-11"])] },
        { id: "s2", name: "S2", items: [item("school", ["5-11"])] },
      ],
    } as Area;
    expect(itemsFor(area, "5-11").map((i) => i.id)).toEqual(["all", "school"]);
    expect(itemsFor(area, "12-17")).toEqual([]);
  });
});
