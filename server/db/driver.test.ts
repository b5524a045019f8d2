import { sql } from 'drizzle-orm';
import { bigint, customType, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../../test/databases.ts';
import { type Database, rows } from './client.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

const samples = pgTable('driver_samples', {
  id: integer('id').primaryKey(),
  label: text('label').notNull().unique('driver_samples_label_key'),
  at: timestamp('at', { withTimezone: true }),
  data: jsonb('data'),
  bytes: bytea('bytes'),
  big: bigint('big', { mode: 'bigint' }),
});

const counters = pgTable('driver_counters', { id: integer('id').primaryKey(), value: integer('value').notNull() });

/** The SQLSTATE and constraint of a failure, wherever Drizzle's wrapping put the driver's error. */
function databaseFields(error: unknown): { code?: unknown; constraint?: unknown } {
  for (let current = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, constraint };
  }
  return {};
}

async function failure(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected the statement to fail');
}

describe.each(databaseKinds())('the database driver on %s', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase(kind);
    database = fresh.database;
    drop = fresh.drop;
    await database.db.execute(sql`create table driver_samples (
      id integer primary key, label text not null constraint driver_samples_label_key unique,
      at timestamptz, data jsonb, bytes bytea, big bigint)`);
    await database.db.execute(sql`create table driver_counters (id integer primary key, value integer not null)`);
  });
  afterAll(() => drop?.());

  const labels = async () =>
    (await database.db.select({ label: samples.label }).from(samples).orderBy(samples.label)).map((row) => row.label);

  it('gives back dates, JSON, bytes and 64-bit integers as they went in', async () => {
    const at = new Date('2024-02-29T18:30:00.123Z');
    const data = { cells: ['MX', 'CL'], seats: 20, nested: { ok: true } };
    const bytes = new Uint8Array([0, 1, 127, 128, 255]);
    const big = 9_007_199_254_740_993n;
    await database.db.insert(samples).values({ id: 1, label: 'round trip', at, data, bytes, big });
    const [row] = await database.db.select().from(samples).where(sql`${samples.id} = 1`);
    expect(row?.at).toEqual(at);
    expect(row?.data).toEqual(data);
    expect(Array.from(row?.bytes ?? [])).toEqual([0, 1, 127, 128, 255]);
    expect(row?.big).toBe(big);
    const [raw] = await rows<{ day: string; n: number; list: unknown }>(
      database.db,
      sql`select to_char(${at}::timestamptz at time zone 'UTC', 'YYYY-MM-DD') as day, 41 + 1 as n, ${JSON.stringify([1, 'two'])}::jsonb as list`,
    );
    expect(raw).toEqual({ day: '2024-02-29', n: 42, list: [1, 'two'] });
  });

  it('commits a transaction that returns and rolls back one that throws, savepoints included', async () => {
    const answer = await database.db.transaction(async (tx) => {
      await tx.insert(samples).values({ id: 10, label: 'committed' });
      await tx
        .transaction(async (inner) => {
          await inner.insert(samples).values({ id: 11, label: 'inner, undone' });
          throw new Error('undo the savepoint');
        })
        .catch(() => {});
      return 'done';
    });
    expect(answer).toBe('done');
    const thrown = await failure(
      database.db.transaction(async (tx) => {
        await tx.insert(samples).values({ id: 12, label: 'rolled back' });
        throw new Error('change of mind');
      }),
    );
    expect((thrown as Error).message).toBe('change of mind');
    expect(await labels()).toEqual(['committed', 'round trip']);
  });

  it('keeps the SQLSTATE and the constraint of a refusal, in and out of transactions', async () => {
    const outside = await failure(database.db.insert(samples).values({ id: 20, label: 'committed' }));
    expect(databaseFields(outside)).toEqual({ code: '23505', constraint: 'driver_samples_label_key' });
    const inside = await failure(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select 1 / 0`);
      }),
    );
    expect(databaseFields(inside).code).toBe('22012');
    // The connection is usable afterwards.
    expect(await labels()).toEqual(['committed', 'round trip']);
  });

  it('runs transactions of concurrent requests one after the other on the rows they share', async () => {
    await database.db.insert(counters).values({ id: 1, value: 0 });
    const increment = () =>
      database.db.transaction(async (tx) => {
        const [row] = await tx.select().from(counters).where(sql`${counters.id} = 1`).for('update');
        await new Promise((resolve) => setImmediate(resolve));
        await tx
          .update(counters)
          .set({ value: (row?.value ?? 0) + 1 })
          .where(sql`${counters.id} = 1`);
      });
    await Promise.all([increment(), increment(), increment()]);
    const [row] = await database.db.select().from(counters).where(sql`${counters.id} = 1`);
    expect(row?.value).toBe(3);
  });

  it("never runs a statement of one request inside another request's transaction", async () => {
    let outside: Promise<unknown> | undefined;
    await failure(
      database.db.transaction(async (tx) => {
        await tx.insert(samples).values({ id: 30, label: 'undone by the rollback' });
        outside = database.db.insert(samples).values({ id: 31, label: 'written alone' });
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('roll back');
      }),
    );
    await outside;
    expect(await labels()).toEqual(['committed', 'round trip', 'written alone']);
  });

  it('delivers a notification raised in a transaction after its commit, and none from a rollback', async () => {
    const received: string[] = [];
    let arrived: () => void = () => {};
    const stop = await database.listen('driver_test', (payload) => {
      received.push(payload);
      if (payload === 'last') arrived();
    });
    const last = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_notify('driver_test', 'committed')`);
      await tx.execute(sql`select 1`);
      expect(received).toEqual([]);
    });
    await failure(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_notify('driver_test', 'rolled back')`);
        throw new Error('roll back');
      }),
    );
    await database.db.execute(sql`select pg_notify('driver_test', 'last')`);
    await last;
    expect(received).toEqual(['committed', 'last']);
    await stop();
  });

  it('keeps the event loop turning while a statement runs', async () => {
    let answered = false;
    const slow = database.db.execute(sql`select pg_sleep(1)`).then(() => {
      answered = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    await slow;
  });
});
