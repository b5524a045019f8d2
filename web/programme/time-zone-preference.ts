import { useCallback, useState } from 'react';

export type TimeZoneMode = 'event' | 'local';

const STORAGE_KEY = 'encuentro.programmeTimeZone';

function stored(): TimeZoneMode {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'local' ? 'local' : 'event';
  } catch {
    return 'event';
  }
}

/** Whether the reader last chose to see programmes in the event's zone or in their own; the event's by default. */
export function useTimeZonePreference(): [TimeZoneMode, (mode: TimeZoneMode) => void] {
  const [mode, setMode] = useState<TimeZoneMode>(stored);
  const remember = useCallback((next: TimeZoneMode) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Without storage the choice still holds through the URL (?tz=local).
    }
    setMode(next);
  }, []);
  return [mode, remember];
}
