import type { AppContext } from '../context.ts';
import { sendCachedJson } from '../http/cached-json.ts';
import type { App } from '../http/types.ts';
import { programmeCalendar } from './calendar.ts';
import {
  calendarSchema,
  getEventSchema,
  listEventsSchema,
  listSessionsSchema,
  speakerSessionsSchema,
} from './schema.ts';
import { eventProgramme, getEvent, listEvents, listSessions, listSessionsOfSpeaker } from './service.ts';

export function programmeRoutes(app: App, ctx: AppContext): void {
  app.get('/api/events', { schema: listEventsSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({ items: await listEvents(ctx) })),
  );

  app.get('/api/events/:slug', { schema: getEventSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, () => getEvent(ctx, request.params.slug)),
  );

  app.get('/api/events/:slug/sessions', { schema: listSessionsSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, () => listSessions(ctx, request.params.slug, request.query)),
  );

  app.get('/api/people/:id/sessions', { schema: speakerSessionsSchema }, (request, reply) =>
    sendCachedJson(ctx.cache, request, reply, async () => ({
      items: await listSessionsOfSpeaker(ctx, request.params.id),
    })),
  );

  app.get('/api/events/:slug/calendar.ics', { schema: calendarSchema }, async (request, reply) => {
    const { slug } = request.params;
    const language = request.language;
    const baseUrl = `${request.protocol}://${request.host}`;
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
