import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { AuditEntry, AuditedEntity, AuditPage } from '../../shared/api/editing.ts';
import type { ServiceContext } from '../context.ts';
import { auditLog } from '../editing/tables.ts';
import { AppError } from '../errors.ts';
import { auditActors, countAudit, namesOfIds } from './queries.ts';
import { users } from './tables.ts';

/** The person an account belongs to, by name: the page shows names, not e-mail addresses. */
const actorName = sql<string | null>`(select name from people where id = ${users.personId})`;

// The admins' view of the audit log. The log is written by the write kit
// (server/editing/audit.ts), inside each write's own transaction.

/**
 * What the entity is called now (a removed one: null). Written as SQL over the
 * tables by name because accounts may import only the directory, and this
 * convenience is not worth a dependency on the programme or the groups.
 */
const currentLabel = sql<string | null>`case ${auditLog.entityType}
  when 'organization' then (select name from organizations where id::text = ${auditLog.entityId})
  when 'person' then (select name from people where id::text = ${auditLog.entityId})
  when 'affiliation' then (select name from people where id::text = coalesce(
    ${auditLog.changes}->'person'->>'after', ${auditLog.changes}->'person'->>'before'))
  when 'affiliation_request' then (select p.name from affiliation_requests r join people p on p.id = r.person_id
    where r.id::text = ${auditLog.entityId})
  when 'working_group' then (select name_en from working_groups where id::text = ${auditLog.entityId})
  when 'event' then (select name_en from events where id::text = ${auditLog.entityId})
  when 'venue' then (select name from venues where id::text = ${auditLog.entityId})
  when 'session' then (select title_en from sessions where id::text = ${auditLog.entityId})
  when 'article' then (select coalesce(title_en, title_es) from articles where id::text = ${auditLog.entityId})
  when 'building_programme' then (select working_name from building_programmes where id::text = ${auditLog.entityId})
  when 'mail' then (select kind || ' → ' || recipient from outbox where id::text = ${auditLog.entityId})
  when 'delegation' then (select o.name from delegations d join organizations o on o.id = d.organization_id where d.id::text = ${auditLog.entityId})
end`;

export interface AuditFilters {
  entityType?: AuditedEntity | undefined;
  entityId?: string | undefined;
  /** The account that made the changes. */
  actor?: string | undefined;
  /** First and last day (YYYY-MM-DD, UTC), both included. */
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export const AUDIT_PAGE_SIZE = 100;

/** The newest records first, with the e-mail of the account that made each change. */
const DAY = 86_400_000;

/** The first instant of a day; a day that does not exist (30 February) is refused, naming the parameter. */
function dayStart(day: string, parameter: string): number {
  const at = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== day) {
    throw new AppError('invalid_input', 'error.invalid_parameter', {
      location: 'querystring',
      parameter,
      problem: day,
    });
  }
  return at;
}

function auditConditions(filters: AuditFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.entityType) conditions.push(eq(auditLog.entityType, filters.entityType));
  if (filters.entityId) conditions.push(eq(auditLog.entityId, filters.entityId));
  if (filters.actor) conditions.push(eq(auditLog.actorUserId, filters.actor));
  if (filters.from) conditions.push(gte(auditLog.at, new Date(dayStart(filters.from, 'from'))));
  if (filters.to) conditions.push(lt(auditLog.at, new Date(dayStart(filters.to, 'to') + DAY)));
  return conditions;
}

/**
 * GET /api/audit: a page of records, newest first, with how many match, the accounts that wrote any (for the
 * filter by person) and the names of the records that the changes refer to by id.
 */
export async function auditPage(ctx: ServiceContext, filters: AuditFilters): Promise<AuditPage> {
  const conditions = auditConditions(filters);
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const found = await ctx.db
    .select({ entry: auditLog, actorEmail: users.email, actorName: actorName, label: currentLabel })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filters.limit ?? AUDIT_PAGE_SIZE)
    .offset(filters.offset ?? 0);
  const total = await countAudit(ctx.db, where);
  const items = found.map(({ entry, actorEmail, actorName, label }) => ({
    id: entry.id,
    at: entry.at.toISOString(),
    action: entry.action as AuditEntry['action'],
    entityType: entry.entityType as AuditEntry['entityType'],
    entityId: entry.entityId,
    label,
    actor:
      entry.actorUserId && actorEmail ? { id: entry.actorUserId, email: actorEmail, name: actorName ?? null } : null,
    ...readableChanges(entry.changes),
  }));
  const ids = new Set<string>();
  for (const item of items) collectIds(item.changes, ids);
  return {
    items,
    total,
    offset: filters.offset ?? 0,
    actors: await auditActors(ctx.db),
    names: Object.fromEntries(await namesOfIds(ctx.db, [...ids])),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id among the before and after values (also inside lists), to be named on the page. */
function collectIds(changes: AuditEntry['changes'], ids: Set<string>) {
  const visit = (value: unknown) => {
    if (typeof value === 'string' && UUID.test(value)) ids.add(value.toLowerCase());
    else if (Array.isArray(value)) value.forEach(visit);
  };
  for (const change of Object.values(changes)) {
    visit(change.before);
    visit(change.after);
  }
}

/**
 * A record's changes as written, unless deleting an account replaced them
 * with a marker (server/accounts/my-data.ts): then none, said to be anonymised.
 */
function readableChanges(stored: unknown): Pick<AuditEntry, 'changes' | 'anonymised'> {
  const record = (stored ?? {}) as Record<string, unknown>;
  const changes: AuditEntry['changes'] = {};
  for (const [field, change] of Object.entries(record)) {
    if (change && typeof change === 'object' && 'before' in change && 'after' in change) {
      changes[field] = change as AuditEntry['changes'][string];
    }
  }
  return { changes, anonymised: record.anonymised === true };
}
