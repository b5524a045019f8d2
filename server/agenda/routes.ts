import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import { type CalendarMeeting, personalCalendar } from './calendar.ts';
import {
  agendaSchema,
  calendarFeedStateSchema,
  createCalendarTokenSchema,
  myEventsSchema,
  personalCalendarSchema,
  revokeCalendarTokenSchema,
} from './schema.ts';
import {
  calendarFeedState,
  createCalendarToken,
  feedOwner,
  getAgenda,
  heldEverywhere,
  myEvents,
  revokeCalendarToken,
} from './service.ts';

/** What the agenda shows beside sessions, given by the capabilities that own it (app.ts wires them). */
export interface AgendaSources {
  /** My confirmed one-to-one meetings at every event, with their table. */
  meetingsOf?: (personId: string) => Promise<CalendarMeeting[]>;
}

/** My trip and my calendar feed. Personal answers: never in the shared read cache. */
export function agendaRoutes(app: App, ctx: AppContext, sources: AgendaSources = {}): void {
  app.get('/api/me/agenda', { schema: agendaSchema }, async (request, reply) => {
    reply.header('cache-control', 'private, no-cache');
    return getAgenda(ctx, request.viewer, request.query);
  });

  app.get('/api/me/events', { schema: myEventsSchema }, async (request, reply) => {
    reply.header('cache-control', 'private, no-cache');
    return myEvents(ctx, request.viewer);
  });

  app.get('/api/me/calendar-token', { schema: calendarFeedStateSchema }, (request) =>
    calendarFeedState(ctx, request.viewer),
  );
  app.post('/api/me/calendar-token', { schema: createCalendarTokenSchema }, async (request, reply) =>
    reply
      .code(201)
      .header('cache-control', 'no-store')
      .send(await createCalendarToken(ctx, request.viewer, ctx.publicUrl, request.language)),
  );
  app.delete('/api/me/calendar-token', { schema: revokeCalendarTokenSchema }, (request) =>
    revokeCalendarToken(ctx, request.viewer),
  );

  app.get('/api/me/calendar.ics', { schema: personalCalendarSchema }, async (request, reply) => {
    const owner = await feedOwner(ctx, request.query.token, request.query.lang, request.language);
    const trips = await heldEverywhere(ctx, owner.personId);
    const meetings = (await sources.meetingsOf?.(owner.personId)) ?? [];
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-cache')
      .header('content-disposition', 'inline; filename="my-trip.ics"')
      .send(personalCalendar(trips, owner.language, ctx.publicUrl, meetings));
  });
}
