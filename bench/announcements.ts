/**
 * One announcement to 5,000 recipients: the POST that sends it now, timed
 * from the request to the answer. In that time the inbox copies, a push
 * message per device (2,000 devices) and a mail per address are written to
 * the outbox in one statement; sending them is the outbox workers' later
 * work and not counted. Goal: under a second, on each database.
 *
 * Run alone: BENCH_PARTS=announcements npm run bench (BENCH_DATABASES as for the rest).
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { DatabaseKind } from '../server/db/client.ts';
import { rows } from '../server/db/client.ts';
import { signedInAs } from '../test/accounts.ts';
import { startTestApp } from '../test/app.ts';
import { DEFAULT_LOCAL_POSTGRES, postgresServerUrl } from '../test/databases.ts';
import { judge } from './goals.ts';

const RECIPIENTS = 5_000;
const DEVICES = 2_000;
const GOAL_MS = 1_000;
const EVENT = 'bench-announcements';

interface Row {
  kind: DatabaseKind;
  ms?: number;
  recipients?: number;
  queued?: number;
  note?: string;
}

async function benchOn(kind: DatabaseKind): Promise<Row> {
  // The outbox's workers are off: what is measured is the enqueueing, and nothing leaves.
  const t = await startTestApp(kind, { loadDemo: false, outbox: false });
  try {
    const db = t.runtime.ctx.db;
    const [event] = await rows<{ id: string }>(
      db,
      sql`insert into events (slug, name_en, city, time_zone, starts_on, ends_on)
          values (${EVENT}, 'Bench event', 'Guadalajara', 'America/Mexico_City', '2025-05-08', '2025-05-11')
          returning id`,
    );
    await db.execute(sql`
      with made as (
        insert into people (name, country_code, languages, email, search_text, fictional)
        select 'Bench delegate ' || i, case when i % 2 = 0 then 'MX' else 'US' end,
               case when i % 2 = 0 then array['es'] else array['en'] end,
               'bench' || i || '@announce.example', 'bench delegate ' || i, true
        from generate_series(1, ${RECIPIENTS}) i
        returning id)
      insert into attendances (event_id, person_id, badge_code, rotating_secret)
      select ${event?.id}, id, 'B' || lpad(row_number() over ()::text, 5, '0'), 's' from made`);
    await db.execute(sql`
      insert into users (email, person_id)
      select p.email, p.id from people p where p.fictional`);
    await db.execute(sql`
      insert into push_subscriptions (user_id, person_id, endpoint, p256dh, auth, language, created_at)
      select u.id, u.person_id, 'https://push.example/' || u.id, 'key', 'auth', 'en', now()
      from users u where u.person_id is not null limit ${DEVICES}`);
    // What the maintenance (server/db/maintenance.ts) does within a minute of a bulk load.
    await db.execute(sql`analyze`);
    const staff = await signedInAs(t.runtime.ctx, { email: 'staff@announce.example', role: 'admin' });
    const send = (n: number) =>
      t.app.inject({
        method: 'POST',
        url: `/api/events/${EVENT}/announcements`,
        cookies: { encuentro_session: staff },
        payload: {
          title: { en: `Partner reception ${n}`, es: `Recepción de socios ${n}` },
          body: { en: 'Tonight at Casa Aguafuerte, 21:00.', es: 'Esta noche en Casa Aguafuerte, 21:00.' },
          audience: { kind: 'all' },
          byEmail: true,
        },
      });
    await send(0); // warm-up: plans and caches
    const started = performance.now();
    const answer = await send(1);
    const ms = performance.now() - started;
    if (answer.statusCode !== 201) return { kind, note: `answered ${answer.statusCode}: ${answer.body.slice(0, 120)}` };
    const [queued] = await rows<{ n: number }>(db, sql`select count(*)::int as n from outbox`);
    return { kind, ms, recipients: (answer.json() as { recipients: number }).recipients, queued: queued?.n ?? 0 };
  } finally {
    await t.close();
  }
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Run on the databases named, print the rows and judge the goal; false when a run failed. */
export async function benchAndPrintAnnouncements(kinds: string[]): Promise<boolean> {
  const report: Row[] = [];
  if (kinds.includes('pglite')) report.push(await benchOn('pglite'));
  if (kinds.includes('postgres')) {
    const url = process.env.BENCH_DATABASE_URL ?? postgresServerUrl() ?? DEFAULT_LOCAL_POSTGRES;
    if (await postgresAnswers(url)) {
      process.env.ENCUENTRO_TEST_POSTGRES = url;
      report.push(await benchOn('postgres'));
    } else report.push({ kind: 'postgres', note: 'PostgreSQL did not answer' });
  }
  const lines = [
    `\n== One announcement to ${RECIPIENTS.toLocaleString('en')} recipients (${DEVICES.toLocaleString('en')} devices, by e-mail too): enqueued`,
    '| database | ms | recipients | outbox rows (two announcements) |',
    '|---|---:|---:|---:|',
  ];
  let ok = true;
  for (const row of report) {
    if (row.ms === undefined) {
      lines.push(`| ${row.kind} | — | — | ${row.note ?? ''} |`);
      ok = ok && row.note === 'PostgreSQL did not answer';
      continue;
    }
    lines.push(`| ${row.kind} | ${Math.round(row.ms)} | ${row.recipients} | ${row.queued} |`);
    judge('announce', row.kind, row.ms < GOAL_MS, `${Math.round(row.ms)} ms for ${row.recipients} recipients`);
  }
  console.log(lines.join('\n'));
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.env.BENCH_DATABASES?.split(',').map((kind) => kind.trim()) ?? ['pglite', 'postgres'];
  if (!(await benchAndPrintAnnouncements(only))) process.exitCode = 1;
}
