import { useState } from 'react';
import { AUDITED_ENTITIES, type AuditEntry, type AuditedEntity } from '../../shared/api/editing.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import type { List } from '../api.ts';
import { CannotEdit } from '../forms/edit-states.tsx';
import { SelectField } from '../forms/form-fields.tsx';
import { useRecord } from '../forms/write.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import '../forms/forms.css';

const PAGE = 100;
const MOST = 500;

/** /admin/audit: who changed what and when, newest first (admins only). */
export function AuditPage() {
  const { t } = useI18n();
  const { me } = useMe();
  usePageTitle(t('editing.audit.title'));
  if (me === undefined) return <Loading />;
  if (me === null) return <CannotEdit reason="sign-in" />;
  if (!isAdmin(me)) return <CannotEdit reason="admins-only" />;
  return <AuditLog />;
}

function AuditLog() {
  const { t } = useI18n();
  const [entityType, setEntityType] = useState<AuditedEntity | ''>('');
  const [limit, setLimit] = useState(PAGE);
  const query = new URLSearchParams({ limit: String(limit), ...(entityType ? { entityType } : {}) });
  const log = useRecord<List<AuditEntry>>(`/api/audit?${query}`);
  const entries = log.data?.items;

  return (
    <div className="audit">
      <header className="page-header">
        <h1>{t('editing.audit.title')}</h1>
        <p className="lead">{t('editing.audit.intro')}</p>
      </header>
      <div className="filters audit__filters">
        <SelectField
          name="entityType"
          label={t('editing.audit.filter')}
          value={entityType}
          onChange={(value) => {
            setEntityType(value as AuditedEntity | '');
            setLimit(PAGE);
          }}
          options={[
            { value: '', label: t('editing.audit.everything') },
            ...AUDITED_ENTITIES.map((entity) => ({ value: entity, label: t('editing.audit.entities', { entity }) })),
          ]}
        />
      </div>
      {log.error ? <ErrorState error={log.error} onRetry={() => void log.reload()} /> : null}
      {!entries && !log.error ? <Loading /> : null}
      {entries && entries.length === 0 ? <EmptyState>{t('editing.audit.empty')}</EmptyState> : null}
      {entries && entries.length > 0 ? (
        <>
          <p className="result-count" aria-live="polite">
            {t('editing.audit.count', { count: entries.length })}
          </p>
          <ol className="audit__entries">
            {entries.map((entry) => (
              <AuditItem key={entry.id} entry={entry} />
            ))}
          </ol>
          {entries.length === limit && limit < MOST ? (
            <button type="button" className="button button--quiet" onClick={() => setLimit(limit + PAGE)}>
              {t('editing.audit.more')}
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** What the record is about: the entity's name now, else the name or title the record itself carries. */
function labelOf(entry: AuditEntry): string {
  if (entry.label) return entry.label;
  for (const field of ['name', 'name.en', 'title.en', 'organization', 'slug']) {
    const change = entry.changes[field];
    const value = change?.after ?? change?.before;
    if (typeof value === 'string' && value) return value;
  }
  return entry.entityId;
}

function AuditItem({ entry }: { entry: AuditEntry }) {
  const { t, locale } = useI18n();
  const at = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(entry.at));
  const shown = (value: unknown) =>
    value === null || value === undefined || value === ''
      ? t('editing.audit.nothing')
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  return (
    <li className="audit-entry">
      <h2 className="audit-entry__title">
        {t('editing.audit.headline', { action: entry.action, entity: entry.entityType, label: labelOf(entry) })}
      </h2>
      <p className="audit-entry__meta">
        <time dateTime={entry.at}>{at}</time> ·{' '}
        {entry.actor ? t('editing.audit.by', { email: entry.actor.email }) : t('editing.audit.byRemoved')}
        {' · '}
        <code className="audit-entry__id">{entry.entityId}</code>
      </p>
      {entry.anonymised ? <p className="muted">{t('editing.audit.anonymised')}</p> : null}
      {Object.keys(entry.changes).length > 0 ? (
        <dl className="audit-entry__changes">
          {Object.entries(entry.changes).map(([field, change]) => (
            <div key={field}>
              <dt>{field}</dt>
              <dd>
                {entry.action !== 'create' ? (
                  <del>
                    <span className="visually-hidden">{t('editing.audit.before')} </span>
                    {shown(change.before)}
                  </del>
                ) : null}
                {entry.action === 'update' ? <span aria-hidden="true"> → </span> : null}
                {entry.action !== 'delete' ? (
                  <ins>
                    <span className="visually-hidden">{t('editing.audit.after')} </span>
                    {shown(change.after)}
                  </ins>
                ) : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}
