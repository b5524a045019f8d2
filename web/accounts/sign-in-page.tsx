import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useSearch } from 'wouter';
import type { MessageKey } from '../../shared/i18n/index.ts';
import { apiWrite } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { signInWithPasskey } from './passkey-ceremonies.ts';
import { describeProblem } from './problems.ts';
import { useMe } from './use-me.ts';
import './accounts.css';

/** How long a link works (server/accounts/service.ts SIGN_IN_LINK_TTL_MS), as the page tells it. */
const LINK_MINUTES = 15;

/** Why /auth/verify sent the browser back here (`?error=`). */
const LINK_PROBLEMS: Record<string, MessageKey> = {
  invalid: 'accounts.signIn.error.invalid',
  used: 'accounts.signIn.error.used',
  expired: 'accounts.signIn.error.expired',
  other_browser: 'accounts.signIn.error.other_browser',
};

const looksLikeEmail = (text: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);

export function SignInPage() {
  const { t } = useI18n();
  usePageTitle(t('accounts.signIn.title'));
  const { me } = useMe();
  const linkProblem = new URLSearchParams(useSearch()).get('error');
  const [linkSent, setLinkSent] = useState(false);

  return (
    <div className="sign-in">
      <header className="page-header">
        <h1>{t('accounts.signIn.title')}</h1>
        <p className="lead">{t('accounts.signIn.intro')}</p>
      </header>

      {me ? (
        <p className="notice">
          {t('accounts.signIn.signedInAs', { name: me.person?.name ?? me.email })}{' '}
          <Link href="/account">{t('accounts.signIn.toAccount')}</Link>
        </p>
      ) : null}

      {linkProblem && !linkSent ? (
        <div className="error-state sign-in__problem" role="alert" aria-labelledby="sign-in-problem-title">
          <h2 id="sign-in-problem-title">{t('accounts.signIn.errorTitle')}</h2>
          <p>{t(LINK_PROBLEMS[linkProblem] ?? 'accounts.signIn.error.unknown', { minutes: LINK_MINUTES })}</p>
        </div>
      ) : null}

      <div className="sign-in__ways">
        <EmailLinkPanel sent={linkSent} onSent={setLinkSent} autoFocus={Boolean(linkProblem)} />
        <PasskeyPanel />
      </div>
    </div>
  );
}

function EmailLinkPanel({
  sent,
  onSent,
  autoFocus,
}: {
  sent: boolean;
  onSent: (sent: boolean) => void;
  autoFocus: boolean;
}) {
  const { t, language } = useI18n();
  const id = useId();
  // An invitation links here with the invited address filled in.
  const [email, setEmail] = useState(() => new URLSearchParams(window.location.search).get('email') ?? '');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const sentHeading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (sent) sentHeading.current?.focus();
  }, [sent]);

  async function send(event: FormEvent) {
    event.preventDefault();
    const address = email.trim();
    if (!looksLikeEmail(address)) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    setInvalid(false);
    setProblem(null);
    setSending(true);
    try {
      const next = returnPath();
      await apiWrite('POST', '/api/auth/magic-link', language, { email: address, ...(next ? { next } : {}) });
      onSent(true);
    } catch (error) {
      setProblem(describeProblem(error, t));
    } finally {
      setSending(false);
    }
  }

  function askAgain() {
    onSent(false);
    // The form comes back; put the reader in it.
    requestAnimationFrame(() => input.current?.focus());
  }

  return (
    <section className="sign-in__panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('accounts.signIn.linkHeading')}</h2>
      <div role="status" className="sign-in__status">
        {sent ? (
          <div className="sign-in__sent">
            <h3 ref={sentHeading} tabIndex={-1}>
              {t('accounts.signIn.sentTitle')}
            </h3>
            <p>{t('accounts.signIn.sentBody', { email: email.trim(), minutes: LINK_MINUTES })}</p>
          </div>
        ) : null}
      </div>
      {sent ? (
        <>
          <CodeForm email={email.trim()} />
          <button type="button" className="button button--quiet" onClick={askAgain}>
            {t('accounts.signIn.askAgain')}
          </button>
        </>
      ) : (
        <form onSubmit={send} noValidate className="sign-in__form">
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('accounts.signIn.email')}</label>
            <input
              ref={input}
              id={`${id}-email`}
              type="email"
              name="email"
              inputMode="email"
              autoComplete="email"
              // biome-ignore lint/a11y/noAutofocus: arriving from a failed link, asking again is the only thing to do
              autoFocus={autoFocus}
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={invalid || undefined}
              aria-describedby={`${id}-hint${invalid ? ` ${id}-invalid` : ''}`}
            />
            <p id={`${id}-hint`} className="field__hint">
              {t('accounts.signIn.emailHint', { minutes: LINK_MINUTES })}
            </p>
            {invalid ? (
              <p id={`${id}-invalid`} className="field__error">
                {t('accounts.signIn.emailInvalid')}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={sending}>
            {sending ? t('accounts.signIn.sending') : t('accounts.signIn.send')}
          </button>
        </form>
      )}
      {problem ? (
        <p role="alert" className="field__error">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The 6-digit code of the same mail, typed in this browser (the one that
 * asked): for when the link opens in another one, as a phone's mail app does.
 */
function CodeForm({ email }: { email: string }) {
  const { t, language } = useI18n();
  const id = useId();
  const [code, setCode] = useState('');
  const [checking, setChecking] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    setInvalid(false);
    setProblem(null);
    setChecking(true);
    try {
      await apiWrite('POST', '/api/auth/code', language, { email, code: digits });
      // A fresh start, so nothing fetched as the public lingers in the page.
      window.location.assign(returnPath() ?? '/');
    } catch (error) {
      setChecking(false);
      setProblem(describeProblem(error, t));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="sign-in__form sign-in__code" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('accounts.signIn.codeHeading')}</h3>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('accounts.signIn.code')}</label>
        <input
          ref={input}
          id={`${id}-code`}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          value={code}
          onChange={(event) => setCode(event.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-hint${invalid ? ` ${id}-invalid` : ''}`}
        />
        <p id={`${id}-hint`} className="field__hint">
          {t('accounts.signIn.codeHint')}
        </p>
        {invalid ? (
          <p id={`${id}-invalid`} className="field__error">
            {t('accounts.signIn.codeInvalid')}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={checking}>
        {checking ? t('accounts.signIn.codeChecking') : t('accounts.signIn.codeSubmit')}
      </button>
      {problem ? (
        <p role="alert" className="field__error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

function PasskeyPanel() {
  const { t, language } = useI18n();
  const id = useId();
  const [waiting, setWaiting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function signIn() {
    setProblem(null);
    setWaiting(true);
    try {
      const me = await signInWithPasskey(language);
      // A fresh start, so nothing fetched as the public lingers in the page; staff land on their back office.
      window.location.assign(returnPath() ?? (me.role === 'admin' ? '/staff' : '/'));
    } catch (error) {
      setWaiting(false);
      setProblem(
        describeProblem(error, t, {
          cancelled: 'accounts.signIn.passkeyCancelled',
          unsupported: 'accounts.signIn.passkeyUnsupported',
        }),
      );
    }
  }

  return (
    <section className="sign-in__panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('accounts.signIn.passkeyHeading')}</h2>
      <p className="muted">{t('accounts.signIn.passkeyText')}</p>
      <button type="button" className="button button--quiet" onClick={signIn} disabled={waiting}>
        <KeyIcon />
        {t('accounts.signIn.passkey')}
      </button>
      <div role="status" className="sign-in__status">
        {waiting ? <p>{t('accounts.signIn.passkeyWaiting')}</p> : null}
      </div>
      {problem ? (
        <p role="alert" className="field__error">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

export function KeyIcon() {
  return (
    <svg className="icon" width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <circle cx="8" cy="16" r="4.5" />
        <path d="M11.2 12.8 20 4m-4 4 2.5 2.5M18.5 5.5 21 8" />
      </g>
    </svg>
  );
}

/** Where a page that sent the reader here (`?next=/connect/…`) wants them back: a path of this app only. */
function returnPath(): string | undefined {
  const next = new URLSearchParams(window.location.search).get('next');
  return next && /^\/([A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*)?$/.test(next) && next.length <= 200 ? next : undefined;
}
