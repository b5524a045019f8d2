import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import {
  availabilitySchema,
  changeMeetingSchema,
  createSpaceSchema,
  listSpacesSchema,
  matchesSchema,
  myMeetingsSchema,
  putAvailabilitySchema,
  requestMeetingSchema,
  scheduleSchema,
  staffMeetingsSchema,
} from './schema.ts';
import {
  changeMeeting,
  createSpace,
  getAvailability,
  listMatches,
  listSpaces,
  myMeetings,
  putAvailability,
  requestMeeting,
  runSchedule,
  staffMeetings,
} from './service.ts';

/** One-to-one meetings at an event. Everything but the spaces is personal or staff's: never cached. */
export function oneToOneMeetingRoutes(app: App, ctx: AppContext): void {
  app.get('/api/events/:slug/meeting-spaces', { schema: listSpacesSchema }, (request) =>
    listSpaces(ctx, request.params.slug),
  );
  app.post('/api/events/:slug/meeting-spaces', { schema: createSpaceSchema }, async (request, reply) =>
    reply.code(201).send(await createSpace(ctx, request.viewer, request.params.slug, request.body)),
  );

  app.get('/api/events/:slug/availability', { schema: availabilitySchema }, async (request, reply) => {
    reply.header('cache-control', 'private, no-cache');
    return getAvailability(ctx, request.viewer, request.params.slug);
  });
  app.put('/api/events/:slug/availability', { schema: putAvailabilitySchema }, (request) =>
    putAvailability(ctx, request.viewer, request.params.slug, request.body),
  );

  app.post('/api/events/:slug/meetings', { schema: requestMeetingSchema }, async (request, reply) =>
    reply.code(201).send(await requestMeeting(ctx, request.viewer, request.params.slug, request.body)),
  );
  app.get('/api/events/:slug/meetings', { schema: staffMeetingsSchema }, (request) =>
    staffMeetings(ctx, request.viewer, request.params.slug),
  );
  app.patch('/api/meetings/:id', { schema: changeMeetingSchema }, (request) =>
    changeMeeting(ctx, request.viewer, request.params.id, request.body),
  );
  app.get('/api/me/meetings', { schema: myMeetingsSchema }, async (request, reply) => {
    reply.header('cache-control', 'private, no-cache');
    return myMeetings(ctx, request.viewer, request.query.event);
  });

  app.get('/api/events/:slug/matches', { schema: matchesSchema }, async (request, reply) => {
    reply.header('cache-control', 'private, no-cache');
    return listMatches(ctx, request.viewer, request.params.slug, request.language);
  });

  app.post('/api/events/:slug/meetings/schedule', { schema: scheduleSchema }, (request) =>
    runSchedule(ctx, request.viewer, request.params.slug, request.body),
  );
}
