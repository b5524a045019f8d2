import { type SQL, sql } from 'drizzle-orm';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountRole } from '../../shared/domain.ts';
import { signedInAs } from '../../test/accounts.ts';
import { databaseKinds, freshDatabase } from '../../test/databases.ts';
import { buildApp } from '../app.ts';
import { rows } from '../db/client.ts';
import { type Runtime, startRuntime } from '../runtime.ts';
import type { App } from './types.ts';

/**
 * The role × route matrix. Every route the app registers is collected as it
 * is registered (an onRoute hook added to each Fastify instance the app
 * creates), so a route added anywhere shows up here on its own; a route
 * missing from POLICY fails the first test until someone decides who may
 * call it. Each restricted route is then called by every kind of viewer, with
 * a request that is valid for the allowed ones, in a small world of its own:
 * an organisation X with a person P, another organisation Y, an event with a
 * session, a venue and a working group.
 */
const registered = vi.hoisted(() => ({ routes: [] as { method: string; url: string }[] }));

vi.mock('fastify', async (importOriginal) => {
  const actual = await importOriginal<typeof import('fastify')>();
  const withRouteList = ((options: Parameters<typeof actual.default>[0]) => {
    const app = actual.default(options);
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) registered.routes.push({ method, url: route.url });
    });
    return app;
  }) as typeof actual.default;
  return { ...actual, default: withRouteList };
});

type Who = 'anonymous' | 'delegate' | 'self' | 'partnerOfX' | 'managerOfX' | 'managerOfY' | 'admin';

const VIEWERS: Record<Who, string> = {
  anonymous: 'the public',
  delegate: 'a delegate',
  self: 'P themself (a delegate)',
  partnerOfX: "X's partner contact",
  managerOfX: "X's manager",
  managerOfY: "Y's manager (another organisation)",
  admin: 'a network admin',
};

interface World {
  n: number;
  organization: { slug: string; version: number };
  person: { id: string; version: number };
  /** Someone in no organisation, for adding to X. */
  stranger: { id: string };
  event: { slug: string; version: number };
  session: { id: string; version: number };
  venue: { slug: string; version: number };
  group: { slug: string; version: number };
}

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  payload?: object;
}

type Rule =
  /** Anyone, signed in or not: checked with the anonymous public only. */
  | { who: 'public'; why: string }
  | {
      who: readonly Who[];
      call: (world: World) => Call;
      /** Allowed callers cannot form a valid request (e.g. a WebAuthn answer): they must merely not be refused. */
      onlyNotRefused?: boolean;
      /** Runs after every other route (it removes the caller's own account). */
      last?: boolean;
    };

const ADMIN: readonly Who[] = ['admin'];
const SIGNED_IN: readonly Who[] = ['delegate', 'self', 'partnerOfX', 'managerOfX', 'managerOfY', 'admin'];
const PUBLIC_READ = { who: 'public', why: 'public read' } as const;

/** Who may call what. The rules themselves are in server/accounts/policy.ts and editing-policy.ts. */
const POLICY: Record<string, Rule> = {
  'GET /api/health': PUBLIC_READ,
  'GET /api/openapi.json': PUBLIC_READ,
  'GET /dev/mailbox': { who: 'public', why: 'outside production only, without SMTP' },
  'POST /api/auth/magic-link': { who: 'public', why: 'asking for a sign-in link' },
  'GET /auth/verify': { who: 'public', why: 'opening a sign-in link' },
  'POST /api/auth/logout': { who: 'public', why: 'ends the session, if any' },
  'POST /api/auth/passkey/options': { who: 'public', why: 'starting a passkey sign-in' },
  'POST /api/auth/passkey': { who: 'public', why: 'finishing a passkey sign-in' },

  'GET /api/me': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me' }) },
  'GET /api/me/export': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me/export' }) },
  'GET /api/me/passkeys': { who: SIGNED_IN, call: () => ({ method: 'GET', url: '/api/me/passkeys' }) },
  'POST /api/me/passkeys/options': {
    who: SIGNED_IN,
    call: () => ({ method: 'POST', url: '/api/me/passkeys/options', payload: {} }),
  },
  'POST /api/me/passkeys': {
    who: SIGNED_IN,
    // Well-formed, but no authenticator signed it: signed-in callers get past authorization, then fail verification.
    call: () => ({
      method: 'POST',
      url: '/api/me/passkeys',
      payload: {
        response: {
          id: 'AAAA',
          rawId: 'AAAA',
          type: 'public-key',
          response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' },
          clientExtensionResults: {},
        },
      },
    }),
    onlyNotRefused: true,
  },
  'DELETE /api/me/passkeys/:id': {
    who: SIGNED_IN,
    call: () => ({ method: 'DELETE', url: '/api/me/passkeys/not-a-registered-credential' }),
    onlyNotRefused: true,
  },
  'DELETE /api/me': { who: SIGNED_IN, call: () => ({ method: 'DELETE', url: '/api/me' }), last: true },
  'GET /api/audit': { who: ADMIN, call: () => ({ method: 'GET', url: '/api/audit?limit=5' }) },

  'GET /api/countries': PUBLIC_READ,
  'GET /api/organizations': PUBLIC_READ,
  'GET /api/organizations/:slug': PUBLIC_READ,
  'GET /api/people': PUBLIC_READ,
  'GET /api/people/:id': { who: 'public', why: 'contact fields filtered by viewer (privacy.test.ts)' },
  'GET /api/people/:id/sessions': PUBLIC_READ,
  'GET /api/working-groups': PUBLIC_READ,
  'GET /api/working-groups/:slug': PUBLIC_READ,
  'GET /api/events': PUBLIC_READ,
  'GET /api/events/:slug': PUBLIC_READ,
  'GET /api/events/:slug/sessions': PUBLIC_READ,
  'GET /api/events/:slug/calendar.ics': PUBLIC_READ,
  'GET /api/venues': PUBLIC_READ,
  'GET /api/sessions/:id': { who: 'public', why: 'public sessions; admins also see the others' },
  'GET /api/articles': PUBLIC_READ,
  'GET /api/articles/categories': PUBLIC_READ,
  'GET /api/articles/:slug': PUBLIC_READ,
  'GET /feed.atom': PUBLIC_READ,
  'GET /api/events/:slug/live': { who: 'public', why: 'public changes; personal messages reach only their person' },

  'POST /api/organizations': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: '/api/organizations',
      payload: { slug: `new-${w.n}`, kind: 'label', name: 'New' },
    }),
  },
  'PATCH /api/organizations/:slug': {
    who: ['admin', 'managerOfX', 'partnerOfX'],
    call: (w) => ({
      method: 'PATCH',
      url: `/api/organizations/${w.organization.slug}`,
      payload: { version: w.organization.version, website: 'https://x.example' },
    }),
  },
  'DELETE /api/organizations/:slug': {
    who: ADMIN,
    call: (w) => ({ method: 'DELETE', url: `/api/organizations/${w.organization.slug}` }),
  },
  'POST /api/people': {
    who: ['admin', 'managerOfX', 'managerOfY'],
    call: () => ({ method: 'POST', url: '/api/people', payload: { name: 'New Person' } }),
  },
  'GET /api/people/:id/editable': {
    who: ['admin', 'self', 'managerOfX'],
    call: (w) => ({ method: 'GET', url: `/api/people/${w.person.id}/editable` }),
  },
  'PATCH /api/people/:id': {
    who: ['admin', 'self', 'managerOfX'],
    call: (w) => ({
      method: 'PATCH',
      url: `/api/people/${w.person.id}`,
      payload: { version: w.person.version, bio: { en: 'Changed.' } },
    }),
  },
  'DELETE /api/people/:id': { who: ADMIN, call: (w) => ({ method: 'DELETE', url: `/api/people/${w.person.id}` }) },
  'POST /api/people/:id/affiliations': {
    who: ['admin', 'managerOfX'],
    call: (w) => ({
      method: 'POST',
      url: `/api/people/${w.stranger.id}/affiliations`,
      payload: { organization: w.organization.slug },
    }),
  },
  'DELETE /api/people/:id/affiliations/:organization': {
    who: ['admin', 'managerOfX'],
    call: (w) => ({ method: 'DELETE', url: `/api/people/${w.person.id}/affiliations/${w.organization.slug}` }),
  },
  'PATCH /api/working-groups/:slug': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/working-groups/${w.group.slug}`,
      payload: { version: w.group.version, description: { en: 'Changed.' } },
    }),
  },
  'POST /api/events': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: '/api/events',
      payload: {
        slug: `new-event-${w.n}`,
        name: { en: 'New event' },
        city: 'Quito',
        timeZone: 'America/Guayaquil',
        startsOn: '2025-06-01',
        endsOn: '2025-06-02',
      },
    }),
  },
  'PATCH /api/events/:slug': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/events/${w.event.slug}`,
      payload: { version: w.event.version, city: 'Cuenca' },
    }),
  },
  'DELETE /api/events/:slug': { who: ADMIN, call: (w) => ({ method: 'DELETE', url: `/api/events/${w.event.slug}` }) },
  'POST /api/venues': {
    who: ADMIN,
    call: (w) => ({ method: 'POST', url: '/api/venues', payload: { slug: `new-venue-${w.n}`, name: 'New venue' } }),
  },
  'PATCH /api/venues/:slug': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/venues/${w.venue.slug}`,
      payload: { version: w.venue.version, city: 'Cuenca' },
    }),
  },
  'DELETE /api/venues/:slug': { who: ADMIN, call: (w) => ({ method: 'DELETE', url: `/api/venues/${w.venue.slug}` }) },
  'POST /api/events/:slug/sessions': {
    who: ADMIN,
    call: (w) => ({
      method: 'POST',
      url: `/api/events/${w.event.slug}/sessions`,
      payload: {
        kind: 'meeting',
        title: { en: 'New meeting' },
        startsAt: '2025-05-08T10:00:00-05:00',
        endsAt: '2025-05-08T11:00:00-05:00',
      },
    }),
  },
  'PATCH /api/sessions/:id': {
    who: ADMIN,
    call: (w) => ({
      method: 'PATCH',
      url: `/api/sessions/${w.session.id}`,
      payload: { version: w.session.version, capacity: 50 },
    }),
  },
  'DELETE /api/sessions/:id': { who: ADMIN, call: (w) => ({ method: 'DELETE', url: `/api/sessions/${w.session.id}` }) },
};

describe.each(databaseKinds())('who may call which route, on %s', (kind) => {
  let app: App;
  let runtime: Runtime;
  let drop: () => Promise<void>;
  const cookies: Partial<Record<Who, string>> = {};
  let worlds = 0;

  const db = () => runtime.ctx.db;
  const one = async <T>(query: SQL) => (await rows<T>(db(), query))[0] as T;

  /** A fresh X with its person P (the X-bound accounts are pointed at them), and fresh programme and group rows. */
  async function freshWorld(): Promise<World> {
    const n = ++worlds;
    const organization = await one<{ id: string; slug: string; version: number }>(
      sql`insert into organizations (slug, kind, name) values (${`x-${n}`}, 'association', ${`Association X${n}`})
          returning id, slug, version`,
    );
    const person = await one<{ id: string; version: number }>(
      sql`insert into people (name) values (${`Person P${n}`}) returning id, version`,
    );
    await db().execute(
      sql`insert into affiliations (person_id, organization_id) values (${person.id}, ${organization.id})`,
    );
    const stranger = await one<{ id: string }>(sql`insert into people (name) values (${`Stranger ${n}`}) returning id`);
    await db().execute(
      sql`update users set organization_id = ${organization.id} where email in ('manager@x.example', 'partner@x.example')`,
    );
    await db().execute(sql`update users set person_id = ${person.id} where email = 'self@x.example'`);
    const event = await one<{ id: string; slug: string; version: number }>(
      sql`insert into events (slug, name_en, city, time_zone, starts_on, ends_on)
          values (${`event-${n}`}, 'Event', 'Quito', 'America/Guayaquil', '2025-05-07', '2025-05-09')
          returning id, slug, version`,
    );
    const session = await one<{ id: string; version: number }>(
      sql`insert into sessions (event_id, kind, title_en, starts_at, ends_at)
          values (${event.id}, 'panel', 'Panel', '2025-05-08T15:00:00Z', '2025-05-08T16:00:00Z') returning id, version`,
    );
    const venue = await one<{ slug: string; version: string }>(
      sql`insert into venues (slug, name) values (${`venue-${n}`}, 'Venue') returning slug, xmin::text as version`,
    );
    const group = await one<{ slug: string; version: number }>(
      sql`insert into working_groups (slug, name_en) values (${`group-${n}`}, 'Group') returning slug, version`,
    );
    return {
      n,
      organization,
      person,
      stranger,
      event,
      session,
      venue: { slug: venue.slug, version: Number(venue.version) },
      group,
    };
  }

  beforeAll(async () => {
    registered.routes = [];
    const fresh = await freshDatabase(kind);
    drop = fresh.drop;
    runtime = await startRuntime(fresh.database, { loadDemo: false });
    // The built web app's files are public by nature and differ per build: left out of the matrix.
    app = await buildApp(runtime.ctx, { serveWeb: false });
    await app.ready();

    const y = await one<{ id: string }>(
      sql`insert into organizations (slug, kind, name) values ('y', 'association', 'Association Y') returning id`,
    );
    // X and P are made afresh for each call (freshWorld points these accounts at them).
    const accounts: [Exclude<Who, 'anonymous'>, string, AccountRole][] = [
      ['delegate', 'delegate@x.example', 'delegate'],
      ['self', 'self@x.example', 'delegate'],
      ['partnerOfX', 'partner@x.example', 'partner'],
      ['managerOfX', 'manager@x.example', 'manager'],
      ['managerOfY', 'manager@y.example', 'manager'],
      ['admin', 'admin@x.example', 'admin'],
    ];
    for (const [who, email, role] of accounts) {
      const organizationId = who === 'managerOfY' ? y.id : null;
      cookies[who] = await signedInAs(runtime.ctx, { email, role, organizationId });
    }
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close().catch(() => {});
    await drop?.().catch(() => {});
  });

  const routeKeys = () => [
    ...new Set(
      registered.routes
        // HEAD answers as GET does; Fastify adds it to every GET route.
        .filter((route) => route.method !== 'HEAD')
        .map((route) => `${route.method} ${route.url}`),
    ),
  ];

  it('has every registered route in the policy table, and nothing the app does not have', () => {
    const routes = routeKeys();
    expect(routes.length).toBeGreaterThan(40);
    const unclassified = routes.filter((route) => !(route in POLICY));
    expect(unclassified, 'routes nobody has decided who may call: add them to POLICY').toEqual([]);
    const gone = Object.keys(POLICY).filter((route) => !routes.includes(route));
    expect(gone, 'POLICY entries for routes that no longer exist').toEqual([]);
  });

  it('never refuses the public on a public route', async () => {
    for (const route of routeKeys().filter((key) => POLICY[key]?.who === 'public')) {
      const [method, url] = route.split(' ') as [Call['method'], string];
      const response = await app.inject({
        method,
        url: url
          .replace(/:slug|:organization/g, 'no-such-thing')
          .replace(/:id/g, '00000000-0000-4000-8000-000000000000'),
      });
      expect([401, 403], route).not.toContain(response.statusCode);
    }
  });

  const restricted = Object.entries(POLICY)
    .filter((entry): entry is [string, Exclude<Rule, { who: 'public' }>] => entry[1].who !== 'public')
    .sort(([, a], [, b]) => Number(a.last ?? false) - Number(b.last ?? false));

  it.each(restricted)('%s', async (route, rule) => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const who of Object.keys(VIEWERS) as Who[]) {
      const world = await freshWorld();
      const request = rule.call(world);
      const response = await app.inject({
        ...request,
        cookies: who === 'anonymous' ? {} : { encuentro_session: cookies[who] as string },
      });
      const status = response.statusCode;
      const allowed = rule.who.includes(who);
      const refusal = who === 'anonymous' ? 401 : 403;
      const ok = allowed ? (rule.onlyNotRefused ? status !== 401 && status !== 403 : status < 300) : status === refusal;
      outcomes.push(`${VIEWERS[who]}: ${ok ? 'as the policy says' : `${status} ${response.body.slice(0, 160)}`}`);
      expected.push(`${VIEWERS[who]}: as the policy says`);
    }
    expect(outcomes, `${route} — allowed: ${rule.who.join(', ')}`).toEqual(expected);
  });
});
