import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { type Queryable, rows } from '../db/client.ts';
import { attendances } from '../delegations/tables.ts';
import { people } from '../directory/tables.ts';
import { events } from '../programme/tables.ts';
import { connections, contactNotes, scanReceipts } from './tables.ts';

export function selectPeopleForCards(db: Queryable, ids: string[]) {
  return db
    .select({
      id: people.id,
      name: people.name,
      countryCode: people.countryCode,
      fictional: people.fictional,
      email: people.email,
      emailVisibility: people.emailVisibility,
      phone: people.phone,
      phoneVisibility: people.phoneVisibility,
      website: people.website,
      websiteVisibility: people.websiteVisibility,
    })
    .from(people)
    .where(inArray(people.id, ids));
}

export async function selectEventBySlug(db: Queryable, slug: string) {
  const [row] = await db
    .select({
      id: events.id,
      slug: events.slug,
      nameEn: events.nameEn,
      nameEs: events.nameEs,
      startsOn: events.startsOn,
    })
    .from(events)
    .where(eq(events.slug, slug))
    .limit(1);
  return row;
}

/**
 * Whether the event's game asks for rotating codes. The bingo owns the
 * setting and builds on networking, so it is read by table name.
 */
export async function selectCodeMode(db: Queryable, eventId: string): Promise<'static' | 'rotating'> {
  const [row] = await rows<{ code_mode: 'static' | 'rotating' }>(
    db,
    sql`select code_mode from bingo_games where event_id = ${eventId} limit 1`,
  );
  return row?.code_mode ?? 'static';
}

/** The scanner's attendance, locked: scans by one person are judged one at a time. */
export async function lockAttendance(db: Queryable, eventId: string, personId: string) {
  const [row] = await db
    .select()
    .from(attendances)
    .where(and(eq(attendances.eventId, eventId), eq(attendances.personId, personId)))
    .for('update');
  return row;
}

export function selectEventAttendances(db: Queryable, eventId: string) {
  return db
    .select({
      personId: attendances.personId,
      badgeCode: attendances.badgeCode,
      rotatingSecret: attendances.rotatingSecret,
    })
    .from(attendances)
    .where(eq(attendances.eventId, eventId));
}

export async function selectReceipt(db: Queryable, scannerPersonId: string, nonce: string) {
  const [row] = await db
    .select()
    .from(scanReceipts)
    .where(and(eq(scanReceipts.scannerPersonId, scannerPersonId), eq(scanReceipts.nonce, nonce)))
    .limit(1);
  return row;
}

export async function selectPair(db: Queryable, eventId: string, low: string, high: string) {
  const [row] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.eventId, eventId), eq(connections.personLow, low), eq(connections.personHigh, high)))
    .limit(1);
  return row;
}

/** Has the scanner added a connection within `seconds` of this moment (device times)? */
export async function addedNear(
  db: Queryable,
  eventId: string,
  scannerPersonId: string,
  at: Date,
  seconds: number,
): Promise<boolean> {
  const found = await rows<{ one: number }>(
    db,
    sql`select 1 as one from connections
        where event_id = ${eventId} and scanner_person_id = ${scannerPersonId}
          and scanned_at > ${new Date(at.getTime() - seconds * 1000).toISOString()}::timestamptz
          and scanned_at < ${new Date(at.getTime() + seconds * 1000).toISOString()}::timestamptz
        limit 1`,
  );
  return found.length > 0;
}

export interface ContactRow {
  other: string;
  event_slug: string;
  event_name_en: string;
  event_name_es: string | null;
  scanned_at: Date | string;
  scanned_by_me: boolean;
}

/** Every connection of a person (either side), with the event, newest first. */
export function selectConnectionsOf(db: Queryable, personId: string, eventSlug?: string) {
  return rows<ContactRow>(
    db,
    sql`select case when c.person_low = ${personId} then c.person_high else c.person_low end as other,
               e.slug as event_slug, e.name_en as event_name_en, e.name_es as event_name_es,
               c.scanned_at, c.scanner_person_id = ${personId} as scanned_by_me
        from connections c join events e on e.id = c.event_id
        where (c.person_low = ${personId} or c.person_high = ${personId})
          ${eventSlug ? sql`and e.slug = ${eventSlug}` : sql``}
        order by c.scanned_at desc`,
  );
}

export function selectNotes(db: Queryable, ownerPersonId: string) {
  return db
    .select({ contactPersonId: contactNotes.contactPersonId, note: contactNotes.note })
    .from(contactNotes)
    .where(eq(contactNotes.ownerPersonId, ownerPersonId));
}

export async function areConnected(db: Queryable, a: string, b: string): Promise<boolean> {
  const [low, high] = a < b ? [a, b] : [b, a];
  const [row] = await db
    .select({ id: connections.id })
    .from(connections)
    .where(or(and(eq(connections.personLow, low), eq(connections.personHigh, high))))
    .limit(1);
  return row !== undefined;
}
