import type { ActionItemOverview } from '../../shared/api/building.ts';
import { useApi } from '../api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { ErrorState, Loading } from '../ui/status.tsx';
import { ActionItemList } from './action-item-list.tsx';
import './meetings.css';

/** The group's open action items, by owner and due date, overdue ones marked: shown on the working group's page. */
export function OpenActionItems({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { data, error, reload } = useApi<ActionItemOverview>(
    `/api/working-groups/${encodeURIComponent(slug)}/action-items?status=open`,
  );
  return (
    <section aria-labelledby="group-open-action-items">
      <h2 id="group-open-action-items">
        {t('meetings.openItems.title')}
        {data ? <span className="count"> ({data.items.length})</span> : null}
      </h2>
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <p className="muted">{t('meetings.openItems.none')}</p>
      ) : (
        <ActionItemList items={data.items} showMeeting />
      )}
    </section>
  );
}
