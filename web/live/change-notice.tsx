import { useI18n } from '../i18n/i18n-context.tsx';

/** "The programme just changed" after a live update, announced politely; it stays until the next page. */
export function ChangeNotice({ changedAt }: { changedAt: number | null }) {
  const { t, locale } = useI18n();
  return (
    <div role="status" className="change-notice-region">
      {changedAt ? (
        <p className="notice change-notice">
          {t('live.programmeChanged', {
            time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(changedAt),
          })}
        </p>
      ) : null}
    </div>
  );
}
