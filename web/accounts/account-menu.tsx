import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../i18n/i18n-context.tsx';
import { describeProblem } from './problems.ts';
import { signOut, useMe } from './use-me.ts';
import './accounts.css';

/** The header's corner: "Sign in" for the public; the person's name (to their account) and "Sign out" once signed in. */
export function AccountMenu() {
  const { t, language } = useI18n();
  const { me } = useMe();
  const [location] = useLocation();
  const [signingOut, setSigningOut] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function leave() {
    setProblem(null);
    setSigningOut(true);
    try {
      await signOut(language);
    } catch (error) {
      setSigningOut(false);
      setProblem(`${t('accounts.menu.signOutFailed')} ${describeProblem(error, t)}`);
    }
  }

  // Until the server has answered, keep the place without guessing either way.
  if (me === undefined) return <div className="account-menu" />;
  if (me === null) {
    return (
      <div className="account-menu">
        <Link
          href="/sign-in"
          className="account-menu__link"
          aria-current={location === '/sign-in' ? 'page' : undefined}
        >
          {t('accounts.menu.signIn')}
        </Link>
      </div>
    );
  }
  return (
    <div className="account-menu">
      <Link
        href="/account"
        className="account-menu__link account-menu__name"
        aria-current={location === '/account' ? 'page' : undefined}
      >
        <PersonIcon />
        <span>{me.person?.name ?? me.email}</span>
      </Link>
      {me.role === 'admin' ? (
        <Link
          href="/staff"
          className="account-menu__link"
          aria-current={location.startsWith('/staff') ? 'page' : undefined}
        >
          {t('backOffice.title')}
        </Link>
      ) : null}
      {me.role === 'admin' ? (
        <Link
          href="/admin/audit"
          className="account-menu__link"
          aria-current={location === '/admin/audit' ? 'page' : undefined}
        >
          {t('editing.audit.title')}
        </Link>
      ) : null}
      <button type="button" className="account-menu__button" onClick={leave} disabled={signingOut}>
        {t('accounts.menu.signOut')}
      </button>
      {problem ? (
        <p role="alert" className="account-menu__problem">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

function PersonIcon() {
  return (
    <svg className="icon" width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M4 21a8 8 0 0 1 16 0" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
