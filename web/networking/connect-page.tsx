import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Sharing } from '../../shared/api/networking.ts';
import type { EventDetail } from '../../shared/api/programme.ts';
import { isBadgeCode, normalizeBadgeCode } from '../../shared/badge-code.ts';
import { useMe } from '../accounts/use-me.ts';
import { useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Avatar } from '../profiles/avatar.tsx';
import { ProfilePrompt } from '../profiles/profile-prompt.tsx';
import { chooseEvent, useCurrentEvent } from '../programme/current-event.ts';
import { EventSwitcher } from '../programme/event-switcher.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { CameraScanner } from './camera-scanner.tsx';
import { ScanList } from './scan-list.tsx';
import { addScan, useScans } from './scan-queue.ts';
import { ShareChoice } from './share-choice.tsx';
import './networking.css';

/** Connect with someone at an event: their badge's QR through the camera, or the code typed by hand. */
export function ConnectPage({ slug }: { slug: string }) {
  const { t, text, language } = useI18n();
  usePageTitle(t('networking.scan.title'));
  const { me } = useMe();
  const event = useApi<EventDetail>(`/api/events/${slug}`);
  const current = useCurrentEvent();
  const [, navigate] = useLocation();
  // Connecting at an event makes it the current one, so My trip and the tabs agree with this page.
  const known = current.events.some((candidate) => candidate.slug === slug);
  useEffect(() => {
    if (current.ready && known && slug !== current.event?.slug) chooseEvent(slug);
  }, [current.ready, current.event?.slug, known, slug]);
  const scans = useScans()
    .filter((s) => s.slug === slug)
    .slice()
    .reverse();
  const sharing = useApi<Sharing>(me?.person ? '/api/me/sharing' : null);
  // The person just met: their card, and what I give them, chosen now.
  const latest = scans.find((s) => s.state === 'sent' && s.contact)?.contact;
  const [camera, setCamera] = useState(false);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const codeId = useId();
  const hintId = useId();
  const problemId = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = normalizeBadgeCode(code);
    if (!isBadgeCode(typed)) {
      setProblem(t('networking.scan.badCode'));
      return;
    }
    setProblem(null);
    setCode('');
    void addScan(slug, typed, 'short_code', language);
  };

  const onCode = useCallback(
    (scanned: string) => {
      setCamera(false);
      void addScan(slug, scanned, 'badge_qr', language);
    },
    [slug, language],
  );

  return (
    <div className="connect">
      <header className="page-header">
        {event.data ? <p className="eyebrow">{text(event.data.name)}</p> : null}
        <h1>{t('networking.scan.title')}</h1>
        <p className="lead">{t('networking.scan.intro')}</p>
      </header>
      <EventSwitcher current={current} onChoose={(next) => navigate(`/connect/${next}`)} />

      {latest && sharing.data ? (
        <section className="connected-card" aria-labelledby="connect-latest">
          <div className="contact__head">
            <Avatar photo={latest.photo} name={latest.name} size="medium" />
            <div>
              <h2 id="connect-latest" className="card__title">
                {latest.name}
              </h2>
              <p className="card__subtitle">
                {[
                  (latest.organizations ?? []).map((o) => o.acronym ?? o.name).join(', '),
                  latest.country?.name[language],
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </div>
          </div>
          <ShareChoice
            key={latest.id}
            contact={latest}
            current={null}
            sharing={sharing.data}
            onSaved={sharing.reload}
          />
        </section>
      ) : null}

      {me ? <ProfilePrompt /> : null}

      {me === null ? (
        <p className="notice">
          {t('networking.scan.signInFirst')}{' '}
          <Link href={`/sign-in?next=/connect/${slug}`}>{t('networking.signIn')}</Link>
        </p>
      ) : null}

      <section className="connect__panel" aria-labelledby="connect-camera">
        <h2 id="connect-camera">{t('networking.scan.cameraTitle')}</h2>
        {camera ? (
          <CameraScanner onCode={onCode} onClose={() => setCamera(false)} />
        ) : (
          <button type="button" className="button" onClick={() => setCamera(true)}>
            {t('networking.scan.cameraStart')}
          </button>
        )}
      </section>

      <section className="connect__panel" aria-labelledby="connect-code">
        <h2 id="connect-code">{t('networking.scan.codeTitle')}</h2>
        <form className="code-form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={codeId}>{t('networking.scan.codeLabel')}</label>
            <input
              id={codeId}
              className="code-form__input"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              maxLength={9}
              aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
              aria-invalid={problem ? true : undefined}
            />
            <p id={hintId} className="field__hint">
              {t('networking.scan.codeHint')}
            </p>
            {problem ? (
              <p id={problemId} className="field__error" role="alert">
                {problem}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button">
            {t('networking.scan.connect')}
          </button>
        </form>
      </section>

      <section aria-labelledby="connect-recent">
        <h2 id="connect-recent">{t('networking.scan.recent')}</h2>
        <ScanList scans={scans} />
      </section>

      <p className="actions">
        <Link href={`/events/${slug}/badge`} className="button button--quiet">
          {t('networking.badge.show')}
        </Link>
        <Link href="/contacts" className="button button--quiet">
          {t('networking.contacts.title')}
        </Link>
      </p>
    </div>
  );
}
