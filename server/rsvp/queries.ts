import { sql } from 'drizzle-orm';
import type { RsvpStatus } from '../../shared/domain.ts';
import { jsonb, type Queryable, rows } from '../db/client.ts';
import type { AnnouncedSession, PromotedPerson } from './announcements.ts';
import type { LockedSession, RowChange, SeatFacts } from './decide.ts';

/**
 * The people a session holds a place for through their delegation (staff
 * assigned it): the delegation's members and attendees. They take seats as
 * RSVPs do, or an assigned meeting could be oversold.
 */
export const assignedPeople = (sessionId: string) => sql`
  select m.person_id from session_assignments sa
  join delegation_members m on m.delegation_id = sa.delegation_id
  where sa.session_id = ${sessionId}
  union
  select a.person_id from session_assignments sa
  join delegations d on d.id = sa.delegation_id
  join attendances a on a.delegation_id = d.id and a.event_id = d.event_id
  where sa.session_id = ${sessionId}`;

/**
 * The seats a session's people take: the confirmed RSVPs, and the places held
 * through an assigned delegation by those without a confirmed RSVP of their own
 * (a person counts once). What `confirmed` means wherever seats are counted.
 */
export const seatsTaken = (sessionId: string) => sql`(
  (select count(*)::int from rsvps where session_id = ${sessionId} and status = 'confirmed')
  + (select count(*)::int from (${assignedPeople(sessionId)}) held
     where not exists (select 1 from rsvps r where r.session_id = ${sessionId}
                       and r.person_id = held.person_id and r.status = 'confirmed')))`;

/**
 * The session's row lock: every writer of its seats, on any instance, takes
 * it first (decision 0010). It reads what the decisions and the mails need
 * of the session too: a locked row is read as it is once the lock is held.
 */
export async function lockSession(
  tx: Queryable,
  sessionId: string,
): Promise<(LockedSession & AnnouncedSession) | undefined> {
  const [session] = await rows<LockedSession & AnnouncedSession>(
    tx,
    sql`select s.id, s.event_id as "eventId", e.slug as "eventSlug", s.title_en as "titleEn", s.title_es as "titleEs",
               s.capacity, s.visibility, s.status
        from sessions s join events e on e.id = s.event_id
        where s.id = ${sessionId}
        for update of s`,
  );
  return session;
}

/** The seats taken now (see seatsTaken). */
export async function countSeatsTaken(db: Queryable, sessionId: string): Promise<number> {
  const [row] = await rows<{ taken: number }>(db, sql`select ${seatsTaken(sessionId)} as taken`);
  return row?.taken ?? 0;
}

/**
 * How many of a person's contacts (people they connected with at any event)
 * hold a seat at a session: a confirmed RSVP or a place through their
 * delegation. A count, never names: nobody has said they share their RSVPs.
 */
export async function countContactsGoing(db: Queryable, sessionId: string, personId: string): Promise<number> {
  const [row] = await rows<{ going: number }>(
    db,
    sql`
      with contacts as (
        select case when c.person_low = ${personId} then c.person_high else c.person_low end as person_id
        from connections c where c.person_low = ${personId} or c.person_high = ${personId}
      ), going as (
        select r.person_id from rsvps r where r.session_id = ${sessionId} and r.status = 'confirmed'
        union
        ${assignedPeople(sessionId)}
      )
      select count(distinct g.person_id)::int as going
      from going g where g.person_id in (select person_id from contacts)`,
  );
  return row?.going ?? 0;
}

/** Whether the session holds a place for the person through an assigned delegation. */
export async function holdsPlaceFor(db: Queryable, sessionId: string, personId: string): Promise<boolean> {
  const [row] = await rows<{ held: boolean }>(
    db,
    sql`select exists (select 1 from (${assignedPeople(sessionId)}) h where h.person_id = ${personId}) as held`,
  );
  return row?.held ?? false;
}

/**
 * What a batch's decisions need, in one statement that starts after the lock
 * (a statement that waited for the lock would read with its old snapshot):
 * the seats taken, the length of the queue and its first `headLength` people
 * (all of them when null), and for each person of the batch their RSVP, their
 * place in the queue and whether they attend the event.
 */
export async function selectSeatFacts(
  tx: Queryable,
  batch: { sessionId: string; eventId: string; people: string[]; headLength: number | null },
): Promise<SeatFacts> {
  const { sessionId, eventId } = batch;
  const [row] = await rows<{
    confirmed: number;
    waitlisted: number;
    head: [string, string][];
    people: {
      personId: string;
      rsvpId: string | null;
      status: RsvpStatus | null;
      position: number | null;
      attending: boolean;
      assigned: boolean;
    }[];
  }>(
    tx,
    sql`select
          ${seatsTaken(sessionId)} as confirmed,
          (select count(*)::int from rsvps where session_id = ${sessionId} and status = 'waitlisted') as waitlisted,
          (select coalesce(json_agg(json_build_array(w.person_id, w.id) order by w.queued_at, w.id), '[]')
           from (select person_id, queued_at, id from rsvps
                 where session_id = ${sessionId} and status = 'waitlisted'
                 order by queued_at, id limit ${batch.headLength}) w) as head,
          (select coalesce(json_agg(json_build_object(
                    'personId', p.id,
                    'rsvpId', r.id,
                    'status', r.status,
                    'position', case when r.status = 'waitlisted' then (
                      select count(*)::int from rsvps w
                      where w.session_id = r.session_id and w.status = 'waitlisted'
                        and w.queued_at <= r.queued_at and (w.queued_at, w.id) <= (r.queued_at, r.id)) end,
                    'attending', exists (select 1 from attendances a
                                         where a.event_id = ${eventId} and a.person_id = p.id),
                    'assigned', exists (select 1 from (${assignedPeople(sessionId)}) h
                                        where h.person_id = p.id))), '[]')
           from (select value::uuid as id from jsonb_array_elements_text(${jsonb(batch.people)})) p
           -- One lookup by the (session, person) key each: a hot session's rows churn, and a scan of them all
           -- would wade through every dead version left since the last vacuum.
           left join lateral (select r.id, r.session_id, r.status, r.queued_at from rsvps r
                              where r.session_id = ${sessionId} and r.person_id = p.id limit 1) r on true) as people`,
  );
  const facts = row as NonNullable<typeof row>;
  const rsvpIds = new Map<string, string>(facts.head);
  for (const person of facts.people) if (person.rsvpId) rsvpIds.set(person.personId, person.rsvpId);
  return {
    confirmed: facts.confirmed,
    waitlisted: facts.waitlisted,
    queueHead: facts.head.map(([personId]) => personId),
    people: new Map(
      facts.people.map(({ personId, status, position, attending, assigned }) => [
        personId,
        { status, position, attending, assigned },
      ]),
    ),
    rsvpIds,
  };
}

/**
 * A batch's decisions in one statement: new RSVPs, changed ones, and the
 * in-app notices of those promoted; it answers how to tell those promoted
 * (name, address, languages). The RSVPs this batch queues get
 * `queued_at` after everyone already waiting (`greatest(now, last + 1 µs)`,
 * as decision 0010; only the queue's order is ever read, and its last is one
 * step down the (session, status, queued_at) index), a microsecond apart in
 * the batch's order, so the queue keeps the order of the decisions even when
 * clocks tie. Rows change by id: a lookup each, not a scan of the session.
 */
export async function writeSeatChanges(
  tx: Queryable,
  batch: { sessionId: string; now: Date; changes: RowChange[]; notices: { id: string; personId: string }[] },
): Promise<PromotedPerson[]> {
  const { sessionId } = batch;
  const now = batch.now.toISOString();
  const stamp = (column: 'confirmedAt' | 'cancelledAt', current: string) =>
    sql`case c.${sql.raw(`"${column}"`)} when 'now' then ${now}::timestamptz when 'clear' then null
             else ${sql.raw(current)} end`;
  const promoted = [...new Set(batch.notices.map((notice) => notice.personId))];
  return rows<PromotedPerson>(
    tx,
    sql`with c as (
          select * from jsonb_to_recordset(${jsonb(batch.changes)})
            as c("personId" uuid, "rsvpId" uuid, status text, queued int, "confirmedAt" text, "cancelledAt" text)),
        base as (
          select greatest(${now}::timestamptz,
                          (select max(queued_at) + interval '1 microsecond' from rsvps
                           where session_id = ${sessionId} and status = 'waitlisted'))
                 as at),
        inserted as (
          insert into rsvps (session_id, person_id, status, queued_at, confirmed_at, cancelled_at, updated_at)
          select ${sessionId}::uuid, c."personId", c.status::rsvp_status,
                 base.at + (c.queued - 1) * interval '1 microsecond',
                 ${stamp('confirmedAt', 'null')}, ${stamp('cancelledAt', 'null')}, ${now}::timestamptz
          from c cross join base
          where c."rsvpId" is null),
        updated as (
          update rsvps r
          set status = c.status::rsvp_status,
              queued_at = case when c.queued is null then r.queued_at
                               else base.at + (c.queued - 1) * interval '1 microsecond' end,
              confirmed_at = ${stamp('confirmedAt', 'r.confirmed_at')},
              cancelled_at = ${stamp('cancelledAt', 'r.cancelled_at')},
              updated_at = ${now}::timestamptz
          from c cross join base
          where r.id = c."rsvpId"),
        noticed as (
          insert into notifications (id, person_id, kind, payload, created_at)
          select x.id, x."personId", 'rsvp_promoted', jsonb_build_object('sessionId', ${sessionId}::uuid),
                 ${now}::timestamptz
          from jsonb_to_recordset(${jsonb(batch.notices)}) as x(id uuid, "personId" uuid))
        select p.id as "personId", p.name, coalesce(u.email, p.email) as email, p.languages
        from people p left join lateral (select email from users where person_id = p.id limit 1) u on true
        where p.id = any(array(select value::uuid from jsonb_array_elements_text(${jsonb(promoted)})))`,
  );
}
