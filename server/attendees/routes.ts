import { MAX_IMPORT_BYTES } from '../../shared/api/attendees.ts';
import type { AppContext } from '../context.ts';
import { toCsv } from '../http/csv.ts';
import type { App } from '../http/types.ts';
import { importAttendees } from './import.ts';
import { getPersonRoles, setPersonRoles } from './roles.ts';
import {
  attendeesCsvSchema,
  getPersonRolesSchema,
  importAttendeesSchema,
  listAttendeesSchema,
  setAttendeeFlagsSchema,
  setPersonRolesSchema,
} from './schema.ts';
import { attendeesCsvLines, listAttendees, setAttendeeFlags } from './service.ts';

/** Room for the JSON around the largest CSV text or rows an import may hold. */
const IMPORT_BODY_LIMIT = MAX_IMPORT_BYTES + 64 * 1024;

export async function attendeesRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get('/api/events/:slug/attendees', { schema: listAttendeesSchema }, async (request) => ({
    items: await listAttendees(ctx, request.viewer, request.params.slug),
  }));
  app.get('/api/events/:slug/attendees.csv', { schema: attendeesCsvSchema }, async (request, reply) => {
    const lines = await attendeesCsvLines(ctx, request.viewer, request.params.slug);
    const csv = toCsv(lines, {
      header: true,
      columns: [
        'name',
        'email',
        'organization',
        'country',
        'delegation',
        'role',
        'status',
        'invited_at',
        'last_sign_in_at',
      ],
    });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${request.params.slug}-attendees.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
  app.patch('/api/events/:slug/attendees/:personId', { schema: setAttendeeFlagsSchema }, (request) =>
    setAttendeeFlags(ctx, request.viewer, request.params.slug, request.params.personId, request.body),
  );

  app.get('/api/people/:id/roles', { schema: getPersonRolesSchema }, (request) =>
    getPersonRoles(ctx, request.viewer, request.params.id),
  );
  app.put('/api/people/:id/roles', { schema: setPersonRolesSchema }, (request) =>
    setPersonRoles(ctx, request.viewer, request.params.id, request.body),
  );

  // The import alone also reads a text/csv body. Unlike text/plain (refused everywhere, server/http/security.ts),
  // text/csv is not a type a page of another site may send without a CORS preflight, which we never grant.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    (scope as unknown as App).post(
      '/api/events/:slug/attendees/import',
      { schema: importAttendeesSchema, bodyLimit: IMPORT_BODY_LIMIT },
      (request) =>
        importAttendees(
          ctx,
          request.viewer,
          request.params.slug,
          {
            body: request.body,
            dryRun: request.query.dryRun !== 'false',
            confirm:
              typeof request.body === 'string'
                ? (request.query.confirm?.split(',').map(Number) ?? [])
                : (request.body.confirm ?? []),
          },
          request.language,
        ),
    );
  });
}
