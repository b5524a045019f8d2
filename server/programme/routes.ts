import type { AppContext } from '../context.ts';
import { type EditingKit, editingErrorHandler } from '../directory/editing.ts';
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
export function programmeEditingRoutes(app: App, ctx: AppContext, kit: EditingKit, sessionHooks?: SessionHooks): void {
  const writes = { errorHandler: editingErrorHandler };

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

  app.post('/api/events', { schema: createEventSchema, ...writes }, async (request, reply) =>
    reply.code(201).send(await createEvent(ctx, kit, request.viewer, request.body)),
  );
  app.patch('/api/events/:slug', { schema: updateEventSchema, ...writes }, (request) =>
    updateEvent(ctx, kit, request.viewer, request.params.slug, request.body),
  );
  app.delete('/api/events/:slug', { schema: deleteEventSchema, ...writes }, (request) =>
    deleteEvent(ctx, kit, request.viewer, request.params.slug, request.query.version),
  );

  app.post('/api/venues', { schema: createVenueSchema, ...writes }, async (request, reply) =>
    reply.code(201).send(await createVenue(ctx, kit, request.viewer, request.body)),
  );
  app.patch('/api/venues/:slug', { schema: updateVenueSchema, ...writes }, (request) =>
    updateVenue(ctx, kit, request.viewer, request.params.slug, request.body),
  );
  app.delete('/api/venues/:slug', { schema: deleteVenueSchema, ...writes }, (request) =>
    deleteVenue(ctx, kit, request.viewer, request.params.slug, request.query.version),
  );

  app.post('/api/events/:slug/sessions', { schema: createSessionSchema, ...writes }, async (request, reply) =>
    reply
      .code(201)
      .send(await createSession(ctx, kit, request.viewer, request.params.slug, request.body, sessionHooks)),
  );
  app.patch('/api/sessions/:id', { schema: updateSessionSchema, ...writes }, (request) =>
    updateSession(ctx, kit, request.viewer, request.params.id, request.body, sessionHooks),
  );
  app.delete('/api/sessions/:id', { schema: deleteSessionSchema, ...writes }, (request) =>
    deleteSession(ctx, kit, request.viewer, request.params.id, request.query.version, sessionHooks),
  );
}
