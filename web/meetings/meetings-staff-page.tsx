import { type FormEvent, useId, useState } from 'react';
import { Link } from 'wouter';
import type { MeetingSpaceList, ScheduleResult, StaffMeetingList } from '../../shared/api/meetings.ts';
import type { EventDetail } from '../../shared/api/programme.ts';
import { zonedTimeToInstant } from '../../shared/time.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, useApi, WriteError } from '../api.ts';
import { StaffOnly } from '../back-office/back-office-page.tsx';
import { formatDateTime, formatTimeRange } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, Loading } from '../ui/status.tsx';
import './meetings.css';
import '../back-office/back-office.css';

/** /events/:slug/meetings/staff — meeting spaces, the scheduler (preview, then publish) and every meeting. */
export function MeetingsStaffPage({ slug }: { slug: string }) {
  const { t, text } = useI18n();
  usePageTitle(t('meetings.staff.title'));
  const event = useApi<EventDetail>(`/api/events/${slug}`);
  const { me } = useMe();
  if (me === undefined) return <Loading />;
  if (!me || !isAdmin(me)) return <StaffOnly />;
  return (
    <article className="meetings">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={`/staff/events/${slug}`}>{event.data ? text(event.data.name) : slug}</Link>
        </p>
        <h1>{t('meetings.staff.title')}</h1>
        <p className="lead">{t('meetings.staff.intro')}</p>
      </header>
      {event.data ? <Staff slug={slug} event={event.data} /> : <Loading />}
    </article>
  );
}

function Staff({ slug, event }: { slug: string; event: EventDetail }) {
  const { t, language } = useI18n();
  const zone = event.timeZone;
  const spaces = useApi<MeetingSpaceList>(`/api/events/${slug}/meeting-spaces`);
  const meetings = useApi<StaffMeetingList>(`/api/events/${slug}/meetings`);
  const [preview, setPreview] = useState<ScheduleResult | null>(null);
  const [keep, setKeep] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);

  const run = async (publish: boolean) => {
    try {
      const result = await apiWrite<ScheduleResult>('POST', `/api/events/${slug}/meetings/schedule`, language, {
        publish,
        ...(publish ? { keep } : {}),
      });
      if (publish) {
        setPreview(null);
        setNotice(t('meetings.staff.published', { count: result.placements.length }));
      } else {
        setPreview(result);
        setKeep(result.placements.map((p) => p.meeting));
        setNotice(null);
      }
      spaces.reload();
      meetings.reload();
    } catch (error) {
      setNotice(error instanceof WriteError ? error.message : String(error));
    }
  };

  const list = meetings.data;
  return (
    <>
      <section aria-labelledby="staff-spaces">
        <h2 id="staff-spaces">{t('meetings.staff.spaces')}</h2>
        {(spaces.data?.items ?? []).length === 0 ? <EmptyState>{t('meetings.staff.noSpaces')}</EmptyState> : null}
        <ul className="meetings__list">
          {(spaces.data?.items ?? []).map((space) => {
            const first = space.slots[0];
            const last = space.slots[space.slots.length - 1];
            return (
              <li key={space.id} className="meeting">
                <p className="meeting__title">
                  {space.name}
                  {space.venue ? ` · ${space.venue.name}` : ''}
                </p>
                <p className="meeting__when">
                  {t('meetings.staff.spaceFacts', {
                    tables: space.tables,
                    slots: space.slots.length,
                    minutes: space.slotMinutes,
                  })}
                  {first && last
                    ? ` · ${formatDateTime(first.startsAt, language, zone)} – ${formatDateTime(last.endsAt, language, zone)}`
                    : ''}
                </p>
              </li>
            );
          })}
        </ul>
        <NewSpace slug={slug} event={event} onDone={spaces.reload} />
      </section>

      <section aria-labelledby="staff-scheduler">
        <h2 id="staff-scheduler">{t('meetings.staff.scheduler')}</h2>
        <p>{t('meetings.staff.schedulerIntro')}</p>
        <p className="actions">
          <button type="button" className="button" onClick={() => run(false)}>
            {t('meetings.staff.preview')}
          </button>
        </p>
        {notice ? (
          <p className="meetings__notice" role="status">
            {notice}
          </p>
        ) : null}
        {preview ? (
          <div data-testid="schedule-preview">
            <p>
              {t('meetings.staff.previewSummary', {
                placed: preview.placements.length,
                unplaced: preview.unplaced.length,
                greedy: preview.greedyCount,
              })}
            </p>
            <ul className="meetings__list">
              {preview.placements.map((p) => (
                <li key={p.meeting} className="meeting">
                  <label className="meeting__slot">
                    <input
                      type="checkbox"
                      checked={keep.includes(p.meeting)}
                      onChange={(e) =>
                        setKeep(e.target.checked ? [...keep, p.meeting] : keep.filter((id) => id !== p.meeting))
                      }
                    />
                    <span>
                      {p.requester.name} ↔ {p.invitee.name} ·{' '}
                      {formatTimeRange(p.slot.startsAt, p.slot.endsAt, language, zone)} · {p.slot.space},{' '}
                      {t('meetings.table', { table: p.table })}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            {preview.placements.length > 0 ? (
              <p className="actions">
                <button type="button" className="button" onClick={() => run(true)}>
                  {t('meetings.staff.publish', { count: keep.length })}
                </button>
              </p>
            ) : null}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="staff-meetings">
        <h2 id="staff-meetings">{t('meetings.staff.all')}</h2>
        {list ? <p>{t('meetings.staff.noShows', { count: list.noShows })}</p> : null}
        {list && list.items.length === 0 ? <EmptyState>{t('meetings.staff.none')}</EmptyState> : null}
        <ul className="meetings__list">
          {(list?.items ?? []).map((m) => (
            <li key={m.id} className="meeting">
              <p className="meeting__title">
                {m.requester.name} ↔ {m.invitee.name}
              </p>
              <p className="meeting__when">
                {t(`meetings.status.${m.status}`)}
                {m.slot
                  ? ` · ${formatDateTime(m.slot.startsAt, language, zone)} · ${m.slot.space}, ${t('meetings.table', { table: m.table ?? 0 })}`
                  : ''}
                {m.scheduled ? ` · ${t('meetings.staff.byScheduler')}` : ''}
              </p>
              {m.requesterOutcome || m.inviteeOutcome ? (
                <p className="meeting__from">
                  {t('meetings.staff.outcomes', {
                    requester: m.requesterOutcome ? t(`meetings.outcomeShort.${m.requesterOutcome}`) : '–',
                    invitee: m.inviteeOutcome ? t(`meetings.outcomeShort.${m.inviteeOutcome}`) : '–',
                  })}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function NewSpace({ slug, event, onDone }: { slug: string; event: EventDetail; onDone: () => void }) {
  const { t, language } = useI18n();
  const [name, setName] = useState('');
  const [tables, setTables] = useState('12');
  const [minutes, setMinutes] = useState('20');
  const [day, setDay] = useState(event.startsOn);
  const [from, setFrom] = useState('16:00');
  const [until, setUntil] = useState('19:00');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { name: useId(), tables: useId(), minutes: useId(), day: useId(), from: useId(), until: useId() };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await apiWrite('POST', `/api/events/${slug}/meeting-spaces`, language, {
        name,
        tables: Number(tables),
        slotMinutes: Number(minutes),
        windows: [
          {
            startsAt: zonedTimeToInstant(day, from, event.timeZone).toISOString(),
            endsAt: zonedTimeToInstant(day, until, event.timeZone).toISOString(),
          },
        ],
      });
      setProblem(null);
      setName('');
      onDone();
    } catch (error) {
      setProblem(error instanceof WriteError ? error.message : String(error));
    }
  };
  return (
    <form className="meeting__request" onSubmit={submit}>
      <h3>{t('meetings.staff.newSpace')}</h3>
      <div className="field">
        <label htmlFor={ids.name}>{t('meetings.staff.name')}</label>
        <input id={ids.name} value={name} required maxLength={120} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.tables}>{t('meetings.staff.tables')}</label>
        <input
          id={ids.tables}
          type="number"
          min={1}
          max={200}
          value={tables}
          onChange={(e) => setTables(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.minutes}>{t('meetings.staff.minutes')}</label>
        <input
          id={ids.minutes}
          type="number"
          min={5}
          max={240}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.day}>{t('meetings.staff.day')}</label>
        <input
          id={ids.day}
          type="date"
          min={event.startsOn}
          max={event.endsOn}
          value={day}
          onChange={(e) => setDay(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.from}>{t('meetings.staff.from', { zone: event.timeZone })}</label>
        <input id={ids.from} type="time" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={ids.until}>{t('meetings.staff.until')}</label>
        <input id={ids.until} type="time" value={until} onChange={(e) => setUntil(e.target.value)} />
      </div>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      <p className="actions">
        <button type="submit" className="button">
          {t('meetings.staff.add')}
        </button>
      </p>
    </form>
  );
}
