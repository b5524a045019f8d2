import { useRef, useState } from 'react';
import { useLive } from './use-live.ts';

/** A notice on an event's live channel: a session changed (`sessionId`), or, on connect, the programme's fingerprint. */
interface ProgrammeMessage {
  version?: string | number;
  sessionId?: string;
  change?: string;
}

/**
 * Keeps a page showing an event's programme current. `refetch` runs when
 * staff change a session, when a page that reconnects (after a drop, or
 * back from offline) is told a fingerprint other than the one it first saw,
 * and when the server says it may have missed changes (`resync`).
 * Returns when the last change arrived, for a short notice.
 */
export function useProgrammeChanges(slug: string | null, refetch: () => void): { changedAt: number | null } {
  const [changedAt, setChangedAt] = useState<number | null>(null);
  const seen = useRef<string | null>(null);
  useLive(slug, {
    programme: (data) => {
      const message = (data ?? {}) as ProgrammeMessage;
      if (message.sessionId) {
        // The fingerprint seen stays: a reconnect will fetch once more, which costs little and misses nothing.
        refetch();
        setChangedAt(Date.now());
        return;
      }
      const version = message.version === undefined ? null : String(message.version);
      if (seen.current !== null && version !== seen.current) {
        refetch();
        setChangedAt(Date.now());
      }
      seen.current = version;
    },
    // The server stopped hearing changes for a while and may have missed some: fetch once, then take the
    // fingerprint that follows as the new reference (without the notice: nothing need have changed).
    resync: () => {
      seen.current = null;
      refetch();
    },
  });
  return { changedAt };
}
