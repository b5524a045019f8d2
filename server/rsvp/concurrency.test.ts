import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RsvpState } from '../../shared/api/rsvp.ts';
import { startTestInstances, type TestInstances } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';
import type { App } from '../http/types.ts';
import type { Runtime } from '../runtime.ts';
import { type CrowdMember, sessionWithCapacity, signedInCrowd } from './crowd.ts';

/**
 * Pretix-style: rounds of a few hundred RSVPs fired at once at a session with
 * a handful of seats. On PostgreSQL they are shared between two app
 * instances on the same database, as behind a load balancer. The guard must
 * hold in every round; a control run with the guard switched off (a
 * test-only setting) must oversell, or this test could not catch anything.
 */
const EVENT = 'fim-gdl-2024';
const CROWD = 200;
const CAPACITY = 5;
const ROUNDS = 4;

describe.each(databaseKinds())('RSVPs under concurrency on %s', (kind) => {
  let instances: TestInstances;
  let crowd: CrowdMember[];

  beforeAll(async () => {
    instances = await startTestInstances(kind);
    crowd = await signedInCrowd(instances.runtimes[0]?.ctx.db as never, {
      size: CROWD,
      eventSlug: EVENT,
      label: 'Crowd delegate',
      now: new Date(),
    });
  }, 120_000);
  afterAll(async () => {
    delete process.env.ENCUENTRO_TEST_UNGUARDED_RSVP;
    await instances?.close();
  });

  const db = () => (instances.runtimes[0] as Runtime).ctx.db;

  /** Everyone RSVPs at once, alternating between the instances; answers the confirmed count in the database. */
  async function round(n: number): Promise<{ confirmed: number; waitlisted: number; answers: RsvpState[] }> {
    const sessionId = await sessionWithCapacity(db(), EVENT, CAPACITY, `Crowded workshop ${kind} ${n}`);
    const responses = await Promise.all(
      crowd.map((member, i) =>
        (instances.apps[i % instances.apps.length] as App).inject({
          method: 'POST',
          url: `/api/sessions/${sessionId}/rsvp`,
          cookies: { encuentro_session: member.cookie },
        }),
      ),
    );
    for (const response of responses) expect(response.statusCode, response.body).toBe(200);
    const [counts] = await rows<{ confirmed: number; waitlisted: number }>(
      db(),
      sql`select count(*) filter (where status = 'confirmed')::int as confirmed,
                 count(*) filter (where status = 'waitlisted')::int as waitlisted
          from rsvps where session_id = ${sessionId}`,
    );
    return { ...(counts as { confirmed: number; waitlisted: number }), answers: responses.map((r) => r.json()) };
  }

  it(`never confirms more than the capacity: ${ROUNDS} rounds of ${CROWD} simultaneous RSVPs for ${CAPACITY} seats`, async () => {
    for (let n = 1; n <= ROUNDS; n++) {
      const { confirmed, waitlisted, answers } = await round(n);
      expect(confirmed, `round ${n}`).toBe(CAPACITY);
      expect(waitlisted, `round ${n}`).toBe(CROWD - CAPACITY);
      expect(answers.filter((a) => a.status === 'confirmed')).toHaveLength(CAPACITY);
      // The waitlist is a queue: positions 1..n, each once.
      const positions = answers.flatMap((a) => (a.waitlistPosition === null ? [] : [a.waitlistPosition]));
      expect(new Set(positions).size).toBe(CROWD - CAPACITY);
    }
  }, 180_000);

  it('oversells with the guard switched off (the control run: the test can bite)', async () => {
    process.env.ENCUENTRO_TEST_UNGUARDED_RSVP = '1';
    try {
      let worst = 0;
      for (let n = 1; n <= ROUNDS && worst <= CAPACITY; n++) {
        worst = Math.max(worst, (await round(100 + n)).confirmed);
      }
      expect(worst).toBeGreaterThan(CAPACITY);
    } finally {
      delete process.env.ENCUENTRO_TEST_UNGUARDED_RSVP;
    }
  }, 180_000);
});
