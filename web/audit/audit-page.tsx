import { useState } from 'react';
import {
  AUDITED_ENTITIES,
  type AuditEntry,
  type AuditedEntity,
  type AuditPage as AuditLogPage,
} from '../../shared/api/editing.ts';
import { plainText, wordDiff } from '../../shared/word-diff.ts';
import { isAdmin } from '../accounts/permissions.ts';
import { useMe } from '../accounts/use-me.ts';
import { CannotEdit } from '../forms/edit-states.tsx';
import { InputField, SelectField } from '../forms/form-fields.tsx';
import { useRecord } from '../forms/write.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { EmptyState, ErrorState, Loading } from '../ui/status.tsx';
import '../forms/forms.css';
import './audit.css';

const PAGE = 20;

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

interface Filters {
  entityType: AuditedEntity | '';
  actor: string;
  from: string;
  to: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@([^\s@]+)$/;

/** "st…@win.example": enough to tell accounts apart, not an address to copy. */
export function maskedEmail(email: string): string {
  const match = EMAIL.exec(email);
  return match ? `${email.slice(0, 2)}…@${match[1]}` : email;
}

function AuditLog() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<Filters>({ entityType: '', actor: '', from: '', to: '' });
  const [offset, setOffset] = useState(0);
  const set = (change: Partial<Filters>) => {
    setFilters((current) => ({ ...current, ...change }));
    setOffset(0);
  };
  const query = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  const log = useRecord<AuditLogPage>(`/api/audit?${query}`);
  const page = log.data;

  return (
    <div className="audit">
      <header className="page-header">
        <h1>{t('editing.audit.title')}</h1>
        <p className="lead">{t('editing.audit.intro')}</p>
      </header>
      <form className="filters audit__filters" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          name="entityType"
          label={t('editing.audit.filter')}
          value={filters.entityType}
          onChange={(value) => set({ entityType: value as AuditedEntity | '' })}
          options={[
            { value: '', label: t('editing.audit.everything') },
            ...AUDITED_ENTITIES.map((entity) => ({ value: entity, label: t('editing.audit.entities', { entity }) })),
          ]}
        />
        <SelectField
          name="actor"
          label={t('editing.audit.who')}
          value={filters.actor}
          onChange={(actor) => set({ actor })}
          options={[
            { value: '', label: t('editing.audit.anyone') },
            ...(page?.actors ?? []).map((actor) => ({
              value: actor.id,
              label: actor.name ?? maskedEmail(actor.email),
            })),
          ]}
        />
        <InputField
          name="from"
          type="date"
          label={t('editing.audit.from')}
          value={filters.from}
          onChange={(from) => set({ from })}
        />
        <InputField
          name="to"
          type="date"
          label={t('editing.audit.to')}
          value={filters.to}
          onChange={(to) => set({ to })}
        />
      </form>
      {log.error ? <ErrorState error={log.error} onRetry={() => void log.reload()} /> : null}
      {!page && !log.error ? <Loading /> : null}
      {page && page.items.length === 0 ? <EmptyState>{t('editing.audit.empty')}</EmptyState> : null}
      {page && page.items.length > 0 ? (
        <>
          <p className="result-count" aria-live="polite">
            {t('editing.audit.range', {
              first: page.offset + 1,
              last: page.offset + page.items.length,
              count: page.total,
            })}
          </p>
          <ol className="audit__entries">
            {page.items.map((entry) => (
              <AuditItem key={entry.id} entry={entry} names={page.names} />
            ))}
          </ol>
          <nav className="audit__pages actions" aria-label={t('editing.audit.pages')}>
            {page.offset > 0 ? (
              <button
                type="button"
                className="button button--quiet"
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                {t('editing.audit.newer')}
              </button>
            ) : null}
            {page.offset + page.items.length < page.total ? (
              <button type="button" className="button button--quiet" onClick={() => setOffset(offset + PAGE)}>
                {t('editing.audit.more')}
              </button>
            ) : null}
          </nav>
        </>
      ) : null}
    </div>
  );
}

/** What the record is about: the entity's name now, else the name or title the record itself carries. */
function labelOf(entry: AuditEntry, removed: string): string {
  if (entry.label) return entry.label;
  for (const field of ['name', 'name.en', 'title.en', 'organization', 'slug']) {
    const change = entry.changes[field];
    const value = change?.after ?? change?.before;
    if (typeof value === 'string' && value && !UUID.test(value)) return value;
  }
  return removed;
}

/** Rich text: long or marked-up values are compared word by word. */
const isProse = (value: unknown): value is string =>
  typeof value === 'string' && (value.length > 80 || /<\/?[a-z][^>]*>/i.test(value));

function AuditItem({ entry, names }: { entry: AuditEntry; names: Record<string, string> }) {
  const { t, locale } = useI18n();
  const at = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(entry.at));
  const shown = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('editing.audit.nothing');
    if (typeof value === 'string') {
      if (UUID.test(value)) return names[value.toLowerCase()] ?? t('editing.audit.removedRecord');
      if (EMAIL.test(value)) return maskedEmail(value);
      return value;
    }
    if (typeof value === 'boolean') return t(value ? 'editing.audit.yes' : 'editing.audit.no');
    if (Array.isArray(value)) return value.map(shown).join(', ') || t('editing.audit.nothing');
    return JSON.stringify(value);
  };
  const actor = entry.actor
    ? t('editing.audit.by', { email: entry.actor.name ?? maskedEmail(entry.actor.email) })
    : t('editing.audit.byRemoved');
  return (
    <li className="audit-entry">
      <h2 className="audit-entry__title">
        {t('editing.audit.headline', {
          action: entry.action,
          entity: entry.entityType,
          label: labelOf(entry, t('editing.audit.removedRecord')),
        })}
      </h2>
      <p className="audit-entry__meta">
        <time dateTime={entry.at}>{at}</time> · {actor}
      </p>
      {entry.anonymised ? <p className="muted">{t('editing.audit.anonymised')}</p> : null}
      {Object.keys(entry.changes).length > 0 ? (
        <dl className="audit-entry__changes">
          {Object.entries(entry.changes).map(([field, change]) => (
            <div key={field}>
              <dt>{field}</dt>
              <dd>
                {entry.action === 'update' && (isProse(change.before) || isProse(change.after)) ? (
                  <WordChanges before={String(change.before ?? '')} after={String(change.after ?? '')} />
                ) : (
                  <>
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
                        {isProse(change.after) ? plainText(change.after) : shown(change.after)}
                      </ins>
                    ) : null}
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}

/** The words taken out and put in, in their context; long unchanged stretches are shortened. */
function WordChanges({ before, after }: { before: string; after: string }) {
  const { t } = useI18n();
  const parts = wordDiff(plainText(before), plainText(after));
  return (
    <p className="audit-diff">
      {parts.map((part, index) => {
        const key = `${index}-${part.kind}`;
        if (part.kind === 'removed') {
          return (
            <del key={key}>
              <span className="visually-hidden">{t('editing.audit.before')} </span>
              {part.text}
            </del>
          );
        }
        if (part.kind === 'added') {
          return (
            <ins key={key}>
              <span className="visually-hidden">{t('editing.audit.after')} </span>
              {part.text}
            </ins>
          );
        }
        return <span key={key}>{shortened(part.text, index === 0, index === parts.length - 1)}</span>;
      })}
    </p>
  );
}

/** Unchanged text around a change: a few words on each side are enough to find it. */
function shortened(text: string, first: boolean, last: boolean): string {
  const words = text.split(/(?<=\s)/);
  const keep = 12;
  if (words.length <= keep * 2) return text;
  if (first) return `…${words.slice(-keep).join('')}`;
  if (last) return `${words.slice(0, keep).join('')}…`;
  return `${words.slice(0, keep).join('')} … ${words.slice(-keep).join('')}`;
}
