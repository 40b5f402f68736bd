// The home screen's search. The long lists (children, households, needs attention) are searched
// in the core over every record and fetched a page at a time (`usePagedList`), so a child on a
// page not yet shown is still counted and found. The short drafts list is held whole and
// filtered here with the core's rule: any word of the query in a name or household, ignoring
// case and accents ("zoe" finds "Zoë"); see src/search.rs.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Page } from "./bindings/Page";
import { problemOf } from "./problem";

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

/** `value` once it has stayed the same for `ms`: a search is asked of the core when typing
 * pauses, not at every key. */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

/** What a paged list holds: the rows fetched so far for `query`, and the core's counts. */
export type PagedList<T> = { query: string; total: number; matching: number; rows: T[] };

/** A long list searched in the core and fetched `first` rows at a time. `more(n)` appends the
 * next `n` matching rows. Answers to an earlier search are dropped, so the rows, the counts and
 * the query they answer always belong together. */
export function usePagedList<T>(
  fetchPage: (query: string, offset: number, limit: number) => Promise<Page<T>>,
  query: string,
  first: number,
) {
  const [list, setList] = useState<PagedList<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);
  const answer = (n: number, update: (page: Page<T>) => void) => ({
    done: (page: Page<T>) => {
      if (n !== asked.current) return;
      update(page);
      setError(null);
    },
    failed: (e: unknown) => {
      if (n === asked.current) setError(problemOf(e).message);
    },
  });
  const reload = (): Promise<void> => {
    const { done, failed } = answer(++asked.current, (page) => setList({ ...page, query }));
    return fetchPage(query, 0, first).then(done, failed);
  };
  const more = (count: number): Promise<void> => {
    if (!list) return Promise.resolve();
    const from = list.rows.length;
    const { done, failed } = answer(++asked.current, (page) =>
      setList((old) => old && { ...page, query: old.query, rows: old.rows.slice(0, from).concat(page.rows) }),
    );
    return fetchPage(list.query, from, count).then(done, failed);
  };
  useEffect(() => {
    reload();
  }, [query]);
  return { list, error, reload, more };
}
