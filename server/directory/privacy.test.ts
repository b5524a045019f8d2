import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../../test/accounts.ts';
import { startTestApp, type TestApp } from '../../test/app.ts';
import { databaseKinds } from '../../test/databases.ts';
import { rows } from '../db/client.ts';

interface PersonFacts {
  id: string;
  email: string;
  visibility: 'private' | 'connections' | 'members' | 'public';
  organizations: string[];
  /** The people this person chose to share their address with when they connected. */
  sharedWith: string[];
}

interface ViewerKind {
  name: string;
  cookie?: string;
  /** Independent statement of the rule: may this viewer see this person's address? */
  maySee(person: PersonFacts): boolean;
}

/**
 * The privacy walk: every endpoint that returns people, read by every kind of
 * viewer, must never carry an address its owner did not allow that viewer to
 * see — and the person page must show the ones it does allow.
 */
describe.each(databaseKinds())('contact privacy on %s', (kind) => {
  let t: TestApp;
  let people: PersonFacts[];
  const viewers: ViewerKind[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind);
    const db = t.runtime.ctx.db;
    people = await rows<PersonFacts>(
      db,
      sql`select p.id, p.email, p.email_visibility as visibility,
                 coalesce(array_agg(distinct o.slug) filter (where o.slug is not null), '{}') as organizations,
                 coalesce((select array_agg(sh.contact_person_id::text) from contact_shares sh
                           where sh.owner_person_id = p.id and sh.email), '{}') as "sharedWith"
          from people p left join affiliations a on a.person_id = p.id left join organizations o on o.id = a.organization_id
          where p.email is not null group by p.id`,
    );
    const organizationId = async (slug: string) =>
      (await rows<{ id: string }>(db, sql`select id from organizations where slug = ${slug}`))[0]?.id as string;
    const someone = people.find((p) => p.visibility === 'private' && p.organizations.includes('admi')) as PersonFacts;
    const account = (email: string, role: 'admin' | 'manager' | 'delegate', extra: object = {}) =>
      signedInAs(t.runtime.ctx, { email, role, ...extra });
    const signedIn = (p: PersonFacts) => p.visibility === 'public' || p.visibility === 'members';
    viewers.push(
      { name: 'the public', maySee: (p) => p.visibility === 'public' },
      {
        name: 'a delegate',
        cookie: await account('delegate@privacy.test', 'delegate'),
        maySee: signedIn,
      },
      {
        name: 'the person themself',
        cookie: await account('self@privacy.test', 'delegate', { personId: someone.id }),
        maySee: (p) => signedIn(p) || p.id === someone.id || p.sharedWith.includes(someone.id),
      },
      {
        name: "ADMI's manager",
        cookie: await account('manager@privacy.test', 'manager', { organizationId: await organizationId('admi') }),
        maySee: (p) => signedIn(p) || p.organizations.includes('admi'),
      },
      {
        name: "another organisation's manager",
        cookie: await account('other@privacy.test', 'manager', { organizationId: await organizationId('a2im') }),
        maySee: (p) => signedIn(p) || p.organizations.includes('a2im'),
      },
      { name: 'an admin', cookie: await account('admin@privacy.test', 'admin'), maySee: () => true },
    );
  });
  afterAll(() => t?.close());

  const read = async (viewer: ViewerKind, url: string) => {
    const response = await t.app.inject({
      url,
      cookies: viewer.cookie ? { encuentro_session: viewer.cookie } : {},
    });
    expect(response.statusCode, url).toBe(200);
    return response.body;
  };

  it('has people of every visibility to walk over', () => {
    const kinds = new Set(people.map((p) => p.visibility));
    for (const visibility of ['private', 'members', 'public']) expect(kinds.has(visibility as never)).toBe(true);
  });

  it('never serialises an address to a viewer who may not see it, on any endpoint that returns people', async () => {
    const organizations = (await t.app.inject('/api/organizations')).json().items.map((o: { slug: string }) => o.slug);
    const urls = [
      '/api/people',
      '/api/people?country=MX',
      '/api/events/fim-gdl-2024/sessions',
      '/api/working-groups/latam-network',
      ...people.map((p) => `/api/people/${p.id}`),
      ...people.map((p) => `/api/people/${p.id}/sessions`),
      ...organizations.map((slug: string) => `/api/organizations/${slug}`),
    ];
    for (const viewer of viewers) {
      for (const url of urls) {
        const body = await read(viewer, url);
        for (const person of people) {
          if (body.includes(person.email)) {
            expect(viewer.maySee(person), `${viewer.name} saw ${person.visibility} ${person.email} at ${url}`).toBe(
              true,
            );
          }
        }
      }
    }
  });

  it('shows a “connections” address to the people its owner met at an event, and not to others', async () => {
    const db = t.runtime.ctx.db;
    const make = async (name: string, email: string) =>
      (
        (
          await rows<{ id: string }>(
            db,
            sql`insert into people (name, email, email_visibility) values (${name}, ${email}, 'connections') returning id`,
          )
        )[0] as { id: string }
      ).id;
    const owner = await make('Owner Of Address', 'owner@connections.test');
    const met = await make('Met At Event', 'met@connections.test');
    await db.execute(
      sql`insert into connections (event_id, person_low, person_high, scanner_person_id, method, scanned_at, received_at)
          select e.id, least(${owner}::uuid, ${met}::uuid), greatest(${owner}::uuid, ${met}::uuid), ${met}, 'short_code', now(), now()
          from events e where e.slug = 'fim-gdl-2024'`,
    );
    const metViewer: ViewerKind = {
      name: 'someone connected with them',
      cookie: await signedInAs(t.runtime.ctx, { email: 'met@privacy.test', role: 'delegate', personId: met }),
      maySee: () => true,
    };
    const emailFor = async (viewer: ViewerKind) =>
      JSON.parse(await read(viewer, `/api/people/${owner}`)).contact.email as string | undefined;
    expect(await emailFor(metViewer)).toBe('owner@connections.test');
    for (const viewer of viewers) {
      const mayAlways = viewer.name === 'an admin';
      expect(await emailFor(viewer), viewer.name).toBe(mayAlways ? 'owner@connections.test' : undefined);
    }
  });

  it('shows on the person page every address the viewer may see', async () => {
    for (const viewer of viewers) {
      for (const person of people) {
        const body = JSON.parse(await read(viewer, `/api/people/${person.id}`));
        expect(body.contact.email === person.email, `${viewer.name} / ${person.visibility}`).toBe(
          viewer.maySee(person),
        );
      }
    }
  });
});
