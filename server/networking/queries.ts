import { and, eq, or, sql } from 'drizzle-orm';
import type { OrganizationRef } from '../../shared/api/directory.ts';
import type { ContactVisibility } from '../../shared/domain.ts';
import { type Queryable, rows } from '../db/client.ts';
import { attendances } from '../delegations/tables.ts';
import { events } from '../programme/tables.ts';
import { connections, contactNotes } from './tables.ts';

export interface CardRow {
  id: string;
  name: string;
  countryCode: string | null;
  fictional: boolean;
  email: string | null;
  emailVisibility: ContactVisibility;
  phone: string | null;
  phoneVisibility: ContactVisibility;
  website: string | null;
  websiteVisibility: ContactVisibility;
  /** Affiliations in display order, as presentOrganizationRef takes them. */
  organizations: { slug: string; kind: OrganizationRef['kind']; name: string; acronym: string | null }[];
}

/** The columns of a contact card's row from `people p` (see CardRow). */
const cardColumns = sql`p.id, p.name, p.country_code as "countryCode", p.fictional,
  p.email, p.email_visibility as "emailVisibility", p.phone, p.phone_visibility as "phoneVisibility",
  p.website, p.website_visibility as "websiteVisibility",
  coalesce((select json_agg(json_build_object('slug', o.slug, 'kind', o.kind, 'name', o.name, 'acronym', o.acronym)
                            order by f.position, o.name)
            from affiliations f join organizations o on o.id = f.organization_id
            where f.person_id = p.id), '[]'::json) as organizations`;

/** People for contact cards with their organisations, in one statement. */
export function selectPeopleForCards(db: Queryable, ids: string[]) {
  return rows<CardRow>(
    db,
    sql`select ${cardColumns} from people p where p.id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
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

export async function selectPair(db: Queryable, eventId: string, low: string, high: string) {
  const [row] = await db
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.eventId, eventId), eq(connections.personLow, low), eq(connections.personHigh, high)))
    .limit(1);
  return row;
}

/**
 * Lock the scanner's attendance, so scans by one person are judged one at a
 * time, and read in the same statement what no concurrent scan changes: the
 * game's code mode (the bingo owns it and builds on networking, so it is read
 * by table name) and who holds `code` as a printed badge code. Undefined when
 * the scanner does not attend.
 */
export async function lockScanner(
  db: Queryable,
  eventId: string,
  scannerPersonId: string,
  code: string,
): Promise<{ codeMode: 'static' | 'rotating'; holder: string | null } | undefined> {
  const [row] = await rows<{ codeMode: 'static' | 'rotating' | null; holder: string | null }>(
    db,
    sql`select (select g.code_mode from bingo_games g where g.event_id = ${eventId} limit 1) as "codeMode",
               (select h.person_id from attendances h where h.event_id = ${eventId} and h.badge_code = ${code} limit 1) as holder
        from attendances a where a.event_id = ${eventId} and a.person_id = ${scannerPersonId} for update of a`,
  );
  return row && { codeMode: row.codeMode ?? 'static', holder: row.holder };
}

export interface StoredReceipt {
  outcome: 'connected' | 'repeat' | 'rejected';
  reason: string | null;
  scannedPersonId: string | null;
  scannedAt: Date | string;
}

export interface PairFacts {
  /** The pair's connection, when the two have met before. */
  pair: string | null;
  /** Whether the scanner added a connection within the pace window of this scan (device times). */
  near: boolean;
}

const pairFactsColumns = (eventId: string, scanner: string, scanned: string, at: Date, seconds: number) => {
  const [low, high] = scanner < scanned ? [scanner, scanned] : [scanned, scanner];
  return sql`(select c.id from connections c
              where c.event_id = ${eventId} and c.person_low = ${low} and c.person_high = ${high} limit 1) as pair,
             exists(select 1 from connections c
                    where c.event_id = ${eventId} and c.scanner_person_id = ${scanner}
                      and c.scanned_at > ${new Date(at.getTime() - seconds * 1000).toISOString()}::timestamptz
                      and c.scanned_at < ${new Date(at.getTime() + seconds * 1000).toISOString()}::timestamptz) as near`;
};

/**
 * After the lock, in one statement: the answer already given under this
 * nonce, and, when the scanned person is known, the pair, the pace rule and
 * the contact card the answer shows.
 * It must run after lockScanner's statement, so it sees what scans of the
 * same person committed while this one waited.
 */
export async function selectScanFacts(
  db: Queryable,
  facts: { eventId: string; scanner: string; nonce: string; scanned: string | null; at: Date; seconds: number },
): Promise<{ receipt: StoredReceipt | undefined; card: CardRow | null } & PairFacts> {
  const { eventId, scanner, nonce, scanned, at, seconds } = facts;
  const [row] = await rows<Partial<StoredReceipt> & { found: boolean; card: CardRow | null } & PairFacts>(
    db,
    sql`select r.scanner_person_id is not null as found, r.outcome, r.reason,
               r.scanned_person_id as "scannedPersonId", r.scanned_at as "scannedAt",
               ${
                 scanned
                   ? sql`${pairFactsColumns(eventId, scanner, scanned, at, seconds)},
                       (select row_to_json(x) from (select ${cardColumns} from people p where p.id = ${scanned}) x) as card`
                   : sql`null as pair, false as near, null as card`
               }
        from (select 1) as one
        left join scan_receipts r on r.scanner_person_id = ${scanner} and r.nonce = ${nonce}`,
  );
  const { found, pair, near, card, ...receipt } = row as NonNullable<typeof row>;
  return { receipt: found ? (receipt as StoredReceipt) : undefined, pair, near, card };
}

/** The pair and the pace rule, for a scanned person found after selectScanFacts (rotating codes). */
export async function selectPairFacts(
  db: Queryable,
  eventId: string,
  scanner: string,
  scanned: string,
  at: Date,
  seconds: number,
): Promise<PairFacts> {
  const [row] = await rows<PairFacts>(db, sql`select ${pairFactsColumns(eventId, scanner, scanned, at, seconds)}`);
  return row as PairFacts;
}

export interface ReceiptValues {
  scannerPersonId: string;
  nonce: string;
  eventId: string;
  code: string;
  scannedPersonId: string | null;
  scannedAt: Date;
  receivedAt: Date;
}

/**
 * A new pair and the scan's receipt in one statement. Returns the
 * connection's id, or undefined when the other side recorded the pair first
 * (then nothing is written: the caller stores a repeat).
 */
export async function insertConnectionWithReceipt(
  db: Queryable,
  pair: { low: string; high: string; method: string },
  receipt: ReceiptValues & { scannedPersonId: string },
): Promise<string | undefined> {
  const { scannerPersonId, nonce, eventId, code, scannedPersonId, scannedAt, receivedAt } = receipt;
  const [row] = await rows<{ id: string }>(
    db,
    sql`with c as (
          insert into connections (event_id, person_low, person_high, scanner_person_id, method, scanned_at, received_at)
          values (${eventId}, ${pair.low}, ${pair.high}, ${scannerPersonId}, ${pair.method}::connection_method,
                  ${scannedAt.toISOString()}::timestamptz, ${receivedAt.toISOString()}::timestamptz)
          on conflict do nothing returning id),
        r as (
          insert into scan_receipts (scanner_person_id, nonce, event_id, code, outcome, reason, connection_id,
                                     scanned_person_id, scanned_at, received_at)
          select ${scannerPersonId}::uuid, ${nonce}::text, ${eventId}::uuid, ${code}::text, 'connected'::scan_outcome,
                 null, c.id, ${scannedPersonId}::uuid,
                 ${scannedAt.toISOString()}::timestamptz, ${receivedAt.toISOString()}::timestamptz from c)
        select id from c`,
  );
  return row?.id;
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
