import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabase } from '../../test/databases.ts';
import { type Database, rows } from './client.ts';
import { containsText, escapeLike, startsWithText } from './like.ts';

describe('escapeLike', () => {
  it('escapes the pattern characters and the escape character itself', () => {
    expect(escapeLike('50%_off\\now')).toBe('50\\%\\_off\\\\now');
    expect(escapeLike('Noemí Planas')).toBe('Noemí Planas');
  });
});

describe.each(databaseKinds())('patterns from user text on %s', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase(kind));
  });
  afterAll(() => drop?.());

  const matching = async (make: (column: ReturnType<typeof sql>) => ReturnType<typeof sql>) =>
    (
      await rows<{ value: string }>(
        database.db,
        sql`select value from (values ('a_c'), ('abc'), ('a%c'), ('a\\c'), ('xa_cx')) as t(value)
            where ${make(sql`value`)} order by value`,
      )
    ).map((row) => row.value);

  it('takes _, % and backslash literally, as a search box should', async () => {
    expect(await matching((value) => containsText(value, '_'))).toEqual(['a_c', 'xa_cx']);
    expect(await matching((value) => containsText(value, '%'))).toEqual(['a%c']);
    expect(await matching((value) => containsText(value, '\\'))).toEqual(['a\\c']);
    expect(await matching((value) => startsWithText(value, 'a_'))).toEqual(['a_c']);
    expect(await matching((value) => containsText(value, 'b'))).toEqual(['abc']);
  });
});
