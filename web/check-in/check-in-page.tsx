import { type FormEvent, useCallback, useId, useState } from 'react';
import { Link } from 'wouter';
import type { CheckInCounts, CheckInList } from '../../shared/api/check-in.ts';
import type { EventDetail, Session } from '../../shared/api/programme.ts';
import { isBadgeCode, normalizeBadgeCode } from '../../shared/badge-code.ts';
import { type List, useApi } from '../api.ts';
import { formatDateTime } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useLive } from '../live/use-live.ts';
import { CameraScanner } from '../networking/camera-scanner.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { addCheckIn, type QueuedCheckIn, useCheckIns } from './check-in-queue.ts';
import '../networking/networking.css';
import '../back-office/back-office.css';

/** Staff at the door or at a session: scan a badge or type its code; offline, check-ins wait on the phone. */
export function CheckInPage({ slug }: { slug: string }) {
  const { t, text, language } = useI18n();
  usePageTitle(t('checkin.page.title'));
  const event = useApi<EventDetail>(`/api/events/${slug}`);
  const sessions = useApi<List<Session>>(`/api/events/${slug}/sessions`);
  const [session, setSession] = useState<string>('');
  const here = useApi<CheckInList>(`/api/events/${slug}/check-ins${session ? `?session=${session}` : ''}`);
  const [liveCount, setLiveCount] = useState<number | null>(null);
  const [camera, setCamera] = useState(false);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const all = useCheckIns(language);
  const mine = all.filter((item) => item.slug === slug && (item.session ?? '') === session).reverse();
  const placeId = useId();
  const codeId = useId();
  const problemId = useId();
  const { reload } = here;

  useLive(slug, {
    'check-ins': (data) => {
      const counts = data as CheckInCounts;
      if (!session) setLiveCount(counts.door);
      else if (counts.session?.id === session) setLiveCount(counts.session.count);
    },
  });

  const send = useCallback(
    (typed: string) => {
      void addCheckIn(slug, typed, session || null, language, reload);
    },
    [slug, session, language, reload],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = normalizeBadgeCode(code);
    if (!isBadgeCode(typed)) {
      setProblem(t('checkin.page.badCode'));
      return;
    }
    setProblem(null);
    setCode('');
    send(typed);
  };

  const onCode = useCallback(
    (scanned: string) => {
      setCamera(false);
      send(scanned);
    },
    [send],
  );

  const count = liveCount ?? here.data?.count ?? null;
  const timeZone = event.data?.timeZone ?? 'UTC';
  return (
    <div className="connect check-in">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={`/staff/events/${slug}`}>{event.data ? text(event.data.name) : slug}</Link>
        </p>
        <h1>{t('checkin.page.title')}</h1>
        <p className="lead">{t('checkin.page.intro')}</p>
      </header>

      <div className="field">
        <label htmlFor={placeId}>{t('checkin.page.place')}</label>
        <select
          id={placeId}
          value={session}
          onChange={(e) => {
            setSession(e.target.value);
            setLiveCount(null);
          }}
        >
          <option value="">{t('checkin.page.door')}</option>
          {(sessions.data?.items ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {`${formatDateTime(s.startsAt, language, timeZone)} · ${text(s.title)}`}
            </option>
          ))}
        </select>
      </div>

      <p className="check-in__count" aria-live="polite" data-testid="check-in-count">
        {count === null ? '…' : t('checkin.page.count', { count, expected: here.data?.expected ?? 0 })}
      </p>

      <section className="connect__panel" aria-labelledby="check-in-camera">
        <h2 id="check-in-camera">{t('checkin.page.cameraTitle')}</h2>
        {camera ? (
          <CameraScanner onCode={onCode} onClose={() => setCamera(false)} />
        ) : (
          <button type="button" className="button" onClick={() => setCamera(true)}>
            {t('checkin.page.cameraStart')}
          </button>
        )}
      </section>

      <section className="connect__panel" aria-labelledby="check-in-code">
        <h2 id="check-in-code">{t('checkin.page.codeTitle')}</h2>
        <form className="code-form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={codeId}>{t('checkin.page.codeLabel')}</label>
            <input
              id={codeId}
              className="code-form__input"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              maxLength={9}
              aria-describedby={problem ? problemId : undefined}
              aria-invalid={problem ? true : undefined}
            />
            {problem ? (
              <p id={problemId} className="field__error" role="alert">
                {problem}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button">
            {t('checkin.page.checkIn')}
          </button>
        </form>
      </section>

      <section aria-labelledby="check-in-recent">
        <h2 id="check-in-recent">{t('checkin.page.recent')}</h2>
        <CheckInQueueList items={mine} />
      </section>
    </div>
  );
}

function CheckInQueueList({ items }: { items: QueuedCheckIn[] }) {
  const { t, locale } = useI18n();
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  if (items.length === 0) return <p className="empty-state">{t('checkin.page.none')}</p>;
  return (
    <ul className="scan-list" aria-label={t('checkin.page.recent')}>
      {items.map((item) => (
        <li key={item.nonce} className={`scan scan--${item.state}`} data-state={item.state}>
          <span className="scan__code">{item.name ?? item.code}</span>
          <time className="scan__time" dateTime={item.at}>
            {time.format(new Date(item.at))}
          </time>
          <span className={`scan__state scan__state--${item.state}`}>
            {item.state === 'sent'
              ? t(item.outcome === 'checked_in' ? 'checkin.page.checkedIn' : 'checkin.page.already', {
                  name: item.name ?? item.code,
                })
              : item.state === 'rejected'
                ? t('checkin.page.rejected', { reason: item.message ?? '' })
                : item.needsSignIn
                  ? t('checkin.page.waitingSignIn')
                  : t('checkin.page.waiting')}
          </span>
        </li>
      ))}
    </ul>
  );
}
