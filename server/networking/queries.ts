import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type { OrganizationRef } from '../../shared/api/directory.ts';
import type { ContactVisibility } from '../../shared/domain.ts';
import { jsonb, type Queryable, rows } from '../db/client.ts';
import { attendances } from '../delegations/tables.ts';
import { events } from '../programme/tables.ts';
import type { StoredReceipt } from './decide.ts';
import { connections, contactNotes, contactShares, shareDefaults } from './tables.ts';

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
  photoHash: string | null;
  /** What the person shared with the reader when they connected (false when nothing or no reader). */
  sharedEmail: boolean;
  sharedPhone: boolean;
  sharedWebsite: boolean;
  /** Affiliations in display order, as presentOrganizationRef takes them. */
  organizations: { slug: string; kind: OrganizationRef['kind']; name: string; acronym: string | null }[];
}

/** The columns of a contact card's row from `people p` joined to `sh` (see CardRow and sharesWith). */
const cardColumns = sql`p.id, p.name, p.country_code as "countryCode", p.fictional,
  p.email, p.email_visibility as "emailVisibility", p.phone, p.phone_visibility as "phoneVisibility",
  p.website, p.website_visibility as "websiteVisibility", p.photo_hash as "photoHash",
  coalesce(sh.email, false) as "sharedEmail", coalesce(sh.phone, false) as "sharedPhone",
  coalesce(sh.website, false) as "sharedWebsite",
  coalesce((select json_agg(json_build_object('slug', o.slug, 'kind', o.kind, 'name', o.name, 'acronym', o.acronym)
                            order by f.position, o.name)
            from affiliations f join organizations o on o.id = f.organization_id
            where f.person_id = p.id), '[]'::json) as organizations`;
const sharesWith = (reader: string | null) =>
  reader
    ? sql`left join contact_shares sh on sh.owner_person_id = p.id and sh.contact_person_id = ${reader}::uuid`
    : sql`left join (select null::boolean as email, null::boolean as phone, null::boolean as website) sh on true`;

/** People for contact cards with their organisations (and what each shared with the reader), in one statement. */
export function selectPeopleForCards(db: Queryable, ids: string[], reader: string | null = null) {
  return rows<CardRow>(
    db,
    sql`select ${cardColumns} from people p ${sharesWith(reader)} where p.id in (${sql.join(
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

/**
 * Lock the attendances of a batch's people, in id order (so two batches never
 * wait on each other in a circle): the scanners, the holders of rotating
 * codes, and whoever holds one of `codes` as a printed badge code. While the
 * locks are held nothing else judges a scan of theirs, so the facts read next
 * stay true until the commit. Returns who was locked and their printed codes.
 */
export function lockAttendances(db: Queryable, eventId: string, people: string[], codes: string[]) {
  return rows<{ personId: string; badgeCode: string }>(
    db,
    sql`select a.person_id as "personId", a.badge_code as "badgeCode"
        from attendances a
        where a.event_id = ${eventId}
          and (a.person_id = any(array(select value::uuid from jsonb_array_elements_text(${jsonb(people)})))
               or a.badge_code = any(array(select value from jsonb_array_elements_text(${jsonb(codes)}))))
        order by a.person_id
        for update of a`,
  );
}

/** One scan of a batch, as the facts statement takes it. */
export interface ScanKey {
  i: number;
  scanner: string;
  nonce: string;
  /** Whom the code names, when known. */
  scanned: string | null;
  at: string;
}

export interface StoredFacts {
  receipts: ({ i: number } & StoredReceipt)[];
  pairs: { i: number; id: string; scannedAt: string }[];
  near: number[];
  used: string[];
  cards: CardRow[];
  /** What the connection hooks asked to read. */
  hooks: unknown;
}

/**
 * After the locks, in one statement (each part looked up by index, scan by
 * scan, however large the tables grow): the answers already given under the
 * batch's nonces, the pairs already connected, which scans fall within the
 * pace window of a connection their scanner added, the rotating codes already
 * used, and the contact cards the answers show.
 * It must run after lockAttendances's statement: a statement that waited for
 * a lock still reads other tables as they were before the wait.
 */
export async function selectBatchFacts(
  db: Queryable,
  batch: { eventId: string; scans: ScanKey[]; seconds: number; rotatingCodes: string[]; hooks: SQL | undefined },
): Promise<StoredFacts> {
  const { eventId, scans, seconds, rotatingCodes: codes } = batch;
  const [row] = await rows<StoredFacts>(
    db,
    sql`with s as (select * from jsonb_to_recordset(${jsonb(scans)})
                     as s(i int, scanner uuid, nonce text, scanned uuid, at timestamptz))
        select
          (select coalesce(json_agg(json_build_object('i', s.i, 'outcome', r.outcome, 'reason', r.reason,
                                                      'scannedPersonId', r.scanned_person_id,
                                                      'scannedAt', r.scanned_at, 'code', r.code)), '[]')
           from s cross join lateral (
             select * from scan_receipts r where r.scanner_person_id = s.scanner and r.nonce = s.nonce limit 1) r
          ) as receipts,
          (select coalesce(json_agg(json_build_object('i', s.i, 'id', c.id, 'scannedAt', c.scanned_at)), '[]')
           from s cross join lateral (
             select c.id, c.scanned_at from connections c
             where c.event_id = ${eventId}
               and c.person_low = least(s.scanner, s.scanned) and c.person_high = greatest(s.scanner, s.scanned)
             limit 1) c
           where s.scanned is not null) as pairs,
          (select coalesce(json_agg(s.i), '[]')
           from s cross join lateral (
             select 1 from connections c
             where c.event_id = ${eventId} and c.scanner_person_id = s.scanner
               and c.scanned_at > s.at - make_interval(secs => ${seconds})
               and c.scanned_at < s.at + make_interval(secs => ${seconds})
             limit 1) c) as near,
          (select coalesce(json_agg(u.code), '[]')
           from jsonb_array_elements_text(${jsonb(codes)}) v cross join lateral (
             select u.code from used_rotating_codes u where u.event_id = ${eventId} and u.code = v.value limit 1) u
          ) as used,
          (select coalesce(json_agg(row_to_json(x)), '[]')
           from (select ${cardColumns} from people p ${sharesWith(null)}
                 where p.id = any(array(select distinct scanned from s where scanned is not null))) x) as cards,
          ${batch.hooks ?? sql`null`} as hooks`,
  );
  return row as StoredFacts;
}

export interface ReceiptRow {
  scanner: string;
  nonce: string;
  code: string;
  outcome: 'connected' | 'repeat' | 'rejected';
  reason: string | null;
  connectionId: string | null;
  scanned: string | null;
  scannedAt: string;
  receivedAt: string;
}

export interface ConnectionRow {
  id: string;
  low: string;
  high: string;
  scanner: string;
  method: string;
  scannedAt: string;
  receivedAt: string;
}

/**
 * A batch's writes in one statement: the new connections, a receipt for every
 * scan judged, the rotating codes it used, and what the hooks write with them. A pair recorded meanwhile by
 * someone not holding the locks breaks the unique index and the statement: the
 * caller then judges the scans again, one by one.
 */
export async function insertScanResults(
  db: Queryable,
  eventId: string,
  results: {
    connections: ConnectionRow[];
    /** Connections that move to an earlier scan of their pair. */
    moved: ConnectionRow[];
    receipts: ReceiptRow[];
    usedCodes: { code: string; usedAt: string }[];
    /** The connection hooks' writes (BatchHooks.write). */
    alongside: SQL[];
  },
): Promise<void> {
  await db.execute(
    sql`with c as (
          insert into connections (id, event_id, person_low, person_high, scanner_person_id, method, scanned_at, received_at)
          select x.id, ${eventId}::uuid, x.low, x.high, x.scanner, x.method::connection_method, x."scannedAt", x."receivedAt"
          from jsonb_to_recordset(${jsonb(results.connections)})
            as x(id uuid, low uuid, high uuid, scanner uuid, method text, "scannedAt" timestamptz, "receivedAt" timestamptz)),
        m as (
          update connections c
          set scanner_person_id = x.scanner, method = x.method::connection_method,
              scanned_at = x."scannedAt", received_at = x."receivedAt"
          from jsonb_to_recordset(${jsonb(results.moved)})
            as x(id uuid, scanner uuid, method text, "scannedAt" timestamptz, "receivedAt" timestamptz)
          where c.id = x.id and c.scanned_at > x."scannedAt"),
        r as (
          insert into scan_receipts (scanner_person_id, nonce, event_id, code, outcome, reason, connection_id,
                                     scanned_person_id, scanned_at, received_at)
          select x.scanner, x.nonce, ${eventId}::uuid, x.code, x.outcome::scan_outcome, x.reason, x."connectionId",
                 x.scanned, x."scannedAt", x."receivedAt"
          from jsonb_to_recordset(${jsonb(results.receipts)})
            as x(scanner uuid, nonce text, code text, outcome text, reason text, "connectionId" uuid, scanned uuid,
                 "scannedAt" timestamptz, "receivedAt" timestamptz)),
        u as (
          insert into used_rotating_codes (event_id, code, used_at)
          select ${eventId}::uuid, x.code, x."usedAt"
          from jsonb_to_recordset(${jsonb(results.usedCodes)}) as x(code text, "usedAt" timestamptz))
        ${sql.join(
          results.alongside.map((write, i) => sql`, ${sql.raw(`h${i}`)} as (${write})`),
          sql``,
        )}
        select 1`,
  );
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

export interface BadgeFilters {
  delegation?: string | undefined;
  country?: string | undefined;
  role?: 'delegate' | 'staff' | 'partner' | 'speaker' | undefined;
  notPrinted?: boolean | undefined;
}

export interface BadgeRow {
  person_id: string;
  name: string;
  badge_code: string;
  country_code: string | null;
  organization: string | null;
  delegation_id: string | null;
  delegation_name: string | null;
  is_staff: boolean;
  is_partner: boolean;
  is_speaker: boolean;
  badge_printed_at: Date | string | null;
}

/** The badges of an event, filtered as staff print them (every filter is a bound value). */
export function selectBadges(db: Queryable, eventId: string, filters: BadgeFilters) {
  const where: SQL[] = [sql`a.event_id = ${eventId}`];
  if (filters.delegation) where.push(sql`a.delegation_id = ${filters.delegation}`);
  if (filters.country) where.push(sql`coalesce(a.country_code, p.country_code) = ${filters.country.toUpperCase()}`);
  if (filters.role === 'staff') where.push(sql`a.is_staff`);
  if (filters.role === 'partner') where.push(sql`a.is_partner`);
  if (filters.role === 'speaker') where.push(sql`a.is_speaker`);
  if (filters.role === 'delegate') where.push(sql`not (a.is_staff or a.is_partner)`);
  if (filters.notPrinted) where.push(sql`a.badge_printed_at is null`);
  return rows<BadgeRow>(
    db,
    sql`select a.person_id, p.name, a.badge_code, coalesce(a.country_code, p.country_code) as country_code,
               (select coalesce(o.acronym, o.name) from affiliations af join organizations o on o.id = af.organization_id
                where af.person_id = p.id order by af.position, o.name limit 1) as organization,
               a.delegation_id, (select coalesce(o.acronym, o.name) from delegations d join organizations o on o.id = d.organization_id
                                 where d.id = a.delegation_id) as delegation_name,
               a.is_staff, a.is_partner, a.is_speaker, a.badge_printed_at
        from attendances a join people p on p.id = a.person_id
        where ${sql.join(where, sql` and `)}
        order by p.name`,
  );
}

/** What the filters offer: the event's delegations and the countries its attendees count for. */
export async function selectBadgeFacets(db: Queryable, eventId: string) {
  const delegations = await rows<{ id: string; name: string }>(
    db,
    sql`select d.id, coalesce(o.acronym, o.name) as name from delegations d join organizations o on o.id = d.organization_id
        where d.event_id = ${eventId} order by 2`,
  );
  const countries = await rows<{ code: string }>(
    db,
    sql`select distinct coalesce(a.country_code, p.country_code) as code from attendances a join people p on p.id = a.person_id
        where a.event_id = ${eventId} and coalesce(a.country_code, p.country_code) is not null order by 1`,
  );
  return { delegations, countries: countries.map((row) => row.code) };
}

/** Mark badges printed now; returns how many of them are this event's. */
export async function markBadgesPrinted(db: Queryable, eventId: string, personIds: string[], now: Date) {
  const marked = await rows<{ n: number }>(
    db,
    sql`update attendances set badge_printed_at = ${now.toISOString()}::timestamptz
        where event_id = ${eventId}
          and person_id = any(array(select value::uuid from jsonb_array_elements_text(${jsonb(personIds)})))
        returning 1 as n`,
  );
  return marked.length;
}

/** The small JPEG of each person's current photo, for address-book exports (the profiles' table, read by name). */
export async function selectSmallJpegs(db: Queryable, personIds: string[]): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  if (personIds.length === 0) return found;
  const list = await rows<{ id: string; bytes: Buffer | Uint8Array }>(
    db,
    sql`select p.id, f.bytes from people p
        join person_photos f on f.hash = p.photo_hash and f.size = 96 and f.format = 'jpg'
        where p.id in (${sql.join(
          personIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  for (const row of list) found.set(row.id, Buffer.from(row.bytes));
  return found;
}

export interface ShareRow {
  email: boolean;
  phone: boolean;
  website: boolean;
}

/** What I chose to share with each of my contacts. */
export function selectMySharesWith(db: Queryable, me: string) {
  return rows<ShareRow & { contactPersonId: string }>(
    db,
    sql`select contact_person_id as "contactPersonId", email, phone, website from contact_shares
        where owner_person_id = ${me}::uuid`,
  );
}

export async function selectShareDefault(db: Queryable, me: string): Promise<ShareRow | null> {
  const [found] = await db
    .select({ email: shareDefaults.email, phone: shareDefaults.phone, website: shareDefaults.website })
    .from(shareDefaults)
    .where(eq(shareDefaults.personId, me))
    .limit(1);
  return found ?? null;
}

export function selectMyContactFields(db: Queryable, me: string) {
  return rows<{ email: string | null; phone: string | null; website: string | null }>(
    db,
    sql`select email, phone, website from people where id = ${me}::uuid`,
  );
}

/** Records what I share with a contact and keeps it as my choice for the next connection. */
export async function upsertShare(db: Queryable, me: string, contact: string, share: ShareRow, at: Date) {
  await db
    .insert(contactShares)
    .values({ ownerPersonId: me, contactPersonId: contact, ...share, updatedAt: at })
    .onConflictDoUpdate({
      target: [contactShares.ownerPersonId, contactShares.contactPersonId],
      set: { ...share, updatedAt: at },
    });
  await db
    .insert(shareDefaults)
    .values({ personId: me, ...share, updatedAt: at })
    .onConflictDoUpdate({ target: shareDefaults.personId, set: { ...share, updatedAt: at } });
}
