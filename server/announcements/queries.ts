import { type SQL, sql } from 'drizzle-orm';
import type { AudienceKind } from '../../shared/api/announcements.ts';
import { jsonb, type Queryable, rows } from '../db/client.ts';

/*
 * Every statement of announcements, reminders and push. Audiences and trips
 * are read from the tables of the delegations, RSVP, check-in and programme
 * capabilities by name.
 */

/** A person's language as the app writes to them: the first of en/es they speak, else English. */
const personLanguage = (p: SQL) => sql`(case
  when array_position(${p}.languages, 'es') is not null
   and (array_position(${p}.languages, 'en') is null
        or array_position(${p}.languages, 'es') < array_position(${p}.languages, 'en')) then 'es'
  else 'en' end)`;

// === Events, audiences =====================================================

export interface EventRow {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
}

export async function selectEvent(db: Queryable, slug: string): Promise<EventRow | undefined> {
  const [row] = await rows<EventRow>(
    db,
    sql`select id, slug, name_en as name, time_zone as "timeZone" from events where slug = ${slug}`,
  );
  return row;
}

export async function selectEventOf(db: Queryable, id: string): Promise<EventRow | undefined> {
  const [row] = await rows<EventRow>(
    db,
    sql`select id, slug, name_en as name, time_zone as "timeZone" from events where id = ${id}`,
  );
  return row;
}

/** Whether the value of an audience names something of this event (a delegation, a session, a country). */
export async function audienceValueExists(
  db: Queryable,
  eventId: string,
  kind: AudienceKind,
  value: string,
): Promise<boolean> {
  const query =
    kind === 'delegation'
      ? sql`select 1 from delegations where id::text = ${value} and event_id = ${eventId}`
      : kind === 'session'
        ? sql`select 1 from sessions where id::text = ${value} and event_id = ${eventId}`
        : sql`select 1 from countries where code = ${value}`;
  return (await rows(db, query)).length > 0;
}

/** The people of an audience: always attendees of the event (an `attendances` row), narrowed by the kind. */
function audienceFilter(kind: AudienceKind, value: string | null): SQL {
  switch (kind) {
    case 'all':
      return sql`true`;
    case 'delegation':
      return sql`(a.delegation_id::text = ${value}
        or exists (select 1 from delegation_members m where m.delegation_id::text = ${value} and m.person_id = a.person_id))`;
    case 'country':
      return sql`coalesce(a.country_code, p.country_code) = ${value}`;
    case 'language':
      return sql`${personLanguage(sql`p`)} = ${value}`;
    case 'checked_in':
      return sql`a.checked_in_at is not null`;
    case 'session':
      return sql`(exists (select 1 from rsvps r
                          where r.session_id::text = ${value} and r.person_id = a.person_id and r.status = 'confirmed')
        or exists (select 1 from session_assignments sa
                   where sa.session_id::text = ${value}
                     and (sa.delegation_id = a.delegation_id
                          or exists (select 1 from delegation_members m
                                     where m.delegation_id = sa.delegation_id and m.person_id = a.person_id)))
        or exists (select 1 from check_ins c where c.session_id::text = ${value} and c.person_id = a.person_id))`;
  }
}

/** One row per person: an attendance is unique per event and person. */
const audienceSelect = (eventId: string, kind: AudienceKind, value: string | null) => sql`
  select a.person_id from attendances a join people p on p.id = a.person_id
  where a.event_id = ${eventId} and ${audienceFilter(kind, value)}`;

export async function countAudience(
  db: Queryable,
  eventId: string,
  kind: AudienceKind,
  value: string | null,
): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (${audienceSelect(eventId, kind, value)}) people`,
  );
  return row?.n ?? 0;
}

// === Announcements ==========================================================

export interface AnnouncementRow {
  id: string;
  event_id: string;
  title_en: string;
  title_es: string;
  body_en: string;
  body_es: string;
  audience_kind: AudienceKind;
  audience_value: string | null;
  by_email: boolean;
  send_at: Date | string;
  sent_at: Date | string | null;
  recipients: number;
  read: number;
  created_at: Date | string;
}

export interface NewAnnouncement {
  eventId: string;
  title: { en: string; es: string };
  body: { en: string; es: string };
  audienceKind: AudienceKind;
  audienceValue: string | null;
  byEmail: boolean;
  sendAt: Date;
  createdBy: string;
  createdAt: Date;
}

export async function insertAnnouncement(tx: Queryable, a: NewAnnouncement): Promise<AnnouncementRow> {
  const [row] = await rows<AnnouncementRow>(
    tx,
    sql`insert into announcements (event_id, title_en, title_es, body_en, body_es, audience_kind, audience_value,
                                   by_email, send_at, created_by, created_at)
        values (${a.eventId}, ${a.title.en}, ${a.title.es}, ${a.body.en}, ${a.body.es}, ${a.audienceKind},
                ${a.audienceValue}, ${a.byEmail}, ${a.sendAt}, ${a.createdBy}, ${a.createdAt})
        returning *, 0 as read`,
  );
  if (!row) throw new Error('announcement not written');
  return row;
}

const announcementColumns = sql`a.*, (select count(*)::int from announcement_recipients r
                                      where r.announcement_id = a.id and r.read_at is not null) as read`;

export function selectAnnouncements(db: Queryable, eventId: string): Promise<AnnouncementRow[]> {
  return rows<AnnouncementRow>(
    db,
    sql`select ${announcementColumns} from announcements a where a.event_id = ${eventId}
        order by a.send_at desc, a.id limit 200`,
  );
}

export async function selectAnnouncement(db: Queryable, id: string): Promise<AnnouncementRow | undefined> {
  const [row] = await rows<AnnouncementRow>(
    db,
    sql`select ${announcementColumns} from announcements a where a.id = ${id}`,
  );
  return row;
}

/** One announcement come due and not yet sent, locked for this transaction; instances skip each other's. */
export async function claimDueAnnouncement(tx: Queryable, now: Date): Promise<AnnouncementRow | undefined> {
  const [row] = await rows<AnnouncementRow>(
    tx,
    sql`select *, 0 as read from announcements where sent_at is null and send_at <= ${now}
        order by send_at, id limit 1 for update skip locked`,
  );
  return row;
}

/** The words of an announcement as a phone and a mail show them, per language. */
export interface DeliveryTexts {
  url: string;
  push: { en: { title: string; body: string }; es: { title: string; body: string } };
  mail: { en: { subject: string; text: string }; es: { subject: string; text: string } } | null;
}

/**
 * Send an announcement, in one statement: its recipients' inbox copies, a
 * push message per device of theirs and, when asked, a mail per address go
 * in; the announcement is marked sent with its count. Answers who received it.
 */
export async function deliverAnnouncement(
  tx: Queryable,
  a: AnnouncementRow,
  texts: DeliveryTexts,
  now: Date,
): Promise<{ recipients: number; people: string[] }> {
  const mails = texts.mail
    ? sql`, mails as (
        insert into outbox (kind, recipient, subject, body, created_at, due_at)
        select 'announcement', coalesce(u.email, p.email),
               case when ${personLanguage(sql`p`)} = 'es' then ${texts.mail.es.subject} else ${texts.mail.en.subject} end,
               case when ${personLanguage(sql`p`)} = 'es' then ${texts.mail.es.text} else ${texts.mail.en.text} end,
               ${now}, ${now}
        from recipients r join people p on p.id = r.person_id left join users u on u.person_id = p.id
        where coalesce(u.email, p.email) is not null
        returning 1)`
    : sql``;
  const [row] = await rows<{ recipients: number; people: string[] }>(
    tx,
    sql`with recipients as (
          insert into announcement_recipients (announcement_id, person_id)
          select ${a.id}::uuid, audience.person_id
          from (${audienceSelect(a.event_id, a.audience_kind, a.audience_value)}) audience
          on conflict do nothing
          returning person_id),
        texts as (select * from jsonb_to_record(${jsonb(texts.push)}) as t(en jsonb, es jsonb)),
        pushes as (
          insert into outbox (kind, recipient, subject, body, created_at, due_at, payload)
          select 'push', ps.id::text,
                 case when ps.language = 'es' then t.es->>'title' else t.en->>'title' end,
                 case when ps.language = 'es' then t.es->>'body' else t.en->>'body' end,
                 ${now}, ${now},
                 jsonb_build_object('subscriptionId', ps.id, 'url', ${texts.url}::text,
                                    'tag', ${`announcement-${a.id}`}::text, 'lang', ps.language)
          from recipients r join push_subscriptions ps on ps.person_id = r.person_id cross join texts t
          returning 1)
        ${mails},
        marked as (
          update announcements set sent_at = ${now}, recipients = (select count(*) from recipients)
          where id = ${a.id} returning 1)
        select (select count(*)::int from recipients) as recipients,
               (select coalesce(json_agg(person_id), '[]'::json) from recipients) as people`,
  );
  return { recipients: row?.recipients ?? 0, people: row?.people ?? [] };
}

// === Inbox ====================================================================

export interface InboxRow {
  id: string;
  event_slug: string;
  event_name: string;
  title_en: string;
  title_es: string;
  body_en: string;
  body_es: string;
  sent_at: Date | string;
  read_at: Date | string | null;
}

export function selectInbox(db: Queryable, personId: string): Promise<InboxRow[]> {
  return rows<InboxRow>(
    db,
    sql`select a.id, e.slug as event_slug, e.name_en as event_name, a.title_en, a.title_es, a.body_en, a.body_es,
               a.sent_at, r.read_at
        from announcement_recipients r
        join announcements a on a.id = r.announcement_id
        join events e on e.id = a.event_id
        where r.person_id = ${personId}
        order by a.sent_at desc, a.id
        limit 100`,
  );
}

/**
 * The events a person attends, those not yet over first (by start), then the
 * latest ones: the first is the live channel the app listens on for them.
 */
export async function selectAttending(db: Queryable, personId: string, today: string): Promise<string[]> {
  const found = await rows<{ slug: string }>(
    db,
    sql`select e.slug from attendances a join events e on e.id = a.event_id
        where a.person_id = ${personId}
        order by (e.ends_on >= ${today}::date) desc,
                 case when e.ends_on >= ${today}::date then e.starts_on end asc,
                 e.starts_on desc, e.slug
        limit 5`,
  );
  return found.map((row) => row.slug);
}

export async function countUnread(db: Queryable, personId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from announcement_recipients where person_id = ${personId} and read_at is null`,
  );
  return row?.n ?? 0;
}

/** Marks my copy read; answers whether I had one, or the announcement is someone else's, or there is none. */
export async function markRead(
  db: Queryable,
  announcementId: string,
  personId: string | null,
  now: Date,
): Promise<'read' | 'not_mine' | 'absent'> {
  const found = await rows<{ read_at: unknown }>(
    db,
    sql`update announcement_recipients set read_at = coalesce(read_at, ${now})
        where announcement_id = ${announcementId} and person_id = ${personId}
        returning read_at`,
  );
  if (found.length > 0) return 'read';
  const exists = await rows(db, sql`select 1 from announcements where id = ${announcementId}`);
  return exists.length > 0 ? 'not_mine' : 'absent';
}

// === Push subscriptions and keys ================================================

export async function selectAppMeta<T>(db: Queryable, key: string): Promise<T | undefined> {
  const [row] = await rows<{ value: T }>(db, sql`select value from app_meta where key = ${key}`);
  return row?.value;
}

/** Writes the value unless one is there (another instance won the race); answers the one kept. */
export async function insertAppMetaOnce<T>(db: Queryable, key: string, value: T): Promise<T> {
  await db.execute(
    sql`insert into app_meta (key, value, updated_at) values (${key}, ${jsonb(value)}, now())
        on conflict (key) do nothing`,
  );
  return (await selectAppMeta<T>(db, key)) ?? value;
}

export interface NewSubscription {
  userId: string;
  personId: string | null;
  endpoint: string;
  p256dh: string;
  auth: string;
  language: string;
  createdAt: Date;
}

/** A device subscribing again (new keys, or another account signed in on it) replaces its row. */
export async function upsertSubscription(db: Queryable, s: NewSubscription): Promise<string> {
  const [row] = await rows<{ id: string }>(
    db,
    sql`insert into push_subscriptions (user_id, person_id, endpoint, p256dh, auth, language, created_at)
        values (${s.userId}, ${s.personId}, ${s.endpoint}, ${s.p256dh}, ${s.auth}, ${s.language}, ${s.createdAt})
        on conflict (endpoint) do update set user_id = excluded.user_id, person_id = excluded.person_id,
          p256dh = excluded.p256dh, auth = excluded.auth, language = excluded.language
        returning id`,
  );
  return row?.id ?? '';
}

export async function deleteSubscription(db: Queryable, userId: string, endpoint: string): Promise<boolean> {
  const found = await rows(
    db,
    sql`delete from push_subscriptions where user_id = ${userId} and endpoint = ${endpoint} returning id`,
  );
  return found.length > 0;
}

export interface SubscriptionRow {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export async function selectSubscription(db: Queryable, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await rows<SubscriptionRow>(
    db,
    sql`select id, endpoint, p256dh, auth from push_subscriptions where id::text = ${id}`,
  );
  return row;
}

/** The push service said the subscription is gone (404/410): the device unsubscribed or the browser was reset. */
export async function deleteSubscriptionById(db: Queryable, id: string): Promise<void> {
  await db.execute(sql`delete from push_subscriptions where id::text = ${id}`);
}

/** Push messages for people, one per device of theirs, each in the device's language. */
export interface PushForPerson {
  personId: string;
  title: { en: string; es: string };
  body: { en: string; es: string };
  url: string;
  tag: string;
}

export async function enqueuePushes(tx: Queryable, now: Date, pushes: PushForPerson[]): Promise<void> {
  if (pushes.length === 0) return;
  await tx.execute(
    sql`insert into outbox (kind, recipient, subject, body, created_at, due_at, payload)
        select 'push', ps.id::text,
               case when ps.language = 'es' then m.title->>'es' else m.title->>'en' end,
               case when ps.language = 'es' then m.body->>'es' else m.body->>'en' end,
               ${now}, ${now},
               jsonb_build_object('subscriptionId', ps.id, 'url', m.url, 'tag', m.tag, 'lang', ps.language)
        from jsonb_to_recordset(${jsonb(pushes)}) as m("personId" uuid, title jsonb, body jsonb, url text, tag text)
        join push_subscriptions ps on ps.person_id = m."personId"`,
  );
}

// === Reminders ==================================================================

export async function selectLeadMinutes(db: Queryable, personId: string): Promise<number | undefined> {
  const [row] = await rows<{ lead_minutes: number }>(
    db,
    sql`select lead_minutes from reminder_settings where person_id = ${personId}`,
  );
  return row?.lead_minutes;
}

export async function upsertLeadMinutes(db: Queryable, personId: string, leadMinutes: number): Promise<void> {
  await db.execute(
    sql`insert into reminder_settings (person_id, lead_minutes) values (${personId}, ${leadMinutes})
        on conflict (person_id) do update set lead_minutes = excluded.lead_minutes`,
  );
}

/** The longest lead time anyone may choose: only what starts within it is looked at. */
export const MAX_LEAD_MINUTES = 1440;

/** People holding a session: a confirmed seat, or a delegation it is assigned to (as member or attendee). */
const sessionHolders = sql`
  select r.person_id, r.session_id from rsvps r where r.status = 'confirmed'
  union
  select m.person_id, sa.session_id from session_assignments sa join delegation_members m on m.delegation_id = sa.delegation_id
  union
  select a.person_id, sa.session_id from session_assignments sa
  join sessions s2 on s2.id = sa.session_id
  join attendances a on a.delegation_id = sa.delegation_id and a.event_id = s2.event_id`;

/**
 * A reminder source: what, of one kind, starts within each holder's lead time
 * from `now` and has not begun. Its columns: source, subject_id, person_id,
 * starts_at. Another kind (meetings) is one more function of this shape in
 * `REMINDER_SOURCES`.
 */
export type ReminderSource = (now: Date) => SQL;

export const sessionReminders: ReminderSource = (now) => sql`
  select 'session'::text as source, s.id as subject_id, h.person_id, s.starts_at
  from sessions s
  join (${sessionHolders}) h on h.session_id = s.id
  left join reminder_settings rs on rs.person_id = h.person_id
  where s.status <> 'cancelled'
    and s.starts_at > ${now}
    and s.starts_at <= ${now}::timestamptz + make_interval(mins => ${MAX_LEAD_MINUTES})
    and s.starts_at <= ${now}::timestamptz + make_interval(mins => coalesce(rs.lead_minutes, 15))`;

export const REMINDER_SOURCES: ReminderSource[] = [sessionReminders];

export interface DueReminder {
  source: string;
  subject_id: string;
  person_id: string;
  starts_at: Date | string;
}

/**
 * Claim the reminders come due: each is inserted into `reminders_sent` once,
 * by whichever instance gets there first (the primary key; a second instance's
 * insert waits for the first's commit and then inserts nothing). Answers the
 * ones this transaction claimed.
 */
export function claimDueReminders(tx: Queryable, now: Date): Promise<DueReminder[]> {
  const due = sql.join(
    REMINDER_SOURCES.map((source) => source(now)),
    sql` union all `,
  );
  return rows<DueReminder>(
    tx,
    sql`insert into reminders_sent (source, subject_id, person_id, starts_at, sent_at)
        select source, subject_id, person_id, starts_at, ${now} from (${due}) due
        on conflict do nothing
        returning source, subject_id, person_id, starts_at`,
  );
}

export interface SessionFacts {
  id: string;
  event_slug: string;
  time_zone: string;
  title_en: string;
  title_es: string | null;
  starts_at: Date | string;
  venue: string | null;
  status: string;
}

export function selectSessionFacts(db: Queryable, ids: string[]): Promise<SessionFacts[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return rows<SessionFacts>(
    db,
    sql`select s.id, e.slug as event_slug, e.time_zone, s.title_en, s.title_es, s.starts_at, s.status::text as status,
               v.name as venue
        from sessions s join events e on e.id = s.event_id left join venues v on v.id = s.venue_id
        where s.id in ${ids}`,
  );
}

export async function selectHolders(db: Queryable, sessionId: string): Promise<string[]> {
  const found = await rows<{ person_id: string }>(
    db,
    sql`select distinct person_id from (${sessionHolders}) h where h.session_id = ${sessionId}`,
  );
  return found.map((row) => row.person_id);
}

/** In-app notices (the notifications of the RSVP capability, by table name). */
export async function insertNotices(
  tx: Queryable,
  now: Date,
  notices: { personId: string; kind: string; payload: unknown }[],
): Promise<void> {
  if (notices.length === 0) return;
  await tx.execute(
    sql`insert into notifications (person_id, kind, payload, created_at)
        select n."personId", n.kind, n.payload, ${now}
        from jsonb_to_recordset(${jsonb(notices)}) as n("personId" uuid, kind text, payload jsonb)`,
  );
}
