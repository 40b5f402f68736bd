// Calls the Rust side would refuse. contract.test.ts runs tsc on this file and expects it to
// refuse every call but the first, each on its own line; it is outside src/, so the build skips it.
import { call } from "../src/api";

export const rightCall = () => call("list_assessments", { childId: 3 });
export const misspelledArgument = () => call("list_assessments", { child_id: 3 });
export const wrongCommandName = () => call("list_assesments", { childId: 3 });
export const wrongArgumentType = () => call("list_assessments", { childId: "3" });
export const missingArgument = () => call("list_assessments");
export const wrongAnswerType: () => Promise<string> = () => call("list_assessments", { childId: 3 });
