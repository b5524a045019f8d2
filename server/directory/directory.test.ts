import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';

describe.each(databaseKinds())('directory on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await t.app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  };

  it('lists the associations of the network with their parent', async () => {
    const { status, body } = await get('/api/organizations?kind=association');
    expect(status).toBe(200);
    const slugs = body.items.map((o: { slug: string }) => o.slug);
    for (const slug of ['a2im', 'cima', 'imichile', 'ami-paraguay', 'asiar', 'ufi', 'impala', 'admi']) {
      expect(slugs).toContain(slug);
    }
    const a2im = body.items.find((o: { slug: string }) => o.slug === 'a2im');
    expect(a2im.memberOf).toMatchObject({ slug: 'win', kind: 'network' });
    expect(a2im.country).toMatchObject({ code: 'US', name: { en: 'United States', es: 'Estados Unidos' } });
  });

  it('filters by country and by region', async () => {
    const mexico = await get('/api/organizations?country=mx');
    expect(mexico.body.items.length).toBeGreaterThan(0);
    expect(mexico.body.items.every((o: { country: { code: string } }) => o.country.code === 'MX')).toBe(true);
    const europe = await get('/api/organizations?region=europe');
    const codes = new Set(europe.body.items.map((o: { country: { code: string } }) => o.country.code));
    expect(codes.has('ES')).toBe(true);
    expect(codes.has('MX')).toBe(false);
  });

  it('finds IMICHILE despite a typo, and ranks it first', async () => {
    const { body } = await get('/api/organizations?q=imichle');
    expect(body.items[0].slug).toBe('imichile');
  });

  it('finds Noemí Planas without the accent and in any case', async () => {
    for (const q of ['noemi planas', 'NOEMI', 'Noemí Planas', 'planas']) {
      const { body } = await get(`/api/people?q=${encodeURIComponent(q)}`);
      expect(body.items[0]?.name, q).toBe('Noemí Planas');
    }
  });

  it('finds organisations by an accented name typed without accents', async () => {
    const { body } = await get('/api/organizations?q=chilemusica');
    expect(body.items[0].name).toBe('Chilemúsica');
  });

  it('returns nothing rather than everything for a query that matches nothing', async () => {
    const { status, body } = await get('/api/organizations?q=zzxqv');
    expect(status).toBe(200);
    expect(body.items).toEqual([]);
  });

  it('shows an organisation with its people, roles and members', async () => {
    const { status, body } = await get('/api/organizations/win');
    expect(status).toBe(200);
    expect(body.kind).toBe('network');
    const ceo = body.people.find((p: { name: string }) => p.name === 'Noemí Planas');
    expect(ceo.role.en).toBe('CEO');
    expect(ceo.role.es).toBeTruthy();
    expect(body.members.map((m: { slug: string }) => m.slug)).toEqual(expect.arrayContaining(['a2im', 'admi']));
  });

  it('shows a person with affiliations and only public contact fields', async () => {
    const list = await get('/api/people?organization=partisan-records');
    const zena = list.body.items.find((p: { name: string }) => p.name === 'Zena White');
    expect(zena).toBeDefined();
    const { body } = await get(`/api/people/${zena.id}`);
    const organizations = body.affiliations.map((a: { organization: { slug: string } }) => a.organization.slug);
    expect(organizations).toEqual(expect.arrayContaining(['win', 'partisan-records']));

    const everyone = await get('/api/people');
    for (const person of everyone.body.items.slice(0, 60)) {
      const detail = await get(`/api/people/${person.id}`);
      expect(detail.body).not.toHaveProperty('email');
      // A private or members-only address never reaches the public.
      if (detail.body.contact.email) expect(detail.body.fictional).toBe(true);
    }
  });

  it('never shows a private e-mail address to the public', async () => {
    const everyone = await get('/api/people?country=us');
    const serialized = JSON.stringify(everyone.body);
    expect(serialized).not.toMatch(/@example\.org/);
  });

  it('answers 404 for an unknown organisation, in the asked language', async () => {
    const en = await get('/api/organizations/nowhere');
    expect(en.status).toBe(404);
    expect(en.body.error.code).toBe('not_found');
    expect(en.body.error.message).toContain('nowhere');
    const es = await get('/api/organizations/nowhere', { 'accept-language': 'es-AR,es;q=0.9' });
    expect(es.body.error.message).toMatch(/No existe la organización/);
  });

  it('answers 400 naming the parameter for a bad filter', async () => {
    const { status, body } = await get('/api/organizations?kind=orchestra');
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message).toContain('kind');
    expect(body.error.message).toContain('association');
    const person = await get('/api/people/not-a-uuid?lang=es');
    expect(person.status).toBe(400);
    expect(person.body.error.message).toContain('«id»');
  });

  it('lists the countries with their regions in both languages', async () => {
    const { body } = await get('/api/countries');
    const mexico = body.items.find((c: { code: string }) => c.code === 'MX');
    expect(mexico).toMatchObject({ name: { en: 'Mexico', es: 'México' }, region: { code: 'latin-america' } });
    // The whole ISO 3166 list is there for data entry; filters ask only for countries in use.
    expect(body.items.length).toBe(249);
    const inUse = await get('/api/countries?with=organizations');
    const codes = inUse.body.items.map((c: { code: string }) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['AR', 'MX', 'US', 'ES']));
    expect(codes).not.toContain('FR');
    expect(codes.length).toBeLessThan(20);
  });
});
