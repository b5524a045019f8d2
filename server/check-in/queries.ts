import { sql } from 'drizzle-orm';
import type { CheckInOutcome } from '../../shared/api/check-in.ts';
import { type Queryable, rows } from '../db/client.ts';

export interface EventRow {
  id: string;
  slug: string;
  startsOn: string;
}

export async function selectEvent(db: Queryable, slug: string): Promise<EventRow | undefined> {
  const [row] = await rows<EventRow>(
    db,
    sql`select id, slug, starts_on::text as "startsOn" from events where slug = ${slug} limit 1`,
  );
  return row;
}

export interface SessionRow {
  id: string;
  titleEn: string;
  titleEs: string | null;
  startsAt: Date | string;
}

export async function selectSession(db: Queryable, eventId: string, sessionId: string) {
  const [row] = await rows<SessionRow>(
    db,
    sql`select id, title_en as "titleEn", title_es as "titleEs", starts_at as "startsAt"
        from sessions where id = ${sessionId} and event_id = ${eventId}`,
  );
  return row;
}

/** The attendance a badge code names, locked: one person's check-ins are judged one at a time. */
export async function lockAttendanceByCode(db: Queryable, eventId: string, code: string) {
  const [row] = await rows<{ personId: string }>(
    db,
    sql`select person_id as "personId" from attendances where event_id = ${eventId} and badge_code = ${code}
        for update`,
  );
  return row;
}

export interface ReceiptRow {
  personId: string;
  sessionId: string | null;
  code: string;
  outcome: CheckInOutcome;
  checkedInAt: Date | string;
}

export async function selectReceipt(db: Queryable, recordedBy: string, nonce: string) {
  const [row] = await rows<ReceiptRow>(
    db,
    sql`select person_id as "personId", session_id as "sessionId", code, outcome, checked_in_at as "checkedInAt"
        from check_ins where recorded_by = ${recordedBy} and nonce = ${nonce}`,
  );
  return row;
}

const place = (sessionId: string | null) => (sessionId ? sql`session_id = ${sessionId}` : sql`session_id is null`);

/** The check-in that counts for a person at a place (the door, or a session), if any. */
export async function selectCounted(db: Queryable, eventId: string, personId: string, sessionId: string | null) {
  const [row] = await rows<{ id: string; checkedInAt: Date | string }>(
    db,
    sql`select id, checked_in_at as "checkedInAt" from check_ins
        where event_id = ${eventId} and person_id = ${personId} and ${place(sessionId)} and outcome = 'checked_in'`,
  );
  return row;
}

export async function insertCheckIn(
  db: Queryable,
  row: {
    eventId: string;
    personId: string;
    sessionId: string | null;
    recordedBy: string;
    nonce: string;
    code: string;
    outcome: CheckInOutcome;
    at: string;
    receivedAt: string;
  },
): Promise<boolean> {
  const inserted = await rows<{ id: string }>(
    db,
    sql`insert into check_ins (event_id, person_id, session_id, recorded_by, nonce, code, outcome, checked_in_at, received_at)
        values (${row.eventId}, ${row.personId}, ${row.sessionId}, ${row.recordedBy}, ${row.nonce}, ${row.code},
                ${row.outcome}, ${row.at}, ${row.receivedAt})
        on conflict do nothing returning id`,
  );
  return inserted.length > 0;
}

/** A counted check-in moves to an earlier moment on the phones' clock (a queue uploaded late). */
export async function moveCountedEarlier(db: Queryable, id: string, at: string) {
  await db.execute(sql`update check_ins set checked_in_at = ${at} where id = ${id} and checked_in_at > ${at}`);
}

/** Present at the event from the earliest check-in anywhere: the bingo's default cells count them. */
export async function markAttendancePresent(db: Queryable, eventId: string, personId: string, at: string) {
  await db.execute(
    sql`update attendances set checked_in_at = least(coalesce(checked_in_at, ${at}::timestamptz), ${at}::timestamptz)
        where event_id = ${eventId} and person_id = ${personId}`,
  );
}

export async function countAt(db: Queryable, eventId: string, sessionId: string | null): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from check_ins
        where event_id = ${eventId} and ${place(sessionId)} and outcome = 'checked_in'`,
  );
  return row?.n ?? 0;
}

export interface PersonRow {
  id: string;
  name: string;
  country: string | null;
  delegation: string | null;
}

const personColumns = sql`p.id, p.name, coalesce(a.country_code, p.country_code) as country,
  (select coalesce(o.acronym, o.name) from delegations d join organizations o on o.id = d.organization_id
   where d.id = a.delegation_id) as delegation`;

export async function selectPerson(db: Queryable, eventId: string, personId: string) {
  const [row] = await rows<PersonRow>(
    db,
    sql`select ${personColumns} from people p
        left join attendances a on a.event_id = ${eventId} and a.person_id = p.id
        where p.id = ${personId}`,
  );
  return row;
}

export function selectCheckedIn(db: Queryable, eventId: string, sessionId: string | null) {
  return rows<PersonRow & { checkedInAt: Date | string }>(
    db,
    sql`select ${personColumns}, c.checked_in_at as "checkedInAt"
        from check_ins c join people p on p.id = c.person_id
        left join attendances a on a.event_id = c.event_id and a.person_id = p.id
        where c.event_id = ${eventId} and ${place(sessionId)} and c.outcome = 'checked_in'
        order by c.checked_in_at desc, p.name`,
  );
}

/** Whom staff expect: every attendee at the door, the confirmed seats at a session. */
export async function countExpected(db: Queryable, eventId: string, sessionId: string | null): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sessionId
      ? sql`select count(*)::int as n from rsvps where session_id = ${sessionId} and status = 'confirmed'`
      : sql`select count(*)::int as n from attendances where event_id = ${eventId}`,
  );
  return row?.n ?? 0;
}
