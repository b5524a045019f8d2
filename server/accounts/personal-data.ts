import { type SQL, sql } from 'drizzle-orm';
import { signInAddressBucket, signInAddressIpPrefix, signInCodeAddressBucket } from './sign-in-limits.ts';

/** Whose data: the account and its person, found by id and exact value only. */
export interface DataSubject {
  userId: string;
  personId: string | null;
  /** The account's sign-in address. */
  email: string;
}

/**
 * What deleting the account does to a column that refers to the person or the account:
 * `cascade` and `set null` are the foreign key's own rule (the test holds them to the schema);
 * `erased` rows are deleted by the table's `erase` step; `anonymised` rows stay with what
 * names the person replaced; `kept` is a bare id left where a record must stay whole
 * (a published draw stays verifiable, an audit entry keeps its subject), with no name beside it.
 */
export type OnErase = 'cascade' | 'set null' | 'erased' | 'anonymised' | 'kept';

export interface PersonalTable {
  /** Every column of the table that holds the person's or the account's id, and what deletion does to it. */
  refers: Record<string, OnErase>;
  /** The rows of the export: what is about me and mine to see. Null when nothing of this table is exported. */
  export: ((subject: DataSubject) => SQL | null) | null;
  /** What of the table the export leaves out, and why: said here so that leaving out is a decision. */
  excluded?: string;
  /** A step of the deletion, run in its transaction before the account and the person are deleted. */
  erase?: (subject: DataSubject) => SQL | null;
}

const MARKER = '[anonymised]';

/** The address's buckets: one by equality, the per-IP ones by a prefix compared as text, never as a pattern. */
const addressBuckets = (email: string): SQL =>
  sql`(bucket in (${signInAddressBucket(email)}, ${signInCodeAddressBucket(email)})
       or starts_with(bucket, ${signInAddressIpPrefix(email)}))`;

const all = (table: string, column: string, id: string | null): SQL | null =>
  id ? sql`select * from ${sql.identifier(table)} where ${sql.identifier(column)} = ${id}` : null;
const ofPerson =
  (table: string, column = 'person_id') =>
  (s: DataSubject) =>
    all(table, column, s.personId);
const ofAccount =
  (table: string, column = 'user_id') =>
  (s: DataSubject) =>
    all(table, column, s.userId);

/** The person's or the account's id written anywhere in a json text, as our own lower-case uuid: an id, never a pattern. */
const namesThem = (text: SQL, s: DataSubject): SQL =>
  sql.join(
    [s.userId, s.personId]
      .filter((id): id is string => Boolean(id))
      .map((id) => sql`strpos(lower(${text}), ${id.toLowerCase()}) > 0`),
    sql` or `,
  );

const aboutThem = (s: DataSubject): SQL =>
  sql.join(
    [
      ...(s.personId ? [sql`(entity_type = 'person' and entity_id = ${s.personId})`] : []),
      sql`(entity_type = 'user' and entity_id = ${s.userId})`,
    ],
    sql` or `,
  );

/**
 * Every table that refers to a person or an account, and what the export and
 * the deletion of an account do with it (GDPR art. 15, 17 and 20). A table
 * missing here is neither exported nor cleaned: my-data.test.ts reads the
 * schema's foreign keys and the columns where a person's id turns up, and
 * fails on any not listed, so a new table must be placed here on purpose.
 */
export const PERSONAL_DATA: Record<string, PersonalTable> = {
  users: {
    refers: { person_id: 'erased' },
    export: null,
    excluded: 'the account row itself is the export’s `account`',
  },

  // The directory.
  affiliations: { refers: { person_id: 'cascade' }, export: ofPerson('affiliations') },
  affiliation_requests: { refers: { person_id: 'cascade' }, export: ofPerson('affiliation_requests') },

  // The programme.
  session_speakers: { refers: { person_id: 'cascade' }, export: ofPerson('session_speakers') },

  // Delegations.
  attendances: { refers: { person_id: 'cascade' }, export: ofPerson('attendances') },
  delegation_members: { refers: { person_id: 'cascade' }, export: ofPerson('delegation_members') },
  delegations: {
    refers: { leader_person_id: 'set null' },
    export: (s) =>
      s.personId
        ? sql`select id, event_id, organization_id, status, arrives_on, departs_on, created_at, updated_at
              from delegations where leader_person_id = ${s.personId}`
        : null,
    excluded: 'the notes: the staff’s, shown only to the organisation’s managers and the network’s staff',
  },

  // RSVP and my trip.
  rsvps: { refers: { person_id: 'cascade' }, export: ofPerson('rsvps') },
  calendar_tokens: { refers: { person_id: 'cascade' }, export: ofPerson('calendar_tokens') },
  notifications: { refers: { person_id: 'cascade' }, export: ofPerson('notifications') },

  // Networking.
  connections: {
    refers: { person_low: 'cascade', person_high: 'cascade', scanner_person_id: 'cascade' },
    export: (s) =>
      s.personId
        ? sql`select * from connections where person_low = ${s.personId} or person_high = ${s.personId}`
        : null,
  },
  scan_receipts: {
    refers: { scanner_person_id: 'cascade', scanned_person_id: 'set null' },
    export: ofPerson('scan_receipts', 'scanner_person_id'),
    excluded: 'receipts of other people’s scans of me: theirs (the connections they made are exported)',
  },
  contact_notes: {
    refers: { owner_person_id: 'cascade', contact_person_id: 'cascade' },
    export: ofPerson('contact_notes', 'owner_person_id'),
    excluded: 'notes other people keep about me: private to their writer',
  },
  contact_shares: {
    refers: { owner_person_id: 'cascade', contact_person_id: 'cascade' },
    export: ofPerson('contact_shares', 'owner_person_id'),
    excluded: 'what other people chose to share with me: their choices (what they shared is in my contacts)',
  },
  share_defaults: { refers: { person_id: 'cascade' }, export: ofPerson('share_defaults') },

  // Profile photos: every size as base64 text, so the export is readable JSON.
  person_photos: {
    refers: { person_id: 'cascade' },
    export: (s) =>
      s.personId
        ? sql`select hash, size, format, created_at, encode(bytes, 'base64') as bytes_base64
              from person_photos where person_id = ${s.personId}`
        : null,
  },

  // Check-in at the door and at sessions.
  check_ins: {
    refers: { person_id: 'cascade', recorded_by: 'set null' },
    export: ofPerson('check_ins'),
    excluded: 'the check-ins a staff member recorded of other people: theirs',
  },

  // One-to-one meetings.
  meeting_blocks: { refers: { person_id: 'cascade' }, export: ofPerson('meeting_blocks') },
  meeting_inboxes: { refers: { person_id: 'cascade' }, export: ofPerson('meeting_inboxes') },
  meetings: {
    // A meeting is both people's: each exports it whole; deleting either removes it.
    refers: { requester_id: 'cascade', invitee_id: 'cascade', awaiting_id: 'set null', created_by: 'set null' },
    export: (s) =>
      s.personId ? sql`select * from meetings where requester_id = ${s.personId} or invitee_id = ${s.personId}` : null,
  },
  meeting_bookings: { refers: { person_id: 'cascade' }, export: ofPerson('meeting_bookings') },

  // Announcements, reminders and push.
  announcements: {
    refers: { created_by: 'set null' },
    export: ofAccount('announcements', 'created_by'),
    excluded: 'the announcements other staff wrote (those sent to me are my inbox)',
  },
  announcement_recipients: { refers: { person_id: 'cascade' }, export: ofPerson('announcement_recipients') },
  push_subscriptions: {
    refers: { user_id: 'cascade', person_id: 'cascade' },
    export: (s) => sql`select id, endpoint, language, created_at from push_subscriptions where user_id = ${s.userId}`,
    excluded: "the device's encryption keys: secrets of the browser that subscribed",
  },
  reminder_settings: { refers: { person_id: 'cascade' }, export: ofPerson('reminder_settings') },
  reminders_sent: { refers: { person_id: 'cascade' }, export: ofPerson('reminders_sent') },

  // A session's room.
  questions: {
    refers: { author_person_id: 'cascade', moderated_by: 'set null' },
    export: ofPerson('questions', 'author_person_id'),
    excluded: 'the questions I moderated: their askers’',
  },
  question_votes: { refers: { person_id: 'cascade' }, export: ofPerson('question_votes') },
  polls: {
    refers: { created_by: 'set null' },
    export: ofAccount('polls', 'created_by'),
  },
  poll_ballots: { refers: { person_id: 'cascade' }, export: ofPerson('poll_ballots') },
  session_feedback: { refers: { person_id: 'cascade' }, export: ofPerson('session_feedback') },

  // The bingo.
  bingo_cards: { refers: { person_id: 'cascade' }, export: ofPerson('bingo_cards') },
  bingo_winner_notices: { refers: { person_id: 'cascade' }, export: ofPerson('bingo_winner_notices') },
  bingo_stamps: { refers: { person_id: 'cascade' }, export: ofPerson('bingo_stamps') },
  bingo_draws: {
    // The frozen list keeps the entry, so anyone can still recompute the draw, but not the name.
    refers: { eligible: 'anonymised', winners: 'kept' },
    export: (s) =>
      s.personId
        ? sql`select d.game_id, d.committed_at, d.revealed_at, e.entry, e.position::int,
                     coalesce((select jsonb_agg(w) from jsonb_array_elements(d.winners) as w
                               where w->>'personId' = ${s.personId}), '[]'::jsonb) as won
              from bingo_draws d
              cross join lateral (select entry, position from jsonb_array_elements(d.eligible)
                                  with ordinality as t(entry, position) where entry->>'personId' = ${s.personId}) e`
        : null,
    excluded: 'the other names of the frozen list',
    erase: (s) =>
      s.personId
        ? sql`update bingo_draws set eligible = (
                select jsonb_agg(case when e->>'personId' = ${s.personId}
                                      then jsonb_set(e, '{name}', to_jsonb(${MARKER}::text)) else e end order by i)
                from jsonb_array_elements(eligible) with ordinality as t(e, i))
              where eligible @> jsonb_build_array(jsonb_build_object('personId', ${s.personId}::text))`
        : null,
  },
  bingo_draw_skips: {
    // The skip stays (the draw's winners follow from it); the reason, which may say why I was absent, goes.
    refers: { person_id: 'kept' },
    export: ofPerson('bingo_draw_skips'),
    erase: (s) =>
      s.personId ? sql`update bingo_draw_skips set reason = ${MARKER} where person_id = ${s.personId}` : null,
  },

  // Association-building programmes and working groups.
  building_promoters: { refers: { person_id: 'cascade' }, export: ofPerson('building_promoters') },
  action_items: {
    refers: { owner_person_id: 'set null' },
    export: (s) =>
      s.personId
        ? sql`select id, working_group_id, session_id, text_en, text_es, due_on, status, done_at, created_at
              from action_items where owner_person_id = ${s.personId}`
        : null,
  },

  // News.
  articles: {
    refers: { author_id: 'set null' },
    export: (s) =>
      s.personId
        ? sql`select id, slug, kind, status, published_at, title_en, title_es, created_at, updated_at
              from articles where author_id = ${s.personId}`
        : null,
    excluded: 'the bodies: the articles stay the network’s',
  },
  article_links: {
    // Links name people by id in a text column that no foreign key guards.
    refers: { entity_key: 'erased' },
    export: (s) =>
      s.personId ? sql`select * from article_links where entity_type = 'person' and entity_key = ${s.personId}` : null,
    erase: (s) =>
      s.personId ? sql`delete from article_links where entity_type = 'person' and entity_key = ${s.personId}` : null,
  },

  // Accounts.
  auth_sessions: { refers: { user_id: 'cascade' }, export: ofAccount('auth_sessions') },
  sign_in_links: { refers: { user_id: 'cascade' }, export: ofAccount('sign_in_links') },
  passkeys: { refers: { user_id: 'cascade' }, export: ofAccount('passkeys') },
  webauthn_challenges: { refers: { user_id: 'cascade' }, export: ofAccount('webauthn_challenges') },
  outbox: {
    // Mail to the address: waiting, or kept a week as sent (without its text). Found by exact address.
    refers: { recipient: 'erased' },
    export: (s) =>
      sql`select id, kind, subject, created_at, sent_at, failed_at from outbox where lower(recipient) = ${s.email.toLowerCase()}`,
    erase: (s) => sql`delete from outbox where lower(recipient) = ${s.email.toLowerCase()}`,
  },
  rate_limit_hits: {
    refers: { bucket: 'erased' },
    export: (s) => sql`select bucket, at from rate_limit_hits where ${addressBuckets(s.email)}`,
    erase: (s) => sql`delete from rate_limit_hits where ${addressBuckets(s.email)}`,
  },
  audit_log: {
    refers: { actor_user_id: 'set null', entity_id: 'kept', changes: 'anonymised' },
    export: (s) =>
      sql`select id, action, entity_type, entity_id, changes, at, actor_user_id = ${s.userId} as "byMe" from audit_log
          where actor_user_id = ${s.userId} or ${aboutThem(s)} or ${namesThem(sql`changes::text`, s)}
          order by at, id`,
    excluded: 'who else made a change: an entry by someone else shows no actor',
    // An entry about the person loses all its changes; another entry loses the fields that name them by id.
    erase: (s) =>
      sql`update audit_log set changes = case
            when ${aboutThem(s)} then '{"anonymised": true}'::jsonb
            else coalesce((select jsonb_object_agg(key, value) from jsonb_each(changes)
                           where not (${namesThem(sql`key`, s)} or ${namesThem(sql`value::text`, s)})), '{}'::jsonb)
                 || '{"anonymised": true}'::jsonb
          end
          where ${aboutThem(s)} or ${namesThem(sql`changes::text`, s)}`,
  },
};

/** Columns that hold secrets or key material: exported as present, never as values. */
const SECRET_COLUMN = /hash|public_key|challenge|secret|seed/;

export function redact(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, SECRET_COLUMN.test(key) ? '[kept secret]' : value]),
  );
}
