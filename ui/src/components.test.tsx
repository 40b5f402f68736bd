import { render } from "preact";
import { afterEach, describe, expect, it } from "vitest";
import { DateField } from "./components";

describe("DateField", () => {
  const host = document.createElement("div");
  document.body.appendChild(host);
  afterEach(() => render(null, host));

  it("is a labelled date input whose hint and error are announced with it", () => {
    render(
      <DateField id="when" label="Date of the visit" hint="The day you saw the child." error="Please enter a date." value="2026-11-30" max="2026-12-06" onValue={() => {}} />,
      host,
    );
    const input = host.querySelector<HTMLInputElement>("input#when")!;
    expect(input.type).toBe("date");
    expect(input.value).toBe("2026-11-30");
    expect(input.max).toBe("2026-12-06");
    expect(host.querySelector("label[for=when]")?.textContent).toBe("Date of the visit");
    expect(input.getAttribute("aria-describedby")).toBe("when-hint when-error");
    expect(input.getAttribute("aria-invalid")).toBe("true");
  });

  it("hands each typed date to onValue", () => {
    const seen: string[] = [];
    render(<DateField id="when" label="Date" value="" onValue={(iso) => seen.push(iso)} />, host);
    const input = host.querySelector<HTMLInputElement>("input#when")!;
    expect(input.hasAttribute("aria-describedby")).toBe(false);
    input.value = "2026-12-01";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    expect(seen).toEqual(["2026-12-01"]);
  });
});
