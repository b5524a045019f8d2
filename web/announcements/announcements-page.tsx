import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link } from 'wouter';
import type {
  Announcement,
  AnnouncementList,
  AnnouncementRequest,
  AudienceKind,
  RecipientCount,
} from '../../shared/api/announcements.ts';
import { AUDIENCE_KINDS } from '../../shared/api/announcements.ts';
import type { DelegationList } from '../../shared/api/delegations.ts';
import type { EventDetail, Session } from '../../shared/api/programme.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { ApiError, apiWrite, type List, useApi } from '../api.ts';
import { StaffOnly } from '../back-office/back-office-page.tsx';
import { formatDateTime } from '../i18n/dates.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import './announcements.css';

const EMPTY = { titleEn: '', titleEs: '', bodyEn: '', bodyEs: '' };

/** /events/:slug/announcements — staff write, target, schedule, and see who read. */
export function AnnouncementsPage({ slug }: { slug: string }) {
  const { t, text, language } = useI18n();
  const { me } = useMe();
  const staff = Boolean(me && isAdmin(me));
  const event = useApi<EventDetail>(staff ? `/api/events/${slug}` : null);
  const list = useApi<AnnouncementList>(staff ? `/api/events/${slug}/announcements` : null);
  usePageTitle(t('announce.staff.title'));
  const ids = { form: useId(), list: useId() };
  if (me === undefined) return <Loading />;
  if (!staff) return <StaffOnly />;
  if (event.error) return <ErrorState error={event.error} onRetry={event.reload} asPage />;
  if (!event.data) return <Loading />;
  const zone = event.data.timeZone;
  return (
    <div className="announcements">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={`/staff/events/${slug}`}>{text(event.data.name)}</Link>
        </p>
        <h1>{t('announce.staff.title')}</h1>
        <p className="lead">{t('announce.staff.intro')}</p>
      </header>
      <section aria-labelledby={ids.form}>
        <h2 id={ids.form}>{t('announce.staff.new')}</h2>
        <AnnouncementForm slug={slug} onSent={list.reload} />
      </section>
      <section aria-labelledby={ids.list}>
        <h2 id={ids.list}>{t('announce.staff.sent')}</h2>
        {!list.data ? (
          <Loading />
        ) : list.data.items.length === 0 ? (
          <p className="empty-state">{t('announce.staff.none')}</p>
        ) : (
          <table className="announce-table">
            <thead>
              <tr>
                <th scope="col">{t('announce.staff.column.title')}</th>
                <th scope="col">{t('announce.staff.column.when')}</th>
                <th scope="col">{t('announce.staff.column.read')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a: Announcement) => (
                <tr key={a.id}>
                  <td>
                    <strong>{a.title[language]}</strong>
                    <br />
                    <small>
                      {t(`announce.audience.${a.audience.kind}`)}
                      {a.audience.kind === 'language' || a.audience.kind === 'country' ? ` (${a.audience.value})` : ''}
                    </small>
                  </td>
                  <td>
                    {a.sentAt
                      ? formatDateTime(a.sentAt, language, zone)
                      : t('announce.staff.scheduled', { when: formatDateTime(a.sendAt, language, zone) })}
                  </td>
                  <td data-testid="announcement-read">
                    {t('announce.staff.readCount', { read: a.read, recipients: a.recipients })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function AnnouncementForm({ slug, onSent }: { slug: string; onSent: () => void }) {
  const { t, text, language } = useI18n();
  const id = useId();
  const [words, setWords] = useState(EMPTY);
  const [kind, setKind] = useState<AudienceKind>('all');
  const [value, setValue] = useState('');
  const [sendAt, setSendAt] = useState('');
  const [byEmail, setByEmail] = useState(false);
  const [count, setCount] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const delegations = useApi<DelegationList>(kind === 'delegation' ? `/api/events/${slug}/delegations` : null);
  const sessions = useApi<List<Session>>(kind === 'session' ? `/api/events/${slug}/sessions` : null);
  const needsValue = kind !== 'all' && kind !== 'checked_in';

  const request = (dryRun: boolean): AnnouncementRequest => ({
    title: { en: words.titleEn, es: words.titleEs },
    body: { en: words.bodyEn, es: words.bodyEs },
    audience: needsValue ? { kind, value } : { kind },
    byEmail,
    ...(sendAt ? { sendAt: new Date(sendAt).toISOString() } : {}),
    dryRun,
  });

  // The count of recipients follows the audience as it is chosen, before anything is sent.
  useEffect(() => {
    setCount(null);
    if (needsValue && !value) return;
    const audience = needsValue ? { kind, value } : { kind };
    const placeholder = { title: { en: '-', es: '-' }, body: { en: '-', es: '-' } };
    let stale = false;
    apiWrite<RecipientCount>('POST', `/api/events/${slug}/announcements`, language, {
      ...placeholder,
      audience,
      dryRun: true,
    })
      .then((answer) => {
        if (!stale) setCount(answer.recipients);
      })
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [slug, kind, value, needsValue, language]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setDone(null);
    try {
      const sent = await apiWrite<Announcement>('POST', `/api/events/${slug}/announcements`, language, request(false));
      setWords(EMPTY);
      setDone(
        sent.sentAt ? t('announce.staff.sentNow', { recipients: sent.recipients }) : t('announce.staff.scheduledDone'),
      );
      onSent();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : String(error));
    }
  };

  const field = (name: keyof typeof EMPTY, label: string, multiline: boolean) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {multiline ? (
        <textarea
          id={`${id}-${name}`}
          required
          maxLength={2000}
          value={words[name]}
          onChange={(e) => setWords({ ...words, [name]: e.target.value })}
        />
      ) : (
        <input
          id={`${id}-${name}`}
          type="text"
          required
          maxLength={120}
          value={words[name]}
          onChange={(e) => setWords({ ...words, [name]: e.target.value })}
        />
      )}
    </div>
  );

  return (
    <form className="announce-form" onSubmit={submit}>
      {field('titleEn', t('announce.staff.titleEn'), false)}
      {field('bodyEn', t('announce.staff.bodyEn'), true)}
      {field('titleEs', t('announce.staff.titleEs'), false)}
      {field('bodyEs', t('announce.staff.bodyEs'), true)}
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('announce.staff.audience')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as AudienceKind);
            setValue(e.target.value === 'language' ? 'es' : '');
          }}
        >
          {AUDIENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`announce.audience.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {kind === 'delegation' ? (
        <div className="field">
          <label htmlFor={`${id}-value`}>{t('announce.audience.delegation')}</label>
          <select id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)} required>
            <option value="">—</option>
            {(delegations.data?.items ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.organization.acronym ?? d.organization.name}
              </option>
            ))}
          </select>
        </div>
      ) : kind === 'session' ? (
        <div className="field">
          <label htmlFor={`${id}-value`}>{t('announce.audience.session')}</label>
          <select id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)} required>
            <option value="">—</option>
            {(sessions.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {text(s.title)}
              </option>
            ))}
          </select>
        </div>
      ) : kind === 'language' ? (
        <div className="field">
          <label htmlFor={`${id}-value`}>{t('announce.audience.language')}</label>
          <select id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="es">Español</option>
            <option value="en">English</option>
          </select>
        </div>
      ) : kind === 'country' ? (
        <div className="field">
          <label htmlFor={`${id}-value`}>{t('announce.staff.countryCode')}</label>
          <input
            id={`${id}-value`}
            value={value}
            maxLength={2}
            autoCapitalize="characters"
            onChange={(e) => setValue(e.target.value.toUpperCase())}
          />
        </div>
      ) : null}
      <p className="announce-count" aria-live="polite" data-testid="recipient-count">
        {count === null ? '\u00a0' : t('announce.staff.count', { count })}
      </p>
      <div className="field">
        <label htmlFor={`${id}-when`}>{t('announce.staff.sendAt')}</label>
        <input id={`${id}-when`} type="datetime-local" value={sendAt} onChange={(e) => setSendAt(e.target.value)} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={byEmail} onChange={(e) => setByEmail(e.target.checked)} />{' '}
        {t('announce.staff.byEmail')}
      </label>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      {done ? <p role="status">{done}</p> : null}
      <button type="submit" className="button">
        {sendAt ? t('announce.staff.schedule') : t('announce.staff.send')}
      </button>
    </form>
  );
}
