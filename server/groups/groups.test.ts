import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';

describe.each(databaseKinds())('working groups on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  const get = async (url: string) => {
    const response = await t.app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };

  it('shows the LatAm Network with its six countries and its meeting', async () => {
    const { status, body } = await get('/api/working-groups/latam-network');
    expect(status).toBe(200);
    expect(body.countries.map((c: { code: string }) => c.code).sort()).toEqual(['AR', 'CL', 'CO', 'ES', 'MX', 'PY']);
    expect(body.network.slug).toBe('win');
    expect(body.topics.map((topic: { slug: string }) => topic.slug)).toEqual(
      expect.arrayContaining(['association-building', 'streaming-reform', 'cultural-policies']),
    );
    expect(body.meetings).toHaveLength(1);
    expect(body.meetings[0].event.slug).toBe('fim-gdl-2024');
  });

  it('lists the groups an organisation belongs to', async () => {
    const member = await get('/api/working-groups?organization=imichile');
    expect(member.body.items.map((g: { slug: string }) => g.slug)).toEqual(['latam-network']);
    const outsider = await get('/api/working-groups?organization=a2im');
    expect(outsider.body.items).toEqual([]);
  });

  it('answers 404 for an unknown group', async () => {
    const { status, body } = await get('/api/working-groups/nope');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});
