import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { Session } from '../../shared/api/programme.ts';
import type { RsvpState } from '../../shared/api/rsvp.ts';
import { useMe } from '../accounts/use-me.ts';
import { ApiError, apiGet, apiWrite } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSeats } from './live-seats.ts';
import { m } from './messages.ts';
import { refreshNotifications } from './use-notifications.ts';
import './rsvp.css';

/**
 * The seat controls of a session card: reserve, join the waitlist, cancel;
 * with how full the session is and my place in line. `seats` is the latest
 * live count for this session, when the page receives one (live-seats.ts).
 */
export function RsvpControl({ session }: { session: Session }) {
  const seats = useSeats(session.id);
  const { t, language } = useI18n();
  const { me } = useMe();
  const [state, setState] = useState<RsvpState | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const canHoldSeat = Boolean(me?.person);
  const path = `/api/sessions/${session.id}/rsvp`;

  const load = useCallback(() => {
    apiGet<RsvpState>(path, language).then(setState, (error: unknown) => {
      if (!(error instanceof ApiError)) return;
      setProblem(error.message);
    });
  }, [path, language]);

  // Reload my state when a live count arrives: a cancellation may have given me a seat.
  const liveChanges = seats?.changes;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each live message about this session is a reason to ask again
  useEffect(() => {
    if (canHoldSeat) load();
  }, [canHoldSeat, load, liveChanges]);

  if (session.status === 'cancelled') return null;
  if (me === undefined) return null;
  // The public is told where seats are limited; elsewhere there is nothing to reserve until signed in.
  if (!me && session.capacity === null) return null;
  // Signed-out readers see the last live count; signed-in ones their own answer, asked again on each live message.
  const confirmed = state?.confirmed ?? seats?.confirmed;
  const capacity = state ? state.capacity : (seats?.capacity ?? session.capacity);
  const full = capacity !== null && confirmed !== undefined && confirmed >= capacity;

  const act = async (method: 'POST' | 'DELETE') => {
    setBusy(true);
    setProblem(null);
    try {
      setState(await apiWrite<RsvpState>(method, path, language));
      void refreshNotifications(language);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const titleId = `session-${session.id}-title`;
  return (
    <div className="rsvp" data-testid={`rsvp-${session.id}`}>
      {capacity !== null && confirmed !== undefined ? (
        <p className="rsvp__seats">{t(m('rsvp.seats'), { confirmed, capacity })}</p>
      ) : null}
      {!me ? (
        <p className="rsvp__hint">
          <Link href="/sign-in">{t(m('rsvp.signInToReserve'))}</Link>
        </p>
      ) : !canHoldSeat ? null : (
        <>
          <p className="rsvp__status" role="status">
            {state?.status === 'confirmed'
              ? t(m('rsvp.status.confirmed'))
              : state?.assigned
                ? t(m('rsvp.status.assigned'))
                : state?.status === 'waitlisted'
                  ? t(m('rsvp.status.waitlisted'), { position: state.waitlistPosition ?? 0 })
                  : full
                    ? t(m('rsvp.status.full'))
                    : ''}
          </p>
          {state?.status === 'confirmed' || state?.status === 'waitlisted' ? (
            <button
              type="button"
              className="button button--quiet"
              disabled={busy}
              aria-describedby={titleId}
              onClick={() => act('DELETE')}
            >
              {state.status === 'confirmed' ? t(m('rsvp.cancel')) : t(m('rsvp.leaveWaitlist'))}
            </button>
          ) : state && !state.assigned ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              aria-describedby={titleId}
              onClick={() => act('POST')}
            >
              {full ? t(m('rsvp.joinWaitlist')) : t(m('rsvp.reserve'))}
            </button>
          ) : null}
        </>
      )}
      {problem ? (
        <p className="rsvp__problem" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
