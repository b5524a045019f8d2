import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'wouter';

/**
 * Filters live in the query string so a filtered view can be shared,
 * bookmarked and restored with the back button. Changes replace the current
 * history entry: typing a search should not fill the history.
 */
export function useUrlFilters<Name extends string>(names: readonly Name[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(names.map((name) => [name, params.get(name) ?? ''])) as Record<Name, string>;

  function setFilters(changes: Partial<Record<Name, string | null>>) {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [name, value] of Object.entries(changes) as [Name, string | null | undefined][]) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  }

  return { values, setFilters };
}

/**
 * A text box bound to a query-string parameter, written to the URL ~200 ms
 * after the last keystroke so each letter does not start a request.
 */
export function useDebouncedParam(value: string, write: (value: string) => void, delayMs = 200) {
  const [draft, setDraft] = useState(value);
  const written = useRef(value);
  // The latest writer, kept in a ref so a re-render does not restart the delay.
  const writeRef = useRef(write);
  writeRef.current = write;

  // Follow the URL when it changes from elsewhere (back button, "clear filters").
  useEffect(() => {
    if (value !== written.current) {
      written.current = value;
      setDraft(value);
    }
  }, [value]);

  useEffect(() => {
    const next = draft.trim();
    if (next === written.current) return;
    const timer = window.setTimeout(() => {
      written.current = next;
      writeRef.current(next);
    }, delayMs);
    return () => window.clearTimeout(timer);
  }, [draft, delayMs]);

  return [draft, setDraft] as const;
}
