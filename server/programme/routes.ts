import type { AppContext } from '../context.ts';
import { sendCachedJson } from '../http/cached-json.ts';
import type { App } from '../http/types.ts';
import { programmeCalendar } from './calendar.ts';
import {
  createEvent,
  createSession,
  createVenue,
  deleteEvent,
  deleteSession,
  deleteVenue,
  getSession,
  listVenues,
  type SessionHooks,
  updateEvent,
  updateSession,
  updateVenue,
} from './editing.ts';
import {
  calendarSchema,
  createEventSchema,
  createSessionSchema,
  createVenueSchema,
  deleteEventSchema,
  deleteSessionSchema,
  deleteVenueSchema,
  getEventSchema,
  getSessionSchema,
  listEventsSchema,
  listSessionsSchema,
  listVenuesSchema,
  speakerSessionsSchema,
  updateEventSchema,
  updateSessionSchema,
  updateVenueSchema,
} from './schema.ts';
import { eventProgramme, getEvent, listEvents, listSessions, listSessionsOfSpeaker } from './service.ts';

export function programmeRoutes(app: App, ctx: AppContext): void {
  app.get('/api/events', { schema: listEventsSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({ items: await listEvents(ctx) })),
  );

  // Signed-in viewers may see members- and delegates-only sessions: only the public answer is cached.
  app.get('/api/events/:slug', { schema: getEventSchema }, (request, reply) =>
    request.viewer
      ? getEvent(ctx, request.params.slug, request.viewer)
      : sendCachedJson(ctx.cache, request, reply, () => getEvent(ctx, request.params.slug)),
  );

  app.get('/api/events/:slug/sessions', { schema: listSessionsSchema }, (request, reply) =>
    request.viewer
      ? listSessions(ctx, request.params.slug, request.query, request.viewer)
      : sendCachedJson(ctx.cache, request, reply, () => listSessions(ctx, request.params.slug, request.query)),
  );

  app.get('/api/people/:id/sessions', { schema: speakerSessionsSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({
      items: await listSessionsOfSpeaker(ctx, request.params.id),
    })),
  );

  app.get('/api/events/:slug/calendar.ics', { schema: calendarSchema }, async (request, reply) => {
    const { slug } = request.params;
    const language = request.language;
    const baseUrl = ctx.publicUrl;
    const body = await ctx.cache.get(`calendar|${slug}|${language}|${baseUrl}`, async () => {
      const { event, sessions } = await eventProgramme(ctx, slug);
      return programmeCalendar(event, sessions, language, baseUrl);
    });
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="${slug}.ics"`)
      .send(body);
  });
}

/** Reads that serve the editors, and the writes (admins only; the rules live in editing.ts). */
export function programmeEditingRoutes(app: App, ctx: AppContext, sessionHooks?: SessionHooks): void {
  app.get('/api/venues', { schema: listVenuesSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({ items: await listVenues(ctx) })),
  );

  // Only the public answer is cached. A signed-in viewer may also see the members' or the
  // delegates' sessions the programme lists to them, so their answer is their own.
  app.get('/api/sessions/:id', { schema: getSessionSchema }, (request, reply) =>
    request.viewer
      ? getSession(ctx, request.params.id, request.viewer)
      : sendCachedJson(ctx.cache, request, reply, () => getSession(ctx, request.params.id, null)),
  );

  app.post('/api/events', { schema: createEventSchema }, async (request, reply) =>
    reply.code(201).send(await createEvent(ctx, request.viewer, request.body)),
  );
  app.patch('/api/events/:slug', { schema: updateEventSchema }, (request) =>
    updateEvent(ctx, request.viewer, request.params.slug, request.body),
  );
  app.delete('/api/events/:slug', { schema: deleteEventSchema }, (request) =>
    deleteEvent(ctx, request.viewer, request.params.slug, request.query.version),
  );

  app.post('/api/venues', { schema: createVenueSchema }, async (request, reply) =>
    reply.code(201).send(await createVenue(ctx, request.viewer, request.body)),
  );
  app.patch('/api/venues/:slug', { schema: updateVenueSchema }, (request) =>
    updateVenue(ctx, request.viewer, request.params.slug, request.body),
  );
  app.delete('/api/venues/:slug', { schema: deleteVenueSchema }, (request) =>
    deleteVenue(ctx, request.viewer, request.params.slug, request.query.version),
  );

  app.post('/api/events/:slug/sessions', { schema: createSessionSchema }, async (request, reply) =>
    reply.code(201).send(await createSession(ctx, request.viewer, request.params.slug, request.body, sessionHooks)),
  );
  app.patch('/api/sessions/:id', { schema: updateSessionSchema }, (request) =>
    updateSession(ctx, request.viewer, request.params.id, request.body, sessionHooks),
  );
  app.delete('/api/sessions/:id', { schema: deleteSessionSchema }, (request) =>
    deleteSession(ctx, request.viewer, request.params.id, request.query.version, sessionHooks),
  );
}
