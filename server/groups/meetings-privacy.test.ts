import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';

/**
 * Internal minutes reach the members of the group and the staff only. Every
 * endpoint that returns minutes (the meeting, and the answers of its writes)
 * and every read that could carry them by accident is checked with each kind
 * of outsider, in both languages.
 */
describe.each(databaseKinds())('internal minutes on %s', (kind) => {
  let t: TestApp;
  let meetingId: string;
  const outsiders: Record<string, Record<string, string>> = {};
  const members: Record<string, Record<string, string>> = {};
  const INTERNAL_EN = 'candidate promoters for Colombia';
  const INTERNAL_ES = 'posibles promotores en Colombia';

  const one = async <T>(query: ReturnType<typeof sql>) => (await rows<T>(t.runtime.ctx.db, query))[0] as T;
  const cookie = async (account: Parameters<typeof signedInAs>[1]) => ({
    encuentro_session: await signedInAs(t.runtime.ctx, account),
  });

  beforeAll(async () => {
    t = await startTestApp(kind);
    meetingId = (await one<{ id: string }>(sql`select id from sessions where title_en = 'LatAm Network meeting'`)).id;
    const org = async (slug: string) =>
      (await one<{ id: string }>(sql`select id from organizations where slug = ${slug}`)).id;
    const person = async (name: string) =>
      (await one<{ id: string }>(sql`select id from people where name = ${name}`)).id;
    const canadian = await one<{ id: string }>(
      sql`select p.id from people p join affiliations a on a.person_id = p.id join organizations o on o.id = a.organization_id
          where o.slug = 'cima' limit 1`,
    );
    outsiders.public = {};
    outsiders['a delegate with no person'] = await cookie({ email: 'nobody@x.example', role: 'delegate' });
    outsiders['a Canadian delegate (CIMA)'] = await cookie({
      email: 'ca@x.example',
      role: 'delegate',
      personId: canadian.id,
    });
    outsiders["A2IM's manager"] = await cookie({
      email: 'm@a2im.example',
      role: 'manager',
      organizationId: await org('a2im'),
    });
    outsiders["a partner's contact"] = await cookie({
      email: 'p@x.example',
      role: 'partner',
      organizationId: await org('fim-gdl'),
    });
    members.admin = await cookie({ email: 'staff@win.example', role: 'admin' });
    members['a Mexican delegate (ADMI)'] = await cookie({
      email: 'mx@x.example',
      role: 'delegate',
      personId: await person('Ximena Hernández'),
    });
    members['the WIN chair'] = await cookie({
      email: 'chair@x.example',
      role: 'delegate',
      personId: await person('Zena White'),
    });
    members["ADMI's manager"] = await cookie({
      email: 'm@admi.example',
      role: 'manager',
      organizationId: await org('admi'),
    });
  });
  afterAll(() => t?.close());

  const read = async (url: string, cookies: Record<string, string>, lang: string) => {
    const response = await t.app.inject({ url: `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`, cookies });
    return response.body;
  };

  it('never sends internal minutes to the public or non-members, on any read', async () => {
    const slugs = await rows<{ slug: string }>(t.runtime.ctx.db, sql`select slug from events`);
    const urls = [
      `/api/sessions/${meetingId}/meeting`,
      `/api/sessions/${meetingId}`,
      '/api/working-groups/latam-network',
      '/api/working-groups/latam-network/action-items',
      '/api/working-groups',
      '/api/building-programmes',
      '/api/building-programmes/colombia',
      ...slugs.map((e) => `/api/events/${e.slug}/sessions`),
    ];
    for (const [who, cookies] of Object.entries(outsiders)) {
      for (const lang of ['en', 'es']) {
        for (const url of urls) {
          const body = await read(url, cookies, lang);
          expect(body, `${who} ${url} ${lang}`).not.toContain(INTERNAL_EN);
          expect(body, `${who} ${url} ${lang}`).not.toContain(INTERNAL_ES);
        }
        const meeting = JSON.parse(await read(`/api/sessions/${meetingId}/meeting`, cookies, lang));
        expect(
          meeting.minutes.map((m: { internal: boolean }) => m.internal),
          who,
        ).toEqual([false]);
        expect(meeting.viewer.member, who).toBe(false);
      }
    }
  });

  it('shows internal minutes, marked internal, to members and staff', async () => {
    for (const [who, cookies] of Object.entries(members)) {
      const meeting = JSON.parse(await read(`/api/sessions/${meetingId}/meeting`, cookies, 'es'));
      const internal = meeting.minutes.find((m: { internal: boolean }) => m.internal);
      expect(internal?.body.es, who).toContain(INTERNAL_ES);
      expect(internal?.body.en, who).toContain(INTERNAL_EN);
    }
  });

  it('refuses outsiders the writes, whose answers would carry the minutes', async () => {
    for (const [who, cookies] of Object.entries(outsiders)) {
      const response = await t.app.inject({
        method: 'PUT',
        url: `/api/sessions/${meetingId}/minutes`,
        cookies,
        payload: { internal: true, body: { en: '<p>x</p>', es: null } },
      });
      expect(response.statusCode, who).toBe(who === 'public' ? 401 : 403);
      expect(response.body).not.toContain(INTERNAL_EN);
    }
  });

  it('hides a members-only meeting entirely from outsiders', async () => {
    await t.runtime.ctx.db.execute(sql`update sessions set visibility = 'members' where id = ${meetingId}`);
    await t.runtime.ctx.changed('programme');
    for (const [who, cookies] of Object.entries(outsiders)) {
      const response = await t.app.inject({ url: `/api/sessions/${meetingId}/meeting`, cookies });
      expect(response.statusCode, who).toBe(404);
    }
    const open = await t.app.inject({ url: '/api/working-groups/latam-network/action-items' });
    expect(open.json().items).toEqual([]);
    const member = await t.app.inject({
      url: `/api/sessions/${meetingId}/meeting`,
      cookies: members['a Mexican delegate (ADMI)'],
    });
    expect(member.statusCode).toBe(200);
  });
});
