import { useState } from 'react';
import { useLocation } from 'wouter';
import type { EditableArticle } from '../../shared/api/news.ts';
import { useMe } from '../accounts/use-me.ts';
import { apiWrite, WriteError } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { mayWriteNews } from './write-page.tsx';

/**
 * On an event's page, for editors and admins: drafts a trip report from the
 * event's programme (in both languages, day by day) and opens it in the editor.
 */
export function TripReportButton({ eventSlug }: { eventSlug: string }) {
  const { t, language } = useI18n();
  const { me } = useMe();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!mayWriteNews(me)) return null;

  async function generate() {
    setBusy(true);
    setProblem(null);
    try {
      const report = await apiWrite<EditableArticle>(
        'POST',
        `/api/events/${encodeURIComponent(eventSlug)}/trip-report`,
        language,
      );
      navigate(`/write/${encodeURIComponent(report.slug)}`);
    } catch (error) {
      setBusy(false);
      setProblem(error instanceof WriteError ? error.message : String(error));
    }
  }

  return (
    <>
      <button type="button" className="button button--quiet" disabled={busy} onClick={() => void generate()}>
        {busy ? t('news.trip.generating') : t('news.trip.generate')}
      </button>
      {problem ? (
        <span role="alert" className="form-field__error">
          {problem}
        </span>
      ) : null}
    </>
  );
}
