import { sql } from 'drizzle-orm';
import type { OrganizationKind } from '../../shared/domain.ts';
import { type Queryable, rows } from '../db/client.ts';

/*
 * Raw SQL on the rsvp, delegations and programme tables: the agenda reads
 * what those capabilities write and owns none of it.
 */

export interface HeldRow {
  session_id: string;
  event_id: string;
  /** 'confirmed' | 'waitlisted' from an RSVP, 'assigned' through a delegation. */
  status: 'confirmed' | 'waitlisted' | 'assigned';
  delegation_slug: string | null;
  delegation_kind: OrganizationKind | null;
  delegation_name: string | null;
  delegation_acronym: string | null;
}

/** The delegations a person travels with: as a listed member, or through their attendance at the event. */
const myDelegations = (personId: string) => sql`
  select d.id, d.event_id, d.organization_id from delegations d
  where exists (select 1 from delegation_members m where m.delegation_id = d.id and m.person_id = ${personId})
     or exists (select 1 from attendances a
                where a.delegation_id = d.id and a.person_id = ${personId} and a.event_id = d.event_id)`;

const heldSessionsSql = (personId: string, eventId?: string) => {
  const atEvent = eventId ? sql`and s.event_id = ${eventId}` : sql``;
  return sql`
      select s.id as session_id, s.event_id, r.status::text as status,
             null as delegation_slug, null as delegation_kind, null as delegation_name, null as delegation_acronym
      from rsvps r join sessions s on s.id = r.session_id
      where r.person_id = ${personId} and r.status in ('confirmed', 'waitlisted') ${atEvent}
      union all
      select s.id, s.event_id, 'assigned', o.slug, o.kind::text, o.name, o.acronym
      from session_assignments sa
      join (${myDelegations(personId)}) d on d.id = sa.delegation_id
      join sessions s on s.id = sa.session_id and s.event_id = d.event_id
      join organizations o on o.id = d.organization_id
      where true ${atEvent}`;
};

/** Every session a person holds (one row per reason), at one event or at all of them. */
export function selectHeldSessions(db: Queryable, personId: string, eventId?: string): Promise<HeldRow[]> {
  return rows<HeldRow>(db, heldSessionsSql(personId, eventId));
}

export interface ChangeNoticeRow {
  session_id: string;
  change: 'moved' | 'cancelled' | 'updated';
  at: Date | string;
}

/** The latest change notice per session for a person (notifications of kind `session_changed`). */
export function selectLatestChanges(db: Queryable, personId: string, sessionIds: string[]): Promise<ChangeNoticeRow[]> {
  if (sessionIds.length === 0) return Promise.resolve([]);
  return rows<ChangeNoticeRow>(
    db,
    sql`
      select distinct on (payload->>'sessionId')
             payload->>'sessionId' as session_id, payload->>'change' as change, created_at as at
      from notifications
      where person_id = ${personId} and kind = 'session_changed'
        and payload->>'sessionId' in ${sessionIds}
      order by payload->>'sessionId', created_at desc`,
  );
}

/** The events a person attends: with an attendance (a badge), or holding a session there. */
export async function selectAttendedEventSlugs(db: Queryable, personId: string): Promise<string[]> {
  const found = await rows<{ slug: string }>(
    db,
    sql`
      select e.slug from events e
      where exists (select 1 from attendances a where a.event_id = e.id and a.person_id = ${personId})
         or e.id in (select event_id from (${heldSessionsSql(personId)}) held)
      order by e.slug`,
  );
  return found.map((row) => row.slug);
}

/** Everyone a change to a session concerns: seats and waitlist, and the members of delegations assigned to it. */
export async function peopleHolding(db: Queryable, sessionId: string): Promise<string[]> {
  const found = await rows<{ person_id: string }>(
    db,
    sql`
      select r.person_id from rsvps r
      where r.session_id = ${sessionId} and r.status in ('confirmed', 'waitlisted')
      union
      select m.person_id from session_assignments sa
      join delegation_members m on m.delegation_id = sa.delegation_id
      where sa.session_id = ${sessionId}
      union
      select a.person_id from session_assignments sa
      join delegations d on d.id = sa.delegation_id
      join attendances a on a.delegation_id = d.id and a.event_id = d.event_id
      where sa.session_id = ${sessionId}`,
  );
  return found.map((row) => row.person_id);
}

/**
 * A fingerprint of an event's programme: it changes whenever a session is
 * added, edited (its version moves) or removed, so a page that reconnects
 * knows whether what it shows is stale.
 */
export async function programmeFingerprint(db: Queryable, eventId: string): Promise<string> {
  const [row] = await rows<{ n: number; versions: number | string; latest: string | null }>(
    db,
    sql`select count(*)::int as n, coalesce(sum(version), 0)::bigint as versions,
               to_char(max(updated_at) at time zone 'UTC', 'YYYYMMDDHH24MISSUS') as latest
        from sessions where event_id = ${eventId}`,
  );
  return `${row?.n ?? 0}.${row?.versions ?? 0}.${row?.latest ?? '0'}`;
}

// === Calendar tokens =======================================================

export async function activeTokenOf(
  db: Queryable,
  personId: string,
): Promise<{ created_at: Date | string } | undefined> {
  const [row] = await rows<{ created_at: Date | string }>(
    db,
    sql`select created_at from calendar_tokens where person_id = ${personId} and revoked_at is null
        order by created_at desc limit 1`,
  );
  return row;
}

/** The person behind an unrevoked feed token, by the token's hash. */
export async function personOfToken(
  db: Queryable,
  tokenHash: string,
): Promise<{ person_id: string; languages: string[] } | undefined> {
  const [row] = await rows<{ person_id: string; languages: string[] }>(
    db,
    sql`select t.person_id, p.languages from calendar_tokens t join people p on p.id = t.person_id
        where t.token_hash = ${tokenHash} and t.revoked_at is null`,
  );
  return row;
}
