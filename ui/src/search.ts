// The home screen's filter box: matches any word of the query in a name or household,
// ignoring case and accents ("zoe" finds "Zoë").

export const fold = (text: string): string =>
  text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

/** True when every word of `query` appears in one of `fields`. */
export function matches(query: string, ...fields: (string | null | undefined)[]): boolean {
  const haystack = fold(fields.filter(Boolean).join(" "));
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
