import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeCodeFrom } from '../../shared/badge-code.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { forgetDemoPlay } from '../../test/demo-play.ts';
import { ManualClock } from '../clock.ts';
import { type Queryable, rows } from '../db/client.ts';
import { PERSONAL_DATA } from './personal-data.ts';

const EVENT = 'fim-gdl-2024';
const NOW = new Date('2024-03-02T23:00:00Z');

/**
 * For each string, the columns of every table where it turns up, compared exactly (no pattern):
 * what a DBA would do to check an erasure. One statement per column, whatever the number of strings.
 */
async function findEverywhere<K extends string>(
  db: Queryable,
  needles: Record<K, string>,
): Promise<Record<K, string[]>> {
  const columns = await rows<{ table: string; column: string }>(
    db,
    sql`select c.table_name as "table", c.column_name as "column" from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type <> 'bytea'`,
  );
  const entries = Object.entries(needles) as [K, string][];
  const hits = Object.fromEntries(entries.map(([key]) => [key, [] as string[]])) as Record<K, string[]>;
  for (const { table, column } of columns) {
    const text = sql`lower(${sql.identifier(column)}::text)`;
    const counts = sql.join(
      entries.map(
        ([, needle], i) =>
          sql`count(*) filter (where strpos(${text}, lower(${needle})) > 0)::int as ${sql.identifier(`n${i}`)}`,
      ),
      sql`, `,
    );
    const [found] = await rows<Record<string, number>>(db, sql`select ${counts} from ${sql.identifier(table)}`);
    entries.forEach(([key], i) => {
      if ((found?.[`n${i}`] ?? 0) > 0) hits[key].push(`${table}.${column}`);
    });
  }
  return hits;
}

const classified = (where: string) => {
  const [table = '', column = ''] = where.split('.');
  return PERSONAL_DATA[table]?.refers[column];
};

interface Someone {
  personId: string;
  userId: string;
  name: string;
  email: string;
  cookie: string;
  badge: string;
}

describe.each(databaseKinds())('my data on %s', (kind) => {
  let t: TestApp;
  let db: Queryable;
  let me: Someone;
  let catalina: Someone;
  const otherTrail: { id: string; changes: unknown }[] = [];

  const as = (
    who: Someone | string,
    method: 'GET' | 'DELETE' | 'PUT' | 'PATCH' | 'POST',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url,
      cookies: { encuentro_session: typeof who === 'string' ? who : who.cookie },
      ...(payload ? { payload } : {}),
    });

  const eventIdOf = async () =>
    ((await rows<{ id: string }>(db, sql`select id from events where slug = ${EVENT}`))[0] as { id: string }).id;

  async function someone(eventId: string, name: string, email: string): Promise<Someone> {
    const [person] = await rows<{ id: string }>(
      db,
      sql`insert into people (name, email, search_text, country_code) values (${name}, ${email}, ${name.toLowerCase()}, 'CL')
          returning id`,
    );
    const personId = (person as { id: string }).id;
    // Written in SQL: accounts may not import the delegations, which import accounts.
    const badge = badgeCodeFrom(() => randomInt(256));
    await db.execute(
      sql`insert into attendances (event_id, person_id, badge_code, rotating_secret)
          values (${eventId}, ${personId}, ${badge}, ${randomUUID()})`,
    );
    const cookie = await signedInAs(t.runtime.ctx, { email, role: 'delegate', personId });
    const [user] = await rows<{ id: string }>(db, sql`select id from users where person_id = ${personId}`);
    return { personId, userId: (user as { id: string }).id, name, email, cookie, badge };
  }

  /** Me, everywhere a person can be: through the API where a user would get there, in SQL for the staff's side. */
  async function seedEverywhere(eventId: string) {
    // Catalina scans me, then I scan her: one connection, a receipt on each side.
    for (const [from, to, minutes] of [
      [catalina, me, 60],
      [me, catalina, 50],
    ] as const) {
      const scanned = await as(from, 'POST', `/api/events/${EVENT}/connections`, {
        code: to.badge,
        nonce: randomUUID(),
        scannedAt: new Date(NOW.getTime() - minutes * 60_000).toISOString(),
      });
      expect(scanned.statusCode, scanned.body).toBeLessThan(300);
    }
    // Each keeps a private note about the other.
    await as(catalina, 'PUT', `/api/me/contacts/${me.personId}/note`, {
      note: 'Catalina’s private note: owes me a demo',
    });
    await as(me, 'PUT', `/api/me/contacts/${catalina.personId}/note`, { note: 'My note: send her the showcase dates' });
    // Each shares their e-mail with the other (a share and a remembered choice each), and I have a photo.
    for (const [who, other] of [
      [me, catalina],
      [catalina, me],
    ] as const) {
      const shared = await as(who, 'PUT', `/api/me/contacts/${other.personId}/share`, {
        email: true,
        phone: false,
        website: false,
      });
      expect(shared.statusCode, shared.body).toBe(200);
    }
    // Written directly: the upload's own audit entry would join the trail this suite counts.
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    await db.execute(sql`insert into person_photos (hash, size, format, person_id, bytes)
                         values ('00112233445566778899aabbccddeeff', 96, 'jpg', ${me.personId}, ${jpeg})`);
    await db.execute(sql`update people set photo_hash = '00112233445566778899aabbccddeeff' where id = ${me.personId}`);
    // I rename myself (an audit entry about me, by me) and keep a personal calendar feed.
    const { version } = (await as(me, 'GET', `/api/people/${me.personId}`)).json();
    expect((await as(me, 'PATCH', `/api/people/${me.personId}`, { version, name: `${me.name} R.` })).statusCode).toBe(
      200,
    );
    me.name = `${me.name} R.`;
    expect((await as(me, 'POST', '/api/me/calendar-token')).statusCode).toBeLessThan(300);
    // A sign-in link asked for my address: a link and a rate-limit count.
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email: me.email } })).statusCode,
    ).toBeLessThan(300);

    const [connection] = await rows<{ id: string }>(
      db,
      sql`select id from connections where person_low in (${me.personId}, ${catalina.personId})
            and person_high in (${me.personId}, ${catalina.personId})`,
    );
    const connectionId = (connection as { id: string }).id;
    const [organization] = await rows<{ id: string }>(
      db,
      sql`insert into organizations (slug, kind, name, search_text, country_code)
          values ('my-data-label', 'label', 'My Data Label', 'my data label', 'CL') returning id`,
    );
    const organizationId = (organization as { id: string }).id;
    const [delegation] = await rows<{ id: string }>(
      db,
      sql`insert into delegations (event_id, organization_id, leader_person_id, notes)
          values (${eventId}, ${organizationId}, ${me.personId}, 'Staff only: visa still pending') returning id`,
    );
    const delegationId = (delegation as { id: string }).id;
    const [game] = await rows<{ id: string; cell: string }>(
      db,
      sql`select g.id, (select id from bingo_cells where game_id = g.id limit 1) as cell
          from bingo_games g where g.event_id = ${eventId}`,
    );
    const { id: gameId, cell } = game as { id: string; cell: string };
    const [article] = await rows<{ id: string }>(
      db,
      sql`insert into articles (slug, category_slug, title_en, author_id)
          values ('my-data-article', (select slug from article_categories limit 1), 'Written by me', ${me.personId})
          returning id`,
    );
    const articleId = (article as { id: string }).id;
    await db.execute(
      sql`insert into delegation_members (delegation_id, person_id) values (${delegationId}, ${me.personId})`,
    );
    await db.execute(
      sql`insert into affiliations (person_id, organization_id, role_en) values (${me.personId}, ${organizationId}, 'Label owner')`,
    );
    // A manager of another organisation asked me to join it; I have not answered yet.
    await db.execute(
      sql`insert into affiliation_requests (person_id, organization_id, role_en, created_at)
          select ${me.personId}, id, 'Adviser', ${NOW} from organizations where id <> ${organizationId} limit 1`,
    );
    await db.execute(
      sql`insert into session_speakers (session_id, person_id, part)
          select id, ${me.personId}, 'speaker' from sessions where event_id = ${eventId} order by starts_at limit 1`,
    );
    await db.execute(
      sql`insert into rsvps (session_id, person_id, status, queued_at)
          select id, ${me.personId}, 'confirmed', ${NOW} from sessions where event_id = ${eventId} order by starts_at limit 1`,
    );
    await db.execute(
      sql`insert into notifications (person_id, kind, payload, created_at) values (${me.personId}, 'rsvp_promoted', '{}', ${NOW})`,
    );
    await db.execute(
      sql`insert into building_promoters (programme_id, person_id) select id, ${me.personId} from building_programmes limit 1`,
    );
    await db.execute(
      sql`insert into action_items (working_group_id, text_en, owner_person_id)
          select id, 'Send the census to the group', ${me.personId} from working_groups limit 1`,
    );
    await db.execute(
      sql`insert into article_links (article_id, entity_type, entity_key) values (${articleId}, 'person', ${me.personId})`,
    );
    await db.execute(
      sql`insert into bingo_cards (game_id, person_id, layout) values (${gameId}, ${me.personId}, '[]') on conflict do nothing`,
    );
    await db.execute(
      sql`insert into check_ins (event_id, person_id, nonce, code, outcome, checked_in_at, received_at)
          values (${eventId}, ${me.personId}, ${randomUUID()}, 'ABC234', 'checked_in', ${NOW}, ${NOW})`,
    );
    // A one-to-one meeting with Catalina at a table, a time I blocked, and my closed inbox.
    const [slot] = await rows<{ id: string }>(
      db,
      sql`with space as (insert into meeting_spaces (event_id, name, tables, slot_minutes)
                         values (${eventId}, 'Terrace', 2, 20) returning id)
          insert into meeting_slots (space_id, event_id, starts_at, ends_at)
          select id, ${eventId}, ${NOW}, ${NOW}::timestamptz + interval '20 minutes' from space returning id`,
    );
    const [meeting] = await rows<{ id: string }>(
      db,
      sql`insert into meetings (event_id, requester_id, invitee_id, created_by, status, slot_id, table_no,
                                created_at, updated_at)
          values (${eventId}, ${me.personId}, ${catalina.personId}, ${me.userId}, 'confirmed', ${slot?.id}, 1,
                  ${NOW}, ${NOW}) returning id`,
    );
    await db.execute(
      sql`insert into meeting_bookings (meeting_id, slot_id, person_id)
          values (${meeting?.id}, ${slot?.id}, ${me.personId}), (${meeting?.id}, ${slot?.id}, ${catalina.personId})`,
    );
    await db.execute(
      sql`insert into meeting_blocks (event_id, person_id, starts_at, ends_at)
          values (${eventId}, ${me.personId}, ${NOW}, ${NOW}::timestamptz + interval '1 hour')`,
    );
    await db.execute(
      sql`insert into meeting_inboxes (event_id, person_id, closed) values (${eventId}, ${me.personId}, true)`,
    );
    await db.execute(
      sql`insert into bingo_stamps (game_id, person_id, cell_id, connection_id, stamped_at)
          values (${gameId}, ${me.personId}, ${cell}, ${connectionId}, ${NOW}) on conflict do nothing`,
    );
    const eligible = [
      { personId: me.personId, name: me.name },
      { personId: catalina.personId, name: catalina.name },
    ];
    await db.execute(
      sql`insert into bingo_draws (game_id, algorithm, eligible, seed_hash, seed, committed_at, revealed_at, winners)
          values (${gameId}, 'test', ${JSON.stringify(eligible)}::jsonb, 'hash', 'seed', ${NOW}, ${NOW},
                  ${JSON.stringify([{ prizeId: randomUUID(), personId: me.personId, rank: 1 }])}::jsonb)`,
    );
    await db.execute(
      sql`insert into bingo_draw_skips (game_id, person_id, reason, skipped_at)
          values (${gameId}, ${me.personId}, 'Went home ill before the draw', ${NOW})`,
    );
    // An announcement I wrote and one in my inbox, a device, my reminders; a question, votes, a ballot, a rating.
    const [announcement] = await rows<{ id: string }>(
      db,
      sql`insert into announcements (event_id, title_en, title_es, body_en, body_es, audience_kind, send_at, sent_at,
                                     recipients, created_by, created_at)
          values (${eventId}, 'Reception', 'Recepción', 'Tonight.', 'Esta noche.', 'all', ${NOW}, ${NOW}, 1,
                  ${me.userId}, ${NOW}) returning id`,
    );
    await db.execute(
      sql`insert into announcement_recipients (announcement_id, person_id) values (${announcement?.id}, ${me.personId})`,
    );
    await db.execute(
      sql`insert into push_subscriptions (user_id, person_id, endpoint, p256dh, auth, language, created_at)
          values (${me.userId}, ${me.personId}, 'https://push.example/my-data', 'key', 'auth', 'en', ${NOW})`,
    );
    await db.execute(sql`insert into reminder_settings (person_id, lead_minutes) values (${me.personId}, 30)`);
    const [session] = await rows<{ id: string }>(
      db,
      sql`select id from sessions where event_id = ${eventId} order by starts_at limit 1`,
    );
    await db.execute(
      sql`insert into reminders_sent (source, subject_id, person_id, starts_at, sent_at)
          values ('session', ${session?.id}, ${me.personId}, ${NOW}, ${NOW})`,
    );
    const [question] = await rows<{ id: string }>(
      db,
      sql`insert into questions (session_id, author_person_id, text, asked_at)
          values (${session?.id}, ${me.personId}, 'My question', ${NOW}) returning id`,
    );
    await db.execute(
      sql`insert into question_votes (question_id, person_id, voted_at) values (${question?.id}, ${me.personId}, ${NOW})`,
    );
    const [poll] = await rows<{ id: string }>(
      db,
      sql`insert into polls (session_id, kind, question_en, created_by, created_at)
          values (${session?.id}, 'single', 'Which?', ${me.userId}, ${NOW}) returning id`,
    );
    await db.execute(
      sql`insert into poll_ballots (poll_id, person_id, option_ids, voted_at)
          values (${poll?.id}, ${me.personId}, '{}', ${NOW})`,
    );
    await db.execute(
      sql`insert into session_feedback (session_id, person_id, rating, given_at)
          values (${session?.id}, ${me.personId}, 5, ${NOW})`,
    );
    await db.execute(
      sql`insert into bingo_winner_notices (game_id, person_id, prize_id, told_at)
          values (${gameId}, ${me.personId}, ${randomUUID()}, ${NOW})`,
    );
    await db.execute(
      sql`insert into passkeys (credential_id, user_id, public_key) values ('my-data-credential', ${me.userId}, '\\x00')`,
    );
    await db.execute(
      sql`insert into webauthn_challenges (binding_hash, purpose, challenge, user_id, expires_at)
          values ('my-data-binding', 'registration', 'challenge', ${me.userId}, ${NOW})`,
    );
    // Entries by the staff that name me by id, and one that does not concern me at all.
    await db.execute(
      sql`insert into audit_log (action, entity_type, entity_id, changes, at) values
            ('create', 'affiliation', ${randomUUID()}, ${JSON.stringify({
              person: { before: null, after: me.personId },
              organization: { before: null, after: 'my-data-label' },
            })}::jsonb, ${NOW}),
            ('update', 'delegation', ${delegationId}, ${JSON.stringify({
              [`members.${me.personId}`]: { before: null, after: 'added' },
              status: { before: 'planned', after: 'confirmed' },
            })}::jsonb, ${NOW}),
            ('update', 'organization', ${organizationId}, ${JSON.stringify({
              name: { before: 'A_B 100%', after: '_' },
              acronym: { before: null, after: '%' },
            })}::jsonb, ${NOW})`,
    );
  }

  beforeAll(async () => {
    t = await startTestApp(kind, { clock: new ManualClock(NOW) });
    db = t.runtime.ctx.db;
    const eventId = await eventIdOf();
    await forgetDemoPlay(db);
    await db.execute(sql`update bingo_games set code_mode = 'static' where event_id = ${eventId}`);
    me = await someone(eventId, 'Tomás Export-Delete', 'tomas.export@example.org');
    catalina = await someone(eventId, 'Catalina Keeps-Notes', 'catalina.notes@example.org');
    await seedEverywhere(eventId);
    otherTrail.push(
      ...(await rows<{ id: string; changes: unknown }>(
        db,
        sql`select id, changes from audit_log where entity_id not in (${me.personId}, ${me.userId})
              and strpos(changes::text, ${me.personId}) = 0 order by id`,
      )),
    );
  }, 120_000);
  afterAll(() => t?.close());

  it('places every column that refers to a person or an account, as the schema has it', async () => {
    const foreignKeys = await rows<{ table: string; column: string; rule: string }>(
      db,
      sql`select kcu.table_name as "table", kcu.column_name as "column", lower(rc.delete_rule) as rule
          from information_schema.referential_constraints rc
          join information_schema.key_column_usage kcu
            on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
          join information_schema.constraint_column_usage ccu
            on ccu.constraint_name = rc.constraint_name and ccu.constraint_schema = rc.constraint_schema
          where rc.constraint_schema = 'public' and ccu.table_name in ('people', 'users') and ccu.column_name = 'id'`,
    );
    expect(foreignKeys.length).toBeGreaterThan(20);
    for (const { table, column, rule } of foreignKeys) {
      // The export and the deletion both go by this table: a foreign key nobody placed is a failure.
      expect(classified(`${table}.${column}`), `${table}.${column} is not in PERSONAL_DATA`).toBeDefined();
      expect(['erased', rule], `${table}.${column} is deleted by ${rule}`).toContain(classified(`${table}.${column}`));
    }
    // Ids no foreign key guards, known by their column's name.
    const named = await rows<{ table: string; column: string }>(
      db,
      sql`select c.table_name as "table", c.column_name as "column" from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
          where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type in ('uuid', 'text')
            and c.column_name ~ '(person|user)(_id|_low|_high)?$'`,
    );
    for (const { table, column } of named) {
      expect(classified(`${table}.${column}`), `${table}.${column} is not in PERSONAL_DATA`).toBeDefined();
    }
    // And nothing listed that the schema no longer has.
    const columns = new Set(
      (
        await rows<{ where: string }>(
          db,
          sql`select table_name || '.' || column_name as "where" from information_schema.columns where table_schema = 'public'`,
        )
      ).map((row) => row.where),
    );
    for (const [table, { refers }] of Object.entries(PERSONAL_DATA)) {
      for (const column of Object.keys(refers)) expect(columns, `${table}.${column}`).toContain(`${table}.${column}`);
    }
  });

  it('finds my ids only where PERSONAL_DATA expects them, and exports every one of those tables', async () => {
    const found = await findEverywhere(db, { person: me.personId, user: me.userId });
    for (const where of [...found.person, ...found.user]) {
      if (where === 'people.id' || where === 'users.id') continue;
      expect(classified(where), `${where} holds my id and is not in PERSONAL_DATA`).toBeDefined();
    }
    const { related } = (await as(me, 'GET', '/api/me/export')).json();
    for (const [table, { export: query }] of Object.entries(PERSONAL_DATA)) {
      if (query) expect(related[table]?.length ?? 0, `${table} in my export`).toBeGreaterThan(0);
    }
  });

  it('exports what is about me and mine to see, and not what others keep about me', async () => {
    const response = await as(me, 'GET', '/api/me/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/attachment/);
    const data = response.json();
    expect(data.account.email).toBe(me.email);
    expect(data.person.name).toBe(me.name);

    // Notes: mine, never Catalina's about me.
    expect(data.related.contact_notes).toEqual([
      expect.objectContaining({ owner_person_id: me.personId, note: 'My note: send her the showcase dates' }),
    ]);
    expect(response.body).not.toContain('owes me a demo');
    // The delegation I lead, without the staff's notes.
    expect(data.related.delegations).toEqual([expect.objectContaining({ status: 'planned' })]);
    expect(data.related.delegations[0]).not.toHaveProperty('notes');
    expect(response.body).not.toContain('visa still pending');
    // My scans, not Catalina's scan of me; our connection.
    expect(data.related.scan_receipts.map((r: { scanner_person_id: string }) => r.scanner_person_id)).toEqual([
      me.personId,
    ]);
    expect(data.related.connections).toHaveLength(1);
    // The audit trail about me, by me, and naming me by id; not the organisation's entry.
    const entities = data.related.audit_log.map((entry: { entity_type: string }) => entry.entity_type).sort();
    expect(entities).toEqual(['affiliation', 'delegation', 'person']);
    expect(data.related.audit_log.find((e: { entity_type: string }) => e.entity_type === 'person').byMe).toBe(true);
    // The draw that named me, the article that links to me, my sign-in rate limit.
    expect(data.related.bingo_draws).toEqual([
      expect.objectContaining({ entry: { personId: me.personId, name: me.name }, position: 1 }),
    ]);
    expect(data.related.bingo_draws[0].won).toHaveLength(1);
    expect(response.body).not.toContain(catalina.name);
    expect(data.related.bingo_draw_skips[0].reason).toBe('Went home ill before the draw');
    expect(data.related.article_links).toEqual([expect.objectContaining({ entity_key: me.personId })]);
    // Both of my address's sign-in counts: in all, and from the one IP the link was asked from.
    const buckets = data.related.rate_limit_hits.map((hit: { bucket: string }) => hit.bucket).sort();
    expect(buckets).toHaveLength(2);
    expect(buckets[0].startsWith(`sign-in:address-ip:${me.email} `)).toBe(true);
    expect(buckets[1]).toBe(`sign-in:address:${me.email}`);
    // Secrets are said to exist, never shown.
    expect(data.related.auth_sessions[0].token_hash).toBe('[kept secret]');
    expect(data.related.attendances[0].rotating_secret).toBe('[kept secret]');
    expect(data.related.passkeys[0].public_key).toBe('[kept secret]');

    // Catalina's own export has her note about me, and not mine about her.
    const hers = await as(catalina, 'GET', '/api/me/export');
    expect(hers.body).toContain('owes me a demo');
    expect(hers.body).not.toContain('send her the showcase dates');
  });

  it('refuses an export or a deletion to the public', async () => {
    expect((await t.app.inject('/api/me/export')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/me' })).statusCode).toBe(401);
  });

  it('leaves everyone else’s audit trail alone when an account named _ or % is deleted', async () => {
    const eventId = await eventIdOf();
    for (const [i, name] of ['_', '%'].entries()) {
      const wiper = await someone(eventId, `Wiper ${i}`, `wiper${i}@example.org`);
      const { version } = (await as(wiper, 'GET', `/api/people/${wiper.personId}`)).json();
      expect((await as(wiper, 'PATCH', `/api/people/${wiper.personId}`, { version, name })).statusCode).toBe(200);
      expect((await as(wiper, 'DELETE', '/api/me')).statusCode).toBe(204);
    }
    const after = await rows<{ id: string; changes: unknown }>(
      db,
      sql`select id, changes from audit_log where id in ${otherTrail.map((entry) => entry.id)} order by id`,
    );
    expect(after).toEqual(otherTrail);
  });

  it('deletes the account: sessions end, my name and address are found nowhere, my ids only where kept', async () => {
    const formerName = 'Tomás Export-Delete';
    expect((await findEverywhere(db, { email: me.email })).email).not.toEqual([]);
    const response = await as(me, 'DELETE', '/api/me');
    expect(response.statusCode).toBe(204);
    expect((await as(me, 'GET', '/api/me')).statusCode).toBe(401);
    const left = await findEverywhere(db, {
      email: me.email,
      name: me.name,
      formerName,
      reason: 'Went home ill',
      person: me.personId,
      user: me.userId,
    });
    expect({ ...left, person: [], user: [] }).toEqual({
      email: [],
      name: [],
      formerName: [],
      reason: [],
      person: [],
      user: [],
    });
    for (const where of [...left.person, ...left.user]) {
      expect(['kept', 'anonymised'], `${where} still holds my id`).toContain(classified(where));
    }
    // The audit trail stays: entries about me emptied, entries naming me without those fields, the rest as it was.
    const trail = await rows<{ entity_type: string; changes: Record<string, unknown>; actor_user_id: string | null }>(
      db,
      sql`select entity_type, changes, actor_user_id from audit_log
          where entity_id = ${me.personId} or entity_type in ('affiliation', 'delegation') order by entity_type`,
    );
    expect(trail).toEqual([
      {
        entity_type: 'affiliation',
        changes: { organization: { before: null, after: 'my-data-label' }, anonymised: true },
        actor_user_id: null,
      },
      {
        entity_type: 'delegation',
        changes: { status: { before: 'planned', after: 'confirmed' }, anonymised: true },
        actor_user_id: null,
      },
      { entity_type: 'person', changes: { anonymised: true }, actor_user_id: null },
    ]);
    // The draw stays verifiable: my entry and my skip keep their place, without my name or my reason.
    const [draw] = await rows<{ eligible: { personId: string; name: string }[] }>(
      db,
      sql`select eligible from bingo_draws`,
    );
    expect(draw?.eligible).toEqual([
      { personId: me.personId, name: '[anonymised]' },
      { personId: catalina.personId, name: catalina.name },
    ]);
    expect(await rows(db, sql`select reason from bingo_draw_skips where person_id = ${me.personId}`)).toEqual([
      { reason: '[anonymised]' },
    ]);
    expect((await t.app.inject(`/api/people/${me.personId}`)).statusCode).toBe(404);
    // Catalina keeps what is hers.
    expect((await as(catalina, 'GET', '/api/me')).statusCode).toBe(200);
  });
});
