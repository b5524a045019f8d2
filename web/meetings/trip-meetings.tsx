import { Link } from 'wouter';
import type { MeetingList } from '../../shared/api/meetings.ts';
import { useApi } from '../api.ts';
import { formatDateTime } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import './meetings.css';

/** My trip's part for one-to-one meetings: the confirmed ones at this event, each with its table. */
export function TripMeetings({ slug, timeZone }: { slug: string; timeZone: string }) {
  const { t, language } = useI18n();
  const mine = useApi<MeetingList>(`/api/me/meetings?event=${slug}`);
  // Nothing until the answer is in: "no meetings" must never be said of a list still loading.
  if (!mine.data) return null;
  const confirmed = (mine.data?.items ?? []).filter((m) => m.status === 'confirmed');
  const waiting = (mine.data?.items ?? []).filter((m) => m.status === 'pending' && m.awaiting === 'me').length;
  return (
    <section aria-labelledby="trip-meetings" className="meetings">
      <h2 id="trip-meetings">{t('meetings.trip.title')}</h2>
      {confirmed.length === 0 ? <p>{t('meetings.trip.none')}</p> : null}
      <ul className="meetings__list">
        {confirmed.map((m) => (
          <li key={m.id} className="meeting" data-testid="trip-meeting">
            <p className="meeting__title">{m.with.name}</p>
            {m.slot ? (
              <p className="meeting__when">
                {formatDateTime(m.slot.startsAt, language, timeZone)} · {m.slot.space}
                {m.slot.venue ? `, ${m.slot.venue}` : ''} ·{' '}
                <strong>{t('meetings.table', { table: m.table ?? 0 })}</strong>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="actions">
        <Link className="button button--quiet" href={`/events/${slug}/meetings`}>
          {waiting > 0 ? t('meetings.inbox.title', { count: waiting }) : t('meetings.trip.open')}
        </Link>
      </p>
    </section>
  );
}
