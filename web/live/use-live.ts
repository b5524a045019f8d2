import { useEffect, useRef, useState } from 'react';

export type LiveStatus = 'connecting' | 'open' | 'closed';

/**
 * Listen to an event's live channel (GET /api/events/:slug/live, Server-Sent
 * Events). `handlers` maps message types (`programme`, `stamp`,
 * `leaderboard`, …) to what the page does with their data; the browser
 * reconnects on its own after a drop, and the server then sends the current
 * state again; it does the same, after a `resync` message, when it was the
 * one cut off from changes. Pass a null slug to stay disconnected.
 */
export function useLive(
  slug: string | null,
  handlers: Record<string, (data: unknown) => void>,
): { status: LiveStatus } {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  // The latest handlers, without reconnecting each time the page renders.
  const current = useRef(handlers);
  current.current = handlers;
  const types = Object.keys(handlers).sort().join(',');

  useEffect(() => {
    if (!slug || typeof EventSource === 'undefined') {
      setStatus('closed');
      return;
    }
    const source = new EventSource(`/api/events/${encodeURIComponent(slug)}/live`, { withCredentials: true });
    setStatus('connecting');
    source.onopen = () => setStatus('open');
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    const listeners = types
      .split(',')
      .filter(Boolean)
      .map((type) => {
        const listener = (message: MessageEvent<string>) => {
          let data: unknown;
          try {
            data = JSON.parse(message.data);
          } catch {
            return;
          }
          current.current[type]?.(data);
        };
        source.addEventListener(type, listener as EventListener);
        return [type, listener] as const;
      });
    return () => {
      for (const [type, listener] of listeners) source.removeEventListener(type, listener as EventListener);
      source.close();
    };
  }, [slug, types]);

  return { status };
}
