import { type ReactNode, useEffect, useRef } from 'react';
import { Link } from 'wouter';
import { type Me, useMe } from '../accounts/use-me.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { Loading } from '../ui/status.tsx';
import type { SaveState } from './use-save.ts';

/** A page the reader cannot use: not signed in, or not allowed. Brings the page's h1. */
export function CannotEdit({ reason }: { reason: 'sign-in' | 'not-allowed' | 'admins-only' }) {
  const { t } = useI18n();
  const title = reason === 'sign-in' ? t('editing.signInTitle') : t('editing.notAllowedTitle');
  usePageTitle(title);
  return (
    <div className="edit-page">
      <header className="page-header">
        <h1>{title}</h1>
        <p className="lead">
          {reason === 'sign-in'
            ? t('editing.signInFirst')
            : reason === 'admins-only'
              ? t('editing.audit.adminsOnly')
              : t('editing.notAllowed')}
        </p>
      </header>
      {reason === 'sign-in' ? (
        <Link href="/sign-in" className="button">
          {t('editing.signIn')}
        </Link>
      ) : (
        <Link href="/" className="button button--quiet">
          {t('error.home')}
        </Link>
      )}
    </div>
  );
}

/** A form only some accounts may use: asks to sign in, waits to know who is signed in, then checks `allowed`. */
export function OnlyFor({ allowed, children }: { allowed(me: Me): boolean; children(me: Me): ReactNode }) {
  const { me } = useMe();
  if (me === null) return <CannotEdit reason="sign-in" />;
  if (me === undefined) return <Loading />;
  if (!allowed(me)) return <CannotEdit reason="not-allowed" />;
  return children(me);
}

/**
 * What went wrong with the last save, announced and focused so keyboard and
 * screen-reader users land on it: the conflict notice with its way out, or
 * the problems the server found.
 */
export function SaveProblems({ state, onReload }: { state: SaveState; onReload(): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const shown = state.kind === 'conflict' || state.kind === 'refused';
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  if (state.kind === 'conflict') {
    return (
      <div ref={ref} className="save-problems save-problems--conflict" role="alert" tabIndex={-1}>
        <h2>{t('editing.conflict.title')}</h2>
        <p>{t('editing.conflict.body')}</p>
        <p className="save-problems__detail">{state.message}</p>
        <button type="button" className="button" onClick={onReload}>
          {t('editing.conflict.reload')}
        </button>
      </div>
    );
  }
  if (state.kind === 'refused') {
    const count = Object.keys(state.fields).length;
    return (
      <div ref={ref} className="save-problems" role="alert" tabIndex={-1}>
        <h2>{t('editing.problems.title')}</h2>
        {state.message ? <p>{state.message}</p> : null}
        {count > 0 ? <p>{t('editing.problems.fixFields', { count })}</p> : null}
      </div>
    );
  }
  return null;
}

/** Save and cancel, with the button saying what it is doing. */
export function FormActions({
  saving,
  cancelHref,
  creating = false,
}: {
  saving: boolean;
  cancelHref: string;
  /** The form adds something new: the button says so. */
  creating?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="actions form-actions">
      <button type="submit" className="button" disabled={saving} aria-disabled={saving}>
        {saving ? t('editing.saving') : creating ? t('editing.create') : t('editing.save')}
      </button>
      <Link href={cancelHref} className="button button--quiet">
        {t('editing.cancel')}
      </Link>
    </div>
  );
}
