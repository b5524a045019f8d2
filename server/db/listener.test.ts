import { DatabaseError } from 'pg';
import { describe, expect, it } from 'vitest';
import { LISTENER_BACKOFF, reconnectDelay } from './listener.ts';
import { databaseUnavailableCause } from './unavailable.ts';

describe('reconnecting the listener', () => {
  it('waits longer after each failure, never past the cap, at a random point of the upper half', () => {
    const lowest = (attempt: number) => reconnectDelay(attempt, LISTENER_BACKOFF, () => 0);
    const highest = (attempt: number) => reconnectDelay(attempt, LISTENER_BACKOFF, () => 1);
    expect([0, 1, 2, 3].map(highest)).toEqual([200, 400, 800, 1600]);
    expect([0, 1, 2, 3].map(lowest)).toEqual([100, 200, 400, 800]);
    expect(highest(50)).toBe(LISTENER_BACKOFF.maxMs);
    expect(lowest(50)).toBe(LISTENER_BACKOFF.maxMs / 2);
  });
});

describe('telling an unreachable database from other failures', () => {
  const serverError = (code: string, message = 'x') => Object.assign(new DatabaseError(message, 0, 'error'), { code });
  /** Drizzle's wrapper: the driver's error rides along as `cause`. */
  const wrapped = (cause: Error) => new Error('Failed query: select 1', { cause });

  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      'ECONNREFUSED',
    ],
    ['an administrator shutdown', serverError('57P01'), '57P01'],
    ['a server starting up', serverError('57P03'), '57P03'],
    ['a statement past its timeout', serverError('57014'), '57014'],
    ['a connection exception', serverError('08006'), '08006'],
    ['a dropped connection', new Error('Connection terminated unexpectedly'), 'connection_terminated'],
    ['a connection timeout', new Error('Connection terminated due to connection timeout'), 'connect_timeout'],
    ['a pool that waited too long', new Error('timeout exceeded when trying to connect'), 'connect_timeout'],
  ])('counts %s, also wrapped by the query builder', (_name, error, cause) => {
    expect(databaseUnavailableCause(error)).toBe(cause);
    expect(databaseUnavailableCause(wrapped(error))).toBe(cause);
  });

  it.each([
    ['a unique violation', serverError('23505')],
    ['a syntax error', serverError('42601')],
    ['a bug of ours', new TypeError('x is undefined')],
    ['not an error at all', 'ECONNREFUSED'],
  ])('leaves %s alone', (_name, error) => {
    expect(databaseUnavailableCause(error)).toBeUndefined();
    if (error instanceof Error) expect(databaseUnavailableCause(wrapped(error))).toBeUndefined();
  });
});
