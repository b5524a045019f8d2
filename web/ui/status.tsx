import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { ApiError } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from './page-title.ts';

/** Announced politely to screen readers; shown as a quiet line with a spinner. */
export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('status.loading')}
    </div>
  );
}

/**
 * A failed load. Shows the server's own message (already in the reader's
 * language) and offers to try again. As a page (`asPage`) it brings the
 * page's only h1.
 */
export function ErrorState({ error, onRetry, asPage }: { error: ApiError; onRetry?: () => void; asPage?: boolean }) {
  const { t } = useI18n();
  const notFound = error.status === 404;
  const title = notFound ? t('error.notFoundTitle') : t('error.title');
  usePageTitle(asPage ? title : undefined);
  const message =
    error.code === 'network'
      ? t('error.network')
      : error.code.startsWith('http_') || error.code === 'invalid_response'
        ? t('error.unexpected', { status: error.status })
        : error.message;
  const Heading = asPage ? 'h1' : 'h2';
  return (
    <div className="error-state" role="alert" aria-labelledby="error-state-title">
      <Heading id="error-state-title">{title}</Heading>
      <p>{message}</p>
      <p className="error-state__actions">
        {onRetry && !notFound ? (
          <button type="button" className="button" onClick={onRetry}>
            {t('error.retry')}
          </button>
        ) : null}
        <Link href="/" className="button button--quiet">
          {t('error.home')}
        </Link>
      </p>
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
