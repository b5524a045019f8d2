import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { ManualClock } from '../clock.ts';
import { rows } from '../db/client.ts';

type Cookies = Record<string, string>;

describe.each(databaseKinds())('working-group meetings on %s', (kind) => {
  let t: TestApp;
  let admin: Cookies;
  let managerOfAdmi: Cookies;
  let managerOfA2im: Cookies;
  let meetingId: string;
  // 10 April 2024 in Guadalajara: the streaming notes (due 31 March) are late, the workshop programme (30 April) is not.
  const clock = new ManualClock('2024-04-10T18:00:00Z');

  const one = async <T>(query: ReturnType<typeof sql>) => (await rows<T>(t.runtime.ctx.db, query))[0] as T;
  const signIn = async (account: Parameters<typeof signedInAs>[1]) => ({
    encuentro_session: await signedInAs(t.runtime.ctx, account),
  });

  beforeAll(async () => {
    t = await startTestApp(kind, { clock });
    const admi = await one<{ id: string }>(sql`select id from organizations where slug = 'admi'`);
    const a2im = await one<{ id: string }>(sql`select id from organizations where slug = 'a2im'`);
    admin = await signIn({ email: 'staff@win.example', role: 'admin' });
    managerOfAdmi = await signIn({ email: 'manager@admi.example', role: 'manager', organizationId: admi.id });
    managerOfA2im = await signIn({ email: 'manager@a2im.example', role: 'manager', organizationId: a2im.id });
    meetingId = (await one<{ id: string }>(sql`select id from sessions where title_en = 'LatAm Network meeting'`)).id;
  });
  afterAll(() => t?.close());

  const get = async (url: string, cookies: Cookies = {}, lang = 'en') => {
    const response = await t.app.inject({ url, cookies, headers: { 'accept-language': lang } });
    return { status: response.statusCode, body: response.json() };
  };
  const send = async (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, cookies: Cookies, payload?: object) => {
    const response = await t.app.inject({ method, url, cookies, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json() };
  };

  it('shows the demo meeting with its agenda, public minutes, decisions and action items', async () => {
    const { status, body } = await get(`/api/sessions/${meetingId}/meeting`);
    expect(status).toBe(200);
    expect(body.group.slug).toBe('latam-network');
    expect(body.agenda.map((a: { title: { en: string } }) => a.title.en)).toEqual([
      'Association building in the region',
      'Streaming reform and new remuneration models',
      'Artificial intelligence',
      'Cultural policies',
    ]);
    expect(body.agenda[1].title.es).toBe('La reforma del streaming y los nuevos modelos de remuneración');
    expect(body.minutes).toHaveLength(1);
    expect(body.minutes[0].internal).toBe(false);
    expect(body.decisions.length).toBeGreaterThanOrEqual(2);
    expect(body.actionItems.length).toBe(3);
    expect(body.viewer).toEqual({ member: false, mayEdit: false });
  });

  it('lists open action items by owner and due date, flagging overdue ones by the clock', async () => {
    const { status, body } = await get('/api/working-groups/latam-network/action-items?status=open');
    expect(status).toBe(200);
    const items = body.items as { owner: { name: string }; dueOn: string; overdue: boolean }[];
    expect(items.map((i) => i.owner.name)).toEqual(['Fran Sandoval', 'Mark Meyer', 'Noemí Planas']);
    expect(items.find((i) => i.owner.name === 'Fran Sandoval')?.overdue).toBe(true);
    expect(items.find((i) => i.owner.name === 'Noemí Planas')?.overdue).toBe(false);
  });

  it('lets a manager of a member organisation record minutes and an action item; others are refused', async () => {
    const refused = await send('POST', `/api/sessions/${meetingId}/action-items`, managerOfA2im, {
      text: { en: 'Not mine to add' },
    });
    expect(refused.status).toBe(403);
    const anonymous = await send(
      'PUT',
      `/api/sessions/${meetingId}/minutes`,
      {},
      { internal: false, body: { en: 'x', es: null } },
    );
    expect(anonymous.status).toBe(401);

    const meeting = (await get(`/api/sessions/${meetingId}/meeting`, managerOfAdmi)).body;
    expect(meeting.viewer).toEqual({ member: true, mayEdit: true });
    const publicPart = meeting.minutes.find((m: { internal: boolean }) => !m.internal);
    const written = await send('PUT', `/api/sessions/${meetingId}/minutes`, managerOfAdmi, {
      internal: false,
      version: publicPart.version,
      body: {
        en: '<p onclick="steal()">Agreed <strong>next steps</strong>.<script>alert(1)</script><a href="javascript:x()">x</a></p>',
        es: '<p>Acordamos los <strong>próximos pasos</strong>.</p>',
      },
    });
    expect(written.status).toBe(200);
    const saved = written.body.minutes.find((m: { internal: boolean }) => !m.internal);
    expect(saved.body.en).toBe('<p>Agreed <strong>next steps</strong>.<a rel="noopener noreferrer nofollow">x</a></p>');
    expect(saved.version).toBe(publicPart.version + 1);

    const stale = await send('PUT', `/api/sessions/${meetingId}/minutes`, admin, {
      internal: false,
      version: publicPart.version,
      body: { en: '<p>Overwrite</p>', es: null },
    });
    expect([stale.status, stale.body.error.field]).toEqual([409, 'version']);

    const owner = await one<{ id: string }>(sql`select id from people where name = 'Valentina Ospina'`);
    const added = await send('POST', `/api/sessions/${meetingId}/action-items`, managerOfAdmi, {
      text: { en: 'Send the workshop budget', es: 'Enviar el presupuesto del taller' },
      owner: owner.id,
      dueOn: '2024-06-01',
    });
    expect(added.status).toBe(201);
    const item = added.body.actionItems.find((i: { text: { en: string } }) => i.text.en === 'Send the workshop budget');
    expect(item.owner.name).toBe('Valentina Ospina');

    const done = await send('PATCH', `/api/action-items/${item.id}`, managerOfAdmi, {
      version: item.version,
      status: 'done',
    });
    expect(done.status).toBe(200);
    const closed = done.body.actionItems.find((i: { id: string }) => i.id === item.id);
    expect(closed.status).toBe('done');
    expect(closed.doneAt).toBe(clock.now().toISOString());
    const again = await send('PATCH', `/api/action-items/${item.id}`, managerOfAdmi, {
      version: item.version,
      status: 'open',
    });
    expect(again.status).toBe(409);
    const open = await get('/api/working-groups/latam-network/action-items?status=open');
    expect(open.body.items.map((i: { id: string }) => i.id)).not.toContain(item.id);

    const audit = await rows<{ entity_type: string; changes: Record<string, unknown> }>(
      t.runtime.ctx.db,
      sql`select entity_type, changes from audit_log where entity_id = ${meetingId}`,
    );
    expect(audit.flatMap((a) => Object.keys(a.changes))).toContain(`actionItems.${item.id}.status`);
  });

  it('adds, changes and removes agenda items and decisions, with errors in both languages', async () => {
    const added = await send('POST', `/api/sessions/${meetingId}/agenda-items`, admin, {
      title: { en: 'Any other business', es: 'Ruegos y preguntas' },
    });
    expect(added.status).toBe(201);
    const item = added.body.agenda.at(-1);
    expect(item.title).toEqual({ en: 'Any other business', es: 'Ruegos y preguntas' });
    const changed = await send('PATCH', `/api/agenda-items/${item.id}`, admin, { title: { en: 'AOB' } });
    expect(changed.body.agenda.at(-1).title).toEqual({ en: 'AOB', es: 'Ruegos y preguntas' });
    const removed = await send('DELETE', `/api/agenda-items/${item.id}`, admin);
    expect(removed.body.agenda.map((a: { id: string }) => a.id)).not.toContain(item.id);

    const decision = await send('POST', `/api/sessions/${meetingId}/decisions`, admin, {
      text: { en: 'Meet again in Bogotá' },
    });
    expect(decision.status).toBe(201);

    const missing = '00000000-0000-4000-8000-000000000000';
    const en = await get(`/api/sessions/${missing}/meeting`, {}, 'en');
    const es = await get(`/api/sessions/${missing}/meeting`, {}, 'es');
    expect(en.status).toBe(404);
    expect(en.body.error.message).toBe(`There is no working-group meeting with the id “${missing}”.`);
    expect(es.body.error.message).toBe(`No hay ninguna reunión de grupo de trabajo con el id «${missing}».`);
    const badOwner = await send('POST', `/api/sessions/${meetingId}/action-items`, admin, {
      text: { en: 'Nobody' },
      owner: missing,
    });
    expect([badOwner.status, badOwner.body.error.field]).toEqual([422, 'owner']);
  });

  it('flags an item overdue once its due date has passed in the meeting zone', async () => {
    // Last: moving the clock a month ends every session signed in above.
    clock.advance(21 * 86_400_000);
    const later = await get('/api/working-groups/latam-network/action-items?status=open');
    expect(later.body.items.find((i: { owner: { name: string } }) => i.owner.name === 'Noemí Planas').overdue).toBe(
      true,
    );
  });
});
