import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  Poll,
  PollList,
  Question,
  QuestionList,
  RoomPollMessage,
  RoomQuestionMessage,
  SessionFeedback,
} from '../../shared/api/audience.ts';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { rows } from '../db/client.ts';
import type { LiveMessage } from '../realtime/live.ts';

const EVENT = 'encuentro-room';
const NOW = new Date('2025-05-08T15:30:00Z');

describe.each(databaseKinds())("a session's room on %s", (kind) => {
  let t: TestApp;
  let eventId: string;
  /** A public panel, under way at NOW. */
  let panel: string;
  /** A delegates-only meeting, also under way. */
  let closed: string;
  /** A session tomorrow. */
  let later: string;
  const cookie: Record<string, string> = {};
  const person: Record<string, string> = {};
  const heard: LiveMessage[] = [];

  const call = (who: string | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      cookies: who ? { encuentro_session: cookie[who] as string } : {},
    });
  const questions = async (who: string | null, session = panel) => {
    const response = await call(who, 'GET', `/api/sessions/${session}/questions`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as QuestionList;
  };
  const ask = async (who: string, text: string, anonymous = false, session = panel) => {
    const response = await call(who, 'POST', `/api/sessions/${session}/questions`, { text, anonymous });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Question;
  };
  const moderate = async (who: string, question: Question, change: object) => {
    const current = (await questions('admin', question.sessionId)).items.find((q) => q.id === question.id) as Question;
    return call(who, 'PATCH', `/api/questions/${question.id}`, { version: current.version, ...change });
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { clock: new ManualClock(NOW), loadDemo: false });
    const db = t.runtime.ctx.db;
    const [event] = await rows<{ id: string }>(
      db,
      sql`insert into events (slug, name_en, city, time_zone, starts_on, ends_on)
          values (${EVENT}, 'Encuentro room', 'Guadalajara', 'America/Mexico_City', '2025-05-08', '2025-05-09')
          returning id`,
    );
    eventId = (event as { id: string }).id;
    const session = async (title: string, startsAt: string, visibility = 'public') => {
      const [row] = await rows<{ id: string }>(
        db,
        sql`insert into sessions (event_id, kind, title_en, starts_at, ends_at, visibility)
            values (${eventId}, 'panel', ${title}, ${startsAt}, ${new Date(Date.parse(startsAt) + 3600_000).toISOString()},
                    ${visibility}::session_visibility)
            returning id`,
      );
      return (row as { id: string }).id;
    };
    panel = await session('Generative AI panel', '2025-05-08T15:00:00Z');
    closed = await session('Delegates meeting', '2025-05-08T15:00:00Z', 'delegates');
    later = await session('Tomorrow', '2025-05-09T15:00:00Z');
    // Ana asks, Bruno and Carla vote; Mara moderates the panel; Otto attends another event only.
    for (const [who, name, attends] of [
      ['ana', 'Ana Asker', true],
      ['bruno', 'Bruno Voter', true],
      ['carla', 'Carla Voter', true],
      ['mara', 'Mara Moderator', true],
      ['otto', 'Otto Outsider', false],
    ] as const) {
      const [row] = await rows<{ id: string }>(db, sql`insert into people (name) values (${name}) returning id`);
      person[who] = (row as { id: string }).id;
      if (attends) {
        await db.execute(
          sql`insert into attendances (event_id, person_id, badge_code, rotating_secret)
              values (${eventId}, ${person[who]}, ${`RM${who.toUpperCase().slice(0, 4)}`}, 'secret')`,
        );
      }
      cookie[who] = await signedInAs(t.runtime.ctx, {
        email: `${who}@room.example`,
        role: 'delegate',
        personId: person[who] as string,
      });
    }
    await db.execute(
      sql`insert into session_speakers (session_id, person_id, part) values (${panel}, ${person.mara}, 'moderator')`,
    );
    cookie.admin = await signedInAs(t.runtime.ctx, { email: 'staff@room.example', role: 'admin' });
    t.runtime.ctx.live.subscribe(eventId, { personId: null, send: (message) => heard.push(message) });
  });
  afterAll(async () => {
    await t?.close();
  });
  /** The live channel delivers after the commit's notification: wait for the message a test expects. */
  const hear = <T>(type: string, found: (data: T) => boolean): Promise<T> =>
    vi.waitFor(
      () => {
        const data = heard
          .filter((m) => m.type === type)
          .map((m) => m.data as T)
          .findLast(found);
        if (data === undefined) throw new Error(`no ${type} message yet`);
        return data;
      },
      { timeout: 5_000, interval: 20 },
    );

  it('keeps a question waiting until a moderator approves it, and anonymous to all but moderators', async () => {
    const asked = await ask('ana', 'Will the association accept labels from every state?', true);
    expect(asked).toMatchObject({ status: 'pending', anonymous: true, mine: true, author: null, askedBy: null });
    // Nobody else sees it yet; the public does not either.
    expect((await questions('bruno')).items).toEqual([]);
    expect((await questions(null)).items).toEqual([]);
    // A moderator sees it and who asked it.
    const queue = await questions('mara');
    expect(queue.rights.moderate).toBe(true);
    expect(queue.items[0]?.askedBy).toEqual({ id: person.ana, name: 'Ana Asker' });
    // For an attendee, someone else's waiting question is not there at all.
    expect((await moderate('bruno', asked, { status: 'approved' })).statusCode).toBe(404);
    const approved = await moderate('mara', asked, { status: 'approved' });
    expect(approved.statusCode, approved.body).toBe(200);
    // Approved, it reaches the room without a name, on the page and on the live channel.
    const seen = (await questions('bruno')).items;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ author: null, askedBy: null, mine: false, status: 'approved' });
    const live = await hear<RoomQuestionMessage>(
      'room-question',
      (m) => m.question?.status === 'approved' && m.question.id === asked.id,
    );
    expect(live.question?.author).toBeNull();
    expect(JSON.stringify(heard)).not.toContain('Ana Asker');
    expect(JSON.stringify((await questions(null)).items)).not.toContain('Ana Asker');
    // A stale version is a conflict.
    const stale = await call('mara', 'PATCH', `/api/questions/${asked.id}`, { version: 1, pinned: true });
    expect(stale.statusCode).toBe(409);
  });

  it('orders questions by votes, one vote per person, pinned first and answered last', async () => {
    await call('admin', 'PATCH', `/api/events/${EVENT}/audience`, { version: 0, questionsNeedApproval: false });
    const first = await ask('bruno', 'How do we join the LatAm Network?');
    const second = await ask('carla', 'Is there funding for travel?');
    const third = await ask('ana', 'When is the next workshop?');
    expect([first.status, second.status, third.status]).toEqual(['approved', 'approved', 'approved']);
    expect(first.author?.name).toBe('Bruno Voter');
    const vote = (who: string, q: Question, voted = true) =>
      call(who, 'POST', `/api/questions/${q.id}/votes`, { voted });
    // Carla's question: two votes (Ana's sent twice counts once); Ana's question: one.
    expect((await vote('ana', second)).statusCode).toBe(200);
    expect((await vote('ana', second)).json()).toMatchObject({ votes: 1, voted: true });
    expect((await vote('bruno', second)).json()).toMatchObject({ votes: 2 });
    expect((await vote('carla', third)).json()).toMatchObject({ votes: 1 });
    // One's own question cannot be upvoted; someone outside the event cannot vote.
    expect((await vote('bruno', first)).statusCode).toBe(422);
    expect((await vote('otto', third)).statusCode).toBe(403);
    const order = async () => (await questions('carla', panel)).items.map((q) => q.text);
    const ordered = await order();
    // Equal votes keep the order they were asked in (the clock stands still here, so only the votes are checked).
    expect(ordered.slice(0, 2)).toEqual(['Is there funding for travel?', 'When is the next workshop?']);
    expect(ordered.indexOf('How do we join the LatAm Network?')).toBeGreaterThan(1);
    // A vote taken back counts no more.
    expect((await vote('carla', third, false)).json()).toMatchObject({ votes: 0, voted: false });
    expect((await moderate('mara', first, { pinned: true })).statusCode).toBe(200);
    expect((await moderate('mara', second, { answered: true })).statusCode).toBe(200);
    const now = await order();
    expect(now[0]).toBe('How do we join the LatAm Network?');
    expect(now.at(-1)).toBe('Is there funding for travel?');
    await call('admin', 'PATCH', `/api/events/${EVENT}/audience`, { version: 1, questionsNeedApproval: true });
  });

  it('counts one vote per person under concurrency', async () => {
    const asked = await ask('ana', 'A question many people like');
    await moderate('admin', asked, { status: 'approved' });
    await Promise.all(
      ['bruno', 'carla', 'mara', 'bruno', 'carla', 'mara'].map((who) =>
        call(who, 'POST', `/api/questions/${asked.id}/votes`, { voted: true }),
      ),
    );
    const found = (await questions('ana')).items.find((q) => q.id === asked.id);
    expect(found?.votes).toBe(3);
    const [count] = await rows<{ n: number }>(
      t.runtime.ctx.db,
      sql`select count(*)::int as n from question_votes where question_id = ${asked.id}`,
    );
    expect(count?.n).toBe(3);
  });

  it('hides a question from the room, and keeps delegates-only rooms to attendees', async () => {
    const asked = await ask('bruno', 'Something rude', false);
    await moderate('mara', asked, { status: 'approved' });
    // An attendee may not moderate.
    expect((await moderate('carla', asked, { status: 'hidden' })).statusCode).toBe(403);
    expect((await moderate('mara', asked, { status: 'hidden' })).statusCode).toBe(200);
    expect((await questions('carla')).items.map((q) => q.id)).not.toContain(asked.id);
    expect((await questions('mara')).items.find((q) => q.id === asked.id)?.status).toBe('hidden');
    const removed = await hear<RoomQuestionMessage>('room-question', (m) => m.removed === asked.id);
    expect(removed.removed).toBe(asked.id);

    expect((await call(null, 'GET', `/api/sessions/${closed}/questions`)).statusCode).toBe(401);
    expect((await call('otto', 'GET', `/api/sessions/${closed}/questions`)).statusCode).toBe(403);
    const inside = await ask('ana', 'Only for delegates', false, closed);
    // Its text never travels on the event's open channel: a notice only.
    await hear<{ sessionId: string }>('room-changed', (m) => m.sessionId === closed);
    expect(JSON.stringify(heard)).not.toContain('Only for delegates');
    expect(inside.status).toBe('pending');
    expect((await call('otto', 'POST', `/api/sessions/${panel}/questions`, { text: 'Let me in' })).statusCode).toBe(
      403,
    );
  });

  it('runs a poll: one ballot per person, changed while open, results once shown, live', async () => {
    const opened = await call('mara', 'POST', `/api/sessions/${panel}/polls`, {
      kind: 'single',
      question: { en: 'Will you use generative AI in your label?', es: '¿Usarás IA generativa en tu sello?' },
      options: [
        { en: 'Yes', es: 'Sí' },
        { en: 'No', es: 'No' },
        { en: 'Not yet', es: 'Todavía no' },
      ],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const poll = opened.json() as Poll;
    const [yes, no] = poll.options.map((o) => o.id) as [string, string];
    expect((await call('bruno', 'POST', `/api/sessions/${panel}/polls`, { ...poll, kind: 'single' })).statusCode).toBe(
      400,
    );
    const vote = (who: string, options: string[]) => call(who, 'POST', `/api/polls/${poll.id}/votes`, { options });
    // Everyone at once, twice each: one ballot per person.
    await Promise.all(['ana', 'bruno', 'carla', 'ana', 'bruno', 'carla'].map((who) => vote(who, [yes])));
    expect((await vote('carla', [no])).json()).toMatchObject({ myChoice: [no], voters: 3 });
    expect((await vote('carla', [yes, no])).statusCode).toBe(400);
    expect((await vote('otto', [yes])).statusCode).toBe(403);
    // Results are the moderator's until shown.
    const seen = (await call('ana', 'GET', `/api/sessions/${panel}/polls`)).json() as PollList;
    expect(seen.items[0]?.options.map((o) => o.votes)).toEqual([null, null, null]);
    const mine = (await call('mara', 'GET', `/api/sessions/${panel}/polls`)).json() as PollList;
    expect(mine.items[0]?.options.map((o) => o.votes)).toEqual([2, 1, 0]);
    const shown = await call('mara', 'PATCH', `/api/polls/${poll.id}`, {
      version: poll.version,
      resultsShown: true,
      status: 'closed',
    });
    expect(shown.statusCode, shown.body).toBe(200);
    const last = await hear<RoomPollMessage>('room-poll', (m) => m.poll.status === 'closed');
    expect(last.poll).toMatchObject({ status: 'closed', resultsShown: true, voters: 3 });
    expect(last.poll.options.map((o) => o.votes)).toEqual([2, 1, 0]);
    expect(last.poll.question.es).toBe('¿Usarás IA generativa en tu sello?');
    // Closed: no more changes.
    expect((await vote('ana', [no])).statusCode).toBe(422);
  });

  it('takes feedback only from those who were at the session, and shows it to speakers once shared', async () => {
    const db = t.runtime.ctx.db;
    // Bruno had a confirmed seat; Carla was checked in; Ana only attends the event.
    await db.execute(
      sql`insert into rsvps (session_id, person_id, status, queued_at) values (${panel}, ${person.bruno}, 'confirmed', now())`,
    );
    await db.execute(
      sql`insert into check_ins (event_id, person_id, session_id, nonce, code, outcome, checked_in_at, received_at)
          values (${eventId}, ${person.carla}, ${panel}, 'room-nonce-1', 'RMCARL', 'checked_in', now(), now())`,
    );
    const rate = (who: string, rating: number, comment?: string, session = panel) =>
      call(who, 'PUT', `/api/sessions/${session}/feedback`, { rating, ...(comment ? { comment } : {}) });
    expect((await rate('ana', 5)).statusCode).toBe(403);
    expect((await rate('otto', 5)).statusCode).toBe(403);
    expect((await rate('bruno', 4, 'Clear and useful')).json()).toMatchObject({ mine: { rating: 4 }, summary: null });
    expect((await rate('carla', 2)).statusCode).toBe(200);
    expect((await rate('carla', 5)).json()).toMatchObject({ mine: { rating: 5, comment: null } });
    expect((await rate('bruno', 6)).statusCode).toBe(400);
    // Staff see the ratings and comments; the moderator (a speaker) nothing until shared, then no comments.
    const staff = (await call('admin', 'GET', `/api/sessions/${panel}/feedback`)).json() as SessionFeedback;
    expect(staff.summary).toMatchObject({ count: 2, average: 4.5, ratings: [0, 0, 0, 1, 1] });
    expect(staff.summary?.comments).toEqual(['Clear and useful']);
    expect(((await call('mara', 'GET', `/api/sessions/${panel}/feedback`)).json() as SessionFeedback).summary).toBe(
      null,
    );
    expect(
      (await call('mara', 'PATCH', `/api/sessions/${panel}/feedback`, { version: 0, shared: true })).statusCode,
    ).toBe(403);
    const shared = await call('admin', 'PATCH', `/api/sessions/${panel}/feedback`, { version: 0, shared: true });
    expect(shared.statusCode, shared.body).toBe(200);
    const speaker = (await call('mara', 'GET', `/api/sessions/${panel}/feedback`)).json() as SessionFeedback;
    expect(speaker.summary).toMatchObject({ count: 2, comments: null });
    // Staff turn it off.
    await call('admin', 'PATCH', `/api/sessions/${panel}/feedback`, { version: 1, open: false });
    expect((await rate('bruno', 3)).statusCode).toBe(422);
    // Not before a session began.
    await db.execute(
      sql`insert into rsvps (session_id, person_id, status, queued_at) values (${later}, ${person.bruno}, 'confirmed', now())`,
    );
    expect((await rate('bruno', 3, undefined, later)).statusCode).toBe(422);
  });

  it('answers in Spanish', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/sessions/${panel}/questions?lang=es`,
      payload: { text: 'Hola' },
      cookies: { encuentro_session: cookie.otto as string },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toContain('Solo quienes asisten');
  });
});
