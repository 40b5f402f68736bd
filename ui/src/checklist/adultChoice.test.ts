import { describe, expect, it } from "vitest";
import type { Adult } from "../bindings/Adult";
import { adultChoice, adultName } from "./ItemCard";

const adult = (id: number, name: string, links: [number, string][]): Adult => ({
  id,
  household_id: 1,
  name,
  services: [],
  services_words: "none known",
  children: links.map(([child_id, relationship_label]) => ({
    child_id,
    child_name: "",
    relationship: "other",
    relationship_label,
    parental_responsibility: false,
  })),
});

describe("adultChoice", () => {
  it("tells two adults of one name apart by their relationship to this child", () => {
    const father = adult(1, "Rob Smith", [[7, "Parent"]]);
    const grandfather = adult(2, "Rob Smith", [[7, "Relative"], [8, "Parent"]]);
    expect(adultChoice(father, 7)).toBe("Rob Smith (parent)");
    expect(adultChoice(grandfather, 7)).toBe("Rob Smith (relative)");
    expect(adultChoice(grandfather, 8)).toBe("Rob Smith (parent)");
  });

  it("is the name alone for an adult not linked to this child", () => {
    expect(adultChoice(adult(3, "Kerry Jones", [[8, "Partner of a parent"]]), 7)).toBe("Kerry Jones");
  });
});

describe("adultName", () => {
  it("names an adult of the household, and says so of one no longer in it", () => {
    const adults = [adult(1, "Rob Smith", [[7, "Parent"]])];
    expect(adultName(adults, 1)).toBe("Rob Smith");
    expect(adultName(adults, 2)).toBe("an adult no longer in the child's household");
  });
});
