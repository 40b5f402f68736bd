// Splits a text into plain parts and the parts that are one of `names`, so a screen can mark
// them (as prompts: a name of someone in the household in a text that leaves the office).

export type Part = { text: string; name: boolean };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `text` in order, each occurrence of a name (ignoring case; longest names first) its own part. */
export function markNames(text: string, names: readonly string[]): Part[] {
  const wanted = names.map((n) => n.trim()).filter((n) => n.length > 1);
  if (wanted.length === 0 || text === "") return text === "" ? [] : [{ text, name: false }];
  wanted.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(${wanted.map(escape).join("|")})`, "giu");
  return text
    .split(pattern)
    .filter((t) => t !== "")
    .map((t) => ({ text: t, name: wanted.some((n) => n.toLocaleLowerCase() === t.toLocaleLowerCase()) }));
}
