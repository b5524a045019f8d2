import { messages, PGlite, types } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteThread, withoutPreloads } from './pglite-thread.ts';

// The embedded database's own driver; what both databases share is tested in driver.test.ts.
describe('the embedded database on its own thread', () => {
  let thread: PgliteThread;
  beforeAll(async () => {
    thread = await PgliteThread.open('memory://');
    await thread.exec(`create table notes (id integer primary key, body text not null, at timestamptz);
      insert into notes values (1, 'kept in the backup', '2024-03-01 12:00:00+00')`);
  });
  afterAll(() => thread?.close());

  it("parses types on the caller's side with the caller's parsers, as Drizzle's driver passes them", async () => {
    const result = await thread.query<[number, string]>('select id, at from notes where id = $1', [1], {
      rowMode: 'array',
      parsers: { [types.TIMESTAMPTZ]: (text: string) => `text: ${text}` },
    });
    expect(result.rows).toEqual([[1, 'text: 2024-03-01 12:00:00+00']]);
    const plain = await thread.query<{ at: Date }>('select at from notes');
    expect(plain.rows[0]?.at).toEqual(new Date('2024-03-01T12:00:00Z'));
  });

  it('rebuilds PostgreSQL errors as PGlite raises them', async () => {
    const error = await thread.query('select * from missing_table').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(messages.DatabaseError);
    expect(error).toMatchObject({ code: '42P01', severity: 'ERROR', query: 'select * from missing_table' });
  });

  it('refuses options that would need a function on the other side, saying so', async () => {
    await expect(thread.query('select $1::int as n', [1], { serializers: { [types.INT4]: String } })).rejects.toThrow(
      /serializers/,
    );
  });

  it('dumps a data directory that a new database opens with the same rows', async () => {
    const dump = await thread.dumpDataDir('gzip');
    const restored = await PGlite.create({ loadDataDir: dump });
    try {
      expect((await restored.query<{ body: string }>('select body from notes')).rows).toEqual([
        { body: 'kept in the backup' },
      ]);
    } finally {
      await restored.close();
    }
  });

  it('refuses statements once closed, and closes twice without harm', async () => {
    const other = await PgliteThread.open('memory://');
    await other.close();
    await other.close();
    await expect(other.query('select 1')).rejects.toThrow(/closed/);
    await expect(other.transaction(async () => 1)).rejects.toThrow(/closed/);
  });
});

describe("the embedded database thread's Node options", () => {
  it("keeps the process's options but not its preloaded modules, which would load before the thread's TypeScript loader", () => {
    expect(
      withoutPreloads([
        '--import',
        'tsx',
        '--import=./bench/soak-probe.ts',
        '--max-old-space-size=4096',
        '--require',
        'warnings.cjs',
        '--conditions',
        'development',
      ]),
    ).toEqual(['--max-old-space-size=4096', '--conditions', 'development']);
  });
});
