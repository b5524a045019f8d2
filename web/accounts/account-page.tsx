import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { AffiliationRequest, AffiliationRequestList, Passkey, PasskeyList } from '../../shared/api/accounts.ts';
import { ApiError, apiWrite, useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { ErrorState, Loading } from '../ui/status.tsx';
import { addPasskey, signInWithPasskey } from './passkey-ceremonies.ts';
import { describeProblem } from './problems.ts';
import { KeyIcon } from './sign-in-page.tsx';
import { type Me, useMe } from './use-me.ts';
import './accounts.css';

export function AccountPage() {
  const { t } = useI18n();
  const { me, error } = useMe();
  usePageTitle(t('accounts.account.title'));

  if (me === undefined) return <Loading />;
  if (error) return <ErrorState error={error} asPage onRetry={() => window.location.reload()} />;
  if (me === null) {
    return (
      <div className="account">
        <header className="page-header">
          <h1>{t('accounts.account.title')}</h1>
          <p className="lead">{t('accounts.account.signInFirst')}</p>
        </header>
        <Link href="/sign-in" className="button">
          {t('accounts.menu.signIn')}
        </Link>
      </div>
    );
  }
  return <SignedInAccount me={me} />;
}

function SignedInAccount({ me }: { me: Me }) {
  const { t } = useI18n();
  return (
    <div className="account">
      <header className="page-header">
        <p className="eyebrow">{t('accounts.account.title')}</p>
        <h1>{me.person?.name ?? me.email}</h1>
      </header>
      <dl className="facts account__facts">
        <div>
          <dt>{t('accounts.account.email')}</dt>
          <dd>{me.email}</dd>
        </div>
        <div>
          <dt>{t('accounts.account.role')}</dt>
          <dd>{t(`accounts.role.${me.role}`)}</dd>
        </div>
        <div>
          <dt>{t('accounts.account.organization')}</dt>
          <dd>
            {me.organization ? (
              <Link href={`/organizations/${me.organization.slug}`}>{me.organization.name}</Link>
            ) : (
              t('accounts.account.noOrganization')
            )}
          </dd>
        </div>
        {me.person ? (
          <div>
            <dt>{t('accounts.account.person')}</dt>
            <dd>
              <Link href={`/people/${me.person.id}`}>{t('accounts.account.personLink')}</Link>
              {' · '}
              <Link href="/me/profile">{t('profiles.title')}</Link>
            </dd>
          </div>
        ) : null}
      </dl>
      {me.person ? <AffiliationRequestsSection /> : null}
      <PasskeysSection email={me.email} />
      <MyDataSection email={me.email} />
    </div>
  );
}

/**
 * Requests from organisations' managers to join them: nothing joins me to an
 * organisation without my answer here (or the network's staff). Shown only
 * when something waits.
 */
function AffiliationRequestsSection() {
  const { t, text, language } = useI18n();
  const id = useId();
  const requests = useApi<AffiliationRequestList>('/api/me/affiliation-requests');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function answer(request: AffiliationRequest, choice: 'accept' | 'decline') {
    setBusy(true);
    setProblem(null);
    setStatus(null);
    try {
      await apiWrite<AffiliationRequest>(
        'POST',
        `/api/affiliation-requests/${encodeURIComponent(request.id)}/${choice}`,
        language,
      );
      const values = { organization: request.organization.name };
      setStatus(t(choice === 'accept' ? 'accounts.requests.accepted' : 'accounts.requests.declined', values));
      requests.reload();
    } catch (error) {
      setProblem(describeProblem(error, t));
    } finally {
      setBusy(false);
    }
  }

  const items = requests.data?.items ?? [];
  if (items.length === 0 && !status) return null;
  return (
    <section className="account__requests" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('accounts.requests.heading')}</h2>
      <p className="muted">{t('accounts.requests.intro')}</p>
      <ul>
        {items.map((request) => {
          const organization = request.organization.name;
          const role = text(request.role);
          return (
            <li key={request.id}>
              <p>
                {role
                  ? t('accounts.requests.itemWithRole', { organization, role })
                  : t('accounts.requests.item', { organization })}
              </p>
              <button type="button" className="button" disabled={busy} onClick={() => void answer(request, 'accept')}>
                {t('accounts.requests.acceptLabel', { organization })}
              </button>{' '}
              <button
                type="button"
                className="button button--quiet"
                disabled={busy}
                onClick={() => void answer(request, 'decline')}
              >
                {t('accounts.requests.declineLabel', { organization })}
              </button>
            </li>
          );
        })}
      </ul>
      {status ? <p role="status">{status}</p> : null}
      {problem ? (
        <p role="alert" className="form-problem">
          {problem}
        </p>
      ) : null}
    </section>
  );
}

/** Download everything stored about me; delete my account after typing my address to confirm. */
function MyDataSection({ email }: { email: string }) {
  const { t, language } = useI18n();
  const id = useId();
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  async function deleteAccount(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setDeleting(true);
    try {
      await apiWrite('DELETE', '/api/me', language);
      // A full load, so nothing shown while signed in stays in memory.
      window.location.assign('/');
    } catch (error) {
      setProblem(describeProblem(error, t));
      setDeleting(false);
    }
  }

  return (
    <section className="account__data" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('accounts.data.heading')}</h2>
      <p>{t('accounts.data.exportIntro')}</p>
      <a className="button button--quiet" href="/api/me/export" download="encuentro-my-data.json">
        {t('accounts.data.export')}
      </a>
      <form className="account__delete" onSubmit={deleteAccount}>
        <h3>{t('accounts.data.deleteHeading')}</h3>
        <p>{t('accounts.data.deleteIntro')}</p>
        <label htmlFor={`${id}-confirm`}>{t('accounts.data.deleteConfirmLabel', { email })}</label>
        <input
          id={`${id}-confirm`}
          type="email"
          autoComplete="off"
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
        />
        {problem ? (
          <p role="alert" className="form-problem">
            {problem}
          </p>
        ) : null}
        <button
          type="submit"
          className="button button--danger"
          disabled={deleting || confirmation.trim().toLowerCase() !== email.toLowerCase()}
        >
          {t('accounts.data.delete')}
        </button>
      </form>
    </section>
  );
}

/** The server's answer when the sign-in is too old for the change asked: it takes signing in again. */
const needsFreshSignIn = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.code === 'reauthentication_required';

function PasskeysSection({ email }: { email: string }) {
  const { t, language } = useI18n();
  const id = useId();
  const passkeys = useApi<PasskeyList>('/api/me/passkeys');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState<'adding' | 'removing' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reauthentication, setReauthentication] = useState<string | null>(null);

  function refused(error: unknown) {
    if (needsFreshSignIn(error)) setReauthentication(error.message);
    else setProblem(describeProblem(error, t));
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setStatus(t('accounts.passkeys.adding'));
    setBusy('adding');
    try {
      const added = await addPasskey(language, name.trim());
      setName('');
      setStatus(t('accounts.passkeys.addedStatus', { name: added.name ?? t('accounts.passkeys.unnamed') }));
      passkeys.reload();
    } catch (error) {
      setStatus(null);
      refused(error);
    } finally {
      setBusy(null);
    }
  }

  async function remove(passkey: Passkey) {
    setProblem(null);
    setStatus(null);
    setBusy('removing');
    try {
      await apiWrite<void>('DELETE', `/api/me/passkeys/${encodeURIComponent(passkey.id)}`, language);
      setStatus(t('accounts.passkeys.removed', { name: passkey.name ?? t('accounts.passkeys.unnamed') }));
      passkeys.reload();
    } catch (error) {
      refused(error);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="account__passkeys" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('accounts.passkeys.heading')}</h2>
      <p className="muted">{t('accounts.passkeys.intro')}</p>

      {passkeys.error ? (
        <ErrorState error={passkeys.error} onRetry={passkeys.reload} />
      ) : !passkeys.data ? (
        <Loading />
      ) : passkeys.data.items.length === 0 ? (
        <p className="empty-state">{t('accounts.passkeys.empty')}</p>
      ) : (
        <ul className="passkey-list" aria-labelledby={`${id}-heading`}>
          {passkeys.data.items.map((passkey) => (
            <PasskeyItem key={passkey.id} passkey={passkey} disabled={busy !== null} onRemove={remove} />
          ))}
        </ul>
      )}

      <div role="status" className="account__status">
        {status ? <p>{status}</p> : null}
      </div>
      {problem ? (
        <p role="alert" className="field__error">
          {problem}
        </p>
      ) : null}
      {reauthentication ? <SignInAgain email={email} reason={reauthentication} /> : null}

      <form className="passkey-add" onSubmit={add} aria-labelledby={`${id}-add`}>
        <h3 id={`${id}-add`}>{t('accounts.passkeys.addHeading')}</h3>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('accounts.passkeys.name')}</label>
          <input
            id={`${id}-name`}
            type="text"
            maxLength={60}
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-describedby={`${id}-name-hint`}
          />
          <p id={`${id}-name-hint`} className="field__hint">
            {t('accounts.passkeys.nameHint')}
          </p>
        </div>
        <button type="submit" className="button" disabled={busy !== null}>
          <KeyIcon />
          {t('accounts.passkeys.add')}
        </button>
      </form>
    </section>
  );
}

function PasskeyItem({
  passkey,
  disabled,
  onRemove,
}: {
  passkey: Passkey;
  disabled: boolean;
  onRemove: (passkey: Passkey) => void;
}) {
  const { t, locale } = useI18n();
  const name = passkey.name ?? t('accounts.passkeys.unnamed');
  // Shown in the reader's own zone: when they added it is about them, not about an event.
  const day = (instant: string) =>
    new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(instant));
  const meta = [
    t('accounts.passkeys.added', { date: day(passkey.createdAt) }),
    passkey.lastUsedAt ? t('accounts.passkeys.lastUsed', { date: day(passkey.lastUsedAt) }) : null,
  ].filter(Boolean);
  return (
    <li className="passkey">
      <div className="passkey__text">
        <p className="passkey__name">
          <KeyIcon />
          {name}
        </p>
        <p className="passkey__meta">{meta.join(' · ')}</p>
      </div>
      <button
        type="button"
        className="button button--quiet"
        disabled={disabled}
        aria-label={t('accounts.passkeys.removeLabel', { name })}
        onClick={() => onRemove(passkey)}
      >
        {t('accounts.passkeys.remove')}
      </button>
    </li>
  );
}

/**
 * Adding or removing a passkey needs a recent sign-in. This offers one
 * without leaving the page's purpose: a passkey (back here at once) or an
 * e-mail link that opens this page again.
 */
function SignInAgain({ email, reason }: { email: string; reason: string }) {
  const { t, language } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [waiting, setWaiting] = useState<'passkey' | 'link' | null>(null);
  const [linkSent, setLinkSent] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => heading.current?.focus(), []);

  async function withPasskey() {
    setProblem(null);
    setWaiting('passkey');
    try {
      await signInWithPasskey(language);
      // A full load: the new session, and nothing of the old one left in memory.
      window.location.assign('/account');
    } catch (error) {
      setWaiting(null);
      setProblem(describeProblem(error, t, { cancelled: 'accounts.signIn.passkeyCancelled' }));
    }
  }

  async function withLink() {
    setProblem(null);
    setWaiting('link');
    try {
      await apiWrite('POST', '/api/auth/magic-link', language, { email, next: '/account' });
      setLinkSent(true);
    } catch (error) {
      setProblem(describeProblem(error, t));
    } finally {
      setWaiting(null);
    }
  }

  return (
    <div className="reauthentication" role="alert" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        {t('accounts.reauthentication.title')}
      </h3>
      <p>{reason}</p>
      <div className="actions">
        <button type="button" className="button" onClick={withPasskey} disabled={waiting !== null}>
          <KeyIcon />
          {t('accounts.signIn.passkey')}
        </button>
        <button type="button" className="button button--quiet" onClick={withLink} disabled={waiting !== null}>
          {t('accounts.reauthentication.sendLink')}
        </button>
      </div>
      <div role="status">
        {waiting === 'passkey' ? <p>{t('accounts.signIn.passkeyWaiting')}</p> : null}
        {linkSent ? <p>{t('accounts.reauthentication.linkSent', { email })}</p> : null}
      </div>
      {problem ? <p className="field__error">{problem}</p> : null}
    </div>
  );
}
