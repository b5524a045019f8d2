import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { Health } from '../shared/api/common.ts';
import { translate } from '../shared/i18n/index.ts';
import { affiliationRequestRoutes } from './accounts/affiliation-requests-routes.ts';
import { auditRoutes } from './accounts/audit-routes.ts';
import { invitationRoutes } from './accounts/invitations-routes.ts';
import { myDataRoutes } from './accounts/my-data-routes.ts';
import { accountsRoutes, resolveViewer } from './accounts/routes.ts';
import { agendaSessionHooks, registerProgrammeSnapshot } from './agenda/hooks.ts';
import { agendaRoutes } from './agenda/routes.ts';
import { reminderSessionHooks } from './announcements/reminders.ts';
import { announcementsRoutes } from './announcements/routes.ts';
import { attendeesRoutes } from './attendees/routes.ts';
import { audienceRoutes } from './audience/routes.ts';
import { bingoRoutes } from './bingo/routes.ts';
import { buildingRoutes } from './building/routes.ts';
import { checkInRoutes } from './check-in/routes.ts';
import type { AppContext } from './context.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { databaseHealth } from './db/health.ts';
import { delegationsRoutes } from './delegations/routes.ts';
import { directoryEditingRoutes, directoryRoutes } from './directory/routes.ts';
import { meetingEditingRoutes, meetingRoutes } from './groups/meetings-routes.ts';
import { groupsEditingRoutes, groupsRoutes } from './groups/routes.ts';
import { drainOnClose } from './http/draining.ts';
import { errorHandler, frameworkErrorHandler, sendError } from './http/errors.ts';
import { requestLanguage } from './http/language.ts';
import { logSerializers, registerSecurity } from './http/security.ts';
import { storableValues } from './http/storable.ts';
import { serverTimeouts } from './http/timeouts.ts';
import type { App } from './http/types.ts';
import { devMailboxRoutes } from './mail/routes.ts';
import { oneToOneMeetingRoutes } from './meetings/routes.ts';
import { confirmedMeetingsFor } from './meetings/service.ts';
import type { ConnectionHooks } from './networking/hooks.ts';
import { networkingRoutes } from './networking/routes.ts';
import type { ScanRules } from './networking/scanning.ts';
import { newsPageHead } from './news/page-meta.ts';
import { newsRoutes } from './news/routes.ts';
import { profilesRoutes } from './profiles/routes.ts';
import { eventIdForSlug } from './programme/queries.ts';
import { programmeEditingRoutes, programmeRoutes } from './programme/routes.ts';
import { liveRoutes } from './realtime/live-routes.ts';
import { rsvpRoutes } from './rsvp/routes.ts';

export const WEB_ROOT = join(import.meta.dirname, '..', 'dist', 'web');

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /**
   * Proxies whose X-Forwarded-* headers are believed (TRUST_PROXY): their
   * addresses or ranges. Default: none, so a client's own X-Forwarded-For
   * changes neither its IP (rate limits) nor the protocol (HSTS, Secure cookies).
   */
  trustProxy?: false | string[];
  /** Serve the built web app from dist/web when it exists (default true). */
  serveWeb?: boolean;
  /** What other capabilities do when two people connect (the bingo stamps cards). */
  connectionHooks?: ConnectionHooks;
  /** Fair-play settings of scanning (tests shorten the pace). */
  scanRules?: Partial<ScanRules>;
  /** How long a client may take to send a request (config REQUEST_TIMEOUT_MS; tests shorten it). */
  requestTimeoutMs?: number;
  /** Told of every route as it is registered, in every plugin (the role × route test lists them so). */
  onRoute?: (route: { method: string; url: string }) => void;
}

export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? false;
  const app = Fastify({
    logger:
      typeof logger === 'object' ? { ...logger, serializers: { ...logSerializers, ...logger.serializers } } : logger,
    ...serverTimeouts(options.requestTimeoutMs),
    // A request that reaches a stopping instance is still answered (the database stays open until the
    // last one is), rather than refused with a 503 of Fastify's own shape.
    return503OnClosing: false,
    trustProxy: options.trustProxy ?? false,
    ajv: {
      customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false },
      // Texts and whole numbers of requests must be what PostgreSQL can store (decision 0025).
      plugins: [storableValues],
    },
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const { onRoute } = options;
  if (onRoute) {
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) onRoute({ method, url: route.url });
    });
  }
  drainOnClose(app as unknown as App);
  await app.register(fastifyCookie);
  app.decorateRequest('language', 'en');
  app.decorateRequest('viewer', null);
  app.addHook('preValidation', async (request) => {
    request.language = requestLanguage(request);
  });
  // Language must be known for errors raised before validation (unknown routes, unreadable bodies).
  app.addHook('onRequest', async (request) => {
    request.language = requestLanguage(request);
  });
  await registerSecurity(app as unknown as App, ctx);
  app.addHook('onRequest', async (request, reply) => {
    if (/^\/(api|auth|dev)\//.test(request.url)) await resolveViewer(ctx, request, reply);
  });
  // Mail asked for by a request goes out after its answer; closing waits for it.
  app.addHook('onClose', () => ctx.background.idle());
  app.setErrorHandler(errorHandler);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Encuentro API',
        version: '0.1.0',
        description:
          'The directory, trip programmes and networking of an international network of trade associations. ' +
          'Errors are { error: { code, message } }; lists are { items: [...] }. Texts come in both languages ({ en, es }); ' +
          'error messages follow ?lang=, the lang cookie or Accept-Language.',
      },
      tags: [
        { name: 'health', description: 'Liveness of the app and its database' },
        { name: 'accounts', description: 'Sign-in by e-mail link, sessions and the signed-in account' },
        { name: 'directory', description: 'Organisations, people and countries' },
        { name: 'groups', description: 'Working groups' },
        { name: 'building', description: 'Association-building programmes: milestones, promoters, timelines' },
        { name: 'programme', description: 'Events, sessions and calendar feeds' },
        { name: 'live', description: 'Live updates of an event (Server-Sent Events)' },
        { name: 'delegations', description: 'Delegations to events: members, travel dates, funding, manifest' },
        { name: 'rsvp', description: 'Seats at sessions, the waitlist, and in-app notices' },
        { name: 'bingo', description: 'The connection bingo: cards, leaderboard, big screen and the prize draw' },
        { name: 'networking', description: 'Badges, scans between attendees and their contacts' },
        { name: 'agenda', description: 'My trip: my sessions, clashes, and my personal calendar feed' },
        {
          name: 'announcements',
          description: 'Announcements to attendees, my inbox, reminders and push notifications',
        },
      ],
    },
    hideUntagged: true,
  });

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Is the app up, and on which database',
        description: '200 when this instance answers correctly (ok, or degraded: live updates paused); 503 when not.',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const health = await databaseHealth(ctx.database);
      return reply.code(health.status === 'unavailable' ? 503 : 200).send(health);
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  accountsRoutes(app, ctx);
  myDataRoutes(app, ctx);
  devMailboxRoutes(app, ctx);
  directoryRoutes(app, ctx);
  groupsRoutes(app, ctx);
  programmeRoutes(app, ctx);
  directoryEditingRoutes(app, ctx);
  groupsEditingRoutes(app, ctx);
  meetingRoutes(app, ctx);
  meetingEditingRoutes(app, ctx);
  buildingRoutes(app, ctx);
  const agendaHooks = agendaSessionHooks(ctx);
  const reminderHooks = reminderSessionHooks(ctx);
  programmeEditingRoutes(app, ctx, {
    async afterSessionChange(notice) {
      await agendaHooks.afterSessionChange(notice);
      await reminderHooks.afterSessionChange(notice);
    },
  });
  auditRoutes(app, ctx);
  affiliationRequestRoutes(app, ctx);
  invitationRoutes(app, ctx);
  newsRoutes(app, ctx);
  const bingo = bingoRoutes(app, ctx);
  networkingRoutes(app, ctx, {
    hooks: options.connectionHooks ?? bingo,
    ...(options.scanRules ? { rules: options.scanRules } : {}),
  });
  agendaRoutes(app, ctx, { meetingsOf: (personId) => confirmedMeetingsFor(ctx, personId) });
  registerProgrammeSnapshot(ctx);
  delegationsRoutes(app, ctx);
  rsvpRoutes(app, ctx);
  await attendeesRoutes(app, ctx);
  checkInRoutes(app, ctx);
  audienceRoutes(app, ctx);
  oneToOneMeetingRoutes(app, ctx);
  await profilesRoutes(app, ctx);
  dashboardRoutes(app, ctx);
  announcementsRoutes(app, ctx);
  liveRoutes(app, ctx.live, { eventIdForSlug: (slug) => eventIdForSlug(ctx.db, slug) });

  const serveWeb = (options.serveWeb ?? true) && existsSync(join(WEB_ROOT, 'index.html'));
  const indexHtml = serveWeb ? readFileSync(join(WEB_ROOT, 'index.html'), 'utf8') : '';
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: WEB_ROOT,
      wildcard: false,
      index: false,
      // Hashed assets never change; everything else is revalidated.
      setHeaders(reply, path) {
        reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  // Extra <head> for pages whose previews must work without script (an article's social tags).
  const pageHead = newsPageHead(ctx);

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith('/api/') &&
      !/\.[a-z0-9]+$/i.test(path);
    if (serveWeb && wantsPage) {
      // Client-side routes: the app shell answers and the router takes over.
      const head = await pageHead(path, request.language, ctx.publicUrl);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(head ? indexHtml.replace('</head>', () => `${head}\n</head>`) : indexHtml);
    }
    return sendError(
      reply,
      404,
      'not_found',
      translate(request.language, 'error.not_found.route', { method: request.method, path }),
    );
  });

  return app as unknown as App;
}
