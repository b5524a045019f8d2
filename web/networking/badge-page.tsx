import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { MyBadge } from '../../shared/api/networking.ts';
import { ApiError, apiGet } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { rotatingCode, secondsLeft, windowAt } from './rotating-code.ts';
import './networking.css';

const stored = (slug: string) => `encuentro.badge.${slug}`;

/** My badge, kept on the phone after the first load so it shows without network. */
function useMyBadge(slug: string) {
  const { language } = useI18n();
  const [badge, setBadge] = useState<MyBadge | undefined>(() => {
    const kept = localStorage.getItem(stored(slug));
    return kept ? (JSON.parse(kept) as MyBadge) : undefined;
  });
  const [error, setError] = useState<ApiError>();
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` only asks again
  useEffect(() => {
    let current = true;
    apiGet<MyBadge>(`/api/me/badge?event=${slug}`, language).then(
      (answer) => {
        localStorage.setItem(stored(slug), JSON.stringify(answer));
        if (current) setBadge(answer);
      },
      (failure: unknown) => {
        if (!current) return;
        const problem = failure instanceof ApiError ? failure : new ApiError(0, 'network', String(failure));
        // Offline, the badge kept on the phone still works; a refusal from the server does not.
        if (problem.code !== 'network') {
          localStorage.removeItem(stored(slug));
          setBadge(undefined);
        }
        setError(problem);
      },
    );
    return () => {
      current = false;
    };
  }, [slug, language, attempt]);
  return { badge, error, retry: () => setAttempt((n) => n + 1) };
}

/** In rotating mode, the code of the current 30-second window and the seconds it has left. */
function useRotatingCode(badge: MyBadge | undefined) {
  const [now, setNow] = useState(() => Date.now());
  const [code, setCode] = useState<{ window: number; code: string } | null>(null);
  const secret = badge?.rotatingSecret ?? null;
  useEffect(() => {
    if (!secret) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [secret]);
  const window = windowAt(now);
  useEffect(() => {
    if (!secret) return;
    let current = true;
    void rotatingCode(secret, window).then((next) => current && setCode({ window, code: next }));
    return () => {
      current = false;
    };
  }, [secret, window]);
  return secret && code?.window === window ? { code: code.code, secondsLeft: secondsLeft(now) } : null;
}

export function BadgePage({ slug }: { slug: string }) {
  const { t, text } = useI18n();
  usePageTitle(t('networking.badge.title'));
  const { badge, error, retry } = useMyBadge(slug);
  const rotating = useRotatingCode(badge);
  const [rotatingQr, setRotatingQr] = useState<string | null>(null);
  const shownCode = rotating?.code ?? (badge?.codeMode === 'rotating' ? null : badge?.badgeCode);
  const rotatingUrl = badge && rotating ? badge.connectUrl.replace(/[^/]+$/, rotating.code) : null;

  useEffect(() => {
    if (!rotatingUrl) return;
    let current = true;
    void QRCode.toString(rotatingUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => current && setRotatingQr(svg),
    );
    return () => {
      current = false;
    };
  }, [rotatingUrl]);

  if (!badge) {
    if (error) return <ErrorState error={error} onRetry={retry} asPage />;
    return <Loading />;
  }
  const qr = badge.codeMode === 'rotating' ? rotatingQr : badge.qrSvg;
  return (
    <div className="my-badge">
      <header className="page-header">
        <p className="eyebrow">{text(badge.event.name)}</p>
        <h1>{t('networking.badge.title')}</h1>
      </header>
      <section className="my-badge__card" aria-label={t('networking.badge.cardLabel', { name: badge.person.name })}>
        <p className="my-badge__name">{badge.person.name}</p>
        {qr ? (
          <div
            className="my-badge__qr"
            role="img"
            aria-label={t('networking.badge.qrLabel')}
            // The SVG is drawn by the qrcode library from our own URL.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: generated QR markup, no user input
            dangerouslySetInnerHTML={{ __html: qr }}
          />
        ) : null}
        <p className="my-badge__code-label">{t('networking.badge.codeLabel')}</p>
        <p className="my-badge__code" data-testid="badge-code">
          {shownCode ?? '······'}
        </p>
        {rotating ? (
          <p className="my-badge__countdown" aria-live="off">
            {t('networking.badge.changesIn', { seconds: rotating.secondsLeft })}
          </p>
        ) : null}
      </section>
      <p className="lead">
        {badge.codeMode === 'rotating' ? t('networking.badge.rotatingHelp') : t('networking.badge.help')}
      </p>
      <p className="actions">
        <Link href={`/connect/${slug}`} className="button">
          {t('networking.scan.title')}
        </Link>
        <Link href="/contacts" className="button button--quiet">
          {t('networking.contacts.title')}
        </Link>
      </p>
    </div>
  );
}
