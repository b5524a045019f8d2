import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../server/db/client.ts';
import { signedInAs } from './accounts.ts';
import { startTestApp, type TestApp } from './app.ts';
import { databaseKinds } from './databases.ts';
import { describeReport, type FuzzRole, fuzz, type OpenApiDocument } from './fuzz.ts';

/**
 * Every operation of the OpenAPI document, fed generated bad input (test/fuzz.ts) as the public, a signed-in
 * delegate and an admin, on the demo network: no answer may be a 5xx, an error out of the documented shape, or
 * other than JSON where JSON is promised. A budget bounds each database's run (FUZZ_SECONDS, 15 by default, about 30 s for the two;
 * FUZZ_REQUESTS); the seed is new each run unless FUZZ_SEED gives it, and is printed with the counts.
 * `npm run fuzz` runs it longer.
 */

const budget = {
  seconds: Number(process.env.FUZZ_SECONDS ?? 15),
  requests: Number(process.env.FUZZ_REQUESTS ?? 100_000),
};
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe.each(databaseKinds())('fuzzing every operation on %s', (kind) => {
  let t: TestApp;
  let roles: FuzzRole[];
  let known: { slugs: Record<string, string[]>; ids: Record<string, string[]>; texts: Record<string, string[]> };

  beforeAll(async () => {
    t = await startTestApp(kind, {}, { serveWeb: false });
    const db = t.runtime.ctx.db;
    // The delegate is a demo delegate with a badge, so scans, cards and the agenda have something to work on.
    const [attendee] = await rows<{ person_id: string }>(
      db,
      sql`select a.person_id from attendances a join people p on p.id = a.person_id
          where p.fictional order by p.name limit 1`,
    );
    const delegatePerson = attendee?.person_id as string;
    roles = [
      { name: 'the public', cookies: {} },
      {
        name: 'a delegate',
        cookies: {
          encuentro_session: await signedInAs(t.runtime.ctx, {
            email: 'fuzz-delegate@example.org',
            role: 'delegate',
            personId: delegatePerson,
          }),
        },
      },
      {
        name: 'an admin',
        // Admins may call every write, so their requests go deepest.
        weight: 2,
        cookies: {
          encuentro_session: await signedInAs(t.runtime.ctx, { email: 'fuzz-admin@example.org', role: 'admin' }),
        },
      },
    ];
    known = { slugs: {}, ids: {}, texts: {} };
    const columns = await rows<{ table_name: string; column_name: string }>(
      db,
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'public'
            and ((column_name = 'slug' and data_type = 'text') or (column_name = 'id' and data_type = 'uuid'))
          order by table_name`,
    );
    for (const { table_name: table, column_name: column } of columns) {
      const found = await rows<{ value: string }>(
        db,
        sql`select ${sql.identifier(column)}::text as value from ${sql.identifier(table)} limit 20`,
      );
      // The delegate's own person stays: removing it would sign the delegate out of the run.
      const values = found.map((row) => row.value).filter((value) => value !== delegatePerson);
      if (values.length > 0) (column === 'slug' ? known.slugs : known.ids)[table] = values;
    }
    const badges = await rows<{ code: string }>(db, sql`select badge_code as code from attendances limit 30`);
    const countries = await rows<{ code: string }>(db, sql`select code from countries order by code limit 30`);
    known.texts = {
      code: badges.map((row) => row.code),
      country: countries.map((row) => row.code),
      countries: countries.map((row) => row.code),
      currency: ['EUR', 'MXN', 'USD'],
      timeZone: ['America/Mexico_City', 'Europe/Madrid', 'Asia/Kathmandu', 'Nowhere/Else'],
      tz: ['America/Santiago', 'UTC', 'Mars/Olympus'],
    };
    known.slugs.none = ['no-such-thing'];
    known.ids.none = ['00000000-0000-4000-8000-000000000000'];
  });
  afterAll(() => t?.close());

  it(
    'answers bad input with 4xx errors in the documented shape, never a 5xx',
    async () => {
      const document = (await t.app.inject('/api/openapi.json')).json() as OpenApiDocument;
      const report = await fuzz(t.app, document, { seed, ...budget, roles, known });
      console.log(describeReport(kind, report));
      expect(report.requests).toBeGreaterThan(0);
      expect(
        report.failures.map((failure) => `${failure.operation}: ${failure.problem}`),
        `seed ${seed} (FUZZ_SEED=${seed} npm run fuzz)`,
      ).toEqual([]);
    },
    (budget.seconds + 120) * 1000,
  );
});
