import type { AppContext } from '../context.ts';
import type { App } from '../http/types.ts';
import { checkInListSchema, checkInSchema } from './schema.ts';
import { checkIn, listCheckIns } from './service.ts';

/** Check-in at the door and at sessions. Staff only; every answer is about people, so none is cached. */
export function checkInRoutes(app: App, ctx: AppContext): void {
  app.post('/api/events/:slug/check-ins', { schema: checkInSchema }, async (request, reply) => {
    const answer = await checkIn(ctx, request.viewer, request.params.slug, request.body);
    return reply.code(answer.outcome === 'checked_in' ? 201 : 200).send(answer);
  });

  app.get('/api/events/:slug/check-ins', { schema: checkInListSchema }, (request) =>
    listCheckIns(ctx, request.viewer, request.params.slug, request.query.session),
  );
}
