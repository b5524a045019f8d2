import { type SQL, sql } from 'drizzle-orm';
import { jsonb, type Queryable, rows } from '../db/client.ts';

/** How many audit records match (the page's condition, already built over audit_log). */
export async function countAudit(db: Queryable, where: SQL | undefined): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from audit_log${where ? sql` where ${where}` : sql``}`,
  );
  return row?.n ?? 0;
}

/** The accounts that wrote any audit record, by the name of their person (else null), for the filter by person. */
export function auditActors(db: Queryable) {
  return rows<{ id: string; name: string | null; email: string }>(
    db,
    sql`select u.id, p.name, u.email from users u left join people p on p.id = u.person_id
        where exists (select 1 from audit_log l where l.actor_user_id = u.id)
        order by coalesce(p.name, u.email) limit 500`,
  );
}

/**
 * What the records an audit change refers to by id are called now, wherever they are (people, organisations,
 * events, sessions, venues, working groups, delegations, articles). Named by table, as the labels are, so that
 * accounts need not import every capability.
 */
export async function namesOfIds(db: Queryable, ids: string[]): Promise<[string, string][]> {
  if (ids.length === 0) return [];
  const found = await rows<{ id: string; name: string }>(
    db,
    sql`with ids as (select value::uuid as id from jsonb_array_elements_text(${jsonb(ids)}))
        select id::text, name from people where id in (select id from ids)
        union all select id::text, name from organizations where id in (select id from ids)
        union all select id::text, name_en from events where id in (select id from ids)
        union all select id::text, title_en from sessions where id in (select id from ids)
        union all select id::text, name from venues where id in (select id from ids)
        union all select id::text, name_en from working_groups where id in (select id from ids)
        union all select id::text, coalesce(title_en, title_es) from articles where id in (select id from ids)
        union all select d.id::text, o.name from delegations d join organizations o on o.id = d.organization_id
          where d.id in (select id from ids)`,
  );
  return found.filter((row) => row.name).map((row) => [row.id, row.name]);
}
