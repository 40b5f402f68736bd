import { render } from "preact";
import { afterEach, describe, expect, it } from "vitest";
import { DateField, TextField } from "./components";

// Where each test draws; emptied after each.
const host = document.createElement("div");
document.body.appendChild(host);
afterEach(() => render(null, host));

describe("DateField", () => {
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

describe("TextField", () => {
  it("is a labelled input with the attributes it is given, its error announced with it", () => {
    render(
      <TextField id="secret" label="Passphrase" error="Too short." value="abc" onValue={() => {}} input={{ type: "password", autocomplete: "new-password" }} />,
      host,
    );
    const input = host.querySelector<HTMLInputElement>("input#secret")!;
    expect(input.type).toBe("password");
    expect(input.getAttribute("autocomplete")).toBe("new-password");
    expect(input.value).toBe("abc");
    expect(host.querySelector("label[for=secret]")?.textContent).toBe("Passphrase");
    expect(input.getAttribute("aria-describedby")).toBe("secret-error");
    expect(input.getAttribute("aria-invalid")).toBe("true");
  });

  it("hands what is typed to onValue, and shows a number as text", () => {
    const seen: string[] = [];
    render(<TextField id="months" label="Months" value={3} onValue={(v) => seen.push(v)} input={{ type: "number", min: 1 }} />, host);
    const input = host.querySelector<HTMLInputElement>("input#months")!;
    expect(input.value).toBe("3");
    expect(input.min).toBe("1");
    input.value = "12";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    expect(seen).toEqual(["12"]);
  });
});
