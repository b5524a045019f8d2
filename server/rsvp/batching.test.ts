import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationList, RsvpState } from '../../shared/api/rsvp.ts';
import { startTestInstances, type TestInstances } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';
import type { App } from '../http/types.ts';
import type { Runtime } from '../runtime.ts';
import { type CrowdMember, sessionWithCapacity, signedInCrowd } from './crowd.ts';

const EVENT = 'fim-gdl-2024';

/**
 * RSVPs for one session that arrive together are decided together (decision
 * 0028): one transaction, one lock on the session, in arrival order. What a
 * phone is told must not depend on which other requests shared its batch.
 */
describe.each(databaseKinds())('RSVPs arriving together on %s', (kind) => {
  let instances: TestInstances;
  let crowd: CrowdMember[];
  const db = () => (instances.runtimes[0] as Runtime).ctx.db;
  // Any instance may send a message from the outbox: every instance's mailbox, once each has sent what is due.
  const mailbox = () => instances.runtimes.flatMap((runtime) => runtime.ctx.mailer.devMailbox ?? []);
  const mailSent = () => Promise.all(instances.runtimes.map((runtime) => runtime.ctx.outbox.drain()));

  beforeAll(async () => {
    instances = await startTestInstances(kind);
    crowd = await signedInCrowd(db(), { size: 60, eventSlug: EVENT, label: 'Batch guest', now: new Date() });
  }, 120_000);
  afterAll(() => instances?.close());

  const send = (app: App, who: CrowdMember, sessionId: string, method: 'POST' | 'DELETE' | 'GET') =>
    app.inject({ method, url: `/api/sessions/${sessionId}/rsvp`, cookies: { encuentro_session: who.cookie } });
  const answer = async (response: Awaited<ReturnType<typeof send>>) => {
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as RsvpState;
  };
  /** Which transaction last wrote each person's RSVP. */
  const writers = async (sessionId: string) =>
    new Map(
      (
        await rows<{ person_id: string; xmin: string }>(
          db(),
          sql`select person_id, xmin::text as xmin from rsvps where session_id = ${sessionId}`,
        )
      ).map((row) => [row.person_id, row.xmin]),
    );

  it('decides RSVPs and cancellations sent together, some by the same person, as if one after the other', async () => {
    const app = instances.apps[0] as App;
    const [ana, ben, carla, dev, eve] = crowd as [CrowdMember, CrowdMember, CrowdMember, CrowdMember, CrowdMember];
    const sessionId = await sessionWithCapacity(db(), EVENT, 2, 'Batch reception');
    for (const who of [ana, ben, carla]) await answer(await send(app, who, sessionId, 'POST'));
    const before = await writers(sessionId);
    await mailSent();
    const mailsBefore = new Set(mailbox());

    const sent: [CrowdMember, 'POST' | 'DELETE'][] = [
      [dev, 'POST'], // queues behind Carla
      [ana, 'DELETE'], // frees a seat: Carla gets it
      [eve, 'POST'], // queues behind Dev
      [dev, 'DELETE'], // leaves the queue: Eve is first
      [ana, 'POST'], // queues again, at the back
      [ben, 'DELETE'], // frees a seat: Eve gets it
      [dev, 'POST'], // queues again, behind Ana
      [eve, 'POST'], // asks again: nothing changes
    ];
    const answers = await Promise.all(sent.map(([who, method]) => send(app, who, sessionId, method).then(answer)));
    const seats = (state: RsvpState) => [state.status, state.waitlistPosition, state.confirmed, state.waitlisted];
    expect(answers.map(seats)).toEqual([
      ['waitlisted', 2, 2, 2],
      ['cancelled', null, 2, 1],
      ['waitlisted', 2, 2, 2],
      ['cancelled', null, 2, 1],
      ['waitlisted', 2, 2, 2],
      ['cancelled', null, 2, 1],
      ['waitlisted', 2, 2, 2],
      ['confirmed', null, 2, 2],
    ]);

    // What everyone sees afterwards: Carla and Eve seated, Ana then Dev waiting, Ben out.
    const now = await Promise.all([ana, ben, carla, dev, eve].map((who) => send(app, who, sessionId, 'GET')));
    expect((await Promise.all(now.map(answer))).map((state) => [state.status, state.waitlistPosition])).toEqual([
      ['waitlisted', 1],
      ['cancelled', null],
      ['confirmed', null],
      ['waitlisted', 2],
      ['confirmed', null],
    ]);
    // Those promoted were told by mail (queued with their seats) and in the app.
    await mailSent();
    const mailed = mailbox()
      .filter((mail) => !mailsBefore.has(mail))
      .map((mail) => mail.to);
    expect(mailed.sort()).toEqual(
      [carla, eve].map((who) => `batch.guest.${crowd.indexOf(who) + 1}@crowd.example`).sort(),
    );
    for (const who of [carla, eve]) {
      const notices = await app.inject({ url: '/api/me/notifications', cookies: { encuentro_session: who.cookie } });
      expect((notices.json() as NotificationList).items[0]).toMatchObject({
        kind: 'rsvp_promoted',
        session: { id: sessionId },
      });
    }
    // They were decided together: one transaction wrote every row they changed.
    const after = await writers(sessionId);
    const changedBy = new Set([ana, ben, carla, dev, eve].map((who) => after.get(who.personId)));
    expect(changedBy.size).toBe(1);
    expect([...before.values()]).not.toContain([...changedBy][0]);
  });

  it('keeps the capacity and each instance’s arrival order when batches from several instances meet', async () => {
    const sessionId = await sessionWithCapacity(db(), EVENT, 5, 'Batch showcase');
    const guests = crowd.slice(5, 45);
    const { apps } = instances;
    // Each instance gets its share in order, all at once (one instance on PGlite: one share).
    const shares = apps.map((_, i) => guests.filter((_, g) => g % apps.length === i));
    const first = await Promise.all(
      shares.map((share, i) => Promise.all(share.map((who) => send(apps[i] as App, who, sessionId, 'POST')))),
    );
    const states = new Map<string, RsvpState>();
    for (const [i, responses] of first.entries()) {
      for (const [g, response] of responses.entries()) {
        states.set((shares[i] as CrowdMember[])[g]?.personId as string, await answer(response));
      }
    }
    const all = [...states.values()];
    expect(all.filter((state) => state.status === 'confirmed')).toHaveLength(5);
    expect(new Set(all.flatMap((state) => state.waitlistPosition ?? [])).size).toBe(35);
    // Within each instance, whoever asked first stands ahead.
    for (const share of shares) {
      const places = share.map((who) => {
        const state = states.get(who.personId) as RsvpState;
        return state.status === 'confirmed' ? 0 : (state.waitlistPosition as number);
      });
      expect(places).toEqual([...places].sort((a, b) => a - b));
    }
    // Shared transactions: fewer writers than requests.
    expect(new Set((await writers(sessionId)).values()).size).toBeLessThan(guests.length);

    // The seated give their seats back while newcomers ask, together, across the instances.
    const seated = guests.filter((who) => states.get(who.personId)?.status === 'confirmed');
    const firstWaiting = guests
      .filter((who) => states.get(who.personId)?.status === 'waitlisted')
      .sort(
        (a, b) =>
          (states.get(a.personId)?.waitlistPosition as number) - (states.get(b.personId)?.waitlistPosition as number),
      )
      .slice(0, 5);
    const newcomers = crowd.slice(45, 55);
    const second = await Promise.all(
      [...seated.map((who) => [who, 'DELETE'] as const), ...newcomers.map((who) => [who, 'POST'] as const)].map(
        ([who, method], i) => send(apps[i % apps.length] as App, who, sessionId, method).then(answer),
      ),
    );
    expect(second.every((state) => state.confirmed <= 5)).toBe(true);
    const [counts] = await rows<{ confirmed: number; waitlisted: number; promoted: number }>(
      db(),
      sql`select count(*) filter (where status = 'confirmed')::int as confirmed,
                 count(*) filter (where status = 'waitlisted')::int as waitlisted,
                 (select count(*)::int from notifications
                  where kind = 'rsvp_promoted' and payload->>'sessionId' = ${sessionId}) as promoted
          from rsvps where session_id = ${sessionId}`,
    );
    expect(counts).toEqual({ confirmed: 5, waitlisted: 40, promoted: 5 });
    // The seats went to the first five waiting, whatever instance they had asked on.
    const seatedNow = await Promise.all(firstWaiting.map((who) => send(apps[0] as App, who, sessionId, 'GET')));
    expect((await Promise.all(seatedNow.map(answer))).map((state) => state.status)).toEqual(Array(5).fill('confirmed'));
  });

  it('records the others when one request of a batch fails, and fails only that one', async () => {
    const app = instances.apps[0] as App;
    const guests = crowd.slice(55, 60);
    const refused = guests[2] as CrowdMember;
    const sessionId = await sessionWithCapacity(db(), EVENT, 2, 'Batch workshop');
    // A rule of the database refuses one person's row, as a constraint another capability adds might.
    await db().execute(
      sql.raw(`create function refuse_one_rsvp() returns trigger language plpgsql as $$
               begin
                 if new.person_id = '${refused.personId}' then raise exception 'refused for the test'; end if;
                 return new;
               end $$`),
    );
    await db().execute(
      sql`create trigger refuse_one_rsvp before insert or update on rsvps
          for each row execute function refuse_one_rsvp()`,
    );
    try {
      const responses = await Promise.all(guests.map((who) => send(app, who, sessionId, 'POST')));
      expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 500, 200, 200]);
      const others = await Promise.all(responses.filter((_, i) => i !== 2).map(answer));
      expect(others.map((state) => [state.status, state.waitlistPosition])).toEqual([
        ['confirmed', null],
        ['confirmed', null],
        ['waitlisted', 1],
        ['waitlisted', 2],
      ]);
    } finally {
      await db().execute(sql`drop trigger refuse_one_rsvp on rsvps`);
      await db().execute(sql`drop function refuse_one_rsvp()`);
    }
    // Nothing of the refused request was kept: sent again, it queues at the back.
    expect(await answer(await send(app, refused, sessionId, 'POST'))).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 3,
    });
  });
});
