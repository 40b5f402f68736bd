// The command contract (src/bindings/commands.ts, generated from src-tauri/src/commands.rs) must make
// tsc refuse a call the Rust side would refuse. typecheck/wrong-calls.ts holds one right call and
// several wrong ones; tsc must report an error on each wrong line and none on the right one.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ui = join(dirname(fileURLToPath(import.meta.url)), "..");
const fixture = join(ui, "typecheck", "wrong-calls.ts");

function typeErrorsByLine(): Map<number, string> {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  let output = "";
  try {
    execFileSync(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", join(ui, "typecheck")], {
      cwd: ui,
      encoding: "utf8",
    });
  } catch (e) {
    output = (e as { stdout: string }).stdout;
  }
  const errors = new Map<number, string>();
  for (const m of output.matchAll(/wrong-calls\.ts\((\d+),\d+\): error (TS\d+: .*)/g)) {
    errors.set(Number(m[1]), (errors.get(Number(m[1])) ?? "") + m[2]);
  }
  return errors;
}

const lineOf = (name: string) =>
  readFileSync(fixture, "utf8")
    .split("\n")
    .findIndex((line) => line.startsWith(`export const ${name}`)) + 1;

describe("the typed command contract", () => {
  const errors = typeErrorsByLine();

  it("accepts a call with the declared name, argument names and types", () => {
    expect(lineOf("rightCall")).toBeGreaterThan(0);
    expect(errors.get(lineOf("rightCall"))).toBeUndefined();
  });

  it("refuses a misspelled argument name", () => {
    expect(errors.get(lineOf("misspelledArgument"))).toMatch(/child_id/);
  });

  it.each(["wrongCommandName", "wrongArgumentType", "missingArgument", "wrongAnswerType"])("refuses %s", (name) => {
    expect(lineOf(name)).toBeGreaterThan(0);
    expect(errors.get(lineOf(name))).toBeDefined();
  });

  it("reports nothing outside the fixture's wrong lines", () => {
    const wrong = ["misspelledArgument", "wrongCommandName", "wrongArgumentType", "missingArgument", "wrongAnswerType"];
    expect([...errors.keys()].sort()).toEqual(wrong.map(lineOf).sort());
  });
});
